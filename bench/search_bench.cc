// The search benchmark (decision 0003): builds a registry of N generated
// projects through Store::import_document (index written in the same
// transactions), rebuilds the index (Store::reindex), and runs 1,000 queries
// of 1–2 words, top 20 with facet counts, twice: words alone, and words with
// two facet filters (country and a year range). Prints one JSON object per
// backend with medians and 99th percentiles in milliseconds.
//
//   search_bench N SQLITE_PATH [--pg SERVER_URL] [--queries 1000] [--batch 100]
//                [--window W] [--reuse] [--only-pg] [--no-reindex] [--clone M]
//                [--slow MS] [--repeat R] [--mmap BYTES] [--rebuild-index] [--xapian]
// --xapian: the SQLite registry searches with its Xapian engine
// (store/sqlite/xapian_search.h) instead of FTS5: opened with
// "?search=xapian"; a registry that holds records when it is switched (with
// --reuse, or after --clone) has its Xapian index built by Store::reindex,
// timed as "xapian_build_s", and the index's size is "xapian_mb".
// --slow: print each query that took MS or longer (to stderr); --repeat:
// run the query sets R times and also report p50 / p99 of each query's
// fastest run ("fastest_"), which other work on a shared machine disturbs
// far less than one run's p99; --mmap: SQLite reads through a memory map
// of up to BYTES (PRAGMA mmap_size for every connection); --rebuild-index:
// before the queries, time the engine's own rebuild of the text index from
// the stored analysed text (FTS5 'rebuild', REINDEX of the RUM index);
// --window: rank window (SearchRequest::rank_window); --reuse:
// query the registry at SQLITE_PATH (and, with --pg, the database that URL names) as it is: no import, no reindex;
// --no-reindex: import only (the import indexes already; the reindex is a second measure of the build).
// --clone M: before the queries, make the registry of N projects (ids 1..N)
// M times larger by copying every project-keyed row and index row with SQL
// (fresh ids, one transaction; on PostgreSQL the text index is dropped and
// built again after the copy), so that both engines can be queried at M×N
// projects without importing M×N through the Store. The copies have the
// originals' words and facets, so a query matches the same share of the
// registry; they are not distinct records (a word's document frequency
// grows M-fold, as it would with M×N such records).
//
// With --pg, the same records and queries run against PostgreSQL (a fresh
// database named tiltas_search_bench on that server).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <sqlite3.h>

#include "base/hash.h"
#include "search/query.h"
#include "search_gen.h"
#include "store/postgres/pg_connection.h"
#include "store/postgres/postgres_store.h"
#include "store/sqlite/sqlite_search.h"
#include "store/store.h"

namespace {

using namespace tiltas;
using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<std::size_t>(p * static_cast<double>(v.size())))];
}

struct Latency {
  double p50 = 0, p99 = 0, max = 0;
  double mean_hits = 0;
  int sampled = 0;  // queries whose matches exceeded the rank window
  // With --repeat R: each query's fastest of R runs, then p50 / p99 over
  // the queries (what a query costs when the machine's other work does not
  // preempt it; the raw figures above are of all R runs).
  double min_p50 = 0, min_p99 = 0;
};

int g_window = tiltas::search::kRankWindow;
bool g_reuse = false;  // query an existing registry: no import, no reindex
bool g_reindex = true;
std::size_t g_clone = 1;  // --clone M
std::string g_sqlite_path, g_pg_url;
double g_slow_ms = 0;    // --slow MS: print the queries that take longer
int g_repeat = 1;        // --repeat R
bool g_rebuild = false;  // --rebuild-index
bool g_xapian = false;   // --xapian
std::size_t g_n = 0;     // N

// ---- --clone: M copies of the registry by SQL --------------------------------

// "INSERT INTO t (a, b) SELECT a, b + <offset> FROM t WHERE key BETWEEN 1 AND
// N": the columns holding a project id shifted (as bench/export_fill.cc).
std::string clone_sql(const std::string& table, const std::vector<std::string>& columns, const std::string& key,
                      std::size_t n, const std::string& offset) {
  std::string names, values;
  for (const auto& c : columns) {
    const bool shifted = c == "project_id" || (table == "projects" && (c == "id" || c == "translation_of"));
    names += (names.empty() ? "" : ", ") + c;
    values += (values.empty() ? "" : ", ") + (shifted ? c + " + " + offset : c);
  }
  return fmt::format("INSERT INTO {} ({}) SELECT {} FROM {} WHERE {} BETWEEN 1 AND {}", table, names, values, table,
                     key, n);
}

