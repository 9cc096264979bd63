// XLSX workbook (libxlsxwriter) with the sheets projects, organisations,
// participations and indicators, in the layout of export/tables.h. Numbers
// are number cells; text cells are neutralised as in the CSV so that a sheet
// saved as CSV stays safe.
//
// libxlsxwriter runs in constant-memory mode: each sheet's rows go to a
// temporary file as they are written, so memory does not grow with the
// number of projects. A sheet holds at most 1,048,576 rows (the XLSX limit);
// going past it is kFailedPrecondition (use CSV for such exports).
#pragma once

#include <memory>
#include <string>

#include "export/writer.h"

namespace tiltas::exporter {

// Creates the workbook at `path` (written completely by finish()); temporary
// files go to `tmpdir` ("" for the system default). kUnavailable when the
// workbook cannot be created.
Result<std::unique_ptr<RecordWriter>> make_xlsx_writer(const std::string& path, const std::string& tmpdir = {});

}  // namespace tiltas::exporter
