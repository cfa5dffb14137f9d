"""Every compiled object passes Kubernetes 1.33's own OpenAPI schema in strict mode.

Custom resources (plugin nodes, for example cert-manager's Certificate) have no schema in
kubernetes-validate: objects whose API group is not a Kubernetes built-in are skipped and
listed in the test's output. A group is built in when it is the core group, has no dot
(apps, batch, autoscaling, policy) or ends in ``.k8s.io``.
"""

from __future__ import annotations

import kubegraph
import kubernetes_validate

from conftest import Case


def is_built_in(api_version: str) -> bool:
    group = api_version.rpartition("/")[0]
    return group == "" or "." not in group or group.endswith(".k8s.io")


def test_compiled_objects_pass_kubernetes_schemas(valid_case: Case) -> None:
    compiled = kubegraph.compile(valid_case.text, **valid_case.options(with_values=True))
    checked, skipped = 0, []
    for manifest in compiled.objects:
        if not is_built_in(manifest["apiVersion"]):
            skipped.append(f"{manifest['apiVersion']} {manifest['kind']}")
            continue
        kubernetes_validate.validate(manifest, "1.33", strict=True)
        checked += 1
    if skipped:
        print(f"{valid_case.name}: custom resources not checked (no schema): {', '.join(skipped)}")
    assert checked > 0


def test_built_in_groups() -> None:
    assert is_built_in("v1")
    assert is_built_in("apps/v1")
    assert is_built_in("networking.k8s.io/v1")
    assert not is_built_in("cert-manager.io/v1")
