// The export use case against a real (temporary SQLite) registry: the demo
// data imported with app::import_file, exported in every format, and the
// round trips export -> import -> export through IATI XML and CSV.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include <gtest/gtest.h>

#include "app/export_open_data.h"
#include "app/import_document.h"
#include "demo_records.h"
#include "search/query.h"
#include "support/process.h"
#include "support/temp_dir.h"

namespace tiltas {
namespace {

using testing::read_file;

class ExportOpenData : public ::testing::Test {
 protected:
  std::unique_ptr<store::Store> fresh_store(const std::string& name) {
    auto s = store::open_store(dir_.file(name));
    EXPECT_TRUE(s.has_value()) << s.error().describe();
    return std::move(*s);
  }
  void import_demo(store::Store& s) {
    std::vector<std::string> files;
    for (const auto& e : std::filesystem::directory_iterator(std::string(TILTAS_SOURCE_DIR) + "/data/demo")) {
      if (e.path().extension() == ".json") files.push_back(e.path().string());
    }
    std::sort(files.begin(), files.end());
    for (const auto& f : files) ASSERT_TRUE(app::import_file(s, f).has_value()) << f;
  }
  app::OpenDataOptions options(exporter::Format format) {
    app::OpenDataOptions o;
    o.format = format;
    o.published_only = false;
    o.writer.generated_at = testing::kFixedNow;
    o.page_size = 7;  // several pages even for the demo data
    return o;
  }
  // Timestamps of the registry differ between two registries by nature.
  static std::string without_timestamps(const std::string& xml) {
    return std::regex_replace(xml, std::regex(" last-updated-datetime=\"[^\"]*\""), "");
  }
  testing::TempDir dir_;
};

TEST_F(ExportOpenData, IatiExportImportExportIsIdentical) {
  auto first_store = fresh_store("a.db");
  import_demo(*first_store);
  auto first = app::export_open_data_file(*first_store, dir_.file("a.xml"), options(exporter::Format::kIati));
  ASSERT_TRUE(first.has_value()) << first.error().describe();
  EXPECT_GT(first->projects, 20u);

  auto second_store = fresh_store("b.db");
  auto imported = app::import_file(*second_store, dir_.file("a.xml"));
  ASSERT_TRUE(imported.has_value()) << imported.error().describe();
  EXPECT_EQ(imported->records, first->projects);
  auto second = app::export_open_data_file(*second_store, dir_.file("b.xml"), options(exporter::Format::kIati));
  ASSERT_TRUE(second.has_value());
  std::string a = without_timestamps(read_file(dir_.file("a.xml")));
  std::string b = without_timestamps(read_file(dir_.file("b.xml")));
  auto diff = std::mismatch(a.begin(), a.end(), b.begin(), b.end());
  std::size_t at = static_cast<std::size_t>(diff.first - a.begin());
  EXPECT_TRUE(a == b) << "first difference at byte " << at << ":\n"
                      << a.substr(at > 300 ? at - 300 : 0, 600) << "\n---\n" << b.substr(at > 300 ? at - 300 : 0, 600);
}

TEST_F(ExportOpenData, EveryFormatWritesItsFiles) {
  auto s = fresh_store("a.db");
  import_demo(*s);
  struct Case {
    exporter::Format format;
    const char* file;
    std::vector<const char*> expected_files;
  };
  const Case cases[] = {
      {exporter::Format::kIati, "x.xml", {"x.xml"}},
      {exporter::Format::kGiving360, "x.json", {"x.json"}},
      {exporter::Format::kJsonl, "x.jsonl", {"x.jsonl"}},
      {exporter::Format::kXlsx, "x.xlsx", {"x.xlsx"}},
      {exporter::Format::kCsv, "csv/x.csv",
       {"csv/x.csv", "csv/x-participations.csv", "csv/x-indicators.csv", "csv/x-organisations.csv"}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.file);
    auto r = app::export_open_data_file(*s, dir_.file(c.file), options(c.format));
    ASSERT_TRUE(r.has_value()) << r.error().describe();
    ASSERT_EQ(r->files.size(), c.expected_files.size());
    for (std::size_t i = 0; i < c.expected_files.size(); ++i) {
      EXPECT_EQ(r->files[i], dir_.file(c.expected_files[i]));
      EXPECT_GT(std::filesystem::file_size(r->files[i]), 0u);
    }
  }
  std::ostringstream out;
  auto streamed = app::export_open_data(*s, out, options(exporter::Format::kXlsx));
  ASSERT_FALSE(streamed.has_value()) << "xlsx needs a file";
  EXPECT_EQ(streamed.error().code, ErrorCode::kInvalidArgument);
}

TEST_F(ExportOpenData, PublishedOnlyLeavesDraftsOut) {
  auto s = fresh_store("a.db");
  import_demo(*s);
  auto o = options(exporter::Format::kJsonl);
  o.published_only = true;
  std::ostringstream out;
  auto r = app::export_open_data(*s, out, o);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->projects, 0u) << "imports are drafts";
  ASSERT_TRUE(s->publish_all().has_value());
  std::ostringstream again;
  EXPECT_GT(app::export_open_data(*s, again, o)->projects, 20u);
}

TEST_F(ExportOpenData, CsvSpreadsheetRoundTripIntoAFreshRegistry) {
  auto first_store = fresh_store("a.db");
  import_demo(*first_store);
  auto o = options(exporter::Format::kCsv);
  o.writer.bom = true;
  auto first = app::export_open_data_file(*first_store, dir_.file("a/projects.csv"), o);
  ASSERT_TRUE(first.has_value()) << first.error().describe();

  auto second_store = fresh_store("b.db");
  auto imported = app::import_file(*second_store, dir_.file("a/projects.csv"));
  ASSERT_TRUE(imported.has_value()) << imported.error().describe();
  EXPECT_EQ(imported->records, first->projects);
  auto second = app::export_open_data_file(*second_store, dir_.file("b/projects.csv"), o);
  ASSERT_TRUE(second.has_value());
  // Same tables, apart from the registry's own timestamps and organisation ids.
  auto strip = [](std::string csv) { return std::regex_replace(csv, std::regex(",[0-9T:\\-]+Z\r\n"), ",\r\n"); };
  EXPECT_EQ(strip(read_file(dir_.file("b/projects.csv"))), strip(read_file(dir_.file("a/projects.csv"))));
  EXPECT_EQ(read_file(dir_.file("b/projects-indicators.csv")), read_file(dir_.file("a/projects-indicators.csv")));

  // The same file again into the registry that holds those ids: every row
  // names a stored project and changes nothing, so nothing is written.
  auto again = app::import_file(*second_store, dir_.file("b/projects.csv"));
  ASSERT_TRUE(again.has_value()) << again.error().describe();
  EXPECT_EQ(again->updated, 0u);
  EXPECT_EQ(again->records, 0u);
  for (std::size_t id = 1; id <= first->projects; ++id) {
    auto audit = second_store->find_audit(static_cast<model::Id>(id));
    ASSERT_TRUE(audit.has_value());
    EXPECT_TRUE(audit->empty()) << "project " << id << " was not changed";
  }
}

// ---- Exports of a query ----------------------------------------------------

// The ids of a JSONL export, in order.
std::vector<model::Id> jsonl_ids(const std::string& jsonl) {
  std::vector<model::Id> ids;
  std::istringstream lines(jsonl);
  for (std::string line; std::getline(lines, line);) {
    auto at = line.find("\"id\":");
    if (at != std::string::npos) ids.push_back(std::stoll(line.substr(at + 5)));
  }
  return ids;
}

// What the search finds for `q` (every page; the demo data is far below the
// rank window, so the count is exact).
std::set<model::Id> searched(const store::Store& s, const std::string& q, bool include_drafts) {
  std::set<model::Id> ids;
  for (int page = 1;; ++page) {
    search::SearchRequest r;
    r.query = search::parse_query(q).value();
    r.include_drafts = include_drafts;
    r.page = page;
    r.page_size = search::kMaxPageSize;
    r.snippets = false;
    auto result = s.search(r);
    EXPECT_TRUE(result.has_value()) << q;
    if (!result || result->hits.empty()) break;
    EXPECT_TRUE(result->exhaustive);
    for (const auto& h : result->hits) ids.insert(h.id);
  }
  return ids;
}

TEST_F(ExportOpenData, QueryExportsExactlyTheProjectsTheSearchFinds) {
  auto s = fresh_store("a.db");
  import_demo(*s);
  struct Case {
    std::string q;
    std::string why;
  };
  const Case cases[] = {
      {"programme:\"Active Citizens Fund\"", "a filter alone"},
      {"youth", "a word, in any of its forms and languages"},
      {"lang:lt", "every record of a language"},
      {"youth OR heritage", "alternatives"},
      {"programme:\"Active Citizens Fund\" -youth", "an exclusion"},
      {"year:2020..2022 country:NO", "a year range and a country"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.q + " (" + c.why + ")");
    const auto want = searched(*s, c.q, true);
    EXPECT_FALSE(want.empty()) << "the case should match something in the demo data";
    auto o = options(exporter::Format::kJsonl);
    o.query = c.q;
    std::ostringstream out;
    auto r = app::export_open_data(*s, out, o);
    ASSERT_TRUE(r.has_value()) << r.error().describe();
    const auto got = jsonl_ids(out.str());
    EXPECT_EQ(std::set<model::Id>(got.begin(), got.end()), want);
    EXPECT_EQ(got.size(), want.size()) << "each project once, translations with it";
    EXPECT_TRUE(std::is_sorted(got.begin(), got.end())) << "in id order, as the whole registry is";
    EXPECT_EQ(r->projects, got.size());
  }
}

TEST_F(ExportOpenData, QueryExportOfPublishedProjectsLeavesDraftsOut) {
  auto s = fresh_store("a.db");
  import_demo(*s);
  auto drafts = searched(*s, "programme:\"Active Citizens Fund\"", true);
  ASSERT_GT(drafts.size(), 2u);
  // Publish all but the first of them.
  std::vector<model::Id> publish(std::next(drafts.begin()), drafts.end());
  ASSERT_TRUE(s->set_review_state(publish, model::ReviewState::kPublished).has_value());
  auto o = options(exporter::Format::kJsonl);
  o.published_only = true;
  o.query = "programme:\"Active Citizens Fund\"";
  std::ostringstream out;
  auto r = app::export_open_data(*s, out, o);
  ASSERT_TRUE(r.has_value()) << r.error().describe();
  const auto got = jsonl_ids(out.str());
  EXPECT_EQ(std::set<model::Id>(got.begin(), got.end()), std::set<model::Id>(publish.begin(), publish.end()));
}

TEST_F(ExportOpenData, QueryThatWillNotRunIsAnErrorBeforeAnyOutput) {
  auto s = fresh_store("a.db");
  import_demo(*s);
  for (std::string q : {"year:abc", "\"\"", "status:lost"}) {
    SCOPED_TRACE(q);
    auto o = options(exporter::Format::kIati);
    o.query = q;
    EXPECT_FALSE(app::check_open_data_options(o).has_value());
    std::ostringstream out;
    auto r = app::export_open_data(*s, out, o);
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(r.error().field, "q");
    EXPECT_TRUE(out.str().empty()) << "nothing written";
  }
}

// ---- CSV updates: export, edit in a spreadsheet, import --------------------

class CsvUpdate : public ExportOpenData {
 protected:
  void SetUp() override {
    store_ = fresh_store("a.db");
    import_demo(*store_);
    auto r = app::export_open_data_file(*store_, path_, options(exporter::Format::kCsv));
    ASSERT_TRUE(r.has_value()) << r.error().describe();
    csv_ = read_file(path_);
  }
  // Replaces `from` by `to` in the row of project `id` (its line starts
  // "ID,"), as a person editing a cell would.
  void edit(model::Id id, const std::string& from, const std::string& to) {
    const std::string start = "\r\n" + std::to_string(id) + ",";
    auto row = csv_.find(start);
    ASSERT_NE(row, std::string::npos) << "no row of project " << id;
    auto end = csv_.find("\r\n", row + start.size());
    auto at = csv_.find(from, row + start.size());
    ASSERT_TRUE(at != std::string::npos && at < end) << "'" << from << "' is not in the row of project " << id;
    csv_.replace(at, from.size(), to);
  }
  // The line of the file where the row of project `id` starts.
  std::size_t line_of(model::Id id) const {
    auto row = csv_.find("\r\n" + std::to_string(id) + ",");
    return static_cast<std::size_t>(std::count(csv_.begin(), csv_.begin() + static_cast<std::ptrdiff_t>(row), '\n')) + 2;
  }
  Result<app::ImportedDocument> import_edited() {
    std::ofstream(path_, std::ios::binary | std::ios::trunc) << csv_;
    return app::import_file(*store_, path_);
  }
  model::Project stored(model::Id id) { return store_->get_project(id, store::Visibility::kAll).value(); }

