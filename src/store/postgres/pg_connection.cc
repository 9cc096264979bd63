#include "store/postgres/pg_connection.h"

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <cstring>
#include <string>

#include <fmt/format.h>
#include <libpq-fe.h>

#include "base/text.h"

namespace tiltas::store::postgres {
namespace {

// Parameter type Oids (pg_type.dat); text for strings, so that an operator
// like `$4 || '-99'` has one reading.
constexpr Oid kInt8 = 20;
constexpr Oid kText = 25;
constexpr Oid kFloat8 = 701;

std::string trim(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ' || s.back() == '\r')) s.pop_back();
  return s;
}

void replace_all(std::string& s, std::string_view from, std::string_view to) {
  if (from.empty()) return;
  for (std::size_t pos = s.find(from); pos != std::string::npos; pos = s.find(from, pos + to.size())) {
    s.replace(pos, from.size(), to);
  }
}

// The password a connection string carries, to scrub from messages even if
// a server or library were to echo it.
std::string password_of(const std::string& conninfo) {
  char* err = nullptr;
  PQconninfoOption* options = PQconninfoParse(conninfo.c_str(), &err);
  PQfreemem(err);
  std::string out;
  if (!options) return out;
  for (PQconninfoOption* o = options; o->keyword; ++o) {
    if (std::strcmp(o->keyword, "password") == 0 && o->val) out = o->val;
  }
  PQconninfoFree(options);
  return out;
}

// The number of $n parameters in `sql`: the highest n outside quotes.
int count_parameters(std::string_view sql) {
  int highest = 0;
  char quote = 0;
  for (std::size_t i = 0; i < sql.size(); ++i) {
    char c = sql[i];
    if (quote) {
      if (c == quote) quote = 0;
      continue;
    }
    if (c == '\'' || c == '"') {
      quote = c;
    } else if (c == '$' && i + 1 < sql.size() && sql[i + 1] >= '0' && sql[i + 1] <= '9') {
      int n = 0;
      std::size_t j = i + 1;
      for (; j < sql.size() && sql[j] >= '0' && sql[j] <= '9'; ++j) n = n * 10 + (sql[j] - '0');
      highest = std::max(highest, n);
      i = j - 1;
    }
  }
  return highest;
}

bool is_transient(std::string_view state) {
  // 08: connection exceptions; 57P01-03: the server is shutting down or
  // starting; 53300: too many connections; 40001/40P01: serialization
  // failure, deadlock; 55P03: lock not available.
  return state.substr(0, 2) == "08" || state == "57P01" || state == "57P02" || state == "57P03" || state == "53300" ||
         state == "40001" || state == "40P01" || state == "55P03";
}

void ignore_notice(void*, const char*) {}

}  // namespace

std::string redact_conninfo(std::string_view conninfo) {
  std::string s(conninfo);
  auto starts = [&](std::string_view p) { return s.compare(0, p.size(), p) == 0; };
  if (starts("postgresql://") || starts("postgres://")) {
    // user:password@ ends at the last '@': a password may hold any
    // character, and cutting too much is the safe mistake here.
    std::size_t authority = s.find("://") + 3;
    std::size_t at = s.rfind('@');
    std::size_t rest = authority;
    if (at != std::string::npos && at > authority) {
      std::size_t colon = s.find(':', authority);
      if (colon != std::string::npos && colon < at) {
        s.replace(colon + 1, at - colon - 1, "***");
        at = colon + 4;
      }
      rest = at;
    }
    for (std::size_t query = s.find('?', rest); query != std::string::npos;) {
      std::size_t key = query + 1;
      std::size_t next = s.find('&', key);
      std::size_t stop = next == std::string::npos ? s.size() : next;
      std::size_t eq = s.find('=', key);
      if (eq != std::string::npos && eq < stop && s.compare(key, eq - key, "password") == 0) {
        s.replace(eq + 1, stop - eq - 1, "***");
        stop = eq + 4;
      }
      query = stop < s.size() ? stop : std::string::npos;
    }
    return s;
  }
  // "key = value" pairs; a value may be 'quoted' with \-escapes.
  std::string out;
  std::size_t i = 0;
  while (i < s.size()) {
    std::size_t key_start = i;
    while (i < s.size() && s[i] != '=' && s[i] != ' ') ++i;
    std::string key = s.substr(key_start, i - key_start);
    while (i < s.size() && s[i] == ' ') ++i;
    if (i >= s.size() || s[i] != '=') {
      out.append(s, key_start, i - key_start);
      continue;
    }
    ++i;  // '='
    while (i < s.size() && s[i] == ' ') ++i;
    std::size_t value_start = i;
    if (i < s.size() && s[i] == '\'') {
      for (++i; i < s.size() && s[i] != '\''; ++i) {
        if (s[i] == '\\') ++i;
      }
      if (i < s.size()) ++i;
    } else {
      while (i < s.size() && s[i] != ' ') ++i;
    }
    out += key;
    out += '=';
    out += key == "password" ? std::string("***") : s.substr(value_start, i - value_start);
    while (i < s.size() && s[i] == ' ') ++i;
    if (i < s.size()) out += ' ';
  }
  return out;
}

Result<Connection> Connection::open(const std::string& conninfo) {
  // Keywords before "dbname" are defaults the URL may override; those after
  // it are what Tiltas requires.
  const char* keys[] = {"application_name", "connect_timeout", "dbname", "client_encoding", nullptr};
  const char* values[] = {"tiltas", "10", conninfo.c_str(), "UTF8", nullptr};
  PGconn* conn = PQconnectdbParams(keys, values, 1);
  std::string secret = password_of(conninfo);
  if (!conn) return make_error(ErrorCode::kUnavailable, "cannot connect to PostgreSQL: out of memory");
  if (PQstatus(conn) != CONNECTION_OK) {
    std::string message = trim(PQerrorMessage(conn));
    if (const char* used = PQpass(conn); used && *used) replace_all(message, used, "***");
    replace_all(message, secret, "***");
    PQfinish(conn);
    return make_error(ErrorCode::kUnavailable,
                      fmt::format("cannot connect to PostgreSQL at {}: {}", redact_conninfo(conninfo), message));
  }
  if (const char* used = PQpass(conn); secret.empty() && used) secret = used;
  PQsetNoticeProcessor(conn, ignore_notice, nullptr);
  return Connection(conn, std::move(secret));
}

Connection::Connection(Connection&& other) noexcept
    : conn_(other.conn_),
      secret_(std::move(other.secret_)),
      parameter_counts_(std::move(other.parameter_counts_)),
      prepared_(std::move(other.prepared_)),
      changes_(other.changes_),
      bulk_(std::move(other.bulk_)),
      pending_(other.pending_) {
  other.conn_ = nullptr;
  other.pending_ = 0;
}

Connection& Connection::operator=(Connection&& other) noexcept {
  if (this != &other) {
    if (conn_) PQfinish(conn_);
    conn_ = other.conn_;
    secret_ = std::move(other.secret_);
    parameter_counts_ = std::move(other.parameter_counts_);
    prepared_ = std::move(other.prepared_);
    changes_ = other.changes_;
    bulk_ = std::move(other.bulk_);
    pending_ = other.pending_;
    other.conn_ = nullptr;
    other.pending_ = 0;
  }
  return *this;
}

Connection::~Connection() {
  if (conn_) PQfinish(conn_);
}

bool Connection::broken() const { return !conn_ || PQstatus(conn_) != CONNECTION_OK; }

bool Connection::in_transaction() const { return conn_ && PQtransactionStatus(conn_) != PQTRANS_IDLE; }

std::string Connection::server_version() const {
  int v = conn_ ? PQserverVersion(conn_) : 0;
  return fmt::format("{}.{}", v / 10000, v % 10000);
}

std::string Connection::scrub(std::string message) const {
  replace_all(message, secret_, "***");
  return message;
}

Error Connection::error_from(pg_result* result, std::string_view what) const {
  std::string state;
  std::string message;
  if (result) {
    if (const char* s = PQresultErrorField(result, PG_DIAG_SQLSTATE)) state = s;
    if (const char* m = PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY)) message = m;
    if (const char* d = PQresultErrorField(result, PG_DIAG_MESSAGE_DETAIL)) message += fmt::format(" ({})", d);
    if (message.empty()) message = trim(PQresultErrorMessage(result));
  }
  if (message.empty()) message = trim(conn_ ? PQerrorMessage(conn_) : "no connection");
  message = scrub(fmt::format("postgres: {}: {}", what, message));
  ErrorCode code = ErrorCode::kInternal;
  if (broken() || is_transient(state)) {
    code = ErrorCode::kUnavailable;
  } else if (state == "23505" || state == "42P04") {  // unique_violation, duplicate_database
    code = ErrorCode::kAlreadyExists;
  } else if (state == "22021" || state == "22P05") {
    code = ErrorCode::kInvalidArgument;  // text that is not valid UTF-8
  } else if (state == "25006") {
    // read_only_sql_transaction: a write sent to a streaming replica.
    code = ErrorCode::kFailedPrecondition;
    message += " (this server is a read-only replica: writes go to the primary)";
  }
  return Error{code, std::move(message), {}};
}

