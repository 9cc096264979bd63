// What the index holds for one project, built the same way for every
// backend: the analysed text of its fields (analyzer.h), the facet tokens
// that filters match, the facet values that results are counted by, and the
// names offered as suggestions.
#pragma once

#include <cstdint>
#include <optional>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "model/project.h"
#include "search/query.h"

namespace tiltas::search {

struct IndexDocument {
  // Analysed tokens (append_analyzed's format), by field: ranking boosts the
  // title and organisation fields.
  std::string title;   // titles in every language
  std::string org;     // organisation names
  std::string body;    // descriptions, places, activity and event titles, indicator units
  // Space-separated facet tokens (facet_token), "all" first: filters are
  // matched as terms of this field, which takes no part in ranking.
  std::string facets;
  // "name=value" lines, one per facet value (kFacetNames but review_state,
  // which the store reads from the record so that publishing needs no
  // re-indexing).
  std::string facet_values;
  std::optional<std::string> start_date;     // ISO, for sorting
  std::optional<std::int64_t> amount_minor;  // the largest amount, for sorting
  std::optional<std::string> currency;
  // (kind, name): "organisation" / "place" names for suggestions.
  std::vector<std::pair<std::string, std::string>> names;
};

IndexDocument make_index_document(const model::Project& project);

// The token of a facet value: "c:lt", "p:eea_grants", "y:2021", "all".
std::string facet_token(std::string_view facet, std::string_view value);

// The facet tokens a query's filters require: each inner list is
// alternatives (any of), the lists all required.
std::vector<std::vector<std::string>> filter_tokens(const Filters& filters);

// An engine's boolean query syntax, for compile_boolean.
struct BooleanSyntax {
  std::string_view and_op;      // " AND " (FTS5), " & " (tsquery)
  std::string_view and_not_op;  // " NOT " (FTS5), " & !" (tsquery)
  std::function<std::string(std::string_view term)> quoted;
  std::function<std::string(const std::vector<std::string>& alternatives)> any_of;
  // The expression of one clause (a word's forms or a phrase), "" when none.
  std::function<std::string(const Clause& clause)> clause;
};

// A parsed query in an engine's syntax: every group of the query (any of
// its clauses) and every filter (any of its facet tokens) required, the
// excluded clauses subtracted; with no requirement, the "all" token that
// every indexed record carries. The engines differ only in `syntax`.
std::string compile_boolean(const SearchQuery& query, const BooleanSyntax& syntax);

// Suggestion keys of a name: its folded form from each word on
// ("Oslo kommune" -> "oslo kommune", "kommune"), at most 8.
std::vector<std::string> suggestion_keys(std::string_view name);

// Years a period touches, at most 60 (a period with only a start or an end
// touches that year).
std::vector<int> period_years(const model::Period& period);

}  // namespace tiltas::search
