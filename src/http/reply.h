// What a handler answers, independent of the transport: route handlers build
// a Reply and routes.cc writes it through RESTinio.
#pragma once

#include <functional>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/error.h"

namespace tiltas::http {

struct Reply {
  int status = 200;
  std::string content_type;  // always with "; charset=utf-8" for text
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // extra headers
  // When set, the body is what this writes rather than `body`: sent while
  // it is written (chunked), in bounded memory, from a thread of its own,
  // without ETag or gzip. For exports of the whole registry. An error it
  // returns after the first bytes leaves the response incomplete (see
  // streamed_reply.h); check what can be checked before returning the Reply.
  std::function<Status(std::ostream&)> stream;
};

// Status 200 unless given. JSON is dumped without indentation; invalid UTF-8
// (which the store never returns) is replaced rather than thrown on.
Reply json_reply(const nlohmann::ordered_json& body, int status = 200);
// An HTML page with the security headers every page carries
// (Content-Security-Policy default-src 'self', X-Content-Type-Options nosniff,
// Referrer-Policy, X-Frame-Options).
Reply html_reply(std::string body, int status = 200);
Reply text_reply(std::string body, int status = 200);

}  // namespace tiltas::http
