// Writing a new project's search index rows on SQLite in as few statements as
// the rows allow (the import's hot path; sqlite_search.h has the rest of the
// index).
#pragma once

#include <cstddef>
#include <functional>
#include <string_view>

#include "base/error.h"
#include "model/project.h"
#include "search/index_document.h"
#include "store/sqlite/sqlite_db.h"
#include "store/store.h"

namespace tiltas::store::sqlite {

// Indexes project `p` (p.id set), which has no index rows yet: a project
// just inserted (its id is new, and a deleted project's rows went with it:
// the FTS5 trigger and the side tables' foreign keys). `a` is
// analyse_record(p). Runs inside the caller's transaction.
Status index_new_project(Connection& c, const model::Project& p, const AnalysedRecord& a);

// search_meta (upserted) and search_names (replaced) of project `p`, the
// rows every SQLite search engine keeps beside its text index (sorting
// keys, facet values, suggestions). Runs inside the caller's transaction.
Status write_meta_and_names(Connection& c, const model::Project& p, const search::IndexDocument& d);

// The same rows of a new project, added to an import's row batch.
Status add_meta_and_names(RowBatch& bulk, const model::Project& p, const AnalysedRecord& a);

// Inserts `count` rows with multi-row INSERT statements of up to
// kRowsPerInsert rows (one statement prepared per row count): `head` is
// "INSERT INTO t (a, b)", `columns` the number of columns, and
// bind_row(statement, first, i) binds row i to parameters $first,
// $first+1, ... One statement per row costs a step, a reset and the bindings'
// bookkeeping each; a row is a few bytes.
inline constexpr std::size_t kRowsPerInsert = 32;
Status insert_rows(Connection& c, std::string_view head, int columns, std::size_t count,
                   const std::function<void(Statement&, int, std::size_t)>& bind_row);

}  // namespace tiltas::store::sqlite
