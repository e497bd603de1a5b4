"""From an export's bytes (or a sheet's records) to a header and columns of stripped text.

The C reader of ``pyarrow.csv`` reads a well-formed file into Arrow columns of strings
(several cores, no Python object per cell). A file it cannot read row for row as Python's
``csv`` module would (a row with more or fewer cells than the header, a header that runs
over two lines, a quote never closed, blank lines before the header) is read by the
``csv`` module instead, which knows each record's line; both give the same :class:`Cells`.

Line numbers: a record takes one line plus the line breaks kept inside its quoted cells,
so a row's line is worked out from the breaks counted in the rows before it, on whole
columns.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from iro_cli.errors import InputError, IroError, Problem

if TYPE_CHECKING:
    import numpy as np
    import pyarrow as pa

csv.field_size_limit(2**24)

# What Python's str.strip() removes (every character for which str.isspace() is true):
# the same set for Arrow's trim, so a cell is stripped exactly as before.
WHITESPACE = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680"
    + "".join(chr(c) for c in range(0x2000, 0x200B))
    + "\u2028\u2029\u202f\u205f\u3000"
)
_BLOCK = 1 << 24  # bytes the C reader parses at a time (a thread per block)
_REREAD_BLOCK = 1 << 20  # the same, read again a block at a time (Reread)


class LineIndex:
    """The line each data row starts on, worked out on first use.

    Row ``i`` of a file read by the C reader starts on line ``first + i`` plus the line
    breaks inside the quoted cells of the rows before it; counting those means a pass
    over every cell, so it is done only when a line number is wanted (a problem to
    report, or a command that shows lines)."""

    def __init__(
        self,
        count: int,
        *,
        starts: np.ndarray | None = None,
        first: int = 2,
        columns: list[pa.ChunkedArray] | None = None,
        physical_lines: Callable[[], int] | None = None,
    ) -> None:
        self.count = count
        self._starts = starts
        self._first = first
        self._columns = columns
        self._physical_lines = physical_lines

    def settle(self) -> None:
        """Count the file's lines now, so that the cells are kept for line numbers only
        when a cell holds a line break (the columns can then be freed)."""
        if self._physical_lines is not None:
            self.all()

    def all(self) -> np.ndarray:
        """Every row's line (int64)."""
        import numpy as np

        if self._physical_lines is not None:
            # One physical line per record (and the header): no cell holds a line break,
            # and the cells need not be searched for them.
            if self._physical_lines() == self.count + 1:
                self._columns = None
            self._physical_lines = None
        if self._starts is None:
            lines = np.arange(self._first, self._first + self.count, dtype=np.int64)
            breaks = np.zeros(self.count, dtype=np.int64)
            for column in self._columns or []:
                breaks += _line_breaks(column)
            if breaks.any():
                lines[1:] += np.cumsum(breaks[:-1])
            self._starts, self._columns = lines, None
        return self._starts

    def cut(self, end: int) -> LineIndex:
        """The index of the first ``end`` rows."""
        if self._starts is not None:
            return LineIndex(end, starts=self._starts[:end])
        if self._physical_lines is not None:
            self.all()  # the file's line count is of every row, not the first ``end``
            return self.cut(end)
        columns = [c.slice(0, end) for c in self._columns or []]
        return LineIndex(end, first=self._first, columns=columns)


@dataclass
class Cells:
    """A file's records as columns: the header's cells, every data row's cells (stripped,
    one Arrow string column per header cell) and the line each row starts on."""

    header: list[str]
    header_line: int
    columns: list[pa.ChunkedArray]
    lines: LineIndex
    # Rows with more non-blank cells than the header: row index -> its problem.
    too_many: dict[int, Problem] = field(default_factory=dict)
    # How to read the columns again from the disk (a file pyarrow read), else None.
    reread: Reread | None = None

    @property
    def count(self) -> int:
        return self.lines.count


