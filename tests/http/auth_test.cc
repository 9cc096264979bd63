// Editors' accounts and sessions over HTTP (issue 9): the session cookie,
// session fixation, CSRF, the login rate limit, logging out (here and
// everywhere), passwords kept out of the logs, and every protected route of
// the router table refusing anonymous visitors and lower roles.
#include <sstream>
#include <string>

#include <gtest/gtest.h>
#include <httplib.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include "editors_support.h"
#include "http/route_table.h"

namespace tiltas::http {
namespace {

using namespace testing_editors;
using namespace tiltas::model;

class AuthTest : public EditorsServerTest {};

TEST_F(AuthTest, LoginSetsAHardenedCookieWithANewIdAndEndsTheSessionTheBrowserHad) {
  Browser b = browser();
  // An id planted by an attacker before the login (session fixation).
  b.set_cookie("tiltas_session", "attacker-chosen-id");
  auto res = b.login(kEditor, kPassword);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 303);
  EXPECT_EQ(res->get_header_value("Location"), "/review") << "editors land on the review queue";
  const std::string first = b.cookie("tiltas_session");
  EXPECT_NE(first, "attacker-chosen-id");
  EXPECT_EQ(first.size(), 43u) << "32 random bytes, base64url";
  std::string session_header;
  for (const auto& h : b.last_set_cookies()) {
    if (h.starts_with("tiltas_session=")) session_header = h;
  }
  EXPECT_NE(session_header.find("HttpOnly"), std::string::npos) << session_header;
  EXPECT_NE(session_header.find("SameSite=Strict"), std::string::npos) << session_header;
  EXPECT_NE(session_header.find("Path=/"), std::string::npos) << session_header;
  EXPECT_EQ(session_header.find("Secure"), std::string::npos) << "plain HTTP, no trusted proxy: " << session_header;
  EXPECT_TRUE(store_->find_session(sha256_hex(first), "2000-01-01T00:00:00Z").value().has_value())
      << "the store keeps the id's SHA-256, never the id";
  EXPECT_FALSE(store_->find_session(first, "2000-01-01T00:00:00Z").value().has_value());

  // Signing in again in the same browser gives a new id and ends the old one.
  auto again = b.login(kEditor, kPassword);
  ASSERT_TRUE(again && again->status == 303);
  const std::string second = b.cookie("tiltas_session");
  EXPECT_NE(second, first);
  Browser old = browser();
  old.set_cookie("tiltas_session", first);
  auto refused = old.get("/review");
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 303) << "the session the browser had before the login is over";
}

TEST_F(AuthTest, SecureCookiesBehindATrustedProxyOnly) {
  Browser direct = browser();
  auto page = direct.get("/login", {{"X-Forwarded-Proto", "https"}});
  ASSERT_TRUE(page);
  auto res = direct.post("/login", {{"email", kEditor}, {"password", kPassword}, {"login_csrf", hidden_value(page->body, "login_csrf")}},
                         {{"X-Forwarded-Proto", "https"}});
  ASSERT_TRUE(res && res->status == 303);
  for (const auto& h : direct.last_set_cookies()) {
    EXPECT_EQ(h.find("Secure"), std::string::npos) << "an untrusted client's header is ignored: " << h;
  }
  start(/*trust_proxy=*/true);
  Browser proxied = browser("203.0.113.9");
  page = proxied.get("/login", {{"X-Forwarded-Proto", "https"}});
  ASSERT_TRUE(page);
  res = proxied.post("/login", {{"email", kEditor}, {"password", kPassword}, {"login_csrf", hidden_value(page->body, "login_csrf")}},
                     {{"X-Forwarded-Proto", "https"}});
  ASSERT_TRUE(res && res->status == 303);
  bool secure = false;
  for (const auto& h : proxied.last_set_cookies()) {
    if (h.starts_with("tiltas_session=")) secure = h.find("; Secure") != std::string::npos;
  }
  EXPECT_TRUE(secure) << "TLS at the trusted proxy makes the cookie Secure";
}

