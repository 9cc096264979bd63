#include "http/api/projects.h"

#include <string>

#include "codec/records_json.h"

namespace tiltas::http::api {
namespace {

using Json = nlohmann::ordered_json;

Json date_json(const std::optional<PartialDate>& date) { return date ? Json(date->to_iso()) : Json(nullptr); }

Json localized_json(const model::LocalizedText& text) {
  Json out = Json::object();
  for (const auto& [language, value] : text.all()) out[language] = value;
  return out;
}

}  // namespace

Result<Reply> list_projects(const Context& context, const Request& request) {
  auto limit = query_int(request, "limit", 1, kMaxPageSize);
  if (!limit) return unexpected(limit.error());
  auto after = query_int(request, "after", 0, INT64_MAX);
  if (!after) return unexpected(after.error());

  store::ProjectFilter filter;
  filter.visibility = store::Visibility::kPublic;
  filter.programme = query_text(request, "programme");
  filter.country = query_text(request, "country");
  filter.language = query_text(request, "language");
  store::PageRequest page;
  page.limit = static_cast<int>(limit->value_or(kDefaultPageSize));
  page.after_id = after->value_or(0);

  auto result = context.store.list_projects(filter, page);
  if (!result) return unexpected(result.error());

  Json items = Json::array();
  for (const auto& p : result->items) {
    items.push_back(Json{
        {"id", p.id},
        {"title", p.title},
        {"language", p.language},
        {"programme", p.programme ? Json(*p.programme) : Json(nullptr)},
        {"period", Json{{"start", date_json(p.period.start)}, {"end", date_json(p.period.end)}}},
        {"kind", model::to_string(p.kind)},
    });
  }
  Json body;
  body["items"] = std::move(items);
  body["total"] = result->total;
  // The cursor is a string so that clients treat it as opaque.
  body["next"] = result->next_after_id ? Json(std::to_string(*result->next_after_id)) : Json(nullptr);
  return json_reply(body);
}

Result<Reply> get_project(const Context& context, const Request& request) {
  auto id = parse_id(request.params.at("id"), "id");
  if (!id) return unexpected(id.error());
  auto project = context.store.get_project(*id, store::Visibility::kPublic);
  if (!project) return unexpected(project.error());

  codec::WriteOptions options;
  options.registry_keys = true;
  options.findings = false;
  Json record = codec::record_to_json(*project, options);
  record.erase("notes");  // reviewer notes on how the text was read
  record["language"] = project->default_language;
  record["kind"] = model::to_string(project->kind);
  record["status"] = model::to_string(project->status);
  record["titles"] = localized_json(project->titles);
  record["descriptions"] = localized_json(project->descriptions);
  return json_reply(record);
}

}  // namespace tiltas::http::api
