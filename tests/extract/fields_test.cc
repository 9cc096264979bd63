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
    {"Together with our Norwegian partner, the Norwegian Red Cross, we will train volunteers.", "en",
     "Norwegian Red Cross", "NO", R::kPartner, "a partner named by its country adjective"},
    {"Our Icelandic partner is the Iceland Academy of the Arts in Reykjavík.", "en",
     "Iceland Academy of the Arts", "IS", R::kPartner, "'our <demonym> partner is the X'"},
    {"The lead partner is the City of Gdynia, and our partners from Poland, the Gdańsk Foundation for "
     "Social Innovation, contribute.",
     "en", "Gdańsk Foundation for Social Innovation", "PL", R::kPartner, "'partners from <Country>, the X'"},
    {"Šakių biblioteka gavo paramą. Islandijos partneris – Reykjavík City Library – pasidalys patirtimi.", "lt",
     "Reykjavík City Library", "IS", R::kPartner, "Lithuanian country genitive before 'partneris'"},
    {"Kauno miesto savivaldybė kartu su Trondheimo savivaldybe įgyvendina projektą.", "lt",
     "Trondheimo savivaldybė", "NO", R::kPartner, "'su X' (instrumental) is the partner, not the implementer"},
    {"News\n\nThe project promoter is the Vilnius Youth Centre. It works with Bergen Kommune (Norway).", "en",
     "Vilnius Youth Centre", "LT", R::kPromoter, "'the project promoter is the X'"},
    {"Naujienos\n\nProjekto vykdytojas – Alytaus jaunimo centras, partneris – Bergeno jaunimo taryba (Norvegija).",
     "lt", "Alytaus jaunimo centras", "LT", R::kPromoter, "a dash label 'vykdytojas – X'"},
    {"Naujienos\n\nProjekto vykdytojas – Alytaus jaunimo centras, partneris – Bergeno jaunimo taryba (Norvegija).",
     "lt", "Bergeno jaunimo taryba", "NO", R::kPartner, "a dash label 'partneris – Y' after a comma"},
    {"Naujienos\n\nProjektą įgyvendina Utenos kultūros centras bendradarbiaudamas su Norvegijos organizacija "
     "„Kulturhuset“.",
     "lt", "Kulturhuset", "NO", R::kPartner, "a descriptor 'organizacija' before the quoted name is dropped"},
    {"Pareiškėjas: Šiaulių dailės mokykla. Partneris: Islandijos menų akademija.", "lt", "Šiaulių dailės mokykla",
     "LT", R::kPromoter, "two labels on one line: the value stops at the next label"},
    {"PROGRAMME\n10:20 Digital skills – Dr. Kari Nordmann (Oslo Metropolitan University)\n", "en",
     "Oslo Metropolitan University", "NO", R::kOther, "a speaker's institution in a programme line"},
    {"PROGRAMME\n10:00 Welcome – Rasa Jonaitienė (Panevėžys Senior Citizens Association, project promoter)\n", "en",
     "Panevėžys Senior Citizens Association", "LT", R::kPromoter, "the parenthesis says it runs the project"},
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
    {"Results\nTeachers trained: 34 (planned 30)\n", 34, "Teachers trained", S::kAchieved,
     "a results table line: the number beside the plan was achieved"},
    {"Grant amount: 82 795,28 EUR", 0, "", S::kUnknown, "money is not an indicator"},
    {"The festival will bring together 1 500 visitors.", 1500, "visitors", S::kPlanned,
     "thousands grouped by a space"},
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
    {"Projects\n\nNo.\tTitle\tPromoter\tPeriod\tGrant, EUR\n1\tA Title\tA Club\t06/2021 - 05/2023\t48 200\n"
     "2\tB Title\tB Club\t09/2021 - 08/2022\t21 750\n",
     2, "tab-separated table rows under a header"},
    {"| Initiative | Promoter | Partner | Start | End | Amount |\n|---|---|---|---|---|---|\n"
     "| A | A Club | Oslo Club (Norway) | 2022-03 | 2022-11 | € 21,000 |\n",
     1, "pipe table with a rule line under the header"},
    {"Round-up\n\nLibraries that lend tools\nA library builds a tool library with a grant of EUR 9 800.\n\n"
     "Choirs without borders\nA choir rehearses with its partner. Grant: EUR 12 300.\n",
     2, "newsletter headings each over a paragraph naming a sum"},
    {"Supported projects\n\n• \"Green Roofs\" – Vilnius Youth Centre with Oslo Kommune (Norway), EUR 20 000\n"
     "• \"River Schools\" – Kaunas Nature Club with Bergen Naturvern (Norway), EUR 18 500\n",
     2, "bulleted items each naming a sum"},
};

