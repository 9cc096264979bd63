// Reading IATI activity XML: our own exports back to the same records (the
// round trip), other publishers' files with findings and never a crash, and
// hostile XML (external entities, entity expansion) made harmless.
#include <algorithm>
#include <chrono>
#include <functional>
#include <sstream>

#include <gtest/gtest.h>

#include "../export/demo_records.h"
#include "export/iati_writer.h"
#include "ingest/iati_reader.h"

namespace tiltas {
namespace {

using model::Project;

std::string iati_of(const std::vector<exporter::ExportRecord>& records) {
  std::ostringstream out;
  auto writer = exporter::make_iati_writer(out, testing::fixed_options());
  for (const auto& r : records) EXPECT_TRUE(writer->write(r).has_value());
  EXPECT_TRUE(writer->finish().has_value());
  return out.str();
}

bool has_finding(const Project& p, const std::string& field, const std::string& words) {
  for (const auto& f : p.findings) {
    if (f.field == field && f.message.find(words) != std::string::npos) return true;
  }
  return false;
}

TEST(IatiReader, ExportImportExportIsIdentical) {
  auto records = testing::demo_records();
  std::string first = iati_of(records);
  auto file = ingest::read_iati(first, "demo.xml");
  ASSERT_TRUE(file.has_value()) << file.error().describe();
  EXPECT_TRUE(file->warnings.empty());
  EXPECT_EQ(file->version, "2.03");
  ASSERT_EQ(file->records.size(), records.size());
  std::vector<exporter::ExportRecord> again;
  for (std::size_t i = 0; i < file->records.size(); ++i) {
    exporter::ExportRecord r;
    r.project = file->records[i];
    // What a fresh registry would assign on import.
    r.project.id = records[i].project.id;
    r.project.updated_at = records[i].project.updated_at;
    again.push_back(std::move(r));
  }
  std::string second = iati_of(again);
  auto diff = std::mismatch(first.begin(), first.end(), second.begin(), second.end());
  std::size_t at = static_cast<std::size_t>(diff.first - first.begin());
  EXPECT_TRUE(first == second) << "first difference at byte " << at << ":\n"
                               << first.substr(at > 300 ? at - 300 : 0, 600) << "\n---\n"
                               << second.substr(at > 300 ? at - 300 : 0, 600);
  // Beyond the XML: the facts themselves came back.
  for (std::size_t i = 0; i < records.size(); ++i) {
    const auto& a = records[i].project;
    const auto& b = file->records[i];
    SCOPED_TRACE(*a.title());
    EXPECT_EQ(a.titles, b.titles);
    EXPECT_EQ(a.descriptions, b.descriptions);
    EXPECT_EQ(a.period, b.period);
    EXPECT_EQ(a.status, b.status);
    EXPECT_EQ(a.kind, b.kind);
    EXPECT_EQ(a.programme, b.programme);
    EXPECT_EQ(a.indicators.size(), b.indicators.size());
    EXPECT_EQ(a.participations.size(), b.participations.size());
    EXPECT_EQ(a.events.size(), b.events.size());
    EXPECT_EQ(a.activities, b.activities);
  }
}

std::string activity_file(const std::string& version, const std::string& body, const std::string& attrs = "") {
  return "<?xml version=\"1.0\"?>\n<iati-activities version=\"" + version + "\">\n<iati-activity" + attrs + ">\n" +
         body + "\n</iati-activity>\n</iati-activities>\n";
}

// Other publishers' files: what comes in, and what the reviewer is told.
TEST(IatiReader, OtherPublishersFiles) {
  struct Case {
    const char* reason;
    std::string xml;
    std::function<void(const ingest::IatiFile&)> check;
  };
  const Case cases[] = {
      {"several narratives: one title per language, the activity's language as default; a second narrative in "
       "the same language is reported, not merged",
       activity_file("2.03",
                     "<iati-identifier>GB-1-123</iati-identifier>"
                     "<title><narrative>Water for all</narrative><narrative xml:lang=\"fr\">De l'eau pour tous</narrative>"
                     "<narrative xml:lang=\"EN-gb\">Water for everyone</narrative></title>",
                     " xml:lang=\"en\""),
       [](const ingest::IatiFile& f) {
         const auto& p = f.records.at(0);
         EXPECT_EQ(p.default_language, "en");
         EXPECT_EQ(p.titles.get("en"), "Water for all");
         EXPECT_EQ(p.titles.get("fr"), "De l'eau pour tous");
         EXPECT_TRUE(has_finding(p, "title", "second 'en' narrative"));
         EXPECT_TRUE(has_finding(p, "iati-identifier", "GB-1-123"));
       }},
      {"only the bare minimum: no dates, organisations, money or results, and no crash",
       activity_file("2.03", "<iati-identifier>XM-1</iati-identifier><title><narrative>Bare</narrative></title>",
                     " xml:lang=\"en\""),
       [](const ingest::IatiFile& f) {
         const auto& p = f.records.at(0);
         EXPECT_TRUE(p.period.empty());
         EXPECT_TRUE(p.participations.empty());
         EXPECT_TRUE(p.amounts.empty());
         EXPECT_EQ(p.status, model::ProjectStatus::kUnknown);
       }},
      {"no title and no language: a warning each, still a record",
       activity_file("2.03", "<iati-identifier>XM-2</iati-identifier>"),
       [](const ingest::IatiFile& f) {
         const auto& p = f.records.at(0);
         EXPECT_TRUE(has_finding(p, "title", "no title"));
         EXPECT_TRUE(has_finding(p, "language", "no language"));
       }},
      {"version 2.01 reads like 2.03, with the planned dates when nothing actual is stated",
       activity_file("2.01",
                     "<title><narrative>Old</narrative></title><activity-status code=\"3\"/>"
                     "<activity-date type=\"1\" iso-date=\"2015-03-01\"/><activity-date type=\"3\" iso-date=\"2016-02-29\"/>",
                     " xml:lang=\"en\""),
       [](const ingest::IatiFile& f) {
         EXPECT_TRUE(f.warnings.empty());
         const auto& p = f.records.at(0);
         EXPECT_EQ(p.period.start->to_iso(), "2015-03-01");
         EXPECT_EQ(p.period.end->to_iso(), "2016-02-29");
         EXPECT_EQ(p.status, model::ProjectStatus::kCompleted);
       }},
      {"version 1.05: text in the element, date types and roles by name",
       activity_file("1.05",
                     "<title>Rural roads</title><activity-date type=\"start-actual\" iso-date=\"2010-05-01\"/>"
                     "<participating-org role=\"Funding\" ref=\"XM-DAC-7\">Ministry of Roads</participating-org>",
                     " xml:lang=\"en\""),
       [](const ingest::IatiFile& f) {
         ASSERT_EQ(f.warnings.size(), 1u);
         EXPECT_NE(f.warnings[0].find("version 1.05"), std::string::npos);
         const auto& p = f.records.at(0);
         EXPECT_EQ(p.titles.get("en"), "Rural roads");
         EXPECT_EQ(p.period.start->to_iso(), "2010-05-01");
         ASSERT_EQ(p.participations.size(), 1u);
         EXPECT_EQ(p.participations[0].name, "Ministry of Roads");
         EXPECT_EQ(p.participations[0].role, model::Role::kFunder);
       }},
      {"actual dates win over planned ones; an end before the start is dropped with a warning",
       activity_file("2.03",
                     "<title><narrative>D</narrative></title>"
                     "<activity-date type=\"1\" iso-date=\"2020-01-01\"/><activity-date type=\"2\" iso-date=\"2020-02-01\"/>"
                     "<activity-date type=\"4\" iso-date=\"2019-12-31T00:00:00\"/>",
                     " xml:lang=\"en\""),
       [](const ingest::IatiFile& f) {
         const auto& p = f.records.at(0);
         EXPECT_EQ(p.period.start->to_iso(), "2020-02-01");
         EXPECT_FALSE(p.period.end.has_value());
         EXPECT_TRUE(has_finding(p, "period.end", "before start"));
       }},
      {"money: budgets and commitments come in, disbursements are counted out, bad values are findings",
       activity_file("2.03",
                     "<title><narrative>M</narrative></title>"
                     "<budget><period-start iso-date=\"2020-01-01\"/><period-end iso-date=\"2020-12-31\"/>"
                     "<value value-date=\"2020-01-01\">1000.5</value></budget>"
                     "<budget><period-start iso-date=\"2021-01-01\"/><period-end iso-date=\"2021-12-31\"/>"
                     "<value value-date=\"2021-01-01\">a lot</value></budget>"
                     "<transaction><transaction-type code=\"2\"/><transaction-date iso-date=\"2020-01-01\"/>"
                     "<value currency=\"NOK\" value-date=\"2020-01-01\">250000</value></transaction>"
                     "<transaction><transaction-type code=\"3\"/><transaction-date iso-date=\"2020-06-01\"/>"
                     "<value value-date=\"2020-06-01\">100</value></transaction>",
                     " xml:lang=\"en\" default-currency=\"EUR\""),
       [](const ingest::IatiFile& f) {
         const auto& p = f.records.at(0);
         ASSERT_EQ(p.amounts.size(), 2u);
         EXPECT_EQ(p.amounts[0].minor_units, 100050);
         EXPECT_EQ(p.amounts[0].currency, "EUR") << "from default-currency";
         EXPECT_EQ(p.amounts[0].kind, model::AmountKind::kBudget);
         EXPECT_EQ(p.amounts[1].currency, "NOK");
         EXPECT_EQ(p.amounts[1].kind, model::AmountKind::kGranted);
         EXPECT_TRUE(has_finding(p, "amounts", "'a lot' is not a number"));
         EXPECT_TRUE(has_finding(p, "amounts", "1 transaction(s) other than commitments"));
       }},
      {"results: targets are planned, actuals achieved, qualitative indicators left out",
       activity_file("2.03",
                     "<title><narrative>R</narrative></title><result type=\"1\"><title><narrative>Out</narrative></title>"
                     "<indicator measure=\"1\"><title><narrative>wells</narrative></title><period>"
                     "<period-start iso-date=\"2020-01-01\"/><period-end iso-date=\"2020-12-31\"/>"
                     "<target value=\"10\"/><actual value=\"8\"/></period></indicator>"
                     "<indicator measure=\"5\"><title><narrative>satisfaction</narrative></title></indicator></result>",
                     " xml:lang=\"en\""),
       [](const ingest::IatiFile& f) {
         const auto& p = f.records.at(0);
         ASSERT_EQ(p.indicators.size(), 2u);
         EXPECT_EQ(p.indicators[0].status, model::IndicatorStatus::kPlanned);
         EXPECT_EQ(p.indicators[1].value, 8);
         EXPECT_EQ(p.indicators[1].status, model::IndicatorStatus::kAchieved);
         EXPECT_TRUE(has_finding(p, "indicators", "qualitative indicator 'satisfaction'"));
       }},
      {"a lone iati-activity root is one record", "<iati-activity xml:lang=\"nb\"><title><narrative>Vann</narrative></title></iati-activity>",
       [](const ingest::IatiFile& f) {
         ASSERT_EQ(f.records.size(), 1u);
         EXPECT_EQ(f.records[0].titles.get("nb"), "Vann");
         EXPECT_EQ(f.language, "nb");
       }},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.reason);
    auto file = ingest::read_iati(c.xml, "other.xml");
    ASSERT_TRUE(file.has_value()) << file.error().describe();
    c.check(*file);
  }
}

TEST(IatiReader, BadInputIsAnErrorNamingThePlace) {
  struct Case {
    const char* reason;
    std::string xml;
    std::string message;
  };
  const Case cases[] = {
      {"malformed XML names line and column", "<iati-activities>\n<iati-activity>\n<title></iati-activity>",
       "bad.xml:3:"},
      {"a different XML vocabulary is not an IATI file", "<rss><channel/></rss>", "not an IATI activity file (root element <rss>)"},
      {"no root element at all", "", "bad.xml:"},
  };
  for (const auto& c : cases) {
    auto r = ingest::read_iati(c.xml, "bad.xml");
    ASSERT_FALSE(r.has_value()) << c.reason;
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument) << c.reason;
    EXPECT_NE(r.error().message.find(c.message), std::string::npos) << c.reason << ": " << r.error().message;
  }
}