  std::unique_ptr<store::Store> store_;
  std::string path_ = dir_.file("sheet/projects.csv");
  std::string csv_;
};

TEST_F(CsvUpdate, AnEditedCellUpdatesTheStoredProjectAudited) {
  const model::Project before = stored(1);
  const std::string title = *before.titles.get(before.default_language);
  edit(1, title, "Neighbourhood councils for every district");
  auto r = import_edited();
  ASSERT_TRUE(r.has_value()) << r.error().describe();
  EXPECT_EQ(r->updated, 1u);
  EXPECT_EQ(r->records, 0u) << "no new record: the row is the stored project";
  const model::Project after = stored(1);
  EXPECT_EQ(after.titles.get(after.default_language), "Neighbourhood councils for every district");
  EXPECT_EQ(after.participations, before.participations) << "organisation links and spans kept";
  EXPECT_EQ(after.amounts, before.amounts);
  auto audit = store_->find_audit(1);
  ASSERT_TRUE(audit.has_value());
  ASSERT_EQ(audit->size(), 1u) << "one field changed";
  EXPECT_EQ((*audit)[0].field, "title");
  EXPECT_EQ((*audit)[0].editor, "import:projects");
  EXPECT_EQ((*audit)[0].note, path_ + ":" + std::to_string(line_of(1)));
  for (model::Id other = 2; other <= 5; ++other) {
    EXPECT_TRUE(store_->find_audit(other)->empty()) << "project " << other << " is as it was";
  }
}

TEST_F(CsvUpdate, BlankCellsKeepTheStoredValues) {
  const model::Project before = stored(2);
  ASSERT_TRUE(before.programme.has_value());
  ASSERT_TRUE(before.period.start.has_value());
  // Blank the programme and the start date; change the status.
  edit(2, "," + *before.programme + ",", ",,");
  edit(2, "," + before.period.start->to_iso() + ",", ",,");
  const std::string status(model::to_string(before.status));
  const std::string other_status = status == "completed" ? "ongoing" : "completed";
  edit(2, "," + status + ",", "," + other_status + ",");
  auto r = import_edited();
  ASSERT_TRUE(r.has_value()) << r.error().describe();
  EXPECT_EQ(r->updated, 1u);
  const model::Project after = stored(2);
  EXPECT_EQ(after.programme, before.programme) << "a blank cell is no value, not an empty one";
  EXPECT_EQ(after.period.start, before.period.start);
  EXPECT_EQ(model::to_string(after.status), other_status);
}

TEST_F(CsvUpdate, ARowChangedInTheRegistrySinceTheExportIsAConflict) {
  // The file was exported a while ago (its updated_at says when; the
  // store's clock counts seconds, which a test does not wait for)...
  const model::Project exported = stored(3);
  edit(3, "," + exported.updated_at, ",2020-01-01T00:00:00Z");
  // ...an editor has corrected project 3 since...
  model::Project corrected = exported;
  corrected.programme = "Corrected programme";
  ASSERT_TRUE(store_->update_project(3, corrected, {"editor@example.org", "fix"}).has_value());
  // ...and the spreadsheet's stale row of project 3 would undo that.
  const model::Project before = stored(3);
  edit(3, *before.titles.get(before.default_language), "A stale edit");
  auto r = import_edited();
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, ErrorCode::kConflict);
  EXPECT_NE(r.error().message.find("projects.csv:" + std::to_string(line_of(3))), std::string::npos)
      << r.error().message;
  EXPECT_EQ(stored(3).programme, "Corrected programme") << "the editor's correction stands";
  EXPECT_EQ(stored(3).titles.get(before.default_language), before.titles.get(before.default_language));
}

