// POST /api/v1/documents: a source page in, draft records out.
#pragma once

#include "base/error.h"
#include "http/reply.h"
#include "http/request.h"

namespace tiltas::http::api {

// POST /api/v1/documents?source= (token). The body is the page: text/plain,
// text/html or application/pdf (the Content-Type decides, the bytes when it
// is absent or generic). It is read into text, extracted and stored as
// drafts (app::import_content); `source` (a URL or name) identifies the page
// across revisions, and defaults to one per content hash.
// 201 {"document_id","outcome":"new"|"changed","created","updated","removed",
//      "findings","warnings":[...],"records":[full draft records]};
// 200 with outcome "unchanged" and the stored records when this content was
// imported before. kInvalidArgument for an empty, binary or unreadable body.
Result<Reply> post_document(const Context& context, const Request& request);

}  // namespace tiltas::http::api