@dataclass
class Reread:
    """A file pyarrow read row for row, to be read again from the disk a block at a time
    with the same options: the same cells, without holding the whole file (lint's second
    pass over a national export)."""

    path: str
    width: int
    delimiter: str
    newlines_in_values: bool
    stamp: tuple[int, int] = (0, 0)  # the file's size and modification time when read

    def __post_init__(self) -> None:
        if self.stamp == (0, 0):
            self.stamp = _stamp(self.path)

    def check(self) -> None:
        """Raise :class:`FileChanged` when the file is not the one first read."""
        if _stamp(self.path) != self.stamp:
            raise FileChanged(self.path)

    def blocks(self, columns: list[int]) -> Iterator[list[pa.ChunkedArray]]:
        """The stripped cells of these columns (by position), block by block, in order;
        raises :class:`FileChanged` when the file no longer reads as it did."""
        import pyarrow as pa
        import pyarrow.csv as pv

        self.check()
        names = [f"c{i}" for i in range(self.width)]
        wanted = [names[i] for i in columns]

        def ragged(_row: object) -> str:
            raise FileChanged(self.path)

        try:
            reader = pv.open_csv(
                self.path,
                # Small blocks, one at a time: the reader reads blocks ahead, and with
                # the first read's 16 MiB ones it held 150-320 MB of the national
                # recommendations; 1 MiB blocks hold 25 MB, and read them as fast.
                **_csv_options(
                    self.width,
                    self.delimiter,
                    self.newlines_in_values,
                    ragged,
                    columns=wanted,
                    block_size=min(_BLOCK, _REREAD_BLOCK),
                    use_threads=False,
                ),
            )
            for batch in reader:
                yield [strip(pa.chunked_array([batch.column(k)])) for k in range(len(wanted))]
        except (OSError, pa.ArrowInvalid) as exc:
            raise FileChanged(self.path) from exc


def _stamp(path: str) -> tuple[int, int]:
    import os

    try:
        info = os.stat(path)
    except OSError:
        return (-1, -1)
    return (info.st_size, info.st_mtime_ns)


class FileChanged(IroError):
    """A file read again gave other rows than the first time."""

    def __init__(self, path: str) -> None:
        super().__init__(
            f"{path}: the file changed while it was being read (replaced?); run again once "
            "the export is complete"
        )


def to_numpy(array: pa.Array | pa.ChunkedArray) -> np.ndarray:
    """A numeric or boolean Arrow column without nulls as numpy, read from its buffers.

    pyarrow's own ``to_numpy`` (and ``pa.array``) import pandas when it is installed: half
    a second of start-up that a command writing CSV or JSON does not otherwise pay."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    chunks = array.chunks if isinstance(array, pa.ChunkedArray) else [array]
    parts = []
    for chunk in chunks:
        if chunk.null_count:
            raise ValueError("a column with nulls")  # pragma: no cover - never made here
        boolean = pa.types.is_boolean(chunk.type)
        if boolean:
            chunk = pc.cast(chunk, pa.uint8())
        kind = "i" if pa.types.is_signed_integer(chunk.type) else "u"
        dtype = np.dtype(f"{kind}{chunk.type.bit_width // 8}")
        values = np.frombuffer(chunk.buffers()[1], dtype=dtype, count=chunk.offset + len(chunk))
        values = values[chunk.offset :]
        parts.append(values.view(bool) if boolean else values)
    if not parts:
        return np.zeros(0, dtype=np.int64)
    return np.concatenate(parts) if len(parts) > 1 else parts[0]


def factorize(column: pa.ChunkedArray | pa.Array) -> tuple[np.ndarray, pa.Array]:
    """Each cell's index (int64) into the column's distinct values, and those values, by
    Arrow's dictionary encoding (no Python object per cell)."""
    import numpy as np
    import pyarrow as pa

    encoded = column.dictionary_encode()
    if isinstance(encoded, pa.ChunkedArray):
        if encoded.num_chunks == 0 or len(encoded) == 0:
            return np.zeros(0, dtype=np.int64), strings([])
        # The chunks share one dictionary (the encoder's memo grows across chunks).
        dictionary = encoded.chunk(encoded.num_chunks - 1).dictionary
        codes = np.concatenate([to_numpy(chunk.indices) for chunk in encoded.chunks])
    else:
        dictionary = encoded.dictionary
        codes = to_numpy(encoded.indices) if len(encoded) else np.zeros(0, dtype=np.int64)
    return codes.astype(np.int64, copy=False), dictionary


