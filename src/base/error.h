// Errors as values: every expected failure in Tiltas is a Result<T>.
//
// ErrorCode is a closed set; src/http and src/cli map each code to an HTTP
// status and an exit code in one table each (error_mapping.*), so adding a
// code is a compile-time decision, not a string convention.
#pragma once

#include <string>
#include <string_view>
#include <utility>

#include <tl/expected.hpp>

namespace tiltas {

enum class ErrorCode {
  kInvalidArgument,     // the caller's input is wrong (bad JSON, bad date)
  kNotFound,            // get_* of something absent
  kAlreadyExists,       // a unique key is taken
  kConflict,            // concurrent or contradictory change
  kFailedPrecondition,  // the system is not in a state to do this
  kUnavailable,         // a dependency (database server, file) cannot be reached
  kInternal,            // a bug or an unexpected library failure
};

// Stable lower_snake name of a code ("invalid_argument"), used in JSON errors.
std::string_view to_string(ErrorCode code);

struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string message;
  // Which input field the error is about ("records[2].period.start"), or empty.
  std::string field;

  // "message (field: f)" for logs and the CLI.
  std::string describe() const;
};

template <typename T>
using Result = tl::expected<T, Error>;
using Status = tl::expected<void, Error>;

inline tl::unexpected<Error> make_error(ErrorCode code, std::string message,
                                        std::string field = {}) {
  return tl::unexpected<Error>(Error{code, std::move(message), std::move(field)});
}
inline tl::unexpected<Error> invalid_argument(std::string message, std::string field = {}) {
  return make_error(ErrorCode::kInvalidArgument, std::move(message), std::move(field));
}
inline tl::unexpected<Error> not_found(std::string message, std::string field = {}) {
  return make_error(ErrorCode::kNotFound, std::move(message), std::move(field));
}
inline tl::unexpected<Error> internal_error(std::string message) {
  return make_error(ErrorCode::kInternal, std::move(message));
}
inline tl::unexpected<Error> unexpected(Error error) {
  return tl::unexpected<Error>(std::move(error));
}

inline Status ok() { return {}; }

}  // namespace tiltas
