"""Writing findings as they are made, a chunk of rows at a time.

csv, json and sarif are written chunk by chunk: the bytes are the very bytes the whole
result rendered at once gives (each chunk's part of it, cut from the same renderer).
The table and xlsx are laid out from every finding (column widths, the sheet), so they
keep the findings' cells (not the input) and render once at the end.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import chain, repeat
from operator import attrgetter
from typing import Any

from iro_cli.lint.chunk import Found, RowChunk
from iro_cli.lint.engine import Row
from iro_cli.lint.rules import Finding
from iro_cli.output import Block

COLUMNS = (
    "review_id",
    "person_id",
    "recommendation_no",
    "line",
    "code",
    "category",
    "severity",
    "message",
    "suggestion",
    "text",
)
STREAMED = ("csv", "json", "sarif")  # written as the findings come

Sink = Callable[[bytes], None]


def finding_blocks(rows: Sequence[Row], results: Sequence[Sequence[Finding]]) -> list[Block]:
    """``COLUMNS`` of the findings (one line per finding, row by row in input order) as
    blocks: the row's columns, the finding's, the row's text. Rows that share a wording
    share finding objects, so each distinct finding is rendered once."""
    counts = list(map(len, results))
    having = [row for row, count in zip(rows, counts, strict=True) if count]
    row_index = list(chain.from_iterable(map(repeat, range(len(having)), filter(None, counts))))
    found = list(chain.from_iterable(results))
    ids = list(map(id, found))
    distinct = list(dict(zip(ids, found, strict=True)).values())  # in order of first use
    number = {id(finding): n for n, finding in enumerate(distinct)}
    finding_index = list(map(number.__getitem__, ids))

    def cells(source: list[Any], names: tuple[str, ...]) -> list[list[Any]]:
        return [list(map(attrgetter(name), source)) for name in names]

    return [
        Block(cells(having, COLUMNS[:4]), row_index),
        Block(cells(distinct, COLUMNS[4:9]), finding_index),
        Block(cells(having, COLUMNS[9:]), row_index),
    ]


def found_blocks(chunk: RowChunk, found: Found) -> list[Block]:
    """:func:`finding_blocks` from a chunk's columns and its findings as a table: the cells
    of the rows with a finding taken from the columns, each distinct finding's once."""
    import numpy as np

    having = np.flatnonzero(found.counts)
    row_index = np.repeat(np.arange(len(having)), found.counts[having]).tolist()
    table = found.table
    return [
        Block([chunk.values(name, having) for name in COLUMNS[:4]], row_index),
        Block([list(map(attrgetter(name), table)) for name in COLUMNS[4:9]], found.flat.tolist()),
        Block([chunk.values(name, having) for name in COLUMNS[9:]], row_index),
    ]


def csv_lines(chunk: RowChunk, found: Found) -> bytes:
    """The csv lines of a chunk's findings, whole-column: the very bytes
    :func:`~iro_cli.output.csv_from_blocks` writes for :func:`found_blocks` (each distinct
    finding's fields made once, the rows' cells in Arrow)."""
    import numpy as np

    from iro_cli.exports.tables import from_numpy, strings
    from iro_cli.lint.chunk import NUMBERS, no_nulls
    from iro_cli.output import csv_column, csv_field_array, csv_records

    having = np.flatnonzero(found.counts)
    per_line = from_numpy(np.repeat(np.arange(len(having)), found.counts[having]))
    rows = from_numpy(having)

    def row_fields(name: str) -> Any:
        if name in NUMBERS:  # a whole number, or blank
            cells = strings(list(csv_column(chunk.values(name, having))))
        else:
            # A None given in a Row (not by the reader) is a blank cell, as csv_from_blocks has it.
            cells = csv_field_array(no_nulls(chunk.column(name).take(rows)))
        return cells.take(per_line)

    fields = [csv_column(list(map(attrgetter(name), found.table))) for name in COLUMNS[4:9]]
    findings = strings(list(map(",".join, zip(*fields, strict=True))))
    return csv_records(
        [
            *map(row_fields, COLUMNS[:4]),
            findings.take(from_numpy(found.flat)),
            *map(row_fields, COLUMNS[9:]),
        ]
    )


class CsvWriter:
    """The csv of the findings, a chunk at a time (header first, even with none)."""

    def __init__(self, sink: Sink, excel: bool = False) -> None:
        from iro_cli.output import csv_from_blocks

        self._sink = sink
        sink(csv_from_blocks(COLUMNS, [], excel))

    def add(self, chunk: RowChunk, found: Found) -> None:
        """A chunk's rows and their findings."""
        if len(found.flat):
            self._sink(csv_lines(chunk, found))

    def finish(self) -> None:
        pass


_JSON_OPEN, _JSON_BETWEEN, _JSON_CLOSE = "[\n  {\n", "\n  },\n  {\n", "\n  }\n]\n"


class JsonWriter:
    """The JSON records of the findings, a chunk at a time."""

    def __init__(self, sink: Sink) -> None:
        self._sink = sink
        self._started = False

    def add(self, chunk: RowChunk, found: Found) -> None:
        """A chunk's rows and their findings."""
        from iro_cli.output import json_from_blocks

        if not len(found.flat):
            return
        text = json_from_blocks(COLUMNS, found_blocks(chunk, found)).decode("utf-8")
        records = text[len(_JSON_OPEN) : -len(_JSON_CLOSE)]
        self._sink(((_JSON_BETWEEN if self._started else _JSON_OPEN) + records).encode("utf-8"))
        self._started = True

    def finish(self) -> None:
        self._sink((_JSON_CLOSE if self._started else "[]\n").encode("utf-8"))


class SarifWriter:
    """The SARIF log of the findings, its results a chunk at a time."""

    def __init__(self, sink: Sink, uri: str) -> None:
        from iro_cli.lint.sarif import streamed_parts

        self._sink = sink
        self._uri = uri
        self._head, self._indent, self._tail, self._empty = streamed_parts(uri)
        self._started = False

    def add(self, chunk: RowChunk, found: Found) -> None:
        """A chunk's rows and their findings (as Rows and lists: SARIF is per result)."""
        from iro_cli.lint.sarif import result_texts

        if not len(found.flat):
            return
        texts = result_texts(chunk.rows, found.per_row(), self._uri, self._indent)
        if not texts:
            return
        lead = ",\n" if self._started else self._head
        self._sink((lead + ",\n".join(texts)).encode("utf-8"))
        self._started = True

    def finish(self) -> None:
        self._sink(self._tail.encode("utf-8") if self._started else self._empty)


class KeptFindings:
    """The findings' cells kept for a table or a sheet, laid out once all are known."""

    def __init__(self, names: Sequence[str]) -> None:
        self.names = tuple(names)
        self.columns: list[list[Any]] = [[] for _ in self.names]

    def add(self, chunk: RowChunk, found: Found) -> None:
        """A chunk's rows and their findings."""
        from iro_cli.output import expand_blocks

        if not len(found.flat):
            return
        full = dict(zip(COLUMNS, expand_blocks(found_blocks(chunk, found)), strict=True))
        for kept, name in zip(self.columns, self.names, strict=True):
            kept.extend(full[name])

    def finish(self) -> None:
        pass
