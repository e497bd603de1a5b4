"""iro_cli.exports.arrays: the same columns, codes and repeats from a ReadResult, a
DataFrame and plain lists (values worked out by hand from the rows below)."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import numpy as np
import pytest

from iro_cli.config import Config
from iro_cli.exports import arrays
from iro_cli.exports.reader import read_checked
from tests.conftest import write_csv

ROWS = [
    ["Review ID", "Person ID", "Review Type", "Review Date", "Status", "Chair", "Next Review Date"],
    ["R1", "P1", "CLA Review", "01/02/2025", "Held", "Amy Iro", "01/08/2025"],
    ["R2", "P2", "cla review", "02/02/2025", "Held", "", "2025-08-02"],
    ["R1", "P1", "CLA Review", "03/02/2025", "Cancelled", "Amy Iro", ""],  # R1 again, differs
    ["R3", "P1", "RCPC", "04/02/2025", "Held", "Ben Iro", "04/08/2025"],
]


@pytest.fixture
def tables(tmp_path: Path) -> dict:
    write_csv(tmp_path, "reviews.csv", ROWS)
    read = read_checked("reviews", tmp_path, Config(), on_warning=lambda _m: None)
    return {"read": read, "frame": read.frame, "lists": read.columns}


@pytest.mark.parametrize("form", ["read", "frame", "lists"])
def test_columns_codes_and_repeats_in_every_form(tables: dict, form: str) -> None:
    table = tables[form]
    assert arrays.size(table) == 4
    assert arrays.has(table, "chair") and not arrays.has(table, "gender")
    assert arrays.lines(table).tolist() == [2, 3, 4, 5]
    assert arrays.dates(table, "next_review_date").tolist() == [
        date(2025, 8, 1),
        date(2025, 8, 2),
        None,  # NaT
        date(2025, 8, 4),
    ]
    codes, values = arrays.coded(table, "person_id")
    assert values[codes].tolist() == ["P1", "P2", "P1", "P1"]
    codes, values = arrays.coded(table, "review_type")  # the reader's canonical codes
    assert values[codes].tolist() == ["CLA Review", "CLA Review", "CLA Review", "RCPC"]
    assert arrays.Cells(table, "review_id")[3] == "R3"
    again, first = arrays.repeated_in(table, "review_id")
    assert (again.tolist(), first.tolist()) == ([2], [0])  # row 2 repeats row 0's R1
    child, person = arrays.person_codes(table, {"person_id": ["P2", "P9"]})
    assert person[0] == child[1] and person[1] not in child


def test_factorize_without_pandas_gives_the_same_grouping(monkeypatch) -> None:
    values = np.array(["b", None, "a", "b", None, ""], dtype=object)
    import pandas  # noqa: F401  (loaded: its hash table)

    with_pandas, uniques = arrays.factorize(values)
    assert uniques[with_pandas].tolist() == values.tolist()
    monkeypatch.delitem(sys.modules, "pandas")  # as for lint with csv output
    without, uniques = arrays.factorize(values)
    assert uniques[without].tolist() == values.tolist()
    assert without.tolist() == [0, 1, 2, 0, 1, 3]
    # The same rows share a code either way.
    assert (with_pandas[:, None] == with_pandas).tolist() == (without[:, None] == without).tolist()


def test_repeated_compares_only_rows_whose_hash_is_shared() -> None:
    values = np.array(["x", "y", "x", "z", "y", "x"], dtype=object)
    again, first = arrays.repeated(values)
    assert again.tolist() == [2, 4, 5] and first.tolist() == [0, 1, 0]
    assert arrays.repeated(np.array(["a", "b"], dtype=object))[0].tolist() == []


@pytest.mark.parametrize(
    ("ids", "again", "first"),
    [
        (["7", "07", "8"], [], []),  # the same number, different cells: not repeated
        (["7", "8", "7", "9"], [2], [0]),
        (["R7", "R8", "R7"], [2], [0]),  # not numbers: compared as text
        (["5", "x", "5"], [2], [0]),
    ],
)
def test_repeated_review_ids_of_a_read_export(ids: list[str], again: list, first: list) -> None:
    from iro_cli.exports.reader import read_export_bytes
    from iro_cli.exports.schema import EXPORTS

    lines = ["Review ID,Person ID,Review Type,Review Date,Status"]
    lines += [f"{i},P{n},CLA Review,0{n + 1}/02/2025,Held" for n, i in enumerate(ids)]
    read = read_export_bytes("\n".join(lines).encode(), "reviews.csv", EXPORTS["reviews"])
    found_again, found_first = arrays.repeated_in(read, "review_id")
    assert found_again.tolist() == again
    assert found_first.tolist() == first


def test_text_codes_of_the_same_columns_again_are_the_same_and_a_copy() -> None:
    import pyarrow as pa

    def column(cells: list[str]) -> pa.ChunkedArray:
        return pa.chunked_array([pa.array(cells, pa.string())], type=pa.string())

    children, reviews = column(["P2", "P1"]), column(["P1", "P3", "P2"])
    (child, review), distinct = arrays.text_codes([children, reviews])
    # Equal IDs, equal codes, counted by hand: P2 -> 0, P1 -> 1, P3 -> 2 (first seen).
    assert child.tolist() == [0, 1] and review.tolist() == [1, 2, 0]
    assert distinct.to_pylist() == ["P2", "P1", "P3"]
    child[:] = 99  # a caller's own copy
    (again, _), _ = arrays.text_codes([children, reviews])
    assert again.tolist() == [0, 1]
    (other, _), _ = arrays.text_codes([column(["P3", "P1"]), reviews])  # other columns
    assert other.tolist() == [0, 1]
    (ordered, _), names = arrays.text_codes([children, reviews], in_order=True)
    assert ordered.tolist() == [1, 0] and names.to_pylist() == ["P1", "P2", "P3"]
