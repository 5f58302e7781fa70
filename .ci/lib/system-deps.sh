#!/usr/bin/env bash
# Debian packages the tests need, installed only when missing:
# chromium (end-to-end tests), postgresql (the second backend), brotli
# (precompressed assets), and the Noto fonts for Khmer, Lao, Burmese and
# Thai, so that the layout tests measure what a phone shows rather than
# boxes of missing glyphs. Usage: system-deps.sh [test|run]
set -euo pipefail
cd "$(dirname "$0")/../.."
. .ci/lib/common.sh

want=()
command -v brotli >/dev/null || want+=(brotli)
if [ "${1:-test}" = test ]; then
  [ -x /usr/bin/chromium ] || want+=(chromium)
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || want+=(postgresql)
  [ -d /usr/share/fonts/truetype/noto ] && ls /usr/share/fonts/truetype/noto | grep -q Myanmar || want+=(fonts-noto-core)
fi
if [ ${#want[@]} -gt 0 ]; then
  log "installing Debian packages: ${want[*]}"
  as_root apt-get update -q
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${want[@]}"
fi
