// tiltas token create NAME | list | revoke NAME: tokens for the HTTP API's
// write endpoints. The token is printed once, at creation; the database keeps
// only its SHA-256.
#include <cstdio>

#include <fmt/format.h>

#include "cli/command.h"
#include "http/api_token.h"

namespace tiltas::cli {
namespace {

struct TokenArgs {
  std::string name;
};

int create(const TokenArgs& args, const GlobalOptions& global) {
  auto store = open_db(global);
  if (!store) return fail(store.error());
  auto token = http::create_api_token(**store, args.name);
  if (!token) return fail(token.error());
  // The token alone on stdout, so that scripts can capture it; the advice on
  // stderr.
  fmt::print("{}\n", *token);
  fmt::print(stderr, "token '{}' created; it is shown only now. Send it as 'Authorization: Bearer <token>'.\n",
             args.name);
  return 0;
}

int list(const GlobalOptions& global) {
  auto store = open_db(global);
  if (!store) return fail(store.error());
  auto tokens = (*store)->list_api_tokens();
  if (!tokens) return fail(tokens.error());
  for (const auto& t : *tokens) {
    fmt::print("{}\t{}\t{}\n", t.name, t.created_at, t.revoked ? "revoked" : "active");
  }
  return 0;
}

int revoke(const TokenArgs& args, const GlobalOptions& global) {
  auto store = open_db(global);
  if (!store) return fail(store.error());
  if (auto revoked = (*store)->revoke_api_token(args.name); !revoked) return fail(revoked.error());
  fmt::print("token '{}' revoked\n", args.name);
  return 0;
}

}  // namespace

Command token_command() {
  return {"token", "Create, list or revoke API tokens for the write endpoints",
          [](CLI::App& app, GlobalOptions& global) {
            auto args = std::make_shared<TokenArgs>();
            auto action = std::make_shared<std::function<int()>>();
            app.require_subcommand(1);
            CLI::App* c = app.add_subcommand("create", "Create a token and print it (once)");
            c->add_option("name", args->name, "Who or what the token is for")->required();
            c->callback([=, &global] { *action = [=, &global] { return create(*args, global); }; });
            CLI::App* l = app.add_subcommand("list", "List tokens (names and dates, never the tokens)");
            l->callback([=, &global] { *action = [&global] { return list(global); }; });
            CLI::App* r = app.add_subcommand("revoke", "Revoke the active token of that name");
            r->add_option("name", args->name, "The token's name")->required();
            r->callback([=, &global] { *action = [=, &global] { return revoke(*args, global); }; });
            return std::function<int()>([action] { return *action ? (*action)() : 0; });
          }};
}

}  // namespace tiltas::cli
