#include "http/pages/review.h"

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "codec/records_json.h"
#include "http/pages/editing.h"
#include "http/pages/login.h"
#include "http/pages/site.h"
#include "http/pages/source.h"
#include "http/session.h"

namespace tiltas::http::pages {
namespace {

using kainjow::mustache::data;
using nlohmann::json;

constexpr int kQueueLimit = 200;

// The record keys whose values are lists of items (one JSON array each).
bool is_list_key(std::string_view key) {
  return key == "amounts" || key == "organisations" || key == "activities" || key == "events" ||
         key == "indicators" || key == "places";
}

// "period.start" -> "period", "organisations[2]" -> "organisations".
std::string record_key_of(std::string_view span_field) {
  return std::string(span_field.substr(0, span_field.find_first_of(".[")));
}

// One list item in words: its values that are set, joined.
std::string item_text(const json& item) {
  if (!item.is_object()) return item.is_string() ? item.get<std::string>() : item.dump();
  std::string out;
  for (const auto& [name, value] : item.items()) {
    if (value.is_null() || name == "span") continue;
    if (!out.empty()) out += " \u00b7 ";
    out += value.is_string() ? value.get<std::string>() : value.dump();
  }
  return out;
}

// A field's value in words for the page language.
std::string value_text(const std::string& key, const json& value, Lang lang) {
  if (value.is_null()) return message(lang, "not_stated");
  if (value.is_string()) return value.get<std::string>();
  if (key == "period" && value.is_object()) {
    auto part = [&](const char* name) {
      return value.contains(name) && value[name].is_string() ? value[name].get<std::string>() : std::string("?");
    };
    return fmt::format("{} \u2013 {}", part("start"), part("end"));
  }
  if (value.is_array()) return value.empty() ? message(lang, "none_recorded") : std::string();  // items below
  return value.dump();
}

Result<ProjectFilterForm> filters_of(const std::map<std::string, std::string>& values) {
  ProjectFilterForm out;
  auto text = [&](const char* name) -> std::optional<std::string> {
    auto it = values.find(name);
    if (it == values.end()) return std::nullopt;
    std::string v = it->second;
    while (!v.empty() && v.front() == ' ') v.erase(0, 1);
    while (!v.empty() && v.back() == ' ') v.pop_back();
    if (v.empty()) return std::nullopt;
    return v;
  };
  out.filter.programme = text("programme");
  out.filter.language = text("language");
  if (auto document = text("document")) {
    auto id = parse_id(*document, "document");
    if (!id) return unexpected(id.error());
    out.filter.document_id = *id;
  }
  for (const char* name : {"programme", "language", "document"}) {
    if (auto v = text(name)) out.query[name] = *v;
  }
  return out;
}

}  // namespace

Result<Reply> review_queue_page(const Context& context, const Request& request) {
  const Lang lang = lang_of_path(request.path);
  auto filters = filters_of(request.query);
  if (!filters) return bad_input_page(request, filters.error());
  auto queue = context.store.review_queue(filters->filter, kQueueLimit);
  if (!queue) return unexpected(queue.error());

  data rows = data::type::list;
  std::int64_t clean = 0;
  for (const auto& item : *queue) {
    data row = project_list_item(item.project, lang);
    row.set("href", href(lang, "/review/projects/" + std::to_string(item.project.id)));
    row.set("id", std::to_string(item.project.id));
    row.set("errors", std::to_string(item.errors));
    row.set("warnings", std::to_string(item.warnings));
    row.set("findings", std::to_string(item.findings));
    row.set("doubtful", flag(item.findings > 0));
    if (item.findings == 0) ++clean;
    rows.push_back(row);
  }
  View view;
  set_session_view(view, request);
  set_list(view, "rows", rows, !queue->empty());
  view.set("count_text", message(lang, "review_queue_count", "count", std::to_string(queue->size())));
  view.set("clean_text", message(lang, "review_clean_count", "count", std::to_string(clean)));
  view.set("has_clean", flag(clean > 0));
  view.set("action", href(lang, "/review"));
  view.set("programme", filters->query.contains("programme") ? filters->query.at("programme") : "");
  view.set("language", filters->query.contains("language") ? filters->query.at("language") : "");
  view.set("document", filters->query.contains("document") ? filters->query.at("document") : "");
  view.set("back", request.path + query_string(request.query));
  // The documents to choose from (a registry of thousands of pages gets the
  // id field alone).
  auto documents = context.store.find_documents();
  if (!documents) return unexpected(documents.error());
  constexpr std::size_t kMaxDocumentChoices = 500;
  data choices = data::type::list;
  if (documents->size() <= kMaxDocumentChoices) {
    for (const auto& d : *documents) {
      data choice;
      choice.set("id", std::to_string(d.id));
      choice.set("name", d.source.empty() ? d.name : d.source);
      choice.set("selected", flag(filters->filter.document_id == d.id));
      choices.push_back(choice);
    }
  }
  set_list(view, "documents", choices, !choices.is_empty_list());
  auto published = query_int(request, "published", 0, 1000000);
  view.set("has_published", flag(published && published->has_value()));
  view.set("published_text", published && published->has_value()
                                 ? message(lang, "review_published_count", "count", std::to_string(**published))
                                 : std::string());
  return render_reply("queue", message(lang, "review_queue_heading"), std::move(view), request);
}

Result<Reply> bulk_publish(const Context& context, const Request& request) {
  auto filters = filters_of(request.form);
  if (!filters) return bad_input_page(request, filters.error());
  auto queue = context.store.review_queue(filters->filter, 1000);
  if (!queue) return unexpected(queue.error());
  std::vector<model::Id> ids;
  for (const auto& item : *queue) {
    if (item.findings == 0) ids.push_back(item.project.id);
  }
  auto changed = context.store.change_review_state(ids, model::ReviewState::kPublished, edit_of(request));
  if (!changed) return unexpected(changed.error());
  invalidate_caches(context);
  auto query = filters->query;
  query["published"] = std::to_string(*changed);
  const std::string back = local_path(form_value(request, "back"), "/review");
  return redirect(back.substr(0, back.find('?')) + query_string(query));
}

Result<Reply> review_page(const Context& context, const Request& request) {
  const Lang lang = lang_of_path(request.path);
  auto id = parse_id(request.params.at("id"), "id");
  if (!id) return bad_request_page(request);
  auto project = context.store.get_project(*id, store::Visibility::kAll);
  if (!project) return localize_errors(unexpected(project.error()), request);
  const std::string page = href(lang, "/review/projects/" + std::to_string(*id));

  View view;
  set_session_view(view, request);
  const std::string title = project->title().value_or(message(lang, "untitled"));
  view.set("title", title);
  view.set("id", std::to_string(*id));
  view.set("back", page);
  view.set("queue_href", href(lang, "/review"));
  view.set("history_href", page + "/history");
  view.set("state_action", "/review/projects/" + std::to_string(*id) + "/state");
  view.set("merge_action", "/review/projects/" + std::to_string(*id) + "/merge");
  const bool published = project->review_state == model::ReviewState::kPublished;
  view.set("is_published", flag(published));
  view.set("public_href", href(lang, "/projects/" + std::to_string(*id)));
  view.set("state_text", enum_text(lang, "review_state", model::to_string(project->review_state)));

  // The source text, every span marked; each field remembers its first mark.
  const std::vector<FieldSpan> spans = field_spans(*project);
  std::map<std::string, std::string> first_mark;  // span field ("organisations[1]") -> anchor
  data segments = data::type::list;
  bool has_text = false;
  if (project->document_id) {
    auto document = context.store.get_document(*project->document_id);
    if (!document) return unexpected(document.error());
    has_text = !document->text.empty();
    view.set("document_source", document->source);
    view.set("has_document", flag(true));
    int number = 0;
    for (const auto& segment : highlight_segments(document->text, spans, 0, document->text.size())) {
      data item;
      item.set("text", segment.text);
      const bool marked = !segment.fields.empty();
      item.set("marked", flag(marked));
      if (marked) {
        const std::string anchor = fmt::format("mark-{}", ++number);
        item.set("anchor", anchor);
        std::string names;
        for (const auto& f : segment.fields) {
          first_mark.emplace(f, anchor);
          if (!names.empty()) names += ' ';
          names += f;
        }
        item.set("fields", names);
      }
      segments.push_back(item);
    }
  }
  set_list(view, "segments", segments, has_text);

  data fields = data::type::list;
  for (const std::string& key : codec::editable_record_keys()) {
    const json value = codec::record_field(*project, key);
    const std::string action = fmt::format("/review/projects/{}/fields/{}", *id, key);
    data field;
    field.set("key", key);
    field.set("label", enum_text(lang, "field", key));
    field.set("action", action);
    const std::string shown = value_text(key, value, lang);
    field.set("value_text", shown);
    field.set("has_value_text", flag(!shown.empty()));
    // Where the field was read: its own span and its parts' ("period.start").
    data links = data::type::list;
    for (const auto& s : spans) {
      if (record_key_of(s.field) != key || is_list_key(key)) continue;
      auto it = first_mark.find(s.field);
      if (it == first_mark.end()) continue;
      data link;
      link.set("href", "#" + it->second);
      link.set("name", s.field);
      links.push_back(link);
    }
    set_list(field, "spans", links, !links.is_empty_list());
    data findings = data::type::list;
    for (const auto& f : project->findings) {
      if (record_key_of(f.field) != key) continue;
      data finding;
      finding.set("severity", std::string(model::to_string(f.severity)));
      finding.set("message", f.message);
      findings.push_back(finding);
    }
    set_list(field, "findings", findings, !findings.is_empty_list());
    const bool list = is_list_key(key);
    const bool period = key == "period";
    const bool structured = list || key == "translations";
    field.set("is_text", flag(!list && !period && !structured));
    field.set("is_period", flag(period));
    field.set("is_json", flag(structured));
    field.set("value", value.is_string() ? value.get<std::string>() : std::string());
    field.set("start", period && value.is_object() && value["start"].is_string() ? value["start"].get<std::string>()
                                                                                 : std::string());
    field.set("end", period && value.is_object() && value["end"].is_string() ? value["end"].get<std::string>()
                                                                             : std::string());
    field.set("json", structured && !value.is_null() ? value.dump(1) : std::string());
    data items = data::type::list;
    if (list && value.is_array()) {
      // Organisations of this record, for the merge choices.
      std::vector<std::pair<model::Id, std::string>> organisations;
      if (key == "organisations") {
        for (const auto& part : project->participations) {
          if (part.organisation_id &&
              std::none_of(organisations.begin(), organisations.end(),
                           [&](const auto& o) { return o.first == *part.organisation_id; })) {
            organisations.emplace_back(*part.organisation_id, part.name);
          }
        }
      }
      for (std::size_t i = 0; i < value.size(); ++i) {
        data item;
        item.set("index", std::to_string(i));
        item.set("text", item_text(value[i]));
        auto it = first_mark.find(fmt::format("{}[{}]", key, i));
        item.set("has_span", flag(it != first_mark.end()));
        item.set("span_href", it != first_mark.end() ? "#" + it->second : std::string());
        const bool organisation = key == "organisations" && i < project->participations.size() &&
                                  project->participations[i].organisation_id.has_value();
        item.set("is_organisation", flag(organisation));
        if (organisation) {
          const model::Id org = *project->participations[i].organisation_id;
          item.set("organisation_id", std::to_string(org));
          item.set("organisation_href", href(lang, "/organisations/" + std::to_string(org)));
          data options = data::type::list;
          for (const auto& [other, name] : organisations) {
            if (other == org) continue;
            data option;
            option.set("id", std::to_string(other));
            option.set("name", fmt::format("{} ({})", name, other));
            options.push_back(option);
          }
          set_list(item, "merge_options", options, !options.is_empty_list());
        }
        items.push_back(item);
      }
    }
    set_list(field, "items", items, !items.is_empty_list());
    fields.push_back(field);
  }
  view.set("fields", fields);

  data other_findings = data::type::list;
  const auto& keys = codec::editable_record_keys();
  for (const auto& f : project->findings) {
    if (std::find(keys.begin(), keys.end(), record_key_of(f.field)) != keys.end()) continue;
    data finding;
    finding.set("field", f.field);
    finding.set("severity", std::string(model::to_string(f.severity)));
    finding.set("message", f.message);
    other_findings.push_back(finding);
  }
  set_list(view, "other_findings", other_findings, !other_findings.is_empty_list());
  return render_reply("review", message(lang, "review_heading") + ": " + title, std::move(view), request);
}

Result<Reply> review_field(const Context& context, const Request& request) {
  auto id = parse_id(request.params.at("id"), "id");
  if (!id) return bad_input_page(request, id.error());
  const std::string key = request.params.at("field");
  const auto& keys = codec::editable_record_keys();
  if (std::find(keys.begin(), keys.end(), key) == keys.end()) {
    return bad_input_page(request, Error{ErrorCode::kInvalidArgument,
                                         fmt::format("'{}' is not an editable field", key), "field"});
  }
  const std::string back = local_path(form_value(request, "back"), "/review/projects/" + std::to_string(*id));
  const std::string action = form_value(request, "action");
  const store::Edit edit = edit_of(request);
  if (action == "accept") {
    if (auto accepted = context.store.accept_field(*id, key, edit); !accepted) {
      return localize_or_bad_input(request, accepted.error());
    }
    return redirect(back);
  }
  auto current = context.store.get_project(*id, store::Visibility::kAll);
  if (!current) return localize_or_bad_input(request, current.error());
  json patch = json::object();
  if (action == "correct") {
    auto value = field_value_from_form(request, key);
    if (!value) return bad_input_page(request, value.error());
    patch[key] = std::move(*value);
  } else if (action == "remove") {
    patch[key] = is_list_key(key) ? json::array() : json(nullptr);
  } else if (action == "remove_item" && is_list_key(key)) {
    auto at = parse_index(form_value(request, "index"), "index");
    if (!at) return bad_input_page(request, at.error());
    // Items keep their spans so that the others stay highlighted.
    json with_spans = json::parse(codec::record_to_json(*current).dump())[key];
    if (!with_spans.is_array() || *at >= with_spans.size()) {
      return bad_input_page(request, Error{ErrorCode::kInvalidArgument, "no such item in the list", "index"});
    }
    with_spans.erase(with_spans.begin() + static_cast<std::ptrdiff_t>(*at));
    patch[key] = std::move(with_spans);
  } else {
    return bad_input_page(request, Error{ErrorCode::kInvalidArgument,
                                         fmt::format("'{}' is not an action on a field", action), "action"});
  }
  auto updated = codec::apply_record_patch(*current, patch);
  if (!updated) return bad_input_page(request, updated.error());
  auto stored = context.store.update_project(*id, *updated, edit);
  if (!stored) return localize_or_bad_input(request, stored.error());
  invalidate_caches(context);
  return redirect(back);
}

Result<Reply> review_state(const Context& context, const Request& request) {
  auto id = parse_id(request.params.at("id"), "id");
  if (!id) return bad_input_page(request, id.error());
  const std::string action = form_value(request, "action");
  if (action != "publish" && action != "unpublish") {
    return bad_input_page(request, Error{ErrorCode::kInvalidArgument, "action is publish or unpublish", "action"});
  }
  const auto state = action == "publish" ? model::ReviewState::kPublished : model::ReviewState::kDraft;
  auto changed = context.store.change_review_state({*id}, state, edit_of(request));
  if (!changed) return localize_or_bad_input(request, changed.error());
  invalidate_caches(context);
  return redirect(local_path(form_value(request, "back"), "/review/projects/" + std::to_string(*id)));
}

Result<Reply> merge_organisation(const Context& context, const Request& request) {
  auto id = parse_id(request.params.at("id"), "id");
  if (!id) return bad_input_page(request, id.error());
  auto from = parse_id(form_value(request, "from"), "from");
  if (!from) return bad_input_page(request, from.error());
  auto into = parse_id(form_value(request, "into"), "into");
  if (!into) return bad_input_page(request, into.error());
  auto merged = context.store.merge_organisations(*from, *into, edit_of(request));
  if (!merged) return localize_or_bad_input(request, merged.error());
  invalidate_caches(context);
  return redirect(local_path(form_value(request, "back"), "/review/projects/" + std::to_string(*id)));
}

Result<Reply> split_organisation(const Context& context, const Request& request) {
  auto id = parse_id(request.params.at("id"), "id");
  if (!id) return bad_input_page(request, id.error());
  auto split = context.store.split_organisation(*id, edit_of(request));
  if (!split) return localize_or_bad_input(request, split.error());
  invalidate_caches(context);
  return redirect(local_path(form_value(request, "back"), "/review"));
}

}  // namespace tiltas::http::pages
