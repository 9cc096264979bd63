// Analysis: what a word becomes in the index and in a query. The cases are
// the promises (sanciai finds Šančiai, ...) checked at the term level:
// a query word finds a text word when they share a term.
#include "search/analyzer.h"

#include <algorithm>

#include <gtest/gtest.h>

namespace tiltas::search {
namespace {

bool meets(std::string_view query_word, std::string_view text_word, std::string_view text_language) {
  auto q = query_terms(query_word);
  for (const auto& t : index_terms(text_word, text_language)) {
    if (std::find(q.begin(), q.end(), t) != q.end()) return true;
  }
  return false;
}

struct MatchCase {
  const char* query;
  const char* text;
  const char* language;
  bool matches;
  const char* why;
};

TEST(Analyzer, QueryWordsMeetTextWordsAcrossFormsAndDiacritics) {
  const MatchCase kCases[] = {
      {"sanciai", "Šančiai", "lt", true, "diacritics typed without their marks"},
      {"Šančiai", "sanciai", "lt", true, "and the other way round"},
      {"tromso", "Tromsø", "nb", true, "Latin-ASCII folds ø"},
      {"tromsø", "TROMSO", "en", true, "case and ø in the query"},
      {"savivaldybė", "savivaldybes", "lt", true, "Lithuanian inflection"},
      {"savivaldybė", "savivaldybių", "lt", true, "genitive plural"},
      {"įmonėms", "įmonė", "lt", true, "dative plural to nominative"},
      {"imone", "įmonėms", "lt", true, "typed without diacritics, the text inflected"},
      {"municipalities", "municipality", "en", true, "English plural"},
      {"kommunene", "kommune", "nb", true, "Norwegian definite plural"},
      {"projektų", "projektas", "lt", true, "the example of the stack table"},
      {"oslo", "Kaunas", "lt", false, "different words stay apart"},
      {"partner", "partnerystė", "lt", false, "no prefix matching"},
  };
  for (const auto& c : kCases) {
    EXPECT_EQ(meets(c.query, c.text, c.language), c.matches) << c.query << " / " << c.text << ": " << c.why;
  }
}

TEST(Analyzer, SplitsWordsAtPunctuationAndKeepsDiacriticLetters) {
  std::string text = "VšĮ „Bendruomenių tiltai“ (Kaunas), 2021–2023: NEAR(a*b)^";
  std::vector<std::string> words;
  for (auto w : split_words(text)) words.emplace_back(text.substr(w.start, w.end - w.start));
  EXPECT_EQ(words, (std::vector<std::string>{"VšĮ", "Bendruomenių", "tiltai", "Kaunas", "2021", "2023", "NEAR", "a",
                                             "b"}));
}

TEST(Analyzer, BothFormsShareAPositionInTheIndexFormat) {
  std::string out;
  EXPECT_EQ(append_analyzed("Įmonėms ir Oslo", "lt", out), 3u);
  // "įmonėms" -> folded-then-stemmed | stemmed-then-folded; ASCII words one form.
  EXPECT_NE(out.find('|'), std::string::npos) << out;
  EXPECT_EQ(std::count(out.begin(), out.end(), ' '), 2) << out;
}

TEST(Analyzer, OddInputIsSafe) {
  std::string invalid = "abc\xff\xfe def";
  EXPECT_EQ(split_words(invalid).size(), 2u);
  EXPECT_TRUE(index_terms(std::string(100, 'a'), "en").empty()) << "overlong words are not indexed";
  EXPECT_TRUE(index_terms("", "lt").empty());
  EXPECT_FALSE(query_terms("Ąžuolas").empty());
}

TEST(Analyzer, StopWordsAreFoldedCommonWords) {
  for (const char* w : {"the", "and", "ir", "og", "su"}) EXPECT_TRUE(is_stop_word(w)) << w;
  for (const char* w : {"oslo", "projekt", "kommune"}) EXPECT_FALSE(is_stop_word(w)) << w;
}

}  // namespace
}  // namespace tiltas::search
