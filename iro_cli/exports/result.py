"""What reading one export gives: its rows as typed columns, and every problem found.

Columns are kept as the reader makes them, without a Python object per cell: an ID or
text column as an Arrow column of strings; a date, code, flag or number column as the
column's distinct values converted once (``values``) and, for each row, the index of its
value (``indices``). ``array(name)`` turns a column into numpy for whole-column work;
``frame`` and ``columns`` give the older forms (an object-dtype DataFrame of ``date``,
``None`` and ``str``; a dict of lists) to code that wants Python values, built on first use.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from iro_cli.errors import Problem

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd
    import pyarrow as pa

    from iro_cli.exports.tables import LineIndex, Reread


@dataclass
class Stored:
    """One canonical column of the rows kept: ``text`` (IDs and text: the file's whole
    column, of which ``keep`` are the rows kept, or all when ``None``), or ``values``
    taken by ``indices`` (converted kinds); ``days`` are a date column's values as
    ``datetime64[D]``."""

    kind: str
    text: pa.ChunkedArray | None = None
    keep: np.ndarray | None = None
    indices: np.ndarray | None = None
    values: np.ndarray | None = None
    days: np.ndarray | None = None

    def objects(self) -> np.ndarray:
        """The column as an object array of Python values (``str``, ``date``, ``None``...)."""
        import numpy as np

        if self.text is not None:  # to_pylist, as pyarrow's to_numpy imports pandas
            cells = self.text.to_pylist()
            objects = np.empty(len(cells), dtype=object)
            objects[:] = cells
            return objects if self.keep is None else objects.take(self.keep)
        return self.values.take(self.indices)

    def part(self, start: int, stop: int) -> Stored:
        """Rows ``start`` to ``stop`` (of the rows kept), without copying cells."""
        if self.text is None:
            return Stored(
                self.kind, indices=self.indices[start:stop], values=self.values, days=self.days
            )
        if self.keep is None:
            return Stored(self.kind, text=self.text.slice(start, max(stop - start, 0)))
        rows = self.keep[start:stop]
        if not len(rows):
            return Stored(self.kind, text=self.text.slice(0, 0))
        low, high = int(rows[0]), int(rows[-1]) + 1
        return Stored(self.kind, text=self.text.slice(low, high - low), keep=rows - low)

    def arrow(self) -> pa.ChunkedArray:
        """An ID or text column as Arrow strings, rows kept only."""
        from iro_cli.exports.tables import from_numpy

        if self.keep is not None:
            self.text, self.keep = self.text.take(from_numpy(self.keep)), None
        return self.text


@dataclass
class ReadResult:
    """Canonical columns of one file's rows (those kept), and everything found wrong."""

    stored: dict[str, Stored]
    line_index: LineIndex  # the line of each of the file's rows
    keep: np.ndarray | None  # the rows kept (indices into the file's rows); None: all
    problems: list[Problem] = field(default_factory=list)
    encoding: str = ""
    path: str = ""
    # A file pyarrow read from the disk: how to read it again, and the position in the
    # file of each ID or text column (see parts_from_disk).
    reread: Reread | None = None
    raw: dict[str, int] = field(default_factory=dict)

    @property
    def rows(self) -> int:
        return self.line_index.count if self.keep is None else len(self.keep)

    def only(self, names: tuple[str, ...]) -> ReadResult:
        """The same read with only the columns ``names`` (the others are freed)."""
        self.line_index.settle()  # else it holds every column for counting line breaks
        stored = {name: self.stored[name] for name in names}
        raw = {name: index for name, index in self.raw.items() if name in stored}
        return ReadResult(
            stored, self.line_index, self.keep, self.problems, self.encoding, self.path,
            self.reread, raw,
        )  # fmt: skip

    def part(self, start: int, stop: int, problems: list[Problem] | None = None) -> ReadResult:
        """Rows ``start`` to ``stop`` of this read (cells are not copied), with ``problems``."""
        import numpy as np

        stop = min(stop, self.rows)
        keep = self.keep[start:stop] if self.keep is not None else np.arange(start, stop)
        stored = {name: column.part(start, stop) for name, column in self.stored.items()}
        return ReadResult(stored, self.line_index, keep, problems or [], self.encoding, self.path)

    def without_text(self) -> ReadResult:
        """This read without its ID and text columns' cells (the bulk of a large file),
        which :meth:`parts_from_disk` reads again; this read itself, whole, when the file
        cannot be read again (not read by pyarrow from the disk)."""
        from dataclasses import replace

        if self.reread is None:
            return self
        self.line_index.settle()  # else it holds every column for counting line breaks
        stored = {
            name: Stored(column.kind) if name in self.raw else column
            for name, column in self.stored.items()
        }
        return replace(self, stored=stored)

    def parts_from_disk(self, step: int) -> Iterator[ReadResult]:
        """The rows ``step`` at a time, as :meth:`part` gives them, the ID and text columns
        read again from the disk a block at a time (the file read as :meth:`without_text`
        was made: a file that no longer reads the same raises ``FileChanged``)."""
        import numpy as np
        import pyarrow as pa

        from iro_cli.exports.tables import FileChanged, from_numpy

        if self.reread is None:
            raise ValueError("this read cannot be read again from the disk")
        step = max(1, step)
        names = list(self.raw)
        if not names:  # nothing was let go
            for start in range(0, self.rows, step):
                yield self.part(start, start + step)
            return
        keep = self.keep if self.keep is not None else np.arange(self.rows)
        blocks = self.reread.blocks([self.raw[name] for name in names])
        held = [pa.chunked_array([], pa.string()) for _ in names]
        first = 0  # the file row of held's first cell
        for start in range(0, len(keep), step):
            stop = min(start + step, len(keep))
            rows = keep[start:stop]
            while first + len(held[0]) <= rows[-1]:
                block = next(blocks, None)
                if block is None:
                    raise FileChanged(self.path)
                held = [
                    pa.chunked_array(h.chunks + b.chunks, pa.string())
                    for h, b in zip(held, block, strict=True)
                ]
            taken = from_numpy(rows - first)
            stored = {
                name: Stored(column.kind, text=held[names.index(name)].take(taken))
                if name in self.raw
                else column.part(start, stop)
                for name, column in self.stored.items()
            }
            yield ReadResult(stored, self.line_index, rows, [], self.encoding, self.path)
            # Let go of the rows before the next kept one (those held: held covers the
            # file's rows first, first + 1, ... and blocks are added at its end).
            drop = len(held[0]) if stop == len(keep) else min(int(keep[stop]) - first, len(held[0]))
            held = [column.slice(drop) for column in held]
            first += drop
        self.reread.check()

    @cached_property
    def lines(self) -> np.ndarray:
        """The file line (or sheet row) of each row kept (int64)."""
        every = self.line_index.all()
        return every if self.keep is None else every.take(self.keep)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def kinds(self) -> dict[str, str]:
        return {name: column.kind for name, column in self.stored.items()}

    def array(self, name: str) -> np.ndarray:
        """One canonical column as a numpy array, for whole-column work: dates as
        ``datetime64[D]`` (NaT when blank), flags as bool, numbers as float64 (NaN when
        blank), ``_line`` as int64, everything else as an object array of ``str``."""
        import numpy as np

        if name == "_line":
            return self.lines
        column = self.stored[name]
        if column.kind == "date":
            return column.days.take(column.indices)
        if column.kind == "flag":
            return column.values.astype(bool).take(column.indices)
        if column.kind in ("int", "float"):
            numbers = np.array(
                [np.nan if v is None else v for v in column.values], dtype=np.float64
            )
            return numbers.take(column.indices)
        return column.objects()

    def text(self, name: str) -> pa.ChunkedArray:
        """An ID or text column as Arrow strings (no Python object per cell)."""
        import pyarrow as pa

        from iro_cli.exports.tables import strings

        column = self.stored[name]
        if column.text is not None:
            return column.arrow()
        cells = ["" if value is None else str(value) for value in column.objects().tolist()]
        return pa.chunked_array([strings(cells)], type=pa.string())

    @cached_property
    def columns(self) -> dict[str, list[Any]]:
        """Each canonical column as a list of Python values, and ``_line``."""
        data = {name: column.objects().tolist() for name, column in self.stored.items()}
        data["_line"] = self.lines.tolist()
        return data

    @cached_property
    def frame(self) -> pd.DataFrame:
        """The rows as an object-dtype DataFrame (``date``/``None``/``str`` cells) with
        ``_line``; ``attrs["path"]`` names the file."""
        import pandas as pd

        frame = pd.DataFrame(
            {
                name: pd.Series(column.objects(), dtype=object, copy=False)
                for name, column in self.stored.items()
            }
        )
        frame["_line"] = pd.Series(self.lines, dtype="int64")
        frame.attrs["path"] = self.path
        return frame
