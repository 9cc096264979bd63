#include "store/sqlite/sqlite_store.h"

#include <filesystem>
#include <mutex>
#include <optional>
#include <string_view>
#include <utility>

#include <fmt/format.h>
#include <sqlite3.h>

#include "store/sql_store.h"
#include "store/sqlite/sqlite_db.h"
#include "store/sqlite/sqlite_index_write.h"
#include "store/sqlite/sqlite_search.h"

namespace tiltas::store {
namespace {

using sqlite::Connection;

// A transaction that rolls back unless committed.
class Transaction {
 public:
  explicit Transaction(Connection& c) : c_(c) {}
  Status begin() {
    auto s = c_.exec("BEGIN IMMEDIATE");
    active_ = s.has_value();
    return s;
  }
  Status commit() {
    auto s = c_.exec("COMMIT");
    if (s) active_ = false;
    return s;
  }
  ~Transaction() {
    if (active_) (void)c_.exec("ROLLBACK");
  }

 private:
  Connection& c_;
  bool active_ = false;
};

// The embedded backend of sql::SqlStore: one connection, serialised by a
// mutex. Reads are short; a pool of read connections (WAL allows them) is the
// API issue's measured optimisation. Writes take SQLite's write lock at BEGIN
// (IMMEDIATE), so another process writing the same file waits for it (busy
// timeout) instead of failing half-way.
class SqliteBackend {
 public:
  using Connection = sqlite::Connection;
  static constexpr std::string_view kIdType = "INTEGER PRIMARY KEY";
  static constexpr std::string_view kBlobType = "BLOB";
  static inline const std::string_view kSearchSchema = sqlite::kSearchSchema;
  // import_documents writes a batch without savepoints first (decision 0004).
  static constexpr bool kBatchWithoutSavepoints = true;

  // The search index (store/sqlite/sqlite_search.h).
  static Status index_project(Connection& c, const model::Project& p) { return sqlite::index_project(c, p); }
  static Status index_new_project(Connection& c, const model::Project& p, const AnalysedRecord& a) {
    return sqlite::index_new_project(c, p, a);
  }
  static Status clear_search_index(Connection& c) { return sqlite::clear_search_index(c); }
  static Result<search::SearchResult> search(Connection& c, const search::SearchRequest& r) {
    return sqlite::search(c, r);
  }
  static Result<std::vector<search::Suggestion>> suggest(Connection& c, std::string_view prefix, int limit,
                                                         bool include_drafts) {
    return sqlite::suggest(c, prefix, limit, include_drafts);
  }
  static Result<std::vector<search::Match>> find_matches(Connection& c, const search::SearchQuery& q,
                                                         bool include_drafts, model::Id after_id, int limit) {
    return sqlite::find_matches(c, q, include_drafts, after_id, limit);
  }

  SqliteBackend(std::string path, Connection connection)
      : path_(std::move(path)),
        mutex_(std::make_unique<std::mutex>()),
        connection_(std::move(connection)),
        side_(std::make_unique<Side>()) {}

  template <class F>
  auto read(F&& f) {
    std::lock_guard lock(*mutex_);
    return f(connection_);
  }

  // A read that need not wait for this process's writer: on a connection
  // of its own, which sees the last commit while a write transaction runs
  // (WAL). For the import's workers, which look up each file's content hash
  // while the writer commits the batch before. An in-memory database has
  // one connection only: there it is read().
  template <class F>
  auto read_beside_writer(F&& f) {
    if (path_.empty() || path_ == ":memory:" || path_.starts_with("file:")) return read(std::forward<F>(f));
    std::lock_guard lock(side_->mutex);
    if (!side_->connection) {
      auto conn = Connection::open(path_, false, false);
      if (!conn) return read(std::forward<F>(f));
      side_->connection.emplace(std::move(*conn));
    }
    return f(*side_->connection);
  }

  template <class F>
  auto write(F&& f) -> decltype(f(std::declval<Connection&>())) {
    std::lock_guard lock(*mutex_);
    Transaction tx(connection_);
    if (auto s = tx.begin(); !s) return unexpected(s.error());
    auto result = f(connection_);
    if (!result) return result;  // the transaction rolls back
    if (auto s = tx.commit(); !s) return unexpected(s.error());
    return result;
  }

  const std::string& name() const { return path_; }
  std::string describe() const { return fmt::format("sqlite {} ({})", sqlite3_libversion(), path_); }

 private:
  std::string path_;
  std::unique_ptr<std::mutex> mutex_;  // a pointer: the backend is moved into the store
  Connection connection_;
  struct Side {
    std::mutex mutex;
    std::optional<Connection> connection;  // opened at first use
  };
  std::unique_ptr<Side> side_;  // read_beside_writer's connection
};

}  // namespace

Result<std::unique_ptr<Store>> open_sqlite_store(const std::string& path) {
  std::error_code ec;
  auto parent = std::filesystem::path(path).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  auto conn = Connection::open(path, true, false);
  if (!conn) return unexpected(conn.error());
  auto store = std::make_unique<sql::SqlStore<SqliteBackend>>(SqliteBackend(path, std::move(*conn)));
  if (auto s = store->migrate(); !s) return unexpected(s.error());
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace tiltas::store
