#include "http/api/projects.h"

#include <string>

#include "codec/records_json.h"
#include "http/api/stats.h"

namespace tiltas::http::api {
namespace {

using Json = nlohmann::ordered_json;

Json date_json(const std::optional<PartialDate>& date) { return date ? Json(date->to_iso()) : Json(nullptr); }

Json localized_json(const model::LocalizedText& text) {
  Json out = Json::object();
  for (const auto& [language, value] : text.all()) out[language] = value;
  return out;
}

void invalidate_stats(const Context& context) {
  invalidate_caches(context);
}

}  // namespace

Json project_page_json(const store::ProjectPage& page) {
  Json items = Json::array();
  for (const auto& p : page.items) {
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
  body["total"] = page.total;
  // The cursor is a string so that clients treat it as opaque.
  body["next"] = page.next_after_id ? Json(std::to_string(*page.next_after_id)) : Json(nullptr);
  return body;
}

Json project_json(const model::Project& project, bool editor) {
  codec::WriteOptions options;
  options.registry_keys = true;
  options.findings = editor;
  Json record = codec::record_to_json(project, options);
  if (!editor) record.erase("notes");  // reviewer notes on how the text was read
  record["language"] = project.default_language;
  record["kind"] = model::to_string(project.kind);
  record["status"] = model::to_string(project.status);
  record["titles"] = localized_json(project.titles);
  record["descriptions"] = localized_json(project.descriptions);
  return record;
}

Result<Reply> list_projects(const Context& context, const Request& request) {
  auto limit = query_int(request, "limit", 1, kMaxPageSize);
  if (!limit) return unexpected(limit.error());
  auto after = query_int(request, "after", 0, INT64_MAX);
  if (!after) return unexpected(after.error());
  auto organisation = query_int(request, "organisation", 1, INT64_MAX);
  if (!organisation) return unexpected(organisation.error());
  if (auto sort = query_text(request, "sort"); sort && *sort != "id") {
    return invalid_argument("sort must be 'id' (keyset pagination runs by id)", "sort");
  }

  store::ProjectFilter filter;
  filter.visibility = store::Visibility::kPublic;
  filter.programme = query_text(request, "programme");
  filter.country = query_text(request, "country");
  if (filter.country) {
    for (char& c : *filter.country) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  filter.language = query_text(request, "language");
  filter.organisation_id = *organisation;
  store::PageRequest page;
  page.limit = static_cast<int>(limit->value_or(kDefaultPageSize));
  page.after_id = after->value_or(0);

  auto result = context.store.list_projects(filter, page);
  if (!result) return unexpected(result.error());
  return json_reply(project_page_json(*result));
}

Result<Reply> get_project(const Context& context, const Request& request) {
  auto id = parse_id(request.params.at("id"), "id");
  if (!id) return unexpected(id.error());
  auto project = context.store.get_project(*id, store::Visibility::kPublic);
  if (!project) return unexpected(project.error());
  return json_reply(project_json(*project, false));
}

Result<Reply> patch_project(const Context& context, const Request& request) {
  auto id = parse_id(request.params.at("id"), "id");
  if (!id) return unexpected(id.error());
  nlohmann::json patch = nlohmann::json::parse(request.body, nullptr, /*allow_exceptions=*/false);
  if (patch.is_discarded() || !patch.is_object()) {
    return invalid_argument("the body must be a JSON object of record fields", "body");
  }
  auto current = context.store.get_project(*id, store::Visibility::kAll);
  if (!current) return unexpected(current.error());
  auto updated = codec::apply_record_patch(*current, patch);
  if (!updated) return unexpected(updated.error());
  store::Edit edit;
  edit.editor = "api:" + (request.token ? request.token->name : std::string("unknown"));
  edit.note = query_text(request, "note").value_or("");
  auto stored = context.store.update_project(*id, *updated, edit);
  if (!stored) return unexpected(stored.error());
  invalidate_stats(context);
  return json_reply(project_json(*stored, true));
}

Result<Reply> publish_project(const Context& context, const Request& request) {
  auto id = parse_id(request.params.at("id"), "id");
  if (!id) return unexpected(id.error());
  auto changed = context.store.set_review_state({*id}, model::ReviewState::kPublished);
  if (!changed) return unexpected(changed.error());
  invalidate_stats(context);
  return json_reply(Json{{"id", *id}, {"review_state", "published"}, {"changed", *changed > 0}});
}

Result<Reply> delete_project(const Context& context, const Request& request) {
  auto id = parse_id(request.params.at("id"), "id");
  if (!id) return unexpected(id.error());
  if (auto deleted = context.store.delete_project(*id); !deleted) return unexpected(deleted.error());
  invalidate_stats(context);
  Reply r;
  r.status = 204;
  return r;
}

}  // namespace tiltas::http::api
