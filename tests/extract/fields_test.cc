// Organisations, indicators, programme and segmentation, read through the
// public extract() on short pages written in the genre's styles.
#include <gtest/gtest.h>

#include <string>

#include "extract/extractor.h"

namespace tiltas::extract {
namespace {

const model::Participation* find_org(const model::Project& p, const std::string& name) {
  for (const auto& o : p.participations) {
    if (o.name == name) return &o;
  }
  return nullptr;
}

struct OrgCase {
  const char* text;
  const char* lang;
  const char* name;
  const char* country;  // "" = none
  model::Role role;
  const char* why;
};

using R = model::Role;
const OrgCase kOrgs[] = {
    {"The project will be implemented by the National LGBT rights organization LGL together with partners "
     "Oslo City Municipality, Vilnius City Municipality, Lithuanian Diversity Charter.",
     "en", "Oslo City Municipality", "NO", R::kPartner, "partner list after 'together with partners'; city gives country"},
    {"The project will be implemented by the National LGBT rights organization LGL together with partners "
     "Oslo City Municipality, Vilnius City Municipality.",
     "en", "National LGBT rights organization LGL", "LT", R::kPromoter,
     "implemented by X: promoter; no country stated, so the page's home country"},
    {"Projektą įgyvendina Nacionalinė LGBT teisių organizacija LGL kartu su tarptautiniais partneriais: "
     "Oslo miesto savivaldybe, Vilniaus miesto savivaldybe ir Lietuvos Įvairovės Chartijos asociacija.",
     "lt", "Oslo miesto savivaldybė", "NO", R::kPartner, "instrumental restored to the nominative"},
    {"Partner: Multiple Sclerosis Society of Iceland (Iceland) Summary: a visit.", "en",
     "Multiple Sclerosis Society of Iceland", "IS", R::kPartner, "label with a (Country) suffix"},
    {"Coordinator: Comune di Quindici (IT)\nGrant awarded: 91.000 €", "en", "Comune di Quindici", "IT",
     R::kPromoter, "coordinator label, two-letter code"},
    {"BR PromoterInternational Development Norway ASCountry: Norway\nPartnerNOASCountry: Norway\n", "en",
     "International Development Norway AS", "NO", R::kPromoter, "labels glued to their values"},
    {"Projekta vadošais partneris: Ludzas novada pašvaldība, Raiņa iela 16, Ludza\n", "lv",
     "Ludzas novada pašvaldība", "LV", R::kPromoter, "address cut off; the town gives the country"},
    {"Funded by: Lithuanian College of Democracy and Norwaygrants financial mechanisms\n", "en",
     "Lithuanian College of Democracy", "LT", R::kFunder, "funder label split on 'and'; demonym country"},
    {"Projektą finansuoja Jaunimo reikalų agentūra.", "lt", "Jaunimo reikalų agentūra", "LT", R::kFunder,
     "a body that funds keeps its country"},
    {"The project is funded by the Fund for Bilateral Relations of the EEA and Norwegian Financial "
     "Mechanisms 2014–2021.",
     "en", "Fund for Bilateral Relations", "", R::kFunder, "the fund's own name, no country"},
};

TEST(OrganisationsTest, RolesNamesCountries) {
  for (const auto& c : kOrgs) {
    Options o;
    o.language = c.lang;
    auto ex = extract(c.text, o);
    ASSERT_FALSE(ex.records.empty()) << c.why;
    const auto* org = find_org(ex.records[0], c.name);
    ASSERT_NE(org, nullptr) << c.name << " — " << c.why;
    EXPECT_EQ(org->role, c.role) << c.why;
    EXPECT_EQ(org->country.value_or(""), c.country) << c.why;
  }
}

struct IndicatorCase {
  const char* text;
  double value;  // 0 = no indicator expected
  const char* unit_word;
  model::IndicatorStatus status;
  const char* why;
};

using S = model::IndicatorStatus;
const IndicatorCase kIndicators[] = {
    {"Summary of project results\n- 313 persons trained (during training);", 313, "trained", S::kAchieved,
     "results section: achieved"},
    {"At least 500 EU citizens (30-40 local participants) will be actively involved.", 500, "citizens",
     S::kPlanned, "'will': planned; the range in parentheses is not an indicator"},
    {"The project is expected to reach around 20,000 Europeans.", 20000, "Europeans", S::kPlanned,
     "comma thousands after 'around'"},
    {"As a result 2 project proposals were submitted under the ACF calls.", 2, "proposals", S::kAchieved,
     "'were': achieved; 'project proposals' is an output"},
    {"Į baigiamąjį susitikimą vyko devyni mokytojai.", 9, "mokytojai", S::kAchieved,
     "Lithuanian number word, past verb"},
    {"The project involves 15 partners from 14 countries.", 0, "", S::kUnknown, "consortium counts"},
    {"Project duration: 36 months.", 0, "", S::kUnknown, "durations are not indicators"},
    {"87 % of the participants were satisfied.", 0, "", S::kUnknown, "percentages are not indicators"},
    {"Grant amount: 82 795,28 EUR", 0, "", S::kUnknown, "money is not an indicator"},
};

TEST(IndicatorsTest, ValuesUnitsStatus) {
  for (const auto& c : kIndicators) {
    Options o;
    o.language = "en";
    auto ex = extract(c.text, o);
    ASSERT_FALSE(ex.records.empty());
    const auto& inds = ex.records[0].indicators;
    if (c.value == 0) {
      EXPECT_TRUE(inds.empty()) << c.why << ": got " << (inds.empty() ? "" : inds[0].unit);
      continue;
    }
    ASSERT_EQ(inds.size(), 1u) << c.text << " — " << c.why;
    EXPECT_EQ(inds[0].value, c.value) << c.why;
    EXPECT_NE(inds[0].unit.find(c.unit_word), std::string::npos) << inds[0].unit << " — " << c.why;
    EXPECT_EQ(inds[0].status, c.status) << c.why;
  }
}

struct ProgrammeCase {
  const char* text;
  const char* lang;
  const char* programme;  // "" = none
  const char* why;
};

const ProgrammeCase kProgrammes[] = {
    {"Projektas finansuojamas Aktyvių piliečių fondo lėšomis.", "lt", "Active Citizens Fund",
     "Lithuanian genitive"},
    {"The proposed project is in line with the aims of the APF program.", "en", "Active Citizens Fund",
     "the Lithuanian acronym in English text"},
    {"Projektas finansuojamas Dvišalio bendradarbiavimo fondo lėšomis.", "lt", "Fund for Bilateral Relations",
     "Lithuanian name of the FBR"},
    {"Interreg Baltijos jūros regiono programa 2021-2027", "lt", "Interreg Baltic Sea Region Programme 2021-2027",
     "Interreg area and years"},
    {"The project was carried out within the Europe for Citizens program.", "en", "Europe for Citizens",
     "EU programme"},
    {"A joint application to the Active Citizens Fund may be prepared.", "en", "",
     "a fund named as a destination is not the programme"},
};

TEST(ProgrammeTest, NormalisedToEnglish) {
  for (const auto& c : kProgrammes) {
    Options o;
    o.language = c.lang;
    auto ex = extract(c.text, o);
    ASSERT_FALSE(ex.records.empty());
    EXPECT_EQ(ex.records[0].programme.value_or(""), c.programme) << c.why;
  }
}

struct SegmentCase {
  const char* text;
  std::size_t records;
  const char* why;
};

const SegmentCase kSegments[] = {
    {"Intro line.\n\nPartner: A Society (Norway) Summary: x. Implementation period: 21/02-03/03 2020\n\n"
     "Partner: B Society (Iceland) Summary: y. Implementation period: 07/02-07/03 2020\n",
     2, "repeated 'Partner:' label blocks"},
    {"Projects\n\nProject Promoter: Fundacja A\nGrant amount: 1 000 EUR\n\nProject Promoter: Fundacja B\n"
     "Grant amount: 2 000 EUR\n",
     2, "repeated 'Project Promoter:' blocks"},
    {"Įgyvendinti projektai:\n\n • Pirmas projektas;\n • Antras projektas;\n • Trečias projektas;\n", 3,
     "a list of titles under a projects heading"},
    {"Project No. 1: Strategies for NGOs (2 offers).\nProject No. 2: Advocacy skills (7 offers).\n", 2,
     "numbered projects"},
    {"The project \"Young Mediators\" is aimed at schools.\n\nIt runs in 2022.", 1, "one project"},
};

TEST(SegmentationTest, RecordsPerPage) {
  for (const auto& c : kSegments) {
    Options o;
    o.language = "en";
    auto ex = extract(c.text, o);
    EXPECT_EQ(ex.records.size(), c.records) << c.why;
  }
}

TEST(TitlesTest, QuotedAfterProjectWord) {
  Options o;
  o.language = "lt";
  auto ex = extract("Projektas „Jaunieji mediatoriai“ skirtas mokyklai.", o);
  ASSERT_EQ(ex.records.size(), 1u);
  EXPECT_EQ(ex.records[0].title().value_or(""), "Jaunieji mediatoriai");
}

TEST(SpansTest, PointIntoTheInput) {
  std::string text = "Granted amount: 15 000 Eur\n\nThe project \"Young Mediators\" trains 40 pupils.";
  auto ex = extract(text);
  ASSERT_EQ(ex.records.size(), 1u);
  const auto& p = ex.records[0];
  ASSERT_FALSE(p.amounts.empty());
  ASSERT_TRUE(p.amounts[0].span);
  EXPECT_EQ(text.substr(p.amounts[0].span->start, p.amounts[0].span->size()), "15 000 Eur");
  ASSERT_TRUE(p.spans.count("title"));
  EXPECT_EQ(text.substr(p.spans.at("title").start, p.spans.at("title").size()), "Young Mediators");
}

}  // namespace
}  // namespace tiltas::extract
