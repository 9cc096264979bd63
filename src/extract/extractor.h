// Reads free-text project pages (English, Lithuanian; other languages of the
// genre degrade gracefully) into project records with source spans.
//
// Pure: no I/O, no global mutable state; safe to call from many threads at
// once. Extraction is partial by nature: odd text yields fewer facts and more
// findings, never an error.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "model/project.h"

namespace tiltas::extract {

struct Options {
  // ISO 639-1 code to assume instead of detecting the language; "" detects.
  std::string language;
};

struct Extraction {
  std::string language;                 // detected or given, ISO 639-1 ("en", "lt", ...)
  std::vector<model::Project> records;  // spans are byte offsets into the input
  std::vector<model::Finding> findings; // page-level findings (segmentation, language)
};

// Extracts every project record the text describes. `text` should be UTF-8;
// invalid bytes are tolerated (they never match anything). Never throws for
// any input.
Extraction extract(std::string_view text, const Options& options = {});

}  // namespace tiltas::extract
