"""Imports and diagrams give the CLI's answers.

``from_compose`` is what ``kubegraph import compose`` writes (the workflow, ``--values-out``
and the diagnostics), ``from_manifests`` what ``kubegraph import manifests --format json``
prints for manifests the CLI compiled from the fixtures, ``graph`` what ``kubegraph graph``
prints; Secret values are only ever in ``values``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Literal, Optional

import kubegraph
import pytest

from conftest import FIXTURES, ROOT, VALID_CASES, Case, Cli

COMPOSE = ROOT / "tests" / "fixtures" / "compose"
COMPOSE_FILES = sorted(path for path in COMPOSE.rglob("*.y*ml"))
GRAPH_FORMATS: list[Literal["mermaid", "dot"]] = ["mermaid", "dot"]


def has_errors(diagnostics: list[kubegraph.Diagnostic]) -> bool:
    return any(diagnostic.severity == "error" for diagnostic in diagnostics)


def secret_strings(values: Optional[dict[str, Any]]) -> list[str]:
    """Every string of the run-time values' Secrets."""
    secrets: dict[str, dict[str, Any]] = (values or {}).get("secrets", {})
    return [value for entries in secrets.values() for value in entries.values() if isinstance(value, str) and value]


def assert_secrets_only_in_values(
    workflow: Any, values: Optional[dict[str, Any]], diagnostics: list[kubegraph.Diagnostic]
) -> None:
    outside = json.dumps(workflow) + repr(diagnostics) + json.dumps([diagnostic.to_dict() for diagnostic in diagnostics])
    for secret in secret_strings(values):
        assert secret not in outside


@pytest.mark.parametrize("path", COMPOSE_FILES, ids=[str(path.relative_to(COMPOSE)) for path in COMPOSE_FILES])
def test_from_compose_matches_cli(path: Path, cli: Cli, tmp_path: Path) -> None:
    values_out = tmp_path / "values.json"
    result = cli("import", "compose", str(path), "--values-out", str(values_out))
    imported = kubegraph.from_compose(path.read_text(encoding="utf-8"))
    assert imported == kubegraph.from_compose(path.read_bytes())
    assert result.returncode == (1 if has_errors(imported["diagnostics"]) else 0), result.stderr
    stderr = result.stderr.decode()
    for diagnostic in imported["diagnostics"]:
        assert diagnostic.message in stderr
    if imported["workflow"] is None:
        # Not YAML: nothing written, the error says why.
        assert result.stdout == b""
        assert not values_out.exists()
        assert has_errors(imported["diagnostics"])
        return
    assert imported["workflow"] == json.loads(result.stdout)
    assert imported["values"] == json.loads(values_out.read_text(encoding="utf-8"))
    assert_secrets_only_in_values(imported["workflow"], imported["values"], imported["diagnostics"])


def test_some_compose_fixture_has_secret_values() -> None:
    """Not vacuous: the secret check above sees values."""
    assert any(secret_strings(kubegraph.from_compose(path.read_text(encoding="utf-8"))["values"]) for path in COMPOSE_FILES)


def compile_with_cli(cli: Cli, case: Case, output: str) -> bytes:
    result = cli("compile", str(case.path), "--format", output, *case.cli_options(with_values=True))
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize("output", ["yaml", "json"])
def test_from_manifests_matches_cli(valid_case: Case, output: str, cli: Cli, tmp_path: Path) -> None:
    manifests = tmp_path / f"manifests.{output}"
    manifests.write_bytes(compile_with_cli(cli, valid_case, output))
    values_out = tmp_path / "values.json"
    result = cli("import", "manifests", str(manifests), "--format", "json", "--values-out", str(values_out))
    imported = kubegraph.from_manifests(manifests.read_text(encoding="utf-8"))
    assert imported == kubegraph.from_manifests(manifests.read_bytes())
    printed = json.loads(result.stdout)
    assert imported["workflow"] == printed["workflow"]
    assert [diagnostic.to_dict() for diagnostic in imported["diagnostics"]] == printed["diagnostics"]
    assert result.returncode == (1 if has_errors(imported["diagnostics"]) else 0), result.stderr
    # One shape for both imports: {"secrets": {}} when no Secret had data.
    assert imported["values"] == json.loads(values_out.read_text(encoding="utf-8"))
    assert_secrets_only_in_values(imported["workflow"], imported["values"], imported["diagnostics"])


