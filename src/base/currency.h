// ISO 4217 currency codes, checked against ICU's currency data rather than a
// table of our own.
#pragma once

#include <string_view>

namespace tiltas {

// True for a three-letter upper-case code ICU knows as an ISO 4217 currency
// (current or historic, e.g. "EUR", "NOK", "ISK", "LTL").
bool is_iso4217_currency(std::string_view code);

}  // namespace tiltas
