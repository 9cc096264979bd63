// The response cache of public API reads: reuse within the time-to-live,
// nothing cached that must not be, and this server's writes clearing it.
#include <chrono>
#include <memory>
#include <string>

#include <gtest/gtest.h>
#include <httplib.h>

#include "base/hash.h"
#include "http/api_token.h"
#include "http/response_cache.h"
#include "http/server.h"
#include "store/store.h"
#include "support/temp_dir.h"

namespace tiltas::http {
namespace {

using namespace std::chrono_literals;
using Clock = ResponseCache::Clock;

Reply ok_reply(std::string body) {
  Reply r;
  r.content_type = "application/json";
  r.body = std::move(body);
  return r;
}

TEST(ResponseCacheUnits, ReusesWithinTheTtlOnly) {
  ResponseCache cache(1000ms, 1 << 20);
  const auto t0 = Clock::time_point{} + 1h;
  cache.put("/a?", ok_reply("A"), t0);
  ASSERT_TRUE(cache.get("/a?", t0 + 999ms));
  EXPECT_EQ(cache.get("/a?", t0 + 999ms)->body, "A");
  EXPECT_FALSE(cache.get("/a?", t0 + 1000ms)) << "expired at the ttl";
  EXPECT_FALSE(cache.get("/a?x=1", t0)) << "the query is part of the key";
}

TEST(ResponseCacheUnits, StoresOnlyWholeSuccessfulReplies) {
  ResponseCache cache(1000ms, 1 << 20);
  const auto t0 = Clock::time_point{} + 1h;
  Reply missing = ok_reply("{}");
  missing.status = 404;
  cache.put("/missing?", missing, t0);
  EXPECT_FALSE(cache.get("/missing?", t0)) << "errors are not cached";
  Reply streamed = ok_reply("");
  streamed.stream = [](std::ostream&) { return ok(); };
  cache.put("/export?", streamed, t0);
  EXPECT_FALSE(cache.get("/export?", t0)) << "streams are not cached";
}

TEST(ResponseCacheUnits, DisabledClearedAndBounded) {
  const auto t0 = Clock::time_point{} + 1h;
  ResponseCache off(0ms, 1 << 20);
  off.put("/a?", ok_reply("A"), t0);
  EXPECT_FALSE(off.get("/a?", t0));
  ResponseCache small(1000ms, 10);
  small.put("/a?", ok_reply("AAAA"), t0);   // 3 + 4 bytes
  small.put("/b?", ok_reply("BBBB"), t0);   // over 10: the cache starts again
  EXPECT_FALSE(small.get("/a?", t0));
  EXPECT_TRUE(small.get("/b?", t0));
  small.clear();
  EXPECT_FALSE(small.get("/b?", t0));
}

// A server with a long ttl: a change made behind its back (straight into the
// store, as another process would) stays invisible until the ttl, while a
// write through the server's own API shows at once.
TEST(ResponseCacheServer, OwnWritesClearItOtherWritesWaitForTheTtl) {
  testing::TempDir dir;
  auto opened = store::open_store("sqlite:" + dir.file("registry.db"));
  ASSERT_TRUE(opened) << opened.error().describe();
  std::unique_ptr<store::Store> registry = std::move(*opened);
  model::Project p;
  p.default_language = "en";
  p.titles.set("en", "Original title");
  model::Document d;
  d.source = "test://cache";
  d.name = "cache";
  d.text = "text";
  d.sha256 = sha256_hex(d.text);
  d.media_type = "text/plain";
  auto imported = registry->import_document(d, {p});
  ASSERT_TRUE(imported) << imported.error().describe();
  const model::Id id = imported->project_ids.at(0);
  ASSERT_TRUE(registry->set_review_state({id}, model::ReviewState::kPublished));
  auto token = create_api_token(*registry, "cache-test");
  ASSERT_TRUE(token);

  ServerOptions options;
  options.port = 0;
  options.response_cache_ttl = 60s;
  auto server = Server::start(*registry, options);
  ASSERT_TRUE(server) << server.error().describe();
  httplib::Client c("127.0.0.1", (*server)->port());
  c.set_read_timeout(10, 0);
  const std::string path = "/api/v1/projects/" + std::to_string(id);

  auto first = c.Get(path);
  ASSERT_TRUE(first);
  ASSERT_EQ(first->status, 200);
  EXPECT_NE(first->body.find("Original title"), std::string::npos);

  // Behind the server's back: the cached reply stands.
  auto stored = registry->get_project(id, store::Visibility::kAll);
  ASSERT_TRUE(stored);
  model::Project changed = *stored;
  changed.titles.set("en", "Changed elsewhere");
  ASSERT_TRUE(registry->update_project(id, changed, store::Edit{"test", ""}));
  auto cached = c.Get(path);
  ASSERT_TRUE(cached);
  EXPECT_EQ(cached->body, first->body) << "served from the cache";
  EXPECT_EQ(cached->get_header_value("ETag"), first->get_header_value("ETag"));

  // Through the server: the cache is cleared and the next read is fresh.
  auto patched = c.Patch(path, {{"Authorization", "Bearer " + *token}}, R"({"title": "Changed through the API"})",
                         "application/json");
  ASSERT_TRUE(patched);
  ASSERT_EQ(patched->status, 200) << patched->body;
  auto fresh = c.Get(path);
  ASSERT_TRUE(fresh);
  EXPECT_NE(fresh->body.find("Changed through the API"), std::string::npos) << fresh->body;

  // Pages are never cached: they show the store as it is.
  ASSERT_TRUE(registry->update_project(id, changed, store::Edit{"test", ""}));
  auto page = c.Get("/projects/" + std::to_string(id));
  ASSERT_TRUE(page);
  EXPECT_NE(page->body.find("Changed elsewhere"), std::string::npos);
}

}  // namespace
}  // namespace tiltas::http
