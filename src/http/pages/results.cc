#include "http/pages/results.h"

#include <algorithm>
#include <set>
#include <vector>

#include <fmt/format.h>

#include "export/csv_writer.h"
#include "export/tables.h"
#include "http/pages/registry_facts.h"
#include "http/pages/site.h"

namespace tiltas::http::pages {
namespace {

using kainjow::mustache::data;

constexpr std::size_t kChartUnits = 12;
constexpr std::size_t kBreakdownRows = 300;
constexpr int kChartWidth = 720;
constexpr int kLabelWidth = 250;
constexpr int kRowHeight = 34;

std::string number(double v) {
  if (v == static_cast<double>(static_cast<long long>(v))) return fmt::format("{}", static_cast<long long>(v));
  return fmt::format("{:.2f}", v);
}

struct Selection {
  std::optional<std::string> programme;  // "" selects projects without one
  std::optional<int> year;               // 0 selects projects without a start
};

Result<Selection> selection_of(const Request& request) {
  Selection s;
  if (auto it = request.query.find("programme"); it != request.query.end() && !it->second.empty()) {
    s.programme = it->second == "-" ? std::string() : it->second;
  }
  auto year = query_int(request, "year", 0, 9999);
  if (!year) return unexpected(year.error());
  if (*year) s.year = static_cast<int>(**year);
  return s;
}

// The request's selection and the registry's facts, which every view of
// the results starts from.
struct SelectedFacts {
  Selection selection;
  std::shared_ptr<const RegistryFacts> facts;
};
Result<SelectedFacts> selected_facts(const Context& context, const Request& request);

bool selected(const Selection& s, const std::string& programme, int year) {
  return (!s.programme || *s.programme == programme) && (!s.year || *s.year == year);
}

Result<SelectedFacts> selected_facts(const Context& context, const Request& request) {
  auto selection = selection_of(request);
  if (!selection) return unexpected(selection.error());
  auto facts = registry_facts(context);
  if (!facts) return unexpected(facts.error());
  return SelectedFacts{std::move(*selection), std::move(*facts)};
}

// Totals by unit within the selection, largest first.
std::vector<std::pair<std::string, UnitTotals>> units_of(const RegistryFacts& facts, const Selection& s) {
  std::map<std::string, UnitTotals> sums;
  if (!s.programme && !s.year) {
    sums = facts.by_unit;
  } else {
    for (const auto& [key, t] : facts.by_programme_year) {
      const auto& [programme, year, unit] = key;
      if (!selected(s, programme, year)) continue;
      UnitTotals& sum = sums[unit];
      sum.planned += t.planned;
      sum.achieved += t.achieved;
      sum.unknown += t.unknown;
      sum.projects += t.projects;
    }
  }
  std::vector<std::pair<std::string, UnitTotals>> out(sums.begin(), sums.end());
  auto size = [](const UnitTotals& t) { return std::max({t.planned, t.achieved, t.unknown}); };
  std::stable_sort(out.begin(), out.end(), [&](const auto& a, const auto& b) {
    if (a.second.projects != b.second.projects) return a.second.projects > b.second.projects;
    return size(a.second) > size(b.second);
  });
  return out;
}

std::string label_of(const RegistryFacts& facts, const std::string& unit) {
  auto it = facts.unit_label.find(unit);
  return it == facts.unit_label.end() ? unit : it->second;
}

// The chart's geometry as view data: the legend stacked at the top (its
// words are long in Lithuanian), then one row per unit with a planned and an
// achieved bar (unclassified values draw as achieved-unknown in grey).
data chart_view(const RegistryFacts& facts, const std::vector<std::pair<std::string, UnitTotals>>& units, Lang lang) {
  const std::size_t n = std::min(units.size(), kChartUnits);
  double most = 0;
  for (std::size_t i = 0; i < n; ++i) {
    most = std::max({most, units[i].second.planned, units[i].second.achieved, units[i].second.unknown});
  }
  const int bar_space = kChartWidth - kLabelWidth - 70;
  auto width = [&](double v) { return most > 0 ? std::max(v > 0 ? 1 : 0, static_cast<int>(v / most * bar_space)) : 0; };
  data rows = data::type::list;
  for (std::size_t i = 0; i < n; ++i) {
    const auto& [unit, t] = units[i];
    const int y = 70 + static_cast<int>(i) * kRowHeight;
    std::string label = label_of(facts, unit);
    if (label.size() > 34) {
      std::size_t cut = 33;
      while (cut > 0 && (static_cast<unsigned char>(label[cut]) & 0xC0) == 0x80) --cut;
      label = label.substr(0, cut) + "…";
    }
    data row;
    row.set("label", label);
    row.set("label_y", std::to_string(y + 15));
    const double second = t.achieved > 0 ? t.achieved : t.unknown;
    row.set("planned_y", std::to_string(y + 2));
    row.set("planned_w", std::to_string(width(t.planned)));
    row.set("planned_text", number(t.planned));
    row.set("planned_text_x", std::to_string(kLabelWidth + width(t.planned) + 6));
    row.set("achieved_y", std::to_string(y + 15));
    row.set("achieved_w", std::to_string(width(second)));
    row.set("achieved_fill", t.achieved > 0 ? "#0b5cad" : "#6e7781");
    row.set("achieved_label", message(lang, t.achieved > 0 ? "col_achieved" : "col_unclassified"));
    row.set("achieved_text", number(second));
    row.set("achieved_text_x", std::to_string(kLabelWidth + width(second) + 6));
    rows.push_back(row);
  }
  data chart;
  chart.set("rows", rows);
  chart.set("has_rows", flag(n > 0));
  chart.set("width", std::to_string(kChartWidth));
  chart.set("height", std::to_string(90 + static_cast<int>(n) * kRowHeight));
  chart.set("bar_x", std::to_string(kLabelWidth));
  chart.set("chart_title", message(lang, "results_chart_title"));
  return chart;
}

std::string selection_query(const Selection& s) {
  std::map<std::string, std::string> q;
  if (s.programme) q["programme"] = s.programme->empty() ? "-" : *s.programme;
  if (s.year) q["year"] = std::to_string(*s.year);
  return query_string(q);
}

Result<Reply> results(const Context& context, const Request& request) {
  const Lang lang = lang_of_path(request.path);
  auto chosen = selected_facts(context, request);
  if (!chosen) return unexpected(chosen.error());
  const Selection& selection = chosen->selection;
  const RegistryFacts& facts = *chosen->facts;
  const auto units = units_of(facts, selection);

  data view = chart_view(facts, units, lang);
  auto chart = template_source("results_chart");
  if (!chart) return unexpected(chart.error());
  view.set("chart", kainjow::mustache::partial([text = *chart] { return text; }));
  view.set("people_reached", number(facts.people_reached));
  view.set("projects", std::to_string(facts.projects));

  data unit_rows = data::type::list;
  for (const auto& [unit, t] : units) {
    data row;
    row.set("unit", label_of(facts, unit));
    row.set("planned", t.planned > 0 ? number(t.planned) : "");
    row.set("achieved", t.achieved > 0 ? number(t.achieved) : "");
    row.set("unclassified", t.unknown > 0 ? number(t.unknown) : "");
    row.set("projects", std::to_string(t.projects));
    unit_rows.push_back(row);
  }
  set_list(view, "units", unit_rows, !units.empty());

  // The filter's choices: every programme and start year that has results.
  std::set<std::string> programmes;
  std::set<int> years;
  for (const auto& [key, t] : facts.by_programme_year) {
    programmes.insert(std::get<0>(key));
    years.insert(std::get<1>(key));
  }
  data programme_options = data::type::list;
  for (const auto& p : programmes) {
    data o;
    o.set("value", p.empty() ? "-" : p);
    o.set("label", p.empty() ? message(lang, "not_stated") : p);
    o.set("selected", flag(selection.programme && selection.programme == p));
    programme_options.push_back(o);
  }
  view.set("programme_options", programme_options);
  data year_options = data::type::list;
  for (int y : years) {
    if (y == 0) continue;
    data o;
    o.set("value", std::to_string(y));
    o.set("selected", flag(selection.year && selection.year == y));
    year_options.push_back(o);
  }
  view.set("year_options", year_options);

  data breakdown = data::type::list;
  std::size_t shown = 0, matching = 0;
  for (const auto& [key, t] : facts.by_programme_year) {
    const auto& [programme, year, unit] = key;
    if (!selected(selection, programme, year)) continue;
    ++matching;
    if (shown == kBreakdownRows) continue;
    ++shown;
    data row;
    row.set("programme", programme.empty() ? message(lang, "not_stated") : programme);
    row.set("year", year ? std::to_string(year) : message(lang, "not_stated"));
    row.set("unit", label_of(facts, unit));
    row.set("planned", t.planned > 0 ? number(t.planned) : "");
    row.set("achieved", t.achieved > 0 ? number(t.achieved) : "");
    row.set("unclassified", t.unknown > 0 ? number(t.unknown) : "");
    row.set("projects", std::to_string(t.projects));
    breakdown.push_back(row);
  }
  set_list(view, "breakdown", breakdown, shown > 0);
  view.set("breakdown_truncated", flag(matching > shown));
  view.set("breakdown_note", message(lang, "results_breakdown_truncated", "count", std::to_string(shown)));
  const std::string query = selection_query(selection);
  view.set("csv_href", "/results.csv" + query);
  view.set("svg_href", href(lang, "/results.svg") + query);
  view.set("action", href(lang, "/results"));
  return render_reply("results", message(lang, "results_title"), std::move(view), request);
}

}  // namespace

Result<Reply> results_page(const Context& context, const Request& request) {
  return localize_errors(results(context, request), request);
}

Result<Reply> results_csv(const Context& context, const Request& request) {
  auto chosen = selected_facts(context, request);
  if (!chosen) return unexpected(chosen.error());
  const Selection& selection = chosen->selection;
  const RegistryFacts& facts = *chosen->facts;
  std::string body = "programme,year,unit,planned,achieved,unclassified,projects\r\n";
  for (const auto& [key, t] : facts.by_programme_year) {
    const auto& [programme, year, unit] = key;
    if (!selected(selection, programme, year)) continue;
    body += fmt::format("{},{},{},{},{},{},{}\r\n", exporter::csv_field(exporter::tables::neutralise(programme)), year ? std::to_string(year) : "",
                        exporter::csv_field(exporter::tables::neutralise(label_of(facts, unit))), number(t.planned), number(t.achieved),
                        number(t.unknown), t.projects);
  }
  Reply r;
  r.content_type = "text/csv; charset=utf-8";
  r.body = std::move(body);
  r.headers = {{"Content-Disposition", "attachment; filename=\"tiltas-results.csv\""}};
  return r;
}

Result<Reply> results_svg(const Context& context, const Request& request) {
  const Lang lang = lang_of_path(request.path);
  auto chosen = selected_facts(context, request);
  if (!chosen) return unexpected(chosen.error());
  const Selection& selection = chosen->selection;
  const RegistryFacts& facts = *chosen->facts;
  auto svg = render_fragment("results_chart", chart_view(facts, units_of(facts, selection), lang), lang);
  if (!svg) return unexpected(svg.error());
  Reply r;
  r.content_type = "image/svg+xml";
  r.body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + *svg;
  r.headers = {{"Content-Disposition", "inline; filename=\"tiltas-results.svg\""}};
  return r;
}

}  // namespace tiltas::http::pages
