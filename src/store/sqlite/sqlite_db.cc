#include "store/sqlite/sqlite_db.h"

#include <algorithm>
#include <cstdlib>
#include <string>

#include <fmt/format.h>
#include <sqlite3.h>

#include "store/sqlite/sqlite_search.h"

namespace tiltas::store::sqlite {

Result<Connection> Connection::open(const std::string& path, bool create, bool read_only) {
  sqlite3* db = nullptr;
  int flags = SQLITE_OPEN_NOMUTEX;
  flags |= read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
  if (create && !read_only) flags |= SQLITE_OPEN_CREATE;
  int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    sqlite3_close_v2(db);
    return make_error(ErrorCode::kUnavailable, fmt::format("cannot open database {}: {}", path, msg));
  }
  Connection conn(db);
  sqlite3_busy_timeout(db, 10000);
  sqlite3_extended_result_codes(db, 1);
  // Why each pragma: FKs keep children consistent; WAL lets readers run
  // while one writer commits; NORMAL sync is durable per checkpoint under WAL
  // and several times faster than FULL for many small transactions. A 64 MB
  // page cache (a bound, not a reservation; SQLite's default is 2 MB) keeps
  // the indexes an import touches in memory instead of re-reading them for
  // every batch; temporary journals (statement and savepoint journals) in
  // memory rather than in a file written page by page.
  const char* pragmas = read_only ? "PRAGMA foreign_keys=ON;"
                                  : "PRAGMA foreign_keys=ON; PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                                    "PRAGMA cache_size=-65536; PRAGMA temp_store=MEMORY;";
  if (auto s = conn.exec(pragmas); !s) return unexpected(s.error());
  if (auto s = register_search_tokenizer(db); !s) return unexpected(s.error());  // search: FTS5 tokenizer
  return conn;
}

Connection::Connection(Connection&& other) noexcept
    : db_(other.db_),
      cache_(std::move(other.cache_)),
      bulk_(std::move(other.bulk_)),
      bulk_sql_(std::move(other.bulk_sql_)) {
  other.db_ = nullptr;
  other.cache_.clear();
}
Connection& Connection::operator=(Connection&& other) noexcept {
  if (this != &other) {
    finalize_cache();
    sqlite3_close_v2(db_);
    db_ = other.db_;
    cache_ = std::move(other.cache_);
    bulk_ = std::move(other.bulk_);
    bulk_sql_ = std::move(other.bulk_sql_);
    other.db_ = nullptr;
    other.cache_.clear();
  }
  return *this;
}
Connection::~Connection() {
  finalize_cache();
  sqlite3_close_v2(db_);
}

void Connection::finalize_cache() {
  for (auto& [sql, entry] : cache_) sqlite3_finalize(entry.stmt);
  cache_.clear();
}

Result<Statement> Connection::cached(const std::string& sql) {
  auto it = cache_.find(sql);
  if (it == cache_.end()) {
    sqlite3_stmt* stmt = nullptr;
    int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
    if (rc != SQLITE_OK) {
      return internal_error(fmt::format("sqlite: cannot prepare statement: {}", sqlite3_errmsg(db_)));
    }
    Cached entry{stmt, {}};
    for (int i = 1, count = sqlite3_bind_parameter_count(stmt); i <= count; ++i) {
      const char* name = sqlite3_bind_parameter_name(stmt, i);
      if (!name || name[0] != '$') continue;
      int n = std::atoi(name + 1);
      if (n <= 0) continue;
      if (entry.index.size() <= static_cast<std::size_t>(n)) entry.index.resize(n + 1, 0);
      entry.index[n] = i;
    }
    it = cache_.emplace(sql, std::move(entry)).first;
  }
  return Statement(db_, it->second.stmt, false, &it->second.index);
}

std::string Connection::error_message() const { return db_ ? sqlite3_errmsg(db_) : "no connection"; }

Status Connection::exec(std::string_view sql) {
  char* err = nullptr;
  std::string owned(sql);
  int rc = sqlite3_exec(db_, owned.c_str(), nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    std::string msg = err ? err : sqlite3_errstr(rc);
    sqlite3_free(err);
    ErrorCode code = (rc & 0xff) == SQLITE_BUSY ? ErrorCode::kUnavailable : ErrorCode::kInternal;
    return make_error(code, "sqlite: " + msg);
  }
  return ok();
}

Result<Statement> Connection::prepare(std::string_view sql) {
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr);
  if (rc != SQLITE_OK) {
    return internal_error(fmt::format("sqlite: cannot prepare statement: {}", sqlite3_errmsg(db_)));
  }
  return Statement(db_, stmt);
}

RowBatch::Target& RowBatch::target_of(std::string_view target, int columns) {
  for (auto& t : targets_) {
    if (t.target == target) return t;
  }
  targets_.push_back({std::string(target), columns, {}, 0, 0});
  return targets_.back();
}

void RowBatch::mark() {
  for (auto& t : targets_) t.mark = t.rows;
}

void RowBatch::rollback_to_mark() {
  for (auto& t : targets_) {
    t.rows = std::min(t.rows, t.mark);
    t.values.resize(t.rows * static_cast<std::size_t>(t.columns));
  }
}

