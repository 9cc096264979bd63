#include "http/pages/login.h"

#include <chrono>

#include <spdlog/spdlog.h>

#include "app/accounts.h"
#include "http/assets.h"
#include "http/pages/editing.h"
#include "http/pages/site.h"
#include "http/session.h"

namespace tiltas::http::pages {
namespace {

constexpr long kSessionMaxAge = 8 * 3600;  // app::LoginPolicy::session_lifetime
constexpr long kLoginCsrfMaxAge = 3600;

// The login form with `message` (may be empty) and status.
Result<Reply> login_form(const Request& request, View view, const std::string& csrf, const std::string& next,
                         const std::string& email, const std::string& notice, int status) {
  const Lang lang = lang_of_path(request.path);
  view.set("login_csrf", csrf);
  view.set("next", next);
  view.set("email", email);
  view.set("action", href(lang, "/login"));
  view.set("has_message", flag(!notice.empty()));
  view.set("message", notice);
  auto reply = render_reply("login", message(lang, "login_heading"), std::move(view), request);
  if (!reply) return reply;
  reply->status = status;
  reply->headers.emplace_back("Cache-Control", "no-store");
  return reply;
}

}  // namespace

void set_session_view(View& view, const Request& request) {
  if (!request.session) return;
  view.set("signed_in_as", request.session->email);
  view.set("account_href", href(lang_of_path(request.path), "/login"));
  view.set("csrf", request.session->csrf_token);
  view.set("logout_back", href(lang_of_path(request.path), "/"));
  view.set("is_admin", flag(request.session->role == "admin"));
  view.set("is_editor", flag(request.session->role == "admin" || request.session->role == "editor"));
  // Who is signed in and the log-out button, atop every editors' page.
  auto bar = find_asset("templates/editor_bar.mustache");
  const std::string bar_text = bar ? std::string(*bar) : std::string();
  view.set("editor_bar", kainjow::mustache::partial([bar_text] { return bar_text; }));
}

Result<Reply> login_page(const Context&, const Request& request) {
  const Lang lang = lang_of_path(request.path);
  const std::string csrf = app::random_token();
  const std::string next = local_path(query_text(request, "next").value_or(""), "");
  View view;
  if (request.session) {
    // Signed in: who, the way to the editors' pages, the log-out buttons;
    // the form stays for signing in with another account.
    set_session_view(view, request);
    view.set("signed_in", flag(true));
    view.set("signed_in_text", message(lang, "login_signed_in_as", "email", request.session->email));
    view.set("review_href", href(lang, "/review"));
    view.set("admin_href", href(lang, "/admin/users"));
  }
  auto reply = login_form(request, std::move(view), csrf, next, "", "", 200);
  if (reply) reply->headers.emplace_back("Set-Cookie", set_cookie(kLoginCsrfCookie, csrf, kLoginCsrfMaxAge, request.secure));
  return reply;
}

Result<Reply> login_submit(const Context& context, const Request& request) {
  const Lang lang = lang_of_path(request.path);
  const std::string expected = cookie_value(request.cookie, kLoginCsrfCookie);
  const std::string given = form_value(request, "login_csrf");
  if (expected.empty() || given.empty() || !app::same_secret(expected, given)) return forbidden_page(request);

  const std::string email = form_value(request, "email");
  const std::string next = local_path(form_value(request, "next"), "");
  auto result = app::login(context.store, email, form_value(request, "password"), request.client_address,
                           std::chrono::system_clock::now());
  if (!result) return unexpected(result.error());
  switch (result->outcome) {
    case app::LoginOutcome::kLockedOut:
      spdlog::warn("login locked out for an account or address (too many failures)");
      return login_form(request, View(), expected, next, email, message(lang, "login_locked"), 429);
    case app::LoginOutcome::kBadCredentials:
      return login_form(request, View(), expected, next, email, message(lang, "login_failed"), 401);
    case app::LoginOutcome::kSignedIn: break;
  }
  // Whatever session the browser came with ends here: the new one has a new id.
  if (request.session) {
    if (auto ended = context.store.delete_session(request.session->id_hash); !ended) return unexpected(ended.error());
  }
  const bool editor = result->session.role == "admin" || result->session.role == "editor";
  Reply r = redirect(local_path(next, href(lang, editor ? "/review" : "/login")));
  r.headers.emplace_back("Set-Cookie", set_cookie(kSessionCookie, result->session_id, kSessionMaxAge, request.secure));
  r.headers.emplace_back("Set-Cookie", set_cookie(kLoginCsrfCookie, "", 0, request.secure));
  return r;
}

Result<Reply> logout(const Context& context, const Request& request) {
  if (auto ended = context.store.delete_session(request.session->id_hash); !ended) return unexpected(ended.error());
  Reply r = redirect(local_path(form_value(request, "back"), "/"));
  r.headers.emplace_back("Set-Cookie", set_cookie(kSessionCookie, "", 0, request.secure));
  return r;
}

Result<Reply> logout_everywhere(const Context& context, const Request& request) {
  auto ended = context.store.delete_sessions_of_user(request.session->user_id);
  if (!ended) return unexpected(ended.error());
  Reply r = redirect(local_path(form_value(request, "back"), "/"));
  r.headers.emplace_back("Set-Cookie", set_cookie(kSessionCookie, "", 0, request.secure));
  return r;
}

}  // namespace tiltas::http::pages
