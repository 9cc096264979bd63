// What only the PostgreSQL backend has to get right beyond the contract suite
// (which runs on it too): passwords never shown, errors mapped to codes, a
// newer schema refused, concurrent importers kept from duplicating, and
// connections the server dropped replaced. Runs against the server of
// support/postgres_test_db.h; skips without one.
#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <fstream>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "base/hash.h"
#include "store/postgres/pg_connection.h"
#include "store/postgres/postgres_store.h"
#include "store/migrations.h"
#include "search/query.h"
#include "store/store.h"
#include "support/documents.h"
#include "support/postgres_test_db.h"
#include "support/stored_projects.h"

namespace tiltas::store {
namespace {

using namespace tiltas::model;

TEST(PostgresConninfo, RedactsThePasswordInEveryForm) {
  struct Case {
    std::string in;
    std::string out;
    std::string why;
  };
  const std::vector<Case> cases = {
      {"postgresql://reg:s3cret@db.example:5432/tiltas", "postgresql://reg:***@db.example:5432/tiltas",
       "the usual URL"},
      {"postgres://reg:s3cret@db/tiltas?sslmode=require", "postgres://reg:***@db/tiltas?sslmode=require",
       "the short scheme, with a query"},
      {"postgresql://reg@db/tiltas?sslmode=disable&password=s3cret",
       "postgresql://reg@db/tiltas?sslmode=disable&password=***", "a password in the query"},
      {"postgresql://reg:s3/c?r@t@db/tiltas", "postgresql://reg:***@db/tiltas",
       "unencoded / ? @ in the password: cut up to the last @"},
      {"host=db user=reg password=s3cret dbname=tiltas", "host=db user=reg password=*** dbname=tiltas",
       "key=value form"},
      {"host=db password = 's3 cr\\'et' dbname=tiltas", "host=db password=*** dbname=tiltas",
       "a quoted value with spaces and an escaped quote"},
      {"postgresql://db/tiltas", "postgresql://db/tiltas", "nothing to hide"},
  };
  for (const auto& c : cases) {
    std::string got = postgres::redact_conninfo(c.in);
    EXPECT_EQ(got, c.out) << c.why;
    EXPECT_EQ(got.find("s3"), std::string::npos) << c.why;
  }
}

// The password of a postgresql://user:password@... URL.
std::string password_in(const std::string& url) {
  std::size_t authority = url.find("://") + 3;
  std::size_t at = url.rfind('@');
  std::size_t colon = url.find(':', authority);
  if (at == std::string::npos || colon == std::string::npos || colon > at) return "";
  return url.substr(colon + 1, at - colon - 1);
}

using testing::make_document;

Project make_project(const std::string& title, std::vector<Participation> partners) {
  Project p;
  p.default_language = "en";
  p.titles.set("en", title);
  p.programme = "Active Citizens Fund";
  p.period.start = PartialDate::parse_iso("2021-06").value();
  p.participations = std::move(partners);
  return p;
}

class PostgresStore : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string why;
    auto server = testing::postgres_test_url(why);
    if (!server) GTEST_SKIP() << why;
    server_ = *server;
    auto url = testing::fresh_postgres_database(server_);
    ASSERT_TRUE(url) << url.error().message;
    url_ = *url;
  }

  std::unique_ptr<Store> open(std::size_t pool_size = kDefaultPostgresPoolSize) {
    auto s = open_postgres_store(url_, pool_size);
    EXPECT_TRUE(s) << s.error().message;
    return s ? std::move(*s) : nullptr;
  }

  postgres::Connection admin() {
    auto c = postgres::Connection::open(url_);
    EXPECT_TRUE(c) << c.error().message;
    return std::move(*c);
  }

  std::string server_;
  std::string url_;
};

TEST_F(PostgresStore, OpenStoreSelectsItByScheme) {
  auto s = open_store(url_);
  ASSERT_TRUE(s) << s.error().message;
  std::string d = (*s)->describe();
  EXPECT_EQ(d.rfind("postgresql 15.", 0), 0u) << d;
  std::string password = password_in(url_);
  ASSERT_FALSE(password.empty()) << "the fixture's server takes a password over TCP";
  EXPECT_EQ(d.find(password), std::string::npos) << "describe() is logged: no password in it";
  EXPECT_NE(d.find(":***@"), std::string::npos) << d;
}

