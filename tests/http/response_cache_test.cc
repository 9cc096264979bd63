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
  cache.put("/a?", ok_reply("A"), 3, t0);
  ASSERT_TRUE(cache.get("/a?", t0 + 999ms));
  EXPECT_EQ(*cache.get("/a?", t0 + 999ms)->body, "A");
  EXPECT_EQ(cache.get("/a?", t0)->route, 3u) << "the route is kept for the metrics";
  EXPECT_FALSE(cache.get("/a?", t0 + 1000ms)) << "expired at the ttl";
  EXPECT_FALSE(cache.get("/a?x=1", t0)) << "the query is part of the key";
}

TEST(ResponseCacheUnits, StoresOnlyWholeSuccessfulReplies) {
  ResponseCache cache(1000ms, 1 << 20);
  const auto t0 = Clock::time_point{} + 1h;
  Reply missing = ok_reply("{}");
  missing.status = 404;
  cache.put("/missing?", missing, 0, t0);
  EXPECT_FALSE(cache.get("/missing?", t0)) << "errors are not cached";
  Reply streamed = ok_reply("");
  streamed.stream = [](std::ostream&) { return ok(); };
  cache.put("/export?", streamed, 0, t0);
  EXPECT_FALSE(cache.get("/export?", t0)) << "streams are not cached";
}

TEST(ResponseCacheUnits, DisabledClearedAndBounded) {
  const auto t0 = Clock::time_point{} + 1h;
  ResponseCache off(0ms, 1 << 20);
  off.put("/a?", ok_reply("A"), 0, t0);
  EXPECT_FALSE(off.get("/a?", t0));
  ResponseCache small(1000ms, 10);
  small.put("/a?", ok_reply("AAAA"), 0, t0);   // 3 + 4 bytes
  small.put("/b?", ok_reply("BBBB"), 0, t0);   // over 10: the cache starts again
  EXPECT_FALSE(small.get("/a?", t0));
  EXPECT_TRUE(small.get("/b?", t0));
  small.clear();
  EXPECT_FALSE(small.get("/b?", t0));
}

// A registry holding `p`, published, from a one-line text document.
struct PublishedRegistry {
  std::unique_ptr<store::Store> store;
  model::Id id = 0;
};

PublishedRegistry published_registry(testing::TempDir& dir, const model::Project& p) {
  PublishedRegistry out;
  auto opened = store::open_store("sqlite:" + dir.file("registry.db"));
  EXPECT_TRUE(opened) << opened.error().describe();
  if (!opened) return out;
  out.store = std::move(*opened);
  model::Document d;
  d.source = "test://cache";
  d.name = "cache";
  d.text = "text";
  d.sha256 = sha256_hex(d.text);
  d.media_type = "text/plain";
  auto imported = out.store->import_document(d, {p});
  EXPECT_TRUE(imported) << imported.error().describe();
  if (!imported) return out;
  out.id = imported->project_ids.at(0);
  EXPECT_TRUE(out.store->set_review_state({out.id}, model::ReviewState::kPublished));
  return out;
}

// A server on `store` that keeps API replies for a minute.
Result<std::unique_ptr<Server>> caching_server(store::Store& store) {
  ServerOptions options;
  options.port = 0;
  options.response_cache_ttl = 60s;
  return Server::start(store, options);
}

// A server with a long ttl: a change made behind its back (straight into the
// store, as another process would) stays invisible until the ttl, while a
// write through the server's own API shows at once.
TEST(ResponseCacheServer, OwnWritesClearItOtherWritesWaitForTheTtl) {
  testing::TempDir dir;
  model::Project p;
  p.default_language = "en";
  p.titles.set("en", "Original title");
  auto [registry, id] = published_registry(dir, p);
  ASSERT_TRUE(registry && id);
  auto token = create_api_token(*registry, "cache-test");
  ASSERT_TRUE(token);
  auto server = caching_server(*registry);
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

// A hit is answered before routing, from the prepared entry: it must carry
// what a fresh reply carries (ETag, Vary, CORS, gzip when asked, 304 on a
// matching If-None-Match) and be counted in the metrics under its route.
TEST(ResponseCacheServer, HitsCarryTheHeadersOfFreshReplies) {
  testing::TempDir dir;
  model::Project p;
  p.default_language = "en";
  p.titles.set("en", "A project with a long description");
  std::string description;
  for (int i = 0; i < 60; ++i) description += "Volunteers and councils meet in Kaunas and Bergen. ";
  p.descriptions.set("en", description);  // over the gzip threshold
  auto [registry, id] = published_registry(dir, p);
  ASSERT_TRUE(registry && id);
  auto server = caching_server(*registry);
  ASSERT_TRUE(server) << server.error().describe();
  httplib::Client c("127.0.0.1", (*server)->port());
  c.set_read_timeout(10, 0);
  c.set_decompress(false);  // compare the bytes on the wire
  const std::string path = "/api/v1/projects/" + std::to_string(id) + "?lang=en";

  for (const bool gzip : {false, true}) {
    SCOPED_TRACE(gzip ? "Accept-Encoding: gzip" : "identity");
    httplib::Headers asks;
    if (gzip) asks.emplace("Accept-Encoding", "gzip");
    auto fresh = c.Get(path, asks);
    auto hit = c.Get(path, asks);
    ASSERT_TRUE(fresh && hit);
    ASSERT_EQ(fresh->status, 200);
    ASSERT_EQ(hit->status, 200);
    EXPECT_EQ(hit->body, fresh->body);
    for (const char* name : {"Content-Type", "ETag", "Vary", "Content-Encoding", "Access-Control-Allow-Origin",
                             "Access-Control-Expose-Headers"}) {
      EXPECT_EQ(hit->get_header_value(name), fresh->get_header_value(name)) << name;
    }
    EXPECT_EQ(hit->get_header_value("Content-Encoding"), gzip ? "gzip" : "");
    EXPECT_FALSE(hit->get_header_value("ETag").empty());

    httplib::Headers revalidates = asks;
    revalidates.emplace("If-None-Match", hit->get_header_value("ETag"));
    auto unchanged = c.Get(path, revalidates);
    ASSERT_TRUE(unchanged);
    EXPECT_EQ(unchanged->status, 304);
    EXPECT_TRUE(unchanged->body.empty());
    EXPECT_EQ(unchanged->get_header_value("ETag"), hit->get_header_value("ETag"));
  }

  auto metrics = c.Get("/metrics");
  ASSERT_TRUE(metrics);
  EXPECT_NE(metrics->body.find(R"(route="/api/v1/projects/{id}",status="200"} 4)"), std::string::npos)
      << "fresh replies and hits are counted under their route:\n" << metrics->body;
  EXPECT_NE(metrics->body.find(R"(route="/api/v1/projects/{id}",status="304"} 2)"), std::string::npos);
}

}  // namespace
}  // namespace tiltas::http
