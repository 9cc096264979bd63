// Several `tiltas serve` processes on one PostgreSQL database (the
// deployment of docs/deploy.md): what one server writes, the other serves
// on its next request. Records, search and suggestions are read from the
// database on every request; the statistics (GET /api/v1/stats and the home
// page's figures) are cached per process and are eventually consistent: a
// server's own writes clear its cache, another server's show within
// StatsCache::kTtl (src/http/api/stats.h).
#include <cstdlib>
#include <memory>
#include <regex>
#include <sstream>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "support/postgres_test_db.h"
#include "support/process.h"
#include "support/temp_dir.h"

namespace tiltas {
namespace {

using testing::run_command;
using testing::shell_quote;

struct Http {
  int status = 0;
  std::string body;
};

class TwoServers : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string why;
    auto server = testing::postgres_test_url(why);
    if (!server) GTEST_SKIP() << why;
    auto url = testing::fresh_postgres_database(*server);
    ASSERT_TRUE(url) << url.error().message;
    db_ = *url;
    auto token = run_command(std::string(TILTAS_BINARY) + " --db " + shell_quote(db_) + " token create writer");
    ASSERT_EQ(token.exit_code, 0) << token.output;
    std::istringstream lines(token.output);
    for (std::string line; std::getline(lines, line);) {
      if (!line.empty() && line.find("token '") == std::string::npos) token_ = line;
    }
    ASSERT_FALSE(token_.empty()) << token.output;
    a_ = start(server_a_);
    b_ = start(server_b_);
    ASSERT_FALSE(a_.empty());
    ASSERT_FALSE(b_.empty());
    ASSERT_NE(a_, b_);
  }

  std::string start(std::unique_ptr<testing::ChildProcess>& process) {
    process = std::make_unique<testing::ChildProcess>(std::string(TILTAS_BINARY) + " --db " + shell_quote(db_) +
                                                       " serve --port 0 --threads 2");
    std::string banner = process->read_line();
    std::smatch m;
    if (!std::regex_search(banner, m, std::regex("(http://127\\.0\\.0\\.1:\\d+)/"))) {
      ADD_FAILURE() << "no URL in the server's first line: " << banner;
      return "";
    }
    return m[1].str();
  }

  // curl, with the status code on the last line.
  Http call(const std::string& method, const std::string& url, const std::string& body = "",
            const std::string& content_type = "application/json") {
    std::string cmd = "curl -sS --max-time 20 -w '\\n%{http_code}' -X " + method + " " + shell_quote(url);
    if (method != "GET") {
      cmd += " -H " + shell_quote("Authorization: Bearer " + token_) + " -H " +
             shell_quote("Content-Type: " + content_type) + " --data-binary " + shell_quote(body);
    }
    auto r = run_command(cmd);
    Http out;
    std::size_t nl = r.output.rfind('\n');
    if (r.exit_code != 0 || nl == std::string::npos) {
      ADD_FAILURE() << cmd << ": " << r.output;
      return out;
    }
    out.status = std::atoi(r.output.c_str() + nl + 1);
    out.body = r.output.substr(0, nl);
    return out;
  }

  nlohmann::json json(const Http& h) { return nlohmann::json::parse(h.body, nullptr, false); }

  std::string db_, token_, a_, b_;
  std::unique_ptr<testing::ChildProcess> server_a_, server_b_;
};