TEST_F(AuthTest, FormsWithoutTheRightCsrfTokenAre403AndChangeNothing) {
  auto imported = store_->import_document(document_for("draft text", "csrf"), {[] {
    Project p;
    p.default_language = "en";
    p.titles.set("en", "CSRF target");
    return p;
  }()});
  ASSERT_TRUE(imported);
  const std::string path = "/review/projects/" + std::to_string(imported->project_ids[0]) + "/state";
  Browser editor = signed_in(kEditor);
  Browser other = signed_in(kAdmin);
  struct Case {
    httplib::Params form;
    const char* why;
  };
  const Case cases[] = {
      {{{"action", "publish"}}, "no token"},
      {{{"action", "publish"}, {"csrf", ""}}, "an empty token"},
      {{{"action", "publish"}, {"csrf", "not-the-token"}}, "a wrong token"},
      {{{"action", "publish"}, {"csrf", other.csrf()}}, "another session's token"},
  };
  for (const auto& c : cases) {
    auto res = editor.post(path, c.form);
    ASSERT_TRUE(res) << c.why;
    EXPECT_EQ(res->status, 403) << c.why;
  }
  EXPECT_EQ(store_->get_project(imported->project_ids[0], store::Visibility::kAll)->review_state,
            ReviewState::kDraft);
  auto res = editor.post(path, {{"action", "publish"}, {"csrf", editor.csrf()}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 303) << "the right token";
  EXPECT_EQ(store_->get_project(imported->project_ids[0], store::Visibility::kAll)->review_state,
            ReviewState::kPublished);

  // The login form has its own token (a cookie the form repeats).
  Browser fresh = browser();
  auto no_cookie = fresh.post("/login", {{"email", kEditor}, {"password", kPassword}, {"login_csrf", "guess"}});
  ASSERT_TRUE(no_cookie);
  EXPECT_EQ(no_cookie->status, 403) << "a login form posted from elsewhere";
  EXPECT_TRUE(fresh.cookie("tiltas_session").empty());
}

TEST_F(AuthTest, RepeatedFailuresLockTheAccountAndTheAddress) {
  start(/*trust_proxy=*/true);  // X-Forwarded-For tells the addresses apart
  Browser attacker = browser("198.51.100.1");
  for (int i = 0; i < 5; ++i) {
    auto res = attacker.login(kEditor, "wrong password " + std::to_string(i));
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 401) << "attempt " << i;
    EXPECT_NE(res->body.find("wrong"), std::string::npos) << "says the credentials are wrong";
  }
  auto locked = attacker.login(kEditor, kPassword);
  ASSERT_TRUE(locked);
  EXPECT_EQ(locked->status, 429) << "even the right password, once locked";
  EXPECT_TRUE(attacker.cookie("tiltas_session").empty());

  Browser elsewhere = browser("198.51.100.2");
  auto account_locked = elsewhere.login(kEditor, kPassword);
  ASSERT_TRUE(account_locked);
  EXPECT_EQ(account_locked->status, 429) << "the account is locked from every address";
  auto address_locked = attacker.login(kAdmin, kPassword);
  ASSERT_TRUE(address_locked);
  EXPECT_EQ(address_locked->status, 429) << "the address is locked for every account";
  auto fine = elsewhere.login(kAdmin, kPassword);
  ASSERT_TRUE(fine);
  EXPECT_EQ(fine->status, 303) << "another account from another address";

  // Unknown accounts fail the same way (and count against the address).
  Browser prober = browser("198.51.100.3");
  auto unknown = prober.login("nobody@tiltas.test", kPassword);
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->status, 401);
}

TEST_F(AuthTest, LogoutEndsOneSessionAndLogoutEverywhereEndsAll) {
  Browser a = signed_in(kEditor), b = signed_in(kEditor), c = signed_in(kEditor);
  auto out = a.post("/logout", {{"csrf", a.csrf()}, {"back", "/lt/"}});
  ASSERT_TRUE(out);
  EXPECT_EQ(out->status, 303);
  EXPECT_EQ(out->get_header_value("Location"), "/lt/") << "back to the page's language";
  EXPECT_TRUE(a.cookie("tiltas_session").empty()) << "the cookie is deleted";
  auto after = a.get("/review");
  ASSERT_TRUE(after);
  EXPECT_EQ(after->status, 303) << "signed out: sent to the login page";
  auto still = b.get("/review");
  ASSERT_TRUE(still);
  EXPECT_EQ(still->status, 200) << "the other sessions go on";

  const std::string c_id = c.cookie("tiltas_session");
  auto everywhere = b.post("/logout/everywhere", {{"csrf", b.csrf()}, {"back", "//evil.example/"}});
  ASSERT_TRUE(everywhere);
  EXPECT_EQ(everywhere->status, 303);
  EXPECT_EQ(everywhere->get_header_value("Location"), "/") << "never to another host";
  for (Browser* x : {&b, &c}) {
    auto res = x->get("/review");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 303);
  }
  EXPECT_FALSE(store_->find_session(sha256_hex(c_id), "2000-01-01T00:00:00Z").value().has_value());
}

