"""The README's examples show what the commands really print today."""

from __future__ import annotations

import difflib
import importlib.util

from tests.conftest import REPO


def _examples():
    spec = importlib.util.spec_from_file_location(
        "readme_examples", REPO / "docs/readme_examples.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_readme_examples_are_current() -> None:
    examples = _examples()
    current = examples.README.read_text(encoding="utf-8")
    fresh = examples.render(current)
    diff = "".join(
        difflib.unified_diff(current.splitlines(True), fresh.splitlines(True), "README.md", "fresh")
    )
    assert fresh == current, "run: python docs/readme_examples.py --update\n" + diff


def test_readme_has_the_two_setup_commands() -> None:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    assert (
        'python -m pip install ".[test]" && iro overdue --exports sample_exports --days 14 '
        "--as-of 20/11/2026" in text
    )
    assert "\npython -m pytest\n" in text
    ci = (REPO / ".ci/run").read_text()
    assert ci.rstrip().splitlines()[-1] == "python -m pytest"
