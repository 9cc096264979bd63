#include "app/export_open_data.h"

#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <memory>
#include <unordered_map>

#include <fmt/format.h>

#include "export/csv_writer.h"
#include "export/giving360_writer.h"
#include "export/iati_writer.h"
#include "export/jsonl_writer.h"
#include "export/xlsx_writer.h"

namespace tiltas::app {
namespace {

// Organisations are shared by many projects: a small cache saves a store
// round trip per participation. It is emptied when full so that memory
// stays bounded on registries with millions of organisations.
class OrganisationCache {
 public:
  explicit OrganisationCache(const store::Store& store) : store_(store) {}
  Result<const model::Organisation*> get(model::Id id) {
    if (auto it = cache_.find(id); it != cache_.end()) return &it->second;
    auto org = store_.get_organisation(id);
    if (!org) {
      // A dangling link is not worth failing an export for: the writers fall
      // back to the participation's own name.
      if (org.error().code == ErrorCode::kNotFound) return static_cast<const model::Organisation*>(nullptr);
      return unexpected(org.error());
    }
    if (cache_.size() >= kMaxEntries) cache_.clear();
    return &cache_.emplace(id, std::move(*org)).first->second;
  }

 private:
  static constexpr std::size_t kMaxEntries = 20000;
  const store::Store& store_;
  std::unordered_map<model::Id, model::Organisation> cache_;
};

OpenDataOptions with_defaults(OpenDataOptions options) {
  if (options.writer.generated_at.empty()) options.writer.generated_at = utc_now_iso();
  return options;
}

Status stream_ok(const std::ostream& out, const std::string& path) {
  if (!out) return make_error(ErrorCode::kUnavailable, fmt::format("{}: cannot write file", path));
  return ok();
}

}  // namespace

std::string utc_now_iso() {
  std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

Result<OpenDataSummary> export_projects(const store::Store& store, exporter::RecordWriter& writer,
                                        const OpenDataOptions& options) {
  store::ProjectFilter filter;
  filter.visibility = options.published_only ? store::Visibility::kPublic : store::Visibility::kAll;
  store::PageRequest page;
  page.limit = std::clamp(options.page_size, 1, 500);
  OrganisationCache organisations(store);
  OpenDataSummary summary;
  std::size_t total = 0;
  bool first_page = true;
  // Keyset pagination: each page starts after the last id seen, so the cost
  // per page does not grow with the offset and only one page is in memory.
  for (;;) {
    auto rows = store.list_projects(filter, page);
    if (!rows) return unexpected(rows.error());
    if (first_page) total = static_cast<std::size_t>(rows->total);
    first_page = false;
    for (const auto& row : rows->items) {
      auto project = store.get_project(row.id, filter.visibility);
      if (!project) {
        // Deleted or unpublished since the page was read: skip it.
        if (project.error().code == ErrorCode::kNotFound) continue;
        return unexpected(project.error());
      }
      exporter::ExportRecord record;
      record.project = std::move(*project);
      for (const auto& part : record.project.participations) {
        if (!part.organisation_id) continue;
        auto org = organisations.get(*part.organisation_id);
        if (!org) return unexpected(org.error());
        if (*org) record.organisations.emplace(*part.organisation_id, **org);
      }
      if (auto s = writer.write(record); !s) return unexpected(s.error());
      ++summary.projects;
      if (options.progress) options.progress(summary.projects, total);
    }
    if (!rows->next_after_id) break;
    page.after_id = *rows->next_after_id;
  }
  if (auto s = writer.finish(); !s) return unexpected(s.error());
  summary.notes = writer.notes();
  return summary;
}

Result<OpenDataSummary> export_open_data(const store::Store& store, std::ostream& out,
                                         const OpenDataOptions& given) {
  OpenDataOptions options = with_defaults(given);
  std::unique_ptr<exporter::RecordWriter> writer;
  switch (options.format) {
    case exporter::Format::kIati: writer = exporter::make_iati_writer(out, options.writer); break;
    case exporter::Format::kGiving360: writer = exporter::make_giving360_writer(out, options.writer); break;
    case exporter::Format::kJsonl: writer = exporter::make_jsonl_writer(out); break;
    case exporter::Format::kCsv: writer = exporter::make_csv_writer({.projects = &out}, options.writer); break;
    case exporter::Format::kXlsx:
      return invalid_argument("xlsx cannot be streamed; export it to a file", "format");
  }
  return export_projects(store, *writer, options);
}

Result<OpenDataSummary> export_open_data_file(const store::Store& store, const std::string& path,
                                              const OpenDataOptions& given) {
  OpenDataOptions options = with_defaults(given);
  namespace fs = std::filesystem;
  fs::path target(path);
  std::error_code ec;
  if (target.has_parent_path()) {
    fs::create_directories(target.parent_path(), ec);
    if (ec) {
      return make_error(ErrorCode::kUnavailable,
                        fmt::format("{}: cannot create directory: {}", target.parent_path().string(), ec.message()));
    }
  }
  if (options.format == exporter::Format::kXlsx) {
    auto writer = exporter::make_xlsx_writer(path);
    if (!writer) return unexpected(writer.error());
    auto summary = export_projects(store, **writer, options);
    if (summary) summary->files.push_back(path);
    return summary;
  }
  if (options.format == exporter::Format::kCsv) {
    std::string stem = path.ends_with(".csv") ? path.substr(0, path.size() - 4) : path;
    std::vector<std::string> names{path, stem + "-participations.csv", stem + "-indicators.csv",
                                   stem + "-organisations.csv"};
    std::vector<std::ofstream> files;
    for (const auto& name : names) {
      files.emplace_back(name, std::ios::binary | std::ios::trunc);
      if (auto s = stream_ok(files.back(), name); !s) return unexpected(s.error());
    }
    auto writer = exporter::make_csv_writer(
        {.projects = &files[0], .participations = &files[1], .indicators = &files[2], .organisations = &files[3]},
        options.writer);
    auto summary = export_projects(store, *writer, options);
    if (!summary) return summary;
    for (std::size_t i = 0; i < files.size(); ++i) {
      files[i].close();
      if (auto s = stream_ok(files[i], names[i]); !s) return unexpected(s.error());
    }
    summary->files = names;
    return summary;
  }
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (auto s = stream_ok(out, path); !s) return unexpected(s.error());
  auto summary = export_open_data(store, out, options);
  if (!summary) return summary;
  out.close();
  if (auto s = stream_ok(out, path); !s) return unexpected(s.error());
  summary->files.push_back(path);
  return summary;
}

}  // namespace tiltas::app
