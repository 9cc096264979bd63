// Replies whose body is written while it is sent (Reply::stream): chunked
// transfer encoding, produced on a thread of its own with one chunk queued
// behind the one on the wire, so that an export of the whole registry goes
// out in bounded memory and never holds an I/O thread. Internal to src/http;
// server.cc owns one StreamedReplies.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include <restinio/all.hpp>

#include "http/reply.h"

namespace tiltas::http {

class StreamedReplies {
 public:
  // At most `max_streams` bodies are written at once: each takes a thread
  // and a store reader for as long as its client reads.
  explicit StreamedReplies(std::size_t max_streams) : max_streams_(max_streams) {}
  ~StreamedReplies() { cancel_and_join(); }
  StreamedReplies(const StreamedReplies&) = delete;
  StreamedReplies& operator=(const StreamedReplies&) = delete;

  // Sends `reply` (reply.stream set; status, content type and headers as in
  // any reply) to `req`: the header at once, then the body as reply.stream
  // writes it. `finished(complete)` is called exactly once, from the
  // stream's thread or an I/O thread, when the response is over: complete
  // false when the body's writer failed or the client went away. A body
  // that fails after its first bytes cannot change the status any more: the
  // response is left without its final chunk, which tells a client that it
  // is incomplete, and RESTinio closes the connection at its handling time
  // limit. Returns false, having sent nothing, when max_streams run already.
  bool start(const restinio::request_handle_t& req, Reply reply, std::function<void(bool complete)> finished);

  // Makes the writes of every running body fail and joins their threads.
  // For shutdown, once the I/O threads have ended (no write completes any
  // more). Idempotent.
  void cancel_and_join();

  struct Stream;  // one body's state, shared with its write callbacks (streamed_reply.cc)

 private:
  void reap();  // joins the threads of finished streams (under mutex_)

  const std::size_t max_streams_;
  std::mutex mutex_;
  std::vector<std::pair<std::shared_ptr<Stream>, std::thread>> running_;
};

}  // namespace tiltas::http
