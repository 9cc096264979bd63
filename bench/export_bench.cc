// export_bench: the open-data export over a large registry, in bounded
// memory. Fills a temporary SQLite registry with N synthetic projects (in
// documents of 1,000 records), then exports them in each requested format
// and prints time, MB/s and the process's peak RSS.
//
//   export_bench [N=100000] [formats=iati,csv,jsonl,360giving,xlsx] [dir=$TMPDIR]
//
// Peak RSS is the whole process's (ru_maxrss), so it includes filling the
// registry; the figure that matters is that it does not grow with N.
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "app/export_open_data.h"
#include "store/store.h"

namespace {

using namespace tiltas;

long peak_rss_mb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss / 1024;
}

model::Project synthetic(std::size_t i) {
  model::Project p;
  p.default_language = "en";
  p.titles.set("en", "Synthetic cooperation project number " + std::to_string(i));
  p.titles.set("lt", "Sintetinis bendradarbiavimo projektas Nr. " + std::to_string(i));
  p.descriptions.set("en", "Partners from Lithuania and Norway exchange experience on local democracy, "
                           "train volunteers and publish a handbook for municipalities.");
  p.programme = "Active Citizens Fund";
  p.period.start = *PartialDate::year_month(2019 + static_cast<int>(i % 5), 1 + static_cast<int>(i % 12));
  p.period.end = *PartialDate::year(2024);
  p.amounts.push_back({static_cast<std::int64_t>(1000000 + i), "EUR", model::AmountKind::kGranted});
  p.participations.push_back({"Promoter association " + std::to_string(i % 5000), std::string("LT"), model::Role::kPromoter});
  p.participations.push_back({"Partner foundation " + std::to_string(i % 3000), std::string("NO"), model::Role::kPartner});
  p.participations.push_back({"Active Citizens Fund", std::nullopt, model::Role::kFunder});
  p.indicators.push_back({static_cast<double>(10 + i % 90), "participants", model::IndicatorStatus::kAchieved});
  p.places.push_back({"Kaunas", std::string("LT")});
  return p;
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t n = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 100000;
  std::string formats = argc > 2 ? argv[2] : "iati,csv,jsonl,360giving,xlsx";
  std::filesystem::path dir = argc > 3 ? std::filesystem::path(argv[3]) : std::filesystem::temp_directory_path();
  dir /= "tiltas-export-bench-" + std::to_string(::getpid());
  std::filesystem::create_directories(dir);
  auto store = store::open_store((dir / "bench.db").string());
  if (!store) {
    std::fprintf(stderr, "%s\n", store.error().describe().c_str());
    return 1;
  }
  auto t0 = std::chrono::steady_clock::now();
  constexpr std::size_t kBatch = 1000;
  for (std::size_t first = 0; first < n; first += kBatch) {
    model::Document doc;
    doc.source = "bench://" + std::to_string(first);
    doc.name = "bench-" + std::to_string(first);
    doc.sha256 = std::to_string(first);
    doc.language = "en";
    doc.media_type = "application/json";
    std::vector<model::Project> records;
    for (std::size_t i = first; i < std::min(n, first + kBatch); ++i) records.push_back(synthetic(i));
    if (auto r = (*store)->import_document(doc, records); !r) {
      std::fprintf(stderr, "fill: %s\n", r.error().describe().c_str());
      return 1;
    }
  }
  double fill_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::printf("filled %zu projects in %.1f s; peak RSS %ld MB\n", n, fill_s, peak_rss_mb());

  std::stringstream list(formats);
  std::string name;
  while (std::getline(list, name, ',')) {
    auto format = exporter::parse_format(name);
    if (!format) {
      std::fprintf(stderr, "unknown format %s\n", name.c_str());
      return 2;
    }
    app::OpenDataOptions options;
    options.format = *format;
    options.published_only = false;
    auto path = (dir / ("export." + name)).string();
    auto t = std::chrono::steady_clock::now();
    auto r = app::export_open_data_file(**store, path, options);
    double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
    if (!r) {
      std::printf("%-10s failed: %s\n", name.c_str(), r.error().describe().c_str());
      continue;
    }
    std::uintmax_t bytes = 0;
    for (const auto& f : r->files) bytes += std::filesystem::file_size(f);
    double mb = static_cast<double>(bytes) / 1e6;
    std::printf("%-10s %zu projects, %.1f MB in %.1f s = %.1f MB/s, %.0f projects/s; peak RSS %ld MB\n", name.c_str(),
                r->projects, mb, s, mb / s, r->projects / s, peak_rss_mb());
    std::fflush(stdout);
    for (const auto& f : r->files) std::filesystem::remove(f);
  }
  std::filesystem::remove_all(dir);
  return 0;
}
