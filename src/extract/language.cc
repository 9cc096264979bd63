// Language of a page as an ISO 639-1 code: CLD2, after a cheap first look
// that settles the two languages of the genre.
//
// Why the first look: CLD2 reads ~20-40 MB/s (quad- and octagram lookups
// over every byte, a scoring buffer allocated per call), which was about
// 40% of the time to extract a typical 2 KB page. Pages of the genre are
// mostly plainly English or plainly Lithuanian, and that shows in a few
// counts the tokens give for free: English function words, Lithuanian
// function words, and the letters only Lithuanian writes (ė į ų) against
// letters of the neighbouring languages (Latvian ā ē ī ļ ņ ķ ģ, Polish ł ń
// ś ć ź ż, Norwegian ø æ å). Only a lopsided count decides; anything mixed,
// short or in another language goes to CLD2 as before. On the 79 test and
// real pages and 300 generated ones (bench/gen_pages.py) the first look
// agreed with CLD2 wherever it decided.
#include <cstring>
#include <string>
#include <unordered_map>

#include <cld2/public/compact_lang_det.h>
#include <cld2/public/encodings.h>

#include "base/text.h"
#include "extract/internal.h"

namespace CLD2 {
// Declared in cld2/internal/lang_script.h, which the Debian package ships
// without its own include dependencies; the symbol is exported by libcld2.
const char* LanguageCode(Language lang);
}  // namespace CLD2

