// The CPU an import's worker spends per page, stage by stage, on one
// thread: what app::import_paths' workers do for each text page before the
// writer sees it (import_pipeline.cc, prepare()).
//
//   read     the file's size and bytes (std::ifstream, as the import reads)
//   hash     SHA-256 of the bytes (the document's identity)
//   lookup   the hash looked up in a registry (an empty SQLite file here: in
//            an import the registry grows, so this is a lower bound)
//   ingest   sniffing the format and reading the page (UTF-8 check, copy)
//   extract  extract::extract of the page text
//   analyse  store::analyse_record of each record (the search index's
//            analysis: folding, stemming, facet tokens, suggestion keys)
//   all      every stage above, page after page
//
// Each stage runs over every page of the sets given (--pages=DIR, read
// recursively, e.g. bench/gen_pages.py output; default the test pages of
// tests/extract) and reports its CPU time per page ("per_page"). The
// analysers' per-thread memos warm up over the first pass, as they do over
// an import's first pages.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <ostream>
#include <memory>
#include <string>
#include <vector>

#include <unistd.h>

#include "base/hash.h"
#include "extract/extractor.h"
#include "ingest/page_reader.h"
#include "store/store.h"

namespace {

namespace fs = std::filesystem;

struct PageSet {
  std::vector<std::string> paths;
  std::vector<std::string> bytes;
  std::vector<std::string> hashes;
  std::vector<std::string> texts;
  std::vector<std::vector<tiltas::model::Project>> records;
};

std::string read_file(const std::string& path) {
  std::error_code ec;
  auto size = fs::file_size(path, ec);
  if (ec) return {};
  std::ifstream in(path, std::ios::binary);
  std::string bytes(static_cast<std::size_t>(size), '\0');
  in.read(bytes.data(), static_cast<std::streamsize>(size));
  return bytes;
}

// Text pages only: the stages after `ingest` need a page's text.
PageSet load(const fs::path& dir) {
  PageSet set;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    if (it->is_regular_file() && it->path().extension() == ".txt") set.paths.push_back(it->path().string());
  }
  std::sort(set.paths.begin(), set.paths.end());
  for (const auto& p : set.paths) {
    set.bytes.push_back(read_file(p));
    set.hashes.push_back(tiltas::sha256_hex(set.bytes.back()));
    auto page = tiltas::ingest::read_page(set.bytes.back(), tiltas::ingest::sniff(p, set.bytes.back()));
    set.texts.push_back(page ? page->text : std::string());
    set.records.push_back(tiltas::extract::extract(set.texts.back()).records);
  }
  return set;
}

