// The store contract for editors (issue 9): accounts, sessions, failed
// logins, the review queue, audited review states, accepting fields and
// organisation merges. Written once, run on every backend (store_backends()).
#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "store/store.h"
#include "support/documents.h"
#include "support/store_backends.h"
#include "support/temp_dir.h"

namespace tiltas::store {
namespace {

using namespace tiltas::model;
using testing::make_document;

Project draft(const std::string& title, const std::string& programme, int findings) {
  Project p;
  p.default_language = "en";
  p.titles.set("en", title);
  p.programme = programme;
  p.period.start = PartialDate::parse_iso("2021-06").value();
  p.participations.push_back({title + " Association", "LT", Role::kPromoter, std::nullopt, std::nullopt});
  for (int i = 0; i < findings; ++i) {
    p.findings.push_back({i == 0 ? "period.start" : "amounts", Severity::kInfo, "doubt " + std::to_string(i),
                          std::nullopt});
  }
  return p;
}

class EditorsContract : public ::testing::TestWithParam<testing::StoreBackend> {
 protected:
  void SetUp() override {
    std::string skip;
    store_ = GetParam().open(dir_, skip);
    if (!store_) GTEST_SKIP() << skip;
  }
  testing::TempDir dir_;
  std::unique_ptr<Store> store_;
};

TEST_P(EditorsContract, AccountsAreKeyedByLowerCaseEmailAndValidated) {
  auto u = store_->create_user("  Ona@Example.LT ", "editor", "$argon2id$v=19$fake");
  ASSERT_TRUE(u) << u.error().message;
  EXPECT_EQ(u->email, "ona@example.lt");
  EXPECT_GT(u->id, 0);
  auto again = store_->create_user("ONA@example.lt", "viewer", "h");
  ASSERT_FALSE(again) << "the same address in other case is the same account";
  EXPECT_EQ(again.error().code, ErrorCode::kAlreadyExists);
  // Table of bad accounts, each with why it is refused.
  struct Bad {
    const char* email;
    const char* role;
    const char* hash;
    const char* field;
  };
  for (const Bad& b : {Bad{"", "editor", "h", "email"}, Bad{"x@y", "owner", "h", "role"},
                       Bad{"x@y", "Editor", "h", "role"}, Bad{"x@y", "viewer", "", "password"}}) {
    auto r = store_->create_user(b.email, b.role, b.hash);
    ASSERT_FALSE(r) << b.email << " " << b.role;
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(r.error().field, b.field);
  }
  auto found = store_->find_user("ONA@EXAMPLE.LT");
  ASSERT_TRUE(found && *found);
  EXPECT_EQ((*found)->role, "editor");
  EXPECT_EQ((*found)->password_hash, "$argon2id$v=19$fake");
  ASSERT_TRUE(store_->create_user("aldona@example.lt", "admin", "h2"));
  auto all = store_->list_users().value();
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].email, "aldona@example.lt") << "listed by e-mail";
  EXPECT_FALSE(store_->find_user("nobody@example.lt").value().has_value());
}

TEST_P(EditorsContract, SessionsExpireEndAndGoWithTheirAccount) {
  auto u = store_->create_user("ona@example.lt", "editor", "h").value();
  Session s{"aaaa", u.id, "csrf-1", "2026-01-01T10:00:00Z", "2026-01-01T18:00:00Z", "", ""};
  ASSERT_TRUE(store_->create_session(s));
  auto found = store_->find_session("aaaa", "2026-01-01T12:00:00Z");
  ASSERT_TRUE(found && *found);
  EXPECT_EQ((*found)->email, "ona@example.lt");
  EXPECT_EQ((*found)->role, "editor");
  EXPECT_EQ((*found)->csrf_token, "csrf-1");
  EXPECT_FALSE(store_->find_session("aaaa", "2026-01-01T18:00:00Z").value().has_value()) << "expired at expires_at";
  EXPECT_FALSE(store_->find_session("bbbb", "2026-01-01T12:00:00Z").value().has_value()) << "unknown id";

  Session other = s;
  other.id_hash = "cccc";
  ASSERT_TRUE(store_->create_session(other));
  ASSERT_TRUE(store_->delete_session("aaaa"));
  EXPECT_FALSE(store_->find_session("aaaa", "2026-01-01T12:00:00Z").value().has_value()) << "logged out";
  EXPECT_TRUE(store_->find_session("cccc", "2026-01-01T12:00:00Z").value().has_value()) << "the other stays";
  Session third = s;
  third.id_hash = "dddd";
  ASSERT_TRUE(store_->create_session(third));
  EXPECT_EQ(store_->delete_sessions_of_user(u.id).value(), 2) << "log out everywhere";
  EXPECT_FALSE(store_->find_session("dddd", "2026-01-01T12:00:00Z").value().has_value());

  Session orphan = s;
  orphan.id_hash = "eeee";
  orphan.user_id = u.id + 100;
  auto refused = store_->create_session(orphan);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kNotFound);

  ASSERT_TRUE(store_->create_session(third));
  ASSERT_TRUE(store_->remove_user("ONA@example.lt"));
  EXPECT_FALSE(store_->find_session("dddd", "2026-01-01T12:00:00Z").value().has_value())
      << "a removed account's sessions end with it";
  EXPECT_EQ(store_->remove_user("ona@example.lt").error().code, ErrorCode::kNotFound);
}

