// The route table (routes.cc) and its glue to RESTinio. Internal to src/http.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>

#include <restinio/all.hpp>

#include "http/reply.h"
#include "http/request.h"
#include "http/route_table.h"

namespace tiltas::http {

using Router = restinio::router::express_router_t<>;

// The route index of replies that no route of the table produced (unknown
// paths, 413, CORS preflight): route_table().size().
std::size_t unmatched_route();

// Writes a Reply as the response to a request, for route `route` (an index
// into route_table(), or unmatched_route()). server.cc provides it: it adds
// conditional GET, compression, CORS, metrics and the in-flight accounting
// that graceful shutdown needs.
using Respond = std::function<void(const restinio::request_handle_t&, Reply, std::size_t route)>;

// Builds the router from route_table(). `context` and `respond` must outlive
// the router. Unknown paths and methods get a 404 in the form of their
// audience (JSON under /api/, a page elsewhere).
std::unique_ptr<Router> make_router(const Context& context, const Respond& respond);

}  // namespace tiltas::http
