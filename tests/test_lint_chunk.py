"""A chunk as columns (what the workers are sent) and its findings as a table: the same
rows, shares and findings as the Rows and lists they stand for."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from iro_cli.cli import cli
from iro_cli.exports.reader import read_export_file
from iro_cli.exports.result import ReadResult
from iro_cli.exports.schema import EXPORTS
from iro_cli.lint import stream
from iro_cli.lint.chunk import SENT, Found, RowChunk, rows_sent
from iro_cli.lint.engine import Row
from iro_cli.lint.inputs import rows_from_columns
from iro_cli.lint.rules import RULES
from iro_cli.lint.workers import share_out
from iro_cli.lint.writers import COLUMNS, csv_lines, finding_blocks, found_blocks
from iro_cli.output import csv_from_blocks
from tests.conftest import SAMPLE, write_csv

AS_OF = date(2026, 11, 20)
HEADER = ["Review ID", "Person ID", "Recommendation No", "Recommendation", "Responsible",
          "Target Date"]  # fmt: skip


def _export(folder: Path) -> Path:
    """Blank cells in each column that may be blank, a blank number, no Lint Ignore
    column, and a row the reader drops (no Person ID: the chunk has the others)."""
    write_csv(folder, "recommendations.csv", [
        HEADER,
        ["R1", "P1", "1", "Sam to see the dentist by 01/02/2027.", "Jo", "01/02/2027"],
        ["R1", "P1", "", "Contact with Mum to continue.", "", ""],
        ["R9", "", "1", "Dropped.", "", ""],
        ["R2", "P3", "2", "Social worker to visit.", "Social worker", "ASAP"],
        ["R4", "P1", "3", "Referral to CAMHS.", "", ""],
        ["R3", "P2", "1", '=cmd ""quoted"", with a comma', "", "end of term"],
    ])  # fmt: skip
    return folder


def _read(folder: Path) -> ReadResult:
    """The file as the command reads it (its blank required cells are errors the command
    stops on; the rows are read all the same)."""
    return read_export_file(folder / "recommendations.csv", EXPORTS["recommendations"])


def test_rows_from_columns_are_the_rows_the_command_made(tmp_path: Path) -> None:
    read = _read(_export(tmp_path))
    want = rows_from_columns(read.columns)
    chunk = RowChunk(read)
    assert chunk.rows == want
    assert len(want) == 5
    assert want[2] == Row("Social worker to visit.", "R2", "P3", 2, 5, "Social worker", "ASAP", "")
    assert want[1].recommendation_no is None and want[1].responsible == ""
    kept = chunk.take(np.array([0, 2, 4]))
    assert kept.rows == [want[0], want[2], want[4]]
    assert kept.take(np.array([2])).rows == [want[4]]
    assert kept.values("line", np.array([1])) == [5]
    # What a worker is sent makes the rows it lints: all but what no rule reads.
    sent = rows_sent(kept.sent(np.array([0, 1, 2])))
    blank = [w._replace(person_id="", recommendation_no=None, line=None) for w in kept.rows]
    assert sent == blank
    assert SENT == ("text", "review_id", "responsible", "target_date", "lint_ignore")
    # Rows already made (a text file) give the same.
    made = RowChunk.of(want).take(np.array([0, 2, 4]))
    assert made.rows == kept.rows
    assert [made.column(name).to_pylist() for name in SENT] == [
        kept.column(name).to_pylist() for name in SENT
    ]


def test_shares_are_share_outs_a_child_to_one_process() -> None:
    rows = [Row(f"text {k % 9}", review_id=f"R{k % 7}" if k % 5 else "",
                person_id=f"P{k % 4}" if k % 3 else "") for k in range(60)]  # fmt: skip
    for processes in (1, 2, 3):
        shares = RowChunk.of(rows).shares(processes)
        assert [s.tolist() for s in shares] == share_out(rows, processes)
    assert all(len(share) for share in RowChunk.of(rows).shares(2))


def test_found_joins_shares_in_row_order_and_gives_each_rows_findings() -> None:
    a, b, c = (RULES[code].finding(code) for code in ("SMART001", "CARE001", "SMART006"))
    results = [[a, b], [], [b], [c, a, b], [], [a]]
    found = Found.from_lists(results)
    assert found.table == [a, b, c]
    assert found.counts.tolist() == [2, 0, 1, 3, 0, 1]
    assert found.flat.tolist() == [0, 1, 1, 2, 0, 1, 0]
    assert found.per_row() == results
    smart = np.array([f.category == "smart" for f in found.table])
    assert found.rows_with(smart).tolist() == [True, False, False, True, False, True]
    # Two shares (rows 0, 3, 4 and rows 1, 2, 5), numbered apart, joined in row order.
    first = Found.from_lists([results[0], results[3], results[4]])
    second = Found.from_lists([results[1], results[2], results[5]])
    joined = Found.joined([(np.array([0, 3, 4]), first), (np.array([1, 2, 5]), second)], 6)
    assert joined.per_row() == results
    assert Found.joined([], 2).per_row() == [[], []]


def test_the_csv_from_columns_is_the_csv_from_rows(tmp_path: Path) -> None:
    read = _read(_export(tmp_path))
    chunk = RowChunk(read)
    rows = chunk.rows
    a, b = RULES["SMART002"].finding('no one "named"'), RULES["CARE001"].finding("=x, y")
    results = [[a], [], [a, b], [b], [b, a]]
    blocks = found_blocks(chunk, Found.from_lists(results))
    assert csv_from_blocks(COLUMNS, blocks) == csv_from_blocks(
        COLUMNS, finding_blocks(rows, results)
    )
    assert b"'=cmd" in csv_from_blocks(COLUMNS, blocks)  # a formula cell neutralised
    # Whole-column, as the csv writer makes them: the same lines below the header.
    header = len(csv_from_blocks(COLUMNS, []))
    assert csv_lines(chunk, Found.from_lists(results)) == csv_from_blocks(COLUMNS, blocks)[header:]
    # Worked out by hand: row R3 is line 7; its text and the message begin with "=" (so
    # "'" before them) and hold a comma (so quoted, the text's quotes doubled).
    lines = csv_lines(chunk.take(np.array([4, 0])), Found.from_lists([[b, a], [a]]))
    assert lines.split(b"\r\n")[0] == (
        b'R3,P2,1,7,CARE001,language,warning,"\'=x, y",use the preferred wording,'
        b'"\'=cmd ""quoted"", with a comma"'
    )
    assert lines.count(b"\r\n") == 3
    assert lines.endswith(b",Sam to see the dentist by 01/02/2027.\r\n")
    assert csv_lines(chunk, Found.from_lists([[]] * 5)) == b""
    # Rows given (not read) may hold None where the reader has "": a blank cell all the same.
    given = [Row("Sam to visit.", None, "P1"), Row("=x", "R2", "P2", 3, 9)]
    lines = csv_lines(RowChunk.of(given), Found.from_lists([[a], [b]]))
    assert lines == csv_from_blocks(COLUMNS, finding_blocks(given, [[a], [b]]))[header:]
    assert lines.startswith(b",P1,,,SMART002,") and lines.count(b"\r\n") == 2


@pytest.mark.parametrize("size", [7, 1000])
def test_the_command_in_worker_processes_gives_one_processs_bytes(
    size: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The sample linted by two workers (Arrow columns out, a table back), chunks of
    ``size`` rows, with --iro (rows left out), against one process."""
    monkeypatch.setattr(stream, "CHUNK_ROWS", size)
    outputs = {}
    for jobs in ("1", "2"):
        if jobs == "2":
            monkeypatch.setattr(stream, "PARALLEL_MIN_ROWS", 1)
        for extra in ([], ["--iro", "Sian Lister"]):
            out = tmp_path / f"{jobs}-{len(extra)}.csv"
            args = ["lint-recommendations", "--exports", str(SAMPLE), "--as-of", "20/11/2026",
                    "--fail-on", "never", "-o", str(out), "--jobs", jobs, *extra]  # fmt: skip
            result = CliRunner().invoke(cli, args)
            assert result.exit_code == 0, result.output
            outputs[jobs, len(extra)] = (out.read_bytes(), result.stderr)
    assert outputs["2", 0] == outputs["1", 0]
    assert outputs["2", 2] == outputs["1", 2]
    if size == 1000:  # the formats made from Rows and lists: json, the --summary csv
        for extra in (["--format", "json"], ["--summary"]):
            made = []
            for jobs in ("1", "2"):
                out = tmp_path / f"{jobs}-{extra[-1]}.out"
                args = ["lint-recommendations", "--exports", str(SAMPLE), "--as-of",
                        "20/11/2026", "--fail-on", "never", "-o", str(out), "--force",
                        "--jobs", jobs, *extra]  # fmt: skip
                if "--summary" in extra:
                    args += ["--format", "csv"]
                result = CliRunner().invoke(cli, args)
                assert result.exit_code == 0, result.output
                made.append(out.read_bytes())
            assert made[0] == made[1] and len(made[0]) > 1000
    assert outputs["1", 0][0].count(b"\r\n") > 10_000  # findings for most of 9,457 rows
    assert len(outputs["1", 2][0]) < len(outputs["1", 0][0]) / 2  # --iro kept some rows only
    assert "in 9457 recommendations" in outputs["2", 0][1]
