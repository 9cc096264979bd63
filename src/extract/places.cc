// Places where the work happens: cities, municipalities and regions named in
// a record (countries are not places of work), in the nominative; "X
// district" when the text says so; the items of "Venue:" labels and of "the
// cities of A, B, C"; an unknown name with its country "in Carnikava
// (Latvia)". A city that only begins an organisation's name ("Kaunas
// Regional Development Agency") is not a place.
#include <algorithm>
#include <string>
#include <unordered_map>

#include "extract/internal.h"

namespace tiltas::extract::detail {
namespace {

bool org_after(const Doc& doc, std::size_t i, std::size_t n) {
  std::size_t k = i + n;
  if (k < doc.size() && doc.toks[k].kind == Tok::kPunct && doc.glued(k) &&
      (doc.toks[k].cp == '/' || is_dash(doc.toks[k].cp)) && doc.upper(k + 1)) {
    return true;
  }
  bool lower_seen = false;
  for (std::size_t q = k; q < std::min(doc.size(), k + 5); ++q) {
    if (!doc.is_word(q)) return false;
    std::string_view w = doc.f(q);
    bool qualifier = w == "district" || w == "city" || w == "county" || w == "miesto" || w == "rajono" ||
                     w == "novada" || w == "regional" || w == "municipal";
    if (!doc.upper(q) && !qualifier) return false;
    if (!doc.upper(q)) lower_seen = true;
    if (w == "municipality" || w == "agency" || w == "council" || w == "administration" || w == "office" ||
        w == "college" || w == "school" || w == "university" || w == "centre" || w == "center" ||
        w == "commune" || w == "home" || w == "capital" || w == "association" || w == "society" ||
        w == "institute" || w == "hospital" || w == "naeringsrad" || w == "savivaldybe" || w == "pasvaldiba" ||
        w == "museum" || w == "library" || w == "festival" || w == "foundation" || w == "department" ||
        w == "gymnasium" || w == "chamber" || w == "kommune" || w == "biblioteka") {
      return true;
    }
    (void)lower_seen;
  }
  return false;
}

struct Mention {
  std::string name;
  std::string country;
  int rank = 0;  // 3: the text's own nominative, 2: written uninflected, 1: restored
  model::SourceSpan span;
};

}  // namespace

std::vector<model::Place> find_places(const Doc& doc, Range block, const std::vector<model::Participation>& orgs) {
  // Per gazetteer place: its mentions; the name shown is the one the text
  // itself writes in the nominative, else the nominative of an inflected form.
  std::vector<std::pair<std::string, Mention>> found;  // key: folded nominative + country
  std::unordered_map<std::string, std::size_t> index;
  auto add = [&](const std::string& key, Mention m) {
    auto it = index.find(key);
    if (it != index.end()) {
      if (m.rank > found[it->second].second.rank) found[it->second].second = m;
      return;
    }
    index.emplace(key, found.size());
    found.emplace_back(key, std::move(m));
  };
  // Districts: "Alytus and Lazdijai districts", "Ukmergės r.", "Plungės
  // rajono", "Šunskų, Liudvinavo bei Igliškėlių seniūnijose". The names
  // before the district noun are districts, not their towns.
  std::vector<std::size_t> district_names;  // token indices already read
  const bool lt = doc.language == "lt";
  for (std::size_t i = block.first + 1; i < block.last; ++i) {
    if (!doc.is_word(i) || doc.upper(i)) continue;
    std::string_view w = doc.f(i);
    std::string_view noun;
    if (w == "district" || w == "districts") noun = "district";
    else if (lt && (starts_with(w, "rajon") || (w == "r" && doc.is_punct(i + 1, '.')))) noun = "rajonas";
    else if (lt && starts_with(w, "seniunij")) noun = "seniūnija";
    else continue;
    // Not the district's institutions: "rajono savivaldybės administracija".
    if (doc.is_word(i + 1) &&
        (starts_with(doc.f(i + 1), "savivaldyb") || starts_with(doc.f(i + 1), "administracij") ||
         starts_with(doc.f(i + 1), "municipalit") || doc.f(i + 1) == "council" || doc.f(i + 1) == "administration"))
      continue;
    std::size_t j = i;
    while (j > block.first) {
      std::size_t k = j - 1;
      if (!doc.upper(k) || doc.toks[k].flags & kSentenceStart) {
        // A sentence-initial name is a name only when the gazetteer knows it.
        PlaceInfo known;
        if (!(doc.upper(k) && match_place(doc, k, known) == 1 && !known.is_country)) break;
      }
      std::string_view kw = doc.f(k);
      if (kw == "in" || kw == "the") break;
      PlaceInfo pi;
      std::size_t n = match_place(doc, k, pi);
      if (pi.is_country && n) break;
      if (!lt && (n != 1 || pi.country.empty())) break;  // English: known towns only
      Mention d;
      d.name = std::string(doc.raw(k)) + " " + std::string(noun == "district" ? "district" : noun);
      d.country = n ? pi.country : std::string("LT");
      d.rank = 2;
      d.span = doc.span(k, i + 1);
      add(fold_text(d.name), d);
      district_names.push_back(k);
      // "A, B and C districts"
      if (k > block.first && (doc.is_punct(k - 1, ',') || doc.is_word(k - 1, "and") || doc.is_word(k - 1, "ir") ||
                              doc.is_word(k - 1, "bei"))) {
        j = k - 1;
        continue;
      }
      break;
    }
  }
  std::sort(district_names.begin(), district_names.end());
  for (std::size_t i = block.first; i < block.last; ++i) {
    if (!doc.is_word(i)) continue;
    if (std::binary_search(district_names.begin(), district_names.end(), i)) continue;
    // "Venue: Quindici (IT), Kamez (AL)"
    if (doc.line_start(i) && (doc.is_word(i, "venue") || doc.is_word(i, "venues") || doc.is_word(i, "vieta")) &&
        doc.is_punct(i + 1, ':')) {
      std::size_t e = doc.lines[doc.toks[i].line].last;
      std::size_t a = i + 2;
      for (std::size_t k = a; k <= e; ++k) {
        if (k == e || doc.is_punct(k, ',') || doc.is_punct(k, ';')) {
          std::size_t b = k;
          std::string country;
          if (b >= a + 3 && doc.is_punct(b - 1, ')') && doc.is_punct(b - 3, '(')) {
            std::string code(doc.raw(b - 2));
            if (code.size() == 2) country = code;
            b -= 3;
          }
          if (b > a) {
            Mention m;
            m.name = clean(doc.raw(a, b));
            m.country = country;
            m.rank = 2;
            m.span = doc.span(a, b);
            add(fold_text(m.name), m);
          }
          a = k + 1;
        }
      }
      i = e - 1;
      continue;
    }
    // "the cities of A, B, C on ...": every item is a place.
    if ((doc.is_word(i, "cities") || doc.is_word(i, "towns")) && doc.is_word(i + 1, "of") && doc.upper(i + 2)) {
      std::size_t send = doc.sentences[doc.toks[i].sentence].last;
      std::size_t a = i + 2;
      for (std::size_t k = a; k < send; ++k) {
        bool sep = doc.is_punct(k, ',') || doc.is_word(k, "and");
        bool stop = doc.is_word(k) && !doc.upper(k) && !doc.is_word(k, "and");
        if (sep || stop || k + 1 == send) {
          std::size_t b = (k + 1 == send && !sep && !stop) ? k + 1 : k;
          if (b > a && doc.upper(a)) {
            Mention m;
            PlaceInfo p;
            std::size_t n = match_place(doc, a, p);
            m.name = n == b - a ? p.name : clean(doc.raw(a, b));
            if (n == b - a) m.country = p.country;
            m.rank = 2;
            m.span = doc.span(a, b);
            add(fold_text(m.name), m);
          }
          a = k + 1;
          if (stop) break;
        }
      }
      i = send - 1;
      continue;
    }
    PlaceInfo p;
    std::size_t n = match_place(doc, i, p);
    if (!n) {
      // "in Carnikava (Latvia)"
      if (i > block.first && doc.is_word(i - 1, "in") && doc.upper(i) && doc.is_punct(i + 1, '(') &&
          doc.is_punct(i + 3, ')') && doc.is_word(i + 2)) {
        std::string c = country_in_range(doc, i + 2, i + 3);
        if (!c.empty()) {
          Mention m;
          m.name = std::string(doc.raw(i));
          m.country = c;
          m.rank = 2;
          m.span = doc.span(i, i + 1);
          add(fold_text(m.name), m);
        }
      }
      continue;
    }
    if (p.is_country) {
      i += n - 1;
      continue;
    }
    if (org_after(doc, i, n)) {
      i += n - 1;
      continue;
    }
    // A dateline ("VILNIUS, 14 March 2023 –", "Kaunas, 2023 m. kovo 2 d. –")
    // says where the news was written, not where the work happens.
    if (doc.line_start(i) && doc.is_punct(i + n, ',') &&
        (doc.is_num(i + n + 1) || (doc.is_word(i + n + 1) && month_at_word(doc, i + n + 1)))) {
      std::size_t q = i + n + 1;
      while (q < block.last && q < i + n + 9 && doc.toks[q].kind != Tok::kPunct) ++q;
      while (q < block.last && q < i + n + 10 && doc.is_punct(q, '.')) ++q;
      if (q < block.last && doc.toks[q].kind == Tok::kPunct && is_dash(doc.toks[q].cp)) {
        i += n - 1;
        continue;
      }
    }
    // A town inside a participant's name ("Syklistforeningen Trondheim",
    // "Plungės krašto moterų klubas") says who, not where.
    {
      bool in_org = false;
      const std::uint32_t b0 = doc.toks[i].begin, b1 = doc.toks[i + n - 1].end;
      for (const auto& o : orgs) {
        if (o.span && o.span->start <= b0 && b1 <= o.span->end) in_org = true;
      }
      if (in_org) {
        i += n - 1;
        continue;
      }
    }
    Mention m;
    m.country = p.country;
    if (p.inflected) {
      m.name = p.name;
      m.rank = 1;
    } else {
      m.name = p.written;
      m.rank = p.written == p.name ? 3 : 2;
    }
    m.span = doc.span(i, i + n);
    // The nominative of the place regardless of how it was written: key by
    // the gazetteer's reading so that "Osle" and "Oslas" are one place.
    std::string key = fold_text(p.name) + "|" + p.country;
    // "Kaunas district" / "Kauno rajono": a second, distinct place.
    std::size_t k = i + n;
    if (doc.is_word(k) && (doc.f(k) == "district" || doc.f(k) == "region") && !doc.upper(k)) {
      Mention d = m;
      d.name = p.name + " " + std::string(doc.raw(k));
      d.span = doc.span(i, k + 1);
      d.rank = 2;
      add(fold_text(d.name), d);
      i = k;
      continue;
    }
    // Alternative readings of the same place ("Oslo" in a Lithuanian text is
    // the genitive of "Oslas") share the key through the gazetteer name.
    add(key, m);
    i += n - 1;
  }
  std::vector<model::Place> out;
  for (auto& [key, m] : found) {
    model::Place pl;
    pl.name = m.name;
    if (!m.country.empty()) pl.country = m.country;
    pl.span = m.span;
    out.push_back(pl);
  }
  return out;
}

}  // namespace tiltas::extract::detail
