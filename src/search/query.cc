#include "search/query.h"

#include <algorithm>
#include <cctype>
#include <charconv>

#include <fmt/format.h>

#include "base/text.h"
#include "search/analyzer.h"

namespace tiltas::search {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::vector<std::string> words_of(std::string_view raw) {
  std::vector<std::string> out;
  for (const auto& w : split_words(raw)) out.emplace_back(raw.substr(w.start, w.end - w.start));
  return out;
}

// One piece of the typed query before it is sorted into groups.
struct Piece {
  std::string field;  // lower case, "" for words
  std::string value;  // the raw token or the quoted text
  bool quoted = false;
  bool negated = false;
  bool is_or = false;
};

std::optional<int> parse_year(std::string_view s) {
  int y = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), y);
  if (ec != std::errc() || p != s.data() + s.size() || y < 1900 || y > 2200) return std::nullopt;
  return y;
}

bool known_field(std::string_view f) {
  static constexpr std::string_view kFields[] = {"programme", "program", "country", "org", "lang", "language",
                                                 "status",    "year",    "role",    "kind"};
  return std::find(std::begin(kFields), std::end(kFields), f) != std::end(kFields);
}

Status apply_field(const std::string& field, const std::string& value, SearchQuery& q, const char* where) {
  auto bad = [&](std::string why) { return invalid_argument(fmt::format("{}:{} — {}", field, value, why), where); };
  std::string v(text::trim(value));
  if (v.empty()) return bad("the field needs a value");
  auto& f = q.filters;
  if (field == "programme" || field == "program") {
    f.programmes.push_back(v);
  } else if (field == "country") {
    if (v.size() != 2 || !std::isalpha(static_cast<unsigned char>(v[0])) ||
        !std::isalpha(static_cast<unsigned char>(v[1]))) {
      return bad("a country is a two-letter code such as LT or NO");
    }
    f.countries.push_back({static_cast<char>(std::toupper(static_cast<unsigned char>(v[0]))),
                           static_cast<char>(std::toupper(static_cast<unsigned char>(v[1])))});
  } else if (field == "lang" || field == "language") {
    if (v.size() != 2 || !std::isalpha(static_cast<unsigned char>(v[0])) ||
        !std::isalpha(static_cast<unsigned char>(v[1]))) {
      return bad("a language is a two-letter code such as lt, en or nb");
    }
    f.languages.push_back(lower_ascii(v));
  } else if (field == "status") {
    std::string s = lower_ascii(v);
    if (auto r = model::parse_review_state(s)) {
      f.review_state = *r;
    } else if (model::parse_project_status(s)) {
      f.statuses.push_back(s);
    } else {
      return bad("status is draft, published, planned, ongoing, completed or unknown");
    }
  } else if (field == "role") {
    std::string s = lower_ascii(v);
    if (!model::parse_role(s)) return bad("role is promoter, partner, funder or other");
    f.roles.push_back(s);
  } else if (field == "kind") {
    std::string s = lower_ascii(v);
    if (!model::parse_project_kind(s)) return bad("kind is project, bilateral_initiative or small_grant");
    f.kinds.push_back(s);
  } else if (field == "year") {
    std::size_t dots = v.find("..");
    auto from = parse_year(dots == std::string::npos ? std::string_view(v) : std::string_view(v).substr(0, dots));
    auto to = dots == std::string::npos ? from : parse_year(std::string_view(v).substr(dots + 2));
    if (!from || !to) return bad("a year is like 2021, a range like 2020..2022");
    if (*to < *from) return bad("the range ends before it starts");
    if (*to - *from > kMaxYearSpan) return bad(fmt::format("a range spans at most {} years", kMaxYearSpan));
    f.year_from = *from;
    f.year_to = *to;
  } else if (field == "org") {
    auto words = words_of(v);
    if (words.empty()) return bad("the organisation needs a word");
    q.all_of.push_back({Clause{std::move(words), true}});
  }
  return ok();
}

// Splits the typed text into pieces: words, "phrases", -exclusions, OR and
// field:value (value possibly quoted).
std::vector<Piece> pieces_of(std::string_view s, std::vector<std::string>& notices) {
  std::vector<Piece> out;
  std::size_t i = 0;
  auto read_quoted = [&](std::size_t open) {
    std::size_t close = s.find('"', open + 1);
    if (close == std::string_view::npos) {
      notices.push_back("a quote is not closed: the phrase runs to the end of the query");
      i = s.size();
      return std::string(s.substr(open + 1));
    }
    i = close + 1;
    return std::string(s.substr(open + 1, close - open - 1));
  };
  while (i < s.size()) {
    if (is_space(s[i])) {
      ++i;
      continue;
    }
    Piece p;
    if (s[i] == '-' && i + 1 < s.size() && !is_space(s[i + 1])) {
      p.negated = true;
      ++i;
    }
    if (s[i] == '"') {
      p.quoted = true;
      p.value = read_quoted(i);
      out.push_back(std::move(p));
      continue;
    }
    std::size_t start = i;
    while (i < s.size() && !is_space(s[i]) && s[i] != '"') ++i;
    std::string_view token = s.substr(start, i - start);
    std::size_t colon = token.find(':');
    if (colon != std::string_view::npos && colon > 0 && known_field(lower_ascii(token.substr(0, colon)))) {
      p.field = lower_ascii(token.substr(0, colon));
      if (colon + 1 == token.size() && i < s.size() && s[i] == '"') {
        p.quoted = true;
        p.value = read_quoted(i);
      } else {
        p.value = std::string(token.substr(colon + 1));
      }
      out.push_back(std::move(p));
      continue;
    }
    if (token == "OR" && !p.negated) {
      p.is_or = true;
      out.push_back(std::move(p));
      continue;
    }
    p.value = std::string(token);
    out.push_back(std::move(p));
  }
  return out;
}

