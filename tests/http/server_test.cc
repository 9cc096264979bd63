// The HTTP server, driven over a real socket: the server listens on
// 127.0.0.1 port 0 with a temporary SQLite store, and cpp-httplib plays the
// client.
#include <csignal>
#include <functional>
#include <future>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <httplib.h>
#include <signal.h>
#include <unistd.h>
#include <nlohmann/json.hpp>

#include "base/hash.h"
#include "http/server.h"
#include "store/store.h"
#include "support/temp_dir.h"

namespace tiltas::http {
namespace {

using nlohmann::json;
using namespace tiltas::model;

constexpr std::size_t kMaxBody = 1024;
constexpr std::string_view kXssTitle = R"(<script>alert(1)</script> "quoted" & amp)";
constexpr int kFillerProjects = 25;  // enough for several API and HTML pages

Project full_project() {
  Project p;
  p.default_language = "en";
  p.kind = ProjectKind::kBilateralInitiative;
  p.status = ProjectStatus::kCompleted;
  p.titles.set("en", "Neighbourhood councils in Kaunas");
  p.titles.set("lt", "Seniūnaitijų tarybos Kaune");
  p.descriptions.set("en", "Residents learn how councils work.");
  p.descriptions.set("lt", "Gyventojai mokosi, kaip veikia tarybos.");
  p.programme = "Active Citizens Fund";
  p.period.start = PartialDate::parse_iso("2021-06").value();
  p.period.end = PartialDate::parse_iso("2022-08-31").value();
  p.amounts.push_back({14868012, "EUR", AmountKind::kBudget, SourceSpan{10, 20}});
  p.amounts.push_back({9000000, "EUR", AmountKind::kGranted, std::nullopt});
  p.participations.push_back({"Oslo City Municipality", "NO", Role::kPartner, std::nullopt, std::nullopt});
  p.participations.push_back({"VšĮ Bendruomenių tiltai", "LT", Role::kPromoter, std::nullopt, std::nullopt});
  p.activities.push_back({"1.1", "Study visit in Oslo", std::nullopt});
  p.events.push_back(
      {"Study visit", "Oslo", "NO", PartialDate::parse_iso("2021-09-13").value(), std::nullopt, std::nullopt});
  p.indicators.push_back({313, "persons trained", IndicatorStatus::kAchieved, std::nullopt});
  p.places.push_back({"Kaunas", "LT", std::nullopt});
  p.notes = "reviewer note: period from the labelled line";
  p.findings.push_back({"period", Severity::kInfo, "two periods; the labelled one used", std::nullopt});
  return p;
}

Project simple_project(const std::string& title) {
  Project p;
  p.default_language = "en";
  p.titles.set("en", title);
  p.programme = "Youth programme";
  p.period.start = PartialDate::parse_iso("2020").value();
  return p;
}

Document document_for(const std::string& text) {
  Document d;
  d.source = "test://records";
  d.name = "records";
  d.sha256 = sha256_hex(text);
  d.language = "en";
  d.media_type = "text/plain";
  d.text = text;
  return d;
}

// One store and one server for the suite: starting them per test would only
// slow the suite down, and no test writes.
class HttpServerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    suite_dir = new testing::TempDir();
    auto store = store::open_store("sqlite:" + suite_dir->file("registry.db"));
    ASSERT_TRUE(store) << store.error().describe();
    suite_store = store->release();

    std::vector<Project> records{full_project(), simple_project("Draft only"), simple_project(std::string(kXssTitle))};
    for (int i = 0; i < kFillerProjects; ++i) records.push_back(simple_project("Filler project " + std::to_string(i)));
    auto imported = suite_store->import_document(document_for("source text"), records);
    ASSERT_TRUE(imported) << imported.error().describe();
    const auto& ids = imported->project_ids;
    ASSERT_EQ(ids.size(), records.size());
    full_id = ids[0];
    draft_id = ids[1];
    xss_id = ids[2];
    published_ids = new std::set<Id>();
    for (std::size_t i = 0; i < ids.size(); ++i) {
      if (ids[i] != draft_id) published_ids->insert(ids[i]);
    }
    auto published = suite_store->set_review_state(std::vector<Id>(published_ids->begin(), published_ids->end()),
                                                   ReviewState::kPublished);
    ASSERT_TRUE(published) << published.error().describe();

