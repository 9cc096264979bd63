// JSON endpoints for projects under /api/v1. Reads show published records
// only; writes (Access::kToken routes) see drafts too.
#pragma once

#include <nlohmann/json.hpp>

#include "base/error.h"
#include "http/reply.h"
#include "http/request.h"

namespace tiltas::http::api {

inline constexpr int kDefaultPageSize = 20;
inline constexpr int kMaxPageSize = 100;

// GET /api/v1/projects?limit=&after=&programme=&country=&language=&organisation=&sort=
// {"items":[{id,title,language,programme,period:{start,end},kind}],
//  "total":N, "next":"<cursor>"|null}. Sorted by id (sort=id, the only
// order keyset pagination offers). kInvalidArgument for a bad limit, cursor,
// organisation id or sort (the field names the parameter).
Result<Reply> list_projects(const Context& context, const Request& request);

// GET /api/v1/projects/{id}: the record as codec::record_to_json writes it
// with registry keys and source spans, plus "language", "kind", "status",
// and "titles" / "descriptions" maps by language. Reviewer-only data
// (findings, notes) is left out. kInvalidArgument for a bad id, kNotFound
// for an absent or unpublished one.
Result<Reply> get_project(const Context& context, const Request& request);

// PATCH /api/v1/projects/{id} (token): body a JSON object of record keys
// (codec::apply_record_patch); ?note= explains the change in the audit
// trail. Answers the stored record, drafts and findings included.
// kInvalidArgument for a body that is not a JSON object or a bad field,
// kNotFound for an absent project.
Result<Reply> patch_project(const Context& context, const Request& request);

// POST /api/v1/projects/{id}/publish (token): publishes the project and its
// translations; {"id":N,"review_state":"published","changed":true|false}.
Result<Reply> publish_project(const Context& context, const Request& request);

// DELETE /api/v1/projects/{id} (token): 204; kNotFound when absent.
Result<Reply> delete_project(const Context& context, const Request& request);

// {"items":[...], "total":N, "next":...} of a store page (shared with the
// organisation and country endpoints).
nlohmann::ordered_json project_page_json(const store::ProjectPage& page);

// A full record as the API shows it; `editor` adds what only token holders
// see (findings, notes).
nlohmann::ordered_json project_json(const model::Project& project, bool editor);

}  // namespace tiltas::http::api
