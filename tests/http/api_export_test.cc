// GET /api/v1/export over a real socket: streamed (chunked) open data of the
// published projects, narrowed by a search query, with the errors that can
// still be a status (bad format, bad query) as JSON 400s. A server of its
// own on 127.0.0.1 port 0 with a temporary SQLite store.
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include "base/hash.h"
#include "http/server.h"
#include "store/store.h"
#include "support/temp_dir.h"

namespace tiltas::http {
namespace {

using nlohmann::json;
using namespace tiltas::model;

// Enough records that a JSONL export spans several 64 KiB chunks.
constexpr int kProjects = 240;

Project record(int i) {
  Project p;
  p.default_language = "en";
  const bool heritage = i % 4 == 0;
  p.titles.set("en", (heritage ? "Wooden heritage restoration " : "Volunteer training exchange ") + std::to_string(i));
  p.descriptions.set("en", std::string(400, 'x') + " partners share experience and publish a handbook " +
                               std::to_string(i));
  p.programme = heritage ? "Cultural Heritage" : "Active Citizens Fund";
  p.period.start = PartialDate::parse_iso(std::to_string(2015 + i % 8)).value();
  // Distinct amounts, so that no record is read as another's translation.
  p.amounts.push_back({100000 + i * 7919, "EUR", AmountKind::kBudget, std::nullopt});
  p.participations.push_back({"Kaunas City Municipality", "LT", Role::kPromoter, std::nullopt, std::nullopt});
  return p;
}

class ApiExportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto s = store::open_store("sqlite:" + dir_.file("registry.db"));
    ASSERT_TRUE(s) << s.error().describe();
    store_ = std::move(*s);
    for (int first = 0; first < kProjects; first += 60) {
      std::vector<Project> records;
      for (int i = first; i < first + 60; ++i) records.push_back(record(i));
      Document d;
      d.source = "test://export/" + std::to_string(first);
      d.name = "export-" + std::to_string(first);
      d.text = d.source;
      d.sha256 = sha256_hex(d.text);
      d.language = "en";
      d.media_type = "text/plain";
      auto imported = store_->import_document(d, records);
      ASSERT_TRUE(imported) << imported.error().describe();
      for (std::size_t k = 0; k < imported->project_ids.size(); ++k) {
        const int i = first + static_cast<int>(k);
        // Every fifth record stays a draft, which the public never sees.
        if (i % 5 == 4) continue;
        published_.insert(imported->project_ids[k]);
        if (i % 4 == 0) heritage_.insert(imported->project_ids[k]);
      }
    }
    ASSERT_TRUE(store_->set_review_state({published_.begin(), published_.end()}, ReviewState::kPublished));
    ServerOptions options;
    options.port = 0;
    auto server = Server::start(*store_, options);
    ASSERT_TRUE(server) << server.error().describe();
    server_ = std::move(*server);
  }

  httplib::Client client() const {
    httplib::Client c("127.0.0.1", server_->port());
    c.set_read_timeout(20, 0);
    c.set_decompress(false);
    return c;
  }

  // The ids of a JSONL body, one record per line.
  static std::set<Id> ids_of(const std::string& jsonl) {
    std::set<Id> ids;
    std::istringstream lines(jsonl);
    for (std::string line; std::getline(lines, line);) {
      auto j = json::parse(line, nullptr, false);
      EXPECT_FALSE(j.is_discarded()) << line.substr(0, 80);
      if (!j.is_discarded()) ids.insert(j.at("id").get<Id>());
    }
    return ids;
  }

  testing::TempDir dir_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<Server> server_;
  std::set<Id> published_, heritage_;
};

TEST_F(ApiExportTest, StreamsEveryPublishedProjectChunkedAsAnAttachment) {
  auto res = client().Get("/api/v1/export?format=jsonl");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body.substr(0, 200);
  EXPECT_EQ(res->get_header_value("Transfer-Encoding"), "chunked") << "written while it is sent, not buffered";
  EXPECT_FALSE(res->has_header("Content-Length"));
  EXPECT_EQ(res->get_header_value("Content-Type"), "application/x-ndjson");
  EXPECT_EQ(res->get_header_value("Content-Disposition"), "attachment; filename=\"tiltas-projects.jsonl\"");
  EXPECT_EQ(res->get_header_value("Access-Control-Allow-Origin"), "*") << "a public read, as the other API GETs";
  EXPECT_GT(res->body.size(), std::size_t{64} * 1024 * 2) << "the body spans several chunks";
  EXPECT_EQ(ids_of(res->body), published_) << "every published project once, no draft";
}

