// libFuzzer target for the search query language: any bytes must parse to a
// query or a kInvalidArgument error, and whatever parses must analyse,
// highlight and turn into filter terms without crashing or reading out of
// bounds (AddressSanitizer, UBSan).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "search/highlight.h"
#include "search/index_document.h"
#include "search/query.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto q = tiltas::search::parse_query(text);
  if (!q) return 0;
  (void)tiltas::search::add_filters(text, *q);
  auto terms = tiltas::search::match_terms(*q);
  (void)tiltas::search::filter_tokens(q->filters);
  (void)tiltas::search::snippet(text, "lt", terms, 64);
  (void)tiltas::search::highlight(text, "nb", terms);
  return 0;
}
