#include "http/representation.h"

#include <functional>

#include <fmt/format.h>

#include <restinio/transforms/zlib.hpp>

namespace tiltas::http {

std::string entity_tag(std::string_view body) {
  return fmt::format("\"{:016x}{:x}\"", std::hash<std::string_view>{}(body), body.size());
}

std::string gzip_entity_tag(std::string_view tag) {
  std::string out(tag);
  out.insert(out.size() - 1, "-gzip");
  return out;
}

bool none_match_hits(std::string_view header, std::string_view tag) {
  if (header.empty()) return false;
  const std::string_view opaque = tag.substr(0, tag.size() - 1);  // without the closing quote
  std::size_t pos = 0;
  while (pos < header.size()) {
    std::size_t comma = header.find(',', pos);
    if (comma == std::string_view::npos) comma = header.size();
    std::string_view item = header.substr(pos, comma - pos);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    if (item.starts_with("W/")) item.remove_prefix(2);
    if (item == "*" || item == tag) return true;
    if (item.starts_with(opaque) && (item.substr(opaque.size()) == "-gzip\"")) return true;
    pos = comma + 1;
  }
  return false;
}

bool accepts_gzip(std::string_view accept_encoding) {
  // "gzip", "gzip;q=0.5", "deflate, gzip"; "gzip;q=0" refuses it.
  std::size_t at = accept_encoding.find("gzip");
  if (at == std::string_view::npos) return false;
  std::string_view rest = accept_encoding.substr(at + 4);
  std::size_t comma = rest.find(',');
  std::string_view params = rest.substr(0, comma);
  std::size_t q = params.find("q=");
  if (q == std::string_view::npos) return true;
  std::string_view value = params.substr(q + 2);
  return !(value == "0" || value.starts_with("0.000") || value == "0." || value == "0.0" || value == "0.00");
}

bool compressible(std::string_view content_type) {
  return content_type.starts_with("text/") || content_type.starts_with("application/json") ||
         content_type.starts_with("image/svg+xml") || content_type.starts_with("application/xml");
}

std::string gzip_compressed(std::string_view body) { return restinio::transforms::zlib::gzip_compress(body); }

}  // namespace tiltas::http
