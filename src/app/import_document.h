// Use case: bring one source (records JSON or page text) into the registry.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"
#include "store/store.h"

namespace tiltas::app {

struct ImportedDocument {
  std::string source;
  store::ImportResult result;
  std::size_t records = 0;
  std::vector<std::string> warnings;  // unknown JSON fields and the like
  std::size_t findings = 0;           // extractor findings stored with the records
  std::size_t updated = 0;            // stored projects a CSV table's rows updated (also in result.updated)
};

// How the content is read: by the caller's hint, else by the source's
// extension (".json" records; ".xml" IATI activities; ".csv" the projects
// table of a Tiltas CSV export; ".txt" and anything else plain text).
enum class ContentKind { kAuto, kRecordsJson, kPlainText, kIatiXml, kCsv };

// Reads `content` (from `source`, a path or URL used for provenance and
// messages) into records and stores them as drafts in one transaction.
// Errors: kInvalidArgument for malformed or invalid input, naming the source
// and, for JSON, the line and column or the record and field; nothing from
// that source is stored then.
Result<ImportedDocument> import_content(store::Store& store, std::string_view source, std::string_view content,
                                        ContentKind kind = ContentKind::kAuto);

// IATI XML: every iati-activity becomes a draft record; what does not fit
// the registry becomes findings on the record, file-level remarks (DOCTYPE,
// old versions) warnings. Entities are never expanded.
//
// CSV: rows become new draft records. A row whose id names a stored project
// updates it through Store::update_project (editor "import:NAME", note
// "SOURCE:LINE"): audited, kept as an editor's correction; blank cells keep
// the stored values (ingest::apply_patch), unchanged rows write nothing. All
// rows are read and checked before anything is written (kInvalidArgument
// names FILE:LINE). kConflict when a row's updated_at differs from the
// stored project's: someone changed it after the export, and the row would
// undo that change. Each update is its own transaction: a database failure
// midway leaves the earlier rows updated.
//
// Reads the file at `path` and imports it; for a CSV projects table
// NAME.csv, the sibling tables NAME-participations.csv and
// NAME-indicators.csv are read with it when present. kInvalidArgument when
// unreadable.
Result<ImportedDocument> import_file(store::Store& store, const std::string& path,
                                     ContentKind kind = ContentKind::kAuto);

// The document name used for exports: the file name without directories and
// without ".gold.json", ".json", ".txt", ".html" or ".pdf".
std::string document_name(std::string_view source);

}  // namespace tiltas::app
