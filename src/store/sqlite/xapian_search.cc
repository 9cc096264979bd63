#include "store/sqlite/xapian_search.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include <fmt/format.h>
#include <xapian.h>

#include "search/analyzer.h"
#include "search/highlight.h"
#include "search/index_document.h"
#include "search/ranking.h"
#include "store/search_rows.h"
#include "store/sqlite/sqlite_index_write.h"

namespace tiltas::store::sqlite {
namespace {

// Value slots of a document (its id is the record's id).
constexpr Xapian::valueno kGroupSlot = 0;    // translation group (collapse key), decimal
constexpr Xapian::valueno kStartSlot = 1;    // ISO start date (sorts as text)
constexpr Xapian::valueno kAmountSlot = 2;   // sortable_serialise(largest amount)
// What the facet counter reads, in one slot because each slot is a lookup
// of its own per checked document (most of a common word's query time):
// "<group>\n<review state>\n" then IndexDocument::facet_values.
constexpr Xapian::valueno kFacetsSlot = 3;

// Term prefixes. Analysed words are folded (lower case, digits), so an
// upper-case first letter cannot clash with them.
constexpr std::string_view kFacetPrefix = "F";   // facet tokens: "Fc:lt", "Fall"
constexpr std::string_view kOrgPrefix = "O";     // organisation words again, for org:
constexpr std::string_view kReviewPrefix = "R";  // "Rpublished"

// Field boosts as in FTS5's ranking (tiltas_bm25(..., 10, 5, 1, 0)): a word
// in a title counts as ten in the body. FTS5 multiplies the phrase's
// frequency by the column weight; here the within-document frequency is.
constexpr Xapian::termcount kTitleBoost = 10, kOrgBoost = 5, kBodyBoost = 1;
// A gap between fields, so that a phrase does not run from one into the next.
constexpr Xapian::termpos kFieldGap = 100;
// Xapian refuses terms longer than 245 bytes.
constexpr std::size_t kMaxTermBytes = 240;

constexpr std::string_view kAppliedKey = "tiltas:applied";
// Set when every record is in the index, to the layout of this code (its
// slots and prefixes): an index of another layout is not searched until
// reindexed.
constexpr std::string_view kBuiltKey = "tiltas:built";
constexpr std::string_view kLayout = "2";
// Rows applied per Xapian commit at most, so that a reindex of a million
// records does not hold them all in memory.
constexpr std::size_t kApplyChunk = 20000;

thread_local XapianIndex* tls_index = nullptr;

// A record's document id is its id.
Xapian::docid to_docid(model::Id id) { return static_cast<Xapian::docid>(id); }
model::Id to_id(Xapian::docid d) { return static_cast<model::Id>(d); }

Error xapian_error(const Xapian::Error& e, std::string_view what) {
  return Error{ErrorCode::kInternal, fmt::format("xapian: {}: {}", what, e.get_description()), ""};
}

std::int64_t parse_seq(const std::string& s) {
  if (s.empty()) return 0;
  try {
    return std::stoll(s);
  } catch (...) {
    return 0;
  }
}

void add_field(Xapian::Document& doc, std::string_view analysed, Xapian::termcount boost, bool org,
               Xapian::termpos& pos) {
  // append_analyzed's format: tokens separated by spaces, the forms of one
  // word by '|' at one position.
  std::size_t start = 0;
  while (start < analysed.size()) {
    std::size_t end = analysed.find(' ', start);
    if (end == std::string_view::npos) end = analysed.size();
    std::string_view token = analysed.substr(start, end - start);
    start = end + 1;
    if (token.empty()) continue;
    ++pos;
    std::size_t f = 0;
    while (f <= token.size()) {
      std::size_t bar = token.find('|', f);
      if (bar == std::string_view::npos) bar = token.size();
      std::string_view form = token.substr(f, bar - f);
      f = bar + 1;
      if (form.empty() || form.size() > kMaxTermBytes) continue;
      doc.add_posting(std::string(form), pos, boost);
      if (org) doc.add_posting(std::string(kOrgPrefix) + std::string(form), pos, 1);
    }
  }
  pos += kFieldGap;
}

struct LoggedText {
  std::string title, org, body, facets;
};
struct RecordState {
  std::string review_state;
  model::Id group = 0;
  std::string facet_values;
  std::optional<std::string> start_date;
  std::optional<std::int64_t> amount_minor;
};

void set_state(Xapian::Document& doc, const RecordState& s) {
  doc.add_boolean_term(std::string(kReviewPrefix) + s.review_state);
  doc.add_value(kGroupSlot, std::to_string(s.group));
  doc.add_value(kFacetsSlot, std::to_string(s.group) + "\n" + s.review_state + "\n" + s.facet_values);
}

Xapian::Document make_document(const LoggedText& t, const RecordState& s) {
  Xapian::Document doc;
  Xapian::termpos pos = 0;
  add_field(doc, t.title, kTitleBoost, false, pos);
  add_field(doc, t.org, kOrgBoost, true, pos);
  add_field(doc, t.body, kBodyBoost, false, pos);
  std::string_view facets = t.facets;
  while (!facets.empty()) {
    std::size_t sp = facets.find(' ');
    std::string_view token = facets.substr(0, sp);
    if (!token.empty() && token.size() <= kMaxTermBytes) {
      doc.add_boolean_term(std::string(kFacetPrefix) + std::string(token));
    }
    if (sp == std::string_view::npos) break;
    facets.remove_prefix(sp + 1);
  }
  set_state(doc, s);
  if (s.start_date) doc.add_value(kStartSlot, *s.start_date);
  if (s.amount_minor) doc.add_value(kAmountSlot, Xapian::sortable_serialise(static_cast<double>(*s.amount_minor)));
  return doc;
}

// ---- Queries ---------------------------------------------------------------

Xapian::Query term_query(std::string_view prefix, const std::string& term) {
  std::string t = std::string(prefix) + term;
  if (t.size() > kMaxTermBytes + prefix.size()) t.resize(kMaxTermBytes + prefix.size());
  return Xapian::Query(t);
}

Xapian::Query any_of(const std::vector<Xapian::Query>& q) {
  if (q.size() == 1) return q[0];
  return Xapian::Query(Xapian::Query::OP_OR, q.begin(), q.end());
}

// A word: any of its terms. A phrase: the phrase in any language. As
// sqlite_search.cc's clause_expression, so that both engines match alike.
Xapian::Query clause_query(const search::Clause& clause) {
  const std::string_view prefix = clause.org_only ? kOrgPrefix : std::string_view();
  std::vector<Xapian::Query> alternatives;
  if (clause.words.size() == 1) {
    for (const auto& t : search::query_terms(clause.words[0])) alternatives.push_back(term_query(prefix, t));
  } else {
    std::vector<std::string_view> languages(std::begin(search::kQueryLanguages), std::end(search::kQueryLanguages));
    languages.push_back("");
    std::set<std::vector<std::string>> seen;
    for (auto lang : languages) {
      std::vector<std::string> terms;
      for (const auto& w : clause.words) {
        std::string t = search::phrase_term(w, lang);
        if (!t.empty()) terms.push_back(std::string(prefix) + t);
      }
      if (terms.empty() || !seen.insert(terms).second) continue;
      if (terms.size() == 1) {
        alternatives.emplace_back(terms[0]);
      } else {
        alternatives.emplace_back(Xapian::Query::OP_PHRASE, terms.begin(), terms.end(),
                                  static_cast<Xapian::termcount>(terms.size()));
      }
    }
  }
  if (alternatives.empty()) return Xapian::Query();
  return any_of(alternatives);
}

// The query and its filters, as compile_boolean builds FTS5's expression:
// every group required, every filter required (as a boolean filter that does
// not score), exclusions subtracted; drafts only for operators.
Xapian::Query build_query(const search::SearchQuery& q, bool include_drafts) {
  std::vector<Xapian::Query> required;
  for (const auto& group : q.all_of) {
    std::vector<Xapian::Query> alternatives;
    for (const auto& clause : group) {
      if (auto e = clause_query(clause); !e.empty()) alternatives.push_back(std::move(e));
    }
    if (!alternatives.empty()) required.push_back(any_of(alternatives));
  }
  std::vector<Xapian::Query> filters;
  for (const auto& tokens : search::filter_tokens(q.filters)) {
    std::vector<Xapian::Query> alternatives;
    for (const auto& t : tokens) alternatives.push_back(term_query(kFacetPrefix, t));
    filters.push_back(any_of(alternatives));
  }
  if (!include_drafts) filters.push_back(term_query(kReviewPrefix, "published"));
  if (q.filters.review_state) {
    filters.push_back(term_query(kReviewPrefix, std::string(model::to_string(*q.filters.review_state))));
  }
  Xapian::Query out;
  if (!required.empty()) {
    out = required.size() == 1 ? required[0] : Xapian::Query(Xapian::Query::OP_AND, required.begin(), required.end());
  }
  if (!filters.empty()) {
    Xapian::Query f =
        filters.size() == 1 ? filters[0] : Xapian::Query(Xapian::Query::OP_AND, filters.begin(), filters.end());
    out = out.empty() ? Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, f, 0.0)
                      : Xapian::Query(Xapian::Query::OP_FILTER, out, f);
  }
  if (out.empty()) out = Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, term_query(kFacetPrefix, "all"), 0.0);
  for (const auto& clause : q.none_of) {
    if (auto e = clause_query(clause); !e.empty()) out = Xapian::Query(Xapian::Query::OP_AND_NOT, out, e);
  }
  return out;
}

