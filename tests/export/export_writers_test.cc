// The open-data writers over model objects, checked against the official
// schemas: IATI 2.03 with xmllint and its codelists, 360Giving with a JSON
// Schema validator, XLSX by LibreOffice reading it back. The schemas live in
// ../shared/standards (TILTAS_SHARED_DIR); tests that need one skip with a
// message when it or the tool is absent.
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "demo_records.h"
#include "export/csv_writer.h"
#include "export/giving360_writer.h"
#include "export/iati_writer.h"
#include "export/jsonl_writer.h"
#include "export/tables.h"
#include "export/xlsx_writer.h"
#include "ingest/csv_reader.h"
#include "support/process.h"
#include "support/temp_dir.h"

namespace tiltas {
namespace {

using exporter::ExportRecord;
using testing::read_file;
using testing::run_command;
using testing::shell_quote;

const std::string kStandards = std::string(TILTAS_SHARED_DIR) + "/standards";
const std::string kIatiXsd = kStandards + "/iati-2.03/iati-activities-schema.xsd";

bool have(const std::string& tool) { return run_command("command -v " + tool + " >/dev/null").exit_code == 0; }

std::string iati_of(const std::vector<ExportRecord>& records, exporter::ExportOptions options = testing::fixed_options()) {
  std::ostringstream out;
  auto writer = exporter::make_iati_writer(out, options);
  for (const auto& r : records) EXPECT_TRUE(writer->write(r).has_value());
  EXPECT_TRUE(writer->finish().has_value());
  return out.str();
}

// "" when valid, else xmllint's complaint.
std::string xsd_problems(const std::string& xml) {
  testing::TempDir dir;
  std::ofstream(dir.file("a.xml"), std::ios::binary) << xml;
  auto r = run_command("xmllint --noout --nonet --schema " + shell_quote(kIatiXsd) + " " + shell_quote(dir.file("a.xml")));
  return r.exit_code == 0 ? "" : r.output;
}

#define REQUIRE_XMLLINT()                                                          \
  if (!std::filesystem::exists(kIatiXsd)) {                                          \
    GTEST_SKIP() << kIatiXsd << " is absent: IATI schema not checked";               \
  }                                                                                  \
  if (!have("xmllint")) {                                                            \
    GTEST_SKIP() << "xmllint (Debian libxml2-utils) is not installed";               \
  }                                                                                  \
  static_assert(true)

model::Project base_project() {
  model::Project p;
  p.id = 7;
  p.default_language = "en";
  p.titles.set("en", "Harbour towns together");
  p.updated_at = "2024-04-30T08:00:00Z";
  p.participations.push_back({"Klaipėda Harbour Club", std::string("LT"), model::Role::kPromoter});
  return p;
}

ExportRecord record_of(model::Project p) { return ExportRecord{std::move(p), {}}; }

TEST(IatiWriter, DemoDataValidatesAgainstTheIati203Schema) {
  REQUIRE_XMLLINT();
  auto xml = iati_of(testing::demo_records());
  EXPECT_EQ(xsd_problems(xml), "");
  EXPECT_NE(xml.find("<iati-activities version=\"2.03\" generated-datetime=\"2024-05-01T12:00:00Z\""), std::string::npos);
}

// Every coded attribute the writer emits, against the codelist it belongs to.
TEST(IatiWriter, DemoDataCodesAreInTheirCodelists) {
  REQUIRE_XMLLINT();
  testing::TempDir dir;
  std::ofstream(dir.file("a.xml"), std::ios::binary) << iati_of(testing::demo_records());
  struct Case {
    const char* xpath;
    const char* codelist;
  };
  const Case cases[] = {
      {"//participating-org/@role", "OrganisationRole"}, {"//activity-date/@type", "ActivityDateType"},
      {"//activity-status/@code", "ActivityStatus"},      {"//budget/@type", "BudgetType"},
      {"//budget/@status", "BudgetStatus"},               {"//transaction-type/@code", "TransactionType"},
  };
  for (const auto& c : cases) {
    auto listed = run_command("xmllint --xpath '//codelist-item/code' " +
                              shell_quote(kStandards + "/iati-2.03/codelists/" + c.codelist + ".xml"));
    std::set<std::string> codes;
    std::regex code_re("<code>([^<]*)</code>");
    for (std::sregex_iterator it(listed.output.begin(), listed.output.end(), code_re), end; it != end; ++it) {
      codes.insert((*it)[1]);
    }
    ASSERT_FALSE(codes.empty()) << c.codelist;
    auto used = run_command("xmllint --xpath " + shell_quote(c.xpath) + " " + shell_quote(dir.file("a.xml")));
    std::regex attr_re("=\"([^\"]*)\"");
    int seen = 0;
    for (std::sregex_iterator it(used.output.begin(), used.output.end(), attr_re), end; it != end; ++it, ++seen) {
      EXPECT_TRUE(codes.count((*it)[1])) << c.xpath << " = " << (*it)[1] << " is not in " << c.codelist;
    }
    EXPECT_GT(seen, 0) << c.xpath << ": the demo data should exercise it";
  }
}

// How single facts map to IATI. Every output is also schema-validated.
TEST(IatiWriter, MappingCases) {
  struct Case {
    const char* reason;
    std::function<void(model::Project&)> edit;
    std::vector<std::string> expected;  // substrings of the activity
    std::vector<std::string> absent = {};
  };
  auto date = [](const char* iso) { return *PartialDate::parse_iso(iso); };
  const Case cases[] = {
      {"a month-precision start becomes its first day, and the narrative keeps the precision",
       [&](auto& p) { p.period.start = date("2021-06"); p.status = model::ProjectStatus::kCompleted; },
       {"<activity-date type=\"2\" iso-date=\"2021-06-01\" tiltas:date=\"2021-06\">",
        "Stated as 2021-06 (month precision); 2021-06-01 is its first day"}},
      {"a year-precision end becomes its last day",
       [&](auto& p) { p.period.end = date("2021"); p.status = model::ProjectStatus::kCompleted; },
       {"<activity-date type=\"4\" iso-date=\"2021-12-31\" tiltas:date=\"2021\">"}},
      {"a day-precision date needs no narrative",
       [&](auto& p) { p.period.start = date("2021-06-15"); p.status = model::ProjectStatus::kCompleted; },
       {"<activity-date type=\"2\" iso-date=\"2021-06-15\" />"}, {"Stated as"}},
      {"planned projects have planned dates (1, 3) and status 1 Pipeline",
       [&](auto& p) { p.period = {date("2025-01"), date("2026-06")}; p.status = model::ProjectStatus::kPlanned; },
       {"<activity-status code=\"1\" />", "type=\"1\" iso-date=\"2025-01-01\"", "type=\"3\" iso-date=\"2026-06-30\""}},
      {"ongoing projects started (2) but have not ended (3)",
       [&](auto& p) { p.period = {date("2023-01-01"), date("2025-12-31")}; p.status = model::ProjectStatus::kOngoing; },
       {"<activity-status code=\"2\" />", "type=\"2\" iso-date=\"2023-01-01\"", "type=\"3\" iso-date=\"2025-12-31\""}},
      {"an unknown status over a past period is derived as 4 Closed and marked unknown",
       [&](auto& p) { p.period = {date("2019-02-01"), date("2019-12-31")}; },
       {"<activity-status code=\"4\" />", "tiltas:status=\"unknown\"", "type=\"4\" iso-date=\"2019-12-31\""}},
      {"no period at all: the required activity-date is the export date, marked as a stand-in",
       [&](auto&) {},
       {"<activity-date type=\"1\" iso-date=\"2024-05-01\" tiltas:placeholder=\"true\">", "No date stated"}},
      {"titles and descriptions in every language, each with xml:lang, the record's own first",
       [&](auto& p) {
         p.titles.set("lt", "Uostamiesčiai kartu");
         p.descriptions.set("en", "Harbours meet.");
         p.descriptions.set("nb", "Havner møtes.");
       },
       {"<narrative xml:lang=\"en\">Harbour towns together</narrative>\n      <narrative xml:lang=\"lt\">Uostamiesčiai kartu</narrative>",
        "<narrative xml:lang=\"nb\">Havner møtes.</narrative>"}},
      {"funders are 1 Funding; promoters and partners 4 Implementing, with the Tiltas role kept",
       [&](auto& p) {
         p.participations.push_back({"Oslo Partner AS", std::string("NO"), model::Role::kPartner});
         p.participations.push_back({"EEA Grants", std::nullopt, model::Role::kFunder});
       },
       {"role=\"4\" tiltas:role=\"promoter\" tiltas:country=\"LT\"", "role=\"4\" tiltas:role=\"partner\"",
        "role=\"1\" tiltas:role=\"funder\""}},
      {"a record that names no organisation still has the required participating-org",
       [&](auto& p) { p.participations.clear(); },
       {"<participating-org role=\"4\" tiltas:placeholder=\"true\" />"}},
      {"several recipient countries share 100 percent",
       [&](auto& p) {
         p.places = {{"Vilnius", std::string("LT")}, {"Riga", std::string("LV")}, {"Tartu", std::string("EE")}};
       },
       {"code=\"LT\" percentage=\"33.33\"", "code=\"LV\" percentage=\"33.33\"", "code=\"EE\" percentage=\"33.34\"",
        "<administrative vocabulary=\"A4\" code=\"LV\" />"}},
      {"without places the promoter's country is the recipient", [&](auto&) {},
       {"<recipient-country code=\"LT\" />"}},
      {"a budget covers the period, a grant is a commitment from funder to promoter",
       [&](auto& p) {
         p.period = {date("2021-03"), date("2022")};
         p.participations.push_back({"EEA Grants", std::nullopt, model::Role::kFunder});
         p.amounts.push_back({12345678, "EUR", model::AmountKind::kBudget});
         p.amounts.push_back({9978000, "EUR", model::AmountKind::kGranted});
       },
       {"<period-start iso-date=\"2021-03-01\" />", "<period-end iso-date=\"2022-12-31\" />",
        "<value currency=\"EUR\" value-date=\"2021-03-01\">123456.78</value>", "<transaction-type code=\"2\" />",
        "<provider-org>\n        <narrative>EEA Grants</narrative>", "<receiver-org>\n        <narrative>Klaipėda"}},
      {"planned figures are targets, achieved ones actuals; unknown ones are described in words",
       [&](auto& p) {
         p.period = {date("2021"), date("2021")};
         p.indicators = {{1200, "participants", model::IndicatorStatus::kPlanned},
                         {3.5, "exhibitions", model::IndicatorStatus::kAchieved},
                         {40, "volunteers", model::IndicatorStatus::kUnknown}};
       },
       {"<target value=\"1200\" />", "<actual value=\"3.5\" />", "40 volunteers (not stated whether planned or achieved)"}},
      {"markup in text is escaped, not interpreted",
       [&](auto& p) { p.titles.set("en", "Fish & <chips> \"now\""); },
       {"Fish &amp; &lt;chips&gt; \"now\""}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.reason);
    model::Project p = base_project();
    c.edit(p);
    auto xml = iati_of({record_of(p)});
    for (const auto& e : c.expected) EXPECT_NE(xml.find(e), std::string::npos) << e << "\n" << xml;
    for (const auto& a : c.absent) EXPECT_EQ(xml.find(a), std::string::npos) << a << "\n" << xml;
    if (std::filesystem::exists(kIatiXsd) && have("xmllint")) {
      EXPECT_EQ(xsd_problems(xml), "");
    }
  }
}

TEST(IatiWriter, PublisherRefIsConfigurable) {
  auto options = testing::fixed_options();
  options.publisher_ref = "NO-BRC-971526920";
  options.publisher_name = "Example Fund Operator";
  auto xml = iati_of({record_of(base_project())}, options);
  EXPECT_NE(xml.find("<iati-identifier>NO-BRC-971526920-7</iati-identifier>"), std::string::npos) << xml;
  EXPECT_NE(xml.find("<reporting-org ref=\"NO-BRC-971526920\" type=\"90\" secondary-reporter=\"1\">"), std::string::npos);
  EXPECT_NE(xml.find("Example Fund Operator"), std::string::npos);
}

TEST(IatiWriter, LinkedOrganisationIdentifierBecomesTheRef) {
  auto p = base_project();
  p.participations[0].organisation_id = 42;
  model::Organisation org;
  org.id = 42;
  org.display_name = "Klaipėda Harbour Club";
  org.identifiers.push_back({"LT-RC", "300012345"});
  ExportRecord r{p, {{42, org}}};
  auto xml = iati_of({r});
  EXPECT_NE(xml.find("<participating-org ref=\"LT-RC-300012345\" role=\"4\""), std::string::npos) << xml;
}

// --- 360Giving ---------------------------------------------------------

const char* kValidate360 = R"PY(
import json, re, sys
import jsonschema
from jsonschema import Draft202012Validator, FormatChecker
package = json.load(open(sys.argv[1], encoding="utf-8"))
folder = sys.argv[2]
ps = json.load(open(folder + "/360-giving-package-schema.json", encoding="utf-8"))
gs = json.load(open(folder + "/360-giving-schema.json", encoding="utf-8"))
# The package names the grant schema by URL: serve it from the local copy.
store = {ps["properties"]["grants"]["items"]["$ref"]: gs, gs.get("$id", ""): gs}
checker = FormatChecker()
# date-time needs an optional package in some jsonschema builds; the
# schema's oneOf date alternatives only work when it is checked.
@checker.checks("date-time")
def is_datetime(value):
    return not isinstance(value, str) or re.match(
        r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$", value) is not None
resolver = jsonschema.RefResolver.from_schema(ps, store=store)
validator = Draft202012Validator(ps, resolver=resolver, format_checker=checker)
errors = list(validator.iter_errors(package))
for e in errors[:20]:
    deepest = jsonschema.exceptions.best_match([e])
    for sub in sorted(e.context, key=lambda x: len(list(x.absolute_path)))[:3] or [e]:
        print(list(sub.absolute_path), sub.validator, str(sub.message)[:200])
sys.exit(1 if errors else 0)
)PY";

TEST(Giving360Writer, DemoPackageValidatesAgainstThe360GivingSchema) {
  std::string folder = kStandards + "/360giving";
  if (!std::filesystem::exists(folder + "/360-giving-package-schema.json")) {
    GTEST_SKIP() << folder << " is absent: 360Giving schema not checked";
  }
  if (run_command("python3 -W ignore -c 'import jsonschema'").exit_code != 0) {
    GTEST_SKIP() << "python3 with jsonschema (Debian python3-jsonschema) is not installed";
  }
  testing::TempDir dir;
  {
    std::ofstream out(dir.file("grants.json"), std::ios::binary);
    auto writer = exporter::make_giving360_writer(out, testing::fixed_options());
    for (const auto& r : testing::demo_records()) ASSERT_TRUE(writer->write(r).has_value());
    ASSERT_TRUE(writer->finish().has_value());
    for (const auto& note : writer->notes()) std::printf("note: %s\n", note.c_str());
  }
  auto grants = nlohmann::json::parse(read_file(dir.file("grants.json")))["grants"];
  EXPECT_GE(grants.size(), 10u) << "most demo records are grants";
  std::ofstream(dir.file("check.py")) << kValidate360;
  auto r = run_command("python3 -W ignore " + shell_quote(dir.file("check.py")) + " " +
                       shell_quote(dir.file("grants.json")) + " " + shell_quote(folder));
  EXPECT_EQ(r.exit_code, 0) << r.output;
}

TEST(Giving360Writer, MappingCases) {
  auto p = base_project();
  p.period = {*PartialDate::parse_iso("2021-06"), *PartialDate::parse_iso("2022")};
  p.status = model::ProjectStatus::kCompleted;
  p.programme = "Active Citizens Fund";
  p.amounts.push_back({998000, "EUR", model::AmountKind::kGranted});
  p.places.push_back({"Klaipėda", std::string("LT")});
  std::ostringstream out;
  auto writer = exporter::make_giving360_writer(out, testing::fixed_options());
  ASSERT_TRUE(writer->write(record_of(p)).has_value());
  ASSERT_TRUE(writer->finish().has_value());
  auto package = nlohmann::json::parse(out.str());
  const auto& g = package["grants"][0];
  {
    // A record without a granted amount cannot be a grant: left out, counted.
    std::ostringstream out2;
    auto w = exporter::make_giving360_writer(out2, testing::fixed_options());
    ASSERT_TRUE(w->write(record_of(base_project())).has_value());
    ASSERT_TRUE(w->finish().has_value());
    ASSERT_EQ(w->notes().size(), 2u);
    EXPECT_EQ(w->notes()[0], "1 record(s) left out: no granted amount (amountAwarded)");
  }
  struct Case {
    const char* reason;
    nlohmann::json actual;
    nlohmann::json expected;
  };
  const Case cases[] = {
      {"identifiers carry the 360G prefix", g["id"], "360G-tiltas-7"},
      {"partial dates stay partial: 360Giving accepts YYYY-MM", g["actualDates"][0]["startDate"], "2021-06"},
      {"completed projects state actual dates", g.contains("plannedDates"), false},
      {"the grant is the granted amount, in major units", g["amountAwarded"], 9980.0},
      {"the promoter receives the grant", g["recipientOrganization"][0]["name"], "Klaipėda Harbour Club"},
      {"no funder named: the programme stands as the grant-maker", g["fundingOrganization"][0]["name"],
       "Active Citizens Fund"},
      {"the programme is the grant programme", g["grantProgramme"][0]["title"], "Active Citizens Fund"},
      {"the award date is the closest known date, the start's first day", g["awardDate"], "2021-06-01"},
      {"places are beneficiary locations", g["beneficiaryLocation"][0]["countryCode"], "LT"},
  };
  for (const auto& c : cases) EXPECT_EQ(c.actual, c.expected) << c.reason;
}

// --- CSV ---------------------------------------------------------------

TEST(CsvWriter, FieldQuotingFollowsRfc4180) {
  struct Case {
    const char* in;
    const char* out;
    const char* reason;
  };
  const Case cases[] = {
      {"plain", "plain", "nothing to quote"},
      {"a,b", "\"a,b\"", "a comma would split the cell"},
      {"say \"hi\"", "\"say \"\"hi\"\"\"", "quotes are doubled inside quotes"},
      {"two\nlines", "\"two\nlines\"", "a line break stays inside the cell"},
      {"cr\rhere", "\"cr\rhere\"", "a bare CR too"},
      {"Šiauliai", "Šiauliai", "UTF-8 passes through untouched"},
      {"", "", "an empty cell is empty, not \"\""},
  };
  for (const auto& c : cases) EXPECT_EQ(exporter::csv_field(c.in), c.out) << c.reason;
}

TEST(CsvWriter, FormulaInjectionIsNeutralisedAndReadBack) {
  struct Case {
    const char* in;
    const char* out;
    const char* reason;
  };
  const Case cases[] = {
      {"=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")", "= starts a formula"},
      {"+1+2", "'+1+2", "+ starts a formula"},
      {"-2+3", "'-2+3", "- starts a formula"},
      {"@SUM(A1)", "'@SUM(A1)", "@ starts a function call"},
      {"\tx", "'\tx", "a leading tab hides a formula in some programs"},
      {"'=already", "''=already", "an apostrophe in front of a trigger gets one more, so reading back is exact"},
      {"it's", "it's", "an apostrophe elsewhere is text"},
      {"a=b", "a=b", "only the first character matters"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(exporter::tables::neutralise(c.in), c.out) << c.reason;
    EXPECT_EQ(ingest::unneutralise(exporter::tables::neutralise(c.in)), c.in) << c.reason;
  }
}

struct CsvFiles {
  std::ostringstream projects, participations, indicators, organisations;
};

void write_csv(CsvFiles& files, const std::vector<ExportRecord>& records, bool bom) {
  auto options = testing::fixed_options();
  options.bom = bom;
  auto writer = exporter::make_csv_writer({&files.projects, &files.participations, &files.indicators,
                                           &files.organisations},
                                          options);
  for (const auto& r : records) ASSERT_TRUE(writer->write(r).has_value());
  ASSERT_TRUE(writer->finish().has_value());
}

TEST(CsvWriter, DemoDataMakesOneRowPerProjectAndLongTables) {
  auto records = testing::demo_records();
  CsvFiles files;
  write_csv(files, records, false);
  auto projects = ingest::parse_csv(files.projects.str(), "projects.csv");
  ASSERT_TRUE(projects.has_value());
  EXPECT_EQ(projects->rows.size(), records.size());
  EXPECT_EQ(projects->header, exporter::tables::columns(exporter::tables::Table::kProjects));
  std::size_t participations = 0, indicators = 0;
  for (const auto& r : records) {
    participations += r.project.participations.size();
    indicators += r.project.indicators.size();
  }
  EXPECT_EQ(ingest::parse_csv(files.participations.str(), "p.csv")->rows.size(), participations);
  EXPECT_EQ(ingest::parse_csv(files.indicators.str(), "i.csv")->rows.size(), indicators);
  EXPECT_TRUE(files.projects.str().starts_with("id,kind,language,title,"));
  EXPECT_NE(files.projects.str().find("\r\n"), std::string::npos) << "RFC 4180 line ends are CRLF";
  EXPECT_NE(files.projects.str().find("99780.00"), std::string::npos) << "amounts are exact decimals";
}

TEST(CsvWriter, BomOnlyWhenAsked) {
  auto records = testing::demo_records();
  CsvFiles plain, with_bom;
  write_csv(plain, records, false);
  write_csv(with_bom, records, true);
  EXPECT_FALSE(plain.projects.str().starts_with("\xEF\xBB\xBF"));
  EXPECT_TRUE(with_bom.projects.str().starts_with("\xEF\xBB\xBF"));
  EXPECT_TRUE(with_bom.indicators.str().starts_with("\xEF\xBB\xBF")) << "every file of the export";
  EXPECT_EQ(with_bom.projects.str().substr(3), plain.projects.str());
}

// --- XLSX --------------------------------------------------------------

// LibreOffice writes numbers as it displays them ("99780" for 99780.00):
// cells compare as numbers when both read as numbers.
bool same_cell(const std::string& a, const std::string& b) {
  if (a == b) return true;
  char* ea = nullptr;
  char* eb = nullptr;
  double da = std::strtod(a.c_str(), &ea), db = std::strtod(b.c_str(), &eb);
  return !a.empty() && !b.empty() && *ea == '\0' && *eb == '\0' && da == db;
}

TEST(XlsxWriter, LibreOfficeReadsTheSameTablesAsTheCsv) {
  if (!have("soffice")) {
    GTEST_SKIP() << "soffice (Debian libreoffice-calc-nogui) is not installed: the workbook is not opened";
  }
  auto records = testing::demo_records();
  testing::TempDir dir;
  {
    auto writer = exporter::make_xlsx_writer(dir.file("export.xlsx"), dir.path().string());
    ASSERT_TRUE(writer.has_value()) << writer.error().describe();
    for (const auto& r : records) ASSERT_TRUE((*writer)->write(r).has_value());
    ASSERT_TRUE((*writer)->finish().has_value());
  }
  // Sheet -1: every sheet to its own file, export-<sheet>.csv; UTF-8 (76).
  auto r = run_command("cd " + shell_quote(dir.path().string()) + " && HOME=" + shell_quote(dir.path().string()) +
                       " soffice --headless -env:UserInstallation=file://" + dir.path().string() +
                       "/lo --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1'"
                       " export.xlsx --outdir out");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  CsvFiles csv;
  write_csv(csv, records, false);
  struct Case {
    const char* sheet;
    std::string expected;
  };
  const Case cases[] = {{"projects", csv.projects.str()},
                        {"participations", csv.participations.str()},
                        {"indicators", csv.indicators.str()},
                        {"organisations", csv.organisations.str()}};
  for (const auto& c : cases) {
    SCOPED_TRACE(c.sheet);
    std::string path = dir.file(std::string("out/export-") + c.sheet + ".csv");
    ASSERT_TRUE(std::filesystem::exists(path)) << r.output;
    auto got = ingest::parse_csv(read_file(path), path);
    auto want = ingest::parse_csv(c.expected, "expected");
    ASSERT_TRUE(got && want);
    EXPECT_EQ(got->header, want->header);
    ASSERT_EQ(got->rows.size(), want->rows.size());
    for (std::size_t i = 0; i < want->rows.size(); ++i) {
      for (std::size_t j = 0; j < want->rows[i].size(); ++j) {
        std::string g = j < got->rows[i].size() ? got->rows[i][j] : "";
        EXPECT_TRUE(same_cell(g, want->rows[i][j])) << "row " << i + 1 << " column " << want->header[j] << ": '"
                                                    << g << "' vs '" << want->rows[i][j] << "'";
      }
    }
  }
}

// --- JSONL -------------------------------------------------------------

TEST(JsonlWriter, OneRecordPerLineWithRegistryKeys) {
  auto records = testing::demo_records();
  std::ostringstream out;
  auto writer = exporter::make_jsonl_writer(out);
  for (const auto& r : records) ASSERT_TRUE(writer->write(r).has_value());
  ASSERT_TRUE(writer->finish().has_value());
  std::istringstream in(out.str());
  std::string line;
  std::size_t n = 0;
  while (std::getline(in, line)) {
    auto j = nlohmann::json::parse(line);
    EXPECT_EQ(j["id"], records[n].project.id);
    EXPECT_EQ(j["title"], *records[n].project.title());
    ++n;
  }
  EXPECT_EQ(n, records.size());
}

}  // namespace
}  // namespace tiltas
