#include "model/translation_match.h"

#include <algorithm>
#include <set>
#include <string>
#include <vector>

namespace tiltas::model {
namespace {

// Equal at the coarser of the two precisions: "2021-06" ~ "2021-06-01".
bool same_at_common_precision(const PartialDate& a, const PartialDate& b) {
  if (a.year_value() != b.year_value()) return false;
  if (a.month_value() == 0 || b.month_value() == 0) return true;
  if (a.month_value() != b.month_value()) return false;
  if (a.day_value() == 0 || b.day_value() == 0) return true;
  return a.day_value() == b.day_value();
}

// Activity codes without trailing dots ("1.1." ~ "1.1").
std::set<std::string> activity_codes(const Project& p) {
  std::set<std::string> out;
  for (const auto& a : p.activities) {
    std::string code = a.code;
    while (!code.empty() && code.back() == '.') code.pop_back();
    if (!code.empty()) out.insert(code);
  }
  return out;
}

std::vector<std::string> partner_countries(const Project& p) {
  std::vector<std::string> out;
  for (const auto& o : p.participations) {
    if (o.role != Role::kFunder && o.country) out.push_back(*o.country);
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

double translation_match_score(const Project& a, const Project& b) {
  if (a.default_language == b.default_language) return -1;
  if (a.programme && b.programme && *a.programme != *b.programme) return -1;
  double score = 0;
  auto period_part = [&](const std::optional<PartialDate>& x, const std::optional<PartialDate>& y) {
    if (!x || !y) return 0.0;
    return same_at_common_precision(*x, *y) ? 1.0 : -100.0;
  };
  score += period_part(a.period.start, b.period.start);
  score += period_part(a.period.end, b.period.end);
  if (score < 0) return -1;

  auto ca = activity_codes(a), cb = activity_codes(b);
  if (!ca.empty() && !cb.empty()) {
    std::size_t common = 0;
    for (const auto& c : ca) common += cb.count(c);
    if (ca == cb) {
      score += 2;
    } else if (2 * common >= std::max(ca.size(), cb.size())) {
      score += 1;
    }
  }
  bool amount_match = false;
  for (const auto& x : a.amounts) {
    for (const auto& y : b.amounts) {
      if (x.minor_units == y.minor_units && x.currency == y.currency && x.minor_units > 0) amount_match = true;
    }
  }
  if (amount_match) score += 2;
  auto pa = partner_countries(a), pb = partner_countries(b);
  if (pa.size() >= 2 && pa == pb) score += 1;
  if (a.programme && b.programme) score += 0.5;
  return score;
}

}  // namespace tiltas::model
