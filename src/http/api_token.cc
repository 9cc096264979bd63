#include "http/api_token.h"

#include <array>

#include <sodium.h>

#include "base/hash.h"

namespace tiltas::http {
namespace {

constexpr std::size_t kTokenBytes = 32;
constexpr std::size_t kMaxTokenLength = 256;  // anything longer is not ours

bool sodium_ready() {
  // sodium_init is idempotent and thread-safe; randombytes needs it first.
  static const bool ready = sodium_init() >= 0;
  return ready;
}

}  // namespace

std::string generate_api_token() {
  if (!sodium_ready()) throw std::runtime_error("libsodium cannot be initialised");
  std::array<unsigned char, kTokenBytes> bytes{};
  randombytes_buf(bytes.data(), bytes.size());
  std::string out(sodium_base64_ENCODED_LEN(kTokenBytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), bytes.data(), bytes.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(out.find('\0'));
  sodium_memzero(bytes.data(), bytes.size());
  return out;
}

std::string hash_api_token(std::string_view token) { return sha256_hex(token); }

Result<std::optional<store::ApiToken>> authenticate_api_token(const store::Store& store, std::string_view token) {
  if (token.empty() || token.size() > kMaxTokenLength) return std::optional<store::ApiToken>();
  const std::string hash = hash_api_token(token);
  auto found = store.find_api_token(hash);
  if (!found) return unexpected(found.error());
  if (!*found || (*found)->revoked || (*found)->token_hash.size() != hash.size()) {
    return std::optional<store::ApiToken>();
  }
  if (sodium_memcmp((*found)->token_hash.data(), hash.data(), hash.size()) != 0) {
    return std::optional<store::ApiToken>();
  }
  return found;
}

Result<std::string> create_api_token(store::Store& store, const std::string& name) {
  std::string token = generate_api_token();
  auto created = store.create_api_token(name, hash_api_token(token));
  if (!created) return unexpected(created.error());
  return token;
}

}  // namespace tiltas::http
