#include "store/sqlite/sqlite_store.h"

#include <chrono>
#include <filesystem>
#include <algorithm>
#include <map>
#include <mutex>
#include <set>
#include <vector>

#include <date/date.h>
#include <fmt/format.h>
#include <sqlite3.h>

#include "base/text.h"
#include "model/translation_match.h"
#include "model/validation.h"
#include "store/migrations.h"
#include "store/organisation_key.h"
#include "store/sqlite/sqlite_db.h"

namespace tiltas::store {
namespace {

using namespace tiltas::model;
using sqlite::Connection;
using sqlite::Statement;

#define TRY(var, expr)                          \
  auto var##_result = (expr);                   \
  if (!var##_result) return unexpected(var##_result.error()); \
  auto& var = *var##_result

#define TRY_STATUS(expr)                        \
  do {                                          \
    auto _s = (expr);                           \
    if (!_s) return unexpected(_s.error());     \
  } while (0)

std::string now_utc() {
  auto now = std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
  return date::format("%FT%TZ", now);
}

std::optional<std::string> opt_date(const std::optional<PartialDate>& d) {
  if (!d) return std::nullopt;
  return d->to_iso();
}

std::optional<PartialDate> read_date(const std::optional<std::string>& s) {
  if (!s) return std::nullopt;
  auto d = PartialDate::parse_iso(*s);
  if (!d) return std::nullopt;
  return *d;
}

void bind_span(Statement& st, int n, const OptionalSpan& span) {
  if (span) {
    st.bind(n, static_cast<std::int64_t>(span->start)).bind(n + 1, static_cast<std::int64_t>(span->end));
  } else {
    st.bind_null(n).bind_null(n + 1);
  }
}

OptionalSpan read_span(const Statement& st, int col) {
  if (st.is_null(col) || st.is_null(col + 1)) return std::nullopt;
  return SourceSpan{static_cast<std::size_t>(st.int64(col)), static_cast<std::size_t>(st.int64(col + 1))};
}

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

class SqliteStore final : public Store {
 public:
  SqliteStore(std::string path, Connection writer) : path_(std::move(path)), writer_(std::move(writer)) {}

  Status migrate() {
    std::lock_guard lock(write_mutex_);
    TRY_STATUS(writer_.exec("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"));
    TRY(st, writer_.cached("SELECT COALESCE(MAX(version), 0) FROM schema_migrations"));
    TRY(has, st.step());
    int current = has ? static_cast<int>(st.int64(0)) : 0;
    int newest = migrations().empty() ? 0 : migrations().back().version;
    if (current > newest) {
      return make_error(ErrorCode::kFailedPrecondition,
                        fmt::format("database {} has schema version {}, newer than this Tiltas knows ({})", path_,
                                    current, newest));
    }
    for (const auto& m : migrations()) {
      if (m.version <= current) continue;
      Transaction tx(writer_);
      TRY_STATUS(tx.begin());
      for (const auto& stmt : split_statements(render_migration(m.sql, "INTEGER PRIMARY KEY", "BLOB"))) {
        TRY_STATUS(writer_.exec(stmt));
      }
      TRY(ins, writer_.cached("INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)"));
      ins.bind(1, static_cast<std::int64_t>(m.version)).bind(2, m.name).bind(3, now_utc());
      TRY_STATUS(ins.run());
      TRY_STATUS(tx.commit());
    }
    return ok();
  }

  Result<ImportResult> import_document(const Document& doc, const std::vector<Project>& records) override {
    for (std::size_t i = 0; i < records.size(); ++i) {
      TRY_STATUS(check(records[i], fmt::format("records[{}]", i)));
    }
    std::lock_guard lock(write_mutex_);
    Transaction tx(writer_);
    TRY_STATUS(tx.begin());
    ImportResult result;
    {
      TRY(st, writer_.cached("SELECT id FROM documents WHERE sha256 = $1"));
      st.bind(1, doc.sha256);
      TRY(found, st.step());
      if (found) {
        result.document_id = st.int64(0);
        result.outcome = DocumentOutcome::kUnchanged;
        return result;  // the transaction rolls back: nothing written
      }
    }
    std::vector<Id> previous;
    {
      TRY(st, writer_.cached("SELECT id FROM documents WHERE source = $1"));
      st.bind(1, doc.source);
      for (;;) {
        TRY(row, st.step());
        if (!row) break;
        previous.push_back(st.int64(0));
      }
    }
    result.outcome = previous.empty() ? DocumentOutcome::kNew : DocumentOutcome::kChanged;
    // The source's current projects by position: a new revision of the page
    // updates them in place so that ids (and links to them) survive.
    std::map<int, Id> current;
    for (Id old : previous) {
      TRY(st, writer_.cached("SELECT id, ordinal FROM projects WHERE document_id = $1"));
      st.bind(1, old);
      for (;;) {
        TRY(row, st.step());
        if (!row) break;
        current[static_cast<int>(st.int64(1))] = st.int64(0);
      }
    }
    std::string now = now_utc();
    {
      TRY(st, writer_.cached(
                  "INSERT INTO documents (source, name, sha256, language, media_type, content, imported_at) "
                  "VALUES ($1, $2, $3, $4, $5, $6, $7)"));
      st.bind(1, doc.source).bind(2, doc.name).bind(3, doc.sha256).bind(4, doc.language).bind(5, doc.media_type)
          .bind(6, doc.text).bind(7, now);
      TRY_STATUS(st.run());
      result.document_id = writer_.last_insert_id();
    }
    for (std::size_t i = 0; i < records.size(); ++i) {
      Project p = records[i];
      p.document_id = result.document_id;
      p.ordinal = static_cast<int>(i);
      p.review_state = ReviewState::kDraft;
      auto old = current.find(p.ordinal);
      if (old != current.end()) {
        TRY_STATUS(revise_project(old->second, p, now));
        p.id = old->second;
        current.erase(old);
        ++result.updated;
      } else {
        TRY(id, insert_project(p, now));
        p.id = id;
        ++result.created;
      }
      result.project_ids.push_back(p.id);
      TRY_STATUS(link_translation(p));
    }
    for (const auto& [ordinal, id] : current) {
      TRY(del, writer_.cached("DELETE FROM projects WHERE id = $1"));
      del.bind(1, id);
      TRY_STATUS(del.run());
      ++result.removed;
    }
    TRY_STATUS(tx.commit());
    return result;
  }

  Result<std::optional<Id>> find_document_by_sha256(const std::string& sha256) const override {
    std::lock_guard lock(write_mutex_);
    TRY(st, writer_.cached("SELECT id FROM documents WHERE sha256 = $1"));
    st.bind(1, sha256);
    TRY(found, st.step());
    if (!found) return std::optional<Id>();
    return std::optional<Id>(st.int64(0));
  }

  Result<Project> get_project(Id id, Visibility visibility) const override {
    std::lock_guard lock(write_mutex_);
    return load_project(writer_, id, visibility);
  }

  Result<ProjectPage> list_projects(const ProjectFilter& f, const PageRequest& page) const override {
    std::lock_guard lock(write_mutex_);
    int limit = std::clamp(page.limit, 1, 500);
    // Conditions are fixed SQL fragments; only their values are bound.
    std::string where = f.include_translations ? " WHERE 1=1" : " WHERE p.translation_of IS NULL";
    if (f.visibility == Visibility::kPublic) where += " AND p.review_state = 'published'";
    if (f.review_state) where += " AND p.review_state = $1";
    if (f.programme) where += " AND p.programme = $2";
    if (f.language) where += " AND p.default_language = $3";
    if (f.country) where += " AND EXISTS (SELECT 1 FROM participations x WHERE x.project_id = p.id AND x.stated_country = $4)";
    if (f.organisation_id) where += " AND EXISTS (SELECT 1 FROM participations x WHERE x.project_id = p.id AND x.organisation_id = $5)";
    if (f.document_id) where += " AND p.document_id = $6";
    auto bind_filters = [&](Statement& st) {
      if (f.review_state) st.bind(1, to_string(*f.review_state));
      if (f.programme) st.bind(2, *f.programme);
      if (f.language) st.bind(3, *f.language);
      if (f.country) st.bind(4, *f.country);
      if (f.organisation_id) st.bind(5, *f.organisation_id);
      if (f.document_id) st.bind(6, *f.document_id);
    };
    ProjectPage out;
    {
      TRY(st, writer_.cached("SELECT COUNT(*) FROM projects p" + where));
      bind_filters(st);
      TRY(row, st.step());
      out.total = row ? st.int64(0) : 0;
    }
    TRY(st, writer_.cached(
                "SELECT p.id, p.default_language, p.programme, p.period_start, p.period_end, p.review_state, p.kind, "
                "COALESCE((SELECT t.title FROM project_texts t WHERE t.project_id = p.id AND t.language = p.default_language), "
                "(SELECT t.title FROM project_texts t WHERE t.project_id = p.id AND t.title IS NOT NULL ORDER BY t.language LIMIT 1), '') "
                "FROM projects p" + where + " AND p.id > $7 ORDER BY p.id LIMIT $8"));
    bind_filters(st);
    st.bind(7, page.after_id).bind(8, static_cast<std::int64_t>(limit + 1));
    for (;;) {
      TRY(row, st.step());
      if (!row) break;
      ProjectSummary s;
      s.id = st.int64(0);
      s.language = st.text(1);
      s.programme = st.opt_text(2);
      s.period.start = read_date(st.opt_text(3));
      s.period.end = read_date(st.opt_text(4));
      s.review_state = parse_review_state(st.text(5)).value_or(ReviewState::kDraft);
      s.kind = parse_project_kind(st.text(6)).value_or(ProjectKind::kProject);
      s.title = st.text(7);
      out.items.push_back(std::move(s));
    }
    if (static_cast<int>(out.items.size()) > limit) {
      out.items.pop_back();
      out.next_after_id = out.items.back().id;
    }
    return out;
  }

  Result<std::vector<Project>> find_projects_of_document(Id document_id) const override {
    std::lock_guard lock(write_mutex_);
    std::vector<Id> ids;
    {
      TRY(st, writer_.cached("SELECT id FROM projects WHERE document_id = $1 ORDER BY ordinal, id"));
      st.bind(1, document_id);
      for (;;) {
        TRY(row, st.step());
        if (!row) break;
        ids.push_back(st.int64(0));
      }
    }
    std::vector<Project> out;
    for (Id id : ids) {
      TRY(p, load_project(writer_, id, Visibility::kAll));
      out.push_back(std::move(p));
    }
    return out;
  }

  Result<int> set_review_state(const std::vector<Id>& ids, ReviewState state) override {
    std::lock_guard lock(write_mutex_);
    Transaction tx(writer_);
    TRY_STATUS(tx.begin());
    int changed = 0;
    std::string now = now_utc();
    for (Id id : ids) {
      TRY(st, writer_.cached("SELECT review_state FROM projects WHERE id = $1"));
      st.bind(1, id);
      TRY(found, st.step());
      if (!found) return not_found(fmt::format("project {} does not exist", id), "id");
      if (st.text(0) == to_string(state)) continue;
      // A project's translations share its review state.
      TRY(up, writer_.cached("UPDATE projects SET review_state = $1, updated_at = $2 WHERE id = $3 OR translation_of = $3 "
                              "OR id = (SELECT translation_of FROM projects WHERE id = $3)"));
      up.bind(1, to_string(state)).bind(2, now).bind(3, id);
      TRY_STATUS(up.run());
      ++changed;
    }
    TRY_STATUS(tx.commit());
    return changed;
  }

  Result<int> publish_all() override {
    std::lock_guard lock(write_mutex_);
    TRY(st, writer_.cached("UPDATE projects SET review_state = 'published', updated_at = $1 WHERE review_state = 'draft'"));
    st.bind(1, now_utc());
    TRY_STATUS(st.run());
    return writer_.changes();
  }

  Status delete_project(Id id) override {
    std::lock_guard lock(write_mutex_);
    TRY(st, writer_.cached("DELETE FROM projects WHERE id = $1"));
    st.bind(1, id);
    TRY_STATUS(st.run());
    if (writer_.changes() == 0) return not_found(fmt::format("project {} does not exist", id), "id");
    return ok();
  }

  Result<Organisation> get_organisation(Id id) const override {
    std::lock_guard lock(write_mutex_);
    return load_organisation(id);
  }

  Result<std::vector<OrganisationSummary>> list_organisations(Visibility visibility, int limit,
                                                               Id after_id) const override {
    std::lock_guard lock(write_mutex_);
    std::string visible = visibility == Visibility::kPublic ? " AND p.review_state = 'published'" : "";
    TRY(st, writer_.cached(
                "SELECT o.id, COUNT(DISTINCT p.id) FROM organisations o "
                "JOIN participations x ON x.organisation_id = o.id JOIN projects p ON p.id = x.project_id "
                "WHERE o.id > $1" + visible + " GROUP BY o.id ORDER BY o.id LIMIT $2"));
    st.bind(1, after_id).bind(2, static_cast<std::int64_t>(std::clamp(limit, 1, 1000)));
    std::vector<std::pair<Id, std::int64_t>> rows;
    for (;;) {
      TRY(row, st.step());
      if (!row) break;
      rows.emplace_back(st.int64(0), st.int64(1));
    }
    std::vector<OrganisationSummary> out;
    for (auto [id, count] : rows) {
      TRY(org, load_organisation(id));
      out.push_back({std::move(org), count});
    }
    return out;
  }

  Result<Document> get_document(Id id) const override {
    std::lock_guard lock(write_mutex_);
    TRY(st, writer_.cached("SELECT id, source, name, sha256, language, media_type, content, imported_at FROM documents WHERE id = $1"));
    st.bind(1, id);
    TRY(found, st.step());
    if (!found) return not_found(fmt::format("document {} does not exist", id), "id");
    return read_document(st, true);
  }

  Result<std::vector<Document>> find_documents() const override {
    std::lock_guard lock(write_mutex_);
    TRY(st, writer_.cached("SELECT id, source, name, sha256, language, media_type, '', imported_at FROM documents ORDER BY id"));
    std::vector<Document> out;
    for (;;) {
      TRY(row, st.step());
      if (!row) break;
      out.push_back(read_document(st, false));
    }
    return out;
  }

  Result<Counts> counts() const override {
    std::lock_guard lock(write_mutex_);
    TRY(st, writer_.cached(
                "SELECT (SELECT COUNT(*) FROM documents), (SELECT COUNT(*) FROM projects WHERE translation_of IS NULL), "
                "(SELECT COUNT(*) FROM projects WHERE review_state = 'published' AND translation_of IS NULL), "
                "(SELECT COUNT(*) FROM organisations), (SELECT COUNT(*) FROM projects)"));
    TRY(row, st.step());
    Counts c;
    if (row) {
      c.documents = st.int64(0);
      c.projects = st.int64(1);
      c.published = st.int64(2);
      c.organisations = st.int64(3);
      c.records = st.int64(4);
    }
    return c;
  }

  std::string describe() const override { return fmt::format("sqlite {} ({})", sqlite3_libversion(), path_); }

 private:
  static Document read_document(const Statement& st, bool with_text) {
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
  Result<Id> link_organisation(const Participation& part, const std::string& language, const std::string& now) {
    std::string key = organisation_name_key(part.name);
    std::string acronym = organisation_acronym(part.name);
    const char* kCompatible = " AND (country IS NULL OR $2 IS NULL OR country = $2) "
                              "ORDER BY (country IS NOT NULL AND country = $2) DESC, id LIMIT 1";
    std::optional<Id> found;
    std::optional<std::string> found_country;
    auto try_match = [&](const std::string& where, const std::string& value) -> Status {
      if (found || value.empty()) return ok();
      auto st = writer_.cached("SELECT id, country FROM organisations WHERE " + where + kCompatible);
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
    TRY_STATUS(try_match("name_key = $1", key));
    if (acronym == key) TRY_STATUS(try_match("acronym = $1", acronym));
    if (acronym != key) TRY_STATUS(try_match("name_key = $1", acronym));
    if (found) {
      if (!found_country && part.country) {
        TRY(up, writer_.cached("UPDATE organisations SET country = $1 WHERE id = $2"));
        up.bind(1, part.country).bind(2, *found);
        TRY_STATUS(up.run());
      }
      if (acronym != key && !acronym.empty()) {
        // The longer name teaches us the acronym of an organisation first
        // seen by its acronym alone.
        TRY(up, writer_.cached("UPDATE organisations SET acronym = $1, display_name = CASE WHEN name_key = acronym OR name_key = $1 THEN $2 ELSE display_name END WHERE id = $3"));
        up.bind(1, acronym).bind(2, part.name).bind(3, *found);
        TRY_STATUS(up.run());
      }
      TRY_STATUS(add_name(*found, language, part.name));
      return *found;
    }
    TRY(ins, writer_.cached("INSERT INTO organisations (display_name, country, name_key, acronym, created_at) VALUES ($1, $2, $3, $4, $5)"));
    ins.bind(1, part.name).bind(2, part.country).bind(3, key).bind(4, acronym).bind(5, now);
    TRY_STATUS(ins.run());
    Id id = writer_.last_insert_id();
    TRY_STATUS(add_name(id, language, part.name));
    return id;
  }

  Status add_name(Id org, const std::string& language, const std::string& name) {
    TRY(st, writer_.cached("INSERT INTO organisation_names (organisation_id, language, name) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING"));
    st.bind(1, org).bind(2, language).bind(3, name);
    return st.run();
  }

  // Joins a just-inserted record to a stored project in another language
  // when model::translation_match_score says they are one project. The
  // candidates share a start or end year or an amount, which the indexes
  // find without scanning.
  Status link_translation(const Project& p) {
    std::optional<std::string> start_year, end_year;
    if (p.period.start) start_year = p.period.start->to_iso().substr(0, 4);
    if (p.period.end) end_year = p.period.end->to_iso().substr(0, 4);
    std::vector<Id> candidates;
    {
      TRY(st, writer_.cached(
                  "SELECT id FROM projects WHERE id <> $1 AND default_language <> $2 "
                  "AND (document_id IS NULL OR document_id <> $3) AND ("
                  " (period_start >= $4 AND period_start < $4 || '~') OR (period_end >= $5 AND period_end < $5 || '~')"
                  " OR id IN (SELECT a.project_id FROM amounts a JOIN amounts b ON a.minor_units = b.minor_units "
                  "           AND a.currency = b.currency WHERE b.project_id = $1 AND b.minor_units > 0)) "
                  "ORDER BY id DESC LIMIT 200"));
      st.bind(1, p.id).bind(2, p.default_language).bind(3, p.document_id).bind(4, start_year).bind(5, end_year);
      for (;;) {
        TRY(row, st.step());
        if (!row) break;
        candidates.push_back(st.int64(0));
      }
    }
    double best_score = model::kTranslationThreshold;
    std::optional<Id> best;
    for (Id candidate : candidates) {
      TRY(other, load_project(writer_, candidate, Visibility::kAll));
      double score = model::translation_match_score(p, other);
      if (score < best_score) continue;
      Id group = other.translation_of.value_or(other.id);
      // One record per language in a group.
      TRY(q, writer_.cached("SELECT COUNT(*) FROM projects WHERE (id = $1 OR translation_of = $1) AND default_language = $2"));
      q.bind(1, group).bind(2, p.default_language);
      TRY(row, q.step());
      if (row && q.int64(0) > 0) continue;
      best_score = score;
      best = group;
    }
    if (!best) return ok();
    TRY(up, writer_.cached("UPDATE projects SET translation_of = $1 WHERE id = $2"));
    up.bind(1, *best).bind(2, p.id);
    return up.run();
  }

  // Reads project `id` anew from a changed source: its facts are replaced,
  // its id, translations and creation time kept, its revision counted up.
  Status revise_project(Id id, Project p, const std::string& now) {
    TRY(old, load_project(writer_, id, Visibility::kAll));
    bool changed = !same_facts(old, p);
    if (old.review_state == ReviewState::kPublished && !changed) {
      p.review_state = ReviewState::kPublished;
    } else if (old.review_state == ReviewState::kPublished) {
      p.findings.push_back({"", Severity::kWarning,
                            fmt::format("the source page changed (revision {}): the facts differ from the published "
                                        "revision, so the project returned to draft for review",
                                        old.revision + 1),
                            std::nullopt});
    }
    TRY(up, writer_.cached(
                "UPDATE projects SET document_id = $1, ordinal = $2, kind = $3, default_language = $4, programme = $5, "
                "status = $6, period_start = $7, period_end = $8, review_state = $9, notes = $10, updated_at = $11, "
                "revision = revision + 1 WHERE id = $12"));
    up.bind(1, p.document_id).bind(2, static_cast<std::int64_t>(p.ordinal)).bind(3, to_string(p.kind))
        .bind(4, p.default_language).bind(5, p.programme).bind(6, to_string(p.status))
        .bind(7, opt_date(p.period.start)).bind(8, opt_date(p.period.end)).bind(9, to_string(p.review_state))
        .bind(10, p.notes).bind(11, now).bind(12, id);
    TRY_STATUS(up.run());
    for (const char* table : {"project_texts", "field_spans", "amounts", "participations", "activities", "events",
                              "indicators", "places", "findings"}) {
      TRY(del, writer_.cached(std::string("DELETE FROM ") + table + " WHERE project_id = $1"));
      del.bind(1, id);
      TRY_STATUS(del.run());
    }
    return insert_children(id, p, now);
  }

  Result<Id> insert_project(const Project& p, const std::string& now) {
    TRY(st, writer_.cached(
                "INSERT INTO projects (document_id, ordinal, kind, default_language, programme, status, period_start, "
                "period_end, review_state, notes, created_at, updated_at) "
                "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11)"));
    st.bind(1, p.document_id).bind(2, static_cast<std::int64_t>(p.ordinal)).bind(3, to_string(p.kind))
        .bind(4, p.default_language).bind(5, p.programme).bind(6, to_string(p.status))
        .bind(7, opt_date(p.period.start)).bind(8, opt_date(p.period.end)).bind(9, to_string(p.review_state))
        .bind(10, p.notes).bind(11, now);
    TRY_STATUS(st.run());
    Id id = writer_.last_insert_id();
    TRY_STATUS(insert_children(id, p, now));
    return id;
  }

  // The rows that hang off a project: texts, spans, amounts, participations
  // (linking organisations), activities, events, indicators, places, findings.
  Status insert_children(Id id, const Project& p, const std::string& now) {
    std::set<std::string> langs;
    for (const auto& [lang, _] : p.titles.all()) langs.insert(lang);
    for (const auto& [lang, _] : p.descriptions.all()) langs.insert(lang);
    for (const auto& lang : langs) {
      TRY(t, writer_.cached("INSERT INTO project_texts (project_id, language, title, description) VALUES ($1, $2, $3, $4)"));
      t.bind(1, id).bind(2, lang).bind(3, p.titles.get(lang)).bind(4, p.descriptions.get(lang));
      TRY_STATUS(t.run());
    }
    for (const auto& [field, span] : p.spans) {
      TRY(t, writer_.cached("INSERT INTO field_spans (project_id, field, span_start, span_end) VALUES ($1, $2, $3, $4)"));
      t.bind(1, id).bind(2, field).bind(3, static_cast<std::int64_t>(span.start)).bind(4, static_cast<std::int64_t>(span.end));
      TRY_STATUS(t.run());
    }
    for (std::size_t i = 0; i < p.amounts.size(); ++i) {
      const auto& a = p.amounts[i];
      TRY(t, writer_.cached("INSERT INTO amounts (project_id, position, minor_units, currency, kind, span_start, span_end) VALUES ($1, $2, $3, $4, $5, $6, $7)"));
      t.bind(1, id).bind(2, static_cast<std::int64_t>(i)).bind(3, a.minor_units).bind(4, a.currency).bind(5, to_string(a.kind));
      bind_span(t, 6, a.span);
      TRY_STATUS(t.run());
    }
    for (std::size_t i = 0; i < p.participations.size(); ++i) {
      const auto& o = p.participations[i];
      TRY(org, link_organisation(o, p.default_language, now));
      TRY(t, writer_.cached("INSERT INTO participations (project_id, position, organisation_id, stated_name, stated_country, role, span_start, span_end) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"));
      t.bind(1, id).bind(2, static_cast<std::int64_t>(i)).bind(3, org).bind(4, o.name).bind(5, o.country).bind(6, to_string(o.role));
      bind_span(t, 7, o.span);
      TRY_STATUS(t.run());
    }
    for (std::size_t i = 0; i < p.activities.size(); ++i) {
      const auto& a = p.activities[i];
      TRY(t, writer_.cached("INSERT INTO activities (project_id, position, code, title, span_start, span_end) VALUES ($1, $2, $3, $4, $5, $6)"));
      t.bind(1, id).bind(2, static_cast<std::int64_t>(i)).bind(3, a.code).bind(4, a.title);
      bind_span(t, 5, a.span);
      TRY_STATUS(t.run());
    }
    for (std::size_t i = 0; i < p.events.size(); ++i) {
      const auto& e = p.events[i];
      TRY(t, writer_.cached("INSERT INTO events (project_id, position, title, place, country, start_date, end_date, span_start, span_end) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"));
      t.bind(1, id).bind(2, static_cast<std::int64_t>(i)).bind(3, e.title).bind(4, e.place).bind(5, e.country)
          .bind(6, opt_date(e.start)).bind(7, opt_date(e.end));
      bind_span(t, 8, e.span);
      TRY_STATUS(t.run());
    }
    for (std::size_t i = 0; i < p.indicators.size(); ++i) {
      const auto& x = p.indicators[i];
      TRY(t, writer_.cached("INSERT INTO indicators (project_id, position, value, unit, status, span_start, span_end) VALUES ($1, $2, $3, $4, $5, $6, $7)"));
      t.bind(1, id).bind(2, static_cast<std::int64_t>(i)).bind(3, x.value).bind(4, x.unit).bind(5, to_string(x.status));
      bind_span(t, 6, x.span);
      TRY_STATUS(t.run());
    }
    for (std::size_t i = 0; i < p.places.size(); ++i) {
      const auto& x = p.places[i];
      TRY(t, writer_.cached("INSERT INTO places (project_id, position, name, country, span_start, span_end) VALUES ($1, $2, $3, $4, $5, $6)"));
      t.bind(1, id).bind(2, static_cast<std::int64_t>(i)).bind(3, x.name).bind(4, x.country);
      bind_span(t, 5, x.span);
      TRY_STATUS(t.run());
    }
    for (std::size_t i = 0; i < p.findings.size(); ++i) {
      const auto& x = p.findings[i];
      TRY(t, writer_.cached("INSERT INTO findings (project_id, position, field, severity, message, span_start, span_end) VALUES ($1, $2, $3, $4, $5, $6, $7)"));
      t.bind(1, id).bind(2, static_cast<std::int64_t>(i)).bind(3, x.field).bind(4, to_string(x.severity)).bind(5, x.message);
      bind_span(t, 6, x.span);
      TRY_STATUS(t.run());
    }
    return ok();
  }

  Result<Organisation> load_organisation(Id id) const {
    TRY(st, writer_.cached("SELECT id, display_name, country, cluster_id FROM organisations WHERE id = $1"));
    st.bind(1, id);
    TRY(found, st.step());
    if (!found) return not_found(fmt::format("organisation {} does not exist", id), "id");
    Organisation o;
    o.id = st.int64(0);
    o.display_name = st.text(1);
    o.country = st.opt_text(2);
    o.cluster_id = st.opt_int64(3);
    TRY(names, writer_.cached("SELECT language, name FROM organisation_names WHERE organisation_id = $1 ORDER BY language, name"));
    names.bind(1, id);
    for (;;) {
      TRY(row, names.step());
      if (!row) break;
      if (!o.names.get(names.text(0))) o.names.set(names.text(0), names.text(1));
    }
    TRY(ids, writer_.cached("SELECT scheme, value FROM organisation_identifiers WHERE organisation_id = $1 ORDER BY scheme, value"));
    ids.bind(1, id);
    for (;;) {
      TRY(row, ids.step());
      if (!row) break;
      o.identifiers.push_back({ids.text(0), ids.text(1)});
    }
    return o;
  }

  Result<Project> load_project(Connection& c, Id id, Visibility visibility) const {
    TRY(st, c.cached("SELECT id, document_id, ordinal, kind, default_language, programme, status, period_start, "
                      "period_end, review_state, notes, created_at, updated_at, translation_of, revision FROM projects WHERE id = $1"));
    st.bind(1, id);
    TRY(found, st.step());
    if (!found) return not_found(fmt::format("project {} does not exist", id), "id");
    Project p;
    p.id = st.int64(0);
    p.document_id = st.opt_int64(1);
    p.ordinal = static_cast<int>(st.int64(2));
    p.kind = parse_project_kind(st.text(3)).value_or(ProjectKind::kProject);
    p.default_language = st.text(4);
    p.programme = st.opt_text(5);
    p.status = parse_project_status(st.text(6)).value_or(ProjectStatus::kUnknown);
    p.period.start = read_date(st.opt_text(7));
    p.period.end = read_date(st.opt_text(8));
    p.review_state = parse_review_state(st.text(9)).value_or(ReviewState::kDraft);
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
    TRY_STATUS(rows("SELECT language, title, description FROM project_texts WHERE project_id = $1", [&](Statement& q) {
      if (auto t = q.opt_text(1)) p.titles.set(q.text(0), *t);
      if (auto d = q.opt_text(2)) p.descriptions.set(q.text(0), *d);
    }));
    // The rest of the translation group: their ids, and their titles and
    // descriptions in the languages this record lacks.
    Id group = p.translation_of.value_or(p.id);
    {
      TRY(q, c.cached("SELECT p.id, t.language, t.title, t.description FROM projects p "
                       "LEFT JOIN project_texts t ON t.project_id = p.id "
                       "WHERE (p.id = $1 OR p.translation_of = $1) AND p.id <> $2 ORDER BY p.id"));
      q.bind(1, group).bind(2, p.id);
      for (;;) {
        TRY(row, q.step());
        if (!row) break;
        Id member = q.int64(0);
        if (p.translations.empty() || p.translations.back() != member) p.translations.push_back(member);
        if (q.is_null(1)) continue;
        std::string lang = q.text(1);
        if (auto t = q.opt_text(2); t && !p.titles.get(lang)) p.titles.set(lang, *t);
        if (auto d = q.opt_text(3); d && !p.descriptions.get(lang)) p.descriptions.set(lang, *d);
      }
    }
    TRY_STATUS(rows("SELECT field, span_start, span_end FROM field_spans WHERE project_id = $1", [&](Statement& q) {
      p.spans[q.text(0)] = SourceSpan{static_cast<std::size_t>(q.int64(1)), static_cast<std::size_t>(q.int64(2))};
    }));
    TRY_STATUS(rows("SELECT minor_units, currency, kind, span_start, span_end FROM amounts WHERE project_id = $1 ORDER BY position",
                    [&](Statement& q) {
                      p.amounts.push_back({q.int64(0), q.text(1), parse_amount_kind(q.text(2)).value_or(AmountKind::kOther),
                                           read_span(q, 3)});
                    }));
    TRY_STATUS(rows("SELECT stated_name, stated_country, role, organisation_id, span_start, span_end FROM participations "
                    "WHERE project_id = $1 ORDER BY position",
                    [&](Statement& q) {
                      p.participations.push_back({q.text(0), q.opt_text(1), parse_role(q.text(2)).value_or(Role::kOther),
                                                  q.opt_int64(3), read_span(q, 4)});
                    }));
    TRY_STATUS(rows("SELECT code, title, span_start, span_end FROM activities WHERE project_id = $1 ORDER BY position",
                    [&](Statement& q) { p.activities.push_back({q.text(0), q.text(1), read_span(q, 2)}); }));
    TRY_STATUS(rows("SELECT title, place, country, start_date, end_date, span_start, span_end FROM events WHERE project_id = $1 ORDER BY position",
                    [&](Statement& q) {
                      p.events.push_back({q.opt_text(0), q.opt_text(1), q.opt_text(2), read_date(q.opt_text(3)),
                                          read_date(q.opt_text(4)), read_span(q, 5)});
                    }));
    TRY_STATUS(rows("SELECT value, unit, status, span_start, span_end FROM indicators WHERE project_id = $1 ORDER BY position",
                    [&](Statement& q) {
                      p.indicators.push_back({q.real(0), q.text(1),
                                              parse_indicator_status(q.text(2)).value_or(IndicatorStatus::kUnknown),
                                              read_span(q, 3)});
                    }));
    TRY_STATUS(rows("SELECT name, country, span_start, span_end FROM places WHERE project_id = $1 ORDER BY position",
                    [&](Statement& q) { p.places.push_back({q.text(0), q.opt_text(1), read_span(q, 2)}); }));
    TRY_STATUS(rows("SELECT field, severity, message, span_start, span_end FROM findings WHERE project_id = $1 ORDER BY position",
                    [&](Statement& q) {
                      p.findings.push_back({q.text(0), parse_severity(q.text(1)).value_or(Severity::kInfo), q.text(2),
                                            read_span(q, 3)});
                    }));
    return p;
  }

  std::string path_;
  // One connection, serialised. Reads are short; a pool of read connections
  // (WAL allows them) is the API issue's measured optimisation.
  mutable std::mutex write_mutex_;
  mutable Connection writer_;
};

}  // namespace

Result<std::unique_ptr<Store>> open_sqlite_store(const std::string& path) {
  std::error_code ec;
  auto parent = std::filesystem::path(path).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  auto conn = Connection::open(path, true, false);
  if (!conn) return unexpected(conn.error());
  auto store = std::make_unique<SqliteStore>(path, std::move(*conn));
  if (auto s = store->migrate(); !s) return unexpected(s.error());
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace tiltas::store
