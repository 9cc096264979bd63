// ISO 3166-1 alpha-2 country codes and their names, from ICU's locale data.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace tiltas {

// True for a two-letter upper-case code that ICU knows as a region ("LT", "NO").
bool is_iso3166_country(std::string_view code);

// The country's name in `language` ("lt" -> "Norvegija", "nb" -> "Litauen"),
// falling back to English, then to the code itself.
std::string country_name(std::string_view code, std::string_view language);

}  // namespace tiltas
