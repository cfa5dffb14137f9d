#!/usr/bin/env bash
# Builds the Python wheel from scratch into a virtual environment and runs the Python suite:
# mypy's stubtest (the .pyi stubs against the built module), mypy --strict over the tests
# (the stubs in use), then pytest, which compares every fixture's results with the CLI's.
# Idempotent: the venv and cargo's target directory live in ~/.cache/kubegraph and are
# reused; the wheel itself is rebuilt every run.
#
#   KUBEGRAPH_VENV    virtual environment (default ~/.cache/kubegraph/venv)
#   CARGO_TARGET_DIR  cargo output (default ~/.cache/kubegraph/target)
#   KUBEGRAPH_CLI     the kubegraph binary to compare with (default: built here)
#   PYTHON            interpreter that creates the venv (default python3)
#   Extra arguments go to pytest.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
venv=${KUBEGRAPH_VENV:-$HOME/.cache/kubegraph/venv}
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$HOME/.cache/kubegraph/target}
jobs=${CARGO_BUILD_JOBS:-2}

if [ ! -x "$venv/bin/python" ]; then
  "${PYTHON:-python3}" -m venv "$venv"
fi
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
  'maturin>=1.9.4,<2' 'pytest>=8' 'mypy>=1.10' 'kubernetes-validate>=1.33'

# The CLI the results are compared with (the dev profile, as `cargo test` builds it).
if [ -z "${KUBEGRAPH_CLI:-}" ]; then
  cargo build -j "$jobs" -p kubegraph-cli --manifest-path "$here/../Cargo.toml"
  export KUBEGRAPH_CLI="$CARGO_TARGET_DIR/debug/kubegraph"
fi

wheels=$(mktemp -d)
trap 'rm -rf "$wheels"' EXIT
"$venv/bin/maturin" build --release -j "$jobs" --manifest-path "$here/Cargo.toml" \
  --interpreter "$venv/bin/python" --out "$wheels"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check --force-reinstall --no-deps "$wheels"/kubegraph-*.whl

# From a directory without the sources, so the installed package is what gets imported.
(cd "$wheels" && "$venv/bin/python" -m mypy.stubtest kubegraph)
cd "$here"
# The tests and bench.py, strictly, against the stubs; the cache stays out of the repo.
MYPY_CACHE_DIR="$venv/mypy-cache" "$venv/bin/python" -m mypy
"$venv/bin/python" -m pytest -p no:cacheprovider "$@"
