// Use case: move a registry from one database to another (`tiltas migrate`),
// e.g. from the embedded SQLite file to a PostgreSQL server when one
// machine is no longer enough, or back. Every stored row is copied as it is
// (Store::copy_rows_to -> Store::load_rows): ids, times, revisions, review
// states, organisations and their merges, translation links, findings and
// spans, the audit trail, editors' corrections and API token hashes; the
// target's search index is rebuilt from the copied records in the same
// transaction. Afterwards both registries' counts are compared.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>

#include "base/error.h"
#include "store/store.h"

namespace tiltas::app {

struct MigrateOptions {
  // Replace what the target holds (in the same transaction as the copy);
  // without it a target that holds any row is refused.
  bool replace = false;
  // Called after each table has been read from the source: its name and
  // rows. May be empty.
  std::function<void(const std::string& table, std::int64_t rows)> on_table;
};

struct MigrateSummary {
  std::map<std::string, std::int64_t> rows;  // per table, as written
  std::int64_t rows_total = 0;
  std::int64_t indexed = 0;  // records in the target's search index
  store::Counts source;      // before the copy
  store::Counts target;      // after it
  double seconds = 0;
};

// Copies everything `from` stores into `to` in one write transaction of
// `to`: all of it or, on any error, nothing. kFailedPrecondition when `to`
// holds rows and !options.replace (nothing is written), or when a table
// cannot be copied faithfully; kInternal when the counts differ after the
// copy (a bug: the message names the count). The stores may be of
// different backends; they must not be the same database (the caller
// checks the URLs).
Result<MigrateSummary> migrate_registry(const store::Store& from, store::Store& to, const MigrateOptions& options);

}  // namespace tiltas::app
