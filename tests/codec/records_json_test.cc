#include "codec/records_json.h"

#include <gtest/gtest.h>

namespace tiltas::codec {
namespace {

struct BadInput {
  const char* why;
  const char* json;
  const char* message_part;  // must appear in the error message
  const char* field;         // expected Error::field ("" = none)
};

TEST(ParseRecords, TableOfBadInputs) {
  const BadInput cases[] = {
      {"truncated document: file, line and column are named", "{\"language\": \"en\",\n \"records\": [",
       "page.json:2:", ""},
      {"a stray comma on line 3", "{\n \"language\": \"en\",\n \"records\": [,]\n}", "page.json:3:", ""},
      {"not an object at top level", "[1, 2]", "expected a JSON object", ""},
      {"records missing", "{\"language\": \"en\"}", "\"records\" must be an array", "records"},
      {"language not ISO 639-1", "{\"language\": \"english\", \"records\": []}", "language 'english'", "language"},
      {"invalid period date names record and field",
       R"({"language":"en","records":[{"title":"A","period":{"start":"2021-02-30","end":null}}]})",
       "record 0 (\"A\")", "records[0].period.start"},
      {"month precision out of range",
       R"({"language":"en","records":[{"title":"A"},{"title":"B","period":{"start":"2021-13"}}]})", "month 13",
       "records[1].period.start"},
      {"unknown currency", R"({"language":"en","records":[{"amounts":[{"value":1,"currency":"EURO","kind":"budget"}]}]})",
       "'EURO' is not an ISO 4217", "records[0].amounts[0].currency"},
      {"unknown role", R"({"language":"en","records":[{"organisations":[{"name":"X","role":"sponsor"}]}]})",
       "'sponsor' is not one of promoter, partner, funder, other", "records[0].organisations[0].role"},
      {"country written as a name",
       R"({"language":"en","records":[{"organisations":[{"name":"X","country":"Norway","role":"partner"}]}]})",
       "'Norway' is not an ISO 3166-1", "records[0].organisations[0].country"},
      {"amount value as a string", R"({"language":"en","records":[{"amounts":[{"value":"12","currency":"EUR"}]}]})",
       "must be a number", "records[0].amounts[0].value"},
      {"negative amount", R"({"language":"en","records":[{"amounts":[{"value":-5,"currency":"EUR"}]}]})",
       "is negative", "records[0].amounts[0].value"},
      {"indicator without value", R"({"language":"en","records":[{"indicators":[{"unit":"persons"}]}]})",
       "value is required", "records[0].indicators[0].value"},
      {"unknown indicator status",
       R"({"language":"en","records":[{"indicators":[{"value":3,"unit":"x","status":"done"}]}]})", "'done'",
       "records[0].indicators[0].status"},
      {"organisation without a name", R"({"language":"en","records":[{"organisations":[{"role":"partner"}]}]})",
       "name is required", "records[0].organisations[0].name"},
      {"period end before start",
       R"({"language":"en","records":[{"period":{"start":"2022","end":"2021-05"}}]})", "is after end",
       "records[0].period"},
      {"span with end before start", R"({"language":"en","records":[{"places":[{"name":"Oslo","span":[9,2]}]}]})",
       "end before start", "records[0].places[0].span"},
      {"a list that is not a list", R"({"language":"en","records":[{"places":{"name":"Oslo"}}]})",
       "must be an array", "records[0].places"},
  };
  for (const auto& c : cases) {
    auto r = parse_records(c.json, "page.json");
    ASSERT_FALSE(r) << c.why;
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument) << c.why;
    EXPECT_NE(r.error().message.find(c.message_part), std::string::npos)
        << c.why << "\n  message: " << r.error().message;
    EXPECT_EQ(r.error().field, c.field) << c.why << "\n  message: " << r.error().message;
    EXPECT_NE(r.error().message.find("page.json"), std::string::npos) << c.why << ": the file is named";
  }
}

TEST(ParseRecords, MalformedJsonPointsAtLineAndColumn) {
  auto r = parse_records("{\n  \"language\": \"en\",\n  \"records\": [}\n", "x.json");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message.substr(0, 11), "x.json:3:15") << r.error().message;
}

TEST(ParseRecords, UnknownFieldsAreWarningsNotErrors) {
  auto r = parse_records(R"({"language":"en","colour":"red","records":[{"title":"A","mood":"happy",
      "organisations":[{"name":"X","role":"partner","shoe":1}]}]})",
                         "w.json");
  ASSERT_TRUE(r) << r.error().message;
  ASSERT_EQ(r->warnings.size(), 3u);
  std::string all;
  for (const auto& w : r->warnings) all += w + "\n";
  EXPECT_NE(all.find("w.json: records[0]: unknown field 'mood'"), std::string::npos) << all;
  EXPECT_NE(all.find("w.json: records[0].organisations[0]: unknown field 'shoe'"), std::string::npos) << all;
  EXPECT_NE(all.find("w.json: file: unknown field 'colour'"), std::string::npos) << all;
}

TEST(ParseRecords, ReadsEveryGuidelinesField) {
  auto r = parse_records(R"({"language":"lt","records":[{
    "title":"Dvyniai miestai","programme":"Fund for Bilateral Relations",
    "period":{"start":"2021-06","end":"2022"},
    "amounts":[{"value":148680.5,"currency":"EUR","kind":"budget"}],
    "organisations":[{"name":"Oslo miesto savivaldybė","country":"NO","role":"partner"}],
    "activities":[{"code":"1.1","title":"Vizitas"}],
    "events":[{"title":"Konferencija","place":"Kaunas","country":"LT","start":"2021-04-13","end":null}],
    "indicators":[{"value":313,"unit":"apmokyti asmenys","status":"achieved"}],
    "places":[{"name":"Kaunas","country":"LT"}],
    "translations":{"en":{"title":"Twin cities"}}}]})",
                         "lt.json");
  ASSERT_TRUE(r) << r.error().message;
  ASSERT_EQ(r->records.size(), 1u);
  const auto& p = r->records[0];
  EXPECT_EQ(p.title(), "Dvyniai miestai");
  EXPECT_EQ(p.titles.get("en"), "Twin cities");
  EXPECT_EQ(p.period.start->to_iso(), "2021-06");
  EXPECT_EQ(p.amounts[0].minor_units, 14868050);
  EXPECT_EQ(p.participations[0].role, model::Role::kPartner);
  EXPECT_EQ(p.events[0].start->to_iso(), "2021-04-13");
  EXPECT_FALSE(p.events[0].end);
  EXPECT_EQ(p.indicators[0].status, model::IndicatorStatus::kAchieved);
}

TEST(WriteRecords, RoundTripsThroughParse) {
  const char* in = R"({"language":"en","records":[{"title":"A","programme":null,"period":{"start":"2021","end":null},
    "amounts":[{"value":0.1,"currency":"NOK","kind":"other","span":[3,9]}],"organisations":[],"activities":[],
    "events":[],"indicators":[{"value":2.5,"unit":"tonnes","status":"planned"}],"places":[],"notes":"n",
    "spans":{"title":[0,1]},"findings":[{"field":"period","severity":"warning","message":"m","span":[1,2]}]}]})";
  auto first = parse_records(in, "a.json");
  ASSERT_TRUE(first) << first.error().message;
  auto text = write_records(*first);
  auto second = parse_records(text, "b.json");
  ASSERT_TRUE(second) << second.error().message << "\n" << text;
  EXPECT_EQ(second->records, first->records);
  EXPECT_EQ(second->language, "en");
}

}  // namespace
}  // namespace tiltas::codec
