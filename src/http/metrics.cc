#include "http/metrics.h"

#include <algorithm>

#include <fmt/format.h>

namespace tiltas::http {
namespace {

// Label values escape backslash, quote and newline (exposition format).
std::string escape_label(std::string_view value) {
  std::string out;
  for (char c : value) {
    if (c == '\\' || c == '"') out.push_back('\\');
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out.push_back(c);
  }
  return out;
}

}  // namespace

Metrics::Metrics(std::vector<RouteLabel> routes)
    : labels_(std::move(routes)), per_route_(new PerRoute[std::max<std::size_t>(1, labels_.size())]) {
  if (labels_.empty()) labels_.push_back({"", "unmatched"});
}

void Metrics::record(std::size_t route, int status, std::chrono::nanoseconds latency) {
  PerRoute& r = per_route_[std::min(route, labels_.size() - 1)];
  const int index = std::clamp(status, 100, 599) - 100;
  r.by_status[static_cast<std::size_t>(index)].fetch_add(1, std::memory_order_relaxed);
  const double seconds = std::chrono::duration<double>(latency).count();
  const auto bucket = static_cast<std::size_t>(std::lower_bound(kBuckets.begin(), kBuckets.end(), seconds) - kBuckets.begin());
  r.buckets[bucket].fetch_add(1, std::memory_order_relaxed);
  r.count.fetch_add(1, std::memory_order_relaxed);
  r.sum_ns.fetch_add(static_cast<std::uint64_t>(std::max<std::int64_t>(0, latency.count())), std::memory_order_relaxed);
}

std::string Metrics::render(const std::vector<Gauge>& gauges) const {
  std::string out;
  out += "# HELP tiltas_http_requests_total HTTP requests answered, by route and status.\n";
  out += "# TYPE tiltas_http_requests_total counter\n";
  for (std::size_t i = 0; i < labels_.size(); ++i) {
    const PerRoute& r = per_route_[i];
    for (std::size_t s = 0; s < r.by_status.size(); ++s) {
      const std::uint64_t n = r.by_status[s].load(std::memory_order_relaxed);
      if (n == 0) continue;
      out += fmt::format("tiltas_http_requests_total{{method=\"{}\",route=\"{}\",status=\"{}\"}} {}\n",
                         escape_label(labels_[i].method), escape_label(labels_[i].route), s + 100, n);
    }
  }
  out += "# HELP tiltas_http_request_duration_seconds Time from a request's arrival to its response, by route.\n";
  out += "# TYPE tiltas_http_request_duration_seconds histogram\n";
  for (std::size_t i = 0; i < labels_.size(); ++i) {
    const PerRoute& r = per_route_[i];
    const std::uint64_t count = r.count.load(std::memory_order_relaxed);
    if (count == 0) continue;
    const std::string labels =
        fmt::format("method=\"{}\",route=\"{}\"", escape_label(labels_[i].method), escape_label(labels_[i].route));
    std::uint64_t cumulative = 0;
    for (std::size_t b = 0; b < kBuckets.size(); ++b) {
      cumulative += r.buckets[b].load(std::memory_order_relaxed);
      out += fmt::format("tiltas_http_request_duration_seconds_bucket{{{},le=\"{}\"}} {}\n", labels, kBuckets[b],
                         cumulative);
    }
    cumulative += r.buckets[kBuckets.size()].load(std::memory_order_relaxed);
    out += fmt::format("tiltas_http_request_duration_seconds_bucket{{{},le=\"+Inf\"}} {}\n", labels, cumulative);
    out += fmt::format("tiltas_http_request_duration_seconds_sum{{{}}} {}\n", labels,
                       static_cast<double>(r.sum_ns.load(std::memory_order_relaxed)) / 1e9);
    out += fmt::format("tiltas_http_request_duration_seconds_count{{{}}} {}\n", labels, cumulative);
  }
  for (const auto& g : gauges) {
    out += fmt::format("# HELP {0} {1}\n# TYPE {0} gauge\n{0} {2}\n", g.name, g.help, g.value);
  }
  return out;
}

}  // namespace tiltas::http
