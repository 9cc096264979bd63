#include "export/xlsx_writer.h"

#include <array>
#include <cstdlib>
#include <set>

#include <fmt/format.h>
#include <xlsxwriter.h>

#include "export/tables.h"

namespace tiltas::exporter {
namespace {

using tables::Table;

constexpr lxw_row_t kMaxRows = 1048576;

class XlsxWriter : public RecordWriter {
 public:
  XlsxWriter(lxw_workbook* workbook, std::string path) : workbook_(workbook), path_(std::move(path)) {
    // Sheet order as users look at them: the projects, who, and what figures.
    const std::array<Table, 4> order{Table::kProjects, Table::kOrganisations, Table::kParticipations,
                                     Table::kIndicators};
    for (Table t : order) {
      Sheet& s = sheet(t);
      s.worksheet = workbook_add_worksheet(workbook_, tables::table_name(t));
      lxw_format* bold = header_format();
      const auto& cols = tables::columns(t);
      for (std::size_t c = 0; c < cols.size(); ++c) {
        worksheet_write_string(s.worksheet, 0, static_cast<lxw_col_t>(c), cols[c].c_str(), bold);
      }
      worksheet_freeze_panes(s.worksheet, 1, 0);
      s.next_row = 1;
    }
  }

  ~XlsxWriter() override {
    // A workbook never finished still owns memory and temp files.
    if (workbook_) workbook_close(workbook_);
  }

  Status write(const ExportRecord& record) override {
    if (!workbook_) return make_error(ErrorCode::kFailedPrecondition, "XLSX export: already finished");
    if (auto s = row(Table::kProjects, tables::project_row(record)); !s) return s;
    for (const auto& [id, org] : record.organisations) {
      if (!seen_.insert(id).second) continue;
      if (auto s = row(Table::kOrganisations, tables::organisation_row(org)); !s) return s;
    }
    for (const auto& r : tables::participation_rows(record)) {
      if (auto s = row(Table::kParticipations, r); !s) return s;
    }
    for (const auto& r : tables::indicator_rows(record)) {
      if (auto s = row(Table::kIndicators, r); !s) return s;
    }
    return ok();
  }

  Status finish() override {
    if (!workbook_) return make_error(ErrorCode::kFailedPrecondition, "XLSX export: already finished");
    lxw_error e = workbook_close(workbook_);
    workbook_ = nullptr;
    if (e != LXW_NO_ERROR) {
      return make_error(ErrorCode::kUnavailable, fmt::format("{}: cannot write workbook: {}", path_, lxw_strerror(e)));
    }
    return ok();
  }

 private:
  struct Sheet {
    lxw_worksheet* worksheet = nullptr;
    lxw_row_t next_row = 0;
  };

  Sheet& sheet(Table t) { return sheets_[static_cast<std::size_t>(t)]; }

  lxw_format* header_format() {
    if (!bold_) {
      bold_ = workbook_add_format(workbook_);
      format_set_bold(bold_);
    }
    return bold_;
  }

  Status row(Table t, const tables::Row& cells) {
    Sheet& s = sheet(t);
    if (s.next_row >= kMaxRows) {
      return make_error(ErrorCode::kFailedPrecondition,
                        fmt::format("XLSX export: the {} sheet would pass the {} row limit of XLSX; export CSV instead",
                                    tables::table_name(t), kMaxRows));
    }
    for (std::size_t c = 0; c < cells.size(); ++c) {
      const auto& cell = cells[c];
      if (cell.text.empty()) continue;  // constant-memory mode: skipping is cheaper than blanks
      auto col = static_cast<lxw_col_t>(c);
      lxw_error e;
      if (cell.numeric) {
        e = worksheet_write_number(s.worksheet, s.next_row, col, std::strtod(cell.text.c_str(), nullptr), nullptr);
      } else {
        e = worksheet_write_string(s.worksheet, s.next_row, col, tables::neutralise(cell.text).c_str(), nullptr);
      }
      if (e != LXW_NO_ERROR) {
        return make_error(ErrorCode::kInternal, fmt::format("XLSX export: {} sheet row {}: {}",
                                                            tables::table_name(t), s.next_row + 1, lxw_strerror(e)));
      }
    }
    ++s.next_row;
    return ok();
  }

  lxw_workbook* workbook_;
  std::string path_;
  lxw_format* bold_ = nullptr;
  std::array<Sheet, 4> sheets_{};
  std::set<model::Id> seen_;
};

}  // namespace

Result<std::unique_ptr<RecordWriter>> make_xlsx_writer(const std::string& path, const std::string& tmpdir) {
  std::string dir = tmpdir;
  lxw_workbook_options options{};
  options.constant_memory = LXW_TRUE;
  options.tmpdir = dir.empty() ? nullptr : dir.data();
  // ZIP64 lets a workbook pass 4 GB, which a million projects can approach.
  options.use_zip64 = LXW_TRUE;
  lxw_workbook* workbook = workbook_new_opt(path.c_str(), &options);
  if (!workbook) return make_error(ErrorCode::kUnavailable, fmt::format("{}: cannot create workbook", path));
  return std::unique_ptr<RecordWriter>(std::make_unique<XlsxWriter>(workbook, path));
}

}  // namespace tiltas::exporter
