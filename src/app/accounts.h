// Editors' accounts and sessions (issue 9): passwords hashed with argon2id
// (libsodium's crypto_pwhash_str, decision 0005), logins rate-limited per
// account and per client address, sessions with random ids of which the
// store keeps only the SHA-256. Nothing here knows about HTTP or cookies.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "base/error.h"
#include "store/store.h"

namespace tiltas::app {

using TimePoint = std::chrono::system_clock::time_point;

// "2026-11-25T10:00:00Z": the store's time text (compares as time).
std::string iso_utc(TimePoint t);

// Roles, from least to most rights. Viewers see what the public sees;
// editors review and publish; admins also manage accounts.
enum class Role { kViewer, kEditor, kAdmin };
std::string_view to_string(Role role);
std::optional<Role> parse_role(std::string_view text);

// An argon2id hash in crypto_pwhash_str's encoded form (salt and limits
// inside). Interactive limits (libsodium's OPSLIMIT/MEMLIMIT_INTERACTIVE).
// kInternal when the hash cannot be made (out of memory).
Result<std::string> hash_password(std::string_view password);
// Whether `password` matches `encoded` (constant time inside libsodium).
bool verify_password(const std::string& encoded, std::string_view password);

// Passwords shorter than this are refused.
inline constexpr std::size_t kMinPasswordLength = 10;

// Creates an account after checking the address (something@something), the
// role and the password length. Errors: kInvalidArgument naming "email",
// "role" or "password"; kAlreadyExists; store errors. The password is
// neither stored nor logged, only its hash.
Result<store::User> add_user(store::Store& store, const std::string& email, const std::string& role,
                             std::string_view password);

struct LoginPolicy {
  int max_failures = 5;                                // per account and per address
  std::chrono::seconds window = std::chrono::minutes(15);  // failures older than this are forgiven
  std::chrono::seconds session_lifetime = std::chrono::hours(8);
};

enum class LoginOutcome {
  kSignedIn,
  kBadCredentials,  // unknown address or wrong password: the same answer
  kLockedOut,       // too many failures for the account or the address
};

struct LoginResult {
  LoginOutcome outcome = LoginOutcome::kBadCredentials;
  // When signed in: the new session (its id is in `session_id` only, the
  // store has its hash).
  std::string session_id;
  store::Session session;
};

// Checks a login. While the account or `client_address` has
// `policy.max_failures` failures within the window, every attempt (even a
// right password) is refused as kLockedOut and not checked. A failure is
// recorded against both keys; success clears the account's failures and
// starts a new session (never reusing an id the client had: no fixation).
// An unknown address costs a hash verification too, so that timing does not
// tell which accounts exist. Store errors are returned as they are.
Result<LoginResult> login(store::Store& store, const std::string& email, std::string_view password,
                          const std::string& client_address, TimePoint now, const LoginPolicy& policy = {});

// The session whose id (the cookie's value) this is, unexpired at `now`.
Result<std::optional<store::Session>> find_session(const store::Store& store, std::string_view session_id,
                                                   TimePoint now);
// The store's key of a session id: its lower-case hex SHA-256.
std::string session_hash(std::string_view session_id);

// 32 random bytes as unpadded base64url (session ids, CSRF tokens).
std::string random_token();

// Whether two secrets are equal, in time independent of where they differ.
bool same_secret(std::string_view a, std::string_view b);

}  // namespace tiltas::app
