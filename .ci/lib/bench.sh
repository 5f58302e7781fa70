#!/usr/bin/env bash
# Performance figures for the README: transfer sizes of youth pages (with and
# without JavaScript), the hydration bundle, and the durable submit endpoint's
# throughput and latency at 32 connections on SQLite. A benchmark, not a test:
# it prints figures and fails only when something does not run.
set -euo pipefail
cd "$(dirname "$0")/../.."
. .ci/lib/common.sh

n=${BENCH_SUBMISSIONS:-6000}
.ci/lib/toolchain.sh
.ci/lib/build-site.sh release
log "building the load generator (release)"
cargo build --release -p server --example loadgen

dir=target/bench
rm -rf "$dir" && mkdir -p "$dir"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
export DATABASE_URL="sqlite://$dir/siang.db" LEPTOS_SITE_ADDR="127.0.0.1:$port" RUST_LOG=warn
# One address sends everything here; lift the per-address flood limit for the run.
export SIANG_SUBMIT_LIMIT=100000000
target/release/siang demo --responses 2000 > /dev/null 2>&1
target/release/siang serve > "$dir/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do curl -fsS "$base/healthz" >/dev/null 2>&1 && break; sleep 0.1; done

size() { curl -s -o /dev/null -w '%{size_download}' -H "Accept-Encoding: $1" "${@:2}"; }
form=(-H 'Content-Type: application/x-www-form-urlencoded' -H 'Sec-Fetch-Site: same-origin')
seal=$(curl -s "${form[@]}" --data consent=yes "$base/km/p/SAFE24/answer" | grep -o 'name="seal" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"$//')
enc_seal=$(python3 -c 'import sys,urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$seal")

echo
echo "== Transfer sizes (response bodies; brotli / gzip / uncompressed), Khmer"
printf '%-28s %8s %8s %8s\n' page br gzip raw
for page in "landing:/km" "programme:/km/p/SAFE24" "consent:/km/p/SAFE24/start" "come back:/km/r"; do
  name=${page%%:*}; path=${page#*:}
  printf '%-28s %8s %8s %8s\n' "$name" "$(size br "$base$path")" "$(size gzip "$base$path")" "$(size identity "$base$path")"
done
for step in "question screen 1:consent=yes" "review:seal=$enc_seal&s=1&go=review" ; do
  name=${step%%:*}; data=${step#*:}
  printf '%-28s %8s %8s %8s\n' "$name" "$(size br "${form[@]}" --data "$data" "$base/km/p/SAFE24/answer")" \
    "$(size gzip "${form[@]}" --data "$data" "$base/km/p/SAFE24/answer")" "$(size identity "${form[@]}" --data "$data" "$base/km/p/SAFE24/answer")"
done
for f in siang.css siang.js siang.wasm; do
  printf '%-28s %8s %8s %8s\n' "/pkg/$f" "$(stat -c %s target/site/pkg/$f.br)" "$(stat -c %s target/site/pkg/$f.gz)" "$(stat -c %s target/site/pkg/$f)"
done
echo "hydration extra (js + wasm, brotli): $(( $(stat -c %s target/site/pkg/siang.js.br) + $(stat -c %s target/site/pkg/siang.wasm.br) )) bytes"

echo
echo "== What Chromium transfers (bodies + headers), 360x640"
(cd end2end && node bench/transfer.mjs "$base")

echo
echo "== Durable submit endpoint, SQLite (WAL, synchronous=FULL, group commit), $(nproc) cores"
target/release/examples/loadgen "$base" "$DATABASE_URL" "$n" 32