// Facet counts of the documents the matcher checks, one per translation
// group (the spy sees documents before they are collapsed).
class FacetSpy : public Xapian::MatchSpy {
 public:
  void operator()(const Xapian::Document& doc, double) override {
    ++seen_;
    std::string values = doc.get_value(kFacetsSlot);
    std::string_view v = values;
    std::size_t nl = v.find('\n');
    if (nl == std::string_view::npos || !groups_.insert(std::string(v.substr(0, nl))).second) return;
    v.remove_prefix(nl + 1);
    nl = v.find('\n');
    if (nl == std::string_view::npos) return;
    ++review_[std::string(v.substr(0, nl))];
    v.remove_prefix(nl + 1);
    while (!v.empty()) {
      nl = v.find('\n');
      std::string_view line = v.substr(0, nl);
      if (!line.empty()) ++lines_[std::string(line)];
      if (nl == std::string_view::npos) break;
      v.remove_prefix(nl + 1);
    }
  }
  std::string name() const override { return "tiltas.FacetSpy"; }

  std::size_t groups() const { return groups_.size(); }
  std::size_t seen() const { return seen_; }

  std::map<std::string, std::vector<search::FacetCount>> facets() const {
    std::map<std::string, std::vector<search::FacetCount>> out;
    for (const auto& [line, n] : lines_) {
      std::size_t eq = line.find('=');
      if (eq == std::string::npos) continue;
      out[line.substr(0, eq)].push_back({line.substr(eq + 1), n});
    }
    for (const auto& [state, n] : review_) out["review_state"].push_back({state, n});
    // As search::rank orders them: years newest first, the others by
    // frequency, then by value.
    for (auto& [facet, list] : out) {
      std::sort(list.begin(), list.end(),
                [](const search::FacetCount& a, const search::FacetCount& b) { return a.value < b.value; });
      const bool years = facet == "year";
      std::stable_sort(list.begin(), list.end(), [years](const search::FacetCount& a, const search::FacetCount& b) {
        if (years) return a.value > b.value;
        return a.count > b.count;
      });
    }
    return out;
  }