Status Connection::exec(std::string_view sql) {
  if (auto s = settle(); !s && !sql.starts_with("ROLLBACK")) return s;
  std::string owned(sql);
  PGresult* r = PQexec(conn_, owned.c_str());
  ExecStatusType status = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    Error e = error_from(r, "statement failed");
    PQclear(r);
    return unexpected(std::move(e));
  }
  PQclear(r);
  return ok();
}

Result<Statement> Connection::cached(const std::string& sql) {
  auto it = parameter_counts_.find(sql);
  if (it == parameter_counts_.end()) it = parameter_counts_.emplace(sql, count_parameters(sql)).first;
  return Statement(this, &it->first, it->second);
}

// ---- COPY batches ------------------------------------------------------------

std::string& CopyBatch::buffer(std::string_view target) {
  for (auto& t : targets_) {
    if (t.target == target) return t.rows;
  }
  targets_.push_back({std::string(target), {}, 0});
  return targets_.back().rows;
}

Status CopyBatch::add_text_row(std::string_view target, const std::vector<std::optional<std::string>>& values) {
  std::string& out = buffer(target);
  const std::size_t before = out.size();
  bool first = true;
  for (const auto& v : values) {
    if (!append(out, v, first)) {
      out.resize(before);
      return invalid_text();
    }
  }
  out += '\n';
  ++rows_;
  return ok();
}

