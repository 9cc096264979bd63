// The HTTP server: JSON API under /api/v1 and the server-rendered portal.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>

#include "base/error.h"
#include "store/store.h"

namespace tiltas::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8080;  // 0 picks a free port (tests)
  std::size_t threads = 2;
  std::size_t max_body_bytes = 10 * 1024 * 1024;
};

// Serves until SIGINT or SIGTERM, then finishes in-flight requests and
// returns. `on_listening` is called once with the bound port, before the
// first request is accepted. `store` must outlive the call and be safe for
// concurrent use. kUnavailable when the address cannot be bound.
Status serve(store::Store& store, const ServerOptions& options,
             const std::function<void(std::uint16_t port)>& on_listening);

}  // namespace tiltas::http
