// The search benchmark (decision 0003): builds a registry of N generated
// projects through Store::import_document (index written in the same
// transactions), rebuilds the index (Store::reindex), and runs 1,000 queries
// of 1–2 words, top 20 with facet counts, twice: words alone, and words with
// two facet filters (country and a year range). Prints one JSON object per
// backend with medians and 99th percentiles in milliseconds.
//
//   search_bench N SQLITE_PATH [--pg SERVER_URL] [--queries 1000] [--batch 100]
//                [--window W] [--reuse] [--only-pg]
// --window: rank window (SearchRequest::rank_window); --reuse: query the
// registry at SQLITE_PATH (and, with --pg, the database that URL names) as it
// is: no import, no reindex.
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

#include "base/hash.h"
#include "search/query.h"
#include "search_gen.h"
#include "store/postgres/postgres_store.h"
#include "store/store.h"

namespace {

using namespace tiltas;
using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point t) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<std::size_t>(p * static_cast<double>(v.size())))];
}

struct Latency {
  double p50 = 0, p99 = 0, max = 0;
  double mean_hits = 0;
  int sampled = 0;  // queries whose matches exceeded the rank window
};

int g_window = tiltas::search::kRankWindow;
bool g_reuse = false;  // query an existing registry: no import, no reindex

Latency run_queries(store::Store& s, const std::vector<std::string>& queries, bool with_filters) {
  std::vector<double> times;
  double hits = 0;
  int sampled = 0;
  const char* kCountries[] = {"LT", "NO", "IS"};
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
    if (!out) {
      fmt::print(stderr, "query '{}': {}\n", q, out.error().message);
      continue;
    }
    hits += static_cast<double>(out->total);
    if (!out->exhaustive) ++sampled;
  }
  return {percentile(times, 0.5), percentile(times, 0.99), percentile(times, 1.0),
          hits / static_cast<double>(std::max<std::size_t>(1, times.size())), sampled};
}

int run(const std::string& name, store::Store& s, const std::vector<model::Project>& projects,
        const std::vector<std::string>& queries, std::size_t batch) {
  auto t = Clock::now();
  for (std::size_t i = 0; i < projects.size() && !g_reuse; i += batch) {
    std::vector<model::Project> records(projects.begin() + static_cast<std::ptrdiff_t>(i),
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
  auto n = g_reuse ? Result<std::int64_t>(0) : s.reindex();
  if (!n) {
    fmt::print(stderr, "{}: reindex: {}\n", name, n.error().message);
    return 1;
  }
  double reindex_s = ms_since(t) / 1000;
  run_queries(s, std::vector<std::string>(queries.begin(), queries.begin() + std::min<std::size_t>(50, queries.size())),
              false);  // warm the cache
  Latency words = run_queries(s, queries, false);
  Latency facets = run_queries(s, queries, true);
  fmt::print(
      "{{\"backend\":\"{}\",\"records\":{},\"import_s\":{:.1f},\"import_per_s\":{:.0f},\"reindex_s\":{:.1f},"
      "\"words\":{{\"p50_ms\":{:.2f},\"p99_ms\":{:.2f},\"max_ms\":{:.1f},\"mean_total\":{:.0f},\"sampled\":{}}},"
      "\"two_facets\":{{\"p50_ms\":{:.2f},\"p99_ms\":{:.2f},\"max_ms\":{:.1f},\"mean_total\":{:.0f},\"sampled\":{}}}}}\n",
      name, *n, import_s, static_cast<double>(projects.size()) / import_s, reindex_s, words.p50, words.p99, words.max,
      words.mean_hits, words.sampled, facets.p50, facets.p99, facets.max, facets.mean_hits, facets.sampled);
  std::fflush(stdout);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    fmt::print(stderr, "usage: search_bench N SQLITE_PATH [--pg SERVER_URL] [--queries 1000] [--batch 100] [--only-pg]\n");
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
  }
  auto projects = bench::generate_projects(n, 42);
  auto queries = bench::generate_queries(query_count, 7);
  if (!only_pg) {
    if (!g_reuse) {
      std::filesystem::remove(path);
      std::filesystem::remove(path + "-wal");
      std::filesystem::remove(path + "-shm");
    }
    auto s = store::open_store("sqlite:" + path);
    if (!s) {
      fmt::print(stderr, "{}\n", s.error().message);
      return 1;
    }
    if (int rc = run("sqlite-fts5", **s, projects, queries, batch)) return rc;
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
    auto s = store::open_store(*url);
    if (!s) {
      fmt::print(stderr, "{}\n", s.error().message);
      return 1;
    }
    if (int rc = run("postgres-rum", **s, projects, queries, batch)) return rc;
  }
  return 0;
}