 private:
  std::size_t seen_ = 0;
  std::unordered_set<std::string> groups_;
  std::unordered_map<std::string, std::int64_t> lines_;
  std::unordered_map<std::string, std::int64_t> review_;
};

// The documents after `after` (by id), for find_matches: a range of ids
// that the AND with the query's terms intersects.
class IdsAfter : public Xapian::PostingSource {
 public:
  explicit IdsAfter(Xapian::docid after) : after_(after) {}
  void init(const Xapian::Database& db) override {
    last_ = db.get_lastdocid();
    current_ = after_;
    started_ = false;
  }
  Xapian::doccount get_termfreq_min() const override { return 0; }
  Xapian::doccount get_termfreq_est() const override { return last_ > after_ ? last_ - after_ : 0; }
  Xapian::doccount get_termfreq_max() const override { return get_termfreq_est(); }
  void next(double) override {
    started_ = true;
    ++current_;
  }
  void skip_to(Xapian::docid did, double) override {
    started_ = true;
    if (did > current_) current_ = did;
    if (current_ <= after_) current_ = after_ + 1;
  }
  bool at_end() const override { return started_ && current_ > last_; }
  Xapian::docid get_docid() const override { return current_; }
  PostingSource* clone() const override { return new IdsAfter(after_); }
  std::string name() const override { return "tiltas.IdsAfter"; }

