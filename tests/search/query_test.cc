// The query language: a table of typed queries and what they mean, and of
// hostile input that must give a clear error or a sensible query.
#include "search/query.h"

#include <gtest/gtest.h>

namespace tiltas::search {
namespace {

std::vector<std::string> W(std::initializer_list<const char*> words) { return {words.begin(), words.end()}; }

TEST(QueryParser, WordsPhrasesExclusionsAndOr) {
  auto q = parse_query("oslo \"study visit\" -kaunas -\"small grant\" youth OR jaunimas").value();
  ASSERT_EQ(q.all_of.size(), 3u);
  EXPECT_EQ(q.all_of[0][0].words, W({"oslo"}));
  EXPECT_EQ(q.all_of[1][0].words, W({"study", "visit"}));
  ASSERT_EQ(q.all_of[2].size(), 2u) << "OR joins its neighbours into one group";
  EXPECT_EQ(q.all_of[2][1].words, W({"jaunimas"}));
  ASSERT_EQ(q.none_of.size(), 2u);
  EXPECT_EQ(q.none_of[1].words, W({"small", "grant"}));
}

TEST(QueryParser, FieldsBecomeFilters) {
  auto q = parse_query("programme:\"EEA Grants\" country:lt country:NO org:Kauno lang:LT status:published "
                       "status:ongoing role:partner kind:small_grant year:2020..2022 youth")
               .value();
  EXPECT_EQ(q.filters.programmes, W({"EEA Grants"}));
  EXPECT_EQ(q.filters.countries, W({"LT", "NO"}));
  EXPECT_EQ(q.filters.languages, W({"lt"}));
  EXPECT_EQ(q.filters.review_state, model::ReviewState::kPublished);
  EXPECT_EQ(q.filters.statuses, W({"ongoing"}));
  EXPECT_EQ(q.filters.roles, W({"partner"}));
  EXPECT_EQ(q.filters.kinds, W({"small_grant"}));
  EXPECT_EQ(q.filters.year_from, 2020);
  EXPECT_EQ(q.filters.year_to, 2022);
  ASSERT_EQ(q.all_of.size(), 2u);
  EXPECT_TRUE(q.all_of[0][0].org_only);
  EXPECT_EQ(q.all_of[1][0].words, W({"youth"}));
  auto y = parse_query("year:2021").value();
  EXPECT_EQ(y.filters.year_from, 2021);
  EXPECT_EQ(y.filters.year_to, 2021);
}

struct BadCase {
  std::string query;
  bool error;  // kInvalidArgument expected; otherwise a query that runs
  const char* why;
};

TEST(QueryParser, HostileInputIsAnErrorOrASensibleQuery) {
  const BadCase kCases[] = {
      {"\"unbalanced quote", false, "the phrase runs to the end, with a notice"},
      {"a\"b\"c\"", false, "quotes inside and after words"},
      {std::string(10 * 1024, 'x'), true, "a 10 KB query is refused by size"},
      {"the and of", false, "only common words: kept, since they are all that was asked"},
      {"NEAR(oslo kaunas, 2)", false, "FTS5 syntax is only words"},
      {"oslo*", false, "prefix star"},
      {"^oslo", false, "initial token caret"},
      {"\\\"", false, "an escaped quote"},
      {"-", false, "a lone minus"},
      {"OR", false, "a lone OR"},
      {"oslo OR", false, "a trailing OR"},
      {"year:abc", true, "a bad year names the field"},
      {"year:2022..2020", true, "a backwards range"},
      {"year:1900..2150", true, "a range too long to enumerate"},
      {"status:lost", true, "an unknown status"},
      {"country:Norway", true, "countries are codes"},
      {"programme:", true, "a field without a value"},
      {"unknown:field", false, "an unknown field is words"},
      {"\xff\xfe", true, "invalid UTF-8"},
      {"{title}: oslo", false, "FTS5 column filter syntax"},
      {"oslo AND NOT kaunas", false, "boolean words of other engines are words"},
  };
  for (const auto& c : kCases) {
    auto q = parse_query(c.query);
    if (c.error) {
      ASSERT_FALSE(q) << c.why;
      EXPECT_EQ(q.error().code, ErrorCode::kInvalidArgument) << c.why;
      EXPECT_FALSE(q.error().message.empty());
    } else {
      EXPECT_TRUE(q) << c.why << ": " << (q ? "" : q.error().message);
    }
  }
}

TEST(QueryParser, CommonWordsAreDroppedWithANotice) {
  auto q = parse_query("the municipality of Oslo").value();
  ASSERT_EQ(q.all_of.size(), 2u);
  ASSERT_FALSE(q.notices.empty());
  auto phrase = parse_query("\"friends of the earth\"").value();
  EXPECT_EQ(phrase.all_of[0][0].words.size(), 4u) << "phrases keep their common words";
}

TEST(QueryParser, TooManyClausesIsAnError) {
  std::string q;
  for (int i = 0; i < 40; ++i) {
    q += 'w';
    q += std::to_string(i);
    q += ' ';
  }
  EXPECT_EQ(parse_query(q).error().code, ErrorCode::kInvalidArgument);
}

TEST(QueryParser, FilterParameterTakesOnlyFields) {
  SearchQuery q;
  ASSERT_TRUE(add_filters("country:LT,year:2021, programme:\"Active Citizens Fund\"", q));
  EXPECT_EQ(q.filters.countries, W({"LT"}));
  EXPECT_EQ(q.filters.programmes, W({"Active Citizens Fund"}));
  SearchQuery r;
  auto s = add_filters("oslo", r);
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().field, "filter");
}

}  // namespace
}  // namespace tiltas::search
