// Reads the CSV layout that exporter::make_csv_writer writes (projects, and
// the long tables of participations and indicators), so that a spreadsheet
// round trip works: export, edit, import.
//
// RFC 4180 (quoted fields, "" inside quotes, CRLF or LF line ends) in UTF-8,
// with or without a byte order mark. Columns are found by header name, in
// any order; unknown columns are reported in warnings. Cells the exporter
// neutralised against formula injection (a leading apostrophe) are read back
// as they were. Blank cells mean "no value": applied to a stored record
// (apply_patch) they keep the stored value.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"
#include "model/project.h"

namespace tiltas::ingest {

struct CsvTable {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::vector<std::size_t> lines;  // 1-based line where each row starts
};

// kInvalidArgument "FILE:LINE: message" for an unterminated quote or a
// quote inside an unquoted field. Empty lines are skipped.
Result<CsvTable> parse_csv(std::string_view text, std::string_view file_name);

// One row of the projects table: the cells that were not blank.
struct ProjectPatch {
  std::size_t line = 0;
  std::optional<model::Id> id;
  std::optional<model::ProjectKind> kind;
  std::optional<std::string> language;
  std::optional<std::string> title;
  std::optional<std::string> description;
  std::optional<std::string> programme;
  std::optional<model::ProjectStatus> status;
  std::optional<PartialDate> start;
  std::optional<PartialDate> end;
  std::optional<std::int64_t> budget;   // minor units
  std::optional<std::int64_t> granted;  // minor units
  std::optional<std::string> currency;
  // When the row's project was last changed, as the export wrote it: a
  // stored project changed since then is a conflict (app::import_file).
  std::optional<std::string> updated_at;
  // From the long tables; empty means "none given", which keeps stored ones.
  std::vector<model::Participation> participations;
  std::vector<model::Indicator> indicators;
  // Parallel to the lists above: whether the item's role (status) cell was
  // filled in. A blank one keeps a stored item's role (status).
  std::vector<bool> participation_role_given;
  std::vector<bool> indicator_status_given;
};

struct CsvProjects {
  std::vector<ProjectPatch> rows;
  std::vector<std::string> warnings;
};

// Reads a projects table. kInvalidArgument names FILE:LINE and the column
// for a value that cannot be read (bad date, kind, number, ...), and when no
// column of the projects table is present.
Result<CsvProjects> read_projects_csv(std::string_view text, std::string_view file_name);

// Read a long table and attach its rows to `projects` by project_id (rows
// of ids not in `projects` are reported in warnings). Same errors as above.
Status read_participations_csv(std::string_view text, std::string_view file_name, CsvProjects& projects);
Status read_indicators_csv(std::string_view text, std::string_view file_name, CsvProjects& projects);

// `base` with every value the patch holds; blank cells keep base's values.
// Title and description go to the patch's language, else base's. A budget or
// granted figure replaces the first amount of that kind (or is added).
// Long-table rows, when the patch has any, make the list: an item that is
// one of base's (a participation of the same name, an indicator of the
// same value and unit) stays that item, with its organisation link and
// source span, its blank cells keeping base's values; the others are new,
// and base's items that no row names are dropped.
model::Project apply_patch(const ProjectPatch& patch, model::Project base);

// Undoes exporter::tables::neutralise: "'=1+1" -> "=1+1".
std::string unneutralise(std::string_view cell);

}  // namespace tiltas::ingest