void per_page(benchmark::State& state, std::size_t pages) {
  state.counters["pages"] = static_cast<double>(pages);
  state.counters["per_page"] = benchmark::Counter(static_cast<double>(state.iterations() * pages),
                                                  benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

// The registry for `lookup` and `all`: an empty SQLite file in a fresh
// temporary directory, removed at exit.
tiltas::store::Store& registry() {
  static const fs::path dir = [] {
    fs::path d = fs::temp_directory_path() / ("tiltas_worker_bench_" + std::to_string(::getpid()));
    fs::create_directories(d);
    return d;
  }();
  static std::unique_ptr<tiltas::store::Store> store = [] {
    auto s = tiltas::store::open_store((dir / "registry.db").string());
    if (!s) {
      std::fprintf(stderr, "cannot open a registry in %s: %s\n", dir.c_str(), s.error().message.c_str());
      std::exit(1);
    }
    std::atexit([] {
      store.reset();
      std::error_code ec;
      fs::remove_all(dir, ec);
    });
    return std::move(*s);
  }();
  return *store;
}

void register_set(const std::string& name, const fs::path& dir) {
  auto set = std::make_shared<const PageSet>(load(dir));
  const std::size_t n = set->paths.size();
  if (n == 0) return;
  auto add = [&](const std::string& stage, auto body) {
    benchmark::RegisterBenchmark(("BM_Worker/" + name + "/" + stage).c_str(), [set, n, body](benchmark::State& state) {
      for (auto _ : state) {
        for (std::size_t i = 0; i < n; ++i) body(*set, i);
      }
      per_page(state, n);
    })->Unit(benchmark::kMillisecond);
  };
  add("read", [](const PageSet& s, std::size_t i) { benchmark::DoNotOptimize(read_file(s.paths[i])); });
  add("hash", [](const PageSet& s, std::size_t i) { benchmark::DoNotOptimize(tiltas::sha256_hex(s.bytes[i])); });
  add("lookup", [](const PageSet& s, std::size_t i) {
    benchmark::DoNotOptimize(registry().find_document_by_sha256(s.hashes[i]));
  });
  add("ingest", [](const PageSet& s, std::size_t i) {
    auto page = tiltas::ingest::read_page(s.bytes[i], tiltas::ingest::sniff(s.paths[i], s.bytes[i]));
    benchmark::DoNotOptimize(page);
  });
  add("extract", [](const PageSet& s, std::size_t i) {
    benchmark::DoNotOptimize(tiltas::extract::extract(s.texts[i]));
  });
  add("analyse", [](const PageSet& s, std::size_t i) {
    for (const auto& r : s.records[i]) benchmark::DoNotOptimize(tiltas::store::analyse_record(r));
  });
  add("all", [](const PageSet& s, std::size_t i) {
    std::string bytes = read_file(s.paths[i]);
    std::string sha = tiltas::sha256_hex(bytes);
    benchmark::DoNotOptimize(registry().find_document_by_sha256(sha));
    auto page = tiltas::ingest::read_page(bytes, tiltas::ingest::sniff(s.paths[i], bytes));
    if (!page) return;
    auto ex = tiltas::extract::extract(page->text);
    std::vector<tiltas::store::AnalysedRecord> analysed;
    for (const auto& r : ex.records) analysed.push_back(tiltas::store::analyse_record(r));
    benchmark::DoNotOptimize(analysed);
  });
}

// Writes what the workers hand the writer for each page of `set` (the
// hash, the language and every record's analysis), so that two builds can
// be compared byte for byte.
void dump_analysis(const PageSet& set, std::ostream& out) {
  for (std::size_t i = 0; i < set.paths.size(); ++i) {
    out << "page " << set.paths[i] << " " << set.hashes[i] << "\n";
    for (const auto& r : set.records[i]) {
      auto a = tiltas::store::analyse_record(r);
      const auto& d = a.index;
      out << "title " << d.title << "\norg " << d.org << "\nbody " << d.body << "\nfacets " << d.facets
          << "\nfacet_values " << d.facet_values << "start " << d.start_date.value_or("-") << " amount "
          << (d.amount_minor ? std::to_string(*d.amount_minor) : "-") << " " << d.currency.value_or("-") << "\n";
      for (std::size_t k = 0; k < d.names.size(); ++k) {
        out << "name " << d.names[k].first << " " << d.names[k].second << " ->";
        for (const auto& key : a.name_keys[k]) out << " [" << key << "]";
        out << "\n";
      }
    }
  }
}

}  // namespace

// `--pages=DIR` (repeatable) measures DIR's pages; without it, the test
// pages of tests/extract. `--dump=FILE` writes dump_analysis() of those
// pages to FILE instead of measuring.
int main(int argc, char** argv) {
  const std::string pages_flag = "--pages=";
  const std::string dump_flag = "--dump=";
  std::vector<char*> rest;
  std::vector<fs::path> dirs;
  std::string dump;
  for (int i = 0; i < argc; ++i) {
    std::string a = argv[i];
    if (i > 0 && a.rfind(pages_flag, 0) == 0) {
      dirs.emplace_back(a.substr(pages_flag.size()));
      continue;
    }
    if (i > 0 && a.rfind(dump_flag, 0) == 0) {
      dump = a.substr(dump_flag.size());
      continue;
    }
    rest.push_back(argv[i]);
  }
  if (dirs.empty()) {
    const fs::path source = TILTAS_SOURCE_DIR;
    dirs = {source / "tests" / "extract" / "corpus", source / "tests" / "extract" / "dev2"};
  }
  if (!dump.empty()) {
    std::ofstream out(dump, std::ios::binary);
    for (const auto& d : dirs) dump_analysis(load(d), out);
    return out ? 0 : 1;
  }
  for (const auto& d : dirs) register_set(d.filename().string(), d);
  argc = static_cast<int>(rest.size());
  argv = rest.data();
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
