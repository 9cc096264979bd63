// The store contract: what every backend must do, written once and run on
// each backend (SQLite always; PostgreSQL when TILTAS_TEST_POSTGRES_URL names
// a server). A backend joins by adding a factory to kBackends.
#include <cstdlib>
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

using Backend = testing::StoreBackend;
using testing::store_backends;

using testing::make_document;

Project make_project(const std::string& title) {
  Project p;
  p.default_language = "en";
  p.titles.set("en", title);
  p.titles.set("lt", title + " (LT)");
  p.descriptions.set("en", "About " + title);
  p.programme = "Active Citizens Fund";
  p.period.start = PartialDate::parse_iso("2021-06").value();
  p.period.end = PartialDate::parse_iso("2022-08-31").value();
  p.amounts.push_back({14868012, "EUR", AmountKind::kBudget, SourceSpan{10, 20}});
  p.participations.push_back({"Oslo City Municipality", "NO", Role::kPartner, std::nullopt, SourceSpan{30, 52}});
  p.participations.push_back({"VšĮ Bendruomenių tiltai", "LT", Role::kPromoter, std::nullopt, std::nullopt});
  p.activities.push_back({"1.1", "Study visit in Oslo", std::nullopt});
  p.events.push_back({"Study visit", "Oslo", "NO", PartialDate::parse_iso("2021-09-13").value(), std::nullopt, std::nullopt});
  p.indicators.push_back({313, "persons trained", IndicatorStatus::kAchieved, std::nullopt});
  p.places.push_back({"Kaunas", "LT", std::nullopt});
  p.notes = "a note";
  p.spans["title"] = SourceSpan{0, 5};
  p.findings.push_back({"period", Severity::kInfo, "two periods; the labelled one used", SourceSpan{1, 2}});
  return p;
}

class StoreContract : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    std::string skip;
    store_ = GetParam().open(dir_, skip);
    if (!store_) GTEST_SKIP() << skip;
  }
  testing::TempDir dir_;
  std::unique_ptr<Store> store_;
};

TEST_P(StoreContract, ImportedRecordRoundTripsEveryField) {
  Project in = make_project("Twin cities");
  auto r = store_->import_document(make_document("a.txt", "text one"), {in});
  ASSERT_TRUE(r) << r.error().message;
  ASSERT_EQ(r->project_ids.size(), 1u);
  EXPECT_EQ(r->outcome, DocumentOutcome::kNew);
  auto out = store_->get_project(r->project_ids[0], Visibility::kAll);
  ASSERT_TRUE(out) << out.error().message;
  // Fields the store assigns are checked, then cleared for the comparison.
  EXPECT_EQ(out->review_state, ReviewState::kDraft);
  EXPECT_EQ(out->document_id, r->document_id);
  EXPECT_FALSE(out->created_at.empty());
  for (auto& part : out->participations) {
    EXPECT_TRUE(part.organisation_id.has_value());
    part.organisation_id.reset();
  }
  out->id = 0;
  out->document_id.reset();
  out->created_at.clear();
  out->updated_at.clear();
  EXPECT_EQ(*out, in);
}

