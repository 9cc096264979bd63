#include "http/api/documents.h"

#include <string>

#include <fmt/format.h>

#include "app/import_document.h"
#include "base/hash.h"
#include "base/text.h"
#include "http/api/projects.h"
#include "http/api/stats.h"
#include "ingest/page_reader.h"

namespace tiltas::http::api {
namespace {

using Json = nlohmann::ordered_json;

// The declared format, or kBinary when the Content-Type says nothing useful
// (then the bytes decide).
ingest::Format declared_format(std::string_view content_type) {
  std::string type = text::to_lower(text::trim(content_type.substr(0, content_type.find(';'))));
  if (type == "text/plain") return ingest::Format::kText;
  if (type == "text/html" || type == "application/xhtml+xml") return ingest::Format::kHtml;
  if (type == "application/pdf") return ingest::Format::kPdf;
  return ingest::Format::kBinary;
}

}  // namespace

Result<Reply> post_document(const Context& context, const Request& request) {
  if (request.body.empty()) return invalid_argument("the body is empty: send the page as text, HTML or PDF", "body");
  ingest::Format format = declared_format(request.content_type);
  if (format == ingest::Format::kBinary) format = ingest::sniff("", request.body);
  if (format != ingest::Format::kText && format != ingest::Format::kHtml && format != ingest::Format::kPdf) {
    return invalid_argument(
        fmt::format("a document is text/plain, text/html or application/pdf, not {}", ingest::media_type(format)),
        "Content-Type");
  }
  auto page = ingest::read_page(request.body, format);
  if (!page) return unexpected(page.error());
  const std::string source = query_text(request, "source").value_or("api:" + sha256_hex(request.body).substr(0, 16));
  auto imported = app::import_content(context.store, source, page->text, app::ContentKind::kPlainText);
  if (!imported) return unexpected(imported.error());
  const store::ImportResult& result = imported->result;

  std::vector<model::Project> records;
  if (result.outcome == store::DocumentOutcome::kUnchanged) {
    auto known = context.store.find_document_by_sha256(sha256_hex(page->text));
    if (!known) return unexpected(known.error());
    if (*known) {
      auto stored = context.store.find_projects_of_document(**known);
      if (!stored) return unexpected(stored.error());
      records = std::move(*stored);
    }
  } else {
    for (model::Id id : result.project_ids) {
      auto p = context.store.get_project(id, store::Visibility::kAll);
      if (!p) return unexpected(p.error());
      records.push_back(std::move(*p));
    }
    invalidate_caches(context);
  }
  Json body;
  body["document_id"] = result.document_id;
  body["outcome"] = store::to_string(result.outcome);
  body["created"] = result.created;
  body["updated"] = result.updated;
  body["removed"] = result.removed;
  body["findings"] = imported->findings;
  Json warnings = Json::array();
  for (const auto& w : page->warnings) warnings.push_back(w);
  for (const auto& w : imported->warnings) warnings.push_back(w);
  body["warnings"] = std::move(warnings);
  Json items = Json::array();
  for (const auto& p : records) items.push_back(project_json(p, true));
  body["records"] = std::move(items);
  Reply r = json_reply(body, result.outcome == store::DocumentOutcome::kUnchanged ? 200 : 201);
  if (result.outcome != store::DocumentOutcome::kUnchanged && !result.project_ids.empty()) {
    r.headers.emplace_back("Location", fmt::format("/api/v1/projects/{}", result.project_ids.front()));
  }
  return r;
}

}  // namespace tiltas::http::api
