// The search contract: what every backend's index must do, written once and
// run on SQLite always (with FTS5 and with Xapian) and on PostgreSQL when the
// ctest fixture (or TILTAS_TEST_POSTGRES_URL) gives a server, like
// tests/store's contract.
#include <algorithm>
#include <functional>
#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "base/hash.h"
#include "store/store.h"
#include "support/postgres_test_db.h"
#include "support/store_backends.h"
#include "support/documents.h"
#include "support/temp_dir.h"

namespace tiltas::store {
namespace {

using namespace tiltas::model;
using search::SearchRequest;

using Backend = testing::StoreBackend;
using testing::search_backends;

model::Document doc(const std::string& source, const std::string& text, const std::string& language = "en") {
  return testing::make_document(source, text, language);
}

struct Spec {
  std::string language = "en";
  std::string title;
  std::string description;
  std::string programme = "Active Citizens Fund";
  std::string start = "2021-06";
  std::string end = "2022-08-31";
  std::int64_t amount = 1000000;
  std::vector<std::pair<std::string, std::string>> orgs = {{"Kauno miesto savivaldybė", "LT"}};
  std::vector<std::string> places = {};
};

Project project(const Spec& s) {
  Project p;
  p.default_language = s.language;
  p.titles.set(s.language, s.title);
  if (!s.description.empty()) p.descriptions.set(s.language, s.description);
  p.programme = s.programme;
  p.period.start = PartialDate::parse_iso(s.start).value();
  p.period.end = PartialDate::parse_iso(s.end).value();
  p.amounts.push_back({s.amount, "EUR", AmountKind::kBudget, std::nullopt});
  Role role = Role::kPromoter;
  for (const auto& [name, country] : s.orgs) {
    p.participations.push_back({name, country, role, std::nullopt, std::nullopt});
    role = Role::kPartner;
  }
  for (const auto& place : s.places) p.places.push_back({place, std::nullopt, std::nullopt});
  return p;
}

class SearchContract : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    std::string skip;
    store_ = GetParam().open(dir_, skip);
    if (!store_) GTEST_SKIP() << skip;
  }

  // Imports one document per record (so that none is read as another's
  // translation by accident) and publishes them; returns the ids.
  std::vector<Id> add(const std::vector<Spec>& specs, bool publish = true) {
    std::vector<Id> ids;
    for (Spec s : specs) {
      // Distinct amounts, so that records in other languages are not read
      // as translations of each other.
      if (s.amount == Spec{}.amount) s.amount += 7919 * counter_;
      auto r = store_->import_document(doc("page-" + std::to_string(counter_++) + ".txt", s.title + s.description,
                                           s.language),
                                       {project(s)});
      EXPECT_TRUE(r) << r.error().message;
      if (r) ids.push_back(r->project_ids.at(0));
    }
    if (publish) {
      EXPECT_TRUE(store_->publish_all());
    }
    return ids;
  }

  search::SearchResult run(const std::string& q, bool drafts = false, search::SortOrder sort =
                                                                        search::SortOrder::kRelevance) {
    auto parsed = search::parse_query(q);
    EXPECT_TRUE(parsed) << q << ": " << parsed.error().message;
    SearchRequest r;
    r.query = parsed ? *parsed : search::SearchQuery{};
    r.include_drafts = drafts;
    r.sort = sort;
    auto out = store_->search(r);
    EXPECT_TRUE(out) << q << ": " << out.error().message;
    return out ? *out : search::SearchResult{};
  }

  std::vector<Id> ids(const std::string& q, bool drafts = false) {
    std::vector<Id> out;
    for (const auto& h : run(q, drafts).hits) out.push_back(h.id);
    std::sort(out.begin(), out.end());
    return out;
  }

  testing::TempDir dir_;
  std::unique_ptr<Store> store_;
  int counter_ = 0;
};

TEST_P(SearchContract, FindsWordsAcrossFormsLanguagesAndDiacritics) {
  auto id = add({
      {.language = "lt", .title = "Šančiai bendruomenės centras", .description = "Savivaldybių ir įmonėms skirti mokymai"},
      {.language = "nb", .title = "Samarbeid med Tromsø kommune", .description = "Kommunene i Nord-Norge"},
      {.language = "en", .title = "Municipality twinning", .description = "Twinning of a municipality with partners"},
  });
  struct Case {
    const char* query;
    Id expected;
    const char* why;
  };
  const Case kCases[] = {
      {"sanciai", id[0], "diacritics folded"},
      {"savivaldybė", id[0], "Lithuanian endings merge: savivaldybių"},
      {"savivaldybes", id[0], "another form of the same word"},
      {"įmonė", id[0], "įmonėms"},
      {"imone", id[0], "typed without diacritics"},
      {"tromso", id[1], "Latin-ASCII: ø"},
      {"kommune", id[1], "Norwegian plural"},
      {"municipalities", id[2], "English plural"},
      {"kauno", id[0], "organisation names are indexed"},
  };
  for (const auto& c : kCases) {
    auto found = ids(c.query);
    EXPECT_NE(std::find(found.begin(), found.end(), c.expected), found.end()) << c.query << ": " << c.why;
  }
  EXPECT_TRUE(ids("nonexistentword").empty());
}

