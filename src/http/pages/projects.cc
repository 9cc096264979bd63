#include "http/pages/projects.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "http/api/stats.h"
#include "http/pages/registry_facts.h"
#include "http/pages/site.h"
#include "http/pages/timeline.h"

namespace tiltas::http::pages {
namespace {

using kainjow::mustache::data;

std::string number_text(double value) { return fmt::format("{}", value); }

// The title to show in `lang`: the page language's, else the record's own,
// else any; with the language it is in.
std::pair<std::string, std::string> display_title(const model::LocalizedText& titles,
                                                  const std::string& record_language, Lang lang) {
  const std::string page_language(code(lang));
  if (auto t = titles.get(page_language)) return {*t, page_language};
  if (auto t = titles.get(record_language)) return {*t, record_language};
  if (!titles.empty()) return *titles.all().begin();
  return {message(lang, "untitled"), page_language};
}

data localized_list(const model::LocalizedText& text, const std::string& first_language, Lang lang) {
  data list = data::type::list;
  auto add = [&](const std::string& language, const std::string& value) {
    data item;
    item.set("language", language);
    item.set("language_name", language_text(language, lang));
    item.set("value", value);
    list.push_back(item);
  };
  // The record's own language first, then the others in code order.
  if (auto v = text.get(first_language)) add(first_language, *v);
  for (const auto& [language, value] : text.all()) {
    if (language != first_language) add(language, value);
  }
  return list;
}

// Country cells link to the country's page.
void set_country(data& item, const std::optional<std::string>& country, Lang lang) {
  item.set("has_country", flag(country.has_value()));
  item.set("country", country ? country_text(*country, lang) : std::string());
  item.set("country_href", country ? href(lang, "/countries/" + url_encode(*country)) : std::string());
}

// Indicators side by side per unit: what was planned and what was achieved.
data indicator_rows(const std::vector<model::Indicator>& indicators) {
  struct Row {
    std::optional<double> planned, achieved, unclassified;
  };
  std::vector<std::string> order;
  std::map<std::string, Row> rows;
  for (const auto& i : indicators) {
    if (!rows.contains(i.unit)) order.push_back(i.unit);
    Row& row = rows[i.unit];
    std::optional<double>& cell = i.status == model::IndicatorStatus::kPlanned    ? row.planned
                                  : i.status == model::IndicatorStatus::kAchieved ? row.achieved
                                                                                  : row.unclassified;
    cell = cell.value_or(0) + i.value;
  }
  data list = data::type::list;
  auto text = [](const std::optional<double>& v) { return v ? number_text(*v) : std::string(); };
  for (const auto& unit : order) {
    const Row& row = rows[unit];
    data item;
    item.set("unit", unit);
    item.set("planned", text(row.planned));
    item.set("achieved", text(row.achieved));
    item.set("unclassified", text(row.unclassified));
    // Bars on a common scale per unit: planned, and achieved (or, without
    // it, the value stated without status) beneath.
    const double most = std::max({row.planned.value_or(0), row.achieved.value_or(0), row.unclassified.value_or(0)});
    auto width = [&](const std::optional<double>& v) {
      return most > 0 && v ? fmt::format("{:.1f}", *v / most * 100) : std::string("0");
    };
    item.set("planned_width", width(row.planned));
    item.set("achieved_width", width(row.achieved ? row.achieved : row.unclassified));
    item.set("achieved_fill", row.achieved ? "#0b5cad" : "#6e7781");
    list.push_back(item);
  }
  return list;
}

// The events on a small timeline across the project's period (or the
// events' own span): a mark per dated event, a bar per event with an end.
data event_timeline(const model::Project& p, Lang lang) {
  double first = 1e9, last = -1e9;
  auto widen = [&](const std::optional<PartialDate>& d, bool end) {
    if (!d) return;
    first = std::min(first, year_position(*d, false));
    last = std::max(last, year_position(*d, end));
  };
  widen(p.period.start, false);
  widen(p.period.end, true);
  for (const auto& e : p.events) {
    widen(e.start, false);
    widen(e.end ? e.end : e.start, true);
  }
  data marks = data::type::list;
  bool any = false;
  if (first < last) {
    auto x = [&](double y) { return (y - first) / (last - first) * 1000; };
    for (const auto& e : p.events) {
      if (!e.start) continue;
      const double a = x(year_position(*e.start, false));
      const double b = x(year_position(e.end ? *e.end : *e.start, true));
      data m;
      m.set("x", fmt::format("{:.1f}", a));
      m.set("width", fmt::format("{:.1f}", std::max(6.0, b - a)));
      m.set("label", fmt::format("{}: {}", e.title.value_or(message(lang, "col_event")), e.start->to_iso()));
      marks.push_back(m);
      any = true;
    }
  }
  data t;
  t.set("has_marks", flag(any));
  t.set("marks", marks);
  t.set("from", first < last ? std::to_string(static_cast<int>(first)) : std::string());
  t.set("to", first < last ? std::to_string(static_cast<int>(last - 1e-9)) : std::string());
  return t;
}

data project_view(const model::Project& p, Lang lang) {
  data view;
  const auto [title, title_language] = display_title(p.titles, p.default_language, lang);
  view.set("title", title);
  view.set("title_language", title_language);
  view.set("language", language_text(p.default_language, lang));
  view.set("id", std::to_string(p.id));
  view.set("json_href", "/api/v1/projects/" + std::to_string(p.id));
  view.set("iati_href", "/api/v1/projects/" + std::to_string(p.id) + "/iati");
  view.set("has_source", flag(p.document_id.has_value()));
  view.set("source_href", href(lang, "/projects/" + std::to_string(p.id) + "/source"));
  set_list(view, "titles", localized_list(p.titles, p.default_language, lang), !p.titles.empty());
  set_list(view, "descriptions", localized_list(p.descriptions, p.default_language, lang), !p.descriptions.empty());
  view.set("programme", p.programme.value_or(message(lang, "not_stated")));
  view.set("kind", enum_text(lang, "kind", model::to_string(p.kind)));
  view.set("status", enum_text(lang, "status", model::to_string(p.status)));
  view.set("period", period_text(p.period, lang));

  data amounts = data::type::list;
  for (const auto& a : p.amounts) {
    data item;
    item.set("amount", amount_text(a.minor_units, a.currency));
    item.set("kind", enum_text(lang, "amount", model::to_string(a.kind)));
    amounts.push_back(item);
  }
  set_list(view, "amounts", amounts, !p.amounts.empty());

  data partners = data::type::list;
  for (const auto& o : p.participations) {
    data item;
    item.set("name", o.name);
    item.set("has_href", flag(o.organisation_id.has_value()));
    item.set("href", o.organisation_id ? href(lang, "/organisations/" + std::to_string(*o.organisation_id)) : "");
    item.set("role", enum_text(lang, "role", model::to_string(o.role)));
    set_country(item, o.country, lang);
    partners.push_back(item);
  }
  set_list(view, "partners", partners, !p.participations.empty());

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
    item.set("title", e.title.value_or(""));
    item.set("place", e.place.value_or(""));
    set_country(item, e.country, lang);
    item.set("start", e.start ? e.start->to_iso() : std::string());
    item.set("end", e.end ? e.end->to_iso() : std::string());
    events.push_back(item);
  }
  set_list(view, "events", events, !p.events.empty());
  view.set("event_timeline", event_timeline(p, lang));

