// Nominative restoration of Lithuanian names.
#include <gtest/gtest.h>

#include "extract/internal.h"

namespace tiltas::extract::detail {
namespace {

struct NomCase {
  const char* in;
  const char* out;
  const char* why;
};

const NomCase kNames[] = {
    {"Oslo miesto savivaldybe", "Oslo miesto savivaldybė", "instrumental head; genitive modifiers stay"},
    {"Vilniaus miesto savivaldybe", "Vilniaus miesto savivaldybė", "same pattern, Lithuanian city"},
    {"Lietuvos Įvairovės Chartijos asociacija", "Lietuvos Įvairovės Chartijos asociacija",
     "instrumental of -ija equals the nominative"},
    {"Dvišalio bendradarbiavimo fondo", "Dvišalio bendradarbiavimo fondas", "genitive of a -as noun"},
    {"Usėnų pagrindinės mokyklos", "Usėnų pagrindinė mokykla", "adjective agreeing with the head"},
    {"Socialinės apsaugos ir darbo ministerijos", "Socialinės apsaugos ir darbo ministerija",
     "only the head changes; 'Socialinės apsaugos' is a genitive modifier"},
    {"Gruta gimnazijoje", "Gruta gimnazija", "locative head"},
    {"Jaunimo reikalų agentūra", "Jaunimo reikalų agentūra", "already nominative: unchanged"},
    {"Kažkokia nežinoma frazė", "Kažkokia nežinoma frazė", "no known head: left as written"},
};

TEST(LithuanianTest, NominativeRestoration) {
  for (const auto& c : kNames) {
    EXPECT_EQ(lt_nominative_name(c.in), c.out) << c.why;
  }
}

struct PlaceCase {
  const char* text;
  const char* name;
  const char* country;
  const char* why;
};

const PlaceCase kPlaces[] = {
    {"vizitas Osle", "Oslas", "NO", "locative of a Lithuanian exonym"},
    {"renginys Kaune", "Kaunas", "LT", "locative of a -as city"},
    {"Vilniuje", "Vilnius", "LT", "locative of a -ius city"},
    {"Kasertos mieste", "Kaserta", "IT", "genitive of a foreign city's exonym"},
    {"Italijoje", "Italija", "IT", "country names are declined too (ICU names)"},
};

TEST(LithuanianTest, InflectedPlaces) {
  for (const auto& c : kPlaces) {
    Doc doc = tokenize(c.text);
    doc.language = "lt";
    PlaceInfo p;
    std::size_t n = 0;
    for (std::size_t i = 0; i < doc.size() && !n; ++i) n = match_place(doc, i, p);
    ASSERT_GT(n, 0u) << c.text << " — " << c.why;
    EXPECT_EQ(p.name, c.name) << c.why;
    EXPECT_EQ(p.country, c.country) << c.why;
  }
}

}  // namespace
}  // namespace tiltas::extract::detail
