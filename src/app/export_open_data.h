// Use case: export the registry as open data (IATI, 360Giving, CSV, XLSX,
// JSONL) by paging through the store with keyset pagination and streaming
// each project into an export writer, so memory stays bounded whatever the
// registry's size. The CLI (`tiltas export`) and the HTTP API
// (GET /api/v1/export) both call this. A query (the language of `tiltas
// search`, search/query.h) narrows the export to exactly the projects it
// matches, read from the search index a page of ids at a time.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "base/error.h"
#include "export/writer.h"
#include "store/store.h"

namespace tiltas::app {

struct ExportProgress {
  std::size_t done = 0;         // projects written
  std::size_t total = 0;        // projects to write; 0 when not known (a query matching more than a rank window)
  std::uint64_t bytes = 0;      // bytes written so far (files still being written may lag by a buffer)
  double seconds = 0;           // since the export began
};

struct OpenDataOptions {
  exporter::Format format = exporter::Format::kIati;
  // Drafts are left out unless this is false (the CLI's --published flag
  // defaults it to true; the public API always passes true).
  bool published_only = true;
  exporter::ExportOptions writer;  // generated_at is filled in when empty
  int page_size = 500;             // projects per store page (1..500)
  // The search query language of search/query.h ("oslo programme:\"Active
  // Citizens Fund\" year:2021"): only the projects it matches, as `tiltas
  // search` finds them but every match rather than a ranked window. Empty:
  // every project. Translations are exported with their project, once.
  std::string query;
  // Only this project (a translation group's first record, with its
  // translations) instead of a list or a query: one record's export.
  std::optional<model::Id> project_id;
  // Called after each project. Optional.
  std::function<void(const ExportProgress&)> progress;
};

struct OpenDataSummary {
  std::size_t projects = 0;
  std::vector<std::string> files;  // what was written, for file exports
  std::vector<std::string> notes;  // the writer's remarks (records a format left out)
};

// Feeds every matching project, with its linked organisations, to `writer`
// and calls writer.finish(). kInvalidArgument (field "q") for a query the
// parser will not read or one that asks for nothing; errors from the store
// or the writer stop the export and are returned as they are.
Result<OpenDataSummary> export_projects(const store::Store& store, exporter::RecordWriter& writer,
                                        const OpenDataOptions& options);

// Checks what can be checked before anything is written (the query), so that
// a server can still answer with an error status: kInvalidArgument (field
// "q") as export_projects would return it.
Status check_open_data_options(const OpenDataOptions& options);

// Streams a single-stream format to `out`: iati, 360giving, jsonl, or csv
// (the projects table only). kInvalidArgument for xlsx, which needs a file.
Result<OpenDataSummary> export_open_data(const store::Store& store, std::ostream& out, const OpenDataOptions& options);

// Writes the export to files:
//   iati, 360giving, jsonl, xlsx -> `path`;
//   csv -> `path` holds the projects table and its siblings
//          NAME-participations.csv, NAME-indicators.csv,
//          NAME-organisations.csv (NAME = `path` without ".csv").
// Parent directories are created. kUnavailable when a file cannot be written.
Result<OpenDataSummary> export_open_data_file(const store::Store& store, const std::string& path,
                                              const OpenDataOptions& options);

// The current time as "YYYY-MM-DDTHH:MM:SSZ", for ExportOptions::generated_at.
std::string utc_now_iso();

}  // namespace tiltas::app
