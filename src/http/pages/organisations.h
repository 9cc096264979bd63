// The portal's organisation and country pages, in English and Lithuanian.
// Only what published projects show is visible.
#pragma once

#include "base/error.h"
#include "http/reply.h"
#include "http/request.h"

namespace tiltas::http::pages {

// GET /organisations/{id} and /lt/organisations/{id} (?after=<cursor>): the
// organisation's names, country and its published projects, 20 per page.
// The 404 page in the request's language for a bad id or an organisation
// that takes part in no published project.
Result<Reply> organisation_page(const Context& context, const Request& request);

// GET /countries/{code} and /lt/countries/{code} (?after=<cursor>): the
// country's name in the page language, the organisations of it that take
// part in published projects, and those projects, 20 per page. The 404 page
// for a code that is not an ISO 3166-1 alpha-2 country.
Result<Reply> country_page(const Context& context, const Request& request);

}  // namespace tiltas::http::pages
