// The search index on PostgreSQL: a tsvector per project in search_meta,
// ranked top-k through a RUM index (postgresql-15-rum; plain GIN when the
// extension is missing), written in the same transaction as the records.
//
// PostgreSQL 15 ships no Lithuanian text search configuration, so text is
// not analysed by the server at all: the same C++ analyzer as SQLite's
// (ICU folding + Snowball en/lt/nb, search/analyzer.h) produces the lexemes,
// which are stored as a tsvector literal with positions and weights (A
// titles, B organisations, C the rest, D facet tokens), and queries are
// tsquery literals built from the parsed SearchQuery. Both backends thus
// find exactly the same records for a query (decision 0003).
#pragma once

#include <string_view>
#include <vector>

#include "base/error.h"
#include "model/project.h"
#include "search/search_index.h"
#include "store/postgres/pg_connection.h"

namespace tiltas::store::postgres {

// The DDL of the search index (the search migration on PostgreSQL).
extern const std::string_view kSearchSchema;

Status index_project(Connection& c, const model::Project& p);
Status clear_search_index(Connection& c);
Result<search::SearchResult> search(Connection& c, const search::SearchRequest& request);
Result<std::vector<search::Suggestion>> suggest(Connection& c, std::string_view prefix, int limit,
                                                bool include_drafts);
// See search::SearchIndex::find_matches.
Result<std::vector<search::Match>> find_matches(Connection& c, const search::SearchQuery& query, bool include_drafts,
                                                model::Id after_id, int limit);

// The tsvector literal of an index document's analysed fields, and the
// tsquery literal of a query (exposed for tests and the benchmark).
std::string tsvector_literal(std::string_view title, std::string_view org, std::string_view body,
                             std::string_view facets);
std::string tsquery_literal(const search::SearchQuery& query);

}  // namespace tiltas::store::postgres