def test_from_manifests_keeps_secret_data_in_values(cli: Cli) -> None:
    case = next(case for case in VALID_CASES if case.path.name == "storefront.json")
    assert case.values is not None
    secrets = json.loads(case.values.read_text(encoding="utf-8"))["secrets"]["node-7"]
    imported = kubegraph.from_manifests(compile_with_cli(cli, case, "yaml"))
    found = [entries for entries in imported["values"]["secrets"].values() if "DATABASE_PASSWORD" in entries]
    assert found == [secrets]
    assert secrets["DATABASE_PASSWORD"] not in json.dumps(imported["workflow"])


def test_from_manifests_imports_custom_resources_as_plugin_nodes(cli: Cli, tmp_path: Path) -> None:
    """With plugins, as ``--plugins``: the custom resources they describe become plugin nodes."""
    case = next(case for case in VALID_CASES if case.path.name == "cert-manager-plugin.json")
    assert case.plugins is not None
    plugins = json.loads(case.plugins.read_text(encoding="utf-8"))
    manifests = tmp_path / "manifests.yaml"
    manifests.write_bytes(compile_with_cli(cli, case, "yaml"))
    text = manifests.read_text(encoding="utf-8")
    imported = kubegraph.from_manifests(text, plugins=plugins)
    result = cli("import", "manifests", str(manifests), "--format", "json", "--plugins", str(case.plugins))
    printed = json.loads(result.stdout)
    assert imported["workflow"] == printed["workflow"]
    assert [diagnostic.to_dict() for diagnostic in imported["diagnostics"]] == printed["diagnostics"]
    drawn = json.loads(case.text)
    plugin_nodes = sorted(node["data"]["name"] for node in imported["workflow"]["nodes"] if node["type"] == "plugin")
    assert plugin_nodes == sorted(node["data"]["name"] for node in drawn["nodes"] if node["type"] == "plugin")
    assert plugin_nodes
    # Without them, the same custom resources are reported and not imported.
    bare = kubegraph.from_manifests(text)
    assert all(node["type"] != "plugin" for node in bare["workflow"]["nodes"])
    assert any(diagnostic.code == "import-unsupported-kind" for diagnostic in bare["diagnostics"])
    # Definitions that do not read are an error diagnostic; the import goes on without them.
    broken = kubegraph.from_manifests(text, plugins={"plugins": 3})
    assert any(diagnostic.code == "invalid-plugins" for diagnostic in broken["diagnostics"])
    assert broken["workflow"] == bare["workflow"]


def test_from_manifests_reports_text_that_is_not_yaml() -> None:
    imported = kubegraph.from_manifests("kind: [unclosed\n")
    assert has_errors(imported["diagnostics"])


def test_importers_take_only_text() -> None:
    with pytest.raises(TypeError):
        kubegraph.from_manifests({"kind": "Deployment"})  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        kubegraph.from_compose(b"\xff\xfe")


@pytest.mark.parametrize("output", GRAPH_FORMATS)
def test_graph_matches_cli(case: Case, output: Literal["mermaid", "dot"], cli: Cli) -> None:
    result = cli("graph", str(case.path), "--format", output, *case.cli_options(with_values=False))
    options = case.options(with_values=False)
    drawn = kubegraph.graph(case.text, format=output, **options)
    # What validate reports, the parse error included.
    assert drawn["diagnostics"] == kubegraph.validate(case.text, **options)
    if drawn["text"] == "":
        # Not a workflow: nothing drawn, the CLI exits 1 and says why.
        assert result.returncode == 1
        assert result.stdout == b""
        return
    assert result.returncode == 0, result.stderr
    assert drawn["text"].encode() == result.stdout
    assert kubegraph.graph(kubegraph.load(case.text), format=output, **options) == drawn


def test_graph_is_mermaid_by_default_and_refuses_unknown_formats() -> None:
    text = (FIXTURES / "storefront.json").read_text(encoding="utf-8")
    assert kubegraph.graph(text) == kubegraph.graph(text, format="mermaid")
    assert kubegraph.graph(text)["text"] != kubegraph.graph(text, format="dot")["text"]
    with pytest.raises(ValueError):
        kubegraph.graph(text, format="svg")  # type: ignore[arg-type]
