// The export use case against a real (temporary SQLite) registry: the demo
// data imported with app::import_file, exported in every format, and the
// round trips export -> import -> export through IATI XML and CSV.
#include <filesystem>
#include <regex>

#include <gtest/gtest.h>

#include "app/export_open_data.h"
#include "app/import_document.h"
#include "demo_records.h"
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

  // The same file again into the registry that holds those ids is an update,
  // which the store cannot do yet: refused, nothing stored.
  auto again = app::import_file(*second_store, dir_.file("b/projects.csv"));
  ASSERT_FALSE(again.has_value());
  EXPECT_EQ(again.error().code, ErrorCode::kFailedPrecondition);
}

}  // namespace
}  // namespace tiltas
