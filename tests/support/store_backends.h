// The backends every store-level suite runs on (the store contract, the
// search contract): SQLite always, PostgreSQL whenever a server is there
// (TILTAS_TEST_POSTGRES_URL, else the server the ctest fixture started).
// A suite instantiates itself with ::testing::ValuesIn(store_backends()); the
// search contract with search_backends() (also SQLite with Xapian).
#pragma once

#include <functional>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "store/store.h"
#include "support/postgres_test_db.h"
#include "support/temp_dir.h"

namespace tiltas::testing {

struct StoreBackend {
  std::string name;
  // Returns a fresh, empty store, or nullptr with a skip reason.
  std::function<std::unique_ptr<store::Store>(TempDir&, std::string& skip)> open;
};

// Names the backend in test output instead of dumping its bytes.
inline void PrintTo(const StoreBackend& b, std::ostream* os) { *os << b.name; }

inline std::vector<StoreBackend> store_backends() {
  return {
      {"sqlite",
       [](TempDir& dir, std::string&) -> std::unique_ptr<store::Store> {
         auto s = store::open_store("sqlite:" + dir.file("registry.db"));
         EXPECT_TRUE(s) << s.error().message;
         return s ? std::move(*s) : nullptr;
       }},
      {"postgres",
       [](TempDir&, std::string& skip) -> std::unique_ptr<store::Store> {
         // Each test gets a fresh database on the server.
         auto server = postgres_test_url(skip);
         if (!server) return nullptr;
         auto url = fresh_postgres_database(*server);
         if (!url) {
           ADD_FAILURE() << url.error().message;
           skip = "no test database";
           return nullptr;
         }
         auto s = store::open_store(*url);
         EXPECT_TRUE(s) << s.error().message;
         if (!s) skip = "cannot open the PostgreSQL store";
         return s ? std::move(*s) : nullptr;
       }},
  };
}

// The search contract's backends: store_backends() and SQLite with its
// Xapian engine (store/sqlite/xapian_search.h), which only search differs in.
inline std::vector<StoreBackend> search_backends() {
  auto out = store_backends();
  out.push_back({"sqlite_xapian", [](TempDir& dir, std::string&) -> std::unique_ptr<store::Store> {
                   auto s = store::open_store("sqlite:" + dir.file("registry.db") + "?search=xapian");
                   EXPECT_TRUE(s) << s.error().message;
                   return s ? std::move(*s) : nullptr;
                 }});
  return out;
}

}  // namespace tiltas::testing