 private:
  Xapian::docid after_, last_ = 0, current_ = 0;
  bool started_ = false;
};

Result<std::int64_t> max_seq(Connection& c) {
  auto st = c.cached("SELECT COALESCE(MAX(seq), 0) FROM search_changes");
  if (!st) return unexpected(st.error());
  auto row = st->step();
  if (!row) return unexpected(row.error());
  return *row ? st->int64(0) : 0;
}

Result<std::optional<RecordState>> record_state(Connection& c, model::Id id) {
  auto st = c.cached(
      "SELECT p.review_state, COALESCE(p.translation_of, p.id), m.facet_values, m.start_date, m.amount_minor FROM "
      "projects p LEFT JOIN search_meta m ON m.project_id = p.id WHERE p.id = $1");
  if (!st) return unexpected(st.error());
  st->bind(1, id);
  auto row = st->step();
  if (!row) return unexpected(row.error());
  if (!*row) return std::optional<RecordState>();
  return std::optional<RecordState>(
      RecordState{st->text(0), st->int64(1), st->opt_text(2).value_or(""), st->opt_text(3), st->opt_int64(4)});
}

Status insert_log_row(Connection& c, model::Id id, const search::IndexDocument& d) {
  if (RowBatch* bulk = c.bulk()) {
    return bulk->add("search_changes (project_id, title, org, body, facets)", id, d.title, d.org, d.body, d.facets);
  }
  auto st = c.cached("INSERT INTO search_changes (project_id, title, org, body, facets) VALUES ($1, $2, $3, $4, $5)");
  if (!st) return unexpected(st.error());
  st->bind(1, id).bind(2, d.title).bind(3, d.org).bind(4, d.body).bind(5, d.facets);
  return st->run();
}

Status set_setting(Connection& c, std::string_view name, std::string_view value) {
  auto st = c.cached(
      "INSERT INTO search_settings (name, value) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET value = "
      "excluded.value");
  if (!st) return unexpected(st.error());
  st->bind(1, name).bind(2, value);
  return st->run();
}

Result<std::optional<std::string>> setting(Connection& c, std::string_view name) {
  auto st = c.cached("SELECT value FROM search_settings WHERE name = $1");
  if (!st) return unexpected(st.error());
  st->bind(1, name);
  auto row = st->step();
  if (!row) return unexpected(row.error());
  if (!*row) return std::optional<std::string>();
  return std::optional<std::string>(st->text(0));
}

// Triggers of the change log for what the index hooks do not see: review
// states (publishing needs no reindex), translation links, deletes.
constexpr std::string_view kTriggers[] = {
    "CREATE TRIGGER IF NOT EXISTS search_changes_state AFTER UPDATE OF review_state, translation_of ON projects "
    "BEGIN INSERT INTO search_changes (project_id) VALUES (new.id); END",
    "CREATE TRIGGER IF NOT EXISTS search_changes_delete AFTER DELETE ON projects "
    "BEGIN INSERT INTO search_changes (project_id) VALUES (old.id); END",
};

}  // namespace

