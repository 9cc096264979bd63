// Events: meetings, visits, conferences, concerts, marches... with a place or
// a date. A trigger word opens an event; its place is the first place named
// within a few words after it (a city before a country), its dates those in
// the same clause. A trigger preceded by a number is a count ("5
// international meetings"), which is an indicator, not an event.
#include <algorithm>
#include <string>
#include <unordered_set>

#include "base/country.h"
#include "extract/internal.h"

namespace tiltas::extract::detail {
namespace {

const std::unordered_set<std::string_view>& trigger_words() {
  static const std::string_view words[] = {
      "visit", "visits", "meeting", "meetings", "conference", "event", "concert", "march", "workshop",
      "seminar", "forum", "festival", "trip", "traveled", "travelled", "met", "summit", "vizitas",
      "vizita", "vizite", "vizito", "susitikimas", "susitikima", "susitikime", "susitikimo",
      "konferencija", "konferencijoje", "renginys", "rengini", "renginyje", "koncertas", "eitynes",
      "seminaras", "seminare", "lankesi", "vizite", "tiksanas", "konference", "seminars", "pasakums",
      "spotkanie", "konferencja", "wizyta", "besok", "mote", "konferanse",
      // Other gatherings of the genre, in its languages.
      "opening", "presentation", "performance", "fair", "rehearsal", "rehearsals", "camp", "marathon",
      "exhibition", "excursion", "tour", "hike", "celebration", "ceremony", "symposium", "webinar",
      "forumas", "forume", "forumo", "svente", "sventeje", "sventes", "minejimas", "minejime", "atidarymas",
      "paroda", "parodos", "parodoje", "zygis", "zygyje", "stazuote", "stazuotes", "stazuoteje", "dirbtuves",
      "dirbtuvese", "stovykla", "stovykloje", "stovyklos", "ekskursija", "ekskursijos", "mokymai",
      "tirgus", "seminars", "seminara", "warsztaty", "studietur", "verksted", "seminar", "avslutningsseminar",
      "leir", "festivalis", "festivalyje", "festivalio"};
  static const std::unordered_set<std::string_view> set(std::begin(words), std::end(words));
  return set;
}
bool trigger(std::string_view w) { return trigger_words().count(w) > 0; }

bool ordinal_word(std::string_view w) {
  static const std::string_view words[] = {"antrasis", "treciasis", "ketvirtasis", "penktasis", "sestasis",
                                           "second", "third", "fourth", "fifth"};
  for (auto x : words) {
    if (w == x) return true;
  }
  return false;
}

// True when the place at [i, i+n) begins an organisation's name ("Kaunas
// Regional Development Agency", "Oslo/Fusion ...", "Jonava district municipality").
bool starts_org_name(const Doc& doc, std::size_t i, std::size_t n) {
  std::size_t k = i + n;
  if (k < doc.size() && doc.toks[k].kind == Tok::kPunct && doc.glued(k) &&
      (doc.toks[k].cp == '/' || is_dash(doc.toks[k].cp)) && doc.upper(k + 1)) {
    return true;
  }
  for (std::size_t q = k; q < std::min(doc.size(), k + 5); ++q) {
    if (!doc.is_word(q)) return false;
    std::string_view w = doc.f(q);
    if (!doc.upper(q) && !(w == "district" || w == "city" || w == "county" || w == "miesto" ||
                           w == "rajono" || w == "novada")) {
      return false;
    }
    if (w == "municipality" || w == "agency" || w == "council" || w == "administration" || w == "office" ||
        w == "college" || w == "school" || w == "university" || w == "centre" || w == "center" ||
        w == "commune" || w == "home" || w == "capital" || w == "association" || w == "society" ||
        w == "institute" || w == "hospital" || w == "naeringsrad" || w == "savivaldybe" ||
        w == "savivaldybes" || w == "savivaldybe" || w == "pasvaldiba" || w == "museum" || w == "library" ||
        w == "festival" || w == "foundation" || w == "department") {
      return true;
    }
  }
  return false;
}

struct Found {
  std::size_t at = 0, len = 0;
  PlaceInfo info;
};

// Places named in [a, b) (word window), cities first.
bool first_place(const Doc& doc, std::size_t a, std::size_t b, Found& out) {
  Found city, country;
  bool have_city = false, have_country = false;
  for (std::size_t k = a; k < b; ++k) {
    if (doc.is_punct(k, '(') && k > a) {
      // "(Activity No. 1.1)" ends the clause; "(Croatia)" after a place does not.
      if (doc.is_word(k + 1) && !doc.upper(k + 1)) break;
      if (doc.is_word(k + 1) && (doc.f(k + 1) == "activity" || doc.f(k + 1) == "activities")) break;
    }
    PlaceInfo p;
    std::size_t n = match_place(doc, k, p);
    // "presentation of “Kaunas – European Capital of Culture”": a place that
    // opens a quoted name is part of the name.
    bool quoted_name = k > 0 && doc.toks[k - 1].kind == Tok::kPunct && is_open_quote(doc.toks[k - 1].cp) &&
                       doc.glued(k);
    if (n && quoted_name) {
      k += n - 1;
      continue;
    }
    if (n && !starts_org_name(doc, k, n)) {
      if (!p.is_country && !have_city) {
        city = {k, n, p};
        have_city = true;
      } else if (p.is_country && !have_country) {
        country = {k, n, p};
        have_country = true;
      }
      k += n - 1;
      continue;
    }
    // "in Carnikava (Latvia)": an unknown place with its country.
    if (!have_city && k > a && doc.is_word(k - 1, "in") && doc.upper(k) && doc.is_punct(k + 1, '(')) {
      std::size_t close = k + 2;
      while (close < b && close < k + 5 && !doc.is_punct(close, ')')) ++close;
      if (doc.is_punct(close, ')')) {
        std::string c = country_in_range(doc, k + 2, close);
        if (!c.empty()) {
          city = {k, 1, PlaceInfo{std::string(doc.raw(k)), c, false, false}};
          have_city = true;
        }
      }
    }
    // "to Icelandic counterparts": a demonym after "to"/"in" names a country.
    if (!have_country && k > a && (doc.is_word(k - 1, "to") || doc.is_word(k - 1, "in")) && doc.upper(k) &&
        is_demonym(doc.f(k))) {
      std::string c = country_word_at(doc, k);
      PlaceInfo p2;
      p2.country = c;
      p2.is_country = true;
      p2.name = country_name(c, doc.language.empty() ? "en" : doc.language);
      country = {k, 1, p2};
      have_country = true;
    }
  }
  if (have_city) {
    out = city;
    return true;
  }
  if (have_country) {
    out = country;
    return true;
  }
  return false;
}

// The line's label ("Date:", "Vieta:") when the line starts with one of
// `words` followed by ':'; the token after the colon, or 0.
std::size_t line_label(const Doc& doc, const Range& line, std::initializer_list<std::string_view> words) {
  std::size_t k = line.first;
  if (!doc.is_word(k) || !doc.is_punct(k + 1, ':')) return 0;  // cheap test first: most lines are prose
  bool hit = false;
  for (auto w : words) hit |= doc.f(k) == w;
  if (!hit) return 0;
  return doc.is_punct(k + 1, ':') ? k + 2 : 0;
}

// An event announced as a box of labelled lines (conference programmes,
// invitations): a heading naming it, then "Date: 17 November 2022" and
// "Venue: Panevėžys, Cultural Centre Ekranas" / "Data: ..." and "Vieta: ...".
void labelled_event(const Doc& doc, Range block, const std::vector<DateMention>& dates,
                    std::vector<model::Event>& out, std::vector<std::size_t>& sentence_of_event) {
  if (block.empty()) return;
  const std::size_t l0 = doc.toks[block.first].line;
  const std::size_t l1 = doc.toks[block.last - 1].line + 1;
  for (std::size_t li = l0; li < l1 && li < doc.lines.size(); ++li) {
    const Range& line = doc.lines[li];
    std::size_t v = line_label(doc, line, {"date", "dates", "data", "when", "kada", "datums", "dato"});
    if (!v) continue;
    auto it = std::lower_bound(dates.begin(), dates.end(), v,
                               [](const DateMention& d, std::size_t x) { return d.first < x; });
    if (it == dates.end() || it->first >= line.last || !it->start || it->yearless) continue;
    model::Event e;
    e.start = it->start;
    if (it->range) e.end = it->end;
    e.span = doc.span(line.first, line.last);
    // The place from a venue line near it.
    for (std::size_t lj = li > l0 + 3 ? li - 3 : l0; lj < std::min(l1, li + 4) && !e.place; ++lj) {
      std::size_t pv = line_label(doc, doc.lines[lj], {"venue", "place", "where", "location", "vieta", "kur",
                                                       "vieta", "sted", "vieta", "norises"});
      if (!pv) continue;
      for (std::size_t k = pv; k < doc.lines[lj].last; ++k) {
        PlaceInfo p;
        if (std::size_t n = match_place(doc, k, p); n > 0) {
          e.place = p.name;
          e.country = p.country;
          break;
        }
      }
    }
    // The title: the nearest line above that names an event.
    for (std::size_t lj = li; lj > l0 && li - lj < 4;) {
      --lj;
      const Range& h = doc.lines[lj];
      bool named = false;
      for (std::size_t k = h.first; k < h.last && !named; ++k) named = doc.is_word(k) && trigger(doc.f(k));
      if (named && h.last - h.first <= 16) {
        e.title = clean(doc.raw(h.first, h.last));
        break;
      }
    }
    if (!e.place && !e.title) continue;
    out.push_back(std::move(e));
    sentence_of_event.push_back(doc.toks[line.first].sentence);
  }
}

}  // namespace

std::int32_t trigger_fact(std::string_view w) { return trigger(w) ? 1 : 0; }

void event_words(std::vector<std::string_view>& out) {
  for (auto w : trigger_words()) out.push_back(w);
}

std::vector<model::Event> find_events(const Doc& doc, Range block, const std::vector<DateMention>& dates,
                                      const std::vector<model::Participation>& orgs) {
  // Towns known from organisation names: "Karlshamn Municipality (Sweden)".
  std::vector<std::string> folded_orgs;  // folded once, on first use
  auto town_country = [&](std::string_view folded_word) -> std::string {
    if (folded_orgs.empty()) {
      folded_orgs.reserve(orgs.size());
      for (const auto& o : orgs) folded_orgs.push_back(o.country ? fold_text(o.name) : std::string());
    }
    for (std::size_t n = 0; n < orgs.size(); ++n) {
      const auto& o = orgs[n];
      if (!o.country) continue;
      const std::string& f = folded_orgs[n];
      if (starts_with(f, folded_word) && (f.size() == folded_word.size() || f[folded_word.size()] == ' ')) {
        return *o.country;
      }
    }
    return {};
  };
  std::vector<model::Event> out;
  std::vector<std::size_t> sentence_of_event;
  labelled_event(doc, block, dates, out, sentence_of_event);
  std::vector<std::size_t> triggers;
  for (std::size_t i = block.first; i < block.last; ++i) {
    if (!doc.is_word(i)) continue;
    std::string_view w = doc.f(i);
    if (doc.fact(WordFact::kTrigger, i)) {
      // "Tromsø Youth Debate Forum": a trigger inside a name is no event.
      if (doc.upper(i) && i > block.first && doc.upper(i - 1) && !(doc.toks[i].flags & kSentenceStart)) continue;
      // "March" the month is a date, not a march.
      if (w == "march" && (doc.is_num(i + 1) || (i > 0 && doc.is_num(i - 1)))) continue;
      // A count ("5 international meetings", "1 visit") is an indicator.
      bool counted = false;
      for (std::size_t q = i; q > block.first && i - q < 3;) {
        --q;
        if (doc.is_num(q) || (doc.is_word(q) && number_word_at(doc, q) > 0)) counted = true;
        if (!doc.is_word(q)) break;
      }
      if (counted) continue;
      triggers.push_back(i);
    } else if (!triggers.empty() && doc.toks[triggers.back()].sentence == doc.toks[i].sentence &&
               ordinal_word(w)) {
      triggers.push_back(i);  // "antrasis – Italijoje 2013 m. kovą"
    }
  }
  for (std::size_t t = 0; t < triggers.size(); ++t) {
    std::size_t i = triggers[t];
    std::size_t send = doc.sentences[doc.toks[i].sentence].last;
    std::size_t next = t + 1 < triggers.size() ? std::min(send, triggers[t + 1]) : send;
    // Word window after the trigger.
    std::size_t b = i + 1;
    int words = 0;
    while (b < send && b < block.last && words < 9) {
      if (doc.is_punct(b, ';')) break;
      if (doc.is_word(b)) ++words;
      ++b;
    }
    bool is_met = doc.f(i) == "met";
    Found place;
    bool has_place = first_place(doc, i + 1, b, place);
    // Lithuanian puts the town before the verb and the noun: "2023 m.
    // gegužės 10 d. Hamare vyko bibliotekininkų susitikimas su Norvegijos
    // kolegomis" (a country after the trigger is the colleagues' origin).
    const bool lt = doc.language == "lt";
    // The trigger's clause: back to the sentence start or a comma/semicolon.
    std::size_t s_first = std::max<std::size_t>(doc.sentences[doc.toks[i].sentence].first, block.first);
    for (std::size_t q = i; q > s_first; --q) {
      if (doc.is_punct(q - 1, ',') || doc.is_punct(q - 1, ';')) {
        s_first = q;
        break;
      }
    }
    bool place_before = false;
    if (lt && (!has_place || place.info.is_country) && (t == 0 || triggers[t - 1] < s_first)) {
      for (std::size_t k = s_first; k < i; ++k) {
        PlaceInfo p;
        std::size_t n = match_place(doc, k, p);
        if (!n) continue;
        if (!p.is_country && !starts_org_name(doc, k, n) && k + n <= i) {
          place = {k, n, p};
          has_place = true;
          place_before = true;
        }
        k += n - 1;
      }
    }
    if (!has_place || place.info.is_country) {
      // "a workshop in Sandomierz on 18–19 January 2016", "visit Lofoten":
      // a capitalised word after in/on/to (or right after "visit") that is
      // not a month, a demonym or the start of an organisation's name.
      for (std::size_t k = i + 1; k + 1 < b; ++k) {
        bool prep = doc.is_word(k, "in") || doc.is_word(k, "on") || doc.is_word(k, "to") ||
                    (k == i + 1 && (doc.f(i) == "visit" || doc.f(i) == "visited"));
        std::size_t c = (k == i + 1 && (doc.f(i) == "visit" || doc.f(i) == "visited") && doc.upper(k)) ? k : k + 1;
        if (!prep || !doc.upper(c) || (doc.toks[c].flags & kAllUpper)) continue;
        std::string_view cw = doc.f(c);
        if (month_at_word(doc, c) || is_demonym(cw) || cw == "the" || starts_org_name(doc, c, 1)) continue;
        if (!country_word_at(doc, c).empty()) continue;
        std::size_t e = c + 1;
        // "Schwedt/Oder"
        if (doc.is_punct(e, '/') && doc.glued(e) && doc.upper(e + 1) && doc.glued(e + 1)) e += 2;
        std::string country = town_country(cw);
        if (doc.is_punct(e, '(')) {
          std::size_t close = e + 1;
          while (close < b && close < e + 4 && !doc.is_punct(close, ')')) ++close;
          std::string c2 = country_in_range(doc, e + 1, close);
          if (!c2.empty()) country = c2;
        }
        if (country.empty() && !has_place) {
          // Unknown town with no country: keep it only with a date.
          country.clear();
        }
        if (country.empty()) continue;
        place.at = c;
        place.len = e - c;
        place.info = PlaceInfo{clean(doc.raw(c, e)), country, false, false, clean(doc.raw(c, e)), false};
        has_place = true;
        break;
      }
    }
    // "forums were held in Tauragė (12 May 2021), Jurbarkas (9 September
    // 2021) and Šilalė (18 November 2021)": one event per dated town.
    {
      std::vector<std::pair<Found, const DateMention*>> dated;
      for (std::size_t k = i + 1; k < send; ++k) {
        PlaceInfo p;
        std::size_t n = match_place(doc, k, p);
        if (!n || p.is_country || !doc.is_punct(k + n, '(')) {
          if (n) k += n - 1;
          continue;
        }
        auto it2 = std::lower_bound(dates.begin(), dates.end(), k + n + 1,
                                    [](const DateMention& d, std::size_t v) { return d.first < v; });
        if (it2 != dates.end() && it2->first == k + n + 1 && it2->start && !it2->yearless) {
          dated.push_back({Found{k, n, p}, &*it2});
        }
        k += n - 1;
      }
      if (dated.size() >= 2) {
        for (auto& [f, d] : dated) {
          model::Event e;
          e.title = clean(doc.raw(i, i + 1)) + " in " + f.info.name;
          e.place = f.info.name;
          e.country = f.info.country;
          e.start = d->start;
          if (d->range) e.end = d->end;
          e.span = doc.span(f.at, d->last);
          out.push_back(e);
          sentence_of_event.push_back(doc.toks[i].sentence);
        }
        continue;
      }
    }
    // Dates in the trigger's clause.
    const DateMention* date = nullptr;
    auto it = std::upper_bound(dates.begin(), dates.end(), i,
                               [](std::size_t v, const DateMention& d) { return v < d.first; });
    for (; it != dates.end() && it->first < next; ++it) {
      if (it->start && !it->yearless) {
        date = &*it;
        break;
      }
    }
    // A Lithuanian sentence may open with the date ("2023 m. gegužės 10 d.
    // Hamare vyko ... susitikimas"): a single date before the trigger in its
    // sentence, when no other trigger comes between.
    if (!date && lt && (t == 0 || triggers[t - 1] < s_first)) {
      auto first_in = std::lower_bound(dates.begin(), dates.end(), s_first,
                                       [](const DateMention& d, std::size_t v) { return d.first < v; });
      for (auto d = first_in; d != dates.end() && d->last <= i; ++d) {
        if (d->start && !d->yearless && !d->range) date = &*d;
      }
    }
    if (is_met) {
      // "met with ... in Larissa; ... in Thessaloniki; and ... in Athens":
      // one event per city.
      bool any = false;
      for (std::size_t k = i + 1; k < send; ++k) {
        if (!doc.is_word(k, "in")) continue;
        PlaceInfo p;
        std::size_t n = match_place(doc, k + 1, p);
        if (!n || p.is_country) continue;
        model::Event e;
        e.title = "Meeting in " + p.name;
        e.place = p.name;
        e.country = p.country;
        e.span = doc.span(i, k + 1 + n);
        out.push_back(e);
        sentence_of_event.push_back(doc.toks[i].sentence);
        any = true;
      }
      if (any) continue;
    }
    if (!has_place && !date) continue;
    model::Event e;
    // Title: from the clause start (after a comma, colon or "and") to the place.
    std::size_t a = i;
    for (std::size_t q = i; q > block.first && i - q < 6;) {
      --q;
      if (doc.toks[q].kind == Tok::kPunct && !is_quote(doc.toks[q].cp)) break;
      if (doc.is_word(q) && (doc.f(q) == "and" || doc.f(q) == "ir" || doc.f(q) == "the" || doc.f(q) == "a")) break;
      a = q;
    }
    std::size_t tend = has_place && !place_before ? place.at + place.len : i + 1;
    e.title = clean(doc.raw(a, tend));
    if (has_place) {
      e.place = place.info.name;
      e.country = place.info.country;
    }
    if (date) {
      e.start = date->start;
      if (date->range) e.end = date->end;
    }
    e.span = doc.span(a, std::max(tend, date ? date->last : tend));
    // One event per place and date in a record.
    bool dup = false;
    // Compare with recent events only: duplicates are near each other, and
    // this keeps a huge record linear.
    for (std::size_t k = out.size() > 32 ? out.size() - 32 : 0; k < out.size(); ++k) {
      auto& o = out[k];
      bool same_place = o.place && e.place && *o.place == *e.place;
      bool same_date = o.start && e.start && *o.start == *e.start;
      bool same_sentence = sentence_of_event[k] == doc.toks[i].sentence;
      if ((same_place && (same_date || (!o.start && !e.start) || !e.start || !o.start)) ||
          (same_date && (!o.place || !e.place))) {
        // Keep the place and dates of both.
        if (!o.place && e.place) o.place = e.place, o.country = e.country;
        if (!o.start && e.start) o.start = e.start, o.end = e.end;
        // Two different triggers at one place in one sentence are two
        // events ("March for Equality and Proud cities concert in Vilnius").
        dup = !(same_sentence && same_place && !same_date);
        if (dup) break;
      }
    }
    if (dup) continue;
    out.push_back(e);
    sentence_of_event.push_back(doc.toks[i].sentence);
  }
  return out;
}

}  // namespace tiltas::extract::detail
