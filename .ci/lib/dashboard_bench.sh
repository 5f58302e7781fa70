#!/usr/bin/env bash
# Dashboard figures for the README: `siang demo --responses N` (default one
# million) into a fresh SQLite file — and a fresh PostgreSQL database when
# SIANG_TEST_PG_URL names a server — then the release server, and
# end2end/bench/dashboards.py timing the overview and one programme's
# dashboard. A benchmark, not a test: it prints figures.
set -euo pipefail
cd "$(dirname "$0")/../.."
. .ci/lib/common.sh

n=${BENCH_RESPONSES:-1000000}
[ -x target/release/siang ] && [ -z "${BENCH_REBUILD:-}" ] || .ci/lib/build-site.sh release
dir=target/bench-dash
rm -rf "$dir" && mkdir -p "$dir"

run() {
  local name=$1 url=$2 port server
  log "$name: loading $n demo responses"
  /usr/bin/time -f "$name: demo load took %e s" env DATABASE_URL="$url" target/release/siang demo --responses "$n"
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  DATABASE_URL="$url" LEPTOS_SITE_ADDR="127.0.0.1:$port" LEPTOS_SITE_ROOT=target/site RUST_LOG=warn \
    target/release/siang serve > "$dir/$name-server.log" 2>&1 &
  server=$!
  for _ in $(seq 1 100); do curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break; sleep 0.2; done
  echo "== $name, $n responses"
  DATABASE_URL="$url" python3 end2end/bench/dashboards.py "http://127.0.0.1:$port" target/release/siang "${BENCH_REQUESTS:-60}"
  kill -TERM $server; wait $server || true
}

run sqlite "sqlite://$dir/siang.db"
if [ -n "${SIANG_TEST_PG_URL:-}" ]; then
  db="siang_bench_$$"
  psql "$SIANG_TEST_PG_URL" -X -q -c "CREATE DATABASE $db" >/dev/null
  run postgres "${SIANG_TEST_PG_URL%/*}/$db"
fi
