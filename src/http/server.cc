#include "http/server.h"

#include <atomic>
#include <csignal>
#include <exception>
#include <future>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <restinio/all.hpp>

#include "http/api/stats.h"
#include "http/pages/registry_facts.h"
#include "http/representation.h"
#include "http/response_cache.h"
#include "http/error_mapping.h"
#include "http/metrics.h"
#include "http/pages/render.h"
#include "http/routes.h"
#include "http/streamed_reply.h"

namespace tiltas::http {
namespace {

namespace asio = restinio::asio_ns;

// RESTinio's log lines, in the application's log. Its "info" lines (one per
// accept slot, per start) are debug-level detail for us.
class SpdlogLogger {
 public:
  template <typename Builder>
  void trace(Builder&& b) const {
    if (spdlog::should_log(spdlog::level::trace)) spdlog::trace("restinio: {}", b());
  }
  template <typename Builder>
  void info(Builder&& b) const {
    if (spdlog::should_log(spdlog::level::debug)) spdlog::debug("restinio: {}", b());
  }
  template <typename Builder>
  void warn(Builder&& b) const {
    if (spdlog::should_log(spdlog::level::warn)) spdlog::warn("restinio: {}", b());
  }
  template <typename Builder>
  void error(Builder&& b) const {
    if (spdlog::should_log(spdlog::level::err)) spdlog::error("restinio: {}", b());
  }
};

// One event loop per thread (see Server::Impl::shards): connections never
// move between threads, so they need no strand.
struct Traits : restinio::default_traits_t {
  using logger_t = SpdlogLogger;
  using strand_t = restinio::noop_strand_t;
  // NOLINTNEXTLINE(readability-identifier-naming): RESTinio's trait name
  static constexpr bool use_connection_count_limiter = true;
};

using HttpServer = restinio::http_server_t<Traits>;

std::string_view reason_phrase(int status) {
  switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 204: return "No Content";
    case 303: return "See Other";
    case 304: return "Not Modified";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 409: return "Conflict";
    case 412: return "Precondition Failed";
    case 413: return "Payload Too Large";
    case 429: return "Too Many Requests";
    case 500: return "Internal Server Error";
    case 503: return "Service Unavailable";
    default: return "Status";
  }
}

// The parser's own limit, past which RESTinio drops the connection without
// a response (it cannot answer from inside the parser). Between
// max_body_bytes and this, the dispatcher answers 413; the margin bounds the
// memory a too-large request can take.
std::uint64_t parser_body_limit(std::size_t max_body_bytes) {
  const std::uint64_t limit = max_body_bytes;
  const std::uint64_t margin = std::max<std::uint64_t>(limit, std::uint64_t{64} * 1024);
  return limit > UINT64_MAX - margin ? UINT64_MAX : limit + margin;
}

// When the current request began (set by dispatch, read by respond, which
// the handler calls on the same thread before dispatch returns).
thread_local std::chrono::steady_clock::time_point t_request_start;

std::vector<Metrics::RouteLabel> metric_labels() {
  std::vector<Metrics::RouteLabel> out;
  for (const Route& r : route_table()) {
    std::string path(r.path);
    // "/projects/:id" -> "/projects/{id}", as the OpenAPI document writes it.
    for (std::size_t at = path.find(':'); at != std::string::npos; at = path.find(':', at)) {
      std::size_t end = path.find('/', at);
      if (end == std::string::npos) end = path.size();
      // Built by appends: GCC 12 warns (-Wrestrict, a false positive) on "{" + s + "}".
      std::string name;
      name.push_back('{');
      name.append(path, at + 1, end - at - 1);
      name.push_back('}');
      path.replace(at, end - at, name);
    }
    out.push_back({std::string(r.method), std::move(path)});
  }
  out.push_back({"", "unmatched"});
  return out;
}

}  // namespace

