// The embedded registry: one SQLite file in WAL mode. The only module that
// includes sqlite3.h (through sqlite_db.h).
#pragma once

#include <memory>
#include <string>

#include "store/store.h"

namespace tiltas::store {

// Opens or creates the database file at `path` and applies pending
// migrations. kUnavailable if the file cannot be opened; kFailedPrecondition
// if it holds a schema version newer than this build knows.
//
// The search engine is a setting of the registry (FTS5 unless set): `path`
// ending in "?search=xapian" or "?search=fts5" switches it (kInvalidArgument
// for another value, or Xapian for an in-memory database), and later opens
// without the suffix keep it. A switch leaves the new engine's index empty
// until `tiltas reindex` when the registry holds records (searches say so);
// see store/sqlite/xapian_search.h. With Xapian, changes a previous process
// left unapplied are applied here.
Result<std::unique_ptr<Store>> open_sqlite_store(const std::string& path);

}  // namespace tiltas::store
