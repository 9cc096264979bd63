#include "app/export_records.h"

#include <filesystem>
#include <fstream>
#include <set>

#include <fmt/format.h>

#include "codec/records_json.h"

namespace tiltas::app {

Result<ExportSummary> export_records_json(const store::Store& store, const std::string& dir, bool published_only) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return make_error(ErrorCode::kUnavailable, fmt::format("{}: cannot create directory: {}", dir, ec.message()));
  auto docs = store.find_documents();
  if (!docs) return unexpected(docs.error());
  ExportSummary summary;
  std::set<std::string> used;
  for (const auto& doc : *docs) {
    auto projects = store.find_projects_of_document(doc.id);
    if (!projects) return unexpected(projects.error());
    codec::RecordsFile file;
    file.language = doc.language;
    if (doc.source.find("://") != std::string::npos) file.source = doc.source;
    for (auto& p : *projects) {
      if (published_only && p.review_state != model::ReviewState::kPublished) continue;
      file.records.push_back(std::move(p));
    }
    if (file.records.empty()) continue;
    std::string name = doc.name;
    if (!used.insert(name).second) {
      name = fmt::format("{}-{}", doc.name, doc.id);
      used.insert(name);
    }
    auto path = std::filesystem::path(dir) / (name + ".json");
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << codec::write_records(file);
    if (!out) return make_error(ErrorCode::kUnavailable, fmt::format("{}: cannot write file", path.string()));
    ++summary.files;
    summary.records += file.records.size();
  }
  return summary;
}

}  // namespace tiltas::app
