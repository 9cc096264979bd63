// tiltas migrate --from URL --to URL: moves a registry between databases
// (SQLite file <-> PostgreSQL, or one server to another) without loss; see
// app/migrate_registry.h. The global --db is not used: both ends are named.
#include <memory>
#include <string>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "app/migrate_registry.h"
#include "cli/command.h"

namespace tiltas::cli {
namespace {

struct MigrateArgs {
  std::string from;
  std::string to;
  bool replace = false;
  bool json = false;
};

// A URL for messages: a PostgreSQL password is never printed (the store's
// describe() redacts it).
std::string named(const store::Store& s) { return s.describe(); }

int run(const MigrateArgs& args) {
  if (args.from == args.to) {
    return fail(Error{ErrorCode::kInvalidArgument, "--from and --to name the same database", "to"});
  }
  auto from = store::open_store(args.from);
  if (!from) return fail(Error{from.error().code, "--from: " + from.error().message, "from"});
  auto to = store::open_store(args.to);
  if (!to) return fail(Error{to.error().code, "--to: " + to.error().message, "to"});
  if (named(**from) == named(**to)) {
    return fail(Error{ErrorCode::kInvalidArgument, "--from and --to name the same database", "to"});
  }
  app::MigrateOptions options;
  options.replace = args.replace;
  if (!args.json) {
    options.on_table = [](const std::string& table, std::int64_t rows) {
      fmt::print(stderr, "  {:<26} {:>10} rows\n", table, rows);
    };
    fmt::print(stderr, "copying {} -> {}\n", named(**from), named(**to));
  }
  auto summary = app::migrate_registry(**from, **to, options);
  if (!summary) return fail(summary.error());
  const auto& c = summary->target;
  if (args.json) {
    nlohmann::ordered_json j;
    j["from"] = named(**from);
    j["to"] = named(**to);
    j["rows"] = summary->rows;
    j["indexed"] = summary->indexed;
    j["counts"] = {{"documents", c.documents},         {"projects", c.projects},
                   {"records", c.records},             {"published", c.published},
                   {"organisations", c.organisations}};
    j["seconds"] = summary->seconds;
    fmt::print("{}\n", j.dump(2));
    return 0;
  }
  fmt::print("copied {} rows: {} documents, {} projects ({} records, {} published), {} organisations; search index "
             "rebuilt ({} records) in {:.1f} s\n",
             summary->rows_total, c.documents, c.projects, c.records, c.published, c.organisations, summary->indexed,
             summary->seconds);
  return 0;
}

}  // namespace

Command migrate_command() {
  return {"migrate", "Copy a whole registry to another database (SQLite <-> PostgreSQL) without loss",
          [](CLI::App& app, GlobalOptions&) {
            auto args = std::make_shared<MigrateArgs>();
            app.add_option("--from", args->from, "Source database: a SQLite path or a postgresql:// URL")->required();
            app.add_option("--to", args->to,
                           "Target database: a SQLite path (created if missing) or a postgresql:// URL (the "
                           "database must exist)")
                ->required();
            app.add_flag("--replace", args->replace,
                         "Replace what the target holds (default: refuse a target that is not empty)");
            app.add_flag("--json", args->json, "Print the summary as JSON");
            app.footer(
                "Every stored row is copied as it is (ids, times, revisions, review states, organisations, "
                "translations, audit trail, corrections, API token hashes) in one transaction of the target, and "
                "the target's search index is rebuilt. The counts of both are compared afterwards.");
            return std::function<int()>([args] { return run(*args); });
          }};
}

}  // namespace tiltas::cli
