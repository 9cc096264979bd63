#include "store/sqlite/sqlite_search.h"

#include <algorithm>
#include <cmath>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include <fmt/format.h>
#include <sqlite3.h>

#include "search/analyzer.h"
#include "search/highlight.h"
#include "search/index_document.h"
#include "search/ranking.h"
#include "store/search_rows.h"
#include "store/sqlite/sqlite_index_write.h"

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

// ---- Ranking ---------------------------------------------------------------
// tiltas_bm25(search_fts, phrases, w_title, w_org, w_body, w_facets): FTS5's
// own bm25() (same k1, b, idf and column weights), minus the part of it that
// grows with the registry. bm25() counts, on its first row of every query,
// the records that hold each phrase of the expression (a scan of the
// phrase's whole doclist): at 100,000 records that was most of a query's
// time with two facet filters ("c:lt" is in most records). Here
//  - phrases that cannot score are not counted: facet tokens (their column
//    weighs 0) and excluded clauses (no matching row holds them); `phrases`
//    lists the expression's phrases in order, "" for those (phrase_list());
//  - the count of a phrase is kept per database file and reused while the
//    index is unchanged: the same number of records and tokens and the same
//    FTS5 structure record (which every committed write to the index
//    changes), so a word is counted once, not once per query.
// Scores are therefore bm25()'s. (Inside a write transaction that has
// changed a record's words but neither the number of records nor of tokens,
// a search could use the counts from before the change: searches run
// outside write transactions.)

struct DocCountKey {
  std::string file;
  std::string phrase;
  bool operator==(const DocCountKey&) const = default;
};
struct DocCountKeyHash {
  std::size_t operator()(const DocCountKey& k) const {
    return std::hash<std::string>()(k.file) * 31 + std::hash<std::string>()(k.phrase);
  }
};
struct IndexState {
  sqlite3_int64 rows = 0, tokens = 0;
  std::string structure;  // search_fts_data's structure record
  bool operator==(const IndexState&) const = default;
};
struct DocCount {
  IndexState when;  // the index when counted
  sqlite3_int64 hits = 0;
};

class DocCounts {
 public:
  std::optional<sqlite3_int64> find(const DocCountKey& k, const IndexState& now) {
    std::lock_guard lock(mutex_);
    auto it = counts_.find(k);
    if (it == counts_.end() || !(it->second.when == now)) return std::nullopt;
    return it->second.hits;
  }
  void put(DocCountKey k, DocCount c) {
    std::lock_guard lock(mutex_);
    if (counts_.size() >= kMaxEntries) counts_.clear();  // a bound, not an LRU: refilled by the next queries
    counts_[std::move(k)] = c;
  }

 private:
  static constexpr std::size_t kMaxEntries = 100000;
  std::mutex mutex_;
  std::unordered_map<DocCountKey, DocCount, DocCountKeyHash> counts_;
};

DocCounts& doc_counts() {
  static DocCounts* counts = new DocCounts;  // never destroyed: used until exit
  return *counts;
}

struct Bm25Data {
  double avgdl = 0;
  std::vector<double> idf;
};

int count_row(const Fts5ExtensionApi*, Fts5Context*, void* user) {
  ++*static_cast<sqlite3_int64*>(user);
  return SQLITE_OK;
}

// The phrases of `apVal[0]` (one per line).
std::vector<std::string_view> split_lines(std::string_view s) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= s.size(); ++i) {
    if (i == s.size() || s[i] == '\n') {
      out.push_back(s.substr(start, i - start));
      start = i + 1;
    }
  }
  return out;
}

Bm25Data* bm25_data(const Fts5ExtensionApi* api, Fts5Context* fts, sqlite3_context* ctx, sqlite3_value* phrases,
                    int* rc) {
  if (auto* d = static_cast<Bm25Data*>(api->xGetAuxdata(fts, 0))) return d;
  auto data = std::make_unique<Bm25Data>();
  IndexState now;
  sqlite3_int64& rows = now.rows;
  if ((*rc = api->xRowCount(fts, &rows)) != SQLITE_OK) return nullptr;
  if ((*rc = api->xColumnTotalSize(fts, -1, &now.tokens)) != SQLITE_OK) return nullptr;
  data->avgdl = rows > 0 ? static_cast<double>(now.tokens) / static_cast<double>(rows) : 1.0;
  sqlite3* db = sqlite3_context_db_handle(ctx);
  const char* file_name = sqlite3_db_filename(db, "main");
  std::string file = file_name ? file_name : "";  // "" in memory: counted every time
  if (!file.empty()) {
    // FTS5 keeps its segments' structure in the row with id 10.
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db, "SELECT block FROM search_fts_data WHERE id = 10", -1, &st, nullptr) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW) {
      now.structure.assign(static_cast<const char*>(sqlite3_column_blob(st, 0)),
                           static_cast<std::size_t>(sqlite3_column_bytes(st, 0)));
    } else {
      file.clear();  // no structure record to check counts against: count
    }
    sqlite3_finalize(st);
  }
  const char* text = reinterpret_cast<const char*>(sqlite3_value_text(phrases));
  auto list = split_lines(text ? std::string_view(text, static_cast<std::size_t>(sqlite3_value_bytes(phrases)))
                               : std::string_view());
  const int n = api->xPhraseCount(fts);
  data->idf.assign(static_cast<std::size_t>(n), 0.0);
  for (int i = 0; i < n; ++i) {
    // Without a list entry the phrase is counted, as bm25() would.
    const bool listed = static_cast<std::size_t>(i) < list.size();
    if (listed && list[static_cast<std::size_t>(i)].empty()) continue;  // cannot score
    sqlite3_int64 hits = 0;
    DocCountKey key{file, listed ? std::string(list[static_cast<std::size_t>(i)]) : std::string()};
    auto cached = file.empty() || !listed ? std::nullopt : doc_counts().find(key, now);
    if (cached) {
      hits = *cached;
    } else {
      if ((*rc = api->xQueryPhrase(fts, i, &hits, count_row)) != SQLITE_OK) return nullptr;
      if (!file.empty() && listed) doc_counts().put(std::move(key), {now, hits});
    }
    // FTS5's bm25(): idf = ln((N - n + 0.5) / (n + 0.5)), at least 1e-6.
    double idf = std::log((static_cast<double>(rows - hits) + 0.5) / (static_cast<double>(hits) + 0.5));
    data->idf[static_cast<std::size_t>(i)] = idf <= 0.0 ? 1e-6 : idf;
  }
  auto* raw = data.release();
  if ((*rc = api->xSetAuxdata(fts, raw, [](void* p) { delete static_cast<Bm25Data*>(p); })) != SQLITE_OK) {
    return nullptr;  // xSetAuxdata frees raw on failure
  }
  return raw;
}