TEST_F(CsvUpdate, ABadRowLosesNothing) {
  const model::Project first = stored(1);
  edit(1, *first.titles.get(first.default_language), "A good edit");
  const model::Project fifth = stored(5);
  ASSERT_TRUE(fifth.period.start.has_value());
  edit(5, "," + fifth.period.start->to_iso() + ",", ",2021-13-40,");
  auto r = import_edited();
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(r.error().message.find("projects.csv:" + std::to_string(line_of(5))), std::string::npos)
      << r.error().message;
  EXPECT_EQ(stored(1).titles.get(first.default_language), first.titles.get(first.default_language))
      << "the good row before the bad one was not applied either";
  EXPECT_TRUE(store_->find_audit(1)->empty());
}

TEST_F(CsvUpdate, NewRowsAreNewRecordsBesideTheUpdates) {
  const model::Project first = stored(1);
  edit(1, *first.titles.get(first.default_language), "Renamed in the sheet");
  csv_ += ",project,en,A project typed into the sheet,,Active Citizens Fund,planned,2025,,,,,,\r\n";
  auto r = import_edited();
  ASSERT_TRUE(r.has_value()) << r.error().describe();
  EXPECT_EQ(r->updated, 1u);
  EXPECT_EQ(r->records, 1u);
  ASSERT_EQ(r->result.project_ids.size(), 1u);
  EXPECT_EQ(stored(r->result.project_ids[0]).titles.get("en"), "A project typed into the sheet");
}

}  // namespace
}  // namespace tiltas
