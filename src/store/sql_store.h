// The registry over SQL, written once for every backend (decision 0002):
// SqlStore<Backend> implements Store with the same statements, the same
// import rules (revisions, organisation and translation linking) and the same
// row mapping on SQLite and on PostgreSQL. Only connections, transactions and
// locking differ, and those are the Backend's:
//
//   class Backend {
//     using Connection = ...;  // see SqlConnection below
//     static constexpr std::string_view kIdType, kBlobType;  // for render_migration
//     // Runs f(Connection&) -> Result<T> on some connection; no transaction.
//     template <class F> auto read(F&& f) const;
//     // Runs f inside one write transaction that excludes every other writer
//     // of the database; commits when f succeeds, rolls back when it fails.
//     template <class F> auto write(F&& f);
//     std::string name() const;      // for messages; never holds a password
//     std::string describe() const;  // Store::describe()
//   };
//
// Included only by the backends' .cc files (it names no third-party header;
// the backends' headers do). Statements use $n parameters and the SQL subset
// both engines share; where the engines differ in a way that changes results
// (NULL ordering, text collation) the SQL below is written so that it does not.
#pragma once

#include <algorithm>
#include <chrono>
#include <concepts>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <unordered_map>
#include <utility>
#include <vector>

#include <date/date.h>
#include <fmt/format.h>

#include "codec/records_json.h"
#include "model/translation_match.h"
#include "model/validation.h"
#include "store/migrations.h"
#include "store/organisation_key.h"
#include "store/sql_copy.h"
#include "store/store.h"

