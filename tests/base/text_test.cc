#include "base/text.h"

#include <gtest/gtest.h>

namespace tiltas::text {
namespace {

TEST(Fold, FoldsCaseDiacriticsAndNordicLetters) {
  struct Case {
    const char* in;
    const char* out;
    const char* why;
  } cases[] = {
      {"Šančiai", "sanciai", "Lithuanian caron and ogonek"},
      {"Tromsø", "tromso", "ø folds through Latin-ASCII"},
      {"Ærø Kommune", "aero kommune", "æ becomes two letters"},
      {"Oslo-Kommune 2021", "oslo kommune 2021", "the ASCII fast path folds the same way"},
      {"Ελλάδα", "ελλαδα", "other scripts are folded, not transliterated"},
      {"Reykjavík", "reykjavik", "acute accent"},
      {"  „Oslo“ — kommune ", "oslo kommune", "quotes and dashes are separators"},
      {"VšĮ „Kauno Ąžuolas“", "vsi kauno azuolas", "capital diacritics"},
      {"", "", "empty"},
  };
  for (const auto& c : cases) EXPECT_EQ(fold(c.in), c.out) << c.why;
}

TEST(Utf8, DetectsInvalidSequences) {
  EXPECT_TRUE(is_valid_utf8("Kaunas ąčę"));
  EXPECT_FALSE(is_valid_utf8("abc\xff"));
  EXPECT_EQ(first_invalid_utf8("ab\xc3"), 2u) << "truncated two-byte sequence";
  EXPECT_FALSE(is_valid_utf8("\xed\xa0\x80")) << "encoded surrogate";
  EXPECT_FALSE(is_valid_utf8("\xc0\xaf")) << "overlong";
  EXPECT_EQ(repair_utf8("a\xffz"), "a\xEF\xBF\xBDz");
}

TEST(Utf8, FindsTheFirstInvalidByteAtEveryOffsetOfALongAsciiRun) {
  // ASCII is skipped eight bytes at a time: a bad byte in any position of
  // a block, or in the tail after the last whole block, is still found.
  for (std::size_t at = 0; at < 40; ++at) {
    std::string s(40, 'a');
    s[at] = '\xff';
    EXPECT_EQ(first_invalid_utf8(s), at) << "invalid byte at " << at;
    s[at] = 'a';
    if (at + 2 <= s.size()) {
      s.replace(at, 2, "\xC5\xB3");  // ų: valid, between ASCII blocks
      EXPECT_EQ(first_invalid_utf8(s), std::string_view::npos) << "valid two-byte letter at " << at;
    }
  }
  EXPECT_EQ(first_invalid_utf8(std::string(17, 'a') + "\xc3"), 17u) << "truncated after two blocks";
}

TEST(Whitespace, TrimsUnicodeSpaces) {
  EXPECT_EQ(trim("\xC2\xA0 Oslo \t\n"), "Oslo");
  EXPECT_EQ(collapse_whitespace(" a \n\n b\xC2\xA0 c "), "a b c");
  EXPECT_EQ(trim(""), "");
  EXPECT_EQ(trim("   "), "");
}

TEST(EscapeHtml, EscapesEverySpecialCharacter) {
  EXPECT_EQ(escape_html(R"(<script>alert("x&y's")</script>)"),
            "&lt;script&gt;alert(&quot;x&amp;y&#39;s&quot;)&lt;/script&gt;");
}

}  // namespace
}  // namespace tiltas::text
