// API tokens for the write endpoints: made from 32 random bytes (libsodium),
// written as unpadded base64url, stored only as their SHA-256.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "base/error.h"
#include "store/store.h"

namespace tiltas::http {

// A new token: 32 bytes from libsodium's CSPRNG as unpadded base64url (43
// characters). Thread-safe.
std::string generate_api_token();

// What the store keeps of a token: its lower-case hex SHA-256.
std::string hash_api_token(std::string_view token);

// The active token that `token` is, or std::nullopt when it is unknown,
// revoked or malformed. The store finds the row by hash (the hash of a
// 256-bit random secret leaks nothing useful through lookup timing); the
// hashes are then compared again with sodium_memcmp, in constant time.
// Store errors are returned as they are.
Result<std::optional<store::ApiToken>> authenticate_api_token(const store::Store& store, std::string_view token);

// Creates a token named `name` and returns the token itself, which exists
// nowhere else afterwards. Errors of Store::create_api_token.
Result<std::string> create_api_token(store::Store& store, const std::string& name);

}  // namespace tiltas::http
