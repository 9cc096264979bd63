// Language of a page, by CLD2, as an ISO 639-1 code.
#include <string>

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

}  // namespace

std::string detect_language(std::string_view text) {
  std::string_view head = text.substr(0, std::min(text.size(), kSample));
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

}  // namespace tiltas::extract::detail