TEST_P(SearchContract, PhrasesExclusionsOrAndFieldsCombine) {
  auto id = add({
      {.title = "Youth study visit in Oslo", .orgs = {{"Oslo kommune", "NO"}}},
      {.title = "Study of youth visits", .orgs = {{"Kauno miesto savivaldybė", "LT"}}},
      {.title = "Elderly care in Kaunas", .programme = "EEA Grants", .start = "2019-01", .end = "2019-12-31"},
  });
  EXPECT_EQ(ids("\"study visit\""), std::vector<Id>{id[0]});
  EXPECT_EQ(ids("youth -oslo"), std::vector<Id>{id[1]});
  EXPECT_EQ(ids("oslo OR elderly"), (std::vector<Id>{id[0], id[2]}));
  EXPECT_EQ(ids("youth country:NO"), std::vector<Id>{id[0]});
  EXPECT_EQ(ids("org:oslo"), std::vector<Id>{id[0]});
  EXPECT_EQ(ids("programme:\"EEA Grants\""), std::vector<Id>{id[2]});
  EXPECT_EQ(ids("year:2019"), std::vector<Id>{id[2]});
  EXPECT_EQ(ids("year:2020..2022"), (std::vector<Id>{id[0], id[1]}));
  EXPECT_EQ(ids("youth role:partner"), std::vector<Id>{}) << "each record has one organisation, a promoter";
  EXPECT_EQ(ids("-youth"), std::vector<Id>{id[2]}) << "exclusion alone: everything else";
}

TEST_P(SearchContract, TitlesAndOrganisationsRankAboveDescriptions) {
  auto id = add({
      {.title = "Cultural heritage", .description = "A library of Oslo memories and more text about things"},
      {.title = "Oslo libraries", .description = "Cultural exchange"},
  });
  auto r = run("oslo");
  ASSERT_EQ(r.hits.size(), 2u);
  EXPECT_EQ(r.hits[0].id, id[1]);
  EXPECT_GT(r.hits[0].score, r.hits[1].score);
}

TEST_P(SearchContract, FacetsCountTheMatchesAndFiltersNarrowThem) {
  add({
      {.title = "Green schools", .programme = "EEA Grants", .orgs = {{"A", "LT"}, {"B", "NO"}}},
      {.title = "Green towns", .programme = "EEA Grants", .start = "2018-01", .end = "2018-12-31"},
      {.language = "lt", .title = "Žalios mokyklos green", .programme = "Norway Grants"},
  });
  auto r = run("green");
  EXPECT_EQ(r.total, 3);
  EXPECT_TRUE(r.exhaustive);
  auto count = [&](const std::string& facet, const std::string& value) -> std::int64_t {
    for (const auto& f : r.facets[facet]) {
      if (f.value == value) return f.count;
    }
    return 0;
  };
  EXPECT_EQ(count("programme", "EEA Grants"), 2);
  EXPECT_EQ(count("programme", "Norway Grants"), 1);
  EXPECT_EQ(count("country", "NO"), 1);
  EXPECT_EQ(count("country", "LT"), 3);
  EXPECT_EQ(count("language", "lt"), 1);
  EXPECT_EQ(count("year", "2018"), 1);
  EXPECT_EQ(count("year", "2021"), 2);
  EXPECT_EQ(count("role", "partner"), 1);
  EXPECT_EQ(count("kind", "project"), 3);
  EXPECT_EQ(count("review_state", "published"), 3);
  r = run("green country:NO");
  EXPECT_EQ(r.total, 1);
}

TEST_P(SearchContract, DraftsAreSearchableOnlyByOperatorsUntilPublished) {
  auto id = add({{.title = "Draft bridge"}}, false);
  EXPECT_TRUE(ids("bridge").empty());
  EXPECT_EQ(ids("bridge", true), std::vector<Id>{id[0]});
  EXPECT_EQ(ids("bridge status:draft", true), std::vector<Id>{id[0]});
  ASSERT_TRUE(store_->publish_all());
  EXPECT_EQ(ids("bridge"), std::vector<Id>{id[0]}) << "publishing needs no reindex";
}

