// The API's endpoints and HTTP behaviour beyond the basics of
// server_test.cc: conditional GET, gzip, CORS, metrics, organisations,
// countries, statistics, and the token-protected writes. A server of its own
// (it writes), on 127.0.0.1 port 0 with a temporary SQLite store.
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <httplib.h>
#include <zlib.h>
#include <nlohmann/json.hpp>

#include "base/hash.h"
#include "http/api_token.h"
#include "http/server.h"
#include "store/store.h"
#include "support/temp_dir.h"

namespace tiltas::http {
namespace {

using nlohmann::json;
using namespace tiltas::model;

Project partnership(const std::string& title, const std::string& programme, int year, std::int64_t euros,
                    double trained, IndicatorStatus status) {
  Project p;
  p.default_language = "en";
  p.titles.set("en", title);
  p.programme = programme;
  p.period.start = PartialDate::parse_iso(std::to_string(year)).value();
  p.amounts.push_back({euros * 100, "EUR", AmountKind::kBudget, std::nullopt});
  p.participations.push_back({"Oslo City Municipality", "NO", Role::kPartner, std::nullopt, std::nullopt});
  p.participations.push_back({"Kaunas City Municipality", "LT", Role::kPromoter, std::nullopt, std::nullopt});
  p.indicators.push_back({trained, "Persons  trained", status, std::nullopt});
  return p;
}

std::string gunzip(const std::string& in) {
  z_stream z{};
  inflateInit2(&z, 16 + MAX_WBITS);
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  z.avail_in = static_cast<uInt>(in.size());
  std::string out;
  char buf[16384];
  int rc = Z_OK;
  while (rc == Z_OK) {
    z.next_out = reinterpret_cast<Bytef*>(buf);
    z.avail_out = sizeof buf;
    rc = inflate(&z, Z_NO_FLUSH);
    out.append(buf, sizeof buf - z.avail_out);
  }
  inflateEnd(&z);
  return rc == Z_STREAM_END ? out : std::string("<corrupt gzip>");
}

class ApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto s = store::open_store("sqlite:" + dir_.file("registry.db"));
    ASSERT_TRUE(s) << s.error().describe();
    store_ = std::move(*s);
    std::vector<Project> records{
        partnership("Councils in Kaunas", "Active Citizens Fund", 2021, 1000, 100, IndicatorStatus::kPlanned),
        partnership("Youth exchange", "Active Citizens Fund", 2022, 500, 80, IndicatorStatus::kAchieved),
        partnership("Draft only", "Youth programme", 2020, 7, 1, IndicatorStatus::kAchieved)};
    Document d;
    d.source = "test://api";
    d.name = "api";
    d.text = "source text";
    d.sha256 = sha256_hex(d.text);
    d.language = "en";
    d.media_type = "text/plain";
    auto imported = store_->import_document(d, records);
    ASSERT_TRUE(imported) << imported.error().describe();
    ids_ = imported->project_ids;
    ASSERT_TRUE(store_->set_review_state({ids_[0], ids_[1]}, ReviewState::kPublished));

    auto token = create_api_token(*store_, "editor");
    ASSERT_TRUE(token) << token.error().describe();
    token_ = *token;

    ServerOptions options;
    options.port = 0;
    options.max_body_bytes = 64 * 1024;
    auto server = Server::start(*store_, options);
    ASSERT_TRUE(server) << server.error().describe();
    server_ = std::move(*server);
  }

  httplib::Client client() const {
    httplib::Client c("127.0.0.1", server_->port());
    c.set_url_encode(false);
    c.set_read_timeout(20, 0);
    c.set_decompress(false);  // the tests look at the bytes on the wire
    return c;
  }
  httplib::Headers auth() const { return {{"Authorization", "Bearer " + token_}}; }

  json get_json(const std::string& path, int status = 200) {
    auto res = client().Get(path);
    EXPECT_TRUE(res) << path;
    if (!res) return {};
    EXPECT_EQ(res->status, status) << path << ": " << res->body;
    return json::parse(res->body, nullptr, false);
  }

  testing::TempDir dir_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<Server> server_;
  std::vector<Id> ids_;
  std::string token_;
};

TEST_F(ApiTest, EtagAnswers304WhenTheClientsCopyIsCurrent) {
  const std::string path = "/api/v1/projects/" + std::to_string(ids_[0]);
  auto first = client().Get(path);
  ASSERT_TRUE(first);
  const std::string etag = first->get_header_value("ETag");
  ASSERT_FALSE(etag.empty());
  auto again = client().Get(path, {{"If-None-Match", etag}});
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 304);
  EXPECT_TRUE(again->body.empty());
  EXPECT_EQ(again->get_header_value("ETag"), etag);
  auto other = client().Get(path, {{"If-None-Match", "\"something-else\""}});
  ASSERT_TRUE(other);
  EXPECT_EQ(other->status, 200) << "a stale validator gets the full body";
}