    ServerOptions options;
    options.host = "127.0.0.1";
    options.port = 0;
    options.threads = 2;
    options.max_body_bytes = kMaxBody;
    auto server = Server::start(*suite_store, options);
    ASSERT_TRUE(server) << server.error().describe();
    suite_server = server->release();
    ASSERT_NE(suite_server->port(), 0);
  }

  static void TearDownTestSuite() {
    delete suite_server;
    delete suite_store;
    delete published_ids;
    delete suite_dir;
  }

  static httplib::Client client() {
    httplib::Client c("127.0.0.1", suite_server->port());
    c.set_url_encode(false);  // tests send exactly the bytes they mean
    c.set_read_timeout(10, 0);
    return c;
  }

  static json get_json(const std::string& path, int expected_status = 200) {
    auto res = client().Get(path);
    EXPECT_TRUE(res) << path << ": " << httplib::to_string(res.error());
    if (!res) return json();
    EXPECT_EQ(res->status, expected_status) << path << ": " << res->body;
    EXPECT_EQ(res->get_header_value("Content-Type"), "application/json; charset=utf-8") << path;
    return json::parse(res->body);
  }

  static std::string get_html(const std::string& path, int expected_status = 200) {
    auto res = client().Get(path);
    EXPECT_TRUE(res) << path << ": " << httplib::to_string(res.error());
    if (!res) return {};
    EXPECT_EQ(res->status, expected_status) << path;
    EXPECT_EQ(res->get_header_value("Content-Type"), "text/html; charset=utf-8") << path;
    EXPECT_EQ(res->get_header_value("X-Content-Type-Options"), "nosniff") << path;
    EXPECT_TRUE(res->get_header_value("Content-Security-Policy").starts_with("default-src 'self'")) << path;
    return res->body;
  }

  static inline testing::TempDir* suite_dir = nullptr;
  static inline store::Store* suite_store = nullptr;
  static inline Server* suite_server = nullptr;
  static inline std::set<Id>* published_ids = nullptr;
  static inline Id full_id = 0;
  static inline Id draft_id = 0;
  static inline Id xss_id = 0;
};

TEST_F(HttpServerTest, HealthzAnswersOk) {
  json body = get_json("/healthz");
  EXPECT_EQ(body["status"], "ok");
}

TEST_F(HttpServerTest, ApiListShowsOnlyPublishedAndTheCursorWalksThemAll) {
  std::set<Id> seen;
  std::string path = "/api/v1/projects?limit=10";
  int pages = 0;
  for (;;) {
    json page = get_json(path);
    ASSERT_TRUE(page.contains("items") && page.contains("total") && page.contains("next")) << page.dump();
    EXPECT_EQ(page["total"], published_ids->size());
    EXPECT_LE(page["items"].size(), 10u);
    for (const auto& item : page["items"]) {
      for (const char* key : {"id", "title", "language", "programme", "period", "kind"}) {
        EXPECT_TRUE(item.contains(key)) << key << " missing in " << item.dump();
      }
      EXPECT_TRUE(item["period"].contains("start") && item["period"].contains("end")) << item.dump();
      EXPECT_TRUE(seen.insert(item["id"].get<Id>()).second) << "id listed twice: " << item["id"];
    }
    ++pages;
    ASSERT_LT(pages, 10) << "cursor does not advance";
    if (page["next"].is_null()) break;
    ASSERT_TRUE(page["next"].is_string());
    path = "/api/v1/projects?limit=10&after=" + page["next"].get<std::string>();
  }
  EXPECT_EQ(seen, *published_ids);
  EXPECT_FALSE(seen.contains(draft_id));
  EXPECT_EQ(pages, 3);  // 27 published, 10 per page
}

