#include "search_gen.h"

#include <random>

#include <fmt/format.h>

namespace tiltas::bench {
namespace {

using Words = std::vector<std::string>;

const Words kEnTopics = {"youth", "climate", "energy", "heritage", "culture", "education", "health", "water",
                         "forest", "harbour", "municipality", "municipalities", "school", "schools", "training",
                         "entrepreneurship", "innovation", "tourism", "museum", "library", "social", "inclusion",
                         "roma", "minorities", "civil", "society", "democracy", "gender", "equality", "research",
                         "digital", "skills", "employment", "elderly", "care", "disability", "environment",
                         "biodiversity", "waste", "recycling", "transport", "cycling", "bridge", "river", "coastal",
                         "fisheries", "agriculture", "rural", "urban", "regional", "development", "cooperation",
                         "exchange", "network", "partnership", "study", "visit", "conference", "seminar", "workshop"};
const Words kEnFiller = {"the", "project", "will", "improve", "support", "strengthen", "develop", "capacity", "of",
                         "local", "and", "in", "for", "with", "partners", "activities", "results", "through",
                         "new", "joint", "people", "community", "communities", "public", "services", "quality",
                         "between", "Lithuania", "Norway", "Iceland", "organisations", "participants", "aims"};
const Words kLtTopics = {"jaunimas", "jaunimo", "klimato", "energetikos", "paveldo", "kultūros", "švietimo",
                         "sveikatos", "vandens", "miškų", "uosto", "savivaldybė", "savivaldybių", "savivaldybes",
                         "mokykla", "mokyklų", "mokymai", "verslumo", "inovacijų", "turizmo", "muziejus",
                         "bibliotekos", "socialinės", "įtraukties", "romų", "mažumų", "pilietinės", "visuomenės",
                         "demokratijos", "lyčių", "lygybės", "tyrimų", "skaitmeninių", "įgūdžių", "užimtumo",
                         "senjorų", "priežiūros", "negalios", "aplinkos", "biologinės", "įvairovės", "atliekų",
                         "transporto", "dviračių", "tiltas", "upės", "pajūrio", "žuvininkystės", "žemės", "ūkio",
                         "kaimo", "miesto", "regioninės", "plėtros", "bendradarbiavimo", "mainų", "tinklo",
                         "partnerystės", "įmonėms", "įmonė", "bendruomenės"};
const Words kLtFiller = {"projektas", "projekto", "siekiama", "stiprinti", "gerinti", "plėtoti", "ir", "su",
                         "bei", "vietos", "partneriais", "veiklos", "rezultatai", "naujų", "bendrų", "žmonių",
                         "viešųjų", "paslaugų", "kokybės", "tarp", "Lietuvos", "Norvegijos", "Islandijos",
                         "organizacijų", "dalyvių", "tikslas", "įgyvendinamas"};
const Words kNbTopics = {"ungdom", "klima", "energi", "kulturarv", "kultur", "utdanning", "helse", "vann", "skog",
                         "havn", "kommune", "kommunene", "skole", "skolene", "opplæring", "innovasjon", "turisme",
                         "museum", "bibliotek", "inkludering", "sivilsamfunn", "demokrati", "likestilling",
                         "forskning", "digitale", "ferdigheter", "sysselsetting", "eldreomsorg", "miljø",
                         "naturmangfold", "avfall", "gjenvinning", "samferdsel", "sykkel", "bro", "elv", "kyst",
                         "fiskeri", "landbruk", "distrikt", "byutvikling", "samarbeid", "utveksling", "nettverk"};
const Words kNbFiller = {"prosjektet", "skal", "styrke", "utvikle", "forbedre", "og", "i", "med", "for", "lokale",
                         "partnere", "aktiviteter", "resultater", "nye", "felles", "mennesker", "offentlige",
                         "tjenester", "mellom", "Litauen", "Norge", "organisasjoner", "deltakere", "målet"};
const Words kOrgs = {"Kauno miesto savivaldybė", "Vilniaus universitetas", "VšĮ Bendruomenių tiltai",
                     "Lietuvos jaunimo organizacijų taryba", "Šiaulių rajono savivaldybė", "Klaipėdos universitetas",
                     "Oslo kommune", "Tromsø kommune", "Norsk Folkehjelp", "Universitetet i Bergen",
                     "KS Kommunesektorens organisasjon", "Bergen Chamber of Commerce", "Innovation Norway",
                     "Norwegian Directorate for Children", "Icelandic Centre for Research", "Reykjavík City",
                     "Panevėžio miesto savivaldybė", "Alytaus kolegija", "Marijampolės verslo inkubatorius",
                     "Stavanger kommune", "Trondheim kommune", "Nordland fylkeskommune", "Lietuvos Raudonasis Kryžius",
                     "Žmogaus teisių stebėjimo institutas", "Norwegian Helsinki Committee", "Telemark Museum"};
const char* kOrgCountry[] = {"LT", "LT", "LT", "LT", "LT", "LT", "NO", "NO", "NO", "NO", "NO", "NO", "NO",
                             "NO", "IS", "IS", "LT", "LT", "LT", "NO", "NO", "NO", "LT", "LT", "NO", "NO"};
const Words kPlaces = {"Kaunas", "Vilnius", "Šančiai", "Klaipėda", "Šiauliai", "Panevėžys", "Alytus", "Utena",
                       "Oslo", "Tromsø", "Bergen", "Stavanger", "Trondheim", "Bodø", "Ålesund", "Reykjavík",
                       "Marijampolė", "Druskininkai", "Palanga", "Birštonas", "Kristiansand", "Hamar"};
const Words kProgrammes = {"Active Citizens Fund", "EEA Grants", "Norway Grants", "Local Development and Poverty Reduction",
                           "Culture", "Research", "Climate Change Mitigation", "Justice and Home Affairs"};
const Words kUnits = {"persons trained", "dalyviai", "deltakere", "events held", "renginiai", "schools involved",
                      "savanoriai", "kommuner", "publications", "tonnes of CO2 avoided"};

template <class R>
const std::string& pick(const Words& w, R& rng) {
  // Zipf-like: low indexes are much more common, as real topics are.
  std::uniform_real_distribution<double> u(0, 1);
  double x = u(rng);
  return w[static_cast<std::size_t>(x * x * static_cast<double>(w.size())) % w.size()];
}

template <class R>
std::string sentence(const Words& topics, const Words& filler, std::size_t words, R& rng) {
  std::string out;
  std::uniform_int_distribution<int> coin(0, 2);
  for (std::size_t i = 0; i < words; ++i) {
    if (!out.empty()) out += ' ';
    out += coin(rng) == 0 ? pick(topics, rng) : pick(filler, rng);
  }
  return out;
}

}  // namespace

std::vector<model::Project> generate_projects(std::size_t n, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<model::Project> out;
  out.reserve(n);
  std::uniform_int_distribution<int> lang_d(0, 9), year_d(2009, 2024), len_d(1, 4), month_d(1, 12);
  std::uniform_int_distribution<int> words_d(40, 160), title_d(3, 9), count_d(1, 4);
  std::uniform_int_distribution<std::int64_t> amount_d(500000, 200000000);
  for (std::size_t i = 0; i < n; ++i) {
    model::Project p;
    int l = lang_d(rng);
    p.default_language = l < 5 ? "lt" : l < 8 ? "en" : "nb";
    const Words& topics = p.default_language == "lt" ? kLtTopics : p.default_language == "en" ? kEnTopics : kNbTopics;
    const Words& filler = p.default_language == "lt" ? kLtFiller : p.default_language == "en" ? kEnFiller : kNbFiller;
    std::string title = sentence(topics, topics, static_cast<std::size_t>(title_d(rng)), rng);
    title[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(title[0])));
    p.titles.set(p.default_language, title);
    p.descriptions.set(p.default_language, sentence(topics, filler, static_cast<std::size_t>(words_d(rng)), rng));
    if (l == 9) p.titles.set("en", sentence(kEnTopics, kEnTopics, 5, rng));  // an English title too
    p.programme = pick(kProgrammes, rng);
    int y = year_d(rng);
    p.period.start = PartialDate::parse_iso(fmt::format("{:04d}-{:02d}", y, month_d(rng))).value();
    p.period.end = PartialDate::parse_iso(fmt::format("{:04d}-{:02d}", y + len_d(rng), month_d(rng))).value();
    p.amounts.push_back({amount_d(rng) + static_cast<std::int64_t>(i), "EUR", model::AmountKind::kBudget, std::nullopt});
    int orgs = count_d(rng);
    for (int k = 0; k < orgs; ++k) {
      std::size_t o = static_cast<std::size_t>(&pick(kOrgs, rng) - kOrgs.data());
      p.participations.push_back({kOrgs[o], std::string(kOrgCountry[o]), k == 0 ? model::Role::kPromoter : model::Role::kPartner,
                                  std::nullopt, std::nullopt});
    }
    for (int k = 0; k < count_d(rng) - 1; ++k) p.places.push_back({pick(kPlaces, rng), std::nullopt, std::nullopt});
    for (int k = 0; k < count_d(rng); ++k) {
      p.activities.push_back({std::to_string(k + 1), sentence(topics, filler, 6, rng), std::nullopt});
    }
    if (count_d(rng) > 2) {
      p.events.push_back({sentence(topics, topics, 3, rng), pick(kPlaces, rng), std::nullopt, std::nullopt,
                          std::nullopt, std::nullopt});
    }
    p.indicators.push_back({static_cast<double>(count_d(rng) * 25), pick(kUnits, rng),
                            model::IndicatorStatus::kAchieved, std::nullopt});
    out.push_back(std::move(p));
  }
  return out;
}

std::vector<std::string> generate_queries(std::size_t n, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_int_distribution<int> which(0, 9), two(0, 1);
  std::vector<std::string> out;
  for (std::size_t i = 0; i < n; ++i) {
    auto word = [&]() -> std::string {
      int w = which(rng);
      if (w < 3) return pick(kLtTopics, rng);
      if (w < 6) return pick(kEnTopics, rng);
      if (w < 8) return pick(kNbTopics, rng);
      if (w < 9) return pick(kPlaces, rng);
      const std::string& org = pick(kOrgs, rng);
      return org.substr(0, org.find(' '));
    };
    std::string q = word();
    if (two(rng)) q += " " + word();
    out.push_back(std::move(q));
  }
  return out;
}

}  // namespace tiltas::bench