std::vector<std::string> sqlite_column(sqlite3* db, const std::string& sql) {
  std::vector<std::string> out;
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) != SQLITE_OK) return out;
  while (sqlite3_step(st) == SQLITE_ROW) out.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)));
  sqlite3_finalize(st);
  return out;
}

bool sqlite_exec(sqlite3* db, const std::string& sql) {
  char* message = nullptr;
  if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message) == SQLITE_OK) return true;
  fmt::print(stderr, "clone: {}\n  in: {:.200}\n", message ? message : "?", sql);
  sqlite3_free(message);
  return false;
}

// Ids 1..n must be the registry's projects.
bool clone_sqlite(const std::string& path, std::size_t n, std::size_t copies) {
  sqlite3* db = nullptr;
  if (sqlite3_open(path.c_str(), &db) != SQLITE_OK) return false;
  if (auto s = store::sqlite::register_search_tokenizer(db); !s) return false;
  auto range = sqlite_column(db, "SELECT MIN(id) || ' ' || MAX(id) || ' ' || COUNT(*) FROM projects");
  if (range.empty() || range[0] != fmt::format("1 {} {}", n, n)) {
    fmt::print(stderr, "clone: the registry should hold projects 1..{} (it has min, max, count {})\n", n,
               range.empty() ? "?" : range[0]);
    sqlite3_close(db);
    return false;
  }
  std::vector<std::string> statements;
  auto columns = [&](const std::string& t) {
    return sqlite_column(db, "SELECT name FROM pragma_table_info('" + t + "')");
  };
  statements.push_back(clone_sql("projects", columns("projects"), "id", n, "?1"));
  for (const auto& t : sqlite_column(db,
                                     "SELECT m.name FROM sqlite_master m WHERE m.type = 'table' AND m.name NOT LIKE "
                                     "'search_fts%' AND m.name NOT IN ('audit_log', 'search_changes') AND EXISTS (SELECT 1 FROM "
                                     "pragma_table_info(m.name) c WHERE c.name = 'project_id') ORDER BY m.name")) {
    statements.push_back(clone_sql(t, columns(t), "project_id", n, "?1"));
  }
  statements.push_back(
      fmt::format("INSERT INTO search_fts (rowid, title, org, body, facets) SELECT rowid + ?1, "
                  "title, org, body, facets FROM search_fts WHERE rowid BETWEEN 1 AND {}",
                  n));
  bool ok = sqlite_exec(db, "BEGIN");
  for (std::size_t copy = 1; ok && copy <= copies; ++copy) {
    for (const auto& sql : statements) {
      sqlite3_stmt* st = nullptr;
      ok = sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK;
      if (ok) sqlite3_bind_int64(st, 1, static_cast<sqlite3_int64>(copy * n));
      ok = ok && sqlite3_step(st) == SQLITE_DONE;
      if (!ok) fmt::print(stderr, "clone: {} in {:.200}\n", sqlite3_errmsg(db), sql);
      sqlite3_finalize(st);
      if (!ok) break;
    }
  }
  ok = ok && sqlite_exec(db, "COMMIT");
  sqlite3_close(db);
  return ok;
}

// --rebuild-index: the text index built again from what the registry stores
// (FTS5's 'rebuild' from its content table; REINDEX of the RUM index), the
// engines' own bulk build, without the Store's loading and analysis.
bool rebuild_sqlite(const std::string& path) {
  sqlite3* db = nullptr;
  if (sqlite3_open(path.c_str(), &db) != SQLITE_OK) return false;
  bool ok = static_cast<bool>(store::sqlite::register_search_tokenizer(db)) &&
            sqlite_exec(db, "INSERT INTO search_fts (search_fts) VALUES ('rebuild')");
  sqlite3_close(db);
  return ok;
}

bool rebuild_postgres(const std::string& url) {
  auto c = store::postgres::Connection::open(url);
  if (!c) return false;
  auto s = c->exec("REINDEX INDEX search_meta_tsv");
  if (!s) fmt::print(stderr, "rebuild: {}\n", s.error().message);
  return static_cast<bool>(s);
}

