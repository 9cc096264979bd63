// What the editors' HTTP tests share (issue 9): a server of their own on
// 127.0.0.1 port 0 with a temporary SQLite store and three accounts, and a
// Browser that keeps cookies and reads CSRF tokens from the pages, as a
// browser without JavaScript would.
#pragma once

#include <map>
#include <memory>
#include <regex>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <httplib.h>

#include "app/accounts.h"
#include "base/hash.h"
#include "http/server.h"
#include "store/store.h"
#include "support/temp_dir.h"

namespace tiltas::http::testing_editors {

inline constexpr const char* kPassword = "correct horse battery";
inline constexpr const char* kAdmin = "admin@tiltas.test";
inline constexpr const char* kEditor = "editor@tiltas.test";
inline constexpr const char* kViewer = "viewer@tiltas.test";

// The first value="..." of the hidden input named `name` in `html`.
inline std::string hidden_value(const std::string& html, const std::string& name) {
  std::smatch m;
  std::regex re("name=\"" + name + "\" value=\"([^\"]*)\"");
  if (!std::regex_search(html, m, re)) return {};
  return m[1];
}

class Browser {
 public:
  explicit Browser(std::uint16_t port, std::string forwarded_for = "") : port_(port), forwarded_for_(std::move(forwarded_for)) {}

  httplib::Result get(const std::string& path, httplib::Headers extra = {}) {
    auto c = client();
    auto res = c.Get(path, with_cookies(std::move(extra)));
    remember(res);
    return res;
  }

  httplib::Result post(const std::string& path, const httplib::Params& form, httplib::Headers extra = {}) {
    auto c = client();
    auto res = c.Post(path, with_cookies(std::move(extra)), form);
    remember(res);
    return res;
  }

  // GET /login, then POST the form with its CSRF token. Returns the POST's
  // response (303 on success).
  httplib::Result login(const std::string& email, const std::string& password, const std::string& next = "") {
    auto page = get("/login");
    EXPECT_TRUE(page && page->status == 200);
    if (!page) return page;
    return post("/login", {{"email", email}, {"password", password}, {"login_csrf", hidden_value(page->body, "login_csrf")},
                           {"next", next}});
  }

  // The session's CSRF token, read from the signed-in login page.
  std::string csrf() {
    auto page = get("/login");
    return page ? hidden_value(page->body, "csrf") : std::string();
  }

  std::string cookie(const std::string& name) const {
    auto it = cookies_.find(name);
    return it == cookies_.end() ? std::string() : it->second;
  }
  void set_cookie(const std::string& name, const std::string& value) { cookies_[name] = value; }
  void forget_cookies() { cookies_.clear(); }
  // Every Set-Cookie header of the last response.
  const std::vector<std::string>& last_set_cookies() const { return last_set_cookies_; }

 private:
  httplib::Client client() const {
    httplib::Client c("127.0.0.1", port_);
    c.set_url_encode(false);
    c.set_read_timeout(20, 0);
    return c;
  }

  httplib::Headers with_cookies(httplib::Headers headers) const {
    std::string jar;
    for (const auto& [name, value] : cookies_) {
      if (!jar.empty()) jar += "; ";
      jar += name + "=" + value;
    }
    if (!jar.empty()) headers.emplace("Cookie", jar);
    if (!forwarded_for_.empty()) headers.emplace("X-Forwarded-For", forwarded_for_);
    return headers;
  }

  void remember(const httplib::Result& res) {
    last_set_cookies_.clear();
    if (!res) return;
    for (auto [it, end] = res->headers.equal_range("Set-Cookie"); it != end; ++it) {
      last_set_cookies_.push_back(it->second);
      const std::string& header = it->second;
      const auto eq = header.find('=');
      const auto semi = header.find(';');
      const std::string name = header.substr(0, eq);
      const std::string value = header.substr(eq + 1, semi == std::string::npos ? std::string::npos : semi - eq - 1);
      if (header.find("Max-Age=0") != std::string::npos || value.empty()) {
        cookies_.erase(name);
      } else {
        cookies_[name] = value;
      }
    }
  }

  std::uint16_t port_;
  std::string forwarded_for_;
  std::map<std::string, std::string> cookies_;
  std::vector<std::string> last_set_cookies_;
};

inline model::Document document_for(const std::string& text, const std::string& source) {
  model::Document d;
  d.source = source;
  d.name = "page";
  d.sha256 = sha256_hex(text);
  d.language = "en";
  d.media_type = "text/plain";
  d.text = text;
  return d;
}

// A server with accounts for each role. Hashing passwords (argon2id) takes a
// moment, so each fixture makes three.
class EditorsServerTest : public ::testing::Test {
 protected:
  void SetUp() override { start(false); }

  void start(bool trust_proxy) {
    server_.reset();
    auto s = store::open_store("sqlite:" + dir_.file(trust_proxy ? "proxied.db" : "registry.db"));
    ASSERT_TRUE(s) << s.error().describe();
    store_ = std::move(*s);
    for (auto [email, role] : {std::pair{kAdmin, "admin"}, std::pair{kEditor, "editor"}, std::pair{kViewer, "viewer"}}) {
      auto u = app::add_user(*store_, email, role, kPassword);
      ASSERT_TRUE(u) << u.error().describe();
    }
    ServerOptions options;
    options.port = 0;
    options.threads = 2;
    options.trust_proxy = trust_proxy;
    auto server = Server::start(*store_, options);
    ASSERT_TRUE(server) << server.error().describe();
    server_ = std::move(*server);
  }

  Browser browser(std::string forwarded_for = "") const { return Browser(server_->port(), std::move(forwarded_for)); }

  // A browser signed in as `email` (asserts success).
  Browser signed_in(const std::string& email) const {
    Browser b = browser();
    auto res = b.login(email, kPassword);
    EXPECT_TRUE(res && res->status == 303) << email << ": " << (res ? res->status : 0);
    EXPECT_FALSE(b.cookie("tiltas_session").empty()) << email;
    return b;
  }

  testing::TempDir dir_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<Server> server_;
};

}  // namespace tiltas::http::testing_editors