Status check_text(std::string_view text, const char* where) {
  if (text.size() > kMaxQueryBytes) {
    return invalid_argument(
        fmt::format("the query is {} bytes long; at most {} are read", text.size(), kMaxQueryBytes), where);
  }
  if (!text::is_valid_utf8(text)) return invalid_argument("the query is not valid UTF-8", where);
  return ok();
}

}  // namespace

Result<SearchQuery> parse_query(std::string_view text) {
  if (auto s = check_text(text, "q"); !s) return unexpected(s.error());
  SearchQuery q;
  auto pieces = pieces_of(text, q.notices);

  struct Positive {
    Clause clause;
    bool stop = false;
    bool joined_by_or = false;  // OR before it
  };
  std::vector<Positive> positives;
  bool pending_or = false;
  for (auto& p : pieces) {
    if (p.is_or) {
      if (positives.empty()) {
        q.notices.push_back("OR needs a word on each side: the first OR was ignored");
      } else {
        pending_or = true;
      }
      continue;
    }
    if (!p.field.empty()) {
      if (p.negated) q.notices.push_back(fmt::format("-{}: cannot be excluded: read as {}:", p.field, p.field));
      if (auto s = apply_field(p.field, p.value, q, "q"); !s) return unexpected(s.error());
      pending_or = false;
      continue;
    }
    auto words = words_of(p.value);
    if (words.empty()) continue;  // punctuation only ("*", "^", "NEAR(")
    // A typed token with inner punctuation ("2020-2022", "e-mail") is a
    // phrase of its words, as a quoted one is.
    Clause c{std::move(words), false};
    if (p.negated) {
      q.none_of.push_back(std::move(c));
      pending_or = false;
      continue;
    }
    bool stop = !p.quoted && c.words.size() == 1 && is_stop_word(text::fold(c.words[0]));
    positives.push_back({std::move(c), stop, pending_or});
    pending_or = false;
  }
  if (pending_or) q.notices.push_back("OR needs a word on each side: the last OR was ignored");

  bool all_stop = !positives.empty() && std::all_of(positives.begin(), positives.end(),
                                                    [](const Positive& p) { return p.stop; });
  std::vector<std::string> dropped;
  for (auto& p : positives) {
    if (p.stop && !all_stop) {
      dropped.push_back(p.clause.words[0]);
      continue;
    }
    if (p.joined_by_or && !q.all_of.empty() && !q.all_of.back().front().org_only) {
      q.all_of.back().push_back(std::move(p.clause));
    } else {
      q.all_of.push_back({std::move(p.clause)});
    }
  }
  if (!dropped.empty()) {
    std::string list;
    for (const auto& d : dropped) list += (list.empty() ? "" : ", ") + d;
    q.notices.push_back(fmt::format("common words left out: {}", list));
  }
  std::size_t clauses = q.none_of.size();
  for (const auto& g : q.all_of) clauses += g.size();
  if (clauses > kMaxClauses) {
    return invalid_argument(fmt::format("the query has {} words and phrases; at most {} are read", clauses,
                                        kMaxClauses),
                            "q");
  }
  return q;
}

Status add_filters(std::string_view text, SearchQuery& q) {
  if (auto s = check_text(text, "filter"); !s) return s;
  std::vector<std::string> notices;
  // Filters are separated by spaces or commas: "country:LT,year:2021".
  std::string spaced(text);
  bool in_quotes = false;
  for (char& c : spaced) {
    if (c == '"') in_quotes = !in_quotes;
    if (c == ',' && !in_quotes) c = ' ';
  }
  for (auto& p : pieces_of(spaced, notices)) {
    if (p.field.empty()) {
      return invalid_argument(fmt::format("'{}' is not a filter: filters are field:value (programme:, country:, org:, "
                                          "lang:, status:, role:, kind:, year:)",
                                          p.is_or ? "OR" : p.value),
                              "filter");
    }
    if (auto s = apply_field(p.field, p.value, q, "filter"); !s) return s;
  }
  q.notices.insert(q.notices.end(), notices.begin(), notices.end());
  return ok();
}

}  // namespace tiltas::search