TEST_F(AuthTest, PasswordsNeverReachTheLog) {
  std::ostringstream log;
  auto previous = spdlog::default_logger();
  const auto previous_level = spdlog::get_level();
  auto capture = std::make_shared<spdlog::logger>("capture", std::make_shared<spdlog::sinks::ostream_sink_mt>(log));
  capture->set_level(spdlog::level::trace);
  spdlog::set_default_logger(capture);
  spdlog::set_level(spdlog::level::trace);

  Browser b = browser();
  ASSERT_TRUE(b.login(kAdmin, "a wrong secret 1234"));
  Browser admin = signed_in(kAdmin);
  auto added = admin.post("/admin/users", {{"email", "new@tiltas.test"}, {"role", "editor"},
                                           {"password", "brand new secret 5678"}, {"csrf", admin.csrf()}});
  ASSERT_TRUE(added);
  EXPECT_EQ(added->status, 303);
  for (int i = 0; i < 6; ++i) ASSERT_TRUE(b.login(kViewer, "locking secret 9999"));  // ends locked (a warning)

  spdlog::set_default_logger(previous);
  spdlog::set_level(previous_level);
  const std::string text = log.str();
  EXPECT_NE(text.find("locked"), std::string::npos) << "the capture works: the lockout was logged";
  for (const char* secret : {kPassword, "a wrong secret 1234", "brand new secret 5678", "locking secret 9999"}) {
    EXPECT_EQ(text.find(secret), std::string::npos) << secret;
  }
  auto user = store_->find_user("new@tiltas.test").value();
  ASSERT_TRUE(user);
  EXPECT_TRUE(user->password_hash.starts_with("$argon2id$")) << user->password_hash;
  EXPECT_EQ(user->password_hash.find("brand new secret"), std::string::npos);
}

// Replaces ":id", ":field", ":code", ":file" in a route's path.
std::string concrete(std::string_view pattern, model::Id id) {
  std::string path(pattern);
  auto put = [&](const std::string& name, const std::string& value) {
    for (auto at = path.find(name); at != std::string::npos; at = path.find(name)) path.replace(at, name.size(), value);
  };
  put(":id", std::to_string(id));
  put(":field", "period");
  put(":code", "LT");
  put(":file", "site.css");
  return path;
}

