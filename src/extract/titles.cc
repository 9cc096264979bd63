// Titles: the project's name as written, quotes stripped.
//
// In order of trust:
//  1. a title label ("TITLE:", "Projekto pavadinimas:");
//  2. a quoted name right after the word "project" in any case or language
//     (The project “X”, Projektas „X“, projekto „X“, PROJECT “X”);
//  3. a heading line that is only a quoted name (with an optional period);
//  4. "project ACRONYM (Expansion)";
//  5. a first line "CODE-123, Title" (project number, then the title);
//  6. a first line followed on the same line by the period ("Title 06 2021 – 09 2022").
// Footnote digits glued to the last word ("Europe1") are dropped.
#include <string>

#include "extract/internal.h"

namespace tiltas::extract::detail {
namespace {

bool project_word(std::string_view w) {
  return w == "project" || starts_with(w, "projekt") || starts_with(w, "prosjekt") || w == "projet" ||
         w == "progetto" || w == "proyecto";
}

bool initiative_word(std::string_view w) {
  return w == "partnership" || w == "initiative" || w == "iniciatyva" || w == "iniciatyvos" ||
         w == "iniciatyvai" || w == "partnerystes" || w == "partneryste" ||
         // Naming words: "entitled “X”", "called «X»", "pavadintas „X“".
         w == "entitled" || w == "titled" || w == "called" || w == "named" || w == "pavadintas" ||
         w == "pavadinta" || w == "pavadinimu" || w == "vadinamas" || w == "vadinama";
}

// The line holding token i is a heading: short, and not ended as a sentence.
bool heading_like(const Doc& doc, std::size_t i) {
  const Range& line = doc.lines[doc.toks[i].line];
  if (line.last - line.first > 24) return false;
  const Token& t = doc.toks[line.last - 1];
  if (t.kind == Tok::kPunct && (t.cp == '.' || t.cp == ':' || t.cp == ';')) return false;
  // "Project Promoter: Fundacja “Zielona Akcja”" is a label line, and a
  // quoted name right after an organisation's head noun names the body.
  for (std::size_t k = line.first; k < i; ++k) {
    if (doc.is_punct(k, ':')) return false;
  }
  return !(i > line.first && doc.is_word(i - 1) && is_org_head_at(doc, i - 1));
}

bool title_label(const Doc& doc, std::size_t i, std::size_t& value) {
  static const std::vector<std::vector<std::string_view>> labels = {
      {"title"}, {"project", "title"}, {"projekto", "pavadinimas"}, {"pavadinimas"},
      {"projekta", "nosaukums"}, {"nosaukums"}, {"tytul", "projektu"}, {"tytul"},
      {"project", "name"}, {"prosjektnavn"}, {"prosjekttittel"}, {"project"}, {"projektas"},
      {"projekts"}, {"projekt"}, {"prosjekt"}};
  for (const auto& label : labels) {
    std::size_t k = i, m = 0;
    while (m < label.size() && doc.is_word(k, label[m])) ++m, ++k;
    if (m != label.size()) continue;
    // "Title:", and "Project name – X" / "Projekto pavadinimas – X" for
    // labels that cannot be the start of a sentence.
    bool dash = k < doc.size() && doc.toks[k].kind == Tok::kPunct && is_dash(doc.toks[k].cp) &&
                (label.size() >= 2 || label[0] == "pavadinimas" || label[0] == "title");
    if (doc.is_punct(k, ':') || dash) {
      value = k + 1;
      // "PROJECT TITLE:" (or "PROJECT TITLE") alone on its line: the value is the next line.
      if (value >= doc.size() || doc.line_start(value)) value = value < doc.size() ? value : k + 1;
      return true;
    }
    // A label alone on its line, in capitals, over the value.
    if (label.size() >= 2 && doc.line_start(k) && k < doc.size() && (doc.toks[i].flags & kAllUpper)) {
      value = k;
      return true;
    }
  }
  return false;
}

// Trims [a, b) of surrounding quotes, trailing punctuation and a glued
// footnote number; returns the cleaned text.
std::string finish(const Doc& doc, std::size_t a, std::size_t b, model::SourceSpan& span) {
  while (a < b && doc.toks[a].kind == Tok::kPunct && (is_quote(doc.toks[a].cp) || doc.toks[a].cp == ',')) {
    // ",," used as an opening quote
    ++a;
  }
  while (b > a && doc.toks[b - 1].kind == Tok::kPunct &&
         (is_quote(doc.toks[b - 1].cp) || doc.toks[b - 1].cp == '.' || doc.toks[b - 1].cp == ',' ||
          doc.toks[b - 1].cp == ';' || doc.toks[b - 1].cp == ':')) {
    --b;
  }
  if (b > a + 1 && doc.is_num(b - 1) && doc.glued(b - 1) && doc.is_word(b - 2) && doc.f(b - 1).size() <= 2) {
    --b;  // "Europe1": footnote marker
  }
  // A trailing "(LT-RES-0042)", "[LT-PL-2-117]", "(Nr. LT07-...)" or "(EEA
  // Grants, Active Citizens Fund)" is the project's number or its fund.
  if (b > a + 2 && (doc.is_punct(b - 1, ')') || doc.is_punct(b - 1, ']'))) {
    std::uint32_t open = doc.is_punct(b - 1, ')') ? '(' : '[';
    for (std::size_t q = b - 1; q > a; --q) {
      if (!doc.is_punct(q, open)) continue;
      bool code = false;
      for (std::size_t r = q + 1; r + 1 < b && !code; ++r) {
        if (doc.is_num(r)) code = true;
        if (!doc.is_word(r)) continue;
        std::string_view w = doc.f(r);
        code = w == "nr" || w == "no" || w == "grants" || w == "fund" || w == "fondas" || w == "fondo" ||
               w == "programme" || w == "program" || w == "programa" || w == "erasmus";
      }
      if (code) {
        b = q;
        while (b > a && doc.toks[b - 1].kind == Tok::kPunct &&
               (doc.toks[b - 1].cp == ',' || is_dash(doc.toks[b - 1].cp) || is_quote(doc.toks[b - 1].cp) ||
                doc.toks[b - 1].cp == '.'))
          --b;
      }
      break;
    }
  }
  if (b <= a) return {};
  span = doc.span(a, b);
  return clean(doc.raw(a, b));
}

// The quoted text starting at the opening quote token q: up to the matching
// close quote on the same line, or to the end of the line when unclosed.
bool quoted(const Doc& doc, std::size_t q, std::size_t limit, std::size_t& a, std::size_t& b, bool& closed) {
  std::uint32_t open = doc.toks[q].cp;
  a = q + 1;
  if (open == ',' && doc.is_punct(q + 1, ',')) a = q + 2;  // ",,Remti ..."
  std::size_t line_end = doc.lines[doc.toks[q].line].last;
  std::size_t end = std::min({line_end, limit, q + 80});
  for (std::size_t k = a; k < end; ++k) {
    if (doc.toks[k].kind != Tok::kPunct) continue;
    std::uint32_t c = doc.toks[k].cp;
    bool closes = false;
    if (open == 0x201E || open == ',') closes = c == 0x201C || c == 0x201D || c == '"';
    else if (open == 0x201C) closes = c == 0x201D || c == '"' || (c == 0x201C && !doc.glued(k + 1));
    else if (open == '"') closes = c == '"' || c == 0x201D;
    else if (open == 0x00AB) closes = c == 0x00BB;
    else if (open == '\'') closes = c == '\'' && !(k + 1 < end && doc.is_word(k + 1) && doc.glued(k + 1));
    else closes = is_close_quote(c);
    // A nested opening quote of another style is part of the name.
    if (closes && k > a) {
      b = k;
      closed = true;
      return true;
    }
  }
  b = end;
  closed = false;
  return b > a;
}

bool opens_quote(const Doc& doc, std::size_t i) {
  if (i >= doc.size() || doc.toks[i].kind != Tok::kPunct) return false;
  std::uint32_t c = doc.toks[i].cp;
  if (c == ',' && doc.is_punct(i + 1, ',') && doc.glued(i + 1)) return true;
  return c == 0x201C || c == 0x201E || c == '"' || c == 0x00AB || c == 0x201D;
}

int words_between(const Doc& doc, std::size_t a, std::size_t b) {
  int n = 0;
  for (std::size_t k = a; k < b; ++k) n += doc.is_word(k) ? 1 : 0;
  return n;
}

// The page's first line read as a title: 3 to 16 words, not a sentence, not
// a label or a sum, not shouted, cut at " | " and before a trailing period
// ("Title | 2021 06 – 2022 09", "Title 06 2021 – 09 2022").
std::optional<TitleGuess> heading_line(const Doc& doc, std::size_t first) {
  if (first >= doc.size()) return std::nullopt;
  const Range& line = doc.lines[doc.toks[first].line];
  std::size_t a = line.first, b = line.last;
  if (b - a > 40) return std::nullopt;
  // Markup leftovers ("## Heading", "<h2>") are not names.
  if (doc.toks[a].kind == Tok::kPunct && (doc.toks[a].cp == '#' || doc.toks[a].cp == '<')) return std::nullopt;
  // Cut at "|" and at a trailing date range.
  for (std::size_t k = a; k < b; ++k) {
    if (doc.is_punct(k, '|')) {
      b = k;
      break;
    }
  }
  {
    Doc sub = tokenize(doc.raw(a, b));
    auto found = find_dates(sub);
    if (!found.empty() && found.back().range && found.back().last == sub.size()) b = a + found.back().first;
  }
  int words = 0, upper_words = 0, caps = 0;
  for (std::size_t k = a; k < b; ++k) {
    if (!doc.is_word(k)) continue;
    ++words;
    if (doc.upper(k)) ++upper_words;
    if (doc.toks[k].flags & kAllUpper) ++caps;
    // Verbs of a news sentence or a page label make it no title.
    std::string_view w = doc.f(k);
    if (w == "is" || w == "are" || w == "was" || w == "were" || w == "has" || w == "have" || w == "buvo" ||
        w == "yra" || w == "igyvendino" || w == "igyvendina" || w == "more" || w == "information") {
      return std::nullopt;
    }
    if (starts_with(w, "project") || starts_with(w, "projekt") || w == "projects") return std::nullopt;
  }
  if (words < 3 || words > 16 || caps * 2 > words) return std::nullopt;
  for (std::size_t k = a; k < b; ++k) {
    const Token& t = doc.toks[k];
    if (t.kind == Tok::kPunct && (t.cp == 0x20AC || t.cp == '.' || t.cp == '?' || t.cp == '!')) {
      // A full stop ends a sentence; "Comenius. Baigiamasis ..." is a kicker and a sentence.
      return std::nullopt;
    }
    if (t.kind == Tok::kWord && (doc.f(k) == "eur" || doc.f(k) == "euro")) return std::nullopt;
  }
  // "Label: value" lines with a short label are labels.
  for (std::size_t k = a; k < b && k < a + 4; ++k) {
    if (doc.is_punct(k, ':') && k + 1 < b && (doc.is_num(k + 1) || k <= a + 2)) return std::nullopt;
  }
  TitleGuess g;
  g.title = finish(doc, a, b, g.span);
  if (g.title.empty()) return std::nullopt;
  return g;
}

}  // namespace

std::optional<TitleGuess> find_title(const Doc& doc, Range block, bool whole_page) {
  const std::size_t first = block.first, last = std::min<std::size_t>(block.last, doc.size());
  if (first >= last) return std::nullopt;
  TitleGuess g;
  // 1. Label.
  for (std::size_t i = first; i < last; ++i) {
    if (!doc.line_start(i)) continue;
    std::size_t v;
    if (title_label(doc, i, v)) {
      std::size_t e = v < doc.size() ? doc.lines[doc.toks[v].line].last : doc.size();
      if (v < doc.size() && doc.toks[v].line != doc.toks[i].line && doc.toks[v].line > doc.toks[i].line + 1) continue;
      if (e > last) e = last;
      g.title = finish(doc, v, e, g.span);
      if (!g.title.empty()) return g;
    }
  }
  // 2. Quoted name after "project" (closed quotes first, then unclosed ones
  // that run to the end of a short line).
  std::optional<TitleGuess> unclosed;
  std::optional<TitleGuess> heading;
  for (std::size_t i = first; i + 1 < last; ++i) {
    // A single quote opens a name only right after a project or naming word.
    const bool single = doc.is_punct(i, '\'') && i > first && doc.is_word(i - 1) &&
                        (project_word(doc.f(i - 1)) || initiative_word(doc.f(i - 1))) && doc.upper(i + 1) &&
                        doc.glued(i + 1);
    if (!opens_quote(doc, i) && !single) continue;
    bool after_project = i > first && doc.is_word(i - 1) &&
                         (project_word(doc.f(i - 1)) || initiative_word(doc.f(i - 1))) &&
                         !(i > first + 1 && doc.glued(i - 1) && doc.is_punct(i - 2, '-'));  // "so-called"
    bool line_heading = doc.line_start(i) && doc.toks[i].line < doc.toks[first].line + 3;
    // A quoted name inside one of the first lines when that line is a
    // heading, not a sentence ("Questions and answers about “X”").
    bool in_heading = !line_heading && !after_project && doc.toks[i].line < doc.toks[first].line + 3 && heading_like(doc, i);
    std::size_t a, b;
    bool closed = false;
    // "“Warm Homes”, a project that ...", "„X“ – projektas, ...".
    bool named_project = false;
    if (!after_project && !line_heading && !in_heading) {
      if (!quoted(doc, i, last, a, b, closed) || !closed) continue;
      std::size_t k = b + 1;
      if (doc.is_punct(k, ',') || (k < doc.size() && doc.toks[k].kind == Tok::kPunct && is_dash(doc.toks[k].cp))) ++k;
      if (doc.is_word(k, "a") || doc.is_word(k, "the") || doc.is_word(k, "an")) ++k;
      named_project = doc.is_word(k) && project_word(doc.f(k)) && words_between(doc, a, b) <= 12;
      if (!named_project) continue;
    }
    if (!quoted(doc, i, last, a, b, closed)) continue;
    if (in_heading && !closed) continue;
    if (named_project) after_project = true;
    if (in_heading && closed && !heading) {
      TitleGuess t;
      t.title = finish(doc, a, b, t.span);
      if (!t.title.empty() && words_between(doc, a, b) <= 12) heading = t;
      continue;
    }
    int words = words_between(doc, a, b);
    if (words == 0 || words > 30) continue;
    TitleGuess t;
    t.title = finish(doc, a, b, t.span);
    if (t.title.empty()) continue;
    if (after_project && closed) {
      return t;
    }
    if (after_project && !closed && !unclosed && words <= 25) {
      // Only when the quote runs to the end of its line ("Project “Title").
      unclosed = t;
    }
    if (line_heading && closed && !heading) {
      // The heading must be the quote alone (an optional period may follow).
      std::size_t line_end = doc.lines[doc.toks[i].line].last;
      bool alone = true;
      for (std::size_t k = b + 1; k < line_end; ++k) {
        if (doc.is_word(k) && !month_at_word(doc, k) && doc.f(k) != "m" && doc.f(k) != "d") {
          alone = false;
          break;
        }
      }
      if (alone) heading = t;
    }
  }
  if (heading) return heading;
  // A heading line that begins with the quoted name gives the full title
  // ("CoastCycle – pajūrio dviračių maršrutai" over „CoastCycle“).
  std::optional<TitleGuess> quoted_after_project;
  (void)quoted_after_project;
  if (unclosed) return unclosed;
  // 4. "project TETRAS (Technology transfer for ...)".
  for (std::size_t i = first; i + 3 < last; ++i) {
    if (!doc.is_word(i) || !project_word(doc.f(i))) continue;
    std::size_t k = i + 1;
    if (!doc.is_word(k) || !(doc.toks[k].flags & kAllUpper) || doc.f(k).size() < 3) continue;
    if (!doc.is_punct(k + 1, '(') || !doc.upper(k + 2)) continue;
    std::size_t close = 0;
    for (std::size_t q = k + 2; q < std::min(last, k + 40); ++q) {
      if (doc.is_punct(q, ')')) {
        close = q;
        break;
      }
    }
    if (!close) continue;
    g.title = finish(doc, k, close + 1, g.span);
    if (!g.title.empty()) return g;
  }
  if (!whole_page && first != 0) return std::nullopt;
  // 5./6. The first line of the page.
  const Range& line = doc.lines[doc.toks[first].line];
  std::size_t a = line.first, b = line.last;
  if (b - a > 80) return std::nullopt;
  // "LLI-422, Title": a project code first.
  if (doc.is_word(a) && (doc.toks[a].flags & kAllUpper) && doc.is_punct(a + 1, '-') && doc.is_num(a + 2) &&
      (doc.is_punct(a + 3, ',') || doc.is_punct(a + 3, ':'))) {
    g.title = finish(doc, a + 4, b, g.span);
    if (!g.title.empty()) return g;
  }
  // A heading line of its own (a name, not a sentence or a label).
  if (auto h = heading_line(doc, first)) return h;
  // "Title 06 2021 – 09 2022": a heading carrying the period.
  std::vector<DateMention> dates;
  {
    // Dates on this line only (cheap: the line is short).
    Doc sub = tokenize(doc.raw(a, b));
    auto found = find_dates(sub);
    if (!found.empty() && found.back().range && found.back().last == sub.size() && found.back().first >= 3) {
      std::size_t cut = a + found.back().first;
      g.title = finish(doc, a, cut, g.span);
      if (!g.title.empty() && words_between(doc, a, cut) >= 3) return g;
    }
  }
  return std::nullopt;
}

}  // namespace tiltas::extract::detail
