// A thin RAII layer over libpq with the API of store/sqlite/sqlite_db.h, so
// that sql::SqlStore runs the same statements on both: a connection with
// prepared statements cached per connection, and statements whose $n
// parameters are sent separately from the SQL in text format. SQL is never
// built from data.
//
// Not thread-safe: a Connection is used by one thread at a time (the pool in
// connection_pool.h hands each to one user).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/error.h"

struct pg_conn;
struct pg_result;

namespace tiltas::store::postgres {

class Statement;

class Connection {
 public:
  // Connects to `conninfo` (a postgresql:// URL or "key=value" string) with
  // client_encoding UTF8. kUnavailable with the server's message when the
  // server cannot be reached or refuses; the message names the server by
  // redact_conninfo() and never contains the password.
  static Result<Connection> open(const std::string& conninfo);
  Connection(Connection&& other) noexcept;
  Connection& operator=(Connection&& other) noexcept;
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  ~Connection();

  // Statements without parameters or results (DDL, BEGIN, COMMIT).
  Status exec(std::string_view sql);
  // A statement whose SQL is prepared on this connection the first time it
  // runs with a given set of parameter types, and reused after.
  Result<Statement> cached(const std::string& sql);
  // Rows changed by the last statement run.
  std::int64_t changes() const { return changes_; }
  // The connection is lost (server restart, network, terminated backend):
  // the pool replaces it.
  bool broken() const;
  // Inside a transaction block (open or failed).
  bool in_transaction() const;
  // "15.18"
  std::string server_version() const;

 private:
  friend class Statement;
  Connection(pg_conn* conn, std::string secret) : conn_(conn), secret_(std::move(secret)) {}
  Error error_from(pg_result* result, std::string_view what) const;
  std::string scrub(std::string message) const;

  pg_conn* conn_ = nullptr;
  std::string secret_;  // the password, scrubbed from every message
  // SQL -> number of its $n parameters.
  std::unordered_map<std::string, int> parameter_counts_;
  // parameter types + SQL -> prepared statement name.
  std::unordered_map<std::string, std::string> prepared_;
  std::int64_t changes_ = 0;
};

class Statement {
 public:
  Statement(Statement&&) noexcept = default;
  Statement& operator=(Statement&&) noexcept = default;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  // Binds $n (1-based). Binding std::nullopt binds NULL. Parameters left
  // unbound are NULL.
  Statement& bind(int n, std::int64_t v);
  Statement& bind(int n, double v);
  Statement& bind(int n, std::string_view v);
  Statement& bind(int n, const std::string& v) { return bind(n, std::string_view(v)); }
  Statement& bind(int n, const char* v) { return bind(n, std::string_view(v)); }
  Statement& bind(int n, const std::optional<std::string>& v);
  Statement& bind(int n, const std::optional<std::int64_t>& v);
  Statement& bind_null(int n);

  // Runs the statement on the first call, then advances; true while a row is
  // available. Errors: kAlreadyExists (unique violation, SQLSTATE 23505),
  // kUnavailable (connection lost, server shutting down, serialization
  // failure or deadlock: worth retrying), kInvalidArgument (text with a NUL
  // byte, which PostgreSQL cannot store), kInternal (anything else).
  Result<bool> step();
  // Runs to completion, ignoring rows.
  Status run();
  // Forgets the result and the bindings.
  void reset();

  bool is_null(int col) const;
  std::int64_t int64(int col) const;
  double real(int col) const;
  std::string text(int col) const;
  std::optional<std::string> opt_text(int col) const;
  std::optional<std::int64_t> opt_int64(int col) const;

 private:
  friend class Connection;
  struct ResultDeleter {
    void operator()(pg_result* r) const;
  };
  Statement(Connection* conn, const std::string* sql, int parameter_count);
  void set(int n, std::optional<std::string> value, unsigned type);
  const char* value(int col) const;

  Connection* conn_ = nullptr;
  const std::string* sql_ = nullptr;  // owned by the connection's cache
  std::vector<std::optional<std::string>> values_;
  std::vector<unsigned> types_;  // Oids; 0 lets the server infer
  std::optional<Error> bind_error_;
  std::unique_ptr<pg_result, ResultDeleter> result_;
  int row_ = -1;
  int rows_ = 0;
};

// `conninfo` with its password replaced by "***": the only form of a
// connection string that may be logged, printed or put in an error.
// Handles postgresql:// and postgres:// URLs (user:password@ and
// ?password=) and "key=value" strings.
std::string redact_conninfo(std::string_view conninfo);

}  // namespace tiltas::store::postgres
