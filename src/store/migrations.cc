#include "store/migrations.h"

#include <array>
#include <vector>

namespace tiltas::store {
namespace {

// Never edit a migration that has shipped: add a new one.
constexpr std::string_view kInitial = R"SQL(
CREATE TABLE documents (
  id {id},
  source TEXT NOT NULL,
  name TEXT NOT NULL,
  sha256 TEXT NOT NULL UNIQUE,
  language TEXT NOT NULL DEFAULT '',
  media_type TEXT NOT NULL DEFAULT '',
  content TEXT NOT NULL DEFAULT '',
  imported_at TEXT NOT NULL
);
CREATE INDEX documents_source ON documents (source);

CREATE TABLE organisations (
  id {id},
  display_name TEXT NOT NULL,
  country TEXT,
  name_key TEXT NOT NULL,
  acronym TEXT NOT NULL DEFAULT '',
  cluster_id BIGINT REFERENCES organisations (id) ON DELETE SET NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX organisations_name_key ON organisations (name_key);
CREATE INDEX organisations_acronym ON organisations (acronym);

CREATE TABLE organisation_names (
  organisation_id BIGINT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  language TEXT NOT NULL,
  name TEXT NOT NULL,
  PRIMARY KEY (organisation_id, language, name)
);

CREATE TABLE organisation_identifiers (
  organisation_id BIGINT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  scheme TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (organisation_id, scheme, value)
);

CREATE TABLE projects (
  id {id},
  document_id BIGINT REFERENCES documents (id) ON DELETE SET NULL,
  ordinal INTEGER NOT NULL DEFAULT 0,
  kind TEXT NOT NULL,
  default_language TEXT NOT NULL DEFAULT '',
  programme TEXT,
  status TEXT NOT NULL DEFAULT 'unknown',
  period_start TEXT,
  period_end TEXT,
  review_state TEXT NOT NULL,
  notes TEXT,
  translation_of BIGINT REFERENCES projects (id) ON DELETE SET NULL,
  revision INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX projects_document ON projects (document_id);
CREATE INDEX projects_translation_of ON projects (translation_of);
CREATE INDEX projects_period_start ON projects (period_start);
CREATE INDEX projects_period_end ON projects (period_end);
CREATE INDEX projects_review_state ON projects (review_state, id);
CREATE INDEX projects_programme ON projects (programme);

CREATE TABLE project_texts (
  project_id BIGINT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  language TEXT NOT NULL,
  title TEXT,
  description TEXT,
  PRIMARY KEY (project_id, language)
);

CREATE TABLE field_spans (
  project_id BIGINT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  field TEXT NOT NULL,
  span_start BIGINT NOT NULL,
  span_end BIGINT NOT NULL,
  PRIMARY KEY (project_id, field)
);

CREATE TABLE amounts (
  project_id BIGINT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  minor_units BIGINT NOT NULL,
  currency TEXT NOT NULL,
  kind TEXT NOT NULL,
  span_start BIGINT,
  span_end BIGINT,
  PRIMARY KEY (project_id, position)
);
CREATE INDEX amounts_value ON amounts (minor_units, currency);

CREATE TABLE participations (
  project_id BIGINT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  organisation_id BIGINT NOT NULL REFERENCES organisations (id),
  stated_name TEXT NOT NULL,
  stated_country TEXT,
  role TEXT NOT NULL,
  span_start BIGINT,
  span_end BIGINT,
  PRIMARY KEY (project_id, position)
);
CREATE INDEX participations_organisation ON participations (organisation_id);
CREATE INDEX participations_country ON participations (stated_country);

CREATE TABLE activities (
  project_id BIGINT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  code TEXT NOT NULL,
  title TEXT NOT NULL,
  span_start BIGINT,
  span_end BIGINT,
  PRIMARY KEY (project_id, position)
);

CREATE TABLE events (
  project_id BIGINT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  title TEXT,
  place TEXT,
  country TEXT,
  start_date TEXT,
  end_date TEXT,
  span_start BIGINT,
  span_end BIGINT,
  PRIMARY KEY (project_id, position)
);

CREATE TABLE indicators (
  project_id BIGINT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  value DOUBLE PRECISION NOT NULL,
  unit TEXT NOT NULL,
  status TEXT NOT NULL,
  span_start BIGINT,
  span_end BIGINT,
  PRIMARY KEY (project_id, position)
);

CREATE TABLE places (
  project_id BIGINT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  country TEXT,
  span_start BIGINT,
  span_end BIGINT,
  PRIMARY KEY (project_id, position)
);

CREATE TABLE findings (
  project_id BIGINT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  field TEXT NOT NULL,
  severity TEXT NOT NULL,
  message TEXT NOT NULL,
  span_start BIGINT,
  span_end BIGINT,
  PRIMARY KEY (project_id, position)
);
)SQL";

// Full-text search: the backends' engines differ, so the whole migration is
// the backend's own DDL (store/sqlite/sqlite_search.cc,
// store/postgres/pg_search.cc).
constexpr std::string_view kSearchIndex = "{search_schema}";

// Tokens for the HTTP API's write endpoints: only their SHA-256 is stored.
// A revoked token stays (revoked = 1) so that its name's history is kept; a
// name is unique among the active tokens only (checked by the store).
constexpr std::string_view kApiTokens = R"SQL(
CREATE TABLE api_tokens (
  id {id},
  name TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  revoked INTEGER NOT NULL DEFAULT 0,
  revoked_at TEXT
);
CREATE INDEX api_tokens_name ON api_tokens (name);
)SQL";

// Editors' changes: the audit trail of every field change (kept when a
// project is deleted, so no foreign key) and the corrections that survive
// re-imports of the source page.
constexpr std::string_view kAuditAndCorrections = R"SQL(
CREATE TABLE audit_log (
  id {id},
  project_id BIGINT NOT NULL,
  field TEXT NOT NULL,
  old_value TEXT NOT NULL,
  new_value TEXT NOT NULL,
  editor TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  changed_at TEXT NOT NULL
);
CREATE INDEX audit_log_project ON audit_log (project_id, id);

CREATE TABLE corrections (
  project_id BIGINT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  field TEXT NOT NULL,
  value TEXT NOT NULL,
  source_value TEXT NOT NULL,
  editor TEXT NOT NULL,
  corrected_at TEXT NOT NULL,
  PRIMARY KEY (project_id, field)
);
)SQL";

// Editors (issue 9): accounts with a role and an argon2id password hash;
// server-side sessions, stored by the SHA-256 of their id; failed logins by
// account and by client address, for the rate limit.
constexpr std::string_view kUsersAndSessions = R"SQL(
CREATE TABLE users (
  id {id},
  email TEXT NOT NULL UNIQUE,
  role TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  created_at TEXT NOT NULL
);

CREATE TABLE sessions (
  id_hash TEXT PRIMARY KEY,
  user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE login_failures (
  failure_key TEXT NOT NULL,
  failed_at TEXT NOT NULL
);
CREATE INDEX login_failures_key ON login_failures (failure_key, failed_at);
)SQL";

// The import's translation candidates (SqlStore::link_translation) are the
// records of another language whose period agrees with the new record's:
// found by period_start, then checked on period_end, language, programme
// and document. With period_start alone every check read the table row, and
// the rows sharing a start grow with the registry (at 100,000 pages that
// was two thirds of the import's time). This index answers the whole check
// itself; it starts with period_start, so it also serves what
// projects_period_start served.
constexpr std::string_view kTranslationMatchIndex = R"SQL(
CREATE INDEX projects_period ON projects (period_start, period_end, default_language, programme, document_id);
DROP INDEX projects_period_start;
)SQL";

