// The search query language, parsed from what a person types into a
// SearchQuery. Documented for users in README.md ("Search") and
// docs/api.md:
//
//   word word        both words (any form: "projektų" finds "projektas")
//   "a phrase"       the words next to each other
//   -word -"phrase"  records without it
//   a OR b           either (OR binds tighter than the space: x a OR b y)
//   field:value      programme: country: org: lang: status: role: kind:
//                    year:2021 year:2020..2022; values with spaces quoted
//                    (programme:"EEA Grants")
//
// Nothing a user types reaches a database's query syntax: punctuation such as
// FTS5's NEAR( * ^ or a stray backslash only separates words. The parser
// never fails on odd text; it fails (kInvalidArgument, field "q") only for
// input it will not read: longer than kMaxQueryBytes, invalid UTF-8, a bad
// field value (year:abc, status:lost), or too many clauses. Thread-safe.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"
#include "model/enums.h"

namespace tiltas::search {

inline constexpr std::size_t kMaxQueryBytes = 1000;
inline constexpr std::size_t kMaxClauses = 32;
inline constexpr int kMaxYearSpan = 100;

// One word or phrase. `words` are the word spans' text as typed (not yet
// analysed); more than one word is a phrase. In the organisation field only
// when `org_only`.
struct Clause {
  std::vector<std::string> words;
  bool org_only = false;
  bool operator==(const Clause&) const = default;
};

// Field filters. Values of one field are alternatives (OR); fields combine
// with each other and with the words (AND).
struct Filters {
  std::vector<std::string> programmes;  // as typed; matched folded
  std::vector<std::string> countries;   // ISO 3166-1 alpha-2, upper case
  std::vector<std::string> languages;   // ISO 639-1, lower case
  std::vector<std::string> roles;       // model::Role wire names
  std::vector<std::string> kinds;       // model::ProjectKind wire names
  std::vector<std::string> statuses;    // model::ProjectStatus wire names
  std::optional<model::ReviewState> review_state;
  std::optional<int> year_from;  // inclusive; the period overlaps the range
  std::optional<int> year_to;
  bool empty() const {
    return programmes.empty() && countries.empty() && languages.empty() && roles.empty() && kinds.empty() &&
           statuses.empty() && !review_state && !year_from;
  }
  bool operator==(const Filters&) const = default;
};

struct SearchQuery {
  // Every group must match; a group matches when any of its clauses does.
  std::vector<std::vector<Clause>> all_of;
  std::vector<Clause> none_of;
  Filters filters;
  // What the parser did with input it could not take literally ("the quote
  // after 'oslo' is not closed: read to the end"), for the reader.
  std::vector<std::string> notices;

  bool has_words() const { return !all_of.empty(); }
  bool empty() const { return all_of.empty() && none_of.empty() && filters.empty(); }
};

// Parses `text` (see the syntax above). Common words ("the", "ir", "og")
// outside phrases are dropped with a notice; a query of nothing but common
// words keeps them, since they are all the reader asked for.
Result<SearchQuery> parse_query(std::string_view text);

// Parses `text` as field:value filters only (the API's filter= parameter)
// and adds them to `query`: kInvalidArgument (field "filter") for words that
// are not a known field.
Status add_filters(std::string_view text, SearchQuery& query);

}  // namespace tiltas::search
