#!/usr/bin/env bash
# Builds what leptos_axum serves, in cargo-leptos's layout:
#   target/site/pkg/siang.{js,wasm,css} (+ .br/.gz precompressed copies)
# then the server binary. Usage: build-site.sh [release|debug]
# (release: size-optimised wasm and a release server; debug: same wasm, debug server).
set -euo pipefail
cd "$(dirname "$0")/../.."
. .ci/lib/common.sh
mode=${1:-release}
site=target/site/pkg
mkdir -p "$site"

log "building the browser part (app, hydrate feature, wasm-release profile)"
if [ -f target/.use-debian-wasm ]; then
  lld_bin=$(command -v rust-lld || command -v wasm-ld || command -v wasm-ld-16 || true)
  RUSTC=/usr/bin/rustc RUSTC_BOOTSTRAP=1 CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER="$lld_bin" \
    /usr/bin/cargo build -p app --lib --target wasm32-unknown-unknown --profile wasm-release \
    --no-default-features --features hydrate -Z build-std=std,panic_abort
else
  cargo build -p app --lib --target wasm32-unknown-unknown --profile wasm-release \
    --no-default-features --features hydrate
fi

log "wasm-bindgen"
wasm-bindgen target/wasm32-unknown-unknown/wasm-release/app.wasm --target web --no-typescript \
  --out-dir "$site" --out-name siang
# wasm-bindgen names the module <name>_bg.wasm; leptos (LEPTOS_OUTPUT_NAME set) loads <name>.wasm.
mv -f "$site/siang_bg.wasm" "$site/siang.wasm"
sed -i 's/siang_bg\.wasm/siang.wasm/g' "$site/siang.js"

# npm's binaryen only: Debian's wasm-opt 108 silently breaks the externref table.
if [ -x end2end/node_modules/.bin/wasm-opt ]; then
  log "wasm-opt -Oz (npm binaryen)"
  end2end/node_modules/.bin/wasm-opt -Oz --strip-debug --strip-producers --enable-bulk-memory --enable-nontrapping-float-to-int \
    --enable-reference-types --enable-sign-ext --enable-mutable-globals --enable-multivalue \
    "$site/siang.wasm" -o "$site/siang.opt.wasm"
  mv -f "$site/siang.opt.wasm" "$site/siang.wasm"
fi

cp style/main.css "$site/siang.css"
for f in "$site"/siang.{js,wasm,css}; do
  if command -v brotli >/dev/null; then brotli -f -q 11 -o "$f.br" "$f"; fi
  gzip -f -k -9 "$f"
done

if [ "$mode" = release ]; then
  log "building the server (release)"
  cargo build -p server --release
elif [ -n "${SIANG_SERVER_TESTED:-}" ] && [ -x target/debug/siang ]; then
  # `make test` has just built the debug server for the Rust tests (with
  # the test build's features): building it again would recompile a
  # hundred crates for nothing.
  log "using the debug server built by the Rust tests"
else
  log "building the server (debug)"
  cargo build -p server
fi
ls -l "$site"
