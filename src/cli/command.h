// What every subcommand shares: the global options and how a command is
// declared. The table of commands lives in main.cc.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include <CLI/CLI.hpp>

#include "base/error.h"
#include "store/store.h"

namespace tiltas::cli {

struct GlobalOptions {
  std::string db = "data/tiltas.db";  // path or URL, see store::open_store
  bool verbose = false;
};

// One subcommand: `setup` adds its options to `app` and returns the function
// that runs it once parsed (exit code).
struct Command {
  const char* name;
  const char* summary;
  std::function<std::function<int()>(CLI::App& app, GlobalOptions& global)> setup;
};

// Exit code for an error, one per ErrorCode (see error_exit_code.cc).
int exit_code(ErrorCode code);
// Prints "tiltas: <message>" to stderr and returns exit_code(error.code).
int fail(const Error& error);
// Opens the store named by --db, or prints why not.
Result<std::unique_ptr<store::Store>> open_db(const GlobalOptions& global);

// The subcommands, one file each.
Command init_command();
Command import_command();
Command list_command();
Command show_command();
Command publish_command();
Command export_command();
Command serve_command();
Command extract_command();
Command search_command();
Command reindex_command();
Command token_command();
Command user_command();
Command migrate_command();

}  // namespace tiltas::cli
