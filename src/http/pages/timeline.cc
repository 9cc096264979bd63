#include "http/pages/timeline.h"

#include <algorithm>
#include <cmath>
#include <map>

#include <fmt/format.h>

#include "http/pages/site.h"
#include "search/query.h"

namespace tiltas::http::pages {
namespace {

using kainjow::mustache::data;

constexpr int kPageSize = 50;
constexpr double kAxisWidth = 1000;

Result<Reply> timeline(const Context& context, const Request& request) {
  const Lang lang = lang_of_path(request.path);
  auto page = query_int(request, "page", 1, 10000);
  if (!page) return unexpected(page.error());
  auto year = query_int(request, "year", 1, 9999);
  if (!year) return unexpected(year.error());

  std::map<std::string, std::string> params;
  const std::string q = query_text(request, "q").value_or("");
  if (!q.empty()) params["q"] = q;
  auto query = search::parse_query(q);
  if (!query) return unexpected(query.error());
  if (auto v = query_text(request, "programme")) {
    query->filters.programmes.push_back(*v);
    params["programme"] = *v;
  }
  if (auto v = query_text(request, "country")) {
    std::string c = *v;
    for (char& ch : c) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    query->filters.countries.push_back(c);
    params["country"] = c;
  }
  if (*year) {
    query->filters.year_from = static_cast<int>(**year);
    query->filters.year_to = static_cast<int>(**year);
    params["year"] = std::to_string(**year);
  } else {
    // Only projects with a period have a place on a timeline: a range of
    // every year selects them, and lets the page list without a query.
    query->filters.year_from = 1;
    query->filters.year_to = 9999;
  }
  search::SearchRequest search_request;
  search_request.query = std::move(*query);
  search_request.sort = search::SortOrder::kStartDate;
  search_request.page = static_cast<int>(page->value_or(1));
  search_request.page_size = kPageSize;
  auto found = context.store.search(search_request);
  if (!found) return unexpected(found.error());

  // The axis: whole years from the earliest start to the latest end shown.
  double first = 1e9, last = -1e9;
  for (const auto& h : found->hits) {
    if (h.period.start) first = std::min(first, std::floor(year_position(*h.period.start, false)));
    if (h.period.end) last = std::max(last, std::ceil(year_position(*h.period.end, true)));
    if (h.period.start && !h.period.end) last = std::max(last, std::ceil(year_position(*h.period.start, true)));
  }
  const bool has_axis = first < last;
  auto x_of = [&](double y) { return (y - first) / (last - first) * kAxisWidth; };

  data rows = data::type::list;
  for (const auto& h : found->hits) {
    data row;
    row.set("href", href(lang, "/projects/" + std::to_string(h.id)));
    row.set("title", h.title.empty() ? message(lang, "untitled") : h.title);
    row.set("language", h.language);
    row.set("period", period_text(h.period, lang));
    row.set("programme", h.programme.value_or(""));
    const bool drawn = has_axis && h.period.start;
    row.set("has_bar", flag(drawn));
    if (drawn) {
      const double start = year_position(*h.period.start, false);
      // An open end draws to the end of the start's year, marked as open.
      const double end = h.period.end ? year_position(*h.period.end, true) : year_position(*h.period.start, true);
      row.set("x", fmt::format("{:.1f}", x_of(start)));
      row.set("width", fmt::format("{:.1f}", std::max(2.0, x_of(end) - x_of(start))));
      row.set("fill", h.period.end ? "#0b5cad" : "#6e7781");
    }
    rows.push_back(row);
  }
  data ticks = data::type::list;
  if (has_axis) {
    const int years = static_cast<int>(last - first);
    const int step = years > 24 ? 5 : years > 12 ? 2 : 1;
    for (int y = static_cast<int>(first); y <= static_cast<int>(last); y += step) {
      data tick;
      tick.set("x", fmt::format("{:.1f}", x_of(y)));
      tick.set("label", std::to_string(y));
      tick.set("anchor", y == static_cast<int>(first) ? "start" : y + step > static_cast<int>(last) ? "end" : "middle");
      ticks.push_back(tick);
    }
  }
  data view;
  view.set("q", q);
  view.set("programme", params.contains("programme") ? params["programme"] : "");
  view.set("country", params.contains("country") ? params["country"] : "");
  view.set("year", params.contains("year") ? params["year"] : "");
  view.set("action", href(lang, "/timeline"));
  set_list(view, "rows", rows, !found->hits.empty());
  view.set("ticks", ticks);
  view.set("has_axis", flag(has_axis));
  view.set("count_text", message(lang, "results_count", "count", std::to_string(found->total)));
  const int current = search_request.page;
  const bool more = static_cast<std::int64_t>(current) * kPageSize < found->total;
  auto page_href = [&](int n) {
    auto p = params;
    if (n > 1) p["page"] = std::to_string(n);
    return href(lang, "/timeline") + query_string(p);
  };
  view.set("has_previous", flag(current > 1));
  view.set("previous_href", current > 1 ? page_href(current - 1) : std::string());
  view.set("has_next", flag(more));
  view.set("next_href", more ? page_href(current + 1) : std::string());
  return render_reply("timeline", message(lang, "timeline_title"), std::move(view), request);
}

}  // namespace

double year_position(const PartialDate& d, bool end) {
  double y = d.year_value();
  if (d.month_value() == 0) return end ? y + 1 : y;
  y += (d.month_value() - 1) / 12.0;
  if (d.day_value() == 0) return end ? y + 1 / 12.0 : y;
  return y + (d.day_value() - (end ? 0 : 1)) / 365.0;
}

Result<Reply> timeline_page(const Context& context, const Request& request) {
  return localize_errors(timeline(context, request), request);
}

}  // namespace tiltas::http::pages
