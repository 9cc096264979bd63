// tiltas reindex: rebuilds the search index from the stored records in one
// transaction (after an upgrade that changes analysis, or to check it).
#include <chrono>

#include <fmt/format.h>

#include "cli/command.h"

namespace tiltas::cli {

Command reindex_command() {
  return {"reindex", "Rebuild the search index from the stored records", [](CLI::App&, GlobalOptions& global) {
            return std::function<int()>([&global] {
              auto store = open_db(global);
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
