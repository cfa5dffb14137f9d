"""Python gives the CLI's answers for every fixture: same diagnostics, same YAML bytes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import kubegraph
import pytest

from conftest import FIXTURES, Case, Cli


def test_validate_matches_cli(case: Case, cli: Cli) -> None:
    result = cli("validate", str(case.path), "--format", "json", *case.cli_options(with_values=False))
    diagnostics = kubegraph.validate(case.text, **case.options(with_values=False))
    assert [diagnostic.to_dict() for diagnostic in diagnostics] == json.loads(result.stdout)
    has_errors = any(diagnostic.severity == "error" for diagnostic in diagnostics)
    assert result.returncode == (1 if has_errors else 0), result.stderr


def test_compile_matches_cli(case: Case, cli: Cli) -> None:
    result = cli("compile", str(case.path), *case.cli_options(with_values=True))
    options = case.options(with_values=True)
    if result.returncode == 1:
        with pytest.raises(kubegraph.WorkflowError) as raised:
            kubegraph.compile(case.text, **options)
        # The message is what the CLI writes to stderr, node names included.
        assert str(raised.value) + "\n" == result.stderr.decode()
        assert any(diagnostic.severity == "error" for diagnostic in raised.value.diagnostics)
        return
    assert result.returncode == 0, result.stderr.decode()
    compiled = kubegraph.compile(case.text, **options)
    assert compiled.yaml.encode() == result.stdout
    # Warnings and infos go to the CLI's stderr and to `diagnostics` in Python.
    stderr = result.stderr.decode()
    for diagnostic in compiled.diagnostics:
        assert f"{diagnostic.severity}[{diagnostic.code}]: {diagnostic.message}\n" in stderr
    assert stderr.count("\n  -->") <= len(compiled.diagnostics)
    assert bool(compiled.diagnostics) == bool(stderr)


def test_valid_fixtures_compile(valid_case: Case) -> None:
    """Not vacuous: the fixtures outside invalid/ produce manifests."""
    compiled = kubegraph.compile(valid_case.text, **valid_case.options(with_values=True))
    assert compiled.objects
    assert compiled.yaml


def test_every_input_form_gives_the_same_answers(case: Case) -> None:
    """Text, UTF-8 bytes, a dict and a loaded Workflow are the same workflow."""
    forms: list[Any] = [case.text, case.text.encode()]
    try:
        document = json.loads(case.text)
    except ValueError:
        pass  # invalid/truncated.json: only text and bytes can carry it
    else:
        forms += [document, kubegraph.load(document)]
    options = case.options(with_values=True)
    expected = kubegraph.validate(case.text, plugins=options.get("plugins"))
    for form in forms:
        assert kubegraph.validate(form, plugins=options.get("plugins")) == expected
    outcomes: list[tuple[object, ...]] = []
    for form in forms:
        try:
            compiled = kubegraph.compile(form, **options)
            outcomes.append(("ok", compiled.yaml, compiled.objects, compiled.diagnostics))
        except kubegraph.WorkflowError as error:
            outcomes.append(("error", str(error), error.diagnostics, None))
    assert all(outcome == outcomes[0] for outcome in outcomes)


def test_schemas_match_cli(cli: Cli) -> None:
    names = cli("schema").stdout.decode().split()
    assert "workflow" in names
    for name in names:
        printed = cli("schema", name).stdout.decode()
        # Same content and the same key order.
        assert json.dumps(kubegraph.schema(name)) == json.dumps(json.loads(printed))


def test_version_matches_cli(cli: Cli) -> None:
    assert cli("--version").stdout.decode().split() == ["kubegraph", kubegraph.__version__]


def large_workflow(copies: int) -> tuple[dict[str, Any], dict[str, Any]]:
    """The storefront fixture copied into one namespace per copy, node ids suffixed
    (wherever they are named), with run-time values for every copy."""
    base = json.loads((FIXTURES / "storefront.json").read_text(encoding="utf-8"))
    base_values = json.loads((FIXTURES / "storefront.values.json").read_text(encoding="utf-8"))
    ids = {node["id"] for node in base["nodes"]}

    def renamed(value: Any, copy: int) -> Any:
        if isinstance(value, str):
            return f"{value}-c{copy}" if value in ids else value.replace("shop", f"shop-{copy}")
        if isinstance(value, list):
            return [renamed(item, copy) for item in value]
        if isinstance(value, dict):
            return {key: renamed(item, copy) for key, item in value.items()}
        return value

    workflow = {**base, "name": "large", "nodes": [], "edges": []}
    values: dict[str, Any] = {"secrets": {}, "envVars": {}}
    for copy in range(copies):
        workflow["nodes"] += renamed(base["nodes"], copy)
        workflow["edges"] += [{**edge, "id": f"{edge['id']}-c{copy}", "source": f"{edge['source']}-c{copy}",
                               "target": f"{edge['target']}-c{copy}"} for edge in base["edges"]]
        for kind in ("secrets", "envVars"):
            for node_id, entries in base_values[kind].items():
                values[kind][f"{node_id}-c{copy}"] = entries
    return workflow, values


@pytest.mark.parametrize("broken", [False, True], ids=["valid", "invalid-image"])
def test_large_workflow_matches_cli(broken: bool, cli: Cli, tmp_path: Path) -> None:
    """1,008 nodes: validated on a second thread while it is built, with the same answers."""
    workflow, values = large_workflow(112)
    if broken:
        next(node for node in workflow["nodes"] if node["type"] == "deployment")["data"]["image"] = "Shop Web:latest"
    workflow_file, values_file = tmp_path / "workflow.json", tmp_path / "values.json"
    workflow_file.write_text(json.dumps(workflow), encoding="utf-8")
    values_file.write_text(json.dumps(values), encoding="utf-8")
    result = cli("compile", str(workflow_file), "--values", str(values_file))
    if broken:
        assert result.returncode == 1
        with pytest.raises(kubegraph.WorkflowError) as raised:
            kubegraph.compile(workflow, values=values)
        assert str(raised.value) + "\n" == result.stderr.decode()
    else:
        assert result.returncode == 0, result.stderr.decode()
        compiled = kubegraph.compile(workflow, values=values)
        assert len(compiled.objects) > 1000
        assert compiled.yaml.encode() == result.stdout
