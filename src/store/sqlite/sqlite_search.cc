#include "store/sqlite/sqlite_search.h"

#include <algorithm>
#include <string>

#include <fmt/format.h>
#include <sqlite3.h>

#include "search/analyzer.h"
#include "search/highlight.h"
#include "search/index_document.h"
#include "search/ranking.h"
#include "store/search_rows.h"

namespace tiltas::store::sqlite {
namespace {

// ---- The tokenizer ---------------------------------------------------------
// Input is analysed text: tokens separated by spaces, the forms of one word
// joined by '|' (each form after the first is colocated with it).

struct Tokenizer {};

int tokenizer_create(void*, const char**, int, Fts5Tokenizer** out) {
  *out = reinterpret_cast<Fts5Tokenizer*>(new Tokenizer);
  return SQLITE_OK;
}

void tokenizer_delete(Fts5Tokenizer* t) { delete reinterpret_cast<Tokenizer*>(t); }

int tokenizer_tokenize(Fts5Tokenizer*, void* context, int, const char* text, int length,
                       int (*token)(void*, int, const char*, int, int, int)) {
  int start = 0;
  bool colocated = false;
  for (int i = 0; i <= length; ++i) {
    char ch = i < length ? text[i] : ' ';
    if (ch != ' ' && ch != '|') continue;
    if (i > start) {
      int rc = token(context, colocated ? FTS5_TOKEN_COLOCATED : 0, text + start, i - start, start, i);
      if (rc != SQLITE_OK) return rc;
    }
    colocated = ch == '|' && i > start;
    start = i + 1;
  }
  return SQLITE_OK;
}

fts5_api* fts5_api_of(sqlite3* db) {
  fts5_api* api = nullptr;
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, nullptr) == SQLITE_OK) {
    sqlite3_bind_pointer(st, 1, static_cast<void*>(&api), "fts5_api_ptr", nullptr);
    sqlite3_step(st);
  }
  sqlite3_finalize(st);
  return api;
}

// ---- Queries ---------------------------------------------------------------

std::string quoted(std::string_view term) {
  // Terms are folded letters and digits (facet tokens add ':' and '_'), so
  // no '"' can occur; doubling keeps that true whatever changes upstream.
  std::string out = "\"";
  for (char ch : term) {
    if (ch == '"') out += '"';
    out += ch;
  }
  return out + "\"";
}

std::string any_of(const std::vector<std::string>& alternatives) {
  if (alternatives.size() == 1) return alternatives[0];
  std::string out = "(";
  for (std::size_t i = 0; i < alternatives.size(); ++i) out += (i ? " OR " : "") + alternatives[i];
  return out + ")";
}

// A word: any of its terms. A phrase: the phrase in any language.
std::string clause_expression(const search::Clause& clause) {
  std::vector<std::string> alternatives;
  if (clause.words.size() == 1) {
    for (const auto& t : search::query_terms(clause.words[0])) alternatives.push_back(quoted(t));
  } else {
    std::vector<std::string_view> languages(std::begin(search::kQueryLanguages), std::end(search::kQueryLanguages));
    languages.push_back("");
    for (auto lang : languages) {
      std::string phrase;
      for (const auto& w : clause.words) {
        std::string t = search::phrase_term(w, lang);
        if (t.empty()) continue;
        phrase += (phrase.empty() ? "" : " ") + t;
      }
      if (phrase.empty()) continue;
      std::string q = quoted(phrase);
      if (std::find(alternatives.begin(), alternatives.end(), q) == alternatives.end()) alternatives.push_back(q);
    }
  }
  if (alternatives.empty()) return {};
  std::string e = any_of(alternatives);
  return clause.org_only ? "{org} : (" + e + ")" : e;
}

std::string candidates_sql(bool include_drafts, bool review_state) {
  std::string sql =
      "SELECT f.rowid, bm25(search_fts, 10.0, 5.0, 1.0, 0.0), COALESCE(p.translation_of, p.id), p.review_state, "
      "m.facet_values, m.start_date, m.amount_minor FROM search_fts f JOIN projects p ON p.id = f.rowid "
      "JOIN search_meta m ON m.project_id = f.rowid WHERE search_fts MATCH $1";
  if (!include_drafts) sql += " AND p.review_state = 'published'";
  if (review_state) sql += " AND p.review_state = $2";
  return sql + " ORDER BY f.rowid DESC LIMIT $3";
}

}  // namespace