TEST_P(EditorsContract, LoginFailuresAreCountedPerKeyWithinAWindow) {
  const std::string key = "account:ona@example.lt";
  ASSERT_TRUE(store_->record_login_failure(key, "2026-01-01T10:00:00Z"));
  ASSERT_TRUE(store_->record_login_failure(key, "2026-01-01T10:05:00Z"));
  ASSERT_TRUE(store_->record_login_failure("address:10.0.0.1", "2026-01-01T10:05:00Z"));
  EXPECT_EQ(store_->count_login_failures(key, "2026-01-01T09:00:00Z").value(), 2);
  EXPECT_EQ(store_->count_login_failures(key, "2026-01-01T10:01:00Z").value(), 1) << "older ones are outside";
  ASSERT_TRUE(store_->clear_login_failures(key));
  EXPECT_EQ(store_->count_login_failures(key, "2026-01-01T09:00:00Z").value(), 0);
  EXPECT_EQ(store_->count_login_failures("address:10.0.0.1", "2026-01-01T09:00:00Z").value(), 1)
      << "other keys are kept";
}

TEST_P(EditorsContract, ReviewQueueListsDraftsMostDoubtfulFirstAndFilters) {
  auto a = store_->import_document(make_document("a", "text a"), {draft("Calm", "Fund A", 0)}).value();
  auto b = store_->import_document(make_document("b", "text b"), {draft("Doubtful", "Fund B", 3)}).value();
  Project warned = draft("Warned", "Fund A", 1);
  warned.findings[0].severity = Severity::kWarning;
  auto c = store_->import_document(make_document("c", "text c"), {warned}).value();
  auto d = store_->import_document(make_document("d", "text d"), {draft("Published", "Fund A", 5)}).value();
  ASSERT_EQ(store_->set_review_state({d.project_ids[0]}, ReviewState::kPublished).value(), 1);

  auto queue = store_->review_queue(ProjectFilter{}, 100).value();
  ASSERT_EQ(queue.size(), 3u) << "published projects are not in the queue";
  EXPECT_EQ(queue[0].project.id, c.project_ids[0]) << "a warning outranks more infos";
  EXPECT_EQ(queue[0].warnings, 1);
  EXPECT_EQ(queue[1].project.id, b.project_ids[0]);
  EXPECT_EQ(queue[1].findings, 3);
  EXPECT_EQ(queue[1].project.title, "Doubtful");
  EXPECT_EQ(queue[2].project.id, a.project_ids[0]);

  ProjectFilter by_programme;
  by_programme.programme = "Fund A";
  EXPECT_EQ(store_->review_queue(by_programme, 100).value().size(), 2u);
  ProjectFilter by_document;
  by_document.document_id = b.document_id;
  auto one = store_->review_queue(by_document, 100).value();
  ASSERT_EQ(one.size(), 1u);
  EXPECT_EQ(one[0].project.id, b.project_ids[0]);
  ProjectFilter by_language;
  by_language.language = "lt";
  EXPECT_TRUE(store_->review_queue(by_language, 100).value().empty());
  EXPECT_EQ(store_->review_queue(ProjectFilter{}, 1).value().size(), 1u) << "limit";
}

TEST_P(EditorsContract, ReviewStateChangesAreAuditedWithEditorAndNote) {
  auto r = store_->import_document(make_document("a", "text a"), {draft("Calm", "Fund A", 0)}).value();
  const Id id = r.project_ids[0];
  Edit edit{"ona@example.lt", "checked against the page"};
  EXPECT_EQ(store_->change_review_state({id}, ReviewState::kPublished, edit).value(), 1);
  EXPECT_EQ(store_->change_review_state({id}, ReviewState::kPublished, edit).value(), 0) << "no change, no entry";
  EXPECT_TRUE(store_->get_project(id, Visibility::kPublic));
  auto audit = store_->find_audit(id).value();
  ASSERT_EQ(audit.size(), 1u);
  EXPECT_EQ(audit[0].field, "review_state");
  EXPECT_EQ(audit[0].old_value, "\"draft\"");
  EXPECT_EQ(audit[0].new_value, "\"published\"");
  EXPECT_EQ(audit[0].editor, "ona@example.lt");
  EXPECT_EQ(audit[0].note, "checked against the page");
  auto entry = store_->get_audit_entry(audit[0].id).value();
  EXPECT_EQ(entry.project_id, id);
  EXPECT_EQ(store_->get_audit_entry(audit[0].id + 1000).error().code, ErrorCode::kNotFound);
  auto missing = store_->change_review_state({id + 1000}, ReviewState::kDraft, edit);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
}