struct Server::Impl {
  Impl(store::Store& store, const ServerOptions& options)
      : options(options), metrics(metric_labels()), context{store, &metrics, &stats, &facts, options.trust_proxy, &responses} {
    for (std::size_t i = 0; i < std::max<std::size_t>(1, options.threads); ++i) {
      shards.push_back(std::make_unique<Shard>());
    }
    grace_timer.emplace(shards.front()->io);
  }
  ~Impl() { wait(); }

  ServerOptions options;
  Metrics metrics;
  StatsCache stats;
  pages::FactsCache facts;
  ResponseCache responses{options.response_cache_ttl, 64 * 1024 * 1024};
  Context context;
  // Declared before the io_context because write callbacks of responses
  // still queued when it is destroyed run then (RESTinio reports them as
  // failed writes) and touch these.
  std::atomic<int> in_flight{0};
  std::atomic<bool> stopping{false};
  std::atomic<bool> closed{false};
  std::atomic<bool> threads_ended{false};
  std::mutex join_mutex;
  // Exports (Reply::stream): two at once is what two cores sustain; more
  // wait for a 503's Retry-After.
  StreamedReplies streams{2};
  // One event loop per thread, each with its own listening socket on the
  // port (SO_REUSEPORT: the kernel spreads new connections over them), as
  // nginx's workers do. One io_context run by two threads was measured
  // slower than one thread alone: every connection's work went through a
  // strand, and the threads woke each other.
  struct Shard {
    // Declared before the server, so destroyed after it: connections and
    // timers hold references into it.
    asio::io_context io{1};
    std::unique_ptr<HttpServer> server;
  };
  std::vector<std::unique_ptr<Shard>> shards;
  std::atomic<std::size_t> shards_closed{0};
  std::optional<asio::steady_timer> grace_timer;  // on the first shard
  std::optional<asio::signal_set> signals;        // on the first shard
  std::unique_ptr<Router> router;
  std::vector<std::thread> threads;
  std::uint16_t port = 0;

  // The dispatcher: the one catch-all of the request path. Everything a
  // handler throws (a bug, or a library that throws where we did not expect
  // it) is logged and answered with a 500 in the form of the audience.
  restinio::request_handling_status_t dispatch(const restinio::request_handle_t& req) {
    in_flight.fetch_add(1);
    t_request_start = std::chrono::steady_clock::now();
    const Audience audience = audience_of(req->header().path());
    try {
      if (answered_from_cache(req)) {
        // Done: a public API read served as prepared when it was stored.
      } else if (req->body().size() > options.max_body_bytes) {
        respond(req, payload_too_large_reply(options.max_body_bytes, audience), unmatched_route());
      } else if (req->header().method() == restinio::http_method_options() && audience == Audience::kApi) {
        // CORS preflight: cross-origin reads (GET) are allowed, writes not.
        Reply r;
        r.status = 204;
        r.headers = {{"Access-Control-Allow-Origin", "*"},
                     {"Access-Control-Allow-Methods", "GET"},
                     {"Access-Control-Allow-Headers", "If-None-Match"},
                     {"Access-Control-Max-Age", "86400"}};
        respond(req, std::move(r), unmatched_route());
      } else {
        // Always accepted: the router's non-matched handler answers 404.
        (void)(*router)(req);
      }
    } catch (const std::exception& e) {
      spdlog::error("{} {}: unhandled exception: {}", req->header().method().c_str(), req->header().path(), e.what());
      respond(req, error_reply(Error{ErrorCode::kInternal, e.what()}, audience), unmatched_route());
    } catch (...) {
      spdlog::error("{} {}: unhandled non-standard exception", req->header().method().c_str(), req->header().path());
      respond(req, error_reply(Error{ErrorCode::kInternal, "unknown exception"}, audience), unmatched_route());
    }
    return restinio::request_accepted();
  }

