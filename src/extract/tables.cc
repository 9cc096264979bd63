// Fund lists flattened from tables. Pages copied from spreadsheets, PDFs and
// Markdown keep one project per line with the columns separated by tabs or
// '|'; the first such line names the columns:
//   No.<TAB>Project title<TAB>Promoter<TAB>Partner<TAB>Period<TAB>Grant, EUR
//   | Initiative | Lithuanian entity | Donor state partner | Country | Start | End | Amount |
// Columns are recognised by the words of their header, in any of the
// genre's languages, so the order and the set of columns may vary.
#include <string>

#include "extract/internal.h"

namespace tiltas::extract::detail {
namespace {

enum class Col { kNone, kNumber, kTitle, kPromoter, kPartner, kCountry, kPeriod, kStart, kEnd, kAmount };

// Cells of a line: split at '|' tokens and at tabs between tokens. Returns
// an empty vector for a line with fewer than two separators.
std::vector<Range> cells_of(const Doc& doc, Range line) {
  std::vector<Range> cells;
  if (line.empty()) return cells;
  // Most lines have neither separator: one look at the bytes settles it.
  std::string_view raw = doc.raw(line.first, line.last);
  if (raw.find('\t') == std::string_view::npos && raw.find('|') == std::string_view::npos) return cells;
  int seps = 0;
  std::size_t a = line.first;
  bool pipe_open = doc.is_punct(line.first, '|');
  if (pipe_open) a = line.first + 1;
  for (std::size_t k = a; k < line.last; ++k) {
    if (doc.is_punct(k, '|')) {
      cells.push_back({static_cast<std::uint32_t>(a), static_cast<std::uint32_t>(k)});
      a = k + 1;
      ++seps;
      continue;
    }
    if (k > a || k > line.first) {
      // Tabs in the gap before token k (each tab past the first is an empty cell).
      std::size_t gap_from = doc.toks[k - 1].end, gap_to = doc.toks[k].begin;
      int tabs = 0;
      for (std::size_t c = gap_from; c < gap_to && c < doc.text.size(); ++c) tabs += doc.text[c] == '\t';
      if (tabs > 0 && k > line.first) {
        cells.push_back({static_cast<std::uint32_t>(a), static_cast<std::uint32_t>(k)});
        for (int t = 1; t < tabs; ++t) cells.push_back({static_cast<std::uint32_t>(k), static_cast<std::uint32_t>(k)});
        a = k;
        seps += tabs;
      }
    }
  }
  if (a < line.last) cells.push_back({static_cast<std::uint32_t>(a), static_cast<std::uint32_t>(line.last)});
  if (seps < 2) cells.clear();
  return cells;
}

bool any_word(const Doc& doc, Range r, std::initializer_list<std::string_view> words) {
  for (std::size_t k = r.first; k < r.last; ++k) {
    if (!doc.is_word(k)) continue;
    for (auto w : words) {
      if (doc.f(k) == w) return true;
    }
  }
  return false;
}

Col column_of(const Doc& doc, Range h) {
  if (any_word(doc, h, {"partner", "partners", "partneris", "partneriai", "partnerio", "partneriu", "partnera",
                        "partnerzy", "partnerstaten"}))
    return Col::kPartner;
  if (any_word(doc, h, {"promoter", "vykdytojas", "vykdytojai", "applicant", "pareiskejas", "beneficiary",
                        "lead", "coordinator", "entity", "organisation", "organization", "organizacija",
                        "istaiga", "beneficjent", "prosjekteier", "istenotajs", "wnioskodawca"}))
    return Col::kPromoter;
  if (any_word(doc, h, {"title", "pavadinimas", "initiative", "iniciatyva", "nosaukums", "tytul",
                        "prosjektnavn", "name"}))
    return Col::kTitle;
  if (any_word(doc, h, {"no", "nr", "number", "numeris", "code", "kodas", "id", "ref", "reference"}))
    return Col::kNumber;
  if (any_word(doc, h, {"country", "salis", "valstybe", "land", "kraj", "valsts"})) return Col::kCountry;
  if (any_word(doc, h, {"period", "laikotarpis", "duration", "trukme", "dates", "implementation",
                        "termins", "okres", "periode", "timeframe"}))
    return Col::kPeriod;
  if (any_word(doc, h, {"start", "pradzia", "begin", "beginning", "from", "nuo", "starts"})) return Col::kStart;
  if (any_word(doc, h, {"end", "pabaiga", "until", "iki", "ends", "finish"})) return Col::kEnd;
  if (any_word(doc, h, {"grant", "amount", "suma", "budget", "biudzetas", "eur", "nok", "funding",
                        "finansavimas", "verte", "cost", "sum", "award", "awarded", "dotacija", "kwota",
                        "tilskudd", "pln"}) ||
      (h.last > h.first && doc.is_punct(h.last - 1, 0x20AC)))
    return Col::kAmount;
  if (any_word(doc, h, {"project", "projektas", "projekto", "projekts", "projekt", "prosjekt"})) return Col::kTitle;
  return Col::kNone;
}

// A cell that says "none": empty, or only dashes.
bool blank(const Doc& doc, Range c) {
  for (std::size_t k = c.first; k < c.last; ++k) {
    if (doc.toks[k].kind != Tok::kPunct || !is_dash(doc.toks[k].cp)) return false;
  }
  return true;
}

// Organisations of a cell: "Name (Country)", several joined by ';'.
void cell_orgs(const Doc& doc, Range c, model::Role role, const std::string& row_country,
               std::vector<model::Participation>& out) {
  if (blank(doc, c)) return;
  std::size_t a = c.first;
  for (std::size_t k = c.first; k <= c.last; ++k) {
    if (k < c.last && !doc.is_punct(k, ';')) continue;
    std::size_t b = k;
    std::string country;
    // A trailing "(Norway)" states the country and is not part of the name.
    if (b > a + 2 && doc.is_punct(b - 1, ')')) {
      for (std::size_t q = b - 1; q > a; --q) {
        if (doc.is_punct(q, '(')) {
          country = country_in_range(doc, q + 1, b - 1);
          if (!country.empty()) b = q;
          break;
        }
      }
    }
    while (b > a && doc.toks[b - 1].kind == Tok::kPunct && (doc.toks[b - 1].cp == '.' || doc.toks[b - 1].cp == ','))
      --b;
    if (b > a && !blank(doc, {static_cast<std::uint32_t>(a), static_cast<std::uint32_t>(b)})) {
      model::Participation p;
      p.name = clean(doc.raw(a, b));
      p.role = role;
      p.span = doc.span(a, b);
      if (country.empty()) country = row_country;
      if (country.empty()) {
        // A country named or implied inside the name ("Norwegian ...", "Reykjavik ...").
        for (std::size_t q = a; q < b && country.empty(); ++q) {
          if (!doc.is_word(q)) continue;
          country = country_word_at(doc, q);
          PlaceInfo pi;
          if (country.empty() && doc.upper(q) && match_place(doc, q, pi) > 0) country = pi.country;
        }
      }
      if (!country.empty()) p.country = country;
      out.push_back(std::move(p));
    }
    a = k + 1;
  }
}

std::string currency_in(const Doc& doc, Range h) {
  for (std::size_t k = h.first; k < h.last; ++k) {
    if (doc.is_punct(k, 0x20AC)) return "EUR";
    if (!doc.is_word(k)) continue;
    std::string_view w = doc.f(k);
    if (w == "eur" || w == "euro" || w == "euros" || w == "eurai") return "EUR";
    if (w == "nok") return "NOK";
    if (w == "pln") return "PLN";
    if (w == "isk") return "ISK";
    if (w == "chf") return "CHF";
  }
  return {};
}

bool has_letters_only(const Doc& doc, Range r) {
  bool word = false;
  for (std::size_t k = r.first; k < r.last; ++k) {
    if (doc.is_num(k)) return false;
    word |= doc.is_word(k);
  }
  return word;
}

}  // namespace

bool table_rows(const Doc& doc, Segmentation& seg) {
  // Pages without a tab or a '|' have no table: one scan of the bytes.
  if (doc.text.find('\t') == std::string_view::npos && doc.text.find('|') == std::string_view::npos) return false;
  const auto& lines = doc.lines;
  for (std::size_t li = 0; li + 1 < lines.size(); ++li) {
    std::vector<Range> head = cells_of(doc, lines[li]);
    if (head.size() < 3) continue;
    // The header names columns: words, no numbers.
    bool words_only = true;
    for (const Range& c : head) words_only &= c.empty() || has_letters_only(doc, c) || blank(doc, c);
    if (!words_only) continue;
    std::vector<Col> cols;
    int named = 0;
    bool has_title = false, has_org = false, has_promoter = false;
    for (const Range& c : head) {
      Col col = column_of(doc, c);
      cols.push_back(col);
      named += col != Col::kNone;
      has_title |= col == Col::kTitle;
      has_org |= col == Col::kPromoter || col == Col::kPartner;
      has_promoter |= col == Col::kPromoter;
    }
    if (named < 3 || !(has_title || has_org)) continue;
    std::vector<Block> blocks;
    std::size_t lj = li + 1;
    for (; lj < lines.size(); ++lj) {
      const Range& line = lines[lj];
      bool content = false;
      for (std::size_t k = line.first; k < line.last && !content; ++k) content = doc.toks[k].kind != Tok::kPunct;
      if (!content) continue;  // "|---|---|" rule under the header
      std::vector<Range> row = cells_of(doc, line);
      if (row.size() + 1 < head.size() || row.size() > head.size() + 1) break;
      Block blk;
      blk.range = line;
      blk.kind = "table";
      blk.title_decided = true;
      std::string row_country;
      for (std::size_t c = 0; c < row.size() && c < cols.size(); ++c) {
        if (cols[c] == Col::kCountry && !blank(doc, row[c])) row_country = country_in_range(doc, row[c].first, row[c].last);
      }
      for (std::size_t c = 0; c < row.size() && c < cols.size(); ++c) {
        const Range& cell = row[c];
        switch (cols[c]) {
          case Col::kTitle:
            if (!blank(doc, cell)) {
              std::size_t a = cell.first, b = cell.last;
              while (a < b && doc.toks[a].kind == Tok::kPunct && is_quote(doc.toks[a].cp)) ++a;
              while (b > a && doc.toks[b - 1].kind == Tok::kPunct &&
                     (is_quote(doc.toks[b - 1].cp) || doc.toks[b - 1].cp == '.'))
                --b;
              if (b > a) {
                blk.title = clean(doc.raw(a, b));
                blk.title_span = doc.span(a, b);
              }
            }
            break;
          case Col::kPromoter:
            cell_orgs(doc, cell, model::Role::kPromoter, {}, blk.orgs);
            break;
          case Col::kPartner:
            cell_orgs(doc, cell, model::Role::kPartner, row_country, blk.orgs);
            break;
          case Col::kPeriod: blk.period_cell = cell; break;
          case Col::kStart: blk.start_cell = cell; break;
          case Col::kEnd: blk.end_cell = cell; break;
          case Col::kAmount:
            if (blk.amount_cell.empty()) {
              blk.amount_cell = cell;
              blk.amount_currency = currency_in(doc, head[c]);
              blk.amount_budget = any_word(doc, head[c], {"budget", "biudzetas", "verte", "total", "cost", "costs"});
            }
            break;
          default: break;
        }
      }
      (void)has_promoter;
      blocks.push_back(std::move(blk));
    }
    if (blocks.empty()) continue;
    seg.preamble = {0, lines[li].first};
    seg.blocks = std::move(blocks);
    seg.findings.push_back({"records", model::Severity::kInfo,
                            "a table of projects (tab- or pipe-separated columns); each row is a record",
                            doc.span(lines[li].first, lines[li].last)});
    return true;
  }
  return false;
}

}  // namespace tiltas::extract::detail
