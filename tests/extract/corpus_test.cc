// Scores the extractor against annotated pages with the shared scorer:
// ../shared/corpus (real pages), tests/extract/corpus (test pages written
// for Tiltas) and tests/extract/dev2 (pages in styles the first two lack:
// tables, PDF report text, press releases, programmes, Q&A, newsletters).
// Thresholds are the achieved F1 minus a small margin, so a regression fails
// the build. (tests/extract/holdout is measured, never tuned against.)
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "codec/records_json.h"
#include "extract/extractor.h"

namespace tiltas::extract {
namespace {

namespace fs = std::filesystem;

// Overall F1 of `gold_dir` with the scorer in `scorer`, or -1 on failure.
double score_dir(const fs::path& gold_dir, const fs::path& scorer, std::string& table,
                 double* worst_field = nullptr) {
  std::mt19937_64 rng(std::random_device{}());
  fs::path out = fs::temp_directory_path() / ("tiltas_extract_" + std::to_string(rng()));
  fs::create_directories(out);
  for (const auto& entry : fs::directory_iterator(gold_dir)) {
    if (entry.path().extension() != ".txt") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    Extraction ex = extract(ss.str());
    codec::RecordsFile file;
    file.language = ex.language;
    file.records = std::move(ex.records);
    std::ofstream o(out / (entry.path().stem().string() + ".json"), std::ios::binary);
    o << codec::write_records(file);
  }
  std::string cmd = "python3 '" + scorer.string() + "' '" + gold_dir.string() + "' '" + out.string() + "' --json";
  std::string json;
  if (FILE* p = popen(cmd.c_str(), "r")) {
    char buf[4096];
    std::size_t n;
    while ((n = fread(buf, 1, sizeof buf, p)) > 0) json.append(buf, n);
    pclose(p);
  }
  fs::remove_all(out);
  auto parsed = nlohmann::json::parse(json, nullptr, false);
  if (parsed.is_discarded() || !parsed.contains("overall")) return -1;
  for (const auto& [field, row] : parsed.items()) {
    table += field + " f1=" + std::to_string(row["f1"].get<double>()) + "\n";
    if (worst_field) *worst_field = std::min(*worst_field, row["f1"].get<double>());
  }
  return parsed["overall"]["f1"].get<double>();
}

fs::path scorer() { return fs::path(TILTAS_SHARED_DIR) / "corpus" / "score.py"; }

TEST(ExtractCorpusTest, SharedRealPages) {
  fs::path gold = fs::path(TILTAS_SHARED_DIR) / "corpus";
  if (!fs::exists(scorer())) GTEST_SKIP() << "no shared corpus at " << gold << " (../shared is absent)";
  std::string table;
  double worst = 1.0;
  double f1 = score_dir(gold, scorer(), table, &worst);
  ASSERT_GE(f1, 0) << "the scorer did not run (python3 missing?)";
  // Achieved 0.923 when this was written; every field at least 0.772.
  EXPECT_GE(f1, 0.90) << table;
  EXPECT_GE(worst, 0.75) << "a field fell below 0.75\n" << table;
}

TEST(ExtractCorpusTest, TiltasTestPages) {
  fs::path gold = fs::path(TILTAS_SOURCE_DIR) / "tests" / "extract" / "corpus";
  if (!fs::exists(gold)) GTEST_SKIP() << "no test pages at " << gold;
  if (!fs::exists(scorer())) GTEST_SKIP() << "no scorer at " << scorer() << " (../shared is absent)";
  std::string table;
  double f1 = score_dir(gold, scorer(), table);
  ASSERT_GE(f1, 0) << "the scorer did not run (python3 missing?)";
  // Achieved 0.834 when this was written (37 pages).
  EXPECT_GE(f1, 0.81) << table;
}

TEST(ExtractCorpusTest, DevelopmentPagesInOtherStyles) {
  fs::path gold = fs::path(TILTAS_SOURCE_DIR) / "tests" / "extract" / "dev2";
  if (!fs::exists(gold)) GTEST_SKIP() << "no development pages at " << gold;
  if (!fs::exists(scorer())) GTEST_SKIP() << "no scorer at " << scorer() << " (../shared is absent)";
  std::string table;
  double f1 = score_dir(gold, scorer(), table);
  ASSERT_GE(f1, 0) << "the scorer did not run (python3 missing?)";
  // Achieved 0.910 when this was written (0.525 before the rules for these
  // styles; the rules were written while reading these pages, so this is a
  // regression guard, not a measure of unseen styles).
  EXPECT_GE(f1, 0.89) << table;
}

}  // namespace
}  // namespace tiltas::extract