// Many projects of a fund share a start date (one call's) and an amount
// (standard grant sizes), so SqlStore::link_translation looks at a bounded
// number of them: the newest of each other language with the start, the
// newest with the amount. These indexes give them in that order; without
// them every lookup read all the projects sharing the start or the amount,
// and importing a fund's look-alike projects took time quadratic in their
// number.
// projects_language_start carries, after the id that orders it, what the
// lookup checks (end, programme, document), so that it reads no table row;
// it replaces projects_period of migration 6, and period_start gets its
// plain index back for the other queries.
constexpr std::string_view kBoundedTranslationLookups = R"SQL(
CREATE INDEX projects_language_start ON projects (default_language, period_start, id, period_end, programme, document_id);
DROP INDEX projects_period;
CREATE INDEX projects_period_start ON projects (period_start);
DROP INDEX amounts_value;
CREATE INDEX amounts_value ON amounts (minor_units, currency, project_id);
)SQL";

// The change log and settings of the SQLite registry's Xapian engine
// (store/sqlite/xapian_search.h, decision 0003): a row per indexed record
// with its analysed text, written in the record's transaction and applied
// to Xapian after the commit. PostgreSQL gets the tables too (migrations are
// one list) and never writes them.
constexpr std::string_view kSearchChangeLog = R"SQL(
CREATE TABLE search_changes (
  seq {id},
  project_id BIGINT NOT NULL,
  title TEXT,
  org TEXT,
  body TEXT,
  facets TEXT
);
CREATE TABLE search_settings (
  name TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
)SQL";

constexpr std::array<Migration, 8> kMigrations{{
    {1, "initial registry schema", kInitial},
    {2, "search index", kSearchIndex},
    {3, "api tokens", kApiTokens},
    {4, "audit trail and editors' corrections", kAuditAndCorrections},
    {5, "users, sessions and failed logins", kUsersAndSessions},
    {6, "index for translation matching", kTranslationMatchIndex},
    {7, "bounded translation candidate lookups", kBoundedTranslationLookups},
    {8, "search change log for an index outside the database", kSearchChangeLog},
}};

void replace_all(std::string& s, std::string_view from, std::string_view to) {
  for (std::size_t pos = s.find(from); pos != std::string::npos; pos = s.find(from, pos + to.size())) {
    s.replace(pos, from.size(), to);
  }
}

}  // namespace

std::span<const Migration> migrations() { return kMigrations; }

std::string render_migration(std::string_view sql, std::string_view id_type, std::string_view blob_type,
                             std::string_view search_schema) {
  std::string out(sql);
  replace_all(out, "{search_schema}", search_schema);
  replace_all(out, "{id}", id_type);
  replace_all(out, "{blob}", blob_type);
  return out;
}

std::vector<std::string> split_statements(std::string_view sql) {
  std::vector<std::string> out;
  std::string current;
  std::size_t pos = 0;
  while (pos < sql.size()) {
    std::size_t eol = sql.find('\n', pos);
    if (eol == std::string_view::npos) eol = sql.size();
    std::string_view line = sql.substr(pos, eol - pos);
    current.append(line);
    current.push_back('\n');
    std::size_t last = line.find_last_not_of(" \t\r");
    if (last != std::string_view::npos && line[last] == ';') {
      out.push_back(current);
      current.clear();
    }
    pos = eol + 1;
  }
  if (current.find_first_not_of(" \t\r\n") != std::string::npos) out.push_back(current);
  return out;
}

}  // namespace tiltas::store
