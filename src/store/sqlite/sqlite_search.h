// The embedded search index: an FTS5 table in the registry's SQLite file,
// written in the same transaction as the records it indexes (decision 0003).
//
// Text is analysed in C++ (search/analyzer.h) and handed to FTS5 already as
// terms; the "tiltas" FTS5 tokenizer registered here only splits them,
// keeping the two forms of a word ("imon|imone") at one position so that
// phrases match either. Queries reach FTS5 only as quoted terms built from
// the parsed SearchQuery, never as typed.
#pragma once

#include <string_view>
#include <vector>

#include "base/error.h"
#include "model/project.h"
#include "search/search_index.h"
#include "store/sqlite/sqlite_db.h"

struct sqlite3;

namespace tiltas::store::sqlite {

// Registers the "tiltas" tokenizer and the "tiltas_bm25" ranking function on
// `db`; every connection that touches search_fts needs them
// (Connection::open calls this). kInternal when the
// SQLite library has no FTS5.
Status register_search_tokenizer(sqlite3* db);

// The DDL of the search index (migration 2 on SQLite).
extern const std::string_view kSearchSchema;

// (Re)indexes project `p` (p.id set). Runs inside the caller's transaction.
Status index_project(Connection& c, const model::Project& p);
// Empties the index (for a rebuild).
Status clear_search_index(Connection& c);

Result<search::SearchResult> search(Connection& c, const search::SearchRequest& request);
Result<std::vector<search::Suggestion>> suggest(Connection& c, std::string_view prefix, int limit, bool include_drafts);
// See search::SearchIndex::find_matches.
Result<std::vector<search::Match>> find_matches(Connection& c, const search::SearchQuery& query, bool include_drafts,
                                                model::Id after_id, int limit);

// The FTS5 MATCH expression for `query` (exposed for tests): every term
// quoted, filters as facet terms, "all" when nothing else is required.
std::string fts_expression(const search::SearchQuery& query);

// The phrases of an FTS5 expression in FTS5's order, one per line, with ""
// for those that cannot add to a score (facet tokens, excluded clauses): the
// ranking function's second argument (tiltas_bm25, sqlite_search.cc).
std::string phrase_list(std::string_view expression);

}  // namespace tiltas::store::sqlite
