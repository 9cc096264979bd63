// The review of drafts over HTTP (issue 9): the queue, the review page with
// the source highlighted, accepting / correcting / removing fields,
// publishing (one and in bulk), merging and splitting organisations, and the
// history with its revert buttons. Driven as a browser without JavaScript.
#include <string>

#include <gtest/gtest.h>
#include <httplib.h>

#include "editors_support.h"

namespace tiltas::http {
namespace {

using namespace testing_editors;
using namespace tiltas::model;

// The source page: every fact of the record below is read from it.
constexpr std::string_view kText =
    "Harbour cooperation <Kaunas>\n"
    "The project runs from 2021-06 to 2022-08.\n"
    "Promoter: Kaunas Harbour Association. Partner: Bergen Port Authority.\n"
    "Budget: 50000 EUR.\n";

std::size_t at(std::string_view needle) { return kText.find(needle); }
SourceSpan span_of(std::string_view needle) { return SourceSpan{at(needle), at(needle) + needle.size()}; }

Project harbour() {
  Project p;
  p.default_language = "en";
  p.titles.set("en", "Harbour cooperation <Kaunas>");
  p.spans["title"] = span_of("Harbour cooperation <Kaunas>");
  p.programme = "Blue growth";
  p.period.start = PartialDate::parse_iso("2021-06").value();
  p.period.end = PartialDate::parse_iso("2022-08").value();
  p.spans["period"] = span_of("2021-06 to 2022-08");
  p.participations.push_back({"Kaunas Harbour Association", "LT", Role::kPromoter, std::nullopt,
                              span_of("Kaunas Harbour Association")});
  p.participations.push_back({"Bergen Port Authority", "NO", Role::kPartner, std::nullopt,
                              span_of("Bergen Port Authority")});
  p.amounts.push_back({5000000, "EUR", AmountKind::kBudget, span_of("50000 EUR")});
  p.findings.push_back({"period.end", Severity::kWarning, "the end may be the reporting date", std::nullopt});
  p.findings.push_back({"amounts", Severity::kInfo, "one amount of two read", std::nullopt});
  return p;
}

Project plain(const std::string& title, const std::string& programme) {
  Project p;
  p.default_language = "en";
  p.titles.set("en", title);
  p.programme = programme;
  return p;
}

class ReviewTest : public EditorsServerTest {
 protected:
  void SetUp() override {
    EditorsServerTest::SetUp();
    auto a = store_->import_document(document_for(std::string(kText), "harbour"), {harbour()});
    ASSERT_TRUE(a) << a.error().describe();
    harbour_id_ = a->project_ids[0];
    auto b = store_->import_document(document_for("clean one", "clean"), {plain("Clean river project", "Green")});
    ASSERT_TRUE(b);
    clean_id_ = b->project_ids[0];
    auto c = store_->import_document(document_for("clean two", "clean2"), {plain("Clean forest project", "Blue growth")});
    ASSERT_TRUE(c);
    forest_id_ = c->project_ids[0];
    editor_ = std::make_unique<Browser>(signed_in(kEditor));
    csrf_ = editor_->csrf();
  }

  std::string review_path() const { return "/review/projects/" + std::to_string(harbour_id_); }
  Project stored(model::Id id) const { return store_->get_project(id, store::Visibility::kAll).value(); }

  httplib::Result field(const std::string& key, httplib::Params form) {
    form.emplace("csrf", csrf_);
    return editor_->post(review_path() + "/fields/" + key, form);
  }

  model::Id harbour_id_ = 0, clean_id_ = 0, forest_id_ = 0;
  std::unique_ptr<Browser> editor_;
  std::string csrf_;
};

TEST_F(ReviewTest, QueuePutsTheMostDoubtfulFirstAndFilters) {
  auto res = editor_->get("/review");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200);
  const auto& html = res->body;
  const auto harbour_at = html.find("Harbour cooperation &lt;Kaunas&gt;");
  ASSERT_NE(harbour_at, std::string::npos) << "titles escaped";
  EXPECT_LT(harbour_at, html.find("Clean river project")) << "the record with findings first";
  auto filtered = editor_->get("/review?programme=Blue%20growth");
  ASSERT_TRUE(filtered);
  EXPECT_NE(filtered->body.find("Clean forest project"), std::string::npos);
  EXPECT_EQ(filtered->body.find("Clean river project"), std::string::npos) << "another programme";
  auto by_document = editor_->get("/review?document=" + std::to_string(stored(clean_id_).document_id.value()));
  ASSERT_TRUE(by_document);
  EXPECT_NE(by_document->body.find("Clean river project"), std::string::npos);
  EXPECT_EQ(by_document->body.find("Harbour"), std::string::npos);
  auto bad = editor_->get("/review?document=abc");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 400);
  auto lt = editor_->get("/lt/review?language=en");
  ASSERT_TRUE(lt);
  EXPECT_EQ(lt->status, 200);
  EXPECT_NE(lt->body.find("Peržiūrėtini juodraščiai"), std::string::npos) << "the Lithuanian page";
}

