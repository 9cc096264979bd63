// tiltas reindex: rebuilds the search index from the stored records in one
// transaction (after an upgrade that changes analysis, or to check it);
// with --engine, first sets the SQLite registry's search engine.
#include <chrono>
#include <memory>
#include <string>

#include <fmt/format.h>

#include "cli/command.h"

namespace tiltas::cli {

Command reindex_command() {
  return {"reindex", "Rebuild the search index from the stored records", [](CLI::App& app, GlobalOptions& global) {
            auto engine = std::make_shared<std::string>();
            app.add_option("--engine", *engine,
                           "SQLite only: search with this engine from now on (fts5 or xapian; decision 0003)")
                ->check(CLI::IsMember({"fts5", "xapian"}));
            return std::function<int()>([&global, engine] {
              GlobalOptions options = global;
              if (!engine->empty()) {
                if (options.db.starts_with("postgres")) {
                  return fail(Error{ErrorCode::kInvalidArgument,
                                    "--engine: a PostgreSQL registry searches with PostgreSQL", "engine"});
                }
                // The registry keeps the setting (store/sqlite/sqlite_store.h).
                options.db += "?search=" + *engine;
              }
              auto store = open_db(options);
              if (!store) return fail(store.error());
              auto start = std::chrono::steady_clock::now();
              auto n = (*store)->reindex();
              if (!n) return fail(n.error());
              double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
              fmt::print("indexed {} records in {:.1f} s\n", *n, s);
              return 0;
            });
          }};
}

}  // namespace tiltas::cli
