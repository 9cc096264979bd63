// Every route of the server, in one table (kRoutes below). Handlers are
// plain functions Result<Reply>(const Context&, const Request&); route()
// decodes the RESTinio request into a Request, checks the API token of
// write routes, and turns an error Result into the JSON or HTML error of the
// path's audience.
#include "http/routes.h"

#include <cctype>
#include <string>
#include <string_view>
#include <utility>

#include <fmt/format.h>

#include "http/api/documents.h"
#include "http/api/export.h"
#include "http/api/meta.h"
#include "http/api/organisations.h"
#include "http/api/projects.h"
#include "http/api/stats.h"
#include "http/api/search.h"
#include "http/api_token.h"
#include "http/assets.h"
#include "http/error_mapping.h"
#include "http/response_cache.h"
#include "http/pages/atlas.h"
#include "http/pages/organisations.h"
#include "http/pages/projects.h"
#include "http/pages/results.h"
#include "http/pages/search.h"
#include "http/pages/source.h"
#include "http/pages/timeline.h"
#include "http/pages/admin.h"
#include "http/pages/history.h"
#include "http/pages/login.h"
#include "http/pages/review.h"
#include "http/session.h"

namespace tiltas::http {
namespace {

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

// ---- The route table --------------------------------------------------------
// Ids are matched as any path segment and validated by the handler, so a bad
// id is a 400 that says why rather than a 404. docs/openapi.json documents
// every row (tests/http/openapi_test.cc checks both ways).
constexpr Route kRoutes[] = {
    {"GET", "/healthz", api::healthz},
    {"GET", "/metrics", api::metrics},
    {"GET", "/api/v1/openapi.json", api::openapi},
    {"GET", "/api/v1/projects", api::list_projects},
    {"GET", "/api/v1/projects/:id", api::get_project},
    {"GET", "/api/v1/projects/:id/iati", api::project_iati},
    {"PATCH", "/api/v1/projects/:id", api::patch_project, Access::kToken},
    {"DELETE", "/api/v1/projects/:id", api::delete_project, Access::kToken},
    {"POST", "/api/v1/projects/:id/publish", api::publish_project, Access::kToken},
    {"POST", "/api/v1/documents", api::post_document, Access::kToken},
    {"GET", "/api/v1/organisations", api::list_organisations},
    {"GET", "/api/v1/organisations/:id", api::get_organisation},
    {"GET", "/api/v1/countries/:code", api::get_country},
    {"GET", "/api/v1/stats", api::stats},
    {"GET", "/api/v1/search", api::search},
    {"GET", "/api/v1/suggest", api::suggest},
    {"GET", "/api/v1/export", api::export_projects},
    // Portal pages: English at /..., Lithuanian at /lt/... (same handlers;
    // the language comes from the path).
    {"GET", "/", pages::home},
    {"GET", "/lt", pages::home},  // and "/lt/": the router ignores a trailing slash
    {"GET", "/search", pages::search_page},
    {"GET", "/lt/search", pages::search_page},
    {"GET", "/projects/:id", pages::project_page},
    {"GET", "/lt/projects/:id", pages::project_page},
    {"GET", "/projects/:id/source", pages::source_page},
    {"GET", "/lt/projects/:id/source", pages::source_page},
    {"GET", "/organisations/:id", pages::organisation_page},
    {"GET", "/lt/organisations/:id", pages::organisation_page},
    {"GET", "/countries/:code", pages::country_page},
    {"GET", "/lt/countries/:code", pages::country_page},
    {"GET", "/results", pages::results_page},
    {"GET", "/lt/results", pages::results_page},
    {"GET", "/results.csv", pages::results_csv},
    {"GET", "/results.svg", pages::results_svg},
    {"GET", "/lt/results.svg", pages::results_svg},
    {"GET", "/map", pages::map_page},
    {"GET", "/lt/map", pages::map_page},
    {"GET", "/network", pages::network_page},
    {"GET", "/lt/network", pages::network_page},
    {"GET", "/timeline", pages::timeline_page},
    {"GET", "/lt/timeline", pages::timeline_page},
    {"GET", "/static/:file", static_file},
    // Editors (issue 9): sign-in, the review of drafts, history, accounts.
    // Every route past the login form needs a session (Access below).
    {"GET", "/login", pages::login_page},
    {"GET", "/lt/login", pages::login_page},
    {"POST", "/login", pages::login_submit},
    {"POST", "/lt/login", pages::login_submit},
    {"POST", "/logout", pages::logout, Access::kViewer},
    {"POST", "/logout/everywhere", pages::logout_everywhere, Access::kViewer},
    {"GET", "/review", pages::review_queue_page, Access::kEditor},
    {"GET", "/lt/review", pages::review_queue_page, Access::kEditor},
    {"POST", "/review/publish", pages::bulk_publish, Access::kEditor},
    {"GET", "/review/projects/:id", pages::review_page, Access::kEditor},
    {"GET", "/lt/review/projects/:id", pages::review_page, Access::kEditor},
    {"POST", "/review/projects/:id/fields/:field", pages::review_field, Access::kEditor},
    {"POST", "/review/projects/:id/state", pages::review_state, Access::kEditor},
    {"POST", "/review/projects/:id/merge", pages::merge_organisation, Access::kEditor},
    {"POST", "/review/organisations/:id/split", pages::split_organisation, Access::kEditor},
    {"GET", "/review/projects/:id/history", pages::history_page, Access::kEditor},
    {"GET", "/lt/review/projects/:id/history", pages::history_page, Access::kEditor},
    {"POST", "/review/projects/:id/revert", pages::revert_change, Access::kEditor},
    {"GET", "/admin/users", pages::admin_users_page, Access::kAdmin},
    {"GET", "/lt/admin/users", pages::admin_users_page, Access::kAdmin},
    {"POST", "/admin/users", pages::admin_add_user, Access::kAdmin},
    {"POST", "/admin/users/remove", pages::admin_remove_user, Access::kAdmin},
};
// -----------------------------------------------------------------------------

Result<Request> decode(const Context& context, const restinio::request_handle_t& req,
                       const restinio::router::route_params_t& params) {
  Request r;
  r.method = req->header().method().c_str();
  r.path = std::string(req->header().path());
  // RESTinio offers lookup but no iteration: copy the names the table uses.
  for (std::string_view name : {"id", "file", "code", "field"}) {
    if (auto value = params.get_param(name)) r.params.emplace(std::string(name), std::string(*value));
  }
  auto query = restinio::try_parse_query<restinio::parse_query_traits::javascript_compatible>(req->header().query());
  if (!query) return invalid_argument("malformed query string: " + query.error().description(), "query");
  for (const auto& [name, value] : *query) r.query.emplace(std::string(name), std::string(value));
  r.content_type = req->header().get_field_or(restinio::http_field::content_type, "");
  r.body = req->body();
  // Editors' forms (issue 9): the body of a form, the cookie, the peer and
  // whether a trusted proxy says the client used TLS.
  if (r.content_type.starts_with("application/x-www-form-urlencoded")) {
    auto form = restinio::try_parse_query<restinio::parse_query_traits::javascript_compatible>(r.body);
    if (!form) return invalid_argument("malformed form body: " + form.error().description(), "body");
    for (const auto& [name, value] : *form) r.form.emplace(std::string(name), std::string(value));
  }
  r.cookie = req->header().get_field_or(restinio::http_field::cookie, "");
  r.client_address = req->remote_endpoint().address().to_string();
  if (context.trust_proxy) {
    const std::string proto = req->header().get_field_or("X-Forwarded-Proto", "");
    r.secure = proto == "https";
    // The proxy appends the peer it saw: the last address is the one it vouches for.
    std::string forwarded = req->header().get_field_or("X-Forwarded-For", "");
    if (auto comma = forwarded.rfind(','); comma != std::string::npos) forwarded.erase(0, comma + 1);
    while (!forwarded.empty() && forwarded.front() == ' ') forwarded.erase(0, 1);
    while (!forwarded.empty() && forwarded.back() == ' ') forwarded.pop_back();
    if (!forwarded.empty()) r.client_address = forwarded;
  }
  return r;
}

// The token of "Authorization: Bearer <token>", or "" when the header is
// absent or of another scheme. The header is never logged.
std::string_view bearer_token(const restinio::request_handle_t& req) {
  const auto* field = req->header().try_get_field(restinio::http_field::authorization);
  if (!field) return {};
  std::string_view value(*field);
  constexpr std::string_view kScheme = "Bearer ";
  if (value.size() <= kScheme.size()) return {};
  for (std::size_t i = 0; i < kScheme.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(value[i])) != std::tolower(static_cast<unsigned char>(kScheme[i]))) {
      return {};
    }
  }
  value.remove_prefix(kScheme.size());
  while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
  while (!value.empty() && value.back() == ' ') value.remove_suffix(1);
  return value;
}

