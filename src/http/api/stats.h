// GET /api/v1/stats: totals over the published registry.
#pragma once

#include <chrono>
#include <mutex>
#include <optional>
#include <string>

#include "base/error.h"
#include "http/reply.h"
#include "http/request.h"

namespace tiltas::http {

// The last statistics body, kept for kTtl: computing them reads every
// published project. The server's own writes invalidate it; imports by
// other processes (the CLI) show within kTtl. Thread-safe.
class StatsCache {
 public:
  static constexpr std::chrono::seconds kTtl{300};

  std::optional<std::string> get(std::chrono::steady_clock::time_point now) const;
  void put(std::string body, std::chrono::steady_clock::time_point now);
  void invalidate();

 private:
  mutable std::mutex mutex_;
  std::optional<std::string> body_;
  std::chrono::steady_clock::time_point at_;
};

namespace api {

// GET /api/v1/stats:
// {"projects":N, "organisations":N,
//  "amounts":{"by_currency":{"EUR":{"budget":x,"granted":y,"other":z}},
//             "by_programme":[{"programme","projects","amounts":{...}}],
//             "by_year":[{"year","projects","amounts":{...}}]},
//  "indicators":[{"unit","planned","achieved","unknown","projects"}],
//  "partnerships":[{"countries":["LT","NO"],"projects":N}]}
// Amounts are in major units; year is the start year of the period; units
// are normalised (case, spacing, diacritics folded). Only published projects.
Result<Reply> stats(const Context& context, const Request& request);

}  // namespace api
}  // namespace tiltas::http
