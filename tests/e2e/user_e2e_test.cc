// tiltas user add | list | remove, end to end (issue 9): the real binary and
// a real SQLite file. The password comes from stdin, never from argv, and is
// neither printed nor stored.
#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "support/process.h"
#include "support/temp_dir.h"

namespace tiltas {
namespace {

using testing::run_command;
using testing::shell_quote;

class UserCli : public ::testing::Test {
 protected:
  testing::CommandResult tiltas(const std::string& args, const std::string& stdin_text = "") {
    return run_command("printf '%s' " + shell_quote(stdin_text) + " | " + std::string(TILTAS_BINARY) + " --db " +
                       shell_quote(db_) + " " + args);
  }
  std::string database_bytes() const {
    std::stringstream s;
    for (const char* suffix : {"", "-wal"}) {
      std::ifstream in(db_ + suffix, std::ios::binary);
      s << in.rdbuf();
    }
    return s.str();
  }
  testing::TempDir dir_;
  std::string db_ = dir_.file("registry.db");
};

TEST_F(UserCli, AddListRemoveWithThePasswordFromStdin) {
  const std::string secret = "a long secret of Ona";
  auto added = tiltas("user add Ona@Example.LT --role editor", secret + "\n");
  ASSERT_EQ(added.exit_code, 0) << added.output;
  EXPECT_NE(added.output.find("ona@example.lt"), std::string::npos);
  EXPECT_EQ(added.output.find(secret), std::string::npos) << "the password is never printed";
  EXPECT_EQ(database_bytes().find(secret), std::string::npos) << "nor stored";
  EXPECT_NE(database_bytes().find("$argon2id$"), std::string::npos) << "its argon2id hash is";

  auto list = tiltas("user list");
  ASSERT_EQ(list.exit_code, 0) << list.output;
  EXPECT_NE(list.output.find("ona@example.lt\teditor\t"), std::string::npos) << list.output;

  struct Case {
    std::string args, stdin_text;
    int exit_code;
    std::string message;
    std::string why;
  };
  const Case cases[] = {
      {"user add ona@example.lt --role viewer", "another long secret\n", 73, "exists", "the same account again"},
      {"user add jonas@example.lt --role editor", "short\n", 65, "at least 10 characters", "a short password"},
      {"user add jonas@example.lt --role editor", "", 65, "no password", "nothing on stdin"},
      {"user add not-an-address --role editor", "a long enough secret\n", 65, "not an e-mail address", "no @"},
      {"user add jonas@example.lt --role owner", "a long enough secret\n", 105, "owner", "an unknown role"},
      {"user add jonas@example.lt --password x", "a long enough secret\n", 109, "password", "no password in argv"},
      {"user remove nobody@example.lt", "", 66, "no account", "removing an absent account"},
  };
  for (const auto& c : cases) {
    auto r = tiltas(c.args, c.stdin_text);
    EXPECT_NE(r.exit_code, 0) << c.why;
    if (c.exit_code < 100) {
      EXPECT_EQ(r.exit_code, c.exit_code) << c.why << ": " << r.output;
    }
    EXPECT_NE(r.output.find(c.message), std::string::npos) << c.why << ": " << r.output;
  }
  EXPECT_EQ(tiltas("user list").output.find("jonas"), std::string::npos) << "no refused account was stored";

  auto removed = tiltas("user remove ONA@example.lt");
  ASSERT_EQ(removed.exit_code, 0) << removed.output;
  EXPECT_EQ(tiltas("user list").output, "");
}

TEST_F(UserCli, HasHelp) {
  for (const char* cmd : {"user --help", "user add --help", "user list --help", "user remove --help"}) {
    auto r = tiltas(cmd);
    EXPECT_EQ(r.exit_code, 0) << cmd << ": " << r.output;
    EXPECT_NE(r.output.find("Usage"), std::string::npos) << cmd;
  }
}

}  // namespace
}  // namespace tiltas