TEST_F(HttpServerTest, ApiListDefaultsToTwentyAndFilters) {
  json page = get_json("/api/v1/projects");
  EXPECT_EQ(page["items"].size(), 20u);
  json filtered = get_json("/api/v1/projects?programme=Active%20Citizens%20Fund");
  ASSERT_EQ(filtered["items"].size(), 1u) << filtered.dump();
  EXPECT_EQ(filtered["items"][0]["id"], full_id);
  EXPECT_EQ(filtered["items"][0]["kind"], "bilateral_initiative");
  EXPECT_EQ(filtered["items"][0]["period"]["start"], "2021-06");
  EXPECT_TRUE(filtered["next"].is_null());
  json by_country = get_json("/api/v1/projects?country=NO");
  EXPECT_EQ(by_country["total"], 1);
}

TEST_F(HttpServerTest, ApiProjectHasEveryPublicField) {
  json p = get_json("/api/v1/projects/" + std::to_string(full_id));
  EXPECT_EQ(p["id"], full_id);
  EXPECT_EQ(p["review_state"], "published");
  EXPECT_EQ(p["title"], "Neighbourhood councils in Kaunas");
  EXPECT_EQ(p["language"], "en");
  EXPECT_EQ(p["kind"], "bilateral_initiative");
  EXPECT_EQ(p["status"], "completed");
  EXPECT_EQ(p["programme"], "Active Citizens Fund");
  EXPECT_EQ(p["period"], (json{{"start", "2021-06"}, {"end", "2022-08-31"}}));
  EXPECT_EQ(p["description"], "Residents learn how councils work.");
  EXPECT_EQ(p["titles"], (json{{"en", "Neighbourhood councils in Kaunas"}, {"lt", "Seniūnaitijų tarybos Kaune"}}));
  EXPECT_EQ(p["descriptions"]["lt"], "Gyventojai mokosi, kaip veikia tarybos.");
  EXPECT_EQ(p["translations"]["lt"]["title"], "Seniūnaitijų tarybos Kaune");
  ASSERT_EQ(p["amounts"].size(), 2u);
  EXPECT_EQ(p["amounts"][0]["value"], 148680.12);
  EXPECT_EQ(p["amounts"][0]["currency"], "EUR");
  EXPECT_EQ(p["amounts"][0]["kind"], "budget");
  ASSERT_EQ(p["organisations"].size(), 2u);
  EXPECT_EQ(p["organisations"][1]["name"], "VšĮ Bendruomenių tiltai");
  EXPECT_EQ(p["organisations"][1]["role"], "promoter");
  EXPECT_EQ(p["organisations"][1]["country"], "LT");
  EXPECT_EQ(p["activities"][0]["code"], "1.1");
  EXPECT_EQ(p["events"][0]["place"], "Oslo");
  EXPECT_EQ(p["events"][0]["start"], "2021-09-13");
  EXPECT_EQ(p["indicators"][0]["value"], 313);
  EXPECT_EQ(p["indicators"][0]["unit"], "persons trained");
  EXPECT_EQ(p["places"][0]["name"], "Kaunas");
  // Reviewer data stays internal.
  EXPECT_FALSE(p.contains("findings"));
  EXPECT_FALSE(p.contains("notes"));
}

struct ErrorCase {
  std::string method;
  std::string path;
  std::size_t body_bytes;  // POST body size
  int status;
  bool json;          // JSON error (else an HTML page)
  std::string code;   // JSON error code, when json
  std::string field;  // JSON error field, "" for null
  std::string reason;
};

