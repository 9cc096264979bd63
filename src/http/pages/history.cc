#include "http/pages/history.h"

#include <algorithm>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "codec/records_json.h"
#include "http/pages/editing.h"
#include "http/pages/login.h"
#include "http/pages/site.h"
#include "http/session.h"

namespace tiltas::http::pages {
namespace {

using kainjow::mustache::data;
using nlohmann::json;

// What a change can be reverted by; "" when it cannot.
bool revertible(const store::AuditEntry& entry) {
  if (entry.old_value == entry.new_value) return false;  // an accepted field
  return entry.field == "review_state" || entry.field == "organisation_merge" ||
         std::ranges::find(codec::editable_record_keys(), entry.field) != codec::editable_record_keys().end();
}

std::optional<model::Id> organisation_of(const std::string& value) {
  json j = json::parse(value, nullptr, false);
  if (!j.is_object() || !j.contains("organisation_id") || !j["organisation_id"].is_number_integer()) {
    return std::nullopt;
  }
  return j["organisation_id"].get<model::Id>();
}

}  // namespace

Result<Reply> history_page(const Context& context, const Request& request) {
  const Lang lang = lang_of_path(request.path);
  auto id = parse_id(request.params.at("id"), "id");
  if (!id) return bad_request_page(request);
  auto project = context.store.get_project(*id, store::Visibility::kAll);
  if (!project) return localize_errors(unexpected(project.error()), request);
  auto audit = context.store.find_audit(*id);
  if (!audit) return unexpected(audit.error());
  const std::string page = href(lang, "/review/projects/" + std::to_string(*id));

  View view;
  set_session_view(view, request);
  const std::string title = project->title().value_or(message(lang, "untitled"));
  view.set("title", title);
  view.set("review_href", page);
  view.set("back", page + "/history");
  view.set("revert_action", fmt::format("/review/projects/{}/revert", *id));
  data rows = data::type::list;
  for (auto it = audit->rbegin(); it != audit->rend(); ++it) {
    data row;
    row.set("audit_id", std::to_string(it->id));
    row.set("changed_at", it->changed_at);
    row.set("editor", it->editor);
    row.set("field", enum_text(lang, "field", it->field));
    row.set("old_value", it->old_value);
    row.set("new_value", it->new_value);
    row.set("note", it->note);
    row.set("revertible", flag(revertible(*it)));
    rows.push_back(row);
  }
  set_list(view, "rows", rows, !audit->empty());
  return render_reply("history", message(lang, "history_heading") + ": " + title, std::move(view), request);
}

Result<Reply> revert_change(const Context& context, const Request& request) {
  auto id = parse_id(request.params.at("id"), "id");
  if (!id) return bad_input_page(request, id.error());
  auto audit_id = parse_id(form_value(request, "audit_id"), "audit_id");
  if (!audit_id) return bad_input_page(request, audit_id.error());
  auto entry = context.store.get_audit_entry(*audit_id);
  if (!entry) return localize_or_bad_input(request, entry.error());
  if (entry->project_id != *id || !revertible(*entry)) {
    return bad_input_page(request, Error{ErrorCode::kInvalidArgument,
                                         fmt::format("change {} cannot be reverted here", *audit_id), "audit_id"});
  }
  store::Edit edit = edit_of(request);
  edit.note = edit.note.empty() ? fmt::format("revert of change {}", *audit_id)
                                : fmt::format("revert of change {}: {}", *audit_id, edit.note);
  if (entry->field == "review_state") {
    json old_state = json::parse(entry->old_value, nullptr, false);
    auto state = old_state.is_string() ? model::parse_review_state(old_state.get<std::string>()) : std::nullopt;
    if (!state) return bad_input_page(request, Error{ErrorCode::kInvalidArgument, "unknown review state", "audit_id"});
    auto changed = context.store.change_review_state({*id}, *state, edit);
    if (!changed) return localize_or_bad_input(request, changed.error());
  } else if (entry->field == "organisation_merge") {
    auto before = organisation_of(entry->old_value), after = organisation_of(entry->new_value);
    if (!before || !after) {
      return bad_input_page(request, Error{ErrorCode::kInvalidArgument, "the merge names no organisations", "audit_id"});
    }
    // A merge went from `before` (merged) to `after` (surviving): split the
    // merged one. A split went from the cluster (`before`) to the member
    // (`after`): merge it again.
    auto org = context.store.get_organisation(*before);
    if (!org) return localize_or_bad_input(request, org.error());
    auto done = org->cluster_id ? context.store.split_organisation(*before, edit)
                                : context.store.merge_organisations(*after, *before, edit);
    if (!done) return localize_or_bad_input(request, done.error());
  } else {
    auto current = context.store.get_project(*id, store::Visibility::kAll);
    if (!current) return localize_or_bad_input(request, current.error());
    json old_value = json::parse(entry->old_value, nullptr, false);
    if (old_value.is_discarded()) {
      return bad_input_page(request, Error{ErrorCode::kInvalidArgument, "the old value is not JSON", "audit_id"});
    }
    auto updated = codec::apply_record_patch(*current, json{{entry->field, old_value}});
    if (!updated) return bad_input_page(request, updated.error());
    auto stored = context.store.update_project(*id, *updated, edit);
    if (!stored) return localize_or_bad_input(request, stored.error());
  }
  invalidate_caches(context);
  return redirect(local_path(form_value(request, "back"), fmt::format("/review/projects/{}/history", *id)));
}

}  // namespace tiltas::http::pages
