#include "store/postgres/pg_search.h"

#include <algorithm>
#include <map>
#include <string>

#include <fmt/format.h>

#include "search/analyzer.h"
#include "search/highlight.h"
#include "search/index_document.h"
#include "search/ranking.h"
#include "store/search_rows.h"

namespace tiltas::store::postgres {
namespace {

constexpr int kMaxPosition = 16383;  // PostgreSQL's limit
constexpr std::size_t kMaxPositionsPerLexeme = 255;

std::string quoted(std::string_view lexeme) {
  std::string out = "'";
  for (char ch : lexeme) {
    if (ch == '\'' || ch == '\\') out += ch == '\'' ? '\'' : '\\';
    out += ch;
  }
  return out + "'";
}

std::string any_of(const std::vector<std::string>& alternatives) {
  if (alternatives.size() == 1) return alternatives[0];
  std::string out = "(";
  for (std::size_t i = 0; i < alternatives.size(); ++i) out += (i ? " | " : "") + alternatives[i];
  return out + ")";
}

std::string clause_query(const search::Clause& clause) {
  std::string weight = clause.org_only ? ":B" : "";
  std::vector<std::string> alternatives;
  if (clause.words.size() == 1) {
    for (const auto& t : search::query_terms(clause.words[0])) alternatives.push_back(quoted(t) + weight);
  } else {
    std::vector<std::string_view> languages(std::begin(search::kQueryLanguages), std::end(search::kQueryLanguages));
    languages.push_back("");
    for (auto lang : languages) {
      std::string phrase;
      for (const auto& w : clause.words) {
        std::string t = search::phrase_term(w, lang);
        if (t.empty()) continue;
        phrase += (phrase.empty() ? "" : " <-> ") + quoted(t) + weight;
      }
      if (phrase.empty()) continue;
      phrase = "(" + phrase + ")";
      if (std::find(alternatives.begin(), alternatives.end(), phrase) == alternatives.end()) {
        alternatives.push_back(phrase);
      }
    }
  }
  return alternatives.empty() ? std::string() : any_of(alternatives);
}

// Index of the rum access method's use, read once per connection state.
Result<bool> uses_rum(Connection& c) {
  auto st =
      c.cached("SELECT COUNT(*) FROM pg_indexes WHERE indexname = 'search_meta_tsv' AND indexdef LIKE '%USING rum%'");
  if (!st) return unexpected(st.error());
  auto row = st->step();
  if (!row) return unexpected(row.error());
  return *row && st->int64(0) > 0;
}

}  // namespace

const std::string_view kSearchSchema = R"SQL(
DO $$ BEGIN CREATE EXTENSION IF NOT EXISTS rum; EXCEPTION WHEN OTHERS THEN RAISE NOTICE 'rum is not available: search ranks through GIN'; END $$;
CREATE TABLE search_meta (
  project_id BIGINT PRIMARY KEY REFERENCES projects (id) ON DELETE CASCADE,
  facet_values TEXT NOT NULL,
  start_date TEXT,
  amount_minor BIGINT,
  currency TEXT,
  tsv tsvector NOT NULL
);
DO $$ BEGIN IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'rum') THEN EXECUTE 'CREATE INDEX search_meta_tsv ON search_meta USING rum (tsv rum_tsvector_ops)'; ELSE EXECUTE 'CREATE INDEX search_meta_tsv ON search_meta USING gin (tsv)'; END IF; END $$;
CREATE TABLE search_names (
  project_id BIGINT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  name TEXT NOT NULL,
  key TEXT COLLATE "C" NOT NULL
);
CREATE INDEX search_names_key ON search_names (key);
CREATE INDEX search_names_project ON search_names (project_id);
)SQL";

std::string tsvector_literal(std::string_view title, std::string_view org, std::string_view body,
                             std::string_view facets) {
  std::map<std::string, std::vector<std::string>, std::less<>> positions;
  int position = 0;
  auto add = [&](std::string_view analysed, char weight) {
    std::size_t start = 0;
    bool colocated = false;
    for (std::size_t i = 0; i <= analysed.size(); ++i) {
      char ch = i < analysed.size() ? analysed[i] : ' ';
      if (ch != ' ' && ch != '|') continue;
      if (i > start) {
        if (!colocated) position = std::min(position + 1, kMaxPosition);
        auto& list = positions[std::string(analysed.substr(start, i - start))];
        if (list.size() < kMaxPositionsPerLexeme) {
          list.push_back(weight == 'D' ? std::to_string(position) : fmt::format("{}{}", position, weight));
        }
      }
      colocated = ch == '|' && i > start;
      start = i + 1;
    }
    position = std::min(position + 1, kMaxPosition);  // no phrase across fields
  };
  add(title, 'A');
  add(org, 'B');
  add(body, 'C');
  add(facets, 'D');
  std::string out;
  for (const auto& [lexeme, list] : positions) {
    if (!out.empty()) out += ' ';
    out += quoted(lexeme);
    out += ':';
    for (std::size_t i = 0; i < list.size(); ++i) out += (i ? "," : "") + list[i];
  }
  return out;
}