std::size_t CopyBatch::bytes() const {
  std::size_t n = 0;
  for (const auto& t : targets_) n += t.rows.size();
  return n;
}

void CopyBatch::mark() {
  for (auto& t : targets_) t.mark = t.rows.size();
  rows_at_mark_ = rows_;
}

void CopyBatch::rollback_to_mark() {
  for (auto& t : targets_) t.rows.resize(t.mark);
  rows_ = rows_at_mark_;
}

Status CopyBatch::invalid_text() {
  return make_error(ErrorCode::kInvalidArgument,
                    "text with a NUL byte or invalid UTF-8 cannot be stored in PostgreSQL");
}

bool CopyBatch::append(std::string& out, std::int64_t v, bool& first) {
  separator(out, first);
  out += std::to_string(v);
  return true;
}

bool CopyBatch::append(std::string& out, double v, bool& first) {
  separator(out, first);
  out += fmt::format("{}", v);  // as Statement::bind writes it
  return true;
}

bool CopyBatch::append(std::string& out, std::string_view v, bool& first) {
  if (v.find('\0') != std::string_view::npos || !text::is_valid_utf8(v)) return false;
  separator(out, first);
  // COPY's text format: backslash escapes for the delimiter, the row end
  // and the backslash itself.
  for (char ch : v) {
    switch (ch) {
      case '\\': out += "\\\\"; break;
      case '\t': out += "\\t"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      default: out += ch;
    }
  }
  return true;
}

Status Connection::settle() {
  if (pending_ == 0) return ok();
  Status first = ok();
  if (PQpipelineSync(conn_) != 1) first = unexpected(error_from(nullptr, "cannot send a pipeline sync"));
  // Each statement's results end with a null result; the sync comes last.
  // After a failed statement the server skips the rest up to the sync
  // (PGRES_PIPELINE_ABORTED): the first error is the one that counts.
  for (int i = 0; i < pending_ && !broken(); ++i) {
    while (PGresult* r = PQgetResult(conn_)) {
      ExecStatusType status = PQresultStatus(r);
      if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK && first) {
        first = unexpected(error_from(r, "statement failed"));
      }
      PQclear(r);
    }
  }
  if (!broken()) {
    PGresult* sync = PQgetResult(conn_);
    if ((!sync || PQresultStatus(sync) != PGRES_PIPELINE_SYNC) && first) {
      first = unexpected(error_from(sync, "pipeline out of step"));
    }
    PQclear(sync);
  }
  pending_ = 0;
  if (PQexitPipelineMode(conn_) != 1 && first) first = unexpected(error_from(nullptr, "cannot leave pipeline mode"));
  return first;
}