TEST_P(EditorsContract, AcceptingAFieldAuditsItAndResolvesItsFindings) {
  auto r = store_->import_document(make_document("a", "text a"), {draft("Doubtful", "Fund", 3)}).value();
  const Id id = r.project_ids[0];
  ASSERT_TRUE(store_->accept_field(id, "period", Edit{"ona@example.lt", ""}));
  auto p = store_->get_project(id, Visibility::kAll).value();
  ASSERT_EQ(p.findings.size(), 2u) << "the finding on period.start is resolved, those on amounts stay";
  for (const auto& f : p.findings) EXPECT_EQ(f.field, "amounts");
  auto audit = store_->find_audit(id).value();
  ASSERT_EQ(audit.size(), 1u);
  EXPECT_EQ(audit[0].field, "period");
  EXPECT_EQ(audit[0].old_value, audit[0].new_value);
  EXPECT_EQ(audit[0].note, "accepted");
  EXPECT_EQ(store_->review_queue(ProjectFilter{}, 10).value()[0].findings, 2);
  EXPECT_EQ(store_->accept_field(id, "review_state", Edit{"x", ""}).error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(store_->accept_field(id + 99, "period", Edit{"x", ""}).error().code, ErrorCode::kNotFound);
}

TEST_P(EditorsContract, MergedOrganisationsReadAsOneAndSplitBack) {
  auto a = store_->import_document(make_document("a", "text a"), {draft("Kaunas", "Fund", 0)}).value();
  auto b = store_->import_document(make_document("b", "text b"), {draft("Vilnius", "Fund", 0)}).value();
  const Id pa = a.project_ids[0], pb = b.project_ids[0];
  const Id from = *store_->get_project(pb, Visibility::kAll).value().participations[0].organisation_id;
  const Id into = *store_->get_project(pa, Visibility::kAll).value().participations[0].organisation_id;
  ASSERT_NE(from, into);
  ASSERT_EQ(store_->set_review_state({pa, pb}, ReviewState::kPublished).value(), 2);

  auto merged = store_->merge_organisations(from, into, Edit{"ona@example.lt", "same association"});
  ASSERT_TRUE(merged) << merged.error().message;
  EXPECT_EQ(*merged, std::vector<Id>{pb});
  EXPECT_EQ(store_->get_project(pb, Visibility::kAll).value().participations[0].organisation_id, into)
      << "readers see the surviving organisation";
  EXPECT_EQ(store_->get_organisation(from).value().cluster_id, into);
  ProjectFilter of_org;
  of_org.organisation_id = into;
  EXPECT_EQ(store_->list_projects(of_org, PageRequest{}).value().total, 2);
  auto orgs = store_->list_organisations(Visibility::kPublic, 100, 0).value();
  ASSERT_EQ(orgs.size(), 1u) << "the merged one is not listed on its own";
  EXPECT_EQ(orgs[0].organisation.id, into);
  EXPECT_EQ(orgs[0].project_count, 2);
  auto audit = store_->find_audit(pb).value();
  ASSERT_EQ(audit.size(), 1u);
  EXPECT_EQ(audit[0].field, "organisation_merge");
  EXPECT_EQ(audit[0].note, "same association");

  // The merge holds when the source page is read again.
  Project again = draft("Vilnius", "Fund", 0);
  again.titles.set("en", "Vilnius again");
  ASSERT_TRUE(store_->import_document(make_document("b", "text b, revised"), {again}));
  EXPECT_EQ(store_->get_project(pb, Visibility::kAll).value().participations[0].organisation_id, into);

  EXPECT_EQ(store_->merge_organisations(into, into, Edit{"x", ""}).error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(store_->merge_organisations(into, from, Edit{"x", ""}).error().code, ErrorCode::kInvalidArgument)
      << "into an organisation that is itself merged";
  EXPECT_EQ(store_->split_organisation(into, Edit{"x", ""}).error().code, ErrorCode::kFailedPrecondition);

  auto split = store_->split_organisation(from, Edit{"ona@example.lt", "different after all"});
  ASSERT_TRUE(split) << split.error().message;
  EXPECT_EQ(store_->get_project(pb, Visibility::kAll).value().participations[0].organisation_id, from);
  EXPECT_EQ(store_->list_projects(of_org, PageRequest{}).value().total, 1);
  // (The revised page made its project a draft again: every state counts here.)
  EXPECT_EQ(store_->list_organisations(Visibility::kAll, 100, 0).value().size(), 2u);
}

INSTANTIATE_TEST_SUITE_P(Backends, EditorsContract, ::testing::ValuesIn(testing::store_backends()),
                         [](const auto& info) { return info.param.name; });

}  // namespace
}  // namespace tiltas::store
