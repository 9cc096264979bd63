// JSON endpoints for organisations and countries under /api/v1. Only what
// published projects show is visible.
#pragma once

#include "base/error.h"
#include "http/reply.h"
#include "http/request.h"

namespace tiltas::http::api {

// GET /api/v1/organisations?limit=&after=
// {"items":[{organisation..., "project_count":N}], "next":"<cursor>"|null}:
// organisations that take part in at least one published project, by id.
Result<Reply> list_organisations(const Context& context, const Request& request);

// GET /api/v1/organisations/{id}?limit=&after=: the organisation and a page
// of its published projects {"organisation":{...}, "projects":{items,total,
// next}}. kNotFound when it takes part in no published project.
Result<Reply> get_organisation(const Context& context, const Request& request);

// GET /api/v1/countries/{code}?limit=&after=: a country (ISO 3166-1 alpha-2,
// either case) with its names in en/lt/nb and a page of the published
// projects an organisation of it takes part in. kInvalidArgument for a code
// that is not a country.
Result<Reply> get_country(const Context& context, const Request& request);

}  // namespace tiltas::http::api