TEST_F(PostgresStore, ConnectionFailuresAreUnavailableAndNeverShowThePassword) {
  std::string real = password_in(url_);
  ASSERT_FALSE(real.empty());
  struct Case {
    std::string url;
    std::string server_says;
    std::string why;
  };
  std::string wrong = url_;
  wrong.replace(wrong.find(real), real.size(), "wrong-pw-7731");
  std::string no_server = "postgresql://tiltas_test:" + real + "@127.0.0.1:1/postgres";
  std::string no_database = url_.substr(0, url_.rfind('/')) + "/no_such_database";
  const std::vector<Case> cases = {
      {wrong, "password authentication failed", "the server refuses the login"},
      {no_server, "127.0.0.1", "nothing listens on the port"},
      {no_database, "no_such_database", "the database does not exist"},
  };
  for (const auto& c : cases) {
    auto s = open_store(c.url);
    ASSERT_FALSE(s) << c.why;
    EXPECT_EQ(s.error().code, ErrorCode::kUnavailable) << c.why;
    EXPECT_NE(s.error().message.find(c.server_says), std::string::npos) << c.why << ": " << s.error().message;
    EXPECT_EQ(s.error().message.find(real), std::string::npos) << c.why;
    EXPECT_EQ(s.error().message.find("wrong-pw-7731"), std::string::npos) << c.why;
  }
}

TEST_F(PostgresStore, RefusesASchemaFromANewerTiltas) {
  ASSERT_TRUE(open());
  auto c = admin();
  ASSERT_TRUE(c.exec("INSERT INTO schema_migrations VALUES (999, 'future', 'now')"));
  auto s = open_postgres_store(url_);
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_NE(s.error().message.find("999"), std::string::npos) << s.error().message;
  EXPECT_EQ(s.error().message.find(password_in(url_)), std::string::npos);
}

TEST_F(PostgresStore, MigrationsUseIdentityKeysAndRunOnce) {
  ASSERT_TRUE(open());
  ASSERT_TRUE(open()) << "a second open finds the schema current";
  auto c = admin();
  auto st = c.cached("SELECT COUNT(*) FROM schema_migrations");
  ASSERT_TRUE(st);
  ASSERT_TRUE(st->step().value());
  EXPECT_EQ(st->int64(0), static_cast<std::int64_t>(migrations().size())) << "every migration recorded once";
  auto id = c.cached(
      "SELECT is_identity, data_type FROM information_schema.columns WHERE table_name = $1 AND column_name = 'id'");
  ASSERT_TRUE(id);
  id->bind(1, "projects");
  ASSERT_TRUE(id->step().value());
  EXPECT_EQ(id->text(0), "YES");
  EXPECT_EQ(id->text(1), "bigint");
}

TEST_F(PostgresStore, UniqueViolationIsAlreadyExists) {
  ASSERT_TRUE(open());
  auto c = admin();
  const std::string insert =
      "INSERT INTO documents (source, name, sha256, imported_at) VALUES ($1, 'n', $2, '2024-01-01T00:00:00Z')";
  auto first = c.cached(insert);
  ASSERT_TRUE(first);
  first->bind(1, "a.txt").bind(2, "same-hash");
  ASSERT_TRUE(first->run());
  auto second = c.cached(insert);
  ASSERT_TRUE(second);
  second->bind(1, "b.txt").bind(2, "same-hash");
  auto r = second->run();
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kAlreadyExists) << r.error().message;
}

// Inside a COPY batch run_later() only sends (pipeline mode): the rows are
// there for the next read, a failing statement's error comes with the next
// call that reads, the statements after it are skipped, and ROLLBACK still
// rolls back and leaves the connection usable.
TEST_F(PostgresStore, PipelinedStatementsRunInOrderAndReportTheirErrorsLater) {
  ASSERT_TRUE(open());
  auto c = admin();
  const std::string insert =
      "INSERT INTO documents (source, name, sha256, imported_at) VALUES ($1, 'n', $2, '2024-01-01T00:00:00Z')";
  auto count = [&c]() -> std::int64_t {
    auto st = c.cached("SELECT COUNT(*) FROM documents");
    EXPECT_TRUE(st);
    auto row = st->step();
    EXPECT_TRUE(row && *row);
    return st->int64(0);
  };
  ASSERT_TRUE(c.exec("BEGIN"));
  c.begin_bulk();
  for (int i = 0; i < 300; ++i) {  // past the bound on unanswered statements
    auto st = c.cached(insert);
    ASSERT_TRUE(st);
    st->bind(1, fmt::format("{}.txt", i)).bind(2, fmt::format("hash-{}", i));
    ASSERT_TRUE(st->run_later());
  }
  EXPECT_EQ(count(), 300) << "a read sees every pipelined row";
  for (const char* hash : {"hash-7", "fresh"}) {  // a duplicate, then one it makes the server skip
    auto st = c.cached(insert);
    ASSERT_TRUE(st);
    st->bind(1, "again.txt").bind(2, hash);
    ASSERT_TRUE(st->run_later()) << "sent only: the outcome comes later";
  }
  auto settled = c.settle();
  ASSERT_FALSE(settled);
  EXPECT_EQ(settled.error().code, ErrorCode::kAlreadyExists) << settled.error().message;
  c.end_bulk();
  ASSERT_TRUE(c.exec("ROLLBACK"));
  EXPECT_EQ(count(), 0) << "the transaction rolled back whole";
  EXPECT_FALSE(c.in_transaction());
  // Outside a batch run_later() is run().
  auto st = c.cached(insert);
  ASSERT_TRUE(st);
  st->bind(1, "x.txt").bind(2, "hash-x");
  ASSERT_TRUE(st->run_later());
  EXPECT_EQ(c.changes(), 1);
  EXPECT_EQ(count(), 1);
}

