// import_documents on SQLite (decision 0004): a batch is written without
// savepoints, its child and search index rows collected and inserted at the
// end with multi-row INSERTs (sqlite_db.h, RowBatch). It must store exactly
// what importing the documents one by one stores, see a revision of a page
// imported earlier in the same batch, and, when a document fails inside the
// transaction, write the batch again with that document rolled back alone.
#include <filesystem>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <sqlite3.h>

#include "store/sqlite/sqlite_store.h"
#include "support/documents.h"
#include "support/stored_projects.h"
#include "support/temp_dir.h"

namespace tiltas::store {
namespace {

using model::AmountKind;
using model::Participation;
using model::Project;
using model::Role;
using model::SourceSpan;
using testing::make_document;

Project rich(const std::string& title, const std::string& finding) {
  Project p;
  p.default_language = "en";
  p.titles.set("en", title);
  p.titles.set("lt", title + " (lt)");
  p.descriptions.set("en", "Youth exchanges in Kaunas and Oslo on " + title);
  p.programme = "Active Citizens Fund";
  p.period.start = PartialDate::parse_iso("2021-06").value();
  p.participations.push_back({"Oslo City Municipality", "NO", Role::kPartner, std::nullopt, SourceSpan{3, 9}});
  p.participations.push_back({"VšĮ Bendruomenių tiltai", "LT", Role::kPromoter, std::nullopt, std::nullopt});
  p.spans["title"] = SourceSpan{0, 5};
  p.spans["period.start"] = SourceSpan{10, 17};
  p.amounts.push_back({4800050, "EUR", AmountKind::kGranted, SourceSpan{20, 31}});
  p.activities.push_back({"1.1", "Study visit", std::nullopt});
  p.events.push_back({"Opening", "Kaunas", "LT", PartialDate::parse_iso("2021-06-02").value(), std::nullopt,
                      SourceSpan{40, 47}});
  p.indicators.push_back({12.5, "schools involved", model::IndicatorStatus::kAchieved, std::nullopt});
  p.places.push_back({"Šančiai", "LT", std::nullopt});
  p.findings.push_back({"period.end", model::Severity::kWarning, finding, SourceSpan{50, 60}});
  return p;
}

void exec(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  char* message = nullptr;
  EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message), SQLITE_OK) << (message ? message : "");
  sqlite3_free(message);
  sqlite3_close(db);
}

// Both registries answer the same for records, counts, suggestions and
// searches.
void expect_same(Store& got, Store& want) {
  EXPECT_EQ(testing::stored_projects(got), testing::stored_projects(want));
  auto a = got.counts(), b = want.counts();
  ASSERT_TRUE(a && b);
  EXPECT_EQ(a->documents, b->documents);
  EXPECT_EQ(a->projects, b->projects);
  EXPECT_EQ(a->organisations, b->organisations);
  for (const char* prefix : {"osl", "kau", "sanc", "bendr"}) {
    auto x = got.suggest(prefix, 10, true), y = want.suggest(prefix, 10, true);
    ASSERT_TRUE(x && y);
    EXPECT_FALSE(x->empty()) << prefix;
    EXPECT_EQ(x->size(), y->size()) << prefix;
  }
  for (const char* words : {"youth", "kaunas", "oslo", "third", "revised"}) {
    search::SearchRequest r;
    r.query = search::parse_query(words).value();
    r.include_drafts = true;
    auto x = got.search(r), y = want.search(r);
    ASSERT_TRUE(x && y) << words;
    EXPECT_EQ(x->total, y->total) << words;
  }
}

TEST(SqliteBatchImport, StoresWhatOneByOneStores) {
  testing::TempDir dir;
  std::vector<DocumentImport> batch = {
      {make_document("a.txt", "first page"), {rich("First", "ok"), rich("Second", "fine")}, {}},
      {make_document("c.txt", "third page"), {rich("Third", "tab\tin a finding")}, {}},
      // A new revision of a.txt in the same batch: it reads and replaces
      // the rows of a.txt's projects, which must be stored by then.
      {make_document("a.txt", "first page, changed"), {rich("First, revised", "ok")}, {}},
  };
  // The caller's analysis (the import pipeline's workers) for one of them.
  for (const auto& r : batch[1].records) batch[1].analysed.push_back(analyse_record(r));
  auto batched = open_sqlite_store(dir.file("batched.db"));
  auto one_by_one = open_sqlite_store(dir.file("one.db"));
  ASSERT_TRUE(batched && one_by_one);
  auto results = (*batched)->import_documents(batch);
  ASSERT_TRUE(results) << results.error().message;
  ASSERT_EQ(results->size(), 3u);
  for (const auto& r : *results) EXPECT_TRUE(r) << r.error().message;
  EXPECT_EQ((*results)[2]->outcome, DocumentOutcome::kChanged);
  EXPECT_EQ((*results)[2]->removed, 1u);
  for (const auto& d : batch) ASSERT_TRUE((*one_by_one)->import_document(d.document, d.records));
  auto got = testing::stored_projects(**batched);
  ASSERT_EQ(got.size(), 2u) << "First (revised), Third; Second removed";
  expect_same(**batched, **one_by_one);
}

TEST(SqliteBatchImport, ADocumentFailingInTheTransactionIsRolledBackAlone) {
  testing::TempDir dir;
  // A rule of the test's own that the second document breaks only when its
  // rows reach the table (at the end of the batch): a title used before.
  for (const char* name : {"batched.db", "one.db"}) {
    ASSERT_TRUE(open_sqlite_store(dir.file(name)));
    exec(dir.file(name), "CREATE UNIQUE INDEX test_unique_title ON project_texts (title)");
  }
  std::vector<DocumentImport> batch = {
      {make_document("a.txt", "first page"), {rich("First", "ok")}, {}},
      {make_document("b.txt", "second page"), {rich("Second", "ok"), rich("First", "again")}, {}},
      {make_document("c.txt", "third page"), {rich("Third", "ok")}, {}},
  };
  auto batched = open_sqlite_store(dir.file("batched.db"));
  auto one_by_one = open_sqlite_store(dir.file("one.db"));
  ASSERT_TRUE(batched && one_by_one);
  auto results = (*batched)->import_documents(batch);
  ASSERT_TRUE(results) << results.error().message;
  ASSERT_EQ(results->size(), 3u);
  EXPECT_TRUE((*results)[0]);
  ASSERT_FALSE((*results)[1]);
  EXPECT_EQ((*results)[1].error().code, ErrorCode::kAlreadyExists) << (*results)[1].error().message;
  EXPECT_TRUE((*results)[2]);
  for (const auto& d : batch) (void)(*one_by_one)->import_document(d.document, d.records);
  auto got = testing::stored_projects(**batched);
  ASSERT_EQ(got.size(), 2u) << "First and Third; nothing of b.txt";
  EXPECT_EQ((*batched)->counts().value().documents, 2);
  expect_same(**batched, **one_by_one);
}

}  // namespace
}  // namespace tiltas::store