TEST_F(HttpServerTest, ErrorsHaveTheRightStatusAndForm) {
  const std::string draft = std::to_string(draft_id);
  const std::vector<ErrorCase> cases{
      {"GET", "/api/v1/projects/" + draft, 0, 404, true, "not_found", "id", "drafts are not public"},
      {"GET", "/api/v1/projects/999999", 0, 404, true, "not_found", "id", "absent id"},
      {"GET", "/api/v1/projects/abc", 0, 400, true, "invalid_argument", "id", "non-numeric id"},
      {"GET", "/api/v1/projects/99999999999999999999", 0, 400, true, "invalid_argument", "id", "id overflows int64"},
      {"GET", "/api/v1/projects/9223372036854775808", 0, 400, true, "invalid_argument", "id", "INT64_MAX + 1"},
      {"GET", "/api/v1/projects/-1", 0, 400, true, "invalid_argument", "id", "negative id"},
      {"GET", "/api/v1/projects/0", 0, 400, true, "invalid_argument", "id", "ids start at 1"},
      {"GET", "/api/v1/projects/1e3", 0, 400, true, "invalid_argument", "id", "no exponent notation"},
      {"GET", "/api/v1/projects?limit=0", 0, 400, true, "invalid_argument", "limit", "limit below 1"},
      {"GET", "/api/v1/projects?limit=101", 0, 400, true, "invalid_argument", "limit", "limit above 100"},
      {"GET", "/api/v1/projects?limit=ten", 0, 400, true, "invalid_argument", "limit", "limit not a number"},
      {"GET", "/api/v1/projects?after=-5", 0, 400, true, "invalid_argument", "after", "negative cursor"},
      {"GET", "/api/v1/projects?after=x1", 0, 400, true, "invalid_argument", "after", "cursor not a number"},
      {"GET", "/api/v1/projects?programme=%zz", 0, 400, true, "invalid_argument", "query", "bad percent-encoding"},
      {"GET", "/api/v1/nothing-here", 0, 404, true, "not_found", "", "unknown API route is a JSON 404"},
      {"GET", "/api", 0, 404, true, "not_found", "", "the API root itself has no resource"},
      {"POST", "/api/v1/projects", 16, 404, true, "not_found", "", "no route takes POST"},
      {"POST", "/api/v1/projects", kMaxBody + 1, 413, true, "payload_too_large", "", "body over the limit"},
      {"POST", "/", 4 * kMaxBody, 413, false, "", "", "body over the limit on a page path is an HTML 413"},
      {"GET", "/nothing-here", 0, 404, false, "", "", "unknown page is an HTML 404"},
      {"GET", "/projects/" + draft, 0, 404, false, "", "", "draft page is not public"},
      {"GET", "/projects/abc", 0, 400, false, "", "", "bad id on a page"},
      {"GET", "/?after=zzz", 0, 400, false, "", "", "bad list cursor on a page"},
      {"GET", "/static/missing.css", 0, 404, false, "", "", "only embedded files are served"},
      {"GET", "/static/..%2F..%2FCMakeLists.txt", 0, 404, false, "", "", "no path traversal"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.method + " " + c.path + " (" + c.reason + ")");
    auto cli = client();
    auto res = c.method == "GET" ? cli.Get(c.path) : cli.Post(c.path, std::string(c.body_bytes, 'x'), "text/plain");
    ASSERT_TRUE(res) << httplib::to_string(res.error());
    EXPECT_EQ(res->status, c.status) << res->body;
    if (c.json) {
      ASSERT_EQ(res->get_header_value("Content-Type"), "application/json; charset=utf-8");
      json body = json::parse(res->body);
      ASSERT_TRUE(body.contains("error")) << res->body;
      EXPECT_EQ(body["error"]["code"], c.code);
      EXPECT_TRUE(body["error"]["message"].is_string());
      if (c.field.empty()) {
        EXPECT_TRUE(body["error"]["field"].is_null()) << res->body;
      } else {
        EXPECT_EQ(body["error"]["field"], c.field);
      }
    } else {
      EXPECT_EQ(res->get_header_value("Content-Type"), "text/html; charset=utf-8");
      EXPECT_NE(res->body.find("<main>"), std::string::npos);
      EXPECT_NE(res->body.find("Error " + std::to_string(c.status)), std::string::npos) << res->body;
    }
  }
}

TEST_F(HttpServerTest, ErrorPageEscapesWhatItEchoes) {
  std::string html = get_html("/%3Cscript%3E<b>x", 404);
  EXPECT_EQ(html.find("<b>x"), std::string::npos) << html;
  EXPECT_NE(html.find("&lt;b&gt;x"), std::string::npos) << html;
}

