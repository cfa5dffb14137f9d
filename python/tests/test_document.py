"""Documents: ``kubegraph.open`` and edits, each answered with what ``validate`` reports.

The equivalence test applies seeded random edit sequences to a few fixtures and, after
every step, compares the document's diagnostics with a fresh ``validate`` of the edited
workflow, the update's ``added`` and ``removed`` with the difference of the full lists,
and the document's compile with a fresh ``compile``.
"""

from __future__ import annotations

import copy
import json
import random
from typing import Any, Optional

import kubegraph
import pytest

from conftest import FIXTURES

STOREFRONT = json.loads((FIXTURES / "storefront.json").read_text(encoding="utf-8"))
VALUES = json.loads((FIXTURES / "storefront.values.json").read_text(encoding="utf-8"))
PLUGINS = json.loads((FIXTURES / "plugins.json").read_text(encoding="utf-8"))
SAMPLE = ["storefront.json", "postgres-statefulset.json", "bookinfo-policy.json", "batch-jobs.json"]

#: Data fields worth patching, with values that matter to some rule.
PATCHES: list[tuple[str, list[Any]]] = [
    ("/name", ["web", "api", "", "Bad_Name"]),
    ("/namespace", ["default", "prod", 7]),
    ("/replicas", [1, 3, -1, "two"]),
    ("/image", ["nginx:1.27", "", "nginx 1.27"]),
    ("/port", [80, 8080, 0]),
    ("/labels", [{"app": "web"}, {}]),
    ("/selector", [{"app": "web"}, {"app": "nothing"}]),
]


def first_deployment(workflow: dict[str, Any]) -> dict[str, Any]:
    return next(node for node in workflow["nodes"] if node["type"] == "deployment")


def test_open_apply_and_diagnostics() -> None:
    document = kubegraph.open(STOREFRONT)
    assert document.diagnostics() == kubegraph.validate(STOREFRONT)
    node = first_deployment(STOREFRONT)
    update = document.apply(
        {"op": "patchNodeData", "id": node["id"], "patch": [{"op": "replace", "path": "/name", "value": "Bad_Name"}]}
    )
    assert [(d.code, d.node_id) for d in update["added"] if d.code == "invalid-name"] == [("invalid-name", node["id"])]
    assert document.diagnostics() == kubegraph.validate(document.to_dict())
    # Undoing the edit takes back what it added.
    undo = document.apply(
        {"op": "patchNodeData", "id": node["id"], "patch": [{"op": "replace", "path": "/name", "value": node["data"]["name"]}]}
    )
    assert undo["removed"] == update["added"]
    assert document.to_dict() == STOREFRONT
    assert json.loads(document.to_json()) == STOREFRONT


def test_refused_edits_raise_and_change_nothing() -> None:
    document = kubegraph.open(json.dumps(STOREFRONT))
    with pytest.raises(ValueError, match="invalid edit"):
        document.apply({"op": "rename", "id": "x"})
    with pytest.raises(LookupError, match='no node has the id "nowhere"'):
        document.apply({"op": "removeNode", "id": "nowhere"})
    with pytest.raises(LookupError):
        document.apply({"op": "patchNodeData", "id": STOREFRONT["nodes"][0]["id"], "patch": [{"op": "remove", "path": "/absent"}]})
    assert document.to_dict() == STOREFRONT
    with pytest.raises(kubegraph.WorkflowError) as raised:
        kubegraph.open("{not json")
    assert raised.value.diagnostics[0].code == "invalid-json"


def test_compile_matches_a_fresh_compile_and_keeps_secrets_out_of_repr() -> None:
    document = kubegraph.open(STOREFRONT)
    assert document.compile(values=VALUES).yaml == kubegraph.compile(STOREFRONT, values=VALUES).yaml
    node = first_deployment(STOREFRONT)
    document.apply({"op": "patchNodeData", "id": node["id"], "patch": [{"op": "add", "path": "/replicas", "value": 7}]})
    result = document.compile(values=VALUES)
    fresh = kubegraph.compile(document.to_dict(), values=VALUES)
    assert result.yaml == fresh.yaml
    assert result.objects == fresh.objects
    assert "replicas: 7" in result.yaml
    document.apply({"op": "patchNodeData", "id": node["id"], "patch": [{"op": "add", "path": "/name", "value": ""}]})
    with pytest.raises(kubegraph.WorkflowError):
        document.compile(values=VALUES)
    for secret in (value for section in VALUES.values() for keys in section.values() for value in keys.values()):
        assert secret not in repr(document)


def random_edit(rng: random.Random, now: dict[str, Any], counter: int) -> Optional[dict[str, Any]]:
    """One random edit of the workflow as it is now; None when it has nothing to act on."""
    nodes = [node["id"] for node in now.get("nodes", [])]
    edges = [edge["id"] for edge in now.get("edges", [])]
    pool = [node for name in SAMPLE for node in json.loads((FIXTURES / name).read_text(encoding="utf-8"))["nodes"]]
    kind = rng.choice(["patch", "patch", "patch", "addNode", "removeNode", "addEdge", "removeEdge", "rename"])
    if kind in ("patch", "rename") and nodes:
        path, values = PATCHES[0] if kind == "rename" else rng.choice(PATCHES)
        return {"op": "patchNodeData", "id": rng.choice(nodes), "patch": [{"op": "add", "path": path, "value": rng.choice(values)}]}
    if kind == "addNode":
        node = copy.deepcopy(rng.choice(pool))
        node["id"] = f"added-{counter}" if rng.random() < 0.8 or not nodes else rng.choice(nodes)
        return {"op": "addNode", "node": node}
    if kind == "removeNode" and nodes:
        return {"op": "removeNode", "id": rng.choice(nodes)}
    if kind == "addEdge" and nodes:
        edge = {"id": f"edge-{counter}", "source": rng.choice(nodes), "target": rng.choice(nodes + ["gone"])}
        return {"op": "addEdge", "edge": edge}
    if kind == "removeEdge" and edges:
        return {"op": "removeEdge", "id": rng.choice(edges)}
    return None


@pytest.mark.parametrize("name", SAMPLE)
def test_edited_documents_report_what_validate_reports(name: str) -> None:
    start = json.loads((FIXTURES / name).read_text(encoding="utf-8"))
    plugins = PLUGINS
    rng = random.Random(f"kubegraph-{name}")
    for _ in range(6):
        document = kubegraph.open(start, plugins=plugins)
        before = document.diagnostics()
        for counter in range(25):
            edit = random_edit(rng, document.to_dict(), counter)
            if edit is None:
                continue
            update = document.apply(edit)
            after = document.diagnostics()
            fresh = kubegraph.validate(document.to_dict(), plugins=plugins)
            assert after == fresh, edit
            assert len(update["added"]) == len(set(update["added"])) and len(update["removed"]) == len(set(update["removed"]))
            assert set(update["added"]) == set(after) - set(before), edit
            assert set(update["removed"]) == set(before) - set(after), edit
            if counter % 5 == 4 and not any(diagnostic.severity == "error" for diagnostic in after):
                assert document.compile().yaml == kubegraph.compile(document.to_dict(), plugins=plugins).yaml
            before = after
