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
#include "search/query.h"

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

// The query of an export: the search parser's, and never empty (an export
// of everything says so by having no query).
Result<search::SearchQuery> parse_export_query(std::string_view text) {
  auto query = search::parse_query(text);
  if (!query) return unexpected(query.error());
  if (query->empty()) {
    return invalid_argument("the query asks for nothing: type a word, a phrase or a filter, or leave it out", "q");
  }
  return query;
}

// How many bytes the export has written so far, for the progress display.
using ByteCount = std::function<std::uint64_t()>;

std::uint64_t bytes_of(std::ostream& out) {
  auto at = out.tellp();
  return at > 0 ? static_cast<std::uint64_t>(at) : 0;
}

// Writes project `id` (a translation group's first record) with its
// organisations. false when it is gone or not visible (deleted or
// unpublished since its id was read).
Result<bool> write_project(const store::Store& store, exporter::RecordWriter& writer, OrganisationCache& organisations,
                           model::Id id, store::Visibility visibility) {
  auto project = store.get_project(id, visibility);
  if (!project) {
    if (project.error().code == ErrorCode::kNotFound) return false;
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
  return true;
}

// Calls `emit` with the id of every project to export, in id order, a page
// of ids at a time. Without a query: keyset pages of the project list.
// With one: pages of the index's matches, each translation group once.
Status for_each_project(const store::Store& store, const OpenDataOptions& options, std::size_t& total,
                        const std::function<Status(model::Id)>& emit) {
  const auto visibility = options.published_only ? store::Visibility::kPublic : store::Visibility::kAll;
  if (options.project_id) {
    total = 1;
    return emit(*options.project_id);
  }
  if (options.query.empty()) {
    store::ProjectFilter filter;
    filter.visibility = visibility;
    store::PageRequest page;
    page.limit = std::clamp(options.page_size, 1, 500);
    bool first_page = true;
    // Keyset pagination: each page starts after the last id seen, so the cost
    // per page does not grow with the offset and only one page is in memory.
    for (;;) {
      auto rows = store.list_projects(filter, page);
      if (!rows) return unexpected(rows.error());
      if (first_page) total = static_cast<std::size_t>(rows->total);
      first_page = false;
      for (const auto& row : rows->items) {
        if (auto s = emit(row.id); !s) return s;
      }
      if (!rows->next_after_id) return ok();
      page.after_id = *rows->next_after_id;
    }
  }
  auto query = parse_export_query(options.query);
  if (!query) return unexpected(query.error());
  // The count for the progress display: exact up to the search's rank
  // window, unknown (0) past it.
  search::SearchRequest count;
  count.query = *query;
  count.include_drafts = !options.published_only;
  count.page_size = 1;
  count.snippets = false;
  if (auto r = store.search(count); r && r->exhaustive) total = static_cast<std::size_t>(r->total);
  // Matches come by record id, translations on their own: one bit per
  // group id says whether the group went out already (a million ids take
  // 125 kB, where a set of them would take tens of MB).
  std::vector<bool> sent;
  const int page = std::max(options.page_size, 1) * 2;
  model::Id after = 0;
  for (;;) {
    auto matches = store.find_matches(*query, !options.published_only, after, std::min(page, search::kMaxMatchPage));
    if (!matches) return unexpected(matches.error());
    for (const auto& m : *matches) {
      after = m.id;
      const auto group = static_cast<std::size_t>(m.group);
      if (group >= sent.size()) sent.resize(std::max(group + 1, sent.size() * 2));
      if (sent[group]) continue;
      sent[group] = true;
      if (auto s = emit(m.group); !s) return s;
    }
    if (matches->size() < static_cast<std::size_t>(std::min(page, search::kMaxMatchPage))) return ok();
  }
}

Result<OpenDataSummary> export_counting(const store::Store& store, exporter::RecordWriter& writer,
                                        const OpenDataOptions& options, const ByteCount& bytes) {
  const auto visibility = options.published_only ? store::Visibility::kPublic : store::Visibility::kAll;
  const auto started = std::chrono::steady_clock::now();
  OrganisationCache organisations(store);
  OpenDataSummary summary;
  ExportProgress progress;
  auto status = for_each_project(store, options, progress.total, [&](model::Id id) -> Status {
    auto written = write_project(store, writer, organisations, id, visibility);
    if (!written) return unexpected(written.error());
    if (!*written) return ok();
    ++summary.projects;
    if (options.progress) {
      progress.done = summary.projects;
      progress.bytes = bytes ? bytes() : 0;
      progress.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
      options.progress(progress);
    }
    return ok();
  });
  if (!status) return unexpected(status.error());
  if (auto s = writer.finish(); !s) return unexpected(s.error());
  summary.notes = writer.notes();
  return summary;
}

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
  return export_counting(store, writer, options, {});
}

Status check_open_data_options(const OpenDataOptions& options) {
  if (options.query.empty()) return ok();
  return parse_export_query(options.query).map([](auto&&) {});
}

Result<OpenDataSummary> export_open_data(const store::Store& store, std::ostream& out,
                                         const OpenDataOptions& given) {
  OpenDataOptions options = with_defaults(given);
  // Before the writer, which may begin its document at once.
  if (auto checked = check_open_data_options(options); !checked) return unexpected(checked.error());
  std::unique_ptr<exporter::RecordWriter> writer;
  switch (options.format) {
    case exporter::Format::kIati: writer = exporter::make_iati_writer(out, options.writer); break;
    case exporter::Format::kGiving360: writer = exporter::make_giving360_writer(out, options.writer); break;
    case exporter::Format::kJsonl: writer = exporter::make_jsonl_writer(out); break;
    case exporter::Format::kCsv: writer = exporter::make_csv_writer({.projects = &out}, options.writer); break;
    case exporter::Format::kXlsx:
      return invalid_argument("xlsx cannot be streamed; export it to a file", "format");
  }
  return export_counting(store, *writer, options, [&out] { return bytes_of(out); });
}

Result<OpenDataSummary> export_open_data_file(const store::Store& store, const std::string& path,
                                              const OpenDataOptions& given) {
  OpenDataOptions options = with_defaults(given);
  if (auto checked = check_open_data_options(options); !checked) return unexpected(checked.error());
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
    // libxlsxwriter writes the file when it closes: no bytes until then.
    auto summary = export_counting(store, **writer, options, {});
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
    auto summary = export_counting(store, *writer, options, [&files] {
      std::uint64_t n = 0;
      for (auto& f : files) n += bytes_of(f);
      return n;
    });
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