TEST_F(PostgresStore, TextPostgreSQLCannotStoreIsInvalidAndRollsBack) {
  struct Case {
    std::string text;
    std::string why;
  };
  const std::vector<Case> cases = {
      {std::string("nul \0 byte", 10), "PostgreSQL text cannot hold a NUL byte (SQLite's can)"},
      {"bad \xff byte", "nor invalid UTF-8, which the server refuses"},
  };
  auto store = open(1);  // one connection: every import after a failure must reuse it
  ASSERT_TRUE(store);
  for (const auto& c : cases) {
    auto bad = store->import_document(make_document("a.txt", c.text),
                                      {make_project("A", {{"Oslo City Municipality", "NO", Role::kPartner, {}, {}}})});
    ASSERT_FALSE(bad) << c.why;
    EXPECT_EQ(bad.error().code, ErrorCode::kInvalidArgument) << c.why << ": " << bad.error().message;
    EXPECT_EQ(store->counts().value().documents, 0) << c.why;
  }
  auto good = store->import_document(make_document("a.txt", "fine"),
                                     {make_project("A", {{"Oslo City Municipality", "NO", Role::kPartner, {}, {}}})});
  ASSERT_TRUE(good) << good.error().message;
  auto counts = store->counts().value();
  EXPECT_EQ(counts.documents, 1);
  EXPECT_EQ(counts.organisations, 1);
}

// `projects` with their ids, their documents' and their organisations'
// replaced by 1, 2, 3... in order of appearance: what two registries that
// hold the same rows under other ids have in common.
std::vector<Project> renumbered(std::vector<Project> projects) {
  std::map<Id, Id> project_ids, document_ids, organisation_ids;
  auto number = [](std::map<Id, Id>& ids, Id id) {
    return ids.emplace(id, static_cast<Id>(ids.size() + 1)).first->second;
  };
  for (const auto& p : projects) number(project_ids, p.id);
  for (auto& p : projects) {
    p.id = number(project_ids, p.id);
    if (p.document_id) p.document_id = number(document_ids, *p.document_id);
    if (p.translation_of) p.translation_of = number(project_ids, *p.translation_of);
    for (auto& t : p.translations) t = number(project_ids, t);
    for (auto& part : p.participations) {
      if (part.organisation_id) part.organisation_id = number(organisation_ids, *part.organisation_id);
    }
  }
  return projects;
}

