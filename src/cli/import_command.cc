// tiltas import PATH...: files, directories (recursively) and "-" (standard
// input) into the registry, by content: page text, HTML, PDF, records JSON,
// IATI XML, CSV. A failing source is reported and skipped; the others go
// on; the exit code says whether any failed.
#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <iterator>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "app/import_pipeline.h"
#include "cli/command.h"

namespace tiltas::cli {
namespace {

struct ImportArgs {
  std::vector<std::string> paths;
  bool json = false;
  std::string progress = "auto";  // auto | bar | lines | none
  unsigned workers = 0;
};

std::string duration(double seconds) {
  if (seconds < 0 || seconds > 360000) return "--:--";
  int s = static_cast<int>(seconds + 0.5);
  return s >= 3600 ? fmt::format("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60) : fmt::format("{:02}:{:02}", s / 60, s % 60);
}

// A one-line bar redrawn in place on a terminal: documents, MB, rate, time left.
void draw_bar(const app::ImportProgress& p) {
  double fraction = p.documents_total ? static_cast<double>(p.documents_done) / p.documents_total : 1.0;
  int width = 28;
  int filled = static_cast<int>(fraction * width);
  double rate = p.seconds > 0 ? p.documents_done / p.seconds : 0;
  double left = rate > 0 ? (p.documents_total - p.documents_done) / rate : -1;
  fmt::print(stderr, "\r[{}{}] {}/{} docs  {:.1f}/{:.1f} MB  {:.0f} docs/s  {} left ", std::string(filled, '#'),
             std::string(width - filled, '.'), p.documents_done, p.documents_total, p.bytes_done / 1048576.0,
             p.bytes_total / 1048576.0, rate, duration(left));
  if (p.documents_done == p.documents_total) fmt::print(stderr, "\n");
}

int run(const ImportArgs& args, const GlobalOptions& global) {
  auto store = open_db(global);
  if (!store) return fail(store.error());
  std::string mode = args.progress;
  if (mode == "auto") mode = ::isatty(STDERR_FILENO) ? "bar" : "none";
  app::ImportOptions options;
  options.workers = args.workers;
  options.read_stdin = [] { return std::string(std::istreambuf_iterator<char>(std::cin), {}); };
  std::size_t last_drawn = 0;
  double last_time = -1;
  auto on_progress = [&](const app::ImportProgress& p) {
    if (mode == "lines") {
      fmt::print(stderr, "progress {}/{}\n", p.documents_done, p.documents_total);
      std::fflush(stderr);
    } else if (mode == "bar" && (p.seconds - last_time >= 0.1 || p.documents_done == p.documents_total ||
                                 p.documents_done == last_drawn + 1000)) {
      draw_bar(p);
      last_time = p.seconds;
      last_drawn = p.documents_done;
    }
  };
  auto summary = app::import_paths(**store, args.paths, options, on_progress);
  if (!summary) return fail(summary.error());
  for (const auto& w : summary->warnings) fmt::print(stderr, "warning: {}\n", w);
  for (const auto& f : summary->failures) fmt::print(stderr, "tiltas: {}: {}\n", f.source, f.message);
  auto severity = [&](model::Severity s) {
    auto it = summary->findings.find(s);
    return it == summary->findings.end() ? std::size_t{0} : it->second;
  };
  if (args.json) {
    nlohmann::ordered_json failures = nlohmann::ordered_json::array();
    for (const auto& f : summary->failures) failures.push_back({{"source", f.source}, {"message", f.message}});
    nlohmann::ordered_json out{
        {"documents", {{"new", summary->documents_new},
                       {"changed", summary->documents_changed},
                       {"unchanged", summary->documents_unchanged},
                       {"failed", summary->documents_failed}}},
        {"records", {{"created", summary->records_created},
                     {"updated", summary->records_updated},
                     {"removed", summary->records_removed}}},
        {"findings", {{"info", severity(model::Severity::kInfo)},
                      {"warning", severity(model::Severity::kWarning)},
                      {"error", severity(model::Severity::kError)}}},
        {"failures", failures},
        {"bytes", summary->bytes},
        {"seconds", summary->seconds}};
    fmt::print("{}\n", out.dump(1));
  } else {
    fmt::print(
        "documents: {} new, {} changed, {} unchanged, {} failed; records: {} created, {} updated, {} removed; "
        "findings: {} info, {} warning, {} error ({:.1f} s)\n",
        summary->documents_new, summary->documents_changed, summary->documents_unchanged, summary->documents_failed,
        summary->records_created, summary->records_updated, summary->records_removed,
        severity(model::Severity::kInfo), severity(model::Severity::kWarning), severity(model::Severity::kError),
        summary->seconds);
  }
  return summary->documents_failed ? 65 : 0;
}

}  // namespace

Command import_command() {
  return {"import", "Import sources: page text, HTML, PDF, records JSON, IATI XML, CSV (files, directories, -)",
          [](CLI::App& app, GlobalOptions& global) {
            auto args = std::make_shared<ImportArgs>();
            app.add_option("paths", args->paths, "Files, directories (walked recursively) or - for standard input")
                ->required();
            app.add_flag("--json", args->json, "Print the summary as JSON");
            app.add_option("--progress", args->progress, "Progress display: auto (a bar on a terminal), bar, lines, none")
                ->check(CLI::IsMember({"auto", "bar", "lines", "none"}))
                ->capture_default_str();
            app.add_option("--workers", args->workers, "Threads reading and extracting (0: one per core)");
            app.footer(
                "The format is read from the content. Each document is stored in one transaction: a bad source\n"
                "stores nothing and the rest go on. The same content imported again changes nothing; a changed\n"
                "page at the same path is a new revision of its records. Exit code 65 when any source failed.");
            return std::function<int()>([args, &global] { return run(*args, global); });
          }};
}

}  // namespace tiltas::cli
