"""The code stays ruff-clean (ruff is a test extra)."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from tests.conftest import REPO


@pytest.mark.skipif(
    shutil.which("ruff") is None, reason="ruff is not installed (pip install '.[test]')"
)
def test_ruff_clean() -> None:
    result = subprocess.run(
        ["ruff", "check", "iro_cli", "tests", "benchmarks", "sample_exports"],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