TEST(SegmentationTest, TitlesGivenByTheLayout) {
  struct Case {
    const char* text;
    const char* first_title;
    const char* why;
  };
  const Case cases[] = {
      {"Supported projects\n\n• \"Green Roofs\" – Vilnius Youth Centre, EUR 20 000, 03/2022–12/2022\n"
       "• \"River Schools\" – Kaunas Nature Club, EUR 18 500, 04/2022–11/2022\n",
       "Green Roofs", "a bulleted item opening with its quoted title"},
      {"Remiami projektai\n\n1. „Žali stogai“ (Vilniaus jaunimo centras). Skirta 20 000 Eur. Laikotarpis: 2022 m. "
       "kovas – gruodis.\n2. „Upės“ (Kauno klubas). Skirta 18 500 Eur. Laikotarpis: 2022 m. kovas – lapkritis.\n",
       "Žali stogai", "a numbered item opening with its quoted title"},
      {"Projects selected for funding\n\nGreen Roofs Now\nPromoter: Vilnius Youth Centre\nGrant: EUR 20 000\n\n"
       "River Schools\nPromoter: Kaunas Nature Club\nGrant: EUR 18 500\n",
       "Green Roofs Now", "a heading line right above each record's first label"},
  };
  for (const auto& c : cases) {
    Options o;
    o.language = "en";
    auto ex = extract(c.text, o);
    ASSERT_EQ(ex.records.size(), 2u) << c.why;
    EXPECT_EQ(ex.records[0].title().value_or(""), c.first_title) << c.why;
  }
  // The period of the first item ends at its own line ("gruodis." then "2.").
  Options o;
  o.language = "lt";
  auto ex = extract(cases[1].text, o);
  ASSERT_EQ(ex.records.size(), 2u);
  ASSERT_TRUE(ex.records[0].period.end.has_value());
  EXPECT_EQ(ex.records[0].period.end->to_iso(), "2022-12");
}

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

struct TitleCase {
  const char* text;
  const char* title;
  const char* why;
};

const TitleCase kTitles[] = {
    {"Key facts\nProject: Forest Schools for All (LT-RES-0042)\nDuration: 01.09.2021 – 31.08.2023\n",
     "Forest Schools for All", "'Project:' label; the project number in brackets is dropped"},
    {"Cross-border Heritage Trails [LT-PL-2-117]\n\nThe trails were marked in 2019.\n",
     "Cross-border Heritage Trails", "heading with a bracketed project number"},
    {"Questions and answers about \"Sound of the Village\"\n\nQ: What is it?\nA: A music project.\n",
     "Sound of the Village", "a quoted name inside a heading line"},
    {"PRESS RELEASE\n\nThe Red Cross presented \"Warm Homes\", a project that helps elderly people.\n",
     "Warm Homes", "a quoted name followed by ', a project'"},
    {"News from the region\n\nThe initiative, entitled \"Green Roofs Now\", started this year.\n",
     "Green Roofs Now", "a quoted name after 'entitled' beats a generic page heading"},
    {"News from the region\n\nThe project titled 'Green Roofs Now' begins.\n", "Green Roofs Now",
     "single quotes after a naming word"},
    {"News from the region\n\nProject name – Green Roofs Now\nPeriod: 2021-01 – 2022-12.\n", "Green Roofs Now",
     "a title label with a dash"},
    {"News from the region\n\nPROJECT TITLE\nGreen Roofs Now\n\nPeriod: 2021-01 – 2022-12.\n", "Green Roofs Now",
     "a capitalised label line over its value"},
    {"News\n\nRAS can use so-called 'technical' water.\n", "", "'so-called' names no project"},
};

TEST(TitlesTest, CuesOfTheGenre) {
  for (const auto& c : kTitles) {
    Options o;
    o.language = "en";
    auto ex = extract(c.text, o);
    ASSERT_EQ(ex.records.size(), 1u) << c.why;
    EXPECT_EQ(ex.records[0].title().value_or(""), c.title) << c.why;
  }
}

