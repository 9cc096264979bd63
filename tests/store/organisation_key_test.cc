#include "store/organisation_key.h"

#include <gtest/gtest.h>

namespace tiltas::store {
namespace {

struct SameCase {
  const char* a;
  const char* b;
  bool same;
  const char* why;
};

TEST(OrganisationNameKey, TableOfPairs) {
  const SameCase cases[] = {
      {"Oslo City Municipality", "OSLO CITY MUNICIPALITY", true, "case"},
      {"VšĮ „Jaunimo balsas“", "VSI \"Jaunimo balsas\"", true, "legal form, quotes and diacritics"},
      {"Asociacija „Jaunimo balsas“", "Jaunimo balsas", true, "'asociacija' is a legal form"},
      {"Kauno miesto savivaldybės", "Kauno miesto savivaldybė", true, "Lithuanian genitive vs nominative"},
      {"Oslo miesto savivaldybe", "Oslo miesto savivaldybė", true, "typed without the diacritic"},
      {"Stiftelsen Samfunnsbro", "Samfunnsbro", true, "Norwegian foundation prefix"},
      {"Bergen kommune", "Bergen Kommune AS", true, "Norwegian company suffix"},
      {"Tromsø kommune", "Tromso kommune", true, "ø folds to o"},
      {"Kauno miesto savivaldybė", "Vilniaus miesto savivaldybė", false, "different cities"},
      {"Youth Council", "Youth Centre", false, "different bodies"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(organisation_name_key(c.a) == organisation_name_key(c.b), c.same)
        << c.why << ": '" << organisation_name_key(c.a) << "' vs '" << organisation_name_key(c.b) << "'";
  }
}

TEST(OrganisationAcronym, FindsParenthesisedOrTrailingCapitals) {
  EXPECT_EQ(organisation_acronym("National LGBT rights organization LGL"), "lgl");
  EXPECT_EQ(organisation_acronym("Centre for Civic Initiatives (CCI)"), "cci");
  EXPECT_EQ(organisation_acronym("LGL"), "lgl");
  EXPECT_EQ(organisation_acronym("Oslo City Municipality"), "");
  EXPECT_EQ(organisation_acronym("Kaunas"), "") << "a capitalised word is not an acronym";
  EXPECT_EQ(organisation_acronym("Association (the first one)"), "");
}

}  // namespace
}  // namespace tiltas::store
