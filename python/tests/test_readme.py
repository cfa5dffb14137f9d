"""The Python examples of the README run as written, from the repository root."""

from __future__ import annotations

import re

import pytest

from conftest import ROOT


def python_blocks() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"^```python\n(.*?)^```", readme, flags=re.DOTALL | re.MULTILINE)


def test_readme_has_python_examples() -> None:
    assert python_blocks(), "README.md has no ```python block"


def test_readme_python_examples_run(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    # One namespace for all blocks: later examples may use names from earlier ones.
    namespace: dict[str, object] = {"__name__": "readme"}
    for number, block in enumerate(python_blocks(), start=1):
        exec(compile(block, f"README.md python block {number}", "exec"), namespace)
