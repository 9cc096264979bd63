// Extraction throughput on realistic text.
//
// BM_Extract/N: generated text of N bytes (1 KB, 3 KB — the size of a
// typical real page —, 100 KB and 10 MB, so that time linear in the input
// shows as a flat rate): pages in the genre's styles (English and Lithuanian
// project pages, label-block lists, numbered activities, dates, money,
// indicators) with varying names and numbers, concatenated to the wanted
// size.
//
// BM_ExtractPages/SET: whole pages, one extract() call per page, as an
// import runs: the test pages of tests/extract (corpus, dev2), the shared
// real pages (../shared/corpus, when present) and any folder given with
// --pages=DIR (e.g. the output of bench/gen_pages.py; read recursively).
//
// Reports bytes/second of CPU time (MB/s per core: one thread).
#include <benchmark/benchmark.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "extract/extractor.h"

namespace {

const char* const kCities[] = {"Vilnius", "Kaunas", "Oslo", "Bergen", "Klaipėda", "Šiauliai", "Reykjavík",
                               "Riga", "Tromsø", "Alytus"};
const char* const kOrgs[] = {"Association Debate Lab", "Oslo City Municipality", "Youth Centre of Alytus",
                             "Norwegian Association for Coastal Heritage", "Public Institution Civic Lab"};

std::string page(std::mt19937& rng, int n) {
  auto pick = [&](auto& arr) { return std::string(arr[rng() % (sizeof(arr) / sizeof(arr[0]))]); };
  std::string d1 = std::to_string(1 + rng() % 28), m1 = std::to_string(1 + rng() % 12);
  std::string y = std::to_string(2015 + rng() % 9);
  std::string s;
  switch (n % 3) {
    case 0:
      s += "The project “Bridges " + std::to_string(n) + " between " + pick(kCities) + " and " + pick(kCities) +
           "” 06 " + y + " – 09 " + y + "\n\n";
      s += "The project will be implemented by the " + pick(kOrgs) + " together with partners " + pick(kOrgs) +
           ", " + pick(kOrgs) + ". The goals will be achieved by implementing the main activities: Study visit in " +
           pick(kCities) + " (Activity No. 1.1.), Coordination meetings (Activity No. 1.2), International "
           "conference in " + pick(kCities) + " (Activity No. 2.1.).\n";
      s += "The project implementation period is " + d1 + " June " + y + " – 31 August " + y + ". Budget: " +
           std::to_string(10000 + rng() % 90000) + " 680,00 EUR.\n";
      s += "At least " + std::to_string(100 + rng() % 900) + " EU citizens will be actively involved. " +
           std::to_string(rng() % 400) + " persons were trained.\n";
      s += "The project is funded by the Fund for Bilateral Relations of the EEA and Norway Grants 2014–2021.\n\n";
      break;
    case 1:
      s += "Projektas „Jaunimo tiltai " + std::to_string(n) + "“\n\nProjektą įgyvendina Nacionalinė jaunimo "
           "organizacija kartu su partneriais: Oslo miesto savivaldybe, Vilniaus miesto savivaldybe ir Kauno "
           "kolegija. Veikla Nr. 1.1. Pažintinis vizitas Osle, Veikla Nr. 1.2. Konferencija Kaune.\n";
      s += "Projekto įgyvendinimo laikotarpis: " + y + " m. birželio " + d1 + " d. – " + y +
           " m. rugpjūčio 31 d. Projektui skirta suma: " + std::to_string(rng() % 99) +
           " 000 Eur. Projektas finansuojamas Aktyvių piliečių fondo lėšomis. Mokymuose dalyvavo devyni "
           "mokytojai ir " + std::to_string(rng() % 300) + " mokinių.\n\n";
      break;
    default:
      s += "Partner: " + pick(kOrgs) + " (Norway) Summary: The initiative aims to start a partnership between " +
           pick(kOrgs) + " and " + pick(kOrgs) + ". Four trainers will visit " + pick(kCities) +
           ". Granted amount: " + std::to_string(rng() % 20) + " 510 Eur. Implementation period: " + d1 + "/" +
           m1 + " – 17/12/" + y + "\n\n";
      break;
  }
  return s;
}

std::string corpus(std::size_t bytes) {
  std::mt19937 rng(42);
  std::string out;
  int n = 0;
  while (out.size() < bytes) out += page(rng, n++);
  out.resize(bytes);
  // Do not end inside a UTF-8 sequence: cut back to a boundary.
  while (!out.empty() && (static_cast<unsigned char>(out.back()) & 0xC0) == 0x80) out.pop_back();
  if (!out.empty() && static_cast<unsigned char>(out.back()) >= 0xC0) out.pop_back();
  return out;
}

void BM_Extract(benchmark::State& state) {
  const std::string text = corpus(static_cast<std::size_t>(state.range(0)));
  tiltas::extract::Options options;
  for (auto _ : state) {
    auto ex = tiltas::extract::extract(text, options);
    benchmark::DoNotOptimize(ex);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(text.size()));
}

BENCHMARK(BM_Extract)->Arg(1 << 10)->Arg(3 << 10)->Arg(100 << 10)->Arg(10 << 20)->Unit(benchmark::kMillisecond);

// The .txt files under `dir` (recursively), in name order.
std::vector<std::string> read_pages(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> paths;
  std::error_code ec;
  for (auto it = std::filesystem::recursive_directory_iterator(dir, ec);
       !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
    if (it->is_regular_file() && it->path().extension() == ".txt") paths.push_back(it->path());
  }
  std::sort(paths.begin(), paths.end());
  std::vector<std::string> pages;
  for (const auto& p : paths) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    pages.push_back(ss.str());
  }
  return pages;
}