TEST_F(ApiTest, GzipWhenAskedAndOnlyThen) {
  // The OpenAPI document is large enough to be compressed.
  auto plain = client().Get("/api/v1/openapi.json");
  ASSERT_TRUE(plain);
  EXPECT_EQ(plain->get_header_value("Content-Encoding"), "");
  auto zipped = client().Get("/api/v1/openapi.json", {{"Accept-Encoding", "gzip, deflate"}});
  ASSERT_TRUE(zipped);
  EXPECT_EQ(zipped->status, 200);
  EXPECT_EQ(zipped->get_header_value("Content-Encoding"), "gzip");
  EXPECT_LT(zipped->body.size(), plain->body.size());
  EXPECT_EQ(gunzip(zipped->body), plain->body);
  EXPECT_NE(zipped->get_header_value("ETag"), plain->get_header_value("ETag")) << "each encoding has its own tag";
  auto refused = client().Get("/api/v1/openapi.json", {{"Accept-Encoding", "gzip;q=0"}});
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->get_header_value("Content-Encoding"), "");
}

TEST_F(ApiTest, CorsForReadsOnly) {
  auto res = client().Get("/api/v1/projects", {{"Origin", "https://example.org"}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->get_header_value("Access-Control-Allow-Origin"), "*");
  auto preflight = client().Options("/api/v1/projects", {{"Origin", "https://example.org"},
                                                         {"Access-Control-Request-Method", "GET"}});
  ASSERT_TRUE(preflight);
  EXPECT_EQ(preflight->status, 204);
  EXPECT_EQ(preflight->get_header_value("Access-Control-Allow-Methods"), "GET");
  auto write = client().Delete("/api/v1/projects/" + std::to_string(ids_[0]), auth());
  ASSERT_TRUE(write);
  EXPECT_EQ(write->get_header_value("Access-Control-Allow-Origin"), "") << "writes are not cross-origin";
}

TEST_F(ApiTest, MetricsCountRequestsByRouteAndStatus) {
  get_json("/api/v1/projects/" + std::to_string(ids_[0]));
  get_json("/api/v1/projects/999999", 404);
  auto res = client().Get("/metrics");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_TRUE(res->get_header_value("Content-Type").starts_with("text/plain; version=0.0.4"));
  const std::string& m = res->body;
  EXPECT_NE(m.find(R"(tiltas_http_requests_total{method="GET",route="/api/v1/projects/{id}",status="200"} 1)"),
            std::string::npos)
      << m;
  EXPECT_NE(m.find(R"(tiltas_http_requests_total{method="GET",route="/api/v1/projects/{id}",status="404"} 1)"),
            std::string::npos);
  EXPECT_NE(m.find(R"(tiltas_http_request_duration_seconds_bucket{method="GET",route="/api/v1/projects/{id}",le="+Inf"} 2)"),
            std::string::npos);
  EXPECT_NE(m.find("tiltas_database_size_bytes "), std::string::npos);
  EXPECT_NE(m.find("tiltas_projects_published 2"), std::string::npos);
}

TEST_F(ApiTest, OrganisationsAndCountriesShowPublishedProjectsOnly) {
  json list = get_json("/api/v1/organisations?limit=1");
  ASSERT_EQ(list["items"].size(), 1u) << list.dump();
  EXPECT_EQ(list["items"][0]["project_count"], 2) << "the draft is not counted";
  ASSERT_TRUE(list["next"].is_string());
  json rest = get_json("/api/v1/organisations?limit=10&after=" + list["next"].get<std::string>());
  EXPECT_EQ(rest["items"].size(), 1u);
  EXPECT_TRUE(rest["next"].is_null());

  const auto org_id = list["items"][0]["id"].get<Id>();
  json org = get_json("/api/v1/organisations/" + std::to_string(org_id));
  EXPECT_EQ(org["organisation"]["id"], org_id);
  EXPECT_EQ(org["projects"]["total"], 2);
  get_json("/api/v1/organisations/abc", 400);
  get_json("/api/v1/organisations/999999", 404);

  json no = get_json("/api/v1/countries/no");
  EXPECT_EQ(no["code"], "NO");
  EXPECT_EQ(no["names"]["lt"], "Norvegija");
  EXPECT_EQ(no["projects"]["total"], 2);
  json bad = get_json("/api/v1/countries/XX", 400);
  EXPECT_EQ(bad["error"]["field"], "code");
}

TEST_F(ApiTest, StatsSumPublishedProjects) {
  json s = get_json("/api/v1/stats");
  EXPECT_EQ(s["projects"], 2);
  EXPECT_EQ(s["organisations"], 2);
  EXPECT_EQ(s["amounts"]["by_currency"]["EUR"]["budget"], 1500.0);
  ASSERT_EQ(s["amounts"]["by_year"].size(), 2u);
  EXPECT_EQ(s["amounts"]["by_year"][0]["year"], 2021);
  ASSERT_EQ(s["indicators"].size(), 1u) << "units are normalised: " << s["indicators"].dump();
  EXPECT_EQ(s["indicators"][0]["unit"], "persons trained");
  EXPECT_EQ(s["indicators"][0]["planned"], 100.0);
  EXPECT_EQ(s["indicators"][0]["achieved"], 80.0);
  ASSERT_EQ(s["partnerships"].size(), 1u);
  EXPECT_EQ(s["partnerships"][0]["countries"], json({"LT", "NO"}));
  EXPECT_EQ(s["partnerships"][0]["projects"], 2);
}

TEST_F(ApiTest, WritesNeedAValidToken) {
  struct Case {
    httplib::Headers headers;
    const char* why;
  };
  const Case cases[] = {
      {{}, "no Authorization header"},
      {{{"Authorization", "Bearer not-a-token"}}, "unknown token"},
      {{{"Authorization", "Basic " + token_}}, "another scheme"},
  };
  const std::string path = "/api/v1/projects/" + std::to_string(ids_[2]) + "/publish";
  for (const auto& c : cases) {
    auto res = client().Post(path, c.headers, "", "text/plain");
    ASSERT_TRUE(res) << c.why;
    EXPECT_EQ(res->status, 401) << c.why;
    EXPECT_EQ(json::parse(res->body)["error"]["code"], "unauthenticated") << c.why;
    EXPECT_FALSE(res->get_header_value("WWW-Authenticate").empty()) << c.why;
  }
  ASSERT_TRUE(store_->revoke_api_token("editor"));
  auto revoked = client().Post(path, auth(), "", "text/plain");
  ASSERT_TRUE(revoked);
  EXPECT_EQ(revoked->status, 401) << "a revoked token";
}

TEST_F(ApiTest, PublishThenDelete) {
  const std::string id = std::to_string(ids_[2]);
  get_json("/api/v1/projects/" + id, 404);
  auto published = client().Post("/api/v1/projects/" + id + "/publish", auth(), "", "text/plain");
  ASSERT_TRUE(published);
  EXPECT_EQ(published->status, 200) << published->body;
  EXPECT_EQ(json::parse(published->body)["changed"], true);
  get_json("/api/v1/projects/" + id);
  EXPECT_EQ(get_json("/api/v1/stats")["projects"], 3) << "writes refresh the statistics";
  auto deleted = client().Delete("/api/v1/projects/" + id, auth());
  ASSERT_TRUE(deleted);
  EXPECT_EQ(deleted->status, 204);
  get_json("/api/v1/projects/" + id, 404);
  auto again = client().Delete("/api/v1/projects/" + id, auth());
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 404);
}

