// The public portal's project pages. Published records only.
#pragma once

#include "base/error.h"
#include "http/reply.h"
#include "http/request.h"

namespace tiltas::http::pages {

inline constexpr int kListPageSize = 20;

// GET /?after=<cursor>: published projects, 20 per page, in id order.
Result<Reply> project_list(const Context& context, const Request& request);

// GET /projects/{id}: every public field of a published record (titles and
// descriptions in all languages, programme, kind, status, period, amounts,
// organisations, activities, events, indicators, places). Reviewer data
// (notes, findings, source spans) is not shown. kInvalidArgument for a bad
// id, kNotFound for an absent or unpublished one.
Result<Reply> project_page(const Context& context, const Request& request);

}  // namespace tiltas::http::pages