TEST(TablesTest, RowCellsGiveTheFields) {
  Options o;
  o.language = "en";
  auto ex = extract(
      "Projects financed by the Active Citizens Fund\n\n"
      "No.\tProject title\tProject promoter\tPartner\tPeriod\tGrant, EUR\n"
      "1\tRiver Guardians\tAssociation Green Delta\tNorwegian Society for Nature (Norway)\t06/2021 - 05/2023\t48 200\n"
      "2\tOpen Doors\tSenior Union of Alytus\t-\t09/2021 - 08/2022\t21 750\n",
      o);
  ASSERT_EQ(ex.records.size(), 2u);
  const auto& r = ex.records[0];
  EXPECT_EQ(r.title().value_or(""), "River Guardians");
  ASSERT_TRUE(r.period.start && r.period.end);
  EXPECT_EQ(r.period.start->to_iso(), "2021-06");
  EXPECT_EQ(r.period.end->to_iso(), "2023-05");
  ASSERT_EQ(r.amounts.size(), 1u);
  EXPECT_EQ(r.amounts[0].minor_units, 4820000);
  EXPECT_EQ(r.amounts[0].currency, "EUR");
  EXPECT_EQ(r.amounts[0].kind, model::AmountKind::kGranted);
  const auto* partner = find_org(r, "Norwegian Society for Nature");
  ASSERT_NE(partner, nullptr);
  EXPECT_EQ(partner->role, model::Role::kPartner);
  EXPECT_EQ(partner->country.value_or(""), "NO");
  const auto* promoter = find_org(r, "Association Green Delta");
  ASSERT_NE(promoter, nullptr);
  EXPECT_EQ(promoter->role, model::Role::kPromoter);
  EXPECT_EQ(ex.records[1].participations.size(), 2u) << "promoter and the fund; '-' is no partner";
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

// Lithuanian clause order: the date and the town come before the verb and
// the noun; a country after the noun is where the guests come from.
TEST(EventsTest, LithuanianDateAndTownBeforeTheNoun) {
  Options o;
  o.language = "lt";
  auto ex = extract("2023 m. gegužės 10 d. Hamare vyko bibliotekininkų susitikimas su Norvegijos kolegomis.", o);
  ASSERT_EQ(ex.records.size(), 1u);
  ASSERT_EQ(ex.records[0].events.size(), 1u);
  const auto& e = ex.records[0].events[0];
  EXPECT_EQ(e.place.value_or(""), "Hamaras");
  EXPECT_EQ(e.country.value_or(""), "NO");
  ASSERT_TRUE(e.start);
  EXPECT_EQ(e.start->to_iso(), "2023-05-10");
  // A town in another clause is not the place of a planned gathering.
  auto other = extract("Projekto metu Alytuje bus atnaujinti trys kiemai, o gyventojai dalyvaus dirbtuvėse.", o);
  ASSERT_EQ(other.records.size(), 1u);
  EXPECT_TRUE(other.records[0].events.empty());
}

// The language: plainly English or Lithuanian pages are settled by a first
// look at function words and letters; mixed, short and other pages go to
// CLD2. Both paths must give the page's language.
TEST(LanguageTest, FirstLookAndCld2) {
  struct Case {
    const char* text;
    const char* lang;
    const char* why;
  };
  const Case cases[] = {
      {"The project will bring together the youth councils of the two towns. It is implemented by the "
       "Association of Young Citizens with its partner from Norway, and the results will be shared with "
       "schools in the region. The partners were meeting for the first time in the spring.",
       "en", "English function words, no Lithuanian letters: the first look"},
      {"Projektą įgyvendina jaunimo organizacija kartu su partneriais iš Norvegijos. Projekto metu bus "
       "surengtos dirbtuvės, kuriose dalyvaus mokiniai ir mokytojai, o rezultatai bus pristatyti "
       "savivaldybės tarybai. Projektas yra finansuojamas fondo lėšomis ir vyks dvejus metus.",
       "lt", "Lithuanian function words and ė, į, ų: the first look"},
      {"Projekta mērķis ir stiprināt jauniešu līdzdalību vietējā kopienā. Projektu īsteno biedrība "
       "sadarbībā ar partneriem no Norvēģijas, un tā rezultāti tiks prezentēti pašvaldības domei.",
       "lv", "Latvian letters and words: never settled by the first look, CLD2 reads it"},
      {"Projekt realizuje stowarzyszenie we współpracy z partnerem z Norwegii. W ramach projektu "
       "odbędą się warsztaty dla uczniów i nauczycieli, a wyniki zostaną przedstawione radzie gminy.",
       "pl", "Polish: CLD2"},
      {"Prosjektet gjennomføres av foreningen i samarbeid med en partner fra Litauen. Det skal holdes "
       "verksteder for elever og lærere, og resultatene blir lagt fram for kommunestyret.",
       "nb", "Norwegian: CLD2, Bokmål code"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(extract(c.text).language, c.lang) << c.why;
  }
  Options given;
  given.language = "lt";
  EXPECT_EQ(extract(cases[0].text, given).language, "lt") << "a given language is not detected";
}

}  // namespace
}  // namespace tiltas::extract