TEST_F(AuthTest, EveryProtectedRouteRefusesAnonymousVisitorsAndLowerRolesAndNoPublicRouteShowsDrafts) {
  const std::string secret = "Zeppelinhangar draft";
  Project p;
  p.default_language = "en";
  p.titles.set("en", secret);
  p.programme = "Secret programme";
  p.participations.push_back({"Zeppelinhangar Works", "LT", Role::kPromoter, std::nullopt, std::nullopt});
  auto imported = store_->import_document(document_for("Zeppelinhangar draft text", "drafts"), {p});
  ASSERT_TRUE(imported);
  const model::Id id = imported->project_ids[0];

  Browser anonymous = browser();
  Browser viewer = signed_in(kViewer);
  Browser editor = signed_in(kEditor);
  const std::string viewer_csrf = viewer.csrf(), editor_csrf = editor.csrf();
  int protected_routes = 0;
  for (const Route& r : route_table()) {
    const std::string path = concrete(r.path, id);
    SCOPED_TRACE(std::string(r.method) + " " + path);
    const bool get = r.method == "GET";
    auto call = [&](Browser& b, const std::string& csrf) {
      if (get) return b.get(path + "?q=Zeppelinhangar");
      if (r.method == "POST") return b.post(path, {{"csrf", csrf}, {"action", "publish"}, {"from", "1"}, {"into", "2"}});
      httplib::Client c("127.0.0.1", server_->port());
      return r.method == "PATCH" ? c.Patch(path, "{}", "application/json") : c.Delete(path);
    };
    if (r.access == Access::kPublic) {
      if (!get) continue;  // POST /login: its own test
      for (Browser* b : {&anonymous, &viewer}) {
        auto res = call(*b, "");
        ASSERT_TRUE(res);
        // The query word itself is echoed in search boxes: the title and the
        // organisation are what must not appear.
        EXPECT_EQ(res->body.find(secret), std::string::npos) << "a draft leaked";
        EXPECT_EQ(res->body.find("Zeppelinhangar Works"), std::string::npos) << "a draft's organisation leaked";
      }
      continue;
    }
    if (r.access == Access::kToken) {
      auto res = call(anonymous, "");
      ASSERT_TRUE(res);
      EXPECT_EQ(res->status, 401) << "the API without a token";
      continue;
    }
    ++protected_routes;
    auto res = call(anonymous, "");
    ASSERT_TRUE(res);
    if (get) {
      EXPECT_EQ(res->status, 303);
      EXPECT_TRUE(res->get_header_value("Location").find("/login?next=") != std::string::npos)
          << res->get_header_value("Location");
    } else {
      EXPECT_EQ(res->status, 403);
    }
    EXPECT_EQ(res->body.find(secret), std::string::npos);
    if (r.access == Access::kEditor || r.access == Access::kAdmin) {
      auto as_viewer = call(viewer, viewer_csrf);
      ASSERT_TRUE(as_viewer);
      EXPECT_EQ(as_viewer->status, 403) << "a viewer, even with a valid CSRF token";
      EXPECT_EQ(as_viewer->body.find(secret), std::string::npos);
    }
    if (r.access == Access::kAdmin) {
      auto as_editor = call(editor, editor_csrf);
      ASSERT_TRUE(as_editor);
      EXPECT_EQ(as_editor->status, 403) << "admin pages are not for editors";
    }
  }
  EXPECT_GE(protected_routes, 10) << "the table has the editors' routes";
  EXPECT_EQ(store_->get_project(id, store::Visibility::kAll)->review_state, ReviewState::kDraft)
      << "no refused request published it";
  auto visible = editor.get("/review/projects/" + std::to_string(id));
  ASSERT_TRUE(visible);
  EXPECT_EQ(visible->status, 200);
  EXPECT_NE(visible->body.find(secret), std::string::npos) << "editors do see it";
  EXPECT_EQ(visible->get_header_value("Cache-Control"), "no-store");
}

TEST_F(AuthTest, AdminsManageAccountsAndCannotRemoveThemselves) {
  Browser admin = signed_in(kAdmin);
  auto page = admin.get("/admin/users");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  EXPECT_NE(page->body.find(kViewer), std::string::npos);
  auto bad = admin.post("/admin/users", {{"email", "short@tiltas.test"}, {"role", "editor"}, {"password", "short"},
                                         {"csrf", admin.csrf()}});
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 400);
  EXPECT_NE(bad->body.find("at least 10 characters"), std::string::npos) << "says what is wrong";
  auto self = admin.post("/admin/users/remove", {{"email", kAdmin}, {"csrf", admin.csrf()}});
  ASSERT_TRUE(self);
  EXPECT_EQ(self->status, 400);
  Browser viewer = signed_in(kViewer);
  auto removed = admin.post("/admin/users/remove", {{"email", kViewer}, {"csrf", admin.csrf()}});
  ASSERT_TRUE(removed);
  EXPECT_EQ(removed->status, 303);
  EXPECT_FALSE(store_->find_user(kViewer).value().has_value());
  auto gone = viewer.get("/login");
  ASSERT_TRUE(gone);
  EXPECT_EQ(gone->body.find("/logout"), std::string::npos) << "a removed account's session is over";
  EXPECT_EQ(hidden_value(gone->body, "csrf"), "") << "no session token on the page";
}

}  // namespace
}  // namespace tiltas::http
