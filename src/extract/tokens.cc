// Tokenisation: the one pass over the raw bytes. Everything after this works
// on tokens, so invalid UTF-8, NUL bytes and odd spaces are dealt with here
// once: an invalid byte becomes a punctuation token U+FFFD that no rule
// matches, and offsets always point into the caller's bytes.
#include <algorithm>
#include <array>
#include <cstring>
#include <string>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "base/text.h"
#include "extract/internal.h"

namespace tiltas::extract::detail {
namespace {

// Folded forms of the non-ASCII letters of the scripts this genre uses,
// computed once from ICU's folding (base/text.h) so that no Unicode table is
// typed by hand, then looked up per code point because calling a
// transliterator per word would cost more than the whole extraction.
constexpr UChar32 kTableEnd = 0x2000;

const std::vector<std::string>& fold_table() {
  static const std::vector<std::string> table = [] {
    std::vector<std::string> t(kTableEnd);
    for (UChar32 c = 0x80; c < kTableEnd; ++c) {
      if (!u_isalpha(c)) continue;
      char buf[8];
      int32_t n = 0;
      U8_APPEND_UNSAFE(buf, n, c);
      std::string folded = text::fold(std::string_view(buf, static_cast<std::size_t>(n)));
      std::string ascii;
      for (char ch : folded) {
        if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')) ascii += ch;
      }
      t[static_cast<std::size_t>(c)] = ascii.empty() ? std::string(buf, static_cast<std::size_t>(n)) : ascii;
    }
    return t;
  }();
  return table;
}

bool is_space_above_ascii(UChar32 c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v' || c == 0xA0 ||
         c == 0x202F || c == 0x2007 || c == 0xFEFF || c == 0x200B ||
         (c > 0x7F && u_isUWhiteSpace(c)) || (c > 0 && c < 0x20 && c != '\n');
}

// Inline for ASCII, which is asked of every character between words; the
// rest out of line.
inline bool is_space(UChar32 c) {
  if (c < 0x80) return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v' || (c > 0 && c < 0x20 && c != '\n');
  return is_space_above_ascii(c);
}

bool is_letter(UChar32 c) {
  if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  return u_isalpha(c) || (U_GET_GC_MASK(c) & U_GC_M_MASK) != 0;
}

// Appends to a string through a raw pointer. `folded += c` per byte stored
// the string's length and terminator at every byte, a chain of dependent
// stores and loads that was a quarter of tokenize(); the string is sized
// ahead instead, and cut to its length by finish().
class FoldedWriter {
 public:
  FoldedWriter(std::string& s, std::size_t expected) : s_(s) {
    s_.resize(std::max<std::size_t>(expected, 64));
    p_ = s_.data();
    cap_ = s_.size();
  }
  std::size_t size() const { return len_; }
  void put(char c) {
    if (len_ == cap_) grow(1);
    p_[len_++] = c;
  }
  void append(const char* d, std::size_t k) {
    if (cap_ - len_ < k) grow(k);
    std::memcpy(p_ + len_, d, k);
    len_ += k;
  }
  void append(const std::string& d) { append(d.data(), d.size()); }
  void finish() { s_.resize(len_); }

