// The tabular layout shared by the CSV and XLSX writers, so that a
// spreadsheet and the CSV files always have the same columns: one row per
// project, and long tables (one row per item) for participations,
// indicators and organisations. The CSV reader (ingest/csv_reader.h) reads
// the same column names.
#pragma once

#include <string>
#include <vector>

#include "export/writer.h"

namespace tiltas::exporter::tables {

enum class Table { kProjects, kParticipations, kIndicators, kOrganisations };

struct Cell {
  std::string text;
  bool numeric = false;  // XLSX writes it as a number; CSV never neutralises it
};
using Row = std::vector<Cell>;

const char* table_name(Table table);  // "projects", "participations", ...
const std::vector<std::string>& columns(Table table);

Row project_row(const ExportRecord& record);
std::vector<Row> participation_rows(const ExportRecord& record);
std::vector<Row> indicator_rows(const ExportRecord& record);
Row organisation_row(const model::Organisation& organisation);

// Defuses spreadsheet formula injection: text that starts with '=', '+', '-',
// '@', TAB or CR (after any leading apostrophes) gets one more leading
// apostrophe, which spreadsheets show as text. ingest::csv un-does exactly this.
std::string neutralise(const std::string& text);

}  // namespace tiltas::exporter::tables
