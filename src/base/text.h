// UTF-8 text helpers shared by every module. Unicode work (case, diacritics,
// transliteration) goes through ICU; nothing here hand-rolls Unicode tables.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tiltas::text {

// True when `s` is well-formed UTF-8 (no overlongs, no surrogates).
bool is_valid_utf8(std::string_view s);
// Byte offset of the first invalid sequence, or npos when valid.
std::size_t first_invalid_utf8(std::string_view s);
// Replaces invalid sequences with U+FFFD so that later stages can rely on
// well-formed input; byte offsets of valid text shift, so callers that keep
// source spans check is_valid_utf8 first.
std::string repair_utf8(std::string_view s);

// ASCII whitespace trim and whitespace-run collapse (Unicode spaces such as
// U+00A0 count as whitespace too).
std::string_view trim(std::string_view s);
std::string collapse_whitespace(std::string_view s);

// Lower-cases with ICU's root locale rules.
std::string to_lower(std::string_view s);

// Folds text for matching: NFKD, diacritics removed, Latin-ASCII (ø -> o,
// æ -> ae, ß -> ss), lower case, every run of non-alphanumerics one space.
// "Oslo  kommune" / "OSLO KOMMUNE" / "Osló-kommune" all fold to "oslo kommune".
// Thread-safe (one ICU transliterator per thread).
std::string fold(std::string_view s);

// Splits folded text into its space-separated words.
std::vector<std::string> fold_words(std::string_view s);

// 1-based line and column (in code points) of byte `offset` in `s`, for
// messages that point into a file.
std::pair<std::size_t, std::size_t> line_and_column(std::string_view s, std::size_t offset);

bool starts_with_ci(std::string_view s, std::string_view prefix);

// Escapes text for HTML element content and attribute values (& < > " ').
std::string escape_html(std::string_view s);

}  // namespace tiltas::text