 private:
  void grow(std::size_t k) {
    s_.resize(std::max(cap_ * 2, len_ + k));
    p_ = s_.data();
    cap_ = s_.size();
  }
  std::string& s_;
  char* p_ = nullptr;
  std::size_t len_ = 0;
  std::size_t cap_ = 0;
};

void put_char(std::string& out, char c) { out += c; }
void put_char(FoldedWriter& out, char c) { out.put(c); }

template <typename Out>
void append_folded(Out& out, UChar32 c, const std::vector<std::string>& table) {
  if (c < 0x80) {
    put_char(out, static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c));
  } else if (c < kTableEnd) {
    const std::string& s = table[static_cast<std::size_t>(c)];
    if (!s.empty()) {
      out.append(s);
    }
  } else {
    UChar32 lower = u_tolower(c);
    char buf[8];
    int32_t n = 0;
    U8_APPEND_UNSAFE(buf, n, lower);
    out.append(buf, static_cast<std::size_t>(n));
  }
}

// Markup left over from HTML and Markdown sources ("<p>", "<br />",
// "&nbsp;", "**Label:**", "### Heading"): pages of the genre are often
// copied from a CMS. Tags and emphasis marks read as whitespace (block tags
// as line breaks), so labels and sentences are seen as the reader sees them;
// offsets still point into the caller's bytes.
enum class Markup { kNone, kSpace, kLine, kParagraph };

// An HTML tag at p[i] ('<' followed by a letter, '/' or '!', closed by '>'
// on the same line within 300 bytes). Sets `len` and says how it reads.
Markup html_tag(const uint8_t* p, std::size_t i, std::size_t n, std::size_t& len) {
  if (i + 2 >= n) return Markup::kNone;
  std::size_t j = i + 1;
  bool closing = p[j] == '/';
  if (closing) ++j;
  unsigned char c = p[j];
  bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  if (!alpha && !(c == '!' && !closing)) return Markup::kNone;
  std::size_t name_start = j;
  while (j < n && ((p[j] >= 'a' && p[j] <= 'z') || (p[j] >= 'A' && p[j] <= 'Z') || (p[j] >= '0' && p[j] <= '9')))
    ++j;
  std::size_t name_len = j - name_start;
  std::size_t k = j;
  while (k < n && k < i + 300 && p[k] != '>' && p[k] != '<' && p[k] != '\n') ++k;
  if (k >= n || p[k] != '>') return Markup::kNone;
  len = k + 1 - i;
  char name[8] = {};
  for (std::size_t q = 0; q < name_len && q < 7; ++q) name[q] = static_cast<char>(p[name_start + q] | 0x20);
  std::string_view tag(name, std::min<std::size_t>(name_len, 7));
  if (tag == "br" || tag == "li" || tag == "tr" || tag == "dt" || tag == "dd") return Markup::kLine;
  if (tag == "p" || tag == "div" || tag == "ul" || tag == "ol" || tag == "table" || tag == "section" ||
      (tag.size() == 2 && tag[0] == 'h' && tag[1] >= '1' && tag[1] <= '6'))
    return Markup::kParagraph;
  return Markup::kSpace;
}

// An HTML character reference at p[i] ("&nbsp;", "&ndash;", "&#8211;"):
// its code point (0x20 for spaces) and length, or -1.
UChar32 html_entity(const uint8_t* p, std::size_t i, std::size_t n, std::size_t& len) {
  std::size_t j = i + 1;
  std::size_t k = j;
  while (k < n && k < i + 12 && p[k] != ';' &&
         ((p[k] >= 'a' && p[k] <= 'z') || (p[k] >= 'A' && p[k] <= 'Z') || (p[k] >= '0' && p[k] <= '9') || p[k] == '#'))
    ++k;
  if (k >= n || p[k] != ';' || k == j) return -1;
  len = k + 1 - i;
  std::string_view name(reinterpret_cast<const char*>(p + j), k - j);
  if (name[0] == '#') {
    UChar32 v = 0;
    bool hex = name.size() > 1 && (name[1] == 'x' || name[1] == 'X');
    std::size_t q = hex ? 2 : 1;
    if (q >= name.size()) return -1;
    for (; q < name.size(); ++q) {
      char ch = name[q];
      int d = ch >= '0' && ch <= '9' ? ch - '0' : hex && (ch | 0x20) >= 'a' && (ch | 0x20) <= 'f' ? (ch | 0x20) - 'a' + 10 : -1;
      if (d < 0 || v > 0x10FFFF) return -1;
      v = v * (hex ? 16 : 10) + d;
    }
    return v > 0 && v <= 0x10FFFF && !(v >= 0xD800 && v <= 0xDFFF) ? v : -1;
  }
  static constexpr std::pair<std::string_view, UChar32> kNames[] = {
      {"nbsp", 0x20}, {"ensp", 0x20}, {"emsp", 0x20}, {"thinsp", 0x20}, {"ndash", 0x2013}, {"mdash", 0x2014},
      {"amp", '&'},   {"quot", '"'},  {"apos", '\''}, {"lt", '<'},      {"gt", '>'},        {"laquo", 0xAB},
      {"raquo", 0xBB}, {"bdquo", 0x201E}, {"ldquo", 0x201C}, {"rdquo", 0x201D}, {"lsquo", 0x2018},
      {"rsquo", 0x2019}, {"hellip", 0x2026}, {"bull", 0x2022}, {"middot", 0xB7}, {"euro", 0x20AC},
  };
  for (const auto& [nm, cp] : kNames) {
    if (name == nm) return cp;
  }
  return -1;
}

bool is_terminator(UChar32 c) { return c == '.' || c == '!' || c == '?' || c == 0x2026; }

// The hash of a folded word, for the page's word table and the lexicon.
// Eight bytes per multiply: FNV-1a's multiply per byte made one chain of
// dependent multiplies through every word of the page. Word ids do not
// depend on it (they number words in order of appearance).
std::uint64_t word_hash(std::string_view w) {
  const auto* p = reinterpret_cast<const unsigned char*>(w.data());
  std::size_t n = w.size();
  std::uint64_t h = 0x9E3779B97F4A7C15ull ^ n;
  while (n >= 8) {
    std::uint64_t v;
    std::memcpy(&v, p, 8);
    h = (h ^ v) * 0xBF58476D1CE4E5B9ull;
    h ^= h >> 31;
    p += 8;
    n -= 8;
  }
  if (n) {
    std::uint64_t v = 0;
    for (std::size_t k = 0; k < n; ++k) v |= std::uint64_t{p[k]} << (8 * k);
    h = (h ^ v) * 0x94D049BB133111EBull;
  }
  h ^= h >> 32;
  h *= 0xD6E8FEB86659FD93ull;
  h ^= h >> 29;
  return h;
}

// a == b for folded words, which are short: a byte loop inlined here
// instead of a call into memcmp for each word of the page.
inline bool same_word(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  if (a.size() > 16) return a == b;
  for (std::size_t k = 0; k < a.size(); ++k) {
    if (a[k] != b[k]) return false;
  }
  return true;
}

std::size_t slot_of(std::uint64_t h, std::size_t mask) { return static_cast<std::size_t>(h ^ (h >> 29)) & mask; }

// The page lexicon: every word some WordFact holds for, from the readers'
// own tables, in an open-addressing set probed with the hash tokenize()
// computes anyway.
//
// A Bloom filter (32 KiB, two bits per word) answers first: most words of a
// page are in no table, and the table itself is large enough that probing
// it missed the cache once or twice per distinct word.
struct Lexicon {
  static constexpr std::size_t kBloomBits = std::size_t{1} << 18;
  std::vector<std::uint64_t> bloom = std::vector<std::uint64_t>(kBloomBits / 64, 0);
  std::vector<std::string_view> forms;
  std::vector<std::uint64_t> hashes;
  std::vector<std::uint32_t> slots;  // 0 = empty, else index + 1
  std::size_t mask = 0;
  std::vector<std::int32_t> facts;  // kFacts values per form, in WordFact order
  std::int32_t absent[static_cast<std::size_t>(WordFact::kCount)] = {};

