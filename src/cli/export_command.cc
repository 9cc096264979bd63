// tiltas export: records JSON (one file per source, for editing and the
// corpus scorer) or open data (IATI, 360Giving, CSV, XLSX, JSONL) streamed
// from the store page by page, optionally only what a search query matches.
#include <algorithm>
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
  std::string query;
  std::string progress = "auto";  // auto | bar | none
};

std::string clock_time(double seconds) {
  if (seconds < 0 || seconds > 360000) return "--:--";
  int t = static_cast<int>(seconds + 0.5);
  return t >= 3600 ? fmt::format("{}:{:02}:{:02}", t / 3600, t / 60 % 60, t % 60)
                   : fmt::format("{:02}:{:02}", t / 60, t % 60);
}

// A one-line bar on stderr, as the import draws it: projects, MB written,
// rates and time left (a count without a bar when a query's total is not
// known). Redrawn at most ten times a second, so that a million projects do
// not mean a million terminal writes.
class ProgressBar {
 public:
  explicit ProgressBar(bool enabled) : enabled_(enabled) {}
  void update(const app::ExportProgress& p) {
    if (!enabled_ || (p.seconds - last_ < 0.1 && p.done != p.total)) return;
    last_ = p.seconds;
    drawn_ = true;
    const double mb = static_cast<double>(p.bytes) / 1e6;
    const double rate = p.seconds > 0 ? static_cast<double>(p.done) / p.seconds : 0;
    const double mb_rate = p.seconds > 0 ? mb / p.seconds : 0;
    if (p.total > 0) {
      constexpr int kWidth = 28;
      const double fraction = std::min(1.0, static_cast<double>(p.done) / static_cast<double>(p.total));
      const auto filled = static_cast<std::size_t>(fraction * kWidth);
      const double left = rate > 0 ? static_cast<double>(p.total - std::min(p.done, p.total)) / rate : -1;
      fmt::print(stderr, "\r[{}{}] {}/{} projects  {:.1f} MB  {:.0f} projects/s  {:.1f} MB/s  {} left ",
                 std::string(filled, '#'), std::string(kWidth - filled, '.'), p.done, p.total, mb, rate, mb_rate,
                 clock_time(left));
    } else {
      fmt::print(stderr, "\r{} projects  {:.1f} MB  {:.0f} projects/s  {:.1f} MB/s  {} ", p.done, mb, rate, mb_rate,
                 clock_time(p.seconds));
    }
    std::fflush(stderr);
  }
  void done() {
    if (drawn_) fmt::print(stderr, "\n");
  }

 private:
  bool enabled_;
  bool drawn_ = false;
  double last_ = -1;
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
  if (args.format == "json") {
    if (!args.query.empty()) {
      return fail(Error{ErrorCode::kInvalidArgument,
                        "--query selects projects for the open-data formats, not for records JSON, which is "
                        "written per source",
                        "query"});
    }
    return run_records_json(args, **store);
  }

  app::OpenDataOptions options;
  options.format = *exporter::parse_format(args.format);  // CLI11 checked the name
  options.published_only = args.published;
  options.writer.bom = args.bom;
  if (!args.publisher_ref.empty()) options.writer.publisher_ref = args.publisher_ref;
  options.query = args.query;
  // The bar goes to stderr; with either stream redirected (a script, a
  // pipe, a log file) it would only be noise.
  const bool on_terminal = ::isatty(STDERR_FILENO) == 1 && ::isatty(STDOUT_FILENO) == 1;
  ProgressBar bar(args.progress == "bar" || (args.progress == "auto" && on_terminal));
  options.progress = [&bar](const app::ExportProgress& p) { bar.update(p); };
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
            app.add_option("--query", args->query,
                           "Only the projects this search matches (the language of 'tiltas search': words, "
                           "\"phrases\", -exclusions, OR, programme: country: org: lang: status: role: kind: year:)");
            app.add_option("--progress", args->progress,
                           "Progress display on stderr: auto (a bar when stdout and stderr are a terminal), bar, none")
                ->check(CLI::IsMember({"auto", "bar", "none"}))
                ->capture_default_str();
            app.add_option("--publisher-ref", args->publisher_ref,
                           "IATI: the reporting organisation's identifier (default XM-TILTAS)");
            return std::function<int()>([args, &global] { return run(*args, global); });
          }};
}

}  // namespace tiltas::cli
