// A request as handlers see it: the transport (RESTinio) is decoded in
// routes.cc, so handlers are plain functions of (Context, Request) that tests
// could call without a socket.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "base/error.h"
#include "model/project.h"
#include "store/store.h"

namespace tiltas::http {

// What every handler may use. The store is shared by all request threads
// (Store is thread-safe by contract).
class Metrics;     // http/metrics.h
class StatsCache;  // http/api/stats.h
class ResponseCache;  // http/response_cache.h
namespace pages {
class FactsCache;  // http/pages/registry_facts.h
}
struct Context {
  store::Store& store;
  const Metrics* metrics = nullptr;  // for GET /metrics; null in handler tests
  StatsCache* stats = nullptr;       // for GET /api/v1/stats; null: computed per request
  pages::FactsCache* facts = nullptr;  // results, map and network pages; null: computed per request
  // Whether X-Forwarded-Proto and X-Forwarded-For come from a proxy we trust
  // (ServerOptions::trust_proxy): they then decide Secure cookies and the
  // client address that logins are rate-limited by.
  bool trust_proxy = false;
  ResponseCache* responses = nullptr;  // public API GETs; null: never cached
};

// Forgets the cached aggregates (statistics, the pages' registry facts)
// and replies
// after a write through this server. Other servers and the CLI see theirs
// expire after the caches' time to live.
void invalidate_caches(const Context& context);

struct Request {
  std::string method;                         // "GET", "POST", ...
  std::string path;                           // without the query string
  std::map<std::string, std::string> params;  // route parameters (":id"), percent-decoded
  std::map<std::string, std::string> query;   // query parameters, percent-decoded
  std::string content_type;                   // the Content-Type header, may be ""
  std::string body;                           // empty for GET
  // The caller's API token on Access::kToken routes (never the secret).
  std::optional<store::ApiToken> token;
  // Editors (issue 9): an application/x-www-form-urlencoded body, decoded;
  // the Cookie header; the peer's IP address; whether the request came over
  // TLS (an X-Forwarded-Proto of https, when Context::trust_proxy); and the
  // signed-in session, when the request carried a valid session cookie.
  std::map<std::string, std::string> form;
  std::string cookie;
  std::string client_address;
  bool secure = false;
  std::optional<store::Session> session;
};

// Parses a record id ("42"): digits only, 1..INT64_MAX. kInvalidArgument
// (with Error::field = `field`) for anything else, including overflow.
Result<model::Id> parse_id(std::string_view text, std::string_view field);

// An optional integer query parameter within [min, max]; std::nullopt when
// absent or empty. kInvalidArgument naming `name` when not a number or out of
// range.
Result<std::optional<std::int64_t>> query_int(const Request& request, const std::string& name, std::int64_t min,
                                              std::int64_t max);

// An optional text query parameter, trimmed; std::nullopt when absent or blank.
std::optional<std::string> query_text(const Request& request, const std::string& name);

}  // namespace tiltas::http
