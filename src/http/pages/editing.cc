#include "http/pages/editing.h"

#include <fmt/format.h>

#include "base/text.h"
#include "http/pages/site.h"

namespace tiltas::http::pages {

std::string form_value(const Request& request, const std::string& name) {
  auto it = request.form.find(name);
  return it == request.form.end() ? std::string() : it->second;
}

store::Edit edit_of(const Request& request) {
  store::Edit edit;
  edit.editor = request.session ? request.session->email : std::string("unknown");
  edit.note = std::string(text::trim(form_value(request, "note")));
  return edit;
}

Reply bad_input_page(const Request& request, const Error& error) {
  const Lang lang = lang_of_path(request.path);
  View view;
  view.set("status", std::string("400"));
  view.set("heading", message(lang, "bad_request_heading"));
  view.set("message", text::repair_utf8(error.message));
  auto html = render_page("error", message(lang, "bad_request_heading"), std::move(view), lang, switch_href(request));
  Reply r = html_reply(html ? std::move(*html) : std::string("<!DOCTYPE html><title>400</title><p>400</p>\n"), 400);
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

Result<Reply> localize_or_bad_input(const Request& request, const Error& error) {
  switch (error.code) {
    case ErrorCode::kNotFound: return not_found_page(request);
    case ErrorCode::kInvalidArgument:
    case ErrorCode::kFailedPrecondition:
    case ErrorCode::kAlreadyExists: return bad_input_page(request, error);
    default: return unexpected(error);
  }
}

Result<nlohmann::json> field_value_from_form(const Request& request, const std::string& key) {
  using nlohmann::json;
  if (key == "period") {
    const std::string start(text::trim(form_value(request, "start")));
    const std::string end(text::trim(form_value(request, "end")));
    if (start.empty() && end.empty()) return json(nullptr);
    return json{{"start", start.empty() ? json(nullptr) : json(start)}, {"end", end.empty() ? json(nullptr) : json(end)}};
  }
  if (request.form.contains("json")) {
    const std::string text(text::trim(form_value(request, "json")));
    if (text.empty()) return json(nullptr);
    json value = json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (value.is_discarded()) {
      return invalid_argument(fmt::format("the new value of '{}' is not valid JSON", key), key);
    }
    return value;
  }
  const std::string value(text::trim(form_value(request, "value")));
  if (value.empty()) return json(nullptr);
  return json(value);
}

Result<std::size_t> parse_index(const std::string& text, const std::string& name) {
  if (text.empty() || text.size() > 7 || text.find_first_not_of("0123456789") != std::string::npos) {
    return invalid_argument(fmt::format("'{}' is not a position in the list", text::repair_utf8(text.substr(0, 20))),
                            name);
  }
  return static_cast<std::size_t>(std::stoul(text));
}

}  // namespace tiltas::http::pages
