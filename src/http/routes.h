// The route table (routes.cc) and its glue to RESTinio. Internal to src/http.
#pragma once

#include <functional>
#include <memory>

#include <restinio/all.hpp>

#include "http/reply.h"
#include "http/request.h"

namespace tiltas::http {

using Router = restinio::router::express_router_t<>;

// Writes a Reply as the response to a request. server.cc provides it: it
// adds the connection handling and in-flight accounting that graceful
// shutdown needs.
using Respond = std::function<void(const restinio::request_handle_t&, Reply)>;

// Builds the router: every route of the server, in one table. `context` and
// `respond` must outlive the router. Unknown paths and methods get a 404 in
// the form of their audience (JSON under /api/, a page elsewhere).
std::unique_ptr<Router> make_router(const Context& context, const Respond& respond);

}  // namespace tiltas::http
