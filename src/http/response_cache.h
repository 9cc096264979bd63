// A short-lived cache of public GET replies (micro-caching): a popular
// record read thousands of times a second is built once per time-to-live
// instead of once per request. Replies are keyed by path and query string.
//
// An entry is kept ready for the wire: its ETag, and its gzip body and tag
// when compressing is worth it, are computed once when it is stored, and the
// bodies are shared (not copied) with the responses that send them. The
// server answers a hit before routing the request (server.cc).
//
// Consistency: this server's own writes clear it at once (invalidate_caches);
// writes by other processes (the CLI, other servers on one PostgreSQL) show
// after at most the time-to-live.
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "http/reply.h"

namespace tiltas::http {

struct CachedReply {
  Reply reply;             // as the handler made it (status 200), body moved to `body`
  std::size_t route = 0;   // index in the route table, for the metrics
  std::shared_ptr<const std::string> body;
  std::string etag;
  // Null when the body is too small or of a type not worth compressing.
  std::shared_ptr<const std::string> gzip_body;
  std::string gzip_etag;
};

class ResponseCache {
 public:
  using Clock = std::chrono::steady_clock;

  // `ttl` zero disables the cache. At most `max_bytes` of bodies are kept;
  // when full, the whole cache is dropped (entries live a second anyway).
  ResponseCache(std::chrono::milliseconds ttl, std::size_t max_bytes);

  bool enabled() const { return ttl_.count() > 0; }

  // The entry stored under `key` if younger than the ttl.
  std::shared_ptr<const CachedReply> get(std::string_view key, Clock::time_point now) const;
  // Stores a 200 reply without a stream; others are ignored.
  void put(std::string key, const Reply& reply, std::size_t route, Clock::time_point now);
  void clear();

 private:
  struct Entry {
    std::shared_ptr<const CachedReply> reply;
    Clock::time_point at;
    std::size_t bytes = 0;  // key and bodies, counted against max_bytes
  };
  // Lookups by string_view: no key string is built for a hit.
  struct KeyHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  const std::chrono::milliseconds ttl_;
  const std::size_t max_bytes_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, Entry, KeyHash, std::equal_to<>> entries_;
  std::size_t bytes_ = 0;
};

// The cache key of a request: "path?query" as received.
std::string cache_key(std::string_view path, std::string_view raw_query);

// Whether a request may be answered from, and its reply stored in, the
// cache: a GET of the public JSON API without a body. Exports stream and
// are never cached; the route's access level is checked when storing.
bool cacheable_request(std::string_view method, std::string_view path);

}  // namespace tiltas::http
