#include "app/import_document.h"

#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "base/hash.h"
#include "base/text.h"
#include "codec/records_json.h"
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

Result<std::vector<model::Project>> records_from_csv(const store::Store& store, std::string_view source,
                                                     std::string_view content, const CsvSiblings& siblings,
                                                     std::vector<std::string>& warnings) {
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
  std::vector<model::Project> records;
  for (const auto& row : table->rows) {
    if (row.id && store.get_project(*row.id, store::Visibility::kAll)) {
      return make_error(ErrorCode::kFailedPrecondition,
                        fmt::format("{}:{}: project {} is stored already; updating stored projects from CSV needs "
                                    "an update operation the store does not offer yet",
                                    source, row.line, *row.id),
                        "id");
    }
    records.push_back(ingest::apply_patch(row, model::Project{}));
  }
  warnings = std::move(table->warnings);
  return records;
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
    records = std::move(*csv);
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