// import_documents sends texts, spans, events, indicators, places and
// findings by COPY at the end of its batch (pg_connection.h, CopyBatch).
// It must store exactly what importing the documents one by one stores
// (escapes of COPY's text format included), drop a failing document whole,
// and see a revision of a page imported earlier in the same batch.
TEST_F(PostgresStore, BatchImportByCopyStoresWhatOneByOneStores) {
  auto rich = [](const std::string& title, const std::string& message) {
    Project p = make_project(title, {{"Oslo City Municipality", "NO", Role::kPartner, {}, SourceSpan{3, 9}}});
    p.titles.set("lt", "Pavadinimas \"su\" kabutėmis");
    p.descriptions.set("en", "tab\there, newline\nthere, backslash \\ and \\N, carriage\rreturn");
    p.spans["title"] = SourceSpan{0, 5};
    p.spans["period.start"] = SourceSpan{10, 17};
    p.amounts.push_back({4800050, "EUR", AmountKind::kGranted, SourceSpan{20, 31}});
    p.activities.push_back({"1.1", "Study visit", std::nullopt});
    p.events.push_back({"Opening", "Kaunas", "LT", PartialDate::parse_iso("2021-06-02").value(), std::nullopt,
                        SourceSpan{40, 47}});
    p.events.push_back({std::nullopt, std::nullopt, std::nullopt, std::nullopt, std::nullopt, std::nullopt});
    p.indicators.push_back({12.5, "schools involved", IndicatorStatus::kAchieved, std::nullopt});
    p.indicators.push_back({1e-7, "tonnes", IndicatorStatus::kPlanned, SourceSpan{1, 2}});
    p.places.push_back({"Šančiai", "LT", std::nullopt});
    p.findings.push_back({"period.end", Severity::kWarning, message, SourceSpan{50, 60}});
    p.findings.push_back({"", Severity::kInfo, "no span", std::nullopt});
    return p;
  };
  std::vector<DocumentImport> batch = {
      {make_document("a.txt", "first page"), {rich("First", "ok"), rich("Second", "fine")}},
      {make_document("bad.txt", "bad page"), {rich("Bad", std::string("a NUL \0 in a finding", 20))}},
      {make_document("c.txt", "third page"), {rich("Third", "tab\tin a finding")}},
      // A new revision of a.txt in the same batch: it reads and replaces
      // the child rows of a.txt's projects, which must be stored by then.
      {make_document("a.txt", "first page, changed"), {rich("First, revised", "ok")}},
  };
  auto batched = open();
  ASSERT_TRUE(batched);
  auto results = batched->import_documents(batch);
  ASSERT_TRUE(results) << results.error().message;
  ASSERT_EQ(results->size(), 4u);
  EXPECT_TRUE((*results)[0]) << (*results)[0].error().message;
  ASSERT_FALSE((*results)[1]);
  EXPECT_EQ((*results)[1].error().code, ErrorCode::kInvalidArgument) << (*results)[1].error().message;
  EXPECT_TRUE((*results)[2]);
  ASSERT_TRUE((*results)[3]);
  EXPECT_EQ((*results)[3]->outcome, DocumentOutcome::kChanged);
  EXPECT_EQ((*results)[3]->removed, 1u);

  auto other = testing::fresh_postgres_database(server_);
  ASSERT_TRUE(other) << other.error().message;
  auto one_by_one = open_postgres_store(*other);
  ASSERT_TRUE(one_by_one) << one_by_one.error().message;
  for (const auto& d : batch) (void)(*one_by_one)->import_document(d.document, d.records);

  // The batch was written twice (without savepoints, then, because "Bad"
  // failed, with them), and PostgreSQL does not roll back its sequences:
  // the same rows, with ids numbered further on.
  auto got = renumbered(testing::stored_projects(*batched));
  auto want = renumbered(testing::stored_projects(**one_by_one));
  ASSERT_EQ(got.size(), 2u) << "First (revised), Third; Second removed, Bad never stored";
  EXPECT_EQ(got, want);
  EXPECT_EQ(batched->counts().value().documents, 3) << "both revisions of a.txt and c.txt";
  const Project& third = got[1];
  EXPECT_EQ(third.descriptions.get("en"), "tab\there, newline\nthere, backslash \\ and \\N, carriage\rreturn");
  ASSERT_EQ(third.findings.size(), 2u);
  EXPECT_EQ(third.findings[0].message, "tab\tin a finding");
  EXPECT_EQ(third.indicators[1].value, 1e-7);
  EXPECT_EQ(third.events[1], Event{});
  // The search index's name rows went by COPY too.
  for (const char* prefix : {"osl", "kau", "sanc"}) {
    auto a = batched->suggest(prefix, 10, true), b = (*one_by_one)->suggest(prefix, 10, true);
    ASSERT_TRUE(a && b);
    EXPECT_FALSE(a->empty()) << prefix;
    EXPECT_EQ(a->size(), b->size()) << prefix;
    for (std::size_t i = 0; i < std::min(a->size(), b->size()); ++i) {
      EXPECT_EQ((*a)[i].text, (*b)[i].text) << prefix;
      EXPECT_EQ((*a)[i].projects, (*b)[i].projects) << prefix;
    }
  }
}