TEST_F(TwoServers, WhatOneWritesTheOtherServes) {
  // B has computed (and cached) its statistics before anything was written.
  auto stats_before = json(call("GET", b_ + "/api/v1/stats"));
  ASSERT_TRUE(stats_before.is_object());
  EXPECT_EQ(stats_before["projects"], 0);

  // A page posted through A is stored as a draft.
  auto posted = call("POST", a_ + "/api/v1/documents?source=two-servers-page",
                     "Harbour cleanup with Tromsø\n\nThe project is implemented by Klaipėdos universitetas together "
                     "with Tromsø kommune (Norway). The project implementation period is 1st March 2021 – 30th "
                     "June 2022.\nProject budget: 61 000,00 EUR.\n",
                     "text/plain");
  ASSERT_EQ(posted.status, 201) << posted.body;
  auto created = json(posted);
  ASSERT_FALSE(created["records"].empty()) << posted.body;
  const std::string id = std::to_string(created["records"][0]["id"].get<long>());

  // B sees the draft as the public does (not at all), then published.
  EXPECT_EQ(call("GET", b_ + "/api/v1/projects/" + id).status, 404) << "a draft is not public on either server";
  auto published = call("POST", a_ + "/api/v1/projects/" + id + "/publish");
  ASSERT_EQ(published.status, 200) << published.body;
  auto on_b = call("GET", b_ + "/api/v1/projects/" + id);
  ASSERT_EQ(on_b.status, 200) << on_b.body;

  // An edit through A: B serves the new title, finds it by search and lists it.
  auto patched = call("PATCH", a_ + "/api/v1/projects/" + id, R"({"title":"Harbour cleanup renamed on server A"})");
  ASSERT_EQ(patched.status, 200) << patched.body;
  auto read = json(call("GET", b_ + "/api/v1/projects/" + id));
  EXPECT_NE(read.dump().find("Harbour cleanup renamed on server A"), std::string::npos) << read.dump();
  auto found = json(call("GET", b_ + "/api/v1/search?q=renamed"));
  ASSERT_TRUE(found.is_object());
  ASSERT_EQ(found["hits"].size(), 1u) << found.dump();
  EXPECT_EQ(std::to_string(found["hits"][0]["id"].get<long>()), id);
  auto list = json(call("GET", b_ + "/api/v1/projects"));
  ASSERT_EQ(list["items"].size(), 1u) << list.dump();

  // Statistics: A's writes cleared A's cache, so A counts the project at
  // once; a server that had not cached them (a third one, or B after its
  // cache expires) computes them from the database and agrees.
  EXPECT_EQ(json(call("GET", a_ + "/api/v1/stats"))["projects"], 1);
  std::unique_ptr<testing::ChildProcess> server_c;
  std::string c = start(server_c);
  ASSERT_FALSE(c.empty());
  EXPECT_EQ(json(call("GET", c + "/api/v1/stats"))["projects"], 1);

  // A delete through A: gone on B at once.
  EXPECT_EQ(call("DELETE", a_ + "/api/v1/projects/" + id).status, 204);
  EXPECT_EQ(call("GET", b_ + "/api/v1/projects/" + id).status, 404);
  EXPECT_TRUE(json(call("GET", b_ + "/api/v1/search?q=renamed"))["hits"].empty());

  EXPECT_EQ(server_c->stop(), 0);
  EXPECT_EQ(server_a_->stop(), 0);
  EXPECT_EQ(server_b_->stop(), 0);
}

// Two servers writing at once: imports through both interleave and every
// document is stored once, whole (the writers take turns on the database's
// advisory lock).
TEST_F(TwoServers, ConcurrentWritesThroughBothAreAllStored) {
  std::string script;
  for (int i = 0; i < 10; ++i) {
    for (const std::string* base : {&a_, &b_}) {
      std::string text = "Project " + std::to_string(i) + (base == &a_ ? " alpha" : " beta") +
                         "\n\nThe project is implemented by Alytaus kolegija together with Bergen kommune (Norway).\n";
      script += "curl -sS -o /dev/null -w '%{http_code}\\n' --max-time 30 -X POST -H " +
                shell_quote("Authorization: Bearer " + token_) + " -H 'Content-Type: text/plain' --data-binary " +
                shell_quote(text) + " " + shell_quote(*base + "/api/v1/documents?source=page-" + std::to_string(i) +
                                                      (base == &a_ ? "-a" : "-b")) +
                " &\n";
    }
  }
  script += "wait\n";
  auto r = run_command("sh -c " + shell_quote(script));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  std::istringstream codes(r.output);
  int created = 0;
  for (std::string line; std::getline(codes, line);) created += line == "201";
  EXPECT_EQ(created, 20) << r.output;
  auto counted = run_command(std::string(TILTAS_BINARY) + " --db " + shell_quote(db_) + " list --json");
  auto rows = nlohmann::json::parse(counted.output, nullptr, false);
  ASSERT_TRUE(rows.is_array()) << counted.output;
  EXPECT_EQ(rows.size(), 20u);
  // One organisation per name, although both servers met it at once.
  ASSERT_EQ(run_command(std::string(TILTAS_BINARY) + " --db " + shell_quote(db_) + " publish --all").exit_code, 0);
  auto orgs = json(call("GET", b_ + "/api/v1/organisations?limit=100"));
  int alytus = 0;
  for (const auto& o : orgs["items"]) alytus += o.dump().find("Alytaus kolegija") != std::string::npos;
  EXPECT_EQ(alytus, 1) << orgs.dump();
}

}  // namespace
}  // namespace tiltas
