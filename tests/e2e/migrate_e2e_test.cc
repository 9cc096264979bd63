// tiltas migrate, end to end: a registry with every kind of stored fact
// (extracted pages with spans and findings, a second revision of a page,
// translations, organisations, published and draft records, an editor's
// correction with its audit trail, API tokens active and revoked) goes from
// SQLite to the ctest PostgreSQL server and back. The JSON Lines export must
// be the same byte for byte on all three, the SQLite file that came back
// must hold the same rows in every table, and search must find the same
// records.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "support/postgres_test_db.h"
#include "support/process.h"
#include "support/temp_dir.h"

namespace tiltas {
namespace {

using testing::run_command;
using testing::shell_quote;

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

class Migrate : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string why;
    auto server = testing::postgres_test_url(why);
    if (!server) GTEST_SKIP() << why;
    auto url = testing::fresh_postgres_database(*server);
    ASSERT_TRUE(url) << url.error().message;
    pg_ = *url;
  }

  testing::CommandResult tiltas(const std::string& db, const std::string& args) {
    return run_command(std::string(TILTAS_BINARY) + " --db " + shell_quote(db) + " " + args);
  }
  testing::CommandResult migrate(const std::string& from, const std::string& to, const std::string& extra = "") {
    return run_command(std::string(TILTAS_BINARY) + " migrate --from " + shell_quote(from) + " --to " +
                       shell_quote(to) + extra);
  }
  void write(const std::string& name, const std::string& content) {
    std::filesystem::create_directories(std::filesystem::path(dir_.file(name)).parent_path());
    std::ofstream(dir_.file(name), std::ios::binary) << content;
  }
  std::string export_jsonl(const std::string& db, const std::string& name) {
    auto out = dir_.file(name);
    auto r = tiltas(db, "export --format jsonl --out " + shell_quote(out));
    EXPECT_EQ(r.exit_code, 0) << r.output;
    return read_file(out);
  }
  // Every row of every table but the search index and the schema version
  // table, as sorted quoted lines: the same for two files that hold the
  // same registry whatever order rows were written in.
  std::string table_rows(const std::string& db) {
    auto tables = run_command("sqlite3 " + shell_quote(db) +
                              " \"SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'search%' "
                              "AND name NOT LIKE 'sqlite%' AND name <> 'schema_migrations' ORDER BY name\"");
    EXPECT_EQ(tables.exit_code, 0) << tables.output;
    std::string out;
    std::istringstream names(tables.output);
    for (std::string table; std::getline(names, table);) {
      auto rows = run_command("sqlite3 -cmd '.mode quote' " + shell_quote(db) + " " +
                              shell_quote("SELECT * FROM \"" + table + "\""));
      EXPECT_EQ(rows.exit_code, 0) << rows.output;
      std::vector<std::string> lines;
      std::istringstream in(rows.output);
      for (std::string line; std::getline(in, line);) lines.push_back(line);
      std::sort(lines.begin(), lines.end());
      out += "== " + table + " (" + std::to_string(lines.size()) + " rows)\n";
      for (const auto& l : lines) out += l + "\n";
    }
    return out;
  }
  std::vector<int> search_ids(const std::string& db, const std::string& query) {
    auto r = tiltas(db, "search --json --limit 100 " + shell_quote(query));
    EXPECT_EQ(r.exit_code, 0) << r.output;
    std::vector<int> ids;
    auto j = nlohmann::json::parse(r.output, nullptr, false);
    if (!j.is_object()) return ids;
    for (const auto& h : j["hits"]) ids.push_back(h["id"].get<int>());
    std::sort(ids.begin(), ids.end());
    return ids;
  }

