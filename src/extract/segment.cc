// Segmentation: which parts of a page are separate records.
//
// Pages of the genre list several projects in three ways:
//  - repeated label blocks ("Partner: ... Implementation period: ...",
//    "Project Promoter: ... Grant amount: ..."): a record starts at each
//    repetition of the first label of the cycle;
//  - numbered project lines ("Project No. 1: <title>"), sometimes with the
//    implementers listed apart ("1. Project no. 1 - <organisation>");
//  - a list of titles under a heading that announces projects
//    ("Įgyvendinti projektai:", "... dalyvauja 2 projektuose:").
// Anything else is one record. Text before the first record is the page's
// preamble: its programme and funder apply to every record.
#include <string>

#include "extract/internal.h"

namespace tiltas::extract::detail {
namespace {

// Labels that open a record when repeated, folded. Checked at line starts
// (and glued to the value: "BR PromoterInternational ...").
const std::vector<std::vector<std::string_view>>& opening_labels() {
  static const std::vector<std::vector<std::string_view>> labels = {
      {"project", "promoter"}, {"br", "promoter"}, {"promoter"}, {"partner"}, {"title"},
      {"project", "title"}, {"projekto", "pavadinimas"}, {"pavadinimas"}, {"coordinator"},
      {"lead", "partner"}, {"projekto", "vykdytojas"}, {"iniciatyvos", "vykdytojas"}, {"vykdytojas"},
      {"projekta", "istenotajs"}, {"istenotajs"}, {"projekta", "vadosais", "partneris"}, {"pareiskejas"}, {"applicant"},
      {"beneficiary"}, {"project", "name"}, {"projekta", "nosaukums"}, {"nosaukums"},
      {"tytul", "projektu"}, {"beneficjent"}, {"wnioskodawca"}, {"prosjekteier"},
      {"prosjektnavn"}, {"project"},
  };
  return labels;
}

// Length in tokens of the label at line-start token i, or 0. The label must
// be followed by ':' or glued to an upper-case value.
std::size_t label_at(const Doc& doc, std::size_t i, const std::vector<std::string_view>& label) {
  std::size_t k = i;
  for (std::size_t m = 0; m < label.size(); ++m, ++k) {
    if (!doc.is_word(k)) return 0;
    std::string_view w = doc.f(k);
    if (m + 1 < label.size() || w == label[m]) {
      if (w != label[m]) return 0;
      continue;
    }
    // Last label word glued to its value: "PromoterInternational", "PartnerNOAS".
    if (starts_with(w, label[m]) && w.size() > label[m].size()) {
      std::string_view raw = doc.raw(k);
      std::size_t cut = label[m].size();
      if (cut < raw.size() && static_cast<unsigned char>(raw[cut]) >= 'A' &&
          static_cast<unsigned char>(raw[cut]) <= 'Z') {
        return k - i + 1;
      }
      if (cut < raw.size() && static_cast<unsigned char>(raw[cut]) >= 0x80) return k - i + 1;
    }
    return 0;
  }
  if (doc.is_punct(k, ':')) return k - i + 1;
  return 0;
}

bool projects_heading(const Doc& doc, Range line) {
  if (line.empty() || !doc.is_punct(line.last - 1, ':')) return false;
  bool projects = false;
  for (std::size_t k = line.first; k < line.last; ++k) {
    if (!doc.is_word(k)) continue;
    std::string_view w = doc.f(k);
    // "projektu" is the Lithuanian genitive plural, but the Polish genitive
    // singular ("W ramach projektu:" = within the project).
    if ((w == "projektu" && doc.language == "lt") || w == "projects" || w == "projektai" ||
        w == "projektuose" || w == "projekti" ||
        w == "projekty" || w == "prosjekter" || w == "projektiem" || w == "projektus") {
      projects = true;
    }
    if (w == "activities" || w == "veiklos" || w == "results" || w == "rezultatai" || w == "aims" ||
        w == "objectives" || w == "tikslai") {
      return false;
    }
  }
  return projects;
}

// A list item line: bullet or number first. Returns the token after the marker.
std::size_t item_marker(const Doc& doc, Range line, bool& numbered) {
  numbered = false;
  std::size_t k = line.first;
  if (k >= line.last) return 0;
  const Token& t = doc.toks[k];
  if (t.kind == Tok::kPunct && (t.cp == 0x2022 || t.cp == '*' || t.cp == 0x25CF || t.cp == 0x25AA ||
                                t.cp == '-' || t.cp == 0x2013 || t.cp == 0x00B7)) {
    return k + 1;
  }
  if (t.kind == Tok::kNumber && doc.f(k).size() <= 2) {
    std::size_t j = k + 1;
    // "1.", "1.1.", "1.1", "2.1"
    while (j + 1 < line.last && doc.is_punct(j, '.') && doc.is_num(j + 1) && doc.glued(j + 1)) j += 2;
    if (doc.is_punct(j, '.') || doc.is_punct(j, ')')) ++j;
    if (j > k + 1 && j < line.last) {
      numbered = true;
      return j;
    }
  }
  return 0;
}

void strip_trailing(const Doc& doc, std::size_t first, std::size_t& last) {
  while (last > first && doc.toks[last - 1].kind == Tok::kPunct &&
         (doc.toks[last - 1].cp == '.' || doc.toks[last - 1].cp == ';' || doc.toks[last - 1].cp == ',' ||
          doc.toks[last - 1].cp == ':')) {
    --last;
  }
}

Block title_block(const Doc& doc, std::size_t a, std::size_t b, Range item) {
  Block blk;
  blk.range = item;
  blk.kind = "list";
  blk.title_only = true;
  blk.title = clean(doc.raw(a, b));
  blk.title_span = doc.span(a, b);
  return blk;
}

// Titles of projects listed under a projects heading.
bool title_lists(const Doc& doc, Segmentation& seg) {
  std::vector<Block> blocks;
  const auto& lines = doc.lines;
  for (std::size_t li = 0; li < lines.size(); ++li) {
    if (!projects_heading(doc, lines[li])) continue;
    for (std::size_t lj = li + 1; lj < lines.size() && lj < li + 60; ++lj) {
      bool numbered = false;
      std::size_t start = item_marker(doc, lines[lj], numbered);
      if (!start) break;
      std::size_t end = lines[lj].last;
      strip_trailing(doc, start, end);
      if (end <= start) continue;
      if (numbered) {
        // "1.1. Objective: Title; Title." — a numbered programme objective
        // followed by the project titles under it.
        std::size_t colon = 0;
        for (std::size_t k = start; k < end; ++k) {
          if (doc.is_punct(k, ':')) {
            colon = k;
            break;
          }
        }
        std::size_t a = colon ? colon + 1 : start;
        for (std::size_t k = a; k <= end; ++k) {
          if (k == end || doc.is_punct(k, ';')) {
            if (k > a) blocks.push_back(title_block(doc, a, k, lines[lj]));
            a = k + 1;
          }
        }
      } else {
        blocks.push_back(title_block(doc, start, end, lines[lj]));
      }
      li = lj;
    }
  }
  if (blocks.empty()) return false;
  seg.preamble = {0, blocks.front().range.first};
  seg.blocks = std::move(blocks);
  seg.findings.push_back({"records", model::Severity::kInfo,
                          "projects listed by title under a heading; each item is a record", {}});
  return true;
}

// "Project No. 1: <title> (2 offers)." lines, and "1. Project no. 1 - <organisation>."
bool numbered_projects(const Doc& doc, Segmentation& seg) {
  std::vector<Block> blocks;
  std::vector<int> numbers;
  for (const Range& line : doc.lines) {
    std::size_t k = line.first;
    if (!doc.is_word(k, "project") && !doc.is_word(k, "projektas")) continue;
    std::size_t j = k + 1;
    if (doc.is_word(j, "no") || doc.is_word(j, "nr")) ++j;
    if (doc.is_punct(j, '.')) ++j;
    if (!doc.is_num(j) || doc.f(j).size() > 2) continue;
    std::size_t after = j + 1;
    if (!doc.is_punct(after, ':')) continue;
    std::size_t a = after + 1, b = line.last;
    // Drop a trailing parenthetical remark and the final full stop.
    for (std::size_t q = a; q < b; ++q) {
      if (doc.is_punct(q, '(')) {
        bool closes = false;
        for (std::size_t r = q; r < b; ++r) {
          if (doc.is_punct(r, ')')) {
            closes = (r + 3 >= b);
            break;
          }
        }
        if (closes) {
          b = q;
          break;
        }
      }
    }
    strip_trailing(doc, a, b);
    if (b <= a) continue;
    Block blk;
    blk.range = line;
    blk.kind = "numbered";
    blk.title = clean(doc.raw(a, b));
    blk.title_span = doc.span(a, b);
    blocks.push_back(blk);
    numbers.push_back(std::stoi(std::string(doc.f(j))));
  }
  if (blocks.size() < 2) return false;
  // Implementers listed apart: "1. Project no. 1 - Public Enterprise ...".
  for (const Range& line : doc.lines) {
    std::size_t k = line.first;
    bool numbered = false;
    std::size_t s = item_marker(doc, line, numbered);
    if (s) k = s;
    if (!doc.is_word(k, "project")) continue;
    std::size_t j = k + 1;
    if (doc.is_word(j, "no") || doc.is_word(j, "nr")) ++j;
    if (doc.is_punct(j, '.')) ++j;
    if (!doc.is_num(j)) continue;
    int n = std::stoi(std::string(doc.f(j).substr(0, 3)));
    std::size_t a = j + 1;
    if (a < line.last && doc.toks[a].kind == Tok::kPunct && (is_dash(doc.toks[a].cp) || doc.toks[a].cp == ':')) ++a;
    else if (doc.is_punct(a, ':')) ++a;
    else if (!doc.is_word(a)) continue;
    std::size_t b = line.last;
    while (b > a && doc.toks[b - 1].kind == Tok::kPunct && doc.toks[b - 1].cp == '.') --b;
    // Keep a full stop that belongs to a quoted name: "“I can live.”"
    if (b < line.last && b > a && doc.toks[b - 1].kind == Tok::kPunct && is_close_quote(doc.toks[b - 1].cp)) {
    }
    if (b <= a) continue;
    for (std::size_t q = 0; q < blocks.size(); ++q) {
      if (numbers[q] == n && &line != &doc.lines[0] && blocks[q].range.first != line.first) {
        model::Participation p;
        p.name = clean(doc.raw(a, b));
        p.role = model::Role::kPromoter;
        p.span = doc.span(a, b);
        blocks[q].orgs.push_back(p);
      }
    }
  }
  seg.preamble = {0, blocks.front().range.first};
  seg.blocks = std::move(blocks);
  seg.findings.push_back({"records", model::Severity::kInfo,
                          "numbered projects; implementers listed apart were joined by number", {}});
  return true;
}

bool currency_word(std::string_view w) {
  return w == "eur" || w == "euro" || w == "euros" || w == "euru" || w == "eurai" || w == "nok" || w == "pln" ||
         w == "zl" || w == "usd" || w == "isk" || w == "chf";
}

// "1. Organisation – „Title“. Granted 4 960 Eur. Period: ..." paragraphs:
// a list of awarded projects, one per numbered item, each naming its sum.
// Numbers run 1, 2, 3... at line starts; an item ends where the next begins
// or at the end of its paragraph.
struct Item {
  std::size_t line, body;  // the item's line and the token after its marker
};
bool item_blocks(const Doc& doc, const std::vector<Item>& items, Segmentation& seg, const char* finding);

bool numbered_items(const Doc& doc, Segmentation& seg) {
  std::vector<Item> items;
  int expect = 1;
  for (std::size_t li = 0; li < doc.lines.size(); ++li) {
    const Range& line = doc.lines[li];
    std::size_t k = line.first;
    if (line.last - line.first < 8 || !doc.is_num(k) || doc.f(k).size() > 2) continue;
    if (!doc.is_punct(k + 1, '.') && !doc.is_punct(k + 1, ')')) continue;
    if (doc.is_num(k + 2) && doc.glued(k + 2)) continue;  // "1.1." numbering of activities
    if (std::stoi(std::string(doc.f(k))) != expect) {
      if (std::stoi(std::string(doc.f(k))) == 1 && items.size() < 2) {
        items.clear();
        expect = 1;
      } else {
        continue;
      }
    }
    // The item names a sum of money.
    bool money = false;
    for (std::size_t q = k + 2; q < line.last && !money; ++q) {
      money = (doc.is_word(q) && currency_word(doc.f(q))) || doc.is_punct(q, 0x20AC);
    }
    if (!money) continue;
    items.push_back({li, k + 2});
    ++expect;
  }
  return item_blocks(doc, items, seg, "numbered items each naming a sum; each item is a record");
}

// "• “Title” – Organisation with Partner (Norway), EUR 20 000, 03/2022–12/2022":
// bulleted items that each name a sum are records too.
bool bulleted_items(const Doc& doc, Segmentation& seg) {
  std::vector<Item> items;
  for (std::size_t li = 0; li < doc.lines.size(); ++li) {
    const Range& line = doc.lines[li];
    if (line.last - line.first < 8) continue;
    bool numbered = false;
    std::size_t body = item_marker(doc, line, numbered);
    if (!body || numbered) continue;
    bool money = false;
    for (std::size_t q = body; q < line.last && !money; ++q) {
      money = (doc.is_word(q) && currency_word(doc.f(q))) || doc.is_punct(q, 0x20AC);
    }
    if (money) items.push_back({li, body});
  }
  return item_blocks(doc, items, seg, "bulleted items each naming a sum; each item is a record");
}

bool item_blocks(const Doc& doc, const std::vector<Item>& items, Segmentation& seg, const char* finding) {
  if (items.size() < 2) return false;
  std::vector<Block> blocks;
  for (std::size_t n = 0; n < items.size(); ++n) {
    const Range& line = doc.lines[items[n].line];
    std::size_t end = n + 1 < items.size() ? doc.lines[items[n + 1].line].first : doc.size();
    for (std::size_t q = line.last; q < end; ++q) {
      if (doc.toks[q].flags & kBlankBefore) {
        end = q;
        break;
      }
    }
    Block blk;
    blk.range = {static_cast<std::uint32_t>(line.first), static_cast<std::uint32_t>(end)};
    blk.kind = "numbered";
    blk.title_decided = true;
    // "Organisation – „Title“": the organisation implements it; a quoted
    // name right after the dash is the title.
    std::size_t a = items[n].body;
    std::size_t send = std::min<std::size_t>(doc.sentences[doc.toks[a].sentence].last, line.last);
    // "„Title“ (Organisation ...)" / "“Title” – Organisation ...": the item
    // opens with its quoted title; the rest is read as usual.
    if (a < line.last && doc.toks[a].kind == Tok::kPunct && is_open_quote(doc.toks[a].cp)) {
      std::size_t u = a + 1;
      while (u < line.last && u < a + 30 && !(doc.toks[u].kind == Tok::kPunct && is_close_quote(doc.toks[u].cp)))
        ++u;
      if (u < line.last && u > a + 1 && u < a + 30) {
        blk.title = clean(doc.raw(a + 1, u));
        blk.title_span = doc.span(a + 1, u);
        blk.range.first = static_cast<std::uint32_t>(u + 1);
        blocks.push_back(std::move(blk));
        continue;
      }
    }
    for (std::size_t q = a + 1; q < send; ++q) {
      if (doc.toks[q].kind != Tok::kPunct || !is_dash(doc.toks[q].cp) || doc.glued(q)) continue;
      std::size_t b = q;
      // "(Ukmergės r.)" after the name says where it works, not who it is.
      std::size_t name_end = b;
      for (std::size_t r = a; r < b; ++r) {
        if (doc.is_punct(r, '(')) {
          name_end = r;
          break;
        }
      }
      if (name_end > a && name_end - a <= 12) {
        model::Participation p;
        p.name = clean(doc.raw(a, name_end));
        p.role = model::Role::kPromoter;
        p.span = doc.span(a, name_end);
        blk.orgs.push_back(p);
      }
      std::size_t t = q + 1;
      if (t < send && doc.toks[t].kind == Tok::kPunct && is_open_quote(doc.toks[t].cp)) {
        std::size_t u = t + 1;
        int depth = 0;
        while (u < send) {
          const Token& tk = doc.toks[u];
          if (tk.kind == Tok::kPunct && is_close_quote(tk.cp) && depth == 0 &&
              (u + 1 >= send || !doc.is_word(u + 1) || !doc.glued(u + 1)))
            break;
          if (tk.kind == Tok::kPunct && is_open_quote(tk.cp) && !is_close_quote(tk.cp)) ++depth;
          else if (tk.kind == Tok::kPunct && is_close_quote(tk.cp) && depth > 0) --depth;
          ++u;
        }
        if (u < send && u > t + 1) {
          blk.title = clean(doc.raw(t + 1, u));
          blk.title_span = doc.span(t + 1, u);
        }
      }
      break;
    }
    blocks.push_back(std::move(blk));
  }
  seg.preamble = {0, blocks.front().range.first};
  seg.blocks = std::move(blocks);
  seg.findings.push_back({"records", model::Severity::kInfo, finding, {}});
  return true;
}

bool label_blocks(const Doc& doc, Segmentation& seg) {
  const auto& labels = opening_labels();
  std::vector<std::vector<std::size_t>> hits(labels.size());
  for (const Range& line : doc.lines) {
    if (line.empty()) continue;
    for (std::size_t l = 0; l < labels.size(); ++l) {
      if (label_at(doc, line.first, labels[l])) {
        hits[l].push_back(line.first);
        break;
      }
    }
  }
  std::size_t best = labels.size();
  for (std::size_t l = 0; l < labels.size(); ++l) {
    if (hits[l].size() < 2) continue;
    if (best == labels.size() || hits[l].front() < hits[best].front()) best = l;
  }
  if (best == labels.size()) return false;
  std::vector<std::size_t> starts = hits[best];
  // "Green Roofs Now\nPromoter: ...": a short heading line right above each
  // record's first label names the record (when every record has one).
  std::vector<Range> headings;
  for (std::size_t st : starts) {
    std::size_t li = doc.toks[st].line;
    if (li == 0 || (doc.toks[st].flags & kBlankBefore)) break;
    const Range& h = doc.lines[li - 1];
    const Token& tail = doc.toks[h.last - 1];
    bool colon = false;
    for (std::size_t k = h.first; k < h.last; ++k) colon |= doc.is_punct(k, ':');
    if (!(doc.toks[h.first].flags & kBlankBefore) || h.last - h.first > 14 || colon || !doc.upper(h.first) ||
        (tail.kind == Tok::kPunct && (tail.cp == '.' || tail.cp == ',' || tail.cp == ';')))
      break;
    headings.push_back(h);
  }
  const bool titled = headings.size() == starts.size();
  for (std::size_t k = 0; k < starts.size(); ++k) {
    Block blk;
    std::size_t from = titled ? headings[k].first : starts[k];
    std::size_t to = k + 1 < starts.size() ? (titled ? headings[k + 1].first : starts[k + 1]) : doc.size();
    blk.range = {static_cast<std::uint32_t>(from), static_cast<std::uint32_t>(to)};
    blk.kind = "label";
    if (titled) {
      std::size_t b = headings[k].last;
      std::size_t a = headings[k].first;
      while (b > a && doc.toks[b - 1].kind == Tok::kPunct && (is_quote(doc.toks[b - 1].cp) || doc.toks[b - 1].cp == ':')) --b;
      while (a < b && doc.toks[a].kind == Tok::kPunct && is_quote(doc.toks[a].cp)) ++a;
      if (b > a) {
        blk.title = clean(doc.raw(a, b));
        blk.title_span = doc.span(a, b);
      }
    }
    seg.blocks.push_back(blk);
  }
  if (titled) starts.front() = headings.front().first;
  seg.preamble = {0, static_cast<std::uint32_t>(starts.front())};
  std::string label;
  // Appended piecewise: GCC 12 warns (-Wrestrict, a false positive) about
  // operator+ on a conditional literal here, and CI builds with -Werror.
  for (auto w : labels[best]) {
    if (!label.empty()) label += ' ';
    label.append(w);
  }
  seg.findings.push_back({"records", model::Severity::kInfo,
                          "the label '" + label + "' repeats " + std::to_string(starts.size()) +
                              " times; each repetition starts a record",
                          doc.span(starts.front(), starts.front() + 1)});
  return true;
}

// Words of section headings that are parts of one project's page, not
// names of projects ("Budget", "Results", "Partners").
bool generic_heading(const Doc& doc, Range line) {
  static const std::string_view generic[] = {
      "budget", "results", "activities", "partners", "partner", "period", "about", "contacts", "contact",
      "funding", "summary", "background", "objectives", "aims", "timeline", "outcomes", "indicators",
      "biudzetas", "rezultatai", "veiklos", "partneriai", "laikotarpis", "apie", "kontaktai", "finansavimas",
      "tikslai", "santrauka", "rodikliai", "key", "facts", "faktai", "programme", "programa", "agenda"};
  for (std::size_t k = line.first; k < line.last; ++k) {
    if (!doc.is_word(k)) continue;
    for (auto g : generic) {
      if (doc.f(k) == g) return true;
    }
  }
  return false;
}

// Newsletters and round-ups: several short headings, each over one paragraph
// that names a sum ("Libraries that lend tools" / "Biržai District Public
// Library and ... The initiative runs ... with a grant of EUR 9 800.").
// Each such heading with its paragraph is a record titled by the heading;
// the text after the last one (often "All three initiatives are financed by
// ...") is read with the preamble.
bool heading_sections(const Doc& doc, Segmentation& seg) {
  std::vector<Block> blocks;
  const auto& lines = doc.lines;
  for (std::size_t li = 0; li + 1 < lines.size(); ++li) {
    const Range& h = lines[li];
    const Range& body = lines[li + 1];
    if (h.empty() || body.empty()) continue;
    if (!(doc.toks[h.first].flags & kBlankBefore) || (doc.toks[body.first].flags & kBlankBefore)) continue;
    std::size_t words = 0;
    for (std::size_t k = h.first; k < h.last; ++k) words += doc.is_word(k);
    if (words == 0 || h.last - h.first > 12 || !doc.upper(h.first)) continue;
    const Token& tail = doc.toks[h.last - 1];
    if (tail.kind == Tok::kPunct && (tail.cp == '.' || tail.cp == ':' || tail.cp == ';' || tail.cp == ',')) continue;
    if (generic_heading(doc, h)) continue;
    // The paragraph under the heading.
    std::size_t end = body.last;
    for (std::size_t lj = li + 2; lj < lines.size() && !(doc.toks[lines[lj].first].flags & kBlankBefore); ++lj) {
      end = lines[lj].last;
    }
    bool money = false;
    for (std::size_t k = body.first; k < end && !money; ++k) {
      money = (doc.is_word(k) && currency_word(doc.f(k))) || doc.is_punct(k, 0x20AC);
    }
    if (!money) continue;
    Block blk;
    blk.range = {h.first, static_cast<std::uint32_t>(end)};
    blk.kind = "section";
    std::size_t b = h.last;
    strip_trailing(doc, h.first, b);
    blk.title = clean(doc.raw(h.first, b));
    blk.title_span = doc.span(h.first, b);
    blocks.push_back(std::move(blk));
  }
  if (blocks.size() < 2) return false;
  seg.preamble = {0, blocks.front().range.first};
  seg.postamble = {blocks.back().range.last, static_cast<std::uint32_t>(doc.size())};
  seg.blocks = std::move(blocks);
  seg.findings.push_back({"records", model::Severity::kInfo,
                          "short headings each over a paragraph naming a sum; each is a record", {}});
  return true;
}

}  // namespace

Segmentation segment(const Doc& doc) {
  Segmentation seg;
  if (doc.size() == 0) return seg;
  if (table_rows(doc, seg)) return seg;
  if (label_blocks(doc, seg)) return seg;
  if (numbered_projects(doc, seg)) return seg;
  if (numbered_items(doc, seg)) return seg;
  if (bulleted_items(doc, seg)) return seg;
  if (title_lists(doc, seg)) return seg;
  if (heading_sections(doc, seg)) return seg;
  Block whole;
  whole.range = {0, static_cast<std::uint32_t>(doc.size())};
  whole.kind = "single";
  seg.blocks.push_back(whole);
  seg.preamble = {0, 0};
  return seg;
}

}  // namespace tiltas::extract::detail
