// Money formats and kinds.
#include <gtest/gtest.h>

#include "extract/internal.h"

namespace tiltas::extract::detail {
namespace {

struct MoneyCase {
  const char* text;
  double value;  // 0 = no amount
  const char* currency;
  model::AmountKind kind;
  bool fund_level;
  const char* why;
};

using K = model::AmountKind;
const MoneyCase kMoney[] = {
    {"Projekto biudget: 148 680,00 EUR", 148680.00, "EUR", K::kBudget, false, "space thousands, comma decimals"},
    {"Granted amount: 12 510 Eur", 12510, "EUR", K::kGranted, false, "granted label, mixed-case Eur"},
    {"a budget of €9.6 million", 9600000, "EUR", K::kBudget, false, "sign first, decimal million"},
    {"Grant awarded: 91.000 €", 91000, "EUR", K::kGranted, false, "dot thousands, sign after"},
    {"Project total eligible budget:\n\n2,955,553 EUR", 2955553, "EUR", K::kBudget, false,
     "comma thousands, label on the line above"},
    {"Partner budget: 333.524,80 EUR", 333524.80, "EUR", K::kOther, false, "a partner's share is other"},
    {"pagal 2-ąjį prioritetą – 35 tūkst. EUR", 35000, "EUR", K::kOther, false, "tūkst. multiplier"},
    {"about 14.5 mln. euros in total", 14500000, "EUR", K::kBudget, false, "mln. multiplier, euros"},
    {"Suteiktos paramos suma – 423,00 Eur.", 423, "EUR", K::kGranted, false, "Lithuanian granted label"},
    {"Such one will receive up to 1000 euros per partner.", 1000, "EUR", K::kOther, false,
     "a per-partner limit is other"},
    {"(ERDFco-financing 266.819,84 EUR)", 266819.84, "EUR", K::kOther, false, "co-financing is other"},
    {"Fondo biudžetas – 420 000 EUR.", 420000, "EUR", K::kBudget, true, "the fund's own budget"},
    {"ERAF finansējums: 195 030,79 EUR", 195030.79, "EUR", K::kGranted, false, "Latvian financing = grant"},
    {"In 2021 15 participants came", 0, "", K::kOther, false, "no currency, no amount"},
};

TEST(MoneyTest, FormatsAndKinds) {
  for (const auto& c : kMoney) {
    Doc doc = tokenize(c.text);
    auto found = find_money(doc);
    if (c.value == 0) {
      EXPECT_TRUE(found.empty()) << c.why;
      continue;
    }
    ASSERT_EQ(found.size(), 1u) << c.text << " — " << c.why;
    EXPECT_EQ(found[0].minor, static_cast<std::int64_t>(c.value * 100 + 0.5)) << c.why;
    EXPECT_EQ(found[0].currency, c.currency) << c.why;
    EXPECT_EQ(found[0].kind, c.kind) << c.text << " — " << c.why;
    EXPECT_EQ(found[0].fund_level, c.fund_level) << c.why;
  }
}

}  // namespace
}  // namespace tiltas::extract::detail