  static std::pair<std::size_t, std::size_t> bloom_bits(std::uint64_t h) {
    const std::uint64_t m = h * 0x9E3779B97F4A7C15ull;
    return {static_cast<std::size_t>(m >> 46), static_cast<std::size_t>((m >> 18) & (kBloomBits - 1))};
  }
  void add_to_bloom(std::uint64_t h) {
    auto [b1, b2] = bloom_bits(h);
    bloom[b1 / 64] |= std::uint64_t{1} << (b1 % 64);
    bloom[b2 / 64] |= std::uint64_t{1} << (b2 % 64);
  }
  bool maybe(std::uint64_t h) const {
    auto [b1, b2] = bloom_bits(h);
    return ((bloom[b1 / 64] >> (b1 % 64)) & 1) && ((bloom[b2 / 64] >> (b2 % 64)) & 1);
  }

  // The index of w among forms, or -1.
  std::int32_t find(std::string_view w, std::uint64_t h) const {
    if (!maybe(h)) return -1;
    for (std::size_t k = slot_of(h, mask); slots[k] != 0; k = (k + 1) & mask) {
      if (hashes[slots[k] - 1] == h && same_word(forms[slots[k] - 1], w)) return static_cast<std::int32_t>(slots[k] - 1);
    }
    return -1;
  }
};

// Each WordFact's function, in the enum's order.
using FactFn = std::int32_t (*)(std::string_view);
constexpr FactFn kFactFns[] = {
    [](std::string_view w) -> std::int32_t { return month_word(w); },
    [](std::string_view w) -> std::int32_t { return number_word(w); },
    [](std::string_view w) -> std::int32_t { return lt_head_form(w) ? 1 : 0; },
    en_org_head_fact,
    [](std::string_view w) -> std::int32_t { return is_org_head(w) ? 1 : 0; },
    trigger_fact,
    future_fact,
    past_fact,
    opener_fact,
    programme_first_fact,
    place_first_fact,
    language_class_fact,
    country_word_fact,
    currency_fact,
};
static_assert(std::size(kFactFns) == static_cast<std::size_t>(WordFact::kCount), "a function per WordFact");

const Lexicon& lexicon() {
  static const Lexicon lex = [] {
    std::vector<std::string_view> words;
    date_words(words);
    indicator_words(words);
    event_words(words);
    organisation_words(words);
    programme_words(words);
    gazetteer_words(words);
    lithuanian_words(words);
    language_words(words);
    money_words(words);
    Lexicon l;
    std::size_t size = 1024;
    while (size < words.size() * 4) size *= 2;
    l.slots.assign(size, 0);
    l.mask = size - 1;
    for (std::string_view w : words) {
      std::uint64_t h = word_hash(w);
      if (l.find(w, h) >= 0) continue;
      std::size_t k = slot_of(h, l.mask);
      while (l.slots[k] != 0) k = (k + 1) & l.mask;
      l.forms.push_back(w);
      l.hashes.push_back(h);
      l.slots[k] = static_cast<std::uint32_t>(l.forms.size());
      l.add_to_bloom(h);
    }
    constexpr std::size_t kFacts = std::size(kFactFns);
    l.facts.resize(l.forms.size() * kFacts);
    for (std::size_t f = 0; f < l.forms.size(); ++f) {
      for (std::size_t k = 0; k < kFacts; ++k) l.facts[f * kFacts + k] = kFactFns[k](l.forms[f]);
    }
    for (std::size_t k = 0; k < kFacts; ++k) l.absent[k] = kFactFns[k](std::string_view());
    return l;
  }();
  return lex;
}

// The distinct words of a page while tokenize() numbers them.
struct WordTable {
  std::vector<std::uint32_t> slots;
  std::vector<std::uint64_t> hashes;
  std::vector<std::string_view> forms;
  // A huge page must not pin its table's memory for the thread's lifetime.
  void release_if_large() {
    if (slots.size() > (std::size_t{1} << 16)) {
      slots = {};
      hashes = {};
      forms = {};
    }
  }
};

}  // namespace