namespace tiltas::store::sql {

// What the shared code asks of a backend's connection and statements (the
// API of store/sqlite/sqlite_db.h, which store/postgres/pg_connection.h
// mirrors).
template <class S>
concept SqlStatement = requires(S s, const S cs, std::int64_t i, double d, std::string str,
                                std::optional<std::string> os, std::optional<std::int64_t> oi) {
  s.bind(1, i);
  s.bind(1, d);
  s.bind(1, str);
  s.bind(1, os);
  s.bind(1, oi);
  s.bind_null(1);
  { s.step() } -> std::same_as<Result<bool>>;
  { s.run() } -> std::same_as<Status>;
  { cs.is_null(0) } -> std::same_as<bool>;
  { cs.int64(0) } -> std::same_as<std::int64_t>;
  { cs.real(0) } -> std::same_as<double>;
  { cs.text(0) } -> std::same_as<std::string>;
  { cs.opt_text(0) } -> std::same_as<std::optional<std::string>>;
  { cs.opt_int64(0) } -> std::same_as<std::optional<std::int64_t>>;
};

template <class C>
concept SqlConnection = requires(C c, std::string sql) {
  { c.exec(sql) } -> std::same_as<Status>;
  requires SqlStatement<typename decltype(c.cached(sql))::value_type>;
  { c.changes() } -> std::convertible_to<std::int64_t>;
};

#define TILTAS_SQL_TRY(var, expr)                             \
  auto var##_result = (expr);                                 \
  if (!var##_result) return unexpected(var##_result.error()); \
  auto& var = *var##_result

#define TILTAS_SQL_TRY_STATUS(expr)         \
  do {                                      \
    auto _s = (expr);                       \
    if (!_s) return unexpected(_s.error()); \
  } while (0)

inline std::string now_utc() {
  auto now = std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
  return date::format("%FT%TZ", now);
}

inline std::optional<std::string> opt_date(const std::optional<PartialDate>& d) {
  if (!d) return std::nullopt;
  return d->to_iso();
}

inline std::optional<PartialDate> read_date(const std::optional<std::string>& s) {
  if (!s) return std::nullopt;
  auto d = PartialDate::parse_iso(*s);
  if (!d) return std::nullopt;
  return *d;
}

template <SqlStatement S>
void bind_span(S& st, int n, const model::OptionalSpan& span) {
  if (span) {
    st.bind(n, static_cast<std::int64_t>(span->start)).bind(n + 1, static_cast<std::int64_t>(span->end));
  } else {
    st.bind_null(n).bind_null(n + 1);
  }
}

template <SqlStatement S>
model::OptionalSpan read_span(const S& st, int col) {
  if (st.is_null(col) || st.is_null(col + 1)) return std::nullopt;
  return model::SourceSpan{static_cast<std::size_t>(st.int64(col)), static_cast<std::size_t>(st.int64(col + 1))};
}

template <class Backend>
requires SqlConnection<typename Backend::Connection>
class SqlStore final : public Store {
  using Connection = typename Backend::Connection;
  using Document = model::Document;
  using Project = model::Project;
  using Organisation = model::Organisation;
  using Participation = model::Participation;
  using ReviewState = model::ReviewState;

 public:
  explicit SqlStore(Backend backend) : backend_(std::move(backend)) {}

  // Creates schema_migrations and applies the pending migrations, all in one
  // write transaction (so concurrent openers of a new database take turns).
  // kFailedPrecondition when the database is newer than this build.
  Status migrate() {
    return backend_.write([&](Connection& c) -> Status {
      TILTAS_SQL_TRY_STATUS(
          c.exec("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
                 "applied_at TEXT NOT NULL)"));
      int current = 0;
      {
        TILTAS_SQL_TRY(st, c.cached("SELECT COALESCE(MAX(version), 0) FROM schema_migrations"));
        TILTAS_SQL_TRY(has, st.step());
        if (has) current = static_cast<int>(st.int64(0));
      }
      int newest = migrations().empty() ? 0 : migrations().back().version;
      if (current > newest) {
        return make_error(ErrorCode::kFailedPrecondition,
                          fmt::format("database {} has schema version {}, newer than this Tiltas knows ({})",
                                      backend_.name(), current, newest));
      }
      for (const auto& m : migrations()) {
        if (m.version <= current) continue;
        for (const auto& stmt : split_statements(render_migration(m.sql, Backend::kIdType, Backend::kBlobType, Backend::kSearchSchema))) {
          TILTAS_SQL_TRY_STATUS(c.exec(stmt));
        }
        TILTAS_SQL_TRY(ins, c.cached("INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)"));
        ins.bind(1, static_cast<std::int64_t>(m.version)).bind(2, std::string(m.name)).bind(3, now_utc());
        TILTAS_SQL_TRY_STATUS(ins.run());
      }
      return ok();
    });
  }

  Result<ImportResult> import_document(const Document& doc, const std::vector<Project>& records) override {
    for (std::size_t i = 0; i < records.size(); ++i) {
      TILTAS_SQL_TRY_STATUS(model::check(records[i], fmt::format("records[{}]", i)));
    }
    return backend_.write([&](Connection& c) { return import_in(c, doc, records); });
  }

  Result<std::vector<Result<ImportResult>>> import_documents(const std::vector<DocumentImport>& batch) override {
    std::vector<Result<ImportResult>> out(batch.size());
    for (std::size_t d = 0; d < batch.size(); ++d) {
      for (std::size_t i = 0; i < batch[d].records.size(); ++i) {
        if (auto s = model::check(batch[d].records[i], fmt::format("records[{}]", i)); !s) {
          out[d] = unexpected(s.error());
          break;
        }
      }
    }
    // One transaction for the batch, one savepoint per document: a document
    // that fails is rolled back alone; a crash before the commit loses the
    // batch but never part of a document.
    auto document_failed = [](const Error& e) {
      return e.code == ErrorCode::kInvalidArgument || e.code == ErrorCode::kAlreadyExists;
    };
    // Where the backend asks for it, first without savepoints, which cost
    // more than they save when nothing fails: on SQLite each one makes FTS5
    // flush its pending terms as a new segment, and SQLite journal every
    // page the document touches; on PostgreSQL each is two round trips. If a document fails, the whole batch is
    // rolled back and written again the way below (decision 0004).
    constexpr bool optimistic_first = requires { Backend::kBatchWithoutSavepoints; };
    if constexpr (optimistic_first) {
      const std::vector<Result<ImportResult>> checked = out;
      bool failed = false;
      auto optimistic = backend_.write([&](Connection& c) -> Status {
        BulkRows bulk(c);  // child and index rows collected, written at the end (see child_row)
        OrganisationLinks links;
        for (std::size_t d = 0; d < batch.size(); ++d) {
          if (!out[d]) continue;
          auto one = import_in(c, batch[d].document, batch[d].records, batch[d].analysed);
          if (!one) {
            failed = document_failed(one.error());
            return unexpected(one.error());  // rolls the batch back
          }
          out[d] = std::move(one);
        }
        auto flushed = bulk.flush();
        if (!flushed) failed = document_failed(flushed.error());
        return flushed;
      });
      if (optimistic) return out;
      if (!failed) return unexpected(optimistic.error());  // the database itself failed
      out = checked;
    }
    auto written = backend_.write([&](Connection& c) -> Status {
      BulkRows bulk(c);
      OrganisationLinks links;
      for (std::size_t d = 0; d < batch.size(); ++d) {
        if (!out[d]) continue;
        TILTAS_SQL_TRY_STATUS(c.exec("SAVEPOINT tiltas_document"));
        bulk.mark();
        auto one = import_in(c, batch[d].document, batch[d].records, batch[d].analysed);
        if (optimistic_first && one) {
          // Its collected rows too, inside its savepoint: a document whose
          // rows fail is then rolled back alone.
          if (auto flushed = bulk.flush(); !flushed) one = unexpected(flushed.error());
        }
        if (!one && !document_failed(one.error())) {
          return unexpected(one.error());  // the database itself failed: give up the batch
        }
        if (!one) {
          TILTAS_SQL_TRY_STATUS(c.exec("ROLLBACK TO SAVEPOINT tiltas_document"));
          bulk.rollback_to_mark();
          links.forget();  // it may name organisations the document created
        }
        TILTAS_SQL_TRY_STATUS(c.exec("RELEASE SAVEPOINT tiltas_document"));
        out[d] = std::move(one);
      }
      return bulk.flush();
    });
    if (!written) return unexpected(written.error());
    return out;
  }

  Result<std::optional<Id>> find_document_by_sha256(const std::string& sha256) const override {
    auto find = [&](Connection& c) -> Result<std::optional<Id>> {
      TILTAS_SQL_TRY(st, c.cached("SELECT id FROM documents WHERE sha256 = $1"));
      st.bind(1, sha256);
      TILTAS_SQL_TRY(found, st.step());
      if (!found) return std::optional<Id>();
      return std::optional<Id>(st.int64(0));
    };
    // The import's workers ask this while the writer commits: where the
    // backend can, without waiting for it.
    if constexpr (requires { backend_.read_beside_writer(find); }) {
      return backend_.read_beside_writer(find);
    } else {
      return backend_.read(find);
    }
  }

  Result<Project> update_project(Id id, const Project& updated, const Edit& edit) override {
    TILTAS_SQL_TRY_STATUS(model::check(updated, ""));
    return backend_.write([&](Connection& c) -> Result<Project> {
      TILTAS_SQL_TRY(old, load_project(c, id, Visibility::kAll, false));
      auto changes = codec::diff_records(old, updated);
      if (changes.empty()) return old;
      std::string now = now_utc();
      Project p = updated;
      p.id = id;
      p.document_id = old.document_id;
      p.ordinal = old.ordinal;
      p.default_language = old.default_language;
      p.review_state = old.review_state;
      TILTAS_SQL_TRY(up, c.cached("UPDATE projects SET kind = $1, programme = $2, status = $3, period_start = $4, "
                                  "period_end = $5, notes = $6, updated_at = $7 WHERE id = $8"));
      up.bind(1, std::string(to_string(p.kind)))
          .bind(2, p.programme)
          .bind(3, std::string(to_string(p.status)))
          .bind(4, opt_date(p.period.start))
          .bind(5, opt_date(p.period.end))
          .bind(6, p.notes)
          .bind(7, now)
          .bind(8, id);
      TILTAS_SQL_TRY_STATUS(up.run());
      TILTAS_SQL_TRY_STATUS(delete_children(c, id));
      TILTAS_SQL_TRY_STATUS(insert_children(c, id, p, now));
      for (const auto& change : changes) {
        std::string old_text = change.old_value.dump(), new_text = change.new_value.dump();
        TILTAS_SQL_TRY(audit, c.cached("INSERT INTO audit_log (project_id, field, old_value, new_value, editor, note, "
                                       "changed_at) VALUES ($1, $2, $3, $4, $5, $6, $7)"));
        audit.bind(1, id).bind(2, change.field).bind(3, old_text).bind(4, new_text).bind(5, edit.editor)
            .bind(6, edit.note).bind(7, now);
        TILTAS_SQL_TRY_STATUS(audit.run());
        // The first correction of a field remembers what the source said, so
        // a later revision of the page can tell whether the source moved.
        TILTAS_SQL_TRY(corr, c.cached(
                                 "INSERT INTO corrections (project_id, field, value, source_value, editor, corrected_at) "
                                 "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (project_id, field) DO UPDATE SET "
                                 "value = excluded.value, editor = excluded.editor, corrected_at = excluded.corrected_at"));
        corr.bind(1, id).bind(2, change.field).bind(3, new_text).bind(4, old_text).bind(5, edit.editor).bind(6, now);
        TILTAS_SQL_TRY_STATUS(corr.run());
      }
      TILTAS_SQL_TRY(stored, load_project(c, id, Visibility::kAll));
      TILTAS_SQL_TRY_STATUS(Backend::index_project(c, stored));  // search: same transaction
      return stored;
    });
  }

  Result<std::vector<AuditEntry>> find_audit(Id project_id) const override {
    return backend_.read([&](Connection& c) -> Result<std::vector<AuditEntry>> {
      TILTAS_SQL_TRY(st, c.cached("SELECT id, project_id, field, old_value, new_value, editor, note, changed_at "
                                  "FROM audit_log WHERE project_id = $1 ORDER BY id"));
      st.bind(1, project_id);
      std::vector<AuditEntry> out;
      for (;;) {
        TILTAS_SQL_TRY(row, st.step());
        if (!row) break;
        out.push_back({st.int64(0), st.int64(1), st.text(2), st.text(3), st.text(4), st.text(5), st.text(6),
                       st.text(7)});
      }
      return out;
    });
  }

  Result<Project> get_project(Id id, Visibility visibility) const override {
    return backend_.read([&](Connection& c) { return load_project(c, id, visibility); });
  }

  Result<ProjectPage> list_projects(const ProjectFilter& f, const PageRequest& page) const override {
    return backend_.read([&](Connection& c) -> Result<ProjectPage> {
      int limit = std::clamp(page.limit, 1, 500);
      // Conditions are fixed SQL fragments; only their values are bound.
      std::string where = f.include_translations ? " WHERE 1=1" : " WHERE p.translation_of IS NULL";
      if (f.visibility == Visibility::kPublic) where += " AND p.review_state = 'published'";
      if (f.review_state) where += " AND p.review_state = $1";
      if (f.programme) where += " AND p.programme = $2";
      if (f.language) where += " AND p.default_language = $3";
      if (f.country) {
        where += " AND EXISTS (SELECT 1 FROM participations x WHERE x.project_id = p.id AND x.stated_country = $4)";
      }
      if (f.organisation_id) {
        where += " AND EXISTS (SELECT 1 FROM participations x JOIN organisations o ON o.id = x.organisation_id "
                 "WHERE x.project_id = p.id AND (o.id = $5 OR o.cluster_id = $5))";
      }
      if (f.document_id) where += " AND p.document_id = $6";
      auto bind_filters = [&](auto& st) {
        if (f.review_state) st.bind(1, std::string(to_string(*f.review_state)));
        if (f.programme) st.bind(2, *f.programme);
        if (f.language) st.bind(3, *f.language);
        if (f.country) st.bind(4, *f.country);
        if (f.organisation_id) st.bind(5, *f.organisation_id);
        if (f.document_id) st.bind(6, *f.document_id);
      };
      ProjectPage out;
      {
        TILTAS_SQL_TRY(st, c.cached("SELECT COUNT(*) FROM projects p" + where));
        bind_filters(st);
        TILTAS_SQL_TRY(row, st.step());
        out.total = row ? st.int64(0) : 0;
      }
      TILTAS_SQL_TRY(st,
                     c.cached("SELECT p.id, p.default_language, p.programme, p.period_start, p.period_end, "
                              "p.review_state, p.kind, "
                              "COALESCE((SELECT t.title FROM project_texts t WHERE t.project_id = p.id AND t.language "
                              "= p.default_language), "
                              "(SELECT t.title FROM project_texts t WHERE t.project_id = p.id AND t.title IS NOT NULL "
                              "ORDER BY t.language LIMIT 1), '') "
                              "FROM projects p" +
                              where + " AND p.id > $7 ORDER BY p.id LIMIT $8"));
      bind_filters(st);
      st.bind(7, page.after_id).bind(8, static_cast<std::int64_t>(limit + 1));
      for (;;) {
        TILTAS_SQL_TRY(row, st.step());
        if (!row) break;
        ProjectSummary s;
        s.id = st.int64(0);
        s.language = st.text(1);
        s.programme = st.opt_text(2);
        s.period.start = read_date(st.opt_text(3));
        s.period.end = read_date(st.opt_text(4));
        s.review_state = model::parse_review_state(st.text(5)).value_or(ReviewState::kDraft);
        s.kind = model::parse_project_kind(st.text(6)).value_or(model::ProjectKind::kProject);
        s.title = st.text(7);
        out.items.push_back(std::move(s));
      }
      if (static_cast<int>(out.items.size()) > limit) {
        out.items.pop_back();
        out.next_after_id = out.items.back().id;
      }
      return out;
    });
  }

  Result<std::vector<Project>> find_projects_of_document(Id document_id) const override {
    return backend_.read([&](Connection& c) -> Result<std::vector<Project>> {
      std::vector<Id> ids;
      {
        TILTAS_SQL_TRY(st, c.cached("SELECT id FROM projects WHERE document_id = $1 ORDER BY ordinal, id"));
        st.bind(1, document_id);
        for (;;) {
          TILTAS_SQL_TRY(row, st.step());
          if (!row) break;
          ids.push_back(st.int64(0));
        }
      }
      std::vector<Project> out;
      for (Id id : ids) {
        TILTAS_SQL_TRY(p, load_project(c, id, Visibility::kAll));
        out.push_back(std::move(p));
      }
      return out;
    });
  }

  Result<int> set_review_state(const std::vector<Id>& ids, ReviewState state) override {
    return backend_.write([&](Connection& c) -> Result<int> {
      int changed = 0;
      std::string now = now_utc();
      for (Id id : ids) {
        TILTAS_SQL_TRY(st, c.cached("SELECT review_state FROM projects WHERE id = $1"));
        st.bind(1, id);
        TILTAS_SQL_TRY(found, st.step());
        if (!found) return not_found(fmt::format("project {} does not exist", id), "id");
        if (st.text(0) == to_string(state)) continue;
        // A project's translations share its review state.
        TILTAS_SQL_TRY(up, c.cached("UPDATE projects SET review_state = $1, updated_at = $2 WHERE id = $3 OR "
                                    "translation_of = $3 OR id = (SELECT translation_of FROM projects WHERE id = $3)"));
        up.bind(1, std::string(to_string(state))).bind(2, now).bind(3, id);
        TILTAS_SQL_TRY_STATUS(up.run());
        ++changed;
      }
      return changed;
    });
  }

  Result<int> publish_all() override {
    return backend_.write([&](Connection& c) -> Result<int> {
      TILTAS_SQL_TRY(st, c.cached("UPDATE projects SET review_state = 'published', updated_at = $1 WHERE "
                                  "review_state = 'draft'"));
      st.bind(1, now_utc());
      TILTAS_SQL_TRY_STATUS(st.run());
      return static_cast<int>(c.changes());
    });
  }

  Status delete_project(Id id) override {
    return backend_.write([&](Connection& c) -> Status {
      TILTAS_SQL_TRY(st, c.cached("DELETE FROM projects WHERE id = $1"));
      st.bind(1, id);
      TILTAS_SQL_TRY_STATUS(st.run());
      if (c.changes() == 0) return not_found(fmt::format("project {} does not exist", id), "id");
      return ok();
    });
  }

  Result<Organisation> get_organisation(Id id) const override {
    return backend_.read([&](Connection& c) { return load_organisation(c, id); });
  }

  Result<std::vector<OrganisationSummary>> list_organisations(Visibility visibility, int limit,
                                                              Id after_id) const override {
    return backend_.read([&](Connection& c) -> Result<std::vector<OrganisationSummary>> {
      std::string visible = visibility == Visibility::kPublic ? " AND p.review_state = 'published'" : "";
      // Organisations merged into another count as that one (issue 9).
      TILTAS_SQL_TRY(st, c.cached("SELECT o.id, COUNT(DISTINCT p.id) FROM organisations o "
                                  "JOIN organisations m ON m.id = o.id OR m.cluster_id = o.id "
                                  "JOIN participations x ON x.organisation_id = m.id JOIN projects p ON p.id = "
                                  "x.project_id WHERE o.cluster_id IS NULL AND o.id > $1" +
                                  visible + " GROUP BY o.id ORDER BY o.id LIMIT $2"));
      st.bind(1, after_id).bind(2, static_cast<std::int64_t>(std::clamp(limit, 1, 1000)));
      std::vector<std::pair<Id, std::int64_t>> rows;
      for (;;) {
        TILTAS_SQL_TRY(row, st.step());
        if (!row) break;
        rows.emplace_back(st.int64(0), st.int64(1));
      }
      std::vector<OrganisationSummary> out;
      for (auto [id, count] : rows) {
        TILTAS_SQL_TRY(org, load_organisation(c, id));
        out.push_back({std::move(org), count});
      }
      return out;
    });
  }

  Result<Document> get_document(Id id) const override {
    return backend_.read([&](Connection& c) -> Result<Document> {
      TILTAS_SQL_TRY(st, c.cached("SELECT id, source, name, sha256, language, media_type, content, imported_at FROM "
                                  "documents WHERE id = $1"));
      st.bind(1, id);
      TILTAS_SQL_TRY(found, st.step());
      if (!found) return not_found(fmt::format("document {} does not exist", id), "id");
      return read_document(st, true);
    });
  }

  Result<std::vector<Document>> find_documents() const override {
    return backend_.read([&](Connection& c) -> Result<std::vector<Document>> {
      TILTAS_SQL_TRY(st, c.cached("SELECT id, source, name, sha256, language, media_type, '', imported_at FROM "
                                  "documents ORDER BY id"));
      std::vector<Document> out;
      for (;;) {
        TILTAS_SQL_TRY(row, st.step());
        if (!row) break;
        out.push_back(read_document(st, false));
      }
      return out;
    });
  }

  Result<Counts> counts() const override {
    return backend_.read([&](Connection& c) -> Result<Counts> {
      TILTAS_SQL_TRY(st, c.cached("SELECT (SELECT COUNT(*) FROM documents), (SELECT COUNT(*) FROM projects WHERE "
                                  "translation_of IS NULL), "
                                  "(SELECT COUNT(*) FROM projects WHERE review_state = 'published' AND translation_of "
                                  "IS NULL), (SELECT COUNT(*) FROM organisations), (SELECT COUNT(*) FROM projects)"));
      TILTAS_SQL_TRY(row, st.step());
      Counts out;
      if (row) {
        out.documents = st.int64(0);
        out.projects = st.int64(1);
        out.published = st.int64(2);
        out.organisations = st.int64(3);
        out.records = st.int64(4);
      }
      return out;
    });
  }

  std::string describe() const override { return backend_.describe(); }

  // ---- API tokens ----------------------------------------------------------
  Result<ApiToken> create_api_token(const std::string& name, const std::string& token_hash) override {
    if (name.empty()) return invalid_argument("a token needs a name", "name");
    if (token_hash.empty()) return invalid_argument("a token needs a hash", "token_hash");
    return backend_.write([&](Connection& c) -> Result<ApiToken> {
      {
        TILTAS_SQL_TRY(st, c.cached("SELECT COUNT(*) FROM api_tokens WHERE (name = $1 AND revoked = 0) OR "
                                    "token_hash = $2"));
        st.bind(1, name).bind(2, token_hash);
        TILTAS_SQL_TRY(row, st.step());
        if (row && st.int64(0) > 0) {
          return make_error(ErrorCode::kAlreadyExists, fmt::format("an active token named '{}' exists", name),
                            "name");
        }
      }
      ApiToken token{0, name, token_hash, now_utc(), false};
      TILTAS_SQL_TRY(ins, c.cached("INSERT INTO api_tokens (name, token_hash, created_at, revoked) VALUES ($1, $2, "
                                   "$3, 0) RETURNING id"));
      ins.bind(1, name).bind(2, token_hash).bind(3, token.created_at);
      TILTAS_SQL_TRY(row, ins.step());
      if (!row) return make_error(ErrorCode::kInternal, "inserting an api token returned no id");
      token.id = ins.int64(0);
      return token;
    });
  }

  Result<std::optional<ApiToken>> find_api_token(const std::string& token_hash) const override {
    return backend_.read([&](Connection& c) -> Result<std::optional<ApiToken>> {
      TILTAS_SQL_TRY(st, c.cached("SELECT id, name, token_hash, created_at, revoked FROM api_tokens WHERE "
                                  "token_hash = $1"));
      st.bind(1, token_hash);
      TILTAS_SQL_TRY(row, st.step());
      if (!row) return std::optional<ApiToken>();
      return std::optional<ApiToken>(read_api_token(st));
    });
  }

  Result<std::vector<ApiToken>> list_api_tokens() const override {
    return backend_.read([&](Connection& c) -> Result<std::vector<ApiToken>> {
      TILTAS_SQL_TRY(st, c.cached("SELECT id, name, token_hash, created_at, revoked FROM api_tokens ORDER BY id"));
      std::vector<ApiToken> out;
      for (;;) {
        TILTAS_SQL_TRY(row, st.step());
        if (!row) break;
        out.push_back(read_api_token(st));
      }
      return out;
    });
  }

  Status revoke_api_token(const std::string& name) override {
    return backend_.write([&](Connection& c) -> Status {
      TILTAS_SQL_TRY(st, c.cached("UPDATE api_tokens SET revoked = 1, revoked_at = $1 WHERE name = $2 AND "
                                  "revoked = 0"));
      st.bind(1, now_utc()).bind(2, name);
      TILTAS_SQL_TRY_STATUS(st.run());
      if (c.changes() == 0) return not_found(fmt::format("no active token named '{}'", name), "name");
      return ok();
    });
  }

 private:
  template <SqlStatement S>
  static ApiToken read_api_token(const S& st) {
    return ApiToken{st.int64(0), st.text(1), st.text(2), st.text(3), st.int64(4) != 0};
  }

 public:
  Result<std::int64_t> database_size_bytes() const override {
    // The one statement that differs by engine; describe() names the engine
    // ("sqlite ..." / "postgresql ...").
    const bool sqlite = backend_.describe().starts_with("sqlite");
    return backend_.read([&](Connection& c) -> Result<std::int64_t> {
      TILTAS_SQL_TRY(st, c.cached(sqlite ? "SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()"
                                         : "SELECT pg_database_size(current_database())"));
      TILTAS_SQL_TRY(row, st.step());
      return row ? st.int64(0) : std::int64_t{0};
    });
  }
  // ---- end of API tokens ---------------------------------------------------

  // ---- Editors: accounts, sessions, review (issue 9) -----------------------
  Result<User> create_user(const std::string& email, const std::string& role,
                           const std::string& password_hash) override {
    const std::string key = account_key(email);
    if (key.empty()) return invalid_argument("an account needs an e-mail address", "email");
    if (role != "admin" && role != "editor" && role != "viewer") {
      return invalid_argument(fmt::format("role '{}' is not admin, editor or viewer", role), "role");
    }
    if (password_hash.empty()) return invalid_argument("an account needs a password hash", "password");
    return backend_.write([&](Connection& c) -> Result<User> {
      {
        TILTAS_SQL_TRY(st, c.cached("SELECT COUNT(*) FROM users WHERE email = $1"));
        st.bind(1, key);
        TILTAS_SQL_TRY(row, st.step());
        if (row && st.int64(0) > 0) {
          return make_error(ErrorCode::kAlreadyExists, fmt::format("an account '{}' exists", key), "email");
        }
      }
      User user{0, key, role, password_hash, now_utc()};
      TILTAS_SQL_TRY(ins, c.cached("INSERT INTO users (email, role, password_hash, created_at) VALUES ($1, $2, $3, "
                                   "$4) RETURNING id"));
      ins.bind(1, key).bind(2, role).bind(3, password_hash).bind(4, user.created_at);
      TILTAS_SQL_TRY(row, ins.step());
      if (!row) return internal_error("inserting an account returned no id");
      user.id = ins.int64(0);
      return user;
    });
  }

  Result<std::optional<User>> find_user(const std::string& email) const override {
    const std::string key = account_key(email);
    return backend_.read([&](Connection& c) -> Result<std::optional<User>> {
      TILTAS_SQL_TRY(st, c.cached("SELECT id, email, role, password_hash, created_at FROM users WHERE email = $1"));
      st.bind(1, key);
      TILTAS_SQL_TRY(row, st.step());
      if (!row) return std::optional<User>();
      return std::optional<User>(User{st.int64(0), st.text(1), st.text(2), st.text(3), st.text(4)});
    });
  }

  Result<std::vector<User>> list_users() const override {
    return backend_.read([&](Connection& c) -> Result<std::vector<User>> {
      // Addresses are lower-case ASCII mostly; sorted here, not by the
      // database's collation.
      TILTAS_SQL_TRY(st, c.cached("SELECT id, email, role, password_hash, created_at FROM users"));
      std::vector<User> out;
      for (;;) {
        TILTAS_SQL_TRY(row, st.step());
        if (!row) break;
        out.push_back(User{st.int64(0), st.text(1), st.text(2), st.text(3), st.text(4)});
      }
      std::sort(out.begin(), out.end(), [](const User& a, const User& b) { return a.email < b.email; });
      return out;
    });
  }

  Status remove_user(const std::string& email) override {
    const std::string key = account_key(email);
    return backend_.write([&](Connection& c) -> Status {
      // Sessions explicitly too: the foreign key's cascade is the second line.
      TILTAS_SQL_TRY(s, c.cached("DELETE FROM sessions WHERE user_id IN (SELECT id FROM users WHERE email = $1)"));
      s.bind(1, key);
      TILTAS_SQL_TRY_STATUS(s.run());
      TILTAS_SQL_TRY(st, c.cached("DELETE FROM users WHERE email = $1"));
      st.bind(1, key);
      TILTAS_SQL_TRY_STATUS(st.run());
      if (c.changes() == 0) return not_found(fmt::format("no account '{}'", key), "email");
      return ok();
    });
  }

  Status create_session(const Session& session) override {
    if (session.id_hash.empty()) return invalid_argument("a session needs an id hash", "id_hash");
    if (session.csrf_token.empty()) return invalid_argument("a session needs a CSRF token", "csrf_token");
    return backend_.write([&](Connection& c) -> Status {
      {
        TILTAS_SQL_TRY(st, c.cached("SELECT COUNT(*) FROM users WHERE id = $1"));
        st.bind(1, session.user_id);
        TILTAS_SQL_TRY(row, st.step());
        if (!row || st.int64(0) == 0) return not_found(fmt::format("no account {}", session.user_id), "user_id");
      }
      TILTAS_SQL_TRY(ins, c.cached("INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, expires_at) "
                                   "VALUES ($1, $2, $3, $4, $5)"));
      ins.bind(1, session.id_hash)
          .bind(2, session.user_id)
          .bind(3, session.csrf_token)
          .bind(4, session.created_at)
          .bind(5, session.expires_at);
      return ins.run();
    });
  }

  Result<std::optional<Session>> find_session(const std::string& id_hash, const std::string& now) const override {
    return backend_.read([&](Connection& c) -> Result<std::optional<Session>> {
      TILTAS_SQL_TRY(st, c.cached("SELECT s.id_hash, s.user_id, s.csrf_token, s.created_at, s.expires_at, u.email, "
                                  "u.role FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id_hash = $1 "
                                  "AND s.expires_at > $2"));
      st.bind(1, id_hash).bind(2, now);
      TILTAS_SQL_TRY(row, st.step());
      if (!row) return std::optional<Session>();
      return std::optional<Session>(
          Session{st.text(0), st.int64(1), st.text(2), st.text(3), st.text(4), st.text(5), st.text(6)});
    });
  }

  Status delete_session(const std::string& id_hash) override {
    return backend_.write([&](Connection& c) -> Status {
      TILTAS_SQL_TRY(st, c.cached("DELETE FROM sessions WHERE id_hash = $1"));
      st.bind(1, id_hash);
      return st.run();
    });
  }

  Result<int> delete_sessions_of_user(Id user_id) override {
    return backend_.write([&](Connection& c) -> Result<int> {
      TILTAS_SQL_TRY(st, c.cached("DELETE FROM sessions WHERE user_id = $1"));
      st.bind(1, user_id);
      TILTAS_SQL_TRY_STATUS(st.run());
      return static_cast<int>(c.changes());
    });
  }

  Status record_login_failure(const std::string& key, const std::string& at) override {
    return backend_.write([&](Connection& c) -> Status {
      TILTAS_SQL_TRY(st, c.cached("INSERT INTO login_failures (failure_key, failed_at) VALUES ($1, $2)"));
      st.bind(1, key).bind(2, at);
      return st.run();
    });
  }

  Result<std::int64_t> count_login_failures(const std::string& key, const std::string& since) const override {
    return backend_.read([&](Connection& c) -> Result<std::int64_t> {
      TILTAS_SQL_TRY(st, c.cached("SELECT COUNT(*) FROM login_failures WHERE failure_key = $1 AND failed_at >= $2"));
      st.bind(1, key).bind(2, since);
      TILTAS_SQL_TRY(row, st.step());
      return row ? st.int64(0) : std::int64_t{0};
    });
  }

  Status clear_login_failures(const std::string& key) override {
    return backend_.write([&](Connection& c) -> Status {
      TILTAS_SQL_TRY(st, c.cached("DELETE FROM login_failures WHERE failure_key = $1"));
      st.bind(1, key);
      return st.run();
    });
  }

  Result<std::vector<ReviewItem>> review_queue(const ProjectFilter& f, int limit) const override {
    return backend_.read([&](Connection& c) -> Result<std::vector<ReviewItem>> {
      // Conditions are fixed SQL fragments; only their values are bound.
      std::string where = " WHERE p.translation_of IS NULL AND p.review_state = 'draft'";
      if (f.programme) where += " AND p.programme = $1";
      if (f.language) where += " AND p.default_language = $2";
      if (f.document_id) where += " AND p.document_id = $3";
      TILTAS_SQL_TRY(st,
                     c.cached("SELECT p.id, p.default_language, p.programme, p.period_start, p.period_end, "
                              "p.review_state, p.kind, "
                              "COALESCE((SELECT t.title FROM project_texts t WHERE t.project_id = p.id AND t.language "
                              "= p.default_language), "
                              "(SELECT t.title FROM project_texts t WHERE t.project_id = p.id AND t.title IS NOT NULL "
                              "ORDER BY t.language LIMIT 1), ''), "
                              "(SELECT COUNT(*) FROM findings x WHERE x.project_id = p.id AND x.severity = 'error'), "
                              "(SELECT COUNT(*) FROM findings x WHERE x.project_id = p.id AND x.severity = "
                              "'warning'), "
                              "(SELECT COUNT(*) FROM findings x WHERE x.project_id = p.id) "
                              "FROM projects p" +
                              where + " ORDER BY 9 DESC, 10 DESC, 11 DESC, p.id LIMIT $4"));
      if (f.programme) st.bind(1, *f.programme);
      if (f.language) st.bind(2, *f.language);
      if (f.document_id) st.bind(3, *f.document_id);
      st.bind(4, static_cast<std::int64_t>(std::clamp(limit, 1, 1000)));
      std::vector<ReviewItem> out;
      for (;;) {
        TILTAS_SQL_TRY(row, st.step());
        if (!row) break;
        ReviewItem item;
        ProjectSummary& s = item.project;
        s.id = st.int64(0);
        s.language = st.text(1);
        s.programme = st.opt_text(2);
        s.period.start = read_date(st.opt_text(3));
        s.period.end = read_date(st.opt_text(4));
        s.review_state = model::parse_review_state(st.text(5)).value_or(ReviewState::kDraft);
        s.kind = model::parse_project_kind(st.text(6)).value_or(model::ProjectKind::kProject);
        s.title = st.text(7);
        item.errors = st.int64(8);
        item.warnings = st.int64(9);
        item.findings = st.int64(10);
        out.push_back(std::move(item));
      }
      return out;
    });
  }

  Result<int> change_review_state(const std::vector<Id>& ids, ReviewState state, const Edit& edit) override {
    return backend_.write([&](Connection& c) -> Result<int> {
      int changed = 0;
      std::string now = now_utc();
      const std::string new_text = nlohmann::json(std::string(to_string(state))).dump();
      for (Id id : ids) {
        TILTAS_SQL_TRY(st, c.cached("SELECT review_state FROM projects WHERE id = $1"));
        st.bind(1, id);
        TILTAS_SQL_TRY(found, st.step());
        if (!found) return not_found(fmt::format("project {} does not exist", id), "id");
        const std::string old_state = st.text(0);
        if (old_state == to_string(state)) continue;
        // A project's translations share its review state.
        TILTAS_SQL_TRY(up, c.cached("UPDATE projects SET review_state = $1, updated_at = $2 WHERE id = $3 OR "
                                    "translation_of = $3 OR id = (SELECT translation_of FROM projects WHERE id = $3)"));
        up.bind(1, std::string(to_string(state))).bind(2, now).bind(3, id);
        TILTAS_SQL_TRY_STATUS(up.run());
        TILTAS_SQL_TRY_STATUS(audit_in(c, id, "review_state", nlohmann::json(old_state).dump(), new_text, edit, now));
        ++changed;
      }
      return changed;
    });
  }

  Status accept_field(Id id, const std::string& field, const Edit& edit) override {
    const auto& keys = codec::editable_record_keys();
    if (std::find(keys.begin(), keys.end(), field) == keys.end()) {
      return invalid_argument(fmt::format("'{}' is not an editable field", field), "field");
    }
    return backend_.write([&](Connection& c) -> Status {
      TILTAS_SQL_TRY(p, load_project(c, id, Visibility::kAll, false));
      const std::string value = codec::record_field(p, field).dump();
      Edit accepted = edit;
      if (accepted.note.empty()) accepted.note = "accepted";
      TILTAS_SQL_TRY_STATUS(audit_in(c, id, field, value, value, accepted, now_utc()));
      // Findings about the field or a part of it: "period", "period.start",
      // "organisations[1].name".
      std::vector<std::int64_t> resolved;
      {
        TILTAS_SQL_TRY(st, c.cached("SELECT position, field FROM findings WHERE project_id = $1"));
        st.bind(1, id);
        for (;;) {
          TILTAS_SQL_TRY(row, st.step());
          if (!row) break;
          const std::string about = st.text(1);
          if (about == field || about.starts_with(field + ".") || about.starts_with(field + "[")) {
            resolved.push_back(st.int64(0));
          }
        }
      }
      for (std::int64_t position : resolved) {
        TILTAS_SQL_TRY(del, c.cached("DELETE FROM findings WHERE project_id = $1 AND position = $2"));
        del.bind(1, id).bind(2, position);
        TILTAS_SQL_TRY_STATUS(del.run());
      }
      return ok();
    });
  }

  Result<std::vector<Id>> merge_organisations(Id from, Id into, const Edit& edit) override {
    if (from == into) return invalid_argument("an organisation cannot be merged into itself", "into");
    return backend_.write([&](Connection& c) -> Result<std::vector<Id>> {
      TILTAS_SQL_TRY(source, load_organisation(c, from));
      TILTAS_SQL_TRY(target, load_organisation(c, into));
      if (target.cluster_id) {
        return invalid_argument(
            fmt::format("organisation {} is merged into {}; merge into that one", into, *target.cluster_id), "into");
      }
      (void)source;
      TILTAS_SQL_TRY(projects, projects_of_cluster(c, from));
      TILTAS_SQL_TRY(up, c.cached("UPDATE organisations SET cluster_id = $1 WHERE id = $2 OR cluster_id = $2"));
      up.bind(1, into).bind(2, from);
      TILTAS_SQL_TRY_STATUS(up.run());
      const std::string now = now_utc();
      const std::string old_text = nlohmann::json{{"organisation_id", from}}.dump();
      const std::string new_text = nlohmann::json{{"organisation_id", into}}.dump();
      for (Id p : projects) TILTAS_SQL_TRY_STATUS(audit_in(c, p, "organisation_merge", old_text, new_text, edit, now));
      return projects;
    });
  }

  Result<std::vector<Id>> split_organisation(Id id, const Edit& edit) override {
    return backend_.write([&](Connection& c) -> Result<std::vector<Id>> {
      TILTAS_SQL_TRY(org, load_organisation(c, id));
      if (!org.cluster_id) {
        return make_error(ErrorCode::kFailedPrecondition, fmt::format("organisation {} is not merged", id), "id");
      }
      TILTAS_SQL_TRY(projects, projects_of_cluster(c, id));
      TILTAS_SQL_TRY(up, c.cached("UPDATE organisations SET cluster_id = NULL WHERE id = $1"));
      up.bind(1, id);
      TILTAS_SQL_TRY_STATUS(up.run());
      const std::string now = now_utc();
      const std::string old_text = nlohmann::json{{"organisation_id", *org.cluster_id}}.dump();
      const std::string new_text = nlohmann::json{{"organisation_id", id}}.dump();
      for (Id p : projects) TILTAS_SQL_TRY_STATUS(audit_in(c, p, "organisation_merge", old_text, new_text, edit, now));
      return projects;
    });
  }

  Result<AuditEntry> get_audit_entry(Id audit_id) const override {
    return backend_.read([&](Connection& c) -> Result<AuditEntry> {
      TILTAS_SQL_TRY(st, c.cached("SELECT id, project_id, field, old_value, new_value, editor, note, changed_at "
                                  "FROM audit_log WHERE id = $1"));
      st.bind(1, audit_id);
      TILTAS_SQL_TRY(row, st.step());
      if (!row) return not_found(fmt::format("audit entry {} does not exist", audit_id), "audit_id");
      return AuditEntry{st.int64(0), st.int64(1), st.text(2), st.text(3), st.text(4), st.text(5), st.text(6),
                        st.text(7)};
    });
  }

 private:
  // E-mail addresses are compared and stored lower-case, trimmed.
  static std::string account_key(const std::string& email) {
    std::size_t b = email.find_first_not_of(" \t\r\n");
    if (b == std::string::npos) return {};
    std::size_t e = email.find_last_not_of(" \t\r\n");
    std::string out = email.substr(b, e - b + 1);
    for (char& ch : out) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    return out;
  }

  static Status audit_in(Connection& c, Id project_id, const std::string& field, const std::string& old_text,
                         const std::string& new_text, const Edit& edit, const std::string& now) {
    TILTAS_SQL_TRY(audit, c.cached("INSERT INTO audit_log (project_id, field, old_value, new_value, editor, note, "
                                   "changed_at) VALUES ($1, $2, $3, $4, $5, $6, $7)"));
    audit.bind(1, project_id).bind(2, field).bind(3, old_text).bind(4, new_text).bind(5, edit.editor)
        .bind(6, edit.note).bind(7, now);
    return audit.run();
  }

  // The projects whose participations link to `org` or to an organisation
  // merged into it, by id.
  static Result<std::vector<Id>> projects_of_cluster(Connection& c, Id org) {
    TILTAS_SQL_TRY(st, c.cached("SELECT DISTINCT x.project_id FROM participations x JOIN organisations o ON o.id = "
                                "x.organisation_id WHERE o.id = $1 OR o.cluster_id = $1 ORDER BY x.project_id"));
    st.bind(1, org);
    std::vector<Id> out;
    for (;;) {
      TILTAS_SQL_TRY(row, st.step());
      if (!row) break;
      out.push_back(st.int64(0));
    }
    return out;
  }

 public:
  // ---- end of editors --------------------------------------------------------

  // ---- Search (the search issue; the engines are the backends') -----------
  // Deletes need no hook: the index rows go with the project (foreign keys,
  // and a trigger for SQLite's FTS5 table).

  Result<search::SearchResult> search(const search::SearchRequest& request) const override {
    return backend_.read([&](Connection& c) { return Backend::search(c, request); });
  }

  Result<std::vector<search::Suggestion>> suggest(std::string_view prefix, int limit,
                                                  bool include_drafts) const override {
    return backend_.read([&](Connection& c) { return Backend::suggest(c, prefix, limit, include_drafts); });
  }

  Result<std::vector<search::Match>> find_matches(const search::SearchQuery& query, bool include_drafts, Id after_id,
                                                  int limit) const override {
    return backend_.read([&](Connection& c) { return Backend::find_matches(c, query, include_drafts, after_id, limit); });
  }

  Result<std::int64_t> reindex() override {
    return backend_.write([&](Connection& c) { return reindex_in(c); });
  }
  // ---- end of search ------------------------------------------------------

  // ---- Copying a whole registry (store/sql_copy.h) --------------------------
  Status copy_rows_to(RowSink& sink) const override {
    const bool sqlite = is_sqlite();
    return backend_.read([&](Connection& c) -> Status {
      // One snapshot for the whole copy: PostgreSQL's reads are one
      // REPEATABLE READ transaction already, SQLite's statements are not.
      if (sqlite) TILTAS_SQL_TRY_STATUS(c.exec("BEGIN"));
      auto plan = copy_plan(c, sqlite);
      Status s = plan ? dump_rows(c, *plan, sink) : Status(unexpected(plan.error()));
      if (sqlite) (void)c.exec(s ? "COMMIT" : "ROLLBACK");
      return s;
    });
  }

  Result<LoadSummary> load_rows(const std::function<Status(RowSink&)>& produce, bool replace) override {
    const bool sqlite = is_sqlite();
    return backend_.write([&](Connection& c) -> Result<LoadSummary> {
      TILTAS_SQL_TRY(plan, copy_plan(c, sqlite));
      // Emptied children first; checked for emptiness in the same pass.
      for (auto t = plan.rbegin(); t != plan.rend(); ++t) {
        if (replace) {
          TILTAS_SQL_TRY_STATUS(c.exec("DELETE FROM " + quoted_identifier(t->name)));
          continue;
        }
        TILTAS_SQL_TRY(st, c.cached("SELECT COUNT(*) FROM " + quoted_identifier(t->name)));
        TILTAS_SQL_TRY(row, st.step());
        if (row && st.int64(0) > 0) {
          return make_error(ErrorCode::kFailedPrecondition,
                            fmt::format("the target registry {} is not empty (table '{}' has {} rows); migrate "
                                        "into an empty database, or replace what it holds with --replace",
                                        backend_.name(), t->name, st.int64(0)));
        }
      }
      std::map<std::string, std::int64_t> copied;
      {
        BulkRows bulk(c);  // PostgreSQL: rows by COPY, each table sent before the next begins
        InsertingSink<Connection> sink(c, plan);
        TILTAS_SQL_TRY_STATUS(produce(sink));
        TILTAS_SQL_TRY_STATUS(sink.finish_table());
        copied = sink.rows();
      }
      if (!sqlite) {
        // Identity columns count on from the highest id copied (SQLite's
        // INTEGER PRIMARY KEY does so by itself).
        for (const auto& t : plan) {
          if (t.primary_key.size() != 1 || t.columns[t.primary_key[0]].name != "id") continue;
          TILTAS_SQL_TRY(st, c.cached("SELECT setval(pg_get_serial_sequence($1, 'id'), (SELECT COALESCE(MAX(id), 0) "
                                      "+ 1 FROM " + quoted_identifier(t.name) + "), false) WHERE "
                                      "pg_get_serial_sequence($1, 'id') IS NOT NULL"));
          st.bind(1, t.name);
          TILTAS_SQL_TRY_STATUS(st.run());
        }
      }
      LoadSummary out;
      out.rows = std::move(copied);
      TILTAS_SQL_TRY(indexed, reindex_in(c));
      out.indexed = indexed;
      return out;
    });
  }
  // ---- end of copying -------------------------------------------------------

 private:
  // Child rows that nothing reads back while a batch is imported (texts,
  // spans, events, indicators, places, findings). On a backend whose
  // connection collects rows for COPY (PostgreSQL, inside import_documents)
  // they are collected and sent in one COPY per table at the end of the
  // batch; otherwise, and outside a batch, they are inserted at once. Rows
  // that are read during an import (amounts and activities for translation
  // matching, participations) are always inserted at once.
  template <class... V>
  static Status child_row(Connection& c, std::string_view copy_target, const std::string& insert_sql,
                          const V&... values) {
    if constexpr (requires { c.bulk(); }) {
      if (auto* bulk = c.bulk()) return bulk->add(copy_target, values...);
    }
    TILTAS_SQL_TRY(st, c.cached(insert_sql));
    int n = 0;
    (st.bind(++n, values), ...);
    return st.run();
  }

  // Runs a statement whose result nobody reads. Inside an import batch a
  // backend may only send it and learn its outcome with the next read
  // (PostgreSQL's pipeline mode, postgres::Statement::run_later); it still
  // runs before every later statement, so reads see its row.
  template <class S>
  static Status run_later(S& st) {
    if constexpr (requires { st.run_later(); }) {
      return st.run_later();
    } else {
      return st.run();
    }
  }

  // Which organisation link_organisation chose for a stated name, country
  // and language, remembered while import_documents writes one batch: a
  // batch meets the same partners again and again, and each lookup is up to
  // three SELECTs and an INSERT (a round trip each on a server). Exact,
  // because the answer can only change when the organisations change: the
  // memory is dropped whenever link_organisation inserts or updates one,
  // when a document is rolled back, and at the end of the transaction
  // (other writers may merge organisations between transactions). One per
  // writing thread, active only inside that transaction.
  class OrganisationLinks {
   public:
    OrganisationLinks() : outer_(current_) { current_ = this; }
    ~OrganisationLinks() { current_ = outer_; }
    OrganisationLinks(const OrganisationLinks&) = delete;
    OrganisationLinks& operator=(const OrganisationLinks&) = delete;
    static OrganisationLinks* current() { return current_; }
    static std::string key(const Participation& part, const std::string& language) {
      std::string k = part.name;
      k += '\0';
      if (part.country) k += *part.country;
      k += '\0';
      k += language;
      return k;
    }
    std::optional<Id> find(const std::string& key) const {
      if (auto it = links_.find(key); it != links_.end()) return it->second;
      return std::nullopt;
    }
    void remember(std::string key, Id id) {
      if (links_.size() >= 20000) links_.clear();
      links_.emplace(std::move(key), id);
    }
    void forget() { links_.clear(); }

   private:
    static inline thread_local OrganisationLinks* current_ = nullptr;
    OrganisationLinks* outer_;
    std::unordered_map<std::string, Id> links_;
  };

  // The COPY batch of import_documents, a no-op where the backend has none.
  class BulkRows {
   public:
    explicit BulkRows(Connection& c) : c_(c) {
      if constexpr (requires { c.begin_bulk(); }) c_.begin_bulk();
    }
    ~BulkRows() {
      if constexpr (requires { c_.end_bulk(); }) c_.end_bulk();
    }
    BulkRows(const BulkRows&) = delete;
    BulkRows& operator=(const BulkRows&) = delete;
    void mark() {
      if constexpr (requires { c_.bulk(); }) {
        if (auto* b = c_.bulk()) b->mark();
      }
    }
    void rollback_to_mark() {
      if constexpr (requires { c_.bulk(); }) {
        if (auto* b = c_.bulk()) b->rollback_to_mark();
      }
    }
    Status flush() { return flush(c_); }
    static Status flush(Connection& c) {
      if constexpr (requires { c.flush_bulk(); }) return c.flush_bulk();
      return ok();
    }

   private:
    Connection& c_;
  };

  static std::optional<std::int64_t> span_start(const model::OptionalSpan& span) {
    if (!span) return std::nullopt;
    return static_cast<std::int64_t>(span->start);
  }
  static std::optional<std::int64_t> span_end(const model::OptionalSpan& span) {
    if (!span) return std::nullopt;
    return static_cast<std::int64_t>(span->end);
  }

  // The engine, for the few statements that differ (describe() names it).
  bool is_sqlite() const { return backend_.describe().starts_with("sqlite"); }

  // Rebuilds the search index inside a write transaction.
  Result<std::int64_t> reindex_in(Connection& c) {
    TILTAS_SQL_TRY_STATUS(Backend::clear_search_index(c));
    std::vector<Id> ids;
    {
      TILTAS_SQL_TRY(st, c.cached("SELECT id FROM projects ORDER BY id"));
      for (;;) {
        TILTAS_SQL_TRY(row, st.step());
        if (!row) break;
        ids.push_back(st.int64(0));
      }
    }
    for (Id id : ids) {
      // The record's own texts, as an import indexes them.
      TILTAS_SQL_TRY(p, load_project(c, id, Visibility::kAll, false));
      TILTAS_SQL_TRY_STATUS(Backend::index_project(c, p));
    }
    return static_cast<std::int64_t>(ids.size());
  }

  // The body of import_document, inside the backend's write transaction.
  // `analysed`: analyse_record() of the records, when the caller made it.
  Result<ImportResult> import_in(Connection& c, const Document& doc, const std::vector<Project>& records,
                                 const std::vector<AnalysedRecord>& analysed = {}) {
    ImportResult result;
    {
      TILTAS_SQL_TRY(st, c.cached("SELECT id FROM documents WHERE sha256 = $1"));
      st.bind(1, doc.sha256);
      TILTAS_SQL_TRY(found, st.step());
      if (found) {
        result.document_id = st.int64(0);
        result.outcome = DocumentOutcome::kUnchanged;
        return result;  // nothing written
      }
    }
    std::vector<Id> previous;
    {
      TILTAS_SQL_TRY(st, c.cached("SELECT id FROM documents WHERE source = $1"));
      st.bind(1, doc.source);
      for (;;) {
        TILTAS_SQL_TRY(row, st.step());
        if (!row) break;
        previous.push_back(st.int64(0));
      }
    }
    result.outcome = previous.empty() ? DocumentOutcome::kNew : DocumentOutcome::kChanged;
    // A revision reads and replaces its projects' child rows: those still
    // waiting for COPY must be in the tables first.
    if (!previous.empty()) TILTAS_SQL_TRY_STATUS(BulkRows::flush(c));
    // The source's current projects by position: a new revision of the page
    // updates them in place so that ids (and links to them) survive.
    std::map<int, Id> current;
    for (Id old : previous) {
      TILTAS_SQL_TRY(st, c.cached("SELECT id, ordinal FROM projects WHERE document_id = $1"));
      st.bind(1, old);
      for (;;) {
        TILTAS_SQL_TRY(row, st.step());
        if (!row) break;
        current[static_cast<int>(st.int64(1))] = st.int64(0);
      }
    }
    std::string now = now_utc();
    {
      TILTAS_SQL_TRY(
          st, c.cached("INSERT INTO documents (source, name, sha256, language, media_type, content, imported_at) "
                       "VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id"));
      st.bind(1, doc.source)
          .bind(2, doc.name)
          .bind(3, doc.sha256)
          .bind(4, doc.language)
          .bind(5, doc.media_type)
          .bind(6, doc.text)
          .bind(7, now);
      TILTAS_SQL_TRY(row, st.step());
      if (!row) return internal_error("inserting a document returned no id");
      result.document_id = st.int64(0);
    }
    for (std::size_t i = 0; i < records.size(); ++i) {
      Project p = records[i];
      p.document_id = result.document_id;
      p.ordinal = static_cast<int>(i);
      p.review_state = ReviewState::kDraft;
      auto old = current.find(p.ordinal);
      bool fresh = old == current.end();
      if (!fresh) {
        TILTAS_SQL_TRY_STATUS(revise_project(c, old->second, p, now));
        p.id = old->second;
        current.erase(old);
        ++result.updated;
      } else {
        TILTAS_SQL_TRY(id, insert_project(c, p, now));
        p.id = id;
        ++result.created;
      }
      result.project_ids.push_back(p.id);
      TILTAS_SQL_TRY_STATUS(link_translation(c, p));
      // search: same transaction. A revision is indexed from `p` as stored
      // (with the editor's corrections); a new project from the caller's
      // analysis of the record when there is one.
      if (fresh) {
        if (i < analysed.size()) {
          TILTAS_SQL_TRY_STATUS(index_new(c, p, analysed[i]));
        } else {
          TILTAS_SQL_TRY_STATUS(index_new(c, p, analyse_record(p)));
        }
      } else {
        TILTAS_SQL_TRY_STATUS(Backend::index_project(c, p));
      }
    }
    for (const auto& [ordinal, id] : current) {
      TILTAS_SQL_TRY(del, c.cached("DELETE FROM projects WHERE id = $1"));
      del.bind(1, id);
      TILTAS_SQL_TRY_STATUS(del.run());
      ++result.removed;
    }
    return result;
  }

  // Indexes a project that has no index rows yet (the backend may skip
  // deleting them).
  static Status index_new(Connection& c, const Project& p, const AnalysedRecord& a) {
    if constexpr (requires { Backend::index_new_project(c, p, a); }) {
      return Backend::index_new_project(c, p, a);
    } else {
      return Backend::index_project(c, p);
    }
  }

  template <SqlStatement S>
  static Document read_document(const S& st, bool with_text) {
    Document d;
    d.id = st.int64(0);
    d.source = st.text(1);
    d.name = st.text(2);
    d.sha256 = st.text(3);
    d.language = st.text(4);
    d.media_type = st.text(5);
    if (with_text) d.text = st.text(6);
    d.imported_at = st.text(7);
    return d;
  }

  // Finds the organisation a stated name and country denote, creating it
  // when new: the same name key, else the same acronym ("LGL" ~ "National
  // LGBT rights organization LGL"); countries must agree where both known.
  // Among several candidates: the same country first, then one whose country
  // is unknown, then the oldest. (Written as CASE rather than ordering by a
  // boolean that may be NULL: the engines sort NULL at opposite ends.)
  Result<Id> link_organisation(Connection& c, const Participation& part, const std::string& language,
                               const std::string& now) {
    OrganisationLinks* links = OrganisationLinks::current();
    std::string link_key;
    if (links) {
      link_key = OrganisationLinks::key(part, language);
      if (auto id = links->find(link_key)) return *id;
    }
    auto linked = link_organisation_anew(c, part, language, now);
    if (links && linked) links->remember(std::move(link_key), *linked);
    return linked;
  }

  // link_organisation without the batch's memory; drops that memory when it
  // changes an organisation.
  Result<Id> link_organisation_anew(Connection& c, const Participation& part, const std::string& language,
                                    const std::string& now) {
    auto changed = [] {
      if (auto* links = OrganisationLinks::current()) links->forget();
    };
    auto [key, acronym] = name_key_and_acronym(part.name);
    const char* kCompatible =
        " AND (country IS NULL OR $2 IS NULL OR country = $2) "
        "ORDER BY CASE WHEN country = $2 THEN 2 WHEN country IS NULL THEN 1 ELSE 0 END DESC, id LIMIT 1";
    std::optional<Id> found;
    std::optional<std::string> found_country;
    auto try_match = [&](const std::string& where, const std::string& value) -> Status {
      if (found || value.empty()) return ok();
      auto st = c.cached("SELECT id, country FROM organisations WHERE " + where + kCompatible);
      if (!st) return unexpected(st.error());
      st->bind(1, value).bind(2, part.country);
      auto row = st->step();
      if (!row) return unexpected(row.error());
      if (*row) {
        found = st->int64(0);
        found_country = st->opt_text(1);
      }
      return ok();
    };
    TILTAS_SQL_TRY_STATUS(try_match("name_key = $1", key));
    if (acronym == key) TILTAS_SQL_TRY_STATUS(try_match("acronym = $1", acronym));
    if (acronym != key) TILTAS_SQL_TRY_STATUS(try_match("name_key = $1", acronym));
    if (found) {
      if (!found_country && part.country) {
        changed();
        TILTAS_SQL_TRY(up, c.cached("UPDATE organisations SET country = $1 WHERE id = $2"));
        up.bind(1, part.country).bind(2, *found);
        TILTAS_SQL_TRY_STATUS(up.run());
      }
      if (acronym != key && !acronym.empty()) {
        // The longer name teaches us the acronym of an organisation first
        // seen by its acronym alone. Rows it would leave as they are are not
        // touched, so that the batch's memory of links outlives it.
        TILTAS_SQL_TRY(up, c.cached("UPDATE organisations SET acronym = $1, display_name = CASE WHEN name_key = "
                                    "acronym OR name_key = $1 THEN $2 ELSE display_name END WHERE id = $3 AND ("
                                    "acronym IS NULL OR acronym <> $1 OR ((name_key = acronym OR name_key = $1) AND "
                                    "display_name <> $2))"));
        up.bind(1, acronym).bind(2, part.name).bind(3, *found);
        TILTAS_SQL_TRY_STATUS(up.run());
        if (c.changes() > 0) changed();
      }
      TILTAS_SQL_TRY_STATUS(add_name(c, *found, language, part.name));
      return *found;
    }
    changed();
    TILTAS_SQL_TRY(ins, c.cached("INSERT INTO organisations (display_name, country, name_key, acronym, created_at) "
                                 "VALUES ($1, $2, $3, $4, $5) RETURNING id"));
    ins.bind(1, part.name).bind(2, part.country).bind(3, key).bind(4, acronym).bind(5, now);
    TILTAS_SQL_TRY(row, ins.step());
    if (!row) return internal_error("inserting an organisation returned no id");
    Id id = ins.int64(0);
    TILTAS_SQL_TRY_STATUS(add_name(c, id, language, part.name));
    return id;
  }

  // organisation_name_key and organisation_acronym of `name`, remembered
  // per thread: an import meets the same few hundred partners again and
  // again, and the key (ICU folding, legal forms, inflection) costs more than
  // the lookups it feeds. Pure, so a cache can never be stale; bounded.
  static std::pair<std::string, std::string> name_key_and_acronym(const std::string& name) {
    thread_local std::unordered_map<std::string, std::pair<std::string, std::string>> cache;
    if (auto it = cache.find(name); it != cache.end()) return it->second;
    if (cache.size() >= 20000) cache.clear();
    auto value = std::make_pair(organisation_name_key(name), organisation_acronym(name));
    cache.emplace(name, value);
    return value;
  }

  static Status add_name(Connection& c, Id org, const std::string& language, const std::string& name) {
    TILTAS_SQL_TRY(st, c.cached("INSERT INTO organisation_names (organisation_id, language, name) VALUES ($1, $2, $3) "
                                "ON CONFLICT DO NOTHING"));
    st.bind(1, org).bind(2, language).bind(3, name);
    return run_later(st);
  }

  // Joins a just-inserted record to a stored project in another language
  // when model::translation_match_score says they are one project.
  //
  // Candidates have an equal amount, or a start that agrees (the periods
  // agree at their common precision: one ISO text a prefix of the other);
  // records of another programme are none (the score would be negative).
  // Many projects of a fund share a start and amounts (one call's dates,
  // standard grant sizes), so every lookup is bounded: per amount, the
  // kCandidateWindow newest projects with it; per other language and form
  // of the start, the kCandidateWindow newest with it. The indexes of
  // migration 7 give those in order, so a record costs about the same in a
  // registry of a thousand look-alikes or of a million (unbounded lookups
  // made such imports quadratic). A translation imported more than a window
  // of look-alikes after its twin, sharing no amount that the look-alikes
  // lack, stays unlinked; an editor can still link it.
  //
  // The year range of a coarser start ends at "YYYY-99", above every ISO
  // date of that year in any collation that orders digits (a bound like
  // "YYYY~" holds only in byte order, and PostgreSQL databases often collate
  // by locale).
  static constexpr std::int64_t kCandidateWindow = 200;
  static constexpr std::size_t kMaxCandidates = 50;  // scored, per kind of lookup

  Status link_translation(Connection& c, const Project& p) {
    std::optional<std::string> start, end;
    if (p.period.start) start = p.period.start->to_iso();
    if (p.period.end) end = p.period.end->to_iso();
    std::vector<Id> candidates;
    auto add = [&candidates](Id id) {
      if (std::find(candidates.begin(), candidates.end(), id) == candidates.end()) candidates.push_back(id);
    };
    // An equal amount first: it tells look-alike projects of one call apart.
    for (const model::Amount& amount : p.amounts) {
      if (amount.minor_units <= 0 || candidates.size() >= kMaxCandidates) continue;
      // The window's ids newest first, each project read only until the
      // budget is full (a fund's standard grant size is shared by many).
      TILTAS_SQL_TRY(st, c.cached("SELECT p.id FROM (SELECT project_id FROM amounts"
                                  " WHERE minor_units = $4 AND currency = $5 ORDER BY project_id DESC LIMIT $6) AS a"
                                  " JOIN projects p ON p.id = a.project_id"
                                  " WHERE p.id <> $1 AND p.default_language <> $2"
                                  " AND (p.document_id IS NULL OR p.document_id <> $3)"
                                  " AND ($7 IS NULL OR p.programme IS NULL OR p.programme = $7) LIMIT $8"));
      st.bind(1, p.id).bind(2, p.default_language).bind(3, p.document_id);
      st.bind(4, static_cast<std::int64_t>(amount.minor_units)).bind(5, amount.currency);
      st.bind(6, kCandidateWindow).bind(7, p.programme);
      st.bind(8, static_cast<std::int64_t>(kMaxCandidates - candidates.size()));
      for (;;) {
        TILTAS_SQL_TRY(row, st.step());
        if (!row || candidates.size() >= kMaxCandidates) break;
        add(st.int64(0));
      }
    }
    // Then a start that agrees, with a budget of its own.
    const std::size_t by_amount = candidates.size();
    if (start) {
      // The other languages of the registry: one index step each.
      std::vector<std::string> languages;
      {
        TILTAS_SQL_TRY(st, c.cached("WITH RECURSIVE langs (l) AS (SELECT MIN(default_language) FROM projects"
                                    " UNION ALL SELECT (SELECT MIN(default_language) FROM projects"
                                    " WHERE default_language > langs.l) FROM langs WHERE langs.l IS NOT NULL)"
                                    " SELECT l FROM langs WHERE l IS NOT NULL AND l <> $1"));
        st.bind(1, p.default_language);
        for (;;) {
          TILTAS_SQL_TRY(row, st.step());
          if (!row) break;
          languages.push_back(st.text(0));
        }
      }
      // The window of each form of the start, then the checks, on the
      // columns that projects_language_start carries (no table reads).
      // Each form stops at the budget: the newest kMaxCandidates of all
      // forms are among the newest kMaxCandidates of each, and the window
      // (a subquery SQLite runs as a coroutine, ordered by id) is read only
      // that far.
      static const std::string kChecks =
          "id <> $1 AND (document_id IS NULL OR document_id <> $3)"
          " AND ($5 IS NULL OR period_end IS NULL OR substr(period_end, 1, length($5)) = $5"
          "      OR substr($5, 1, length(period_end)) = period_end)"
          " AND ($7 IS NULL OR programme IS NULL OR programme = $7)";
      static const std::string kByStart =
          "SELECT id FROM (SELECT id FROM (SELECT id, period_end, programme, document_id FROM projects"
          " WHERE default_language = $2 AND period_start = $4 ORDER BY id DESC LIMIT $6) AS w WHERE " +
          kChecks + " LIMIT $8) AS same_day" +
          " UNION ALL SELECT id FROM (SELECT id FROM (SELECT id, period_end, programme, document_id FROM projects"
          " WHERE default_language = $2 AND period_start = substr($4, 1, 7) AND length($4) > 7"
          " ORDER BY id DESC LIMIT $6) AS w WHERE " +
          kChecks + " LIMIT $8) AS same_month" +
          " UNION ALL SELECT id FROM (SELECT id FROM (SELECT id, period_end, programme, document_id FROM projects"
          " WHERE default_language = $2 AND period_start = substr($4, 1, 4) AND length($4) > 4"
          " ORDER BY id DESC LIMIT $6) AS w WHERE " +
          kChecks + " LIMIT $8) AS same_year" +
          " UNION ALL SELECT id FROM (SELECT id FROM (SELECT id, period_end, programme, document_id FROM projects"
          " WHERE default_language = $2 AND period_start > $4 || '-' AND period_start < $4 || '-99'"
          " ORDER BY id DESC LIMIT $6) AS w WHERE " +
          kChecks + " LIMIT $8) AS within_start ORDER BY 1 DESC";
      for (const std::string& language : languages) {
        TILTAS_SQL_TRY(st, c.cached(kByStart));
        st.bind(1, p.id).bind(2, language).bind(3, p.document_id).bind(4, start).bind(5, end);
        st.bind(6, kCandidateWindow).bind(7, p.programme);
        st.bind(8, static_cast<std::int64_t>(kMaxCandidates));
        for (;;) {
          TILTAS_SQL_TRY(row, st.step());
          if (!row || candidates.size() - by_amount >= kMaxCandidates) break;
          add(st.int64(0));
        }
      }
    }
    double best_score = model::kTranslationThreshold;
    std::optional<Id> best;
    TILTAS_SQL_TRY(facts, load_match_facts(c, candidates));
    for (Id candidate : candidates) {
      auto found = facts.find(candidate);
      if (found == facts.end()) return not_found(fmt::format("project {} does not exist", candidate), "id");
      const Project& other = found->second;
      double score = model::translation_match_score(p, other);
      if (score < best_score) continue;
      Id group = other.translation_of.value_or(other.id);
      // One record per language in a group. Two lookups by key, not one
      // with OR: given "(id = $1 OR translation_of = $1) AND
      // default_language = $2", SQLite (3.40) walks projects_language_start
      // over every record of the language and reads each row, which made an
      // import quadratic (at 50,000 pages, nine tenths of the writer's time).
      TILTAS_SQL_TRY(q, c.cached("SELECT COUNT(*) FROM (SELECT default_language FROM projects WHERE id = $1"
                                 " UNION ALL SELECT default_language FROM projects WHERE translation_of = $1) AS g"
                                 " WHERE default_language = $2"));
      q.bind(1, group).bind(2, p.default_language);
      TILTAS_SQL_TRY(row, q.step());
      if (row && q.int64(0) > 0) continue;
      best_score = score;
      best = group;
    }
    if (!best) return ok();
    TILTAS_SQL_TRY(up, c.cached("UPDATE projects SET translation_of = $1 WHERE id = $2"));
    up.bind(1, *best).bind(2, p.id);
    return up.run();
  }

  // The facts translation_match_score compares, and nothing else, of every
  // candidate: four reads for up to 64 candidates (the ids as a list of
  // parameters, padded with the first one so that one statement per table
  // serves every count), rather than four per candidate.
  static Result<std::map<Id, Project>> load_match_facts(Connection& c, const std::vector<Id>& ids) {
    constexpr std::size_t kChunk = 64;
    std::map<Id, Project> out;
    std::string in = "(";
    for (std::size_t k = 0; k < kChunk; ++k) in += fmt::format("{}${}", k ? ", " : "", k + 1);
    in += ")";
    for (std::size_t from = 0; from < ids.size(); from += kChunk) {
      auto bind_ids = [&](auto& st) {
        for (std::size_t k = 0; k < kChunk; ++k) {
          st.bind(static_cast<int>(k + 1), ids[from + k < ids.size() ? from + k : from]);
        }
      };
      auto rows = [&](const std::string& sql, auto&& on_row) -> Status {
        TILTAS_SQL_TRY(st, c.cached(sql));
        bind_ids(st);
        for (;;) {
          TILTAS_SQL_TRY(row, st.step());
          if (!row) break;
          on_row(st);
        }
        return ok();
      };
      TILTAS_SQL_TRY_STATUS(rows("SELECT id, default_language, programme, period_start, period_end, translation_of "
                                 "FROM projects WHERE id IN " + in,
                                 [&](auto& st) {
                                   Project& p = out[st.int64(0)];
                                   p.id = st.int64(0);
                                   p.default_language = st.text(1);
                                   p.programme = st.opt_text(2);
                                   p.period.start = read_date(st.opt_text(3));
                                   p.period.end = read_date(st.opt_text(4));
                                   p.translation_of = st.opt_int64(5);
                                 }));
      // Children of a project that exists (read above); within a project
      // in the order of its rows, as the scoring does not care.
      TILTAS_SQL_TRY_STATUS(rows("SELECT project_id, code FROM activities WHERE project_id IN " + in, [&](auto& st) {
        out[st.int64(0)].activities.push_back({st.text(1), "", std::nullopt});
      }));
      TILTAS_SQL_TRY_STATUS(
          rows("SELECT project_id, minor_units, currency FROM amounts WHERE project_id IN " + in, [&](auto& st) {
            out[st.int64(0)].amounts.push_back({st.int64(1), st.text(2), model::AmountKind::kOther, std::nullopt});
          }));
      TILTAS_SQL_TRY_STATUS(rows(
          "SELECT project_id, role, stated_country FROM participations WHERE project_id IN " + in, [&](auto& st) {
            out[st.int64(0)].participations.push_back(
                {"", st.opt_text(2), model::parse_role(st.text(1)).value_or(model::Role::kOther), std::nullopt,
                 std::nullopt});
          }));
    }
    return out;
  }

  static Status delete_children(Connection& c, Id id) {
    for (const char* table : {"project_texts", "field_spans", "amounts", "participations", "activities", "events",
                              "indicators", "places", "findings"}) {
      TILTAS_SQL_TRY(del, c.cached(std::string("DELETE FROM ") + table + " WHERE project_id = $1"));
      del.bind(1, id);
      TILTAS_SQL_TRY_STATUS(del.run());
    }
    return ok();
  }

  // Applies an editor's corrections of project `id` to `p`, a new revision
  // read from its source: corrected fields keep the editor's value. Where the
  // source now says something other than when the editor corrected it, a
  // conflict finding tells the reviewer so.
  static Status keep_corrections(Connection& c, Id id, Project& p) {
    std::vector<std::tuple<std::string, std::string, std::string>> corrections;
    {
      TILTAS_SQL_TRY(st, c.cached("SELECT field, value, source_value FROM corrections WHERE project_id = $1 ORDER BY field"));
      st.bind(1, id);
      for (;;) {
        TILTAS_SQL_TRY(row, st.step());
        if (!row) break;
        corrections.emplace_back(st.text(0), st.text(1), st.text(2));
      }
    }
    if (corrections.empty()) return ok();
    nlohmann::json patch = nlohmann::json::object();
    std::vector<model::Finding> conflicts;
    for (const auto& [field, value, source_value] : corrections) {
      auto corrected = nlohmann::json::parse(value, nullptr, false);
      auto was = nlohmann::json::parse(source_value, nullptr, false);
      if (corrected.is_discarded() || was.is_discarded()) continue;
      nlohmann::json now_says = codec::record_field(p, field);
      if (now_says != was && now_says != corrected) {
        conflicts.push_back({field, model::Severity::kWarning,
                             fmt::format("conflict: the source page now says {} where it said {}; the editor's "
                                         "correction {} is kept",
                                         now_says.dump(), was.dump(), corrected.dump()),
                             std::nullopt});
        TILTAS_SQL_TRY(up, c.cached("UPDATE corrections SET source_value = $1 WHERE project_id = $2 AND field = $3"));
        up.bind(1, now_says.dump()).bind(2, id).bind(3, field);
        TILTAS_SQL_TRY_STATUS(up.run());
      }
      patch[field] = std::move(corrected);
    }
    auto patched = codec::apply_record_patch(p, patch);
    if (!patched) return unexpected(patched.error());
    p = std::move(*patched);
    for (auto& f : conflicts) p.findings.push_back(std::move(f));
    return ok();
  }

  // Reads project `id` anew from a changed source: its facts are replaced,
  // its id, translations and creation time kept, its revision counted up.
  // `p` leaves with the editor's corrections applied, as it was stored, so
  // that the search index sees the same record.
  Status revise_project(Connection& c, Id id, Project& p, const std::string& now) {
    TILTAS_SQL_TRY(old, load_project(c, id, Visibility::kAll, false));
    TILTAS_SQL_TRY_STATUS(keep_corrections(c, id, p));
    bool changed = !same_facts(old, p);
    if (old.review_state == ReviewState::kPublished && !changed) {
      p.review_state = ReviewState::kPublished;
    } else if (old.review_state == ReviewState::kPublished) {
      p.findings.push_back({"", model::Severity::kWarning,
                            fmt::format("the source page changed (revision {}): the facts differ from the published "
                                        "revision, so the project returned to draft for review",
                                        old.revision + 1),
                            std::nullopt});
    }
    TILTAS_SQL_TRY(up, c.cached("UPDATE projects SET document_id = $1, ordinal = $2, kind = $3, default_language = "
                                "$4, programme = $5, "
                                "status = $6, period_start = $7, period_end = $8, review_state = $9, notes = $10, "
                                "updated_at = $11, revision = revision + 1 WHERE id = $12"));
    up.bind(1, p.document_id)
        .bind(2, static_cast<std::int64_t>(p.ordinal))
        .bind(3, std::string(to_string(p.kind)))
        .bind(4, p.default_language)
        .bind(5, p.programme)
        .bind(6, std::string(to_string(p.status)))
        .bind(7, opt_date(p.period.start))
        .bind(8, opt_date(p.period.end))
        .bind(9, std::string(to_string(p.review_state)))
        .bind(10, p.notes)
        .bind(11, now)
        .bind(12, id);
    TILTAS_SQL_TRY_STATUS(up.run());
    TILTAS_SQL_TRY_STATUS(delete_children(c, id));
    return insert_children(c, id, p, now);
  }

  Result<Id> insert_project(Connection& c, const Project& p, const std::string& now) {
    TILTAS_SQL_TRY(st, c.cached("INSERT INTO projects (document_id, ordinal, kind, default_language, programme, "
                                "status, period_start, "
                                "period_end, review_state, notes, created_at, updated_at) "
                                "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11) RETURNING id"));
    st.bind(1, p.document_id)
        .bind(2, static_cast<std::int64_t>(p.ordinal))
        .bind(3, std::string(to_string(p.kind)))
        .bind(4, p.default_language)
        .bind(5, p.programme)
        .bind(6, std::string(to_string(p.status)))
        .bind(7, opt_date(p.period.start))
        .bind(8, opt_date(p.period.end))
        .bind(9, std::string(to_string(p.review_state)))
        .bind(10, p.notes)
        .bind(11, now);
    TILTAS_SQL_TRY(row, st.step());
    if (!row) return internal_error("inserting a project returned no id");
    Id id = st.int64(0);
    TILTAS_SQL_TRY_STATUS(insert_children(c, id, p, now));
    return id;
  }

  // The rows that hang off a project: texts, spans, amounts, participations
  // (linking organisations), activities, events, indicators, places, findings.
  Status insert_children(Connection& c, Id id, const Project& p, const std::string& now) {
    std::set<std::string> langs;
    for (const auto& [lang, _] : p.titles.all()) langs.insert(lang);
    for (const auto& [lang, _] : p.descriptions.all()) langs.insert(lang);
    for (const auto& lang : langs) {
      TILTAS_SQL_TRY_STATUS(child_row(c, "project_texts (project_id, language, title, description)",
                                      "INSERT INTO project_texts (project_id, language, title, description) VALUES "
                                      "($1, $2, $3, $4)",
                                      id, lang, p.titles.get(lang), p.descriptions.get(lang)));
    }
    for (const auto& [field, span] : p.spans) {
      TILTAS_SQL_TRY_STATUS(child_row(c, "field_spans (project_id, field, span_start, span_end)",
                                      "INSERT INTO field_spans (project_id, field, span_start, span_end) VALUES ($1, "
                                      "$2, $3, $4)",
                                      id, field, static_cast<std::int64_t>(span.start),
                                      static_cast<std::int64_t>(span.end)));
    }
    for (std::size_t i = 0; i < p.amounts.size(); ++i) {
      const auto& a = p.amounts[i];
      TILTAS_SQL_TRY(t, c.cached("INSERT INTO amounts (project_id, position, minor_units, currency, kind, span_start, "
                                 "span_end) VALUES ($1, $2, $3, $4, $5, $6, $7)"));
      t.bind(1, id)
          .bind(2, static_cast<std::int64_t>(i))
          .bind(3, a.minor_units)
          .bind(4, a.currency)
          .bind(5, std::string(to_string(a.kind)));
      bind_span(t, 6, a.span);
      TILTAS_SQL_TRY_STATUS(run_later(t));
    }
    for (std::size_t i = 0; i < p.participations.size(); ++i) {
      const auto& o = p.participations[i];
      TILTAS_SQL_TRY(org, link_organisation(c, o, p.default_language, now));
      TILTAS_SQL_TRY(t,
                     c.cached("INSERT INTO participations (project_id, position, organisation_id, stated_name, "
                              "stated_country, role, span_start, span_end) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"));
      t.bind(1, id)
          .bind(2, static_cast<std::int64_t>(i))
          .bind(3, org)
          .bind(4, o.name)
          .bind(5, o.country)
          .bind(6, std::string(to_string(o.role)));
      bind_span(t, 7, o.span);
      TILTAS_SQL_TRY_STATUS(run_later(t));
    }
    for (std::size_t i = 0; i < p.activities.size(); ++i) {
      const auto& a = p.activities[i];
      TILTAS_SQL_TRY(t, c.cached("INSERT INTO activities (project_id, position, code, title, span_start, span_end) "
                                 "VALUES ($1, $2, $3, $4, $5, $6)"));
      t.bind(1, id).bind(2, static_cast<std::int64_t>(i)).bind(3, a.code).bind(4, a.title);
      bind_span(t, 5, a.span);
      TILTAS_SQL_TRY_STATUS(run_later(t));
    }
    for (std::size_t i = 0; i < p.events.size(); ++i) {
      const auto& e = p.events[i];
      TILTAS_SQL_TRY_STATUS(child_row(c,
                                      "events (project_id, position, title, place, country, start_date, end_date, "
                                      "span_start, span_end)",
                                      "INSERT INTO events (project_id, position, title, place, country, start_date, "
                                      "end_date, span_start, span_end) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                                      id, static_cast<std::int64_t>(i), e.title, e.place, e.country,
                                      opt_date(e.start), opt_date(e.end), span_start(e.span), span_end(e.span)));
    }
    for (std::size_t i = 0; i < p.indicators.size(); ++i) {
      const auto& x = p.indicators[i];
      TILTAS_SQL_TRY_STATUS(child_row(c, "indicators (project_id, position, value, unit, status, span_start, span_end)",
                                      "INSERT INTO indicators (project_id, position, value, unit, status, span_start, "
                                      "span_end) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                                      id, static_cast<std::int64_t>(i), x.value, x.unit,
                                      std::string(to_string(x.status)), span_start(x.span), span_end(x.span)));
    }
    for (std::size_t i = 0; i < p.places.size(); ++i) {
      const auto& x = p.places[i];
      TILTAS_SQL_TRY_STATUS(child_row(c, "places (project_id, position, name, country, span_start, span_end)",
                                      "INSERT INTO places (project_id, position, name, country, span_start, span_end) "
                                      "VALUES ($1, $2, $3, $4, $5, $6)",
                                      id, static_cast<std::int64_t>(i), x.name, x.country, span_start(x.span),
                                      span_end(x.span)));
    }
    for (std::size_t i = 0; i < p.findings.size(); ++i) {
      const auto& x = p.findings[i];
      TILTAS_SQL_TRY_STATUS(child_row(c, "findings (project_id, position, field, severity, message, span_start, span_end)",
                                      "INSERT INTO findings (project_id, position, field, severity, message, "
                                      "span_start, span_end) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                                      id, static_cast<std::int64_t>(i), x.field,
                                      std::string(to_string(x.severity)), x.message, span_start(x.span),
                                      span_end(x.span)));
    }
    return ok();
  }

  static Result<Organisation> load_organisation(Connection& c, Id id) {
    TILTAS_SQL_TRY(st, c.cached("SELECT id, display_name, country, cluster_id FROM organisations WHERE id = $1"));
    st.bind(1, id);
    TILTAS_SQL_TRY(found, st.step());
    if (!found) return not_found(fmt::format("organisation {} does not exist", id), "id");
    Organisation o;
    o.id = st.int64(0);
    o.display_name = st.text(1);
    o.country = st.opt_text(2);
    o.cluster_id = st.opt_int64(3);
    // One name per language: the first in byte order, chosen here rather
    // than by ORDER BY, whose order follows the database's collation.
    TILTAS_SQL_TRY(names, c.cached("SELECT language, name FROM organisation_names WHERE organisation_id = $1"));
    names.bind(1, id);
    std::map<std::string, std::string> first;
    for (;;) {
      TILTAS_SQL_TRY(row, names.step());
      if (!row) break;
      std::string name = names.text(1);
      auto [it, inserted] = first.emplace(names.text(0), name);
      if (!inserted && name < it->second) it->second = std::move(name);
    }
    for (auto& [language, name] : first) o.names.set(language, std::move(name));
    TILTAS_SQL_TRY(ids, c.cached("SELECT scheme, value FROM organisation_identifiers WHERE organisation_id = $1"));
    ids.bind(1, id);
    for (;;) {
      TILTAS_SQL_TRY(row, ids.step());
      if (!row) break;
      o.identifiers.push_back({ids.text(0), ids.text(1)});
    }
    std::sort(o.identifiers.begin(), o.identifiers.end(),
              [](const auto& a, const auto& b) { return std::tie(a.scheme, a.value) < std::tie(b.scheme, b.value); });
    return o;
  }

  // `merge_group`: fill in the translation group's titles and descriptions
  // (for readers); false reads the record's own rows only (for edits).
  static Result<Project> load_project(Connection& c, Id id, Visibility visibility, bool merge_group = true) {
    TILTAS_SQL_TRY(st, c.cached("SELECT id, document_id, ordinal, kind, default_language, programme, status, "
                                "period_start, period_end, review_state, notes, created_at, updated_at, "
                                "translation_of, revision FROM projects WHERE id = $1"));
    st.bind(1, id);
    TILTAS_SQL_TRY(found, st.step());
    if (!found) return not_found(fmt::format("project {} does not exist", id), "id");
    Project p;
    p.id = st.int64(0);
    p.document_id = st.opt_int64(1);
    p.ordinal = static_cast<int>(st.int64(2));
    p.kind = model::parse_project_kind(st.text(3)).value_or(model::ProjectKind::kProject);
    p.default_language = st.text(4);
    p.programme = st.opt_text(5);
    p.status = model::parse_project_status(st.text(6)).value_or(model::ProjectStatus::kUnknown);
    p.period.start = read_date(st.opt_text(7));
    p.period.end = read_date(st.opt_text(8));
    p.review_state = model::parse_review_state(st.text(9)).value_or(ReviewState::kDraft);
    p.notes = st.opt_text(10);
    p.created_at = st.text(11);
    p.updated_at = st.text(12);
    p.translation_of = st.opt_int64(13);
    p.revision = static_cast<int>(st.int64(14));
    if (visibility == Visibility::kPublic && p.review_state != ReviewState::kPublished) {
      return not_found(fmt::format("project {} does not exist", id), "id");
    }
    auto rows = [&](std::string_view sql, auto&& on_row) -> Status {
      auto q = c.cached(std::string(sql));
      if (!q) return unexpected(q.error());
      q->bind(1, id);
      for (;;) {
        auto row = q->step();
        if (!row) return unexpected(row.error());
        if (!*row) break;
        on_row(*q);
      }
      return ok();
    };
    TILTAS_SQL_TRY_STATUS(
        rows("SELECT language, title, description FROM project_texts WHERE project_id = $1", [&](auto& q) {
          if (auto t = q.opt_text(1)) p.titles.set(q.text(0), *t);
          if (auto d = q.opt_text(2)) p.descriptions.set(q.text(0), *d);
        }));
    // The rest of the translation group: their ids, and their titles and
    // descriptions in the languages this record lacks.
    Id group = p.translation_of.value_or(p.id);
    {
      TILTAS_SQL_TRY(q, c.cached("SELECT p.id, t.language, t.title, t.description FROM projects p "
                                 "LEFT JOIN project_texts t ON t.project_id = p.id "
                                 "WHERE (p.id = $1 OR p.translation_of = $1) AND p.id <> $2 ORDER BY p.id"));
      q.bind(1, group).bind(2, p.id);
      for (;;) {
        TILTAS_SQL_TRY(row, q.step());
        if (!row) break;
        Id member = q.int64(0);
        if (p.translations.empty() || p.translations.back() != member) p.translations.push_back(member);
        if (!merge_group || q.is_null(1)) continue;
        std::string lang = q.text(1);
        if (auto t = q.opt_text(2); t && !p.titles.get(lang)) p.titles.set(lang, *t);
        if (auto d = q.opt_text(3); d && !p.descriptions.get(lang)) p.descriptions.set(lang, *d);
      }
    }
    TILTAS_SQL_TRY_STATUS(
        rows("SELECT field, span_start, span_end FROM field_spans WHERE project_id = $1", [&](auto& q) {
          p.spans[q.text(0)] =
              model::SourceSpan{static_cast<std::size_t>(q.int64(1)), static_cast<std::size_t>(q.int64(2))};
        }));
    TILTAS_SQL_TRY_STATUS(
        rows("SELECT minor_units, currency, kind, span_start, span_end FROM amounts WHERE "
             "project_id = $1 ORDER BY position",
             [&](auto& q) {
               p.amounts.push_back({q.int64(0), q.text(1),
                                    model::parse_amount_kind(q.text(2)).value_or(model::AmountKind::kOther),
                                    read_span(q, 3)});
             }));
    TILTAS_SQL_TRY_STATUS(
        // A merged organisation reads as its cluster's surviving member.
        rows("SELECT x.stated_name, x.stated_country, x.role, COALESCE(o.cluster_id, x.organisation_id), "
             "x.span_start, x.span_end FROM participations x JOIN organisations o ON o.id = x.organisation_id "
             "WHERE x.project_id = $1 ORDER BY x.position",
             [&](auto& q) {
               p.participations.push_back({q.text(0), q.opt_text(1),
                                           model::parse_role(q.text(2)).value_or(model::Role::kOther), q.opt_int64(3),
                                           read_span(q, 4)});
             }));
    TILTAS_SQL_TRY_STATUS(
        rows("SELECT code, title, span_start, span_end FROM activities WHERE project_id = $1 ORDER "
             "BY position",
             [&](auto& q) {
               p.activities.push_back({q.text(0), q.text(1), read_span(q, 2)});
             }));
    TILTAS_SQL_TRY_STATUS(
        rows("SELECT title, place, country, start_date, end_date, span_start, span_end FROM events "
             "WHERE project_id = $1 ORDER BY position",
             [&](auto& q) {
               p.events.push_back({q.opt_text(0), q.opt_text(1), q.opt_text(2), read_date(q.opt_text(3)),
                                   read_date(q.opt_text(4)), read_span(q, 5)});
             }));
    TILTAS_SQL_TRY_STATUS(rows(
        "SELECT value, unit, status, span_start, span_end FROM indicators WHERE project_id = "
        "$1 ORDER BY position",
        [&](auto& q) {
          p.indicators.push_back({q.real(0), q.text(1),
                                  model::parse_indicator_status(q.text(2)).value_or(model::IndicatorStatus::kUnknown),
                                  read_span(q, 3)});
        }));
    TILTAS_SQL_TRY_STATUS(
        rows("SELECT name, country, span_start, span_end FROM places WHERE project_id = $1 ORDER BY "
             "position",
             [&](auto& q) {
               p.places.push_back({q.text(0), q.opt_text(1), read_span(q, 2)});
             }));
    TILTAS_SQL_TRY_STATUS(
        rows("SELECT field, severity, message, span_start, span_end FROM findings WHERE project_id "
             "= $1 ORDER BY position",
             [&](auto& q) {
               p.findings.push_back({q.text(0), model::parse_severity(q.text(1)).value_or(model::Severity::kInfo),
                                     q.text(2), read_span(q, 3)});
             }));
    return p;
  }

  mutable Backend backend_;
};

#undef TILTAS_SQL_TRY
#undef TILTAS_SQL_TRY_STATUS

}  // namespace tiltas::store::sql
