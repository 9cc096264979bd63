// Use case: write the registry back out as records JSON, one file per source.
#pragma once

#include <string>

#include "base/error.h"
#include "store/store.h"

namespace tiltas::app {

struct ExportSummary {
  std::size_t files = 0;
  std::size_t records = 0;
};

// Writes DIR/NAME.json for every document that has records (NAME from
// document_name; a second document with the same name gets "-ID" appended).
// Records keep their document order; spans and findings are included.
// `published_only` leaves drafts out. Creates DIR. kUnavailable when a file
// cannot be written.
Result<ExportSummary> export_records_json(const store::Store& store, const std::string& dir, bool published_only);

}  // namespace tiltas::app
