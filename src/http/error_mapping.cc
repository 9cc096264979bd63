#include "http/error_mapping.h"

#include <array>
#include <string>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "base/text.h"
#include "http/pages/render.h"

namespace tiltas::http {
namespace {

struct ErrorMapping {
  ErrorCode code;
  int status;
  std::string_view page_title;  // heading of the HTML error page
  // Whether the message goes to the client. Internal and unavailable errors
  // carry library and path details that are for the log only.
  bool expose_message;
};

// The table. kFailedPrecondition is 409 rather than 412: 412 is about
// conditional request headers (If-Match), which this API does not use.
constexpr std::array kErrorTable{
    ErrorMapping{ErrorCode::kInvalidArgument, 400, "Bad request", true},
    ErrorMapping{ErrorCode::kNotFound, 404, "Not found", true},
    ErrorMapping{ErrorCode::kAlreadyExists, 409, "Already exists", true},
    ErrorMapping{ErrorCode::kConflict, 409, "Conflict", true},
    ErrorMapping{ErrorCode::kFailedPrecondition, 409, "Not possible now", true},
    ErrorMapping{ErrorCode::kUnavailable, 503, "Temporarily unavailable", false},
    ErrorMapping{ErrorCode::kInternal, 500, "Internal error", false},
};

const ErrorMapping& mapping(ErrorCode code) {
  for (const auto& m : kErrorTable) {
    if (m.code == code) return m;
  }
  return kErrorTable.back();  // unreachable while the table covers the enum
}

nlohmann::ordered_json error_json(std::string_view code, std::string_view message, std::string_view field) {
  nlohmann::ordered_json e;
  e["code"] = code;
  e["message"] = message;
  e["field"] = field.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(field);
  return nlohmann::ordered_json{{"error", std::move(e)}};
}

Reply error_page(int status, std::string_view title, std::string_view message) {
  pages::View view;
  view.set("status", std::to_string(status));
  view.set("heading", std::string(title));
  view.set("message", std::string(message));
  auto html = pages::render_page("error", std::string(title), std::move(view));
  if (html) return html_reply(std::move(*html), status);
  // The templates are checked at start-up, so this is a last resort; it still
  // escapes, because the message may echo the request.
  return html_reply(
      fmt::format("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{0}</title></head>"
                  "<body><main><h1>{0}</h1><p>{1}</p></main></body></html>\n",
                  text::escape_html(title), text::escape_html(message)),
      status);
}

// The message shown to the client; hidden ones are logged here instead.
std::string public_message(const Error& error) {
  if (mapping(error.code).expose_message) return error.message;
  spdlog::error("request failed: {}", error.describe());
  return error.code == ErrorCode::kUnavailable ? "the registry is temporarily unavailable; try again later"
                                               : "internal error; the server log has the details";
}

}  // namespace

Audience audience_of(std::string_view path) {
  if (path == "/api" || path.starts_with("/api/") || path == "/healthz") return Audience::kApi;
  return Audience::kPage;
}

int http_status(ErrorCode code) { return mapping(code).status; }

Reply api_error_reply(const Error& error) {
  return json_reply(error_json(to_string(error.code), public_message(error), error.field), http_status(error.code));
}

Reply page_error_reply(const Error& error) {
  const ErrorMapping& m = mapping(error.code);
  return error_page(m.status, m.page_title, public_message(error));
}

Reply error_reply(const Error& error, Audience audience) {
  return audience == Audience::kApi ? api_error_reply(error) : page_error_reply(error);
}

Reply payload_too_large_reply(std::size_t limit, Audience audience) {
  const std::string message = fmt::format("request body larger than {} bytes", limit);
  if (audience == Audience::kApi) return json_reply(error_json("payload_too_large", message, ""), 413);
  return error_page(413, "Request too large", message);
}

Reply unauthenticated_reply(std::string_view message) {
  Reply r = json_reply(error_json("unauthenticated", message, "Authorization"), 401);
  r.headers.emplace_back("WWW-Authenticate", "Bearer realm=\"tiltas\"");
  return r;
}

}  // namespace tiltas::http