  // A registry with every kind of fact the store keeps.
  void populate(const std::string& db) {
    // Extracted pages: spans, findings, organisations, amounts, activities.
    ASSERT_EQ(run_command("python3 " + shell_quote(std::string(TILTAS_SOURCE_DIR) + "/bench/gen_pages.py") + " " +
                          shell_quote(dir_.file("pages")) + " 12 --seed 3")
                  .exit_code,
              0);
    // Records JSON: an English record and its Lithuanian translation (same
    // period and amount), and organisations met again by acronym.
    write("records/en.json", R"({"language":"en","records":[{"title":"Green schoolyards in Kaunas",
      "programme":"Active Citizens Fund","period":{"start":"2021-03-01","end":"2022-08-31"},
      "amounts":[{"value":48000.5,"currency":"EUR","kind":"granted"}],
      "organisations":[{"name":"National LGBT rights organization LGL","country":"LT","role":"promoter"},
                       {"name":"Oslo kommune","country":"NO","role":"partner"}],
      "activities":[{"code":"1.1","title":"Planting days"}],
      "indicators":[{"value":12.5,"unit":"schools involved","status":"achieved"}],
      "events":[{"title":"Opening","place":"Kaunas","country":"LT","start":"2021-04-02","end":null}],
      "places":[{"name":"Kaunas","country":"LT"}],"notes":"note with ' and \" quotes, ž ø"}]})");
    write("records/lt.json", R"({"language":"lt","records":[{"title":"Žalieji mokyklų kiemai Kaune",
      "programme":"Active Citizens Fund","period":{"start":"2021-03-01","end":"2022-08-31"},
      "amounts":[{"value":48000.5,"currency":"EUR","kind":"granted"}],
      "organisations":[{"name":"LGL","country":"LT","role":"promoter"}],
      "activities":[{"code":"1.1","title":"Sodinimo dienos"}]}]})");
    // A page that changes: its second revision updates the same records.
    write("changing/page.txt",
          "Youth radio across borders\n\nThe project is implemented by Šiaulių jaunimo centras together with "
          "Bergen kommune (Norway). The project implementation period is 1st March 2020 – 30th June 2021.\n"
          "Project budget: 45 000,00 EUR.\n");
    auto r = tiltas(db, "import --json " + shell_quote(dir_.file("pages")) + " " + shell_quote(dir_.file("records")) +
                            " " + shell_quote(dir_.file("changing")));
    ASSERT_EQ(r.exit_code, 0) << r.output;
    write("changing/page.txt",
          "Youth radio across borders\n\nThe project is implemented by Šiaulių jaunimo centras together with "
          "Bergen kommune (Norway). The project implementation period is 1st March 2020 – 31st December 2021.\n"
          "Project budget: 52 000,00 EUR.\n");
    r = tiltas(db, "import --json " + shell_quote(dir_.file("changing")));
    ASSERT_EQ(r.exit_code, 0) << r.output;
    ASSERT_EQ(nlohmann::json::parse(r.output)["documents"]["changed"], 1) << "a second revision: " << r.output;
    ASSERT_EQ(tiltas(db, "publish 1 2 3").exit_code, 0);
    // Tokens: one kept, one revoked; an edit through the API for the audit
    // trail and the editor's correction.
    auto token = tiltas(db, "token create editor");
    ASSERT_EQ(token.exit_code, 0) << token.output;
    std::string secret;  // the line that is not the notice on stderr
    std::istringstream lines(token.output);
    for (std::string line; std::getline(lines, line);) {
      if (!line.empty() && line.find("token '") == std::string::npos) secret = line;
    }
    ASSERT_FALSE(secret.empty()) << token.output;
    ASSERT_EQ(tiltas(db, "token create old-script").exit_code, 0);
    ASSERT_EQ(tiltas(db, "token revoke old-script").exit_code, 0);
    testing::ChildProcess server(std::string(TILTAS_BINARY) + " --db " + shell_quote(db) + " serve --port 0");
    std::smatch m;
    std::string banner = server.read_line();
    ASSERT_TRUE(std::regex_search(banner, m, std::regex("http://127\\.0\\.0\\.1:(\\d+)/"))) << banner;
    auto patched = run_command("curl -sS --max-time 20 -X PATCH -H 'Authorization: Bearer " + secret +
                               "' -H 'Content-Type: application/json' --data '{\"title\":\"Corrected title\"}' "
                               "'http://127.0.0.1:" + m[1].str() + "/api/v1/projects/2?note=typo'");
    ASSERT_EQ(patched.exit_code, 0) << patched.output;
    ASSERT_NE(patched.output.find("Corrected title"), std::string::npos) << patched.output;
    EXPECT_EQ(server.stop(), 0);
  }

  testing::TempDir dir_;
  std::string pg_;
};

