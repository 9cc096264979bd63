#include "store/organisation_key.h"

#include "base/text.h"

namespace tiltas::store {

std::string organisation_match_key(std::string_view name, const std::optional<std::string>& country) {
  return text::fold(name) + "|" + country.value_or("");
}

}  // namespace tiltas::store
