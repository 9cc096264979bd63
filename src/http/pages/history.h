// A project's history (issue 9): the audit trail of every change, newest
// first, each with a button that reverts it (itself an audited change).
#pragma once

#include "base/error.h"
#include "http/reply.h"
#include "http/request.h"

namespace tiltas::http::pages {

// GET /review/projects/{id}/history (and /lt/...): Access::kEditor.
Result<Reply> history_page(const Context& context, const Request& request);
// POST /review/projects/{id}/revert: audit_id, note. A field change is
// reverted by setting the field back to its old value; a review state change
// by the old state; a merge by a split and a split by the merge again.
// Accepting a field changes no value and has nothing to revert (400).
Result<Reply> revert_change(const Context& context, const Request& request);

}  // namespace tiltas::http::pages
