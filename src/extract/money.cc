// Money: "148 680,00 EUR", "12 510 Eur", "€9.6 million", "91.000 €",
// "2,955,553 EUR", "333.524,80 EUR", "35 tūkst. EUR", "14.5 mln. euros".
// Found from the currency outwards (a currency word or sign, then the number
// before or after it), so plain numbers never cost more than a glance.
// The kind (budget / granted / other) comes from the label or the words just
// before the sum; sums of a fund or programme are marked so that they are not
// attached to a record.
#include <cmath>
#include <string>

#include "extract/internal.h"

namespace tiltas::extract::detail {
namespace {

// Currency words and the codes they name (WordFact::kCurrency). "kr" alone
// names no currency: Swedish, Danish, Norwegian and Icelandic crowns all
// write it.
constexpr std::string_view kCurrencyCodes[] = {"EUR", "NOK", "ISK", "PLN", "CHF", "SEK", "DKK", "USD", "GBP", "LTL"};
constexpr std::pair<std::string_view, int> kCurrencyWords[] = {
    {"eur", 1},    {"euro", 1},   {"euros", 1},  {"euru", 1},   {"eurai", 1}, {"eurais", 1}, {"eiro", 1},
    {"eurow", 1},  {"euri", 1},   {"nok", 2},    {"kroner", 2}, {"kronu", 2}, {"kronos", 2}, {"kronur", 3},
    {"kronum", 3}, {"isk", 3},    {"pln", 4},    {"zl", 4},     {"zlotych", 4}, {"chf", 5},  {"sek", 6},
    {"dkk", 7},    {"usd", 8},    {"gbp", 9},    {"ltl", 10},   {"litu", 10}};

std::string currency_of(const Doc& doc, std::size_t i) {
  const Token& t = doc.toks[i];
  if (t.kind == Tok::kPunct) {
    if (t.cp == 0x20AC) return "EUR";
    if (t.cp == 0x00A3) return "GBP";
    if (t.cp == '$') return "USD";
    return {};
  }
  if (t.kind != Tok::kWord) return {};
  const std::int32_t code = doc.fact(WordFact::kCurrency, i);
  return code > 0 ? std::string(kCurrencyCodes[code - 1]) : std::string();
}

// Multiplier words: "million", "mln.", "tūkst.", "thousand", "mio", "milj.".
double multiplier(std::string_view w) {
  if (w == "million" || w == "millions" || w == "mln" || w == "mio" || w == "milj" || w == "miljoni" ||
      w == "milijonai" || w == "milijonu" || w == "miljon" || w == "miljoner" || w == "milionow" ||
      w == "mil" || w == "m")
    return 1e6;
  if (w == "thousand" || w == "tukst" || w == "tukstanciu" || w == "tukstanciai" || w == "tuks" ||
      w == "tukst" || w == "k" || w == "tys" || w == "tusen" || w == "tukstosi")
    return 1e3;
  if (w == "billion" || w == "mlrd" || w == "bn") return 1e9;
  return 0;
}

struct Number {
  std::size_t first = 0, last = 0;
  double value = 0;
  bool ok = false;
};

// Reads the digit groups [a, b) (numbers and their separators) as one amount.
Number interpret(const Doc& doc, std::size_t a, std::size_t b, bool has_multiplier) {
  Number out;
  out.first = a;
  out.last = b;
  // Collect digit groups and the separator before each.
  std::string digits[12];
  char seps[12] = {};
  int n = 0;
  for (std::size_t k = a; k < b && n < 12; ++k) {
    if (doc.is_num(k)) {
      digits[n] = std::string(doc.f(k));
      seps[n] = (k > a && doc.toks[k - 1].kind == Tok::kPunct) ? static_cast<char>(doc.toks[k - 1].cp)
                : (k > a ? ' ' : 0);
      ++n;
    }
  }
  if (n == 0) return out;
  // The decimal separator: the last separator when 1-2 digits follow it, or
  // a single '.'/',' before three digits when a multiplier follows
  // ("€9.6 million" has one digit; "1.500 mln." is read as 1.5 million).
  int dec = -1;
  if (n >= 2 && (seps[n - 1] == ',' || seps[n - 1] == '.')) {
    std::size_t len = digits[n - 1].size();
    if (len <= 2) dec = n - 1;
    else if (len == 3 && n == 2 && has_multiplier) dec = n - 1;
  }
  double value = 0;
  for (int k = 0; k < n; ++k) {
    if (digits[k].size() > 12) return out;  // not money; also keeps stod finite
    if (k == dec) {
      value += std::stod("0." + digits[k]);
    } else if (k == 0) {
      value = std::stod(digits[k]);
    } else {
      // Thousands groups after the first have three digits.
      if (digits[k].size() != 3) return out;
      value = value * 1000.0 + std::stod(digits[k]);
    }
  }
  out.value = value;
  out.ok = true;
  return out;
}

bool group_sep(const Doc& doc, std::size_t k) {
  return k < doc.size() && doc.toks[k].kind == Tok::kPunct &&
         (doc.toks[k].cp == '.' || doc.toks[k].cp == ',' || doc.toks[k].cp == 0x2019 || doc.toks[k].cp == '\'');
}

// The number ending right before token `end` (exclusive). Joined groups:
// "148 680,00", "2,955,553", "333.524,80".
Number number_before(const Doc& doc, std::size_t end, bool has_multiplier) {
  Number none;
  if (end == 0 || !doc.is_num(end - 1)) return none;
  std::size_t a = end - 1;
  int groups = 1;
  while (a > 0 && groups < 8) {
    // glued separator: "2,955" / "524,80"
    if (a >= 2 && group_sep(doc, a - 1) && doc.glued(a) && doc.glued(a - 1) && doc.is_num(a - 2)) {
      a -= 2;
      ++groups;
      continue;
    }
    // space-separated thousands: "148 680" (the later group has 3 digits)
    if (doc.is_num(a - 1) && !doc.glued(a) && doc.f(a).size() == 3 && doc.f(a - 1).size() <= 3 &&
        !(doc.toks[a].flags & kNewlineBefore)) {
      a -= 1;
      ++groups;
      continue;
    }
    break;
  }
  // Part of a code or a date ("LT10", "2021-06") is not an amount.
  if (a > 0 && doc.glued(a) && (doc.is_word(a - 1) || doc.toks[a - 1].cp == '-' || doc.toks[a - 1].cp == '/')) {
    return none;
  }
  return interpret(doc, a, end, has_multiplier);
}

Number number_after(const Doc& doc, std::size_t start) {
  Number none;
  if (!doc.is_num(start)) return none;
  std::size_t b = start + 1;
  int groups = 1;
  while (b < doc.size() && groups < 8) {
    if (group_sep(doc, b) && doc.glued(b) && doc.is_num(b + 1) && doc.glued(b + 1)) {
      b += 2;
      ++groups;
      continue;
    }
    if (doc.is_num(b) && !doc.glued(b) && doc.f(b).size() == 3 && !(doc.toks[b].flags & kNewlineBefore)) {
      ++b;
      ++groups;
      continue;
    }
    break;
  }
  bool mult = doc.is_word(b) && multiplier(doc.f(b)) > 0;
  return interpret(doc, start, b, mult);
}

bool word_in(std::string_view w, std::initializer_list<std::string_view> list) {
  for (auto x : list) {
    if (w == x) return true;
  }
  return false;
}

// Kind from the words before the sum: its label or the sentence around it.
void classify(const Doc& doc, std::size_t first, std::size_t last, MoneyMention& m) {
  // Look back to the start of the line; if the sum starts its line, the
  // label is the previous line ("Project total eligible budget:\n\n2,955,553 EUR").
  std::size_t from = line_first(doc, first);
  if (from == first && first > 0) from = line_first(doc, first - 1);
  std::size_t s0 = sentence_first(doc, first);
  if (from < first && first - from > 16) from = std::max(s0, first - 16);
  bool granted = false, budget = false, other = false, fund = false;
  std::size_t budget_at = 0;
  for (std::size_t k = from; k < first; ++k) {
    if (!doc.is_word(k)) continue;
    std::string_view w = doc.f(k);
    if (word_in(w, {"granted", "grant", "awarded", "skirta", "suteiktos", "suteikta", "paramos",
                    "finansejums", "dotacija", "dotacji", "dofinansowanie", "tilskudd", "allocated",
                    "skirtas", "skiriama", "parama", "subsidy", "funding", "support", "stotte", "received",
                    "receives", "gavo", "gauna", "gavusi", "gaves"})) {
      granted = true;
    }
    if (word_in(w, {"budget", "biudzetas", "biudzet", "biudget", "biudzeto", "total", "cost", "costs",
                    "verte", "budzets", "izmaksas", "eligible", "budzet", "kostnad", "vertinama"})) {
      budget = true;
      budget_at = k;
    }
    if (word_in(w, {"cofinancing", "bendrafinansavimas", "bendrafinansavimo", "requested", "prasoma",
                    "prasomos", "limit", "contribution", "lidzfinansejums", "own", "maximum"})) {
      other = true;
    }
    if (w == "financing" && k >= 2 && doc.toks[k - 1].kind == Tok::kPunct && is_dash(doc.toks[k - 1].cp) &&
        ends_with(doc.f(k - 2), "co")) {
      other = true;
    }
    if (w == "partner" || w == "partnerio" || w == "partnera") {
      if (budget_at == 0 || k + 3 >= budget_at) other = true;
    }
    if ((w == "up" && doc.is_word(k + 1, "to")) || w == "iki" || w == "lidz") other = true;
    if (word_in(w, {"fund", "fondo", "fondas", "programme", "programos", "programa", "mechanism",
                    "fonda", "programmas"}) &&
        (budget || k + 4 >= first) && !doc.is_word(k + 1, "lesomis") && !doc.is_word(k + 1, "lesu")) {
      // "... fondo lėšomis, skirta 16 800 Eur" finances the record.
      fund = true;
    }
  }
  // "... per partner" / "... in total" after the sum.
  for (std::size_t k = last; k < std::min(doc.size(), last + 3); ++k) {
    if (doc.is_word(k, "total") || doc.is_word(k, "budget")) budget = true;
    if (doc.is_word(k, "per") && doc.is_word(k + 1) &&
        (doc.f(k + 1) == "partner" || doc.f(k + 1) == "participant" || doc.f(k + 1) == "person")) {
      other = true;
    }
  }
  if (other) m.kind = model::AmountKind::kOther;
  else if (granted) m.kind = model::AmountKind::kGranted;
  else if (budget) m.kind = model::AmountKind::kBudget;
  else m.kind = model::AmountKind::kOther;
  m.fund_level = fund && !other;
}

}  // namespace

double plain_amount(const Doc& doc, std::size_t a, std::size_t b) {
  for (std::size_t k = a; k < b && k < doc.size(); ++k) {
    if (!doc.is_num(k)) continue;
    Number num = number_after(doc, k);
    if (!num.ok || num.last > b) return 0;
    double value = num.value;
    if (num.last < b && doc.is_word(num.last)) {
      if (double m = multiplier(doc.f(num.last)); m > 0) value *= m;
    }
    return value > 0 && value < 1e13 ? value : 0;
  }
  return 0;
}

std::int32_t currency_fact(std::string_view w) {
  for (const auto& [word, code] : kCurrencyWords) {
    if (w == word) return code;
  }
  return 0;
}

void money_words(std::vector<std::string_view>& out) {
  for (const auto& [word, code] : kCurrencyWords) out.push_back(word);
}

std::vector<MoneyMention> find_money(const Doc& doc) {
  std::vector<MoneyMention> out;
  std::size_t last_end = 0;
  for (std::size_t i = 0; i < doc.size(); ++i) {
    std::string cur = currency_of(doc, i);
    if (cur.empty()) continue;
    MoneyMention m;
    m.currency = cur;
    // Number (and multiplier) before the currency: "35 tūkst. EUR", "91.000 €".
    std::size_t end = i;
    double mult = 1;
    if (end >= 2 && doc.is_punct(end - 1, '.') && doc.is_word(end - 2) && multiplier(doc.f(end - 2)) > 0) {
      mult = multiplier(doc.f(end - 2));
      end -= 2;
    } else if (end >= 1 && doc.is_word(end - 1) && multiplier(doc.f(end - 1)) > 0 && doc.f(end - 1) != "m") {
      mult = multiplier(doc.f(end - 1));
      end -= 1;
    }
    Number num = number_before(doc, end, mult != 1);
    std::size_t first = num.first, last = i + 1;
    if (!num.ok || num.first < last_end) {
      // Currency first: "€9.6 million", "EUR 1 000".
      std::size_t k = i + 1;
      num = number_after(doc, k);
      if (!num.ok) continue;
      first = i;
      last = num.last;
      mult = 1;
      if (doc.is_word(last) && multiplier(doc.f(last)) > 0) {
        mult = multiplier(doc.f(last));
        ++last;
        if (doc.is_punct(last, '.')) ++last;
      }
    }
    double value = num.value * mult;
    if (!(value > 0) || value > 1e13) continue;
    m.first = first;
    m.last = last;
    m.minor = static_cast<std::int64_t>(std::llround(value * 100.0));
    classify(doc, first, last, m);
    last_end = last;
    out.push_back(m);
  }
  return out;
}

}  // namespace tiltas::extract::detail