namespace tiltas::extract::detail {
namespace {

// A page is about one language; its first 12 KiB decide it (CLD2 is
// reliable from a few hundred bytes). This bounds the
// cost on huge inputs and keeps detection from being swamped by an appended
// blob of another language.
constexpr std::size_t kSample = 12 * 1024;

// Function words of English, of Lithuanian, and of other languages of the
// region that share no word with the first two (folded forms).
enum WordClass : std::int32_t { kNone = 0, kEnglish = 1, kLithuanian = 2, kOther = 3 };

const std::unordered_map<std::string_view, WordClass>& word_classes() {
  static constexpr std::string_view kEn[] = {"the", "and", "of", "to", "in", "is", "for", "with", "was", "will",
                                             "be", "are", "on", "by", "from", "this", "that", "were", "which",
                                             "has", "have", "an", "at", "their", "it", "as"};
  static constexpr std::string_view kLt[] = {"ir", "bei", "kad", "yra", "buvo", "bus", "su", "projekto",
                                             "projektas", "projekta", "metu", "taip", "pat", "kartu", "kuris",
                                             "kurie", "tarp", "nuo", "iki", "del", "apie", "jau", "dar", "ne"};
  static constexpr std::string_view kOth[] = {
      "un",  "ar",   "par",  "uz",  "kas",  "tika", "ari",  "oraz", "jest", "sie", "dla",  "nie", "og",
      "er",  "til",  "av",   "som", "med",  "det",  "ble",  "und",  "der",  "die", "das",  "ist", "mit",
      "von", "zu",   "het",  "een", "van",  "les",  "et",   "est",  "pour", "une", "dans", "el",  "los",
      "las", "para", "con",  "una", "por",  "il",   "di",   "che",  "della"};
  static const std::unordered_map<std::string_view, WordClass> classes = [] {
    std::unordered_map<std::string_view, WordClass> m;
    for (auto x : kEn) m.emplace(x, kEnglish);
    for (auto x : kLt) m.emplace(x, kLithuanian);
    for (auto x : kOth) m.emplace(x, kOther);
    return m;
  }();
  return classes;
}

WordClass word_class(std::string_view w) {
  auto it = word_classes().find(w);
  return it == word_classes().end() ? kNone : it->second;
}

// "en", "lt", or "" when the counts are not lopsided enough to say.
std::string first_look(const Doc& doc, std::string_view head) {
  int words = 0, en = 0, lt = 0, other = 0;
  for (std::size_t i = 0; i < doc.size() && doc.toks[i].begin < head.size(); ++i) {
    if (!doc.is_word(i)) continue;
    ++words;
    switch (doc.fact(WordFact::kLanguageClass, i)) {
      case kEnglish: ++en; break;
      case kLithuanian: ++lt; break;
      case kOther: ++other; break;
      default: break;
    }
  }
  // Letters by their UTF-8 bytes (all are two-byte sequences C3/C4/C5 xx).
  int lt_letters = 0, lv_letters = 0, pl_letters = 0, no_letters = 0;
  const auto* p = reinterpret_cast<const unsigned char*>(head.data());
  for (std::size_t i = 0; i + 1 < head.size(); ++i) {
    // Eight ASCII bytes at a time: most of a page is ASCII.
    while (i + 9 < head.size()) {
      std::uint64_t v;
      std::memcpy(&v, p + i, 8);
      if (v & 0x8080808080808080ull) break;
      i += 8;
    }
    const unsigned char lead = p[i];
    if (lead < 0xC3 || lead > 0xC5) continue;
    const unsigned cp = ((lead & 0x1Fu) << 6) | (p[i + 1] & 0x3Fu);
    switch (cp) {
      case 0x0116: case 0x0117: case 0x012E: case 0x012F: case 0x0172: case 0x0173:  // Ė ė Į į Ų ų
        ++lt_letters;
        break;
      case 0x0100: case 0x0101: case 0x0112: case 0x0113: case 0x012A: case 0x012B:  // Ā ā Ē ē Ī ī
      case 0x013B: case 0x013C: case 0x0145: case 0x0146: case 0x0136: case 0x0137:  // Ļ ļ Ņ ņ Ķ ķ
      case 0x0122: case 0x0123:                                                      // Ģ ģ
        ++lv_letters;
        break;
      case 0x0141: case 0x0142: case 0x0143: case 0x0144: case 0x015A: case 0x015B:  // Ł ł Ń ń Ś ś
      case 0x0106: case 0x0107: case 0x0179: case 0x017A: case 0x017B: case 0x017C:  // Ć ć Ź ź Ż ż
        ++pl_letters;
        break;
      case 0x00D8: case 0x00F8: case 0x00C6: case 0x00E6: case 0x00C5: case 0x00E5:  // Ø ø Æ æ Å å
        ++no_letters;
        break;
      default:
        break;
    }
    ++i;
  }
  if (en >= 5 && en * 10 >= words && (lt + other) * 8 <= en && lt_letters * 10 <= words &&
      lv_letters * 10 <= en && pl_letters * 10 <= en && no_letters * 10 <= en)
    return "en";
  if (lt_letters >= 8 && lt >= 3 && lv_letters * 10 <= lt_letters && pl_letters * 10 <= lt_letters &&
      no_letters * 10 <= lt_letters && en * 4 <= lt + lt_letters && other * 4 <= lt)
    return "lt";
  return {};
}

std::string cld2_language(std::string_view head) {
  // CLD2 stops at the first invalid byte: give it repaired text, with NUL
  // and other controls turned into spaces.
  std::string sample = text::repair_utf8(head);
  for (char& c : sample) {
    if (static_cast<unsigned char>(c) < 0x20 && c != '\n') c = ' ';
  }
  CLD2::Language top3[3];
  int percent3[3];
  int text_bytes = 0;
  bool reliable = false;
  CLD2::Language lang = CLD2::DetectLanguageSummary(sample.data(), static_cast<int>(sample.size()),
                                                    true, top3, percent3, &text_bytes, &reliable);
  if (lang == CLD2::UNKNOWN_LANGUAGE || text_bytes == 0) return "";
  std::string code = CLD2::LanguageCode(lang);
  // Norwegian: CLD2 says "no" (and "nn"); the registry uses Bokmål "nb".
  if (code == "no") return "nb";
  // CLD2's codes for a few languages carry a region or script ("zh-Hant").
  if (auto dash = code.find('-'); dash != std::string::npos) code.resize(dash);
  if (code.size() != 2) return "";
  return code;
}

}  // namespace

std::int32_t language_class_fact(std::string_view w) { return word_class(w); }

void language_words(std::vector<std::string_view>& out) {
  for (const auto& [w, c] : word_classes()) out.push_back(w);
}

std::string detect_language(const Doc& doc) {
  std::string_view head = doc.text.substr(0, std::min(doc.text.size(), kSample));
  std::string code = first_look(doc, head);
  return code.empty() ? cld2_language(head) : code;
}

}  // namespace tiltas::extract::detail