def from_numpy(indices: np.ndarray) -> pa.Array:
    """Row indices (numpy) as an Arrow int64 array, for ``take``."""
    import numpy as np
    import pyarrow as pa

    data = np.ascontiguousarray(indices, dtype=np.int64)
    return pa.Array.from_buffers(pa.int64(), len(data), [None, pa.py_buffer(data)])


def strings(values: list[str]) -> pa.Array:
    """Python strings as an Arrow string array, built from buffers (``pa.array`` imports
    pandas)."""
    import numpy as np
    import pyarrow as pa

    encoded = [value.encode("utf-8") for value in values]
    offsets = np.zeros(len(encoded) + 1, dtype=np.int64)
    np.cumsum([len(b) for b in encoded], out=offsets[1:])
    data = pa.py_buffer(b"".join(encoded))
    return pa.Array.from_buffers(
        pa.large_string(), len(encoded), [None, pa.py_buffer(offsets), data]
    ).cast(pa.string())


def blank(column: pa.ChunkedArray) -> np.ndarray:
    """Which cells are empty."""
    import pyarrow as pa
    import pyarrow.compute as pc

    return ~to_numpy(pc.cast(pc.binary_length(column), pa.bool_())).astype(bool, copy=False)


def decode(raw: bytes) -> tuple[str, str]:
    """Bytes -> (text, encoding name). UTF-8 (BOM or not), UTF-16 (BOM or not), else
    Windows-1252 (its five unused bytes become U+FFFD: never a crash)."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", errors="replace"), "UTF-8 with BOM"
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16", errors="replace"), "UTF-16"
    if _utf16_without_bom(raw):
        sample = raw[:4096]
        odd, even = sample[1::2].count(0), sample[0::2].count(0)
        encoding = "utf-16-le" if odd > even else "utf-16-be"
        return raw.decode(encoding, errors="replace"), f"UTF-16 {encoding[-2:].upper()} (no BOM)"
    try:
        return raw.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    return raw.decode("cp1252", errors="replace"), "Windows-1252"


def _utf16_without_bom(raw: bytes) -> bool:
    """Mostly 0 bytes at the start: UTF-16 that does not say so."""
    sample = raw[:4096]
    return len(sample) >= 4 and sample.count(0) * 3 > len(sample)


def _utf8_guess(raw: bytes) -> tuple[bytes | memoryview, str] | None:
    """The file as UTF-8 bytes without a BOM, not copied, when it says or looks like
    UTF-8 (to be confirmed as it is read); ``None`` for UTF-16."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return memoryview(raw)[3:], "UTF-8 with BOM"
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or _utf16_without_bom(raw):
        return None
    return raw, "UTF-8"


def _utf8_start(head: bytes | memoryview) -> bool:
    """Whether the start of a file may be UTF-8 (a character cut off at its end may)."""
    try:
        str(head, "utf-8")
    except UnicodeDecodeError as exc:
        return exc.reason == "unexpected end of data" and exc.end == len(head)
    return True


