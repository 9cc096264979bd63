// The portal's home and project pages, in English (/...) and Lithuanian
// (/lt/...): the language comes from the request path. Published records only.
#pragma once

#include "base/error.h"
#include "http/reply.h"
#include "http/request.h"

namespace tiltas::http::pages {

inline constexpr int kListPageSize = 20;

// GET / and /lt/ (?after=<cursor>): headline figures (published projects,
// organisations, countries, amounts by currency), links to the countries
// and to search, and the published projects, 20 per page, in id order.
Result<Reply> home(const Context& context, const Request& request);

// GET /projects/{id} and /lt/projects/{id}: every public field of a
// published record (titles and descriptions in all languages, programme,
// kind, status, period, amounts, partners with their country and role,
// activities, events, indicators as planned vs achieved, places) and a link
// to its JSON. Reviewer data (notes, findings, source spans) is not shown.
// The 404 page in the request's language for a bad, absent or unpublished id.
Result<Reply> project_page(const Context& context, const Request& request);

}  // namespace tiltas::http::pages
