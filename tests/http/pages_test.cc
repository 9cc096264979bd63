// The portal's pages in English (/...) and Lithuanian (/lt/...), driven over
// a real socket: the server listens on 127.0.0.1 port 0 with a temporary
// SQLite store, and cpp-httplib plays the browser (no JavaScript).
#include <cctype>
#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>
#include <httplib.h>

#include "base/hash.h"
#include "http/assets.h"
#include "http/pages/i18n.h"
#include "http/pages/search.h"
#include "http/server.h"
#include "store/store.h"
#include "support/temp_dir.h"

namespace tiltas::http {
namespace {

using namespace tiltas::model;

constexpr std::string_view kXssTitle = R"(<script>alert(1)</script> "quoted" & amp)";
constexpr std::string_view kXssEscaped = "&lt;script&gt;alert(1)&lt;/script&gt; &quot;quoted&quot; &amp; amp";
constexpr std::string_view kXssOrganisation = R"html(<b onmouseover="x()">Evil</b> & Co)html";

Project base_project(const std::string& title, const std::string& programme) {
  Project p;
  p.default_language = "en";
  p.titles.set("en", title);
  p.programme = programme;
  p.period.start = PartialDate::parse_iso("2021").value();
  return p;
}

Project full_project() {
  Project p = base_project("Neighbourhood councils in Kaunas", "Active Citizens Fund");
  p.kind = ProjectKind::kBilateralInitiative;
  p.status = ProjectStatus::kCompleted;
  p.titles.set("lt", "Seniūnaitijų tarybos Kaune");
  p.descriptions.set("en", "Residents learn how councils work.");
  p.period.end = PartialDate::parse_iso("2022-08-31").value();
  p.amounts.push_back({14868012, "EUR", AmountKind::kBudget, std::nullopt});
  p.participations.push_back({"Oslo City Municipality", "NO", Role::kPartner, std::nullopt, std::nullopt});
  p.participations.push_back({"VšĮ Bendruomenių tiltai", "LT", Role::kPromoter, std::nullopt, std::nullopt});
  p.activities.push_back({"1.1", "Study visit in Oslo", std::nullopt});
  p.events.push_back(
      {"Study visit", "Oslo", "NO", PartialDate::parse_iso("2021-09-13").value(), std::nullopt, std::nullopt});
  p.indicators.push_back({400, "persons trained", IndicatorStatus::kPlanned, std::nullopt});
  p.indicators.push_back({313, "persons trained", IndicatorStatus::kAchieved, std::nullopt});
  p.places.push_back({"Kaunas", "LT", std::nullopt});
  return p;
}

Project xss_project() {
  Project p = base_project(std::string(kXssTitle), "Youth programme");
  p.descriptions.set("en", "An alert about quoted text.");
  p.participations.push_back({std::string(kXssOrganisation), "LT", Role::kPromoter, std::nullopt, std::nullopt});
  return p;
}

Project youth_project(const std::string& town) {
  Project p = base_project("Youth councils in " + town, "Youth programme");
  p.participations.push_back({"Youth centre of " + town, "LT", Role::kPromoter, std::nullopt, std::nullopt});
  return p;
}

Document document_for(const std::string& text) {
  Document d;
  d.source = "test://pages";
  d.name = "pages";
  d.sha256 = sha256_hex(text);
  d.language = "en";
  d.media_type = "text/plain";
  d.text = text;
  return d;
}

// "&amp;" in an href attribute is "&" in the URL the browser follows.
std::string attribute_value(std::string value) {
  for (auto at = value.find("&amp;"); at != std::string::npos; at = value.find("&amp;", at + 1)) {
    value.replace(at, 5, "&");
  }
  return value;
}

// The href of the element that contains the first `marker` (in its
// attributes or its text).
std::string href_after(const std::string& html, const std::string& marker) {
  auto at = html.find(marker);
  if (at == std::string::npos) return {};
  const bool in_tag = html.rfind('<', at) > html.rfind('>', at) || html.rfind('>', at) == std::string::npos;
  auto start = in_tag ? html.find("href=\"", html.rfind('<', at)) : html.rfind("href=\"", at);
  if (start == std::string::npos) return {};
  start += 6;
  return attribute_value(html.substr(start, html.find('"', start) - start));
}

// "/lt" + path, appended (GCC 12 warns -Wrestrict, falsely, on "lit" + string).
std::string lithuanian(const std::string& path) {
  std::string out = "/lt";
  out += path;
  return out;
}

std::size_t count_of(const std::string& html, std::string_view needle) {
  std::size_t n = 0;
  for (auto at = html.find(needle); at != std::string::npos; at = html.find(needle, at + 1)) ++n;
  return n;
}

// One store and one server for the suite; no test writes.
class PagesTest : public ::testing::Test {
 public:
  static void SetUpTestSuite() {
    suite_dir = new testing::TempDir();
    auto store = store::open_store("sqlite:" + suite_dir->file("registry.db"));
    ASSERT_TRUE(store) << store.error().describe();
    suite_store = store->release();
    std::vector<Project> records{full_project(), xss_project(), youth_project("Vilnius"), youth_project("Alytus")};
    auto imported = suite_store->import_document(document_for("pages source"), records);
    ASSERT_TRUE(imported) << imported.error().describe();
    const auto& ids = imported->project_ids;
    ASSERT_EQ(ids.size(), records.size());
    full_id = ids[0];
    xss_id = ids[1];
    ASSERT_TRUE(suite_store->set_review_state(ids, ReviewState::kPublished));
    auto full = suite_store->get_project(full_id, store::Visibility::kPublic);
    ASSERT_TRUE(full && full->participations.size() == 2 && full->participations[0].organisation_id);
    oslo_id = *full->participations[0].organisation_id;
    auto xss = suite_store->get_project(xss_id, store::Visibility::kPublic);
    ASSERT_TRUE(xss && xss->participations.size() == 1 && xss->participations[0].organisation_id);
    xss_organisation_id = *xss->participations[0].organisation_id;

    ServerOptions options;
    options.host = "127.0.0.1";
    options.port = 0;
    options.threads = 2;
    auto server = Server::start(*suite_store, options);
    ASSERT_TRUE(server) << server.error().describe();
    suite_server = server->release();
  }

