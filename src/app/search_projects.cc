#include "app/search_projects.h"

namespace tiltas::app {
namespace {

using Json = nlohmann::ordered_json;

Json date_json(const std::optional<PartialDate>& d) { return d ? Json(d->to_iso()) : Json(nullptr); }

}  // namespace

Result<search::SearchResult> search_projects(const store::Store& store, const SearchParams& params) {
  auto query = search::parse_query(params.q);
  if (!query) return unexpected(query.error());
  if (!params.filter.empty()) {
    if (auto s = search::add_filters(params.filter, *query); !s) return unexpected(s.error());
  }
  auto sort = search::parse_sort(params.sort);
  if (!sort) return invalid_argument("sort is relevance, start_date or amount", "sort");
  search::SearchRequest request;
  request.query = std::move(*query);
  request.sort = *sort;
  request.page = params.page;
  request.page_size = params.page_size;
  request.include_drafts = params.include_drafts;
  return store.search(request);
}

Json search_result_json(const search::SearchResult& r, const SearchParams& params) {
  Json hits = Json::array();
  for (const auto& h : r.hits) {
    Json amount = nullptr;
    if (h.amount_minor) amount = Json{{"minor_units", *h.amount_minor}, {"currency", h.currency.value_or("")}};
    hits.push_back(Json{
        {"id", h.id},
        {"title", h.title},
        {"title_html", h.title_html},
        {"snippet_html", h.snippet_html},
        {"language", h.language},
        {"programme", h.programme ? Json(*h.programme) : Json(nullptr)},
        {"period", Json{{"start", date_json(h.period.start)}, {"end", date_json(h.period.end)}}},
        {"amount", amount},
        {"kind", model::to_string(h.kind)},
        {"review_state", model::to_string(h.review_state)},
        {"score", h.score},
    });
  }
  Json facets = Json::object();
  for (std::string_view name : search::kFacetNames) {
    Json values = Json::array();
    if (auto it = r.facets.find(std::string(name)); it != r.facets.end()) {
      for (const auto& f : it->second) values.push_back(Json{{"value", f.value}, {"count", f.count}});
    }
    facets[std::string(name)] = std::move(values);
  }
  Json body;
  body["total"] = r.total;
  body["exhaustive"] = r.exhaustive;
  body["page"] = params.page;
  body["page_size"] = params.page_size;
  body["hits"] = std::move(hits);
  body["facets"] = std::move(facets);
  body["notices"] = r.notices;
  return body;
}

Json suggestions_json(const std::vector<search::Suggestion>& suggestions) {
  Json items = Json::array();
  for (const auto& s : suggestions) items.push_back(Json{{"text", s.text}, {"kind", s.kind}, {"projects", s.projects}});
  return Json{{"suggestions", std::move(items)}};
}

}  // namespace tiltas::app
