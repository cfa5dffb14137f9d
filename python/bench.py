"""Compile speed from Python against the native Rust API, on the same 1,000-node workflow.

    python python/bench.py [--runs 50] [--rounds 3]

Needs the kubegraph package installed (``bash python/run-tests.sh`` installs it in
~/.cache/kubegraph/venv) and cargo. The workflow is 111 copies of the storefront fixture
(nine nodes: ingress, services, deployments, ConfigMap, Secret, HPA, NetworkPolicy), each
in its own namespace with its own run-time secret values, plus one ConfigMap: 1,000 nodes.
Both sides get the same JSON text and values and compile through kubegraph-bindings; the
native side is ``bindings/benches/compile_1000.rs``. Python's time includes reading the
arguments and building ``yaml`` and ``diagnostics``; ``objects`` become dicts on first
access, so that is timed separately (from text, and from a dict argument too). Rounds
alternate the two sides so that load from other processes hits both alike; the figure of
each side is the median of its per-round medians. The goal is a ratio under 1.3.
"""

from __future__ import annotations

import argparse
import copy
import json
import re
import statistics
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

import kubegraph

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "workflows"
COPIES = 111  # 111 x 9 nodes + 1 = 1,000


def generate() -> tuple[dict[str, Any], dict[str, Any]]:
    """The 1,000-node workflow and its run-time values."""
    storefront = json.loads((FIXTURES / "storefront.json").read_text(encoding="utf-8"))
    values = json.loads((FIXTURES / "storefront.values.json").read_text(encoding="utf-8"))
    parts = json.dumps({"nodes": storefront["nodes"], "edges": storefront["edges"]})
    workflow = copy.deepcopy(storefront)
    workflow["name"] = "storefront-1000"
    workflow["nodes"], workflow["edges"] = [], []
    generated: dict[str, dict[str, Any]] = {"secrets": {}, "envVars": {}}
    for k in range(COPIES):
        # Own node ids, namespace and host for each copy; everything else as in the fixture.
        text = re.sub(r"\bnode-(\d+)", lambda m: f"node-{k}-{m.group(1)}", parts)
        text = text.replace('"shop"', f'"shop-{k}"').replace("shop.example.com", f"shop-{k}.example.com")
        copied = json.loads(text)
        workflow["nodes"] += copied["nodes"]
        workflow["edges"] += copied["edges"]
        for section, by_node in values.items():
            for node, keys in by_node.items():
                generated[section][f"node-{k}-{node.removeprefix('node-')}"] = dict(keys)
    workflow["nodes"].append(
        {
            "id": "node-extra",
            "type": "configmap",
            "position": {"x": 0, "y": 0},
            "data": {"id": "node-extra", "name": "bench-settings", "namespace": "default", "data": {"MODE": "bench"}},
        }
    )
    assert len(workflow["nodes"]) == 1000
    return workflow, generated


def native_median(workflow: Path, values: Path, runs: int) -> dict[str, Any]:
    """Runs the Rust bench (built by cargo in the bench profile) and reads its report."""
    command = ["cargo", "bench", "--quiet", "-j", "2", "-p", "kubegraph-bindings", "--bench", "compile_1000", "--"]
    output = subprocess.run(
        [*command, str(workflow), str(values), str(runs)], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    report: dict[str, Any] = json.loads(output.strip().splitlines()[-1])
    return report


def python_median(argument: Any, values: dict[str, Any], runs: int, *, with_objects: bool = False) -> float:
    """Median wall time of ``kubegraph.compile`` in milliseconds; ``with_objects`` also
    reads ``objects``, which builds the dicts (they are built on first access)."""
    kubegraph.compile(argument, values=values)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        result = kubegraph.compile(argument, values=values)
        if with_objects:
            _ = result.objects
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1e3


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=50, help="compiles per side and round")
    parser.add_argument("--rounds", type=int, default=3, help="alternating rounds")
    args = parser.parse_args()

    workflow, values = generate()
    with tempfile.TemporaryDirectory() as scratch:
        workflow_path, values_path = Path(scratch) / "workflow-1000.json", Path(scratch) / "values.json"
        workflow_path.write_text(json.dumps(workflow), encoding="utf-8")
        values_path.write_text(json.dumps(values), encoding="utf-8")
        text = workflow_path.read_text(encoding="utf-8")
        native, from_text, from_dict, with_objects = [], [], [], []
        for _ in range(args.rounds):
            report = native_median(workflow_path, values_path, args.runs)
            native.append(report["median_ms"])
            from_text.append(python_median(text, values, args.runs))
            from_dict.append(python_median(workflow, values, args.runs))
            with_objects.append(python_median(text, values, args.runs, with_objects=True))

    result = kubegraph.compile(text, values=values)
    assert len(result.objects) == report["objects"] and len(result.yaml.encode()) == report["yaml_bytes"]
    rust, python_text, python_dict, python_objects = (
        statistics.median(times) for times in (native, from_text, from_dict, with_objects)
    )
    print(f"workflow: 1,000 nodes, {len(workflow['edges'])} edges -> {report['objects']} objects, {report['yaml_bytes']:,} bytes of YAML")
    print(f"{args.rounds} rounds x {args.runs} compiles per side; medians:")
    print(f"  Rust API (kubegraph-bindings, JSON text)  {rust:8.2f} ms")
    print(f"  Python kubegraph.compile(str)             {python_text:8.2f} ms   ratio {python_text / rust:.2f}")
    print(f"  Python kubegraph.compile(dict)            {python_dict:8.2f} ms   ratio {python_dict / rust:.2f}")
    print(f"  Python compile(str) and read .objects     {python_objects:8.2f} ms   ratio {python_objects / rust:.2f}")
    print(f"goal: Python under 1.3x native -> {'met' if python_text / rust < 1.3 else 'NOT met'}")


if __name__ == "__main__":
    main()
