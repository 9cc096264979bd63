// tiltas_bm25, the SQLite search's ranking function (store/sqlite/
// sqlite_search.cc): the same scores as FTS5's bm25() with the same column
// weights, without counting the phrases that cannot score, and with the
// counts of the others reused only while the index is unchanged.
#include "store/sqlite/sqlite_search.h"

#include <filesystem>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <sqlite3.h>

namespace tiltas::store::sqlite {
namespace {

class RankingFunction : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = std::filesystem::temp_directory_path() /
            ("tiltas_bm25_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "_" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".db");
    std::filesystem::remove(path_);
    ASSERT_EQ(sqlite3_open(path_.c_str(), &db_), SQLITE_OK);
    ASSERT_TRUE(register_search_tokenizer(db_));
    exec("CREATE VIRTUAL TABLE search_fts USING fts5(title, org, body, facets, tokenize = 'tiltas')");
    add(1, "oslo kommun|kommune", "kaun|kaunas", "heritag|heritage wood", "all c:lt y:2020");
    add(2, "heritag|heritage", "oslo", "oslo oslo kommun", "all c:no y:2021");
    add(3, "youth", "kaun|kaunas", "heritag wood wood heritag", "all c:lt y:2021");
    add(4, "media", "vilni|vilnius", "nothing here", "all c:is y:2020");
  }
  void TearDown() override {
    sqlite3_close(db_);
    std::filesystem::remove(path_);
  }

  void exec(const std::string& sql) {
    char* message = nullptr;
    ASSERT_EQ(sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message), SQLITE_OK) << (message ? message : "");
  }
  void add(int id, const char* title, const char* org, const char* body, const char* facets) {
    sqlite3_stmt* st = nullptr;
    ASSERT_EQ(sqlite3_prepare_v2(db_, "INSERT INTO search_fts (rowid, title, org, body, facets) VALUES (?, ?, ?, ?, ?)",
                                 -1, &st, nullptr),
              SQLITE_OK);
    sqlite3_bind_int(st, 1, id);
    sqlite3_bind_text(st, 2, title, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, org, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, body, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 5, facets, -1, SQLITE_STATIC);
    EXPECT_EQ(sqlite3_step(st), SQLITE_DONE);
    sqlite3_finalize(st);
  }
  // (rowid, bm25(), tiltas_bm25()) of every match of `expression`.
  struct Row {
    sqlite3_int64 id;
    double bm25, ours;
  };
  std::vector<Row> scores(const std::string& expression) {
    std::vector<Row> out;
    sqlite3_stmt* st = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db_,
                                 "SELECT rowid, bm25(search_fts, 10.0, 5.0, 1.0, 0.0), tiltas_bm25(search_fts, ?2, "
                                 "10.0, 5.0, 1.0, 0.0) FROM search_fts WHERE search_fts MATCH ?1 ORDER BY rowid",
                                 -1, &st, nullptr),
              SQLITE_OK)
        << sqlite3_errmsg(db_);
    std::string phrases = phrase_list(expression);
    sqlite3_bind_text(st, 1, expression.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, phrases.c_str(), -1, SQLITE_TRANSIENT);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
      out.push_back({sqlite3_column_int64(st, 0), sqlite3_column_double(st, 1), sqlite3_column_double(st, 2)});
    }
    EXPECT_EQ(rc, SQLITE_DONE) << sqlite3_errmsg(db_);
    sqlite3_finalize(st);
    return out;
  }
  void expect_same_as_bm25(const std::string& expression, std::size_t matches) {
    auto rows = scores(expression);
    ASSERT_EQ(rows.size(), matches) << expression;
    for (const auto& r : rows) EXPECT_DOUBLE_EQ(r.ours, r.bm25) << expression << " row " << r.id;
  }

  std::filesystem::path path_;
  sqlite3* db_ = nullptr;
};

TEST(PhraseList, NamesTheScoringPhrasesInOrderAndBlanksFacetsAndExclusions) {
  EXPECT_EQ(phrase_list(R"(("kauna" OR "kaunas") AND "c:lt" AND ("y:2020" OR "y:2021") NOT "oslo")"),
            "kauna\nkaunas\n\n\n\n");
  EXPECT_EQ(phrase_list(R"("all" NOT "oslo kommun")"), "\n");
  EXPECT_EQ(phrase_list(R"({org} : ("oslo" OR "a ""b"""))"), "oslo\na \"b\"");
  EXPECT_EQ(phrase_list(R"("heritag heritage")"), "heritag heritage");
}

TEST_F(RankingFunction, ScoresAsBm25WithTheSameWeights) {
  expect_same_as_bm25(R"(("heritag" OR "heritage"))", 3);
  expect_same_as_bm25(R"(("heritag" OR "heritage") AND "wood")", 2);
  expect_same_as_bm25(R"("oslo" AND "c:no")", 1);
  expect_same_as_bm25(R"(("kaun" OR "kaunas") AND "c:lt" AND ("y:2020" OR "y:2021") NOT "youth")", 1);
  expect_same_as_bm25(R"("all" NOT "media")", 3);
  expect_same_as_bm25(R"({org} : ("kaun" OR "kaunas"))", 2);
  expect_same_as_bm25(R"("oslo kommun")", 2);
  // Better matches score lower, as bm25(): the title and two body hits of
  // record 3 against record 2's title alone.
  auto rows = scores(R"("heritag")");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_LT(rows[0].ours, 0);
}

TEST_F(RankingFunction, CountsAreReusedOnlyWhileTheIndexIsUnchanged) {
  expect_same_as_bm25(R"("wood")", 2);  // counted and kept
  expect_same_as_bm25(R"("wood")", 2);  // reused: still bm25()'s
  add(5, "wood", "", "wood", "all c:lt y:2022");
  expect_same_as_bm25(R"("wood")", 3);  // a new record: counted again
  exec("DELETE FROM search_fts WHERE rowid = 5");
  expect_same_as_bm25(R"("wood")", 2);
  // The same number of records and tokens, and one more record with
  // "youth": counted again.
  expect_same_as_bm25(R"("youth")", 1);
  exec("UPDATE search_fts SET body = 'youth here' WHERE rowid = 4");
  expect_same_as_bm25(R"("youth")", 2);
}

}  // namespace
}  // namespace tiltas::store::sqlite