TEST_P(StoreContract, DraftsAreHiddenFromThePublicUntilPublished) {
  auto r = store_->import_document(make_document("a.txt", "text"), {make_project("A"), make_project("B")});
  ASSERT_TRUE(r);
  Id a = r->project_ids[0];
  EXPECT_EQ(store_->get_project(a, Visibility::kPublic).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(store_->list_projects({.visibility = Visibility::kPublic}, {}).value().total, 0);
  EXPECT_EQ(store_->list_projects({.visibility = Visibility::kAll}, {}).value().total, 2);
  ASSERT_EQ(store_->set_review_state({a}, ReviewState::kPublished).value(), 1);
  EXPECT_TRUE(store_->get_project(a, Visibility::kPublic));
  auto pub = store_->list_projects({.visibility = Visibility::kPublic}, {}).value();
  ASSERT_EQ(pub.total, 1);
  EXPECT_EQ(pub.items[0].title, "A");
  EXPECT_EQ(store_->publish_all().value(), 1);
  EXPECT_EQ(store_->list_projects({.visibility = Visibility::kPublic}, {}).value().total, 2);
}

TEST_P(StoreContract, SameContentTwiceChangesNothing) {
  auto doc = make_document("a.txt", "same text");
  auto first = store_->import_document(doc, {make_project("A")});
  ASSERT_TRUE(first);
  auto second = store_->import_document(doc, {make_project("A")});
  ASSERT_TRUE(second);
  EXPECT_EQ(second->outcome, DocumentOutcome::kUnchanged);
  EXPECT_TRUE(second->project_ids.empty());
  EXPECT_EQ(second->document_id, first->document_id);
  auto c = store_->counts().value();
  EXPECT_EQ(c.documents, 1);
  EXPECT_EQ(c.projects, 1);
}

TEST_P(StoreContract, ChangedSourceIsANewRevisionOfTheSameProjects) {
  auto first = store_->import_document(make_document("a.txt", "v1"), {make_project("Old"), make_project("Old 2")});
  ASSERT_TRUE(first);
  auto r = store_->import_document(make_document("a.txt", "v2"), {make_project("New")});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->outcome, DocumentOutcome::kChanged);
  EXPECT_EQ(r->updated, 1u);
  EXPECT_EQ(r->created, 0u);
  EXPECT_EQ(r->removed, 1u) << "the second record is gone from the page";
  ASSERT_EQ(r->project_ids.size(), 1u);
  EXPECT_EQ(r->project_ids[0], first->project_ids[0]) << "the project keeps its id";
  auto all = store_->list_projects({.visibility = Visibility::kAll}, {}).value();
  ASSERT_EQ(all.total, 1);
  EXPECT_EQ(all.items[0].title, "New");
  auto p = store_->get_project(r->project_ids[0], Visibility::kAll).value();
  EXPECT_EQ(p.revision, 2);
  EXPECT_EQ(p.document_id, r->document_id);
}

TEST_P(StoreContract, PublishedProjectStaysPublishedOnlyWhileItsFactsStay) {
  auto first = store_->import_document(make_document("a.txt", "v1"), {make_project("Same"), make_project("Changes")});
  ASSERT_TRUE(first);
  ASSERT_TRUE(store_->publish_all());
  Project changed = make_project("Changes");
  changed.amounts[0].minor_units += 100;
  Project same = make_project("Same");
  same.spans["title"] = SourceSpan{40, 44};  // only the layout moved
  ASSERT_TRUE(store_->import_document(make_document("a.txt", "v2 with a new menu"), {same, changed}));
  auto kept = store_->get_project(first->project_ids[0], Visibility::kAll).value();
  EXPECT_EQ(kept.review_state, ReviewState::kPublished);
  auto back = store_->get_project(first->project_ids[1], Visibility::kAll).value();
  EXPECT_EQ(back.review_state, ReviewState::kDraft);
  ASSERT_FALSE(back.findings.empty());
  EXPECT_NE(back.findings.back().message.find("source page changed"), std::string::npos);
}

