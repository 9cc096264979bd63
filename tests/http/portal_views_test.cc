// The portal's views over the whole registry and of one record's source:
// Source view, results dashboard (page, CSV, SVG), map, network and
// timeline, driven over a real socket against a temporary SQLite store.
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <httplib.h>

#include "base/hash.h"
#include "http/pages/registry_facts.h"
#include "http/pages/source.h"
#include "http/server.h"
#include "store/store.h"
#include "support/temp_dir.h"

namespace tiltas::http {
namespace {

using namespace tiltas::model;

// The document the records are read from; spans below point into it.
const std::string kText =
    "Project \"Seniūnaitijos <b>kartu</b>\" (Active Citizens Fund).\n"
    "Implementation period: 2021-06-01 – 2022-08-31.\n"
    "Promoter: VšĮ Tiltų centras (Lithuania). Partner: Oslo kommune (Norway).\n"
    "Results: 313 persons trained (planned 400).\n";

SourceSpan span_of(const std::string& needle) {
  const auto at = kText.find(needle);
  EXPECT_NE(at, std::string::npos) << needle;
  return {at, at + needle.size()};
}

Project read_project() {
  Project p;
  p.default_language = "lt";
  p.titles.set("lt", "Seniūnaitijos <b>kartu</b>");
  p.titles.set("en", "Neighbourhoods together");
  p.programme = "Active Citizens Fund";
  p.period.start = PartialDate::parse_iso("2021-06-01").value();
  p.period.end = PartialDate::parse_iso("2022-08-31").value();
  p.spans["title"] = span_of("Seniūnaitijos <b>kartu</b>");
  p.spans["programme"] = span_of("Active Citizens Fund");
  p.spans["period"] = span_of("2021-06-01 – 2022-08-31");
  p.participations.push_back({"VšĮ Tiltų centras", "LT", Role::kPromoter, std::nullopt, span_of("VšĮ Tiltų centras")});
  p.participations.push_back({"Oslo kommune", "NO", Role::kPartner, std::nullopt, span_of("Oslo kommune")});
  p.indicators.push_back({400, "persons trained", IndicatorStatus::kPlanned, span_of("planned 400")});
  p.indicators.push_back({313, "persons trained", IndicatorStatus::kAchieved, span_of("313 persons trained")});
  p.events.push_back({"Study visit", "Oslo", "NO", PartialDate::parse_iso("2021-09-13").value(),
                      PartialDate::parse_iso("2021-09-17").value(), std::nullopt});
  return p;
}

Project later_project() {
  Project p;
  p.default_language = "en";
  p.titles.set("en", "Reykjavik youth exchange");
  p.programme = "Youth programme";
  p.period.start = PartialDate::parse_iso("2023-03").value();
  p.participations.push_back({"Jaunimo klubas", "LT", Role::kPromoter, std::nullopt, std::nullopt});
  p.participations.push_back({"Reykjavíkurborg", "IS", Role::kPartner, std::nullopt, std::nullopt});
  p.indicators.push_back({25, "participants", IndicatorStatus::kUnknown, std::nullopt});
  return p;
}

Project draft_project() {
  Project p;
  p.default_language = "en";
  p.titles.set("en", "Unpublished draft");
  p.period.start = PartialDate::parse_iso("2020").value();
  p.participations.push_back({"Draft partner", "PL", Role::kPartner, std::nullopt, std::nullopt});
  p.indicators.push_back({99999, "secret units", IndicatorStatus::kAchieved, std::nullopt});
  return p;
}

class PortalViewsTest : public ::testing::Test {
 public:
  static void SetUpTestSuite() {
    dir = new testing::TempDir();
    auto opened = store::open_store("sqlite:" + dir->file("registry.db"));
    ASSERT_TRUE(opened) << opened.error().describe();
    registry = opened->release();
    Document d;
    d.source = "test://views";
    d.name = "views";
    d.sha256 = sha256_hex(kText);
    d.language = "lt";
    d.media_type = "text/plain";
    d.text = kText;
    auto imported = registry->import_document(d, {read_project(), later_project(), draft_project()});
    ASSERT_TRUE(imported) << imported.error().describe();
    ASSERT_EQ(imported->project_ids.size(), 3u);
    read_id = imported->project_ids[0];
    later_id = imported->project_ids[1];
    draft_id = imported->project_ids[2];
    ASSERT_TRUE(registry->set_review_state({read_id, later_id}, ReviewState::kPublished));
    ServerOptions options;
    options.host = "127.0.0.1";
    options.port = 0;
    options.threads = 2;
    auto started = Server::start(*registry, options);
    ASSERT_TRUE(started) << started.error().describe();
    server = started->release();
  }

