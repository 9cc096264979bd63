// The registry's persistence interface. Implemented by SqliteStore (embedded,
// the default) and later PostgresStore; chosen by open_store(url). Nothing in
// this header is specific to one database.
//
// Thread-safety: a Store may be used from several threads at once; each
// implementation serialises or pools connections as it needs.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "base/error.h"
#include "model/project.h"
#include "search/index_document.h"
#include "search/search_index.h"

namespace tiltas::store {

using model::Id;

// Who is asking: the public sees published records only; an operator (CLI,
// editors) sees drafts too.
enum class Visibility { kPublic, kAll };

// What happened to a document on import.
enum class DocumentOutcome {
  kNew,        // first time this content was seen
  kUnchanged,  // same sha256 stored already: nothing written
  kChanged,    // same source, new content: its records replaced
};
std::string_view to_string(DocumentOutcome outcome);

struct ImportResult {
  Id document_id = 0;
  DocumentOutcome outcome = DocumentOutcome::kNew;
  std::vector<Id> project_ids;  // in record order; empty when unchanged
  std::size_t created = 0;      // new projects
  std::size_t updated = 0;      // records of a changed source read anew (same ids)
  std::size_t removed = 0;      // records the changed source no longer has
};

// The search index's analysis of one record: its index document and the
// suggestion keys of each of its names (search::suggestion_keys of
// index.names[i]). Pure: a caller may compute it on its own threads so that
// the writer does not (the import pipeline's workers do).
struct AnalysedRecord {
  search::IndexDocument index;
  std::vector<std::vector<std::string>> name_keys;
};
AnalysedRecord analyse_record(const model::Project& record);

// One document with the records read from it, for import_documents.
struct DocumentImport {
  model::Document document;
  std::vector<model::Project> records;
  // Optional: analyse_record() of each record, in order; empty, the store
  // analyses them itself. Used for records that become new projects.
  std::vector<AnalysedRecord> analysed;
};

struct ProjectFilter {
  Visibility visibility = Visibility::kPublic;
  std::optional<std::string> programme;
  std::optional<std::string> country;   // a participating organisation's country
  std::optional<std::string> language;  // default language of the record
  std::optional<Id> organisation_id;
  std::optional<Id> document_id;
  std::optional<model::ReviewState> review_state;
  // Records linked as translations of another are part of that project and
  // are not listed on their own unless asked for.
  bool include_translations = false;
};

struct PageRequest {
  int limit = 20;       // 1..500
  Id after_id = 0;      // keyset cursor: ids greater than this
};

// A list row: enough for result lists without loading every child table.
struct ProjectSummary {
  Id id = 0;
  std::string language;
  std::string title;  // in the record's language, else any, else ""
  std::optional<std::string> programme;
  model::Period period;
  model::ReviewState review_state = model::ReviewState::kDraft;
  model::ProjectKind kind = model::ProjectKind::kProject;
};

struct ProjectPage {
  std::vector<ProjectSummary> items;
  std::int64_t total = 0;             // matching rows overall
  std::optional<Id> next_after_id;    // cursor for the next page, if any
};

struct OrganisationSummary {
  model::Organisation organisation;
  std::int64_t project_count = 0;  // visible projects it takes part in
};

// Who changes a record, and why (the why is optional).
struct Edit {
  std::string editor;  // an account's e-mail, "cli", "api:<token name>"
  std::string note;
};

// One field change of the audit trail: values are record JSON.
struct AuditEntry {
  Id id = 0;
  Id project_id = 0;
  std::string field;
  std::string old_value;
  std::string new_value;
  std::string editor;
  std::string note;
  std::string changed_at;
};


struct Counts {
  std::int64_t documents = 0;
  std::int64_t projects = 0;   // projects: translation groups count once
  std::int64_t published = 0;
  std::int64_t records = 0;    // every stored record, translations included
  std::int64_t organisations = 0;
};

// An API token as stored: never the token itself.
struct ApiToken {
  Id id = 0;
  std::string name;
  std::string token_hash;  // lower-case hex SHA-256 of the token
  std::string created_at;  // ISO 8601 UTC
  bool revoked = false;
};

// An editor's account. The password exists only as its argon2id hash.
struct User {
  Id id = 0;
  std::string email;  // lower-case
  std::string role;   // "admin", "editor" or "viewer"
  std::string password_hash;
  std::string created_at;
};

// A login session. Only the SHA-256 of its id is stored; the CSRF token is
// per session and goes into every form.
struct Session {
  std::string id_hash;  // lower-case hex SHA-256 of the cookie's id
  Id user_id = 0;
  std::string csrf_token;
  std::string created_at;
  std::string expires_at;
  // Read with the session (find_session), ignored by create_session.
  std::string email;
  std::string role;
};

// A draft in the review queue, with how doubtful its extraction was.
struct ReviewItem {
  ProjectSummary project;
  std::int64_t errors = 0;
  std::int64_t warnings = 0;
  std::int64_t findings = 0;  // every severity
};

// ---- Copying a whole registry (tiltas migrate) -----------------------------
// A stored value as it is in a row: NULL, an integer, a real or text.
using RowValue = std::variant<std::monostate, std::int64_t, double, std::string>;

// Receives a registry's rows table by table (Store::copy_rows_to), each
// table after the tables its rows refer to.
class RowSink {
 public:
  virtual ~RowSink() = default;
  // The next table, and the names of its columns in the order of the values
  // of the rows that follow.
  virtual Status begin_table(const std::string& table, const std::vector<std::string>& columns) = 0;
  virtual Status add_row(const std::vector<RowValue>& values) = 0;
};

// What Store::load_rows did.
struct LoadSummary {
  std::map<std::string, std::int64_t> rows;  // per table
  std::int64_t indexed = 0;                  // records in the rebuilt search index
};

class Store : public search::SearchIndex {
 public:
  virtual ~Store() = default;

