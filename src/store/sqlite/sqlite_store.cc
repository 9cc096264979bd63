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
#include "store/sqlite/xapian_search.h"

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

  // The search index: FTS5 (store/sqlite/sqlite_search.h), or Xapian fed
  // by a change log (store/sqlite/xapian_search.h) when the registry is set
  // to it; the index of the running call is sqlite::current_xapian().
  static Status index_project(Connection& c, const model::Project& p) {
    if (sqlite::current_xapian()) return sqlite::log_index_project(c, p);
    return sqlite::index_project(c, p);
  }
  static Status index_new_project(Connection& c, const model::Project& p, const AnalysedRecord& a) {
    if (sqlite::current_xapian()) return sqlite::log_index_new_project(c, p, a);
    return sqlite::index_new_project(c, p, a);
  }
  static Status clear_search_index(Connection& c) {
    if (sqlite::current_xapian()) return sqlite::log_clear_search_index(c);
    if (auto s = sqlite::clear_search_index(c); !s) return s;
    return c.exec("DELETE FROM search_settings WHERE name = 'fts5_stale'");  // rebuilt in this transaction
  }
  static Result<search::SearchResult> search(Connection& c, const search::SearchRequest& r) {
    if (auto* x = sqlite::current_xapian()) return x->search(c, r);
    if (auto s = check_fts5(c); !s) return unexpected(s.error());
    return sqlite::search(c, r);
  }
  static Result<std::vector<search::Suggestion>> suggest(Connection& c, std::string_view prefix, int limit,
                                                         bool include_drafts) {
    return sqlite::suggest(c, prefix, limit, include_drafts);
  }
  static Result<std::vector<search::Match>> find_matches(Connection& c, const search::SearchQuery& q,
                                                         bool include_drafts, model::Id after_id, int limit) {
    if (auto* x = sqlite::current_xapian()) return x->find_matches(c, q, include_drafts, after_id, limit);
    if (auto s = check_fts5(c); !s) return unexpected(s.error());
    return sqlite::find_matches(c, q, include_drafts, after_id, limit);
  }
  static Status check_fts5(Connection& c) {
    auto stale = sqlite::fts5_stale(c);
    if (!stale) return unexpected(stale.error());
    if (*stale) {
      return unexpected(Error{ErrorCode::kFailedPrecondition,
                              "the FTS5 search index is out of date since the registry used Xapian: run tiltas "
                              "reindex",
                              ""});
    }
    return ok();
  }

  // `xapian` holds the registry's Xapian index once open_sqlite_store has
  // set it up (empty for FTS5); shared with open_sqlite_store, which fills
  // it after the migrations.
  struct Engine {
    std::unique_ptr<sqlite::XapianIndex> xapian;
  };
  SqliteBackend(std::string path, Connection connection, std::shared_ptr<Engine> engine)
      : path_(std::move(path)),
        mutex_(std::make_unique<std::mutex>()),
        connection_(std::move(connection)),
        side_(std::make_unique<Side>()),
        engine_(std::move(engine)) {}

  template <class F>
  auto read(F&& f) {
    std::lock_guard lock(*mutex_);
    sqlite::XapianScope scope(engine_->xapian.get());
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
    sqlite::XapianIndex* xapian = engine_->xapian.get();
    sqlite::XapianScope scope(xapian);
    Transaction tx(connection_);
    if (auto s = tx.begin(); !s) return unexpected(s.error());
    if (xapian) {
      if (auto s = xapian->prune(connection_); !s) return unexpected(s.error());
    }
    auto result = f(connection_);
    if (!result) return result;  // the transaction rolls back
    if (auto s = tx.commit(); !s) return unexpected(s.error());
    if (xapian) {
      // The records are committed; the index follows. A failure here loses
      // nothing: the change log keeps the rows for the next catch-up (the
      // next write, search or open).
      if (auto s = xapian->catch_up(connection_); !s) {
        fmt::print(stderr, "tiltas: the search index is behind the registry: {}\n", s.error().message);
      }
    }
    return result;
  }

  const std::string& name() const { return path_; }
  std::string describe() const {
    return fmt::format("sqlite {} ({}){}", sqlite3_libversion(), path_,
                       engine_->xapian ? ", search: xapian" : "");
  }

 private:
  std::string path_;
  std::unique_ptr<std::mutex> mutex_;  // a pointer: the backend is moved into the store
  Connection connection_;
  struct Side {
    std::mutex mutex;
    std::optional<Connection> connection;  // opened at first use
  };
  std::unique_ptr<Side> side_;  // read_beside_writer's connection
  std::shared_ptr<Engine> engine_;
};

}  // namespace

Result<std::unique_ptr<Store>> open_sqlite_store(const std::string& location) {
  // "PATH?search=xapian" (or fts5) sets the registry's search engine.
  std::string path = location;
  std::optional<sqlite::SearchEngine> engine_option;
  if (auto q = path.rfind("?search="); q != std::string::npos) {
    engine_option = sqlite::parse_search_engine(std::string_view(path).substr(q + 8));
    if (!engine_option) {
      return invalid_argument(fmt::format("unknown search engine '{}': fts5 or xapian", path.substr(q + 8)), "db");
    }
    path.resize(q);
  }
  const bool in_memory = path.empty() || path == ":memory:" || path.starts_with("file:");
  if (in_memory && engine_option == sqlite::SearchEngine::kXapian) {
    return invalid_argument("the Xapian search engine needs a database file (its index lives beside it)", "db");
  }
  std::error_code ec;
  auto parent = std::filesystem::path(path).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  auto conn = Connection::open(path, true, false);
  if (!conn) return unexpected(conn.error());
  auto engine = std::make_shared<SqliteBackend::Engine>();
  auto store = std::make_unique<sql::SqlStore<SqliteBackend>>(SqliteBackend(path, std::move(*conn), engine));
  if (auto s = store->migrate(); !s) return unexpected(s.error());
  if (in_memory) return std::unique_ptr<Store>(std::move(store));
  if (engine_option) {
    if (auto s = sqlite::switch_search_engine(path, *engine_option); !s) return unexpected(s.error());
  }
  // The engine and the replay of what the last process left unapplied, on
  // a connection of this setup's own.
  auto setup = Connection::open(path, false, false);
  if (!setup) return unexpected(setup.error());
  auto stored = sqlite::stored_search_engine(*setup);
  if (!stored) return unexpected(stored.error());
  if (*stored == sqlite::SearchEngine::kXapian) {
    auto index = sqlite::XapianIndex::open(path + ".xapian");
    if (!index) return unexpected(index.error());
    if (auto s = (*index)->catch_up(*setup); !s) return unexpected(s.error());
    engine->xapian = std::move(*index);
  }
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace tiltas::store
