// A fixed-size pool of PostgreSQL connections shared by the threads of one
// process: a caller leases a connection for one call (or one transaction)
// and the lease returns it. Connections open lazily up to the limit; a
// caller waits (mutex + condition variable) while all are leased. A
// connection that was lost is dropped on return, and a fresh one is opened
// in its place by the next caller; one returned inside a transaction (a
// caller that failed half-way) is rolled back first.
//
// Thread-safe. The pool must outlive its leases.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "base/error.h"
#include "store/postgres/pg_connection.h"

namespace tiltas::store::postgres {

class ConnectionPool {
 public:
  class Lease {
   public:
    Lease(Lease&& other) noexcept : pool_(other.pool_), conn_(std::move(other.conn_)) { other.pool_ = nullptr; }
    Lease& operator=(Lease&&) = delete;
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    ~Lease();
    Connection& operator*() const { return *conn_; }
    Connection* operator->() const { return conn_.get(); }

   private:
    friend class ConnectionPool;
    Lease(ConnectionPool* pool, std::unique_ptr<Connection> conn) : pool_(pool), conn_(std::move(conn)) {}
    ConnectionPool* pool_;
    std::unique_ptr<Connection> conn_;
  };

  // `conninfo` is kept for reconnecting; `size` >= 1.
  ConnectionPool(std::string conninfo, std::size_t size, std::chrono::milliseconds wait = std::chrono::seconds(30));
  ConnectionPool(const ConnectionPool&) = delete;
  ConnectionPool& operator=(const ConnectionPool&) = delete;

  // Adds an open connection (the one the store was opened with).
  void adopt(Connection conn);

  // A connection, opening one if none is idle and the limit allows.
  // kUnavailable when the server cannot be reached, or when every
  // connection stayed leased for the whole wait.
  Result<Lease> acquire();

  std::size_t size() const { return size_; }

 private:
  void release(std::unique_ptr<Connection> conn);

  const std::string conninfo_;
  const std::size_t size_;
  const std::chrono::milliseconds wait_;
  std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<Connection>> idle_;
  std::size_t open_ = 0;  // idle + leased + being opened
};

}  // namespace tiltas::store::postgres