bool is_dash(std::uint32_t cp) {
  return cp == '-' || cp == 0x2010 || cp == 0x2011 || cp == 0x2012 || cp == 0x2013 ||
         cp == 0x2014 || cp == 0x2015 || cp == 0x2212;
}
bool is_open_quote(std::uint32_t cp) {
  return cp == '"' || cp == 0x201C || cp == 0x201E || cp == 0x00AB || cp == 0x2018 ||
         cp == 0x201A || cp == 0x201F || cp == 0x2033 || cp == 0x201D;
}
bool is_close_quote(std::uint32_t cp) {
  return cp == '"' || cp == 0x201D || cp == 0x201C || cp == 0x00BB || cp == 0x2019 ||
         cp == 0x2033;
}

// The code point at p[i] (negative for an invalid sequence), advancing i
// past it; ASCII without a call into ICU, as most bytes of a page are.
inline UChar32 next_code_point(const uint8_t* p, std::size_t& i, std::size_t n) {
  if (p[i] < 0x80) return p[i++];
  UChar32 c;
  int32_t ii = 0;
  int32_t len = static_cast<int32_t>(std::min<std::size_t>(n - i, 4));
  U8_NEXT(p + i, ii, len, c);
  i += static_cast<std::size_t>(ii);
  return c;
}

bool is_quote(std::uint32_t cp) { return is_open_quote(cp) || is_close_quote(cp); }