  static void TearDownTestSuite() {
    delete suite_server;
    delete suite_store;
    delete suite_dir;
  }

  static std::string get_html(const std::string& path, int expected_status = 200) {
    httplib::Client c("127.0.0.1", suite_server->port());
    c.set_url_encode(false);  // tests send exactly the bytes they mean
    c.set_read_timeout(10, 0);
    auto res = c.Get(path);
    EXPECT_TRUE(res) << path << ": " << httplib::to_string(res.error());
    if (!res) return {};
    EXPECT_EQ(res->status, expected_status) << path;
    EXPECT_EQ(res->get_header_value("Content-Type"), "text/html; charset=utf-8") << path;
    return res->body;
  }

  static std::string project_path() { return "/projects/" + std::to_string(full_id); }
  static std::string organisation_path() { return "/organisations/" + std::to_string(oslo_id); }

  static inline testing::TempDir* suite_dir = nullptr;
  static inline store::Store* suite_store = nullptr;
  static inline Server* suite_server = nullptr;
  static inline Id full_id = 0;
  static inline Id xss_id = 0;
  static inline Id oslo_id = 0;
  static inline Id xss_organisation_id = 0;
};

struct PageCase {
  std::string en_path;       // the English page; the Lithuanian one is "/lt" + this
  std::string en_label;      // a UI string of the page in English...
  std::string lt_label;      // ...and in Lithuanian
  std::string en_data;       // data the page shows in English (country names are translated)
  std::string lt_data;
  std::string why;
};

std::vector<PageCase> page_cases() {
  return {
      {"/", "Published projects", "Paskelbti projektai", "Norway (NO)", "Norvegija (NO)", "home: figures, countries"},
      {"/search?q=councils", "Narrow the results", "Susiaurinti rezultatus", "Active Citizens Fund",
       "Active Citizens Fund", "search with facets"},
      {PagesTest::project_path(), "Partners", "Partneriai", "Norway (NO)", "Norvegija (NO)",
       "project: partner country in the page language"},
      {PagesTest::organisation_path(), "This organisation as JSON", "Ši organizacija JSON formatu",
       "Oslo City Municipality", "Oslo City Municipality", "organisation"},
      {"/countries/NO", "Organisations", "Organizacijos", "Norway", "Norvegija", "country"},
      {"/countries/lt", "Organisations", "Organizacijos", "Youth centre of Vilnius", "Youth centre of Vilnius",
       "country code in lower case"},
  };
}

TEST_F(PagesTest, EveryPageInBothLanguagesWithTheSwitchToTheOther) {
  for (const auto& c : page_cases()) {
    SCOPED_TRACE(c.en_path + " (" + c.why + ")");
    const std::string lt_path = c.en_path == "/" ? "/lt/" : lithuanian(c.en_path);
    const std::string en = get_html(c.en_path);
    const std::string lt = get_html(lt_path);
    EXPECT_NE(en.find("<html lang=\"en\">"), std::string::npos);
    EXPECT_NE(lt.find("<html lang=\"lt\">"), std::string::npos);
    EXPECT_NE(en.find(c.en_label), std::string::npos) << en;
    EXPECT_NE(lt.find(c.lt_label), std::string::npos) << lt;
    EXPECT_EQ(lt.find(c.en_label), std::string::npos) << "English label on the Lithuanian page";
    EXPECT_NE(en.find(c.en_data), std::string::npos);
    EXPECT_NE(lt.find(c.lt_data), std::string::npos);
    // Landmarks, skip link and the switch on every page.
    for (const std::string* html : {&en, &lt}) {
      for (const char* landmark : {"<header", "<nav", "<main>", "<footer", "href=\"#content\"", "id=\"content\""}) {
        EXPECT_NE(html->find(landmark), std::string::npos) << landmark;
      }
    }
    EXPECT_EQ(href_after(en, "class=\"language-switch\""), lt_path) << "English page switches to the same page in Lithuanian";
    EXPECT_EQ(href_after(lt, "class=\"language-switch\""), c.en_path) << "Lithuanian page switches back";
  }
}

TEST_F(PagesTest, LithuanianHomeAnswersWithAndWithoutTheSlash) {
  for (const char* path : {"/lt", "/lt/", "/lt/?after=0"}) {
    SCOPED_TRACE(path);
    const std::string html = get_html(path);
    EXPECT_NE(html.find("<html lang=\"lt\">"), std::string::npos);
    EXPECT_EQ(href_after(html, "class=\"language-switch\""), std::string(path).ends_with("0") ? "/?after=0" : "/");
  }
}

TEST_F(PagesTest, ProjectPageShowsBothTitlesPartnersLinksAndIndicatorsPlannedVsAchieved) {
  const std::string en = get_html(project_path());
  const std::string lt = get_html(lithuanian(project_path()));
  const std::vector<std::pair<std::string, std::string>> expected{
      {"<h1 lang=\"en\">Neighbourhood councils in Kaunas</h1>", "English title heads the English page"},
      {"lang=\"lt\">Seniūnaitijų tarybos Kaune", "and the Lithuanian title is shown too"},
      {"href=\"/organisations/" + std::to_string(oslo_id) + "\">Oslo City Municipality</a>", "partner links"},
      {"href=\"/countries/NO\">Norway (NO)</a>", "country links"},
      {"<td class=\"number planned\">400</td><td class=\"number achieved\">313</td>", "planned vs achieved"},
      {"href=\"/api/v1/projects/" + std::to_string(full_id) + "\"", "JSON link"},
      {"bilateral initiative", "kind in words"},
      {"148,680.12 EUR", "amount"},
  };
  for (const auto& [text, why] : expected) EXPECT_NE(en.find(text), std::string::npos) << why << ": " << text;
  const std::vector<std::pair<std::string, std::string>> expected_lt{
      {"<h1 lang=\"lt\">Seniūnaitijų tarybos Kaune</h1>", "Lithuanian title heads the Lithuanian page"},
      {"href=\"/lt/organisations/" + std::to_string(oslo_id) + "\">", "links stay in Lithuanian"},
      {"href=\"/lt/countries/LT\">Lietuva (LT)</a>", "country name in Lithuanian"},
      {"dvišalė iniciatyva", "kind translated"},
      {"projekto vykdytojas", "role translated"},
      {"Planuota", "indicator heading translated"},
  };
  for (const auto& [text, why] : expected_lt) EXPECT_NE(lt.find(text), std::string::npos) << why << ": " << text;
}

TEST_F(PagesTest, AFacetLinkNarrowsTheResultsAndAnotherRemovesIt) {
  const std::string all = get_html("/search?q=councils");
  const std::size_t all_hits = count_of(all, "href=\"/projects/");
  EXPECT_EQ(all_hits, 3u) << all;
  EXPECT_NE(all.find("<mark>councils</mark>"), std::string::npos) << "matched words highlighted";
  // The programme facet's value links to the same search with the filter added.
  const std::string narrow = href_after(all, ">Active Citizens Fund <span class=\"count\">(1)</span>");
  ASSERT_FALSE(narrow.empty()) << all;
  EXPECT_NE(narrow.find("programme=Active%20Citizens%20Fund"), std::string::npos) << narrow;
  EXPECT_NE(narrow.find("q=councils"), std::string::npos) << "the words are kept: " << narrow;
  const std::string narrowed = get_html(narrow);
  EXPECT_EQ(count_of(narrowed, "href=\"/projects/"), 1u) << narrowed;
  EXPECT_NE(narrowed.find("href=\"/projects/" + std::to_string(full_id) + "\""), std::string::npos);
  // The selected value now removes the filter again.
  const std::string widen = href_after(narrowed, "aria-current=\"true\"");
  EXPECT_EQ(widen, "/search?q=councils");
  // In Lithuanian the facet links stay in Lithuanian.
  const std::string lt = get_html("/lt/search?q=councils");
  EXPECT_NE(lt.find("href=\"/lt/search?programme=Active%20Citizens%20Fund&amp;q=councils\""), std::string::npos)
      << lt;
  // Pages past the first link back, with the same words and filters.
  const std::string second = get_html("/search?q=councils&programme=Youth%20programme&page=2");
  EXPECT_EQ(href_after(second, "rel=\"prev\""), "/search?programme=Youth%20programme&q=councils") << second;
  EXPECT_EQ(second.find("rel=\"next\""), std::string::npos);
  // A country filter from the URL alone.
  const std::string norway = get_html("/search?country=no");
  EXPECT_EQ(count_of(norway, "href=\"/projects/"), 1u) << norway;
  EXPECT_NE(norway.find("aria-current=\"true\" href=\"/search\""), std::string::npos)
      << "the code in lower case selects the facet value: " << norway;
}

TEST_F(PagesTest, SearchPageWithoutQueryShowsTheLabelledForm) {
  const std::string html = get_html("/search");
  EXPECT_NE(html.find("<label for=\"search-q\">"), std::string::npos);
  EXPECT_NE(html.find("id=\"search-q\" name=\"q\""), std::string::npos);
  EXPECT_EQ(html.find("class=\"results\""), std::string::npos);
  // A query the parser refuses is a 400 page that says why, not a failure.
  get_html("/search?q=year:abc", 400);
}

TEST_F(PagesTest, XssTitleAndNameRenderEscaped) {
  const std::vector<std::string> paths{
      "/projects/" + std::to_string(xss_id),
      "/lt/projects/" + std::to_string(xss_id),
      "/search?q=alert",
      "/search?q=quoted",
      "/organisations/" + std::to_string(xss_organisation_id),
      "/countries/LT",
  };
  for (const auto& path : paths) {
    SCOPED_TRACE(path);
    const std::string html = get_html(path);
    EXPECT_EQ(html.find("<script>"), std::string::npos);
    EXPECT_EQ(html.find("alert(1)</script>"), std::string::npos);
    EXPECT_EQ(html.find("<b onmouseover"), std::string::npos);
    EXPECT_TRUE(html.find(kXssEscaped) != std::string::npos || html.find("&lt;script&gt;") != std::string::npos)
        << html;
  }
  // The highlighted title keeps its escaping around the <mark>.
  const std::string search = get_html("/search?q=alert");
  EXPECT_NE(search.find("&lt;script&gt;<mark>alert</mark>(1)&lt;/script&gt;"), std::string::npos) << search;
  EXPECT_NE(search.find(">An <mark>alert</mark> about quoted text.</p>"), std::string::npos) << "snippet: " << search;
  const std::string organisation = get_html("/organisations/" + std::to_string(xss_organisation_id));
  EXPECT_NE(organisation.find("&lt;b onmouseover=&quot;x()&quot;&gt;Evil&lt;/b&gt; &amp; Co"), std::string::npos)
      << organisation;
}

TEST_F(PagesTest, UnknownIdsGiveTheNotFoundPageInThePageLanguage) {
  struct Case {
    std::string path;
    std::string lang;
    std::string heading;
    int status = 404;
  };
  const Case cases[] = {
      {"/projects/999999", "en", "Not found"},
      {"/lt/projects/999999", "lt", "Nerasta"},
      {"/projects/abc", "en", "Bad request", 400},
      {"/lt/projects/abc", "lt", "Neteisinga užklausa", 400},
      {"/lt/organisations/0", "lt", "Neteisinga užklausa", 400},
      {"/organisations/999999", "en", "Not found"},
      {"/lt/organisations/999999", "lt", "Nerasta"},
      {"/countries/99", "en", "Not found"},
      {"/lt/countries/99", "lt", "Nerasta"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.path);
    const std::string html = get_html(c.path, c.status);
    EXPECT_NE(html.find("<html lang=\"" + c.lang + "\">"), std::string::npos) << html;
    EXPECT_NE(html.find("<h1>" + c.heading + "</h1>"), std::string::npos) << html;
  }
}

TEST(PageUnits, CataloguesHaveTheSameKeys) {
  auto status = pages::check_catalogues();
  EXPECT_TRUE(status) << status.error().describe();
  EXPECT_EQ(pages::message(pages::Lang::kLt, "nav_home"), "Pradžia");
  EXPECT_EQ(pages::message(pages::Lang::kEn, "list_total", "count", "3"), "3 published projects");
}

// UI strings live in the catalogues: with tags and {{ }} tags removed, a
// template leaves no words, and the attributes people read (aria-label,
// title, alt, placeholder) take their value from the view.
TEST(PageUnits, TemplatesHoldNoUiStrings) {
  for (std::string_view name : asset_names()) {
    if (!name.starts_with("templates/")) continue;
    SCOPED_TRACE(std::string(name));
    const std::string text(*find_asset(name));
    std::string words;
    for (std::size_t i = 0; i < text.size();) {
      if (text.compare(i, 2, "{{") == 0) {
        const auto end = text.find("}}", i);
        ASSERT_NE(end, std::string::npos);
        i = end + 2;
      } else if (text[i] == '<') {
        const auto end = text.find('>', i);
        ASSERT_NE(end, std::string::npos);
        const std::string tag = text.substr(i, end - i);
        for (const char* attribute : {"aria-label=\"", "title=\"", "alt=\"", "placeholder=\""}) {
          const auto at = tag.find(attribute);
          if (at != std::string::npos) {
            EXPECT_EQ(tag.compare(at + std::strlen(attribute), 2, "{{"), 0) << tag;
          }
        }
        i = end + 1;
      } else {
        if (std::isalpha(static_cast<unsigned char>(text[i]))) words.push_back(text[i]);
        ++i;
      }
    }
    EXPECT_EQ(words, "") << "text outside the catalogues";
  }
}

TEST(PageUnits, MarkedSegmentsCases) {
  using pages::Segment;
  struct Case {
    std::string html;
    std::vector<Segment> segments;
    std::string why;
  };
  const Case cases[] = {
      {"", {}, "empty text"},
      {"plain &amp; simple", {{"plain & simple", false}}, "entities unescaped for re-escaping"},
      {"a <mark>b</mark> c", {{"a ", false}, {"b", true}, {" c", false}}, "one mark"},
      {"<mark>x</mark><mark>y</mark>", {{"x", true}, {"y", true}}, "adjacent marks"},
      {"&lt;mark&gt;not&lt;/mark&gt;", {{"<mark>not</mark>", false}}, "escaped tags in data stay text"},
      {"<mark>open", {{"open", true}}, "unclosed mark ends the text"},
  };
  for (const auto& c : cases) EXPECT_EQ(pages::marked_segments(c.html), c.segments) << c.why;
}

}  // namespace
}  // namespace tiltas::http
