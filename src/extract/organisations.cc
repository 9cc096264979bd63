// Organisations with role and country.
//
// Sources, in order of trust:
//  - label blocks: "Project Promoter:", "BR Promoter", "Partner(s):",
//    "Coordinator:", "Projekta vadošais partneris:", "Funded by:", with
//    inline sub-labels ("Country: Norway") and "(Norway)" / "(IT)" suffixes;
//  - sentences of the genre: "implemented by X together with partners A, B",
//    "Projektą įgyvendina X kartu su partneriais: A, B ir C", "the lead
//    partner, the City of X", "with the cities of A, B", "partners - the A
//    and the B", "Speakers from A, B", "met with the following organizations:
//    ...", "by the X Agency", "X and <known partner>" (the other side of a
//    bilateral initiative);
//  - Lithuanian noun phrases headed by an institution noun in any case
//    ("Usėnų pagrindinės mokyklos" -> "Usėnų pagrindinė mokykla").
// Country: stated, else a place or country named in the name, else the
// letters and words of the name's language, else the page's home country.
#include <algorithm>
#include <string>
#include <unordered_set>
#include <unordered_map>

#include "extract/internal.h"

namespace tiltas::extract::detail {
namespace {

using model::Participation;
using model::Role;

bool word_in(std::string_view w, std::initializer_list<std::string_view> list) {
  for (auto x : list) {
    if (w == x) return true;
  }
  return false;
}

// English (and a few other) head nouns of organisation names, folded.
const std::unordered_set<std::string_view>& en_org_heads() {
  static const std::unordered_set<std::string_view> heads = {
      "municipality", "municipalities", "agency", "council", "administration", "association",
      "associasion", "foundation", "university", "school", "college", "ministry", "office", "centre",
      "center", "society", "organisation", "organization", "institute", "institution", "commune",
      "comune", "chamber", "library", "museum", "department", "division", "union", "network",
      "federation", "board", "authority", "hospital", "academy", "group", "charter", "community",
      "club", "company", "cooperative", "trust", "unit", "festival", "theatre", "theater",
      "mechanisms", "mechanism", "grants", "fund", "programme", "lab", "laboratory", "service",
      "services", "kommune", "fylkeskommune", "forening", "stiftelse", "fundacja", "stowarzyszenie",
      "szkola", "gmina", "pasvaldiba", "biedriba", "skola", "biblioteka", "fondas", "savivaldybe",
      "as", "asa", "ngo", "nno", "government", "parliament", "police", "court", "capital", "chapter",
      "coalition", "enterprise", "naeringsrad", "utdanning", "platform", "movement", "party", "home", "guild", "associazione", "verein", "stiftung", "kommune"};
  return heads;
}
bool en_org_head(std::string_view w) { return en_org_heads().count(w) > 0; }

bool en_org_head_at(const Doc& doc, std::size_t i) {
  return doc.fact(WordFact::kEnOrgHead, i);
}

bool fund_like(std::string_view w) {
  return word_in(w, {"fund", "fondas", "fonds", "fonda", "programme", "program", "programa", "programma",
                     "mechanisms", "mechanism", "grants", "interreg", "programos", "fondo"});
}

bool function_word(std::string_view w) {
  return word_in(w, {"of", "the", "for", "and", "de", "di", "da", "del", "der", "des", "du", "la", "le",
                     "im", "w", "og", "i", "und", "van", "von", "in", "on", "under", "ir", "un", "&"});
}

struct Cand {
  std::size_t a = 0, b = 0;  // tokens
  std::string name;          // when not simply raw(a, b)
  std::string country;
  Role role = Role::kPartner;
  bool from_label = false;
  bool foreign_list = false;  // items of "the cities of ...": no home default
};

// Trims tokens: leading "the", "and", punctuation; trailing punctuation.
void trim_range(const Doc& doc, std::size_t& a, std::size_t& b) {
  while (a < b) {
    if (doc.toks[a].kind == Tok::kPunct && !is_open_quote(doc.toks[a].cp) && doc.toks[a].cp != '(' &&
        !(doc.toks[a].cp == ',' && doc.is_punct(a + 1, ','))) {
      ++a;
      continue;
    }
    if (doc.is_word(a) && word_in(doc.f(a), {"the", "and", "ir", "un", "og", "a", "an"}) &&
        !(doc.toks[a].flags & kAllUpper)) {
      ++a;
      continue;
    }
    break;
  }
  while (b > a && doc.toks[b - 1].kind == Tok::kPunct &&
         !is_close_quote(doc.toks[b - 1].cp) && doc.toks[b - 1].cp != ')') {
    --b;
  }
}

// A trailing "(Norway)" / "(IT)" / "in Lithuania": the country, and the
// range without it.
std::string strip_country(const Doc& doc, std::size_t a, std::size_t& b) {
  if (b >= a + 3 && doc.is_punct(b - 1, ')')) {
    std::size_t open = b - 1;
    while (open > a && !doc.is_punct(open, '(') && b - open < 6) --open;
    if (doc.is_punct(open, '(') && open > a) {
      std::string_view inside = doc.raw(open + 1, b - 1);
      std::string code;
      if (inside.size() == 2 && inside[0] >= 'A' && inside[0] <= 'Z' && inside[1] >= 'A' && inside[1] <= 'Z') {
        code = inside == "UK" ? "GB" : (inside == "EL" ? "GR" : std::string(inside));
      } else {
        code = country_in_range(doc, open + 1, b - 1);
      }
      if (!code.empty()) {
        b = open;
        return code;
      }
    }
  }
  // "SOCIAL SMART in Lithuania"
  if (b >= a + 3 && doc.is_word(b - 2, "in")) {
    PlaceInfo p;
    if (match_place(doc, b - 1, p) == 1) {
      b = b - 2;
      return p.country;
    }
  }
  return {};
}

// Splits [a, b) at separators (outside quotes and parentheses).
std::vector<std::pair<std::size_t, std::size_t>> split(const Doc& doc, std::size_t a, std::size_t b,
                                                       bool commas, bool conj_free) {
  std::vector<std::pair<std::size_t, std::size_t>> parts;
  int depth = 0;
  bool in_quote = false;
  std::size_t start = a;
  auto has_head = [&](std::size_t x, std::size_t y) {
    for (std::size_t k = x; k < y; ++k) {
      if (!doc.is_word(k)) continue;
      if (doc.is_word(k) && (en_org_head_at(doc, k) || is_org_head_at(doc, k) || lt_head_at(doc, k))) return true;
    }
    return false;
  };
  for (std::size_t k = a; k < b; ++k) {
    const Token& t = doc.toks[k];
    if (t.kind == Tok::kPunct) {
      if (t.cp == '(') ++depth;
      else if (t.cp == ')') depth = std::max(0, depth - 1);
      else if (is_quote(t.cp) && t.cp != 0x2019) in_quote = is_open_quote(t.cp) && !in_quote ? true : (is_close_quote(t.cp) ? false : in_quote);
      if (depth || in_quote) continue;
      bool sep = t.cp == ';' || (commas && t.cp == ',' && !doc.is_punct(k + 1, ',') && !(k > a && doc.is_punct(k - 1, ','))) ||
                 (t.cp == '/' && (t.flags & kSpaceBefore)) || (conj_free && (t.cp == '&' || t.cp == '/'));
      if (sep) {
        if (k > start) parts.push_back({start, k});
        start = k + 1;
      }
      continue;
    }
    if (depth || in_quote) continue;
    if (t.kind == Tok::kWord && word_in(doc.f(k), {"and", "ir", "un", "og", "oraz"}) && !(t.flags & kUpperInitial)) {
      std::size_t right_end = k + 1;
      while (right_end < b && !doc.is_punct(right_end, ',') && !doc.is_punct(right_end, ';')) ++right_end;
      bool do_split = conj_free || (has_head(start, k) && has_head(k + 1, right_end));
      if (do_split && k > start) {
        parts.push_back({start, k});
        start = k + 1;
      }
    }
  }
  if (b > start) parts.push_back({start, b});
  return parts;
}

// The letters and words of a name's language.
std::string country_by_language(const Doc& doc, std::size_t a, std::size_t b) {
  std::string_view raw = doc.raw(a, b);
  auto has = [&](std::initializer_list<std::string_view> xs) {
    for (auto x : xs) {
      if (raw.find(x) != std::string_view::npos) return true;
    }
    return false;
  };
  for (std::size_t k = a; k < b; ++k) {
    if (!doc.is_word(k)) continue;
    std::string_view w = doc.f(k);
    if (word_in(w, {"fundacja", "stowarzyszenie", "szkola", "gmina", "powiat", "urzad", "towarzystwo",
                    "fundacji", "spoldzielnia", "podstawowa"}))
      return "PL";
    if (word_in(w, {"kommune", "fylkeskommune", "forening", "stiftelse", "norge", "as", "asa"}) &&
        !(w == "as" && !(doc.toks[k].flags & kAllUpper)))
      return "NO";
    if (word_in(w, {"pasvaldiba", "biedriba", "novada", "pagasta"})) return "LV";
    if (word_in(w, {"savivaldybe", "asociacija", "bendruomene", "vsi", "uab", "mokykla", "gimnazija"}))
      return "LT";
    if (word_in(w, {"comune", "associazione", "provincia"})) return "IT";
  }
  if (has({"ł", "ż", "ś", "ć", "ń", "Ł", "Ż", "Ś"})) return "PL";
  if (has({"ø", "æ", "å", "Ø", "Æ", "Å"})) return "NO";
  // "ū" is Lithuanian too; these are Latvian only.
  if (has({"ā", "ē", "ī", "ģ", "ķ", "ļ", "ņ", "Ā", "Ē", "Ī"})) return "LV";
  if (has({"ė", "ų", "į", "Ė", "Ų", "Į"})) return "LT";
  if (has({"ð", "þ", "Þ"})) return "IS";
  // Greek capitals
  for (std::size_t k = a; k < b; ++k) {
    std::string_view r = doc.raw(k);
    if (!r.empty() && (static_cast<unsigned char>(r[0]) == 0xCE || static_cast<unsigned char>(r[0]) == 0xCF)) {
      return "GR";
    }
  }
  return {};
}

// Country named inside the name: "Oslo City Municipality", "University
// Hospital of North Norway", "Lithuanian Diversity Charter".
std::string country_in_name(const Doc& doc, std::size_t a, std::size_t b) {
  std::string city;
  for (std::size_t k = a; k < b; ++k) {
    PlaceInfo p;
    if (std::size_t n = match_place(doc, k, p); n) {
      if (p.is_country) return p.country;
      if (city.empty()) city = p.country;
      k += n - 1;
      continue;
    }
    if (doc.is_word(k) && (doc.toks[k].flags & kUpperInitial)) {
      std::string c = country_word_at(doc, k);
      if (!c.empty()) return c;
    }
  }
  return city;
}

bool is_fund_name(const Doc& doc, std::size_t a, std::size_t b) {
  for (std::size_t k = a; k < b; ++k) {
    if (doc.is_word(k) && fund_like(doc.f(k))) return true;
  }
  return false;
}

std::size_t line_end(const Doc& doc, std::size_t i) { return doc.lines[doc.toks[i].line].last; }

// --- labels -----------------------------------------------------------------

struct Label {
  std::vector<std::string_view> words;
  Role role;
  bool plural;
};

const std::vector<Label>& labels() {
  static const std::vector<Label> l = {
      {{"project", "promoter"}, Role::kPromoter, false}, {{"br", "promoter"}, Role::kPromoter, false},
      {{"promoter"}, Role::kPromoter, false},            {{"coordinator"}, Role::kPromoter, false},
      {{"lead", "partner"}, Role::kPromoter, false},     {{"projekto", "vykdytojas"}, Role::kPromoter, false},
      {{"vykdytojas"}, Role::kPromoter, false},          {{"pareiskejas"}, Role::kPromoter, false},
      {{"projekta", "vadosais", "partneris"}, Role::kPromoter, false},
      {{"vadosais", "partneris"}, Role::kPromoter, false}, {{"applicant"}, Role::kPromoter, false},
      {{"lead", "applicant"}, Role::kPromoter, false},   {{"beneficjent"}, Role::kPromoter, false},
      {{"wnioskodawca"}, Role::kPromoter, false},        {{"prosjekteier"}, Role::kPromoter, false},
      {{"project", "partners"}, Role::kPartner, true},   {{"partners"}, Role::kPartner, true},
      {{"partner"}, Role::kPartner, false},              {{"projekto", "partneriai"}, Role::kPartner, true},
      {{"partneriai"}, Role::kPartner, true},            {{"projekta", "partneri"}, Role::kPartner, true},
      {{"partneri"}, Role::kPartner, true},              {{"partnerzy"}, Role::kPartner, true},
      {{"partneris"}, Role::kPartner, false},            {{"funded", "by"}, Role::kFunder, true},
      {{"financed", "by"}, Role::kFunder, true},         {{"projektu", "lidzfinanse"}, Role::kFunder, false},
      {{"lidzfinanse"}, Role::kFunder, false},           {{"funder"}, Role::kFunder, false},
  };
  return l;
}

// Inline labels that end a value on the same line.
bool inline_label_at(const Doc& doc, std::size_t k) {
  if (!doc.is_word(k)) return false;
  std::string_view w = doc.f(k);
  bool colon = doc.is_punct(k + 1, ':');
  if (colon && word_in(w, {"summary", "country", "call", "duration", "description", "website", "budget",
                           "amount", "partners", "partner", "implementation", "aim", "valsts", "salis",
                           "partneris", "partneriai", "promoter", "period", "laikotarpis", "biudzetas",
                           "suma", "trukme", "coordinator"}))
    return true;
  // A dash label: "Projekto vykdytojas – X, partneris – Y".
  if (k > 0 && doc.is_punct(k - 1, ',') && k + 1 < doc.size() && doc.toks[k + 1].kind == Tok::kPunct &&
      is_dash(doc.toks[k + 1].cp) && word_in(w, {"partneris", "partneriai", "partner", "partners"}))
    return true;
  if (word_in(w, {"grant"}) && doc.is_word(k + 1, "amount")) return true;
  return false;
}

// A word glued to an inline label: "ASCountry", "DevelopmentCountry". The
// byte offset where the label starts inside the token, or 0.
std::size_t glued_label_offset(const Doc& doc, std::size_t k) {
  if (!doc.is_word(k) || !doc.is_punct(k + 1, ':')) return 0;
  std::string_view raw = doc.raw(k);
  static const std::string_view inl[] = {"Country", "Summary", "Partner", "Call"};
  for (auto l : inl) {
    if (raw.size() > l.size() && ends_with(raw, l)) return raw.size() - l.size();
  }
  return 0;
}

void read_labels(const Doc& doc, Range block, std::vector<Cand>& out) {
  for (std::size_t i = block.first; i < block.last; ++i) {
    if (!doc.line_start(i) && !(i > block.first && doc.is_punct(i - 1, ')'))) {
      // Labels also open after a closing parenthesis of a previous value in
      // run-together text; otherwise only at line starts.
      if (!(doc.is_word(i) && doc.upper(i) && i > 0 && doc.toks[i - 1].kind == Tok::kPunct)) continue;
      if (!doc.line_start(i)) continue;
    }
    for (const Label& l : labels()) {
      std::size_t k = i, m = 0;
      std::size_t value_byte = 0;
      while (m < l.words.size()) {
        if (!doc.is_word(k)) break;
        std::string_view w = doc.f(k);
        if (w == l.words[m]) {
          ++m, ++k;
          continue;
        }
        // Glued: "PromoterInternational", "PartnerNOAS".
        if (m + 1 == l.words.size() && starts_with(w, l.words[m])) {
          std::string_view raw = doc.raw(k);
          std::size_t cut = l.words[m].size();
          unsigned char c = static_cast<unsigned char>(raw[cut]);
          if ((c >= 'A' && c <= 'Z') || c >= 0x80) {
            value_byte = doc.toks[k].begin + cut;
            ++m;
            break;
          }
        }
        break;
      }
      if (m != l.words.size()) continue;
      std::size_t a;
      if (value_byte) {
        a = k;  // the glued token holds the start of the value
      } else if (doc.is_punct(k, ':')) {
        a = k + 1;
      } else {
        continue;
      }
      std::size_t e = line_end(doc, i);
      // The value may continue on the next line when the label line is empty.
      if (a >= e && e < block.last) {
        a = e;
        e = line_end(doc, e);
      }
      // Stop at an inline label ("Summary:", "ASCountry:").
      std::size_t stop = e;
      std::string country;
      std::size_t glued_cut = 0;
      for (std::size_t q = a; q < e; ++q) {
        if (q > a && inline_label_at(doc, q)) {
          stop = q;
          break;
        }
        if (std::size_t off = glued_label_offset(doc, q); off) {
          stop = q + 1;
          glued_cut = doc.toks[q].begin + off;
          break;
        }
      }
      // "Country: Norway" after the value.
      for (std::size_t q = stop; q < e; ++q) {
        if ((doc.is_word(q, "country") || glued_label_offset(doc, q)) && doc.is_punct(q + 1, ':')) {
          std::size_t ce = q + 2;
          while (ce < e && !inline_label_at(doc, ce) && !glued_label_offset(doc, ce)) ++ce;
          country = country_in_range(doc, q + 2, ce);
          break;
        }
      }
      if (l.role == Role::kFunder || l.plural) {
        std::size_t b = stop;
        for (auto [pa, pb] : split(doc, a, b, true, false)) {
          // Addresses: "Ludzas novada pašvaldība, Raiņa iela 16, Ludza" — the
          // plural split made each comma part an item; rejoin below.
          Cand c;
          c.a = pa;
          c.b = pb;
          c.role = l.role;
          c.from_label = true;
          out.push_back(c);
        }
      } else {
        // "Ludzas novada pašvaldība, Raiņa iela 16, Ludza": the part after
        // the first comma is an address when a house number follows; its
        // last town or country gives the country.
        for (std::size_t q = a; q < stop; ++q) {
          if (!doc.is_punct(q, ',')) continue;
          std::size_t r = q + 1;
          while (r < stop && !doc.is_punct(r, ',')) ++r;
          bool number = false;
          for (std::size_t t = q + 1; t < r; ++t) number |= doc.is_num(t);
          if (!number) break;
          for (std::size_t t = r; t < stop; ++t) {
            PlaceInfo p;
            if (std::size_t n = match_place(doc, t, p); n) {
              if (country.empty() || p.is_country) country = p.country;
              t += n - 1;
            }
          }
          stop = q;
          break;
        }
        Cand c;
        c.a = a;
        c.b = stop;
        c.role = l.role;
        c.from_label = true;
        c.country = country;
        if (value_byte || glued_cut) {
          std::size_t from = value_byte ? value_byte : doc.toks[a].begin;
          std::size_t to = glued_cut ? glued_cut : doc.toks[stop - 1].end;
          if (to > from) c.name = clean(doc.text.substr(from, to - from));
        }
        out.push_back(c);
      }
      i = stop > i ? stop - 1 : i;
      break;
    }
  }
}

// Rejoins address parts: in "X, Raiņa iela 16, Ludza, Lietuva / Y" the parts
// after a part with a house number are the address of the part before.
void fold_addresses(const Doc& doc, std::vector<Cand>& cands) {
  std::vector<Cand> out;
  for (std::size_t k = 0; k < cands.size(); ++k) {
    Cand c = cands[k];
    if (!c.from_label) {
      out.push_back(c);
      continue;
    }
    // Is the next part an address (contains a number)?
    std::size_t j = k + 1;
    bool address = false;
    while (j < cands.size() && cands[j].from_label && cands[j].role == c.role) {
      bool has_num = false;
      for (std::size_t q = cands[j].a; q < cands[j].b; ++q) has_num |= doc.is_num(q);
      if (has_num && !address) {
        address = true;
        ++j;
        continue;
      }
      if (!address) break;
      // After the street part: a city or country ends the address.
      PlaceInfo p;
      std::size_t a = cands[j].a;
      while (a < cands[j].b && doc.toks[a].kind == Tok::kPunct) ++a;
      if (match_place(doc, a, p) && a + match_place(doc, a, p) >= cands[j].b) {
        if (c.country.empty() || p.is_country) c.country = p.country;
        ++j;
        continue;
      }
      break;
    }
    out.push_back(c);
    k = j - 1;
  }
  cands = std::move(out);
}

// --- sentences --------------------------------------------------------------

// Items of a list [a, b) up to the first item that stops looking like a name.
void list_items(const Doc& doc, std::size_t a, std::size_t b, Role role, bool conj_free,
                std::vector<Cand>& out, bool foreign = false) {
  for (auto [pa, pb] : split(doc, a, b, true, conj_free)) {
    std::size_t x = pa, y = pb;
    trim_range(doc, x, y);
    if (x >= y) continue;
    // Cut at the first lower-case word that is not a function word or an
    // institution noun (end of the list inside a sentence).
    std::size_t cut = y;
    for (std::size_t q = x; q < y; ++q) {
      if (doc.is_word(q) && !(doc.toks[q].flags & kUpperInitial) && !function_word(doc.f(q)) &&
          !en_org_head_at(doc, q) && !is_org_head_at(doc, q) && !lt_head_at(doc, q)) {
        bool in_lt_name = doc.language == "lt" || doc.language == "lv";
        if (!in_lt_name) {
          cut = q;
          break;
        }
      }
    }
    std::size_t y2 = cut;
    while (y2 > x && doc.is_word(y2 - 1) && function_word(doc.f(y2 - 1))) --y2;
    if (y2 <= x) break;
    if (!doc.upper(x) && !(doc.toks[x].kind == Tok::kPunct && is_open_quote(doc.toks[x].cp))) break;
    {
      PlaceInfo pl;
      std::size_t n = match_place(doc, x, pl);
      if (n && x + n == y2 && pl.is_country) {
        if (cut < y) break;
        continue;  // "Speakers from ..., Lithuania, ...": a country is not an organisation
      }
    }
    Cand c;
    c.a = x;
    c.b = y2;
    c.role = role;
    c.foreign_list = foreign;
    // "... in Thessaloniki": the place is not part of the name.
    std::string country = strip_country(doc, c.a, c.b);
    c.country = country;
    out.push_back(c);
    if (cut < y) break;  // the list ended inside this item
  }
}

std::size_t sentence_end(const Doc& doc, std::size_t i) {
  if (i >= doc.size()) return doc.size();
  return doc.sentences[doc.toks[i].sentence].last;
}

// Words that open one of the sentence patterns of read_sentences(); any
// other word is skipped with one lookup.
const std::unordered_set<std::string_view>& openers() {
  static const std::unordered_set<std::string_view> set = {
      "implemented", "led", "coordinated", "carried", "igyvendina", "vykdo", "lead", "cities", "towns",
      "municipalities", "partners", "partneriai", "speakers", "representatives", "experts", "met",
      "visited", "susitiko", "by", "partner", "partneris", "with", "su"};
  return set;
}

void read_sentences(const Doc& doc, Range block, std::vector<Cand>& out) {
  const std::size_t first = block.first, last = block.last;
  for (std::size_t i = first; i < last; ++i) {
    if (!doc.is_word(i) || !doc.fact(WordFact::kOrgOpener, i)) continue;
    std::string_view w = doc.f(i);
    std::size_t send = std::min<std::size_t>(sentence_end(doc, i), last);
    // "implemented by X together with (international) partners A, B"
    // "Projektą įgyvendina X kartu su (tarptautiniais) partneriais: A, B ir C"
    bool en_impl = (w == "implemented" || w == "led" || w == "coordinated" || w == "carried") &&
                   (doc.is_word(i + 1, "by") || (doc.is_word(i + 1, "out") && doc.is_word(i + 2, "by")));
    bool lt_impl = (w == "igyvendina" || w == "vykdo") && i > first && doc.is_word(i - 1) &&
                   starts_with(doc.f(i - 1), "projekt");
    if (en_impl || lt_impl) {
      std::size_t a = i + (doc.is_word(i + 1, "out") ? 3 : (en_impl ? 2 : 1));
      std::size_t b = a;
      while (b < send && !doc.is_word(b, "together") && !doc.is_word(b, "kartu") && !doc.is_word(b, "with") &&
             !doc.is_word(b, "su") && !doc.is_word(b, "bendradarbiaudamas") &&
             !doc.is_word(b, "bendradarbiaudama") && !doc.is_word(b, "bendradarbiaujant") && !doc.is_word(b, "o") &&
             !doc.is_punct(b, ',') && !doc.is_word(b, "in") && !(doc.is_word(b, "and") && doc.is_word(b + 1, "partners")))
        ++b;
      std::size_t x = a, y = b;
      trim_range(doc, x, y);
      if (y > x && y - x <= 14 && (doc.upper(x) || (doc.toks[x].kind == Tok::kPunct && is_open_quote(doc.toks[x].cp)))) {
        Cand c;
        c.a = x;
        c.b = y;
        c.role = model::Role::kPromoter;
        out.push_back(c);
      }
      // The partners list.
      for (std::size_t k = b; k < send && k < b + 8; ++k) {
        if (doc.is_word(k) && (starts_with(doc.f(k), "partner"))) {
          std::size_t s = k + 1;
          if (doc.is_punct(s, ':')) ++s;
          list_items(doc, s, send, model::Role::kPartner, false, out);
          break;
        }
      }
      i = send - 1;
      continue;
    }
    // A partner named by its country: "our Norwegian partner, the Norwegian
    // Red Cross", "the Norwegian partner Bergen Municipality", "Our Icelandic
    // partner is ...", "Islandijos partneris – Reykjavík City Library", "our
    // partners from Poland, the Gdańsk Foundation ...".
    if ((w == "partner" || w == "partneris" || w == "partners" || w == "partneriai") && i > first) {
      std::string cc;
      std::size_t a = i + 1;
      if (doc.is_word(i - 1)) cc = country_word_at(doc, i - 1);
      if (cc.empty() && (doc.is_word(i + 1, "from") || doc.is_word(i + 1, "is")) && doc.is_word(i + 2)) {
        PlaceInfo p;
        if (match_place(doc, i + 2, p) == 1 && p.is_country) {
          cc = p.country;
          a = i + 3;
        }
      }
      if (!cc.empty() && !(doc.is_word(i - 2, "lead") || doc.is_word(i - 1, "lead"))) {
        if (doc.is_punct(a, ',') || (a < send && doc.toks[a].kind == Tok::kPunct && is_dash(doc.toks[a].cp))) ++a;
        if (doc.is_word(a, "is") || doc.is_word(a, "yra") || doc.is_word(a, "was")) ++a;
        if (doc.is_word(a, "the")) ++a;
        std::size_t b = a;
        while (b < send && b < a + 12 &&
               (doc.upper(b) || (doc.is_word(b) && function_word(doc.f(b)) && doc.upper(b + 1)) ||
                (doc.is_word(b, "of") && doc.is_word(b + 1, "the") && doc.upper(b + 2)) ||
                (doc.is_word(b, "the") && b > a && doc.is_word(b - 1, "of") && doc.upper(b + 1)) ||
                (b > a && doc.toks[b].kind == Tok::kPunct && (doc.toks[b].cp == '-' || is_quote(doc.toks[b].cp)) &&
                 doc.glued(b))))
          ++b;
        if (b - a >= 2 || (b - a == 1 && en_org_head_at(doc, a))) {
          Cand c;
          c.a = a;
          c.b = b;
          c.role = model::Role::kPartner;
          c.country = cc;
          out.push_back(c);
          i = b - 1;
        }
        continue;
      }
    }
    // "with Bergen Naturvern (Norway)", "su Oslo kommune (Norvegija)": a name
    // of capitalised words with its country after it is a partner, whatever
    // its head noun.
    if ((w == "with" || w == "su") && i + 2 < send) {
      std::size_t a = i + 1;
      if (doc.is_word(a, "the")) ++a;
      std::size_t b = a;
      while (b < send && b < a + 8 &&
             (doc.upper(b) || (b > a && doc.is_word(b) && function_word(doc.f(b)) && doc.upper(b + 1)) ||
              (b > a && doc.is_word(b) && !doc.upper(b) && doc.is_punct(b + 1, '('))))
        ++b;
      if (b > a && doc.is_punct(b, '(')) {
        std::size_t close = b + 1;
        while (close < send && close < b + 4 && !doc.is_punct(close, ')')) ++close;
        std::string cc = doc.is_punct(close, ')') ? country_in_range(doc, b + 1, close) : std::string();
        if (!cc.empty() && (b - a >= 2 || en_org_head_at(doc, a))) {
          Cand c;
          c.a = a;
          c.b = b;
          c.role = model::Role::kPartner;
          c.country = cc;
          if (w == "su") c.name = lt_nominative_name(clean(doc.raw(a, b)));  // instrumental -> nominative
          out.push_back(c);
          i = close;
          continue;
        }
      }
    }
    // "the lead partner, the City of Hasselt," / "lead partner X"
    if (w == "lead" && doc.is_word(i + 1, "partner")) {
      std::size_t a = i + 2;
      if (doc.is_punct(a, ',')) ++a;
      if (doc.is_word(a, "is") || doc.is_word(a, "was")) ++a;
      if (doc.is_word(a, "the")) ++a;
      std::size_t b = a;
      while (b < send && (doc.upper(b) || (doc.is_word(b) && function_word(doc.f(b)) && doc.upper(b + 1)))) ++b;
      if (b > a) {
        Cand c;
        c.a = a;
        c.b = b;
        c.role = model::Role::kPromoter;
        out.push_back(c);
      }
      continue;
    }
    // "with the cities of A, B, C on ..." / "partner cities A, B"
    if ((w == "cities" || w == "towns" || w == "municipalities") && doc.is_word(i + 1, "of") && doc.upper(i + 2)) {
      list_items(doc, i + 2, send, model::Role::kPartner, true, out, true);
      continue;
    }
    // "partners - the A and the B." / "partners: A, B"
    if ((w == "partners" || w == "partneriai") && i + 2 < send && doc.toks[i + 1].kind == Tok::kPunct &&
        (is_dash(doc.toks[i + 1].cp) || doc.toks[i + 1].cp == ':') && !doc.line_start(i)) {
      list_items(doc, i + 2, send, model::Role::kPartner, false, out);
      continue;
    }
    // "Speakers from A, B, C will participate"
    if ((w == "speakers" || w == "representatives" || w == "experts") && doc.is_word(i + 1, "from") &&
        (doc.upper(i + 2) || doc.is_word(i + 2, "the"))) {
      list_items(doc, i + 2, send, model::Role::kOther, false, out);
      continue;
    }
    // "met with the following organizations (while in Greece): A in X; B, C & D in Y"
    if ((w == "met" || w == "visited" || w == "susitiko") && doc.is_word(i + 1)) {
      std::size_t k = i + 1;
      std::size_t colon = 0;
      for (std::size_t q = k; q < send && q < k + 12; ++q) {
        if (doc.is_punct(q, ':')) {
          colon = q;
          break;
        }
      }
      if (colon) {
        std::string context_country;
        for (std::size_t q = k; q < colon; ++q) {
          PlaceInfo p;
          if (match_place(doc, q, p)) context_country = p.country;
        }
        std::size_t before = out.size();
        list_items(doc, colon + 1, send, model::Role::kOther, true, out);
        for (std::size_t q = before; q < out.size(); ++q) {
          if (out[q].country.empty()) out[q].country = context_country;
        }
        i = send - 1;
        continue;
      }
    }
    // "... invited by the Kaunas Regional Development Agency"
    if (w == "by" && doc.is_word(i + 1, "the") && doc.upper(i + 2)) {
      std::size_t a = i + 2, b = a;
      bool head = false;
      while (b < send && (doc.upper(b) || (doc.is_word(b) && function_word(doc.f(b)) && doc.upper(b + 1)))) {
        head |= doc.is_word(b) && en_org_head_at(doc, b);
        ++b;
      }
      if (head && b - a >= 2 && !is_fund_name(doc, a, b)) {
        Cand c;
        c.a = a;
        c.b = b;
        c.role = model::Role::kPartner;
        out.push_back(c);
      }
    }
  }
}

// "X and <partner>" / "between X and <partner>": X is the other side of a
// bilateral initiative, i.e. its promoter.
void other_side(const Doc& doc, Range block, std::vector<Cand>& cands) {
  bool has_promoter = false;
  std::vector<std::vector<std::string>> partner_tokens;
  std::vector<std::string> partner_initials;
  for (const Cand& c : cands) {
    if (c.role == model::Role::kPromoter) has_promoter = true;
    if (c.role != model::Role::kPartner) continue;
    std::vector<std::string> toks;
    std::string initials;
    // A name read from the page's own tokens needs no second tokenisation.
    Doc own;
    if (!c.name.empty()) own = tokenize(c.name);
    const Doc& nd = c.name.empty() ? doc : own;
    const std::size_t from = c.name.empty() ? c.a : 0, to = c.name.empty() ? c.b : own.size();
    for (std::size_t k = from; k < to; ++k) {
      if (!nd.is_word(k)) continue;
      toks.emplace_back(nd.f(k));
      initials += nd.f(k)[0];
    }
    partner_tokens.push_back(toks);
    partner_initials.push_back(initials);
  }
  if (has_promoter || partner_tokens.empty()) return;
  auto is_partner = [&](std::size_t a, std::size_t b) {
    // Y matches a partner by a shared significant word, or by its initials
    // ("BLL" = Bjerkaker Learning Lab), or is "Norwegian organizations".
    for (std::size_t k = a; k < b; ++k) {
      if (!doc.is_word(k)) continue;
      std::string w(doc.f(k));
      if (is_demonym(w)) return true;
      for (std::size_t p = 0; p < partner_tokens.size(); ++p) {
        for (const auto& t : partner_tokens[p]) {
          if (t.size() >= 4 && t == w && !function_word(w)) return true;
        }
        if ((doc.toks[k].flags & kAllUpper) && w.size() >= 3 && w == partner_initials[p]) return true;
      }
    }
    return false;
  };
  for (std::size_t i = block.first; i < block.last; ++i) {
    if (!doc.is_word(i, "and")) continue;
    // Y: up to 4 tokens after "and".
    std::size_t y1 = i + 1, y2 = y1;
    while (y2 < block.last && y2 < y1 + 4 && !doc.is_punct(y2, '.') && !doc.is_punct(y2, ',')) ++y2;
    if (!is_partner(y1, std::min(y2, y1 + 2))) continue;
    // X: back to "between"/"among"/a dash, up to 8 tokens.
    std::size_t x2 = i, x1 = i;
    bool opened = false;
    while (x1 > block.first && i - x1 < 9) {
      std::size_t p = x1 - 1;
      if (doc.is_word(p, "between") || doc.is_word(p, "among") || doc.is_word(p, "tarp") ||
          (doc.toks[p].kind == Tok::kPunct && is_dash(doc.toks[p].cp) && !doc.glued(p))) {
        opened = true;
        break;
      }
      if (doc.is_punct(p, ',') || doc.is_punct(p, '.') || doc.is_punct(p, ':')) break;
      --x1;
    }
    if (!opened) continue;
    std::size_t a = x1, b = x2;
    trim_range(doc, a, b);
    std::string country = strip_country(doc, a, b);
    if (b <= a || !(doc.upper(a) || doc.toks[a].kind == Tok::kPunct)) continue;
    if (b - a == 1 && is_demonym(doc.f(a))) continue;
    if (is_demonym(doc.f(a)) && !doc.upper(a + 1)) continue;
    Cand c;
    c.a = a;
    c.b = b;
    c.role = model::Role::kPromoter;
    c.country = country;
    cands.push_back(c);
    return;
  }
}

// Lithuanian noun phrases headed by an institution noun in any case.
void lt_phrases(const Doc& doc, Range block, std::vector<Cand>& out) {
  static const std::unordered_set<std::string_view> stop = {
      "tai", "si", "sis", "ta", "tas", "ju", "musu", "jos", "jo", "kuri", "kuris", "kurie", "visa",
      "su", "kartu", "is", "i", "tarp", "per", "nuo", "iki", "apie", "del", "kad", "bei", "ar", "taip",
      "pat", "yra", "buvo", "bus", "projekta", "projektas", "projektu", "projekto", "finansuoja",
      "igyvendino", "igyvendina", "lankesi", "vyko", "esanti", "tarptautiniais", "partneriais"};
  for (std::size_t i = block.first; i < block.last; ++i) {
    if (!doc.is_word(i) || !lt_head_at(doc, i)) continue;
    std::string_view raw = doc.raw(i);
    std::string nom = lt_nominative_word(raw, true);
    bool head = nom != raw || is_org_head_at(doc, i);
    if (!head) continue;
    // Head with a quoted name after it: "Asociacija „Vaivorykštės bendruomenė“".
    std::size_t a = i, b = i + 1;
    std::string descriptor_country;
    if (b < block.last && doc.toks[b].kind == Tok::kPunct && is_open_quote(doc.toks[b].cp) &&
        starts_with(doc.f(i), "organizacij")) {
      // "Norvegijos organizacija „Foreningen Åpen Skole“": a descriptor, then
      // the name; a country genitive before it says where the body is.
      PlaceInfo p;
      if (i > block.first && doc.is_word(i - 1) && match_place(doc, i - 1, p) == 1 && p.is_country)
        descriptor_country = p.country;
      std::size_t q = b + 1;
      while (q < block.last && q < b + 12 && !(doc.toks[q].kind == Tok::kPunct && is_close_quote(doc.toks[q].cp))) ++q;
      if (q < block.last && q < b + 12 && q > b + 1) {
        Cand c;
        c.a = b + 1;
        c.b = q;
        c.name = clean(doc.raw(b + 1, q));
        c.country = descriptor_country;
        c.role = model::Role::kPartner;
        out.push_back(c);
        i = q;
        continue;
      }
    }
    if (b < block.last && doc.toks[b].kind == Tok::kPunct && is_open_quote(doc.toks[b].cp)) {
      // "Viešoji įstaiga „X“": an adjective before the head belongs to it.
      if (a > block.first && doc.is_word(a - 1) && lt_nominative_word(doc.raw(a - 1), false) != doc.raw(a - 1)) --a;
      if (a > block.first && doc.is_word(a - 1) && (doc.f(a - 1) == "viesoji" || doc.f(a - 1) == "labdaros")) --a;
      std::size_t q = b + 1;
      while (q < block.last && q < b + 12 && !(doc.toks[q].kind == Tok::kPunct && is_close_quote(doc.toks[q].cp))) ++q;
      if (q < block.last && q < b + 12) b = q + 1;
    } else {
      // Words before the head: capitalised words, adjectives and genitive
      // modifiers back to the earliest capitalised word (or quoted name).
      std::size_t earliest = i;
      for (std::size_t k = i; k > block.first && i - k < 7;) {
        --k;
        const Token& t = doc.toks[k];
        if (t.kind == Tok::kPunct) {
          if (is_close_quote(t.cp) && k + 1 == i) {
            std::size_t q = k;
            while (q > block.first && k - q < 12 && !(doc.toks[q - 1].kind == Tok::kPunct && is_open_quote(doc.toks[q - 1].cp) && q - 1 != k)) --q;
            if (q > block.first && k - q < 12) {
              earliest = q - 1;
              k = q - 1;
              continue;
            }
          }
          break;
        }
        if (t.kind != Tok::kWord || stop.count(doc.f(k))) break;
        if (t.flags & kSentenceStart && !(t.flags & kUpperInitial)) break;
        if (!(t.flags & kUpperInitial)) {
          // Lower-case words inside a name are genitive modifiers or
          // adjectives: "Socialinės apsaugos ir darbo ministerijos".
          std::string_view w = doc.f(k);
          bool genitive_like = w == "ir" || ends_with(w, "o") || ends_with(w, "os") || ends_with(w, "es") ||
                               ends_with(w, "u") || ends_with(w, "io") || ends_with(w, "ine") ||
                               ends_with(w, "inis") || ends_with(w, "oji") || ends_with(w, "ojo") ||
                               ends_with(w, "asis") || ends_with(w, "ios");
          if (!genitive_like) break;
        }
        if (t.flags & kUpperInitial) earliest = k;
        if (t.flags & kSentenceStart) break;
      }
      a = earliest;
    }
    if (b - a < 2) continue;
    // A country genitive first ("Lenkijos Gruta gimnazijoje") gives the
    // country and is not part of the name.
    std::string country;
    bool country_first = false;
    if (doc.is_word(a)) {
      PlaceInfo p;
      if (match_place(doc, a, p) == 1 && p.is_country && a + 1 < i) {
        country_first = !(doc.toks[a].flags & kSentenceStart);
        country = p.country;
        ++a;
      }
    }
    if (b - a < 2) continue;
    // Inside a name another reading already gave (a label's value, a
    // partner list), or in the page's heading (a first line that is no
    // sentence: the title): no new name.
    {
      bool inside = false;
      for (const Cand& o : out) inside |= o.a <= a && b <= o.b;
      const Range& first_line = doc.lines[0];
      const bool heading = block.first == 0 && doc.toks[a].line == 0 && !doc.is_punct(first_line.last - 1, '.');
      if (inside || heading) continue;
    }
    {
      // "Islandijos kurčiųjų asociacija": the capitalised country names it.
      bool named = country_first;
      for (std::size_t q = a; q < b; ++q) {
        if (doc.toks[q].kind == Tok::kPunct && is_quote(doc.toks[q].cp)) named = true;
        if (doc.upper(q) && !(doc.toks[q].flags & kSentenceStart)) named = true;
        if (doc.toks[q].flags & kAllUpper) named = true;
      }
      if (!named) continue;
    }
    Cand c;
    c.a = a;
    c.b = b;
    c.country = country;
    std::string name = clean(doc.raw(a, b));
    c.name = lt_nominative_name(name);
    // Role from the verb around it.
    std::size_t s0 = sentence_first(doc, a);
    std::size_t send = sentence_end(doc, a);
    c.role = model::Role::kPartner;
    // "X kartu su Y įgyvendina": the verb comes after the partner named with "su".
    std::size_t verb_end = b + 3;
    if (doc.is_word(b, "kartu") && doc.is_word(b + 1, "su")) verb_end = b + 14;
    const bool with = a > s0 && doc.is_word(a - 1, "su");  // instrumental: "su Y" is a partner
    for (std::size_t k = (a > s0 + 10 ? a - 10 : s0); k < std::min(send, verb_end); ++k) {
      if (!doc.is_word(k) || (k >= a && k < b)) continue;
      std::string_view w = doc.f(k);
      if (starts_with(w, "finansuo") || starts_with(w, "finansuot") || w == "lesomis" || w == "remia") {
        c.role = model::Role::kFunder;
      }
      if ((w == "igyvendino" || w == "igyvendina" || w == "vykdo" || w == "organizavo") && k >= b && !with) {
        c.role = model::Role::kPromoter;
      }
    }
    // "Projekto vykdytojas – X", "vykdytojas yra X", "koordinatorius – X".
    for (std::size_t k = a > s0 + 3 ? a - 3 : s0; k < a; ++k) {
      if (!doc.is_word(k)) continue;
      std::string_view w = doc.f(k);
      if (w == "vykdytojas" || w == "vykdytoja" || w == "koordinatorius" || w == "pareiskejas" ||
          w == "vykdytojai" || w == "koordinatore")
        c.role = model::Role::kPromoter;
      if ((w == "partneris" || w == "partneriai") && c.role == model::Role::kPromoter && k + 3 >= a) c.role = model::Role::kPartner;
    }
    out.push_back(c);
    i = b - 1;
  }
}

// Capitalised noun phrases headed by an institution noun in any language
// written in Latin capitals: "Lithuanian Community Mediation Association",
// "Kaunas Adapted Sports Club "Šuolis"", "Women's Network of Zarasai District",
// "Association Debate Lab". The role comes from the words around it.
bool person_title(std::string_view w) {
  return word_in(w, {"deputy", "mayor", "director", "head", "minister", "chairman", "chairwoman", "president",
                     "professor", "dr", "manager", "coordinator", "representative", "representatives",
                     "chair", "secretary", "ambassador", "vice", "rector", "dean", "curator"});
}

void generic_phrases(const Doc& doc, Range block, std::vector<Cand>& out, bool has_promoter) {
  auto cap = [&](std::size_t k) {
    return doc.is_word(k) && (doc.toks[k].flags & kUpperInitial);
  };
  bool promoter_given = has_promoter;
  for (std::size_t i = block.first; i < block.last; ++i) {
    if (!cap(i) || !en_org_head_at(doc, i) || fund_like(doc.f(i))) continue;
    std::string_view hw = doc.f(i);
    if (hw == "as" || hw == "asa" || hw == "ngo" || hw == "capital" || hw == "unit" || hw == "home" ||
        hw == "service" || hw == "services" || hw == "group" || hw == "party" || hw == "platform") {
      continue;
    }
    std::size_t s0 = sentence_first(doc, i);
    // Back over capitalised words, possessives and "of"/"for" between capitals.
    std::size_t a = i;
    while (a > std::max<std::size_t>(s0, block.first)) {
      std::size_t p = a - 1;
      if (cap(p)) {
        a = p;
        continue;
      }
      if (doc.toks[p].kind == Tok::kPunct && (doc.toks[p].cp == 0x2019 || doc.toks[p].cp == '\'') && p > s0 &&
          cap(p - 1) && doc.is_word(a, "s")) {
        a = p - 1;
        continue;
      }
      if (doc.is_word(p) && (doc.f(p) == "of" || doc.f(p) == "for") && p > s0 && cap(p - 1)) {
        a = p - 1;
        continue;
      }
      break;
    }
    // Forward over "of/for + Capitals", capitals, possessive s, a quoted name.
    std::size_t b = i + 1;
    while (b < block.last) {
      if (cap(b) && doc.toks[b].sentence == doc.toks[i].sentence) {
        ++b;
        continue;
      }
      if (doc.is_word(b) && (doc.f(b) == "of" || doc.f(b) == "for" || doc.f(b) == "the") && cap(b + 1)) {
        b += 2;
        continue;
      }
      if (doc.is_word(b) && doc.f(b) == "of" && doc.is_word(b + 1, "the") && cap(b + 2)) {
        b += 3;
        continue;
      }
      if (doc.is_word(b) && doc.f(b) == "and" && cap(b + 1) && !(doc.is_word(b + 1) && en_org_head_at(doc, b + 1)) && b + 2 < block.last &&
          doc.is_word(b + 2) && !cap(b + 2) && doc.f(b + 2) == "of") {
        b += 2;  // "Ministry of Social Security and Labor of ..."
        continue;
      }
      if (doc.toks[b].kind == Tok::kPunct && is_open_quote(doc.toks[b].cp) && b + 1 < block.last && cap(b + 1)) {
        std::size_t q = b + 1;
        while (q < block.last && q < b + 8 && !(doc.toks[q].kind == Tok::kPunct && is_close_quote(doc.toks[q].cp) && q > b + 1)) ++q;
        if (q < block.last && q < b + 8) {
          b = q + 1;
          continue;
        }
      }
      break;
    }
    // Leading "The", person titles ("Deputy Mayor of").
    bool speaker = false;
    while (a < i && doc.is_word(a) && (doc.f(a) == "the" || doc.f(a) == "a")) ++a;
    for (std::size_t q = a; q < i; ++q) {
      if (doc.is_word(q) && person_title(doc.f(q))) {
        std::size_t r = q;
        while (r < i && !doc.is_word(r, "of")) ++r;
        if (r < i) {
          a = r + 1;
          speaker = true;
        }
        break;
      }
    }
    if (a < i && doc.is_word(a) && month_at_word(doc, a) && doc.is_num(a + 1)) continue;
    int words = 0;
    for (std::size_t q = a; q < b; ++q) words += doc.is_word(q) ? 1 : 0;
    if (words < 2 || words > 12) {
      i = b - 1;
      continue;
    }
    if (is_fund_name(doc, a, b)) {
      i = b - 1;
      continue;
    }
    bool overlap = false;
    for (const Cand& o : out) overlap |= !(b <= o.a || a >= o.b);
    // The page heading and quoted names are titles, not participants;
    // "European Union", "European Parliament" are never partners.
    bool heading = doc.toks[a].line == doc.toks[block.first].line && block.first == 0;
    bool eu = false;
    for (std::size_t q = a; q < b; ++q) {
      if (doc.is_word(q) && (doc.f(q) == "european" || doc.f(q) == "soviet") &&
          (doc.is_word(q + 1, "union") || doc.is_word(q + 1, "parliament") || doc.is_word(q + 1, "commission"))) {
        eu = true;
      }
    }
    bool quoted_title = a > 0 && doc.toks[a - 1].kind == Tok::kPunct && is_open_quote(doc.toks[a - 1].cp);
    if (overlap || heading || eu || quoted_title) {
      i = b - 1;
      continue;
    }
    Cand c;
    c.a = a;
    c.b = b;
    c.role = Role::kPartner;
    // Context before: "coordinated by", "financed by", "speakers from".
    std::size_t from = a > s0 + 8 ? a - 8 : s0;
    bool subject = (a == s0) || (a == s0 + 1 && doc.is_word(s0, "the"));
    for (std::size_t k = from; k < a; ++k) {
      if (!doc.is_word(k)) continue;
      std::string_view w = doc.f(k);
      if (w == "by" && k > from) {
        std::string_view v = doc.f(k - 1);
        if (v == "coordinated" || v == "implemented" || v == "led" || v == "run" || v == "organised" ||
            v == "organized" || v == "managed" || v == "prepared") {
          c.role = Role::kPromoter;
        }
        if (v == "financed" || v == "funded" || v == "supported" || v == "cofinanced" || v == "sponsored") {
          c.role = Role::kFunder;
        }
      }
      if (w == "speakers" || w == "speaker" || w == "presented" || w == "guests" || w == "invited" ||
          w == "keynote" || w == "lecturers" || w == "visited" || w == "met") {
        speaker = true;
      }
    }
    if (speaker && c.role == Role::kPartner) c.role = Role::kOther;
    // The subject of an inline label's value opens a sentence too:
    // "Summary: The Šiauliai Youth Theatre Club and ...".
    {
      std::size_t p = a;
      if (p > 0 && doc.is_word(p - 1, "the")) --p;
      if (p >= 2 && doc.is_punct(p - 1, ':') && doc.is_word(p - 2)) subject = true;
    }
    if (c.role == Role::kPartner && subject && !promoter_given) {
      c.role = Role::kPromoter;
    }
    // "X and its (Norwegian) partners ...": X leads.
    if (c.role == Role::kPartner && doc.is_word(b, "and") && (doc.is_word(b + 1, "its") || doc.is_word(b + 1, "their"))) {
      std::size_t q = b + 2;
      if (doc.is_word(q) && is_demonym(doc.f(q))) ++q;
      if (doc.is_word(q) && starts_with(doc.f(q), "partner")) c.role = Role::kPromoter;
    }
    // "The project promoter is the X", "Coordinator of the project is X".
    if (c.role == Role::kPartner && a >= 2) {
      std::size_t q = a - 1;
      if (doc.is_word(q, "the") && q > 0) --q;
      if ((doc.is_word(q, "is") || doc.is_word(q, "was")) && q > 0 &&
          (doc.is_word(q - 1, "promoter") || doc.is_word(q - 1, "coordinator") || doc.is_word(q - 1, "leader") ||
           doc.is_word(q - 1, "applicant") || doc.is_word(q - 1, "beneficiary")))
        c.role = Role::kPromoter;
    }
    if (c.role == Role::kPromoter) promoter_given = true;
    // "... from Nida": the town after the name gives the country.
    if (doc.is_word(b, "from") || doc.is_word(b, "in")) {
      PlaceInfo p;
      if (match_place(doc, b + 1, p)) c.country = p.country;
    }
    out.push_back(c);
    i = b - 1;
  }
}

std::string cand_name(const Doc& doc, const Cand& c) {
  std::string n = c.name.empty() ? clean(doc.raw(c.a, c.b)) : c.name;
  if (doc.language == "lt" && c.name.empty()) n = lt_nominative_name(n);
  return n;
}

}  // namespace

namespace {
constexpr std::string_view kLtOrgHeads[] = {
    "savivaldybe", "mokykla", "gimnazija", "asociacija", "bendruomene", "ministerija", "agentura", "fondas",
    "centras", "organizacija", "universitetas", "kolegija", "biblioteka", "muziejus", "draugija", "sajunga",
    "taryba", "tarnyba", "istaiga", "institutas", "departamentas", "klubas", "teatras", "akademija"};
}  // namespace

bool is_org_head(std::string_view folded) {
  for (auto w : kLtOrgHeads) {
    if (folded == w) return true;
  }
  return false;
}

std::int32_t en_org_head_fact(std::string_view w) { return en_org_head(w) ? 1 : 0; }
std::int32_t opener_fact(std::string_view w) { return openers().count(w) > 0 ? 1 : 0; }

void organisation_words(std::vector<std::string_view>& out) {
  for (auto w : en_org_heads()) out.push_back(w);
  for (auto w : kLtOrgHeads) out.push_back(w);
  for (auto w : openers()) out.push_back(w);
}

bool is_org_head_at(const Doc& doc, std::size_t i) {
  return doc.fact(WordFact::kOrgHead, i);
}

std::string home_country(const Doc& doc) {
  if (doc.language == "lt") return "LT";
  if (doc.language == "lv") return "LV";
  if (doc.language == "pl") return "PL";
  if (doc.language == "et") return "EE";
  // English pages: the most named country that is not a donor state.
  std::unordered_map<std::string, int> counts;
  for (std::size_t i = 0; i < doc.size(); ++i) {
    if (!doc.is_word(i) || !(doc.toks[i].flags & kUpperInitial)) continue;
    std::string c;
    std::string_view place_country;
    bool is_country = false;
    if (std::size_t n = place_country_at(doc, i, place_country, is_country); n) {
      c = place_country;
      i += n - 1;
    } else {
      c = country_word_at(doc, i);
    }
    if (c.empty() || c == "NO" || c == "IS" || c == "LI") continue;
    ++counts[c];
  }
  std::string best;
  int n = 0;
  for (const auto& [c, k] : counts) {
    if (k > n || (k == n && c < best)) {
      best = c;
      n = k;
    }
  }
  return best;
}

// Programme lines name speakers with their institutions: "10:20 Digital
// skills – Dr. Kari Nordmann (Oslo Metropolitan University)", "Sveikinimo
// žodis – Jurgita Kairienė (Šiaulių miesto savivaldybė)". The institution
// is "other" unless the parenthesis says it runs the project ("…, project
// promoter", "…, projekto vykdytojas").
void speaker_institutions(const Doc& doc, Range block, std::vector<Cand>& out) {
  for (std::size_t i = block.first + 3; i + 2 < block.last; ++i) {
    if (!doc.is_punct(i, '(') || !doc.upper(i + 1)) continue;
    // Two or three capitalised words of a person's name before it, after a dash.
    std::size_t n = i;
    int names = 0;
    while (n > block.first && names < 3 && doc.upper(n - 1) && !is_org_head_at(doc, n - 1) &&
           doc.toks[n - 1].line == doc.toks[i].line) {
      --n;
      ++names;
    }
    // The dash must come before the name: a name at the block's start has none
    // (and n - 1 would step out of the block).
    if (names < 2 || n == block.first) continue;
    std::size_t d = n - 1;
    if (doc.is_punct(d, '.') && d >= block.first + 2 && doc.is_word(d - 1) &&
        (doc.f(d - 1) == "dr" || doc.f(d - 1) == "prof" || doc.f(d - 1) == "doc"))
      d -= 2;
    if (d < block.first || doc.toks[d].kind != Tok::kPunct || !is_dash(doc.toks[d].cp)) continue;
    std::size_t close = i + 1;
    while (close < block.last && close < i + 20 && !doc.is_punct(close, ')')) ++close;
    if (!doc.is_punct(close, ')')) continue;
    std::size_t b = i + 1;
    while (b < close && !doc.is_punct(b, ',')) ++b;
    // "(Norway)" alone is a country, not an institution.
    if (b == i + 1 || (b - (i + 1) == 1 && !country_in_range(doc, i + 1, b).empty())) continue;
    Cand c;
    c.a = i + 1;
    c.b = b;
    c.role = model::Role::kOther;
    for (std::size_t k = b; k < close; ++k) {
      if (doc.is_word(k) && (doc.f(k) == "promoter" || doc.f(k) == "vykdytojas" || doc.f(k) == "coordinator" ||
                             doc.f(k) == "koordinatorius" || doc.f(k) == "organiser" || doc.f(k) == "organizer"))
        c.role = model::Role::kPromoter;
    }
    out.push_back(c);
    i = close;
  }
}

std::vector<Participation> find_organisations(const Doc& doc, Range block, const OrgContext& ctx) {
  std::vector<Cand> cands;
  speaker_institutions(doc, block, cands);
  read_labels(doc, block, cands);
  fold_addresses(doc, cands);
  read_sentences(doc, block, cands);
  other_side(doc, block, cands);
  if (doc.language == "lt") {
    lt_phrases(doc, block, cands);
  } else {
    bool has_promoter = false;
    for (const Cand& c : cands) has_promoter |= c.role == Role::kPromoter;
    generic_phrases(doc, block, cands, has_promoter);
  }

  std::vector<Participation> out;
  for (Cand& c : cands) {
    std::size_t a = c.a, b = c.b;
    // "Venue: Panevėžys, Cultural Centre Ekranas": where an event is held,
    // not who takes part.
    if (a < doc.size()) {
      const Range& line = doc.lines[doc.toks[a].line];
      std::size_t k = line.first;
      if (doc.is_word(k) && doc.is_punct(k + 1, ':') &&
          word_in(doc.f(k), {"venue", "vieta", "location", "address", "adresas", "where", "kur", "sted"}))
        continue;
    }
    if (c.name.empty()) {
      trim_range(doc, a, b);
      std::string country = strip_country(doc, a, b);
      if (c.country.empty()) c.country = country;
      // A singular label value with two names: "X (Norway) Bodø Commune",
      // "X (Norway), Y (Norway)". The second keeps the country stated after
      // it, if any.
      if (c.from_label && c.role != Role::kFunder) {
        for (std::size_t q = a; q + 1 < b; ++q) {
          const bool comma = doc.is_punct(q + 1, ',');
          if (doc.is_punct(q, ')') && doc.upper(q + (comma ? 2 : 1))) {
            std::size_t qa = a, qb = q + 1;
            std::string c1 = strip_country(doc, qa, qb);
            if (!c1.empty()) {
              Cand first = c;
              first.a = qa;
              first.b = qb;
              first.country = c1;
              Participation p;
              p.name = clean(doc.raw(qa, qb));
              p.role = c.role;
              p.country = c1;
              p.span = doc.span(qa, qb);
              out.push_back(p);
              a = q + (comma ? 2 : 1);
              c.country = country;
            }
            break;
          }
        }
      }
      // Drop URLs and bare years at the end ("www.latlit.eu").
      for (std::size_t q = a; q < b; ++q) {
        if (doc.is_word(q, "www") || doc.is_word(q, "http") || doc.is_word(q, "https")) {
          b = q;
          break;
        }
      }
      trim_range(doc, a, b);
      if (b <= a) continue;
      c.a = a;
      c.b = b;
    }
    std::string name = cand_name(doc, c);
    if (name.size() < 2 || name.size() > 200) continue;
    int words = 0;
    for (std::size_t q = c.a; q < c.b; ++q) words += doc.is_word(q) ? 1 : 0;
    if (words == 0 || words > 20) continue;
    Participation p;
    p.name = name;
    p.role = c.role;
    p.span = doc.span(c.a, c.b);
    std::string country = c.country;
    bool fund = is_fund_name(doc, c.a, c.b);
    // A fund or programme named without financing the record ("Fondas:
    // Dvišalio bendradarbiavimo fondas", "„X“ (Aktyvių piliečių fondas)")
    // is its programme, never a partner.
    if (fund && c.role == Role::kPartner && !c.from_label && c.b > c.a && doc.is_word(c.b - 1) &&
        fund_like(doc.f(c.b - 1)))
      continue;
    if (country.empty()) country = country_in_name(doc, c.a, c.b);
    if (country.empty() && !fund) country = country_by_language(doc, c.a, c.b);
    if (country.empty() && !fund && !c.foreign_list && c.role != Role::kOther) country = ctx.home_country;
    if (fund && c.role == Role::kFunder && c.country.empty()) country.clear();
    if (!country.empty()) p.country = country;
    out.push_back(p);
  }
  // One entry per organisation: the first (most trusted) reading wins, but a
  // promoter or funder role is kept over a plain partner reading. Names are
  // folded once; only recent entries are compared, which keeps a huge
  // record linear (duplicates are readings of one passage, close together).
  std::vector<Participation> unique;
  std::vector<std::vector<std::string>> unique_words;
  for (auto& p : out) {
    std::vector<std::string> words;
    {
      std::string f = fold_text(p.name);
      std::size_t s = 0;
      while (s < f.size()) {
        std::size_t e = f.find(' ', s);
        if (e == std::string::npos) e = f.size();
        if (e > s) words.push_back(f.substr(s, e - s));
        s = e + 1;
      }
      std::sort(words.begin(), words.end());
      words.erase(std::unique(words.begin(), words.end()), words.end());
    }
    bool dup = false;
    std::size_t from = unique.size() > 64 ? unique.size() - 64 : 0;
    for (std::size_t k = from; k < unique.size(); ++k) {
      auto& u = unique[k];
      const auto& uw = unique_words[k];
      std::size_t inter = 0;
      for (const auto& w : words) inter += std::binary_search(uw.begin(), uw.end(), w) ? 1 : 0;
      std::size_t uni = words.size() + uw.size() - inter;
      if (uni == 0 || static_cast<double>(inter) / static_cast<double>(uni) < 0.6) continue;
      dup = true;
      if (u.role == Role::kPartner && p.role == Role::kPromoter) u.role = p.role;
      if (!u.country && p.country) u.country = p.country;
      if (p.name.size() > u.name.size() && u.role == p.role) {
        u.name = p.name;
        u.span = p.span;
      }
      break;
    }
    if (!dup) {
      unique.push_back(std::move(p));
      unique_words.push_back(std::move(words));
    }
  }
  return unique;
}

}  // namespace tiltas::extract::detail
