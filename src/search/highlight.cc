#include "search/highlight.h"

#include <vector>

#include "base/text.h"
#include "search/analyzer.h"

namespace tiltas::search {
namespace {

bool word_matches(std::string_view word, std::string_view language, Matcher& matcher) {
  return matcher.matches(word, language);
}

std::string render(std::string_view text, const std::vector<WordSpan>& words, std::size_t from, std::size_t to,
                   std::string_view language, Matcher& terms) {
  std::string out;
  std::size_t pos = from;
  for (const auto& w : words) {
    if (w.start < from || w.end > to) continue;
    std::string_view word = text.substr(w.start, w.end - w.start);
    if (!word_matches(word, language, terms)) continue;
    out += text::escape_html(text.substr(pos, w.start - pos));
    out += "<mark>";
    out += text::escape_html(word);
    out += "</mark>";
    pos = w.end;
  }
  out += text::escape_html(text.substr(pos, to - pos));
  return out;
}

}  // namespace

bool Matcher::matches(std::string_view word, std::string_view language) {
  std::string key(language);
  key += '\t';
  key += word;
  auto it = seen_.find(key);
  if (it != seen_.end()) return it->second;
  bool found = false;
  for (const auto& t : index_terms(word, language)) {
    if (terms_.count(t)) {
      found = true;
      break;
    }
  }
  seen_.emplace(std::move(key), found);
  return found;
}

std::set<std::string> match_terms(const SearchQuery& query) {
  std::set<std::string> out;
  for (const auto& group : query.all_of) {
    for (const auto& clause : group) {
      for (const auto& word : clause.words) {
        for (auto& t : query_terms(word)) out.insert(std::move(t));
      }
    }
  }
  return out;
}

std::string highlight(std::string_view text, std::string_view language, const std::set<std::string>& terms) {
  Matcher m(terms);
  return highlight(text, language, m);
}
std::string highlight(std::string_view text, std::string_view language, Matcher& terms) {
  return render(text, split_words(text), 0, text.size(), language, terms);
}

bool has_match(std::string_view text, std::string_view language, const std::set<std::string>& terms) {
  Matcher m(terms);
  return has_match(text, language, m);
}
bool has_match(std::string_view text, std::string_view language, Matcher& terms) {
  for (const auto& w : split_words(text)) {
    if (word_matches(text.substr(w.start, w.end - w.start), language, terms)) return true;
  }
  return false;
}

std::string snippet(std::string_view text, std::string_view language, const std::set<std::string>& terms,
                    std::size_t max_bytes) {
  Matcher m(terms);
  return snippet(text, language, m, max_bytes);
}
std::string snippet(std::string_view text, std::string_view language, Matcher& terms, std::size_t max_bytes) {
  auto words = split_words(text);
  if (words.empty()) return text::escape_html(text::trim(text.substr(0, std::min(text.size(), max_bytes))));
  std::size_t first = 0;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (word_matches(text.substr(words[i].start, words[i].end - words[i].start), language, terms)) {
      first = i;
      break;
    }
  }
  // Some context before the match: about a third of the window.
  std::size_t begin_word = first;
  while (begin_word > 0 && words[first].start - words[begin_word - 1].start < max_bytes / 3) --begin_word;
  std::size_t from = begin_word == 0 ? 0 : words[begin_word].start;
  std::size_t end_word = begin_word;
  while (end_word + 1 < words.size() && words[end_word + 1].end - from <= max_bytes) ++end_word;
  std::size_t to = end_word + 1 == words.size() ? text.size() : words[end_word].end;
  std::string out;
  if (from > 0) out += "…";
  out += render(text, words, from, to, language, terms);
  if (to < text.size()) out += "…";
  return out;
}

}  // namespace tiltas::search