// docs/deploy.md: Tiltas servers on a streaming replica serve reads. A hot
// standby cannot be migrated, so opening one checks the schema version
// instead, and a write sent to it is refused as FailedPrecondition naming
// the cause (the standby comes from tests/support/start_postgres.sh).
TEST_F(PostgresStore, AStandbyServesReadsAndRefusesWrites) {
  const char* url_file = std::getenv("TILTAS_TEST_POSTGRES_URL_FILE");
  if (std::getenv("TILTAS_TEST_POSTGRES_URL") || !url_file) {
    GTEST_SKIP() << "a standby is made only of the server the ctest fixture started";
  }
  {
    auto primary = open();
    ASSERT_TRUE(primary);
    auto imported = primary->import_document(make_document("a.txt", "a page"),
                                             {make_project("Replicated", {{"Oslo kommune", "NO", Role::kPartner, {}, {}}})});
    ASSERT_TRUE(imported) << imported.error().message;
    ASSERT_TRUE(primary->publish_all());
  }
  std::string state(url_file);
  state = state.substr(0, state.rfind('/'));
  int rc = std::system(("sh " + std::string(TILTAS_SOURCE_DIR) + "/tests/support/start_postgres.sh standby '" + state +
                        "' >/dev/null")
                           .c_str());
  ASSERT_EQ(rc, 0) << "the standby did not start";
  std::string standby;
  {
    std::ifstream in(state + "/standby_url");
    ASSERT_TRUE(std::getline(in, standby));
  }
  standby = standby.substr(0, standby.rfind('/') + 1) + url_.substr(url_.rfind('/') + 1);

  auto replica = open_postgres_store(standby);
  ASSERT_TRUE(replica) << replica.error().message;
  EXPECT_NE((*replica)->describe().find("read-only replica"), std::string::npos) << (*replica)->describe();
  auto page = (*replica)->list_projects({}, {});
  ASSERT_TRUE(page) << page.error().message;
  ASSERT_EQ(page->items.size(), 1u);
  EXPECT_EQ(page->items[0].title, "Replicated");
  search::SearchRequest request;
  request.query = search::parse_query("replicated").value();
  auto found = (*replica)->search(request);
  ASSERT_TRUE(found) << found.error().message;
  EXPECT_EQ(found->total, 1);

  auto write = (*replica)->import_document(make_document("b.txt", "another page"), {make_project("Refused", {})});
  ASSERT_FALSE(write);
  EXPECT_EQ(write.error().code, ErrorCode::kFailedPrecondition) << write.error().message;
  EXPECT_NE(write.error().message.find("read-only replica"), std::string::npos) << write.error().message;
  auto token = (*replica)->create_api_token("w", std::string(64, 'a'));
  ASSERT_FALSE(token);
  EXPECT_EQ(token.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ((*replica)->counts().value().documents, 1) << "nothing was written";
}

// Without the writer lock, importers that each find no "Oslo City
// Municipality" yet would each create one.
TEST_F(PostgresStore, ConcurrentImportersDoNotDuplicateOrganisations) {
  // Two stores stand for two processes; each has a pool for its threads.
  auto a = open(3);
  auto b = open(3);
  ASSERT_TRUE(a && b);
  constexpr int kThreads = 6;
  constexpr int kDocumentsEach = 10;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      Store& store = t % 2 ? *a : *b;
      for (int i = 0; i < kDocumentsEach; ++i) {
        std::string name = fmt::format("t{}d{}", t, i);
        auto r =
            store.import_document(make_document(name + ".txt", name),
                                  {make_project(name, {{"Oslo City Municipality", "NO", Role::kPartner, {}, {}},
                                                       {"VšĮ Bendruomenių tiltai", "LT", Role::kPromoter, {}, {}}})});
        if (!r) ++failures;
        (void)store.counts();  // readers run beside the writers
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  auto c = a->counts().value();
  EXPECT_EQ(c.documents, kThreads * kDocumentsEach);
  EXPECT_EQ(c.organisations, 2);
}

TEST_F(PostgresStore, AConnectionTheServerDroppedIsReplaced) {
  auto store = open(1);
  ASSERT_TRUE(store);
  ASSERT_TRUE(store->counts());
  // Ends the store's session (as a server restart or an idle timeout would)
  // and waits until it is gone; returns how many sessions were ended.
  auto end_sessions = [&] {
    auto c = admin();
    auto kill = c.cached(
        "SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity WHERE datname = current_database() "
        "AND pid <> pg_backend_pid() AND backend_type = 'client backend'");
    EXPECT_TRUE(kill) << kill.error().message;
    int ended = 0;
    for (;;) {
      auto row = kill->step();
      EXPECT_TRUE(row) << row.error().message;
      if (!row || !*row) break;
      ++ended;
    }
    return ended;
  };
  ASSERT_EQ(end_sessions(), 1) << "the store's one connection";
  auto read = store->counts();
  ASSERT_TRUE(read) << "a read retries once on a fresh connection: " << read.error().message;
  ASSERT_EQ(end_sessions(), 1);
  auto write = store->import_document(make_document("a.txt", "after"), {});
  ASSERT_TRUE(write) << "a write whose BEGIN found the connection dead starts anew: " << write.error().message;
  EXPECT_EQ(store->counts().value().documents, 1);
}

}  // namespace
}  // namespace tiltas::store
