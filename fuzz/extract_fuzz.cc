// libFuzzer entry point: extract() must return for any bytes, with spans
// inside the input.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "extract/extractor.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  // Half of the inputs with a fixed language, so that detection does not
  // mask the language-specific readers.
  tiltas::extract::Options options;
  if (size > 0 && (data[0] & 1)) options.language = (data[0] & 2) ? "lt" : "en";
  auto ex = tiltas::extract::extract(text, options);
  for (const auto& r : ex.records) {
    for (const auto& [key, span] : r.spans) {
      if (span.end > size || span.start > span.end) std::abort();
    }
    for (const auto& a : r.amounts) {
      if (a.span && a.span->end > size) std::abort();
    }
  }
  return 0;
}
