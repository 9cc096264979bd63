// JSON endpoints for projects under /api/v1. Published records only.
#pragma once

#include "base/error.h"
#include "http/reply.h"
#include "http/request.h"

namespace tiltas::http::api {

inline constexpr int kDefaultPageSize = 20;
inline constexpr int kMaxPageSize = 100;

// GET /api/v1/projects?limit=&after=&programme=&country=&language=
// {"items":[{id,title,language,programme,period:{start,end},kind}],
//  "total":N, "next":"<cursor>"|null}. kInvalidArgument for a bad limit or
// cursor (field "limit" / "after").
Result<Reply> list_projects(const Context& context, const Request& request);

// GET /api/v1/projects/{id}: the record as codec::record_to_json writes it
// with registry keys, plus "language", "kind", "status", and "titles" /
// "descriptions" maps by language. Reviewer-only data (findings, notes) is
// left out. kInvalidArgument for a bad id, kNotFound for an absent or
// unpublished one.
Result<Reply> get_project(const Context& context, const Request& request);

}  // namespace tiltas::http::api
