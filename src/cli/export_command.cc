#include <fmt/format.h>

#include "app/export_records.h"
#include "cli/command.h"

namespace tiltas::cli {
namespace {

struct ExportArgs {
  std::string format = "json";
  std::string out;
  bool published = false;
};

int run(const ExportArgs& args, const GlobalOptions& global) {
  auto store = open_db(global);
  if (!store) return fail(store.error());
  auto summary = app::export_records_json(**store, args.out, args.published);
  if (!summary) return fail(summary.error());
  fmt::print("wrote {} record(s) in {} file(s) to {}\n", summary->records, summary->files, args.out);
  return 0;
}

}  // namespace

Command export_command() {
  return {"export", "Export records (records JSON, one file per source)", [](CLI::App& app, GlobalOptions& global) {
            auto args = std::make_shared<ExportArgs>();
            app.add_option("--format", args->format, "Output format")->check(CLI::IsMember({"json"}))->capture_default_str();
            app.add_option("--out", args->out, "Output directory")->required();
            app.add_flag("--published", args->published, "Only published records");
            return std::function<int()>([args, &global] { return run(*args, global); });
          }};
}

}  // namespace tiltas::cli
