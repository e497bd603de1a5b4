"""Generated export folders for the tests that compare array code with its per-row oracle.

Each folder is written once per test session by ``sample_exports/generate.py`` (seeded,
so the same bytes every run) into pytest's temporary directory.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

SEEDS = (3, 11, 29)
CHILDREN = 300
_MADE: dict[tuple[int, int], Path] = {}


def generated(factory: pytest.TempPathFactory, seed: int, children: int = CHILDREN) -> Path:
    """The folder of ``generate.py --children children --seed seed`` (made on first use)."""
    key = (children, seed)
    if key not in _MADE:
        folder = factory.mktemp(f"generated-{children}-{seed}")
        subprocess.run(
            [
                sys.executable,
                str(REPO / "sample_exports" / "generate.py"),
                "--children",
                str(children),
                "--seed",
                str(seed),
                "--out",
                str(folder),
                "--force",
            ],
            check=True,
            capture_output=True,
        )
        _MADE[key] = folder
    return _MADE[key]
