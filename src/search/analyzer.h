// Text analysis for the search index: words are folded (case, diacritics,
// Latin-ASCII through base/text.h's ICU fold) and stemmed with Snowball by
// the language of the text they come from.
//
// Each word yields up to two index terms at the same position: the
// folded-then-stemmed form and the stemmed-then-folded form. Lithuanian
// endings are only recognised with their diacritics ("įmonėms" -> "įmon"),
// while a reader may type them without ("imonems"), so indexing both forms
// lets either spelling of the query meet either spelling of the text.
//
// Queries do not know their language: a query word is analysed in every
// index language (kQueryLanguages) and matches any of the resulting terms.
//
// Everything here is pure and thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace tiltas::search {

// The languages with a stemmer that the index uses; text in any other
// language is indexed folded but unstemmed.
inline constexpr std::string_view kQueryLanguages[] = {"en", "lt", "nb"};

// Words longer than this (in bytes) are not indexed: they are not words.
inline constexpr std::size_t kMaxWordBytes = 64;

// A word's byte range in the text it was found in.
struct WordSpan {
  std::size_t start = 0;
  std::size_t end = 0;
};

// The words of `text`: maximal runs of letters, digits and combining marks
// (ICU properties). Invalid UTF-8 bytes separate words.
std::vector<WordSpan> split_words(std::string_view text);

// The language the stemmer uses for text in `language`: "en"/"lt"/"nb"
// ("no" and "nn" are "nb"), or "" for languages indexed unstemmed.
std::string_view stem_language(std::string_view language);

// The index terms of one word in `language` (1 or 2 distinct terms, the
// folded-then-stemmed one first); empty for a word that folds to nothing or
// is longer than kMaxWordBytes.
std::vector<std::string> index_terms(std::string_view word, std::string_view language);

// Appends the analysed form of `text` to `out` in the index's token format:
// one token per word separated by spaces, the terms of one word joined by
// '|' (they share a position). Returns the number of words added.
std::size_t append_analyzed(std::string_view text, std::string_view language, std::string& out);

// Every term a query word may match: its index terms in each of
// kQueryLanguages and unstemmed, deduplicated, in a stable order.
std::vector<std::string> query_terms(std::string_view word);

// The term of `word` in `language` used inside a phrase (folded, then
// stemmed in `language` when that language has a stemmer).
std::string phrase_term(std::string_view word, std::string_view language);

// True when the folded word is a very common word in English, Lithuanian or
// Norwegian ("the", "ir", "og"): such words are dropped from queries
// (outside phrases) since they match nearly every record.
bool is_stop_word(std::string_view folded_word);

}  // namespace tiltas::search
