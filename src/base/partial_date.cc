#include "base/partial_date.h"

#include <charconv>

#include <date/date.h>
#include <fmt/format.h>

namespace tiltas {
namespace {

constexpr int kMinYear = 1000;
constexpr int kMaxYear = 9999;

bool parse_digits(std::string_view s, int& out) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && ptr == s.data() + s.size();
}

}  // namespace

int days_in_month(int year, int month) {
  auto last = date::year_month_day_last(date::year{year}, date::month_day_last{date::month(static_cast<unsigned>(month))});
  return static_cast<int>(static_cast<unsigned>(last.day()));
}

Result<PartialDate> PartialDate::year(int y) {
  if (y < kMinYear || y > kMaxYear) {
    return invalid_argument(fmt::format("year {} is out of range {}..{}", y, kMinYear, kMaxYear));
  }
  return PartialDate(y, 0, 0, DatePrecision::kYear);
}

Result<PartialDate> PartialDate::year_month(int y, int m) {
  auto base = year(y);
  if (!base) return base;
  if (m < 1 || m > 12) return invalid_argument(fmt::format("month {} is not 1..12", m));
  return PartialDate(y, m, 0, DatePrecision::kMonth);
}

Result<PartialDate> PartialDate::ymd(int y, int m, int d) {
  auto base = year_month(y, m);
  if (!base) return base;
  if (d < 1 || d > days_in_month(y, m)) {
    return invalid_argument(fmt::format("day {} does not exist in {:04}-{:02}", d, y, m));
  }
  return PartialDate(y, m, d, DatePrecision::kDay);
}

Result<PartialDate> PartialDate::parse_iso(std::string_view text) {
  auto bad = [&] {
    return invalid_argument(fmt::format("'{}' is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)", text));
  };
  int y = 0, m = 0, d = 0;
  if (text.size() == 4) {
    if (!parse_digits(text, y)) return bad();
    return year(y);
  }
  if (text.size() == 7 && text[4] == '-') {
    if (!parse_digits(text.substr(0, 4), y) || !parse_digits(text.substr(5, 2), m)) return bad();
    return year_month(y, m);
  }
  if (text.size() == 10 && text[4] == '-' && text[7] == '-') {
    if (!parse_digits(text.substr(0, 4), y) || !parse_digits(text.substr(5, 2), m) ||
        !parse_digits(text.substr(8, 2), d)) {
      return bad();
    }
    return ymd(y, m, d);
  }
  return bad();
}

std::string PartialDate::to_iso() const {
  switch (precision_) {
    case DatePrecision::kYear: return fmt::format("{:04}", year_);
    case DatePrecision::kMonth: return fmt::format("{:04}-{:02}", year_, month_);
    case DatePrecision::kDay: return fmt::format("{:04}-{:02}-{:02}", year_, month_, day_);
  }
  return {};
}

PartialDate PartialDate::first_day() const {
  return PartialDate(year_, month_ ? month_ : 1, day_ ? day_ : 1, DatePrecision::kDay);
}

PartialDate PartialDate::last_day() const {
  int m = month_ ? month_ : 12;
  int d = day_ ? day_ : days_in_month(year_, m);
  return PartialDate(year_, m, d, DatePrecision::kDay);
}

}  // namespace tiltas
