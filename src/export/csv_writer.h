// CSV (RFC 4180: comma, double-quote quoting, CRLF line ends; UTF-8) in the
// layout of export/tables.h: projects, and long tables for participations,
// indicators and organisations. Text cells that a spreadsheet would run as
// a formula are neutralised (tables::neutralise). Each organisation is
// written once, the first time a project names it.
#pragma once

#include <memory>
#include <ostream>

#include "export/writer.h"

namespace tiltas::exporter {

// Where each table goes; a null stream leaves that table out (an HTTP
// response carries one table). Streams must outlive the writer.
struct CsvOutputs {
  std::ostream* projects = nullptr;
  std::ostream* participations = nullptr;
  std::ostream* indicators = nullptr;
  std::ostream* organisations = nullptr;
};

// The header rows go out immediately (after a BOM when options.bom).
std::unique_ptr<RecordWriter> make_csv_writer(const CsvOutputs& outputs, const ExportOptions& options);

// One RFC 4180 field: quoted when it holds a comma, quote, CR or LF.
std::string csv_field(std::string_view value);

}  // namespace tiltas::exporter
