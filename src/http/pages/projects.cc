#include "http/pages/projects.h"

#include <cstdlib>
#include <string>

#include <fmt/format.h>

#include "base/country.h"
#include "http/pages/render.h"

namespace tiltas::http::pages {
namespace {

using kainjow::mustache::data;

constexpr std::string_view kDash = "\u2013";  // en dash between dates
constexpr std::string_view kUnknown = "not stated";

std::string date_text(const std::optional<PartialDate>& date) { return date ? date->to_iso() : std::string(); }

std::string period_text(const std::optional<PartialDate>& start, const std::optional<PartialDate>& end) {
  if (!start && !end) return std::string(kUnknown);
  if (start && end) return fmt::format("{} {} {}", start->to_iso(), kDash, end->to_iso());
  if (start) return fmt::format("from {}", start->to_iso());
  return fmt::format("until {}", end->to_iso());
}

std::string country_text(const std::optional<std::string>& code) {
  if (!code) return std::string();
  return fmt::format("{} ({})", country_name(*code, "en"), *code);
}

// "1,234,567.89 EUR" from minor units, exactly (no floating point).
std::string amount_text(const model::Amount& amount) {
  std::int64_t units = amount.minor_units;
  const bool negative = units < 0;
  const std::uint64_t magnitude =
      negative ? static_cast<std::uint64_t>(-(units + 1)) + 1 : static_cast<std::uint64_t>(units);
  std::string whole = std::to_string(magnitude / 100);
  std::string grouped;
  for (std::size_t i = 0; i < whole.size(); ++i) {
    if (i > 0 && (whole.size() - i) % 3 == 0) grouped += ',';
    grouped += whole[i];
  }
  return fmt::format("{}{}.{:02} {}", negative ? "-" : "", grouped, magnitude % 100, amount.currency);
}

// Wire names read as words on pages: "bilateral_initiative" -> "bilateral initiative".
std::string label(std::string_view wire_name) {
  std::string out(wire_name);
  for (char& c : out) {
    if (c == '_') c = ' ';
  }
  return out;
}

std::string status_text(model::ProjectStatus status) {
  return status == model::ProjectStatus::kUnknown ? std::string(kUnknown) : label(model::to_string(status));
}

std::string number_text(double value) { return fmt::format("{}", value); }

data string_or_empty(const std::optional<std::string>& s) { return data(s.value_or("")); }

// A list section: `name` holds the items and `has_<name>` says whether any,
// so templates can print "none recorded" without logic.
void set_list(data& view, const std::string& name, const data& list, bool any) {
  view.set(name, list);  // kainjow's set() copies
  view.set("has_" + name, any ? data::type::bool_true : data::type::bool_false);
}

data localized_list(const model::LocalizedText& text, const std::string& first_language) {
  data list = data::type::list;
  // The record's own language first, then the others in code order.
  if (auto v = text.get(first_language)) {
    data item;
    item.set("language", first_language);
    item.set("value", *v);
    list.push_back(item);
  }
  for (const auto& [language, value] : text.all()) {
    if (language == first_language) continue;
    data item;
    item.set("language", language);
    item.set("value", value);
    list.push_back(item);
  }
  return list;
}

data project_view(const model::Project& p) {
  data view;
  const std::string title = p.titles.best(p.default_language);
  view.set("title", title.empty() ? std::string("(untitled)") : title);
  view.set("language", p.default_language);
  view.set("id", std::to_string(p.id));
  set_list(view, "titles", localized_list(p.titles, p.default_language), !p.titles.empty());
  set_list(view, "descriptions", localized_list(p.descriptions, p.default_language), !p.descriptions.empty());
  view.set("programme", p.programme.value_or(std::string(kUnknown)));
  view.set("kind", label(model::to_string(p.kind)));
  view.set("status", status_text(p.status));
  view.set("period", period_text(p.period.start, p.period.end));

  data amounts = data::type::list;
  for (const auto& a : p.amounts) {
    data item;
    item.set("amount", amount_text(a));
    item.set("kind", std::string(model::to_string(a.kind)));
    amounts.push_back(item);
  }
  set_list(view, "amounts", amounts, !p.amounts.empty());

  data organisations = data::type::list;
  for (const auto& o : p.participations) {
    data item;
    item.set("name", o.name);
    item.set("role", std::string(model::to_string(o.role)));
    item.set("country", country_text(o.country));
    organisations.push_back(item);
  }
  set_list(view, "organisations", organisations, !p.participations.empty());

  data activities = data::type::list;
  for (const auto& a : p.activities) {
    data item;
    item.set("code", a.code);
    item.set("title", a.title);
    activities.push_back(item);
  }
  set_list(view, "activities", activities, !p.activities.empty());

  data events = data::type::list;
  for (const auto& e : p.events) {
    data item;
    item.set("title", string_or_empty(e.title));
    item.set("place", string_or_empty(e.place));
    item.set("country", country_text(e.country));
    item.set("start", date_text(e.start));
    item.set("end", date_text(e.end));
    events.push_back(item);
  }
  set_list(view, "events", events, !p.events.empty());

  data indicators = data::type::list;
  for (const auto& i : p.indicators) {
    data item;
    item.set("value", number_text(i.value));
    item.set("unit", i.unit);
    item.set("status", std::string(model::to_string(i.status)));
    indicators.push_back(item);
  }
  set_list(view, "indicators", indicators, !p.indicators.empty());

  data places = data::type::list;
  for (const auto& pl : p.places) {
    data item;
    item.set("name", pl.name);
    item.set("country", country_text(pl.country));
    places.push_back(item);
  }
  set_list(view, "places", places, !p.places.empty());
  return view;
}

Result<Reply> render(std::string_view name, const std::string& title, data view) {
  auto html = render_page(name, title, std::move(view));
  if (!html) return unexpected(html.error());
  return html_reply(std::move(*html));
}

}  // namespace

Result<Reply> project_list(const Context& context, const Request& request) {
  auto after = query_int(request, "after", 0, INT64_MAX);
  if (!after) return unexpected(after.error());
  store::ProjectFilter filter;
  filter.visibility = store::Visibility::kPublic;
  store::PageRequest page;
  page.limit = kListPageSize;
  page.after_id = after->value_or(0);
  auto result = context.store.list_projects(filter, page);
  if (!result) return unexpected(result.error());

  data items = data::type::list;
  for (const auto& p : result->items) {
    data item;
    item.set("id", std::to_string(p.id));
    item.set("title", p.title.empty() ? std::string("(untitled)") : p.title);
    item.set("language", p.language);
    item.set("programme", p.programme.value_or(""));
    item.set("has_programme", p.programme ? data::type::bool_true : data::type::bool_false);
    item.set("period", period_text(p.period.start, p.period.end));
    item.set("kind", label(model::to_string(p.kind)));
    items.push_back(item);
  }
  data view;
  view.set("total", std::to_string(result->total));
  view.set("one_project", result->total == 1 ? data::type::bool_true : data::type::bool_false);
  set_list(view, "items", items, !result->items.empty());
  view.set("has_next", result->next_after_id ? data::type::bool_true : data::type::bool_false);
  view.set("next_after", result->next_after_id ? std::to_string(*result->next_after_id) : std::string());
  view.set("not_first_page", page.after_id > 0 ? data::type::bool_true : data::type::bool_false);
  return render("project_list", "Projects", std::move(view));
}

Result<Reply> project_page(const Context& context, const Request& request) {
  auto id = parse_id(request.params.at("id"), "id");
  if (!id) return unexpected(id.error());
  auto project = context.store.get_project(*id, store::Visibility::kPublic);
  if (!project) return unexpected(project.error());
  data view = project_view(*project);
  std::string title = project->titles.best(project->default_language);
  return render("project", title.empty() ? "Project " + std::to_string(*id) : title, std::move(view));
}

}  // namespace tiltas::http::pages