TEST_F(HttpServerTest, ProjectPageShowsEveryPublicField) {
  std::string html = get_html("/projects/" + std::to_string(full_id));
  const std::vector<std::pair<std::string, std::string>> expected{
      {"<html lang=\"en\">", "layout declares the page language"},
      {"<nav", "layout has navigation"},
      {"<main>", "layout has a main landmark"},
      {"<h1 lang=\"en\">Neighbourhood councils in Kaunas</h1>", "title in the record's language"},
      {"lang=\"lt\">Seniūnaitijų tarybos Kaune", "title translations"},
      {"Residents learn how councils work.", "description"},
      {"Gyventojai mokosi, kaip veikia tarybos.", "description translations"},
      {"Active Citizens Fund", "programme"},
      {"bilateral initiative", "kind, as words"},
      {"completed", "status"},
      {"2021-06 \u2013 2022-08-31", "period"},
      {"148,680.12 EUR", "amount, exact from minor units"},
      {"90,000.00 EUR", "second amount"},
      {"granted", "amount kind"},
      {"Oslo City Municipality", "organisation"},
      {"VšĮ Bendruomenių tiltai", "organisation with diacritics"},
      {"promoter", "organisation role"},
      {"Norway (NO)", "organisation country"},
      {"Study visit in Oslo", "activity"},
      {"2021-09-13", "event date"},
      {"313", "indicator value"},
      {"persons trained", "indicator unit"},
      {"achieved", "indicator status"},
      {"Kaunas", "place"},
      {"Lithuania (LT)", "place country"},
      {"/static/site.css", "stylesheet link"},
  };
  for (const auto& [text, why] : expected) {
    EXPECT_NE(html.find(text), std::string::npos) << "missing " << why << ": " << text;
  }
  EXPECT_EQ(html.find("reviewer note"), std::string::npos) << "notes are not public";
  EXPECT_EQ(html.find("two periods"), std::string::npos) << "findings are not public";
}

TEST_F(HttpServerTest, PagesEscapeAnXssTitle) {
  const std::string escaped = "&lt;script&gt;alert(1)&lt;/script&gt; &quot;quoted&quot; &amp; amp";
  for (const std::string& path : {"/projects/" + std::to_string(xss_id), std::string("/")}) {
    SCOPED_TRACE(path);
    std::string html = get_html(path);
    EXPECT_EQ(html.find("<script>"), std::string::npos);
    EXPECT_EQ(html.find("alert(1)</script>"), std::string::npos);
    EXPECT_NE(html.find(escaped), std::string::npos) << html;
  }
  // JSON carries the title as data, unchanged.
  json p = get_json("/api/v1/projects/" + std::to_string(xss_id));
  EXPECT_EQ(p["title"], std::string(kXssTitle));
}

TEST_F(HttpServerTest, HtmlListPaginatesWithAfter) {
  std::string first = get_html("/");
  EXPECT_NE(first.find(std::to_string(published_ids->size()) + " published projects"), std::string::npos);
  EXPECT_EQ(first.find("Draft only"), std::string::npos) << "drafts are not listed";
  const std::string marker = "href=\"/?after=";
  auto at = first.find(marker);
  ASSERT_NE(at, std::string::npos) << "no next-page link";
  auto end = first.find('"', at + marker.size());
  std::string cursor = first.substr(at + marker.size(), end - at - marker.size());
  std::string second = get_html("/?after=" + cursor);
  std::size_t links = 0;
  for (const std::string* page : {&first, &second}) {
    for (auto pos = page->find("href=\"/projects/"); pos != std::string::npos;
         pos = page->find("href=\"/projects/", pos + 1)) {
      ++links;
    }
  }
  EXPECT_EQ(links, published_ids->size());
  EXPECT_EQ(second.find(marker), std::string::npos) << "the last page has no next link";
}

TEST_F(HttpServerTest, ServesEmbeddedStylesheet) {
  auto res = client().Get("/static/site.css");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(res->get_header_value("Content-Type"), "text/css; charset=utf-8");
  EXPECT_NE(res->body.find("font-family"), std::string::npos);
}

