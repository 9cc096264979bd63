// Signing in and out (issue 9): GET and POST /login (and /lt/login), POST
// /logout and /logout/everywhere. See http/session.h for the cookie and the
// access rules.
#pragma once

#include "base/error.h"
#include "http/pages/render.h"
#include "http/reply.h"
#include "http/request.h"

namespace tiltas::http::pages {

// The login form, or who is signed in with the log-out buttons. Sets the
// login form's CSRF cookie.
Result<Reply> login_page(const Context& context, const Request& request);
// Checks the form's CSRF token (403), then the credentials: a new session
// and 303 to "next" (a local path) on success; the form again with 401 for
// wrong credentials, 429 while locked out. A session the browser had before
// is ended (no session fixation).
Result<Reply> login_submit(const Context& context, const Request& request);
// Ends this session / every session of the account; 303 to the form's
// "back" (a local path: the home page in the page's language), else "/".
Result<Reply> logout(const Context& context, const Request& request);
Result<Reply> logout_everywhere(const Context& context, const Request& request);

// What every editors' page shows of the session: "signed_in_as" (the
// e-mail), "account_href", "csrf" (the token for its forms) and
// "is_admin".
void set_session_view(View& view, const Request& request);

}  // namespace tiltas::http::pages
