#include "http/api/organisations.h"

#include <string>

#include <fmt/format.h>

#include "base/country.h"
#include "codec/records_json.h"
#include "http/api/projects.h"

namespace tiltas::http::api {
namespace {

using Json = nlohmann::ordered_json;

struct Paging {
  int limit = kDefaultPageSize;
  model::Id after = 0;
};

Result<Paging> paging(const Request& request) {
  auto limit = query_int(request, "limit", 1, kMaxPageSize);
  if (!limit) return unexpected(limit.error());
  auto after = query_int(request, "after", 0, INT64_MAX);
  if (!after) return unexpected(after.error());
  return Paging{static_cast<int>(limit->value_or(kDefaultPageSize)), after->value_or(0)};
}

Result<Json> project_page(const Context& context, store::ProjectFilter filter, const Paging& paging) {
  filter.visibility = store::Visibility::kPublic;
  store::PageRequest page;
  page.limit = paging.limit;
  page.after_id = paging.after;
  auto result = context.store.list_projects(filter, page);
  if (!result) return unexpected(result.error());
  return project_page_json(*result);
}

}  // namespace

Result<Reply> list_organisations(const Context& context, const Request& request) {
  auto p = paging(request);
  if (!p) return unexpected(p.error());
  // One more than asked, to know whether there is a next page.
  auto rows = context.store.list_organisations(store::Visibility::kPublic, p->limit + 1, p->after);
  if (!rows) return unexpected(rows.error());
  const bool more = static_cast<int>(rows->size()) > p->limit;
  if (more) rows->pop_back();
  Json items = Json::array();
  for (const auto& row : *rows) {
    Json o = codec::organisation_to_json(row.organisation);
    o["project_count"] = row.project_count;
    items.push_back(std::move(o));
  }
  Json body;
  body["items"] = std::move(items);
  body["next"] = more ? Json(std::to_string(rows->back().organisation.id)) : Json(nullptr);
  return json_reply(body);
}

Result<Reply> get_organisation(const Context& context, const Request& request) {
  auto id = parse_id(request.params.at("id"), "id");
  if (!id) return unexpected(id.error());
  auto p = paging(request);
  if (!p) return unexpected(p.error());
  store::ProjectFilter filter;
  filter.organisation_id = *id;
  auto projects = project_page(context, filter, *p);
  if (!projects) return unexpected(projects.error());
  // An organisation seen only in drafts is not public yet.
  if ((*projects)["total"].get<std::int64_t>() == 0) {
    return not_found(fmt::format("organisation {} does not exist or has no published project", *id), "id");
  }
  auto organisation = context.store.get_organisation(*id);
  if (!organisation) return unexpected(organisation.error());
  Json body;
  body["organisation"] = codec::organisation_to_json(*organisation);
  body["projects"] = std::move(*projects);
  return json_reply(body);
}

Result<Reply> get_country(const Context& context, const Request& request) {
  std::string code = request.params.at("code");
  for (char& c : code) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (code.size() != 2 || !is_iso3166_country(code)) {
    return invalid_argument(fmt::format("'{}' is not an ISO 3166-1 alpha-2 country code", code.substr(0, 8)),
                            "code");
  }
  auto p = paging(request);
  if (!p) return unexpected(p.error());
  store::ProjectFilter filter;
  filter.country = code;
  auto projects = project_page(context, filter, *p);
  if (!projects) return unexpected(projects.error());
  Json names = Json::object();
  for (const char* language : {"en", "lt", "nb"}) names[language] = country_name(code, language);
  Json body;
  body["code"] = code;
  body["names"] = std::move(names);
  body["projects"] = std::move(*projects);
  return json_reply(body);
}

}  // namespace tiltas::http::api
