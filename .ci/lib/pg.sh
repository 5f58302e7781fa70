#!/usr/bin/env bash
# A throwaway PostgreSQL for the tests: `pg.sh start` prints the admin URL,
# `pg.sh stop` removes it. Debian's postgresql, run as the postgres user on a
# temporary data directory and a free port.
set -euo pipefail
cd "$(dirname "$0")/../.."
. .ci/lib/common.sh

state=target/pg
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)

run_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "${1:-}" in
  start)
    [ -n "$bin" ] || die "PostgreSQL is not installed (Debian package postgresql)"
    "$0" stop >/dev/null 2>&1 || true
    data=$(mktemp -d /tmp/siang-pg.XXXXXX)
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
    [ "$(id -u)" = 0 ] && chown postgres "$data"
    run_pg "$bin/initdb" -D "$data" -U postgres -A trust --no-sync -E UTF8 >/dev/null
    run_pg "$bin/pg_ctl" -D "$data" -l "$data/log" -w -o "-p $port -k $data -c listen_addresses=127.0.0.1 -c max_connections=400 -c fsync=on" start >/dev/null
    mkdir -p "$state"
    echo "$data" > "$state/data"
    echo "postgres://postgres@127.0.0.1:$port/postgres" > "$state/url"
    cat "$state/url"
    ;;
  stop)
    if [ -f "$state/data" ]; then
      data=$(cat "$state/data")
      run_pg "$bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null 2>&1 || true
      rm -rf "$data" "$state"
    fi
    ;;
  url) cat "$state/url" ;;
  *) die "usage: pg.sh start|stop|url" ;;
esac
