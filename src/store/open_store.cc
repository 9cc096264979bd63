#include <fmt/format.h>

#include "store/postgres/postgres_store.h"
#include "store/sqlite/sqlite_store.h"
#include "store/store.h"

namespace tiltas::store {

std::string_view to_string(DocumentOutcome outcome) {
  switch (outcome) {
    case DocumentOutcome::kNew: return "new";
    case DocumentOutcome::kUnchanged: return "unchanged";
    case DocumentOutcome::kChanged: return "changed";
  }
  return "new";
}

Result<std::unique_ptr<Store>> open_store(std::string_view url) {
  auto starts = [&](std::string_view p) { return url.substr(0, p.size()) == p; };
  if (starts("postgresql://") || starts("postgres://")) {
    return open_postgres_store(std::string(url));
  }
  std::string_view path = url;
  if (starts("sqlite:")) path.remove_prefix(7);
  else if (starts("file:")) path.remove_prefix(5);
  if (path.empty()) return invalid_argument("empty database path", "db");
  return open_sqlite_store(std::string(path));
}

}  // namespace tiltas::store
