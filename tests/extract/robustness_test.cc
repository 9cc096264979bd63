// Hostile inputs: extraction must return (no crash, no hang) and keep spans
// inside the input.
#include <gtest/gtest.h>

#include <chrono>
#include <random>
#include <string>

#include "extract/extractor.h"

namespace tiltas::extract {
namespace {

void check(const std::string& text, const char* why) {
  auto t0 = std::chrono::steady_clock::now();
  Extraction ex = extract(text);
  auto secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  // Linear time: even 10 MB stays far below this bound on a shared core.
  EXPECT_LT(secs, 20.0) << why;
  for (const auto& r : ex.records) {
    for (const auto& a : r.amounts) {
      if (a.span) {
        EXPECT_LE(a.span->end, text.size()) << why;
      }
    }
    for (const auto& o : r.participations) {
      if (o.span) {
        EXPECT_LE(o.span->end, text.size()) << why;
      }
    }
    for (const auto& [k, s] : r.spans) EXPECT_LE(s.end, text.size()) << why << " " << k;
  }
}

TEST(RobustnessTest, RandomBytes) {
  std::mt19937 rng(20240611);
  for (int round = 0; round < 200; ++round) {
    std::string s(static_cast<std::size_t>(rng() % 4096), '\0');
    for (auto& c : s) c = static_cast<char>(rng() & 0xFF);
    check(s, "random bytes");
  }
}

TEST(RobustnessTest, RandomGenreTokens) {
  // Random sequences of the tokens rules look for: labels, quotes, dashes,
  // digits, month names, currency, parentheses.
  const char* pieces[] = {"Partner:", " (Norway)", " 12", "/", "-", " – ", "2021", " m.", " birželio",
                          " EUR", " €", ",", ".", " „", "“", " \"", "(", ")", "\n", "\n\n", " Activity No. 1.1",
                          " Veikla Nr.", " visit in Oslo", " Project Promoter:", " Summary:", " 1.", " •",
                          " Įgyvendinti projektai:", " tūkst.", " million", " will", " were", " Country:",
                          "ASCountry:", " in ", "Kaune", " savivaldybe", " ir ", " and ", " the ", " 313 persons trained"};
  std::mt19937 rng(7);
  for (int round = 0; round < 300; ++round) {
    std::string s;
    int n = static_cast<int>(rng() % 400);
    for (int k = 0; k < n; ++k) s += pieces[rng() % (sizeof(pieces) / sizeof(pieces[0]))];
    check(s, "random genre tokens");
  }
}

TEST(RobustnessTest, NulBytesAndInvalidUtf8) {
  std::string s = "Partner: A\0B (Norway)\xC3\x28 Summary: \xFF\xFE visit in Osl\xE2\x82 o 12 000 EUR";
  s.append(std::string("\0\0\0", 3));
  s += "\xF0\x9F\x98";  // truncated 4-byte sequence at the end
  check(s, "NUL and invalid UTF-8");
  check(std::string(1000, '\0'), "only NUL bytes");
  check(std::string(1000, '\xC3'), "only lead bytes");
}

TEST(RobustnessTest, TenMegabyteLine) {
  std::string line;
  const std::string unit = "Partner: Oslo City Municipality (Norway) 12 510 Eur 1.12.2021-30.09.2023 visit in Kaunas, ";
  while (line.size() < 10 * 1024 * 1024) line += unit;
  check(line, "10 MB single line");
}

TEST(RobustnessTest, DeepRepetition) {
  check(std::string(2 * 1024 * 1024, '('), "2 MB of opening parentheses");
  check(std::string(2 * 1024 * 1024, '1'), "2 MB of one number");
  std::string dots;
  for (int k = 0; k < 300000; ++k) dots += "1.";
  check(dots, "a long chain of numbers and dots");
  std::string thousands = "1";
  for (int k = 0; k < 200000; ++k) thousands += ",000";
  check(thousands + " participants", "a number with 200k thousands groups");
  std::string quotes;
  for (int k = 0; k < 300000; ++k) quotes += "„";
  check(quotes, "only opening quotes");
  std::string lines;
  for (int k = 0; k < 200000; ++k) lines += "Partner:\n";
  check(lines, "200k label lines");
}

TEST(RobustnessTest, EmptyAndTiny) {
  check("", "empty");
  check("a", "one letter");
  check("\n\n\n", "only newlines");
  EXPECT_TRUE(extract("").records.empty());
}

}  // namespace
}  // namespace tiltas::extract