def sniff_delimiter(first_line: str) -> str:
    counts = {d: first_line.count(d) for d in (",", "\t", ";")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def read_csv_cells(raw: bytes, name: str) -> tuple[Cells, str]:
    """A CSV file's cells and its encoding's name; raises :class:`InputError` for a file
    that cannot be read as CSV (a quote never closed)."""
    guess = _utf8_guess(raw)
    if guess is not None:
        try:
            return _cells(*guess, name)
        except UnicodeDecodeError:  # not UTF-8 after all: Windows-1252, or bad bytes replaced
            pass
    text, encoding = decode(raw)
    return _cells(text.encode("utf-8"), encoding, name)


def read_csv_file_cells(path: Path, name: str) -> tuple[Cells, str]:
    """Like :func:`read_csv_cells`, for a file on disk: a UTF-8 file is read by the C
    reader straight from the disk, never held whole in memory as bytes."""
    import pyarrow as pa

    with open(path, "rb") as handle:
        head = handle.read(1 << 16)
    guess = _utf8_guess(head)
    if guess is not None and not _utf8_start(guess[0]):
        # Not UTF-8 (a Windows-1252 export): decoded at once, not first parsed in vain.
        text, encoding = decode(_read_bytes(path))
        return _cells(text.encode("utf-8"), encoding, name)
    end = _first_line_end(guess[0]) if guess is not None else 0
    if guess is not None and end < len(guess[0]):
        try:
            first_line: str | None = str(guess[0][:end], "utf-8")
        except UnicodeDecodeError:
            first_line = None
        if first_line is not None:
            try:
                cells = _arrow_cells(
                    str(path),
                    first_line,
                    sniff_delimiter(first_line),
                    lambda: _physical_lines(_file_blocks(path)),
                )
            except UnicodeDecodeError:  # not UTF-8 after all: decoded, then read again
                text, encoding = decode(_read_bytes(path))
                return _cells(text.encode("utf-8"), encoding, name)
            except (OSError, pa.ArrowIOError) as exc:
                raise IroError(f"{path}: cannot be read: {exc}") from None
            if cells is not None:
                return cells, guess[1]
            # pyarrow cannot read it row for row: the csv module does (pyarrow would refuse
            # the same rows again in any encoding).
            raw = _read_bytes(path)
            data, encoding = _utf8_guess(raw) or (raw, guess[1])
            try:
                return _csv_module_cells(data, name), encoding
            except UnicodeDecodeError:
                text, encoding = decode(raw)
                return _csv_module_cells(text.encode("utf-8"), name), encoding
    return read_csv_cells(_read_bytes(path), name)


def _read_bytes(path: Path) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise IroError(f"{path}: cannot be read: {exc.strerror}") from None


def _csv_module_cells(data: bytes | memoryview, name: str) -> Cells:
    """Cells of UTF-8 ``data`` read by the csv module; raises UnicodeDecodeError when it
    is not UTF-8."""
    text = str(data, "utf-8")
    first_line = str(data[: _first_line_end(data)], "utf-8")
    records, starts = _records(text, sniff_delimiter(first_line), name)
    return cells_from_records(records, starts, name)


def _cells(data: bytes | memoryview, encoding: str, name: str) -> tuple[Cells, str]:
    """Cells of UTF-8 ``data``; raises UnicodeDecodeError when it is not UTF-8."""
    import pyarrow as pa

    end = _first_line_end(data)
    first_line = str(data[:end], "utf-8")
    delimiter = sniff_delimiter(first_line)
    cells = _arrow_cells(
        pa.py_buffer(data),
        first_line,
        delimiter,
        lambda: _physical_lines(_memory_blocks(data)),
    )
    return (cells if cells is not None else _csv_module_cells(data, name)), encoding


def _first_line_end(data: bytes | memoryview) -> int:
    view = bytes(data[:65536]) if len(data) > 65536 else bytes(data)
    ends = [i for i in (view.find(b"\n"), view.find(b"\r")) if i >= 0]
    if ends:
        return min(ends)
    if len(data) > 65536:  # a first line longer than 64 KiB: look further
        whole = bytes(data)
        ends = [i for i in (whole.find(b"\n"), whole.find(b"\r")) if i >= 0]
        return min(ends) if ends else len(whole)
    return len(view)


def _arrow_cells(
    source: Any, first_line: str, delimiter: str, physical_lines: Callable[[], int]
) -> Cells | None:
    """The cells by the C reader from ``source`` (a path, a buffer of UTF-8 bytes or a file
    object holding them), or ``None`` when the file needs the ``csv`` module.
    ``physical_lines`` counts the file's lines (for the line numbers)."""
    header_records = list(csv.reader([first_line], delimiter=delimiter))
    if len(header_records) != 1:
        return None
    header = header_records[0]
    # A header with an open quote (it runs on to the next line) or with no text (blank
    # lines before the header) is left to the csv module, which finds the header.
    if not any(cell.strip() for cell in header) or first_line.count('"') % 2:
        return None
    width = len(header)
    source = _kept_whole(source)
    # First read as if no quoted cell held a line break (the reader then splits the file
    # into blocks at any line break, in parallel: a third of the CPU time, half the wall
    # time). That read is kept only when it shows it was right: no cell holds a line
    # break and the file has one line per row. A block split inside a quoted cell
    # leaves the break in the cell it cut, or a ragged row, so it is never kept; the
    # file is then read again with quoted line breaks allowed.
    counted: list[int] = []

    def file_lines() -> int:  # counted once, for the check and the line numbers
        if not counted:
            counted.append(physical_lines())
        return counted[0]

    table = _parse(_opened(source), width, delimiter, newlines_in_values=False)
    kept = (
        table is not None
        and not any(_has_line_break(table.column(i)) for i in range(width))
        and file_lines() == table.num_rows + 1
    )
    if not kept:
        table = _parse(_opened(source), width, delimiter, newlines_in_values=True)
        if table is None:
            return None
    columns = [table.column(i) for i in range(width)]
    count = table.num_rows
    del table
    if kept:  # one line per row
        lines = LineIndex(count, first=2)
    else:
        lines = LineIndex(count, first=2, columns=columns, physical_lines=file_lines)
    reread = Reread(source, width, delimiter, not kept) if isinstance(source, str) else None
    return Cells(header, 1, [strip(c) for c in columns], lines, reread=reread)


def _opened(source: Any) -> Any:
    """A read's own stream over ``source``: a path as it is (each read opens the file), a
    buffer in a new reader. Not one reader shared by two reads: a read that fails may
    leave its read-ahead thread reading on from the shared position for a moment, and the
    second read would then start part-way into the file (the likely cause of rows lost
    once, in a test that reads a small file in tiny blocks; not reproduced alone)."""
    import pyarrow as pa

    return pa.BufferReader(source) if isinstance(source, pa.Buffer) else source


def _kept_whole(source: Any) -> Any:
    """``source`` as :func:`_opened` takes it: a path, or the bytes of a file object."""
    import pyarrow as pa

    return pa.py_buffer(source.read()) if hasattr(source, "read") else source


def _parse(source: Any, width: int, delimiter: str, *, newlines_in_values: bool) -> Any:
    """The file's rows as a table of ``width`` string columns, or ``None`` when a row has
    more or fewer cells than the header or the file cannot be read as CSV; raises
    UnicodeDecodeError for a cell that is not UTF-8."""
    import pyarrow as pa
    import pyarrow.csv as pv

    ragged: list[int] = []

    def on_ragged(_row: object) -> str:
        ragged.append(1)
        return "skip"

    try:
        table = pv.read_csv(source, **_csv_options(width, delimiter, newlines_in_values, on_ragged))
    except pa.ArrowInvalid as exc:
        if "UTF8" in str(exc) or "UTF-8" in str(exc):
            raise UnicodeDecodeError("utf-8", b"", 0, 1, "invalid UTF-8 in a cell") from None
        return None
    except pa.ArrowNotImplementedError:
        return None
    return None if ragged else table


def _csv_options(
    width: int,
    delimiter: str,
    newlines_in_values: bool,
    on_ragged: Callable[[Any], str],
    *,
    columns: list[str] | None = None,
    block_size: int | None = None,
    use_threads: bool = True,
) -> dict[str, Any]:
    """pyarrow.csv's options for a file of ``width`` string columns named c0, c1...
    after its header: the first read's and a re-read's (:class:`Reread`) are these, so
    that both give the same cells. ``columns``: only these."""
    import pyarrow as pa
    import pyarrow.csv as pv

    names = [f"c{i}" for i in range(width)]
    wanted = names if columns is None else columns
    return {
        "read_options": pv.ReadOptions(
            column_names=names,
            skip_rows=1,
            block_size=_BLOCK if block_size is None else block_size,  # _BLOCK as it is now
            use_threads=use_threads,
        ),
        "parse_options": pv.ParseOptions(
            delimiter=delimiter,
            newlines_in_values=newlines_in_values,
            ignore_empty_lines=False,
            invalid_row_handler=on_ragged,
        ),
        "convert_options": pv.ConvertOptions(
            column_types={n: pa.string() for n in wanted},
            include_columns=None if columns is None else wanted,
            strings_can_be_null=False,
            quoted_strings_can_be_null=False,
        ),
    }


def _has_line_break(column: pa.ChunkedArray) -> bool:
    """Whether a cell of the column holds a CR or LF (its text bytes searched as one)."""
    for chunk in column.chunks:
        data = chunk.buffers()[2]
        if data is None or not len(chunk):
            continue
        offsets = _offsets(chunk)
        text = memoryview(data)[int(offsets[0]) : int(offsets[-1])]
        for begin in range(0, len(text), _STEP):
            block = bytes(text[begin : begin + _STEP])  # bytes.find is memchr
            if block.find(b"\n") >= 0 or block.find(b"\r") >= 0:
                return True
    return False


_STEP = 1 << 18  # bytes counted at a time (in the cache: 8 MiB blocks took 4x as long)


def _physical_lines(blocks: Iterable[bytes]) -> int:
    """Lines in the text as a text file counts them (a CR LF pair, a CR and an LF each
    end one), counted block by block with numpy."""
    import numpy as np

    ends = 0
    previous = 10  # the last byte of the block before
    for block in blocks:
        view = np.frombuffer(block, dtype=np.uint8)
        if not len(view):
            continue
        feeds = view == 10
        ends += int(np.count_nonzero(feeds))
        if block.find(b"\r") >= 0:  # a file without CR has no CR LF pairs to look for
            returns = view == 13
            ends += int(np.count_nonzero(returns))
            ends -= int(np.count_nonzero(returns[:-1] & feeds[1:]))
        ends -= int(previous == 13 and view[0] == 10)
        previous = int(view[-1])
    return ends + (previous not in (10, 13))


def _memory_blocks(data: bytes | memoryview) -> Iterator[bytes]:
    view = memoryview(data)
    for start in range(0, len(view), _STEP):
        yield bytes(view[start : start + _STEP])


def _file_blocks(path: Path) -> Iterator[bytes]:
    with open(path, "rb") as handle:
        while block := handle.read(_STEP):
            yield block


def _line_breaks(column: pa.ChunkedArray) -> np.ndarray:
    """Line breaks inside each cell, counted as a text file counts lines (\\r\\n is one)."""
    import numpy as np
    import pyarrow.compute as pc

    if not pc.any(pc.match_substring_regex(column, "[\r\n]")).as_py():
        return np.zeros(len(column), dtype=np.int64)
    counts = [to_numpy(pc.count_substring(column, p)) for p in ("\n", "\r", "\r\n")]
    return (counts[0] + counts[1] - counts[2]).astype(np.int64)


def strip(column: pa.ChunkedArray) -> pa.ChunkedArray:
    """The cells without leading and trailing whitespace (as ``str.strip``)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    # A block at a time, keeping a block with nothing to strip as it is: the copy made to
    # find out is of one block, never of the whole column.
    # Nothing was stripped when the text is as long as before (read from the offsets:
    # comparing every cell's length took 40% of the time).
    chunks = []
    changed = False
    for chunk in column.chunks:
        stripped = pc.utf8_trim(chunk, characters=WHITESPACE)
        if _text_size(stripped) != _text_size(chunk):
            chunks.append(stripped)
            changed = True
        else:
            chunks.append(chunk)
    return pa.chunked_array(chunks, type=column.type) if changed else column


def _text_size(chunk: pa.Array) -> int:
    """The bytes of text in a string array (from its offsets)."""
    if not len(chunk):
        return 0
    offsets = _offsets(chunk)
    return int(offsets[-1]) - int(offsets[0])


def _offsets(chunk: pa.Array) -> np.ndarray:
    """Where each cell of a non-empty string array starts in its data, and where the last
    ends (``len(chunk) + 1`` offsets)."""
    import numpy as np
    import pyarrow as pa

    width = np.int64 if pa.types.is_large_string(chunk.type) else np.int32
    offsets = np.frombuffer(chunk.buffers()[1], dtype=width, count=chunk.offset + len(chunk) + 1)
    return offsets[chunk.offset :]


def cells_from_records(records: list[list[str]], starts: list[int], name: str) -> Cells:
    """The cells of records read by the ``csv`` module (or from a sheet): the first row
    with text is the header; short rows are padded and blank cells past the header's
    width cut off; a row with more non-blank cells than the header is marked."""
    import numpy as np
    import pyarrow as pa

    first = next((i for i, cells in enumerate(records) if any(c.strip() for c in cells)), None)
    if first is None:
        return Cells([], 0, [], LineIndex(0, starts=np.zeros(0, dtype=np.int64)))
    header, header_line = records[first], starts[first]
    rows, starts = records[first + 1 :], starts[first + 1 :]
    width = len(header)
    too_many: dict[int, Problem] = {}
    for i, cells in enumerate(rows):
        size = len(cells)
        if size < width:
            rows[i] = cells + [""] * (width - size)
        elif size > width:
            if any(c.strip() for c in cells[width:]):
                message = f"row has {size} cells but the header has {width}"
                too_many[i] = Problem(name, starts[i], None, message)
            rows[i] = cells[:width]
    columns = [
        strip(pa.chunked_array([strings([cells[j] for cells in rows])], type=pa.string()))
        for j in range(width)
    ]
    lines = LineIndex(len(rows), starts=np.asarray(starts, dtype=np.int64))
    return Cells(header, header_line, columns, lines, too_many)


def _breaks(cell: str) -> int:
    """Line breaks inside a (quoted) cell, counted as a text file counts lines."""
    return cell.count("\n") + cell.count("\r") - cell.count("\r\n")


def _records(text: str, delimiter: str, name: str) -> tuple[list[list[str]], list[int]]:
    """Every CSV record of ``text`` and the line each one starts on."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    records: list[list[str]] = []
    try:
        records.extend(reader)
    except csv.Error as exc:
        if "unexpected end of data" in str(exc):  # in a quoted cell at the end of the file
            line = 1 + len(records) + sum(_breaks(c) for cells in records for c in cells)
            raise InputError(
                Problem(
                    name,
                    line,
                    None,
                    f"a quote opened on line {line} is never closed",
                    'a closing " for each opening one (a quote inside a cell is written "")',
                )
            ) from None
        # A stray quote inside a cell ('5"11'): read as Excel does, naming any bad line.
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        try:
            records = list(reader)
        except csv.Error:
            return _records_one_by_one(text, delimiter, name)  # raises, naming the line
    if reader.line_num == len(records):  # no cell spans lines: record n is on line n
        return records, list(range(1, len(records) + 1))
    # A record takes one line plus the line breaks kept inside its quoted cells.
    starts: list[int] = []
    line = 1
    for cells in records:
        starts.append(line)
        line += 1
        for cell in cells:
            if "\n" in cell or "\r" in cell:
                line += _breaks(cell)
    if line - 1 != reader.line_num:  # pragma: no cover - a safety net, never seen
        return _records_one_by_one(text, delimiter, name)
    return records, starts


def _records_one_by_one(text: str, delimiter: str, name: str) -> tuple[list[list[str]], list[int]]:
    """Like :func:`_records`, asking the reader for each record's line (slower)."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    records: list[list[str]] = []
    starts: list[int] = []
    line = 1
    try:
        for cells in reader:
            starts.append(line)
            records.append(cells)
            line = reader.line_num + 1
    except csv.Error as exc:
        raise InputError(Problem(name, line, None, f"cannot be read as CSV: {exc}")) from None
    return records, starts