  // Writes `reply`, adding what every response of its kind carries: for a
  // successful GET an ETag (304 when If-None-Match has it) and gzip when the
  // client asks; for GETs of the API, CORS. Records the metrics.
  void respond(const restinio::request_handle_t& req, Reply reply, std::size_t route) {
    const auto& header = req->header();
    const bool is_get = header.method() == restinio::http_method_get();
    if (is_get && reply.status == 200 && !reply.stream) {
      const bool gzip = reply.body.size() >= kMinGzipBytes && compressible(reply.content_type) &&
                        accepts_gzip(header.get_field_or(restinio::http_field::accept_encoding, ""));
      std::string tag = entity_tag(reply.body);
      if (gzip) tag = gzip_entity_tag(tag);
      if (compressible(reply.content_type)) reply.headers.emplace_back("Vary", "Accept-Encoding");
      if (none_match_hits(header.get_field_or(restinio::http_field::if_none_match, ""), tag)) {
        reply.status = 304;
        reply.body.clear();
      } else if (gzip) {
        reply.body = gzip_compressed(reply.body);
        reply.headers.emplace_back("Content-Encoding", "gzip");
      }
      reply.headers.emplace_back("ETag", std::move(tag));
    }
    if (is_get && audience_of(header.path()) == Audience::kApi) {
      reply.headers.emplace_back("Access-Control-Allow-Origin", "*");
      reply.headers.emplace_back("Access-Control-Expose-Headers", "ETag");
    }
    metrics.record(route, reply.status, std::chrono::steady_clock::now() - t_request_start);
    if (reply.stream) {
      // The time recorded above is to the first byte; the body goes on.
      if (!streams.start(req, std::move(reply), [this](bool) { finish_request(); })) {
        Reply busy = error_reply(Error{ErrorCode::kUnavailable, "exports are running already; try again shortly"},
                                 audience_of(header.path()));
        busy.headers.emplace_back("Retry-After", "10");
        respond(req, std::move(busy), route);
      }
      return;
    }
    // While stopping, and after a rejected body (the rest of it may still be
    // on the wire), the connection is not reused.
    write(req, reply.status, reply.content_type, reply.headers, restinio::writable_item_t{std::move(reply.body)},
          reply.status == 413);
  }

  // Writes a response; 204 and 304 without a body.
  void write(const restinio::request_handle_t& req, int status, const std::string& content_type,
             const std::vector<std::pair<std::string, std::string>>& headers, restinio::writable_item_t body,
             bool close) {
    const restinio::http_status_line_t line{restinio::http_status_code_t{static_cast<std::uint16_t>(status)},
                                            std::string(reason_phrase(status))};
    if (status == 304 || status == 204) {
      // No body and no Content-Length of an empty one: a 304's length would
      // be the 200's (RFC 9110), so it has none.
      auto response = req->create_response<restinio::user_controlled_output_t>(line);
      for (const auto& [name, value] : headers) response.append_header(name, value);
      if (close || stopping.load()) response.connection_close();
      response.done([this](const asio::error_code&) { finish_request(); });
      return;
    }
    auto response = req->create_response(line);
    response.append_header(restinio::http_field::content_type, content_type);
    for (const auto& [name, value] : headers) response.append_header(name, value);
    if (close || stopping.load()) response.connection_close();
    response.set_body(std::move(body));
    response.done([this](const asio::error_code&) { finish_request(); });
  }

