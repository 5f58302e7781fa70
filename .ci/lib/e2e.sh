#!/usr/bin/env bash
# End-to-end run: a fresh SQLite database with demo data, the debug server on
# a free port with its log captured, Playwright (JS on and off) against it,
# then a search of the log for what must never be logged.
set -euo pipefail
cd "$(dirname "$0")/../.."
. .ci/lib/common.sh

dir=target/e2e
rm -rf "$dir" && mkdir -p "$dir"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
export DATABASE_URL="sqlite://$dir/siang.db" LEPTOS_SITE_ADDR="127.0.0.1:$port" LEPTOS_SITE_ROOT=target/site
# Everything at debug, dependencies included: no level may leak what a young person sent.
export RUST_LOG="${RUST_LOG:-debug}"
bin=${SIANG_BIN:-target/debug/siang}
# Every test signs in from the same address; the lockout test alone fails a dozen times.
export SIANG_SIGN_IN_LIMIT=1000

"$bin" demo --responses 300 > "$dir/demo.log" 2>&1
"$bin" serve > "$dir/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  sleep 0.2
done

log "end-to-end tests against http://127.0.0.1:$port (JavaScript on and off)"
status=0
(cd end2end && SIANG_BASE_URL="http://127.0.0.1:$port" SIANG_DB="../$dir/siang.db" SIANG_BIN="../$bin" \
  DATABASE_URL="sqlite://../$dir/siang.db" npx playwright test "$@") || status=$?
kill -TERM $server; wait $server || true

# What the tests sent must appear in no log line: the canary headers, the
# browser's real address (all but the line announcing the listening address)
# and any text the tests typed into answers.
log "searching the server log for client addresses, user agents and answer text"
lines=$(wc -l < "$dir/server.log")
if grep -nE '203\.0\.113\.77|CANARY|E2E|REPLY|Typed with care|The garden|textarea' "$dir/server.log" \
   || grep -n '127\.0\.0\.1' "$dir/server.log" | grep -v ' serving addr='; then
  echo "the server log contains a client address, user agent or form content" >&2
  status=1
fi
log "server log: $lines lines at RUST_LOG=$RUST_LOG, none with a client address or answer text"
exit $status
