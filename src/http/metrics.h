// Request metrics in the Prometheus text format (version 0.0.4): requests by
// route and status and a latency histogram by route. Lock-free: recording is
// a few relaxed atomic increments, so the hot path stays fast.
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace tiltas::http {

class Metrics {
 public:
  // One label per route, in route index order; recordings for an index past
  // the end count under the last label (give "unmatched" last).
  struct RouteLabel {
    std::string method;
    std::string route;
  };
  explicit Metrics(std::vector<RouteLabel> routes);

  // Thread-safe. Statuses outside 100..599 count as 599.
  void record(std::size_t route, int status, std::chrono::nanoseconds latency);

  // The exposition text: the counters, the histogram, and the gauges given.
  // Thread-safe (a concurrent record() may or may not be included).
  struct Gauge {
    std::string name;
    std::string help;
    double value;
  };
  std::string render(const std::vector<Gauge>& gauges) const;

  // Upper bounds of the histogram buckets, seconds.
  static constexpr std::array<double, 14> kBuckets{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                   0.1,    0.25,  0.5,    1,     2.5,  5,     10};

 private:
  struct PerRoute {
    std::array<std::atomic<std::uint64_t>, 500> by_status{};  // index status - 100
    std::array<std::atomic<std::uint64_t>, kBuckets.size() + 1> buckets{};  // last: +Inf
    std::atomic<std::uint64_t> count{0};
    std::atomic<std::uint64_t> sum_ns{0};
  };
  std::vector<RouteLabel> labels_;
  std::unique_ptr<PerRoute[]> per_route_;
};

}  // namespace tiltas::http
