// tiltas: the registry's command line. This file only declares the table of
// subcommands and dispatches; each subcommand lives in its own file.
#include <cstdio>
#include <exception>

#include <fmt/format.h>

#include "cli/command.h"

int main(int argc, char** argv) {
  using namespace tiltas::cli;
  const Command kCommands[] = {
      init_command(),    import_command(), list_command(),  show_command(),
      publish_command(), export_command(), serve_command(), extract_command(), token_command(),
      search_command(),  reindex_command(), user_command(), migrate_command(),
  };
  try {
    CLI::App app{"Tiltas: a registry of cross-border cooperation projects, read from their web pages"};
    app.require_subcommand(1);
    GlobalOptions global;
    app.add_option("--db", global.db, "Database: a SQLite file path (default data/tiltas.db)")->capture_default_str();
    std::function<int()> run;
    for (const auto& command : kCommands) {
      CLI::App* sub = app.add_subcommand(command.name, command.summary);
      auto runner = command.setup(*sub, global);
      sub->callback([&run, runner] { run = runner; });
    }
    CLI11_PARSE(app, argc, argv);
    return run ? run() : 0;
  } catch (const std::exception& e) {
    // The one catch-all of the command line: report, never crash silently.
    fmt::print(stderr, "tiltas: internal error: {}\n", e.what());
    return 70;
  }
}