TEST_F(HttpServerTest, BodyFarBeyondTheLimitIsCutOffAndTheServerStaysUp) {
  // RESTinio's parser drops such a connection without an answer (see
  // ServerOptions::max_body_bytes); what matters is that nothing breaks.
  auto cli = client();
  auto res = cli.Post("/api/v1/projects", std::string(kMaxBody + std::size_t{200} * 1024, 'x'), "text/plain");
  if (res) {
    EXPECT_EQ(res->status, 413);
  }
  EXPECT_EQ(get_json("/healthz")["status"], "ok");
}

TEST_F(HttpServerTest, ConcurrentClientsAreServed) {
  std::vector<std::future<int>> results;
  results.reserve(8);
  for (int i = 0; i < 8; ++i) {
    results.push_back(std::async(std::launch::async, [] {
      int ok = 0;
      auto cli = client();
      for (int j = 0; j < 10; ++j) {
        auto res = cli.Get("/api/v1/projects?limit=5");
        if (res && res->status == 200) ++ok;
      }
      return ok;
    }));
  }
  for (auto& r : results) EXPECT_EQ(r.get(), 10);
}

// A store that delegates to a real one, with hooks to make list_projects
// block, get_project throw, and counts fail: the failures a server must
// survive.
class HookedStore : public store::Store {
 public:
  explicit HookedStore(store::Store& inner) : inner_(inner) {}

  std::function<void()> on_list;  // runs inside list_projects
  bool throw_in_get = false;
  std::optional<Error> counts_error;

