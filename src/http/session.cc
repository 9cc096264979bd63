#include "http/session.h"

#include <chrono>

#include <fmt/format.h>

#include "app/accounts.h"
#include "http/pages/site.h"

namespace tiltas::http {

std::string cookie_value(std::string_view header, std::string_view name) {
  std::size_t pos = 0;
  while (pos < header.size()) {
    std::size_t end = header.find(';', pos);
    if (end == std::string_view::npos) end = header.size();
    std::string_view item = header.substr(pos, end - pos);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    const std::size_t eq = item.find('=');
    if (eq != std::string_view::npos && item.substr(0, eq) == name) {
      std::string_view value = item.substr(eq + 1);
      while (!value.empty() && value.back() == ' ') value.remove_suffix(1);
      return std::string(value);
    }
    pos = end + 1;
  }
  return {};
}

std::string set_cookie(std::string_view name, std::string_view value, long max_age, bool secure) {
  return fmt::format("{}={}; Path=/; Max-Age={}; HttpOnly; SameSite=Strict{}", name, value, max_age,
                     secure ? "; Secure" : "");
}

Status load_session(const Context& context, Request& request) {
  const std::string id = cookie_value(request.cookie, kSessionCookie);
  if (id.empty()) return ok();
  auto found = app::find_session(context.store, id, std::chrono::system_clock::now());
  if (!found) return unexpected(found.error());
  request.session = std::move(*found);
  return ok();
}

bool role_allows(std::string_view role, Access access) {
  auto level = [](std::string_view r) { return r == "admin" ? 3 : r == "editor" ? 2 : r == "viewer" ? 1 : 0; };
  switch (access) {
    case Access::kPublic:
    case Access::kToken: return true;
    case Access::kViewer: return level(role) >= 1;
    case Access::kEditor: return level(role) >= 2;
    case Access::kAdmin: return level(role) >= 3;
  }
  return false;
}

bool csrf_ok(const Request& request) {
  if (!request.session) return false;
  auto it = request.form.find("csrf");
  if (it == request.form.end() || it->second.empty()) return false;
  return app::same_secret(it->second, request.session->csrf_token);
}

std::optional<Reply> check_access(const Route& route, const Request& request) {
  if (route.access == Access::kPublic || route.access == Access::kToken) return std::nullopt;
  if (!request.session) {
    if (request.method == "GET") {
      const pages::Lang lang = pages::lang_of_path(request.path);
      std::string next = request.path + pages::query_string(request.query);
      return redirect(pages::href(lang, "/login") + "?next=" + pages::url_encode(next));
    }
    return forbidden_page(request);
  }
  if (!role_allows(request.session->role, route.access)) return forbidden_page(request);
  if (request.method != "GET" && !csrf_ok(request)) return forbidden_page(request);
  return std::nullopt;
}

Reply forbidden_page(const Request& request) {
  const pages::Lang lang = pages::lang_of_path(request.path);
  pages::View view;
  view.set("status", std::string("403"));
  view.set("heading", pages::message(lang, "forbidden_heading"));
  view.set("message", pages::message(lang, "forbidden_message"));
  auto html = pages::render_page("error", pages::message(lang, "forbidden_heading"), std::move(view), lang,
                                 pages::switch_href(request));
  Reply r = html_reply(html ? std::move(*html) : std::string("<!DOCTYPE html><title>403</title><p>403</p>\n"), 403);
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

Reply redirect(std::string location) {
  Reply r = text_reply("See " + location + "\n", 303);
  r.headers.emplace_back("Location", std::move(location));
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

std::string local_path(std::string_view candidate, std::string_view fallback) {
  const bool local = candidate.size() >= 1 && candidate[0] == '/' && !candidate.starts_with("//") &&
                     candidate.find('\\') == std::string_view::npos &&
                     candidate.find_first_of("\r\n\t ") == std::string_view::npos && candidate.size() < 2048;
  return std::string(local ? candidate : fallback);
}

}  // namespace tiltas::http
