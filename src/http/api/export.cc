#include "http/api/export.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <fmt/format.h>

#include "app/export_open_data.h"

namespace tiltas::http::api {
namespace {

// libxlsxwriter writes a workbook to a file only: write it to a private
// temporary file, then send that file.
Status send_xlsx(const store::Store& store, const app::OpenDataOptions& options, std::ostream& out) {
  std::string path = (std::filesystem::temp_directory_path() / "tiltas-export-XXXXXX.xlsx").string();
  int fd = ::mkstemps(path.data(), 5);
  if (fd < 0) return make_error(ErrorCode::kUnavailable, "cannot create a temporary file for the workbook");
  ::close(fd);
  struct Remove {
    std::string path;
    ~Remove() {
      std::error_code ec;
      std::filesystem::remove(path, ec);
    }
  } remove{path};
  auto written = app::export_open_data_file(store, path, options);
  if (!written) return unexpected(written.error());
  std::ifstream in(path, std::ios::binary);
  out << in.rdbuf();
  if (!in || !out) return make_error(ErrorCode::kUnavailable, "the workbook could not be sent");
  return ok();
}

}  // namespace

Result<Reply> export_projects(const Context& context, const Request& request) {
  auto name = query_text(request, "format");
  auto format = name ? exporter::parse_format(*name) : std::nullopt;
  if (!format) {
    return invalid_argument(fmt::format("format is one of iati, 360giving, csv, xlsx, jsonl{}",
                                        name ? fmt::format(" (not '{}')", *name) : std::string(" (missing)")),
                            "format");
  }
  app::OpenDataOptions options;
  options.format = *format;
  options.published_only = true;  // the public API shows published records only
  options.query = query_text(request, "q").value_or("");
  // Errors that can still be a status: the body starts with the first
  // project written.
  if (auto checked = app::check_open_data_options(options); !checked) return unexpected(checked.error());

  Reply r;
  r.content_type = std::string(exporter::media_type(*format));
  r.headers = {{"Content-Disposition",
                fmt::format("attachment; filename=\"tiltas-projects{}\"", exporter::file_extension(*format))},
               {"X-Content-Type-Options", "nosniff"},
               {"Cache-Control", "no-store"}};
  const store::Store& store = context.store;
  r.stream = [&store, options](std::ostream& out) -> Status {
    if (options.format == exporter::Format::kXlsx) return send_xlsx(store, options, out);
    auto written = app::export_open_data(store, out, options);
    if (!written) return unexpected(written.error());
    return ok();
  };
  return r;
}

}  // namespace tiltas::http::api

namespace tiltas::http::api {

Result<Reply> project_iati(const Context& context, const Request& request) {
  auto id = parse_id(request.params.at("id"), "id");
  if (!id) return unexpected(id.error());
  app::OpenDataOptions options;
  options.format = exporter::Format::kIati;
  options.published_only = true;
  options.project_id = *id;
  std::ostringstream out;
  auto summary = app::export_open_data(context.store, out, options);
  if (!summary) return unexpected(summary.error());
  if (summary->projects == 0) return not_found(fmt::format("project {} is not published", *id), "id");
  Reply r;
  r.content_type = std::string(exporter::media_type(exporter::Format::kIati));
  r.body = std::move(out).str();
  r.headers = {{"Content-Disposition", fmt::format("inline; filename=\"tiltas-project-{}.xml\"", *id)}};
  return r;
}

}  // namespace tiltas::http::api
