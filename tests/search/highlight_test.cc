#include "search/highlight.h"

#include <gtest/gtest.h>

namespace tiltas::search {
namespace {

TEST(Highlight, MarksEveryFormOfTheQueryWordsAndEscapes) {
  auto terms = match_terms(parse_query("savivaldybė sanciai").value());
  EXPECT_EQ(highlight("Šančiai <b> savivaldybių & savivaldybes", "lt", terms),
            "<mark>Šančiai</mark> &lt;b&gt; <mark>savivaldybių</mark> &amp; <mark>savivaldybes</mark>");
}

TEST(Highlight, SnippetIsCutAroundTheFirstMatchAtWordBoundaries) {
  std::string text;
  for (int i = 0; i < 60; ++i) text += "word" + std::to_string(i) + " ";
  text += "Tromsø ";
  for (int i = 0; i < 60; ++i) text += "tail" + std::to_string(i) + " ";
  auto s = snippet(text, "nb", match_terms(parse_query("tromso").value()), 120);
  EXPECT_NE(s.find("<mark>Tromsø</mark>"), std::string::npos) << s;
  EXPECT_EQ(s.rfind("…", 0), 0u) << "cut at the start: " << s;
  EXPECT_LT(s.size(), 200u);
  EXPECT_EQ(snippet("", "en", {}), "");
  EXPECT_EQ(snippet("no match here", "en", match_terms(parse_query("oslo").value())), "no match here");
}

}  // namespace
}  // namespace tiltas::search