const std::string_view kSearchSchema = R"SQL(
CREATE TABLE search_meta (
  project_id INTEGER PRIMARY KEY REFERENCES projects (id) ON DELETE CASCADE,
  facet_values TEXT NOT NULL,
  start_date TEXT,
  amount_minor BIGINT,
  currency TEXT
);
CREATE VIRTUAL TABLE search_fts USING fts5(title, org, body, facets, tokenize = 'tiltas');
CREATE TRIGGER search_fts_delete AFTER DELETE ON projects BEGIN DELETE FROM search_fts WHERE rowid = old.id; END;
CREATE TABLE search_names (
  project_id INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  name TEXT NOT NULL,
  key TEXT NOT NULL
);
CREATE INDEX search_names_key ON search_names (key);
CREATE INDEX search_names_project ON search_names (project_id);
)SQL";

Status register_search_tokenizer(sqlite3* db) {
  fts5_api* api = fts5_api_of(db);
  if (!api) return internal_error("sqlite: this SQLite has no FTS5, which the search index needs");
  static fts5_tokenizer tokenizer{tokenizer_create, tokenizer_delete, tokenizer_tokenize};
  if (api->xCreateTokenizer(api, "tiltas", nullptr, &tokenizer, nullptr) != SQLITE_OK) {
    return internal_error("sqlite: cannot register the search tokenizer");
  }
  return ok();
}

std::string fts_expression(const search::SearchQuery& q) {
  static const search::BooleanSyntax kSyntax{" AND ", " NOT ", quoted, any_of, clause_expression};
  return search::compile_boolean(q, kSyntax);
}

Status index_project(Connection& c, const model::Project& p) {
  search::IndexDocument d = search::make_index_document(p);
  {
    auto st = c.cached("DELETE FROM search_fts WHERE rowid = $1");
    if (!st) return unexpected(st.error());
    st->bind(1, p.id);
    if (auto s = st->run(); !s) return s;
  }
  {
    auto st = c.cached("INSERT INTO search_fts (rowid, title, org, body, facets) VALUES ($1, $2, $3, $4, $5)");
    if (!st) return unexpected(st.error());
    st->bind(1, p.id).bind(2, d.title).bind(3, d.org).bind(4, d.body).bind(5, d.facets);
    if (auto s = st->run(); !s) return s;
  }
  {
    auto st = c.cached(
        "INSERT INTO search_meta (project_id, facet_values, start_date, amount_minor, currency) VALUES ($1, $2, $3, "
        "$4, $5) ON CONFLICT (project_id) DO UPDATE SET facet_values = excluded.facet_values, start_date = "
        "excluded.start_date, amount_minor = excluded.amount_minor, currency = excluded.currency");
    if (!st) return unexpected(st.error());
    st->bind(1, p.id).bind(2, d.facet_values).bind(3, d.start_date).bind(4, d.amount_minor).bind(5, d.currency);
    if (auto s = st->run(); !s) return s;
  }
  return search_rows::write_side_rows(c, p, d);
}

Status clear_search_index(Connection& c) {
  if (auto s = c.exec("DELETE FROM search_fts"); !s) return s;
  if (auto s = c.exec("DELETE FROM search_names"); !s) return s;
  return c.exec("DELETE FROM search_meta");
}

Result<search::SearchResult> search(Connection& c, const search::SearchRequest& r) {
  if (auto s = search::check_request(r); !s) return unexpected(s.error());
  const auto& f = r.query.filters;
  const int window = std::clamp(r.rank_window, 1, search::kRankWindow);
  auto st = c.cached(candidates_sql(r.include_drafts, f.review_state.has_value()));
  if (!st) return unexpected(st.error());
  st->bind(1, fts_expression(r.query)).bind(3, static_cast<std::int64_t>(window + 1));
  if (f.review_state) st->bind(2, std::string(model::to_string(*f.review_state)));
  std::vector<search::Candidate> candidates;
  for (;;) {
    auto row = st->step();
    if (!row) return unexpected(row.error());
    if (!*row) break;
    // bm25() is lower for better matches.
    candidates.push_back({st->int64(0), st->int64(2), -st->real(1), st->text(3), st->text(4), st->opt_text(5),
                          st->opt_int64(6)});
  }
  return search_rows::finish_search(c, std::move(candidates), r, window);
}

Result<std::vector<search::Suggestion>> suggest(Connection& c, std::string_view prefix, int limit,
                                                bool include_drafts) {
  return search_rows::suggest(c, prefix, limit, include_drafts);
}

Result<std::vector<search::Match>> find_matches(Connection& c, const search::SearchQuery& query, bool include_drafts,
                                                model::Id after_id, int limit) {
  // FTS5 seeks each term's doclist to the rowid bound and returns rowids in
  // order, so a page costs the same at the millionth match as at the first.
  return search_rows::match_page(c,
                                 "SELECT f.rowid, COALESCE(p.translation_of, p.id) FROM search_fts f JOIN projects p "
                                 "ON p.id = f.rowid WHERE search_fts MATCH $1 AND f.rowid > $2",
                                 fts_expression(query), "f.rowid", query, include_drafts, after_id, limit);
}

}  // namespace tiltas::store::sqlite
