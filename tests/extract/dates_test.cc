// Dates and periods in the formats of the genre, one case per format.
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "extract/internal.h"

namespace tiltas::extract::detail {
namespace {

struct DateCase {
  const char* text;
  const char* start;  // ISO, "" = none
  const char* end;
  const char* why;
};

const DateCase kDates[] = {
    {"1st June 2021 – 31st August 2022", "2021-06-01", "2022-08-31", "English ordinals, en dash"},
    {"2021 m. birželio 1 d. – 2022 m. rugpjūčio 31 d.", "2021-06-01", "2022-08-31",
     "Lithuanian genitive months with m. and d."},
    {"21/02-03/03 2020", "2020-02-21", "2020-03-03", "day/month pairs sharing a trailing year"},
    {"11/10 – 17/12/2021", "2021-10-11", "2021-12-17", "first half takes the second's year"},
    {"06 2021 – 09 2022", "2021-06", "2022-09", "spaced month year, month precision"},
    {"2021 06 – 2022 09", "2021-06", "2022-09", "spaced year month, month precision"},
    {"2019 m. September. 01 – 2020 m. December 31 d.", "2019-09-01", "2020-12-31",
     "Lithuanian year marker with English month names"},
    {"24/09-2020 - 23/01/2022", "2020-09-24", "2022-01-23", "mixed separators inside the first date"},
    {"1.12.2021-30.09.2023", "2021-12-01", "2023-09-30", "dotted dates joined by a hyphen, no zero"},
    {"2018.01.01–2020.06.30", "2018-01-01", "2020-06-30", "year-first dotted dates"},
    {"nuo 2020-09-24 iki 2022-01-23", "2020-09-24", "2022-01-23", "ISO dates with nuo/iki"},
    {"from 1 July 2022 to 31 December 2023", "2022-07-01", "2023-12-31", "from ... to ..."},
    {"September 9, 2015 – April 30, 2016", "2015-09-09", "2016-04-30", "US month-day-year"},
    {"2022 m. rugpjūtis – 2023 m. liepa", "2022-08", "2023-07", "Lithuanian nominative months"},
    {"no 01.07.2020. līdz 31.10.2022.", "2020-07-01", "2022-10-31", "Latvian no/līdz with trailing dots"},
    {"8/5 – 21/6 2019", "2019-05-08", "2019-06-21", "single-digit day/month"},
    {"2023/01/01 – 2025/12/31", "2023-01-01", "2025-12-31", "slashed year-first dates"},
    {"2021. April 13-15", "2021-04-13", "2021-04-15", "year, month name, day range"},
    {"(18-05-19-2023)", "2023-05-18", "2023-05-19", "two days of one month written as one group"},
    {"2012 m. lapkričio mėnesį", "2012-11", "", "month precision with mėnesį"},
    {"2013 m. kovą", "2013-03", "", "accusative month"},
    {"in march 2017", "2017-03", "", "lower-case month and year"},
    {"12 kwietnia 2022", "2022-04-12", "", "Polish genitive month"},
    {"Jan 2021 – Dec 2022", "2021-01", "2022-12", "English abbreviated months"},
    {"Sept 2020", "2020-09", "", "four-letter English abbreviation"},
    {"2021 m. sau. – 2022 m. birž.", "2021-01", "2022-06", "Lithuanian abbreviated months with m."},
    {"2021 m. rugs.–lapkr.", "2021-09", "2021-11", "abbreviated month range sharing one year"},
    {"2023 m. sausio–gegužės mėn.", "2023-01", "2023-05", "second month shares the year, mėn. after"},
    {"nuo 2022 m. balandžio iki lapkričio", "2022-04", "2022-11", "nuo/iki with a bare second month"},
    {"06/2021 - 05/2023", "2021-06", "2023-05", "MM/YYYY - MM/YYYY"},
    {"2022-03 – 2022-11", "2022-03", "2022-11", "YYYY-MM – YYYY-MM"},
    {"01.09.2021 – 31.08.2023", "2021-09-01", "2023-08-31", "DD.MM.YYYY range"},
    {"2018 09 01 – 2020 08 31", "2018-09-01", "2020-08-31", "spaced year month day"},
    {"from 15 February to 30 June 2022", "2022-02-15", "2022-06-30", "first half takes the year of the second"},
    {"from April 2022 until the end of November 2022", "2022-04", "2022-11", "'until the end of' before the end"},
    {"2022 m. rudenį", "2022", "", "a season is known to the year"},
    {"4th–6th of May 2022", "2022-05-04", "2022-05-06", "ordinal day range with 'of'"},
    {"1st of September 2021 to 31st of August 2023", "2021-09-01", "2023-08-31", "'of' between day and month"},
    {"between June 2021 and May 2023", "2021-06", "2023-05", "'between ... and ...'"},
    {"2021 September – 2023 August", "2021-09", "2023-08", "year, then a month name without a marker"},
    {"28 June - 7 February 2022", "", "", "impossible as written: no dates"},
    {"Kova su neapykanta", "", "", "'kova' (fight) is a month word only next to a number"},
    {"March for Equality", "", "", "'March' without a number is not a date"},
    {"NOR-LT10-VRM-01-TF", "", "", "codes are not dates"},
};

TEST(DatesTest, FormatsOfTheGenre) {
  for (const auto& c : kDates) {
    Doc doc = tokenize(c.text);
    auto found = find_dates(doc);
    std::string start, end;
    for (const auto& d : found) {
      if (d.start) {
        start = d.start->to_iso();
        end = d.end ? d.end->to_iso() : "";
        break;
      }
    }
    EXPECT_EQ(start, c.start) << c.text << " — " << c.why;
    EXPECT_EQ(end, c.end) << c.text << " — " << c.why;
  }
}

struct PeriodCase {
  const char* text;
  const char* start;
  const char* end;
  const char* why;
};

const PeriodCase kPeriods[] = {
    {"Title 06 2021 – 09 2022\n\nThe project implementation period is 1st June 2021 – 31st August 2022.",
     "2021-06-01", "2022-08-31", "the labelled body period wins over the heading"},
    {"Project selection was completed on 21 January 2015.\n27 January 2015", "", "",
     "selection and publication dates are not periods"},
    {"The project was ended in march 2017 within the programme.", "", "2017-03",
     "only the end is stated"},
    {"Iš 2009-2014 metų laikotarpio lėšų finansuojamas fondas.", "", "",
     "a programme's years are not the project period"},
};

TEST(DatesTest, ChoosesTheImplementationPeriod) {
  for (const auto& c : kPeriods) {
    Doc doc = tokenize(c.text);
    doc.language = "en";
    auto dates = find_dates(doc);
    std::map<std::string, model::SourceSpan> spans;
    std::vector<model::Finding> findings;
    auto p = choose_period(doc, {0, static_cast<std::uint32_t>(doc.size())}, dates, spans, findings);
    EXPECT_EQ(p.start ? p.start->to_iso() : "", c.start) << c.why;
    EXPECT_EQ(p.end ? p.end->to_iso() : "", c.end) << c.why;
  }
}

}  // namespace
}  // namespace tiltas::extract::detail
