// Use case: import many sources at once — files, directories (recursively)
// and standard input — reading, extracting and analysing for the search
// index in parallel while one writer commits them in batches, each document
// whole or absent (Store::import_documents, decision 0004).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "base/error.h"
#include "model/enums.h"
#include "store/store.h"

namespace tiltas::app {

struct ImportOptions {
  // Threads that read and extract; 0 = one per core. The store is written
  // by the calling thread only.
  unsigned workers = 0;
  // Read from standard input when a path is "-".
  std::function<std::string()> read_stdin;
};

struct ImportProgress {
  std::size_t documents_done = 0;
  std::size_t documents_total = 0;
  std::uint64_t bytes_done = 0;
  std::uint64_t bytes_total = 0;
  double seconds = 0;
};

struct ImportFailure {
  std::string source;
  std::string message;  // "file is empty", "records[2].period.start: ..."
};

struct ImportSummary {
  std::size_t documents_new = 0;
  std::size_t documents_changed = 0;
  std::size_t documents_unchanged = 0;
  std::size_t documents_failed = 0;
  std::size_t records_created = 0;
  std::size_t records_updated = 0;
  std::size_t records_removed = 0;
  std::map<model::Severity, std::size_t> findings;  // of the records written
  std::vector<ImportFailure> failures;
  std::vector<std::string> warnings;
  std::uint64_t bytes = 0;
  double seconds = 0;
};

// The files that `paths` name: files as given, directories walked
// recursively (hidden entries skipped, sorted), "-" kept as is. Paths that
// do not exist become failures.
std::vector<std::string> expand_paths(const std::vector<std::string>& paths, std::vector<ImportFailure>& missing);

// Imports every source. A source that cannot be read or stored is a
// failure (named, with the reason) and the others go on: the summary says
// how many failed. `on_progress` (optional) is called from the calling
// thread after each document. Errors only when the store itself fails
// (kUnavailable, kInternal); then the documents committed so far stay.
Result<ImportSummary> import_paths(store::Store& store, const std::vector<std::string>& paths,
                                   const ImportOptions& options,
                                   const std::function<void(const ImportProgress&)>& on_progress = {});

}  // namespace tiltas::app