std::string clean(std::string_view raw) {
  // Trim and collapse whitespace runs (ASCII, NBSP and the Unicode spaces
  // tokenize() skips) to one space; a fast path because every name passes here.
  std::string out;
  out.reserve(raw.size());
  const auto* p = reinterpret_cast<const uint8_t*>(raw.data());
  const std::size_t n = std::min<std::size_t>(raw.size(), INT32_MAX);
  bool pending = false;
  std::size_t i = 0;
  while (i < n) {
    std::size_t start = i;
    UChar32 c = next_code_point(p, i, n);
    if (c == '\n' || (c >= 0 && is_space(c))) {
      pending = !out.empty();
      continue;
    }
    if (pending) out += ' ';
    pending = false;
    out.append(raw.data() + start, i - start);
  }
  return out;
}

Doc tokenize(std::string_view text) {
  Doc doc;
  tokenize_into(text, doc);
  return doc;
}

void tokenize_into(std::string_view text, Doc& doc) {
  doc.text = text;
  doc.toks.clear();
  doc.lines.clear();
  doc.sentences.clear();
  doc.language.clear();
  doc.distinct_words = 0;
  doc.lexicon_row.clear();
  const auto& table = fold_table();
  // Offsets are 32-bit; longer inputs are read up to 4 GiB (callers pass pages).
  const std::size_t n = std::min<std::size_t>(text.size(), UINT32_MAX - 8);
  const auto* p = reinterpret_cast<const uint8_t*>(text.data());
  doc.toks.reserve(n / 5 + 16);
  // Folding maps a byte to at most one byte for ASCII and the table's
  // letters; the writer grows if a page folds longer.
  FoldedWriter folded(doc.folded, n + 16);
  std::size_t i = 0;
  std::uint16_t pending = kNewlineBefore | kBlankBefore;  // page start counts as a paragraph
  int newlines = 2;
  while (i < n) {
    std::size_t start = i;
    UChar32 c = next_code_point(p, i, n);
    if (c == '\n') {
      pending |= kSpaceBefore | kNewlineBefore;
      if (++newlines >= 2) pending |= kBlankBefore;
      continue;
    }
    if (c >= 0 && is_space(c)) {
      pending |= kSpaceBefore;
      continue;
    }
    if (c == '<') {
      std::size_t len = 0;
      Markup m = html_tag(p, start, n, len);
      if (m != Markup::kNone) {
        i = start + len;
        pending |= kSpaceBefore;
        if (m != Markup::kSpace) pending |= kNewlineBefore;
        if (m == Markup::kParagraph) pending |= kBlankBefore;
        continue;
      }
    } else if (c == '&') {
      std::size_t len = 0;
      UChar32 e = html_entity(p, start, n, len);
      if (e == 0x20) {
        i = start + len;
        pending |= kSpaceBefore;
        continue;
      }
      if (e > 0) {
        // The entity is one punctuation token (letters written as
        // references are rare enough to leave unread).
        i = start + len;
                Token t;
        t.begin = static_cast<std::uint32_t>(start);
        t.flags = pending;
        pending = 0;
        newlines = 0;
        t.fbegin = t.fend = static_cast<std::uint32_t>(folded.size());
        t.kind = Tok::kPunct;
        t.cp = static_cast<std::uint32_t>(e);
        t.end = static_cast<std::uint32_t>(i);
        doc.toks.push_back(t);
        continue;
      }
    } else if (c == '*' || c == '_') {
      // Markdown emphasis: a run of two or more, or one glued to a word
      // ("*Heritage Trails*"). A lone '*' before a space is a bullet.
      std::size_t j = i;
      while (j < n && p[j] == static_cast<unsigned char>(c)) ++j;
      bool run = j - start >= 2;
      bool glued_after = j < n && p[j] > ' ' && p[j] != static_cast<unsigned char>(c);
      bool glued_before = start > 0 && !(pending & kSpaceBefore) && p[start - 1] > ' ';
      if (run || glued_after || glued_before || c == '_') {
        if (c == '*' || run || glued_before != glued_after) {
          i = j;
          pending |= kSpaceBefore;
          continue;
        }
      }
    } else if (c == '#' && (pending & kNewlineBefore)) {
      // "## Heading" at a line start.
      std::size_t j = i;
      while (j < n && p[j] == '#') ++j;
      if (j < n && (p[j] == ' ' || p[j] == '\t')) {
        i = j;
        pending |= kSpaceBefore;
        continue;
      }
    }
    // Built in place: a Token assembled on the stack and copied in cost a
    // store-forwarding stall per token.
    Token& t = doc.toks.emplace_back();
    t.begin = static_cast<std::uint32_t>(start);
    t.flags = pending;
    pending = 0;
    newlines = 0;
    t.fbegin = static_cast<std::uint32_t>(folded.size());
    if (c >= '0' && c <= '9') {
      t.kind = Tok::kNumber;
      folded.put(static_cast<char>(c));
      while (i < n && p[i] >= '0' && p[i] <= '9') folded.put(static_cast<char>(p[i++]));
    } else if (c >= 0 && is_letter(c)) {
      t.kind = Tok::kWord;
      bool first_upper = c < 0x80 ? (c >= 'A' && c <= 'Z') : (u_isupper(c) || u_istitle(c));
      bool all_upper = first_upper;
      int letters = 1;
      append_folded(folded, c, table);
      while (i < n) {
        // ASCII letters are most of every page: no ICU call for them.
        unsigned char b = p[i];
        if (b < 0x80) {
          bool lower = b >= 'a' && b <= 'z';
          bool upper = b >= 'A' && b <= 'Z';
          if (!lower && !upper) break;
          ++letters;
          if (lower) all_upper = false;
          folded.put(static_cast<char>(upper ? b + 32 : b));
          ++i;
          continue;
        }
        UChar32 d;
        int32_t ii = 0;
        int32_t len = static_cast<int32_t>(std::min<std::size_t>(n - i, 4));
        U8_NEXT(p + i, ii, len, d);
        if (d < 0 || !is_letter(d)) break;
        if (u_isalpha(d)) {
          ++letters;
          if (!u_isupper(d)) all_upper = false;
        }
        append_folded(folded, d, table);
        i += static_cast<std::size_t>(ii);
      }
      if (first_upper) t.flags |= kUpperInitial;
      if (all_upper && letters >= 2) t.flags |= kAllUpper;
    } else {
      t.kind = Tok::kPunct;
      t.cp = c < 0 ? 0xFFFD : static_cast<std::uint32_t>(c);
    }
    t.end = static_cast<std::uint32_t>(i);
    t.fend = static_cast<std::uint32_t>(folded.size());
  }
  folded.finish();

  // Word ids: one hash per word token here saves every reader its own
  // lookups (Doc::fact). An open-addressing table of ids keyed by the folded
  // form (word_hash): std::unordered_map cost a node allocation per distinct
  // word and a division per probe, ~5% of a page's time.
  {
    const Lexicon& lex = lexicon();
    // Kept per thread: allocating (and freeing) the table for every page
    // and every name tokenised on its own cost more than filling it.
    thread_local WordTable word_table;
    WordTable& wt = word_table;
    auto& slots = wt.slots;    // 0 = empty, else id + 1
    auto& hashes = wt.hashes;  // per id, for rehashing
    auto& forms = wt.forms;    // per id
    slots.assign(1024, 0);
    hashes.clear();
    forms.clear();
    std::size_t mask = slots.size() - 1;
    for (Token& t : doc.toks) {
      if (t.kind != Tok::kWord) continue;
      std::string_view w(doc.folded.data() + t.fbegin, t.fend - t.fbegin);
      const std::uint64_t h = word_hash(w);
      std::size_t k = slot_of(h, mask);
      while (slots[k] != 0 && !(hashes[slots[k] - 1] == h && same_word(forms[slots[k] - 1], w))) k = (k + 1) & mask;
      if (slots[k] != 0) {
        t.word = slots[k] - 1;
        continue;
      }
      t.word = static_cast<std::uint32_t>(forms.size());
      forms.push_back(w);
      hashes.push_back(h);
      doc.lexicon_row.push_back(lex.find(w, h));
      slots[k] = t.word + 1;
      if (forms.size() * 2 > slots.size()) {  // keep the load under one half
        slots.assign(slots.size() * 2, 0);
        mask = slots.size() - 1;
        for (std::uint32_t id = 0; id < forms.size(); ++id) {
          std::size_t q = slot_of(hashes[id], mask);
          while (slots[q] != 0) q = (q + 1) & mask;
          slots[q] = id + 1;
        }
      }
    }
    doc.distinct_words = static_cast<std::uint32_t>(forms.size());
    doc.fact_rows = lex.facts.data();
    doc.absent_facts = lex.absent;
    wt.release_if_large();
  }

  // Lines and sentences. A line break ends a sentence unless it is a soft
  // wrap inside one (lower-case word or comma before, lower-case word after).
  auto& toks = doc.toks;
  std::uint32_t line_no = 0, sent_no = 0;
  std::size_t line_start = 0, sent_start = 0;
  for (std::size_t k = 0; k < toks.size(); ++k) {
    if (k > 0 && (toks[k].flags & kNewlineBefore)) {
      doc.lines.push_back({static_cast<std::uint32_t>(line_start), static_cast<std::uint32_t>(k)});
      ++line_no;
      line_start = k;
    }
    bool boundary = (k == 0);
    if (k > 0 && (toks[k].flags & kNewlineBefore)) {
      const Token& prev = toks[k - 1];
      bool soft = !(toks[k].flags & kBlankBefore) &&
                  ((prev.kind == Tok::kWord && !(prev.flags & kUpperInitial)) ||
                   (prev.kind == Tok::kPunct && prev.cp == ',')) &&
                  toks[k].kind == Tok::kWord && !(toks[k].flags & kUpperInitial);
      boundary = !soft;
    } else if (k >= 2 && toks[k - 1].kind == Tok::kPunct && is_terminator(static_cast<UChar32>(toks[k - 1].cp)) &&
               (toks[k].flags & kSpaceBefore)) {
      const Token& next = toks[k];
      const Token& before = toks[k - 2];
      bool abbrev = before.kind == Tok::kWord && (before.fend - before.fbegin) <= 1;
      bool opens = (next.kind == Tok::kWord && (next.flags & kUpperInitial)) ||
                   (next.kind == Tok::kPunct && (is_open_quote(next.cp) || next.cp == 0x2022));
      boundary = opens && !abbrev;
    }
    if (boundary && k > 0) {
      doc.sentences.push_back({static_cast<std::uint32_t>(sent_start), static_cast<std::uint32_t>(k)});
      ++sent_no;
      sent_start = k;
    }
    if (boundary) toks[k].flags |= kSentenceStart;
    toks[k].line = line_no;
    toks[k].sentence = sent_no;
  }
  if (!toks.empty()) {
    doc.lines.push_back({static_cast<std::uint32_t>(line_start), static_cast<std::uint32_t>(toks.size())});
    doc.sentences.push_back({static_cast<std::uint32_t>(sent_start), static_cast<std::uint32_t>(toks.size())});
  }
}

