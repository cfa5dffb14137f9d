"""The Python API itself: errors, diagnostics, inputs, schemas, and that secrets stay secret."""

from __future__ import annotations

import base64
import json
from concurrent.futures import ThreadPoolExecutor
from importlib.metadata import version

import kubegraph
import pytest

from conftest import FIXTURES

STOREFRONT = (FIXTURES / "storefront.json").read_text(encoding="utf-8")
VALUES = json.loads((FIXTURES / "storefront.values.json").read_text(encoding="utf-8"))
BAD_FIELDS = (FIXTURES / "invalid" / "bad-fields.json").read_text(encoding="utf-8")


def secret_forms() -> list[str]:
    """Every secret value of storefront.values.json, plain and base64-encoded."""
    plain = [value for section in VALUES.values() for keys in section.values() for value in keys.values()]
    return plain + [base64.b64encode(value.encode()).decode() for value in plain]


def assert_no_secret(*texts: str) -> None:
    for text in texts:
        for secret in secret_forms():
            assert secret not in text


def test_workflow_error_carries_every_diagnostic() -> None:
    with pytest.raises(kubegraph.WorkflowError) as raised:
        kubegraph.compile(BAD_FIELDS)
    error = raised.value
    assert isinstance(error, ValueError)
    errors = [diagnostic for diagnostic in error.diagnostics if diagnostic.severity == "error"]
    assert len(errors) >= 10
    assert len({diagnostic.code for diagnostic in errors}) >= 5
    # Everything validation finds is in the exception, and the message lists all of it.
    assert set(kubegraph.validate(BAD_FIELDS)) <= set(error.diagnostics)
    message = str(error)
    for diagnostic in error.diagnostics:
        assert f"{diagnostic.severity}[{diagnostic.code}]: {diagnostic.message}" in message
    assert message.splitlines()[-1].startswith(f"{len(errors)} errors, ")


def test_secrets_never_appear_in_reprs_strings_or_errors() -> None:
    compiled = kubegraph.compile(STOREFRONT, values=VALUES)
    # The secrets are in the output, so not finding them below means something.
    written = json.dumps(compiled.objects) + compiled.yaml
    assert all(any(form in written for form in (value, base64.b64encode(value.encode()).decode()))
               for section in VALUES.values() for keys in section.values() for value in keys.values())
    assert "Secret" in repr(compiled)
    assert_no_secret(repr(compiled), str(compiled), repr(compiled.diagnostics), str(compiled.diagnostics))
    assert_no_secret(*(repr(d) for d in compiled.diagnostics), *(str(d) for d in compiled.diagnostics))
    assert_no_secret(repr(kubegraph.load(STOREFRONT)))
    # Secrets with a workflow that has errors.
    with pytest.raises(kubegraph.WorkflowError) as raised:
        kubegraph.compile(BAD_FIELDS, values=VALUES)
    assert_no_secret(str(raised.value), repr(raised.value), repr(raised.value.diagnostics))
    # Values of the wrong shape: reported by place and type, never quoted.
    wrong = {"secrets": {"node-7": {"DATABASE_PASSWORD": [VALUES["secrets"]["node-7"]["DATABASE_PASSWORD"]]}}}
    with pytest.raises(kubegraph.WorkflowError) as raised:
        kubegraph.compile(STOREFRONT, values=wrong)
    assert [d.code for d in raised.value.diagnostics if d.severity == "error"] == ["invalid-values"]
    assert_no_secret(str(raised.value), repr(raised.value.diagnostics))


def test_compile_result_fields() -> None:
    compiled = kubegraph.compile(STOREFRONT, values=VALUES)
    assert all(isinstance(manifest, dict) for manifest in compiled.objects)
    assert compiled.objects is compiled.objects
    assert compiled.yaml.startswith("apiVersion:") or compiled.yaml.startswith("---")
    assert repr(compiled).startswith(f"CompileResult(objects=<{len(compiled.objects)} objects: ")


def test_diagnostic_fields_equality_and_repr() -> None:
    diagnostics = kubegraph.validate(BAD_FIELDS)
    first = diagnostics[0]
    assert first.severity in ("error", "warning", "info")
    rebuilt = kubegraph.Diagnostic(
        first.code,
        first.severity,
        first.message,
        node_id=first.node_id,
        edge_id=first.edge_id,
        path=first.path,
        hint=first.hint,
    )
    assert rebuilt == first and hash(rebuilt) == hash(first)
    assert rebuilt != kubegraph.Diagnostic(first.code, first.severity, first.message + ".")
    # The repr is a constructor call that gives the diagnostic back.
    assert eval(repr(first), {"Diagnostic": kubegraph.Diagnostic}) == first
    assert str(first).startswith(f"{first.severity}[{first.code}]: {first.message}")
    assert first.to_dict()["code"] == first.code
    with pytest.raises(ValueError, match="unknown diagnostic code"):
        kubegraph.Diagnostic("no-such-code", "error", "x")
    with pytest.raises(ValueError, match="severity"):
        kubegraph.Diagnostic(first.code, "fatal", "x")  # type: ignore[arg-type]