Status Connection::flush_bulk() {
  if (auto s = settle(); !s) return s;
  if (!bulk_) return ok();
  for (auto& t : bulk_->targets_) {
    if (t.rows.empty()) continue;
    // The target is a fixed string of the store's code, never data.
    std::string sql = "COPY " + t.target + " FROM STDIN";
    PGresult* r = PQexec(conn_, sql.c_str());
    if (!r || PQresultStatus(r) != PGRES_COPY_IN) {
      Error e = error_from(r, "cannot start COPY");
      PQclear(r);
      return unexpected(std::move(e));
    }
    PQclear(r);
    // In pieces: PQputCopyData takes an int length.
    constexpr std::size_t kPiece = 1 << 20;
    bool sent = true;
    for (std::size_t at = 0; sent && at < t.rows.size(); at += kPiece) {
      std::size_t n = std::min(kPiece, t.rows.size() - at);
      sent = PQputCopyData(conn_, t.rows.data() + at, static_cast<int>(n)) == 1;
    }
    PQputCopyEnd(conn_, sent ? nullptr : "tiltas: sending rows failed");
    Status status = ok();
    while (PGresult* end = PQgetResult(conn_)) {
      if (PQresultStatus(end) != PGRES_COMMAND_OK && status) status = unexpected(error_from(end, "COPY failed"));
      PQclear(end);
    }
    if (!status) return status;
    t.rows.clear();
    t.mark = 0;
  }
  bulk_->rows_ = 0;
  bulk_->rows_at_mark_ = 0;
  return ok();
}

void Statement::ResultDeleter::operator()(pg_result* r) const { PQclear(r); }

Statement::Statement(Connection* conn, const std::string* sql, int parameter_count)
    : conn_(conn),
      sql_(sql),
      values_(static_cast<std::size_t>(parameter_count)),
      types_(static_cast<std::size_t>(parameter_count), kText) {}

Statement::~Statement() = default;

void Statement::set(int n, std::optional<std::string> value, unsigned type) {
  if (n < 1 || n > static_cast<int>(values_.size())) {
    if (!bind_error_)
      bind_error_ = Error{ErrorCode::kInternal, fmt::format("postgres: no parameter ${} in: {}", n, *sql_), {}};
    return;
  }
  values_[static_cast<std::size_t>(n - 1)] = std::move(value);
  types_[static_cast<std::size_t>(n - 1)] = type;
}

Statement& Statement::bind(int n, std::int64_t v) {
  set(n, std::to_string(v), kInt8);
  return *this;
}

Statement& Statement::bind(int n, double v) {
  // fmt writes the shortest text that reads back as the same double, in
  // every locale.
  set(n, fmt::format("{}", v), kFloat8);
  return *this;
}

Statement& Statement::bind(int n, std::string_view v) {
  if (v.find('\0') != std::string_view::npos && !bind_error_) {
    bind_error_ = Error{ErrorCode::kInvalidArgument, "text with a NUL byte cannot be stored in PostgreSQL", {}};
  }
  set(n, std::string(v), kText);
  return *this;
}

Statement& Statement::bind(int n, const std::optional<std::string>& v) {
  if (v) return bind(n, std::string_view(*v));
  set(n, std::nullopt, kText);
  return *this;
}

Statement& Statement::bind(int n, const std::optional<std::int64_t>& v) {
  if (v) return bind(n, *v);
  set(n, std::nullopt, kInt8);
  return *this;
}

Statement& Statement::bind_null(int n) {
  set(n, std::nullopt, 0);
  return *this;
}

Result<std::string> Statement::prepared_name() {
  // One prepared statement per SQL text and parameter types: the types are
  // fixed when a statement is prepared.
  std::string key(reinterpret_cast<const char*>(types_.data()), types_.size() * sizeof(unsigned));
  key += *sql_;
  auto it = conn_->prepared_.find(key);
  if (it != conn_->prepared_.end()) return it->second;
  if (auto s = conn_->settle(); !s) return unexpected(s.error());
  std::string name = fmt::format("tiltas_{}", conn_->prepared_.size() + 1);
  PGresult* r = PQprepare(conn_->conn_, name.c_str(), sql_->c_str(), static_cast<int>(types_.size()), types_.data());
  if (!r || PQresultStatus(r) != PGRES_COMMAND_OK) {
    Error e = conn_->error_from(r, "cannot prepare statement");
    PQclear(r);
    return unexpected(std::move(e));
  }
  PQclear(r);
  conn_->prepared_.emplace(std::move(key), name);
  return name;
}

