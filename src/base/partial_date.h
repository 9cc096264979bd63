// A calendar date known to year, month or day precision ("2021", "2021-06",
// "2021-06-01"), as project pages state them. Precision is part of the value:
// "2021-06" is not "2021-06-01".
#pragma once

#include <compare>
#include <optional>
#include <string>
#include <string_view>

#include "base/error.h"

namespace tiltas {

enum class DatePrecision { kYear, kMonth, kDay };

class PartialDate {
 public:
  // Validated constructors; invalid calendar values (month 13, 30 February)
  // are rejected with kInvalidArgument.
  static Result<PartialDate> year(int y);
  static Result<PartialDate> year_month(int y, int m);
  static Result<PartialDate> ymd(int y, int m, int d);
  // Parses ISO 8601 "YYYY", "YYYY-MM" or "YYYY-MM-DD". Years 1000..9999 only.
  static Result<PartialDate> parse_iso(std::string_view text);

  int year_value() const { return year_; }
  int month_value() const { return month_; }  // 0 when precision is year
  int day_value() const { return day_; }      // 0 unless precision is day
  DatePrecision precision() const { return precision_; }

  // "2021", "2021-06" or "2021-06-01".
  std::string to_iso() const;
  // The first and last calendar day this value covers, as full dates
  // ("2021-06" -> 2021-06-01 and 2021-06-30); used by exports that need days.
  PartialDate first_day() const;
  PartialDate last_day() const;

  // Lexicographic on (year, month, day, precision): "2021" sorts before
  // "2021-01", which sorts before "2021-01-01".
  auto operator<=>(const PartialDate&) const = default;
  bool operator==(const PartialDate&) const = default;

 private:
  PartialDate(int y, int m, int d, DatePrecision p) : year_(y), month_(m), day_(d), precision_(p) {}
  int year_ = 0;
  int month_ = 0;
  int day_ = 0;
  DatePrecision precision_ = DatePrecision::kYear;
};

// Days in a month of the proleptic Gregorian calendar (month 1..12).
int days_in_month(int year, int month);

}  // namespace tiltas
