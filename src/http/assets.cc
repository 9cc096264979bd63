#include "http/assets.h"

namespace tiltas::http {

std::optional<std::string_view> find_asset(std::string_view name) {
  // A dozen files: a linear scan is as fast as anything cleverer.
  for (std::size_t i = 0; i < kEmbeddedFileCount; ++i) {
    const EmbeddedFile& f = kEmbeddedFiles[i];
    if (name == f.name) return std::string_view(reinterpret_cast<const char*>(f.data), f.size);
  }
  return std::nullopt;
}

std::vector<std::string_view> asset_names() {
  std::vector<std::string_view> names;
  names.reserve(kEmbeddedFileCount);
  for (std::size_t i = 0; i < kEmbeddedFileCount; ++i) names.emplace_back(kEmbeddedFiles[i].name);
  return names;
}

}  // namespace tiltas::http
