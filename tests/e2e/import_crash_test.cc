// Killing an import at any moment leaves every committed document whole and
// no half document: an import of 2,000 generated pages is killed with
// SIGKILL part-way, run again, and must end with exactly what an
// uninterrupted import stores.
#include <csignal>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "support/process.h"
#include "support/temp_dir.h"

namespace tiltas {
namespace {

using testing::run_command;
using testing::shell_quote;

// Title lists per exported file: what a registry holds, document by document.
std::map<std::string, std::vector<std::string>> snapshot(const std::string& dir) {
  std::map<std::string, std::vector<std::string>> out;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    std::ifstream in(e.path());
    auto doc = nlohmann::json::parse(in);
    auto& titles = out[e.path().filename().string()];
    for (const auto& r : doc["records"]) titles.push_back(r["title"].is_null() ? "" : r["title"].get<std::string>());
  }
  return out;
}

TEST(ImportCrash, KilledImportResumesToTheSameRegistry) {
  testing::TempDir dir;
  std::string pages = dir.file("pages");
  auto gen = run_command("python3 " + shell_quote(std::string(TILTAS_SOURCE_DIR) + "/bench/gen_pages.py") + " " +
                         shell_quote(pages) + " 2000");
  ASSERT_EQ(gen.exit_code, 0) << gen.output;
  std::string bin = TILTAS_BINARY;

  std::string ref_db = dir.file("reference.db");
  auto ref = run_command(bin + " --db " + shell_quote(ref_db) + " import --progress none " + shell_quote(pages));
  ASSERT_EQ(ref.exit_code, 0) << ref.output;

  std::string db = dir.file("crashed.db");
  {
    testing::ChildProcess child(bin + " --db " + shell_quote(db) + " import --progress lines " + shell_quote(pages) +
                                " 2>&1");
    // Wait until a few hundred documents are committed, then pull the plug.
    ASSERT_FALSE(testing::wait_for_progress(child, 300).empty()) << "the import ended before it could be killed";
    child.signal_and_wait(SIGKILL);
  }
  auto partial = run_command(bin + " --db " + shell_quote(db) + " list --json");
  ASSERT_EQ(partial.exit_code, 0) << partial.output;
  auto partial_rows = nlohmann::json::parse(partial.output).size();
  EXPECT_GT(partial_rows, 0u) << "committed documents survive the kill";

  auto resumed = run_command(bin + " --db " + shell_quote(db) + " import --json --progress none " + shell_quote(pages));
  ASSERT_EQ(resumed.exit_code, 0) << resumed.output;
  auto summary = nlohmann::json::parse(resumed.output);
  EXPECT_GT(summary["documents"]["unchanged"].get<int>(), 0) << "what was committed is not imported twice";
  EXPECT_EQ(summary["documents"]["failed"], 0);

  auto integrity = run_command("sqlite3 " + shell_quote(db) + " 'PRAGMA integrity_check'");
  if (integrity.exit_code == 0) {
    EXPECT_EQ(integrity.output, "ok\n");
  }

  std::string out_ref = dir.file("out-ref"), out = dir.file("out");
  ASSERT_EQ(run_command(bin + " --db " + shell_quote(ref_db) + " export --format json --out " + shell_quote(out_ref)).exit_code, 0);
  ASSERT_EQ(run_command(bin + " --db " + shell_quote(db) + " export --format json --out " + shell_quote(out)).exit_code, 0);
  auto expected = snapshot(out_ref);
  auto actual = snapshot(out);
  EXPECT_EQ(actual.size(), expected.size()) << "documents with records";
  EXPECT_TRUE(actual == expected) << "every document holds the same records as after an uninterrupted import";
  auto count = [&](const std::string& d) {
    return nlohmann::json::parse(run_command(bin + " --db " + shell_quote(d) + " list --json").output).size();
  };
  EXPECT_EQ(count(db), count(ref_db));
}

}  // namespace
}  // namespace tiltas