bool clone_postgres(const std::string& url, std::size_t n, std::size_t copies) {
  auto c = store::postgres::Connection::open(url);
  if (!c) {
    fmt::print(stderr, "clone: {}\n", c.error().message);
    return false;
  }
  auto column = [&](const std::string& sql) {
    std::vector<std::string> out;
    auto st = c->cached(sql);
    if (!st) return out;
    for (;;) {
      auto row = st->step();
      if (!row || !*row) break;
      out.push_back(st->text(0));
    }
    return out;
  };
  auto range = column("SELECT MIN(id) || ' ' || MAX(id) || ' ' || COUNT(*) FROM projects");
  if (range.empty() || range[0] != fmt::format("1 {} {}", n, n)) {
    fmt::print(stderr, "clone: the registry should hold projects 1..{}\n", n);
    return false;
  }
  auto columns = [&](const std::string& t) {
    return column(
        "SELECT column_name::text FROM information_schema.columns WHERE table_schema = current_schema() "
        "AND table_name = '" +
        t + "' ORDER BY ordinal_position");
  };
  auto index = column("SELECT indexdef FROM pg_indexes WHERE indexname = 'search_meta_tsv'");
  std::vector<std::string> tables = {"projects"};
  for (const auto& t : column("SELECT table_name::text FROM information_schema.columns WHERE table_schema = "
                              "current_schema() AND column_name = 'project_id' AND table_name <> 'audit_log' ORDER "
                              "BY table_name")) {
    tables.push_back(t);
  }
  auto step = [&](const std::string& sql) {
    auto s = c->exec(sql);
    if (!s) fmt::print(stderr, "clone: {} in {:.200}\n", s.error().message, sql);
    return static_cast<bool>(s);
  };
  // The text index is built once after the copy, as CREATE INDEX does it
  // fastest (row by row it would take as long as the import's indexing).
  if (!step("BEGIN") || !step("DROP INDEX IF EXISTS search_meta_tsv")) return false;
  for (std::size_t copy = 1; copy <= copies; ++copy) {
    for (const auto& t : tables) {
      if (!step(clone_sql(t, columns(t), t == "projects" ? "id" : "project_id", n, std::to_string(copy * n)))) {
        return false;
      }
    }
  }
  auto t = Clock::now();
  if (!index.empty() && !step(index[0])) return false;
  fmt::print(stderr, "postgres clone: text index built in {:.1f} s\n", ms_since(t) / 1000);
  if (!step("SELECT setval(pg_get_serial_sequence('projects', 'id'), (SELECT MAX(id) FROM projects))")) return false;
  return step("COMMIT") && step("VACUUM ANALYZE");
}

Latency run_queries(store::Store& s, const std::vector<std::string>& queries, bool with_filters, int repeat = 1) {
  std::vector<double> times, fastest(queries.size(), 1e300);
  double hits = 0;
  int sampled = 0;
  const char* kCountries[] = {"LT", "NO", "IS"};
  for (int pass = 0; pass < repeat; ++pass) {
    for (std::size_t i = 0; i < queries.size(); ++i) {
      std::string q = queries[i];
      if (with_filters) {
        int y = 2010 + static_cast<int>(i % 12);
        q += fmt::format(" country:{} year:{}..{}", kCountries[i % 3], y, y + 2);
      }
      auto t = Clock::now();
      auto parsed = search::parse_query(q);
      if (!parsed) {
        fmt::print(stderr, "query '{}': {}\n", q, parsed.error().message);
        continue;
      }
      search::SearchRequest r;
      r.query = std::move(*parsed);
      r.page_size = 20;
      r.rank_window = g_window;
      auto out = s.search(r);
      times.push_back(ms_since(t));
      fastest[i] = std::min(fastest[i], times.back());
      if (g_slow_ms > 0 && times.back() >= g_slow_ms) {
        fmt::print(stderr, "slow: {:.1f} ms [{}] total {}\n", times.back(), q, out ? out->total : -1);
      }
      if (!out) {
        fmt::print(stderr, "query '{}': {}\n", q, out.error().message);
        continue;
      }
      if (pass > 0) continue;
      hits += static_cast<double>(out->total);
      if (!out->exhaustive) ++sampled;
    }
  }
  Latency l{percentile(times, 0.5), percentile(times, 0.99), percentile(times, 1.0),
            hits / static_cast<double>(std::max<std::size_t>(1, queries.size())), sampled};
  l.min_p50 = percentile(fastest, 0.5);
  l.min_p99 = percentile(fastest, 0.99);
  return l;
}