TEST_P(StoreContract, UpdateAuditsEveryChangedFieldAndKeepsTheRest) {
  auto r = store_->import_document(make_document("a.txt", "v1"), {make_project("Twin cities")});
  ASSERT_TRUE(r);
  Id id = r->project_ids[0];
  ASSERT_TRUE(store_->set_review_state({id}, ReviewState::kPublished));
  Project edited = store_->get_project(id, Visibility::kAll).value();
  edited.period.start = PartialDate::parse_iso("2021-07-01").value();
  edited.programme = "Fund for Bilateral Relations";
  auto stored = store_->update_project(id, edited, {.editor = "ona@example.org", .note = "checked the call letter"});
  ASSERT_TRUE(stored) << stored.error().describe();
  EXPECT_EQ(stored->period.start->to_iso(), "2021-07-01");
  EXPECT_EQ(stored->review_state, ReviewState::kPublished) << "editing does not change the review state";
  EXPECT_EQ(stored->participations.size(), 2u) << "untouched fields stay";
  auto audit = store_->find_audit(id).value();
  ASSERT_EQ(audit.size(), 2u);
  EXPECT_EQ(audit[0].field, "programme");
  EXPECT_EQ(audit[0].old_value, "\"Active Citizens Fund\"");
  EXPECT_EQ(audit[0].new_value, "\"Fund for Bilateral Relations\"");
  EXPECT_EQ(audit[0].editor, "ona@example.org");
  EXPECT_EQ(audit[0].note, "checked the call letter");
  EXPECT_EQ(audit[1].field, "period");
  // Saving the same record again changes nothing and audits nothing.
  ASSERT_TRUE(store_->update_project(id, *stored, {.editor = "ona@example.org"}));
  EXPECT_EQ(store_->find_audit(id).value().size(), 2u);
  Project bad = *stored;
  bad.amounts[0].currency = "XXQ";
  EXPECT_EQ(store_->update_project(id, bad, {.editor = "x"}).error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(store_->update_project(4242, bad, {.editor = "x"}).error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(store_->update_project(4242, *stored, {.editor = "x"}).error().code, ErrorCode::kNotFound);
}

TEST_P(StoreContract, CorrectionsSurviveReimportAndConflictsAreReported) {
  Project v1 = make_project("Twin cities");
  auto r = store_->import_document(make_document("page.html", "v1"), {v1});
  ASSERT_TRUE(r);
  Id id = r->project_ids[0];
  Project edited = store_->get_project(id, Visibility::kAll).value();
  edited.period.start = PartialDate::parse_iso("2021-06-15").value();  // the editor's correction
  ASSERT_TRUE(store_->update_project(id, edited, {.editor = "ed"}));

  // The page changes elsewhere: the correction stays, no conflict.
  Project v2 = v1;
  v2.notes = "new layout";
  ASSERT_TRUE(store_->import_document(make_document("page.html", "v2"), {v2}));
  auto after2 = store_->get_project(id, Visibility::kAll).value();
  EXPECT_EQ(after2.period.start->to_iso(), "2021-06-15");
  for (const auto& f : after2.findings) EXPECT_EQ(f.message.find("conflict"), std::string::npos) << f.message;

  // The page now states another start: the correction stays, the conflict is reported.
  Project v3 = v2;
  v3.period.start = PartialDate::parse_iso("2021-09").value();
  ASSERT_TRUE(store_->import_document(make_document("page.html", "v3"), {v3}));
  auto after3 = store_->get_project(id, Visibility::kAll).value();
  EXPECT_EQ(after3.period.start->to_iso(), "2021-06-15");
  bool reported = false;
  for (const auto& f : after3.findings) {
    if (f.field == "period" && f.message.find("conflict") != std::string::npos &&
        f.message.find("2021-09") != std::string::npos) {
      reported = true;
    }
  }
  EXPECT_TRUE(reported) << "a conflict finding names the field and the source's new value";
}

TEST_P(StoreContract, FindsDocumentsByContentHash) {
  auto doc = make_document("a.txt", "hash me");
  EXPECT_FALSE(store_->find_document_by_sha256(doc.sha256).value().has_value());
  auto r = store_->import_document(doc, {});
  ASSERT_TRUE(r);
  EXPECT_EQ(store_->find_document_by_sha256(doc.sha256).value(), r->document_id);
}

TEST_P(StoreContract, InvalidRecordStoresNothingAndNamesTheField) {
  Project bad = make_project("Bad");
  bad.amounts[0].currency = "EURO";
  auto r = store_->import_document(make_document("a.txt", "x"), {make_project("Good"), bad});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(r.error().field, "records[1].amounts[0].currency");
  auto c = store_->counts().value();
  EXPECT_EQ(c.documents, 0);
  EXPECT_EQ(c.projects, 0);
}

TEST_P(StoreContract, OrganisationsAreSharedAcrossDocumentsByFoldedName) {
  Project a = make_project("A");
  Project b = make_project("B");
  b.participations[0].name = "OSLO CITY MUNICIPALITY";  // same body, other case
  ASSERT_TRUE(store_->import_document(make_document("a.txt", "1"), {a}));
  ASSERT_TRUE(store_->import_document(make_document("b.txt", "2"), {b}));
  EXPECT_EQ(store_->counts().value().organisations, 2);
  ASSERT_EQ(store_->publish_all().value(), 2);
  auto orgs = store_->list_organisations(Visibility::kPublic, 100, 0).value();
  ASSERT_EQ(orgs.size(), 2u);
  for (const auto& o : orgs) EXPECT_EQ(o.project_count, 2) << o.organisation.display_name;
  auto oslo = store_->get_organisation(orgs[0].organisation.id);
  ASSERT_TRUE(oslo);
  EXPECT_EQ(oslo->country, "NO");
}

TEST_P(StoreContract, OrganisationsMeetByAcronymInflectionAndUnknownCountry) {
  Project a = make_project("A");
  a.participations = {{"LGL", "LT", Role::kPromoter, std::nullopt, std::nullopt},
                      {"Kauno miesto savivaldybė", std::nullopt, Role::kPartner, std::nullopt, std::nullopt}};
  Project b = make_project("B");
  b.default_language = "lt";
  b.titles.set("lt", "B");
  b.participations = {{"National LGBT rights organization LGL", "LT", Role::kPromoter, std::nullopt, std::nullopt},
                      {"Kauno miesto savivaldybės", "LT", Role::kPartner, std::nullopt, std::nullopt},
                      {"Vilniaus miesto savivaldybė", "LT", Role::kPartner, std::nullopt, std::nullopt}};
  ASSERT_TRUE(store_->import_document(make_document("a.txt", "1"), {a}));
  auto r = store_->import_document(make_document("b.txt", "2"), {b});
  ASSERT_TRUE(r);
  EXPECT_EQ(store_->counts().value().organisations, 3);
  auto project = store_->get_project(r->project_ids[0], Visibility::kAll).value();
  auto lgl = store_->get_organisation(*project.participations[0].organisation_id).value();
  EXPECT_EQ(lgl.display_name, "National LGBT rights organization LGL") << "the full name replaces a bare acronym";
  auto kaunas = store_->get_organisation(*project.participations[1].organisation_id).value();
  EXPECT_EQ(kaunas.country, "LT") << "a country learnt later fills the gap";
  EXPECT_EQ(kaunas.display_name, "Kauno miesto savivaldybė");
}

TEST_P(StoreContract, TranslationsInAnotherDocumentBecomeOneProject) {
  Project en = make_project("Twin cities");
  en.titles = {};
  en.titles.set("en", "Twin cities");
  en.activities = {{"1.1", "Study visit", std::nullopt}, {"1.2", "Meetings", std::nullopt}};
  Project lt = en;
  lt.default_language = "lt";
  lt.titles = {};
  lt.titles.set("lt", "Miestai dvyniai");
  lt.descriptions = {};
  lt.activities = {{"1.1.", "Studijų vizitas", std::nullopt}, {"1.2.", "Susitikimai", std::nullopt}};
  lt.period.start = PartialDate::parse_iso("2021-06-01").value();  // day precision vs the month of en
  Project unrelated = lt;
  unrelated.titles = {};
  unrelated.titles.set("lt", "Kitas projektas");
  unrelated.period.start = PartialDate::parse_iso("2019").value();
  auto a = store_->import_document(make_document("en.html", "en"), {en});
  auto b = store_->import_document(make_document("lt.html", "lt"), {lt, unrelated});
  ASSERT_TRUE(a && b);
  auto c = store_->counts().value();
  EXPECT_EQ(c.projects, 2) << "the translation joins its project; the unrelated record stands alone";
  EXPECT_EQ(c.records, 3);
  auto p = store_->get_project(a->project_ids[0], Visibility::kAll).value();
  EXPECT_EQ(p.titles.get("lt"), "Miestai dvyniai");
  EXPECT_EQ(p.titles.get("en"), "Twin cities");
  ASSERT_EQ(p.translations.size(), 1u);
  EXPECT_EQ(p.translations[0], b->project_ids[0]);
  auto t = store_->get_project(b->project_ids[0], Visibility::kAll).value();
  EXPECT_EQ(t.translation_of, a->project_ids[0]);
  EXPECT_EQ(t.titles.get("en"), "Twin cities") << "each member sees the group's titles";
  EXPECT_EQ(t.titles.get("lt"), "Miestai dvyniai") << "and keeps its own";
  // Publishing the project publishes its translation too.
  ASSERT_TRUE(store_->set_review_state({a->project_ids[0]}, ReviewState::kPublished));
  EXPECT_TRUE(store_->get_project(b->project_ids[0], Visibility::kPublic));
  auto listed = store_->list_projects({.visibility = Visibility::kPublic}, {}).value();
  EXPECT_EQ(listed.total, 1);
}

// A fund's projects look alike: one call's dates, the same partners. The
// lookups of translation candidates are bounded (the newest of each kind),
// so an amount must still find a twin imported long before, and a twin
// among the newest must be found by its period alone.
TEST_P(StoreContract, TranslationsAreFoundAmongManyLookAlikes) {
  Project twin = make_project("Twin cities");
  twin.amounts = {{12345600, "EUR", AmountKind::kGranted, std::nullopt}};
  auto stored_twin = store_->import_document(make_document("twin-en.html", "twin"), {twin});
  ASSERT_TRUE(stored_twin) << stored_twin.error().describe();
  std::vector<Project> look_alikes;
  for (int i = 0; i < 260; ++i) {
    Project p = make_project("Look-alike " + std::to_string(i));
    p.amounts = {{1000000 + i * 100, "EUR", AmountKind::kGranted, std::nullopt}};
    look_alikes.push_back(std::move(p));
  }
  look_alikes.back().period.start = PartialDate::parse_iso("2021-07-15").value();  // the newest: a period of its own
  auto many = store_->import_document(make_document("call-en.html", "call"), look_alikes);
  ASSERT_TRUE(many) << many.error().describe();

  Project twin_lt = twin;
  twin_lt.default_language = "lt";
  twin_lt.titles = {};
  twin_lt.titles.set("lt", "Miestai dvyniai");
  Project newest_lt = look_alikes.back();
  newest_lt.default_language = "lt";
  newest_lt.titles = {};
  newest_lt.titles.set("lt", "Naujausias");
  newest_lt.amounts.clear();  // only its period to go by
  auto lt = store_->import_document(make_document("lt.html", "lt"), {twin_lt, newest_lt});
  ASSERT_TRUE(lt) << lt.error().describe();
  auto first = store_->get_project(lt->project_ids[0], Visibility::kAll).value();
  EXPECT_EQ(first.translation_of, stored_twin->project_ids[0]) << "found by its amount, 260 look-alikes later";
  auto second = store_->get_project(lt->project_ids[1], Visibility::kAll).value();
  EXPECT_EQ(second.translation_of, many->project_ids.back()) << "found by its period among the newest";
}

TEST_P(StoreContract, PaginationWalksEveryRowOnce) {
  std::vector<Project> many;
  for (int i = 0; i < 7; ++i) many.push_back(make_project("P" + std::to_string(i)));
  ASSERT_TRUE(store_->import_document(make_document("a.txt", "x"), many));
  std::vector<std::string> seen;
  PageRequest page{.limit = 3, .after_id = 0};
  for (int guard = 0; guard < 10; ++guard) {
    auto p = store_->list_projects({.visibility = Visibility::kAll}, page).value();
    EXPECT_EQ(p.total, 7);
    for (auto& s : p.items) seen.push_back(s.title);
    if (!p.next_after_id) break;
    page.after_id = *p.next_after_id;
  }
  ASSERT_EQ(seen.size(), 7u);
  EXPECT_EQ(seen.front(), "P0");
  EXPECT_EQ(seen.back(), "P6");
}

TEST_P(StoreContract, FiltersByProgrammeCountryAndLanguage) {
  Project a = make_project("A");
  Project b = make_project("B");
  b.programme = "Europe for Citizens";
  b.participations = {{"Reykjavík City", "IS", Role::kPartner, std::nullopt, std::nullopt}};
  b.default_language = "lt";
  b.titles.set("lt", "B");
  ASSERT_TRUE(store_->import_document(make_document("a.txt", "x"), {a, b}));
  auto by_prog = store_->list_projects({.visibility = Visibility::kAll, .programme = "Europe for Citizens"}, {}).value();
  ASSERT_EQ(by_prog.total, 1);
  EXPECT_EQ(by_prog.items[0].title, "B");
  EXPECT_EQ(store_->list_projects({.visibility = Visibility::kAll, .country = "IS"}, {}).value().total, 1);
  EXPECT_EQ(store_->list_projects({.visibility = Visibility::kAll, .country = "NO"}, {}).value().total, 1);
  EXPECT_EQ(store_->list_projects({.visibility = Visibility::kAll, .language = "lt"}, {}).value().total, 1);
}

TEST_P(StoreContract, MissingThingsAreNotFound) {
  EXPECT_EQ(store_->get_project(42, Visibility::kAll).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(store_->get_organisation(42).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(store_->get_document(42).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(store_->set_review_state({42}, ReviewState::kPublished).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(store_->delete_project(42).error().code, ErrorCode::kNotFound);
}

TEST_P(StoreContract, DeleteRemovesTheProjectAndItsChildren) {
  auto r = store_->import_document(make_document("a.txt", "x"), {make_project("A")});
  ASSERT_TRUE(r);
  ASSERT_TRUE(store_->delete_project(r->project_ids[0]));
  EXPECT_EQ(store_->get_project(r->project_ids[0], Visibility::kAll).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(store_->counts().value().projects, 0);
}

TEST_P(StoreContract, DocumentsKeepTheirText) {
  auto r = store_->import_document(make_document("dir/a.txt", "Kaunas ąčę"), {});
  ASSERT_TRUE(r);
  auto d = store_->get_document(r->document_id);
  ASSERT_TRUE(d);
  EXPECT_EQ(d->text, "Kaunas ąčę");
  EXPECT_EQ(d->source, "dir/a.txt");
  auto all = store_->find_documents().value();
  ASSERT_EQ(all.size(), 1u);
  EXPECT_TRUE(all[0].text.empty()) << "find_documents leaves the text out";
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreContract, ::testing::ValuesIn(store_backends()),
                         [](const auto& info) { return info.param.name; });

TEST(SqliteStore, RefusesADatabaseFromANewerTiltas) {
  testing::TempDir dir;
  std::string path = dir.file("r.db");
  ASSERT_TRUE(open_store(path));
  {
    // Simulate a future schema version written by a later release.
    auto s = open_store(path);
    ASSERT_TRUE(s);
  }
  std::string cmd = "sqlite3 " + path + " \"INSERT INTO schema_migrations VALUES (999, 'future', 'now')\"";
  if (std::system(cmd.c_str()) != 0) GTEST_SKIP() << "sqlite3 command-line tool not available";
  auto s = open_store(path);
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_NE(s.error().message.find("999"), std::string::npos);
}

TEST(OpenStore, UnopenablePathIsUnavailable) {
  auto s = open_store("/proc/definitely/not/here.db");
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, ErrorCode::kUnavailable);
}

}  // namespace
}  // namespace tiltas::store
