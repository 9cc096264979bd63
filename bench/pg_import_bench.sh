#!/bin/sh
# Import rate of generated pages on SQLite and on PostgreSQL, side by side
# (docs/deploy.md). Each run imports PAGES_DIR into a fresh SQLite file and
# into a fresh PostgreSQL database on SERVER_URL (a role that may create
# databases), alternating, and prints one line per run and backend:
#   backend run documents seconds pages_per_s
#
#   bench/pg_import_bench.sh TILTAS PAGES_DIR SERVER_URL [RUNS] [WORKDIR]
#
# Environment:
#   BACKENDS="sqlite postgresql"  the backends to run, in that order
#   SAMPLE_S=N                    also print, every N seconds while an import
#                                 runs, "sample backend run seconds documents"
#                                 (documents stored so far, read from the
#                                 database), to see whether the rate falls as
#                                 the registry grows
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
backends=${BACKENDS:-sqlite postgresql}
sample_s=${SAMPLE_S:-0}
mkdir -p "$work"
db_name=tiltas_import_bench
# The server URL with the benchmark's database instead of its own.
pg_url=$(printf '%s' "$server" | sed -E "s#/[^/?]*(\\?|\$)#/$db_name\\1#")

seconds_of() { python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["documents"]["new"], d["seconds"])'; }

# run_import BACKEND RUN DB: runs the import, sampling the stored documents
# meanwhile when SAMPLE_S is set; prints "documents seconds".
run_import() {
  "$tiltas" --db "$3" import --json --progress none "$pages" >"$work/import.json" &
  pid=$!
  if [ "$sample_s" -gt 0 ]; then
    start=$(date +%s)
    while kill -0 "$pid" 2>/dev/null; do
      sleep "$sample_s"
      case "$1" in
        sqlite) n=$(sqlite3 "$3" "SELECT COUNT(*) FROM documents" 2>/dev/null || echo "?") ;;
        *) n=$(psql -Atq "$3" -c "SELECT COUNT(*) FROM documents" 2>/dev/null || echo "?") ;;
      esac
      echo "sample $1 $2 $(($(date +%s) - start)) $n" >&2
    done
  fi
  wait "$pid"
  seconds_of <"$work/import.json"
}

i=1
while [ "$i" -le "$runs" ]; do
  for backend in $backends; do
    case "$backend" in
      sqlite)
        rm -f "$work/bench.db" "$work/bench.db-wal" "$work/bench.db-shm"
        set -- $(run_import sqlite "$i" "$work/bench.db")
        ;;
      postgresql)
        PGOPTIONS="-c client_min_messages=warning" psql -q "$server" -c "DROP DATABASE IF EXISTS $db_name WITH (FORCE)" -c \
          "CREATE DATABASE $db_name TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'"
        set -- $(run_import postgresql "$i" "$pg_url")
        ;;
      *) echo "unknown backend $backend" >&2; exit 2 ;;
    esac
    echo "$backend $i $1 $2 $(python3 -c "print(round($1 / $2, 1))")"
  done
  i=$((i + 1))
done
