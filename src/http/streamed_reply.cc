#include "http/streamed_reply.h"

#include <exception>
#include <ostream>
#include <streambuf>
#include <string>
#include <utility>

#include <spdlog/spdlog.h>

namespace tiltas::http {

struct StreamedReplies::Stream {
  std::mutex mutex;
  std::condition_variable changed;
  bool writing = false;    // a chunk is on its way to the socket
  bool failed = false;     // a write failed: the client is gone
  bool cancelled = false;  // the server is shutting down
  bool ended = false;      // the thread's work is over: join it
};

namespace {

using Response = restinio::response_builder_t<restinio::chunked_output_t>;

// Chunks of this size go to the socket; one is written while the next
// fills, so a body takes about two of them in memory.
constexpr std::size_t kChunkBytes = std::size_t{64} * 1024;

// An output buffer that hands each full chunk to RESTinio and waits for the
// previous one to be written first: the writer runs at the client's pace.
class ChunkBuffer : public std::streambuf {
 public:
  ChunkBuffer(std::shared_ptr<StreamedReplies::Stream> stream, Response& response)
      : stream_(std::move(stream)), response_(response) {
    reset();
  }

  // Sends what is buffered and waits until everything is written; false
  // when a write failed or the server is stopping.
  bool finish() { return send() && idle(); }

 protected:
  int_type overflow(int_type ch) override {
    if (!send()) return traits_type::eof();
    if (!traits_type::eq_int_type(ch, traits_type::eof())) {
      *pptr() = traits_type::to_char_type(ch);
      pbump(1);
    }
    return traits_type::not_eof(ch);
  }
  int sync() override { return send() ? 0 : -1; }

 private:
  void reset() {
    buffer_.assign(kChunkBytes, '\0');
    setp(buffer_.data(), buffer_.data() + buffer_.size());
  }

  bool idle() {
    std::unique_lock lock(stream_->mutex);
    stream_->changed.wait(lock, [&] { return !stream_->writing || stream_->cancelled; });
    return !stream_->failed && !stream_->cancelled;
  }

  bool send() {
    const auto n = static_cast<std::size_t>(pptr() - pbase());
    if (n == 0) return true;
    if (!idle()) return false;
    std::string chunk = std::move(buffer_);
    chunk.resize(n);
    reset();
    {
      std::lock_guard lock(stream_->mutex);
      stream_->writing = true;
    }
    response_.append_chunk(restinio::writable_item_t{std::move(chunk)});
    response_.flush([stream = stream_](const restinio::asio_ns::error_code& error) {
      std::lock_guard lock(stream->mutex);
      stream->writing = false;
      if (error) stream->failed = true;
      stream->changed.notify_all();
    });
    return true;
  }

  std::shared_ptr<StreamedReplies::Stream> stream_;
  Response& response_;
  std::string buffer_;
};

std::string reason_of(int status) { return status == 200 ? "OK" : "Status"; }

}  // namespace

bool StreamedReplies::start(const restinio::request_handle_t& req, Reply reply,
                            std::function<void(bool complete)> finished) {
  std::lock_guard lock(mutex_);
  reap();
  if (running_.size() >= max_streams_) return false;
  auto response = req->create_response<restinio::chunked_output_t>(restinio::http_status_line_t{
      restinio::http_status_code_t{static_cast<std::uint16_t>(reply.status)}, reason_of(reply.status)});
  response.append_header(restinio::http_field::content_type, reply.content_type);
  for (auto& [name, value] : reply.headers) response.append_header(name, std::move(value));
  // The header goes out now: the client knows at once that the export has
  // begun, and the server's handling time limit restarts with each write.
  response.flush();
  auto stream = std::make_shared<Stream>();
  std::thread thread([stream, response = std::move(response), body = std::move(reply.stream),
                      finished = std::move(finished)]() mutable {
    bool complete = false;
    {
      ChunkBuffer buffer(stream, response);
      std::ostream out(&buffer);
      // This thread carries on the request's dispatch, whose catch-all it
      // shares: whatever the writer throws ends this response, not the
      // server.
      try {
        Status written = body(out);
        if (!written) spdlog::error("streamed response stopped: {}", written.error().describe());
        complete = written && buffer.finish();
      } catch (const std::exception& e) {
        spdlog::error("streamed response stopped by an exception: {}", e.what());
      }
    }
    if (complete) {
      response.done([finished](const restinio::asio_ns::error_code& error) { finished(!error); });
    } else {
      // No final chunk: the client can tell that the body is incomplete.
      finished(false);
    }
    std::lock_guard lock(stream->mutex);
    stream->ended = true;
  });
  running_.emplace_back(std::move(stream), std::move(thread));
  return true;
}

void StreamedReplies::reap() {
  for (auto it = running_.begin(); it != running_.end();) {
    bool ended = false;
    {
      std::lock_guard lock(it->first->mutex);
      ended = it->first->ended;
    }
    if (ended) {
      it->second.join();
      it = running_.erase(it);
    } else {
      ++it;
    }
  }
}

void StreamedReplies::cancel_and_join() {
  std::lock_guard lock(mutex_);
  for (auto& [stream, thread] : running_) {
    std::lock_guard stream_lock(stream->mutex);
    stream->cancelled = true;
    stream->changed.notify_all();
  }
  for (auto& [stream, thread] : running_) thread.join();
  running_.clear();
}

}  // namespace tiltas::http