TEST_F(ReviewTest, ReviewPageMarksEverySpanBesideTheFields) {
  auto res = editor_->get(review_path());
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200);
  const auto& html = res->body;
  EXPECT_NE(html.find(R"(<mark id="mark-1" data-fields="title" title="title">Harbour cooperation &lt;Kaunas&gt;</mark>)"),
            std::string::npos)
      << "the source is escaped and the title's span marked";
  EXPECT_NE(html.find(R"(data-fields="period" title="period">2021-06 to 2022-08</mark>)"), std::string::npos);
  EXPECT_NE(html.find(R"(data-fields="organisations[1]" title="organisations[1]">Bergen Port Authority</mark>)"),
            std::string::npos);
  EXPECT_NE(html.find(R"(data-fields="amounts[0]" title="amounts[0]">50000 EUR</mark>)"), std::string::npos);
  EXPECT_NE(html.find("the end may be the reporting date"), std::string::npos) << "findings beside their field";
  EXPECT_NE(html.find(R"(name="start" value="2021-06")"), std::string::npos) << "the period's form is filled";
  EXPECT_NE(html.find("href=\"#mark-"), std::string::npos) << "fields link to their span";
  EXPECT_NE(html.find("/static/review.js"), std::string::npos);
}

TEST_F(ReviewTest, CorrectingAcceptingAndRemovingFieldsIsAudited) {
  auto res = field("period", {{"action", "correct"}, {"start", "2021-09"}, {"end", "2022-12-31"},
                              {"note", "the page's second paragraph"}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 303);
  Project p = stored(harbour_id_);
  EXPECT_EQ(p.period.start->to_iso(), "2021-09");
  EXPECT_EQ(p.period.end->to_iso(), "2022-12-31");

  auto bad = field("period", {{"action", "correct"}, {"start", "2021-13"}});
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 400);
  EXPECT_NE(bad->body.find("period"), std::string::npos) << "says which field";
  EXPECT_EQ(stored(harbour_id_).period.start->to_iso(), "2021-09") << "bad input changes nothing";

  ASSERT_TRUE(field("amounts", {{"action", "accept"}}));
  EXPECT_EQ(stored(harbour_id_).findings.size(), 1u) << "accepting the amounts resolves their finding";
  ASSERT_TRUE(field("organisations", {{"action", "remove_item"}, {"index", "1"}}));
  p = stored(harbour_id_);
  ASSERT_EQ(p.participations.size(), 1u);
  EXPECT_EQ(p.participations[0].name, "Kaunas Harbour Association");
  EXPECT_TRUE(p.participations[0].span) << "the remaining item keeps its span";
  ASSERT_TRUE(field("programme", {{"action", "remove"}}));
  EXPECT_FALSE(stored(harbour_id_).programme.has_value());
  ASSERT_TRUE(field("title", {{"action", "correct"}, {"value", "Harbour cooperation in Kaunas"}}));
  EXPECT_EQ(stored(harbour_id_).title(), "Harbour cooperation in Kaunas");
  auto unknown = field("review_state", {{"action", "correct"}, {"value", "published"}});
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->status, 400) << "only the record's editable fields";

  auto audit = store_->find_audit(harbour_id_).value();
  ASSERT_EQ(audit.size(), 5u);
  EXPECT_EQ(audit[0].field, "period");
  EXPECT_EQ(audit[0].editor, kEditor);
  EXPECT_EQ(audit[0].note, "the page's second paragraph");
  EXPECT_EQ(audit[1].field, "amounts");
  EXPECT_EQ(audit[1].note, "accepted");
  EXPECT_EQ(audit[2].field, "organisations");
  EXPECT_EQ(audit[3].field, "programme");
  EXPECT_EQ(audit[3].new_value, "null");
}

TEST_F(ReviewTest, StructuredFieldsAreCorrectedAsJson) {
  auto bad = field("amounts", {{"action", "correct"}, {"json", "[{\"value\": 1,"}});
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 400);
  EXPECT_NE(bad->body.find("amounts"), std::string::npos) << "names the field";
  auto amounts = field("amounts", {{"action", "correct"},
                                   {"json", R"([{"value": 60000, "currency": "EUR", "kind": "granted"}])"}});
  ASSERT_TRUE(amounts);
  EXPECT_EQ(amounts->status, 303);
  Project p = stored(harbour_id_);
  ASSERT_EQ(p.amounts.size(), 1u);
  EXPECT_EQ(p.amounts[0].minor_units, 6000000);
  auto blank = field("translations", {{"action", "correct"}, {"json", "  "}});
  ASSERT_TRUE(blank);
  EXPECT_EQ(blank->status, 303) << "a blank JSON field clears it (the page shows null as blank)";
  EXPECT_EQ(store_->find_audit(harbour_id_).value().size(), 1u) << "nothing changed by the blank translations";
}

