// A registry searched with Xapian (an index outside the SQLite file, fed by
// a change log: store/sqlite/xapian_search.h) stays consistent with its
// records through crashes: an import killed with SIGKILL part-way, resumed,
// searches exactly like an uninterrupted import of the same pages, both
// when the kill falls anywhere and when another process held Xapian's write
// lock during the import (so that every committed change waited in the log
// and is replayed when the registry is next opened).
#include <csignal>
#include <string>
#include <vector>

#include <fcntl.h>
#include <unistd.h>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "support/process.h"
#include "support/temp_dir.h"

namespace tiltas {
namespace {

using testing::run_command;
using testing::shell_quote;

const std::string kBin = TILTAS_BINARY;

std::string tiltas(const std::string& db, const std::string& args) {
  return kBin + " --db " + shell_quote(db) + " " + args;
}

// Queries of the generated pages' vocabulary (bench/gen_pages.py), narrow
// enough that every match is counted (exhaustive), so that two registries
// holding the same records give the same totals, facets and hits whatever
// ids the records got.
const char* const kQueries[] = {
    "youth year:2021",           "\"civic education\"", "jaunimo country:NO", "Bergen kommune",
    "savivaldybė -jaunimo year:2022", "Reykjavík OR Šiauliai year:2020", "media literacy programme:\"Europe for Citizens\"",
    "org:tromso",
};

// What a query shows, without record ids: total, whether exhaustive, facet
// counts and the hits' titles, sorted (ties in score may order by id).
nlohmann::json shown(const std::string& db, const std::string& query) {
  auto r = run_command(tiltas(db, "search --json --limit 100 " + shell_quote(query)));
  EXPECT_EQ(r.exit_code, 0) << query << ": " << r.output;
  auto j = nlohmann::json::parse(r.output, nullptr, false);
  if (j.is_discarded()) {
    ADD_FAILURE() << query << ": not JSON: " << r.output;
    return {};
  }
  std::vector<std::string> titles;
  for (const auto& h : j["hits"]) titles.push_back(h["title"].dump());
  std::sort(titles.begin(), titles.end());
  return {{"total", j["total"]}, {"exhaustive", j["exhaustive"]}, {"facets", j["facets"]}, {"titles", titles}};
}

void expect_same_search(const std::string& db, const std::string& ref_db) {
  int nonempty = 0;
  for (const char* q : kQueries) {
    auto a = shown(db, q), b = shown(ref_db, q);
    EXPECT_EQ(a, b) << q;
    if (b["total"].is_number() && b["total"].get<int>() > 0) ++nonempty;
    EXPECT_TRUE(b["exhaustive"].is_boolean() && b["exhaustive"].get<bool>()) << q << ": pick a narrower query";
  }
  EXPECT_GE(nonempty, 6) << "the queries find records";
}

std::int64_t pending_rows(const std::string& db) {
  auto r = run_command("sqlite3 " + shell_quote(db) + " 'SELECT COUNT(*) FROM search_changes WHERE title IS NOT NULL'");
  if (r.exit_code != 0) return -1;  // no sqlite3 shell
  return std::stoll(r.output);
}

class XapianCrash : public ::testing::Test {
 protected:
  void SetUp() override {
    pages_ = dir_.file("pages");
    auto gen = run_command("python3 " + shell_quote(std::string(TILTAS_SOURCE_DIR) + "/bench/gen_pages.py") + " " +
                           shell_quote(pages_) + " 2000");
    ASSERT_EQ(gen.exit_code, 0) << gen.output;
    ref_db_ = dir_.file("reference.db");
    auto ref = run_command(tiltas(ref_db_ + "?search=xapian", "import --progress none " + shell_quote(pages_)));
    ASSERT_EQ(ref.exit_code, 0) << ref.output;
  }

  // Starts an import into `db` and kills it with SIGKILL once at least 300
  // documents are committed.
  void import_and_kill(const std::string& db) {
    testing::ChildProcess child(tiltas(db, "import --progress lines " + shell_quote(pages_)) + " 2>&1");
    ASSERT_FALSE(testing::wait_for_progress(child, 300).empty()) << "the import ended before it could be killed";
    child.signal_and_wait(SIGKILL);
  }

  void resume_and_compare(const std::string& db) {
    auto resumed = run_command(tiltas(db, "import --json --progress none " + shell_quote(pages_)));
    ASSERT_EQ(resumed.exit_code, 0) << resumed.output;
    auto summary = nlohmann::json::parse(resumed.output);
    EXPECT_GT(summary["documents"]["unchanged"].get<int>(), 0) << "what was committed is not imported twice";
    expect_same_search(db, ref_db_);
  }

  testing::TempDir dir_;
  std::string pages_, ref_db_;
};

TEST_F(XapianCrash, KilledImportSearchesLikeAnUninterruptedOne) {
  std::string db = dir_.file("crashed.db");
  ASSERT_EQ(run_command(tiltas(db + "?search=xapian", "list --json")).exit_code, 0);
  import_and_kill(db);
  resume_and_compare(db);
}

TEST_F(XapianCrash, ChangesLoggedWhileAnotherProcessHeldTheIndexAreReplayed) {
  std::string db = dir_.file("held.db");
  ASSERT_EQ(run_command(tiltas(db + "?search=xapian", "list --json")).exit_code, 0);
  // Hold Xapian's write lock as another writer would: a whole-file lock on
  // its lock file conflicts with the range Xapian locks.
  int fd = ::open((db + ".xapian/flintlock").c_str(), O_RDWR | O_CREAT, 0644);
  ASSERT_GE(fd, 0);
  struct flock lock {};
  lock.l_type = F_WRLCK;
  lock.l_whence = SEEK_SET;
  ASSERT_EQ(::fcntl(fd, F_OFD_SETLK, &lock), 0);
  import_and_kill(db);
  auto searched = run_command(tiltas(db, "search --json youth"));
  EXPECT_EQ(searched.exit_code, 0) << "a search while the index is held answers from what it has: "
                                   << searched.output;
  auto pending = pending_rows(db);
  if (pending >= 0) {
    EXPECT_GE(pending, 300) << "the committed records wait in the change log";
  }
  ::close(fd);  // the holder goes away
  // The next process to open the registry applies the log.
  ASSERT_EQ(run_command(tiltas(db, "list --json")).exit_code, 0);
  resume_and_compare(db);
}

}  // namespace
}  // namespace tiltas