std::vector<const char*> Statement::parameters() const {
  std::vector<const char*> params(values_.size(), nullptr);
  for (std::size_t i = 0; i < values_.size(); ++i) {
    if (values_[i]) params[i] = values_[i]->c_str();
  }
  return params;
}

Result<bool> Statement::step() {
  if (!result_) {
    if (bind_error_) return unexpected(*bind_error_);
    auto name = prepared_name();
    if (!name) return unexpected(name.error());
    if (auto s = conn_->settle(); !s) return unexpected(s.error());
    std::vector<const char*> params = parameters();
    PGresult* r = PQexecPrepared(conn_->conn_, name->c_str(), static_cast<int>(params.size()), params.data(),
                                 nullptr, nullptr, 0);
    ExecStatusType status = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
    if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
      Error e = conn_->error_from(r, "statement failed");
      PQclear(r);
      return unexpected(std::move(e));
    }
    result_.reset(r);
    rows_ = PQntuples(r);
    row_ = -1;
    const char* tuples = PQcmdTuples(r);
    conn_->changes_ = (tuples && *tuples) ? std::strtoll(tuples, nullptr, 10) : 0;
  }
  ++row_;
  return row_ < rows_;
}

Status Statement::run() {
  auto r = step();
  if (!r) return unexpected(r.error());
  reset();
  return ok();
}

Status Statement::run_later() {
  if (!conn_->bulk_) return run();
  if (bind_error_) return unexpected(*bind_error_);
  auto name = prepared_name();
  if (!name) return unexpected(name.error());
  PGconn* c = conn_->conn_;
  if (PQpipelineStatus(c) == PQ_PIPELINE_OFF && PQenterPipelineMode(c) != 1) {
    return unexpected(conn_->error_from(nullptr, "cannot enter pipeline mode"));
  }
  std::vector<const char*> params = parameters();
  if (PQsendQueryPrepared(c, name->c_str(), static_cast<int>(params.size()), params.data(), nullptr, nullptr, 0) !=
      1) {
    Status sent = unexpected(conn_->error_from(nullptr, "cannot send statement"));
    (void)conn_->settle();
    return sent;
  }
  ++conn_->pending_;
  reset();
  // Bounded, so that the answers waiting for us never fill the socket while
  // we block sending (libpq's pipeline deadlock): a few hundred short
  // command tags.
  constexpr int kMaxPending = 256;
  if (conn_->pending_ >= kMaxPending) return conn_->settle();
  return ok();
}

void Statement::reset() {
  result_.reset();
  row_ = -1;
  rows_ = 0;
  bind_error_.reset();
  for (auto& v : values_) v.reset();
  for (auto& t : types_) t = kText;
}

const char* Statement::value(int col) const { return PQgetvalue(result_.get(), row_, col); }

bool Statement::is_null(int col) const { return PQgetisnull(result_.get(), row_, col) != 0; }

std::int64_t Statement::int64(int col) const {
  std::int64_t v = 0;
  const char* s = value(col);
  std::from_chars(s, s + std::strlen(s), v);
  return v;
}

double Statement::real(int col) const {
  double v = 0;
  const char* s = value(col);
  std::size_t n = std::strlen(s);
  // PostgreSQL writes "Infinity"; from_chars reads "inf" and "infinity" in
  // any case, but not a leading '+'.
  std::from_chars(s, s + n, v);
  return v;
}

std::string Statement::text(int col) const {
  if (is_null(col)) return {};
  return std::string(value(col), static_cast<std::size_t>(PQgetlength(result_.get(), row_, col)));
}

std::optional<std::string> Statement::opt_text(int col) const {
  if (is_null(col)) return std::nullopt;
  return text(col);
}

std::optional<std::int64_t> Statement::opt_int64(int col) const {
  if (is_null(col)) return std::nullopt;
  return int64(col);
}

}  // namespace tiltas::store::postgres
