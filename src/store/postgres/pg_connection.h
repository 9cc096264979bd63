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

// Rows collected for COPY ... FROM STDIN (text format) while
// import_documents writes a batch: the child rows that nothing reads back
// during an import go to the server in one COPY per table at the end of the
// batch instead of one INSERT round trip each (see SqlStore::child_row).
// A document's rows are dropped with it when it is rolled back to its
// savepoint (mark / rollback_to_mark), so each document stays whole or
// absent.
class CopyBatch {
 public:
  // Appends a row to the COPY into `target` ("table (col, ...)"), values in
  // column order: integers, reals, text, and std::optional of those (NULL).
  // kInvalidArgument for text PostgreSQL would refuse (a NUL byte, invalid
  // UTF-8), as the same value bound to an INSERT would be.
  template <class... V>
  Status add(std::string_view target, const V&... values) {
    std::string& out = buffer(target);
    const std::size_t before = out.size();
    bool first = true;
    bool good = true;
    ((good = good && append(out, values, first)), ...);
    if (!good) {
      out.resize(before);
      return invalid_text();
    }
    out += '\n';
    ++rows_;
    return ok();
  }
  // A row of values already in PostgreSQL's text input form (NULL as
  // std::nullopt), for copying rows between databases.
  Status add_text_row(std::string_view target, const std::vector<std::optional<std::string>>& values);
  void mark();
  void rollback_to_mark();
  std::size_t rows() const { return rows_; }
  std::size_t bytes() const;

 private:
  friend class Connection;
  std::string& buffer(std::string_view target);
  static Status invalid_text();
  static void separator(std::string& out, bool& first) {
    if (!first) out += '\t';
    first = false;
  }
  static bool append(std::string& out, std::int64_t v, bool& first);
  static bool append(std::string& out, int v, bool& first) { return append(out, std::int64_t{v}, first); }
  static bool append(std::string& out, double v, bool& first);
  static bool append(std::string& out, std::string_view v, bool& first);
  static bool append(std::string& out, const std::string& v, bool& first) {
    return append(out, std::string_view(v), first);
  }
  template <class T>
  static bool append(std::string& out, const std::optional<T>& v, bool& first) {
    if (v) return append(out, *v, first);
    separator(out, first);
    out += "\\N";
    return true;
  }

  struct Target {
    std::string target;
    std::string rows;
    std::size_t mark = 0;
  };
  std::vector<Target> targets_;  // few: a linear search
  std::size_t rows_ = 0;
  std::size_t rows_at_mark_ = 0;
};

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

  // COPY batches (CopyBatch): while one is open, bulk() collects rows;
  // flush_bulk() sends them (one COPY per table) and empties the batch;
  // end_bulk() drops what was not sent. While one is open,
  // Statement::run_later() also pipelines statements (see there).
  CopyBatch* bulk() { return bulk_.get(); }
  void begin_bulk() { bulk_ = std::make_unique<CopyBatch>(); }
  Status flush_bulk();
  void end_bulk() { bulk_.reset(); }

  // Waits for the statements run_later() sent and not yet answered, and
  // returns the first one's error. Every other call that talks to the
  // server settles first, so statements always run in the order the code
  // wrote them; exec("ROLLBACK") rolls back even when a pipelined
  // statement failed.
  Status settle();

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
  std::unique_ptr<CopyBatch> bulk_;
  int pending_ = 0;  // statements sent in pipeline mode, results not yet read
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
  // Like run(), but while the connection has a COPY batch open (an import's
  // writes) the statement is only sent, in libpq's pipeline mode, and its
  // outcome arrives with the next call that reads from the server
  // (Connection::settle): an import writes a few dozen rows per document
  // whose results it never reads, and waiting a round trip for each made
  // the server idle most of the time. Its error, if any, is then reported
  // by that later call, and changes() does not count it. Without a batch,
  // run().
  Status run_later();
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
  // The server-side name of this SQL with the bound parameter types,
  // preparing it first when new (outside pipeline mode).
  Result<std::string> prepared_name();
  std::vector<const char*> parameters() const;
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
