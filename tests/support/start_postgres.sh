#!/bin/sh
# A throwaway PostgreSQL 15 server for the store tests (the CTest fixture
# "postgres" in tests/store/CMakeLists.txt runs `start` before the tests that
# need it and `stop` after them).
#
#   start_postgres.sh start STATE_DIR   initdb in a fresh temporary directory,
#                                       start the server on 127.0.0.1 at a
#                                       free port, write its URL (with a
#                                       random password, mode 600) to
#                                       STATE_DIR/url
#   start_postgres.sh stop STATE_DIR    stop that server (and its standby)
#                                       and remove its data
#   start_postgres.sh standby STATE_DIR a hot standby of that server
#                                       (pg_basebackup -R, streaming), on
#                                       another free port; its URL goes to
#                                       STATE_DIR/standby_url (for the
#                                       replica test of docs/deploy.md)
#
# Without PostgreSQL 15 (/usr/lib/postgresql/15/bin/initdb, or
# $TILTAS_PG_BINDIR) `start` succeeds, writes the reason to STATE_DIR/skip,
# and the PostgreSQL tests skip with it. With TILTAS_TEST_POSTGRES_URL set the
# tests use that server and nothing is started. PostgreSQL refuses to run as
# root: as root the server runs as the system user `postgres` (created if
# missing). The password is never printed.
set -eu

usage() {
  echo "usage: $0 start|stop|standby STATE_DIR" >&2
  exit 2
}
[ $# -eq 2 ] || usage
action=$1
state=$2
bindir=${TILTAS_PG_BINDIR:-/usr/lib/postgresql/15/bin}

# Runs a PostgreSQL program as the user that owns the cluster.
as_owner() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

stop_standby() {
  [ -f "$state/data_dir" ] || return 0
  data=$(cat "$state/data_dir")
  if [ -d "$data/standby" ]; then
    (cd "$data" && as_owner "$bindir/pg_ctl" -D "$data/standby" -m immediate -w stop >/dev/null 2>&1) || true
    rm -rf "$data/standby"
  fi
  rm -f "$state/standby_url"
}

stop_server() {
  [ -f "$state/data_dir" ] || return 0
  data=$(cat "$state/data_dir")
  stop_standby
  if [ -d "$data/db" ]; then
    (cd "$data" && as_owner "$bindir/pg_ctl" -D "$data/db" -m fast -t 30 -w stop >/dev/null 2>&1) ||
      (cd "$data" && as_owner "$bindir/pg_ctl" -D "$data/db" -m immediate -w stop >/dev/null 2>&1) || true
  fi
  case "$data" in
    */tiltas-pg-*) rm -rf "$data" ;;
  esac
  rm -f "$state/data_dir" "$state/url"
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

case "$action" in
  standby)
    [ -f "$state/url" ] && [ -f "$state/data_dir" ] || { echo "no server of this script runs for $state" >&2; exit 1; }
    stop_standby
    data=$(cat "$state/data_dir")
    url=$(cat "$state/url")
    primary_port=$(printf '%s' "$url" | sed -E 's#.*@127\.0\.0\.1:([0-9]+)/.*#\1#')
    # Over the data directory's socket, where the owner needs no password.
    if ! (cd "$data" && as_owner "$bindir/pg_basebackup" -h "$data" -p "$primary_port" -U tiltas_test \
      -D "$data/standby" -R -X stream -c fast >"$data/basebackup.log" 2>&1); then
      cat "$data/basebackup.log" >&2
      exit 1
    fi
    port=$(free_port)
    if ! (cd "$data" && as_owner "$bindir/pg_ctl" -D "$data/standby" -l "$data/standby.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $data -c fsync=off" start >/dev/null 2>&1); then
      cat "$data/standby.log" >&2 || true
      exit 1
    fi
    (umask 077 && printf '%s\n' "$url" | sed -E "s#@127\.0\.0\.1:[0-9]+/#@127.0.0.1:$port/#" >"$state/standby_url")
    echo "standby of 127.0.0.1:$primary_port started on 127.0.0.1:$port"
    exit 0
    ;;
  stop)
    stop_server
    rm -f "$state/skip"
    echo "PostgreSQL test server stopped"
    exit 0
    ;;
  start) ;;
  *) usage ;;
esac

mkdir -p "$state"
stop_server  # a server left by an interrupted run
rm -f "$state/skip"

if [ -n "${TILTAS_TEST_POSTGRES_URL:-}" ]; then
  echo "TILTAS_TEST_POSTGRES_URL is set: the tests use that server; none started"
  exit 0
fi
if [ ! -x "$bindir/initdb" ]; then
  msg="PostgreSQL 15 is not installed ($bindir/initdb is missing; scripts/install-deps.sh test installs it)"
  echo "$msg" >"$state/skip"
  echo "$msg: the PostgreSQL store tests will skip"
  exit 0
fi

if [ "$(id -u)" = 0 ] && ! id postgres >/dev/null 2>&1; then
  useradd --system --no-create-home --shell /usr/sbin/nologin postgres
fi

data=$(mktemp -d "${TMPDIR:-/tmp}/tiltas-pg-XXXXXX")
echo "$data" >"$state/data_dir"
password=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
(umask 077 && printf '%s\n' "$password" >"$data/pwfile")
if [ "$(id -u)" = 0 ]; then
  chown -R postgres "$data"
fi

# Trust over the socket in the data directory (only the owner can reach it);
# a password over TCP, so the tests exercise a real login.
if ! (cd "$data" && as_owner "$bindir/initdb" -D "$data/db" -U tiltas_test --pwfile="$data/pwfile" \
  -E UTF8 --locale=C --auth-local=trust --auth-host=scram-sha-256 --no-sync >"$data/initdb.log" 2>&1); then
  cat "$data/initdb.log" >&2
  stop_server
  echo "initdb failed" >&2
  exit 1
fi
rm -f "$data/pwfile"

# A free port can be taken between the probe and the server's bind: try a few.
started=""
for attempt in 1 2 3 4 5; do
  port=$(free_port)
  if (cd "$data" && as_owner "$bindir/pg_ctl" -D "$data/db" -l "$data/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $data -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start >/dev/null 2>&1); then
    started=yes
    break
  fi
  echo "attempt $attempt: the server did not start on port $port" >&2
done
if [ -z "$started" ]; then
  cat "$data/server.log" >&2 || true
  stop_server
  echo "PostgreSQL did not start" >&2
  exit 1
fi

(umask 077 && printf 'postgresql://tiltas_test:%s@127.0.0.1:%s/postgres\n' "$password" "$port" >"$state/url")
echo "PostgreSQL $("$bindir/postgres" --version | sed -n 's/^[^0-9]*\([0-9.]*\).*/\1/p') started on 127.0.0.1:$port (data in $data);" \
  "URL in $state/url (postgresql://tiltas_test:***@127.0.0.1:$port/postgres)"
