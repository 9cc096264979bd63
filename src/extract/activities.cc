// Numbered project activities:
//   "Study visit in Oslo (Activity No. 1.1.), Coordination meetings (Activity No. 1.2)"
//   "Veikla Nr. 1.1. Pažintinis vizitas Osle, Veikla Nr. 1.2. Koordinaciniai susitikimai"
//   "identification and assessment ... (activities 1.1 and 1.2), training ... (activities 2.1)"
// English pages put the reference after the title, Lithuanian ones before
// it. Numbered objectives, priorities and deliverables are not activities:
// only the activity words open a reference.
#include <string>
#include <unordered_set>

#include "extract/internal.h"

namespace tiltas::extract::detail {
namespace {

bool activity_word(std::string_view w) {
  if (w.empty() || (w[0] != 'a' && w[0] != 'v' && w[0] != 'd')) return false;
  return w == "activity" || w == "activities" || w == "action" || w == "actions" || w == "veikla" ||
         w == "veiklos" || w == "veiklu" || w == "aktivitate" || w == "aktivitates" || w == "dzialanie" ||
         w == "aktivitet";
}

// Reads a code "1.1", "2.3." at k; returns the token after it (0 if none).
std::size_t read_code(const Doc& doc, std::size_t k, std::string& code) {
  if (!doc.is_num(k) || doc.f(k).size() > 2) return 0;
  code = std::string(doc.f(k));
  std::size_t j = k + 1;
  while (doc.is_punct(j, '.') && doc.glued(j) && doc.is_num(j + 1) && doc.glued(j + 1) && doc.f(j + 1).size() <= 2) {
    code += "." + std::string(doc.f(j + 1));
    j += 2;
  }
  if (doc.is_punct(j, '.') && doc.glued(j)) ++j;
  return j;
}

std::string text_of(const Doc& doc, std::size_t a, std::size_t b) {
  while (a < b && doc.toks[a].kind == Tok::kPunct && !is_open_quote(doc.toks[a].cp)) ++a;
  while (b > a && doc.toks[b - 1].kind == Tok::kPunct && !is_close_quote(doc.toks[b - 1].cp) &&
         doc.toks[b - 1].cp != ')' && doc.toks[b - 1].cp != '!') {
    --b;
  }
  if (a >= b) return {};
  return clean(doc.raw(a, b));
}

}  // namespace

std::vector<model::Activity> find_activities(const Doc& doc, Range block) {
  std::vector<model::Activity> out;
  std::unordered_set<std::string> seen;
  auto add = [&](const std::string& code, const std::string& title, model::SourceSpan span) {
    if (code.empty() || !seen.insert(code).second) return;
    model::Activity act;
    act.code = code;
    act.title = title;
    act.span = span;
    out.push_back(act);
  };
  std::size_t prev_end = block.first;  // end of the previous reference
  for (std::size_t i = block.first; i < block.last; ++i) {
    if (!doc.is_word(i) || !activity_word(doc.f(i))) continue;
    std::size_t k = i + 1;
    if (doc.is_word(k, "no") || doc.is_word(k, "nr")) {
      ++k;
      if (doc.is_punct(k, '.')) ++k;
    }
    std::string code;
    std::size_t after = read_code(doc, k, code);
    if (!after) continue;
    std::vector<std::string> codes{code};
    // "activities 1.1 and 1.2", "Actions 2.2, 4.1 and 4.2"
    std::size_t j = after;
    while (j < block.last && (doc.is_punct(j, ',') || doc.is_word(j, "and") || doc.is_word(j, "ir"))) {
      std::string more;
      std::size_t e = read_code(doc, j + 1, more);
      if (!e) break;
      codes.push_back(more);
      j = e;
    }
    after = j;
    bool in_parens = i > block.first && doc.is_punct(i - 1, '(');
    if (in_parens) {
      // English: the title is before "(", back to the previous reference,
      // a colon, "include(d)" or the start of the sentence.
      std::size_t end = i - 1;
      std::size_t start = std::max(prev_end, sentence_first(doc, i));
      for (std::size_t q = end; q > start; --q) {
        std::size_t p = q - 1;
        if (doc.is_punct(p, ':') || doc.is_word(p, "include") || doc.is_word(p, "included") ||
            doc.is_word(p, "includes")) {
          start = q;
          break;
        }
      }
      std::string title = text_of(doc, start, end);
      for (const auto& c : codes) add(c, title, doc.span(start, end));
      std::size_t close = after;
      while (close < block.last && close < after + 6 && !doc.is_punct(close, ')')) ++close;
      prev_end = close < block.last ? close + 1 : after;
      i = prev_end - 1;
    } else {
      // Lithuanian: "Veikla Nr. 1.1. Title, Veikla Nr. 1.2. ..." — the title
      // runs to the next reference or the end of the sentence.
      std::size_t send = doc.sentences[doc.toks[i].sentence].last;
      std::size_t end = after;
      while (end < block.last && end < send) {
        if (doc.is_word(end) && activity_word(doc.f(end)) &&
            (doc.is_word(end + 1, "nr") || doc.is_word(end + 1, "no") || doc.is_num(end + 1))) {
          break;
        }
        ++end;
      }
      // A sentence boundary inside "Nr. 1.1. Pažintinis" is not a boundary:
      // extend across the code's own full stop.
      if (end == send && end < block.last && end <= after + 1) {
        std::size_t s2 = doc.sentences[doc.toks[end].sentence].last;
        while (end < block.last && end < s2) {
          if (doc.is_word(end) && activity_word(doc.f(end)) &&
              (doc.is_word(end + 1, "nr") || doc.is_word(end + 1, "no") || doc.is_num(end + 1))) {
            break;
          }
          ++end;
        }
      }
      if (end - after > 60) continue;  // not a list of activities
      std::string title = text_of(doc, after, end);
      if (title.empty()) continue;
      for (const auto& c : codes) add(c, title, doc.span(after, end));
      i = end - 1;
    }
  }
  return out;
}

}  // namespace tiltas::extract::detail
