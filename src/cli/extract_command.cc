// tiltas extract FILE... [--out DIR]: page text -> records JSON with spans
// and findings, without touching the database.
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "app/import_document.h"
#include "base/text.h"
#include "cli/command.h"
#include "codec/records_json.h"
#include "extract/extractor.h"

namespace tiltas::cli {
namespace {

struct ExtractArgs {
  std::vector<std::string> files;
  std::string out;
  std::string language;
};

int run(const ExtractArgs& args) {
  int failed = 0;
  if (!args.out.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(args.out, ec);
    if (ec) return fail(Error{ErrorCode::kUnavailable, fmt::format("{}: cannot create directory: {}", args.out, ec.message()), ""});
  }
  for (const auto& file : args.files) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
      fmt::print(stderr, "tiltas: {}: cannot read file\n", file);
      ++failed;
      continue;
    }
    std::ostringstream buf;
    buf << in.rdbuf();
    std::string text = buf.str();
    extract::Options options;
    options.language = args.language;
    auto extraction = extract::extract(text, options);
    codec::RecordsFile records;
    records.language = extraction.language;
    records.records = std::move(extraction.records);
    std::string json = codec::write_records(records);
    if (args.out.empty()) {
      fmt::print("{}", json);
      continue;
    }
    // NAME is the file name without its last extension.
    auto name = std::filesystem::path(file).stem().string();
    auto path = std::filesystem::path(args.out) / (name + ".json");
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << json;
    if (!out) {
      fmt::print(stderr, "tiltas: {}: cannot write file\n", path.string());
      ++failed;
    }
  }
  return failed ? 65 : 0;
}

}  // namespace

Command extract_command() {
  return {"extract", "Read project pages (text) into records JSON with source spans",
          [](CLI::App& app, GlobalOptions&) {
            auto args = std::make_shared<ExtractArgs>();
            app.add_option("files", args->files, "Text files")->required();
            app.add_option("--out", args->out, "Write DIR/NAME.json per input instead of printing");
            app.add_option("--language", args->language, "Assume this ISO 639-1 language instead of detecting it");
            return std::function<int()>([args] { return run(*args); });
          }};
}

}  // namespace tiltas::cli
