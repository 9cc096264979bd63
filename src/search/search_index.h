// The search interface of the registry: ranked, faceted full-text search
// over projects and typeahead suggestions for organisations and places.
// Implemented by each store backend on its own engine (SQLite FTS5,
// PostgreSQL tsvector + RUM; see docs/decisions/0003-search-engine.md) and
// kept up to date inside the store's write transactions.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"
#include "model/project.h"
#include "search/query.h"

namespace tiltas::search {

enum class SortOrder { kRelevance, kStartDate, kAmount };
// "relevance", "start_date", "amount"; std::nullopt for anything else.
std::optional<SortOrder> parse_sort(std::string_view s);
std::string_view to_string(SortOrder s);

inline constexpr int kMaxPageSize = 100;
// Matches ranked, sorted and counted exactly: past this many, the newest
// kRankWindow matches (by record id) are ranked and counted and the result
// says it is a sample (SearchResult::exhaustive false). See decision 0003.
inline constexpr int kRankWindow = 1000;

struct SearchRequest {
  SearchQuery query;
  bool include_drafts = false;  // operators (CLI) see drafts; the public does not
  SortOrder sort = SortOrder::kRelevance;
  int page = 1;  // 1-based
  int page_size = 20;  // 1..kMaxPageSize
  bool snippets = true;
  // At most this many matches are ranked and counted (1..kRankWindow): a
  // smaller window answers common words faster and samples them more.
  int rank_window = kRankWindow;
};

struct FacetCount {
  std::string value;
  std::int64_t count = 0;
  bool operator==(const FacetCount&) const = default;
};

// Facet names: "programme", "country", "role", "year", "language",
// "review_state", "kind".
inline constexpr std::string_view kFacetNames[] = {"programme", "country", "role",        "year",
                                                   "language",  "kind",    "review_state"};

struct SearchHit {
  model::Id id = 0;  // the project (a translation group's first record)
  double score = 0;  // higher is better; comparable within one result only
  std::string language;
  std::string title;  // in the record's language, else any
  // Title and a piece of the description with the matched words in
  // <mark>…</mark>; HTML-escaped, ready to insert into a page.
  std::string title_html;
  std::string snippet_html;
  std::optional<std::string> programme;
  model::Period period;
  std::optional<std::int64_t> amount_minor;  // the largest amount
  std::optional<std::string> currency;
  model::ProjectKind kind = model::ProjectKind::kProject;
  model::ReviewState review_state = model::ReviewState::kDraft;
};

struct SearchResult {
  std::vector<SearchHit> hits;
  std::int64_t total = 0;  // matching projects (a lower bound unless exhaustive)
  bool exhaustive = true;  // false: more than kRankWindow matched (see above)
  // Facet name -> values with counts, most frequent first.
  std::map<std::string, std::vector<FacetCount>> facets;
  std::vector<std::string> notices;
};

struct Suggestion {
  std::string text;  // as written in a record
  std::string kind;  // "organisation" or "place"
  std::int64_t projects = 0;
  bool operator==(const Suggestion&) const = default;
};

inline constexpr int kMaxSuggestions = 20;

// A record that matches a query, for reading every match (find_matches).
struct Match {
  model::Id id = 0;     // the matching record
  model::Id group = 0;  // its translation group's first record (the project readers see)
  bool operator==(const Match&) const = default;
};

// Matches per find_matches call, at most.
inline constexpr int kMaxMatchPage = 10000;

class SearchIndex {
 public:
  virtual ~SearchIndex() = default;

  // Runs `request`. kInvalidArgument for a page or page size out of range;
  // an empty query (no words, exclusions or filters) is kInvalidArgument too.
  // Thread-safe.
  virtual Result<SearchResult> search(const SearchRequest& request) const = 0;

  // Organisations and places whose name, or a word of it from some point on,
  // starts with `prefix` folded ("tromso" -> "Tromsø kommune"; "kommune" ->
  // "Oslo kommune"), by number of projects. At most `limit` (1..20). An empty
  // prefix suggests nothing. Thread-safe.
  virtual Result<std::vector<Suggestion>> suggest(std::string_view prefix, int limit,
                                                  bool include_drafts) const = 0;

  // Rebuilds the index from the stored records in one transaction; returns
  // the number of records indexed.
  virtual Result<std::int64_t> reindex() = 0;

  // Every record that matches `query` (the same records search() counts,
  // without the rank window), a page at a time for exports: the matches
  // with ids greater than `after_id`, by ascending id, at most `limit`
  // (1..kMaxMatchPage), neither ranked nor counted, so that reading a query
  // that matches the whole registry holds one page in memory. Translations
  // match on their own: a group may appear once per matching record.
  // kInvalidArgument (field "q") for an empty query. Thread-safe.
  virtual Result<std::vector<Match>> find_matches(const SearchQuery& query, bool include_drafts, model::Id after_id,
                                                  int limit) const = 0;
};

}  // namespace tiltas::search