int run(const std::string& name, store::Store& s, const std::vector<model::Project>& projects,
        const std::vector<std::string>& queries, std::size_t batch) {
  auto t = Clock::now();
  for (std::size_t i = 0; i < projects.size() && !g_reuse; i += batch) {
    std::vector<model::Project> records(
        projects.begin() + static_cast<std::ptrdiff_t>(i),
        projects.begin() + static_cast<std::ptrdiff_t>(std::min(projects.size(), i + batch)));
    model::Document d;
    d.source = fmt::format("bench/{}.txt", i);
    d.name = "bench";
    d.text = d.source;
    d.sha256 = sha256_hex(d.source);
    d.language = records[0].default_language;
    d.media_type = "text/plain";
    auto r = s.import_document(d, records);
    if (!r) {
      fmt::print(stderr, "{}: import: {}\n", name, r.error().message);
      return 1;
    }
  }
  double import_s = ms_since(t) / 1000;
  if (auto p = s.publish_all(); !p) return 1;
  t = Clock::now();
  auto n = g_reuse || !g_reindex ? Result<std::int64_t>(0) : s.reindex();
  if (!n) {
    fmt::print(stderr, "{}: reindex: {}\n", name, n.error().message);
    return 1;
  }
  double reindex_s = ms_since(t) / 1000;
  double clone_s = 0;
  const bool sqlite = name.starts_with("sqlite");
  if (g_clone > 1) {
    t = Clock::now();
    bool cloned = sqlite ? clone_sqlite(g_sqlite_path, g_n, g_clone - 1) : clone_postgres(g_pg_url, g_n, g_clone - 1);
    if (!cloned) return 1;
    clone_s = ms_since(t) / 1000;
  }
  // Xapian: the clones (or a registry switched from FTS5) are indexed by a
  // reindex, the engine's build from the stored records.
  double xapian_build_s = 0, xapian_mb = 0;
  if (name == "sqlite-xapian") {
    search::SearchRequest probe;
    probe.query = search::parse_query("kind:project").value();
    auto out = s.search(probe);
    if (g_clone > 1 || (!out && out.error().code == ErrorCode::kFailedPrecondition)) {
      t = Clock::now();
      auto built = s.reindex();
      if (!built) {
        fmt::print(stderr, "{}: reindex: {}\n", name, built.error().message);
        return 1;
      }
      xapian_build_s = ms_since(t) / 1000;
      fmt::print(stderr, "{}: Xapian index of {} records built in {:.1f} s\n", name, *built, xapian_build_s);
    }
    std::error_code ec;
    for (const auto& e : std::filesystem::recursive_directory_iterator(g_sqlite_path + ".xapian", ec)) {
      if (e.is_regular_file()) xapian_mb += static_cast<double>(e.file_size()) / 1e6;
    }
  }
  double rebuild_s = 0;
  if (g_rebuild) {
    t = Clock::now();
    if (!(sqlite ? rebuild_sqlite(g_sqlite_path) : rebuild_postgres(g_pg_url))) return 1;
    rebuild_s = ms_since(t) / 1000;
  }
  run_queries(s, std::vector<std::string>(queries.begin(), queries.begin() + std::min<std::size_t>(50, queries.size())),
              false);  // warm the cache
  Latency words = run_queries(s, queries, false, g_repeat);
  Latency facets = run_queries(s, queries, true, g_repeat);
  fmt::print(
      "{{\"backend\":\"{}\",\"records\":{},\"queried_records\":{},\"import_s\":{:.1f},\"import_per_s\":{:.0f},"
      "\"reindex_s\":{:.1f},\"clone_s\":{:.1f},\"index_rebuild_s\":{:.1f},\"xapian_build_s\":{:.1f},"
      "\"xapian_mb\":{:.0f},"
      "\"words\":{{\"p50_ms\":{:.2f},\"p99_ms\":{:.2f},\"max_ms\":{:.1f},\"mean_total\":{:.0f},\"sampled\":{},"
      "\"fastest_p50_ms\":{:.2f},\"fastest_p99_ms\":{:.2f}}},"
      "\"two_facets\":{{\"p50_ms\":{:.2f},\"p99_ms\":{:.2f},\"max_ms\":{:.1f},\"mean_total\":{:.0f},\"sampled\":{},"
      "\"fastest_p50_ms\":{:.2f},\"fastest_p99_ms\":{:.2f}}},\"repeat\":{}}}\n",
      name, *n, g_n * g_clone, import_s, g_reuse ? 0.0 : static_cast<double>(g_n) / import_s, reindex_s, clone_s,
      rebuild_s, xapian_build_s, xapian_mb, words.p50, words.p99, words.max, words.mean_hits, words.sampled, words.min_p50, words.min_p99,
      facets.p50, facets.p99, facets.max, facets.mean_hits, facets.sampled, facets.min_p50, facets.min_p99, g_repeat);
  std::fflush(stdout);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    fmt::print(stderr,
               "usage: search_bench N SQLITE_PATH [--pg SERVER_URL] [--queries 1000] [--batch 100] [--only-pg] "
               "[--window W] [--reuse] [--no-reindex] [--clone M] [--slow MS] [--repeat R] [--mmap BYTES] "
               "[--rebuild-index] [--xapian]\n");
    return 2;
  }
  std::size_t n = std::stoul(argv[1]);
  std::string path = argv[2];
  std::string pg;
  std::size_t query_count = 1000, batch = 100;
  bool only_pg = false;
  for (int i = 3; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--pg" && i + 1 < argc) pg = argv[++i];
    if (a == "--queries" && i + 1 < argc) query_count = std::stoul(argv[++i]);
    if (a == "--batch" && i + 1 < argc) batch = std::stoul(argv[++i]);
    if (a == "--only-pg") only_pg = true;
    if (a == "--window" && i + 1 < argc) g_window = std::stoi(argv[++i]);
    if (a == "--reuse") g_reuse = true;
    if (a == "--no-reindex") g_reindex = false;
    if (a == "--rebuild-index") g_rebuild = true;
    if (a == "--xapian") g_xapian = true;
    if (a == "--slow" && i + 1 < argc) g_slow_ms = std::stod(argv[++i]);
    if (a == "--repeat" && i + 1 < argc) g_repeat = std::max(1, std::stoi(argv[++i]));
    if (a == "--mmap" && i + 1 < argc) {
      // SQLite's default memory map for every connection the store opens
      // (PRAGMA mmap_size), before the library is first used.
      sqlite3_int64 bytes = std::stoll(argv[++i]);
      if (sqlite3_config(SQLITE_CONFIG_MMAP_SIZE, bytes, bytes) != SQLITE_OK) {
        fmt::print(stderr, "--mmap: SQLite refused the setting\n");
        return 2;
      }
    }
    if (a == "--clone" && i + 1 < argc) g_clone = std::max<std::size_t>(1, std::stoul(argv[++i]));
  }
  g_sqlite_path = path;
  // --reuse queries what is stored: the records are not generated again.
  auto projects = g_reuse ? std::vector<model::Project>() : bench::generate_projects(n, 42);
  g_n = n;
  auto queries = bench::generate_queries(query_count, 7);
  if (!only_pg) {
    if (!g_reuse) {
      std::filesystem::remove(path);
      std::filesystem::remove(path + "-wal");
      std::filesystem::remove(path + "-shm");
    }
    auto s = store::open_store("sqlite:" + path + (g_xapian ? "?search=xapian" : ""));
    if (!s) {
      fmt::print(stderr, "{}\n", s.error().message);
      return 1;
    }
    if (int rc = run(g_xapian ? "sqlite-xapian" : "sqlite-fts5", **s, projects, queries, batch)) return rc;
  }
  if (!pg.empty()) {
    // --reuse: the database a previous run left (named as below).
    auto url = g_reuse ? Result<std::string>(pg) : [&] {
      (void)store::drop_postgres_database(pg, "tiltas_search_bench");
      return store::create_postgres_database(pg, "tiltas_search_bench");
    }();
    if (!url) {
      fmt::print(stderr, "{}\n", url.error().message);
      return 1;
    }
    g_pg_url = *url;
    auto s = store::open_store(*url);
    if (!s) {
      fmt::print(stderr, "{}\n", s.error().message);
      return 1;
    }
    if (int rc = run("postgres-rum", **s, projects, queries, batch)) return rc;
  }
  return 0;
}
