"""Every diagnostic code reaches Python: each fixture of tests/fixtures/diagnostics (one per
code, named after it) gives the CLI's answers through the package and reports its code."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Optional

import kubegraph
import pytest

from conftest import ROOT, Cli

DIAGNOSTICS = ROOT / "tests" / "fixtures" / "diagnostics"
FIXTURES = sorted(
    path
    for path in DIAGNOSTICS.glob("*.json")
    if not path.name.endswith((".values.json", ".plugins.json"))
)


def _sidecar(path: Path, kind: str) -> Optional[Path]:
    beside = path.with_name(f"{path.stem}.{kind}.json")
    return beside if beside.exists() else None


def test_the_fixtures_cover_every_code() -> None:
    assert len(FIXTURES) >= 65


@pytest.mark.parametrize("path", FIXTURES, ids=[path.stem for path in FIXTURES])
def test_each_code_is_reported_as_the_cli_reports_it(path: Path, cli: Cli) -> None:
    text = path.read_text(encoding="utf-8")
    plugins, values = _sidecar(path, "plugins"), _sidecar(path, "values")
    plugin_flags = ["--plugins", str(plugins)] if plugins else []
    options: dict[str, Any] = {}
    if plugins:
        options["plugins"] = json.loads(plugins.read_text(encoding="utf-8"))

    validated = kubegraph.validate(text, **options)
    printed = cli("validate", str(path), "--format", "json", *plugin_flags)
    assert [diagnostic.to_dict() for diagnostic in validated] == json.loads(printed.stdout)

    value_flags = ["--values", str(values)] if values else []
    if values:
        options["values"] = json.loads(values.read_text(encoding="utf-8"))
    result = cli("compile", str(path), *plugin_flags, *value_flags)
    try:
        compiled = kubegraph.compile(text, **options)
    except kubegraph.WorkflowError as error:
        assert result.returncode == 1
        assert str(error) + "\n" == result.stderr.decode()
        reported = list(error.diagnostics)
    else:
        assert result.returncode == 0, result.stderr.decode()
        assert compiled.yaml.encode() == result.stdout
        reported = list(compiled.diagnostics)
    codes = {diagnostic.code for diagnostic in [*validated, *reported]}
    assert path.stem in codes, sorted(codes)
