"""Loading is lossless: what was read comes back, unknown fields, nulls and floats included."""

from __future__ import annotations

import json
from typing import Any

import kubegraph

from conftest import FIXTURES, Case

MESSY = FIXTURES / "messy-export.json"


def same_json(left: Any, right: Any) -> bool:
    """Equal as JSON documents, telling ``3`` from ``3.0`` and ``True`` from ``1`` (which
    ``==`` does not). Key order is not compared: the model writes the fields it knows
    first, in its own order, and the unknown ones after them."""
    if type(left) is not type(right):
        return False
    if isinstance(left, dict):
        return left.keys() == right.keys() and all(same_json(left[key], right[key]) for key in left)
    if isinstance(left, list):
        return len(left) == len(right) and all(same_json(a, b) for a, b in zip(left, right))
    return bool(left == right)


def test_messy_export_round_trips_exactly() -> None:
    text = MESSY.read_text(encoding="utf-8")
    original = json.loads(text)
    workflow = kubegraph.load(text)
    assert workflow.to_dict() == original
    assert same_json(workflow.to_dict(), original)
    assert same_json(json.loads(workflow.to_json()), original)
    assert same_json(kubegraph.load(original).to_dict(), original)


def test_floats_stay_floats() -> None:
    original = json.loads(MESSY.read_text(encoding="utf-8"))
    assert isinstance(original["nodes"][0]["data"]["replicas"], float), "the fixture has replicas: 3.0"
    for workflow in (kubegraph.load(MESSY.read_text(encoding="utf-8")), kubegraph.load(original)):
        replicas = workflow.to_dict()["nodes"][0]["data"]["replicas"]
        assert type(replicas) is float and replicas == 3.0
        assert '"replicas":3.0' in workflow.to_json()


def test_every_fixture_round_trips(case: Case) -> None:
    try:
        original = json.loads(case.text)
    except ValueError:
        return  # invalid/truncated.json: nothing to round-trip
    assert same_json(kubegraph.load(case.text).to_dict(), original)


def test_same_json_tells_ints_from_floats() -> None:
    assert same_json({"a": [1, {"b": None}]}, {"a": [1, {"b": None}]})
    assert not same_json({"a": 3}, {"a": 3.0})
    assert not same_json([True], [1])


def test_workflows_compare_by_content() -> None:
    text = MESSY.read_text(encoding="utf-8")
    assert kubegraph.load(text) == kubegraph.load(json.loads(text))
    assert kubegraph.load(text) != kubegraph.load('{"name": "other"}')
