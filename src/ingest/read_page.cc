#include <fmt/format.h>

#include "base/text.h"
#include "ingest/page_reader.h"

namespace tiltas::ingest {

Result<PageText> read_page(std::string_view bytes, Format format) {
  if (bytes.size() > kMaxSourceBytes) {
    return invalid_argument(fmt::format("the file is {:.1f} MB, over the limit of {} MB", bytes.size() / 1048576.0,
                                        kMaxSourceBytes / (1024 * 1024)));
  }
  if (text::trim(bytes).empty()) return invalid_argument("the file is empty");
  switch (format) {
    case Format::kPdf:
      return pdf_to_text(bytes);
    case Format::kHtml:
    case Format::kText: {
      if (auto bad = text::first_invalid_utf8(bytes); bad != std::string_view::npos) {
        auto [line, column] = text::line_and_column(bytes, bad);
        return invalid_argument(
            fmt::format("invalid UTF-8 at line {}, column {} (byte {}); save the page as UTF-8", line, column, bad));
      }
      if (format == Format::kHtml) return html_to_text(bytes);
      PageText page;
      page.text = std::string(bytes.substr(0, 3) == "\xEF\xBB\xBF" ? bytes.substr(3) : bytes);
      return page;
    }
    case Format::kBinary:
      return invalid_argument("a binary file (not text, HTML or PDF)");
    default:
      return invalid_argument(fmt::format("{} is not a page format", media_type(format)));
  }
}

}  // namespace tiltas::ingest
