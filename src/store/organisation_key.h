// How stated organisation names are matched to one Organisation.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace tiltas::store {

// The key under which two participations are the same organisation: the
// folded name (case, diacritics, punctuation, quotes) and the country.
// "VšĮ „Jaunimo balsas“" (LT) and "VSI Jaunimo Balsas" (LT) share a key.
std::string organisation_match_key(std::string_view name, const std::optional<std::string>& country);

}  // namespace tiltas::store
