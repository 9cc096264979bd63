// Files of web/templates and web/static, embedded into the binary at build
// time by cmake/embed_files.cmake: the server reads no files at run time.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

namespace tiltas::http {

struct EmbeddedFile {
  const char* name;  // path under web/: "templates/layout.mustache", "static/site.css"
  const unsigned char* data;
  std::size_t size;
};

// Defined by the generated embedded_web_files.cc, sorted by name.
extern const EmbeddedFile kEmbeddedFiles[];
extern const std::size_t kEmbeddedFileCount;

// The contents of the embedded file `name`, or std::nullopt. The view is
// valid for the life of the program. Thread-safe.
std::optional<std::string_view> find_asset(std::string_view name);

// Every embedded file name, sorted.
std::vector<std::string_view> asset_names();

}  // namespace tiltas::http
