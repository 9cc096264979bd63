// The registry on a PostgreSQL server: the same Store, schema and statements
// as the embedded SQLite store (store/sql_store.h), reached through a small
// pool of libpq connections. The only module that includes libpq-fe.h
// (through pg_connection.cc).
#pragma once

#include <cstddef>
#include <memory>
#include <string>

#include "store/store.h"

namespace tiltas::store {

inline constexpr std::size_t kDefaultPostgresPoolSize = 4;

// Connects to the database `url` names (postgresql://user:password@host:port/db
// or a libpq "key=value" string; the database must exist and be UTF8) and
// applies pending migrations. kUnavailable with the server's message when it
// cannot be reached or refuses the login (the password is never part of a
// message, a log line or describe()); kFailedPrecondition when the schema is
// newer than this build knows or the database's encoding is not UTF8.
// Thread-safe: up to `pool_size` calls run at once, each on its own
// connection.
Result<std::unique_ptr<Store>> open_postgres_store(const std::string& url,
                                                   std::size_t pool_size = kDefaultPostgresPoolSize);

// Creates the database `name` (UTF8, byte-order collation like SQLite's) on
// the server `url` names, connecting to the database in `url` to do so.
// Returns the URL of the new database. kAlreadyExists when it exists;
// kUnavailable when the server cannot be reached; kInternal when the role
// may not create databases. For tests and first-time setup.
Result<std::string> create_postgres_database(const std::string& url, const std::string& name);

// Drops the database `name` on the server `url` names, closing its sessions
// (no error when it does not exist). For tests.
Status drop_postgres_database(const std::string& url, const std::string& name);

}  // namespace tiltas::store