TEST_P(SearchContract, IndexFollowsRevisionsAndDeletesInTheSameTransaction) {
  auto first = store_->import_document(doc("page.txt", "v1"), {project({.title = "Old harbour"})});
  ASSERT_TRUE(first);
  Id id = first->project_ids[0];
  EXPECT_EQ(ids("harbour", true), std::vector<Id>{id});
  auto second = store_->import_document(doc("page.txt", "v2"), {project({.title = "New bridge"})});
  ASSERT_TRUE(second);
  EXPECT_TRUE(ids("harbour", true).empty()) << "the old revision's words are gone";
  EXPECT_EQ(ids("bridge", true), std::vector<Id>{id});
  ASSERT_TRUE(store_->delete_project(id));
  EXPECT_TRUE(ids("bridge", true).empty());
  auto s = store_->suggest("kauno", 5, true);
  ASSERT_TRUE(s);
  EXPECT_TRUE(s->empty()) << "suggestions go with the record";
}

TEST_P(SearchContract, EditorsCorrectionsStaySearchableAfterReimport) {
  auto first = store_->import_document(doc("page.txt", "v1"), {project({.title = "Harbur festival"})});
  ASSERT_TRUE(first);
  Id id = first->project_ids[0];
  auto p = store_->get_project(id, store::Visibility::kAll).value();
  p.titles.set(p.default_language, "Harbour festival");  // the editor fixes the typo
  ASSERT_TRUE(store_->update_project(id, p, {.editor = "ed"}));
  EXPECT_EQ(ids("harbour", true), std::vector<Id>{id});
  // The page changes elsewhere; its title still has the typo, the correction stays.
  auto again = store_->import_document(doc("page.txt", "v2"), {project({.title = "Harbur festival", .description = "new"})});
  ASSERT_TRUE(again);
  EXPECT_EQ(ids("harbour", true), std::vector<Id>{id}) << "the index holds the corrected record";
}

TEST_P(SearchContract, ReindexRebuildsTheSameIndex) {
  add({{.title = "Harbour renewal", .description = "Klaipėda harbour"}, {.title = "River harbour"}});
  auto before = ids("harbour");
  auto n = store_->reindex();
  ASSERT_TRUE(n) << n.error().message;
  EXPECT_EQ(*n, 2);
  EXPECT_EQ(ids("harbour"), before);
  EXPECT_EQ(ids("klaipeda").size(), 1u);
}

TEST_P(SearchContract, SortsByStartDateAndAmount) {
  auto id = add({
      {.title = "Bridge one", .start = "2019-01", .amount = 500},
      {.title = "Bridge two", .start = "2023-01", .end = "2024-01-01", .amount = 100},
      {.title = "Bridge three", .start = "2021-01", .amount = 900},
  });
  auto by_date = run("bridge", false, search::SortOrder::kStartDate);
  ASSERT_EQ(by_date.hits.size(), 3u);
  EXPECT_EQ(by_date.hits[0].id, id[1]);
  EXPECT_EQ(by_date.hits[2].id, id[0]);
  auto by_amount = run("bridge", false, search::SortOrder::kAmount);
  ASSERT_EQ(by_amount.hits.size(), 3u);
  EXPECT_EQ(by_amount.hits[0].id, id[2]);
  EXPECT_EQ(by_amount.hits[0].amount_minor, 900);
}

TEST_P(SearchContract, HitsCarryHighlightedTitlesAndSnippets) {
  add({{.language = "lt", .title = "Šančiai <renewal>", .description = "Projektas skirtas Šančių bendruomenei & kitiems"}});
  auto r = run("sanciai");
  ASSERT_EQ(r.hits.size(), 1u);
  EXPECT_EQ(r.hits[0].title, "Šančiai <renewal>");
  EXPECT_EQ(r.hits[0].title_html, "<mark>Šančiai</mark> &lt;renewal&gt;");
  EXPECT_NE(r.hits[0].snippet_html.find("&amp;"), std::string::npos) << r.hits[0].snippet_html;
  EXPECT_EQ(r.hits[0].programme, "Active Citizens Fund");
}

TEST_P(SearchContract, SuggestsOrganisationsAndPlacesByFoldedPrefix) {
  add({
      {.title = "A", .orgs = {{"Tromsø kommune", "NO"}}, .places = {"Šančiai"}},
      {.title = "B", .orgs = {{"Tromsø kommune", "NO"}, {"Oslo kommune", "NO"}}},
  });
  auto s = store_->suggest("tromso", 10, false).value();
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(s[0], (search::Suggestion{"Tromsø kommune", "organisation", 2}));
  auto k = store_->suggest("komm", 10, false).value();
  EXPECT_EQ(k.size(), 2u) << "a word inside the name";
  auto p = store_->suggest("sanc", 10, false).value();
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p[0].kind, "place");
  EXPECT_TRUE(store_->suggest("", 10, false).value().empty());
}

