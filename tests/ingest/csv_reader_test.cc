// Reading the CSV layout the export writes: RFC 4180 parsing, the
// spreadsheet round trip, and blank cells that keep stored values.
#include <sstream>

#include <gtest/gtest.h>

#include "../export/demo_records.h"
#include "export/csv_writer.h"
#include "ingest/csv_reader.h"

namespace tiltas {
namespace {

using Rows = std::vector<std::vector<std::string>>;

TEST(CsvParse, Rfc4180Cases) {
  struct Case {
    const char* reason;
    std::string text;
    Rows rows;  // header first
  };
  const Case cases[] = {
      {"plain CRLF lines", "a,b\r\n1,2\r\n", {{"a", "b"}, {"1", "2"}}},
      {"LF lines and no final line end, as editors save them", "a,b\n1,2", {{"a", "b"}, {"1", "2"}}},
      {"a byte order mark is not part of the first column", "\xEF\xBB\xBF" "a,b\r\n1,2\r\n", {{"a", "b"}, {"1", "2"}}},
      {"quoted comma, doubled quote, line break inside quotes",
       "a,b\r\n\"x,y\",\"say \"\"hi\"\"\"\r\n\"two\r\nlines\",z\r\n",
       {{"a", "b"}, {"x,y", "say \"hi\""}, {"two\r\nlines", "z"}}},
      {"empty cells stay empty", "a,b,c\r\n,,\r\n", {{"a", "b", "c"}, {"", "", ""}}},
      {"blank lines are skipped", "a\r\n\r\n1\r\n\r\n", {{"a"}, {"1"}}},
      {"UTF-8 passes through", "name\r\nŠiaulių kartų centras\r\n", {{"name"}, {"Šiaulių kartų centras"}}},
  };
  for (const auto& c : cases) {
    auto t = ingest::parse_csv(c.text, "t.csv");
    ASSERT_TRUE(t.has_value()) << c.reason << ": " << t.error().describe();
    Rows got{t->header};
    got.insert(got.end(), t->rows.begin(), t->rows.end());
    EXPECT_EQ(got, c.rows) << c.reason;
  }
}

TEST(CsvParse, MalformedInputNamesTheLine) {
  struct Case {
    const char* reason;
    std::string text;
    std::string message;
  };
  const Case cases[] = {
      {"a quote that never closes", "a\r\n1\r\n\"open\r\n", "t.csv:3: a quoted field is never closed"},
      {"a quote in the middle of a bare field", "a\r\nab\"c\r\n", "t.csv:2: a quote inside an unquoted field"},
      {"text after the closing quote", "a\r\n\"ab\"c\r\n", "t.csv:2: text after a closing quote"},
  };
  for (const auto& c : cases) {
    auto t = ingest::parse_csv(c.text, "t.csv");
    ASSERT_FALSE(t.has_value()) << c.reason;
    EXPECT_EQ(t.error().message, c.message) << c.reason;
  }
}

// Export -> read -> the same facts, for every demo record.
TEST(CsvReader, SpreadsheetRoundTripKeepsTheTabularFacts) {
  auto records = testing::demo_records();
  std::ostringstream projects, participations, indicators;
  auto options = testing::fixed_options();
  options.bom = true;  // as spreadsheet users export it
  auto writer = exporter::make_csv_writer({&projects, &participations, &indicators, nullptr}, options);
  for (const auto& r : records) ASSERT_TRUE(writer->write(r).has_value());
  ASSERT_TRUE(writer->finish().has_value());

  auto table = ingest::read_projects_csv(projects.str(), "x.csv");
  ASSERT_TRUE(table.has_value()) << table.error().describe();
  ASSERT_TRUE(ingest::read_participations_csv(participations.str(), "x-participations.csv", *table).has_value());
  ASSERT_TRUE(ingest::read_indicators_csv(indicators.str(), "x-indicators.csv", *table).has_value());
  EXPECT_TRUE(table->warnings.empty());
  ASSERT_EQ(table->rows.size(), records.size());
  for (std::size_t i = 0; i < records.size(); ++i) {
    const auto& want = records[i].project;
    SCOPED_TRACE(*want.title());
    auto got = ingest::apply_patch(table->rows[i], model::Project{});
    EXPECT_EQ(table->rows[i].id, want.id);
    EXPECT_EQ(got.kind, want.kind);
    EXPECT_EQ(got.default_language, want.default_language);
    EXPECT_EQ(got.titles.get(want.default_language), want.titles.get(want.default_language));
    EXPECT_EQ(got.descriptions.get(want.default_language), want.descriptions.get(want.default_language));
    EXPECT_EQ(got.programme, want.programme);
    EXPECT_EQ(got.status, want.status);
    EXPECT_EQ(got.period, want.period);
    ASSERT_EQ(got.participations.size(), want.participations.size());
    for (std::size_t j = 0; j < want.participations.size(); ++j) {
      EXPECT_EQ(got.participations[j].name, want.participations[j].name);
      EXPECT_EQ(got.participations[j].country, want.participations[j].country);
      EXPECT_EQ(got.participations[j].role, want.participations[j].role);
    }
    ASSERT_EQ(got.indicators.size(), want.indicators.size());
    for (std::size_t j = 0; j < want.indicators.size(); ++j) {
      EXPECT_EQ(got.indicators[j].value, want.indicators[j].value);
      EXPECT_EQ(got.indicators[j].unit, want.indicators[j].unit);
      EXPECT_EQ(got.indicators[j].status, want.indicators[j].status);
    }
    for (auto kind : {model::AmountKind::kBudget, model::AmountKind::kGranted}) {
      auto first = [&](const model::Project& p) -> std::optional<model::Amount> {
        for (const auto& a : p.amounts) {
          if (a.kind == kind) return model::Amount{a.minor_units, a.currency, a.kind};
        }
        return std::nullopt;
      };
      EXPECT_EQ(first(got), first(want));
    }
  }
}

TEST(CsvReader, BlankCellsKeepStoredValues) {
  model::Project stored;
  stored.default_language = "en";
  stored.titles.set("en", "Stored title");
  stored.descriptions.set("en", "Stored description");
  stored.programme = "Active Citizens Fund";
  stored.period.start = *PartialDate::parse_iso("2021-03");
  stored.amounts.push_back({500000, "EUR", model::AmountKind::kGranted});
  stored.participations.push_back({"Stored promoter", std::string("LT"), model::Role::kPromoter});
  struct Case {
    const char* reason;
    std::string row;  // under the header below
    std::function<void(const model::Project&)> check;
  };
  const std::string header = "id,title,description,programme,period_start,granted,currency\r\n";
  const Case cases[] = {
      {"an all-blank row changes nothing", "5,,,,,,\r\n", [&](const model::Project& p) { EXPECT_EQ(p, stored); }},
      {"a filled cell replaces only its own value", "5,New title,,,,,\r\n",
       [&](const model::Project& p) {
         EXPECT_EQ(p.titles.get("en"), "New title");
         EXPECT_EQ(p.descriptions.get("en"), "Stored description");
         EXPECT_EQ(p.programme, "Active Citizens Fund");
       }},
      {"whitespace-only cells count as blank", "5,  ,\" \",,,,\r\n",
       [&](const model::Project& p) { EXPECT_EQ(p.titles.get("en"), "Stored title"); }},
      {"a new granted figure replaces the stored one and keeps its currency", "5,,,,,6000.50,\r\n",
       [&](const model::Project& p) {
         ASSERT_EQ(p.amounts.size(), 1u);
         EXPECT_EQ(p.amounts[0].minor_units, 600050);
         EXPECT_EQ(p.amounts[0].currency, "EUR");
       }},
      {"a neutralised formula reads back as the text it was", "5,'=not a formula,,,,,\r\n",
       [&](const model::Project& p) { EXPECT_EQ(p.titles.get("en"), "=not a formula"); }},
      {"no participation rows: the stored ones stay", "5,,,,2022-01,,\r\n",
       [&](const model::Project& p) {
         EXPECT_EQ(p.participations, stored.participations);
         EXPECT_EQ(p.period.start->to_iso(), "2022-01");
       }},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.reason);
    auto table = ingest::read_projects_csv(header + c.row, "edit.csv");
    ASSERT_TRUE(table.has_value()) << table.error().describe();
    ASSERT_EQ(table->rows.size(), 1u);
    c.check(ingest::apply_patch(table->rows[0], stored));
  }
}

TEST(CsvReader, BadCellsAreErrorsNamingLineAndColumn) {
  struct Case {
    const char* reason;
    std::string text;
    std::string message;
  };
  const Case cases[] = {
      {"an impossible date", "id,period_start\r\n1,2021-02-30\r\n", "x.csv:2: column 'period_start':"},
      {"a word where a number belongs", "id,granted\r\n1,lots\r\n", "x.csv:2: column 'granted': 'lots' is not a number"},
      {"an unknown kind", "id,kind\r\n1,programme\r\n", "x.csv:2: column 'kind': 'programme' is not a kind"},
      {"a table of something else", "foo,bar\r\n1,2\r\n", "x.csv: not a projects table"},
  };
  for (const auto& c : cases) {
    auto r = ingest::read_projects_csv(c.text, "x.csv");
    ASSERT_FALSE(r.has_value()) << c.reason;
    EXPECT_NE(r.error().message.find(c.message), std::string::npos) << c.reason << ": " << r.error().message;
  }
  auto warned = ingest::read_projects_csv("id,title,colour\r\n1,T,blue\r\n", "x.csv");
  ASSERT_TRUE(warned.has_value());
  ASSERT_EQ(warned->warnings.size(), 1u);
  EXPECT_EQ(warned->warnings[0], "x.csv: unknown column 'colour' ignored");
}

}  // namespace
}  // namespace tiltas