Status Connection::flush_bulk() {
  if (!bulk_) return ok();
  Status result = ok();
  for (auto& t : bulk_->targets_) {
    // Chunks of 256, 128, ... 1 rows: few statements per table, and at most
    // nine prepared ones (the SQL text names columns, never data).
    std::size_t done = 0;
    for (std::size_t chunk = 256; result && chunk > 0; chunk /= 2) {
      while (result && t.rows - done >= chunk) {
        // The text of each (target, chunk) statement is written once per
        // connection: a batch flushes tens of thousands of rows.
        std::string& sql = bulk_sql_[t.target + '#' + std::to_string(chunk)];
        if (sql.empty()) {
          sql = "INSERT INTO " + t.target + " VALUES ";
          int p = 0;
          for (std::size_t r = 0; r < chunk; ++r) {
            sql += r ? ", (" : "(";
            for (int k = 0; k < t.columns; ++k) sql += fmt::format("{}${}", k ? ", " : "", ++p);
            sql += ')';
          }
        }
        const int n = static_cast<int>(chunk) * t.columns;
        auto st = cached(sql);
        if (!st) {
          result = unexpected(st.error());
          break;
        }
        const std::size_t first = done * static_cast<std::size_t>(t.columns);
        for (int k = 0; k < n; ++k) st->bind(k + 1, t.values[first + static_cast<std::size_t>(k)]);
        result = st->run();
        done += chunk;
      }
    }
    t.values.clear();
    t.rows = t.mark = 0;
  }
  return result;
}

std::int64_t Connection::last_insert_id() const { return sqlite3_last_insert_rowid(db_); }
int Connection::changes() const { return sqlite3_changes(db_); }

Statement::Statement(Statement&& other) noexcept
    : db_(other.db_), stmt_(other.stmt_), owned_(other.owned_), index_(other.index_) {
  other.stmt_ = nullptr;
}
Statement& Statement::operator=(Statement&& other) noexcept {
  if (this != &other) {
    release();
    db_ = other.db_;
    stmt_ = other.stmt_;
    owned_ = other.owned_;
    index_ = other.index_;
    other.stmt_ = nullptr;
  }
  return *this;
}
Statement::~Statement() { release(); }

void Statement::release() {
  if (!stmt_) return;
  if (owned_) {
    sqlite3_finalize(stmt_);
  } else {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
  stmt_ = nullptr;
}

int Statement::index_of(int n) const {
  // "$1" is a named parameter to SQLite; look its index up by name so that
  // a number used twice or out of order still binds correctly.
  if (index_) return n > 0 && static_cast<std::size_t>(n) < index_->size() ? (*index_)[n] : 0;
  char name[16];
  std::snprintf(name, sizeof name, "$%d", n);
  return sqlite3_bind_parameter_index(stmt_, name);
}

Statement& Statement::bind(int n, std::int64_t v) {
  sqlite3_bind_int64(stmt_, index_of(n), v);
  return *this;
}
Statement& Statement::bind(int n, double v) {
  sqlite3_bind_double(stmt_, index_of(n), v);
  return *this;
}
Statement& Statement::bind(int n, std::string_view v) {
  sqlite3_bind_text64(stmt_, index_of(n), v.data(), v.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  return *this;
}
Statement& Statement::bind(int n, const std::optional<std::string>& v) {
  return v ? bind(n, std::string_view(*v)) : bind_null(n);
}
Statement& Statement::bind(int n, const std::optional<std::int64_t>& v) { return v ? bind(n, *v) : bind_null(n); }
Statement& Statement::bind(int n, const RowBatch::Value& v) {
  if (const auto* i = std::get_if<std::int64_t>(&v)) return bind(n, *i);
  if (const auto* d = std::get_if<double>(&v)) return bind(n, *d);
  if (const auto* t = std::get_if<std::string>(&v)) {
    // The batch keeps the text until the statement has run.
    sqlite3_bind_text64(stmt_, index_of(n), t->data(), t->size(), SQLITE_STATIC, SQLITE_UTF8);
    return *this;
  }
  return bind_null(n);
}
Statement& Statement::bind_null(int n) {
  sqlite3_bind_null(stmt_, index_of(n));
  return *this;
}

Result<bool> Statement::step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  std::string msg = sqlite3_errmsg(db_);
  if ((rc & 0xff) == SQLITE_CONSTRAINT && (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY)) {
    return make_error(ErrorCode::kAlreadyExists, "sqlite: " + msg);
  }
  if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED) {
    return make_error(ErrorCode::kUnavailable, "sqlite: database is busy: " + msg);
  }
  return internal_error("sqlite: " + msg);
}

Status Statement::run() {
  for (;;) {
    auto r = step();
    if (!r) return unexpected(r.error());
    if (!*r) break;
  }
  reset();
  return ok();
}

void Statement::reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

bool Statement::is_null(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
std::int64_t Statement::int64(int col) const { return sqlite3_column_int64(stmt_, col); }
double Statement::real(int col) const { return sqlite3_column_double(stmt_, col); }
std::string Statement::text(int col) const {
  const unsigned char* t = sqlite3_column_text(stmt_, col);
  if (!t) return {};
  return std::string(reinterpret_cast<const char*>(t), static_cast<std::size_t>(sqlite3_column_bytes(stmt_, col)));
}
std::optional<std::string> Statement::opt_text(int col) const {
  if (is_null(col)) return std::nullopt;
  return text(col);
}
std::optional<std::int64_t> Statement::opt_int64(int col) const {
  if (is_null(col)) return std::nullopt;
  return int64(col);
}

}  // namespace tiltas::store::sqlite
