#include <gtest/gtest.h>

#include "base/country.h"
#include "base/currency.h"
#include "base/hash.h"

namespace tiltas {
namespace {

TEST(Currency, KnowsIso4217Codes) {
  for (const char* c : {"EUR", "NOK", "ISK", "CHF", "DKK", "LTL"}) EXPECT_TRUE(is_iso4217_currency(c)) << c;
  for (const char* c : {"eur", "EURO", "XYZ", "", "E"}) EXPECT_FALSE(is_iso4217_currency(c)) << c;
}

TEST(Country, KnowsIso3166CodesAndLocalNames) {
  for (const char* c : {"LT", "NO", "IS", "LI", "PL", "LV"}) EXPECT_TRUE(is_iso3166_country(c)) << c;
  for (const char* c : {"lt", "XX", "LTU", ""}) EXPECT_FALSE(is_iso3166_country(c)) << c;
  EXPECT_EQ(country_name("NO", "lt"), "Norvegija");
  EXPECT_EQ(country_name("LT", "nb"), "Litauen");
  EXPECT_EQ(country_name("IS", "en"), "Iceland");
}

TEST(Hash, Sha256MatchesKnownVector) {
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

}  // namespace
}  // namespace tiltas
