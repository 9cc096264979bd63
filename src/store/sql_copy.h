// Copying a whole registry between databases row by row (Store::copy_rows_to
// and Store::load_rows; `tiltas migrate`), written once for both engines
// like sql_store.h, which includes this header.
//
// Why rows and not imports: replaying the documents through
// import_document would give new ids (which are in every published URL and
// in the audit trail), new import and edit times, first revisions only, and
// would run organisation and translation matching again in another order.
// Copying the stored rows keeps all of it, and it is the only way to carry
// editors' corrections and audit entries that no document holds.
//
// What is copied is read from the database's own catalogue, not from a list
// kept here: every table except schema_migrations (each side has its own)
// and the search index (tables named search_*: derived from the records and
// rebuilt on the target). A column or table that a later migration adds is
// thus copied without a change here; tables are ordered so that each comes
// after the tables it refers to, and a column that refers to its own table
// (projects.translation_of, organisations.cluster_id) is filled in after the
// table's rows are all there.
//
// Catalogue names are spliced into SQL (an identifier cannot be a $n
// parameter) only after valid_identifier() and in double quotes; every value
// is bound.
#pragma once

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include <fmt/format.h>

#include "store/store.h"

namespace tiltas::store::sql {

enum class ColumnKind { kInteger, kReal, kText };

struct CopyColumn {
  std::string name;
  ColumnKind kind = ColumnKind::kText;
  int primary_key_position = 0;  // 1-based position in the primary key, 0 if not part of it
};

struct CopyTable {
  std::string name;
  std::vector<CopyColumn> columns;
  std::vector<std::size_t> primary_key;  // indexes into columns, in key order; empty: none
  std::set<std::string> self_references;  // columns referring to this table
};

inline bool valid_identifier(std::string_view s) {
  if (s.empty() || s.size() > 63) return false;
  for (char c : s) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

inline bool derived_table(std::string_view name) {
  return name == "schema_migrations" || name.starts_with("search_") || name.starts_with("sqlite_");
}

// The catalogue queries, the one place where the engines' SQL differs here.
struct CatalogSql {
  const char* tables;        // -> name
  const char* columns;       // $1 table -> name, declared type, primary key position (0: none)
  const char* foreign_keys;  // -> table, column, referenced table
};

inline CatalogSql catalog_sql(bool sqlite) {
  if (sqlite) {
    return {"SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name",
            "SELECT name, type, pk FROM pragma_table_info($1) ORDER BY cid",
            "SELECT m.name, f.\"from\", f.\"table\" FROM sqlite_master m, pragma_foreign_key_list(m.name) f "
            "WHERE m.type = 'table' ORDER BY 1, 2"};
  }
  return {"SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND "
          "table_type = 'BASE TABLE' ORDER BY 1",
          "SELECT a.attname, format_type(a.atttypid, a.atttypmod), "
          "COALESCE((SELECT k.n FROM unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, n) WHERE k.attnum = "
          "a.attnum), 0) FROM pg_attribute a "
          "LEFT JOIN pg_index i ON i.indrelid = a.attrelid AND i.indisprimary "
          "WHERE a.attrelid = $1::regclass AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum",
          "SELECT cl.relname, a.attname, rf.relname FROM pg_constraint c JOIN pg_class cl ON cl.oid = c.conrelid "
          "JOIN pg_class rf ON rf.oid = c.confrelid JOIN pg_attribute a ON a.attrelid = c.conrelid AND "
          "a.attnum = c.conkey[1] WHERE c.contype = 'f' AND cl.relnamespace = current_schema()::regnamespace "
          "ORDER BY 1, 2"};
}

inline ColumnKind column_kind(std::string type) {
  std::transform(type.begin(), type.end(), type.begin(), [](unsigned char c) { return std::toupper(c); });
  if (type.find("INT") != std::string::npos) return ColumnKind::kInteger;
  if (type.find("DOUBLE") != std::string::npos || type.find("REAL") != std::string::npos ||
      type.find("FLOAT") != std::string::npos) {
    return ColumnKind::kReal;
  }
  return ColumnKind::kText;
}

// The registry's tables with their columns, each after the tables it refers
// to (ties by name, so the order is the same on both engines).
template <class Connection>
Result<std::vector<CopyTable>> copy_plan(Connection& c, bool sqlite) {
  const CatalogSql sql = catalog_sql(sqlite);
  std::vector<std::string> names;
  {
    auto st = c.cached(sql.tables);
    if (!st) return unexpected(st.error());
    for (;;) {
      auto row = st->step();
      if (!row) return unexpected(row.error());
      if (!*row) break;
      std::string name = st->text(0);
      if (derived_table(name)) continue;
      if (!valid_identifier(name)) {
        return make_error(ErrorCode::kFailedPrecondition,
                          fmt::format("table '{}' has a name Tiltas does not create; it cannot be copied", name));
      }
      names.push_back(std::move(name));
    }
  }
  std::map<std::string, CopyTable> tables;
  for (const auto& name : names) {
    CopyTable t{name, {}, {}, {}};
    auto st = c.cached(sql.columns);
    if (!st) return unexpected(st.error());
    st->bind(1, name);
    for (;;) {
      auto row = st->step();
      if (!row) return unexpected(row.error());
      if (!*row) break;
      CopyColumn col{st->text(0), column_kind(st->text(1)), static_cast<int>(st->int64(2))};
      if (!valid_identifier(col.name)) {
        return make_error(ErrorCode::kFailedPrecondition,
                          fmt::format("column '{}.{}' has a name Tiltas does not create", name, col.name));
      }
      if (column_kind(st->text(1)) == ColumnKind::kText) {
        std::string type = st->text(1);
        std::transform(type.begin(), type.end(), type.begin(), [](unsigned char ch) { return std::toupper(ch); });
        if (type.find("BLOB") != std::string::npos || type.find("BYTEA") != std::string::npos) {
          // The engines write binary values differently as text: refuse
          // rather than copy them wrong.
          return make_error(ErrorCode::kFailedPrecondition,
                            fmt::format("column '{}.{}' is binary; migrate copies text and numbers only", name,
                                        col.name));
        }
      }
      t.columns.push_back(std::move(col));
    }
    std::vector<std::pair<int, std::size_t>> key;
    for (std::size_t i = 0; i < t.columns.size(); ++i) {
      if (t.columns[i].primary_key_position > 0) key.emplace_back(t.columns[i].primary_key_position, i);
    }
    std::sort(key.begin(), key.end());
    for (auto [_, i] : key) t.primary_key.push_back(i);
    // A table without a primary key (a log such as login_failures) is read
    // in one piece, ordered by every column.
    tables.emplace(name, std::move(t));
  }
  std::map<std::string, std::set<std::string>> refers_to;
  {
    auto st = c.cached(sql.foreign_keys);
    if (!st) return unexpected(st.error());
    for (;;) {
      auto row = st->step();
      if (!row) return unexpected(row.error());
      if (!*row) break;
      std::string table = st->text(0), column = st->text(1), target = st->text(2);
      auto it = tables.find(table);
      if (it == tables.end()) continue;
      if (target == table) {
        it->second.self_references.insert(column);
      } else if (tables.count(target)) {
        refers_to[table].insert(target);
      }
    }
  }
  for (auto& [name, t] : tables) {
    if (!t.self_references.empty() && t.primary_key.size() != 1) {
      return make_error(ErrorCode::kFailedPrecondition,
                        fmt::format("table '{}' refers to itself but has no one-column primary key", name));
    }
  }
  // Topological order, smallest name first among the ready ones.
  std::vector<CopyTable> out;
  std::set<std::string> placed;
  while (out.size() < tables.size()) {
    bool progressed = false;
    for (auto& [name, t] : tables) {
      if (placed.count(name)) continue;
      bool ready = true;
      for (const auto& dep : refers_to[name]) ready = ready && placed.count(dep);
      if (!ready) continue;
      placed.insert(name);
      out.push_back(t);
      progressed = true;
      break;
    }
    if (!progressed) {
      return make_error(ErrorCode::kFailedPrecondition, "the registry's tables refer to each other in a cycle");
    }
  }
  return out;
}

inline std::string quoted_identifier(std::string_view name) { return fmt::format("\"{}\"", name); }

template <class Statement>
RowValue read_value(const Statement& st, int col, ColumnKind kind) {
  if (st.is_null(col)) return std::monostate{};
  switch (kind) {
    case ColumnKind::kInteger: return st.int64(col);
    case ColumnKind::kReal: return st.real(col);
    case ColumnKind::kText: return st.text(col);
  }
  return std::monostate{};
}

template <class Statement>
void bind_value(Statement& st, int n, const RowValue& v) {
  if (std::holds_alternative<std::int64_t>(v)) {
    st.bind(n, std::get<std::int64_t>(v));
  } else if (std::holds_alternative<double>(v)) {
    st.bind(n, std::get<double>(v));
  } else if (std::holds_alternative<std::string>(v)) {
    st.bind(n, std::get<std::string>(v));
  } else {
    st.bind_null(n);
  }
}

// Streams every row of the plan's tables to `sink`, keyset-paged by primary
// key (so that a server does not build one result of a whole table).
template <class Connection>
Status dump_rows(Connection& c, const std::vector<CopyTable>& plan, RowSink& sink, int page_size = 1000) {
  for (const auto& t : plan) {
    std::vector<std::string> columns;
    std::string select;
    for (const auto& col : t.columns) {
      columns.push_back(col.name);
      select += (select.empty() ? "" : ", ") + quoted_identifier(col.name);
    }
    if (auto s = sink.begin_table(t.name, columns); !s) return s;
    std::vector<RowValue> values(t.columns.size());
    // Hands every row of a stepped statement to the sink, in `values`
    // (`after_row` sees each); the number of rows.
    auto send_rows = [&](auto& st, auto&& after_row) -> Result<int> {
      int rows = 0;
      for (;;) {
        auto row = st.step();
        if (!row) return unexpected(row.error());
        if (!*row) return rows;
        for (std::size_t i = 0; i < t.columns.size(); ++i) {
          values[i] = read_value(st, static_cast<int>(i), t.columns[i].kind);
        }
        if (auto s = sink.add_row(values); !s) return unexpected(s.error());
        ++rows;
        after_row();
      }
    };
    if (t.primary_key.empty()) {
      auto st = c.cached(fmt::format("SELECT {} FROM {} ORDER BY {}", select, quoted_identifier(t.name), select));
      if (!st) return unexpected(st.error());
      if (auto sent = send_rows(*st, [] {}); !sent) return unexpected(sent.error());
      continue;
    }
    std::string key, key_params;
    for (std::size_t i = 0; i < t.primary_key.size(); ++i) {
      key += (i ? ", " : "") + quoted_identifier(t.columns[t.primary_key[i]].name);
      key_params += fmt::format("{}${}", i ? ", " : "", i + 1);
    }
    const int limit_param = static_cast<int>(t.primary_key.size()) + 1;
    const std::string first = fmt::format("SELECT {} FROM {} ORDER BY {} LIMIT ${}", select,
                                          quoted_identifier(t.name), key, limit_param);
    const std::string next = fmt::format("SELECT {} FROM {} WHERE ({}) > ({}) ORDER BY {} LIMIT ${}", select,
                                         quoted_identifier(t.name), key, key_params, key, limit_param);
    std::optional<std::vector<RowValue>> last;
    for (;;) {
      auto st = c.cached(last ? next : first);
      if (!st) return unexpected(st.error());
      if (last) {
        for (std::size_t i = 0; i < t.primary_key.size(); ++i) bind_value(*st, static_cast<int>(i) + 1, (*last)[i]);
      }
      st->bind(limit_param, static_cast<std::int64_t>(page_size));
      auto rows = send_rows(*st, [&] {
        std::vector<RowValue> k;
        for (std::size_t i : t.primary_key) k.push_back(values[i]);
        last = std::move(k);
      });
      if (!rows) return unexpected(rows.error());
      if (*rows < page_size) break;
    }
  }
  return ok();
}

// The sink of load_rows: inserts rows into the tables of the target's own
// plan (a column the source has and the target lacks is an error; one the
// target has and the source lacks takes its default). Self-references are
// written after their table's rows, by primary key.
template <class Connection>
class InsertingSink final : public RowSink {
 public:
  InsertingSink(Connection& c, const std::vector<CopyTable>& plan) : c_(c) {
    for (const auto& t : plan) tables_.emplace(t.name, t);
  }

  Status begin_table(const std::string& table, const std::vector<std::string>& columns) override {
    if (auto s = finish_table(); !s) return s;
    auto it = tables_.find(table);
    if (it == tables_.end()) {
      return make_error(ErrorCode::kFailedPrecondition,
                        fmt::format("the target has no table '{}': is it an older Tiltas?", table));
    }
    current_ = &it->second;
    deferred_.clear();
    self_columns_.clear();
    key_column_ = -1;
    std::string names, params;
    for (std::size_t i = 0; i < columns.size(); ++i) {
      auto col = std::find_if(current_->columns.begin(), current_->columns.end(),
                              [&](const CopyColumn& c) { return c.name == columns[i]; });
      if (col == current_->columns.end()) {
        return make_error(ErrorCode::kFailedPrecondition,
                          fmt::format("the target's table '{}' has no column '{}': is it an older Tiltas?", table,
                                      columns[i]));
      }
      if (current_->self_references.count(columns[i])) self_columns_.push_back(i);
      if (current_->primary_key.size() == 1 && current_->columns[current_->primary_key[0]].name == columns[i]) {
        key_column_ = static_cast<int>(i);
      }
      names += (i ? ", " : "") + quoted_identifier(columns[i]);
      params += fmt::format("{}${}", i ? ", " : "", i + 1);
    }
    if (!self_columns_.empty() && key_column_ < 0) {
      return make_error(ErrorCode::kFailedPrecondition,
                        fmt::format("table '{}' refers to itself and its key was not sent", table));
    }
    columns_ = columns;
    insert_ = fmt::format("INSERT INTO {} ({}) VALUES ({})", quoted_identifier(table), names, params);
    copy_target_ = fmt::format("{} ({})", quoted_identifier(table), names);
    rows_[table] = 0;
    return ok();
  }

  Status add_row(const std::vector<RowValue>& values) override {
    if (!current_) return internal_error("a row was sent before its table");
    if (values.size() != columns_.size()) return internal_error("a row with the wrong number of values");
    if constexpr (requires { c_.bulk()->add_text_row(copy_target_, {}); }) {
      // PostgreSQL: by COPY, in pieces of a few MB. (SQLite's row batch takes
      // typed values only: rows are inserted one by one below.)
      if (auto* bulk = c_.bulk()) {
        std::vector<std::optional<std::string>> text(values.size());
        for (std::size_t i = 0; i < values.size(); ++i) {
          bool deferred = std::find(self_columns_.begin(), self_columns_.end(), i) != self_columns_.end();
          if (deferred && !std::holds_alternative<std::monostate>(values[i])) {
            deferred_.push_back({values[static_cast<std::size_t>(key_column_)], columns_[i], values[i]});
          } else {
            text[i] = as_text(values[i]);
          }
        }
        if (auto s = bulk->add_text_row(copy_target_, text); !s) return s;
        ++rows_[current_->name];
        if (bulk->bytes() > (8u << 20)) return c_.flush_bulk();
        return ok();
      }
    }
    auto st = c_.cached(insert_);
    if (!st) return unexpected(st.error());
    for (std::size_t i = 0; i < values.size(); ++i) {
      bool deferred = std::find(self_columns_.begin(), self_columns_.end(), i) != self_columns_.end();
      if (deferred && !std::holds_alternative<std::monostate>(values[i])) {
        deferred_.push_back({values[static_cast<std::size_t>(key_column_)], columns_[i], values[i]});
        st->bind_null(static_cast<int>(i) + 1);
      } else {
        bind_value(*st, static_cast<int>(i) + 1, values[i]);
      }
    }
    if (auto s = st->run(); !s) return s;
    ++rows_[current_->name];
    return ok();
  }

  // Writes the self-references of the table being loaded.
  Status finish_table() {
    if (!current_) return ok();
    if constexpr (requires { c_.flush_bulk(); }) {
      if (auto s = c_.flush_bulk(); !s) return s;
    }
    if (deferred_.empty()) {
      current_ = nullptr;
      return ok();
    }
    const std::string key = quoted_identifier(current_->columns[current_->primary_key[0]].name);
    for (const auto& [id, column, value] : deferred_) {
      auto st = c_.cached(fmt::format("UPDATE {} SET {} = $1 WHERE {} = $2", quoted_identifier(current_->name),
                                      quoted_identifier(column), key));
      if (!st) return unexpected(st.error());
      bind_value(*st, 1, value);
      bind_value(*st, 2, id);
      if (auto s = st->run(); !s) return s;
    }
    deferred_.clear();
    current_ = nullptr;
    return ok();
  }

  const std::map<std::string, std::int64_t>& rows() const { return rows_; }

 private:
  // A value in PostgreSQL's text input form (reals written as
  // Statement::bind writes them: the shortest text that reads back equal).
  static std::optional<std::string> as_text(const RowValue& v) {
    if (std::holds_alternative<std::int64_t>(v)) return std::to_string(std::get<std::int64_t>(v));
    if (std::holds_alternative<double>(v)) return fmt::format("{}", std::get<double>(v));
    if (std::holds_alternative<std::string>(v)) return std::get<std::string>(v);
    return std::nullopt;
  }

  struct Deferred {
    RowValue key;
    std::string column;
    RowValue value;
  };
  Connection& c_;
  std::map<std::string, CopyTable> tables_;
  const CopyTable* current_ = nullptr;
  std::vector<std::string> columns_;
  std::vector<std::size_t> self_columns_;
  int key_column_ = -1;
  std::string insert_;
  std::string copy_target_;
  std::vector<Deferred> deferred_;
  std::map<std::string, std::int64_t> rows_;
};

}  // namespace tiltas::store::sql
