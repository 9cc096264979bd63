#include "app/import_document.h"

#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "base/hash.h"
#include "base/text.h"
#include "codec/records_json.h"
#include "extract/extractor.h"

namespace tiltas::app {
namespace {

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

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
  if (kind == ContentKind::kAuto) kind = ends_with(source, ".json") ? ContentKind::kRecordsJson : ContentKind::kPlainText;
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

Result<ImportedDocument> import_file(store::Store& store, const std::string& path, ContentKind kind) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return invalid_argument(fmt::format("{}: cannot read file", path));
  std::ostringstream buf;
  buf << in.rdbuf();
  return import_content(store, path, buf.str(), kind);
}

}  // namespace tiltas::app
