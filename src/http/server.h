// The HTTP server: JSON API under /api/v1 and the server-rendered portal.
// The routes are listed in one table in routes.cc.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "base/error.h"
#include "store/store.h"

namespace tiltas::http {

struct ServerOptions {
  std::string host = "127.0.0.1";  // an IP address, or "localhost"
  std::uint16_t port = 8080;       // 0 picks a free port (tests)
  // Event loops, one thread each, sharing the port (SO_REUSEPORT).
  std::size_t threads = 2;
  // Requests with a larger body get 413. Bodies far beyond it (more than
  // twice the limit, at least 64 KiB over) are cut off by the HTTP parser,
  // which closes the connection without an answer.
  std::size_t max_body_bytes = 10 * 1024 * 1024;
  // Connections served at once (shared out evenly among the threads);
  // further clients wait in the listen backlog.
  std::size_t max_connections = 256;
  // Behind a reverse proxy that terminates TLS: trust its X-Forwarded-Proto
  // (https makes session cookies Secure) and X-Forwarded-For (the client
  // address that logins are rate-limited by). Never set it when clients can
  // reach the server directly: they could forge both headers.
  bool trust_proxy = false;
  // How long a public API GET reply is reused (http/response_cache.h);
  // zero builds every reply afresh. This server's writes clear the cache;
  // other processes' writes show after at most this long.
  std::chrono::milliseconds response_cache_ttl{0};
  // Reading one request (also the keep-alive idle limit), producing the
  // response, and writing it.
  std::chrono::milliseconds read_timeout{std::chrono::seconds(15)};
  std::chrono::milliseconds handle_timeout{std::chrono::seconds(30)};
  std::chrono::milliseconds write_timeout{std::chrono::seconds(30)};
  // On stop, how long in-flight requests may take before they are dropped.
  std::chrono::milliseconds shutdown_grace{std::chrono::seconds(10)};
};

// Serves until SIGINT or SIGTERM, then finishes in-flight requests and
// returns. `on_listening` is called once with the bound port, once every
// thread listens. `store` must outlive the call and be safe for
// concurrent use. kUnavailable when the address cannot be bound,
// kInvalidArgument when the host is not an IP address (or "localhost").
Status serve(store::Store& store, const ServerOptions& options,
             const std::function<void(std::uint16_t port)>& on_listening);

// A server running on background threads, for tests and embedding; serve()
// is start() with signal handling, then wait().
class Server {
 public:
  enum class Signals { kIgnore, kStopOnSigintSigterm };

  // Binds and starts serving on `options.threads` threads; returns once
  // their sockets listen. `on_listening` (may be empty) is called with the
  // bound port once they do. Errors: kInvalidArgument
  // for a host that is not an IP address, kUnavailable when the address
  // cannot be bound, kInternal when an embedded template does not parse.
  // `store` must outlive the Server.
  static Result<std::unique_ptr<Server>> start(store::Store& store, const ServerOptions& options,
                                               const std::function<void(std::uint16_t port)>& on_listening = {},
                                               Signals signals = Signals::kIgnore);

  // stop(), then wait().
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // The bound port (the chosen one when options.port was 0).
  std::uint16_t port() const;

  // Stops accepting connections; requests already being handled are
  // answered (with Connection: close), for at most options.shutdown_grace.
  // Returns at once; thread-safe and idempotent.
  void stop();

  // Blocks until the server has stopped (by stop() or a signal) and its
  // threads have ended. Thread-safe.
  void wait();

  struct Impl;

 private:
  explicit Server(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace tiltas::http
