// Extraction throughput on realistic text at 1 KB, 100 KB and 10 MB.
//
// The text is generated: pages in the genre's styles (English and
// Lithuanian project pages, label-block lists, numbered activities, dates,
// money, indicators) with varying names and numbers, concatenated to the
// wanted size. Reports bytes/second (MB/s per core: one thread).
#include <benchmark/benchmark.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <string>

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

BENCHMARK(BM_Extract)->Arg(1 << 10)->Arg(100 << 10)->Arg(10 << 20)->Unit(benchmark::kMillisecond);

}  // namespace

// `extract_bench --write_texts=DIR` writes the benchmark's texts to
// DIR/extract_{1k,100k,10m}.txt and exits, so that other tools
// (bench/dateparser_reference.py) measure the very same bytes.
int main(int argc, char** argv) {
  const std::string flag = "--write_texts=";
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a.rfind(flag, 0) != 0) continue;
    std::filesystem::path dir = a.substr(flag.size());
    std::filesystem::create_directories(dir);
    const std::pair<const char*, std::size_t> sizes[] = {
        {"extract_1k.txt", 1 << 10}, {"extract_100k.txt", 100 << 10}, {"extract_10m.txt", 10 << 20}};
    for (const auto& [name, bytes] : sizes) {
      std::ofstream out(dir / name, std::ios::binary);
      const std::string text = corpus(bytes);
      out.write(text.data(), static_cast<std::streamsize>(text.size()));
    }
    return 0;
  }
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
