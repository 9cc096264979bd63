// GET /api/v1/export: the published registry as open data, streamed.
#pragma once

#include "base/error.h"
#include "http/reply.h"
#include "http/request.h"

namespace tiltas::http::api {

// GET /api/v1/export?format=iati|360giving|csv|xlsx|jsonl&q=QUERY
// Published projects only, every one or those the search query q matches
// (the language of GET /api/v1/search, every match rather than a ranked
// page), written by app::export_open_data while the response is sent
// (chunked, bounded memory; csv is the projects table alone, xlsx is
// written to a temporary file first). Content-Disposition names the file
// "tiltas-projects.EXT". kInvalidArgument (400 JSON) naming "format" for a
// missing or unknown format and "q" for a query that will not run, before
// any byte of the body; a store error after the first bytes cuts the body
// short (no final chunk).
Result<Reply> export_projects(const Context& context, const Request& request);

// GET /api/v1/projects/{id}/iati: one published project as an IATI 2.03
// activity file (application/xml). 400 for a malformed id, 404 when absent
// or not published.
Result<Reply> project_iati(const Context& context, const Request& request);

}  // namespace tiltas::http::api