def test_syntax_errors_are_diagnostics_or_workflow_errors() -> None:
    truncated = (FIXTURES / "invalid" / "truncated.json").read_text(encoding="utf-8")
    [diagnostic] = kubegraph.validate(truncated)
    assert diagnostic.code == "invalid-json" and "line 1" in diagnostic.message
    with pytest.raises(kubegraph.WorkflowError) as raised:
        kubegraph.load(truncated)
    assert raised.value.diagnostics == [diagnostic]


def test_inputs_that_are_not_workflows() -> None:
    [diagnostic] = kubegraph.validate([1, 2])  # type: ignore[arg-type]
    assert diagnostic.code == "invalid-document"
    # Bytes that are not UTF-8 are bad input like a syntax error: returned by
    # `validate`, raised as WorkflowError by `load` and `compile`.
    latin1 = b'{"name": "\xff"}'
    [not_utf8] = kubegraph.validate(latin1)
    assert not_utf8.code == "invalid-json" and "line 1 column 11" in not_utf8.message
    with pytest.raises(kubegraph.WorkflowError) as raised:
        kubegraph.load(latin1)
    assert raised.value.diagnostics == [not_utf8]
    with pytest.raises(kubegraph.WorkflowError):
        kubegraph.compile(latin1)
    with pytest.raises(TypeError, match="JSON-like"):
        kubegraph.validate({"nodes": [object()]})
    with pytest.raises(TypeError, match="values must be JSON-like"):
        kubegraph.compile(STOREFRONT, values={"secrets": {1: {}}})


def test_workflow_object() -> None:
    workflow = kubegraph.load(STOREFRONT)
    assert workflow.name == "storefront"
    assert repr(workflow) == f"Workflow(name='storefront', nodes={len(json.loads(STOREFRONT)['nodes'])}, edges=9)"
    assert kubegraph.load(workflow) == workflow


def test_schema() -> None:
    workflow_schema = kubegraph.schema("workflow")
    assert workflow_schema["$id"].endswith("/workflow.schema.json")
    with pytest.raises(ValueError, match="unknown schema"):
        kubegraph.schema("no-such-schema")


def test_version() -> None:
    assert kubegraph.__version__ == version("kubegraph")


def test_compiles_from_threads() -> None:
    """The GIL is released while compiling; results are the same from any thread."""
    expected = kubegraph.compile(STOREFRONT, values=VALUES).yaml
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda _: kubegraph.compile(STOREFRONT, values=VALUES).yaml, range(8)))
    assert results == [expected] * 8


FIXABLE = (FIXTURES / "invalid" / "fixable.json").read_text(encoding="utf-8")


def test_fixes_are_data_and_apply_like_the_cli() -> None:
    diagnostics = kubegraph.validate(FIXABLE)
    fixable = [d for d in diagnostics if d.fix is not None]
    assert fixable == diagnostics and len(fixable) == 9
    dangling = next(d for d in fixable if d.code == "dangling-edge")
    assert dangling.fix is not None and dangling.fix.title == "Delete the edge"
    assert dangling.fix.edits == [
        {"op": "test", "path": "/edges/5/id", "value": "e6"},
        {"op": "remove", "path": "/edges/5"},
    ]
    assert dangling.to_dict()["fix"] == dangling.fix.to_dict()
    # Fixes and diagnostics holding them print as constructor calls.
    names = {"Diagnostic": kubegraph.Diagnostic, "Fix": kubegraph.Fix}
    assert eval(repr(dangling), names) == dangling
    # One button: apply one fix, the workflow loses that diagnostic only.
    workflow, applied = kubegraph.apply_fixes(json.loads(FIXABLE), [dangling.fix])
    assert applied == [True]
    after = kubegraph.validate(workflow)
    assert [d.code for d in after] == [d.code for d in diagnostics if d is not dangling]
    # Fixing all of it, as ``kubegraph fix`` does, leaves nothing; dicts work as fixes too.
    # The self-loop's edge is renamed first (a duplicate id), so it goes in a second round.
    result = kubegraph.fix(FIXABLE)
    first_round = [d.code for d in fixable if d.code != "self-loop"]
    assert [d.code for d in result["fixed"]] == first_round + ["self-loop"]
    assert result["diagnostics"] == []
    assert result["workflow"]["description"] == json.loads(FIXABLE)["description"]
    only = kubegraph.fix(kubegraph.load(FIXABLE), codes=["placeholder-key"])
    assert [d.code for d in only["fixed"]] == ["placeholder-key"]
    _, stale = kubegraph.apply_fixes(workflow, [dangling.fix.to_dict()])
    assert stale == [False]
    with pytest.raises(ValueError, match="unknown diagnostic code"):
        kubegraph.fix(FIXABLE, codes=["no-such-code"])

