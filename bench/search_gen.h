// A generator of realistic EN/LT/NB project records for the search
// benchmark: varied titles and descriptions from each language's vocabulary
// (inflected Lithuanian, Norwegian compounds), partners with countries,
// places, periods 2009–2025, amounts, activities, events and indicators.
// Deterministic for a seed.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model/project.h"

namespace tiltas::bench {

std::vector<model::Project> generate_projects(std::size_t n, std::uint64_t seed);

// Query words drawn as readers would type them: mostly frequent topic words,
// some rare ones, in all three languages, with and without diacritics.
std::vector<std::string> generate_queries(std::size_t n, std::uint64_t seed);

}  // namespace tiltas::bench
