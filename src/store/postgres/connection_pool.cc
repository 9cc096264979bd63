#include "store/postgres/connection_pool.h"

#include <fmt/format.h>

namespace tiltas::store::postgres {

ConnectionPool::Lease::~Lease() {
  if (pool_ && conn_) pool_->release(std::move(conn_));
}

ConnectionPool::ConnectionPool(std::string conninfo, std::size_t size, std::chrono::milliseconds wait)
    : conninfo_(std::move(conninfo)), size_(size < 1 ? 1 : size), wait_(wait) {}

void ConnectionPool::adopt(Connection conn) {
  std::lock_guard lock(mutex_);
  idle_.push_back(std::make_unique<Connection>(std::move(conn)));
  ++open_;
  available_.notify_one();
}

Result<ConnectionPool::Lease> ConnectionPool::acquire() {
  std::unique_lock lock(mutex_);
  if (!available_.wait_for(lock, wait_, [&] { return !idle_.empty() || open_ < size_; })) {
    return make_error(ErrorCode::kUnavailable,
                      fmt::format("all {} PostgreSQL connections stayed busy for {} ms", size_, wait_.count()));
  }
  if (!idle_.empty()) {
    auto conn = std::move(idle_.back());
    idle_.pop_back();
    return Lease(this, std::move(conn));
  }
  ++open_;  // reserve the slot, then connect without holding the lock
  lock.unlock();
  auto conn = Connection::open(conninfo_);
  if (!conn) {
    lock.lock();
    --open_;
    available_.notify_one();
    return unexpected(conn.error());
  }
  return Lease(this, std::make_unique<Connection>(std::move(*conn)));
}

void ConnectionPool::release(std::unique_ptr<Connection> conn) {
  // A caller that failed inside a transaction leaves it open (or aborted):
  // end it before anyone else sees this session.
  if (!conn->broken() && conn->in_transaction()) (void)conn->exec("ROLLBACK");
  std::unique_ptr<Connection> dropped;  // closed after the lock is released
  std::lock_guard lock(mutex_);
  if (conn->broken()) {
    dropped = std::move(conn);
    --open_;  // the next acquire opens a fresh connection in its place
  } else {
    idle_.push_back(std::move(conn));
  }
  available_.notify_one();
}

}  // namespace tiltas::store::postgres
