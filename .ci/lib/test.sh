#!/usr/bin/env bash
# The README's test command (`make test`) runs this: install what is missing,
# then format, lint, all Rust tests on SQLite and a throwaway PostgreSQL, and
# the end-to-end suite with JavaScript on and off.
set -euo pipefail
cd "$(dirname "$0")/../.."
. .ci/lib/common.sh
start=$(date +%s)
# A one-off run gains nothing from incremental caches, which were a third of
# target/ (gigabytes) on a disk that CI once filled.
export CARGO_INCREMENTAL=0
disk_report "start"

.ci/lib/system-deps.sh test
.ci/lib/toolchain.sh

disk_report "tools installed"
log "cargo fmt --check"
cargo fmt --all --check
# Lints build metadata-only artifacts that no later step reuses; they get a
# target directory of their own so that a tight disk can have it back.
log "clippy (server side, warnings denied)"
CARGO_TARGET_DIR=target/lint cargo clippy --workspace --all-targets -- -D warnings
log "clippy (browser side, warnings denied)"
CARGO_TARGET_DIR=target/lint cargo clippy -p app --lib --target wasm32-unknown-unknown \
  --no-default-features --features hydrate -- -D warnings
disk_report "after clippy"
if tight_disk; then rm -rf target/lint; fi

log "starting a throwaway PostgreSQL"
pg_url=$(.ci/lib/pg.sh start)
trap '.ci/lib/pg.sh stop' EXIT
log "Rust tests: SQLite and PostgreSQL ($pg_url)"
SIANG_TEST_PG_URL="$pg_url" SIANG_REQUIRE_PG=1 cargo test --workspace
log "router, canary and SIGKILL durability tests again, each server on its own PostgreSQL database"
# --workspace (not -p server) keeps the features of the run above: -p would
# resolve them anew and recompile leptos, the app and the server (2 minutes).
SIANG_TEST_PG_URL="$pg_url" SIANG_TEST_BACKEND=postgres cargo test --workspace --test it --test canary --test durability

disk_report "after Rust tests"
# The test binaries (about 100 MB each) are not needed by the end-to-end run.
if tight_disk; then find target/debug/deps -maxdepth 1 -type f -perm -u+x -delete; fi
SIANG_SERVER_TESTED=1 .ci/lib/build-site.sh debug
disk_report "site built"
SIANG_TEST_PG_URL="$pg_url" .ci/lib/e2e.sh
disk_report "end"

log "all tests passed in $(( ($(date +%s) - start) / 60 )) min"
