// Matched words in <mark>: the titles and description snippets of search
// results. Pure and thread-safe; the output is HTML-escaped.
#pragma once

#include <cstddef>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>

#include "search/query.h"

namespace tiltas::search {

// Every term the positive words of `query` may match (analyzer's
// query_terms of each word of each clause).
std::set<std::string> match_terms(const SearchQuery& query);

// Whether a text word meets the query's terms, remembered per word and
// language: a page of hits repeats words, and analysing a word with
// diacritics costs microseconds. Not thread-safe; one per search.
class Matcher {
 public:
  explicit Matcher(const std::set<std::string>& terms) : terms_(terms) {}
  bool matches(std::string_view word, std::string_view language);

 private:
  const std::set<std::string>& terms_;
  std::unordered_map<std::string, bool> seen_;
};

// `text` HTML-escaped, each word whose index terms in `language` meet
// `terms` wrapped in <mark>…</mark>.
std::string highlight(std::string_view text, std::string_view language, const std::set<std::string>& terms);
std::string highlight(std::string_view text, std::string_view language, Matcher& matcher);

// True when some word of `text` meets `terms`.
bool has_match(std::string_view text, std::string_view language, const std::set<std::string>& terms);
bool has_match(std::string_view text, std::string_view language, Matcher& matcher);

// About `max_bytes` of `text` around its first matched word, cut at word
// boundaries, with "…" where text was cut, highlighted as above; the start
// of the text when nothing matches; "" for empty text.
std::string snippet(std::string_view text, std::string_view language, const std::set<std::string>& terms,
                    std::size_t max_bytes = 240);
std::string snippet(std::string_view text, std::string_view language, Matcher& matcher, std::size_t max_bytes = 240);

}  // namespace tiltas::search
