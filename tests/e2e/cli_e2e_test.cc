// The tiltas command line, end to end: the real binary, a real SQLite file.
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "support/process.h"
#include "support/temp_dir.h"

namespace tiltas {
namespace {

using testing::run_command;
using testing::shell_quote;

class Cli : public ::testing::Test {
 protected:
  testing::CommandResult tiltas(const std::string& args) {
    return run_command(std::string(TILTAS_BINARY) + " --db " + shell_quote(db_) + " " + args);
  }
  void write(const std::string& name, const std::string& content) {
    std::ofstream(dir_.file(name), std::ios::binary) << content;
  }
  testing::TempDir dir_;
  std::string db_ = dir_.file("registry.db");
};

TEST_F(Cli, CorpusGoldRoundTripsWithPerfectScore) {
  if (!testing::shared_available()) GTEST_SKIP() << "../shared/corpus is absent: round trip not checked";
  std::string corpus = testing::shared_dir() + "/corpus";
  // Import every gold file: they are records JSON.
  std::string files;
  for (const auto& e : std::filesystem::directory_iterator(corpus)) {
    if (e.path().string().ends_with(".gold.json")) files += " " + shell_quote(e.path().string());
  }
  auto imported = tiltas("import --json" + files);
  ASSERT_EQ(imported.exit_code, 0) << imported.output;
  auto out = dir_.file("out");
  auto exported = tiltas("export --format json --out " + shell_quote(out));
  ASSERT_EQ(exported.exit_code, 0) << exported.output;
  auto score = run_command("python3 " + shell_quote(corpus + "/score.py") + " " + shell_quote(corpus) + " " +
                           shell_quote(out) + " --json");
  ASSERT_EQ(score.exit_code, 0) << score.output;
  auto figures = nlohmann::json::parse(score.output);
  EXPECT_DOUBLE_EQ(figures["overall"]["f1"].get<double>(), 1.0) << score.output;
  EXPECT_EQ(figures["overall"]["fp"].get<int>(), 0);
  EXPECT_EQ(figures["overall"]["fn"].get<int>(), 0);
  // A second import of the same files changes nothing.
  auto again = tiltas("import --json" + files);
  ASSERT_EQ(again.exit_code, 0) << again.output;
  auto summary = nlohmann::json::parse(again.output);
  EXPECT_EQ(summary["documents"]["new"], 0);
  EXPECT_EQ(summary["records"]["created"], 0);
  EXPECT_EQ(summary["documents"]["unchanged"], 20);
}

TEST_F(Cli, BadFileIsNamedAndStoresNothingWhileGoodFilesGoOn) {
  write("good.json", R"({"language":"en","records":[{"title":"Good one"}]})");
  write("bad.json", "{\"language\": \"en\",\n\"records\": [\n  {\"title\": \"x\",}\n]}");
  write("bad-date.json", R"({"language":"en","records":[{"title":"Ok"},{"title":"Late","period":{"start":"2021-02-30"}}]})");
  auto r = tiltas("import " + shell_quote(dir_.file("good.json")) + " " + shell_quote(dir_.file("bad.json")) + " " +
                  shell_quote(dir_.file("bad-date.json")));
  EXPECT_EQ(r.exit_code, 65) << r.output;
  EXPECT_NE(r.output.find("bad.json:3:"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("record 1 (\"Late\")"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("records[1].period.start"), std::string::npos) << r.output;
  auto list = tiltas("list --json");
  ASSERT_EQ(list.exit_code, 0) << list.output;
  auto rows = nlohmann::json::parse(list.output);
  ASSERT_EQ(rows.size(), 1u) << "only the good file's record is stored";
  EXPECT_EQ(rows[0]["title"], "Good one");
  EXPECT_EQ(rows[0]["review_state"], "draft");
}

TEST_F(Cli, BadSourcesAreNamedWithTheirReasonAndTheRestIsImported) {
  std::filesystem::create_directories(dir_.file("in/sub"));
  write("in/good.txt", "The project \"Green yards\" is implemented by VšĮ Kiemai (Lithuania).\n");
  write("in/sub/good.html", "<html><body><nav>Menu</nav><main><h1>Safe streets</h1><p>Partner: Oslo kommune (Norway)</p></main></body></html>");
  write("in/empty.txt", "");
  write("in/binary.txt", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16));
  write("in/latin1.txt", "Projekto vykdytojas: Kauno \xe8ia\n");
  write("in/broken.pdf", "%PDF-1.4\nnot really a pdf at all");
  write("in/.hidden.txt", "never read");
  {
    std::ofstream big(dir_.file("in/huge.txt"), std::ios::binary);
    std::string line(1024 * 1024, 'a');
    for (int i = 0; i < 50; ++i) big << line;
  }
  auto r = tiltas("import --json " + shell_quote(dir_.file("in")));
  EXPECT_EQ(r.exit_code, 65) << "some sources failed: " << r.output;
  auto json_start = r.output.find("{\n");
  ASSERT_NE(json_start, std::string::npos) << r.output;
  auto summary = nlohmann::json::parse(r.output.substr(json_start));
  EXPECT_EQ(summary["documents"]["new"], 2) << r.output;
  EXPECT_EQ(summary["documents"]["failed"], 5) << r.output;
  std::map<std::string, std::string> reasons;
  for (const auto& f : summary["failures"]) {
    reasons[std::filesystem::path(f["source"].get<std::string>()).filename().string()] = f["message"];
  }
  struct Expect {
    const char* file;
    const char* reason_part;
  } expected[] = {
      {"empty.txt", "empty"},
      {"binary.txt", "binary"},
      {"latin1.txt", "invalid UTF-8 at line 1"},
      {"broken.pdf", "PDF"},
      {"huge.txt", "over the limit"},
  };
  for (const auto& e : expected) {
    ASSERT_TRUE(reasons.count(e.file)) << e.file << " is named\n" << r.output;
    EXPECT_NE(reasons[e.file].find(e.reason_part), std::string::npos) << e.file << ": " << reasons[e.file];
  }
  EXPECT_FALSE(reasons.count(".hidden.txt")) << "hidden files are skipped";
}

TEST_F(Cli, StandardInputIsASource) {
  auto r = run_command("printf 'Project period: 1 July 2022 to 31 December 2023\\n' | " + std::string(TILTAS_BINARY) +
                       " --db " + shell_quote(db_) + " import --json -");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  auto summary = nlohmann::json::parse(r.output);
  EXPECT_EQ(summary["documents"]["new"], 1);
}

TEST_F(Cli, PublishShowAndListWorkTogether) {
  write("two.json", R"({"language":"lt","records":[{"title":"Pirmas","programme":"Active Citizens Fund"},
      {"title":"Antras","amounts":[{"value":12510,"currency":"EUR","kind":"granted"}]}]})");
  ASSERT_EQ(tiltas("init").exit_code, 0);
  ASSERT_EQ(tiltas("import " + shell_quote(dir_.file("two.json"))).exit_code, 0);
  auto rows = nlohmann::json::parse(tiltas("list --json").output);
  ASSERT_EQ(rows.size(), 2u);
  int second = rows[1]["id"];
  auto pub = tiltas("publish " + std::to_string(second));
  ASSERT_EQ(pub.exit_code, 0) << pub.output;
  auto published = nlohmann::json::parse(tiltas("list --json --state published").output);
  ASSERT_EQ(published.size(), 1u);
  EXPECT_EQ(published[0]["title"], "Antras");
  auto show = tiltas("show --json " + std::to_string(second));
  ASSERT_EQ(show.exit_code, 0) << show.output;
  auto record = nlohmann::json::parse(show.output);
  EXPECT_EQ(record["amounts"][0]["value"], 12510.0);
  EXPECT_EQ(record["review_state"], "published");
  EXPECT_EQ(tiltas("show 999").exit_code, 66) << "a missing id is 'no input'";
  EXPECT_NE(tiltas("publish").exit_code, 0) << "publish needs ids or --all";
  EXPECT_EQ(tiltas("publish --all").exit_code, 0);
  EXPECT_EQ(nlohmann::json::parse(tiltas("list --json --state draft").output).size(), 0u);
}

TEST_F(Cli, EveryCommandHasHelp) {
  for (const char* cmd : {"init", "import", "list", "show", "publish", "export", "serve", "extract", "search", "reindex",
                          "token"}) {
    auto r = tiltas(std::string(cmd) + " --help");
    EXPECT_EQ(r.exit_code, 0) << cmd << ": " << r.output;
    EXPECT_NE(r.output.find("Usage"), std::string::npos) << cmd;
  }
}

TEST_F(Cli, ServeListsPublishedProjectsOverHttp) {
  write("one.json", R"({"language":"en","records":[{"title":"Served <project>"},{"title":"Draft only"}]})");
  ASSERT_EQ(tiltas("import " + shell_quote(dir_.file("one.json"))).exit_code, 0);
  ASSERT_EQ(tiltas("publish 1").exit_code, 0);
  testing::ChildProcess server(std::string(TILTAS_BINARY) + " --db " + shell_quote(db_) + " serve --port 0");
  std::string banner = server.read_line();
  std::smatch m;
  ASSERT_TRUE(std::regex_search(banner, m, std::regex("http://127\\.0\\.0\\.1:(\\d+)/"))) << banner;
  std::string base = "http://127.0.0.1:" + m[1].str();
  auto list = run_command("curl -sS --max-time 10 " + base + "/api/v1/projects");
  ASSERT_EQ(list.exit_code, 0) << list.output;
  auto body = nlohmann::json::parse(list.output);
  ASSERT_EQ(body["items"].size(), 1u) << list.output;
  EXPECT_EQ(body["items"][0]["title"], "Served <project>");
  auto page = run_command("curl -sS --max-time 10 " + base + "/projects/1");
  EXPECT_NE(page.output.find("Served &lt;project&gt;"), std::string::npos) << page.output;
  EXPECT_EQ(page.output.find("Served <project>"), std::string::npos) << "titles are escaped";
  auto draft = run_command("curl -s -o /dev/null -w '%{http_code}' --max-time 10 " + base + "/api/v1/projects/2");
  EXPECT_EQ(draft.output, "404") << "drafts are not public";
  auto health = run_command("curl -s -o /dev/null -w '%{http_code}' --max-time 10 " + base + "/healthz");
  EXPECT_EQ(health.output, "200");
  EXPECT_EQ(server.stop(), 0) << "SIGTERM stops the server cleanly";
}

}  // namespace
}  // namespace tiltas
