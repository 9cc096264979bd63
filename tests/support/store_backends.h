// The backends every store-level suite runs on (the store contract, the
// search contract): SQLite always, PostgreSQL whenever a server is there
// (TILTAS_TEST_POSTGRES_URL, else the server the ctest fixture started).
// A suite instantiates itself with ::testing::ValuesIn(store_backends()).
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

}  // namespace tiltas::testing
