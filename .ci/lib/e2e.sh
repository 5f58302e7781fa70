#!/usr/bin/env bash
# End-to-end run: a fresh database with demo data, the debug server on a
# free port with its log captured, Playwright (JS on and off) against it,
# then a search of the log for what must never be logged. On SQLite, and
# again on PostgreSQL when SIANG_TEST_PG_URL names a server (`make test`
# starts one). Extra arguments go to Playwright.
set -euo pipefail
cd "$(dirname "$0")/../.."
. .ci/lib/common.sh

bin=${SIANG_BIN:-target/debug/siang}
# Everything at debug, dependencies included: no level may leak what a young person sent.
export RUST_LOG="${RUST_LOG:-debug}" LEPTOS_SITE_ROOT=target/site
# Every test signs in from the same address; the lockout test alone fails a dozen times.
export SIANG_SIGN_IN_LIMIT=1000

# run_suite <name> <database url>
run_suite() {
  local name=$1 url=$2 dir=target/e2e/$1 port status=0
  rm -rf "$dir" && mkdir -p "$dir"
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  DATABASE_URL="$url" "$bin" demo --responses 300 > "$dir/demo.log" 2>&1
  # A real SMTP server on loopback (STARTTLS, a password) takes the
  # server's mail; the tests read what arrived from $dir/mail.
  local mail_dir sink sink_port sink_cert
  mail_dir="$(pwd)/$dir/mail"
  mkfifo "$dir/sink.fifo"
  (cd end2end && exec node smtp_sink.mjs "$mail_dir") > "$dir/sink.fifo" &
  sink=$!
  read -r _ sink_port sink_cert < "$dir/sink.fifo"
  DATABASE_URL="$url" LEPTOS_SITE_ADDR="127.0.0.1:$port" \
    SIANG_SMTP_URL="smtp://siang:sink-password@127.0.0.1:$sink_port" SIANG_SMTP_FROM="Siang <siang@siang.test>" \
    SIANG_SMTP_CA_FILE="$sink_cert" "$bin" serve > "$dir/server.log" 2>&1 &
  local server=$!
  for _ in $(seq 1 100); do
    curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
    sleep 0.2
  done

  log "end-to-end tests on $name against http://127.0.0.1:$port (JavaScript on and off)"
  (cd end2end && SIANG_BASE_URL="http://127.0.0.1:$port" SIANG_BIN="../$bin" SIANG_MAIL_DIR="$mail_dir" \
    DATABASE_URL="$(echo "$url" | sed 's#^sqlite://target/#sqlite://../target/#')" \
    npx playwright test --output "test-results/$name" "${@:3}") || status=$?
  kill -TERM $server; wait $server || true
  kill -TERM $sink 2>/dev/null; wait $sink 2>/dev/null || true

  # What the tests sent must appear in no log line: the canary headers, the
  # browser's real address (all but the line announcing the listening address)
  # and any text the tests typed into answers.
  log "searching the $name server log for client addresses, user agents and answer text"
  local lines
  lines=$(wc -l < "$dir/server.log")
  if grep -nE '203\.0\.113\.77|CANARY|E2E|REPLY|Typed with care|The garden|textarea|NeverSent|MyOwnWords|MODjs|PIIjs|SGjs|SGmod|សៀវភៅថ្មី|លិខិតឆ្លងដែន|hints at a threat|case 44|TPLjs|ព្រះអាទិត្យ|អរគុណដែលបានប្រាប់យើង|យើងនៅទីនេះ' "$dir/server.log" \
     || grep -n '127\.0\.0\.1' "$dir/server.log" | grep -v ' serving addr='; then
    echo "the $name server log contains a client address, user agent or form content" >&2
    status=1
  fi
  log "$name server log: $lines lines at RUST_LOG=$RUST_LOG, none with a client address or answer text"
  return $status
}

status=0
run_suite sqlite "sqlite://target/e2e/sqlite/siang.db" "$@" || status=1
if [ -n "${SIANG_TEST_PG_URL:-}" ]; then
  db="siang_e2e_$$"
  psql "$SIANG_TEST_PG_URL" -X -q -c "CREATE DATABASE $db" >/dev/null
  # On PostgreSQL, every journey that reads or writes data; the two specs of
  # the browser side alone (language choice, focus, Back, CSP, a shared
  # phone's history) do not touch a backend-specific path, and their server
  # side runs on PostgreSQL in the router suite. Named specs run as asked.
  if [ $# -eq 0 ]; then
    set -- $(cd end2end && ls tests/*.spec.mjs | grep -v -e landing.spec -e shared_phone.spec)
  fi
  run_suite postgres "${SIANG_TEST_PG_URL%/*}/$db" "$@" || status=1
fi
exit $status
