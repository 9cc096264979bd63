#include "http/api/meta.h"

#include <string>

#include "http/assets.h"
#include "http/metrics.h"

namespace tiltas::http::api {

Result<Reply> healthz(const Context& context, const Request&) {
  // Touch the database, so that a health check notices a broken store.
  auto counts = context.store.counts();
  if (!counts) {
    return make_error(ErrorCode::kUnavailable, "store check failed: " + counts.error().message);
  }
  return json_reply(nlohmann::ordered_json{{"status", "ok"}});
}

Result<Reply> metrics(const Context& context, const Request&) {
  std::vector<Metrics::Gauge> gauges;
  // A store that cannot answer still lets the request metrics out: the
  // gauges are left out and tiltas_store_up says why.
  auto size = context.store.database_size_bytes();
  auto counts = context.store.counts();
  gauges.push_back({"tiltas_store_up", "1 when the store answered this scrape.", size && counts ? 1.0 : 0.0});
  if (size) gauges.push_back({"tiltas_database_size_bytes", "Size of the database.", static_cast<double>(*size)});
  if (counts) {
    gauges.push_back({"tiltas_projects", "Projects stored (translations count once).",
                      static_cast<double>(counts->projects)});
    gauges.push_back({"tiltas_projects_published", "Published projects.", static_cast<double>(counts->published)});
    gauges.push_back({"tiltas_organisations", "Organisations stored.", static_cast<double>(counts->organisations)});
    gauges.push_back({"tiltas_documents", "Source documents stored.", static_cast<double>(counts->documents)});
  }
  Reply r = text_reply(context.metrics ? context.metrics->render(gauges) : Metrics({}).render(gauges));
  r.content_type = "text/plain; version=0.0.4; charset=utf-8";
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

Result<Reply> openapi(const Context&, const Request&) {
  auto document = find_asset("../docs/openapi.json");
  if (!document) return make_error(ErrorCode::kInternal, "docs/openapi.json is not embedded in this build");
  Reply r;
  r.content_type = "application/json; charset=utf-8";
  r.body = std::string(*document);
  r.headers = {{"X-Content-Type-Options", "nosniff"}, {"Cache-Control", "public, max-age=3600"}};
  return r;
}

}  // namespace tiltas::http::api