  static void TearDownTestSuite() {
    delete server;
    delete registry;
    delete dir;
  }

  static httplib::Result get(const std::string& path) {
    httplib::Client c("127.0.0.1", server->port());
    c.set_url_encode(false);
    c.set_read_timeout(10, 0);
    return c.Get(path);
  }

  static std::string html(const std::string& path, int status = 200) {
    auto res = get(path);
    EXPECT_TRUE(res) << path;
    if (!res) return {};
    EXPECT_EQ(res->status, status) << path;
    return res->body;
  }

  static inline testing::TempDir* dir = nullptr;
  static inline store::Store* registry = nullptr;
  static inline Server* server = nullptr;
  static inline Id read_id = 0, later_id = 0, draft_id = 0;
};

bool has(const std::string& haystack, const std::string& needle) { return haystack.find(needle) != std::string::npos; }

TEST_F(PortalViewsTest, SourceViewHighlightsEveryFieldAndEscapesTheText) {
  const std::string page = html("/projects/" + std::to_string(read_id) + "/source");
  // The title mark holds the escaped text of the page, not markup.
  EXPECT_TRUE(has(page, "class=\"field-title\" data-fields=\"title\" title=\"Title\">Seniūnaitijos &lt;b&gt;kartu&lt;/b&gt;</mark>"))
      << page;
  EXPECT_FALSE(has(page, "<b>kartu</b>"));
  for (const char* field : {"data-fields=\"programme\"", "data-fields=\"period\"", "data-fields=\"organisations[0]\"",
                            "data-fields=\"organisations[1]\"", "data-fields=\"indicators[0]\""}) {
    EXPECT_TRUE(has(page, field)) << field;
  }
  // The legend links each field to its first mark.
  EXPECT_TRUE(has(page, "<a href=\"#mark-1\" data-field=\"title\">Title</a>")) << page;
  EXPECT_TRUE(has(page, "Organisation 2"));
  // The project page links to it, in the page's language.
  EXPECT_TRUE(has(html("/projects/" + std::to_string(read_id)), "href=\"/projects/" + std::to_string(read_id) + "/source\""));
  const std::string lt = html("/lt/projects/" + std::to_string(read_id) + "/source");
  EXPECT_TRUE(has(lt, "<html lang=\"lt\">"));
  EXPECT_TRUE(has(lt, "title=\"Pavadinimas\""));
  EXPECT_TRUE(has(lt, "Organizacija 2"));
}

TEST_F(PortalViewsTest, SourceViewOfADraftOrUnknownProjectIsNotFound) {
  EXPECT_TRUE(has(html("/projects/" + std::to_string(draft_id) + "/source", 404), "Not found"));
  html("/projects/999999/source", 404);
  html("/lt/projects/x/source", 400);
}

TEST_F(PortalViewsTest, ResultsSumIndicatorsByUnitAndLeaveDraftsOut) {
  const std::string page = html("/results");
  EXPECT_TRUE(has(page, "<th scope=\"row\">persons trained</th><td class=\"number\">400</td><td class=\"number\">313</td>"))
      << page;
  // People reached: 313 achieved persons + 25 participants stated without status.
  EXPECT_TRUE(has(page, "<dd class=\"figure people-reached\">338</dd>")) << page;
  EXPECT_FALSE(has(page, "secret units"));
  EXPECT_TRUE(has(page, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart results-chart\""));
  // Filtered by year: only the 2023 project.
  const std::string y2023 = html("/results?year=2023");
  EXPECT_TRUE(has(y2023, ">participants</th>"));
  EXPECT_FALSE(has(y2023, ">persons trained</th>"));
  html("/results?year=abc", 400);
  EXPECT_TRUE(has(html("/lt/results"), "Pasiekta žmonių"));
  // The home page shows the same figure and leads to the views.
  const std::string home = html("/");
  EXPECT_TRUE(has(home, "<dd class=\"figure people-reached\">338</dd>")) << home;
  for (const char* link : {"href=\"/results\"", "href=\"/map\"", "href=\"/network\"", "href=\"/timeline\""}) {
    EXPECT_TRUE(has(home, link)) << link;
  }
}

TEST_F(PortalViewsTest, ResultsDownloadAsCsvAndSvg) {
  auto csv = get("/results.csv");
  ASSERT_TRUE(csv);
  EXPECT_EQ(csv->status, 200);
  EXPECT_EQ(csv->get_header_value("Content-Type"), "text/csv; charset=utf-8");
  EXPECT_EQ(csv->body,
            "programme,year,unit,planned,achieved,unclassified,projects\r\n"
            "Active Citizens Fund,2021,persons trained,400,313,0,1\r\n"
            "Youth programme,2023,participants,0,0,25,1\r\n");
  auto svg = get("/lt/results.svg?programme=Active%20Citizens%20Fund");
  ASSERT_TRUE(svg);
  EXPECT_EQ(svg->status, 200);
  EXPECT_EQ(svg->get_header_value("Content-Type"), "image/svg+xml");
  EXPECT_TRUE(svg->body.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\""));
  EXPECT_TRUE(has(svg->body, "persons trained"));
  EXPECT_FALSE(has(svg->body, "participants"));
  EXPECT_TRUE(has(svg->body, "Planuota"));
}

TEST_F(PortalViewsTest, MapCountsProjectsByPartnerCountry) {
  const std::string page = html("/map");
  EXPECT_TRUE(has(page, "aria-label=\"Norway (NO): projects: 1\" class=\"tile\" data-country=\"NO\"")) << page;
  EXPECT_TRUE(has(page, "aria-label=\"Lithuania (LT): projects: 2\"")) << page;
  EXPECT_TRUE(has(page, "href=\"/countries/IS\"")) << page;
  EXPECT_FALSE(has(page, "Poland (PL): projects: 1")) << "a draft's partner";
  EXPECT_TRUE(has(html("/lt/map"), "href=\"/lt/countries/NO\""));
}

TEST_F(PortalViewsTest, NetworkLinksLithuanianOrganisationsToDonorStatePartners) {
  const std::string page = html("/network");
  EXPECT_TRUE(has(page, ">VšĮ Tiltų centras</a></td><td><a href=\"/organisations/")) << page;
  EXPECT_TRUE(has(page, ">Oslo kommune</a>"));
  EXPECT_TRUE(has(page, ">Reykjavíkurborg</a>"));
  EXPECT_FALSE(has(page, "Draft partner"));
  html("/network?limit=0", 400);
}

TEST_F(PortalViewsTest, TimelineListsPeriodsInStartOrderAndFilters) {
  const std::string page = html("/timeline");
  const auto first = page.find("Seniūnaitijos");
  const auto second = page.find("Reykjavik youth exchange");
  ASSERT_NE(first, std::string::npos) << page;
  ASSERT_NE(second, std::string::npos);
  EXPECT_GT(first, second) << "latest start first";
  // The 2023 project has no end: a grey bar to the end of its start month.
  EXPECT_TRUE(has(page, "fill=\"#6e7781\"/></svg>")) << page;
  EXPECT_TRUE(has(page, "fill=\"#0b5cad\"/></svg>"));
  EXPECT_FALSE(has(page, "Unpublished draft"));
  const std::string youth = html("/timeline?programme=Youth%20programme");
  EXPECT_FALSE(has(youth, "Seniūnaitijos"));
  EXPECT_TRUE(has(youth, "Reykjavik youth exchange"));
  EXPECT_TRUE(has(html("/lt/timeline?country=is"), "Reykjavik youth exchange"));
}

TEST_F(PortalViewsTest, ProjectPageDrawsIndicatorBarsAndEventsAndLinksItsIati) {
  const std::string page = html("/projects/" + std::to_string(read_id));
  // Planned 400 is the full bar, achieved 313 of it.
  EXPECT_TRUE(has(page, "<rect x=\"0\" y=\"1\" width=\"100.0\" height=\"8\" fill=\"#9ec5ee\"/><rect x=\"0\" y=\"11\" width=\"78.2\""))
      << page;
  EXPECT_TRUE(has(page, "class=\"event-timeline\""));
  EXPECT_TRUE(has(page, "<title>Study visit: 2021-09-13</title>"));
  EXPECT_TRUE(has(page, "href=\"/api/v1/projects/" + std::to_string(read_id) + "/iati\""));

  auto iati = get("/api/v1/projects/" + std::to_string(read_id) + "/iati");
  ASSERT_TRUE(iati);
  EXPECT_EQ(iati->status, 200);
  EXPECT_TRUE(iati->get_header_value("Content-Type").starts_with("application/xml"));
  EXPECT_TRUE(has(iati->body, "<iati-activities"));
  EXPECT_EQ(iati->body.find("<iati-activity ", iati->body.find("<iati-activity ") + 1), std::string::npos)
      << "exactly one activity";
  EXPECT_TRUE(has(iati->body, "Neighbourhoods together"));
  auto draft = get("/api/v1/projects/" + std::to_string(draft_id) + "/iati");
  ASSERT_TRUE(draft);
  EXPECT_EQ(draft->status, 404);
  auto bad = get("/api/v1/projects/x/iati");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 400);
}

