"""The columnar reader (pyarrow) against the csv-module reading of the same bytes.

A file pyarrow can read is read by it; any other by Python's csv module. Both must give
the same rows, values, line numbers and problems, so the csv-module path is the oracle
here: every file below is read both ways and compared.
"""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from iro_cli.exports.reader import _read_cells, read_export_bytes, read_export_chunks
from iro_cli.exports.schema import EXPORTS
from iro_cli.exports.tables import _arrow_cells, cells_from_records, read_csv_cells

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "sample_exports"

REVIEWS_HEADER = "Review ID,Person ID,Review Type,Review Date,Status,Chair,Child's Views"


def _oracle(raw: bytes, name: str, key: str):
    """The read made from the csv module's records (the slow path), for comparison."""
    from iro_cli.exports.tables import _records, decode, sniff_delimiter

    text, encoding = decode(raw)
    records, starts = _records(text, sniff_delimiter(text.split("\n", 1)[0]), name)
    return _read_cells(cells_from_records(records, starts, name), name, EXPORTS[key], {}, encoding)


def _same(a, b) -> None:
    assert [str(p) for p in a.problems] == [str(p) for p in b.problems]
    assert a.encoding == b.encoding
    assert a.columns == b.columns


def _fast(raw: bytes, name: str) -> bool:
    """Whether pyarrow (not the csv module) reads these bytes."""
    text = raw.decode("utf-8-sig")
    first = text.split("\n", 1)[0].rstrip("\r")
    return (
        _arrow_cells(io.BytesIO(raw.removeprefix(b"\xef\xbb\xbf")), first, ",", lambda: 0)
        is not None
    )


@pytest.mark.parametrize("key", sorted(EXPORTS))
def test_sample_exports_read_the_same_both_ways(key: str) -> None:
    path = SAMPLE / EXPORTS[key].filename
    raw = path.read_bytes()
    _same(read_export_bytes(raw, path.name, EXPORTS[key]), _oracle(raw, path.name, key))


