"""A chunk of recommendations as columns, and its findings as a table and numbers.

Linting a national file in worker processes, the main process only reads, hands out and
writes: it does not need a Python object per row or per finding. A :class:`RowChunk`
keeps the export's columns (Arrow strings, read by the C reader) and makes
:class:`~iro_cli.lint.engine.Row` tuples only when asked; a worker is sent the Arrow
columns of its share, a few buffers each, not a tuple per row. :class:`Found` is a
chunk's findings as each distinct finding once (``table``) and, row after row, the
numbers of its findings (``flat``, with ``counts`` per row): what the csv writer and the
totals need, whole-column. ``Found.per_row`` gives the lists of findings the other
formats take.

Pure: columns in, columns out.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cached_property
from itertools import repeat
from operator import attrgetter
from typing import TYPE_CHECKING, Any

from iro_cli.lint.engine import Row
from iro_cli.lint.rules import Finding

if TYPE_CHECKING:
    import numpy as np
    import pyarrow as pa

    from iro_cli.exports.result import ReadResult

# Each field of a Row and the export's canonical column it comes from.
SOURCE = {
    "text": "recommendation",
    "review_id": "review_id",
    "person_id": "person_id",
    "recommendation_no": "recommendation_no",
    "line": "_line",
    "responsible": "responsible",
    "target_date": "target_date",
    "lint_ignore": "lint_ignore",
}
NUMBERS = ("recommendation_no", "line")
# What a worker is sent of each row: all that linting a row reads (engine.lint_row).
SENT = ("text", "review_id", "responsible", "target_date", "lint_ignore")


class RowChunk:
    """Rows ``index`` (all when ``None``) of an export's read, or of Rows already made."""

    def __init__(
        self,
        read: ReadResult | None = None,
        rows: Sequence[Row] | None = None,
        index: np.ndarray | None = None,
    ) -> None:
        self._read, self._rows, self._index = read, rows, index
        self._arrow: dict[str, pa.Array] = {}

    @classmethod
    def of(cls, rows: Sequence[Row] | RowChunk) -> RowChunk:
        """``rows`` as a chunk (a chunk as it is)."""
        return rows if isinstance(rows, RowChunk) else cls(rows=rows)

    def __len__(self) -> int:
        if self._index is not None:
            return len(self._index)
        if self._rows is not None:
            return len(self._rows)
        return self._read.rows  # type: ignore[union-attr]

    @cached_property
    def rows(self) -> list[Row]:
        """The rows as :func:`iro_cli.lint.inputs.rows_from_columns` makes them."""
        if self._read is None:
            given: Sequence[Row] = self._rows  # type: ignore[assignment]
            if self._index is None:
                return list(given)
            return [given[i] for i in self._index.tolist()]
        columns = [self.values(name) for name in Row._fields]
        return list(map(tuple.__new__, repeat(Row, len(self)), zip(*columns, strict=True)))

    def take(self, index: np.ndarray) -> RowChunk:
        """These rows of the chunk (positions, in order)."""
        if self._index is not None:
            index = self._index[index]
        return RowChunk(self._read, self._rows, index)

    def values(self, name: str, which: np.ndarray | None = None) -> list[Any]:
        """A Row field of each row (or of rows ``which``) as the Row holds it: text ("" when
        blank), or a whole number or ``None``."""
        from iro_cli.exports.tables import from_numpy
        from iro_cli.lint.inputs import _numbers

        if self._read is None:
            rows = self.rows
            if which is not None:
                rows = [rows[i] for i in which.tolist()]
            return list(map(attrgetter(name), rows))
        if name not in NUMBERS:
            cells = self.column(name)
            if which is not None:
                cells = cells.take(from_numpy(which))
            return cells.to_pylist()  # type: ignore[no-any-return]
        rows = self._positions(which)
        source = SOURCE[name]
        if source == "_line":
            return self._read.lines.take(rows).tolist()  # type: ignore[no-any-return]
        if source not in self._read.stored:
            return [None] * len(rows)
        return _numbers(self._read.stored[source].objects().take(rows).tolist())

    def column(self, name: str) -> pa.Array:
        """A text field of the Rows as one Arrow string array ("" when blank)."""
        found = self._arrow.get(name)
        if found is None:
            found = self._arrow[name] = self._make_column(name)
        return found

    def _make_column(self, name: str) -> pa.Array:
        import pyarrow as pa

        from iro_cli.exports.tables import from_numpy, strings

        if self._read is None:
            return _text_array(self.values(name))
        source = SOURCE[name]
        if source not in self._read.stored:
            return strings([""] * len(self))
        cells = self._read.text(source)
        cells = cells.combine_chunks() if isinstance(cells, pa.ChunkedArray) else cells
        if self._index is not None:
            cells = cells.take(from_numpy(self._index))
        return no_nulls(cells).cast(pa.string())

    def _positions(self, which: np.ndarray | None) -> np.ndarray:
        """Rows of the read: this chunk's (or its rows ``which``)."""
        import numpy as np

        rows = self._index if self._index is not None else np.arange(len(self))
        return rows if which is None else rows[which]

    def shares(self, processes: int) -> list[np.ndarray]:
        """Row positions per process, in order: as :func:`iro_cli.lint.workers.share_out`
        gives them (a child's rows to one process), each distinct ID hashed once."""
        import numpy as np

        owner = _hash_mod(self.column("person_id"), processes)
        blank = owner < 0
        if blank.any():
            by_review = _hash_mod(self.column("review_id"), processes)
            owner[blank] = by_review[blank]
            blank = owner < 0
            if blank.any():
                texts = self.values("text", np.flatnonzero(blank))
                owner[blank] = [hash(text) % processes for text in texts]
        return [np.flatnonzero(owner == k) for k in range(processes)]

    def sent(self, which: np.ndarray) -> tuple[pa.Array, ...]:
        """What a worker is sent of rows ``which``: the ``SENT`` fields as Arrow strings."""
        from iro_cli.exports.tables import from_numpy

        rows = from_numpy(which)
        return tuple(self.column(name).take(rows) for name in SENT)


