# Shared helpers for the scripts in .ci/lib (sourced, not run).
log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else die "need root for: $*"; fi
}

# The wasm-bindgen crate version pinned in Cargo.lock.
wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock
}

# One line on free disk and the size of target/: a full disk once failed CI
# half-way through a build, and this makes the next one obvious in the log.
disk_report() {
  local free used
  free=$(df -h --output=avail . | tail -1 | tr -d ' ')
  used=$(du -sh target 2>/dev/null | cut -f1 || true)
  log "disk: ${free} free, target/ ${used:-0} ($*)"
}

# True when less than 10 GB are free here: then build outputs that later
# steps do not need are removed as soon as they have served.
tight_disk() {
  [ "$(df --output=avail -k . | tail -1 | tr -d ' ')" -lt $((10 * 1024 * 1024)) ]
}
