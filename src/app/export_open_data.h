// Use case: export the registry as open data (IATI, 360Giving, CSV, XLSX,
// JSONL) by paging through the store with keyset pagination and streaming
// each project into an export writer, so memory stays bounded whatever the
// registry's size. The CLI (`tiltas export`) and the HTTP API
// (GET /api/v1/export) both call this.
//
// Not yet: a --query / q= filter (there is no search module to run it).
#pragma once

#include <cstddef>
#include <functional>
#include <ostream>
#include <string>
#include <vector>

#include "base/error.h"
#include "export/writer.h"
#include "store/store.h"

namespace tiltas::app {

struct OpenDataOptions {
  exporter::Format format = exporter::Format::kIati;
  // Drafts are left out unless this is false (the CLI's --published flag
  // defaults it to true; the public API always passes true).
  bool published_only = true;
  exporter::ExportOptions writer;  // generated_at is filled in when empty
  int page_size = 500;             // projects per store page (1..500)
  // Called after each project with (done, total); total is the store's count
  // at the first page. Optional.
  std::function<void(std::size_t done, std::size_t total)> progress;
};

struct OpenDataSummary {
  std::size_t projects = 0;
  std::vector<std::string> files;  // what was written, for file exports
  std::vector<std::string> notes;  // the writer's remarks (records a format left out)
};

// Feeds every matching project, with its linked organisations, to `writer`
// and calls writer.finish(). Errors from the store or the writer stop the
// export and are returned as they are.
Result<OpenDataSummary> export_projects(const store::Store& store, exporter::RecordWriter& writer,
                                        const OpenDataOptions& options);

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
