// Reads IATI activity XML (2.03, and the older 2.0x and 1.0x layouts as far
// as they share elements) into project records with findings.
//
// Safety: pugixml never expands entities other than the five predefined
// ones and character references, and never fetches anything, so external
// entities (XXE) and entity expansion ("billion laughs") cannot occur; a
// DOCTYPE is skipped and reported in warnings.
//
// Files written by exporter::make_iati_writer carry the Tiltas extension
// namespace (kinds, exact partial dates, roles, programme, work packages,
// events), and read back to the same records: export -> import -> export
// gives the same XML. Other publishers' files import with findings for what
// does not fit the registry.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"
#include "model/project.h"

namespace tiltas::ingest {

struct IatiFile {
  std::string version;                // iati-activities/@version, "" when absent
  std::string language;               // the most frequent activity language, or ""
  std::vector<model::Project> records;  // one per iati-activity, as drafts
  std::vector<std::string> warnings;  // about the file as a whole
};

// Parses `xml`. `file_name` only labels messages. kInvalidArgument when the
// XML is not well-formed ("FILE:LINE:COLUMN: message") or its root is not
// <iati-activities> (or a lone <iati-activity>). Anything else odd becomes a
// finding on the record (field, severity, message), never an error.
// Pure and thread-safe.
Result<IatiFile> read_iati(std::string_view xml, std::string_view file_name);

}  // namespace tiltas::ingest
