#include "search/index_document.h"

#include <algorithm>
#include <string>
#include <unordered_map>

#include "base/text.h"
#include "search/analyzer.h"

namespace tiltas::search {
namespace {

void add_text(std::string& out, std::string_view text, std::string_view language) {
  append_analyzed(text, language, out);
}

// add_text() of a name, its analysis remembered per thread: organisation,
// place and activity names and indicator units recur on page after page of
// an import (titles and descriptions do not, and go through add_text).
// Appending a text's analysis made on its own (a space first when `out`
// has tokens) gives what appending it word by word gives. Pure, so never
// stale; bounded.
void add_name(std::string& out, std::string_view text, std::string_view language) {
  if (text.size() > 96) {
    append_analyzed(text, language, out);
    return;
  }
  thread_local std::unordered_map<std::string, std::string> memo;
  thread_local std::string key;
  key.assign(language).append(1, '\0').append(text);
  auto it = memo.find(key);
  if (it == memo.end()) {
    std::string analysed;
    append_analyzed(text, language, analysed);
    if (memo.size() >= 8192) memo.clear();
    it = memo.emplace(key, std::move(analysed)).first;
  }
  const std::string& analysed = it->second;
  if (analysed.empty()) return;
  if (!out.empty()) out.push_back(' ');
  out += analysed;
}

void sort_unique(std::vector<std::pair<std::string, std::string>>& v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
}

std::string token_value(std::string_view value) {
  std::string f = text::fold(value);
  std::replace(f.begin(), f.end(), ' ', '_');
  return f;
}

}  // namespace

std::string facet_token(std::string_view facet, std::string_view value) {
  if (facet == "all") return "all";
  char prefix = facet == "programme" ? 'p'
                : facet == "country" ? 'c'
                : facet == "role"    ? 'r'
                : facet == "year"    ? 'y'
                : facet == "language" ? 'l'
                : facet == "kind"    ? 'k'
                : facet == "status"  ? 's'
                                     : 'x';
  std::string out(1, prefix);
  out += ':';
  out += token_value(value);
  return out;
}

std::vector<int> period_years(const model::Period& period) {
  std::vector<int> out;
  if (period.empty()) return out;
  int from = period.start ? period.start->year_value() : period.end->year_value();
  int to = period.end ? period.end->year_value() : from;
  if (to < from) std::swap(from, to);
  to = std::min(to, from + 59);
  for (int y = from; y <= to; ++y) out.push_back(y);
  return out;
}

IndexDocument make_index_document(const model::Project& p) {
  IndexDocument d;
  const std::string& lang = p.default_language;
  for (const auto& [language, title] : p.titles.all()) add_text(d.title, title, language);
  for (const auto& [language, text] : p.descriptions.all()) add_text(d.body, text, language);
  // Sorted and deduplicated once at the end: a std::set cost a node per
  // value, and the output is the same ordered, distinct list.
  std::vector<std::pair<std::string, std::string>> names;
  for (const auto& o : p.participations) {
    add_name(d.org, o.name, lang);
    names.emplace_back("organisation", o.name);
  }
  for (const auto& x : p.places) {
    add_name(d.body, x.name, lang);
    names.emplace_back("place", x.name);
  }
  for (const auto& a : p.activities) add_name(d.body, a.title, lang);
  for (const auto& e : p.events) {
    if (e.title) add_name(d.body, *e.title, lang);
    if (e.place) {
      add_name(d.body, *e.place, lang);
      names.emplace_back("place", *e.place);
    }
  }
  for (const auto& i : p.indicators) add_name(d.body, i.unit, lang);
  sort_unique(names);
  d.names = std::move(names);

  // Facets: a value once per project however often it occurs.
  std::vector<std::pair<std::string, std::string>> values;
  if (p.programme) values.emplace_back("programme", *p.programme);
  for (const auto& o : p.participations) {
    if (o.country) values.emplace_back("country", *o.country);
    values.emplace_back("role", std::string(model::to_string(o.role)));
  }
  for (int y : period_years(p.period)) values.emplace_back("year", std::to_string(y));
  if (!lang.empty()) values.emplace_back("language", lang);
  values.emplace_back("kind", std::string(model::to_string(p.kind)));
  sort_unique(values);
  d.facets = "all";
  for (const auto& [facet, value] : values) {
    d.facets += ' ';
    d.facets += facet_token(facet, value);
    d.facet_values.append(facet).append(1, '=').append(value).append(1, '\n');
  }
  d.facets += ' ';
  d.facets += facet_token("status", model::to_string(p.status));

  if (p.period.start) d.start_date = p.period.start->to_iso();
  for (const auto& a : p.amounts) {
    if (!d.amount_minor || a.minor_units > *d.amount_minor) {
      d.amount_minor = a.minor_units;
      d.currency = a.currency;
    }
  }
  return d;
}

std::vector<std::vector<std::string>> filter_tokens(const Filters& f) {
  std::vector<std::vector<std::string>> out;
  auto add = [&](std::string_view facet, const std::vector<std::string>& values) {
    if (values.empty()) return;
    std::vector<std::string> any;
    for (const auto& v : values) any.push_back(facet_token(facet, v));
    out.push_back(std::move(any));
  };
  add("programme", f.programmes);
  add("country", f.countries);
  add("language", f.languages);
  add("role", f.roles);
  add("kind", f.kinds);
  add("status", f.statuses);
  if (f.year_from) {
    std::vector<std::string> years;
    for (int y = *f.year_from; y <= f.year_to.value_or(*f.year_from); ++y) years.push_back(std::to_string(y));
    add("year", years);
  }
  return out;
}

std::vector<std::string> suggestion_keys(std::string_view name) {
  std::string folded = text::fold(name);
  std::vector<std::string> out;
  std::size_t pos = 0;
  while (pos < folded.size() && out.size() < 8) {
    out.push_back(folded.substr(pos));
    std::size_t space = folded.find(' ', pos);
    if (space == std::string::npos) break;
    pos = space + 1;
  }
  return out;
}

std::string compile_boolean(const SearchQuery& q, const BooleanSyntax& syntax) {
  std::vector<std::string> required;
  for (const auto& group : q.all_of) {
    std::vector<std::string> alternatives;
    for (const auto& clause : group) {
      if (auto e = syntax.clause(clause); !e.empty()) alternatives.push_back(std::move(e));
    }
    if (!alternatives.empty()) required.push_back(syntax.any_of(alternatives));
  }
  for (const auto& tokens : filter_tokens(q.filters)) {
    std::vector<std::string> alternatives;
    for (const auto& t : tokens) alternatives.push_back(syntax.quoted(t));
    required.push_back(syntax.any_of(alternatives));
  }
  std::string out;
  for (const auto& r : required) {
    if (!out.empty()) out += syntax.and_op;
    out += r;
  }
  if (out.empty()) out = syntax.quoted("all");
  for (const auto& clause : q.none_of) {
    if (auto e = syntax.clause(clause); !e.empty()) {
      out += syntax.and_not_op;
      out += e;
    }
  }
  return out;
}

}  // namespace tiltas::search
