#include <memory>
#include <vector>

#include <fmt/format.h>
#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-page.h>

#include "base/text.h"
#include "ingest/page_reader.h"

namespace tiltas::ingest {
namespace {

std::string to_utf8(const poppler::ustring& s) {
  auto bytes = s.to_utf8();
  return std::string(bytes.begin(), bytes.end());
}

void silence_poppler(const std::string&, void*) {}

}  // namespace

Result<PageText> pdf_to_text(std::string_view bytes) {
  // Poppler prints parse complaints to stderr by default; findings report
  // what matters instead.
  poppler::set_debug_error_function(silence_poppler, nullptr);
  std::vector<char> data(bytes.begin(), bytes.end());
  std::unique_ptr<poppler::document> doc(poppler::document::load_from_raw_data(data.data(), static_cast<int>(data.size())));
  if (!doc) return invalid_argument("not a readable PDF (the file is damaged or not a PDF)");
  if (doc->is_locked()) return invalid_argument("the PDF is encrypted and cannot be read");
  PageText page;
  page.format = Format::kPdf;
  page.title = std::string(text::trim(to_utf8(doc->info_key("Title"))));
  int pages = doc->pages();
  for (int i = 0; i < pages; ++i) {
    std::unique_ptr<poppler::page> p(doc->create_page(i));
    if (!p) {
      page.warnings.push_back(fmt::format("page {} could not be read", i + 1));
      continue;
    }
    std::string t = to_utf8(p->text(poppler::rectf(), poppler::page::physical_layout));
    if (!page.text.empty()) page.text += "\n\n";
    page.text += t;
  }
  if (!text::is_valid_utf8(page.text)) page.text = text::repair_utf8(page.text);
  if (text::trim(page.text).empty()) {
    return invalid_argument("the PDF has no text layer (a scanned image?)");
  }
  return page;
}

}  // namespace tiltas::ingest
