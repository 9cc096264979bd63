#include "model/translation_match.h"

#include <functional>

#include <gtest/gtest.h>

namespace tiltas::model {
namespace {

Project base(const char* language) {
  Project p;
  p.default_language = language;
  p.programme = "Fund for Bilateral Relations";
  p.period.start = PartialDate::parse_iso("2021-06-01").value();
  p.period.end = PartialDate::parse_iso("2022-08-31").value();
  p.activities = {{"1.1", "a", std::nullopt}, {"1.2", "b", std::nullopt}, {"2.1", "c", std::nullopt}};
  p.participations = {{"X", "LT", Role::kPromoter, std::nullopt, std::nullopt},
                      {"Y", "NO", Role::kPartner, std::nullopt, std::nullopt}};
  return p;
}

struct Case {
  const char* why;
  std::function<void(Project& en, Project& lt)> change;
  bool linked;
};

TEST(TranslationMatch, TableOfPairs) {
  const Case cases[] = {
      {"same period, codes and partner countries", [](Project&, Project&) {}, true},
      {"the same language is never a translation", [](Project&, Project& lt) { lt.default_language = "en"; }, false},
      {"a different period contradicts",
       [](Project&, Project& lt) { lt.period.end = PartialDate::parse_iso("2023-01").value(); }, false},
      {"month precision agrees with a day in that month",
       [](Project&, Project& lt) { lt.period.start = PartialDate::parse_iso("2021-06").value(); }, true},
      {"different programmes contradict", [](Project&, Project& lt) { lt.programme = "Active Citizens Fund"; }, false},
      {"only a period in common is not enough",
       [](Project& en, Project& lt) {
         en.activities.clear();
         lt.activities.clear();
         lt.participations.clear();
       },
       false},
      {"period and an equal amount",
       [](Project& en, Project& lt) {
         en.activities.clear();
         lt.activities.clear();
         en.amounts = {{14868000, "EUR", AmountKind::kBudget, std::nullopt}};
         lt.amounts = {{14868000, "EUR", AmountKind::kBudget, std::nullopt}};
       },
       true},
      {"codes written with a trailing dot still agree",
       [](Project&, Project& lt) {
         for (auto& a : lt.activities) a.code += ".";
       },
       true},
  };
  for (const auto& c : cases) {
    Project en = base("en"), lt = base("lt");
    c.change(en, lt);
    double s = translation_match_score(en, lt);
    EXPECT_EQ(s >= kTranslationThreshold, c.linked) << c.why << " (score " << s << ")";
    EXPECT_EQ(s, translation_match_score(lt, en)) << c.why << ": symmetric";
  }
}

}  // namespace
}  // namespace tiltas::model