  set_list(view, "indicators", indicator_rows(p.indicators), !p.indicators.empty());

  data places = data::type::list;
  for (const auto& pl : p.places) {
    data item;
    item.set("name", pl.name);
    set_country(item, pl.country, lang);
    places.push_back(item);
  }
  set_list(view, "places", places, !p.places.empty());
  return view;
}

// The headline figures of the home page, from the statistics the API serves
// (cached there) and the public organisations' countries.
Status set_figures(const Context& context, Lang lang, data& view) {
  auto stats_reply = api::stats(context, Request{});
  if (!stats_reply) return unexpected(stats_reply.error());
  auto stats = nlohmann::json::parse(stats_reply->body, nullptr, /*allow_exceptions=*/false);
  if (!stats.is_object()) return internal_error("statistics are not a JSON object");
  view.set("published", std::to_string(stats.value("projects", std::int64_t{0})));
  auto facts = registry_facts(context);
  if (!facts) return unexpected(facts.error());
  view.set("people_reached", fmt::format("{}", static_cast<std::int64_t>(std::llround((*facts)->people_reached))));

  data currencies = data::type::list;
  bool any_amount = false;
  if (stats.contains("amounts") && stats["amounts"].contains("by_currency")) {
    for (const auto& [currency, kinds] : stats["amounts"]["by_currency"].items()) {
      data item;
      item.set("currency", currency);
      data kind_list = data::type::list;
      for (const auto& [kind, major] : kinds.items()) {
        if (!major.is_number()) continue;
        data k;
        k.set("kind", enum_text(lang, "amount", kind));
        k.set("amount", amount_text(std::llround(major.get<double>() * 100), currency));
        kind_list.push_back(k);
      }
      item.set("kinds", kind_list);
      currencies.push_back(item);
      any_amount = true;
    }
  }
  set_list(view, "currencies", currencies, any_amount);

  auto organisations = public_organisations(context);
  if (!organisations) return unexpected(organisations.error());
  std::map<std::string, std::int64_t> by_country;
  for (const auto& o : *organisations) {
    if (o.organisation.country) ++by_country[*o.organisation.country];
  }
  view.set("organisations", std::to_string(organisations->size()));
  view.set("countries", std::to_string(by_country.size()));
  data countries = data::type::list;
  for (const auto& [country, count] : by_country) {
    data item;
    item.set("name", country_text(country, lang));
    item.set("href", href(lang, "/countries/" + url_encode(country)));
    countries.push_back(item);
  }
  set_list(view, "country_links", countries, !by_country.empty());
  return ok();
}

}  // namespace

Result<Reply> home(const Context& context, const Request& request) {
  const Lang lang = lang_of_path(request.path);
  data view;
  if (auto total = set_project_page(context, request, store::ProjectFilter{}, view); !total) {
    return localize_errors(unexpected(total.error()), request);
  }
  if (auto figures = set_figures(context, lang, view); !figures) return unexpected(figures.error());
  return render_reply("home", message(lang, "home_title"), std::move(view), request);
}

Result<Reply> project_page(const Context& context, const Request& request) {
  const Lang lang = lang_of_path(request.path);
  auto id = parse_id(request.params.at("id"), "id");
  if (!id) return bad_request_page(request);
  auto project = context.store.get_project(*id, store::Visibility::kPublic);
  if (!project) return localize_errors(unexpected(project.error()), request);
  data view = project_view(*project, lang);
  const std::string title = display_title(project->titles, project->default_language, lang).first;
  return render_reply("project", title, std::move(view), request);
}

}  // namespace tiltas::http::pages
