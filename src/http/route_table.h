// The server's routes as data: the one table (routes.cc) from which the
// router is built, readable without RESTinio so that tests can check it
// against the OpenAPI document (docs/openapi.json).
#pragma once

#include <span>
#include <string_view>

#include "base/error.h"
#include "http/reply.h"
#include "http/request.h"

namespace tiltas::http {

using Handler = Result<Reply> (*)(const Context&, const Request&);

// Who may call a route. kToken routes need "Authorization: Bearer <token>"
// with an active API token (tiltas token create NAME); without one they
// answer 401 before the handler runs. kViewer, kEditor and kAdmin routes need
// a signed-in session (http/session.h) whose role is at least that one:
// without a session a GET is sent to the login page and anything else gets
// 403; a lower role gets 403; a POST without the session's CSRF token 403.
enum class Access { kPublic, kToken, kViewer, kEditor, kAdmin };

struct Route {
  std::string_view method;  // "GET", "POST", "PATCH", "DELETE"
  std::string_view path;    // express syntax: "/api/v1/projects/:id"
  Handler handler;
  Access access = Access::kPublic;
};

// Every route of the server, in table order. Valid for the program's life.
std::span<const Route> route_table();

}  // namespace tiltas::http
