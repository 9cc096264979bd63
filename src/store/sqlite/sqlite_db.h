// A thin RAII layer over sqlite3: a connection and prepared statements with
// parameters bound by number ($1, $2 ...) so that the SQL text is the same as
// PostgreSQL's. Every value goes through binding; SQL is never built from data.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <variant>
#include <vector>

#include "base/error.h"

struct sqlite3;
struct sqlite3_stmt;

namespace tiltas::store::sqlite {

class Statement;

// Rows collected while import_documents writes a batch (SqlStore::child_row,
// the search index's rows), written at the end of the batch with multi-row
// INSERTs, one table after the other: the SQLite counterpart of PostgreSQL's
// COPY batch (store/postgres/pg_connection.h), with the same interface.
// Besides the statements it saves, it keeps FTS5 from writing a segment per
// document: SQLite opens a statement savepoint on every virtual table of the
// transaction for each statement that may abort, and FTS5 (3.40) flushes its
// pending terms to a new segment at every savepoint, so index rows inserted
// among the record's other rows became one small segment each, merged again
// and again. A document's rows are dropped with it when it is rolled back to
// its savepoint (mark / rollback_to_mark).
class RowBatch {
 public:
  using Value = std::variant<std::monostate, std::int64_t, double, std::string>;
  // Appends a row to the INSERT into `target` ("table (col, ...)", a fixed
  // string of the store's code), values in column order: integers, reals,
  // text, and std::optional of those (NULL).
  template <class... V>
  Status add(std::string_view target, const V&... values) {
    Target& t = target_of(target, static_cast<int>(sizeof...(V)));
    (push(t.values, values), ...);
    ++t.rows;
    return ok();
  }
  void mark();
  void rollback_to_mark();

 private:
  friend class Connection;
  struct Target {
    std::string target;
    int columns = 0;
    std::vector<Value> values;
    std::size_t rows = 0, mark = 0;
  };
  Target& target_of(std::string_view target, int columns);
  template <class T>
  static void push(std::vector<Value>& out, const T& v) {
    if constexpr (std::is_same_v<T, std::monostate> || std::is_same_v<T, std::nullopt_t>) {
      out.emplace_back(std::monostate{});
    } else if constexpr (requires { v.has_value(); *v; }) {
      if (v) {
        push(out, *v);
      } else {
        out.emplace_back(std::monostate{});
      }
    } else if constexpr (std::is_integral_v<T>) {
      out.emplace_back(static_cast<std::int64_t>(v));
    } else if constexpr (std::is_floating_point_v<T>) {
      out.emplace_back(static_cast<double>(v));
    } else {
      out.emplace_back(std::string(std::string_view(v)));
    }
  }
  std::vector<Target> targets_;
};

class Connection {
 public:
  // Opens (creating if `create`) the database file with foreign keys on,
  // WAL journaling and a busy timeout.
  static Result<Connection> open(const std::string& path, bool create, bool read_only);
  Connection(Connection&& other) noexcept;
  Connection& operator=(Connection&& other) noexcept;
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  ~Connection();

  Status exec(std::string_view sql);  // statements without parameters or results
  Result<Statement> prepare(std::string_view sql);
  // A statement compiled once per connection and reused: the returned
  // handle resets it (and clears its bindings) when it dies. Not reentrant
  // for the same SQL text.
  Result<Statement> cached(const std::string& sql);
  std::int64_t last_insert_id() const;
  int changes() const;
  std::string error_message() const;

  // Row batches (RowBatch): while one is open, bulk() collects rows;
  // flush_bulk() inserts them and empties the batch (also when it fails: the
  // caller then rolls back); end_bulk() drops what was not inserted.
  RowBatch* bulk() { return bulk_.get(); }
  void begin_bulk() { bulk_ = std::make_unique<RowBatch>(); }
  Status flush_bulk();
  void end_bulk() { bulk_.reset(); }

 private:
  explicit Connection(sqlite3* db) : db_(db) {}
  void finalize_cache();
  sqlite3* db_ = nullptr;
  struct Cached {
    sqlite3_stmt* stmt = nullptr;
    // SQLite's parameter index of $n at [n] (0: not used): names are looked
    // up once here rather than at every bind.
    std::vector<int> index;
  };
  std::unordered_map<std::string, Cached> cache_;
  std::unique_ptr<RowBatch> bulk_;
  std::unordered_map<std::string, std::string> bulk_sql_;  // "target#rows" -> its multi-row INSERT
};

class Statement {
 public:
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  // Binds $n (1-based). Binding std::nullopt binds NULL.
  Statement& bind(int n, std::int64_t v);
  Statement& bind(int n, double v);
  Statement& bind(int n, std::string_view v);
  Statement& bind(int n, const std::string& v) { return bind(n, std::string_view(v)); }
  Statement& bind(int n, const char* v) { return bind(n, std::string_view(v)); }
  Statement& bind(int n, const std::optional<std::string>& v);
  Statement& bind(int n, const std::optional<std::int64_t>& v);
  Statement& bind_null(int n);
  Statement& bind(int n, const RowBatch::Value& v);

  // Advances; true while a row is available. Errors map to kInternal /
  // kAlreadyExists (unique constraint) / kUnavailable (busy).
  Result<bool> step();
  // Runs to completion, ignoring rows.
  Status run();
  void reset();

  bool is_null(int col) const;
  std::int64_t int64(int col) const;
  double real(int col) const;
  std::string text(int col) const;
  std::optional<std::string> opt_text(int col) const;
  std::optional<std::int64_t> opt_int64(int col) const;

 private:
  friend class Connection;
  Statement(sqlite3* db, sqlite3_stmt* stmt, bool owned = true, const std::vector<int>* index = nullptr)
      : db_(db), stmt_(stmt), owned_(owned), index_(index) {}
  int index_of(int n) const;
  void release();
  sqlite3* db_ = nullptr;
  sqlite3_stmt* stmt_ = nullptr;
  bool owned_ = true;                      // false: the connection's cache owns it
  const std::vector<int>* index_ = nullptr;  // the cache's index of parameters, if cached
};

}  // namespace tiltas::store::sqlite
