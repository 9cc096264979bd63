// tiltas import PATH...: files and directories (recursively) into the
// registry. A failing file is reported and skipped; the others go on; the
// exit code says whether any failed.
#include <algorithm>
#include <filesystem>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "app/import_document.h"
#include "cli/command.h"

namespace tiltas::cli {
namespace {

struct ImportArgs {
  std::vector<std::string> paths;
  bool json = false;
};

bool importable(const std::filesystem::path& p) {
  auto ext = p.extension().string();
  return ext == ".json" || ext == ".txt";
}

// Expands directories into their importable files, sorted for a stable order.
std::vector<std::string> expand(const std::vector<std::string>& paths, std::vector<std::string>& missing) {
  std::vector<std::string> files;
  for (const auto& path : paths) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) {
      std::vector<std::string> found;
      for (auto it = std::filesystem::recursive_directory_iterator(path, ec);
           !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
        if (it->is_regular_file() && importable(it->path())) found.push_back(it->path().string());
      }
      std::sort(found.begin(), found.end());
      files.insert(files.end(), found.begin(), found.end());
    } else if (std::filesystem::exists(path, ec)) {
      files.push_back(path);
    } else {
      missing.push_back(path);
    }
  }
  return files;
}

int run(const ImportArgs& args, const GlobalOptions& global) {
  auto store = open_db(global);
  if (!store) return fail(store.error());
  std::vector<std::string> missing;
  auto files = expand(args.paths, missing);
  int documents_new = 0, documents_changed = 0, documents_unchanged = 0, failed = 0;
  std::size_t records = 0, findings = 0;
  nlohmann::ordered_json failures = nlohmann::ordered_json::array();
  for (const auto& m : missing) {
    fmt::print(stderr, "tiltas: {}: no such file or directory\n", m);
    failures.push_back({{"source", m}, {"message", "no such file or directory"}});
    ++failed;
  }
  for (const auto& file : files) {
    auto r = app::import_file(**store, file);
    if (!r) {
      fmt::print(stderr, "tiltas: {}\n", r.error().describe());
      failures.push_back({{"source", file}, {"message", r.error().message}, {"field", r.error().field}});
      ++failed;
      continue;
    }
    for (const auto& w : r->warnings) fmt::print(stderr, "warning: {}\n", w);
    switch (r->result.outcome) {
      case store::DocumentOutcome::kNew: ++documents_new; break;
      case store::DocumentOutcome::kChanged: ++documents_changed; break;
      case store::DocumentOutcome::kUnchanged: ++documents_unchanged; break;
    }
    records += r->result.project_ids.size();
    findings += r->result.project_ids.empty() ? 0 : r->findings;
  }
  if (args.json) {
    nlohmann::ordered_json summary{{"documents", {{"new", documents_new},
                                                  {"changed", documents_changed},
                                                  {"unchanged", documents_unchanged},
                                                  {"failed", failed}}},
                                   {"records_created", records},
                                   {"findings", findings},
                                   {"failures", failures}};
    fmt::print("{}\n", summary.dump(1));
  } else {
    fmt::print("documents: {} new, {} changed, {} unchanged, {} failed; records created: {}; findings: {}\n",
               documents_new, documents_changed, documents_unchanged, failed, records, findings);
  }
  return failed ? 65 : 0;
}

}  // namespace

Command import_command() {
  return {"import", "Import records JSON (.json) or page text (.txt): files or directories",
          [](CLI::App& app, GlobalOptions& global) {
            auto args = std::make_shared<ImportArgs>();
            app.add_option("paths", args->paths, "Files or directories to import")->required();
            app.add_flag("--json", args->json, "Print the summary as JSON");
            app.footer("Each file is stored in one transaction: a bad file stores nothing and the rest go on.\n"
                       "Exit code 65 when any file failed.");
            return std::function<int()>([args, &global] { return run(*args, global); });
          }};
}

}  // namespace tiltas::cli
