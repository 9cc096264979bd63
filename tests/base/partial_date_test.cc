#include "base/partial_date.h"

#include <gtest/gtest.h>

namespace tiltas {
namespace {

struct IsoCase {
  const char* text;
  bool valid;
  const char* why;
};

TEST(PartialDate, ParsesIsoAtEachPrecision) {
  const IsoCase cases[] = {
      {"2021", true, "year precision"},
      {"2021-06", true, "month precision"},
      {"2021-06-01", true, "day precision"},
      {"2024-02-29", true, "leap day in a leap year"},
      {"2023-02-29", false, "no 29 February in 2023"},
      {"2021-13", false, "month 13"},
      {"2021-00", false, "month 0"},
      {"2021-04-31", false, "April has 30 days"},
      {"21-06-01", false, "two-digit year"},
      {"2021/06/01", false, "slashes are not ISO"},
      {"2021-6-1", false, "unpadded fields"},
      {"", false, "empty"},
      {"999", false, "three digits"},
      {"0999", false, "year below range"},
      {"2021-06-01T00:00", false, "time part"},
      {"２０２１", false, "full-width digits"},
  };
  for (const auto& c : cases) {
    auto d = PartialDate::parse_iso(c.text);
    EXPECT_EQ(d.has_value(), c.valid) << c.text << " — " << c.why;
    if (d && c.valid) {
      EXPECT_EQ(d->to_iso(), c.text) << c.why;
    }
  }
}

TEST(PartialDate, FirstAndLastDayFollowPrecision) {
  auto month = PartialDate::parse_iso("2024-02").value();
  EXPECT_EQ(month.first_day().to_iso(), "2024-02-01");
  EXPECT_EQ(month.last_day().to_iso(), "2024-02-29");
  auto year = PartialDate::parse_iso("2021").value();
  EXPECT_EQ(year.first_day().to_iso(), "2021-01-01");
  EXPECT_EQ(year.last_day().to_iso(), "2021-12-31");
}

TEST(PartialDate, OrderingPutsCoarserFirst) {
  auto y = PartialDate::parse_iso("2021").value();
  auto m = PartialDate::parse_iso("2021-01").value();
  auto d = PartialDate::parse_iso("2021-01-01").value();
  EXPECT_LT(y, m);
  EXPECT_LT(m, d);
  EXPECT_LT(d, PartialDate::parse_iso("2021-01-02").value());
}

TEST(PartialDate, InvalidDateMessageNamesTheValue) {
  auto d = PartialDate::parse_iso("2021-02-30");
  ASSERT_FALSE(d);
  EXPECT_EQ(d.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(d.error().message.find("day 30"), std::string::npos) << d.error().message;
}

}  // namespace
}  // namespace tiltas
