"""The bad-export corpus (issue #14): every folder of ``tests/bad_exports`` is an export
folder that real systems (or hostile cells) produce; ``cases.toml`` says what iro must do
with each: the exact exit status and messages, that nothing is lost (the same output as
the clean base), and that formula-looking cells are neutralised in the csv and xlsx
output of every command that writes them. The data is fictional; nothing here prints
anything but that.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest

from iro_cli.cli import cli

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

HERE = Path(__file__).resolve().parent / "bad_exports"
CASES: dict[str, dict[str, Any]] = tomllib.loads((HERE / "cases.toml").read_text("utf-8"))
AS_OF = ["--as-of", "20/11/2026"]
DANGEROUS = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
# The commands that write csv and xlsx, as the corpus runs them (--exports ex added).
OUTPUT_RUNS: dict[str, list[str]] = {
    "overdue": ["overdue", "--days", "400", *AS_OF],
    "upcoming": ["upcoming", "--days", "400", *AS_OF],
    "participation-team": ["participation", "--by", "team", *AS_OF],
    "participation-iro": ["participation", "--by", "iro", *AS_OF],
    "lint": ["lint-recommendations", "--fail-on", "never", *AS_OF],
    "lint-summary": ["lint-recommendations", "--summary", "--fail-on", "never", *AS_OF],
    "timeliness-team": ["timeliness", "--year", "2025/26", "--by", "team", *AS_OF],
    "timeliness-list": ["timeliness", "--year", "2025/26", "--list", *AS_OF],
    "cp-plans-list": ["cp-plans", "--year", "2025/26", "--list", *AS_OF],
}


def make_big_cell(folder: Path) -> None:
    """A 10 MB Child's Views cell (quoted, with line breaks) on review R1."""
    text = ("Amara likes drawing and wants to keep her school.\r\n" * 200_000)[: 10 * 2**20]
    path = folder / "reviews.csv"
    path.write_bytes(
        path.read_bytes().replace(
            b"Amara wants to see her brother more.", b'"' + text.encode() + b'"'
        )
    )


def make_long_line(folder: Path) -> None:
    """A 1 MB line: child 0102's row followed by 524,288 extra ',x' cells."""
    path = folder / "children.csv"
    path.write_bytes(
        path.read_bytes().replace(b"CiC 2,N\r\n", b"CiC 2,N" + b",x" * 2**19 + b"\r\n")
    )


def make_workbook(folder: Path, formula: str | None = None) -> None:
    """children.csv becomes children.xlsx (text cells, as a report saved from Excel);
    with ``formula``, child 0101's Team is that formula, a real one."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Report"
    text = (folder / "children.csv").read_text("utf-8")
    for row in csv.reader(io.StringIO(text)):
        sheet.append(row)
    if formula is not None:
        sheet["J2"] = formula  # Team of the first child
    workbook.save(folder / "children.xlsx")
    (folder / "children.csv").unlink()


MAKERS = {
    "cell_10mb": make_big_cell,
    "line_1mb": make_long_line,
    "xlsx_input": make_workbook,
    "xlsx_input_formula": lambda folder: make_workbook(folder, '=HYPERLINK("http://x.invalid")'),
}


def prepare(name: str, tmp_path: Path) -> Path:
    """The case's folder copied to ``tmp_path/ex`` (and made bigger where the case says)."""
    exports = tmp_path / "ex"
    shutil.copytree(HERE / name, exports)
    make = CASES.get(name, {}).get("make")
    if make:
        MAKERS[make](exports)
    return exports


def invoke(args: list[str]) -> Any:
    from click.testing import CliRunner

    return CliRunner().invoke(cli, [*args, "--exports", "ex"])


def check_no_crash(result: Any) -> None:
    """A user error or success, never an unexpected exception."""
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"unexpected {type(result.exception).__name__}") from None


def outputs(fmt: str, tmp_path: Path) -> dict[str, Any]:
    """Each output command's result in ``fmt`` (csv: the text; xlsx: the rows)."""
    from openpyxl import load_workbook

    found: dict[str, Any] = {}
    for key, args in OUTPUT_RUNS.items():
        if fmt == "csv":
            result = invoke([*args, "--format", "csv"])
            check_no_crash(result)
            found[key] = (result.exit_code, result.stdout)
        else:
            out = tmp_path / f"{key}.xlsx"
            result = invoke([*args, "-o", str(out), "--force"])
            check_no_crash(result)
            rows = []
            if result.exit_code == 0:
                sheet = load_workbook(out).active
                rows = [[(c.value, c.data_type) for c in row] for row in sheet.iter_rows()]
            found[key] = (result.exit_code, rows)
    return found


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_export(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    case = CASES[name]
    monkeypatch.chdir(tmp_path)
    prepare(name, tmp_path)
    result = invoke(case["args"])
    check_no_crash(result)
    assert result.exit_code == case["exit"]
    if "stdout" in case:
        assert result.stdout == case["stdout"]
    if "stderr" in case:
        assert result.stderr == case["stderr"]
    if case.get("same_as_base"):  # nothing lost, nothing changed: as the clean folder gives
        mine = outputs("csv", tmp_path)
        shutil.rmtree(tmp_path / "ex")
        prepare("base", tmp_path)
        assert mine == outputs("csv", tmp_path)
    if "formula" in case:
        check_formulas(case["formula"], tmp_path)


def check_formulas(value: str, tmp_path: Path) -> None:
    """No csv cell of any output command starts as a formula would (a ' goes first), no
    xlsx cell is a formula (text is typed as text, kept as it is), and the hostile value
    itself reached at least one output."""
    seen = 0
    for key, (code, text) in outputs("csv", tmp_path).items():
        assert code == 0, key
        for row in csv.reader(io.StringIO(text)):
            for cell in row:
                if NUMBER.fullmatch(cell):  # -206 days to due: a number, not a formula
                    continue
                assert not cell.startswith(DANGEROUS), (key, "csv")
                seen += cell.startswith("'") and value.strip() in cell
    for key, (code, rows) in outputs("xlsx", tmp_path).items():
        assert code == 0, key
        for row in rows:
            for cell, kind in row:
                # xlsx keeps the text exactly, typed as text: Excel never runs it.
                assert kind != "f", (key, "xlsx formula")
                if isinstance(cell, str) and cell.startswith(DANGEROUS):
                    assert kind == "s", (key, "xlsx")
                    seen += value.strip() in cell
    assert seen, "the hostile value reached no output"


def test_corpus_is_what_make_cases_writes() -> None:
    """The stored folders are exactly what make_cases.py makes (so each can be rebuilt),
    every folder has its expectation, and there are at least 60 cases."""
    sys.path.insert(0, str(HERE))
    try:
        import make_cases
    finally:
        sys.path.remove(str(HERE))
    made = make_cases.cases()
    stored = {p.name for p in HERE.iterdir() if p.is_dir() and p.name != "__pycache__"}
    assert stored == set(made) == set(CASES)
    assert len(CASES) >= 60
    for name, files in made.items():
        for file_name, data in files.items():
            path = HERE / name / file_name
            assert path.is_dir() if data is None else path.read_bytes() == data, (name, file_name)