TEST_F(Migrate, SqliteToPostgresAndBackLosesNothing) {
  const std::string a = dir_.file("a.db"), b = dir_.file("b.db");
  populate(a);
  const std::string before = export_jsonl(a, "a.jsonl");
  ASSERT_GT(before.size(), 1000u);
  ASSERT_NE(before.find("Corrected title"), std::string::npos);

  auto there = migrate(a, pg_, " --json");
  ASSERT_EQ(there.exit_code, 0) << there.output;
  auto summary = nlohmann::json::parse(there.output);
  EXPECT_GE(summary["rows"]["audit_log"], 2) << "the edit, and publishing (audited too): " << there.output;
  EXPECT_EQ(summary["rows"]["api_tokens"], 2) << there.output;
  EXPECT_GE(summary["rows"]["documents"], 15) << "both revisions of the changing page: " << there.output;
  EXPECT_EQ(there.output.find(pg_), std::string::npos) << "the password is never printed";

  EXPECT_EQ(export_jsonl(pg_, "pg.jsonl"), before) << "the export from PostgreSQL is the same byte for byte";
  EXPECT_EQ(search_ids(pg_, "schoolyards"), search_ids(a, "schoolyards"));
  EXPECT_EQ(search_ids(pg_, "Kaunas"), search_ids(a, "Kaunas"));
  EXPECT_FALSE(search_ids(a, "Kaunas").empty());
  EXPECT_EQ(tiltas(pg_, "token list").output, tiltas(a, "token list").output);

  auto back = migrate(pg_, b);
  ASSERT_EQ(back.exit_code, 0) << back.output;
  EXPECT_EQ(export_jsonl(b, "b.jsonl"), before);
  EXPECT_EQ(table_rows(b), table_rows(a)) << "every row of every table came back";

  // New records after the copy take ids after the copied ones.
  write("later/new.json", R"({"language":"en","records":[{"title":"Added after the move"}]})");
  auto added = tiltas(pg_, "import --json " + shell_quote(dir_.file("later")));
  ASSERT_EQ(added.exit_code, 0) << added.output;
  auto next = tiltas(pg_, "list --json");
  auto rows = nlohmann::json::parse(next.output);
  int highest_copied = 0, added_id = 0;
  for (const auto& r : nlohmann::json::parse(tiltas(a, "list --json").output)) {
    highest_copied = std::max(highest_copied, r["id"].get<int>());
  }
  for (const auto& r : rows) {
    if (r["title"] == "Added after the move") added_id = r["id"].get<int>();
  }
  EXPECT_GT(added_id, highest_copied);
}

TEST_F(Migrate, RefusesATargetThatIsNotEmptyUnlessToldToReplaceIt) {
  const std::string a = dir_.file("a.db");
  write("one/one.json", R"({"language":"en","records":[{"title":"First registry"}]})");
  ASSERT_EQ(tiltas(a, "import " + shell_quote(dir_.file("one"))).exit_code, 0);
  write("two/two.json", R"({"language":"en","records":[{"title":"Already on the server"}]})");
  ASSERT_EQ(tiltas(pg_, "import " + shell_quote(dir_.file("two"))).exit_code, 0);
  const std::string server_before = export_jsonl(pg_, "before.jsonl");

  auto refused = migrate(a, pg_);
  EXPECT_EQ(refused.exit_code, 78) << refused.output;
  EXPECT_NE(refused.output.find("not empty"), std::string::npos) << refused.output;
  EXPECT_NE(refused.output.find("--replace"), std::string::npos) << refused.output;
  EXPECT_EQ(export_jsonl(pg_, "after.jsonl"), server_before) << "nothing was written";

  auto replaced = migrate(a, pg_, " --replace");
  ASSERT_EQ(replaced.exit_code, 0) << replaced.output;
  EXPECT_EQ(export_jsonl(pg_, "replaced.jsonl"), export_jsonl(a, "a.jsonl"));

  auto same = migrate(a, a);
  EXPECT_EQ(same.exit_code, 65) << same.output;
}

}  // namespace
}  // namespace tiltas
