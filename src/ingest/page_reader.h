// Reading source files into the text the extractor reads: plain text, HTML
// (the main content only) and PDF. Which reader applies is decided by the
// content, with the file name as a tie-breaker.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"

namespace tiltas::ingest {

enum class Format {
  kText,         // UTF-8 plain text
  kHtml,         // an HTML page
  kPdf,          // a PDF document
  kRecordsJson,  // Tiltas/GUIDELINES records JSON
  kXml,          // XML (IATI activity files)
  kCsv,          // comma-separated values
  kBinary,       // anything else: images, archives, executables
};

std::string_view media_type(Format format);

// Decides the format from the first bytes (PDF magic, markup, JSON object,
// NUL bytes) and, where the bytes cannot tell, from the extension of `name`.
Format sniff(std::string_view name, std::string_view bytes);

struct PageText {
  std::string text;        // UTF-8; spans of extracted facts point into it
  std::string title;       // <title>/<h1> of HTML, the PDF's Title; may be empty
  Format format = Format::kText;
  std::vector<std::string> warnings;
};

// The upper bound of a source file; larger ones are refused rather than read.
inline constexpr std::size_t kMaxSourceBytes = 32 * 1024 * 1024;

// HTML -> text of the main content (<main>, else <article>, else <body>)
// with script, style, navigation, header, footer, aside and forms removed;
// block elements become line breaks, so headings and list items stay lines.
// Never fails on malformed markup (gumbo repairs it as browsers do).
PageText html_to_text(std::string_view html);

// PDF -> the text of every page (poppler), pages separated by a blank line.
// kInvalidArgument when the bytes are not a readable PDF or it is encrypted.
Result<PageText> pdf_to_text(std::string_view bytes);

// Reads one source of `format` (kText, kHtml or kPdf) into text. Errors
// (kInvalidArgument, message says why): empty, larger than kMaxSourceBytes,
// binary, invalid UTF-8 in text or HTML, unreadable PDF.
Result<PageText> read_page(std::string_view bytes, Format format);

}  // namespace tiltas::ingest
