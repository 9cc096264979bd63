#include "search/ranking.h"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include <fmt/format.h>

namespace tiltas::search {

std::optional<SortOrder> parse_sort(std::string_view s) {
  if (s == "relevance" || s.empty()) return SortOrder::kRelevance;
  if (s == "start_date" || s == "date") return SortOrder::kStartDate;
  if (s == "amount") return SortOrder::kAmount;
  return std::nullopt;
}

std::string_view to_string(SortOrder s) {
  switch (s) {
    case SortOrder::kRelevance: return "relevance";
    case SortOrder::kStartDate: return "start_date";
    case SortOrder::kAmount: return "amount";
  }
  return "relevance";
}

Status check_request(const SearchRequest& r) {
  if (r.page < 1 || r.page > 10000) return invalid_argument("page is a number from 1", "page");
  if (r.page_size < 1 || r.page_size > kMaxPageSize) {
    return invalid_argument(fmt::format("page_size is from 1 to {}", kMaxPageSize), "page_size");
  }
  if (r.query.empty()) return invalid_argument("the query is empty: type a word, a phrase or a filter", "q");
  return ok();
}

RankedPage rank(std::vector<Candidate> candidates, const SearchRequest& request, bool window_full) {
  RankedPage out;
  out.exhaustive = !window_full;
  // One hit per translation group: its best-scoring record speaks for it.
  std::unordered_map<model::Id, std::size_t> best;
  std::vector<Candidate> groups;
  groups.reserve(candidates.size());
  for (auto& c : candidates) {
    auto [it, inserted] = best.emplace(c.group, groups.size());
    if (inserted) {
      groups.push_back(std::move(c));
    } else if (c.score > groups[it->second].score) {
      Candidate& kept = groups[it->second];
      kept.score = c.score;
    }
  }
  out.total = static_cast<std::int64_t>(groups.size());

  // Views into the candidates' strings, which stay put until the facets are
  // copied out below: counting allocates nothing per candidate.
  std::unordered_map<std::string_view, std::unordered_map<std::string_view, std::int64_t>> counts;
  for (const auto& g : groups) {
    std::string_view v = g.facet_values;
    while (!v.empty()) {
      std::size_t nl = v.find('\n');
      std::string_view line = v.substr(0, nl);
      std::size_t eq = line.find('=');
      if (eq != std::string_view::npos) ++counts[line.substr(0, eq)][line.substr(eq + 1)];
      if (nl == std::string_view::npos) break;
      v.remove_prefix(nl + 1);
    }
    ++counts["review_state"][g.review_state];
  }
  for (auto& [facet, values] : counts) {
    auto& list = out.facets[std::string(facet)];
    for (auto& [value, n] : values) list.push_back({std::string(value), n});
    std::sort(list.begin(), list.end(), [](const FacetCount& a, const FacetCount& b) { return a.value < b.value; });
    const bool years = facet == "year";  // (a structured binding cannot be captured before C++20 in clang 14)
    std::stable_sort(list.begin(), list.end(), [years](const FacetCount& a, const FacetCount& b) {
      // Years read best in order; other facets by frequency.
      if (years) return a.value > b.value;
      return a.count > b.count;
    });
  }

  auto by_score = [](const Candidate& a, const Candidate& b) {
    if (a.score != b.score) return a.score > b.score;
    return a.group > b.group;
  };
  auto by_date = [&](const Candidate& a, const Candidate& b) {
    if (a.start_date != b.start_date) {
      if (!a.start_date) return false;
      if (!b.start_date) return true;
      return *a.start_date > *b.start_date;
    }
    return by_score(a, b);
  };
  auto by_amount = [&](const Candidate& a, const Candidate& b) {
    if (a.amount_minor != b.amount_minor) {
      if (!a.amount_minor) return false;
      if (!b.amount_minor) return true;
      return *a.amount_minor > *b.amount_minor;
    }
    return by_score(a, b);
  };
  std::size_t from = static_cast<std::size_t>(request.page - 1) * static_cast<std::size_t>(request.page_size);
  std::size_t to = std::min(groups.size(), from + static_cast<std::size_t>(request.page_size));
  if (from >= groups.size()) return out;
  auto middle = groups.begin() + static_cast<std::ptrdiff_t>(to);
  switch (request.sort) {
    case SortOrder::kRelevance: std::partial_sort(groups.begin(), middle, groups.end(), by_score); break;
    case SortOrder::kStartDate: std::partial_sort(groups.begin(), middle, groups.end(), by_date); break;
    case SortOrder::kAmount: std::partial_sort(groups.begin(), middle, groups.end(), by_amount); break;
  }
  for (std::size_t i = from; i < to; ++i) out.hits.emplace_back(groups[i].group, groups[i].score);
  return out;
}

}  // namespace tiltas::search