// XXE and entity expansion: declarations are never applied, nothing is read
// from disk or network, and the input's size bounds the work.
TEST(IatiReader, EntitiesAreNeverExpanded) {
  std::string laughs = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n";
  laughs += "<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n";
  for (int i = 2; i <= 9; ++i) {
    laughs += "<!ENTITY lol" + std::to_string(i) + " \"";
    for (int j = 0; j < 10; ++j) laughs += "&lol" + std::to_string(i - 1) + ";";
    laughs += "\">\n";
  }
  laughs += "]>\n<iati-activities version=\"2.03\"><iati-activity xml:lang=\"en\"><title><narrative>&lol9;</narrative>"
            "</title></iati-activity></iati-activities>\n";
  struct Case {
    const char* reason;
    std::string xml;
    std::string forbidden;  // must not appear in the title
  };
  const Case cases[] = {
      {"billion laughs: &lol9; would be 10^9 'lol's", laughs, "lollol"},
      {"external entity (XXE) to a local file",
       "<?xml version=\"1.0\"?>\n<!DOCTYPE x [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n"
       "<iati-activities version=\"2.03\"><iati-activity xml:lang=\"en\"><title><narrative>&xxe;</narrative></title>"
       "</iati-activity></iati-activities>",
       "root:"},
      {"external DTD by URL is never fetched",
       "<?xml version=\"1.0\"?>\n<!DOCTYPE x SYSTEM \"http://127.0.0.1:9/evil.dtd\">\n"
       "<iati-activities version=\"2.03\"><iati-activity xml:lang=\"en\"><title><narrative>safe</narrative></title>"
       "</iati-activity></iati-activities>",
       "evil"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.reason);
    auto start = std::chrono::steady_clock::now();
    auto file = ingest::read_iati(c.xml, "hostile.xml");
    auto elapsed = std::chrono::steady_clock::now() - start;
    EXPECT_LT(elapsed, std::chrono::seconds(1));
    ASSERT_TRUE(file.has_value()) << file.error().describe();
    ASSERT_EQ(file->records.size(), 1u);
    std::string title = file->records[0].titles.best("en");
    EXPECT_EQ(title.find(c.forbidden), std::string::npos) << title.substr(0, 200);
    EXPECT_LT(title.size(), 100u);
    ASSERT_FALSE(file->warnings.empty());
    EXPECT_NE(file->warnings[0].find("DOCTYPE ignored"), std::string::npos);
  }
}

}  // namespace
}  // namespace tiltas
