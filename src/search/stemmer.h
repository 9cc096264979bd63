// Snowball stemming by language (English, Lithuanian, Norwegian, and the
// other languages libstemmer ships), so that "projektų" and "projektas", or
// "municipalities" and "municipality", share a stem.
#pragma once

#include <string>
#include <string_view>

namespace tiltas::search {

// The stem of one lower-case word in `language` (ISO 639-1: "en", "lt",
// "nb"/"no"/"nn", ...). Unknown languages return the word unchanged.
// Thread-safe: each thread keeps its own Snowball stemmers.
std::string stem(std::string_view word, std::string_view language);

// True when Snowball has a stemmer for the language.
bool has_stemmer(std::string_view language);

}  // namespace tiltas::search
