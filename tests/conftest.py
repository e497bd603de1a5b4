"""Shared fixtures: temporary export folders and a CLI runner."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

# Unexpected exceptions re-raise under test instead of becoming one line (see cli.LazyGroup).
sys._called_from_test = True  # type: ignore[attr-defined]

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "sample_exports"
SHARED = REPO.parent / "shared"


def write_csv(folder: Path, name: str, rows: list[list[str]], encoding: str = "utf-8") -> Path:
    """Write ``rows`` as a CRLF CSV (cells containing commas are quoted)."""
    folder.mkdir(parents=True, exist_ok=True)
    lines = []
    for row in rows:
        cells = [f'"{c}"' if ("," in c or '"' in c) else c for c in row]
        lines.append(",".join(cells))
    path = folder / name
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))
    return path


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture(autouse=True)
def _no_user_config(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests never see the developer's own IRO_* settings."""
    for name in ("IRO_CONFIG", "IRO_EXPORTS", "IRO_DEBUG"):
        monkeypatch.delenv(name, raising=False)


# Generated exports for testing the array schedule against the per-child rules (#16):
# a few hundred children per seed, each with its own extract date.
SEEDS = (3, 11, 29)
EXTRACT = {3: "2025-12-31", 11: "2024-02-29", 29: "2026-08-31"}


@pytest.fixture(scope="session")
def generated(tmp_path_factory: pytest.TempPathFactory) -> dict[int, Path]:
    """Seed -> a folder of exports made by sample_exports/generate.py, once per session."""
    import subprocess

    folders = {}
    for seed in SEEDS:
        folder = tmp_path_factory.mktemp(f"exports-{seed}")
        subprocess.run(
            [
                sys.executable,
                str(REPO / "sample_exports" / "generate.py"),
                "--children",
                "250",
                "--seed",
                str(seed),
                "--out",
                str(folder),
                "--extract-date",
                EXTRACT[seed],
                "--force",
            ],  # fmt: skip
            check=True,
            capture_output=True,
        )
        folders[seed] = folder
    return folders