TEST_F(ApiExportTest, QueryExportsExactlyTheMatchingPublishedProjects) {
  auto res = client().Get("/api/v1/export?format=jsonl&q=programme%3A%22Cultural%20Heritage%22");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body.substr(0, 200);
  EXPECT_EQ(ids_of(res->body), heritage_);

  auto words = client().Get("/api/v1/export?format=jsonl&q=wooden%20restoration");
  ASSERT_TRUE(words);
  ASSERT_EQ(words->status, 200);
  EXPECT_EQ(ids_of(words->body), heritage_) << "words find what the search finds, stems included";
}

TEST_F(ApiExportTest, IatiAndSpreadsheetFormats) {
  auto iati = client().Get("/api/v1/export?format=iati&q=heritage");
  ASSERT_TRUE(iati);
  ASSERT_EQ(iati->status, 200);
  EXPECT_EQ(iati->get_header_value("Content-Type"), "application/xml");
  EXPECT_EQ(iati->get_header_value("Content-Disposition"), "attachment; filename=\"tiltas-projects.xml\"");
  std::size_t activities = 0;
  for (auto at = iati->body.find("<iati-activity "); at != std::string::npos;
       at = iati->body.find("<iati-activity ", at + 1)) {
    ++activities;
  }
  EXPECT_EQ(activities, heritage_.size());
  EXPECT_NE(iati->body.find("</iati-activities>"), std::string::npos) << "the document is complete";

  auto csv = client().Get("/api/v1/export?format=csv");
  ASSERT_TRUE(csv);
  ASSERT_EQ(csv->status, 200);
  EXPECT_EQ(csv->get_header_value("Content-Type"), "text/csv; charset=utf-8");
  EXPECT_EQ(std::count(csv->body.begin(), csv->body.end(), '\n'), static_cast<long>(published_.size()) + 1)
      << "a header and one row per published project";

  auto xlsx = client().Get("/api/v1/export?format=xlsx");
  ASSERT_TRUE(xlsx);
  ASSERT_EQ(xlsx->status, 200);
  EXPECT_EQ(xlsx->get_header_value("Content-Disposition"), "attachment; filename=\"tiltas-projects.xlsx\"");
  EXPECT_EQ(xlsx->body.substr(0, 2), "PK") << "a workbook is a zip file";
}

TEST_F(ApiExportTest, BadFormatOrQueryIsAJson400BeforeAnyBody) {
  struct Case {
    std::string path;
    std::string field;
    std::string why;
  };
  const Case cases[] = {
      {"/api/v1/export", "format", "the format is required"},
      {"/api/v1/export?format=pdf", "format", "an unknown format"},
      {"/api/v1/export?format=json", "format", "records JSON is the command line's, per source"},
      {"/api/v1/export?format=iati&q=year%3Aabc", "q", "a field value the parser will not read"},
      {"/api/v1/export?format=iati&q=%22%22", "q", "a query that asks for nothing"},
  };
  for (const auto& c : cases) {
    auto res = client().Get(c.path);
    ASSERT_TRUE(res) << c.path;
    EXPECT_EQ(res->status, 400) << c.why;
    EXPECT_EQ(res->get_header_value("Content-Type"), "application/json; charset=utf-8") << c.why;
    auto body = json::parse(res->body, nullptr, false);
    ASSERT_FALSE(body.is_discarded()) << c.why;
    EXPECT_EQ(body["error"]["field"], c.field) << c.why << ": " << res->body;
  }
}

TEST_F(ApiExportTest, AClientThatStopsReadingDoesNotHoldTheServer) {
  // Read the first bytes of an export and hang up; then another export and
  // other requests are served as before.
  std::size_t received = 0;
  auto cut = client().Get("/api/v1/export?format=jsonl", [&](const char*, std::size_t n) {
    received += n;
    return received < 1000;
  });
  EXPECT_FALSE(cut) << "the client cancelled";
  auto health = client().Get("/healthz");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);
  auto res = client().Get("/api/v1/export?format=jsonl");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(ids_of(res->body), published_);
}

}  // namespace
}  // namespace tiltas::http
