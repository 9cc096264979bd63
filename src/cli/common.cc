#include <cstdio>

#include <fmt/format.h>

#include "cli/command.h"

namespace tiltas::cli {

int exit_code(ErrorCode code) {
  // sysexits.h conventions where one fits, so scripts can tell bad input
  // (65) from an unreachable database (69).
  switch (code) {
    case ErrorCode::kInvalidArgument: return 65;     // EX_DATAERR
    case ErrorCode::kNotFound: return 66;            // EX_NOINPUT
    case ErrorCode::kAlreadyExists: return 73;       // EX_CANTCREAT
    case ErrorCode::kConflict: return 75;            // EX_TEMPFAIL
    case ErrorCode::kFailedPrecondition: return 78;  // EX_CONFIG
    case ErrorCode::kUnavailable: return 69;         // EX_UNAVAILABLE
    case ErrorCode::kInternal: return 70;            // EX_SOFTWARE
  }
  return 70;
}

int fail(const Error& error) {
  fmt::print(stderr, "tiltas: {}\n", error.describe());
  return exit_code(error.code);
}

Result<std::unique_ptr<store::Store>> open_db(const GlobalOptions& global) { return store::open_store(global.db); }

}  // namespace tiltas::cli
