#include "export/csv_writer.h"

#include <set>

#include "export/tables.h"

namespace tiltas::exporter {
namespace {

using tables::Table;

class CsvWriter : public RecordWriter {
 public:
  CsvWriter(const CsvOutputs& outputs, const ExportOptions& options) : outputs_(outputs) {
    for (Table t : {Table::kProjects, Table::kParticipations, Table::kIndicators, Table::kOrganisations}) {
      std::ostream* out = stream(t);
      if (!out) continue;
      if (options.bom) *out << "\xEF\xBB\xBF";
      const auto& cols = tables::columns(t);
      tables::Row header;
      for (const auto& c : cols) header.push_back({c, true});
      row(*out, header);
    }
  }

  Status write(const ExportRecord& record) override {
    if (outputs_.projects) row(*outputs_.projects, tables::project_row(record));
    if (outputs_.participations) {
      for (const auto& r : tables::participation_rows(record)) row(*outputs_.participations, r);
    }
    if (outputs_.indicators) {
      for (const auto& r : tables::indicator_rows(record)) row(*outputs_.indicators, r);
    }
    if (outputs_.organisations) {
      for (const auto& [id, org] : record.organisations) {
        if (seen_.insert(id).second) row(*outputs_.organisations, tables::organisation_row(org));
      }
    }
    return check();
  }

  Status finish() override {
    for (Table t : {Table::kProjects, Table::kParticipations, Table::kIndicators, Table::kOrganisations}) {
      if (auto* out = stream(t)) out->flush();
    }
    return check();
  }

 private:
  std::ostream* stream(Table t) const {
    switch (t) {
      case Table::kProjects: return outputs_.projects;
      case Table::kParticipations: return outputs_.participations;
      case Table::kIndicators: return outputs_.indicators;
      case Table::kOrganisations: return outputs_.organisations;
    }
    return nullptr;
  }

  static void row(std::ostream& out, const tables::Row& cells) {
    bool first = true;
    for (const auto& cell : cells) {
      if (!first) out << ',';
      first = false;
      out << csv_field(cell.numeric ? cell.text : tables::neutralise(cell.text));
    }
    out << "\r\n";
  }

  Status check() const {
    for (Table t : {Table::kProjects, Table::kParticipations, Table::kIndicators, Table::kOrganisations}) {
      if (auto* out = stream(t); out && !*out) {
        return make_error(ErrorCode::kUnavailable,
                          std::string("CSV export: writing the ") + tables::table_name(t) + " table failed");
      }
    }
    return ok();
  }

  CsvOutputs outputs_;
  // Organisation ids written so far: bounded by the number of organisations,
  // not of projects.
  std::set<model::Id> seen_;
};

}  // namespace

std::string csv_field(std::string_view value) {
  if (value.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(value);
  std::string out = "\"";
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::unique_ptr<RecordWriter> make_csv_writer(const CsvOutputs& outputs, const ExportOptions& options) {
  return std::make_unique<CsvWriter>(outputs, options);
}

}  // namespace tiltas::exporter
