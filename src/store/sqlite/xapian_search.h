// The SQLite registry's second search engine: a Xapian 1.4 index in a
// directory beside the database file (`<db>.xapian/`), chosen per registry
// (decision 0003, third addendum). FTS5 ranks every match of a common word;
// Xapian's matcher stops early with per-term weight upper bounds, which is
// what the p99 at a million projects needs.
//
// Xapian cannot join SQLite's transaction, so the store writes a change log
// instead (table search_changes, migration 8): each indexed record's
// analysed text is a row written in the same transaction as the record, and
// triggers add a row when a record's review state or translation group
// changes or the record is deleted. After each commit the rows are applied
// to Xapian in one Xapian commit that also stores the last applied sequence
// number (metadata "tiltas:applied"), so that after a crash anything not
// applied is replayed: when a store opens, after each write, and before a
// search when the index is behind (another process may have written). Only
// one process at a time holds Xapian's write lock, and only while it
// applies; a process that cannot take it leaves the rows to the holder or
// the next one. Rows below the applied number are deleted by the next write
// transaction.
//
// Not thread-safe: the backend serialises calls (SqliteBackend's mutex).
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
#include "store/sqlite/sqlite_db.h"
#include "store/store.h"

namespace tiltas::store::sqlite {

enum class SearchEngine { kFts5, kXapian };
// "fts5" / "xapian"; std::nullopt otherwise.
std::optional<SearchEngine> parse_search_engine(std::string_view s);
std::string_view to_string(SearchEngine e);

// The engine a registry is set to (search_settings, "search_engine"; FTS5
// when unset).
Result<SearchEngine> stored_search_engine(Connection& c);

// True when the FTS5 index has not been rebuilt since the registry last
// used Xapian (it is not written then): FTS5 searches fail until reindex.
Result<bool> fts5_stale(Connection& c);

class XapianIndex {
 public:
  // Opens (creating) the index in `dir`. kUnavailable when Xapian cannot.
  static Result<std::unique_ptr<XapianIndex>> open(std::string dir);
  ~XapianIndex();

  // Applies the change log rows past the index's applied number, one Xapian
  // commit per call (and per kApplyChunk rows). When another process holds
  // Xapian's write lock, returns ok without applying.
  Status catch_up(Connection& c);
  // Inside a write transaction: deletes the change log rows that the index
  // has committed (keeping the newest, so that sequence numbers never go
  // back).
  Status prune(Connection& c);

  Result<search::SearchResult> search(Connection& c, const search::SearchRequest& request);
  Result<std::vector<search::Match>> find_matches(Connection& c, const search::SearchQuery& query,
                                                  bool include_drafts, model::Id after_id, int limit);

  const std::string& dir() const { return dir_; }

 private:
  explicit XapianIndex(std::string dir);
  struct State;
  std::string dir_;
  std::unique_ptr<State> state_;
};

// Switches the registry at `path` to `engine` when it uses another one (a
// separate connection; called by open_sqlite_store). To Xapian: the change
// log's triggers are created and a new, empty index replaces any old one
// (built at once when the registry holds no record, else when `tiltas
// reindex` has run: searches say so until then). To FTS5: the triggers and
// the Xapian directory go, and FTS5 searches fail until reindex when the
// registry holds records.
Status switch_search_engine(const std::string& path, SearchEngine engine);

// The Xapian index of the backend call running on this thread (set by
// SqliteBackend around each call), nullptr when the registry uses FTS5.
XapianIndex* current_xapian();
class XapianScope {
 public:
  explicit XapianScope(XapianIndex* index);
  ~XapianScope();
  XapianScope(const XapianScope&) = delete;
  XapianScope& operator=(const XapianScope&) = delete;

 private:
  XapianIndex* previous_;
};

// The index hooks of a Xapian registry, inside the store's transaction:
// search_meta and search_names as with FTS5 (suggestions, sorting keys and
// the hits' fields come from them) and a change log row with the analysed
// text; no FTS5 row.
Status log_index_project(Connection& c, const model::Project& p);
Status log_index_new_project(Connection& c, const model::Project& p, const AnalysedRecord& a);
// Empties the side tables and logs a "clear" row (project 0) that empties
// the Xapian index when applied (reindex).
Status log_clear_search_index(Connection& c);

}  // namespace tiltas::store::sqlite