TEST_F(ApiTest, PatchChangesFieldsAndRecordsTheEditor) {
  const std::string path = "/api/v1/projects/" + std::to_string(ids_[0]);
  auto res = client().Patch(path + "?note=typo", auth(), R"({"programme":"EEA Grants"})", "application/json");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(json::parse(res->body)["programme"], "EEA Grants");
  EXPECT_EQ(get_json(path)["programme"], "EEA Grants");
  auto audit = store_->find_audit(ids_[0]);
  ASSERT_TRUE(audit) << audit.error().describe();
  ASSERT_FALSE(audit->empty());
  EXPECT_EQ(audit->back().editor, "api:editor");
  EXPECT_EQ(audit->back().note, "typo");
  struct Case {
    std::string body;
    const char* why;
  };
  const Case cases[] = {{"[1]", "not an object"}, {"{", "not JSON"}, {R"({"no_such_field":1})", "unknown field"}};
  for (const auto& c : cases) {
    auto bad = client().Patch(path, auth(), c.body, "application/json");
    ASSERT_TRUE(bad) << c.why;
    EXPECT_EQ(bad->status, 400) << c.why << ": " << bad->body;
  }
  auto missing = client().Patch("/api/v1/projects/999999", auth(), "{}", "application/json");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404);
}

TEST_F(ApiTest, PostedDocumentIsExtractedIntoDrafts) {
  const std::string page =
      "<html><body><main><h1>Seniors online in Alytus</h1><p>The project runs from 2023-01-01 to 2024-06-30 with "
      "a budget of EUR 45 000. Partners: Alytus City Library (Lithuania) and Bergen Public Library (Norway).</p>"
      "</main></body></html>";
  auto res = client().Post("/api/v1/documents?source=https%3A%2F%2Fexample.org%2Fseniors", auth(), page, "text/html");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 201) << res->body;
  json body = json::parse(res->body);
  EXPECT_EQ(body["outcome"], "new");
  ASSERT_GE(body["records"].size(), 1u) << body.dump();
  EXPECT_EQ(body["records"][0]["review_state"], "draft");
  auto same = client().Post("/api/v1/documents?source=https%3A%2F%2Fexample.org%2Fseniors", auth(), page, "text/html");
  ASSERT_TRUE(same);
  EXPECT_EQ(same->status, 200);
  EXPECT_EQ(json::parse(same->body)["outcome"], "unchanged");
  auto empty = client().Post("/api/v1/documents", auth(), "", "text/plain");
  ASSERT_TRUE(empty);
  EXPECT_EQ(empty->status, 400);
  auto too_large = client().Post("/api/v1/documents", auth(), std::string(70 * 1024, 'a'), "text/plain");
  ASSERT_TRUE(too_large);
  EXPECT_EQ(too_large->status, 413);
}

}  // namespace
}  // namespace tiltas::http
