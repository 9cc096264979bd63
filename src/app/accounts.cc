#include "app/accounts.h"

#include <array>
#include <ctime>
#include <stdexcept>

#include <fmt/format.h>
#include <sodium.h>

#include "base/hash.h"

namespace tiltas::app {
namespace {

bool sodium_ready() {
  // sodium_init is idempotent and thread-safe.
  static const bool ready = sodium_init() >= 0;
  return ready;
}

std::string lower_trimmed(const std::string& text) {
  std::size_t b = text.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return {};
  std::size_t e = text.find_last_not_of(" \t\r\n");
  std::string out = text.substr(b, e - b + 1);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// A hash of a random password, made once: verified against when the
// account does not exist, so that both answers take the same time.
const std::string& dummy_hash() {
  static const std::string hash = [] {
    auto h = hash_password(random_token());
    return h ? *h : std::string();
  }();
  return hash;
}

}  // namespace

std::string iso_utc(TimePoint t) {
  const std::time_t seconds = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  std::array<char, 32> buf{};
  std::strftime(buf.data(), buf.size(), "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf.data();
}

std::string_view to_string(Role role) {
  switch (role) {
    case Role::kViewer: return "viewer";
    case Role::kEditor: return "editor";
    case Role::kAdmin: return "admin";
  }
  return "viewer";
}

std::optional<Role> parse_role(std::string_view text) {
  for (Role r : {Role::kViewer, Role::kEditor, Role::kAdmin}) {
    if (to_string(r) == text) return r;
  }
  return std::nullopt;
}

Result<std::string> hash_password(std::string_view password) {
  if (!sodium_ready()) return internal_error("libsodium cannot be initialised");
  std::array<char, crypto_pwhash_STRBYTES> out{};
  if (crypto_pwhash_str(out.data(), password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
    return internal_error("hashing the password ran out of memory");
  }
  return std::string(out.data());
}

bool verify_password(const std::string& encoded, std::string_view password) {
  if (!sodium_ready() || encoded.empty()) return false;
  return crypto_pwhash_str_verify(encoded.c_str(), password.data(), password.size()) == 0;
}

Result<store::User> add_user(store::Store& store, const std::string& email, const std::string& role,
                             std::string_view password) {
  const std::string address = lower_trimmed(email);
  const auto at = address.find('@');
  if (at == std::string::npos || at == 0 || at + 1 == address.size() ||
      address.find_first_of(" \t<>\"") != std::string::npos) {
    return invalid_argument(fmt::format("'{}' is not an e-mail address", address), "email");
  }
  if (!parse_role(role)) return invalid_argument(fmt::format("role '{}' is not admin, editor or viewer", role), "role");
  if (password.size() < kMinPasswordLength) {
    return invalid_argument(fmt::format("the password needs at least {} characters", kMinPasswordLength), "password");
  }
  auto hash = hash_password(password);
  if (!hash) return unexpected(hash.error());
  return store.create_user(address, role, *hash);
}

Result<LoginResult> login(store::Store& store, const std::string& email, std::string_view password,
                          const std::string& client_address, TimePoint now, const LoginPolicy& policy) {
  const std::string address = lower_trimmed(email);
  const std::string account_key = "account:" + address;
  const std::string address_key = "address:" + client_address;
  const std::string since = iso_utc(now - policy.window);
  LoginResult result;
  for (const std::string* key : {&account_key, &address_key}) {
    auto failures = store.count_login_failures(*key, since);
    if (!failures) return unexpected(failures.error());
    if (*failures >= policy.max_failures) {
      result.outcome = LoginOutcome::kLockedOut;
      return result;
    }
  }
  auto user = store.find_user(address);
  if (!user) return unexpected(user.error());
  const bool valid = *user ? verify_password((*user)->password_hash, password)
                           : (verify_password(dummy_hash(), password), false);
  if (!valid) {
    const std::string at = iso_utc(now);
    for (const std::string* key : {&account_key, &address_key}) {
      if (auto recorded = store.record_login_failure(*key, at); !recorded) return unexpected(recorded.error());
    }
    result.outcome = LoginOutcome::kBadCredentials;
    return result;
  }
  if (auto cleared = store.clear_login_failures(account_key); !cleared) return unexpected(cleared.error());
  result.session_id = random_token();
  result.session.id_hash = session_hash(result.session_id);
  result.session.user_id = (*user)->id;
  result.session.csrf_token = random_token();
  result.session.created_at = iso_utc(now);
  result.session.expires_at = iso_utc(now + policy.session_lifetime);
  result.session.email = (*user)->email;
  result.session.role = (*user)->role;
  if (auto created = store.create_session(result.session); !created) return unexpected(created.error());
  result.outcome = LoginOutcome::kSignedIn;
  return result;
}

Result<std::optional<store::Session>> find_session(const store::Store& store, std::string_view session_id,
                                                   TimePoint now) {
  // Ours are 43 characters; anything much longer is not worth hashing.
  if (session_id.empty() || session_id.size() > 128) return std::optional<store::Session>();
  const std::string hash = session_hash(session_id);
  auto found = store.find_session(hash, iso_utc(now));
  if (!found) return unexpected(found.error());
  // The row was found by hash; compare again in constant time before trusting it.
  if (*found && !same_secret((*found)->id_hash, hash)) return std::optional<store::Session>();
  return found;
}

std::string session_hash(std::string_view session_id) { return sha256_hex(session_id); }

std::string random_token() {
  if (!sodium_ready()) throw std::runtime_error("libsodium cannot be initialised");
  std::array<unsigned char, 32> bytes{};
  randombytes_buf(bytes.data(), bytes.size());
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), bytes.data(), bytes.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(out.find('\0'));
  sodium_memzero(bytes.data(), bytes.size());
  return out;
}

bool same_secret(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace tiltas::app
