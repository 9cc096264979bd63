// Indicators: counted outputs and results ("313 persons trained", "At least
// 500 EU citizens", "around 20,000 Europeans", "devyni mokytojai").
//
// A number (digits or a number word) followed by a short lower-case noun
// phrase. Not indicators: years, dates, money, percentages, durations, codes
// ("NOR-LT10", "1.1"), ranges ("30-40"), counts that describe the consortium
// or the call (partners, countries, organisations, applications, projects).
// Status from the sentence (will/expected/bus -> planned; was/were/past
// participles -> achieved), else from the section heading above it.
#include <climits>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "extract/internal.h"

namespace tiltas::extract::detail {
namespace {

bool word_in(std::string_view w, std::initializer_list<std::string_view> list) {
  for (auto x : list) {
    if (w == x) return true;
  }
  return false;
}

// Nouns whose counts are not outputs (folded prefixes).
bool excluded_unit(std::string_view w) {
  static const std::string_view prefixes[] = {
      "partner", "countr", "organi", "municipal", "member", "year", "month", "day", "hour", "week",
      "minute", "percent", "proc", "eur", "euro", "offer", "application", "project", "projekt", "paraisk",
      "prioritet", "kvietim", "sali", "salys", "saly", "metu", "metai", "men", "dien", "val", "savait",
      "pasvaldib", "savivaldyb", "gad", "mil", "mln", "tukst", "thousand", "million", "times", "kart",
      "st", "nd", "rd", "th", "am", "pm", "cet", "of", "past", "ecu", "capital", "round", "call",
      "strand", "measure", "action", "activit", "priority", "impact", "outcome", "lot", "step", "phase",
      "grade", "klas", "age", "to", "and", "ir", "or", "x", "km", "m", "kg", "ha", "plus", "per",
      "respondent", "staff", "employee", "darbuotoj", "darbinink", "nr", "no", "point", "chapter", "page", "psl",
      "p", "d", "a", "b", "c", "g", "i", "ii", "iii", "iv", "h", "s", "e", "v", "other", "others",
      "kita", "kiti", "dalyvaujant", "patvirtint", "pateikt", "antroj", "mazuos", "mazieji",
      "million", "billion", "vocational", "menes", "valand", "krypt", "is", "out", "val", "nedel", "savaites"};
  // Short stems match whole words only ("per" must not exclude "persons").
  using Set = std::unordered_set<std::string_view>;
  static const std::pair<Set, Set> sets = [] {
    static const std::string_view exact[] = {"per", "men", "val", "mil", "eur", "euro", "euros", "age", "gad", "proc", "lot"};
    Set whole(std::begin(exact), std::end(exact)), stems;
    for (auto p : prefixes) {
      if (p.size() <= 2 || whole.count(p)) whole.insert(p);
      else stems.insert(p);
    }
    return std::make_pair(whole, stems);
  }();
  if (sets.first.count(w)) return true;
  for (std::size_t len = 3; len <= w.size() && len <= 12; ++len) {
    if (sets.second.count(w.substr(0, len))) return true;
  }
  return false;
}

const std::unordered_set<std::string_view>& future_words() {
  static const std::unordered_set<std::string_view> set = {"will", "shall", "expected", "planned", "plan", "plans", "aims", "aim", "foreseen",
                     "target", "targets", "intended", "would", "bus", "numatoma", "numatyta", "planuojama",
                     "siekiama", "planuojami", "numatomi", "tiks", "planots", "bedzie", "zostanie", "vil", "dalyvaus",
                     "lankys", "susipazins", "parengs", "surengs", "isbandys",
                     "skal", "proposed", "envisaged", "include", "includes"};
  return set;
}
bool future_word(std::string_view w) { return future_words().count(w) > 0; }

// Finite past verbs only: participles ("persons trained") are part of
// units and say nothing about the tense.
const std::unordered_set<std::string_view>& past_words() {
  static const std::unordered_set<std::string_view> set = {"was", "were", "had", "took", "participated", "attended", "benefited", "buvo", "vyko",
                     "dalyvavo", "ivyko", "igyvendino", "lankesi", "tika", "bija", "ended", "gathered", "surengta",
                     "surengti", "parenge", "isleido", "pasiekta", "organizavo", "vyko", "sukurta", "ivykdyta",
                     "visited", "reached", "achieved"};
  return set;
}
bool past_word(std::string_view w) { return past_words().count(w) > 0; }

// Status from a heading line above the number within the block.
model::IndicatorStatus heading_status(const Doc& doc, Range block, std::size_t i) {
  std::size_t line = doc.toks[i].line;
  for (std::size_t l = line; l + 1 > 0 && line - l < 40; --l) {
    const Range& r = doc.lines[l];
    if (r.first < block.first) break;
    std::size_t n = r.last - r.first;
    if (l != line && n <= 8) {
      bool expected = false, results = false, description = false;
      for (std::size_t k = r.first; k < r.last; ++k) {
        if (!doc.is_word(k)) continue;
        std::string_view w = doc.f(k);
        expected |= word_in(w, {"expected", "planned", "planuojami", "numatomi", "laukiami", "target"});
        results |= word_in(w, {"results", "outcomes", "achieved", "rezultatai", "summary", "pasiekti"});
        description |= word_in(w, {"description", "aprasymas", "aims", "objectives"});
      }
      if (expected) return model::IndicatorStatus::kPlanned;
      if (results) return model::IndicatorStatus::kAchieved;
      if (description) return model::IndicatorStatus::kPlanned;
    }
    if (l == 0) break;
  }
  return model::IndicatorStatus::kUnknown;
}

}  // namespace

using NumberMap = std::unordered_map<std::string, int, SvHash, std::equal_to<>>;
const NumberMap& number_words() {
  static const NumberMap words = {
      {"one", 1}, {"two", 2}, {"three", 3}, {"four", 4}, {"five", 5}, {"six", 6}, {"seven", 7},
      {"eight", 8}, {"nine", 9}, {"ten", 10}, {"eleven", 11}, {"twelve", 12}, {"fifteen", 15},
      {"twenty", 20}, {"thirty", 30}, {"fifty", 50}, {"hundred", 100},
      {"vienas", 1}, {"du", 2}, {"trys", 3}, {"keturi", 4}, {"penki", 5}, {"sesi", 6}, {"septyni", 7},
      {"astuoni", 8}, {"devyni", 9}, {"desimt", 10}, {"dvi", 2}, {"keturios", 4}, {"penkios", 5},
      {"sesios", 6}, {"septynios", 7}, {"astuonios", 8}, {"devynios", 9},
      {"viens", 1}, {"divi", 2}, {"tris", 3}, {"cetri", 4}, {"pieci", 5},
  };
  return words;
}

void indicator_words(std::vector<std::string_view>& out) {
  for (const auto& [w, v] : number_words()) out.push_back(w);
  for (auto w : future_words()) out.push_back(w);
  for (auto w : past_words()) out.push_back(w);
}

std::int32_t future_fact(std::string_view w) { return future_word(w) ? 1 : 0; }
std::int32_t past_fact(std::string_view w) { return past_word(w) ? 1 : 0; }

int number_word(std::string_view w) {
  const NumberMap& words = number_words();
  auto it = words.find(w);
  return it == words.end() ? -1 : it->second;
}

int number_word_at(const Doc& doc, std::size_t i) {
  return doc.fact(WordFact::kNumberWord, i);
}
bool future_at(const Doc& doc, std::size_t i) {
  return doc.fact(WordFact::kFuture, i);
}
bool past_at(const Doc& doc, std::size_t i) {
  return doc.fact(WordFact::kPast, i);
}

std::vector<model::Indicator> find_indicators(const Doc& doc, Range block) {
  std::vector<model::Indicator> out;
  int block_future = -1, block_past = -1;  // tense counts of the record, computed on demand
  for (std::size_t i = block.first; i < block.last; ++i) {
    double value = -1;
    const Token& t = doc.toks[i];
    std::size_t after = i + 1;
    if (t.kind == Tok::kNumber && i > 0 && doc.is_punct(i - 1, ':') && doc.is_punct(i + 1, '(') &&
        doc.is_word(i + 2) &&
        word_in(doc.f(i + 2), {"planned", "planuota", "planuotas", "planuoti", "target", "tikslas", "expected",
                               "numatyta", "plan", "planas", "siektina", "goal"})) {
      // A results table flattened to lines: "Participants: 120 (planned
      // 100)", "Dalyviai: 48 (planuota 40)". The label is the unit; the
      // number beside the plan is what was achieved.
      std::size_t l0 = line_first(doc, i);
      int label_words = 0;
      bool clean_label = l0 + 1 < i;
      for (std::size_t k = l0; k + 1 < i; ++k) {
        if (doc.is_word(k)) ++label_words;
        else if (doc.is_num(k)) clean_label = false;
      }
      if (clean_label && label_words >= 1 && label_words <= 8) {
        model::Indicator ind;
        ind.value = std::stod(std::string(doc.f(i)));
        ind.unit = clean(doc.raw(l0, i - 1));
        ind.span = doc.span(l0, i + 1);
        ind.status = model::IndicatorStatus::kAchieved;
        if (ind.value > 0) out.push_back(ind);
        std::size_t close = i + 2;
        while (close < block.last && close < i + 8 && !doc.is_punct(close, ')')) ++close;
        i = close;
        continue;
      }
    }
    if (t.kind == Tok::kNumber) {
      // Glued to letters or code punctuation: "NOR-LT10", "Covid-19", "7offers".
      if (i > 0 && doc.glued(i) && doc.toks[i - 1].kind != Tok::kPunct) continue;
      if (i > 0 && doc.glued(i) && doc.toks[i - 1].kind == Tok::kPunct &&
          (is_dash(doc.toks[i - 1].cp) || doc.toks[i - 1].cp == '/' || doc.toks[i - 1].cp == '.' ||
           doc.toks[i - 1].cp == ':' || doc.toks[i - 1].cp == '+' || doc.toks[i - 1].cp == 0x2019 ||
           doc.toks[i - 1].cp == ',')) {
        continue;
      }
      if (doc.f(i).size() > 6) continue;
      // Thousands: "20,000", "3,000", "20 000".
      std::string digits(doc.f(i));
      std::size_t k = i + 1;
      // At most three groups: a longer chain is no count (and would overflow stod).
      while (digits.size() <= 12 && doc.is_punct(k, ',') && doc.glued(k) && doc.is_num(k + 1) && doc.glued(k + 1) &&
             doc.f(k + 1).size() == 3) {
        digits += doc.f(k + 1);
        k += 2;
      }
      // Groups after one space (or a no-break space): "1 200 citizens",
      // "20 000 participants".
      if (k == i + 1 && digits.size() <= 3) {
        while (digits.size() <= 9 && doc.is_num(k) && doc.f(k).size() == 3 && !doc.glued(k) &&
               !(doc.toks[k].flags & kNewlineBefore) && doc.toks[k].begin - doc.toks[k - 1].end <= 3 &&
               !(doc.is_punct(k + 1, '.') && doc.glued(k + 1) && doc.is_num(k + 2))) {
          digits += doc.f(k);
          ++k;
        }
      }
      // Followed by a separator and digits: a date, a decimal, a range or a code.
      if (k < doc.size() && doc.glued(k) && doc.toks[k].kind == Tok::kPunct &&
          (doc.toks[k].cp == '.' || doc.toks[k].cp == '/' || doc.toks[k].cp == ':' || doc.toks[k].cp == ',' ||
           is_dash(doc.toks[k].cp) || doc.toks[k].cp == '%')) {
        if (doc.is_num(k + 1) || is_dash(doc.toks[k].cp) || doc.toks[k].cp == '%') continue;
      }
      if (doc.is_word(k) && doc.glued(k)) continue;  // "2nd", "3rd", "7offers"
      if (digits.size() == 4 && digits >= "1900" && digits <= "2100") continue;  // a year
      value = std::stod(digits);
      after = k;
      // A range "30-40 participants" or "11-18 metų".
      if (i > 0 && doc.toks[i - 1].kind == Tok::kPunct && is_dash(doc.toks[i - 1].cp) && i > 1 && doc.is_num(i - 2)) {
        continue;
      }
    } else if (t.kind == Tok::kWord) {
      int v = number_word_at(doc, i);
      if (v < 0) continue;
      // "One study report" / "devyni mokytojai": a number word before a noun.
      value = v;
    } else {
      continue;
    }
    if (value <= 0) continue;
    // Part of a name in parentheses or a label value ("Impact 1", "Round 1").
    if (i > 0 && doc.is_word(i - 1) && doc.upper(i - 1) && t.kind == Tok::kNumber && !doc.is_word(i - 1, "at") &&
        !(doc.toks[i].flags & kSentenceStart)) {
      std::string_view pw = doc.f(i - 1);
      if (!word_in(pw, {"over", "around", "about", "than", "least", "approximately", "nearly", "almost", "some"})) {
        continue;
      }
    }
    // Money: a currency right after.
    std::size_t u = after;
    if (doc.is_word(u)) {
      std::string_view w = doc.f(u);
      if (w == "eur" || w == "euro" || w == "euros" || w == "eur" || w == "euru") continue;
    }
    if (u < doc.size() && doc.toks[u].kind == Tok::kPunct && doc.toks[u].cp == 0x20AC) continue;
    // A month after the number is a date.
    if (doc.is_word(u) && month_at_word(doc, u) && doc.upper(u)) continue;
    // The unit: up to five words, lower-case (acronyms allowed), stopping at
    // punctuation other than "/" and at verbs of the clause.
    std::size_t ue = u;
    int words = 0;
    const bool lt = doc.language == "lt" || doc.language == "lv";
    const int max_words = lt ? 6 : 5;
    bool verb_seen = false;
    int will_cap = INT_MAX;
    while (ue < block.last && words < max_words + (verb_seen ? 4 : 0)) {
      if (doc.is_word(ue)) {
        std::string_view wv = doc.f(ue);
        // "27 coaches from Kaunas and Bergen took part ...": the origin is
        // skipped, the verb phrase kept.
        if (!lt && words > 0 && wv == "from" && doc.upper(ue + 1)) {
          std::size_t q = ue + 1;
          while (q < block.last && (doc.upper(q) || doc.is_word(q, "and"))) ++q;
          if (doc.is_word(q) && (ends_with(doc.f(q), "ed") || doc.f(q) == "took" || doc.f(q) == "take")) {
            ue = q;
            continue;
          }
        }
        if (!lt && words > 0 && !verb_seen &&
            (wv == "took" || wv == "take" || wv == "takes" || (ends_with(wv, "ed") && wv.size() > 4))) {
          verb_seen = true;
          ++words;
          ++ue;
          continue;
        }
        // "300 pupils will take part in ...": the verb phrase names the count.
        if (!lt && words > 0 && !verb_seen && (wv == "will" || wv == "shall") && doc.is_word(ue + 1) &&
            !doc.upper(ue + 1) && doc.f(ue + 1) != "be") {
          verb_seen = true;
          will_cap = words + 2;  // a short verb phrase: "pupils will take part"
          ++ue;
          continue;
        }
        if (words >= will_cap) break;
        // "350 žmonių iš trijų šalių dalyvavo renginiuose": the origin is
        // skipped, the verb phrase kept.
        if (lt && words > 0 && wv == "is") {
          std::size_t q = ue + 1;
          const std::size_t s_last = doc.sentences[doc.toks[ue].sentence].last;
          while (q < s_last && q < ue + 7 && doc.is_word(q) && !past_at(doc, q) && !future_at(doc, q)) ++q;
          if (q < s_last && q < ue + 7 && doc.is_word(q)) {
            ue = q;
            continue;
          }
        }
        if (verb_seen && (wv == "and" || wv == "which" || wv == "who")) break;
        if (verb_seen) {
          ++words;
          ++ue;
          continue;
        }
        if (lt && words > 0) {
          if (wv == "ir" || wv == "bei" || wv == "kurie" || wv == "kuriuose") break;
          ++words;
          ++ue;
          continue;
        }
        if (doc.upper(ue) && !(doc.toks[ue].flags & kAllUpper) && words > 0) break;
        if (doc.upper(ue) && !(doc.toks[ue].flags & kAllUpper) && words == 0) {
          // "20,000 Europeans", "500 Lithuanians": people named by origin.
          std::string_view w0 = doc.f(ue);
          if (!(ends_with(w0, "ans") || ends_with(w0, "ers")) || w0.size() < 5) break;
        }
        std::string_view w = doc.f(ue);
        if (words > 0 && word_in(w, {"will", "are", "is", "were", "was", "have", "has", "be", "and", "to",
                                     "in", "on", "for", "from", "at", "bus", "buvo", "ir", "i", "yra",
                                     "which", "who", "that", "during", "by", "of", "as", "with", "the", "kuriuose",
                                     "kurie", "between"})) {
          // "visit with Norwegian partners": keep a short "with" phrase.
          if (!(w == "with" && words == 1)) break;
        }
        ++words;
        ++ue;
        continue;
      }
      if ((doc.is_punct(ue, '/') || doc.is_punct(ue, '-')) && doc.glued(ue) && doc.is_word(ue + 1) && doc.glued(ue + 1)) {
        ++ue;
        continue;
      }
      break;
    }
    if (words == 0) continue;
    std::string_view head = doc.f(u);
    // "3 projects" counts the call; "2 project proposals" counts outputs.
    bool project_head = starts_with(head, "project") || starts_with(head, "projekt");
    if (excluded_unit(head) && !(project_head && words >= 2)) continue;
    // Adjective + excluded noun: "2 Norwegian partners", "14 partner European countries".
    bool consortium = false;
    for (std::size_t q = u; q < ue; ++q) {
      if (doc.is_word(q) && q > u && excluded_unit(doc.f(q)) && doc.f(q).size() > 3) {
        std::string_view w = doc.f(q);
        if (starts_with(w, "partner") || starts_with(w, "countr") || starts_with(w, "organi") ||
            starts_with(w, "municipal") || starts_with(w, "member") || starts_with(w, "project") ||
            starts_with(w, "projekt") || starts_with(w, "year") || starts_with(w, "month") ||
            starts_with(w, "day") || starts_with(w, "hour") || starts_with(w, "metu") || starts_with(w, "men") ||
            starts_with(w, "sali") || starts_with(w, "salys")) {
          if (q <= u + 1) consortium = true;
        }
      }
    }
    if (consortium) continue;
    // A participle after the noun phrase is part of the unit ("persons trained").
    std::size_t unit_end = ue;
    std::string unit = clean(doc.raw(u, unit_end));
    if (unit.size() < 3) continue;
    // Verb-first clauses ("... vyko devyni mokytojai ir penki mokiniai"):
    // the verb belongs to the counted thing.
    if (words == 1) {
      std::size_t s0v = sentence_first(doc, i);
      for (std::size_t q = i; q > s0v && i - q < 6;) {
        --q;
        if (doc.is_word(q) && past_at(doc, q)) {
          unit += ' ';  // piecewise: GCC 12 -Wrestrict false positive on " " + string
          unit.append(doc.raw(q));
          break;
        }
      }
    }
    // The number may be part of a list "3 events, 214 participants": fine.
    // Preposition-led units ("4 of the cities") are consortium counts.
    model::Indicator ind;
    ind.value = value;
    ind.unit = unit;
    ind.span = doc.span(i, unit_end);
    // Status: verbs in the sentence around the number, nearest first.
    std::size_t s0 = sentence_first(doc, i);
    std::size_t s1 = doc.sentences[doc.toks[i].sentence].last;
    int future = 0, past = 0;
    for (std::size_t k = s0; k < s1 && k < s0 + 80; ++k) {
      if (!doc.is_word(k) || (k >= i && k < unit_end)) continue;
      std::string_view w = doc.f(k);
      if (future_at(doc, k)) ++future;
      if (past_at(doc, k)) ++past;
      if (w == "to" && doc.is_word(k + 1, "be")) ++future;
    }
    // "We have trained 85 volunteers", "marked 4 trails and trained 20
    // guides": a finite -ed verb right before the number is past tense.
    if (future == 0 && past == 0 && i > s0) {
      std::size_t v = i - 1;
      if (doc.is_word(v) && ends_with(doc.f(v), "ed") && doc.f(v).size() > 4 && !doc.upper(v)) {
        bool passive_future = false;
        for (std::size_t q = v > s0 + 3 ? v - 3 : s0; q < v; ++q) passive_future |= doc.is_word(q) && future_at(doc, q);
        if (!passive_future) ++past;
      }
    }
    // "trained"/"tested" right after the unit are participles, not tense.
    if (future > 0 && future >= past) ind.status = model::IndicatorStatus::kPlanned;
    else if (past > 0) ind.status = model::IndicatorStatus::kAchieved;
    else ind.status = heading_status(doc, block, i);
    if (ind.status == model::IndicatorStatus::kUnknown) {
      // A "Results:" label on the line, else the tense of the record.
      std::size_t l0 = line_first(doc, i);
      for (std::size_t k = l0; k < i && k < l0 + 3; ++k) {
        if (doc.is_word(k) && (doc.f(k) == "results" || doc.f(k) == "rezultatai") && doc.is_punct(k + 1, ':')) {
          ind.status = model::IndicatorStatus::kAchieved;
        }
      }
    }
    if (ind.status == model::IndicatorStatus::kUnknown) {
      if (block_future < 0) {
        block_future = block_past = 0;
        for (std::size_t k = block.first; k < block.last && k < block.first + 4000; ++k) {
          if (!doc.is_word(k)) continue;
          if (future_at(doc, k)) ++block_future;
          if (past_at(doc, k)) ++block_past;
        }
      }
      if (block_past > block_future) ind.status = model::IndicatorStatus::kAchieved;
      else if (block_future > block_past) ind.status = model::IndicatorStatus::kPlanned;
    }
    out.push_back(ind);
    i = unit_end > i ? unit_end - 1 : i;
  }
  return out;
}

}  // namespace tiltas::extract::detail
