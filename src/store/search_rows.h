// The parts of search that are the same SQL on every backend (included by
// store/sqlite/sqlite_search.cc and store/postgres/pg_search.cc only): the
// index's side tables (search_meta, search_names), the result rows of a page
// of hits with their highlighted titles and snippets, and suggestions. The
// full-text part (FTS5 MATCH, tsvector @@) is each backend's own.
#pragma once

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "base/partial_date.h"
#include "base/text.h"
#include "search/highlight.h"
#include "search/index_document.h"
#include "search/ranking.h"
#include "search/search_index.h"

namespace tiltas::store::search_rows {

// Upper bound of the keys that start with `prefix` in byte order (U+10FFFF
// sorts after every code point).
inline std::string prefix_end(const std::string& prefix) { return prefix + "\xf4\x8f\xbf\xbf"; }

// The rows of search_names for `p` (p.id set), replacing
// any it had.
template <class Connection>
Status write_side_rows(Connection& c, const model::Project& p, const search::IndexDocument& d) {
  {
    auto st = c.cached("DELETE FROM search_names WHERE project_id = $1");
    if (!st) return unexpected(st.error());
    st->bind(1, p.id);
    // Pipelined inside an import's batch where the backend can
    // (postgres::Statement::run_later).
    if constexpr (requires { st->run_later(); }) {
      if (auto s = st->run_later(); !s) return s;
    } else {
      if (auto s = st->run(); !s) return s;
    }
  }
  for (const auto& [kind, name] : d.names) {
    for (const auto& key : search::suggestion_keys(name)) {
      // Inside import_documents' batch on PostgreSQL, by COPY at its end
      // (store/postgres/pg_connection.h, CopyBatch): a dozen rows a record.
      if constexpr (requires { c.bulk(); }) {
        if (auto* bulk = c.bulk()) {
          if (auto s = bulk->add("search_names (project_id, kind, name, key)", p.id, kind, name, key); !s) return s;
          continue;
        }
      }
      auto st = c.cached("INSERT INTO search_names (project_id, kind, name, key) VALUES ($1, $2, $3, $4)");
      if (!st) return unexpected(st.error());
      st->bind(1, p.id).bind(2, kind).bind(3, name).bind(4, key);
      if (auto s = st->run(); !s) return s;
    }
  }
  return ok();
}

// The hits of `page` with their display fields, highlighted title and
// snippet.
template <class Connection>
Result<std::vector<search::SearchHit>> load_hits(Connection& c, const search::RankedPage& page,
                                                 const std::set<std::string>& terms, bool snippets) {
  std::vector<search::SearchHit> out;
  search::Matcher matcher(terms);
  for (const auto& [id, score] : page.hits) {
    search::SearchHit h;
    h.id = id;
    h.score = score;
    {
      auto st = c.cached(
          "SELECT p.default_language, p.programme, p.period_start, p.period_end, p.kind, p.review_state, "
          "m.amount_minor, m.currency FROM projects p LEFT JOIN search_meta m ON m.project_id = p.id WHERE p.id = $1");
      if (!st) return unexpected(st.error());
      st->bind(1, id);
      auto row = st->step();
      if (!row) return unexpected(row.error());
      if (!*row) continue;  // deleted since the candidates were read (PostgreSQL reads in one snapshot)
      h.language = st->text(0);
      h.programme = st->opt_text(1);
      if (auto s = st->opt_text(2)) {
        if (auto d = PartialDate::parse_iso(*s)) h.period.start = *d;
      }
      if (auto s = st->opt_text(3)) {
        if (auto d = PartialDate::parse_iso(*s)) h.period.end = *d;
      }
      h.kind = model::parse_project_kind(st->text(4)).value_or(model::ProjectKind::kProject);
      h.review_state = model::parse_review_state(st->text(5)).value_or(model::ReviewState::kDraft);
      h.amount_minor = st->opt_int64(6);
      h.currency = st->opt_text(7);
    }
    // Texts of the whole translation group: the record's own language first.
    struct Text {
      std::string language, title, description;
    };
    std::vector<Text> texts;
    {
      auto st = c.cached(
          "SELECT t.language, t.title, t.description FROM project_texts t JOIN projects p ON p.id = t.project_id "
          "WHERE p.id = $1 OR p.translation_of = $1");
      if (!st) return unexpected(st.error());
      st->bind(1, id);
      for (;;) {
        auto row = st->step();
        if (!row) return unexpected(row.error());
        if (!*row) break;
        texts.push_back({st->text(0), st->opt_text(1).value_or(""), st->opt_text(2).value_or("")});
      }
    }
    std::stable_sort(texts.begin(), texts.end(), [&](const Text& a, const Text& b) {
      return (a.language == h.language) > (b.language == h.language) ||
             ((a.language == h.language) == (b.language == h.language) && a.language < b.language);
    });
    const Text* title = nullptr;
    for (const auto& t : texts) {
      if (!t.title.empty() && (!title || (search::has_match(t.title, t.language, matcher) &&
                                          !search::has_match(title->title, title->language, matcher)))) {
        title = &t;
      }
    }
    if (title) {
      h.title = title->title;
      h.title_html = search::highlight(title->title, title->language, matcher);
    }
    if (snippets) {
      const Text* body = nullptr;
      for (const auto& t : texts) {
        if (t.description.empty()) continue;
        if (!body) body = &t;
        if (search::has_match(t.description, t.language, matcher)) {
          body = &t;
          break;
        }
      }
      if (body) h.snippet_html = search::snippet(body->description, body->language, matcher);
    }
    out.push_back(std::move(h));
  }
  return out;
}

template <class Connection>
Result<std::vector<search::Suggestion>> suggest(Connection& c, std::string_view prefix, int limit,
                                                bool include_drafts) {
  std::vector<search::Suggestion> out;
  if (prefix.size() > 200) return invalid_argument("a prefix is at most 200 bytes", "q");
  if (!text::is_valid_utf8(prefix)) return invalid_argument("the prefix is not valid UTF-8", "q");
  std::string key = text::fold(prefix);
  if (key.empty()) return out;
  limit = std::clamp(limit, 1, search::kMaxSuggestions);
  // At most a few thousand keys are grouped, so that a one-letter prefix in
  // a large registry stays quick; the counts are then of those keys.
  std::string sql =
      "SELECT s.name, s.kind, COUNT(DISTINCT s.project_id) FROM (SELECT project_id, kind, name FROM search_names "
      "WHERE key >= $1 AND key < $2 ORDER BY key LIMIT 5000) s JOIN projects p ON p.id = s.project_id";
  if (!include_drafts) sql += " WHERE p.review_state = 'published'";
  sql += " GROUP BY s.name, s.kind ORDER BY 3 DESC, s.name, s.kind LIMIT $3";
  auto st = c.cached(sql);
  if (!st) return unexpected(st.error());
  st->bind(1, key).bind(2, prefix_end(key)).bind(3, static_cast<std::int64_t>(limit));
  for (;;) {
    auto row = st->step();
    if (!row) return unexpected(row.error());
    if (!*row) break;
    out.push_back({st->text(0), st->text(1), st->int64(2)});
  }
  return out;
}

// A ranked page as the search's result: its hits loaded, the query's
// notices, and `sample_notice` when the counts are of a sample
// (page.exhaustive false), which each engine words for how it samples.
template <class Connection>
Result<search::SearchResult> result_of_page(Connection& c, search::RankedPage page, const search::SearchRequest& r,
                                            std::string sample_notice) {
  search::SearchResult out;
  auto hits = load_hits(c, page, search::match_terms(r.query), r.snippets);
  if (!hits) return unexpected(hits.error());
  out.hits = std::move(*hits);
  out.total = page.total;
  out.exhaustive = page.exhaustive;
  out.facets = std::move(page.facets);
  out.notices = r.query.notices;
  if (!out.exhaustive) out.notices.push_back(std::move(sample_notice));
  return out;
}

// The part of a search both engines share once they have collected their
// candidates (at most `window` + 1, best first by the engine's own score):
// rank and count facets in C++, load the page's hits, and say when the
// window cut the count short.
template <class Connection>
Result<search::SearchResult> finish_search(Connection& c, std::vector<search::Candidate> candidates,
                                           const search::SearchRequest& r, int window) {
  bool window_full = candidates.size() > static_cast<std::size_t>(window);
  if (window_full) candidates.pop_back();
  return result_of_page(c, search::rank(std::move(candidates), r, window_full), r,
                        fmt::format("more than {} records match: the newest {} are ranked and counted; add a word "
                                    "or a filter to narrow the search",
                                    window, window));
}

// One page of every record matching `query` (find_matches of both engines),
// by id after `after_id`. `from_where` is the engine's
// "SELECT <id>, COALESCE(p.translation_of, p.id) FROM <index> JOIN projects p
// ... WHERE <match $1> AND <id> > $2" and `expression` its match operand;
// `order` the id column to page by.
template <class Connection>
Result<std::vector<search::Match>> match_page(Connection& c, std::string from_where, const std::string& expression,
                                              std::string_view order, const search::SearchQuery& query,
                                              bool include_drafts, model::Id after_id, int limit) {
  if (query.empty()) return invalid_argument("the query is empty: type a word, a phrase or a filter", "q");
  std::string sql = std::move(from_where);
  if (!include_drafts) sql += " AND p.review_state = 'published'";
  if (query.filters.review_state) sql += " AND p.review_state = $4";
  sql += fmt::format(" ORDER BY {} LIMIT $3", order);
  auto st = c.cached(sql);
  if (!st) return unexpected(st.error());
  st->bind(1, expression).bind(2, after_id);
  st->bind(3, static_cast<std::int64_t>(std::clamp(limit, 1, search::kMaxMatchPage)));
  if (query.filters.review_state) st->bind(4, std::string(model::to_string(*query.filters.review_state)));
  std::vector<search::Match> out;
  for (;;) {
    auto row = st->step();
    if (!row) return unexpected(row.error());
    if (!*row) break;
    out.push_back({st->int64(0), st->int64(1)});
  }
  return out;
}

}  // namespace tiltas::store::search_rows