TEST(SourceSegments, OverlapsClampingAndUtf8) {
  const std::string text = "ab ąč de";  // ą and č are two bytes each
  std::vector<pages::FieldSpan> spans{{"title", {0, 6}}, {"place", {3, 9}}, {"far", {100, 200}}};
  const auto segments = pages::highlight_segments(text, spans, 0, text.size());
  ASSERT_EQ(segments.size(), 4u);
  EXPECT_EQ(segments[0].text, "ab ");
  EXPECT_EQ(segments[0].fields, std::vector<std::string>{"title"});
  // Offset 6 is inside "č": the title widens to the whole character.
  EXPECT_EQ(segments[1].text, "ąč");
  EXPECT_EQ(segments[1].fields, (std::vector<std::string>{"title", "place"}));
  EXPECT_EQ(segments[2].text, " d");
  EXPECT_EQ(segments[2].fields, std::vector<std::string>{"place"});
  EXPECT_EQ(segments[3].text, "e");
  EXPECT_TRUE(segments[3].fields.empty());
  // A window cuts spans at its edges.
  const auto window = pages::highlight_segments(text, spans, 1, 4);
  ASSERT_FALSE(window.empty());
  EXPECT_EQ(window.front().text, "b ");
}

TEST(RegistryFacts, PersonUnits) {
  for (const char* unit : {"participants", "persons trained", "young people", "dalyviai", "asmenys", "mokiniai",
                           "deltakere", "volunteers"}) {
    EXPECT_TRUE(pages::is_person_unit(unit)) << unit;
  }
  for (const char* unit : {"events", "study visits", "renginiai", "publications", "eur"}) {
    EXPECT_FALSE(pages::is_person_unit(unit)) << unit;
  }
}

}  // namespace
}  // namespace tiltas::http
