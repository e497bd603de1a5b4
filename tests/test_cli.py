"""The command line: help, version, exit codes, errors as one line, broken pipes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from iro_cli import __version__
from iro_cli.cli import COMMANDS, cli
from tests.conftest import REPO, write_csv

CHILD_HEADER = ["Person ID", "Forename", "Surname", "Date of Birth", "Period Start", "Period End"]


def test_version(runner) -> None:
    result = runner.invoke(cli, ["--version"])
    assert result.exit_code == 0
    assert result.stdout == f"iro, version {__version__}\n"


def test_help_lists_every_command_with_summary_and_example(runner) -> None:
    result = runner.invoke(cli, ["--help"])
    assert result.exit_code == 0
    for name, (_module, _attr, summary, example) in COMMANDS.items():
        assert name in result.stdout
        assert summary.split()[0] in result.stdout
        assert f"e.g. {example}" in result.stdout


@pytest.mark.parametrize("name", list(COMMANDS))
def test_every_command_has_help(runner, name: str) -> None:
    result = runner.invoke(cli, [name, "--help"])
    assert result.exit_code == 0
    assert "Example" in result.stdout


def test_help_does_not_import_pandas() -> None:
    code = (
        "import sys\n"
        "from iro_cli.cli import cli\n"
        "try:\n    cli(['--help'])\nexcept SystemExit:\n    pass\n"
        "print('PANDAS' if 'pandas' in sys.modules else 'CLEAN')\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True
    ).stdout
    assert out.strip().endswith("CLEAN")


def test_usage_error_exits_2(runner) -> None:
    result = runner.invoke(cli, ["validate", "--no-such-option"])
    assert result.exit_code == 2
    assert "No such option" in result.stderr
    assert result.stdout == ""


def test_unknown_command_exits_2(runner) -> None:
    assert runner.invoke(cli, ["overdoo"]).exit_code == 2


def _good_folder(folder: Path) -> Path:
    write_csv(
        folder,
        "children.csv",
        [CHILD_HEADER, ["001", "Ann", "Lee", "01/01/2012", "02/02/2020", ""]],
    )
    return folder


def test_validate_clean_exit_0(runner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["validate", "--exports", str(_good_folder(tmp_path))])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == "OK: 0 errors, 0 warnings"
    assert "  children.csv                1 row  UTF-8           " in result.stdout


def test_validate_names_each_problem_and_exits_1(runner, tmp_path: Path) -> None:
    # children.csv in Windows-1252 with an impossible date; reviews.csv missing a column.
    write_csv(
        tmp_path,
        "children.csv",
        [
            CHILD_HEADER,
            ["001", "Zoë", "O’Neill", "01/01/2012", "02/02/2020", ""],
            ["002", "Siân", "Pryce", "31/02/2016", "02/02/2020", ""],
        ],
        encoding="cp1252",
    )
    write_csv(
        tmp_path,
        "reviews.csv",
        [
            ["Review ID", "Person ID", "Review Type", "Review Date"],
            ["R1", "001", "CLA Review", "03/03/2020"],
        ],
    )
    result = runner.invoke(cli, ["validate", "--exports", str(tmp_path)])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert (
        f"error: {tmp_path / 'children.csv'}, line 3, column 'Date of Birth' (ID 002): "
        "not a real date (expected a date as dd/mm/yyyy)" in lines
    )
    assert (
        f"error: {tmp_path / 'reviews.csv'}, line 1, column 'Status': required column is "
        "missing (expected a header 'Status', or a mapping in iro.toml [headers.reviews])" in lines
    )
    assert any(
        line.startswith("  children.csv                1 row  Windows-1252") for line in lines
    )
    assert lines[-1] == "FAILED: 2 errors, 0 warnings"
    assert "Traceback" not in result.output


def test_iro_error_is_one_line_on_stderr_exit_2(runner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["validate", "--exports", str(tmp_path / "nowhere")])
    assert result.exit_code == 2  # could not run
    assert result.stdout == ""
    assert result.stderr == (
        f"iro: error: '{tmp_path / 'nowhere'}' is not a folder; give the export folder "
        "with --exports DIR\n"
    )


def test_debug_shows_traceback(runner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["validate", "--debug", "--exports", str(tmp_path / "nowhere")])
    assert result.exit_code == 2
    assert "Traceback (most recent call last)" in result.stderr
    assert result.stderr.splitlines()[-1].startswith("iro: error:")


def test_config_error_is_one_line(runner, tmp_path: Path) -> None:
    (tmp_path / "iro.toml").write_text('nation = "mars"\n')
    result = runner.invoke(cli, ["validate", "--config", str(tmp_path / "iro.toml")])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "nation = 'mars' is not known" in result.stderr


def test_broken_pipe_exits_quietly(tmp_path: Path) -> None:
    rows = [CHILD_HEADER] + [
        [str(i), "A", "B", "31/02/2010", "02/02/2020", ""] for i in range(20000)
    ]
    write_csv(tmp_path, "children.csv", rows)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "iro_cli", "validate", "--exports", str(tmp_path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    first = proc.stdout.readline()
    proc.stdout.close()  # like `| head -1`
    stderr = proc.stderr.read().decode()
    proc.wait(timeout=60)
    assert first.startswith(b"error: ")
    assert stderr == ""
    assert proc.returncode == 0


def test_python_dash_m(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    out = subprocess.run(
        [sys.executable, "-m", "iro_cli", "--version"], capture_output=True, text=True, env=env
    )
    assert out.stdout == f"iro, version {__version__}\n"
