#include "model/validation.h"

#include <cmath>
#include <functional>

#include <gtest/gtest.h>

namespace tiltas::model {
namespace {

Project valid_project() {
  Project p;
  p.default_language = "en";
  p.titles.set("en", "Twin cities");
  p.period.start = PartialDate::parse_iso("2021-06-01").value();
  p.period.end = PartialDate::parse_iso("2022-08").value();
  p.amounts.push_back({100, "EUR", AmountKind::kBudget, std::nullopt});
  p.participations.push_back({"Oslo kommune", "NO", Role::kPartner, std::nullopt, std::nullopt});
  p.activities.push_back({"1.1", "Visit", std::nullopt});
  p.events.push_back({"Visit", "Oslo", "NO", std::nullopt, std::nullopt, std::nullopt});
  p.indicators.push_back({3, "events", IndicatorStatus::kAchieved, std::nullopt});
  p.places.push_back({"Oslo", "NO", std::nullopt});
  return p;
}

struct Case {
  const char* why;
  std::function<void(Project&)> break_it;
  const char* field;  // expected field of the first problem; nullptr = valid
};

TEST(Validation, TableOfRecords) {
  const Case cases[] = {
      {"a complete record is valid", [](Project&) {}, nullptr},
      {"a record with nothing but defaults is valid (extraction may find nothing)", [](Project& p) { p = Project{}; },
       nullptr},
      {"period end before start", [](Project& p) { p.period.end = PartialDate::parse_iso("2020").value(); }, "period"},
      {"same month at different precision is not reversed",
       [](Project& p) {
         p.period.start = PartialDate::parse_iso("2021-06-15").value();
         p.period.end = PartialDate::parse_iso("2021-06").value();
       },
       nullptr},
      {"unknown currency", [](Project& p) { p.amounts[0].currency = "EURO"; }, "amounts[0].currency"},
      {"lower-case currency", [](Project& p) { p.amounts[0].currency = "eur"; }, "amounts[0].currency"},
      {"negative amount", [](Project& p) { p.amounts[0].minor_units = -1; }, "amounts[0].value"},
      {"country name instead of code", [](Project& p) { p.participations[0].country = "Norway"; },
       "organisations[0].country"},
      {"blank organisation name", [](Project& p) { p.participations[0].name = "  "; }, "organisations[0].name"},
      {"activity without code", [](Project& p) { p.activities[0].code = ""; }, "activities[0].code"},
      {"event ends before it starts",
       [](Project& p) {
         p.events[0].start = PartialDate::parse_iso("2021-05-02").value();
         p.events[0].end = PartialDate::parse_iso("2021-05-01").value();
       },
       "events[0]"},
      {"unknown event country", [](Project& p) { p.events[0].country = "XX"; }, "events[0].country"},
      {"indicator NaN", [](Project& p) { p.indicators[0].value = std::nan(""); }, "indicators[0].value"},
      {"blank place", [](Project& p) { p.places[0].name = ""; }, "places[0].name"},
      {"language must be ISO 639-1", [](Project& p) { p.default_language = "eng"; }, "language"},
  };
  for (const auto& c : cases) {
    Project p = valid_project();
    c.break_it(p);
    auto problems = validate(p);
    if (!c.field) {
      EXPECT_TRUE(problems.empty()) << c.why << ": " << (problems.empty() ? "" : problems[0].message);
    } else {
      ASSERT_FALSE(problems.empty()) << c.why;
      EXPECT_EQ(problems[0].field, c.field) << c.why;
    }
  }
}

TEST(Validation, CheckPrefixesTheRecordPath) {
  Project p = valid_project();
  p.amounts[0].currency = "XYZ";
  auto s = check(p, "records[4]");
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().field, "records[4].amounts[0].currency");
  EXPECT_NE(s.error().message.find("XYZ"), std::string::npos);
}

}  // namespace
}  // namespace tiltas::model