std::string tsquery_literal(const search::SearchQuery& q) {
  static const search::BooleanSyntax kSyntax{" & ", " & !", quoted, any_of, clause_query};
  return search::compile_boolean(q, kSyntax);
}

Status index_project(Connection& c, const model::Project& p) {
  search::IndexDocument d = search::make_index_document(p);
  auto st = c.cached(
      "INSERT INTO search_meta (project_id, facet_values, start_date, amount_minor, currency, tsv) VALUES ($1, $2, "
      "$3, $4, $5, $6::tsvector) ON CONFLICT (project_id) DO UPDATE SET facet_values = excluded.facet_values, "
      "start_date = excluded.start_date, amount_minor = excluded.amount_minor, currency = excluded.currency, "
      "tsv = excluded.tsv");
  if (!st) return unexpected(st.error());
  st->bind(1, p.id)
      .bind(2, d.facet_values)
      .bind(3, d.start_date)
      .bind(4, d.amount_minor)
      .bind(5, d.currency)
      .bind(6, tsvector_literal(d.title, d.org, d.body, d.facets));
  if (auto s = st->run_later(); !s) return s;
  return search_rows::write_side_rows(c, p, d);
}

Status clear_search_index(Connection& c) {
  if (auto s = c.exec("DELETE FROM search_names"); !s) return s;
  return c.exec("DELETE FROM search_meta");
}

Result<search::SearchResult> search(Connection& c, const search::SearchRequest& r) {
  if (auto s = search::check_request(r); !s) return unexpected(s.error());
  auto rum = uses_rum(c);
  if (!rum) return unexpected(rum.error());
  const auto& f = r.query.filters;
  const int window = std::clamp(r.rank_window, 1, search::kRankWindow);
  // RUM returns the best matches first straight from the index; ts_rank
  // (GIN) must rank every match. Scores: higher is better either way.
  std::string score = *rum ? "-(m.tsv <=> $1::tsquery)" : "ts_rank(m.tsv, $1::tsquery)";
  std::string sql = "SELECT m.project_id, " + score +
                    ", COALESCE(p.translation_of, p.id), p.review_state, m.facet_values, m.start_date, "
                    "m.amount_minor FROM search_meta m JOIN projects p ON p.id = m.project_id "
                    "WHERE m.tsv @@ $1::tsquery";
  if (!r.include_drafts) sql += " AND p.review_state = 'published'";
  if (f.review_state) sql += " AND p.review_state = $2";
  // RUM orders by the distance alone. With a second sort key (the id, for
  // ties) the planner leaves the RUM index's ordered scan for a bitmap scan
  // of every match, reading each match's tsvector from the table and
  // sorting them all (EXPLAIN ANALYZE at 64,000 records: 382 ms against
  // 121 ms for a common word; the benchmark at 100,000, words alone: p50 /
  // p99 115 / 615 -> 24 / 85 ms). With two facet filters the bitmap plan has
  // the better p50 (40-47 against 62 ms) but the worse p99 (259-407 against
  // 232-256 ms), so the distance alone orders those too. Matches of equal
  // distance at the window's edge are taken in the index's order; rank()
  // sorts the window by score and id.
  sql += *rum ? " ORDER BY m.tsv <=> $1::tsquery LIMIT $3" : " ORDER BY 2 DESC, m.project_id DESC LIMIT $3";
  auto st = c.cached(sql);
  if (!st) return unexpected(st.error());
  st->bind(1, tsquery_literal(r.query)).bind(3, static_cast<std::int64_t>(window + 1));
  if (f.review_state) st->bind(2, std::string(model::to_string(*f.review_state)));
  std::vector<search::Candidate> candidates;
  for (;;) {
    auto row = st->step();
    if (!row) return unexpected(row.error());
    if (!*row) break;
    candidates.push_back(
        {st->int64(0), st->int64(2), st->real(1), st->text(3), st->text(4), st->opt_text(5), st->opt_int64(6)});
  }
  return search_rows::finish_search(c, std::move(candidates), r, window);
}

Result<std::vector<search::Suggestion>> suggest(Connection& c, std::string_view prefix, int limit,
                                                bool include_drafts) {
  return search_rows::suggest(c, prefix, limit, include_drafts);
}

Result<std::vector<search::Match>> find_matches(Connection& c, const search::SearchQuery& query, bool include_drafts,
                                                model::Id after_id, int limit) {
  return search_rows::match_page(c,
                                 "SELECT m.project_id, COALESCE(p.translation_of, p.id) FROM search_meta m JOIN "
                                 "projects p ON p.id = m.project_id WHERE m.tsv @@ $1::tsquery AND m.project_id > $2",
                                 tsquery_literal(query), "m.project_id", query, include_drafts, after_id, limit);
}

}  // namespace tiltas::store::postgres