std::optional<SearchEngine> parse_search_engine(std::string_view s) {
  if (s == "fts5") return SearchEngine::kFts5;
  if (s == "xapian") return SearchEngine::kXapian;
  return std::nullopt;
}

std::string_view to_string(SearchEngine e) { return e == SearchEngine::kXapian ? "xapian" : "fts5"; }

Result<SearchEngine> stored_search_engine(Connection& c) {
  auto v = setting(c, "search_engine");
  if (!v) return unexpected(v.error());
  return *v && **v == "xapian" ? SearchEngine::kXapian : SearchEngine::kFts5;
}

Result<bool> fts5_stale(Connection& c) {
  auto v = setting(c, "fts5_stale");
  if (!v) return unexpected(v.error());
  return v->has_value();
}

XapianIndex* current_xapian() { return tls_index; }
XapianScope::XapianScope(XapianIndex* index) : previous_(tls_index) { tls_index = index; }
XapianScope::~XapianScope() { tls_index = previous_; }

// ---- The index -------------------------------------------------------------

struct XapianIndex::State {
  std::optional<Xapian::Database> reader;
  std::int64_t committed = 0;  // the applied number of the last commit seen
  std::int64_t pruned = 0;     // log rows below this are deleted
};

XapianIndex::XapianIndex(std::string dir) : dir_(std::move(dir)), state_(std::make_unique<State>()) {}
XapianIndex::~XapianIndex() = default;

Result<std::unique_ptr<XapianIndex>> XapianIndex::open(std::string dir) {
  std::unique_ptr<XapianIndex> index(new XapianIndex(std::move(dir)));
  try {
    if (!std::filesystem::exists(index->dir_ + "/iamglass")) {
      // Creating needs the write lock once; another process creating it at
      // the same moment is fine, the reader opens what it made.
      try {
        Xapian::WritableDatabase w(index->dir_, Xapian::DB_CREATE_OR_OPEN);
        w.commit();
      } catch (const Xapian::DatabaseLockError&) {
      }
    }
    index->state_->reader.emplace(index->dir_);
  } catch (const Xapian::Error& e) {
    return unexpected(Error{ErrorCode::kUnavailable,
                            fmt::format("cannot open the Xapian index {}: {}", index->dir_, e.get_description()), ""});
  }
  return index;
}

