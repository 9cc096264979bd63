#include "http/pages/search.h"

#include <cctype>
#include <map>
#include <string>

#include <fmt/format.h>

#include "base/country.h"
#include "http/pages/site.h"
#include "search/query.h"

namespace tiltas::http::pages {
namespace {

using kainjow::mustache::data;

// The page's filter parameters and the facet each one narrows by.
struct FacetParam {
  std::string_view param;       // query parameter of the page
  std::string_view facet;       // facet name of search::SearchResult
  std::string_view label_key;   // catalogue key of its heading
};
constexpr FacetParam kFacetParams[] = {
    {"programme", "programme", "facet_programme"},
    {"country", "country", "facet_country"},
    {"year", "year", "facet_year"},
    {"lang", "language", "facet_language"},
};

std::string unescape_html(std::string_view s) {
  struct Entity {
    std::string_view name;
    char c;
  };
  static constexpr Entity kEntities[] = {{"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'},
                                         {"&#39;", '\''}, {"&apos;", '\''}, {"&#34;", '"'}};
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    bool replaced = false;
    if (s[i] == '&') {
      for (const auto& e : kEntities) {
        if (s.substr(i).starts_with(e.name)) {
          out.push_back(e.c);
          i += e.name.size();
          replaced = true;
          break;
        }
      }
    }
    if (!replaced) out.push_back(s[i++]);
  }
  return out;
}

data segments_view(std::string_view highlighted_html) {
  data list = data::type::list;
  for (const auto& s : marked_segments(highlighted_html)) {
    data item;
    item.set("text", s.text);
    item.set("marked", flag(s.marked));
    list.push_back(item);
  }
  return list;
}

// The value a facet shows for `value` in the page language.
std::string facet_value_text(std::string_view facet, const std::string& value, Lang lang) {
  if (facet == "country") return country_text(value, lang);
  if (facet == "language") return language_text(value, lang);
  return value;
}

// The page's own URL with `params` (page number dropped unless given).
std::string search_url(Lang lang, const std::map<std::string, std::string>& params) {
  return href(lang, "/search") + query_string(params);
}

}  // namespace

std::vector<Segment> marked_segments(std::string_view html) {
  constexpr std::string_view kOpen = "<mark>";
  constexpr std::string_view kClose = "</mark>";
  std::vector<Segment> out;
  bool marked = false;
  while (!html.empty()) {
    const std::string_view tag = marked ? kClose : kOpen;
    const std::size_t at = html.find(tag);
    const std::string_view piece = html.substr(0, at);
    if (!piece.empty()) out.push_back({unescape_html(piece), marked});
    if (at == std::string_view::npos) break;
    html.remove_prefix(at + tag.size());
    marked = !marked;
  }
  return out;
}

Result<Reply> search_page(const Context& context, const Request& request) {
  const Lang lang = lang_of_path(request.path);
  auto page = query_int(request, "page", 1, 10000);
  if (!page) return bad_request_page(request);

  // The state of the page: what the form and each link carry over.
  std::map<std::string, std::string> params;
  const std::string q = query_text(request, "q").value_or("");
  if (!q.empty()) params["q"] = q;
  for (const auto& f : kFacetParams) {
    if (auto v = query_text(request, std::string(f.param))) params[std::string(f.param)] = *v;
  }
  // Country codes as the facet lists them, so that ?country=no selects NO.
  if (auto it = params.find("country"); it != params.end()) {
    for (char& c : it->second) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }

  data view;
  view.set("q", q);
  view.set("searched", flag(!params.empty()));
  data notices = data::type::list;
  int status = 200;
  bool ran = false;
  search::SearchResult result;

  if (!params.empty()) {
    auto query = search::parse_query(q);
    if (query) {
      auto& filters = query->filters;
      if (auto v = query_text(request, "programme")) filters.programmes.push_back(*v);
      if (auto it = params.find("country"); it != params.end()) filters.countries.push_back(it->second);
      if (auto v = query_text(request, "lang")) filters.languages.push_back(*v);
      auto year = query_int(request, "year", 1, 9999);
      if (!year) {
        query = unexpected(year.error());
      } else if (*year) {
        filters.year_from = static_cast<int>(**year);
        filters.year_to = static_cast<int>(**year);
      }
    }
    if (query) {
      search::SearchRequest search_request;
      search_request.query = std::move(*query);
      search_request.page = static_cast<int>(page->value_or(1));
      search_request.page_size = kSearchPageSize;
      auto found = context.store.search(search_request);
      if (found) {
        result = std::move(*found);
        ran = true;
      } else if (found.error().code == ErrorCode::kInvalidArgument) {
        notices.push_back(data(found.error().message));
        status = 400;
      } else {
        return unexpected(found.error());
      }
    } else if (query.error().code == ErrorCode::kInvalidArgument) {
      notices.push_back(data(query.error().message));
      status = 400;
    } else {
      return unexpected(query.error());
    }
  }
  for (const auto& n : result.notices) notices.push_back(data(n));
  view.set("notices", notices);
  view.set("ran", flag(ran));

  // Results.
  data hits = data::type::list;
  for (const auto& h : result.hits) {
    data item;
    item.set("href", href(lang, "/projects/" + std::to_string(h.id)));
    item.set("language", h.language);
    if (!h.title_html.empty()) {
      item.set("title_segments", segments_view(h.title_html));
    } else {
      // Plain text is one unmarked segment: it never goes through the
      // splitter, which reads its input as the highlighter's HTML.
      data plain = data::type::list;
      data segment;
      segment.set("text", h.title.empty() ? message(lang, "untitled") : h.title);
      segment.set("marked", flag(false));
      plain.push_back(segment);
      item.set("title_segments", plain);
    }
    item.set("snippet_segments", segments_view(h.snippet_html));
    item.set("has_snippet", flag(!h.snippet_html.empty()));
    item.set("programme", h.programme.value_or(""));
    item.set("has_programme", flag(h.programme.has_value()));
    item.set("period", period_text(h.period, lang));
    hits.push_back(item);
  }
  set_list(view, "hits", hits, !result.hits.empty());
  view.set("count_text", result.exhaustive
                             ? message(lang, "results_count", "count", std::to_string(result.total))
                             : message(lang, "results_count_sample", "count", std::to_string(result.total)));

  // Facets: each value links to this page with its filter added, or
  // removed when it is the active one; the page number starts again.
  data facets = data::type::list;
  data active = data::type::list;
  for (const auto& f : kFacetParams) {
    const std::string param(f.param);
    const auto current = params.find(param);
    if (current != params.end()) {
      auto without = params;
      without.erase(param);
      data item;
      item.set("label", message(lang, f.label_key));
      item.set("value", facet_value_text(f.facet, current->second, lang));
      item.set("remove_href", search_url(lang, without));
      active.push_back(item);
    }
    auto it = result.facets.find(std::string(f.facet));
    if (it == result.facets.end() || it->second.empty()) continue;
    data values = data::type::list;
    for (const auto& v : it->second) {
      const bool selected = current != params.end() && current->second == v.value;
      auto next = params;
      if (selected) {
        next.erase(param);
      } else {
        next[param] = v.value;
      }
      data item;
      item.set("text", facet_value_text(f.facet, v.value, lang));
      item.set("count", std::to_string(v.count));
      item.set("href", search_url(lang, next));
      item.set("selected", flag(selected));
      values.push_back(item);
    }
    data facet;
    facet.set("name", param);
    facet.set("label", message(lang, f.label_key));
    facet.set("values", values);
    facets.push_back(facet);
  }
  set_list(view, "facets", facets, ran && !result.facets.empty());
  set_list(view, "active_filters", active, params.size() > params.count("q"));
  // Hidden fields keep the active filters when the form is sent again.
  data hidden = data::type::list;
  for (const auto& [name, value] : params) {
    if (name == "q") continue;
    data item;
    item.set("name", name);
    item.set("value", value);
    hidden.push_back(item);
  }
  view.set("hidden", hidden);

  // Pagination.
  const int current_page = static_cast<int>(page->value_or(1));
  const bool has_next = ran && static_cast<std::int64_t>(current_page) * kSearchPageSize < result.total;
  auto page_url = [&](int n) {
    auto with = params;
    if (n > 1) with["page"] = std::to_string(n);
    return search_url(lang, with);
  };
  view.set("has_previous", flag(ran && current_page > 1));
  view.set("previous_href", current_page > 1 ? page_url(current_page - 1) : std::string());
  view.set("has_next", flag(has_next));
  view.set("next_href", has_next ? page_url(current_page + 1) : std::string());
  view.set("page_text", message(lang, "page_number", "page", std::to_string(current_page)));

  auto reply = render_reply("search", message(lang, "search_title"), std::move(view), request);
  if (reply) reply->status = status;
  return reply;
}

}  // namespace tiltas::http::pages
