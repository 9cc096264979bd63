#!/bin/sh
# Load benchmark of the HTTP API, side by side in one run:
#   1. GET /api/v1/projects/{id} from Tiltas vs nginx serving the very same
#      response bytes as a static file (wrk, 64 connections, 10 s each);
#   2. GET /api/v1/search on a registry of $SEARCH_PROJECTS projects.
# Everything listens on 127.0.0.1 only and stops when the script ends.
# Installs nginx-light and wrk (Debian) when missing.
#
# Usage: bench/api_bench.sh [BUILD_DIR]   (default: build; the tiltas binary
#        must be built, e.g. make build)
# Env:   CONNECTIONS=64 DURATION=10s THREADS=2 (server threads and wrk threads)
#        RUNS=3 (pairs of Tiltas and nginx runs, the order alternating so
#        that a change of load on a shared machine hits both alike; the
#        median ratio is the figure)
#        CACHE_MS=0 (tiltas serve --cache-ms: reuse API replies this long)
#        SEARCH_PROJECTS=100000 (0 skips the search run) SEARCH_QUERY=councils
#        SEARCH_DB=FILE: search this existing SQLite registry (its published
#        projects) instead of building one of SEARCH_PROJECTS records
#        SEARCH_WORDS="w1 w2 ...": each request asks for one or two of these
#        words, drawn at random per request (wrk Lua), instead of SEARCH_QUERY
set -eu

build=${1:-build}
tiltas=$(cd "$build" && pwd)/tiltas
connections=${CONNECTIONS:-64}
duration=${DURATION:-10s}
threads=${THREADS:-2}
search_projects=${SEARCH_PROJECTS:-100000}
search_query=${SEARCH_QUERY:-councils}
runs=${RUNS:-3}
repo=$(cd "$(dirname "$0")/.." && pwd)

[ -x "$tiltas" ] || { echo "error: $tiltas not built (make build)" >&2; exit 1; }
need=""
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || need="$need nginx-light"
command -v wrk >/dev/null 2>&1 || need="$need wrk"
if [ -n "$need" ]; then
  sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get update -q >/dev/null
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends $need >/dev/null
fi
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)

