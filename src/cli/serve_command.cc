#include <fmt/format.h>

#include "cli/command.h"
#include "http/server.h"

namespace tiltas::cli {
namespace {

struct ServeArgs {
  http::ServerOptions options;
};

int run(const ServeArgs& args, const GlobalOptions& global) {
  auto store = open_db(global);
  if (!store) return fail(store.error());
  auto status = http::serve(**store, args.options, [&](std::uint16_t port) {
    fmt::print("Tiltas is serving {} on http://{}:{}/ (Ctrl-C stops)\n", (*store)->describe(), args.options.host, port);
    std::fflush(stdout);
  });
  if (!status) return fail(status.error());
  return 0;
}

}  // namespace

Command serve_command() {
  return {"serve", "Serve the portal and the JSON API", [](CLI::App& app, GlobalOptions& global) {
            auto args = std::make_shared<ServeArgs>();
            app.add_option("--port", args->options.port, "TCP port (0 picks a free one)")->capture_default_str();
            app.add_option("--host", args->options.host, "Address to listen on")->capture_default_str();
            app.add_option("--threads", args->options.threads, "Worker threads")->capture_default_str()->check(CLI::Range(1, 64));
            app.add_flag("--trust-proxy", args->options.trust_proxy,
                         "Behind a TLS-terminating reverse proxy: trust its X-Forwarded-Proto (Secure session "
                         "cookies) and X-Forwarded-For (the address logins are rate-limited by)");
            app.add_option_function<int>(
                   "--cache-ms",
                   [args](int ms) { args->options.response_cache_ttl = std::chrono::milliseconds(ms); },
                   "Reuse public API GET replies for this many milliseconds (0, the default, never); this server's "
                   "writes clear them at once, other processes' writes show after at most this long")
                ->check(CLI::Range(0, 60000));
            return std::function<int()>([args, &global] { return run(*args, global); });
          }};
}

}  // namespace tiltas::cli
