"""Validate and compile Kubernetes workflow graphs into manifests.

kubegraph reads the JSON that visual designers such as KubeOrch (React Flow) store, checks
it, and compiles it into Kubernetes manifests. The work is done by the same Rust core as
the ``kubegraph`` command and the WebAssembly package, so all three give the same
diagnostics and byte-identical YAML.

>>> import kubegraph
>>> workflow = kubegraph.load(open("workflow.json").read())  # doctest: +SKIP
>>> kubegraph.validate(workflow)  # doctest: +SKIP
[]
>>> kubegraph.compile(workflow).yaml  # doctest: +SKIP
'apiVersion: apps/v1\\nkind: Deployment\\n...'
"""

# Everything the extension module lists in its ``__all__`` (the stubs list the same names).
from ._kubegraph import *
from ._kubegraph import __all__ as __all__
