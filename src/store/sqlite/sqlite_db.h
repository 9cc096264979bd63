// A thin RAII layer over sqlite3: a connection and prepared statements with
// parameters bound by number ($1, $2 ...) so that the SQL text is the same as
// PostgreSQL's. Every value goes through binding; SQL is never built from data.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "base/error.h"

struct sqlite3;
struct sqlite3_stmt;

namespace tiltas::store::sqlite {

class Statement;

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

 private:
  explicit Connection(sqlite3* db) : db_(db) {}
  void finalize_cache();
  sqlite3* db_ = nullptr;
  std::unordered_map<std::string, sqlite3_stmt*> cache_;
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
  Statement(sqlite3* db, sqlite3_stmt* stmt, bool owned = true) : db_(db), stmt_(stmt), owned_(owned) {}
  int index_of(int n) const;
  void release();
  sqlite3* db_ = nullptr;
  sqlite3_stmt* stmt_ = nullptr;
  bool owned_ = true;  // false: the connection's cache owns it
};

}  // namespace tiltas::store::sqlite
