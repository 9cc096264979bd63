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
Result<std::unique_ptr<Store>> open_sqlite_store(const std::string& path);

}  // namespace tiltas::store
