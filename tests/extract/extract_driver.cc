// extract_driver FILE... --out DIR: runs the extractor over text files and
// writes DIR/NAME.json (NAME = file name without its last extension) with
// codec::write_records, as `tiltas extract` does. Used to score against the
// shared corpus until the CLI exists.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "codec/records_json.h"
#include "extract/extractor.h"

int main(int argc, char** argv) {
  std::vector<std::string> files;
  std::string out_dir;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--out" && i + 1 < argc) {
      out_dir = argv[++i];
    } else {
      files.push_back(a);
    }
  }
  if (out_dir.empty() || files.empty()) {
    std::cerr << "usage: extract_driver FILE... --out DIR\n";
    return 2;
  }
  std::filesystem::create_directories(out_dir);
  int failures = 0;
  for (const auto& f : files) {
    std::ifstream in(f, std::ios::binary);
    if (!in) {
      std::cerr << f << ": cannot read\n";
      ++failures;
      continue;
    }
    std::stringstream ss;
    ss << in.rdbuf();
    std::string text = ss.str();
    auto ex = tiltas::extract::extract(text);
    tiltas::codec::RecordsFile file;
    file.language = ex.language;
    file.source = f;
    file.records = std::move(ex.records);
    std::filesystem::path p(f);
    std::ofstream out(std::filesystem::path(out_dir) / (p.stem().string() + ".json"), std::ios::binary);
    out << tiltas::codec::write_records(file);
  }
  return failures ? 1 : 0;
}