work=$(mktemp -d)
pids=""
cleanup() {
  for p in $pids; do kill "$p" 2>/dev/null || true; done
  for p in $pids; do wait "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_for() { i=0; until curl -fs -o /dev/null "$1"; do i=$((i+1)); [ $i -lt 300 ] || { echo "error: $1 did not come up" >&2; exit 1; }; sleep 0.1; done; }

# wrk's "Requests/sec" and the p99 of its latency distribution.
run_wrk() {
  wrk -t"$threads" -c"$connections" -d"$duration" --latency "$1" > "$work/wrk.txt"
  rps=$(awk '/Requests\/sec/ {print $2}' "$work/wrk.txt")
  p99=$(awk '$1 == "99%" {print $2}' "$work/wrk.txt")
  errors=$(awk '/Non-2xx|Socket errors/ {print}' "$work/wrk.txt" | tr '\n' ' ')
  echo "$rps $p99 $errors"
}

# Records JSON with N copies of a demo record, titles and words varied so
# that search has work to do.
make_records() {
  python3 - "$1" "$2" "$repo/data/demo/en_acf_neighbourhood_councils.json" <<'PY'
import json, sys, random
n, out, demo = int(sys.argv[1]), sys.argv[2], sys.argv[3]
base = json.load(open(demo))["records"][0]
words = ["councils", "youth", "libraries", "seniors", "climate", "culture", "schools", "volunteers", "museums",
         "entrepreneurs", "media", "heritage", "sport", "water", "forests", "migration", "health", "roads"]
towns = ["Kaunas", "Alytus", "Vilnius", "Klaipėda", "Oslo", "Bergen", "Tromsø", "Šiauliai", "Panevėžys", "Utena"]
rng = random.Random(7)
records = []
for i in range(n):
    r = json.loads(json.dumps(base))
    a, b, t = rng.choice(words), rng.choice(words), rng.choice(towns)
    r["title"] = f"{a.capitalize()} and {b} in {t} #{i}"
    r["description"] = f"The project brings {a} and {b} together in {t}. " + base.get("description", "")
    r.pop("translations", None)
    records.append(r)
# Files of at most 1,000 records: the importer refuses sources over 32 MB.
if n <= 1000:
    json.dump({"language": "en", "source": f"bench://records/{n}", "records": records}, open(out, "w"), ensure_ascii=False)
else:
    import os
    os.makedirs(out, exist_ok=True)
    for k in range(0, n, 1000):
        json.dump({"language": "en", "source": f"bench://records/{n}/{k}", "records": records[k:k + 1000]},
                  open(f"{out}/part-{k // 1000:04d}.json", "w"), ensure_ascii=False)
PY
}

echo "== Tiltas $(git -C "$repo" describe --always --dirty 2>/dev/null || echo '?'), $(nproc) cores, wrk -t$threads -c$connections -d$duration"

# ---- 1. one project: Tiltas vs nginx static file -----------------------------
make_records 20 "$work/small.json"
"$tiltas" --db "$work/small.db" import "$work/small.json" >/dev/null
"$tiltas" --db "$work/small.db" publish --all >/dev/null
tport=$(free_port)
"$tiltas" --db "$work/small.db" serve --host 127.0.0.1 --port "$tport" --threads "$threads" --cache-ms "${CACHE_MS:-0}" >"$work/tiltas.log" 2>&1 &
pids="$pids $!"
wait_for "http://127.0.0.1:$tport/healthz"
id=$(curl -fsS "http://127.0.0.1:$tport/api/v1/projects?limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')
mkdir -p "$work/www"
chmod a+rx "$work" "$work/www"  # nginx workers run as another user when started as root
curl -fsS "http://127.0.0.1:$tport/api/v1/projects/$id" > "$work/www/project.json"
chmod a+r "$work/www/project.json"
nport=$(free_port)
cat > "$work/nginx.conf" <<NGINX
worker_processes $threads;
daemon off;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  types { application/json json; }
  server {
    listen 127.0.0.1:$nport;
    root $work/www;
    location / { default_type application/json; }
  }
}
NGINX
"$nginx_bin" -c "$work/nginx.conf" -p "$work" &
pids="$pids $!"
wait_for "http://127.0.0.1:$nport/project.json"
curl -fsS "http://127.0.0.1:$nport/project.json" | cmp -s - "$work/www/project.json" || { echo "error: nginx serves other bytes" >&2; exit 1; }
bytes=$(wc -c < "$work/www/project.json")
echo "response: $bytes bytes (project $id)"

# Warm both, then measure one after the other in this same run.
wrk -t1 -c4 -d1s "http://127.0.0.1:$tport/api/v1/projects/$id" >/dev/null
wrk -t1 -c4 -d1s "http://127.0.0.1:$nport/project.json" >/dev/null
printf '%-34s %12s %10s %s\n' "GET /api/v1/projects/{id}" "req/s" "p99" ""
ratios=""
i=1
while [ "$i" -le "$runs" ]; do
  if [ $((i % 2)) -eq 1 ]; then
    set -- $(run_wrk "http://127.0.0.1:$tport/api/v1/projects/$id"); t_rps=$1; t_p99=$2; shift 2; t_err="$*"
    set -- $(run_wrk "http://127.0.0.1:$nport/project.json"); n_rps=$1; n_p99=$2; shift 2; n_err="$*"
  else
    set -- $(run_wrk "http://127.0.0.1:$nport/project.json"); n_rps=$1; n_p99=$2; shift 2; n_err="$*"
    set -- $(run_wrk "http://127.0.0.1:$tport/api/v1/projects/$id"); t_rps=$1; t_p99=$2; shift 2; t_err="$*"
  fi
  ratio=$(python3 -c "print(f'{$t_rps/$n_rps:.2f}')")
  ratios="$ratios $ratio"
  printf '%-34s %12s %10s %s\n' "  run $i tiltas" "$t_rps" "$t_p99" "$t_err"
  printf '%-34s %12s %10s %s\n' "  run $i nginx (same bytes, static)" "$n_rps" "$n_p99" "$n_err"
  echo "  run $i ratio tiltas/nginx: ${ratio}x (load average $(cut -d' ' -f1 /proc/loadavg))"
  i=$((i + 1))
done
echo "  median ratio tiltas/nginx over $runs runs: $(python3 -c "import statistics,sys; print(f'{statistics.median(float(x) for x in sys.argv[1:]):.2f}x')" $ratios)"

# ---- 2. search at $search_projects projects --------------------------------------
if [ -n "${SEARCH_DB:-}" ] || [ "$search_projects" -gt 0 ]; then
  if [ -n "${SEARCH_DB:-}" ]; then
    big=$SEARCH_DB
    echo "search registry: $SEARCH_DB ($(sqlite3 -readonly "$SEARCH_DB" "SELECT COUNT(*) FROM projects WHERE review_state = 'published'" 2>/dev/null || echo '?') published projects)"
  else
    big=$work/big.db
    start=$(date +%s)
    make_records "$search_projects" "$work/big"
    "$tiltas" --db "$big" import "$work/big" >/dev/null
    "$tiltas" --db "$big" publish --all >/dev/null
    echo "search registry: $search_projects projects built in $(( $(date +%s) - start )) s"
  fi
  sport=$(free_port)
  "$tiltas" --db "$big" serve --host 127.0.0.1 --port "$sport" --threads "$threads" --cache-ms "${CACHE_MS:-0}" >"$work/tiltas-big.log" 2>&1 &
  pids="$pids $!"
  wait_for "http://127.0.0.1:$sport/healthz"
  url="http://127.0.0.1:$sport/api/v1/search?q=$search_query"
  curl -fsS "$url" -o /dev/null || { echo "error: $url failed" >&2; exit 1; }
  if [ -n "${SEARCH_WORDS:-}" ]; then
    # One or two words per request, from a fixed seed: the same sequence of
    # queries on every run.
    {
      echo 'local words = {'
      for w in $SEARCH_WORDS; do printf '"%s",' "$w"; done
      echo '}'
      cat <<'LUA'
math.randomseed(7)
request = function()
  local q = words[math.random(#words)]
  if math.random() < 0.5 then q = q .. "+" .. words[math.random(#words)] end
  return wrk.format("GET", "/api/v1/search?q=" .. q)
end
LUA
    } > "$work/search.lua"
    wrk -t"$threads" -c"$connections" -d"$duration" --latency -s "$work/search.lua" "http://127.0.0.1:$sport" > "$work/wrk.txt"
    s_rps=$(awk '/Requests\/sec/ {print $2}' "$work/wrk.txt")
    s_p99=$(awk '$1 == "99%" {print $2}' "$work/wrk.txt")
    s_p50=$(awk '$1 == "50%" {print $2}' "$work/wrk.txt")
    s_err=$(awk '/Non-2xx|Socket errors/ {print}' "$work/wrk.txt" | tr '\n' ' ')
    printf '%-34s %12s %10s %s\n' "GET /api/v1/search (1-2 of: $SEARCH_WORDS)" "$s_rps" "$s_p99" "p50 $s_p50 $s_err"
  else
    set -- $(run_wrk "$url"); s_rps=$1; s_p99=$2; shift 2; s_err="$*"
    printf '%-34s %12s %10s %s\n' "GET /api/v1/search?q=$search_query" "$s_rps" "$s_p99" "$s_err"
  fi
fi
