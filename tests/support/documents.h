// A plain-text source document for store-level tests: identified by the
// hash of its text, as an import would identify it.
#pragma once

#include <string>

#include "base/hash.h"
#include "model/project.h"

namespace tiltas::testing {

inline model::Document make_document(const std::string& source, const std::string& text,
                                     const std::string& language = "en") {
  model::Document d;
  d.source = source;
  d.name = "page";
  d.sha256 = sha256_hex(text);
  d.language = language;
  d.media_type = "text/plain";
  d.text = text;
  return d;
}

}  // namespace tiltas::testing
