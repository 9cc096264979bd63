// How stated organisation names are matched to one Organisation.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace tiltas::store {

// The key under which two stated names are the same organisation:
// case, diacritics, quotes and punctuation folded; legal forms dropped
// ("VšĮ", "UAB", "asociacija", "AS", "Foundation", "Stiftelsen" ...); each
// word reduced to its Lithuanian Snowball stem, so that inflected forms meet
// ("Kauno miesto savivaldybės" ~ "Kauno miesto savivaldybė"). The country is
// compared separately (an unknown country matches any).
// "VšĮ „Jaunimo balsas“" and "Jaunimo balso" share a key.
std::string organisation_name_key(std::string_view name);

// The acronym a name carries, folded, or "": a parenthesised or trailing
// all-capitals word of 2-6 letters ("National LGBT rights organization LGL"
// -> "lgl", "Centre for Civic Initiatives (CCI)" -> "cci"). A name that is
// only an acronym ("LGL") returns itself.
std::string organisation_acronym(std::string_view name);

}  // namespace tiltas::store