TEST_F(ReviewTest, PublishingOneOrEveryCleanDraftAndUnpublishing) {
  auto bulk = editor_->post("/review/publish", {{"csrf", csrf_}, {"back", "/review"}, {"note", "clean batch"}});
  ASSERT_TRUE(bulk);
  EXPECT_EQ(bulk->status, 303);
  EXPECT_EQ(bulk->get_header_value("Location"), "/review?published=2");
  EXPECT_EQ(stored(clean_id_).review_state, ReviewState::kPublished);
  EXPECT_EQ(stored(forest_id_).review_state, ReviewState::kPublished);
  EXPECT_EQ(stored(harbour_id_).review_state, ReviewState::kDraft) << "a draft with findings waits";

  Browser visitor = browser();
  const std::string public_path = "/projects/" + std::to_string(harbour_id_);
  EXPECT_EQ(visitor.get(public_path)->status, 404);
  auto published = editor_->post(review_path() + "/state", {{"csrf", csrf_}, {"action", "publish"}});
  ASSERT_TRUE(published);
  EXPECT_EQ(published->status, 303);
  auto seen = visitor.get(public_path);
  ASSERT_TRUE(seen);
  EXPECT_EQ(seen->status, 200);
  EXPECT_NE(seen->body.find("Harbour cooperation"), std::string::npos);
  ASSERT_TRUE(editor_->post(review_path() + "/state", {{"csrf", csrf_}, {"action", "unpublish"}, {"note", "oops"}}));
  EXPECT_EQ(visitor.get(public_path)->status, 404);
  auto audit = store_->find_audit(harbour_id_).value();
  ASSERT_EQ(audit.size(), 2u);
  EXPECT_EQ(audit[1].field, "review_state");
  EXPECT_EQ(audit[1].note, "oops");
  EXPECT_EQ(store_->find_audit(clean_id_).value().at(0).note, "clean batch");
}

TEST_F(ReviewTest, MergingOrganisationsAndUndoingItFromTheHistory) {
  Project p = stored(harbour_id_);
  const model::Id kaunas = *p.participations[0].organisation_id, bergen = *p.participations[1].organisation_id;
  auto page = editor_->get(review_path());
  ASSERT_TRUE(page);
  EXPECT_NE(page->body.find("name=\"into\""), std::string::npos) << "a merge choice per organisation";
  auto merged = editor_->post(review_path() + "/merge", {{"csrf", csrf_}, {"from", std::to_string(bergen)},
                                                         {"into", std::to_string(kaunas)}, {"note", "same body"}});
  ASSERT_TRUE(merged);
  EXPECT_EQ(merged->status, 303);
  p = stored(harbour_id_);
  EXPECT_EQ(p.participations[1].organisation_id, kaunas);
  EXPECT_EQ(p.participations[1].name, "Bergen Port Authority") << "the record still says what the page said";

  auto history = editor_->get(review_path() + "/history");
  ASSERT_TRUE(history);
  ASSERT_EQ(history->status, 200);
  EXPECT_NE(history->body.find("same body"), std::string::npos);
  const std::string audit_id = hidden_value(history->body, "audit_id");
  ASSERT_FALSE(audit_id.empty()) << "a revert button";
  auto reverted = editor_->post(review_path() + "/revert", {{"csrf", csrf_}, {"audit_id", audit_id}});
  ASSERT_TRUE(reverted);
  EXPECT_EQ(reverted->status, 303);
  EXPECT_EQ(stored(harbour_id_).participations[1].organisation_id, bergen) << "split again";
  EXPECT_FALSE(store_->get_organisation(bergen)->cluster_id.has_value());

  auto bad = editor_->post(review_path() + "/merge", {{"csrf", csrf_}, {"from", std::to_string(kaunas)},
                                                      {"into", std::to_string(kaunas)}});
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 400);
}

TEST_F(ReviewTest, RevertSetsAFieldBackAndIsItselfAudited) {
  ASSERT_TRUE(field("period", {{"action", "correct"}, {"start", "2020"}, {"end", ""}}));
  EXPECT_EQ(stored(harbour_id_).period.start->to_iso(), "2020");
  EXPECT_FALSE(stored(harbour_id_).period.end.has_value());
  auto history = editor_->get(review_path() + "/history");
  ASSERT_TRUE(history);
  const std::string audit_id = hidden_value(history->body, "audit_id");
  auto reverted = editor_->post(review_path() + "/revert", {{"csrf", csrf_}, {"audit_id", audit_id}, {"note", "typo"}});
  ASSERT_TRUE(reverted);
  EXPECT_EQ(reverted->status, 303);
  Project p = stored(harbour_id_);
  EXPECT_EQ(p.period.start->to_iso(), "2021-06");
  EXPECT_EQ(p.period.end->to_iso(), "2022-08");
  auto audit = store_->find_audit(harbour_id_).value();
  ASSERT_EQ(audit.size(), 2u);
  EXPECT_EQ(audit[1].note, "revert of change " + audit_id + ": typo");
  auto foreign = editor_->post("/review/projects/" + std::to_string(clean_id_) + "/revert",
                               {{"csrf", csrf_}, {"audit_id", audit_id}});
  ASSERT_TRUE(foreign);
  EXPECT_EQ(foreign->status, 400) << "a change of another project";
}

}  // namespace
}  // namespace tiltas::http
