// How a successful GET reply goes on the wire: its validator (ETag), gzip
// when the client accepts it, and the If-None-Match check. One place for
// fresh replies (server.cc) and for the prepared ones of the response cache,
// so that both answer with the same bytes and headers.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace tiltas::http {

// Bodies smaller than this go uncompressed: gzip's header and the CPU are
// not worth it.
inline constexpr std::size_t kMinGzipBytes = 1024;

// A strong validator of the body: "<hash><size>" in quotes. std::hash is not
// stable across builds, which only means that a client's cached copy is
// fetched again after an upgrade.
std::string entity_tag(std::string_view body);
// The tag of the gzip-encoded representation of the body tagged `tag`.
std::string gzip_entity_tag(std::string_view tag);

// Whether an If-None-Match header lists `tag` (or its gzip twin) or is "*".
// Weak comparison, as RFC 9110 asks for If-None-Match.
bool none_match_hits(std::string_view header, std::string_view tag);

// Whether Accept-Encoding accepts gzip ("gzip;q=0" refuses it).
bool accepts_gzip(std::string_view accept_encoding);

// Text, JSON, SVG and XML are worth compressing; images and archives not.
bool compressible(std::string_view content_type);

std::string gzip_compressed(std::string_view body);

}  // namespace tiltas::http
