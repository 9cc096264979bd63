#include <algorithm>
#include <cctype>

#include "ingest/page_reader.h"

namespace tiltas::ingest {
namespace {

bool ends_with_ci(std::string_view s, std::string_view suffix) {
  if (s.size() < suffix.size()) return false;
  for (std::size_t i = 0; i < suffix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(s[s.size() - suffix.size() + i])) != suffix[i]) return false;
  }
  return true;
}

std::string lower_prefix(std::string_view bytes, std::size_t n) {
  std::string out(bytes.substr(0, std::min(n, bytes.size())));
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view skip_bom_and_space(std::string_view s) {
  if (s.substr(0, 3) == "\xEF\xBB\xBF") s.remove_prefix(3);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  return s;
}

}  // namespace

std::string_view media_type(Format format) {
  switch (format) {
    case Format::kText: return "text/plain";
    case Format::kHtml: return "text/html";
    case Format::kPdf: return "application/pdf";
    case Format::kRecordsJson: return "application/json";
    case Format::kXml: return "application/xml";
    case Format::kCsv: return "text/csv";
    case Format::kBinary: return "application/octet-stream";
  }
  return "application/octet-stream";
}

Format sniff(std::string_view name, std::string_view bytes) {
  if (bytes.substr(0, 5) == "%PDF-") return Format::kPdf;
  std::string_view head = skip_bom_and_space(bytes);
  // Every test of the lower-cased head asks for markup, which starts with
  // '<': plain text (most of an import) skips copying it.
  const bool markup = !head.empty() && head.front() == '<';
  const std::string lower = markup ? lower_prefix(head, 1024) : std::string();
  if (lower.rfind("<!doctype html", 0) == 0 || lower.rfind("<html", 0) == 0) return Format::kHtml;
  if (lower.rfind("<?xml", 0) == 0) {
    return lower.find("<html") != std::string::npos ? Format::kHtml : Format::kXml;
  }
  // NUL bytes in the first 8 KB: no text format of ours contains them.
  if (bytes.substr(0, 8192).find('\0') != std::string_view::npos) return Format::kBinary;
  if (!head.empty() && (head.front() == '{' || head.front() == '[') && ends_with_ci(name, ".json")) {
    return Format::kRecordsJson;
  }
  if (ends_with_ci(name, ".json")) return Format::kRecordsJson;
  if (ends_with_ci(name, ".xml")) return Format::kXml;
  if (ends_with_ci(name, ".csv")) return Format::kCsv;
  if (ends_with_ci(name, ".html") || ends_with_ci(name, ".htm")) return Format::kHtml;
  if (ends_with_ci(name, ".pdf")) return Format::kPdf;
  // Markup-looking text without a doctype (a saved fragment).
  if (markup &&
      (lower.find("<body") != std::string::npos || lower.find("<div") != std::string::npos ||
       lower.find("<p>") != std::string::npos || lower.find("<head") != std::string::npos)) {
    return Format::kHtml;
  }
  return Format::kText;
}

}  // namespace tiltas::ingest
