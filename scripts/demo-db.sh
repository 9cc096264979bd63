#!/bin/sh
# Creates the database with the demo records, published, unless it exists.
# Usage: scripts/demo-db.sh TILTAS_BINARY DB_PATH
set -eu
tiltas=$1
db=$2
if [ -f "$db" ]; then
  echo "Using the existing database $db (delete it to start again from the demo data)."
  exit 0
fi
mkdir -p "$(dirname "$db")"
# Build next to the target and move into place only when complete, so an
# interrupted first run never leaves a half-filled database behind.
tmp="$db.partial"
rm -f "$tmp" "$tmp-wal" "$tmp-shm"
"$tiltas" --db "$tmp" init >/dev/null
"$tiltas" --db "$tmp" import data/demo
"$tiltas" --db "$tmp" publish --all
mv "$tmp" "$db"
echo "Created $db with the demo records."