Status XapianIndex::catch_up(Connection& c) {
  try {
    auto last = max_seq(c);
    if (!last) return unexpected(last.error());
    state_->reader->reopen();
    std::int64_t applied = parse_seq(state_->reader->get_metadata(std::string(kAppliedKey)));
    state_->committed = applied;
    if (applied >= *last) return ok();
    std::optional<Xapian::WritableDatabase> w;
    try {
      w.emplace(dir_, Xapian::DB_OPEN);
    } catch (const Xapian::DatabaseLockError&) {
      return ok();  // the holder (or the next opener) applies the rows
    }
    // What is committed may have moved while the lock was taken.
    applied = parse_seq(w->get_metadata(std::string(kAppliedKey)));
    for (;;) {
      struct Row {
        std::int64_t seq;
        model::Id id;
        std::optional<LoggedText> text;
      };
      std::vector<Row> rows;
      {
        auto st = c.cached(
            "SELECT seq, project_id, title, org, body, facets FROM search_changes WHERE seq > $1 ORDER BY seq LIMIT "
            "$2");
        if (!st) return unexpected(st.error());
        st->bind(1, applied).bind(2, static_cast<std::int64_t>(kApplyChunk));
        for (;;) {
          auto row = st->step();
          if (!row) return unexpected(row.error());
          if (!*row) break;
          Row r{st->int64(0), st->int64(1), std::nullopt};
          if (!st->is_null(2)) r.text = LoggedText{st->text(2), st->text(3), st->text(4), st->text(5)};
          rows.push_back(std::move(r));
        }
      }
      if (rows.empty()) break;
      // The last text row of each record wins; a clear row (project 0)
      // drops everything before it.
      std::size_t from = 0;
      for (std::size_t i = 0; i < rows.size(); ++i) {
        if (rows[i].id == 0) from = i;
      }
      if (rows[from].id == 0) {
        std::vector<Xapian::docid> all;
        for (Xapian::PostingIterator it = w->postlist_begin(""); it != w->postlist_end(""); ++it) all.push_back(*it);
        for (Xapian::docid id : all) w->delete_document(id);
        w->set_metadata(std::string(kBuiltKey), std::string(kLayout));
      }
      std::unordered_map<model::Id, std::size_t> latest_text;
      std::vector<model::Id> order;
      std::unordered_set<model::Id> touched;
      for (std::size_t i = from; i < rows.size(); ++i) {
        if (rows[i].id == 0) continue;
        if (touched.insert(rows[i].id).second) order.push_back(rows[i].id);
        if (rows[i].text) latest_text[rows[i].id] = i;
      }
      std::sort(order.begin(), order.end());  // ascending document ids
      for (model::Id id : order) {
        auto state = record_state(c, id);
        if (!state) return unexpected(state.error());
        if (id <= 0 || id > 0xffffffffLL) return invalid_argument(fmt::format("record id {} is out of Xapian's range", id));
        const auto docid = to_docid(id);
        if (!*state) {
          try {
            w->delete_document(docid);
          } catch (const Xapian::DocNotFoundError&) {
          }
          continue;
        }
        if (auto t = latest_text.find(id); t != latest_text.end()) {
          w->replace_document(docid, make_document(*rows[t->second].text, **state));
          continue;
        }
        // Only the review state or the group changed.
        Xapian::Document doc;
        try {
          doc = w->get_document(docid);
        } catch (const Xapian::DocNotFoundError&) {
          continue;  // not indexed (yet): its text row comes, or came, with it
        }
        std::vector<std::string> old;
        auto it = doc.termlist_begin();
        it.skip_to(std::string(kReviewPrefix));
        for (; it != doc.termlist_end() && (*it).starts_with(kReviewPrefix); ++it) old.push_back(*it);
        for (const auto& t : old) doc.remove_term(t);
        set_state(doc, **state);
        w->replace_document(docid, doc);
      }
      applied = rows.back().seq;
      w->set_metadata(std::string(kAppliedKey), std::to_string(applied));
      w->commit();
      state_->committed = applied;
      if (rows.size() < kApplyChunk) break;
    }
    w->close();
    state_->reader->reopen();
  } catch (const Xapian::Error& e) {
    return unexpected(xapian_error(e, "applying the change log"));
  }
  return ok();
}

Status XapianIndex::prune(Connection& c) {
  if (state_->committed <= state_->pruned) return ok();
  auto st = c.cached("DELETE FROM search_changes WHERE seq < $1");
  if (!st) return unexpected(st.error());
  st->bind(1, state_->committed);
  if (auto s = st->run(); !s) return s;
  state_->pruned = state_->committed;
  return ok();
}

