#include "base/country.h"

#include <set>
#include <string>

#include <unicode/locid.h>
#include <unicode/uloc.h>
#include <unicode/unistr.h>

namespace tiltas {
namespace {

const std::set<std::string>& known_countries() {
  static const std::set<std::string> codes = [] {
    std::set<std::string> out;
    for (const char* const* c = icu::Locale::getISOCountries(); *c; ++c) out.emplace(*c);
    out.emplace("XK");  // Kosovo: user-assigned, but used by IATI and funds alike
    return out;
  }();
  return codes;
}

}  // namespace

bool is_iso3166_country(std::string_view code) {
  if (code.size() != 2) return false;
  for (char c : code) {
    if (c < 'A' || c > 'Z') return false;
  }
  return known_countries().count(std::string(code)) > 0;
}

std::string country_name(std::string_view code, std::string_view language) {
  std::string loc = "und_" + std::string(code);
  icu::Locale region(loc.c_str());
  icu::UnicodeString name;
  icu::Locale display{std::string(language).c_str()};
  region.getDisplayCountry(display, name);
  std::string out;
  name.toUTF8String(out);
  if (out.empty() || out == code) return std::string(code);
  return out;
}

}  // namespace tiltas
