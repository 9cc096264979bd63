// Dates and periods in the formats of the genre, each at its own precision:
//   1st June 2021 – 31st August 2022      September 9, 2015 – April 30, 2016
//   2021 m. birželio 1 d. – 2022 m. rugpjūčio 31 d.   2022 m. rugpjūtis – 2023 m. liepa
//   2019 m. September. 01 – 2020 m. December 31 d.     2021. April 13-15
//   21/02-03/03 2020   11/10 – 17/12/2021   8/5 – 21/6 2019   24/09-2020 - 23/01/2022
//   1.12.2021-30.09.2023   2018.01.01–2020.06.30   2023/01/01   no 01.07.2020. līdz 31.10.2022.
//   nuo 2020-09-24 iki 2022-01-23   from 1 July 2022 to 31 December 2023
//   06 2021 – 09 2022   2021 06 – 2022 09   march 2017   2012 m. lapkričio mėnesį
// The scanner walks tokens once; each attempt looks at a bounded number of
// tokens, so the pass is linear.
#include <algorithm>
#include <string>
#include <unordered_map>

#include "extract/internal.h"

namespace tiltas::extract::detail {
namespace {

using MonthMap = std::unordered_map<std::string, int, SvHash, std::equal_to<>>;
const MonthMap& months() {
  static const MonthMap m = [] {
    MonthMap out;
    const char* const en[] = {"january", "february", "march", "april", "may", "june", "july",
                              "august", "september", "october", "november", "december"};
    const char* const en3[] = {"jan", "feb", "mar", "apr", "may", "jun", "jul",
                               "aug", "sep", "oct", "nov", "dec"};
    // Lithuanian: nominative, genitive, accusative, locative (folded).
    const char* const lt[12][4] = {
        {"sausis", "sausio", "sausi", "sausyje"},       {"vasaris", "vasario", "vasari", "vasaryje"},
        {"kovas", "kovo", "kova", "kove"},              {"balandis", "balandzio", "balandi", "balandyje"},
        {"geguze", "geguzes", "geguze", "geguzeje"},    {"birzelis", "birzelio", "birzeli", "birzelyje"},
        {"liepa", "liepos", "liepa", "liepoje"},        {"rugpjutis", "rugpjucio", "rugpjuti", "rugpjutyje"},
        {"rugsejis", "rugsejo", "rugseji", "rugsejyje"}, {"spalis", "spalio", "spali", "spalyje"},
        {"lapkritis", "lapkricio", "lapkriti", "lapkrityje"}, {"gruodis", "gruodzio", "gruodi", "gruodyje"}};
    // Latvian nominative, genitive, locative; Polish nominative, genitive;
    // Norwegian.
    const char* const lv[12][3] = {
        {"janvaris", "janvara", "janvari"},   {"februaris", "februara", "februari"},
        {"marts", "marta", "marta"},           {"aprilis", "aprila", "aprili"},
        {"maijs", "maija", "maija"},           {"junijs", "junija", "junija"},
        {"julijs", "julija", "julija"},        {"augusts", "augusta", "augusta"},
        {"septembris", "septembra", "septembri"}, {"oktobris", "oktobra", "oktobri"},
        {"novembris", "novembra", "novembri"}, {"decembris", "decembra", "decembri"}};
    const char* const pl[12][2] = {
        {"styczen", "stycznia"}, {"luty", "lutego"},        {"marzec", "marca"},
        {"kwiecien", "kwietnia"}, {"maj", "maja"},          {"czerwiec", "czerwca"},
        {"lipiec", "lipca"},     {"sierpien", "sierpnia"},  {"wrzesien", "wrzesnia"},
        {"pazdziernik", "pazdziernika"}, {"listopad", "listopada"}, {"grudzien", "grudnia"}};
    const char* const nb[] = {"januar", "februar", "mars", "april", "mai", "juni", "juli",
                              "august", "september", "oktober", "november", "desember"};
    for (int k = 0; k < 12; ++k) {
      out.emplace(en[k], k + 1);
      out.emplace(en3[k], k + 1);
      for (auto* w : lt[k]) out.emplace(w, k + 1);
      for (auto* w : lv[k]) out.emplace(w, k + 1);
      for (auto* w : pl[k]) out.emplace(w, k + 1);
      out.emplace(nb[k], k + 1);
    }
    out.emplace("sept", 9);
    // Abbreviated Lithuanian months ("2021 m. sau.", "rugs.–lapkr.").
    const char* const lt_abbr[12][2] = {{"sau", "saus"}, {"vas", "vasar"}, {"kov", "kov"}, {"bal", "bal"},
                                        {"geg", "geg"}, {"birz", "birz"}, {"liep", "lie"}, {"rugpj", "rgp"},
                                        {"rugs", "rgs"}, {"spal", "spl"}, {"lapkr", "lapkr"}, {"gruod", "gruo"}};
    for (int k = 0; k < 12; ++k) {
      for (auto* w : lt_abbr[k]) out.emplace(w, k + 1);
    }
    return out;
  }();
  return m;
}

struct PD {
  int y = 0, m = 0, d = 0;
  int d2 = 0;  // end day of an in-month range ("April 13-15", "16-20 d.")
  int m2 = 0, y2 = 0;
  std::size_t end = 0;  // token after the expression
};

int num(const Doc& doc, std::size_t i) {
  if (!doc.is_num(i)) return -1;
  std::string_view s = doc.f(i);
  if (s.size() > 4) return -1;
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}
int ndigits(const Doc& doc, std::size_t i) { return doc.is_num(i) ? static_cast<int>(doc.f(i).size()) : 0; }
bool is_year(int v) { return v >= 1950 && v <= 2100; }
bool is_sep(const Doc& doc, std::size_t i) {
  return i < doc.size() && doc.toks[i].kind == Tok::kPunct &&
         (doc.toks[i].cp == '.' || doc.toks[i].cp == '/' || doc.toks[i].cp == '-');
}
bool dash_at(const Doc& doc, std::size_t i) {
  return i < doc.size() && doc.toks[i].kind == Tok::kPunct && is_dash(doc.toks[i].cp);
}
bool season_word(std::string_view w) {
  return w == "rudeni" || w == "rudens" || w == "pavasari" || w == "pavasario" || w == "vasara" ||
         w == "vasaros" || w == "ziema" || w == "ziemos" || w == "rudenis" || w == "pavasaris";
}
bool valid(int y, int m, int d) {
  if (m < 1 || m > 12) return false;
  if (d < 1 || d > 31) return false;
  if (y && d > days_in_month(y, m)) return false;
  return true;
}

int month_at(const Doc& doc, std::size_t i) {
  if (!doc.is_word(i)) return 0;
  return month_at_word(doc, i);
}

// Skips an ordinal suffix glued to a day number ("1st", "31st", "2nd").
std::size_t skip_ordinal(const Doc& doc, std::size_t i) {
  if (doc.is_word(i) && doc.glued(i)) {
    std::string_view s = doc.f(i);
    if (s == "st" || s == "nd" || s == "rd" || s == "th") return i + 1;
  }
  return i;
}
std::size_t skip_punct(const Doc& doc, std::size_t i, std::uint32_t cp) {
  return doc.is_punct(i, cp) ? i + 1 : i;
}
// Lithuanian "d." / "dienomis" / "dieną" after a day; "mėn." / "mėnesį" after a month.
std::size_t skip_lt_day(const Doc& doc, std::size_t i) {
  if (doc.is_word(i, "d")) return skip_punct(doc, i + 1, '.');
  if (doc.is_word(i, "dienomis") || doc.is_word(i, "diena") || doc.is_word(i, "dienos")) return i + 1;
  return i;
}
std::size_t skip_lt_month(const Doc& doc, std::size_t i) {
  if (doc.is_word(i, "men")) return skip_punct(doc, i + 1, '.');
  if (doc.is_word(i, "menesi") || doc.is_word(i, "menesio") || doc.is_word(i, "menesyje")) return i + 1;
  return i;
}
// "2021 m." (Lithuanian year marker), "2021." before a month name.
std::size_t after_year_marker(const Doc& doc, std::size_t i) {
  if (doc.is_word(i, "m") && doc.is_punct(i + 1, '.')) return i + 2;
  if (doc.is_word(i, "gada") || doc.is_word(i, "gadam")) return i + 1;  // Latvian "gada"
  if (doc.is_punct(i, '.') && month_at(doc, i + 1)) return i + 1;
  return i;
}

// Day with optional in-month day range: "16", "16-20", "1st".
std::size_t parse_days(const Doc& doc, std::size_t i, PD& pd) {
  int d = num(doc, i);
  if (d < 1 || d > 31 || ndigits(doc, i) > 2) return 0;
  pd.d = d;
  std::size_t k = skip_ordinal(doc, i + 1);
  if (dash_at(doc, k) && num(doc, k + 1) >= 1 && num(doc, k + 1) <= 31 && ndigits(doc, k + 1) <= 2 &&
      !is_sep(doc, k + 2) && num(doc, k + 1) > d) {
    pd.d2 = num(doc, k + 1);
    k = skip_ordinal(doc, k + 2);
  }
  return k;
}

// A numeric group of numbers joined by . / - without spaces: "1.12.2021",
// "24/09-2020", "21/02-03/03", "2023/01/01". Returns the numbers and digit
// counts; `end` is the token after the group (a trailing "." is consumed).
struct Group {
  int v[5] = {0, 0, 0, 0, 0};
  int nd[5] = {0, 0, 0, 0, 0};
  int n = 0;
  std::size_t end = 0;
};
bool read_group(const Doc& doc, std::size_t i, Group& g) {
  if (!doc.is_num(i)) return false;
  std::size_t k = i;
  bool complete = false;  // a year closed the group or Y-M-D is full
  while (g.n < 5 && doc.is_num(k) && ndigits(doc, k) <= 4) {
    g.v[g.n] = num(doc, k);
    g.nd[g.n] = ndigits(doc, k);
    ++g.n;
    ++k;
    if ((g.n > 1 && g.nd[g.n - 1] == 4) || (g.n == 3 && g.nd[0] == 4)) {
      complete = true;
      break;
    }
    if (is_sep(doc, k) && doc.glued(k) && doc.is_num(k + 1) && doc.glued(k + 1)) {
      ++k;
      continue;
    }
    break;
  }
  // A longer chain of numbers is a code or a phone number, not a date; a
  // complete date may be followed by "-" and the second half of a range.
  if (doc.is_num(k) && doc.glued(k)) return false;
  if (is_sep(doc, k) && doc.glued(k) && doc.is_num(k + 1) && doc.glued(k + 1) &&
      !(complete && is_dash(doc.toks[k].cp))) {
    return false;
  }
  if (doc.is_punct(k, '.') && doc.glued(k) && !doc.is_num(k + 1)) ++k;
  g.end = k;
  return true;
}

// A trailing year after a space: "21/6 2019", "03/03 2020".
int trailing_year(const Doc& doc, std::size_t k, std::size_t& end) {
  if (doc.is_num(k) && ndigits(doc, k) == 4 && is_year(num(doc, k)) && !doc.glued(k)) {
    end = skip_punct(doc, k + 1, '.');
    return num(doc, k);
  }
  return 0;
}

// One date expression at token i (possibly an in-month or numeric range).
bool parse_one(const Doc& doc, std::size_t i, PD& pd, bool allow_spaced) {
  pd = PD{};
  if (i >= doc.size()) return false;
  // Month word first: "September 9, 2015", "April 13-15", "march 2017",
  // "Gegužės 16-20 dienomis", "balandžio 19-20 d.".
  if (int m = month_at(doc, i)) {
    std::size_t k = skip_punct(doc, i + 1, '.');
    // A number on the next line starts something else ("… – gruodis.\n2. …").
    if (k < doc.size() && (doc.toks[k].flags & kNewlineBefore)) return false;
    if (doc.is_num(k) && ndigits(doc, k) == 4 && is_year(num(doc, k))) {
      pd.m = m;
      pd.y = num(doc, k);
      pd.end = k + 1;
      return true;
    }
    if (std::size_t e = parse_days(doc, k, pd); e) {
      pd.m = m;
      e = skip_lt_day(doc, e);
      std::size_t c = skip_punct(doc, e, ',');
      if (doc.is_num(c) && ndigits(doc, c) == 4 && is_year(num(doc, c))) {
        pd.y = num(doc, c);
        e = c + 1;
      }
      pd.end = e;
      return valid(pd.y ? pd.y : 2000, pd.m, pd.d);
    }
    return false;
  }
  if (!doc.is_num(i)) return false;
  int nd = ndigits(doc, i);
  // Year first: "2021 m. birželio 1 d.", "2022 m. rugpjūtis", "2021. April 13-15",
  // "2018.01.01", "2023/01/01", "2020-09-24", "2021 06".
  if (nd == 4 && is_year(num(doc, i))) {
    int y = num(doc, i);
    std::size_t k = after_year_marker(doc, i + 1);
    // "2021 September" (year, then a month name with no marker).
    if (k != i + 1 || (month_at(doc, k) && !doc.glued(k) && doc.upper(k))) {
      int m = month_at(doc, k);
      if (m) {
        pd.y = y;
        pd.m = m;
        std::size_t e = skip_punct(doc, k + 1, '.');
        std::size_t after_month = skip_lt_month(doc, e);
        if (after_month != e) {
          pd.end = after_month;
          return true;
        }
        PD days;
        if (std::size_t de = parse_days(doc, e, days); de) {
          pd.d = days.d;
          pd.d2 = days.d2;
          pd.end = skip_lt_day(doc, de);
          return valid(y, pd.m, pd.d);
        }
        pd.end = k + 1;
        return true;
      }
      if (doc.is_word(k) && season_word(doc.f(k))) {
        // "2022 m. rudenį": a season is known to the year.
        pd.y = y;
        pd.end = k + 1;
        return true;
      }
      if (doc.is_word(i + 1, "m") && !dash_at(doc, k)) {
        // "2021 m." alone: a year.
        pd.y = y;
        pd.end = k;
        return true;
      }
    }
    // "2014–2021", "2009-2014 m.": a range of years.
    {
      std::size_t d = skip_punct(doc, i + 1, '.');
      if (dash_at(doc, d) && ndigits(doc, d + 1) == 4 && is_year(num(doc, d + 1)) && num(doc, d + 1) > y &&
          !is_sep(doc, d + 2)) {
        pd.y = y, pd.y2 = num(doc, d + 1), pd.end = d + 2;
        return true;
      }
    }
    Group g;
    if (read_group(doc, i, g) && g.n >= 2) {
      if (g.n == 3 && g.nd[1] <= 2 && g.nd[2] <= 2 && valid(y, g.v[1], g.v[2])) {
        pd.y = y, pd.m = g.v[1], pd.d = g.v[2], pd.end = g.end;
        return true;
      }
      if (g.n == 2 && g.nd[1] == 2 && g.v[1] >= 1 && g.v[1] <= 12) {
        pd.y = y, pd.m = g.v[1], pd.end = g.end;
        return true;
      }
      if (g.n == 2 && g.nd[1] == 4 && is_year(g.v[1]) && g.v[1] > y) {  // "2017-2019"
        pd.y = y, pd.y2 = g.v[1], pd.end = g.end;
        return true;
      }
      return false;
    }
    // Spaced "2018 09 01" (a register's date format).
    if (doc.is_num(i + 1) && ndigits(doc, i + 1) == 2 && !doc.glued(i + 1) && doc.is_num(i + 2) &&
        ndigits(doc, i + 2) == 2 && !doc.glued(i + 2) && !doc.is_num(i + 3) &&
        valid(y, num(doc, i + 1), num(doc, i + 2))) {
      pd.y = y, pd.m = num(doc, i + 1), pd.d = num(doc, i + 2), pd.end = i + 3;
      return true;
    }
    // Spaced "2021 06" only where a range is being read.
    if (allow_spaced && doc.is_num(i + 1) && ndigits(doc, i + 1) == 2 && !doc.glued(i + 1)) {
      int m = num(doc, i + 1);
      if (m >= 1 && m <= 12 && !doc.is_num(i + 2)) {
        pd.y = y, pd.m = m, pd.end = i + 2;
        return true;
      }
    }
    return false;
  }
  if (nd > 2) return false;
  // Day first.
  Group g;
  if (read_group(doc, i, g) && g.n >= 2) {
    int* v = g.v;
    if (g.n == 3 && g.nd[2] == 4 && is_year(v[2]) && g.nd[1] <= 2) {
      if (valid(v[2], v[1], v[0])) {
        pd.d = v[0], pd.m = v[1], pd.y = v[2], pd.end = g.end;
        return true;
      }
      if (valid(v[2], v[0], v[1])) {  // US order "12/31/2020"
        pd.m = v[0], pd.d = v[1], pd.y = v[2], pd.end = g.end;
        return true;
      }
      return false;
    }
    if (g.n == 4 && g.nd[3] == 4 && is_year(v[3]) && valid(v[3], v[1], v[0]) &&
        valid(v[3], v[1], v[2]) && v[2] > v[0]) {  // "18-05-19-2023": 18–19 May 2023
      pd.d = v[0], pd.m = v[1], pd.d2 = v[2], pd.y = v[3], pd.end = g.end;
      return true;
    }
    if (g.n == 4 && g.nd[0] <= 2 && g.nd[1] <= 2 && g.nd[2] <= 2 && g.nd[3] <= 2 &&
        valid(0, v[1], v[0]) && valid(0, v[3], v[2])) {  // "21/02-03/03 2020"
      pd.d = v[0], pd.m = v[1], pd.d2 = v[2], pd.m2 = v[3];
      std::size_t e = g.end;
      pd.y = trailing_year(doc, g.end, e);
      pd.end = e;
      return true;
    }
    if (g.n == 2 && g.nd[1] == 4 && is_year(v[1]) && v[0] >= 1 && v[0] <= 12) {  // "06/2021"
      pd.m = v[0], pd.y = v[1], pd.end = g.end;
      return true;
    }
    if (g.n == 2 && g.nd[1] <= 2 && valid(0, v[1], v[0])) {  // "21/6" (+ " 2019")
      pd.d = v[0], pd.m = v[1];
      std::size_t e = g.end;
      pd.y = trailing_year(doc, g.end, e);
      pd.end = e;
      return true;
    }
    return false;
  }
  // "1st June 2021", "1 July 2022", "28 June", "01.07.2020.", "4th of May 2022"
  PD days;
  if (std::size_t e = parse_days(doc, i, days); e) {
    std::size_t k = skip_punct(doc, e, '.');
    if (doc.is_word(k, "of") && month_at(doc, k + 1)) ++k;
    if (int m = month_at(doc, k)) {
      pd.d = days.d, pd.d2 = days.d2, pd.m = m;
      std::size_t c = skip_punct(doc, k + 1, '.');
      c = skip_punct(doc, c, ',');
      if (doc.is_num(c) && ndigits(doc, c) == 4 && is_year(num(doc, c))) {
        pd.y = num(doc, c);
        pd.end = c + 1;
      } else {
        pd.end = k + 1;
      }
      return valid(pd.y ? pd.y : 2000, pd.m, pd.d);
    }
  }
  // Spaced "06 2021" only where a range is being read.
  if (allow_spaced && nd == 2 && doc.is_num(i + 1) && ndigits(doc, i + 1) == 4 && !doc.glued(i + 1)) {
    int m = num(doc, i);
    if (m >= 1 && m <= 12 && is_year(num(doc, i + 1))) {
      pd.m = m, pd.y = num(doc, i + 1), pd.end = i + 2;
      return true;
    }
  }
  return false;
}

std::optional<PartialDate> make(int y, int m, int d) {
  if (!y) return std::nullopt;
  Result<PartialDate> r = d ? PartialDate::ymd(y, m, d) : m ? PartialDate::year_month(y, m) : PartialDate::year(y);
  if (!r) return std::nullopt;
  return *r;
}

bool range_word(const Doc& doc, std::size_t i) {
  if (!doc.is_word(i)) return false;
  std::string_view w = doc.f(i);
  return w == "to" || w == "until" || w == "till" || w == "iki" || w == "lidz" || w == "do" ||
         w == "til" || w == "through";
}

}  // namespace

void date_words(std::vector<std::string_view>& out) {
  for (const auto& [w, m] : months()) out.push_back(w);
}

int month_word(std::string_view folded) {
  const auto& m = months();
  auto it = m.find(folded);
  return it == m.end() ? 0 : it->second;
}

int month_at_word(const Doc& doc, std::size_t i) {
  return doc.fact(WordFact::kMonth, i);
}

std::vector<DateMention> find_dates(const Doc& doc) {
  std::vector<DateMention> out;
  std::size_t i = 0;
  const std::size_t n = doc.size();
  while (i < n) {
    const Token& t = doc.toks[i];
    if (t.kind == Tok::kPunct || (t.kind == Tok::kWord && !month_at_word(doc, i))) {
      ++i;
      continue;
    }
    // A number glued to letters before it is part of a code ("NOR-LT10", "Europe1").
    if (t.kind == Tok::kNumber && i > 0 && doc.glued(i) &&
        (doc.is_word(i - 1) || (doc.toks[i - 1].kind == Tok::kPunct && is_dash(doc.toks[i - 1].cp) &&
                                i > 1 && doc.glued(i - 1) && doc.is_word(i - 2)))) {
      ++i;
      continue;
    }
    PD a;
    bool spaced = false;
    if (!parse_one(doc, i, a, false)) {
      // Spaced month-year only as the first half of a range: "06 2021 – 09 2022".
      if (!parse_one(doc, i, a, true)) {
        ++i;
        continue;
      }
      spaced = true;
    }
    DateMention dm;
    dm.first = i;
    std::size_t k = a.end;
    // A second half: "– 31st August 2022", "to 31 December 2023", "iki 2022-01-23".
    std::size_t j = k;
    if (doc.is_punct(j, ',') || doc.is_punct(j, '.')) ++j;
    bool joined = false;
    PD b;
    // "between June 2021 and May 2023", "tarp 2021 m. birželio ir 2023 m. gegužės".
    const bool between = i > 0 && (doc.is_word(i - 1, "between") || doc.is_word(i - 1, "tarp")) &&
                         (doc.is_word(j, "and") || doc.is_word(j, "ir"));
    if ((dash_at(doc, j) || range_word(doc, j) || between) && j < n && j - k <= 1) {
      std::size_t h = j + 1;
      // "until the end of November 2022", "to the beginning of 2023".
      if (range_word(doc, j)) {
        if (doc.is_word(h, "the")) ++h;
        if ((doc.is_word(h, "end") || doc.is_word(h, "beginning") || doc.is_word(h, "middle") ||
             doc.is_word(h, "start")) &&
            doc.is_word(h + 1, "of"))
          h += 2;
      }
      if (parse_one(doc, h, b, spaced)) {
        joined = true;
      } else if (a.y && a.m && !a.d && !a.y2 && month_at(doc, h)) {
        // "2021 m. rugs.–lapkr.", "2023 m. sausio–gegužės mėn.", "nuo 2022 m.
        // balandžio iki lapkričio": the second month shares the year.
        b = PD{};
        b.m = month_at(doc, h);
        b.end = skip_lt_month(doc, skip_punct(doc, h + 1, '.'));
        if (b.m > a.m) joined = true;
      }
    }
    if (spaced && !joined) {
      ++i;
      continue;
    }
    if (a.y2) {  // year range "2017-2019"
      dm.start = make(a.y, 0, 0);
      dm.end = make(a.y2, 0, 0);
      dm.range = true;
      dm.last = a.end;
    } else if (joined) {
      // Components missing on one side come from the other: "8/5 – 21/6 2019".
      if (!b.y && a.y) b.y = a.y;
      if (!a.y && b.y) a.y = b.y;
      if (!a.m && b.m) a.m = b.m;
      dm.start = make(a.y, a.m, a.d);
      int by = b.y, bm = b.m2 ? b.m2 : b.m, bd = b.d2 ? b.d2 : b.d;
      dm.end = make(by, bm, bd);
      dm.range = true;
      dm.last = b.end;
      dm.yearless = !a.y;
    } else {
      dm.start = make(a.y, a.m, a.d);
      if (a.d2 || a.m2) {
        dm.end = make(a.y, a.m2 ? a.m2 : a.m, a.d2 ? a.d2 : a.d);
        dm.range = true;
      }
      dm.last = a.end;
      dm.yearless = !a.y;
    }
    if (dm.start && dm.end && *dm.end < *dm.start) {
      // "28 June - 7 February 2022": impossible as written; keep neither.
      dm.start.reset();
      dm.end.reset();
    }
    if (dm.last <= i) dm.last = i + 1;
    out.push_back(dm);
    i = dm.last;
  }
  return out;
}

namespace {

// Words that label an implementation period, folded, as sequences.
const std::vector<std::vector<std::string_view>>& period_labels() {
  static const std::vector<std::vector<std::string_view>> labels = {
      {"implementation", "period"}, {"project", "period"}, {"projekto", "period"},
      {"project", "duration"}, {"duration"}, {"implementation"}, {"igyvendinimo", "laikotarpis"},
      {"laikotarpis"}, {"projekto", "trukme"}, {"trukme"}, {"istenosanas", "laiks"},
      {"realizacji"}, {"prosjektperiode"}, {"periode"}, {"period"}, {"months"}, {"men"},
      {"menesiai"}, {"timeframe"}, {"runs"}, {"implemented"}, {"vykdomas"}, {"igyvendinamas"},
      {"laiks"}, {"termins"}, {"okres"},
  };
  return labels;
}

// Words that mark a date as something other than the record's period.
bool excluded_context(std::string_view w) {
  static const std::string_view bad[] = {
      "call", "calls", "deadline", "updated", "published", "posted", "kvietimas", "kvietimo",
      "atnaujinta", "paskelbta", "meeting", "posedis", "posedyje", "conference", "event",
      "renginys", "visit", "vizitas", "submitted", "selection", "decision", "metu", "plano",
      "programos", "mechanism", "mechanisms", "mechanizmu", "laikotarpio"};
  for (auto b : bad) {
    if (w == b) return true;
  }
  return false;
}

bool labelled(const Doc& doc, const DateMention& dm, std::size_t floor) {
  // The label sits before the date on the same line, close to it.
  std::size_t line0 = std::max(line_first(doc, dm.first), floor);
  std::size_t from = dm.first > 12 ? dm.first - 12 : 0;
  from = std::max(from, line0);
  for (std::size_t k = from; k < dm.first; ++k) {
    if (!doc.is_word(k)) continue;
    for (const auto& label : period_labels()) {
      std::size_t m = 0, p = k;
      while (m < label.size() && p < dm.first) {
        if (!doc.is_word(p)) {
          ++p;
          continue;
        }
        if (doc.f(p) != label[m]) break;
        ++m;
        ++p;
      }
      if (m == label.size()) return true;
    }
  }
  return false;
}

bool bad_context(const Doc& doc, const DateMention& dm) {
  std::size_t s0 = sentence_first(doc, dm.first);
  std::size_t from = dm.first > 10 ? dm.first - 10 : 0;
  from = std::max(from, s0);
  for (std::size_t k = from; k < dm.first; ++k) {
    if (doc.is_word(k) && excluded_context(doc.f(k))) return true;
  }
  return false;
}

}  // namespace

model::Period choose_period(const Doc& doc, Range block, const std::vector<DateMention>& dates,
                            std::map<std::string, model::SourceSpan>& spans,
                            std::vector<model::Finding>& findings) {
  model::Period period;
  std::vector<const DateMention*> in_block;
  // Dates are in text order: find the block's by binary search so that many
  // records on one page stay linear.
  auto it = std::lower_bound(dates.begin(), dates.end(), block.first,
                             [](const DateMention& d, std::size_t v) { return d.first < v; });
  for (; it != dates.end() && it->first < block.last; ++it) {
    if (it->last <= block.last && it->start) in_block.push_back(&*it);
  }
  const DateMention* best = nullptr;
  int best_score = 0;
  int candidates = 0;
  std::size_t heading_line_end = block.first < doc.size() ? doc.lines[doc.toks[block.first].line].last : 0;
  for (const DateMention* d : in_block) {
    int score = 0;
    bool is_label = labelled(doc, *d, block.first);
    if (d->range && is_label) score = 10;
    else if (is_label && !d->yearless) score = 6;
    else if (d->range && d->first < heading_line_end && !bad_context(doc, *d)) score = 5;
    else if (d->range && d->start && d->end && d->start->precision() != DatePrecision::kYear &&
             d->end->precision() != DatePrecision::kYear &&
             (d->start->year_value() != d->end->year_value() || d->start->month_value() != d->end->month_value()) &&
             !bad_context(doc, *d))
      score = 3;  // an unlabelled range of months: "runs Jan 2023 – Dec 2024"
    if (d->yearless) score -= 3;
    if (d->range && d->start && d->end && d->start->precision() == DatePrecision::kYear && !is_label) score = 0;
    if (score > 0) ++candidates;
    if (score > best_score) {
      best_score = score;
      best = d;
    }
  }
  if (best) {
    period.start = best->start;
    period.end = best->range ? best->end : std::nullopt;
    model::SourceSpan sp = doc.span(best->first, best->last);
    spans["period"] = sp;
    if (candidates > 1) {
      findings.push_back({"period", model::Severity::kInfo,
                          "several date ranges could be the period; the " +
                              std::string(best_score >= 10 ? "labelled one" : "one in the heading") +
                              " was used",
                          sp});
    }
    return period;
  }
  // "The project ... was ended in March 2017" / "started in": one end only.
  for (const DateMention* d : in_block) {
    if (d->range || d->yearless) continue;
    std::size_t from = d->first > 6 ? d->first - 6 : 0;
    from = std::max<std::size_t>(from, sentence_first(doc, d->first));
    for (std::size_t k = from; k < d->first; ++k) {
      if (!doc.is_word(k)) continue;
      std::string_view w = doc.f(k);
      bool ended = w == "ended" || w == "finished" || w == "completed" || w == "baigesi" || w == "ends";
      bool started = w == "started" || w == "began" || w == "prasidejo" || w == "starts" || w == "since" ||
                     w == "prasideda" || w == "startavo" || w == "commenced";
      if (ended || started) {
        // Only when the sentence is about the project.
        bool about_project = false;
        for (std::size_t q = sentence_first(doc, d->first); q < d->first; ++q) {
          if (doc.is_word(q) && (starts_with(doc.f(q), "project") || starts_with(doc.f(q), "projekt"))) {
            about_project = true;
          }
        }
        // "started in Sept 2020 and continues until June 2022", "prasidėjo
        // 2022 m. rudenį ir truks iki 2024 m. kovo": the end later in the sentence.
        const DateMention* until = nullptr;
        if (started) {
          std::size_t s_end = doc.sentences[doc.toks[d->first].sentence].last;
          for (const DateMention* e : in_block) {
            if (e->first <= d->last || e->first >= s_end || e->range || e->yearless) continue;
            for (std::size_t q = e->first > 3 ? e->first - 3 : 0; q < e->first && !until; ++q) {
              if (q >= d->last && doc.is_word(q) && range_word(doc, q)) until = e;
            }
            if (until) break;
          }
        }
        if ((!about_project && !until) || bad_context(doc, *d)) continue;
        if (ended) period.end = d->start;
        else period.start = d->start;
        if (until && *until->start > *d->start) {
          period.end = until->start;
          spans["period"] = doc.span(d->first, until->last);
          return period;
        }
        spans[ended ? "period.end" : "period.start"] = doc.span(d->first, d->last);
        findings.push_back({ended ? "period.end" : "period.start", model::Severity::kInfo,
                            "only one end of the period is stated", doc.span(d->first, d->last)});
        return period;
      }
    }
  }
  return period;
}

}  // namespace tiltas::extract::detail