// Adapts a route of the table to RESTinio's express-router signature.
auto route(const Context& context, const Respond& respond, std::size_t index) {
  return [&context, respond, index](const restinio::request_handle_t& req, restinio::router::route_params_t params) {
    const Route& r = kRoutes[index];
    const Audience audience = audience_of(req->header().path());
    // Public API reads are stored in the response cache for the next
    // requests, which the server answers before routing (server.cc): they
    // depend on nothing but the path and query (no cookie, no token).
    const std::string_view path = req->header().path();
    const bool cacheable = context.responses && context.responses->enabled() && r.access == Access::kPublic &&
                           cacheable_request(r.method, path);
    auto request = decode(context, req, params);
    if (request && r.access == Access::kToken) {
      const std::string_view token = bearer_token(req);
      if (token.empty()) {
        respond(req, unauthenticated_reply("this endpoint needs an API token: 'Authorization: Bearer <token>'"), index);
        return restinio::request_accepted();
      }
      auto found = authenticate_api_token(context.store, token);
      if (!found) {
        respond(req, error_reply(found.error(), audience), index);
        return restinio::request_accepted();
      }
      if (!*found) {
        respond(req, unauthenticated_reply("the API token is unknown or revoked"), index);
        return restinio::request_accepted();
      }
      request->token = std::move(*found);
    }
    // Sessions (issue 9): read on pages whenever the cookie is there (the
    // layout shows who is signed in), checked on the routes that need one.
    const bool needs_session = r.access != Access::kPublic && r.access != Access::kToken;
    if (request && audience == Audience::kPage && !request->cookie.empty()) {
      if (auto loaded = load_session(context, *request); !loaded) {
        respond(req, error_reply(loaded.error(), audience), index);
        return restinio::request_accepted();
      }
    }
    if (request && needs_session) {
      if (auto refused = check_access(r, *request)) {
        respond(req, std::move(*refused), index);
        return restinio::request_accepted();
      }
    }
    Result<Reply> reply = request ? r.handler(context, *request) : unexpected(request.error());
    if (reply && needs_session) reply->headers.emplace_back("Cache-Control", "no-store");
    if (reply && cacheable) {
      context.responses->put(cache_key(path, req->header().query()), *reply, index, ResponseCache::Clock::now());
    }
    respond(req, reply ? std::move(*reply) : error_reply(reply.error(), audience), index);
    return restinio::request_accepted();
  };
}

restinio::http_method_id_t method_id(std::string_view method) {
  if (method == "POST") return restinio::http_method_post();
  if (method == "PATCH") return restinio::http_method_patch();
  if (method == "DELETE") return restinio::http_method_delete();
  if (method == "PUT") return restinio::http_method_put();
  return restinio::http_method_get();
}

}  // namespace

std::span<const Route> route_table() { return kRoutes; }

std::size_t unmatched_route() { return std::size(kRoutes); }

std::unique_ptr<Router> make_router(const Context& context, const Respond& respond) {
  auto router = std::make_unique<Router>();
  for (std::size_t i = 0; i < std::size(kRoutes); ++i) {
    router->add_handler(method_id(kRoutes[i].method), std::string(kRoutes[i].path), route(context, respond, i));
  }
  router->non_matched_request_handler([respond](const restinio::request_handle_t& req) {
    const std::string path(req->header().path());
    respond(req,
            error_reply(Error{ErrorCode::kNotFound,
                              fmt::format("no such page: {} {}", req->header().method().c_str(), path)},
                        audience_of(path)),
            unmatched_route());
    return restinio::request_accepted();
  });
  return router;
}

}  // namespace tiltas::http