void register_pages(const std::string& name, const std::filesystem::path& dir) {
  auto pages = read_pages(dir);
  if (pages.empty()) return;
  std::int64_t bytes = 0;
  for (const auto& p : pages) bytes += static_cast<std::int64_t>(p.size());
  benchmark::RegisterBenchmark(("BM_ExtractPages/" + name).c_str(), [pages, bytes](benchmark::State& state) {
    tiltas::extract::Options options;
    for (auto _ : state) {
      for (const auto& page : pages) {
        auto ex = tiltas::extract::extract(page, options);
        benchmark::DoNotOptimize(ex);
      }
    }
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * bytes);
    state.counters["pages"] = static_cast<double>(pages.size());
    state.counters["avg_bytes"] = static_cast<double>(bytes) / static_cast<double>(pages.size());
  })->Unit(benchmark::kMillisecond);
}

}  // namespace

// `extract_bench --write_texts=DIR` writes the benchmark's texts to
// DIR/extract_{1k,3k,100k,10m}.txt and exits, so that other tools
// (bench/dateparser_reference.py) measure the very same bytes.
// `--pages=DIR` (repeatable) adds a BM_ExtractPages run over DIR's pages.
int main(int argc, char** argv) {
  const std::string flag = "--write_texts=";
  const std::string pages_flag = "--pages=";
  std::vector<char*> rest;
  std::vector<std::filesystem::path> page_dirs;
  for (int i = 0; i < argc; ++i) {
    std::string a = argv[i];
    if (i > 0 && a.rfind(pages_flag, 0) == 0) {
      page_dirs.emplace_back(a.substr(pages_flag.size()));
      continue;
    }
    rest.push_back(argv[i]);
    if (a.rfind(flag, 0) != 0) continue;
    std::filesystem::path dir = a.substr(flag.size());
    std::filesystem::create_directories(dir);
    const std::pair<const char*, std::size_t> sizes[] = {{"extract_1k.txt", 1 << 10},
                                                         {"extract_3k.txt", 3 << 10},
                                                         {"extract_100k.txt", 100 << 10},
                                                         {"extract_10m.txt", 10 << 20}};
    for (const auto& [name, bytes] : sizes) {
      std::ofstream out(dir / name, std::ios::binary);
      const std::string text = corpus(bytes);
      out.write(text.data(), static_cast<std::streamsize>(text.size()));
    }
    return 0;
  }
  const std::filesystem::path source = TILTAS_SOURCE_DIR;
  register_pages("tests_corpus", source / "tests" / "extract" / "corpus");
  register_pages("tests_dev2", source / "tests" / "extract" / "dev2");
  register_pages("shared_real", source.parent_path() / "shared" / "corpus");
  for (const auto& d : page_dirs) register_pages(d.filename().string(), d);
  argc = static_cast<int>(rest.size());
  argv = rest.data();
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