  Result<store::ImportResult> import_document(const Document& d, const std::vector<Project>& r) override {
    return inner_.import_document(d, r);
  }
  Result<std::optional<Id>> find_document_by_sha256(const std::string& sha) const override {
    return inner_.find_document_by_sha256(sha);
  }
  Result<Project> update_project(Id id, const Project& p, const store::Edit& e) override {
    return inner_.update_project(id, p, e);
  }
  Result<std::vector<store::AuditEntry>> find_audit(Id id) const override { return inner_.find_audit(id); }
  Result<Project> get_project(Id id, store::Visibility v) const override {
    if (throw_in_get) throw std::runtime_error("bug: get_project threw /secret/detail");
    return inner_.get_project(id, v);
  }
  Result<store::ProjectPage> list_projects(const store::ProjectFilter& f, const store::PageRequest& p) const override {
    if (on_list) on_list();
    return inner_.list_projects(f, p);
  }
  Result<std::vector<Project>> find_projects_of_document(Id id) const override {
    return inner_.find_projects_of_document(id);
  }
  Result<int> set_review_state(const std::vector<Id>& ids, ReviewState s) override {
    return inner_.set_review_state(ids, s);
  }
  Result<int> publish_all() override { return inner_.publish_all(); }
  Status delete_project(Id id) override { return inner_.delete_project(id); }
  Result<Organisation> get_organisation(Id id) const override { return inner_.get_organisation(id); }
  Result<std::vector<store::OrganisationSummary>> list_organisations(store::Visibility v, int limit,
                                                                     Id after) const override {
    return inner_.list_organisations(v, limit, after);
  }
  Result<Document> get_document(Id id) const override { return inner_.get_document(id); }
  Result<std::vector<Document>> find_documents() const override { return inner_.find_documents(); }
  Result<store::Counts> counts() const override {
    if (counts_error) return unexpected(*counts_error);
    return inner_.counts();
  }
  std::string describe() const override { return "hooked " + inner_.describe(); }
  Result<store::ApiToken> create_api_token(const std::string& name, const std::string& hash) override {
    return inner_.create_api_token(name, hash);
  }
  Result<std::optional<store::ApiToken>> find_api_token(const std::string& hash) const override {
    return inner_.find_api_token(hash);
  }
  Result<std::vector<store::ApiToken>> list_api_tokens() const override { return inner_.list_api_tokens(); }
  Status revoke_api_token(const std::string& name) override { return inner_.revoke_api_token(name); }
  Result<std::int64_t> database_size_bytes() const override { return inner_.database_size_bytes(); }
  Result<search::SearchResult> search(const search::SearchRequest& r) const override { return inner_.search(r); }
  Result<std::vector<search::Suggestion>> suggest(std::string_view prefix, int limit, bool drafts) const override {
    return inner_.suggest(prefix, limit, drafts);
  }
  Result<std::int64_t> reindex() override { return inner_.reindex(); }
  // Editors (issue 9): delegated as they are.
  Result<store::User> create_user(const std::string& e, const std::string& r, const std::string& h) override {
    return inner_.create_user(e, r, h);
  }
  Result<std::optional<store::User>> find_user(const std::string& e) const override { return inner_.find_user(e); }
  Result<std::vector<store::User>> list_users() const override { return inner_.list_users(); }
  Status remove_user(const std::string& e) override { return inner_.remove_user(e); }
  Status create_session(const store::Session& s) override { return inner_.create_session(s); }
  Result<std::optional<store::Session>> find_session(const std::string& h, const std::string& now) const override {
    return inner_.find_session(h, now);
  }
  Status delete_session(const std::string& h) override { return inner_.delete_session(h); }
  Result<int> delete_sessions_of_user(Id id) override { return inner_.delete_sessions_of_user(id); }
  Status record_login_failure(const std::string& k, const std::string& at) override {
    return inner_.record_login_failure(k, at);
  }
  Result<std::int64_t> count_login_failures(const std::string& k, const std::string& since) const override {
    return inner_.count_login_failures(k, since);
  }
  Status clear_login_failures(const std::string& k) override { return inner_.clear_login_failures(k); }
  Result<std::vector<store::ReviewItem>> review_queue(const store::ProjectFilter& f, int limit) const override {
    return inner_.review_queue(f, limit);
  }
  Result<int> change_review_state(const std::vector<Id>& ids, ReviewState s, const store::Edit& e) override {
    return inner_.change_review_state(ids, s, e);
  }
  Status accept_field(Id id, const std::string& f, const store::Edit& e) override {
    return inner_.accept_field(id, f, e);
  }
  Result<std::vector<Id>> merge_organisations(Id from, Id into, const store::Edit& e) override {
    return inner_.merge_organisations(from, into, e);
  }
  Result<std::vector<Id>> split_organisation(Id id, const store::Edit& e) override {
    return inner_.split_organisation(id, e);
  }
  Result<store::AuditEntry> get_audit_entry(Id id) const override { return inner_.get_audit_entry(id); }
  Status copy_rows_to(store::RowSink& sink) const override { return inner_.copy_rows_to(sink); }
  Result<store::LoadSummary> load_rows(const std::function<Status(store::RowSink&)>& produce, bool replace) override {
    return inner_.load_rows(produce, replace);
  }
  Result<std::vector<search::Match>> find_matches(const search::SearchQuery& q, bool drafts, Id after,
                                                  int limit) const override {
    return inner_.find_matches(q, drafts, after, limit);
  }

 private:
  store::Store& inner_;
};

// Servers of their own, for start and stop behaviour.
class ServerLifecycleTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto s = store::open_store("sqlite:" + dir_.file("registry.db"));
    ASSERT_TRUE(s) << s.error().describe();
    store_ = std::move(*s);
  }
  testing::TempDir dir_;
  std::unique_ptr<store::Store> store_;
};

TEST_F(ServerLifecycleTest, StopEndsServingAndFreesThePort) {
  ServerOptions options;
  options.port = 0;
  std::uint16_t announced = 0;
  auto server = Server::start(*store_, options, [&](std::uint16_t port) { announced = port; });
  ASSERT_TRUE(server) << server.error().describe();
  const std::uint16_t port = (*server)->port();
  EXPECT_EQ(announced, port);
  httplib::Client cli("127.0.0.1", port);
  auto res = cli.Get("/healthz");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  (*server)->stop();
  (*server)->wait();
  httplib::Client after("127.0.0.1", port);
  after.set_connection_timeout(2, 0);
  EXPECT_FALSE(after.Get("/healthz")) << "still answering after stop";
}

