"""Reading an export's ID and text columns again from the disk, a block at a time (lint's
later passes over a national file): the same rows and cells as the first read."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from iro_cli.exports import tables
from iro_cli.exports.reader import read_export_bytes, read_export_file
from iro_cli.exports.schema import EXPORTS
from iro_cli.exports.tables import FileChanged

SPEC = EXPORTS["recommendations"]
# Columns in another order with one the contract does not know; a quoted cell over two
# lines; a blank row; an exact repeat of an earlier row (dropped); cells with spaces
# round them (stripped); a summary line at the end (skipped). CRLF line ends, a BOM.
ROWS = [
    "Recommendation,Extra,Review ID,Person ID,Recommendation No,Responsible,Target Date",
    "Sam to see the dentist by 01/02/2027., x ,R1,P1,1,Carer,01/02/2027",
    '"Social worker to visit\r\nevery month.",,R1,P1,2, SW ,',
    ",,,,,,",
    "Sam to see the dentist by 01/02/2027., x ,R1,P1,1,Carer,01/02/2027",
    "  Contact with Mum to continue.  ,,R2,P2,1,,Ongoing",
    "Review the plan.,,R3,P3,,,",
    "Total rows: 5,,,,,,",
]


def _write(path: Path, rows: list[str]) -> Path:
    path.write_bytes(("\ufeff" + "\r\n".join(rows) + "\r\n").encode("utf-8"))
    return path


@pytest.mark.parametrize("block", [128, 1 << 20])
@pytest.mark.parametrize("step", [1, 2, 3, 1000])
def test_parts_from_the_disk_are_the_parts_of_the_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, step: int, block: int
) -> None:
    path = _write(tmp_path / "recommendations.csv", ROWS)
    read = read_export_file(path, SPEC)
    monkeypatch.setattr(tables, "_BLOCK", block)  # read again in blocks of a row or two
    assert read.rows == 4 and read.reread is not None  # blank, repeat and summary left out
    assert read.reread.newlines_in_values  # the quoted line break
    want = [read.part(a, a + step).columns for a in range(0, read.rows, step)]
    got = [part.columns for part in read.without_text().parts_from_disk(step)]
    assert got == want
    assert [row for part in got for row in part["recommendation"]] == [
        "Sam to see the dentist by 01/02/2027.",
        "Social worker to visit\r\nevery month.",
        "Contact with Mum to continue.",
        "Review the plan.",
    ]
    assert [line for part in got for line in part["_line"]] == [2, 3, 7, 8]


def test_a_file_changed_after_the_read_is_an_error(tmp_path: Path) -> None:
    path = _write(tmp_path / "recommendations.csv", ROWS[:2] + ROWS[5:7])
    read = read_export_file(path, SPEC).without_text()
    _write(path, ROWS[:2] + ROWS[5:6])  # a row fewer
    os.utime(path, ns=(1, 1))
    with pytest.raises(FileChanged, match="changed while it was being read"):
        list(read.parts_from_disk(2))


def test_bytes_cannot_be_read_again_and_keep_their_columns() -> None:
    raw = ("\r\n".join(ROWS[:2] + ROWS[5:7]) + "\r\n").encode("utf-8")
    read = read_export_bytes(raw, "<stdin>", SPEC)
    assert read.reread is None
    assert read.without_text() is read
    with pytest.raises(ValueError):
        next(read.parts_from_disk(2))
