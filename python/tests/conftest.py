"""Shared test data: the fixture workflows with the options each needs, and the CLI.

Every workflow under tests/fixtures/workflows is a case. A case gets the run-time values
in ``<name>.values.json`` when that file exists, and the shared ``plugins.json`` when the
workflow has a plugin node, the same rule for the Python API and for the CLI.
"""

from __future__ import annotations

import json
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Optional

import pytest

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "workflows"


@dataclass(frozen=True)
class Case:
    """One fixture workflow and the option files it is compiled with."""

    path: Path
    values: Optional[Path]
    plugins: Optional[Path]

    @property
    def name(self) -> str:
        return str(self.path.relative_to(FIXTURES))

    @property
    def text(self) -> str:
        return self.path.read_text(encoding="utf-8")

    @property
    def is_valid(self) -> bool:
        """Fixtures outside invalid/ must compile without errors."""
        return self.path.parent == FIXTURES

    def options(self, *, with_values: bool) -> dict[str, Any]:
        """Keyword arguments of ``kubegraph.validate`` / ``compile``."""
        options: dict[str, Any] = {}
        if self.plugins is not None:
            options["plugins"] = json.loads(self.plugins.read_text(encoding="utf-8"))
        if with_values and self.values is not None:
            options["values"] = json.loads(self.values.read_text(encoding="utf-8"))
        return options

    def cli_options(self, *, with_values: bool) -> list[str]:
        """The same options as CLI flags."""
        flags: list[str] = []
        if with_values and self.values is not None:
            flags += ["--values", str(self.values)]
        if self.plugins is not None:
            flags += ["--plugins", str(self.plugins)]
        return flags


def _uses_plugins(path: Path) -> bool:
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except ValueError:
        return False
    nodes = document.get("nodes") if isinstance(document, dict) else None
    return any(isinstance(node, dict) and node.get("type") == "plugin" for node in nodes or [])


def _cases() -> list[Case]:
    paths = sorted(
        path
        for path in FIXTURES.rglob("*.json")
        if not path.name.endswith(".values.json") and path.name != "plugins.json"
    )
    cases = []
    for path in paths:
        values = path.with_name(path.stem + ".values.json")
        cases.append(
            Case(
                path=path,
                values=values if values.exists() else None,
                plugins=FIXTURES / "plugins.json" if _uses_plugins(path) else None,
            )
        )
    return cases


CASES = _cases()
VALID_CASES = [case for case in CASES if case.is_valid]


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """``case`` runs a test over every fixture, ``valid_case`` over those that compile."""
    for name, cases in (("case", CASES), ("valid_case", VALID_CASES)):
        if name in metafunc.fixturenames:
            metafunc.parametrize(name, cases, ids=[case.name for case in cases])


def _cli_path() -> Path:
    explicit = os.environ.get("KUBEGRAPH_CLI")
    if explicit:
        return Path(explicit)
    target = Path(os.environ.get("CARGO_TARGET_DIR", Path.home() / ".cache" / "kubegraph" / "target"))
    built = [path for path in (target / "debug" / "kubegraph", target / "release" / "kubegraph") if path.exists()]
    # The most recent build, so that a stale one in the other profile is not used.
    return max(built, key=lambda path: path.stat().st_mtime, default=target / "debug" / "kubegraph")


Cli = Callable[..., "subprocess.CompletedProcess[bytes]"]


@pytest.fixture(scope="session")
def cli() -> Cli:
    """Runs the ``kubegraph`` command (``KUBEGRAPH_CLI``, or the cargo build) from the repo root."""
    path = _cli_path()
    if not path.exists():
        pytest.fail(f"the kubegraph CLI is not built at {path}; run `cargo build -p kubegraph-cli` or set KUBEGRAPH_CLI")

    def run(*args: str) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run([str(path), *args], capture_output=True, cwd=ROOT, check=False)

    return run
