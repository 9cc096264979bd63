// A short-lived cache of public GET replies (micro-caching): a popular
// record read thousands of times a second is built once per time-to-live
// instead of once per request. Replies are keyed by path and query string.
//
// Consistency: this server's own writes clear it at once (invalidate_caches);
// writes by other processes (the CLI, other servers on one PostgreSQL) show
// after at most the time-to-live. ETag, gzip and headers are applied to the
// cached reply per request as to a fresh one.
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "http/reply.h"

namespace tiltas::http {

class ResponseCache {
 public:
  using Clock = std::chrono::steady_clock;

  // `ttl` zero disables the cache. At most `max_bytes` of bodies are kept;
  // when full, the whole cache is dropped (entries live a second anyway).
  ResponseCache(std::chrono::milliseconds ttl, std::size_t max_bytes);

  bool enabled() const { return ttl_.count() > 0; }

  // A copy of the reply stored under `key` if younger than the ttl.
  std::optional<Reply> get(const std::string& key, Clock::time_point now) const;
  // Stores a 200 reply without a stream; others are ignored.
  void put(std::string key, const Reply& reply, Clock::time_point now);
  void clear();

 private:
  struct Entry {
    std::shared_ptr<const Reply> reply;
    Clock::time_point at;
  };
  const std::chrono::milliseconds ttl_;
  const std::size_t max_bytes_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, Entry> entries_;
  std::size_t bytes_ = 0;
};

// The cache key of a request: "path?query" as received.
std::string cache_key(std::string_view path, std::string_view raw_query);

}  // namespace tiltas::http
