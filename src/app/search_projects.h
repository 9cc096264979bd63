// Use case: search the registry as a reader types it. Parses the query and
// the filter string (search/query.h), runs it on the store's index and
// renders the result as the JSON that `tiltas search --json` prints and
// GET /api/v1/search answers.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "base/error.h"
#include "search/search_index.h"
#include "store/store.h"

namespace tiltas::app {

struct SearchParams {
  std::string q;       // the query language of search/query.h
  std::string filter;  // field:value filters only, comma- or space-separated
  std::string sort;    // "relevance" (default), "start_date", "amount"
  int page = 1;
  int page_size = 20;
  bool include_drafts = false;  // operators only
};

// kInvalidArgument naming the parameter ("q", "filter", "sort", "page",
// "page_size") for input it will not run; the store's errors otherwise.
// Thread-safe as the store is.
Result<search::SearchResult> search_projects(const store::Store& store, const SearchParams& params);

// {"total", "exhaustive", "page", "page_size", "hits":[{id, title,
// title_html, snippet_html, language, programme, period:{start,end},
// amount:{minor_units,currency}|null, kind, score}], "facets":{name:[{value,
// count}]}, "notices":[...]}
nlohmann::ordered_json search_result_json(const search::SearchResult& result, const SearchParams& params);

// {"suggestions":[{text, kind, projects}]}
nlohmann::ordered_json suggestions_json(const std::vector<search::Suggestion>& suggestions);

}  // namespace tiltas::app
