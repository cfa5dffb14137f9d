"""Type stubs of the extension module; ``kubegraph`` re-exports everything here."""

from collections.abc import Mapping, Sequence
from typing import Any, ClassVar, Literal, TypedDict, final

# Stubs only: Python before 3.11 has no typing.NotRequired.
from typing_extensions import NotRequired

__all__ = [
    "CompileResult",
    "Diagnostic",
    "Document",
    "Fix",
    "Workflow",
    "WorkflowError",
    "__version__",
    "apply_fixes",
    "compile",
    "fix",
    "from_compose",
    "from_manifests",
    "graph",
    "load",
    "open",
    "schema",
    "validate",
]

__version__: str

#: A workflow argument: a loaded ``Workflow``, JSON text (``str`` or UTF-8 ``bytes``), or
#: the parsed JSON object.
_WorkflowSource = Workflow | Mapping[str, Any] | str | bytes

#: Plugin definitions: a list of them, the plugin catalogue's body ``{"plugins": [...]}``, or one.
_Plugins = Sequence[Mapping[str, Any]] | Mapping[str, Any]

_Severity = Literal["error", "warning", "info"]

class WorkflowError(ValueError):
    """The workflow has errors; ``diagnostics`` holds every diagnostic."""

    diagnostics: list[Diagnostic]