CASES = {
    "line breaks in quoted cells (LF, CRLF, lone CR)": (
        REVIEWS_HEADER + "\n"
        '1,10,CLA Review,01/02/2025,Held,A,"one\ntwo"\n'
        '2,10,CLA Review,01/08/2025,Held,A,"three\r\nfour\rfive"\n'
        "3,10,CLA Review,31/02/2026,Held,A,x\n"
    ),
    "CRLF file with a duplicate and a blank row": (
        REVIEWS_HEADER + "\r\n"
        "1,10,CLA Review,01/02/2025,Held,A,x\r\n"
        "1,10,CLA Review,01/02/2025,Held,A,x\r\n"
        ",,,,,,\r\n"
        "2,10,CLA Review,01/08/2025,Held,A,y\r\n"
    ),
    "numbers alike, text not: no duplicate": (
        REVIEWS_HEADER + "\n"
        "1,10,CLA Review,01/02/2025,Held,A,x\n"
        "1,10,CLA Review,01/02/2025,Held,A,y\n"
        "01,10,CLA Review,01/02/2025,Held,A,x\n"
    ),
    "cells with spaces, a blank line and a summary row": (
        REVIEWS_HEADER + "\n"
        " 1 ,10,cla review , 01/02/2025,held,\u00a0A\u00a0, x \n"
        "\n"
        "2,11,CLA Review,2025-08-01,Held,B,\n"
        "Total rows: 2,,,,,,\n"
    ),
    "a blank required cell and an unknown code": (
        REVIEWS_HEADER + "\n"
        "1,,CLA Review,01/02/2025,Held,A,x\n"
        "2,10,CLA Reveiw,01/02/2025,Held,A,x\n"
        "3,10,CLA Review,1/2/2025,Held,A,x\n"
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_odd_files_read_the_same_both_ways(case: str) -> None:
    raw = CASES[case].encode("utf-8")
    assert _fast(raw, "reviews.csv"), "this case is meant for pyarrow's path"
    _same(
        read_export_bytes(raw, "reviews.csv", EXPORTS["reviews"]),
        _oracle(raw, "reviews.csv", "reviews"),
    )


def test_line_numbers_count_breaks_inside_cells() -> None:
    raw = CASES["line breaks in quoted cells (LF, CRLF, lone CR)"].encode()
    read = read_export_bytes(raw, "reviews.csv", EXPORTS["reviews"])
    # Line 1 header; row 1 on lines 2-3; row 2 on lines 4-6 (CRLF is one break, CR one);
    # row 3 on line 7, where its impossible date is reported.
    assert read.columns["_line"] == [2, 4]
    assert [p.line for p in read.errors] == [7]


def test_chunks_are_the_whole_read_in_order(tmp_path: Path) -> None:
    path = tmp_path / "reviews.csv"
    path.write_bytes(CASES["CRLF file with a duplicate and a blank row"].encode() * 1)
    whole = read_export_bytes(path.read_bytes(), str(path), EXPORTS["reviews"])
    for size in (1, 2, 5):
        parts = list(read_export_chunks(path, EXPORTS["reviews"], chunk_rows=size))
        assert parts[0].problems == whole.problems
        assert all(not part.problems for part in parts[1:])
        for name in whole.columns:
            assert sum((part.columns[name] for part in parts), []) == whole.columns[name]
        days = np.concatenate([part.array("review_date") for part in parts])
        assert (days == whole.array("review_date")).all()


def test_generated_exports_read_the_same_both_ways(tmp_path: Path) -> None:
    out = tmp_path / "exports"
    subprocess.run(
        [
            sys.executable,
            str(SAMPLE / "generate.py"),
            "--children",
            "150",
            "--seed",
            "7",
            "--out",
            str(out),
        ],
        check=True,
        capture_output=True,
    )
    for key, spec in EXPORTS.items():
        path = out / spec.filename
        raw = path.read_bytes()
        _same(read_export_bytes(raw, path.name, spec), _oracle(raw, path.name, key))


def test_reading_a_csv_imports_no_pandas() -> None:
    code = (
        "import sys; from pathlib import Path; "
        "from iro_cli.exports.reader import read_export_file; "
        "from iro_cli.exports.schema import EXPORTS; "
        f"r = read_export_file(Path({str(SAMPLE / 'reviews.csv')!r}), EXPORTS['reviews']); "
        "r.array('review_date'); r.columns; print('pandas' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_csv_module_reads_what_pyarrow_refuses() -> None:
    # A short row and a row with more cells than the header: read by the csv module,
    # with its messages.
    raw = (
        REVIEWS_HEADER
        + "\n1,10,CLA Review,01/02/2025,Held\n2,10,CLA Review,01/02/2025,Held,A,x,extra\n"
    ).encode()
    assert not _fast(raw, "reviews.csv")
    cells, _ = read_csv_cells(raw, "reviews.csv")
    assert list(cells.too_many) == [1]
    read = read_export_bytes(raw, "reviews.csv", EXPORTS["reviews"])
    assert [str(p) for p in read.errors] == [
        "reviews.csv, line 3: row has 8 cells but the header has 7"
    ]
    assert read.columns["review_id"] == ["1"]


def test_csv_module_path_and_absent_columns_import_no_pandas(tmp_path: Path) -> None:
    # Blank cells past the header's width send the file to the csv module; 'Chair' is
    # not in the file (blank on every row).
    path = tmp_path / "reviews.csv"
    path.write_text(
        "Review ID,Person ID,Review Type,Review Date,Status\n1,10,CLA Review,01/02/2025,Held,,\n"
    )
    code = (
        "import sys; from pathlib import Path; "
        "from iro_cli.exports.reader import read_export_file; "
        "from iro_cli.exports.schema import EXPORTS; "
        f"r = read_export_file(Path({str(path)!r}), EXPORTS['reviews']); "
        "print(r.text('chair').to_pylist(), r.text('review_id').to_pylist(), "
        "'pandas' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[''] ['1'] False"


@pytest.mark.parametrize("encoding", ["utf-8", "cp1252"])
def test_a_file_pyarrow_refuses_reads_from_disk_as_from_bytes(
    tmp_path: Path, encoding: str
) -> None:
    # A row with more cells than the header (pyarrow refuses it) and a name with an accent
    # (not UTF-8 in Windows-1252): the file on disk and its bytes give the same read.
    text = (
        REVIEWS_HEADER
        + "\n1,10,CLA Review,01/02/2025,Held,Zoë,x\n2,10,CLA Review,01/02/2025,Held,A,x,extra\n"
    )
    path = tmp_path / "reviews.csv"
    path.write_bytes(text.encode(encoding))
    from iro_cli.exports.reader import read_export_file

    on_disk = read_export_file(path, EXPORTS["reviews"])
    _same(on_disk, read_export_bytes(path.read_bytes(), str(path), EXPORTS["reviews"]))
    assert on_disk.columns["chair"] == ["Zoë"]
    assert on_disk.encoding == ("UTF-8" if encoding == "utf-8" else "Windows-1252")
    assert [p.line for p in on_disk.errors] == [3]


@pytest.mark.parametrize("accent_row", [1, 3_000])
def test_a_windows_1252_file_reads_from_disk_as_from_bytes(tmp_path: Path, accent_row: int) -> None:
    # A Windows-1252 file whose first accent is in its first 64 KiB (decoded at once) or
    # after them (found not to be UTF-8 as pyarrow reads it): the same read as its bytes,
    # and the same as the csv module's reading of them.
    rows = [f"{i},10,CLA Review,01/02/2025,Held,{'Zoë' if i == accent_row else 'A'},x" for i in
            range(1, 3_001)]  # fmt: skip
    raw = (REVIEWS_HEADER + "\n" + "\n".join(rows) + "\n").encode("cp1252")
    assert (raw.index("ë".encode("cp1252")) < 1 << 16) == (accent_row == 1)
    path = tmp_path / "reviews.csv"
    path.write_bytes(raw)
    from iro_cli.exports.reader import read_export_file

    on_disk = read_export_file(path, EXPORTS["reviews"])
    _same(on_disk, read_export_bytes(raw, str(path), EXPORTS["reviews"]))
    _same(on_disk, _oracle(raw, str(path), "reviews"))
    assert on_disk.encoding == "Windows-1252"
    assert on_disk.columns["chair"][accent_row - 1] == "Zoë"


def test_dates_parsed_on_the_whole_column_are_parse_dates_own() -> None:
    # The cells the column-at-once parse takes (dd/mm/yyyy, with or without a real hh:mm)
    # give parse_date's date; every other cell is left to parse_date.
    import pyarrow as pa

    from iro_cli.exports.reader import DateError, _dmy_dates, parse_date

    cells = ["01/02/2025", "01/02/2025 13:45", "29/02/2024 00:00", "31/12/1900 23:59",
             "31/02/2025 10:00", "01/02/2025 24:00", "01/02/2025 23:60", "29/02/2023 00:00",
             "01/02/1899 10:00", "1/02/2025 10:00", "01/02/2025 9:00", "01/02/2025T10:00",
             "01/02/2025 10:00:00", "01/02/2025  10:00", "2025-02-01", "", "x"]  # fmt: skip
    fast = _dmy_dates(pa.array(cells, pa.string()))
    assert sorted(fast) == [0, 1, 2, 3]
    for i, day in fast.items():
        assert day == parse_date(cells[i])
    for cell in cells[4:9]:
        with pytest.raises(DateError):
            parse_date(cell)


def test_a_block_split_inside_a_quoted_cell_is_never_kept(monkeypatch) -> None:
    # Read first as if no quoted cell held a line break, a block may end inside a quoted
    # cell: here the rest of the cell ('1,2,...') even reads as a row of the right width.
    # Whatever the block size, the read is the csv module's (the oracle).
    import iro_cli.exports.tables as tables

    rows = ["1,10,CLA Review,01/02/2025,Held,A,plain"]
    rows += ['2,10,CLA Review,01/02/2025,Held,B,"x\n3,11,CLA Review,02/02/2025,Held,C,y"']
    rows += ["4,12,CLA Review,03/02/2025,Held,D,z"]
    raw = (REVIEWS_HEADER + "\n" + "\n".join(rows) + "\n").encode()
    expected = _oracle(raw, "reviews.csv", "reviews")
    assert expected.columns["review_id"] == ["1", "2", "4"]
    for size in range(8, len(raw) + 8):
        monkeypatch.setattr(tables, "_BLOCK", size)
        _same(read_export_bytes(raw, "reviews.csv", EXPORTS["reviews"]), expected)


def test_a_file_without_line_breaks_in_cells_is_parsed_once(monkeypatch) -> None:
    import iro_cli.exports.tables as tables

    calls: list[bool] = []
    parse = tables._parse

    def spy(*args, newlines_in_values: bool):
        calls.append(newlines_in_values)
        return parse(*args, newlines_in_values=newlines_in_values)

    monkeypatch.setattr(tables, "_parse", spy)
    plain = REVIEWS_HEADER + '\n1,10,CLA Review,01/02/2025,Held,"Price, A",x\n'
    read_export_bytes(plain.encode(), "reviews.csv", EXPORTS["reviews"])
    assert calls == [False]
    calls.clear()
    broken = REVIEWS_HEADER + '\n1,10,CLA Review,01/02/2025,Held,A,"two\nlines"\n'
    read = read_export_bytes(broken.encode(), "reviews.csv", EXPORTS["reviews"])
    assert calls == [False, True]
    assert read.columns["_line"] == [2]


def test_each_read_of_bytes_has_a_stream_of_its_own(monkeypatch) -> None:
    """The quick read and the read with quoted line breaks each start from the first byte
    on a stream of their own: a failed read's read-ahead thread may still be moving a
    shared stream on, and the second read then began part-way into the file (it lost
    rows 1 and 2 of test_a_block_split_inside_a_quoted_cell_is_never_kept once in CI)."""
    import iro_cli.exports.tables as tables

    seen = []
    real = tables._parse

    def parse(source, *args, **kwargs):
        seen.append((source, source.tell()))
        return real(source, *args, **kwargs)

    monkeypatch.setattr(tables, "_parse", parse)
    raw = (REVIEWS_HEADER + '\n2,10,CLA Review,01/02/2025,Held,B,"x\ny"\n').encode()
    read = read_export_bytes(raw, "reviews.csv", EXPORTS["reviews"])
    assert read.columns["childs_views"] == ["x\ny"]
    assert len(seen) == 2  # quick, then with quoted line breaks
    (first, at_first), (second, at_second) = seen
    assert first is not second and at_first == at_second == 0
