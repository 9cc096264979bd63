// The review of extracted drafts (issue 9): the queue, the review page (the
// source text with every extracted field highlighted beside the record's
// fields, each to accept, correct or remove), publishing, and organisation
// merges. Every route here is Access::kEditor; every change is audited with
// the editor's e-mail and an optional note.
#pragma once

#include "base/error.h"
#include "http/reply.h"
#include "http/request.h"

namespace tiltas::http::pages {

// GET /review: drafts, most doubtful first; ?document=ID&programme=&language=.
Result<Reply> review_queue_page(const Context& context, const Request& request);
// POST /review/publish: publishes the drafts of the (filtered) queue that
// have no findings.
Result<Reply> bulk_publish(const Context& context, const Request& request);
// GET /review/projects/{id}.
Result<Reply> review_page(const Context& context, const Request& request);
// POST /review/projects/{id}/fields/{field}: action=accept|correct|remove|
// remove_item (with value / start+end / json / index), note.
Result<Reply> review_field(const Context& context, const Request& request);
// POST /review/projects/{id}/state: action=publish|unpublish, note.
Result<Reply> review_state(const Context& context, const Request& request);
// POST /review/projects/{id}/merge: from, into (organisation ids), note.
Result<Reply> merge_organisation(const Context& context, const Request& request);
// POST /review/organisations/{id}/split: back (a local path), note.
Result<Reply> split_organisation(const Context& context, const Request& request);

}  // namespace tiltas::http::pages