@final
class Workflow:
    """A workflow read by ``load``; keeps everything that was read."""

    @property
    def name(self) -> str:
        """The workflow name (``""`` when it has none)."""

    def to_dict(self) -> dict[str, Any]:
        """The workflow as a dict, exactly as it was read."""

    def to_json(self) -> str:
        """The workflow as compact JSON text, exactly as it was read."""

    def __eq__(self, other: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class Diagnostic:
    """One problem found in a workflow."""

    def __new__(
        cls,
        code: str,
        severity: _Severity,
        message: str,
        *,
        node_id: str | None = None,
        edge_id: str | None = None,
        path: str | None = None,
        hint: str | None = None,
        fix: Fix | None = None,
    ) -> Diagnostic: ...
    @property
    def code(self) -> str:
        """Stable code, for example ``"invalid-name"``."""

    @property
    def severity(self) -> _Severity:
        """``"error"``, ``"warning"`` or ``"info"``."""

    @property
    def message(self) -> str:
        """Plain-language description."""

    @property
    def node_id(self) -> str | None:
        """The node the problem belongs to."""

    @property
    def edge_id(self) -> str | None:
        """The edge the problem belongs to."""

    @property
    def path(self) -> str | None:
        """JSON pointer to the value, ``None`` for the document as a whole."""

    @property
    def hint(self) -> str | None:
        """How to fix it, when that can be said."""

    @property
    def fix(self) -> Fix | None:
        """The one repair, when exactly one exists (apply it with ``apply_fixes``)."""

    def to_dict(self) -> dict[str, Any]:
        """The diagnostic in the JSON shape of ``kubegraph validate --format json``."""

    def __eq__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class Fix:
    """The one repair of a diagnostic: a title and its JSON Patch (RFC 6902) edits."""

    def __new__(cls, title: str, edits: Sequence[Mapping[str, Any]]) -> Fix: ...
    @property
    def title(self) -> str:
        """What applying it does, for example ``"Delete the edge"``."""

    @property
    def edits(self) -> list[dict[str, Any]]:
        """The JSON Patch operations as dicts: ``{"op": ..., "path": ..., "value": ...}``."""

    def to_dict(self) -> dict[str, Any]:
        """The fix in the JSON shape of a diagnostic's ``fix``: ``{"title", "edits"}``."""

    def __eq__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...

class _FixResult(TypedDict):
    workflow: dict[str, Any]
    fixed: list[Diagnostic]
    diagnostics: list[Diagnostic]

@final
class CompileResult:
    """What ``compile`` produced; its ``repr`` shows counts, never Secret data."""

    @property
    def objects(self) -> list[dict[str, Any]]:
        """The manifests as dicts, in install order."""

    @property
    def yaml(self) -> str:
        """The manifests as multi-document YAML."""

    @property
    def diagnostics(self) -> list[Diagnostic]:
        """Every warning and info, sorted."""

def load(source: _WorkflowSource) -> Workflow:
    """Reads a workflow from JSON text (``str`` or UTF-8 ``bytes``) or a dict."""

def validate(workflow: _WorkflowSource, *, plugins: _Plugins | None = None) -> list[Diagnostic]:
    """Checks a workflow and returns every problem found, sorted by place in the input."""

def compile(
    workflow: _WorkflowSource,
    *,
    values: Mapping[str, Any] | None = None,
    plugins: _Plugins | None = None,
) -> CompileResult:
    """Compiles a workflow into Kubernetes manifests; raises ``WorkflowError`` on errors."""

def schema(name: str) -> dict[str, Any]:
    """The JSON Schema called ``name`` as a dict."""

def fix(
    workflow: _WorkflowSource,
    *,
    plugins: _Plugins | None = None,
    codes: Sequence[str] | None = None,
) -> _FixResult:
    """Applies every fix (of ``codes`` only, when given), validating again after each round."""

def apply_fixes(
    workflow: _WorkflowSource, fixes: Sequence[Fix | Mapping[str, Any]]
) -> tuple[dict[str, Any], list[bool]]:
    """Applies fixes taken from this workflow's diagnostics: the new workflow, and which applied."""

class _Update(TypedDict):
    added: list[Diagnostic]
    removed: list[Diagnostic]

@final
class Document:
    """A workflow opened for editing with ``open``: edits answer with the diagnostics that
    appeared and disappeared, always what ``validate`` reports for the edited workflow."""

    def apply(self, edit: Mapping[str, Any]) -> _Update:
        """Applies one edit (``{"op": "patchNodeData", "id": ..., "patch": [...]}``, ``addNode``,
        ``removeNode``, ``replaceNode``, ``addEdge``, ``removeEdge``, ``replaceEdge``)."""

    def diagnostics(self) -> list[Diagnostic]:
        """Every diagnostic of the edited workflow, as ``validate`` reports them."""

    def to_dict(self) -> dict[str, Any]:
        """The edited workflow as a dict, nothing of the input lost."""

    def to_json(self) -> str:
        """The edited workflow as compact JSON text."""

    def compile(self, *, values: Mapping[str, Any] | None = None) -> CompileResult:
        """Compiles the edited workflow, reusing the objects that did not change; raises
        ``WorkflowError`` on errors."""

def open(workflow: _WorkflowSource, *, plugins: _Plugins | None = None) -> Document:
    """Opens a workflow for editing; raises ``WorkflowError`` when it is not a JSON object."""

# Imports and diagrams (issue 18).

class _ImportResult(TypedDict):
    workflow: dict[str, Any]
    values: dict[str, Any]
    diagnostics: list[Diagnostic]

class _ComposeResult(TypedDict):
    workflow: dict[str, Any] | None
    values: dict[str, Any]
    diagnostics: list[Diagnostic]

class _GraphResult(TypedDict):
    text: str
    diagnostics: list[Diagnostic]

def from_manifests(text: str | bytes, *, plugins: _Plugins | None = None) -> _ImportResult:
    """Imports Kubernetes manifests (YAML or JSON) into a workflow; Secret data only in ``values``.

    The custom resources that ``plugins`` describe become plugin nodes.
    """

def from_compose(text: str | bytes) -> _ComposeResult:
    """Imports a docker-compose file into a workflow; its secret values only in ``values``."""

def graph(
    workflow: _WorkflowSource,
    *,
    format: Literal["mermaid", "dot"] = "mermaid",
    plugins: _Plugins | None = None,
) -> _GraphResult:
    """Draws a workflow as a Mermaid or DOT diagram, the nodes with errors marked."""
