#include "base/text.h"

#include <cstdint>
#include <cstring>
#include <memory>

#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

namespace tiltas::text {
namespace {

bool is_space_cp(UChar32 c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' ||
         u_isUWhiteSpace(c) || c == 0x00A0 || c == 0x202F || c == 0x2007;
}

icu::Transliterator* folding_transliterator() {
  // Transliterator construction parses rules (milliseconds); keep one per
  // thread because Transliterator::transliterate is not thread-safe.
  thread_local std::unique_ptr<icu::Transliterator> t = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> made(icu::Transliterator::createInstance(
        "NFKD; [:Nonspacing Mark:] Remove; Latin-ASCII; Lower; NFC", UTRANS_FORWARD,
        status));
    if (U_FAILURE(status)) made.reset();
    return made;
  }();
  return t.get();
}

}  // namespace

std::size_t first_invalid_utf8(std::string_view s) {
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  int32_t len = static_cast<int32_t>(s.size());
  if (s.size() > static_cast<std::size_t>(INT32_MAX)) return 0;
  int32_t i = 0;
  while (i < len) {
    // Eight ASCII bytes at a time: every imported page is checked, and
    // pages are mostly ASCII.
    while (len - i >= 8) {
      std::uint64_t v;
      std::memcpy(&v, p + i, 8);
      if (v & 0x8080808080808080ull) break;
      i += 8;
    }
    if (i >= len) break;
    if (p[i] < 0x80) {
      ++i;
      continue;
    }
    int32_t start = i;
    UChar32 c;
    U8_NEXT(p, i, len, c);
    if (c < 0) return static_cast<std::size_t>(start);
  }
  return std::string_view::npos;
}

bool is_valid_utf8(std::string_view s) { return first_invalid_utf8(s) == std::string_view::npos; }

std::string repair_utf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  int32_t len = static_cast<int32_t>(std::min<std::size_t>(s.size(), INT32_MAX));
  int32_t i = 0;
  while (i < len) {
    int32_t start = i;
    UChar32 c;
    U8_NEXT(p, i, len, c);
    if (c < 0) {
      out += "\xEF\xBF\xBD";
    } else {
      out.append(s.data() + start, static_cast<std::size_t>(i - start));
    }
  }
  return out;
}

std::string_view trim(std::string_view s) {
  // Walk code points so that NBSP (C2 A0) and friends are trimmed too.
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  int32_t len = static_cast<int32_t>(std::min<std::size_t>(s.size(), INT32_MAX));
  int32_t begin = 0;
  while (begin < len) {
    int32_t next = begin;
    UChar32 c;
    U8_NEXT(p, next, len, c);
    if (c < 0 || !is_space_cp(c)) break;
    begin = next;
  }
  int32_t end = len;
  while (end > begin) {
    int32_t prev = end;
    UChar32 c;
    U8_PREV(p, 0, prev, c);
    if (c < 0 || !is_space_cp(c)) break;
    end = prev;
  }
  return s.substr(static_cast<std::size_t>(begin), static_cast<std::size_t>(end - begin));
}

std::string collapse_whitespace(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  int32_t len = static_cast<int32_t>(std::min<std::size_t>(s.size(), INT32_MAX));
  int32_t i = 0;
  bool pending_space = false;
  while (i < len) {
    int32_t start = i;
    UChar32 c;
    U8_NEXT(p, i, len, c);
    if (c >= 0 && is_space_cp(c)) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    out.append(s.data() + start, static_cast<std::size_t>(i - start));
  }
  return out;
}

std::string to_lower(std::string_view s) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  u.toLower(icu::Locale::getRoot());
  std::string out;
  u.toUTF8String(out);
  return out;
}

std::string fold(std::string_view s) {
  // Fast path: plain ASCII needs no Unicode machinery, and most names and
  // words of the genre are ASCII.
  bool ascii = true;
  for (char c : s) {
    if (static_cast<unsigned char>(c) >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (ascii) {
    std::string out;
    out.reserve(s.size());
    bool pending_space = false;
    for (char c : s) {
      bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
      if (!alnum) {
        pending_space = true;
        continue;
      }
      if (pending_space && !out.empty()) out.push_back(' ');
      pending_space = false;
      out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
    }
    return out;
  }
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  if (auto* t = folding_transliterator()) {
    t->transliterate(u);
  } else {
    u.toLower(icu::Locale::getRoot());
  }
  std::string out;
  out.reserve(static_cast<std::size_t>(u.length()));
  bool pending_space = false;
  for (int32_t i = 0; i < u.length();) {
    UChar32 c = u.char32At(i);
    i += U16_LENGTH(c);
    if (u_isalnum(c)) {
      if (pending_space && !out.empty()) out.push_back(' ');
      pending_space = false;
      icu::UnicodeString one(c);
      one.toUTF8String(out);
    } else {
      pending_space = true;
    }
  }
  return out;
}

std::vector<std::string> fold_words(std::string_view s) {
  std::vector<std::string> words;
  std::string folded = fold(s);
  std::size_t pos = 0;
  while (pos < folded.size()) {
    std::size_t next = folded.find(' ', pos);
    if (next == std::string::npos) next = folded.size();
    if (next > pos) words.emplace_back(folded.substr(pos, next - pos));
    pos = next + 1;
  }
  return words;
}

std::pair<std::size_t, std::size_t> line_and_column(std::string_view s, std::size_t offset) {
  std::size_t line = 1, col = 1;
  offset = std::min(offset, s.size());
  for (std::size_t i = 0; i < offset; ++i) {
    if (s[i] == '\n') {
      ++line;
      col = 1;
    } else if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
      ++col;  // count code points, not continuation bytes
    }
  }
  return {line, col};
}

bool starts_with_ci(std::string_view s, std::string_view prefix) {
  if (prefix.size() > s.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    char a = s[i], b = prefix[i];
    if (a >= 'A' && a <= 'Z') a = static_cast<char>(a - 'A' + 'a');
    if (b >= 'A' && b <= 'Z') b = static_cast<char>(b - 'A' + 'a');
    if (a != b) return false;
  }
  return true;
}

std::string escape_html(std::string_view s) {
  std::string out;
  out.reserve(s.size() + s.size() / 8);
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out.push_back(c);
    }
  }
  return out;
}

}  // namespace tiltas::text
