// The demo data (data/demo/*.json) as export records, without a store: the
// files are parsed with the records codec and numbered 1..n in file order,
// as a fresh registry would number them. Shared by the export and ingest
// tests.
#pragma once

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "codec/records_json.h"
#include "export/writer.h"

namespace tiltas::testing {

inline constexpr const char* kFixedNow = "2024-05-01T12:00:00Z";

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

inline std::vector<exporter::ExportRecord> demo_records() {
  std::vector<std::string> files;
  for (const auto& e : std::filesystem::directory_iterator(std::string(TILTAS_SOURCE_DIR) + "/data/demo")) {
    if (e.path().extension() == ".json") files.push_back(e.path().string());
  }
  std::sort(files.begin(), files.end());
  std::vector<exporter::ExportRecord> out;
  for (const auto& f : files) {
    auto parsed = codec::parse_records(read_file(f), f);
    EXPECT_TRUE(parsed.has_value()) << f << ": " << (parsed ? "" : parsed.error().describe());
    if (!parsed) continue;
    for (auto& p : parsed->records) {
      exporter::ExportRecord r;
      r.project = std::move(p);
      r.project.id = static_cast<model::Id>(out.size() + 1);
      if (r.project.default_language.empty()) r.project.default_language = parsed->language;
      r.project.updated_at = "2024-04-30T08:00:00Z";
      out.push_back(std::move(r));
    }
  }
  return out;
}

inline exporter::ExportOptions fixed_options() {
  exporter::ExportOptions o;
  o.generated_at = kFixedNow;
  return o;
}

}  // namespace tiltas::testing
