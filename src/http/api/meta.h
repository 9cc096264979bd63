// Endpoints about the service itself: health, metrics, the API document.
#pragma once

#include "base/error.h"
#include "http/reply.h"
#include "http/request.h"

namespace tiltas::http::api {

// GET /healthz: {"status":"ok"} after touching the store; kUnavailable when
// the store cannot answer.
Result<Reply> healthz(const Context& context, const Request& request);

// GET /metrics: Prometheus text format 0.0.4 (requests by route and status,
// the latency histogram, the database's size and record counts).
Result<Reply> metrics(const Context& context, const Request& request);

// GET /api/v1/openapi.json: docs/openapi.json, embedded at build time.
Result<Reply> openapi(const Context& context, const Request& request);

}  // namespace tiltas::http::api