TEST_P(SearchContract, BadQueriesAreErrorsOrResultsNeverFailures) {
  add({{.title = "Oslo bridge"}});
  const char* kQueries[] = {"\"unbalanced", "NEAR(oslo", "oslo*", "^oslo", "\\\"", "the", "-", "OR",
                            "\"\"", "{title}: oslo", "oslo NOT", "AND", "'; DROP TABLE projects; --", "ø"};
  for (const char* q : kQueries) {
    auto parsed = search::parse_query(q);
    ASSERT_TRUE(parsed) << q;
    SearchRequest r;
    r.query = *parsed;
    auto out = store_->search(r);
    if (!out) {
      EXPECT_EQ(out.error().code, ErrorCode::kInvalidArgument) << q << ": " << out.error().message;
    }
  }
  EXPECT_EQ(ids("oslo*").size(), 1u);
  SearchRequest bad_page;
  bad_page.query = search::parse_query("oslo").value();
  bad_page.page = 0;
  EXPECT_EQ(store_->search(bad_page).error().code, ErrorCode::kInvalidArgument);
}

TEST_P(SearchContract, TranslationsAreOneHit) {
  Spec en{.title = "Bridge of friendship", .programme = "EEA Grants", .start = "2021-06", .end = "2022-08-31",
          .amount = 777700};
  Spec lt = en;
  lt.language = "lt";
  lt.title = "Draugystės tiltas bridge";
  auto a = store_->import_document(doc("en.txt", "en"), {project(en)});
  auto b = store_->import_document(doc("lt.txt", "lt", "lt"), {project(lt)});
  ASSERT_TRUE(a && b);
  ASSERT_TRUE(store_->publish_all());
  auto got = store_->get_project(b->project_ids[0], Visibility::kAll).value();
  if (!got.translation_of) GTEST_SKIP() << "the records were not linked as translations";
  auto r = run("bridge");
  EXPECT_EQ(r.total, 1);
  ASSERT_EQ(r.hits.size(), 1u);
  EXPECT_EQ(r.hits[0].id, a->project_ids[0]);
}

// find_matches (exports): every match a page at a time by id, past the rank
// window's cut, drafts only for operators, the same records search() finds.
TEST_P(SearchContract, FindMatchesReadsEveryMatchByIdInPages) {
  std::vector<Spec> specs;
  for (int i = 0; i < 12; ++i) {
    specs.push_back({.title = (i % 3 == 0 ? "Harbour network " : "Volunteer exchange ") + std::to_string(i)});
  }
  auto id = add(specs, /*publish=*/false);
  ASSERT_TRUE(store_->set_review_state({id[0], id[3], id[6]}, ReviewState::kPublished));
  auto query = search::parse_query("harbour").value();
  auto read_all = [&](bool drafts, int page) {
    std::vector<Id> out;
    Id after = 0;
    for (int calls = 0; calls < 20; ++calls) {
      auto m = store_->find_matches(query, drafts, after, page);
      EXPECT_TRUE(m) << m.error().message;
      if (!m || m->empty()) break;
      EXPECT_LE(m->size(), static_cast<std::size_t>(page));
      for (const auto& match : *m) {
        EXPECT_GT(match.id, after) << "ascending, after the cursor";
        EXPECT_EQ(match.group, match.id) << "no translations here";
        out.push_back(match.id);
        after = match.id;
      }
    }
    return out;
  };
  const std::vector<Id> all{id[0], id[3], id[6], id[9]};
  EXPECT_EQ(read_all(true, 1), all) << "pages of one";
  EXPECT_EQ(read_all(true, 3), all);
  EXPECT_EQ(read_all(false, 2), (std::vector<Id>{id[0], id[3], id[6]})) << "the public sees published ones";
  EXPECT_EQ(read_all(true, 100), ids("harbour", true)) << "what the search finds";
  // A filter alone, and an exclusion.
  query = search::parse_query("programme:\"Active Citizens Fund\" -harbour").value();
  EXPECT_EQ(read_all(true, 5).size(), 8u);
  auto empty = store_->find_matches(search::SearchQuery{}, true, 0, 10);
  ASSERT_FALSE(empty);
  EXPECT_EQ(empty.error().code, ErrorCode::kInvalidArgument);
}

INSTANTIATE_TEST_SUITE_P(Backends, SearchContract, ::testing::ValuesIn(search_backends()),
                         [](const auto& info) { return info.param.name; });

}  // namespace
}  // namespace tiltas::store
