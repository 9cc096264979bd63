// Content hashing for document identity (a document is stored once per hash).
#pragma once

#include <string>
#include <string_view>

namespace tiltas {

// Lower-case hex SHA-256 of `bytes` (libsodium). Thread-safe.
std::string sha256_hex(std::string_view bytes);

}  // namespace tiltas