def rows_sent(columns: Sequence[pa.Array]) -> list[Row]:
    """The Rows a worker lints, from :meth:`RowChunk.sent` (no Person ID, number or line:
    nothing a rule reads)."""
    text, review_id, responsible, target_date, lint_ignore = (c.to_pylist() for c in columns)
    fields = zip(
        text, review_id, repeat(""), repeat(None), repeat(None),
        responsible, target_date, lint_ignore,
    )  # fmt: skip
    return list(map(tuple.__new__, repeat(Row, len(text)), fields))


def _text_array(values: list[Any]) -> pa.Array:
    """Python strings as Arrow strings; a ``None`` (not text: a caller's mistake) as a
    null, for the worker to fail on as this process would."""
    import numpy as np
    import pyarrow as pa

    from iro_cli.exports.tables import strings

    missing = np.fromiter((value is None for value in values), dtype=bool, count=len(values))
    if not missing.any():
        return strings(values)
    made = strings(["" if value is None else value for value in values])
    valid = pa.py_buffer(np.packbits(~missing, bitorder="little"))
    return pa.Array.from_buffers(pa.string(), len(values), [valid, *made.buffers()[1:]])


def _hash_mod(cells: pa.Array, processes: int) -> np.ndarray:
    """``hash(cell) % processes`` per cell, each distinct value hashed once; -1 for ""."""
    import numpy as np

    from iro_cli.exports.tables import factorize

    codes, distinct = factorize(cells)
    owners = np.array(
        [hash(value) % processes if value else -1 for value in distinct.to_pylist()],
        dtype=np.int64,
    )
    return owners[codes] if len(owners) else np.zeros(len(codes), dtype=np.int64)


def no_nulls(cells: pa.Array) -> pa.Array:
    """Strings with "" for a null (``fill_null("")`` makes a scalar, which imports pandas)."""
    import pyarrow.compute as pc

    from iro_cli.exports.tables import strings

    if not cells.null_count:
        return cells
    return pc.coalesce(cells, strings([""] * len(cells)).cast(cells.type))


class Found:
    """A chunk's findings: each distinct finding once (``table``), and row after row the
    numbers into it of the row's findings (``flat``; ``counts``: how many a row has)."""

    def __init__(self, table: list[Finding], counts: np.ndarray, flat: np.ndarray) -> None:
        self.table, self.counts, self.flat = table, counts, flat

    @classmethod
    def from_lists(cls, results: Sequence[Sequence[Finding]]) -> Found:
        """From each row's findings (those rows share are numbered once)."""
        import numpy as np

        table, numbers = number_findings(results)
        counts = np.fromiter(map(len, results), dtype=np.int64, count=len(results))
        return cls(table, counts, np.array(numbers, dtype=np.int64))

    @classmethod
    def joined(cls, parts: Sequence[tuple[np.ndarray, Found]], rows: int) -> Found:
        """One chunk's findings from its shares' (each with its rows' positions, in order)."""
        import numpy as np

        table: list[Finding] = []
        counts = np.zeros(rows, dtype=np.int64)
        flats, owners = [], []
        for which, found in parts:
            counts[which] = found.counts
            flats.append(found.flat + len(table))
            owners.append(np.repeat(which, found.counts))
            table += found.table
        if not flats:
            return cls(table, counts, np.zeros(0, dtype=np.int64))
        order = np.argsort(np.concatenate(owners), kind="stable")
        return cls(table, counts, np.concatenate(flats)[order])

    def per_row(self) -> list[list[Finding]]:
        """Each row's findings, in order."""
        pick: Callable[[int], Finding] = self.table.__getitem__
        flat = self.flat.tolist()
        out = []
        at = 0
        for count in self.counts.tolist():
            out.append(list(map(pick, flat[at : at + count])))
            at += count
        return out

    def rows_with(self, wanted: np.ndarray) -> np.ndarray:
        """Which rows have a finding whose table entry is ``wanted`` (bool per entry)."""
        import numpy as np

        has = np.zeros(len(self.counts), dtype=bool)
        owner = np.repeat(np.arange(len(self.counts)), self.counts)
        has[owner[wanted[self.flat]]] = True
        return has


def number_findings(
    results: Sequence[Sequence[Finding]],
) -> tuple[list[Finding], list[int]]:
    """Each distinct finding once (rows that share a wording share finding objects), and
    the number of each row's every finding, row after row."""
    numbers: dict[int, int] = {}
    table: list[Finding] = []
    flat: list[int] = []
    for findings in results:
        for finding in findings:
            number = numbers.get(id(finding))
            if number is None:
                number = numbers[id(finding)] = len(table)
                table.append(finding)
            flat.append(number)
    return table, flat
