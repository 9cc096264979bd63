// Aggregates over the published registry that the results, map and network
// pages draw: indicators summed by unit (overall and by programme and year),
// partner counts by country, and the partnership network between Lithuanian
// organisations and their Norwegian, Icelandic and Liechtenstein partners.
// Computed in one streaming pass (app::export_projects) and cached, because
// the pass reads every published project.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <tuple>
#include <utility>

#include "base/error.h"
#include "http/request.h"
#include "model/project.h"

namespace tiltas::http::pages {

struct UnitTotals {
  double planned = 0;
  double achieved = 0;
  double unknown = 0;      // stated without saying planned or achieved
  std::int64_t projects = 0;
};

struct CountryTotals {
  std::int64_t projects = 0;        // published projects with a partner there
  std::int64_t organisations = 0;   // distinct organisations there
  std::int64_t participations = 0;  // partner rows
};

struct NetworkNode {
  std::string name;
  std::string country;
  std::int64_t projects = 0;
};

struct RegistryFacts {
  std::int64_t projects = 0;
  // Units are folded (case, diacritics, spacing); the label is the first
  // spelling seen.
  std::map<std::string, UnitTotals> by_unit;
  std::map<std::string, std::string> unit_label;
  // (programme or "", start year or 0, folded unit) -> totals.
  std::map<std::tuple<std::string, int, std::string>, UnitTotals> by_programme_year;
  // People reached: achieved (else unclassified) values of person units.
  double people_reached = 0;
  std::map<std::string, CountryTotals> countries;  // ISO 3166-1 alpha-2
  std::map<model::Id, NetworkNode> nodes;
  // (Lithuanian organisation, NO/IS/LI organisation) -> shared projects.
  std::map<std::pair<model::Id, model::Id>, std::int64_t> links;
};

// True for units that count people ("participants", "persons trained",
// "dalyviai", "asmenys", "mokiniai", "deltakere").
bool is_person_unit(std::string_view folded_unit);

// The last facts, kept for kTtl; the server's own writes invalidate them.
// Thread-safe.
class FactsCache {
 public:
  static constexpr std::chrono::seconds kTtl{300};
  std::shared_ptr<const RegistryFacts> get(std::chrono::steady_clock::time_point now) const;
  void put(std::shared_ptr<const RegistryFacts> facts, std::chrono::steady_clock::time_point now);
  void invalidate();

 private:
  mutable std::mutex mutex_;
  std::shared_ptr<const RegistryFacts> facts_;
  std::chrono::steady_clock::time_point at_;
};

// The facts of the published registry: from context.facts when fresh, else
// computed (and cached there). Errors of the store as they are.
Result<std::shared_ptr<const RegistryFacts>> registry_facts(const Context& context);

}  // namespace tiltas::http::pages
