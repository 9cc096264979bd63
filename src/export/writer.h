// The open-data writers' common shape: a record goes in, bytes come out,
// one record at a time so that an export of any size runs in bounded memory.
//
// Writers see model objects only (no store): the caller resolves each
// participation's Organisation and hands it over with the project.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"
#include "model/project.h"

// The namespace is `exporter`, not `export`: the folder's name is a C++ keyword.
namespace tiltas::exporter {

// One project as the writers need it: the record and the deduplicated
// organisations its participations link to (by Participation::organisation_id;
// a missing entry means "not linked", and the participation's own name and
// country are used).
struct ExportRecord {
  model::Project project;
  std::map<model::Id, model::Organisation> organisations;

  const model::Organisation* organisation_of(const model::Participation& p) const {
    if (!p.organisation_id) return nullptr;
    auto it = organisations.find(*p.organisation_id);
    return it == organisations.end() ? nullptr : &it->second;
  }
};

enum class Format { kIati, kGiving360, kCsv, kXlsx, kJsonl };

// "iati", "360giving", "csv", "xlsx", "jsonl"; std::nullopt otherwise.
std::optional<Format> parse_format(std::string_view name);
std::string_view to_string(Format format);
// The media type an HTTP response of this format carries.
std::string_view media_type(Format format);
// The file name extension of the format, with its dot (".xml", ".json", ...).
std::string_view file_extension(Format format);

struct ExportOptions {
  // IATI organisation identifier of the publisher; iati-identifiers are
  // "<publisher_ref>-<project id>". "XM-TILTAS" uses the IATI "XM" (no
  // registration agency) prefix until a publisher registers its own.
  std::string publisher_ref = "XM-TILTAS";
  std::string publisher_name = "Tiltas registry";
  // 360Giving identifier prefix ("360G-" + publisher's registered prefix).
  std::string giving360_prefix = "360G-tiltas";
  // When the export was made, ISO 8601 UTC ("2024-05-01T12:00:00Z"). The
  // caller injects it so that exports are reproducible in tests.
  std::string generated_at;
  // CSV: start each file with a UTF-8 byte order mark, which spreadsheet
  // programs need to read UTF-8.
  bool bom = false;
};

// A streaming writer. Contract: write() any number of times, then finish()
// once; after an error the writer is unusable and the output incomplete.
// Not thread-safe.
class RecordWriter {
 public:
  virtual ~RecordWriter() = default;
  virtual Status write(const ExportRecord& record) = 0;
  virtual Status finish() = 0;
  // Remarks for the export's closing summary, e.g. how many records a format
  // could not represent and why. Valid after finish().
  virtual std::vector<std::string> notes() const { return {}; }
};

}  // namespace tiltas::exporter