void tiltas_bm25(const Fts5ExtensionApi* api, Fts5Context* fts, sqlite3_context* ctx, int n_val,
                 sqlite3_value** values) {
  if (n_val < 1) {
    sqlite3_result_error(ctx, "tiltas_bm25: the phrase list is missing", -1);
    return;
  }
  int rc = SQLITE_OK;
  Bm25Data* data = bm25_data(api, fts, ctx, values[0], &rc);
  if (!data) {
    sqlite3_result_error_code(ctx, rc == SQLITE_OK ? SQLITE_ERROR : rc);
    return;
  }
  constexpr double k1 = 1.2, b = 0.75;
  std::vector<double> freq(data->idf.size(), 0.0);
  int instances = 0;
  if ((rc = api->xInstCount(fts, &instances)) != SQLITE_OK) {
    sqlite3_result_error_code(ctx, rc);
    return;
  }
  for (int i = 0; i < instances; ++i) {
    int phrase = 0, column = 0, offset = 0;
    if ((rc = api->xInst(fts, i, &phrase, &column, &offset)) != SQLITE_OK) {
      sqlite3_result_error_code(ctx, rc);
      return;
    }
    double weight = column + 1 < n_val ? sqlite3_value_double(values[column + 1]) : 1.0;
    freq[static_cast<std::size_t>(phrase)] += weight;
  }
  int length = 0;
  if ((rc = api->xColumnSize(fts, -1, &length)) != SQLITE_OK) {
    sqlite3_result_error_code(ctx, rc);
    return;
  }
  double score = 0;
  for (std::size_t i = 0; i < freq.size(); ++i) {
    score += data->idf[i] * (freq[i] * (k1 + 1.0)) /
             (freq[i] + k1 * (1 - b + b * static_cast<double>(length) / data->avgdl));
  }
  sqlite3_result_double(ctx, -score);  // lower is better, as bm25()
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
      "SELECT f.rowid, tiltas_bm25(search_fts, $4, 10.0, 5.0, 1.0, 0.0), COALESCE(p.translation_of, p.id), "
      "p.review_state, "
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
  if (api->xCreateFunction(api, "tiltas_bm25", nullptr, tiltas_bm25, nullptr) != SQLITE_OK) {
    return internal_error("sqlite: cannot register the search ranking function");
  }
  return ok();
}

std::string fts_expression(const search::SearchQuery& q) {
  static const search::BooleanSyntax kSyntax{" AND ", " NOT ", quoted, any_of, clause_expression};
  return search::compile_boolean(q, kSyntax);
}

std::string phrase_list(std::string_view expression) {
  // Every phrase of the expression is one quoted string (quoted()); those
  // after the first NOT are excluded clauses (compile_boolean puts them
  // last).
  std::string out;
  bool excluded = false, first = true;
  for (std::size_t i = 0; i < expression.size(); ++i) {
    if (expression[i] != '"') {
      if (expression.substr(i, 5) == " NOT ") excluded = true;
      continue;
    }
    std::string phrase;
    for (++i; i < expression.size(); ++i) {
      if (expression[i] == '"') {
        if (i + 1 < expression.size() && expression[i + 1] == '"') {
          phrase += '"';
          ++i;
          continue;
        }
        break;
      }
      phrase += expression[i];
    }
    const bool facet = phrase == "all" || phrase.find(':') != std::string::npos;
    if (!first) out += '\n';
    first = false;
    if (!excluded && !facet) out += phrase;
  }
  return out;
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
  return write_meta_and_names(c, p, d);
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
  std::string expression = fts_expression(r.query);
  st->bind(1, expression).bind(3, static_cast<std::int64_t>(window + 1)).bind(4, phrase_list(expression));
  if (f.review_state) st->bind(2, std::string(model::to_string(*f.review_state)));
  std::vector<search::Candidate> candidates;
  for (;;) {
    auto row = st->step();
    if (!row) return unexpected(row.error());
    if (!*row) break;
    // bm25() is lower for better matches.
    candidates.push_back(
        {st->int64(0), st->int64(2), -st->real(1), st->text(3), st->text(4), st->opt_text(5), st->opt_int64(6)});
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
