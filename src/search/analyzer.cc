#include "search/analyzer.h"

#include <algorithm>
#include <array>
#include <string>
#include <unordered_map>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "base/text.h"
#include "search/stemmer.h"

namespace tiltas::search {
namespace {

bool is_ascii(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

// The first folded word of `s` ("" when it folds to nothing). A single word
// folds to a single word except for rare ligatures and marks, which are
// joined so that the term stays one token.
std::string fold_word(std::string_view s) {
  std::string f = text::fold(s);
  f.erase(std::remove(f.begin(), f.end(), ' '), f.end());
  return f;
}

void add_unique(std::vector<std::string>& out, std::string term) {
  if (term.empty()) return;
  if (std::find(out.begin(), out.end(), term) == out.end()) out.push_back(std::move(term));
}

// Calls f(start, end) for each word of `text` in order (split_words' rule).
template <typename F>
void for_each_word(std::string_view text, F&& f) {
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  int32_t length = static_cast<int32_t>(std::min<std::size_t>(text.size(), INT32_MAX));
  int32_t i = 0;
  std::size_t start = 0;
  bool in_word = false;
  while (i < length) {
    int32_t at = i;
    bool word_char;
    if (s[i] < 0x80) {
      // ASCII, most of every text: alphanumerics are its only word
      // characters (no ASCII character is a mark), without a call into ICU.
      const uint8_t b = s[i++];
      word_char = (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9');
    } else {
      UChar32 c;
      U8_NEXT(s, i, length, c);
      // Letters, digits and the marks that belong to them; an apostrophe
      // inside a word ("Europe's") splits it, as the stemmers expect.
      word_char = c >= 0 && (u_isalnum(c) || u_getCombiningClass(c) != 0 ||
                             (u_charType(c) == U_NON_SPACING_MARK));
    }
    if (word_char && !in_word) {
      start = static_cast<std::size_t>(at);
      in_word = true;
    } else if (!word_char && in_word) {
      f(start, static_cast<std::size_t>(at));
      in_word = false;
    }
  }
  if (in_word) f(start, static_cast<std::size_t>(length));
}

}  // namespace

std::vector<WordSpan> split_words(std::string_view text) {
  std::vector<WordSpan> out;
  for_each_word(text, [&](std::size_t start, std::size_t end) { out.push_back({start, end}); });
  return out;
}

std::string_view stem_language(std::string_view language) {
  if (language == "en") return "en";
  if (language == "lt") return "lt";
  if (language == "nb" || language == "no" || language == "nn") return "nb";
  return "";
}

namespace {

std::vector<std::string> compute_index_terms(std::string_view word, std::string_view lang);

// index_terms() of a word of at most kMaxWordBytes in the stemmer language
// `lang`, remembered per thread: folding goes through an ICU transliterator
// and stemming through Snowball, which made the analysis of a page cost more
// than its extraction, while an import meets the same few thousand words on
// every page. Pure, so never stale; bounded. The reference is valid until
// the next call on the same thread.
const std::vector<std::string>& remembered_terms(std::string_view word, std::string_view lang) {
  thread_local std::unordered_map<std::string, std::vector<std::string>> memo;
  thread_local std::string key;  // reused: a key per lookup cost an allocation for long words
  key.assign(lang).append(1, '\0').append(word);
  if (auto it = memo.find(key); it != memo.end()) return it->second;
  auto out = compute_index_terms(word, lang);
  if (memo.size() >= 16384) memo.clear();
  return memo.emplace(key, std::move(out)).first->second;
}

}  // namespace

std::vector<std::string> index_terms(std::string_view word, std::string_view language) {
  if (word.empty() || word.size() > kMaxWordBytes) return {};
  return remembered_terms(word, stem_language(language));
}

namespace {

std::vector<std::string> compute_index_terms(std::string_view word, std::string_view lang) {
  std::vector<std::string> out;
  if (is_ascii(word)) {
    // Folding ASCII is lower-casing, so both forms are the same term.
    std::string folded = fold_word(word);
    add_unique(out, lang.empty() ? folded : stem(folded, lang));
    return out;
  }
  std::string folded = fold_word(word);
  if (lang.empty()) {
    add_unique(out, std::move(folded));
    return out;
  }
  add_unique(out, stem(folded, lang));
  add_unique(out, fold_word(stem(text::to_lower(word), lang)));
  return out;
}

}  // namespace

std::size_t append_analyzed(std::string_view text, std::string_view language, std::string& out) {
  std::size_t words = 0;
  const std::string_view lang = stem_language(language);
  // The remembered terms are appended where they are, not copied out.
  for_each_word(text, [&](std::size_t start, std::size_t end) {
    std::string_view word = text.substr(start, end - start);
    if (word.size() > kMaxWordBytes) return;
    const auto& terms = remembered_terms(word, lang);
    if (terms.empty()) return;
    if (!out.empty()) out.push_back(' ');
    for (std::size_t i = 0; i < terms.size(); ++i) {
      if (i) out.push_back('|');
      out += terms[i];
    }
    ++words;
  });
  return words;
}

std::vector<std::string> query_terms(std::string_view word) {
  std::vector<std::string> out;
  for (std::string_view lang : kQueryLanguages) {
    for (auto& t : index_terms(word, lang)) add_unique(out, std::move(t));
  }
  for (auto& t : index_terms(word, "")) add_unique(out, std::move(t));
  return out;
}

std::string phrase_term(std::string_view word, std::string_view language) {
  if (word.size() > kMaxWordBytes) return {};
  std::string folded = fold_word(word);
  std::string_view lang = stem_language(language);
  return lang.empty() ? folded : stem(folded, lang);
}

bool is_stop_word(std::string_view w) {
  // Folded forms; kept short on purpose: only words that match nearly every
  // record and carry no meaning on their own.
  static constexpr std::array<std::string_view, 48> kStop = {
      "a",    "an",   "and", "are", "as",  "at",  "be",   "by",  "for", "from", "in",  "is",
      "it",   "of",   "on",  "or",  "the", "to",  "with", "was", "were", "this", "that", "its",
      "ir",   "bei",  "su",  "i",   "is",  "per", "del",  "kad", "tai", "o",    "ar",  "nuo",
      "og",   "av",   "pa",  "til", "med", "som", "en",   "et",  "den", "det",  "for", "har",
  };
  return std::find(kStop.begin(), kStop.end(), w) != kStop.end();
}

}  // namespace tiltas::search
