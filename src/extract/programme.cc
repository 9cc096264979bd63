// Programmes and funds, normalised to their English names by a table of how
// pages write them (English, Lithuanian, Latvian, Polish, Norwegian), plus
// two general shapes: a "Program:" label, and a quoted name followed by the
// word programme ("priemonės „X“ programos").
//
// Each mention records whether the text says the fund finances / approved /
// selected the work (then it is also a funder organisation) or only names it
// as a target ("applying for the Active Citizens' Fund", "to ACF").
#include <string>
#include <unordered_set>

#include "extract/internal.h"

namespace tiltas::extract::detail {
namespace {

struct Pattern {
  std::vector<std::string_view> words;  // folded; "fond*" matches a prefix
  std::string_view english;
  bool acronym = false;  // must be written in capitals (APF, ACF)
};

const std::vector<Pattern>& patterns() {
  static const std::vector<Pattern> p = {
      {{"national", "fund", "for", "bilateral", "relations"}, "National Fund for Bilateral Relations"},
      {{"nacionalinis", "dvisalio", "bendradarbiavimo", "fond*"}, "National Fund for Bilateral Relations"},
      {{"nacionalinio", "dvisalio", "bendradarbiavimo", "fond*"}, "National Fund for Bilateral Relations"},
      {{"fund", "for", "bilateral", "relations"}, "Fund for Bilateral Relations"},
      {{"bilateral", "relations", "fund"}, "Fund for Bilateral Relations"},
      {{"dvisalio", "bendradarbiavimo", "fond*"}, "Fund for Bilateral Relations"},
      {{"divpusejo", "attiecibu", "fond*"}, "Fund for Bilateral Relations"},
      {{"fundusz", "wspolpracy", "dwustronnej"}, "Fund for Bilateral Relations"},
      {{"active", "citizens", "fund"}, "Active Citizens Fund"},
      {{"aktyviu", "pilieciu", "fond*"}, "Active Citizens Fund"},
      {{"aktivo", "pilsonu", "fond*"}, "Active Citizens Fund"},
      {{"aktywni", "obywatele"}, "Active Citizens Fund"},
      {{"apf"}, "Active Citizens Fund", true},
      {{"acf"}, "Active Citizens Fund", true},
      {{"ngo", "programme", "lithuania"}, "NGO Programme Lithuania"},
      {{"europe", "for", "citizens"}, "Europe for Citizens"},
      {{"europa", "pilieciams"}, "Europe for Citizens"},
      {{"comenius"}, "Comenius"},
      {{"erasmus"}, "Erasmus+"},
      {{"nordplus"}, "Nordplus"},
      {{"creative", "europe"}, "Creative Europe"},
      {{"kurybiska", "europa"}, "Creative Europe"},
      {{"european", "solidarity", "corps"}, "European Solidarity Corps"},
      {{"europos", "solidarumo", "korpus*"}, "European Solidarity Corps"},
      {{"horizon", "2020"}, "Horizon 2020"},
      {{"horizon", "europe"}, "Horizon Europe"},
      {{"interreg"}, "Interreg"},
  };
  return p;
}

// Interreg programmes by the area words that follow "Interreg".
struct InterregArea {
  std::vector<std::string_view> words;
  std::string_view english;
};
const std::vector<InterregArea>& interreg_areas() {
  static const std::vector<InterregArea> a = {
      {{"baltic", "sea", "region"}, "Interreg Baltic Sea Region Programme"},
      {{"baltijos", "juros", "regiono"}, "Interreg Baltic Sea Region Programme"},
      {{"baltijas", "juras", "regiona"}, "Interreg Baltic Sea Region Programme"},
      {{"latvia", "lithuania"}, "Interreg V-A Latvia–Lithuania Cross Border Cooperation Programme"},
      {{"latvijas", "lietuvas"}, "Interreg V-A Latvia–Lithuania Cross Border Cooperation Programme"},
      {{"latvijos", "lietuvos"}, "Interreg V-A Latvia–Lithuania Cross Border Cooperation Programme"},
      {{"lithuania", "poland"}, "Interreg V-A Lithuania–Poland Programme"},
      {{"lietuvos", "lenkijos"}, "Interreg V-A Lithuania–Poland Programme"},
      {{"south", "baltic"}, "Interreg South Baltic Programme"},
      {{"pietu", "baltijos"}, "Interreg South Baltic Programme"},
      {{"central", "baltic"}, "Interreg Central Baltic Programme"},
      {{"estonia", "latvia"}, "Interreg Estonia–Latvia Programme"},
      {{"europe"}, "Interreg Europe"},
      {{"europa"}, "Interreg Europe"},
  };
  return a;
}

// The first words of the patterns (a pattern's first word may end in '*',
// kept as written: such a pattern is found only by that literal word).
const std::unordered_set<std::string, SvHash, std::equal_to<>>& first_words() {
  static const std::unordered_set<std::string, SvHash, std::equal_to<>> firsts = [] {
    std::unordered_set<std::string, SvHash, std::equal_to<>> f;
    for (const Pattern& p : patterns()) f.emplace(p.words[0]);
    return f;
  }();
  return firsts;
}

bool word_match(std::string_view w, std::string_view pat) {
  if (!pat.empty() && pat.back() == '*') return starts_with(w, pat.substr(0, pat.size() - 1));
  return w == pat;
}

// Matches `words` at token i, skipping apostrophes and hyphens between
// words ("Citizens’ Fund"). Returns the token after the match or 0.
std::size_t match_words(const Doc& doc, std::size_t i, const std::vector<std::string_view>& words,
                        std::size_t limit) {
  std::size_t k = i;
  for (std::size_t m = 0; m < words.size(); ++m) {
    while (k < limit && doc.toks[k].kind == Tok::kPunct &&
           (doc.toks[k].cp == 0x2019 || doc.toks[k].cp == '\'' || doc.toks[k].cp == 0x2018 ||
            (m > 0 && is_dash(doc.toks[k].cp)))) {
      ++k;
    }
    if (k >= limit) return 0;
    bool ok = words[m] == "2020" ? (doc.is_num(k) && doc.f(k) == "2020") : (doc.is_word(k) && word_match(doc.f(k), words[m]));
    if (!ok) return 0;
    ++k;
  }
  return k;
}

bool funding_word(std::string_view w) {
  static const std::string_view words[] = {
      "funded", "financed", "cofinanced", "co", "approved", "finansuojamas", "finansuojama",
      "finansuojami", "finansuoja", "finansuojamos", "finansuota", "finansuotas", "finansuoti",
      "finansuotu", "lesomis", "lesu", "supported", "remiamas", "remiama", "remiami", "remiamos", "remiamu", "finansuojamu", "lidzfinanse", "finanse",
      "dofinansowany", "dofinansowane", "finansowany", "finansowane", "finansiert", "stottet",
      "funding", "financing", "finansuojant", "selected", "grant", "granted", "awarded", "skirta",
      "finansavimas", "finansavima", "finansejums", "received", "receives", "gavo", "gauna", "finansuos",
      "rems", "remia", "skyre", "finances", "funds"};
  for (auto x : words) {
    if (w == x) return true;
  }
  return false;
}

// The financing context of a mention at [a, b): financing words in the
// sentence before it (a bounded window) or "... fondo lėšomis" right after.
bool funding_context(const Doc& doc, std::size_t a, std::size_t b) {
  std::size_t s0 = sentence_first(doc, a);
  std::size_t from = a > 14 ? a - 14 : 0;
  from = std::max(from, s0);
  for (std::size_t k = from; k < a; ++k) {
    if (doc.is_word(k) && funding_word(doc.f(k))) return true;
    if (doc.is_word(k, "call") && doc.is_word(k + 1, "for") && doc.is_word(k + 2, "proposals")) return true;
  }
  for (std::size_t k = b; k < std::min(doc.size(), b + 3); ++k) {
    if (doc.is_word(k, "lesomis") || doc.is_word(k, "lesu")) return true;
  }
  // A participle after the genitive name: "Aktyvių piliečių fondo finansuojami
  // projektai", "... fondo remiamos iniciatyvos".
  if (b < doc.size() && doc.is_word(b) && starts_with(doc.f(b), "finansuojam")) return true;
  if (b < doc.size() && doc.is_word(b) && starts_with(doc.f(b), "remiam")) return true;
  // "NGO Programme ... announced an open call for proposals"; a short
  // heading line is read with the line after it ("Europe for Citizens
  // Programme" / "Description of the projects selected for funding").
  std::size_t s1 = doc.sentences[doc.toks[a].sentence].last;
  if (s1 - s0 <= 6 && s1 < doc.size()) {
    std::size_t s2 = doc.sentences[doc.toks[s1].sentence].last;
    for (std::size_t k = s1; k < s2 && k < s1 + 12; ++k) {
      if (doc.is_word(k) && (doc.f(k) == "funding" || doc.f(k) == "financed" || doc.f(k) == "funded")) return true;
    }
  }
  // The fund as the subject of an award: "The Fund for Bilateral Relations
  // has approved two partnerships", "... awarded grants to".
  for (std::size_t k = b; k < std::min<std::size_t>(s1, b + 3); ++k) {
    if (!doc.is_word(k)) break;
    std::string_view w = doc.f(k);
    if (w == "approved" || w == "awarded" || w == "selected" || w == "supported" || w == "supports" ||
        w == "awards" || w == "approves")
      return true;
    if (w != "has" && w != "have" && w != "also") break;
  }
  for (std::size_t k = b; k < std::min<std::size_t>(s1, b + 30); ++k) {
    if (doc.is_word(k, "call") && doc.is_word(k + 1, "for") && doc.is_word(k + 2, "proposals")) return true;
    if (doc.is_word(k, "announced") || doc.is_word(k, "finances") || doc.is_word(k, "funds")) return true;
  }
  return false;
}

// Named as a destination rather than as the source of money:
// "to Active Citizens' Fund", "for ACF", "applying for the ...", "ACF calls".
bool weak_context(const Doc& doc, std::size_t a, std::size_t b) {
  std::size_t k = a;
  if (k > 0 && doc.is_word(k - 1, "the")) --k;
  if (k > 0 && doc.is_word(k - 1)) {
    std::string_view w = doc.f(k - 1);
    if (w == "to" || w == "for" || w == "into" || w == "i") return true;
  }
  if (doc.is_word(b, "calls") || doc.is_word(b, "call")) return true;
  if (doc.is_word(b, "program") || doc.is_word(b, "programme")) {
    // "in line with the aims of the APF program": the programme is named,
    // not said to fund.
    return false;
  }
  return false;
}

// Years right after a programme name: "programa 2021-2027", "2014.–2020.gadam".
std::string years_after(const Doc& doc, std::size_t b, std::size_t& end) {
  std::size_t lim = std::min(doc.size(), b + 4);
  for (std::size_t k = b; k < lim; ++k) {
    if (doc.is_num(k) && doc.f(k).size() == 4) {
      std::size_t j = k + 1;
      if (doc.is_punct(j, '.')) ++j;
      if (j < doc.size() && doc.toks[j].kind == Tok::kPunct && is_dash(doc.toks[j].cp) && doc.is_num(j + 1) &&
          doc.f(j + 1).size() == 4) {
        end = j + 2;
        return std::string(doc.f(k)) + "-" + std::string(doc.f(j + 1));
      }
      return {};
    }
    if (doc.is_word(k) && doc.toks[k].flags & kUpperInitial) return {};
  }
  return {};
}

}  // namespace

std::int32_t programme_first_fact(std::string_view w) { return first_words().find(w) != first_words().end() ? 1 : 0; }

void programme_words(std::vector<std::string_view>& out) {
  for (const auto& w : first_words()) out.push_back(w);
}

std::vector<ProgrammeMention> find_programmes(const Doc& doc) {
  std::vector<ProgrammeMention> out;
  const auto& pats = patterns();
  const std::size_t n = doc.size();
  for (std::size_t i = 0; i < n; ++i) {
    // Label "Program:" / "Programme:" / "Programa:" with its value.
    if (doc.line_start(i) && doc.is_word(i) &&
        (doc.f(i) == "program" || doc.f(i) == "programme" || doc.f(i) == "programa" ||
         doc.f(i) == "programma" || doc.f(i) == "programos") &&
        doc.is_punct(i + 1, ':')) {
      std::size_t a = i + 2, b = doc.lines[doc.toks[i].line].last;
      while (b > a && doc.toks[b - 1].kind == Tok::kPunct) --b;
      if (b > a && b - a < 60) {
        ProgrammeMention m;
        m.first = a;
        m.last = b;
        std::string v;
        for (std::size_t k = a; k < b; ++k) {
          if (doc.toks[k].kind == Tok::kPunct && is_quote(doc.toks[k].cp)) continue;
          if (!v.empty() && (doc.toks[k].flags & kSpaceBefore)) v += ' ';
          v += doc.raw(k);
        }
        m.english = clean(v);
        m.as_written = m.english;
        m.labelled = true;
        out.push_back(m);
        i = b;
        continue;
      }
    }
    if (doc.toks[i].kind == Tok::kPunct) {
      // „X“ programos: a quoted measure/programme name.
      std::uint32_t c = doc.toks[i].cp;
      bool opener = c == 0x201E || c == 0x201C || (c == ',' && doc.is_punct(i + 1, ',') && doc.glued(i + 1));
      if (!opener) continue;
      std::size_t a = c == ',' ? i + 2 : i + 1;
      std::size_t lim = std::min(n, a + 20);
      for (std::size_t k = a; k < lim; ++k) {
        if (doc.toks[k].kind == Tok::kPunct && (doc.toks[k].cp == 0x201C || doc.toks[k].cp == 0x201D)) {
          if (doc.is_word(k + 1) && (doc.f(k + 1) == "programos" || doc.f(k + 1) == "programa" ||
                                     doc.f(k + 1) == "programme" || doc.f(k + 1) == "program")) {
            ProgrammeMention m;
            m.first = a;
            m.last = k;
            m.english = clean(doc.raw(a, k));
            m.as_written = m.english;
            m.measure = true;
            m.funding = funding_context(doc, i, k + 2);
            out.push_back(m);
          }
          break;
        }
      }
      continue;
    }
    if (!doc.is_word(i)) continue;
    // Most words start no pattern: one set lookup decides.
    if (!doc.fact(WordFact::kProgrammeFirst, i))
      continue;
    for (const Pattern& p : pats) {
      if (!word_match(doc.f(i), p.words[0])) continue;
      if (p.acronym && !(doc.toks[i].flags & kAllUpper)) continue;
      std::size_t end = match_words(doc, i, p.words, n);
      if (!end) continue;
      // Glued into a longer code ("ESC30") the word is not a mention.
      if (end < n && doc.glued(end) && doc.is_num(end)) continue;
      ProgrammeMention m;
      m.first = i;
      m.last = end;
      m.english = std::string(p.english);
      if (p.english == "Interreg") {
        // Interreg + area words within a few tokens.
        std::size_t lim = std::min(n, end + 6);
        for (std::size_t k = end; k < lim; ++k) {
          bool found = false;
          for (const auto& area : interreg_areas()) {
            if (std::size_t e = match_words(doc, k, area.words, n); e) {
              m.english = std::string(area.english);
              m.last = e;
              found = true;
              break;
            }
          }
          if (found) break;
        }
        // Up to the word "programme" and the years after it.
        std::size_t lim2 = std::min(n, m.last + 6);
        for (std::size_t k = m.last; k < lim2; ++k) {
          if (doc.is_word(k) && starts_with(doc.f(k), "program")) {
            m.last = k + 1;
            break;
          }
        }
        std::size_t yend = m.last;
        std::string years = years_after(doc, m.last, yend);
        if (!years.empty()) {
          m.english += " " + years;
          m.last = yend;
        }
      }
      // "Active Citizens Fund – Regional Programme": keep the qualifier.
      if (p.english == "Active Citizens Fund" && doc.toks.size() > end + 2 &&
          doc.toks[end].kind == Tok::kPunct && is_dash(doc.toks[end].cp) && doc.is_word(end + 1) &&
          doc.upper(end + 1) && doc.is_word(end + 2) && starts_with(doc.f(end + 2), "program")) {
        m.english += " – " + std::string(doc.raw(end + 1)) + " " + std::string(doc.raw(end + 2));
        m.last = end + 3;
      }
      // As written, in the nominative, for the funder organisation: the
      // fund's own name without "of the ... 2014–2021".
      std::string written = clean(doc.raw(m.first, m.last));
      if (doc.language == "lt") written = lt_nominative_name(written);
      m.as_written = written;
      // Programme words after the name: "Europe for Citizens Programme".
      {
        std::size_t k = m.last;
        if (doc.is_punct(k, '+') && doc.glued(k)) ++k;  // "Erasmus+ Programme"
        if (doc.is_word(k) && (doc.f(k) == "programme" || doc.f(k) == "program") && doc.upper(k) &&
            p.english != "Interreg") {
          m.as_written = clean(doc.raw(m.first, k + 1));
        } else if (k > m.last) {
          m.as_written = clean(doc.raw(m.first, k));
        }
      }
      m.funding = funding_context(doc, m.first, m.last);
      m.weak = weak_context(doc, m.first, m.last);
      if (m.weak) m.funding = false;
      out.push_back(m);
      i = m.last - 1;
      break;
    }
  }
  return out;
}

}  // namespace tiltas::extract::detail
