#!/usr/bin/env bash
# wasm/build.sh: builds the `kubegraph` npm package into wasm/pkg/.
#
#   pkg/package.json   name kubegraph, version from Cargo; `exports` picks the build:
#   pkg/node/          --target nodejs  (CommonJS, loads the .wasm synchronously)
#   pkg/bundler/       --target bundler (ES module importing the .wasm: webpack, Vite, ...)
#   pkg/web/           --target web     (ES module with `init()`, for browsers without a bundler)
#   each with kubegraph.js, kubegraph_bg.wasm (wasm-opt -Oz), kubegraph.d.ts, types.d.ts
#
# Works on a fresh Debian machine: rustup cannot add the wasm32 target and wasm-pack
# downloads binaries, so (see shared/toolchain.md) Debian's rustc-web builds std for
# wasm32 from rust-web-src (-Zbuild-std), wasm-bindgen-cli is built from crates.io at the
# exact version in Cargo.lock, and wasm-opt comes from npm's binaryen (Debian's
# binaryen 108 corrupts wasm-bindgen's externref table). Each tool is installed only when
# missing; a rebuild with nothing changed only re-runs `cargo build` and exits.
#
# Environment (optional): KG_CACHE (default ~/.cache/kubegraph) holds tools/ and the
# cargo target dir wasm-target/; CI=true adds --locked to cargo.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
PKG=$HERE/pkg
CACHE=${KG_CACHE:-$HOME/.cache/kubegraph}
TOOLS=$CACHE/tools
TARGET_DIR=$CACHE/wasm-target
BINARYEN_VERSION=132.0.0
NICE="nice -n 10"
OUT_NAME=kubegraph

