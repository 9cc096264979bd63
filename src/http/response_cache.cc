#include "http/response_cache.h"

#include <utility>

#include "http/representation.h"

namespace tiltas::http {

ResponseCache::ResponseCache(std::chrono::milliseconds ttl, std::size_t max_bytes)
    : ttl_(ttl), max_bytes_(max_bytes) {}

std::shared_ptr<const CachedReply> ResponseCache::get(std::string_view key, Clock::time_point now) const {
  if (!enabled()) return nullptr;
  std::lock_guard lock(mutex_);
  auto it = entries_.find(key);
  if (it == entries_.end() || now - it->second.at >= ttl_) return nullptr;
  return it->second.reply;
}

void ResponseCache::put(std::string key, const Reply& reply, std::size_t route, Clock::time_point now) {
  if (!enabled() || reply.status != 200 || reply.stream) return;
  // Prepared outside the lock: hashing and gzip take longer than a lookup.
  auto entry = std::make_shared<CachedReply>();
  entry->reply.status = reply.status;
  entry->reply.content_type = reply.content_type;
  entry->reply.headers = reply.headers;
  entry->route = route;
  entry->etag = entity_tag(reply.body);
  if (reply.body.size() >= kMinGzipBytes && compressible(reply.content_type)) {
    entry->gzip_body = std::make_shared<const std::string>(gzip_compressed(reply.body));
    entry->gzip_etag = gzip_entity_tag(entry->etag);
  }
  entry->body = std::make_shared<const std::string>(reply.body);
  const std::size_t size =
      key.size() + reply.body.size() + (entry->gzip_body ? entry->gzip_body->size() : std::size_t{0});
  std::lock_guard lock(mutex_);
  if (bytes_ + size > max_bytes_) {
    entries_.clear();
    bytes_ = 0;
  }
  if (auto old = entries_.find(key); old != entries_.end()) bytes_ -= old->second.bytes;
  entries_.insert_or_assign(std::move(key), Entry{std::move(entry), now, size});
  bytes_ += size;
}

void ResponseCache::clear() {
  std::lock_guard lock(mutex_);
  entries_.clear();
  bytes_ = 0;
}

std::string cache_key(std::string_view path, std::string_view raw_query) {
  std::string key;
  key.reserve(path.size() + 1 + raw_query.size());
  key.append(path);
  key += '?';
  key.append(raw_query);
  return key;
}

bool cacheable_request(std::string_view method, std::string_view path) {
  return method == "GET" && path.starts_with("/api/v1/") && path != "/api/v1/export";
}

}  // namespace tiltas::http
