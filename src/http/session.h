// Editors' sessions over HTTP (issue 9): the session cookie, the access check
// of each route of the table (Access::kViewer and up), and CSRF tokens.
//
// The session id lives only in an HttpOnly, SameSite=Strict cookie (Secure
// when the request came over TLS); the store keeps its SHA-256. Every POST
// to a route that needs a session must carry the session's CSRF token in the
// form field "csrf", else 403.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "http/reply.h"
#include "http/request.h"
#include "http/route_table.h"

namespace tiltas::http {

inline constexpr std::string_view kSessionCookie = "tiltas_session";
// The login form's CSRF token (there is no session yet): a cookie that the
// form must repeat (double submit).
inline constexpr std::string_view kLoginCsrfCookie = "tiltas_login_csrf";

// The value of cookie `name` in a Cookie header, or "".
std::string cookie_value(std::string_view cookie_header, std::string_view name);

// "name=value; Path=/; Max-Age=N; HttpOnly; SameSite=Strict[; Secure]".
// max_age 0 deletes the cookie.
std::string set_cookie(std::string_view name, std::string_view value, long max_age, bool secure);

// Fills request.session from the session cookie, when it names a live
// session. Store errors are returned.
Status load_session(const Context& context, Request& request);

// Whether the session's role reaches `access` (viewer < editor < admin).
bool role_allows(std::string_view role, Access access);

// The access check of a route that needs a session (kViewer, kEditor,
// kAdmin), after load_session: std::nullopt lets the handler run; else the
// reply to send: a GET without a session is sent to the login page (303),
// any other request without one, a role below the route's, or a POST without
// the session's CSRF token gets 403. Replies of such routes are never
// cached (Cache-Control: no-store is added by routes.cc).
std::optional<Reply> check_access(const Route& route, const Request& request);

// The 403 page in the request's language.
Reply forbidden_page(const Request& request);
// 303 See Other to `location` (a path of this site).
Reply redirect(std::string location);
// `candidate` when it is a path of this site ("/review?x=1"), else
// `fallback`: never another host ("//evil", "https://...", "/\\evil").
std::string local_path(std::string_view candidate, std::string_view fallback);

// Whether the form's "csrf" field is the session's token (constant time).
bool csrf_ok(const Request& request);

}  // namespace tiltas::http
