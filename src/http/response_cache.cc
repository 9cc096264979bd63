#include "http/response_cache.h"

#include <utility>

namespace tiltas::http {

ResponseCache::ResponseCache(std::chrono::milliseconds ttl, std::size_t max_bytes)
    : ttl_(ttl), max_bytes_(max_bytes) {}

std::optional<Reply> ResponseCache::get(const std::string& key, Clock::time_point now) const {
  if (!enabled()) return std::nullopt;
  std::shared_ptr<const Reply> found;
  {
    std::lock_guard lock(mutex_);
    auto it = entries_.find(key);
    if (it == entries_.end() || now - it->second.at >= ttl_) return std::nullopt;
    found = it->second.reply;
  }
  // The copy is made outside the lock: readers of other keys do not wait.
  return *found;
}

void ResponseCache::put(std::string key, const Reply& reply, Clock::time_point now) {
  if (!enabled() || reply.status != 200 || reply.stream) return;
  auto stored = std::make_shared<const Reply>(reply);
  const std::size_t size = key.size() + reply.body.size();
  std::lock_guard lock(mutex_);
  if (bytes_ + size > max_bytes_) {
    entries_.clear();
    bytes_ = 0;
  }
  auto [it, inserted] = entries_.insert_or_assign(std::move(key), Entry{std::move(stored), now});
  if (inserted) bytes_ += size;
}

void ResponseCache::clear() {
  std::lock_guard lock(mutex_);
  entries_.clear();
  bytes_ = 0;
}

std::string cache_key(std::string_view path, std::string_view raw_query) {
  std::string key(path);
  key += '?';
  key += raw_query;
  return key;
}

}  // namespace tiltas::http
