#!/usr/bin/env bash
# scripts/bench.sh: the performance table of the README (issue 14's), printed as Markdown.
#
#   bash scripts/bench.sh [RUNS]            (also `make bench`; RUNS defaults to 10)
#
# 1. The release CLI, whole process, on the generated 10,000-node workflow
#    (`cargo run --release -p kubegraph --example generate_workflow -- 10000`): median wall
#    time of RUNS runs and the median of their peak RSS, for `kubegraph validate`,
#    `kubegraph compile` (YAML) and `kubegraph compile --format json`. Every run must
#    succeed, so a compile refusing the workflow is not timed as a fast one.
# 2. In process, 1,000 nodes: the WebAssembly build in Node against the same facade calls
#    compiled natively (wasm/bench/bench.mjs, which builds wasm/examples/native_timing.rs).
#    Needs the wasm toolchain (wasm/build.sh installs it; set KG_BENCH_WASM=0 to skip).
#
# Not part of `make test`: timings are benchmarks, not tests. On a shared machine they
# move with the load of the others; say so when quoting them.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
RUNS=${1:-10}
NODES=10000
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$HOME/.cache/kubegraph/target}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cd "$ROOT"

log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

log "building the release CLI and the workflow generator"
cargo build --quiet --release -j 2 -p kubegraph-cli
cargo run --quiet --release -j 2 -p kubegraph --example generate_workflow -- "$NODES" >"$WORK/workflow.json" ||
  { log "ERROR: the generator (core/examples/generate_workflow.rs) did not run"; exit 1; }
CLI=$CARGO_TARGET_DIR/release/kubegraph

# The generated workflow has plugin nodes (a cert-manager Certificate with a secret name):
# their definitions, so that validate and compile build them rather than refuse them.
cargo run --quiet --release -j 2 -p kubegraph --example generate_workflow -- plugins >"$WORK/plugins.json"

# Median wall (ms) and median peak RSS (MB) of RUNS runs of a command, output discarded;
# wait4 gives each run's own peak RSS.
measure() {
  python3 - "$RUNS" "$@" <<'EOF'
import os, statistics, subprocess, sys, time
runs, command = int(sys.argv[1]), sys.argv[2:]
walls, peaks = [], []
for _ in range(runs):
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    walls.append((time.perf_counter() - start) * 1000)
    peaks.append(usage.ru_maxrss / 1024)
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{' '.join(command)} exited {os.waitstatus_to_exitcode(status)}")
print(f"{statistics.median(walls):.0f} ms | {statistics.median(peaks):.0f} MB")
EOF
}

objects=$("$CLI" compile --format json "$WORK/workflow.json" --plugins "$WORK/plugins.json" 2>/dev/null \
  | python3 -c 'import json, sys; print(len(json.load(sys.stdin)["items"]))')
yaml_bytes=$("$CLI" compile "$WORK/workflow.json" --plugins "$WORK/plugins.json" 2>/dev/null | wc -c)
log "measuring the CLI, $RUNS runs each"
echo "Release CLI, whole process, generated workflow of $NODES nodes" \
  "($(( $(wc -c <"$WORK/workflow.json") / 1024 )) KiB of JSON, $objects objects," \
  "$(( yaml_bytes / 1024 )) KiB of YAML); median of $RUNS runs, $(nproc) cores:"
echo
echo "| command | wall | peak memory |"
echo "|---|---|---|"
echo "| \`kubegraph validate\` | $(measure "$CLI" validate "$WORK/workflow.json" --plugins "$WORK/plugins.json") |"
echo "| \`kubegraph compile\` (YAML) | $(measure "$CLI" compile "$WORK/workflow.json" --plugins "$WORK/plugins.json") |"
echo "| \`kubegraph compile --format json\` | $(measure "$CLI" compile --format json "$WORK/workflow.json" --plugins "$WORK/plugins.json") |"

if [ "${KG_BENCH_WASM:-1}" != 0 ]; then
  log "building the WebAssembly package"
  bash wasm/build.sh >&2
  echo
  (cd wasm && node bench/bench.mjs --runs "$RUNS")
fi
