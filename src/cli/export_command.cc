// tiltas export: records JSON (one file per source, for editing and the
// corpus scorer) or open data (IATI, 360Giving, CSV, XLSX, JSONL) streamed
// from the store page by page. --query is not offered yet: there is no
// search module to run it.
#include <chrono>
#include <cstdio>
#include <filesystem>

#include <fmt/format.h>
#include <unistd.h>

#include "app/export_open_data.h"
#include "app/export_records.h"
#include "cli/command.h"

namespace tiltas::cli {
namespace {

struct ExportArgs {
  std::string format = "json";
  std::string out;
  bool published = false;
  bool bom = false;
  std::string publisher_ref;
};

// A one-line bar on stderr, redrawn at most every 1% so that a million
// projects do not mean a million terminal writes. Only on a terminal.
class ProgressBar {
 public:
  ProgressBar() : enabled_(::isatty(STDERR_FILENO) == 1) {}
  void update(std::size_t done, std::size_t total) {
    if (!enabled_ || total == 0) return;
    int percent = static_cast<int>(done * 100 / total);
    if (percent == last_) return;
    last_ = percent;
    int filled = percent / 4;
    fmt::print(stderr, "\r[{:<25}] {:3}% {}/{}", std::string(static_cast<std::size_t>(filled), '#'), percent, done,
               total);
    std::fflush(stderr);
  }
  void done() {
    if (enabled_ && last_ >= 0) fmt::print(stderr, "\n");
  }

 private:
  bool enabled_;
  int last_ = -1;
};

int run_records_json(const ExportArgs& args, store::Store& store) {
  auto summary = app::export_records_json(store, args.out, args.published);
  if (!summary) return fail(summary.error());
  fmt::print("wrote {} record(s) in {} file(s) to {}\n", summary->records, summary->files, args.out);
  return 0;
}

int run(const ExportArgs& args, const GlobalOptions& global) {
  auto store = open_db(global);
  if (!store) return fail(store.error());
  if (args.format == "json") return run_records_json(args, **store);

  app::OpenDataOptions options;
  options.format = *exporter::parse_format(args.format);  // CLI11 checked the name
  options.published_only = args.published;
  options.writer.bom = args.bom;
  if (!args.publisher_ref.empty()) options.writer.publisher_ref = args.publisher_ref;
  ProgressBar bar;
  options.progress = [&bar](std::size_t done, std::size_t total) { bar.update(done, total); };
  auto started = std::chrono::steady_clock::now();
  auto summary = app::export_open_data_file(**store, args.out, options);
  bar.done();
  if (!summary) return fail(summary.error());
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::uintmax_t bytes = 0;
  for (const auto& f : summary->files) {
    std::error_code ec;
    auto size = std::filesystem::file_size(f, ec);
    if (!ec) bytes += size;
  }
  double mb = static_cast<double>(bytes) / 1e6;
  for (const auto& note : summary->notes) fmt::print(stderr, "note: {}\n", note);
  fmt::print("wrote {} project(s) as {} to {} ({:.1f} MB in {:.1f} s, {:.1f} MB/s)\n", summary->projects, args.format,
             args.out, mb, seconds, seconds > 0 ? mb / seconds : 0.0);
  return 0;
}

}  // namespace

Command export_command() {
  return {"export", "Export records: records JSON per source, or open data (IATI, 360Giving, CSV, XLSX, JSONL)",
          [](CLI::App& app, GlobalOptions& global) {
            auto args = std::make_shared<ExportArgs>();
            app.add_option("--format", args->format, "Output format")
                ->check(CLI::IsMember({"json", "iati", "360giving", "csv", "xlsx", "jsonl"}))
                ->capture_default_str();
            app.add_option("--out", args->out,
                           "Output: a directory for json; a file for the others (csv also writes "
                           "NAME-participations.csv, NAME-indicators.csv and NAME-organisations.csv)")
                ->required();
            app.add_flag("--published", args->published, "Only published records");
            app.add_flag("--bom", args->bom, "CSV: start files with a UTF-8 byte order mark (for spreadsheet programs)");
            app.add_option("--publisher-ref", args->publisher_ref,
                           "IATI: the reporting organisation's identifier (default XM-TILTAS)");
            return std::function<int()>([args, &global] { return run(*args, global); });
          }};
}

}  // namespace tiltas::cli
