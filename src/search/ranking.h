// The engine-independent half of a search: the candidates a backend's index
// returned (at most kRankWindow + 1 of them) are collapsed by translation
// group, filtered by review state, counted into facets, sorted and cut to
// the requested page.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "search/search_index.h"

namespace tiltas::search {

struct Candidate {
  model::Id id = 0;
  model::Id group = 0;  // the translation group's first record
  double score = 0;     // higher is better
  std::string review_state;
  std::string facet_values;  // IndexDocument::facet_values
  std::optional<std::string> start_date;
  std::optional<std::int64_t> amount_minor;
};

struct RankedPage {
  std::vector<std::pair<model::Id, double>> hits;  // group id, score
  std::int64_t total = 0;
  bool exhaustive = true;
  std::map<std::string, std::vector<FacetCount>> facets;
};

// `window_full`: the backend stopped at its window, so more records match
// than the candidates show.
RankedPage rank(std::vector<Candidate> candidates, const SearchRequest& request, bool window_full);

// The page request checked: kInvalidArgument (field "page" / "page_size")
// when out of range, or for an empty query (field "q").
Status check_request(const SearchRequest& request);

}  // namespace tiltas::search