Result<search::SearchResult> XapianIndex::search(Connection& c, const search::SearchRequest& r) {
  if (auto s = search::check_request(r); !s) return unexpected(s.error());
  if (auto s = catch_up(c); !s) return unexpected(s.error());
  const int window = std::clamp(r.rank_window, 1, search::kRankWindow);
  search::RankedPage page;
  try {
    Xapian::Database& db = *state_->reader;
    if (db.get_metadata(std::string(kBuiltKey)) != kLayout) {
      return unexpected(Error{ErrorCode::kFailedPrecondition,
                              "the Xapian search index is not built yet: run tiltas reindex", ""});
    }
    const Xapian::Query query = build_query(r.query, r.include_drafts);
    // Without words to rank by (filters only), or sorted by a value, every
    // match ties or must be read: Xapian would read all of them, where
    // FTS5's window takes the newest. So do those: look among the newest
    // documents first, in spans growing fourfold, until more than the
    // window match or the span covers the index.
    const bool newest_first = r.query.all_of.empty() || r.sort != search::SortOrder::kRelevance;
    const Xapian::docid last = db.get_lastdocid();
    Xapian::docid span = newest_first ? 4 * static_cast<Xapian::docid>(window + 1) : 0;
    for (;;) {
      const bool ranged = span > 0 && span < last;
      IdsAfter newest(ranged ? last - span : 0);
      Xapian::Enquire enquire(db);
      enquire.set_query(ranged ? Xapian::Query(Xapian::Query::OP_FILTER, query, Xapian::Query(&newest)) : query);
      // FTS5's bm25() constants (k1 1.2, b 0.75); k2 0, k3 1 and the minimum
      // normalised length are Xapian's defaults.
      enquire.set_weighting_scheme(Xapian::BM25Weight(1.2, 0, 1, 0.75, 0.5));
      enquire.set_docid_order(Xapian::Enquire::DESCENDING);  // ties: the newest first, as FTS5's window
      enquire.set_collapse_key(kGroupSlot, 1);
      switch (r.sort) {
        case search::SortOrder::kRelevance: break;
        case search::SortOrder::kStartDate: enquire.set_sort_by_value_then_relevance(kStartSlot, true); break;
        case search::SortOrder::kAmount: enquire.set_sort_by_value_then_relevance(kAmountSlot, true); break;
      }
      FacetSpy spy;
      enquire.add_matchspy(&spy);
      const auto first = static_cast<Xapian::doccount>((r.page - 1) * r.page_size);
      Xapian::MSet mset = enquire.get_mset(first, static_cast<Xapian::doccount>(r.page_size),
                                           static_cast<Xapian::doccount>(window + 1));
      if (ranged && spy.seen() <= static_cast<std::size_t>(window)) {
        span *= 4;
        continue;
      }
      for (auto it = mset.begin(); it != mset.end(); ++it) {
        model::Id group = std::stoll(it.get_document().get_value(kGroupSlot));
        page.hits.emplace_back(group, it.get_weight());
      }
      // The matcher checks at least window + 1 matches when there are as
      // many (the spy sees each): fewer seen is every match, and the counts
      // are exact. Otherwise, as with FTS5's window, more than `window`
      // matched and the counts are of the matches checked (at least
      // `window`: the best-ranked, or the newest when ranged).
      page.exhaustive = spy.seen() <= static_cast<std::size_t>(window);
      page.total = page.exhaustive ? static_cast<std::int64_t>(spy.groups())
                                   : std::max<std::int64_t>(static_cast<std::int64_t>(spy.groups()),
                                                            mset.get_matches_lower_bound());
      page.facets = spy.facets();
      break;
    }
  } catch (const Xapian::Error& e) {
    return unexpected(xapian_error(e, "search"));
  }
  return search_rows::result_of_page(c, std::move(page), r,
                                     fmt::format("more than {} records match: the facets count the {} that were "
                                                 "checked; add a word or a filter to narrow the search",
                                                 window, window));
}

Result<std::vector<search::Match>> XapianIndex::find_matches(Connection& c, const search::SearchQuery& query,
                                                             bool include_drafts, model::Id after_id, int limit) {
  if (query.empty()) return invalid_argument("the query is empty: type a word, a phrase or a filter", "q");
  if (auto s = catch_up(c); !s) return unexpected(s.error());
  std::vector<search::Match> out;
  try {
    Xapian::Database& db = *state_->reader;
    if (db.get_metadata(std::string(kBuiltKey)) != kLayout) {
      return unexpected(Error{ErrorCode::kFailedPrecondition,
                              "the Xapian search index is not built yet: run tiltas reindex", ""});
    }
    IdsAfter after(to_docid(std::clamp<model::Id>(after_id, 0, 0xffffffffLL)));
    Xapian::Enquire enquire(db);
    enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, build_query(query, include_drafts), Xapian::Query(&after)));
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    enquire.set_docid_order(Xapian::Enquire::ASCENDING);
    Xapian::MSet mset = enquire.get_mset(0, static_cast<Xapian::doccount>(std::clamp(limit, 1, search::kMaxMatchPage)));
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      out.push_back({to_id(*it), std::stoll(it.get_document().get_value(kGroupSlot))});
    }
  } catch (const Xapian::Error& e) {
    return unexpected(xapian_error(e, "find_matches"));
  }
  return out;
}

