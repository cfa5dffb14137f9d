"""Python gives the CLI's answers for every fixture: same diagnostics, same YAML bytes."""

from __future__ import annotations

import json
from typing import Any

import kubegraph
import pytest

from conftest import Case, Cli


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
