// The PostgreSQL server the store tests run against, and a fresh database on
// it for each test. The server is TILTAS_TEST_POSTGRES_URL when set, else the
// one tests/support/start_postgres.sh started for this ctest run (the CTest
// fixture "postgres" writes its URL to the file TILTAS_TEST_POSTGRES_URL_FILE
// names: environment variables do not pass between CTest tests).
//
// Each fresh database is named tiltas_test_<pid>_<n> and dropped when the
// test program's tests are over.
#pragma once

#include <cstdlib>
#include <fstream>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include "store/postgres/postgres_store.h"

namespace tiltas::testing {

// The server's URL, or std::nullopt with the reason to skip in `why`.
inline std::optional<std::string> postgres_test_url(std::string& why) {
  if (const char* url = std::getenv("TILTAS_TEST_POSTGRES_URL"); url && *url) return std::string(url);
  const char* file = std::getenv("TILTAS_TEST_POSTGRES_URL_FILE");
  if (!file || !*file) {
    why =
        "no PostgreSQL server to test against: set TILTAS_TEST_POSTGRES_URL, or run the tests through ctest, "
        "whose fixture starts one";
    return std::nullopt;
  }
  std::string path(file);
  std::string url;
  if (std::ifstream in(path); in && std::getline(in, url) && !url.empty()) return url;
  std::string skip_reason;
  if (std::ifstream in(path.substr(0, path.rfind('/') + 1) + "skip"); in && std::getline(in, skip_reason)) {
    why = skip_reason;
  } else {
    why = "no PostgreSQL server to test against: the ctest fixture wrote no URL to " + path;
  }
  return std::nullopt;
}

namespace detail {
// The databases this program created, dropped when the tests are over: in a
// GoogleTest environment's TearDown, because at static destruction OpenSSL,
// which libpq uses to connect, is already torn down.
class CreatedPostgresDatabases : public ::testing::Environment {
 public:
  void add(const std::string& server, const std::string& name) {
    std::lock_guard lock(mutex_);
    server_ = server;
    names_.push_back(name);
  }
  std::size_t count() {
    std::lock_guard lock(mutex_);
    return names_.size();
  }
  void TearDown() override {
    std::lock_guard lock(mutex_);
    for (const auto& name : names_) (void)store::drop_postgres_database(server_, name);
    names_.clear();
  }

 private:
  std::mutex mutex_;
  std::string server_;
  std::vector<std::string> names_;
};
inline CreatedPostgresDatabases* const created_postgres_databases = [] {
  auto* created = new CreatedPostgresDatabases;  // owned by GoogleTest
  ::testing::AddGlobalTestEnvironment(created);
  return created;
}();
}  // namespace detail

// Creates an empty database on `server` (a postgres_test_url()) and
// returns its URL.
inline Result<std::string> fresh_postgres_database(const std::string& server) {
  static std::mutex naming;
  std::lock_guard lock(naming);
  auto* created = detail::created_postgres_databases;
  std::string name = fmt::format("tiltas_test_{}_{}", ::getpid(), created->count() + 1);
  auto url = store::create_postgres_database(server, name);
  if (url) created->add(server, name);
  return url;
}

}  // namespace tiltas::testing