TEST_F(ServerLifecycleTest, BusyPortIsUnavailable) {
  ServerOptions options;
  options.port = 0;
  auto first = Server::start(*store_, options);
  ASSERT_TRUE(first) << first.error().describe();
  options.port = (*first)->port();
  auto second = Server::start(*store_, options);
  ASSERT_FALSE(second);
  EXPECT_EQ(second.error().code, ErrorCode::kUnavailable) << second.error().describe();
}

TEST_F(ServerLifecycleTest, HostMustBeAnAddress) {
  ServerOptions options;
  options.host = "not a host";
  options.port = 0;
  auto server = Server::start(*store_, options);
  ASSERT_FALSE(server);
  EXPECT_EQ(server.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(server.error().field, "host");
}

TEST_F(ServerLifecycleTest, ServeReturnsOnSigterm) {
  ServerOptions options;
  options.port = 0;
  std::promise<std::uint16_t> listening;
  Status result;
  std::thread serving(
      [&] { result = serve(*store_, options, [&](std::uint16_t port) { listening.set_value(port); }); });
  // The signal handlers are installed before on_listening is called, so the
  // signal cannot reach the default action (which would end the test run).
  const std::uint16_t port = listening.get_future().get();
  httplib::Client cli("127.0.0.1", port);
  auto res = cli.Get("/healthz");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  ::kill(::getpid(), SIGTERM);
  serving.join();
  EXPECT_TRUE(result) << result.error().describe();
}

}  // namespace
}  // namespace tiltas::http

namespace tiltas::http {
namespace {

TEST_F(ServerLifecycleTest, StopFinishesTheRequestInFlight) {
  HookedStore hooked(*store_);
  std::promise<void> entered;
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  hooked.on_list = [&] {
    entered.set_value();
    released.wait();
  };
  ServerOptions options;
  options.port = 0;
  auto server = Server::start(hooked, options);
  ASSERT_TRUE(server) << server.error().describe();
  const std::uint16_t port = (*server)->port();

  auto response = std::async(std::launch::async, [port] {
    httplib::Client cli("127.0.0.1", port);
    cli.set_read_timeout(10, 0);
    return cli.Get("/api/v1/projects");
  });
  entered.get_future().wait();  // the request is inside the handler now
  (*server)->stop();
  release.set_value();
  (*server)->wait();

  auto res = response.get();
  ASSERT_TRUE(res) << "the in-flight request was dropped: " << httplib::to_string(res.error());
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(res->get_header_value("Connection"), "close") << "no keep-alive while stopping";
}

TEST_F(ServerLifecycleTest, AThrowingHandlerGetsA500AndTheServerGoesOn) {
  HookedStore hooked(*store_);
  hooked.throw_in_get = true;
  ServerOptions options;
  options.port = 0;
  auto server = Server::start(hooked, options);
  ASSERT_TRUE(server) << server.error().describe();
  httplib::Client cli("127.0.0.1", (*server)->port());

  auto api = cli.Get("/api/v1/projects/1");
  ASSERT_TRUE(api);
  EXPECT_EQ(api->status, 500);
  json body = json::parse(api->body);
  EXPECT_EQ(body["error"]["code"], "internal");
  EXPECT_EQ(api->body.find("/secret/detail"), std::string::npos) << "exception text is for the log only";

  auto page = cli.Get("/projects/1");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 500);
  EXPECT_EQ(page->get_header_value("Content-Type"), "text/html; charset=utf-8");

  auto health = cli.Get("/healthz");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);
}

TEST_F(ServerLifecycleTest, UnavailableStoreIs503) {
  HookedStore hooked(*store_);
  hooked.counts_error = Error{ErrorCode::kInternal, "database is locked"};
  ServerOptions options;
  options.port = 0;
  auto server = Server::start(hooked, options);
  ASSERT_TRUE(server) << server.error().describe();
  httplib::Client cli("127.0.0.1", (*server)->port());
  auto res = cli.Get("/healthz");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 503);
  EXPECT_EQ(json::parse(res->body)["error"]["code"], "unavailable");
}

}  // namespace
}  // namespace tiltas::http