  // Stores `document` and its `records` as drafts in one transaction: either
  // all of it is committed or nothing is. A document whose sha256 is stored
  // already is kUnchanged and nothing is written. A new sha256 at a source
  // that is stored already is a new revision (kChanged): the n-th record
  // updates the source's n-th project in place (same id, revision + 1; a
  // published project whose facts changed returns to draft with a finding),
  // and projects the new revision no longer has are removed.
  // Organisations are linked by normalised name and country, created when
  // new. A record in another language that matches a stored one
  // (model::translation_match_score) joins it as a translation. Records are
  // validated first (kInvalidArgument names the record).
  virtual Result<ImportResult> import_document(const model::Document& document,
                                               const std::vector<model::Project>& records) = 0;

  // Imports several documents with one commit (group commit), each whole or
  // absent (decision 0004): the slot of a document whose records do not
  // validate holds its error and the others are stored.
  // A crash before the commit loses the batch, never part of a document. The
  // outer error is for the database itself failing (nothing of the batch
  // is stored then). The default imports them one by one.
  virtual Result<std::vector<Result<ImportResult>>> import_documents(const std::vector<DocumentImport>& batch) {
    std::vector<Result<ImportResult>> out;
    out.reserve(batch.size());
    for (const auto& d : batch) {
      auto r = import_document(d.document, d.records);
      if (!r && r.error().code != ErrorCode::kInvalidArgument && r.error().code != ErrorCode::kAlreadyExists) {
        return unexpected(r.error());
      }
      out.push_back(std::move(r));
    }
    return out;
  }

  // The id of the document with this content hash, if stored.
  virtual Result<std::optional<Id>> find_document_by_sha256(const std::string& sha256) const = 0;

  // Replaces the facts of project `id` with those of `updated` (its id,
  // review state, language and provenance are kept) in one transaction,
  // writing one audit entry per changed field (codec::diff_records) and
  // remembering each changed field as an editor's correction: later
  // revisions of the source page keep corrected fields and report a
  // conflict finding where the source moved. Returns the stored record.
  // kNotFound; kInvalidArgument when `updated` does not validate.
  virtual Result<model::Project> update_project(Id id, const model::Project& updated, const Edit& edit) = 0;
  // The audit trail of a project, oldest first (kept after deletion).
  virtual Result<std::vector<AuditEntry>> find_audit(Id project_id) const = 0;

  // kNotFound when absent or not visible.
  virtual Result<model::Project> get_project(Id id, Visibility visibility) const = 0;
  virtual Result<ProjectPage> list_projects(const ProjectFilter& filter, const PageRequest& page) const = 0;
  // Full records of a document, in their original order (all states).
  virtual Result<std::vector<model::Project>> find_projects_of_document(Id document_id) const = 0;

