// Pieces of src/http that need no socket: the error table, id parsing, and
// the embedded templates.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "http/assets.h"
#include "http/error_mapping.h"
#include "http/pages/render.h"
#include "http/request.h"

namespace tiltas::http {
namespace {

TEST(ErrorMapping, EveryCodeHasItsStatus) {
  struct Case {
    ErrorCode code;
    int status;
    const char* reason;
  };
  const std::vector<Case> cases{
      {ErrorCode::kInvalidArgument, 400, "the client sent something wrong"},
      {ErrorCode::kNotFound, 404, "absent or not public"},
      {ErrorCode::kAlreadyExists, 409, "a unique key is taken"},
      {ErrorCode::kConflict, 409, "contradictory change"},
      {ErrorCode::kFailedPrecondition, 409, "not without If-Match headers, so not 412"},
      {ErrorCode::kUnavailable, 503, "the database cannot be reached: retry later"},
      {ErrorCode::kInternal, 500, "a bug"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(http_status(c.code), c.status) << to_string(c.code) << ": " << c.reason;
  }
}

TEST(ErrorMapping, InternalDetailsStayInTheLog) {
  Reply r = api_error_reply(Error{ErrorCode::kInternal, "sqlite: disk I/O error at /secret/path.db"});
  EXPECT_EQ(r.status, 500);
  EXPECT_EQ(r.body.find("/secret/path.db"), std::string::npos) << r.body;
  Reply page = page_error_reply(Error{ErrorCode::kUnavailable, "cannot open /secret/path.db"});
  EXPECT_EQ(page.status, 503);
  EXPECT_EQ(page.body.find("/secret/path.db"), std::string::npos);
}

TEST(ErrorMapping, AudienceFollowsThePath) {
  EXPECT_EQ(audience_of("/api/v1/projects"), Audience::kApi);
  EXPECT_EQ(audience_of("/api"), Audience::kApi);
  EXPECT_EQ(audience_of("/healthz"), Audience::kApi) << "probes read JSON";
  EXPECT_EQ(audience_of("/apidocs"), Audience::kPage) << "only the /api/ folder is the API";
  EXPECT_EQ(audience_of("/projects/1"), Audience::kPage);
}

TEST(ParseId, AcceptsOnlyPositiveDecimalInt64) {
  struct Case {
    std::string text;
    bool ok;
    const char* reason;
  };
  const std::vector<Case> cases{
      {"1", true, "smallest id"},
      {"42", true, "plain"},
      {"9223372036854775807", true, "INT64_MAX"},
      {"9223372036854775808", false, "INT64_MAX + 1 overflows"},
      {"99999999999999999999999", false, "far too long"},
      {"0", false, "ids start at 1"},
      {"-1", false, "no sign"},
      {"+1", false, "no sign"},
      {"", false, "empty"},
      {" 1", false, "no spaces"},
      {"1a", false, "trailing garbage"},
      {"0x10", false, "decimal only"},
      {"\xff", false, "invalid UTF-8 must not break the message"},
  };
  for (const auto& c : cases) {
    auto id = parse_id(c.text, "id");
    EXPECT_EQ(id.has_value(), c.ok) << "'" << c.text << "': " << c.reason;
    if (!id) {
      EXPECT_EQ(id.error().code, ErrorCode::kInvalidArgument);
      EXPECT_EQ(id.error().field, "id");
    }
  }
}

TEST(Templates, AllParseAndNoneWritesUnescapedData) {
  ASSERT_TRUE(pages::check_templates()) << pages::check_templates().error().describe();
  int templates = 0;
  for (std::string_view name : asset_names()) {
    if (!name.starts_with("templates/")) continue;
    ++templates;
    std::string_view text = *find_asset(name);
    EXPECT_EQ(text.find("{{{"), std::string_view::npos) << name << " uses {{{ }}}";
    EXPECT_EQ(text.find("{{&"), std::string_view::npos) << name << " uses {{& }}";
  }
  EXPECT_GE(templates, 4);
}

TEST(Templates, StaticFilesAreEmbedded) {
  auto css = find_asset("static/site.css");
  ASSERT_TRUE(css);
  EXPECT_FALSE(css->empty());
  EXPECT_FALSE(find_asset("static/none.css"));
}

TEST(Templates, RenderEscapesData) {
  pages::View view;
  view.set("status", "404");
  view.set("heading", "<h1>");
  view.set("message", "<script>alert('x')</script> & \"q\"");
  auto html = pages::render_page("error", "<title>", view);
  ASSERT_TRUE(html) << html.error().describe();
  EXPECT_EQ(html->find("<script>"), std::string::npos);
  EXPECT_NE(html->find("&lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt; &amp; &quot;q&quot;"), std::string::npos)
      << *html;
  EXPECT_NE(html->find("<title>&lt;title&gt; · Tiltas</title>"), std::string::npos) << *html;
}

}  // namespace
}  // namespace tiltas::http
