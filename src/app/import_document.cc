#include "app/import_document.h"

#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "base/hash.h"
#include "base/text.h"
#include "codec/records_json.h"
#include "model/validation.h"
#include "extract/extractor.h"
#include "ingest/csv_reader.h"
#include "ingest/iati_reader.h"

namespace tiltas::app {
namespace {

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// The long tables that belong to a CSV projects table, read with it.
struct CsvSiblings {
  std::optional<std::string> participations;
  std::optional<std::string> indicators;
};

// A CSV table read: rows that are new records, and rows that update a
// stored project (checked, and with something to change).
struct CsvRecords {
  std::vector<model::Project> records;
  struct Update {
    model::Id id = 0;
    model::Project project;
    std::size_t line = 0;
  };
  std::vector<Update> updates;
};

// "2024-05-01T12:00:00Z": the registry's own way of writing updated_at. A
// spreadsheet program may have rewritten the cell as a date of its own, which
// then says nothing about the stored project.
bool registry_timestamp(std::string_view s) {
  return s.size() >= 20 && s[4] == '-' && s[7] == '-' && s[10] == 'T' && s.back() == 'Z';
}

Result<CsvRecords> records_from_csv(const store::Store& store, std::string_view source, std::string_view content,
                                    const CsvSiblings& siblings, std::vector<std::string>& warnings) {
  auto table = ingest::read_projects_csv(content, source);
  if (!table) {
    for (const char* suffix : {"-participations.csv", "-indicators.csv", "-organisations.csv"}) {
      if (ends_with(source, suffix)) {
        return invalid_argument(fmt::format("{}: a long table of a CSV export; import its projects table, "
                                            "which reads it",
                                            source));
      }
    }
    return unexpected(table.error());
  }
  std::string stem(source.substr(0, source.size() - (ends_with(source, ".csv") ? 4 : 0)));
  if (siblings.participations) {
    if (auto s = ingest::read_participations_csv(*siblings.participations, stem + "-participations.csv", *table); !s) {
      return unexpected(s.error());
    }
  }
  if (siblings.indicators) {
    if (auto s = ingest::read_indicators_csv(*siblings.indicators, stem + "-indicators.csv", *table); !s) {
      return unexpected(s.error());
    }
  }
  CsvRecords out;
  for (const auto& row : table->rows) {
    auto stored = row.id ? store.get_project(*row.id, store::Visibility::kAll)
                         : Result<model::Project>(unexpected(Error{ErrorCode::kNotFound, "no id"}));
    if (!stored) {
      if (stored.error().code != ErrorCode::kNotFound) return unexpected(stored.error());
      out.records.push_back(ingest::apply_patch(row, model::Project{}));
      continue;
    }
    // A row of a stored project updates it, as an editor's correction would:
    // blank cells keep the stored values. Everything is checked before
    // anything is written, so a bad row leaves the registry as it was.
    model::Project updated = ingest::apply_patch(row, *stored);
    if (codec::diff_records(*stored, updated).empty()) continue;
    if (row.updated_at && registry_timestamp(*row.updated_at) && *row.updated_at != stored->updated_at) {
      return make_error(ErrorCode::kConflict,
                        fmt::format("{}:{}: project {} was changed at {}, after this file was exported (its "
                                    "updated_at is {}): export it again and redo the edit, so that the newer "
                                    "change is not overwritten",
                                    source, row.line, *row.id, stored->updated_at, *row.updated_at),
                        "updated_at");
    }
    if (auto s = model::check(updated, fmt::format("{}:{}", source, row.line)); !s) return unexpected(s.error());
    out.updates.push_back({*row.id, std::move(updated), row.line});
  }
  warnings = std::move(table->warnings);
  return out;
}

Result<ImportedDocument> import_content_with(store::Store& store, std::string_view source, std::string_view content,
                                             ContentKind kind, const CsvSiblings& siblings);
std::optional<std::string> read_if_present(const std::string& path);

}  // namespace

std::string document_name(std::string_view source) {
  std::string_view name = source;
  if (auto slash = name.find_last_of('/'); slash != std::string_view::npos) name.remove_prefix(slash + 1);
  for (std::string_view ext : {".gold.json", ".json", ".txt", ".html", ".htm", ".pdf", ".xml", ".csv"}) {
    if (ends_with(name, ext) && name.size() > ext.size()) {
      name.remove_suffix(ext.size());
      break;
    }
  }
  return std::string(name.empty() ? "document" : name);
}

Result<ImportedDocument> import_content(store::Store& store, std::string_view source, std::string_view content,
                                        ContentKind kind) {
  return import_content_with(store, source, content, kind, {});
}

namespace {

Result<ImportedDocument> import_content_with(store::Store& store, std::string_view source, std::string_view content,
                                             ContentKind kind, const CsvSiblings& siblings) {
  if (kind == ContentKind::kAuto) {
    kind = ends_with(source, ".json") ? ContentKind::kRecordsJson
           : ends_with(source, ".xml") ? ContentKind::kIatiXml
           : ends_with(source, ".csv") ? ContentKind::kCsv
                                       : ContentKind::kPlainText;
    // Standard input and URLs have no telling extension: an XML prolog or
    // an IATI root says enough.
    std::string_view head = text::trim(content.substr(0, 256));
    if (kind == ContentKind::kPlainText && (head.starts_with("<?xml") || head.starts_with("<iati-activit"))) {
      kind = ContentKind::kIatiXml;
    }
  }
  // A CSV projects table read from a file brings its long tables along,
  // whoever calls (the import pipeline passes content, not paths).
  CsvSiblings found;
  if (kind == ContentKind::kCsv && !siblings.participations && !siblings.indicators && ends_with(source, ".csv")) {
    std::string stem(source.substr(0, source.size() - 4));
    found.participations = read_if_present(stem + "-participations.csv");
    found.indicators = read_if_present(stem + "-indicators.csv");
  }
  const CsvSiblings& tables = found.participations || found.indicators ? found : siblings;
  if (auto bad = text::first_invalid_utf8(content); bad != std::string_view::npos) {
    auto [line, col] = text::line_and_column(content, bad);
    return invalid_argument(fmt::format("{}:{}:{}: invalid UTF-8 (byte offset {})", source, line, col, bad));
  }
  model::Document doc;
  doc.source = std::string(source);
  doc.name = document_name(source);
  doc.sha256 = sha256_hex(content);
  doc.text = std::string(content);
  ImportedDocument out;
  out.source = doc.source;
  std::vector<model::Project> records;
  if (kind == ContentKind::kRecordsJson) {
    auto file = codec::parse_records(content, source);
    if (!file) return unexpected(file.error());
    doc.language = file->language;
    doc.media_type = "application/json";
    records = std::move(file->records);
    out.warnings = std::move(file->warnings);
  } else if (kind == ContentKind::kIatiXml) {
    auto file = ingest::read_iati(content, source);
    if (!file) return unexpected(file.error());
    doc.language = file->language;
    doc.media_type = "application/xml";
    records = std::move(file->records);
    out.warnings = std::move(file->warnings);
  } else if (kind == ContentKind::kCsv) {
    auto csv = records_from_csv(store, source, content, tables, out.warnings);
    if (!csv) return unexpected(csv.error());
    // Updates go through update_project, one transaction each: audited
    // field by field, remembered as corrections that later revisions of the
    // source keep. The new rows then come in as a document, as always.
    store::Edit edit;
    edit.editor = "import:" + document_name(source);
    for (const auto& u : csv->updates) {
      edit.note = fmt::format("{}:{}", source, u.line);
      auto stored = store.update_project(u.id, u.project, edit);
      if (!stored) {
        Error e = stored.error();
        e.message = fmt::format("{}:{}: {}", source, u.line, e.message);
        return unexpected(std::move(e));
      }
      ++out.updated;
    }
    records = std::move(csv->records);
    doc.media_type = "text/csv";
    if (!records.empty()) doc.language = records.front().default_language;
  } else {
    auto extraction = extract::extract(content);
    doc.language = extraction.language;
    doc.media_type = "text/plain";
    records = std::move(extraction.records);
  }
  for (const auto& r : records) out.findings += r.findings.size();
  out.records = records.size();
  auto result = store.import_document(doc, records);
  if (!result) {
    Error e = result.error();
    e.message = fmt::format("{}: {}", source, e.message);
    return unexpected(std::move(e));
  }
  out.result = std::move(*result);
  out.result.updated += out.updated;  // the import's summary counts them with the records read anew
  return out;
}

std::optional<std::string> read_if_present(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

}  // namespace

Result<ImportedDocument> import_file(store::Store& store, const std::string& path, ContentKind kind) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return invalid_argument(fmt::format("{}: cannot read file", path));
  std::ostringstream buf;
  buf << in.rdbuf();
  CsvSiblings siblings;
  if (kind == ContentKind::kCsv || (kind == ContentKind::kAuto && ends_with(path, ".csv"))) {
    std::string stem = path.substr(0, path.size() - (ends_with(path, ".csv") ? 4 : 0));
    siblings.participations = read_if_present(stem + "-participations.csv");
    siblings.indicators = read_if_present(stem + "-indicators.csv");
  }
  return import_content_with(store, path, buf.str(), kind, siblings);
}

}  // namespace tiltas::app
