// Every route of the server, in one table (make_router below). Handlers are
// plain functions Result<Reply>(const Context&, const Request&); route()
// decodes the RESTinio request into a Request and turns an error Result into
// the JSON or HTML error of the path's audience.
#include "http/routes.h"

#include <string>
#include <string_view>
#include <utility>

#include <fmt/format.h>

#include "http/api/projects.h"
#include "http/assets.h"
#include "http/error_mapping.h"
#include "http/pages/projects.h"

namespace tiltas::http {
namespace {

using Handler = Result<Reply> (*)(const Context&, const Request&);

Result<Reply> healthz(const Context& context, const Request&) {
  // Touch the database, so that a health check notices a broken store.
  auto counts = context.store.counts();
  if (!counts) {
    return make_error(ErrorCode::kUnavailable, "store check failed: " + counts.error().message);
  }
  return json_reply(nlohmann::ordered_json{{"status", "ok"}});
}

std::string_view media_type_of(std::string_view name) {
  struct Type {
    std::string_view extension;
    std::string_view media_type;
  };
  static constexpr Type kTypes[] = {
      {".css", "text/css; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".ico", "image/x-icon"},
      {".txt", "text/plain; charset=utf-8"},
  };
  for (const auto& t : kTypes) {
    if (name.ends_with(t.extension)) return t.media_type;
  }
  return "application/octet-stream";
}

// GET /static/{file}: only names of embedded files resolve, so no path can
// reach outside web/static.
Result<Reply> static_file(const Context&, const Request& request) {
  const std::string& file = request.params.at("file");
  auto content = find_asset("static/" + file);
  if (!content) return not_found(fmt::format("no static file '{}'", file));
  Reply r;
  r.content_type = std::string(media_type_of(file));
  r.body = std::string(*content);
  r.headers = {{"Cache-Control", "public, max-age=3600"}, {"X-Content-Type-Options", "nosniff"}};
  return r;
}

Result<Request> decode(const restinio::request_handle_t& req, const restinio::router::route_params_t& params) {
  Request r;
  r.path = std::string(req->header().path());
  // RESTinio offers lookup but no iteration: copy the names the table uses.
  for (std::string_view name : {"id", "file"}) {
    if (auto value = params.get_param(name)) r.params.emplace(std::string(name), std::string(*value));
  }
  auto query = restinio::try_parse_query<restinio::parse_query_traits::javascript_compatible>(req->header().query());
  if (!query) return invalid_argument("malformed query string: " + query.error().description(), "query");
  for (const auto& [name, value] : *query) r.query.emplace(std::string(name), std::string(value));
  return r;
}

// Adapts a handler to RESTinio's express-router signature.
auto route(const Context& context, const Respond& respond, Handler handler) {
  return [&context, respond, handler](const restinio::request_handle_t& req, restinio::router::route_params_t params) {
    const Audience audience = audience_of(req->header().path());
    auto request = decode(req, params);
    Result<Reply> reply = request ? handler(context, *request) : unexpected(request.error());
    respond(req, reply ? std::move(*reply) : error_reply(reply.error(), audience));
    return restinio::request_accepted();
  };
}

}  // namespace

std::unique_ptr<Router> make_router(const Context& context, const Respond& respond) {
  auto router = std::make_unique<Router>();
  // ---- The route table ---------------------------------------------------
  // Ids are matched as any path segment and validated by the handler, so a
  // bad id is a 400 that says why rather than a 404.
  router->http_get("/healthz", route(context, respond, healthz));
  router->http_get("/api/v1/projects", route(context, respond, api::list_projects));
  router->http_get("/api/v1/projects/:id", route(context, respond, api::get_project));
  router->http_get("/", route(context, respond, pages::project_list));
  router->http_get("/projects/:id", route(context, respond, pages::project_page));
  router->http_get("/static/:file", route(context, respond, static_file));
  // -------------------------------------------------------------------------
  router->non_matched_request_handler([respond](const restinio::request_handle_t& req) {
    const std::string path(req->header().path());
    respond(req, error_reply(Error{ErrorCode::kNotFound,
                                   fmt::format("no such page: {} {}", req->header().method().c_str(), path)},
                             audience_of(path)));
    return restinio::request_accepted();
  });
  return router;
}

}  // namespace tiltas::http
