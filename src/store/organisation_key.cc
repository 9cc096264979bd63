#include "store/organisation_key.h"

#include <set>
#include <vector>

#include "base/text.h"
#include "search/stemmer.h"

namespace tiltas::store {
namespace {

// Legal forms and their abbreviations, folded. They say what kind of body an
// organisation is, not which one, and pages write them inconsistently.
const std::set<std::string, std::less<>>& legal_forms() {
  static const std::set<std::string, std::less<>> kForms = {
      "vsi", "viesoji", "istaiga", "uab", "ab", "mb", "asociacija", "asociacijos", "as", "asa", "ans", "sa",
      "ltd", "limited", "llc", "inc", "gmbh", "ehf", "hf", "ses", "stiftelsen", "stiftelse", "foundation",
      "the", "of", "and", "ir",
  };
  return kForms;
}

bool is_upper_ascii_word(std::string_view w) {
  if (w.size() < 2 || w.size() > 6) return false;
  for (char c : w) {
    if (c < 'A' || c > 'Z') return false;
  }
  return true;
}

}  // namespace

std::string organisation_name_key(std::string_view name) {
  // Stem before folding: Snowball's Lithuanian rules need the diacritics
  // ("savivaldybės" -> "savivaldyb"), then folding makes typed-without-
  // diacritics forms meet them.
  std::string lowered = text::to_lower(text::collapse_whitespace(name));
  std::string key;
  std::string word;
  auto flush = [&] {
    if (word.empty()) return;
    std::string folded = text::fold(word);
    word.clear();
    if (folded.empty() || legal_forms().count(folded)) return;
    std::string stemmed = text::fold(search::stem(text::to_lower(folded), "lt"));
    // fold() may have split the word (e.g. "d'Art"); keep its parts.
    if (!key.empty()) key.push_back(' ');
    key += stemmed.empty() ? folded : stemmed;
  };
  for (std::size_t i = 0; i < lowered.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(lowered[i]);
    bool separator = c == ' ' || c == ',' || c == '.' || c == '"' || c == '\'' || c == '(' || c == ')' || c == '-' ||
                     c == '/' || c == ';' || c == ':' || c == '&';
    // Typographic quotes („ “ ” « ») are multi-byte; fold() drops them.
    if (separator) {
      flush();
    } else {
      word.push_back(lowered[i]);
    }
  }
  flush();
  return key.empty() ? text::fold(name) : key;
}

std::string organisation_acronym(std::string_view name) {
  std::vector<std::string_view> words;
  std::size_t pos = 0;
  while (pos < name.size()) {
    std::size_t end = name.find_first_of(" ,;()\"", pos);
    if (end == std::string_view::npos) end = name.size();
    if (end > pos) words.push_back(name.substr(pos, end - pos));
    pos = end + 1;
  }
  if (words.empty()) return {};
  // A parenthesised acronym wins; else a trailing one.
  if (auto open = name.rfind('('); open != std::string_view::npos) {
    auto close = name.find(')', open);
    if (close != std::string_view::npos) {
      auto inner = text::trim(name.substr(open + 1, close - open - 1));
      if (is_upper_ascii_word(inner)) return text::fold(inner);
    }
  }
  if (is_upper_ascii_word(words.back())) return text::fold(words.back());
  return {};
}

}  // namespace tiltas::store
