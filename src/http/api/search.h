// JSON search endpoints under /api/v1 (published records only).
#pragma once

#include "base/error.h"
#include "http/reply.h"
#include "http/request.h"

namespace tiltas::http::api {

// GET /api/v1/search?q=&filter=&sort=&page=&page_size=
// q: the query language (README "Search"); filter: field:value filters,
// comma-separated; sort: relevance|start_date|amount. Answers
// app::search_result_json. kInvalidArgument (400) naming the parameter for a
// query it will not run: too long (1,000 bytes), invalid UTF-8, a bad field
// value, an empty query; never a 500 for what a reader types.
Result<Reply> search(const Context& context, const Request& request);

// GET /api/v1/suggest?q=PREFIX&limit=: organisations and places whose name
// (or a word of it) starts with the folded prefix; app::suggestions_json.
Result<Reply> suggest(const Context& context, const Request& request);

}  // namespace tiltas::http::api
