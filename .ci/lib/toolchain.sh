#!/usr/bin/env bash
# Installs the pieces the build needs, only when missing: the wasm32 target
# (rustup, or Debian's rustc-web with build-std as a fallback), the
# wasm-bindgen CLI of exactly the version in Cargo.lock, and the npm packages
# of end2end/ (playwright-core, and binaryen for a wasm-opt that works).
set -euo pipefail
cd "$(dirname "$0")/../.."
. .ci/lib/common.sh

ensure_wasm_target() {
  if rustup target list --installed 2>/dev/null | grep -q '^wasm32-unknown-unknown$'; then return; fi
  log "installing the wasm32-unknown-unknown target"
  if rustup target add wasm32-unknown-unknown; then return; fi
  log "rustup could not add the target; falling back to Debian's rustc-web with build-std"
  as_root apt-get update -q
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q rustc-web cargo-web rust-web-src lld
  touch target/.use-debian-wasm
}

ensure_wasm_bindgen() {
  local want have
  want=$(wasm_bindgen_version)
  have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
  if [ "$have" = "$want" ]; then return; fi
  log "installing wasm-bindgen-cli $want (have: ${have:-none}); this takes a while once"
  # A quick, unoptimised build of the tool is plenty: it runs for seconds.
  CARGO_PROFILE_RELEASE_OPT_LEVEL=1 CARGO_PROFILE_RELEASE_LTO=off CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
    CARGO_PROFILE_RELEASE_DEBUG=0 cargo install wasm-bindgen-cli --version "=$want"
}

ensure_npm() {
  if [ -d end2end/node_modules/playwright-core ] && [ -d end2end/node_modules/pngjs ] && [ -d end2end/node_modules/smtp-server ] && [ -x end2end/node_modules/.bin/wasm-opt ]; then return; fi
  log "installing end2end npm packages"
  (cd end2end && npm ci --no-audit --no-fund --loglevel=error)
}

mkdir -p target
ensure_wasm_target
ensure_wasm_bindgen
ensure_npm
