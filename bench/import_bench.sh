#!/bin/sh
# Import rate and peak memory of `tiltas import` on generated pages into a
# fresh SQLite file, optionally against a reference build run in turn
# (A B A B ...), so that both see the same machine load. Prints one line per
# run and, at the end, the medians and the median of the pairwise ratios:
#   binary run documents seconds pages_per_s peak_rss_kb
#
#   bench/import_bench.sh TILTAS PAGES_DIR [RUNS] [REFERENCE_TILTAS] [WORKDIR]
#
# Pages come from bench/gen_pages.py (python3 bench/gen_pages.py DIR N).
# Seconds are the import's own (the summary's "seconds": walking the
# directory, reading, extracting and committing); the peak RSS is the whole
# process's (/usr/bin/time). See bench/README.md for the figures.
set -eu
[ $# -ge 2 ] || { echo "usage: $0 TILTAS PAGES_DIR [RUNS] [REFERENCE_TILTAS] [WORKDIR]" >&2; exit 2; }
tiltas=$1
pages=$2
runs=${3:-3}
reference=${4:-}
work=${5:-$(mktemp -d "${TMPDIR:-/tmp}/tiltas-import-bench-XXXXXX")}
mkdir -p "$work"
results="$work/results.txt"
: > "$results"

# One import into a fresh file: "documents seconds pages_per_s peak_kb".
run_one() {
  rm -f "$work/bench.db" "$work/bench.db-wal" "$work/bench.db-shm"
  /usr/bin/time -f '%M' -o "$work/rss.txt" "$1" --db "$work/bench.db" import --json --progress none "$pages" \
    > "$work/summary.json"
  python3 - "$work/summary.json" "$work/rss.txt" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
rss = open(sys.argv[2]).read().split()[-1]
n, s = d["documents"]["new"], d["seconds"]
print(n, round(s, 2), round(n / s, 1), rss)
PY
}

i=1
while [ "$i" -le "$runs" ]; do
  line=$(run_one "$tiltas")
  echo "new $i $line" | tee -a "$results"
  if [ -n "$reference" ]; then
    line=$(run_one "$reference")
    echo "reference $i $line" | tee -a "$results"
  fi
  i=$((i + 1))
done

python3 - "$results" <<'PY'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1]) if l.strip()]
by = {}
for r in rows:
    by.setdefault(r[0], []).append(r)
for name, rs in by.items():
    rate = statistics.median(float(r[4]) for r in rs)
    rss = statistics.median(int(r[5]) for r in rs)
    print(f"median {name}: {rate:.0f} pages/s, peak RSS {rss / 1024:.0f} MB over {len(rs)} runs")
if "reference" in by:
    pairs = zip(by["new"], by["reference"])
    ratios = [float(a[4]) / float(b[4]) for a, b in pairs]
    print(f"median ratio new/reference (pages/s, run by run): {statistics.median(ratios):.2f}x")
PY
