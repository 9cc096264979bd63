// Accounts, for admins (issue 9): GET /admin/users lists them with a form to
// add one and a button to remove each; the same as `tiltas user`.
#pragma once

#include "base/error.h"
#include "http/reply.h"
#include "http/request.h"

namespace tiltas::http::pages {

Result<Reply> admin_users_page(const Context& context, const Request& request);
// POST /admin/users: email, role, password. 400 page saying what is wrong.
Result<Reply> admin_add_user(const Context& context, const Request& request);
// POST /admin/users/remove: email. An admin cannot remove their own account
// (so that one admin always remains to sign in).
Result<Reply> admin_remove_user(const Context& context, const Request& request);

}  // namespace tiltas::http::pages
