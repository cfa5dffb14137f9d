#!/usr/bin/env bash
# wasm/run-tests.sh: the WebAssembly package's suites (run wasm/build.sh first).
#
# node --test over test/*.test.mjs: CLI parity on every fixture and every diagnostic code, the JS API, the
# TypeScript definitions, the size limits, and the demo in headless Chromium (screenshot
# in test-artifacts/demo.png). Installs what it lacks: Debian's chromium, the npm dev
# dependencies, and the CLI the results are compared with (KUBEGRAPH_CLI, else
# ${CARGO_TARGET_DIR:-~/.cache/kubegraph/target}/debug/kubegraph, built with cargo).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
log() { printf '[wasm/run-tests %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
SUDO=; [ "$(id -u)" -eq 0 ] || SUDO=sudo

[ -f "$HERE/pkg/package.json" ] || { log "wasm/pkg is missing: run bash wasm/build.sh first"; exit 1; }

if ! dpkg -s chromium 2>/dev/null | grep -q '^Status: install ok installed'; then
  log "apt: installing chromium"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive nice -n 10 $SUDO apt-get install -y -qq chromium >/dev/null
fi

lock_hash=$(sha256sum "$HERE/package-lock.json" | cut -d' ' -f1)
if [ "$(cat "$HERE/node_modules/.kg-lock-hash" 2>/dev/null)" != "$lock_hash" ]; then
  log "npm ci"
  (cd "$HERE" && npm ci --no-audit --no-fund --silent)
  echo "$lock_hash" >"$HERE/node_modules/.kg-lock-hash"
fi

if [ -z "${KUBEGRAPH_CLI:-}" ]; then
  export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$HOME/.cache/kubegraph/target}
  # A no-op when it is up to date; a stale CLI would make the parity suite lie.
  log "cargo build -p kubegraph-cli"
  (cd "$ROOT" && nice -n 10 cargo build -p kubegraph-cli -j 2 --quiet ${CI:+--locked})
fi

cd "$HERE"
node --test test/*.test.mjs