// ---- Switching engines -----------------------------------------------------

Status switch_search_engine(const std::string& path, SearchEngine engine) {
  auto conn = Connection::open(path, false, false);
  if (!conn) return unexpected(conn.error());
  Connection& c = *conn;
  auto current = stored_search_engine(c);
  if (!current) return unexpected(current.error());
  if (*current == engine) return ok();
  const std::string dir = path + ".xapian";
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);  // another engine's index is stale from now on
  if (ec) return unexpected(Error{ErrorCode::kUnavailable, fmt::format("cannot remove {}: {}", dir, ec.message()), ""});
  if (auto s = c.exec("BEGIN IMMEDIATE"); !s) return s;
  auto body = [&]() -> Status {
    auto st = c.cached("SELECT EXISTS (SELECT 1 FROM projects)");
    if (!st) return unexpected(st.error());
    auto row = st->step();
    if (!row) return unexpected(row.error());
    const bool records = *row && st->int64(0) != 0;
    st->reset();
    if (auto s = set_setting(c, "search_engine", to_string(engine)); !s) return s;
    if (engine == SearchEngine::kXapian) {
      for (auto sql : kTriggers) {
        if (auto s = c.exec(sql); !s) return s;
      }
      auto last = max_seq(c);
      if (!last) return unexpected(last.error());
      try {
        Xapian::WritableDatabase w(dir, Xapian::DB_CREATE_OR_OVERWRITE);
        w.set_metadata(std::string(kAppliedKey), std::to_string(*last));
        if (!records) w.set_metadata(std::string(kBuiltKey), std::string(kLayout));
        w.commit();
      } catch (const Xapian::Error& e) {
        return unexpected(xapian_error(e, "creating " + dir));
      }
      return ok();
    }
    if (auto s = c.exec("DROP TRIGGER IF EXISTS search_changes_state"); !s) return s;
    if (auto s = c.exec("DROP TRIGGER IF EXISTS search_changes_delete"); !s) return s;
    if (auto s = c.exec("DELETE FROM search_changes"); !s) return s;
    if (records) return set_setting(c, "fts5_stale", "1");
    return ok();
  };
  if (auto s = body(); !s) {
    (void)c.exec("ROLLBACK");
    return s;
  }
  return c.exec("COMMIT");
}

// ---- Index hooks -----------------------------------------------------------

Status log_index_project(Connection& c, const model::Project& p) {
  search::IndexDocument d = search::make_index_document(p);
  if (auto s = write_meta_and_names(c, p, d); !s) return s;
  return insert_log_row(c, p.id, d);
}

Status log_index_new_project(Connection& c, const model::Project& p, const AnalysedRecord& a) {
  const search::IndexDocument& d = a.index;
  if (RowBatch* bulk = c.bulk()) {
    if (auto s = add_meta_and_names(*bulk, p, a); !s) return s;
    return insert_log_row(c, p.id, d);
  }
  return log_index_project(c, p);
}

Status log_clear_search_index(Connection& c) {
  if (auto s = c.exec("DELETE FROM search_names"); !s) return s;
  if (auto s = c.exec("DELETE FROM search_meta"); !s) return s;
  auto st = c.cached("INSERT INTO search_changes (project_id) VALUES (0)");
  if (!st) return unexpected(st.error());
  return st->run();
}

}  // namespace tiltas::store::sqlite