log() { printf '[wasm/build %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
SUDO=; [ "$(id -u)" -eq 0 ] || SUDO=sudo
mkdir -p "$TOOLS"

# Serialise tool installation with concurrent builds (the Python package shares ~/.cache).
exec 9>"$TOOLS/.lock"
flock 9

# ---------------------------------------------------------------- Debian toolchain
APT_PKGS=(rustc-web cargo-web rust-web-src lld-19 nodejs npm gzip)
missing=()
for p in "${APT_PKGS[@]}"; do
  dpkg -s "$p" 2>/dev/null | grep -q '^Status: install ok installed' || missing+=("$p")
done
# node and npm may come from elsewhere than Debian (nodesource, nvm): only install when absent.
command -v node >/dev/null && missing=("${missing[@]/nodejs}")
command -v npm >/dev/null && missing=("${missing[@]/npm}")
read -r -a missing <<<"${missing[*]}"
if [ ${#missing[@]} -gt 0 ]; then
  log "apt: installing ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $NICE $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi
DEB_CARGO=/usr/bin/cargo
DEB_RUSTC=/usr/bin/rustc
[ -f /usr/lib/rustlib/src/rust/library/Cargo.lock ] || die "rust-web-src not found under /usr/lib/rustlib/src"

# ---------------------------------------------------------------- wasm-bindgen-cli = Cargo.lock's wasm-bindgen
WB_VERSION=$(awk '/^\[\[package\]\]/ { name = "" }
  /^name = / { gsub(/"/, "", $3); name = $3 }
  /^version = / && name == "wasm-bindgen" { gsub(/"/, "", $3); print $3 }' "$ROOT/Cargo.lock" | sort -u)
[ "$(wc -w <<<"$WB_VERSION")" -eq 1 ] || die "expected one wasm-bindgen in Cargo.lock, found: ${WB_VERSION:-none}"
WB=$TOOLS/bin/wasm-bindgen
if [ "$("$WB" --version 2>/dev/null)" != "wasm-bindgen $WB_VERSION" ]; then
  if [ -x "$HOME/.cargo/bin/cargo" ]; then HOST_CARGO=(env -u RUSTC -u RUSTFLAGS -u CARGO_TARGET_DIR "$HOME/.cargo/bin/cargo")
  else HOST_CARGO=(env -u CARGO_TARGET_DIR RUSTC=$DEB_RUSTC "$DEB_CARGO"); fi
  log "installing wasm-bindgen-cli $WB_VERSION (about 3 minutes on 2 cores)"
  # No --locked: that has failed on a yanked dependency of the CLI.
  $NICE "${HOST_CARGO[@]}" install -j 2 wasm-bindgen-cli --version "=$WB_VERSION" --root "$TOOLS" --force
  [ "$("$WB" --version)" = "wasm-bindgen $WB_VERSION" ] || die "installed wasm-bindgen has the wrong version"
fi

# ---------------------------------------------------------------- wasm-opt from npm's binaryen
WASM_OPT=$TOOLS/binaryen-npm/node_modules/.bin/wasm-opt
if ! "$WASM_OPT" --version 2>/dev/null | grep -q "^wasm-opt version ${BINARYEN_VERSION%%.*} "; then
  log "installing binaryen@$BINARYEN_VERSION from npm"
  mkdir -p "$TOOLS/binaryen-npm"
  npm install --prefix "$TOOLS/binaryen-npm" --no-audit --no-fund --no-save --silent "binaryen@$BINARYEN_VERSION"
fi
flock -u 9

# ---------------------------------------------------------------- npm dev tools (json-schema-to-typescript)
lock_hash=$(sha256sum "$HERE/package-lock.json" | cut -d' ' -f1)
if [ "$(cat "$HERE/node_modules/.kg-lock-hash" 2>/dev/null)" != "$lock_hash" ]; then
  log "npm ci (wasm/package-lock.json changed or node_modules missing)"
  (cd "$HERE" && npm ci --no-audit --no-fund --silent)
  echo "$lock_hash" >"$HERE/node_modules/.kg-lock-hash"
fi

# ---------------------------------------------------------------- cargo build for wasm32
# Release profile of this build alone, set here rather than in the workspace's Cargo.toml:
# opt-level 3 (speed), whole-program LTO and one codegen unit so that wasm-opt -Oz then
# has the least to shrink. opt-level z was about 4x slower than native (README,
# "Performance"), mostly from code LLVM no longer inlines; see wasm/test/size.test.mjs
# for what 3 costs in size.
cargo_args=(build --target wasm32-unknown-unknown -Zbuild-std=std,panic_abort --release
            -p kubegraph-wasm -j 2 --message-format=json-render-diagnostics)
[ "${CI:-}" = true ] && cargo_args+=(--locked)
log "cargo build -p kubegraph-wasm (Debian rustc $("$DEB_RUSTC" --version | cut -d' ' -f2), target dir $TARGET_DIR)"
json=$(mktemp)
trap 'rm -f "$json"' EXIT
# RUSTC/RUSTDOC explicit and /usr/bin first: otherwise Debian's cargo runs the rustup
# rustc found on PATH, whose sysroot has no std source for build-std.
(cd "$ROOT" && env -u RUSTUP_TOOLCHAIN -u RUSTFLAGS \
  PATH="/usr/bin:$PATH" RUSTC="$DEB_RUSTC" RUSTDOC=/usr/bin/rustdoc \
  RUSTC_BOOTSTRAP=1 CARGO_TARGET_DIR="$TARGET_DIR" \
  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER=wasm-ld-19 \
  CARGO_PROFILE_RELEASE_OPT_LEVEL=3 CARGO_PROFILE_RELEASE_LTO=true \
  CARGO_PROFILE_RELEASE_CODEGEN_UNITS=1 CARGO_PROFILE_RELEASE_PANIC=abort \
  $NICE "$DEB_CARGO" "${cargo_args[@]}") >"$json"
WASM=$(grep '"reason":"compiler-artifact"' "$json" | grep -o '"filenames":\[[^]]*\]' \
       | grep -o '[^"]*\.wasm' | tail -n 1 || true)
[ -n "$WASM" ] && [ -f "$WASM" ] || die "no .wasm artefact for kubegraph-wasm"
VERSION=$(sed -n 's/.*"package_id":"[^"]*#kubegraph-wasm@\([^"]*\)".*/\1/p' "$json" | head -n 1)
[ -n "$VERSION" ] || die "no version for kubegraph-wasm in cargo's output"

# ---------------------------------------------------------------- package (skipped when its inputs are unchanged)
stamp=$({ sha256sum "$WASM" "$HERE/types/api.schema.json" "$HERE/scripts/gen-types.mjs" "$HERE/build.sh" "$HERE/package-lock.json"
          echo "$VERSION $WB_VERSION $BINARYEN_VERSION"; } | sha256sum | cut -d' ' -f1)
if [ "$(cat "$PKG/.stamp" 2>/dev/null)" = "$stamp" ]; then
  log "pkg/ is up to date"
else
  rm -rf "$PKG.tmp" && mkdir -p "$PKG.tmp"
  declare -A MODULE_TYPE=([node]=commonjs [bundler]=module [web]=module)
  for target in node bundler web; do
    dir=$PKG.tmp/$target
    "$WB" --target "$([ $target = node ] && echo nodejs || echo $target)" --out-name $OUT_NAME --out-dir "$dir" "$WASM"
    bg=$dir/${OUT_NAME}_bg.wasm
    # The three targets usually get the same module; optimise it once.
    if [ -n "${raw:-}" ] && cmp -s "$raw" "$bg"; then
      cp "$opt" "$bg"
    else
      raw=$PKG.tmp/.$target.raw.wasm opt=$bg
      cp "$bg" "$raw"
      t0=$SECONDS
      $NICE "$WASM_OPT" -Oz "$bg" -o "$bg.tmp" && mv "$bg.tmp" "$bg"
      log "wasm-opt -Oz ($target) in $((SECONDS - t0)) s"
    fi
    printf '{\n  "type": "%s"\n}\n' "${MODULE_TYPE[$target]}" >"$dir/package.json"
  done
  (cd "$HERE" && node scripts/gen-types.mjs "$PKG.tmp"/{node,bundler,web}/types.d.ts)
  cat >"$PKG.tmp/package.json" <<EOF
{
  "name": "kubegraph",
  "version": "$VERSION",
  "description": "Validate and compile Kubernetes workflow graphs into manifests, in the browser and in Node",
  "license": "Apache-2.0",
  "repository": "https://github.com/kubegraph/kubegraph",
  "main": "./node/$OUT_NAME.js",
  "module": "./bundler/$OUT_NAME.js",
  "types": "./bundler/$OUT_NAME.d.ts",
  "exports": {
    ".": {
      "node": { "types": "./node/$OUT_NAME.d.ts", "default": "./node/$OUT_NAME.js" },
      "default": { "types": "./bundler/$OUT_NAME.d.ts", "default": "./bundler/$OUT_NAME.js" }
    },
    "./web": { "types": "./web/$OUT_NAME.d.ts", "default": "./web/$OUT_NAME.js" },
    "./package.json": "./package.json"
  },
  "sideEffects": ["./bundler/$OUT_NAME.js"],
  "files": ["node/", "bundler/", "web/"],
  "engines": { "node": ">=20" }
}
EOF
  # Both packages must load before pkg/ is replaced.
  node -e "require(process.argv[1]).version()" "$PKG.tmp/node/$OUT_NAME.js" || die "node build does not load"
  node --input-type=module -e "
    import fs from 'node:fs';
    const m = await import(process.argv[1]);
    m.initSync({ module: fs.readFileSync(process.argv[2]) }); m.version();" \
    "$PKG.tmp/web/$OUT_NAME.js" "$PKG.tmp/web/${OUT_NAME}_bg.wasm" || die "web build does not load"
  # Kept for the size report: the module before wasm-opt.
  mv "$PKG.tmp/.node.raw.wasm" "$PKG.tmp/.unoptimised.wasm" && rm -f "$PKG.tmp"/.*.raw.wasm
  echo "$stamp" >"$PKG.tmp/.stamp"
  rm -rf "$PKG" && mv "$PKG.tmp" "$PKG"
  log "built pkg/ (kubegraph $VERSION)"
fi

# ---------------------------------------------------------------- sizes
size() { printf '  %-28s %9d B raw  %8d B gzip -9\n' "$1" "$(stat -c %s "$2")" "$(gzip -9c "$2" | wc -c)"; }
echo "kubegraph $VERSION wasm sizes (wasm-bindgen $WB_VERSION, wasm-opt $BINARYEN_VERSION):"
size "before wasm-opt" "$PKG/.unoptimised.wasm"
size "${OUT_NAME}_bg.wasm (-Oz)" "$PKG/web/${OUT_NAME}_bg.wasm"
size "web/$OUT_NAME.js" "$PKG/web/$OUT_NAME.js"
