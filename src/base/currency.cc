#include "base/currency.h"

#include <mutex>
#include <set>
#include <string>

#include <unicode/ucurr.h>
#include <unicode/uenum.h>

namespace tiltas {
namespace {

const std::set<std::string>& known_currencies() {
  static const std::set<std::string> codes = [] {
    std::set<std::string> out;
    UErrorCode status = U_ZERO_ERROR;
    UEnumeration* all = ucurr_openISOCurrencies(UCURR_ALL, &status);
    if (U_FAILURE(status)) return out;
    int32_t len = 0;
    while (const char* code = uenum_next(all, &len, &status)) {
      if (U_FAILURE(status)) break;
      out.emplace(code, static_cast<std::size_t>(len));
    }
    uenum_close(all);
    return out;
  }();
  return codes;
}

}  // namespace

bool is_iso4217_currency(std::string_view code) {
  if (code.size() != 3) return false;
  for (char c : code) {
    if (c < 'A' || c > 'Z') return false;
  }
  return known_currencies().count(std::string(code)) > 0;
}

}  // namespace tiltas