  // Sets the review state; kNotFound names the first missing id and then
  // nothing is changed. Returns how many changed state.
  virtual Result<int> set_review_state(const std::vector<Id>& ids, model::ReviewState state) = 0;
  // Publishes every draft; returns how many.
  virtual Result<int> publish_all() = 0;
  virtual Status delete_project(Id id) = 0;

  virtual Result<model::Organisation> get_organisation(Id id) const = 0;
  virtual Result<std::vector<OrganisationSummary>> list_organisations(Visibility visibility, int limit,
                                                                       Id after_id) const = 0;

  virtual Result<model::Document> get_document(Id id) const = 0;
  // Every document, oldest first, without its text.
  virtual Result<std::vector<model::Document>> find_documents() const = 0;

  virtual Result<Counts> counts() const = 0;

  // "sqlite 3.40.1 (data/tiltas.db)"; for logs and /healthz.
  virtual std::string describe() const = 0;

  // ---- Search (search/search_index.h; decision 0003) ----------------------
  // The index is written in the same transactions as the records it indexes
  // (import, revision, edit, delete), so a committed record is searchable and
  // a rolled-back one never is. Facet counts come with every result.

  // Ranked, faceted full-text search (see search::SearchIndex::search).
  Result<search::SearchResult> search(const search::SearchRequest& request) const override = 0;
  // Typeahead for organisations and places (see search::SearchIndex::suggest).
  Result<std::vector<search::Suggestion>> suggest(std::string_view prefix, int limit,
                                                  bool include_drafts) const override = 0;
  // Rebuilds the index from the records in one write transaction; returns
  // how many records were indexed (tiltas reindex).
  Result<std::int64_t> reindex() override = 0;

  // ---- API tokens (the HTTP API's write endpoints) -------------------------
  // Only the SHA-256 of a token is stored (lower-case hex); the token itself
  // is shown to its owner once and never stored or logged.

  // Stores a new active token. kAlreadyExists when an active token has this
  // name or when the hash is stored already; kInvalidArgument for an empty
  // name or hash.
  virtual Result<ApiToken> create_api_token(const std::string& name, const std::string& token_hash) = 0;
  // The token (active or revoked) whose hash this is, if any. The caller
  // compares the hash again in constant time before trusting it.
  virtual Result<std::optional<ApiToken>> find_api_token(const std::string& token_hash) const = 0;
  // Every token, oldest first, revoked ones included.
  virtual Result<std::vector<ApiToken>> list_api_tokens() const = 0;
  // Revokes the active token of that name; kNotFound when there is none.
  virtual Status revoke_api_token(const std::string& name) = 0;

  // ---- Editors: accounts, sessions, review (issue 9) -----------------------
  // Times are ISO 8601 UTC texts ("2026-11-25T10:00:00Z") given by the
  // caller, so that tests can set the clock; they compare as text.

  // Stores a new account. `email` is stored lower-cased and trimmed; `role`
  // is "admin", "editor" or "viewer"; `password_hash` is an encoded
  // crypto_pwhash_str hash (the store never sees a password).
  // kAlreadyExists for an e-mail stored already; kInvalidArgument for an
  // empty e-mail or hash or an unknown role.
  virtual Result<User> create_user(const std::string& email, const std::string& role,
                                   const std::string& password_hash) = 0;
  // The account of that e-mail (compared lower-cased), if any.
  virtual Result<std::optional<User>> find_user(const std::string& email) const = 0;
  // Every account, by e-mail.
  virtual Result<std::vector<User>> list_users() const = 0;
  // Removes the account and every session of it; kNotFound when absent.
  virtual Status remove_user(const std::string& email) = 0;

  // Stores a session (its id only as a hash). kInvalidArgument for an empty
  // hash or CSRF token; kNotFound when the user does not exist.
  virtual Status create_session(const Session& session) = 0;
  // The session with this id hash that has not expired at `now`, with its
  // user's e-mail and role. Expired or unknown: std::nullopt.
  virtual Result<std::optional<Session>> find_session(const std::string& id_hash, const std::string& now) const = 0;
  // Ends one session (no error when it is gone already).
  virtual Status delete_session(const std::string& id_hash) = 0;
  // Ends every session of the user ("log out everywhere"); returns how many.
  virtual Result<int> delete_sessions_of_user(Id user_id) = 0;

