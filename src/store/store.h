// The registry's persistence interface. Implemented by SqliteStore (embedded,
// the default) and later PostgresStore; chosen by open_store(url). Nothing in
// this header is specific to one database.
//
// Thread-safety: a Store may be used from several threads at once; each
// implementation serialises or pools connections as it needs.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"
#include "model/project.h"
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

// One document with the records read from it, for import_documents.
struct DocumentImport {
  model::Document document;
  std::vector<model::Project> records;
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

  // Imports several documents with one commit (group commit), each inside
  // its own savepoint so that it is whole or absent: the slot of a document
  // whose records do not validate holds its error and the others are stored.
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

  // The database's size on disk in bytes (SQLite pages, PostgreSQL
  // pg_database_size), for the server's /metrics.
  virtual Result<std::int64_t> database_size_bytes() const = 0;
};

// Opens (creating and migrating where needed) the store at `url`:
//   "sqlite:PATH", "file:PATH" or a plain PATH -> the embedded SQLite store;
//   "postgresql://..." or "postgres://..." -> PostgreSQL (libpq).
// kUnavailable when the database cannot be opened; kFailedPrecondition when
// it was written by a newer Tiltas (unknown migration).
Result<std::unique_ptr<Store>> open_store(std::string_view url);

}  // namespace tiltas::store
