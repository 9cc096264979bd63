#!/bin/sh
# Import rate of generated pages on SQLite and on PostgreSQL, side by side
# (docs/deploy.md). Each run imports PAGES_DIR into a fresh SQLite file and
# into a fresh PostgreSQL database on SERVER_URL (a role that may create
# databases), alternating, and prints one line per run and backend:
#   backend run documents seconds pages_per_s
#
#   bench/pg_import_bench.sh TILTAS PAGES_DIR SERVER_URL [RUNS] [WORKDIR]
#
# Pages come from bench/gen_pages.py. The server's durability settings
# decide much of the PostgreSQL figure: say which ones a result was
# measured with (synchronous_commit, fsync).
set -eu
[ $# -ge 3 ] || { echo "usage: $0 TILTAS PAGES_DIR SERVER_URL [RUNS] [WORKDIR]" >&2; exit 2; }
tiltas=$1
pages=$2
server=$3
runs=${4:-3}
work=${5:-$(mktemp -d "${TMPDIR:-/tmp}/tiltas-import-bench-XXXXXX")}
db_name=tiltas_import_bench
# The server URL with the benchmark's database instead of its own.
pg_url=$(printf '%s' "$server" | sed -E "s#/[^/?]*(\\?|\$)#/$db_name\\1#")

seconds_of() { python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["documents"]["new"], d["seconds"])'; }

i=1
while [ "$i" -le "$runs" ]; do
  rm -f "$work/bench.db" "$work/bench.db-wal" "$work/bench.db-shm"
  set -- $("$tiltas" --db "$work/bench.db" import --json --progress none "$pages" | seconds_of)
  echo "sqlite $i $1 $2 $(python3 -c "print(round($1 / $2, 1))")"
  PGOPTIONS="-c client_min_messages=warning" psql -q "$server" -c "DROP DATABASE IF EXISTS $db_name WITH (FORCE)" -c \
    "CREATE DATABASE $db_name TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'"
  set -- $("$tiltas" --db "$pg_url" import --json --progress none "$pages" | seconds_of)
  echo "postgresql $i $1 $2 $(python3 -c "print(round($1 / $2, 1))")"
  i=$((i + 1))
done
