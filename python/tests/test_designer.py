"""The designer corpus (tests/fixtures/designer): each case, in the browser's save form and in
the back end's stored form, gives the same answers through the package, and the CLI's."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Optional

import kubegraph
import pytest

from conftest import ROOT, Cli

DESIGNER = ROOT / "tests" / "fixtures" / "designer"
CASES = sorted(
    path.name.removesuffix(".json")
    for path in DESIGNER.glob("*.json")
    if not path.name.endswith((".stored.json", ".values.json", ".plugins.json"))
)


def _beside(name: str, kind: str) -> Optional[Path]:
    path = DESIGNER / f"{name}.{kind}.json"
    return path if path.exists() else None


def test_the_corpus_is_there() -> None:
    assert len(CASES) >= 12


def _answers(
    path: Path, options: dict[str, Any], plugin_flags: list[str], value_flags: list[str], cli: Cli
) -> tuple[object, ...]:
    """What the package answers for one form of a case, checked against the CLI's answers."""
    text = path.read_text(encoding="utf-8")
    validated = kubegraph.validate(text, plugins=options.get("plugins"))
    printed = cli("validate", str(path), "--format", "json", *plugin_flags)
    assert [diagnostic.to_dict() for diagnostic in validated] == json.loads(printed.stdout)
    result = cli("compile", str(path), *plugin_flags, *value_flags)
    try:
        compiled = kubegraph.compile(json.loads(text), **options)
    except kubegraph.WorkflowError as error:
        assert str(error) + "\n" == result.stderr.decode()
        return ("error", validated, error.diagnostics)
    assert compiled.yaml.encode() == result.stdout
    return ("ok", validated, compiled.yaml, compiled.diagnostics)


@pytest.mark.parametrize("name", CASES)
def test_both_forms_give_the_same_answers_as_the_cli(name: str, cli: Cli) -> None:
    options: dict[str, Any] = {}
    plugin_flags: list[str] = []
    value_flags: list[str] = []
    plugins, values = _beside(name, "plugins"), _beside(name, "values")
    if plugins:
        options["plugins"] = json.loads(plugins.read_text(encoding="utf-8"))
        plugin_flags = ["--plugins", str(plugins)]
    if values:
        options["values"] = json.loads(values.read_text(encoding="utf-8"))
        value_flags = ["--values", str(values)]
    saved = _answers(DESIGNER / f"{name}.json", options, plugin_flags, value_flags, cli)
    stored = _answers(DESIGNER / f"{name}.stored.json", options, plugin_flags, value_flags, cli)
    assert stored == saved