  // Failed logins, for rate limiting: `key` is "account:<e-mail>" or
  // "address:<ip>". count_login_failures counts those at or after `since`;
  // clear_login_failures forgets a key's failures (a successful login).
  virtual Status record_login_failure(const std::string& key, const std::string& at) = 0;
  virtual Result<std::int64_t> count_login_failures(const std::string& key, const std::string& since) const = 0;
  virtual Status clear_login_failures(const std::string& key) = 0;

  // Drafts that match `filter` (its visibility and review_state are ignored:
  // always drafts, translations not listed on their own), most doubtful
  // first: by error findings, then warnings, then all findings, then id.
  // At most `limit` (1..1000) rows.
  virtual Result<std::vector<ReviewItem>> review_queue(const ProjectFilter& filter, int limit) const = 0;
  // set_review_state with an audit entry (field "review_state") per project
  // whose state changed, in the same transaction. Returns how many changed.
  virtual Result<int> change_review_state(const std::vector<Id>& ids, model::ReviewState state,
                                          const Edit& edit) = 0;
  // An editor confirms field `field` (a codec::editable_record_keys() key)
  // of project `id` as extracted: an audit entry whose old and new value
  // are the current one (note "accepted" unless given), and the findings
  // about that field ("period", "period.start", "organisations[1].name")
  // are resolved (removed). kNotFound; kInvalidArgument for another field.
  virtual Status accept_field(Id id, const std::string& field, const Edit& edit) = 0;
  // Merges organisation `from` into `into` (cluster_id = into; organisations
  // merged into `from` before follow it). Participations keep the
  // organisation they were linked to, and readers see the cluster's
  // surviving member instead, so a merge survives re-imports and can be
  // undone. Audited on every project concerned (field "organisation_merge").
  // Returns those projects. kNotFound; kInvalidArgument when from == into
  // or `into` is itself merged into another.
  virtual Result<std::vector<Id>> merge_organisations(Id from, Id into, const Edit& edit) = 0;
  // Undoes the merge of `id` (cluster_id cleared); audited like a merge.
  // kNotFound; kFailedPrecondition when `id` is not merged.
  virtual Result<std::vector<Id>> split_organisation(Id id, const Edit& edit) = 0;
  // One audit entry by id; kNotFound.
  virtual Result<AuditEntry> get_audit_entry(Id audit_id) const = 0;

  // The database's size on disk in bytes (SQLite pages, PostgreSQL
  // pg_database_size), for the server's /metrics.
  virtual Result<std::int64_t> database_size_bytes() const = 0;

  // ---- Copying a whole registry (tiltas migrate; app/migrate_registry.h) --
  // The bulk path of a migration between backends: the stored rows as they
  // are, so that ids, times, revisions, review states, the audit trail,
  // corrections and token hashes survive (see store/sql_copy.h for why not
  // through import_document).

  // Sends every stored row to `sink`, from one consistent snapshot: every
  // table of the registry except the search index (derived) and the schema
  // version table. kFailedPrecondition for a table migrate cannot copy
  // faithfully (binary columns, no primary key).
  virtual Status copy_rows_to(RowSink& sink) const = 0;
  // Fills this registry, in one write transaction, with the rows `produce`
  // sends to the sink it is given (ids kept), then moves id counters past
  // the copied ids and rebuilds the search index: all of it or nothing.
  // kFailedPrecondition when the registry holds any row already, unless
  // `replace`, which deletes what it holds first (in the same transaction);
  // also for a table or column this database lacks. Errors from `produce`
  // roll everything back and are returned.
  virtual Result<LoadSummary> load_rows(const std::function<Status(RowSink&)>& produce, bool replace) = 0;
};

// Opens (creating and migrating where needed) the store at `url`:
//   "sqlite:PATH", "file:PATH" or a plain PATH -> the embedded SQLite store;
//   "postgresql://..." or "postgres://..." -> PostgreSQL (libpq).
// kUnavailable when the database cannot be opened; kFailedPrecondition when
// it was written by a newer Tiltas (unknown migration).
Result<std::unique_ptr<Store>> open_store(std::string_view url);

}  // namespace tiltas::store
