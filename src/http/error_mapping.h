// The one table from ErrorCode to HTTP: status, JSON error body for /api/
// paths, HTML error page for the portal.
#pragma once

#include <string_view>

#include "base/error.h"
#include "http/reply.h"

namespace tiltas::http {

// Whom a reply is for: API clients get JSON, browsers get pages.
enum class Audience { kApi, kPage };

// /api/ and everything below it, and /healthz (read by probes), are kApi;
// everything else kPage.
Audience audience_of(std::string_view path);

// The HTTP status for `code` (the table in error_mapping.cc).
int http_status(ErrorCode code);

// {"error":{"code":"not_found","message":"...","field":"id"}}; field is null
// when the error names none.
Reply api_error_reply(const Error& error);
// The error page (escaped message) with the status of `error`. Never fails:
// if the template cannot be rendered it falls back to a fixed page.
Reply page_error_reply(const Error& error);
Reply error_reply(const Error& error, Audience audience);

// Errors the transport raises itself rather than a handler: they need a
// status that no ErrorCode maps to.
Reply payload_too_large_reply(std::size_t limit, Audience audience);
// 401 with "WWW-Authenticate: Bearer" and the JSON error code
// "unauthenticated": a write endpoint called without a valid API token.
Reply unauthenticated_reply(std::string_view message);

}  // namespace tiltas::http
