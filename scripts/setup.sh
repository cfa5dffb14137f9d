#!/usr/bin/env bash
# Installs what kubegraph's checks need on a fresh machine, idempotently: the Rust
# components, and a Python virtual environment with the build and schema-checking tools.
# The WebAssembly toolchain is installed by wasm/build.sh, the API server for the
# applier's tests by scripts/k8s-test-env.sh.
set -euo pipefail

cache="${HOME}/.cache/kubegraph"
venv="${KUBEGRAPH_VENV:-${cache}/venv}"
mkdir -p "${cache}"

if ! command -v cargo >/dev/null; then
  echo "setup: cargo is required (install Rust with rustup)" >&2
  exit 1
fi
if command -v rustup >/dev/null; then
  installed="$(rustup component list --installed)"
  for component in rustfmt clippy; do
    grep -q "^${component}" <<<"${installed}" || rustup component add "${component}"
  done
fi

# cargo-insta runs the snapshot tests and rejects unreferenced snapshots.
tools="${cache}/tools"
if [ ! -x "${tools}/bin/cargo-insta" ]; then
  cargo install --quiet --root "${tools}" cargo-insta
fi
# cargo-deny checks the dependencies' licences and sources (deny.toml).
if [ ! -x "${tools}/bin/cargo-deny" ]; then
  cargo install --quiet --root "${tools}" cargo-deny
fi

if [ ! -x "${venv}/bin/python" ]; then
  python3 -m venv "${venv}"
fi
python_packages=(maturin pytest mypy kubernetes-validate)
if ! "${venv}/bin/python" -c 'import maturin, pytest, mypy, kubernetes_validate' 2>/dev/null; then
  "${venv}/bin/pip" install --quiet --upgrade pip
  "${venv}/bin/pip" install --quiet "${python_packages[@]}"
fi
echo "setup: Rust components, cargo-insta, cargo-deny and ${venv} ready"