  // Answers a request from the response cache when it holds a reply for
  // it: no routing, no decoding, no copy of the body. The headers are those
  // respond() gives a fresh reply (ETag and gzip were prepared with it).
  bool answered_from_cache(const restinio::request_handle_t& req) {
    if (!responses.enabled()) return false;
    const auto& header = req->header();
    if (header.method() != restinio::http_method_get() || !req->body().empty()) return false;
    const std::string_view path = header.path();
    if (!cacheable_request("GET", path)) return false;
    auto hit = responses.get(cache_key(path, header.query()), ResponseCache::Clock::now());
    if (!hit) return false;
    const CachedReply& cached = *hit;
    const auto* accept_encoding = header.try_get_field(restinio::http_field::accept_encoding);
    const bool gzip = cached.gzip_body && accept_encoding && accepts_gzip(*accept_encoding);
    const std::string& tag = gzip ? cached.gzip_etag : cached.etag;
    const auto* none_match = header.try_get_field(restinio::http_field::if_none_match);
    const bool not_modified = none_match && none_match_hits(*none_match, tag);
    const int status = not_modified ? 304 : cached.reply.status;
    metrics.record(cached.route, status, std::chrono::steady_clock::now() - t_request_start);
    std::vector<std::pair<std::string, std::string>> headers = cached.reply.headers;
    if (compressible(cached.reply.content_type)) headers.emplace_back("Vary", "Accept-Encoding");
    if (gzip && !not_modified) headers.emplace_back("Content-Encoding", "gzip");
    headers.emplace_back("ETag", tag);
    headers.emplace_back("Access-Control-Allow-Origin", "*");
    headers.emplace_back("Access-Control-Expose-Headers", "ETag");
    write(req, status, cached.reply.content_type, headers,
          not_modified ? restinio::writable_item_t{} : restinio::writable_item_t{gzip ? cached.gzip_body : cached.body},
          false);
    return true;
  }

  void finish_request() {
    if (in_flight.fetch_sub(1) == 1 && closed.load() && !threads_ended.load()) stop_loops();
  }

  void stop_loops() {
    for (auto& shard : shards) shard->io.stop();
  }

  void stop() {
    if (stopping.exchange(true)) return;
    asio::post(shards.front()->io, [this] {
      if (signals) signals->cancel();
      grace_timer->expires_after(options.shutdown_grace);
      grace_timer->async_wait([this](const asio::error_code& ec) {
        if (ec) return;
        spdlog::warn("stopping with {} request(s) unfinished after the grace period", in_flight.load());
        stop_loops();
      });
      for (auto& shard : shards) {
        shard->server->close_async(
            [this] {
              if (shards_closed.fetch_add(1) + 1 < shards.size()) return;
              closed.store(true);
              if (in_flight.load() == 0) stop_loops();
            },
            [this](const std::exception_ptr&) {
              spdlog::error("closing a listening socket failed; stopping at once");
              stop_loops();
            });
      }
    });
  }

  void wait() {
    std::lock_guard lock(join_mutex);
    for (auto& t : threads) {
      if (t.joinable()) t.join();
    }
    // No write completes once the I/O threads are gone: release the
    // exports that wait for one.
    streams.cancel_and_join();
    threads_ended.store(true);
  }
};

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Server::~Server() {
  stop();
  wait();
}

std::uint16_t Server::port() const { return impl_->port; }
void Server::stop() { impl_->stop(); }
void Server::wait() { impl_->wait(); }

