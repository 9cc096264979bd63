#include <fmt/format.h>

#include "cli/command.h"

namespace tiltas::cli {

Command init_command() {
  return {"init", "Create the database (or bring its schema up to date)", [](CLI::App& app, GlobalOptions& global) {
            app.footer("Safe to run on an existing database: only pending migrations are applied.");
            return std::function<int()>([&global] {
              auto store = open_db(global);
              if (!store) return fail(store.error());
              auto counts = (*store)->counts();
              if (!counts) return fail(counts.error());
              fmt::print("{}: ready ({} projects, {} published)\n", (*store)->describe(), counts->projects,
                         counts->published);
              return 0;
            });
          }};
}

}  // namespace tiltas::cli
