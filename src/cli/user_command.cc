// tiltas user add EMAIL --role R | list | remove EMAIL: editors' accounts.
// The password is read from stdin (one line) or, on a terminal, from a
// prompt without echo; never from the command line, where other users of the
// machine and the shell history would see it, and never printed or logged.
#include <termios.h>
#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <string>

#include <fmt/format.h>

#include "app/accounts.h"
#include "cli/command.h"

namespace tiltas::cli {
namespace {

struct UserArgs {
  std::string email;
  std::string role = "editor";
};

// Reads one line from stdin with the terminal's echo off while reading.
std::optional<std::string> read_secret_line(bool terminal) {
  termios saved{};
  const bool echo_off = terminal && tcgetattr(STDIN_FILENO, &saved) == 0;
  if (echo_off) {
    termios quiet = saved;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
  }
  std::string line;
  const bool got = static_cast<bool>(std::getline(std::cin, line));
  if (echo_off) {
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
    fmt::print(stderr, "\n");
  }
  if (!got) return std::nullopt;
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

Result<std::string> read_password() {
  const bool terminal = isatty(STDIN_FILENO) != 0;
  if (terminal) fmt::print(stderr, "Password (at least {} characters): ", app::kMinPasswordLength);
  auto first = read_secret_line(terminal);
  if (!first) return invalid_argument("no password on stdin (give it as one line, or run on a terminal)", "password");
  if (terminal) {
    fmt::print(stderr, "Repeat the password: ");
    auto second = read_secret_line(terminal);
    if (!second || !app::same_secret(*first, *second)) {
      return invalid_argument("the two passwords differ", "password");
    }
  }
  return *first;
}

int add(const UserArgs& args, const GlobalOptions& global) {
  auto store = open_db(global);
  if (!store) return fail(store.error());
  auto password = read_password();
  if (!password) return fail(password.error());
  auto user = app::add_user(**store, args.email, args.role, *password);
  if (!user) return fail(user.error());
  fmt::print("account '{}' ({}) created\n", user->email, user->role);
  return 0;
}

int list(const GlobalOptions& global) {
  auto store = open_db(global);
  if (!store) return fail(store.error());
  auto users = (*store)->list_users();
  if (!users) return fail(users.error());
  for (const auto& u : *users) fmt::print("{}\t{}\t{}\n", u.email, u.role, u.created_at);
  return 0;
}

int remove(const UserArgs& args, const GlobalOptions& global) {
  auto store = open_db(global);
  if (!store) return fail(store.error());
  if (auto removed = (*store)->remove_user(args.email); !removed) return fail(removed.error());
  fmt::print("account '{}' removed; its sessions have ended\n", args.email);
  return 0;
}

}  // namespace

Command user_command() {
  return {"user", "Add, list or remove editors' accounts (admin, editor, viewer)",
          [](CLI::App& app, GlobalOptions& global) {
            auto args = std::make_shared<UserArgs>();
            auto action = std::make_shared<std::function<int()>>();
            app.require_subcommand(1);
            CLI::App* a = app.add_subcommand("add", "Add an account; the password is read from stdin or a prompt");
            a->add_option("email", args->email, "The account's e-mail address")->required();
            a->add_option("--role", args->role, "admin, editor or viewer")
                ->check(CLI::IsMember({"admin", "editor", "viewer"}))
                ->capture_default_str();
            a->callback([=, &global] { *action = [=, &global] { return add(*args, global); }; });
            CLI::App* l = app.add_subcommand("list", "List accounts (address, role, creation time)");
            l->callback([=, &global] { *action = [&global] { return list(global); }; });
            CLI::App* r = app.add_subcommand("remove", "Remove an account and end its sessions");
            r->add_option("email", args->email, "The account's e-mail address")->required();
            r->callback([=, &global] { *action = [=, &global] { return remove(*args, global); }; });
            return std::function<int()>([action] { return *action ? (*action)() : 0; });
          }};
}

}  // namespace tiltas::cli