Result<std::unique_ptr<Server>> Server::start(store::Store& store, const ServerOptions& options,
                                              const std::function<void(std::uint16_t port)>& on_listening,
                                              Signals signals) {
  if (auto checked = pages::check_templates(); !checked) return unexpected(checked.error());
  const std::string host = options.host == "localhost" ? "127.0.0.1" : options.host;
  asio::error_code ec;
  const auto address = asio::ip::make_address(host, ec);
  if (ec) return invalid_argument(fmt::format("'{}' is not an IP address", options.host), "host");

  auto impl = std::make_unique<Impl>(store, options);
  Impl* self = impl.get();
  self->router =
      make_router(self->context, [self](const restinio::request_handle_t& req, Reply reply, std::size_t route) {
        self->respond(req, std::move(reply), route);
      });

  // A port given by the user must be free: the sockets of the shards share
  // it through SO_REUSEPORT, which would as quietly share it with another
  // server started on it before (same user). A plain bind tells.
  if (options.port != 0 && self->shards.size() > 1) {
    asio::io_context probe_io;
    asio::ip::tcp::acceptor probe(probe_io);
    const asio::ip::tcp::endpoint endpoint(address, options.port);
    probe.open(endpoint.protocol(), ec);
    if (!ec) probe.set_option(asio::ip::tcp::acceptor::reuse_address(true), ec);
    if (!ec) probe.bind(endpoint, ec);
    if (ec) {
      return make_error(ErrorCode::kUnavailable,
                        fmt::format("cannot listen on {}:{}: {}", options.host, options.port, ec.message()));
    }
  }

  // The first shard binds the port asked for (0: a free one); the others
  // join it on the port it got.
  const std::size_t connections_per_shard =
      (std::max<std::size_t>(1, options.max_connections) + self->shards.size() - 1) / self->shards.size();
  const bool share_port = self->shards.size() > 1;
  for (std::size_t i = 0; i < self->shards.size(); ++i) {
    Impl::Shard& shard = *self->shards[i];
    auto settings = restinio::server_settings_t<Traits>{}
                        .address(address)
                        .port(i == 0 ? options.port : self->port)
                        .protocol(address.is_v6() ? asio::ip::tcp::v6() : asio::ip::tcp::v4())
                        .request_handler([self](const restinio::request_handle_t& req) { return self->dispatch(req); })
                        .read_next_http_message_timelimit(options.read_timeout)
                        .handle_request_timeout(options.handle_timeout)
                        .write_http_response_timelimit(options.write_timeout)
                        .max_parallel_connections(connections_per_shard)
                        .incoming_http_msg_limits(restinio::incoming_http_msg_limits_t{}
                                                      .max_url_size(std::size_t{8} * 1024)
                                                      .max_field_name_size(1024)
                                                      .max_field_value_size(std::size_t{16} * 1024)
                                                      .max_field_count(100)
                                                      .max_body_size(parser_body_limit(options.max_body_bytes)))
                        .acceptor_options_setter([share_port](restinio::acceptor_options_t& acceptor) {
                          acceptor.set_option(asio::ip::tcp::acceptor::reuse_address(true));
                          if (share_port) {
                            acceptor.set_option(asio::detail::socket_option::boolean<SOL_SOCKET, SO_REUSEPORT>(true));
                          }
                        })
                        .acceptor_post_bind_hook([self, i](asio::ip::tcp::acceptor& acceptor) {
                          if (i == 0) self->port = acceptor.local_endpoint().port();
                        });
    shard.server = std::make_unique<HttpServer>(restinio::external_io_context(shard.io), std::move(settings));
    if (i == 0 && signals == Signals::kStopOnSigintSigterm) {
      self->signals.emplace(shard.io, SIGINT, SIGTERM);
      self->signals->async_wait([self](const asio::error_code& error, int signal) {
        if (error) return;  // cancelled by stop()
        spdlog::info("signal {}: finishing in-flight requests and stopping", signal);
        self->stop();
      });
    }

    std::promise<std::exception_ptr> opened;
    shard.server->open_async([&opened] { opened.set_value(nullptr); },
                             [&opened](const std::exception_ptr& error) { opened.set_value(error); });
    self->threads.emplace_back([&shard] { shard.io.run(); });
    if (std::exception_ptr error = opened.get_future().get()) {
      self->stopping.store(true);
      self->stop_loops();
      self->wait();
      std::string why = "unknown error";
      try {
        std::rethrow_exception(error);
      } catch (const std::exception& e) {  // asio::system_error from bind/listen
        why = e.what();
      }
      return make_error(ErrorCode::kUnavailable,
                        fmt::format("cannot listen on {}:{}: {}", options.host, options.port, why));
    }
  }
  if (on_listening) on_listening(self->port);
  return std::unique_ptr<Server>(new Server(std::move(impl)));
}

Status serve(store::Store& store, const ServerOptions& options,
             const std::function<void(std::uint16_t port)>& on_listening) {
  auto server = Server::start(store, options, on_listening, Server::Signals::kStopOnSigintSigterm);
  if (!server) return unexpected(server.error());
  (*server)->wait();
  spdlog::info("server stopped");
  return ok();
}

}  // namespace tiltas::http