std::string fold_text(std::string_view text) {
  // The token folding without building a Doc: letters folded, digits kept,
  // anything else one space. Called on short names, many times per page.
  const auto& table = fold_table();
  const auto* p = reinterpret_cast<const uint8_t*>(text.data());
  const std::size_t n = std::min<std::size_t>(text.size(), INT32_MAX);
  std::string out;
  out.reserve(n);
  bool space = false;
  bool in_digits = false;
  std::size_t i = 0;
  while (i < n) {
    UChar32 c = next_code_point(p, i, n);
    bool digit = c >= '0' && c <= '9';
    bool letter = c >= 0 && !digit && is_letter(c);
    if (!digit && !letter) {
      space = true;
      in_digits = false;
      continue;
    }
    // Letters and digits are separate tokens, as in tokenize().
    if ((space || (digit != in_digits && !out.empty())) && !out.empty()) out += ' ';
    space = false;
    in_digits = digit;
    if (digit) out += static_cast<char>(c);
    else append_folded(out, c, table);
  }
  return out;
}

std::size_t sentence_first(const Doc& doc, std::size_t i) {
  if (i >= doc.size()) return doc.size();
  return doc.sentences[doc.toks[i].sentence].first;
}
std::size_t line_first(const Doc& doc, std::size_t i) {
  if (i >= doc.size()) return doc.size();
  return doc.lines[doc.toks[i].line].first;
}

}  // namespace tiltas::extract::detail
