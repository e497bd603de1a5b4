"""The one place that reads CSV exports.

``read_export_file`` turns a file into canonical columns and a list of
:class:`~iro_cli.errors.Problem` (it never stops at the first). ``load_export``
is what commands call: it raises the first error and prints warnings.

What real exports do and how it is handled:
- UTF-8, UTF-8 with BOM, UTF-16 (Excel "Unicode text") and Windows-1252 are
  detected without being told; comma, tab or semicolon separators likewise.
- Headers match ignoring case, spaces and a BOM, after the ``iro.toml`` mapping.
- Dates are day first: ``03/04/2025`` is 3 April. ``dd/mm/yyyy hh:mm``, ISO and
  ``3 Apr 2025`` also work; an impossible date is an error, never a blank.
- Fully blank rows and trailing summary rows (``Total rows: 412``) are skipped;
  exact duplicate rows are dropped with a warning.
"""

from __future__ import annotations

import calendar
import csv
import io
import math
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from itertools import repeat
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from iro_cli.errors import ExportNotFoundError, InputError, IroError, Problem
from iro_cli.exports.schema import EXPORTS, Column, ExportFile, normalise_header
from iro_cli.gcpause import fewer_gc_passes

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

    from iro_cli.config import Config

csv.field_size_limit(2**24)

_DMY = re.compile(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2,4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?Z?)?")
_NAMED = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?[ \-]([A-Za-z]{3,9})\.?[ \-,]+(\d{4})")
_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
# A summary line: one label and one number, in the first column ("Total rows: 412").
_SUMMARY = re.compile(
    r"\s*(?:total|grand total|count|number of|rows|records)\b[^0-9]{0,24}?[:=]?\s*(\d[\d,]*)"
    r"\s*(?:rows?|records?)?\.?\s*",
    re.IGNORECASE,
)
# A cell value short and code-like enough to repeat in a message (never free text): at
# most 12 characters, no spaces, and with a digit ('PN9', '3.5'), or at most 4 capitals
# ('YS'), or a number word ('-Infinity'). A name ('Amara_Okafor', 'Amy') is never shown.
_SHOWABLE = re.compile(
    r"(?=[^\s]*\d)[A-Za-z0-9+\-][A-Za-z0-9._/+\-]{0,11}|[A-Z]{1,4}|[+\-]?(?i:nan|inf|infinity)"
)
_YES = {"y", "yes", "true", "1"}
_NO = {"n", "no", "false", "0", ""}
DATE_EXPECTED = "a date as dd/mm/yyyy"
_MISSING = object()
_AS_IS = ("id", "text")  # kinds whose cell is the value
_CHUNK = 1024  # rows transposed at a time: a chunk's cells stay in the processor cache
# The reader's long lists (rows, columns) are young while they grow, and every
# collection walks all their cells: a collection per million new objects, not
# per 50,000, saves 10-15% on a 690,000-row file. Reading makes no cycles.
_GC_THRESHOLD = 1_000_000


class DateError(ValueError):
    """A cell that is not a real date; ``str()`` says why in plain words."""


def parse_date(text: str) -> date:
    """Parse one date cell, day first. Raises :class:`DateError`."""
    text = text.strip()
    time: tuple[str | None, str | None] = (None, None)
    if match := _ISO.fullmatch(text):
        year, month, day = int(match[1]), int(match[2]), int(match[3])
        time = (match[4], match[5])
    elif match := _DMY.fullmatch(text):
        day, month, year = int(match[1]), int(match[2]), int(match[3])
        time = (match[4], match[5])
        if len(match[3]) != 4:
            raise DateError("two-digit year")
    elif (match := _NAMED.fullmatch(text)) and match[2].lower() in _MONTHS:
        day, month, year = int(match[1]), _MONTHS[match[2].lower()], int(match[3])
    else:
        raise DateError("not a date")
    if time[0] is not None and (int(time[0]) > 23 or int(time[1] or 0) > 59):
        raise DateError("impossible time of day")
    if not 1 <= month <= 12:
        raise DateError("no such month")
    if not 1 <= day <= calendar.monthrange(year, month)[1] or year < 1900:
        raise DateError("not a real date")
    return date(year, month, day)


def decode(raw: bytes) -> tuple[str, str]:
    """Bytes -> (text, encoding name). UTF-8 (BOM or not), UTF-16 (BOM or not), else
    Windows-1252 (its five unused bytes become U+FFFD: never a crash)."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", errors="replace"), "UTF-8 with BOM"
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16", errors="replace"), "UTF-16"
    sample = raw[:4096]
    if len(sample) >= 4 and sample.count(0) * 3 > len(sample):  # mostly 0 bytes: UTF-16
        odd, even = sample[1::2].count(0), sample[0::2].count(0)
        encoding = "utf-16-le" if odd > even else "utf-16-be"
        return raw.decode(encoding, errors="replace"), f"UTF-16 {encoding[-2:].upper()} (no BOM)"
    try:
        return raw.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    return raw.decode("cp1252", errors="replace"), "Windows-1252"


def _sniff_delimiter(first_line: str) -> str:
    counts = {d: first_line.count(d) for d in (",", "\t", ";")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _code_words(text: str) -> list[str]:
    return re.sub(r"[^0-9a-z]+", " ", text.casefold()).split()


def _code_key(text: str) -> str:
    """Comparison key of a code: case, spaces and punctuation ignored (``PN-1`` = ``pn 1``)."""
    return "".join(_code_words(text))


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def shown_value(cell: str) -> str:
    """A cell as a message may show it: quoted only when short and code-like (``'PN9'``),
    else only its kind and length, as free text may be a name or a sentence about a child."""
    if _SHOWABLE.fullmatch(cell):
        return f"'{cell}'"
    spaces = " with spaces" if any(ch.isspace() for ch in cell) else ""
    if _CONTROL.search(cell):
        spaces += " and control characters" if spaces else " with control characters"
    return f"a text of {len(cell)} character{'s' * (len(cell) != 1)}{spaces}"


def _not_known(cell: str, codes: Iterable[str]) -> str:
    """The message for a cell that is none of ``codes``, with the nearest code when one is
    close (the code, not the cell, so a hidden value stays hidden)."""
    import difflib

    by_key = {_code_key(code): code for code in codes}
    close = difflib.get_close_matches(_code_key(cell), list(by_key), n=1, cutoff=0.75)
    hint = f"; did you mean '{by_key[close[0]]}'?" if close else ""
    if _SHOWABLE.fullmatch(cell):
        return f"'{cell}' is not a known value{hint}"
    return f"{shown_value(cell)} is not a known value{hint}"


@dataclass
class ReadResult:
    """What reading one file gives: canonical rows and everything found wrong.

    ``columns`` holds each canonical column as a list of Python values (and
    ``_line``, the file line of each row); ``frame`` is the same as a pandas
    DataFrame, built on first use so that a command that needs no pandas never
    imports it.
    """

    columns: dict[str, list[Any]]
    problems: list[Problem] = field(default_factory=list)
    encoding: str = ""
    rows: int = 0
    path: str = ""
    kinds: dict[str, str] = field(default_factory=dict)  # canonical name -> schema kind

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @cached_property
    def frame(self) -> pd.DataFrame:
        return _frame(self.columns, self.path)

    def array(self, name: str) -> np.ndarray:
        """One canonical column as a numpy array, for whole-column work: dates as
        ``datetime64[D]`` (NaT when blank), flags as bool, numbers as float64 (NaN when
        blank), ``_line`` as int64, everything else as an object array of ``str``."""
        import numpy as np

        values = self.columns[name]
        kind = "line" if name == "_line" else self.kinds.get(name, "text")
        if kind == "line":
            return np.asarray(values, dtype=np.int64)
        if kind == "date":
            return np.array(values, dtype="datetime64[D]")
        if kind == "flag":
            return np.asarray(values, dtype=bool)
        if kind in ("int", "float"):
            return np.array([np.nan if v is None else v for v in values], dtype=np.float64)
        return np.fromiter(values, dtype=object, count=len(values))


def _frame(columns: dict[str, list[Any]], path: str) -> pd.DataFrame:
    import numpy as np
    import pandas as pd

    count = len(columns["_line"])
    # Straight into object arrays: quicker than pd.Series(list), and never inferred.
    frame = pd.DataFrame(
        {
            k: pd.Series(np.fromiter(v, dtype=object, count=count), dtype=object, copy=False)
            for k, v in columns.items()
            if k != "_line"
        }
    )
    frame["_line"] = pd.Series(columns["_line"], dtype="int64")
    frame.attrs["path"] = path
    return frame


class _Converter:
    """Converts cells of one column; caches repeated values (dates repeat a lot)."""

    def __init__(self, column: Column) -> None:
        self.column = column
        self.cache: dict[str, Any] = {}
        if column.kind == "code":
            lookup = {_code_key(code): code for code in column.codes}
            lookup.update({_code_key(k): v for k, v in column.aliases.items()})
            self.lookup = lookup

    def __call__(self, cell: str) -> Any:
        """Value of ``cell``; raises ValueError with the reason and what was expected."""
        value = self.cache.get(cell, _MISSING)
        if value is _MISSING:
            value = self.cache[cell] = self._convert(cell)
        return value

    def _convert(self, cell: str) -> Any:
        kind = self.column.kind
        if kind in ("id", "text"):
            return cell
        if kind == "date":
            if not cell:
                return None
            try:
                return parse_date(cell)
            except DateError as exc:
                # The value is not echoed: a date next to an ID is personal data.
                raise ValueError(f"{exc}", DATE_EXPECTED) from None
        if kind == "code":
            if not cell:
                return ""
            words = _code_words(cell)
            key = "".join(words)
            if key in self.lookup:
                return self.lookup[key]
            # "PN1 - Child attends ..." style: a known code followed by its description.
            for size in range(len(words) - 1, 0, -1):
                head = "".join(words[:size])
                if head in self.lookup and head == _code_key(self.lookup[head]):
                    return self.lookup[head]
            raise ValueError(
                _not_known(cell, self.column.codes), "one of " + ", ".join(self.column.codes)
            )
        if kind == "flag":
            low = cell.lower()
            if low in _YES:
                return True
            if low in _NO:
                return False
            raise ValueError(f"{shown_value(cell)} is not Y or N", "Y or N")
        if kind in ("float", "int"):
            if not cell:
                return None
            try:
                number = float(cell.replace(",", ""))
            except ValueError:
                raise ValueError(f"{shown_value(cell)} is not a number", "a number") from None
            if not math.isfinite(number) and kind == "float":  # 'nan', 'inf', '1e400'
                raise ValueError(f"{shown_value(cell)} is not a number", "a number")
            if kind == "int":
                if not math.isfinite(number) or number != int(number):
                    raise ValueError(f"{shown_value(cell)} is not a whole number", "a whole number")
                return int(number)
            return number
        raise AssertionError(kind)  # pragma: no cover - schema is checked by tests


def _map_headers(
    header: list[str], spec: ExportFile, header_map: dict[str, str], name: str
) -> tuple[dict[int, Column], list[Problem]]:
    """Column index -> schema column, and the header problems."""
    by_default = {normalise_header(c.header): c for c in spec.columns}
    local = {normalise_header(k): normalise_header(v) for k, v in header_map.items()}
    for target in local.values():
        if target not in by_default:
            raise IroError(
                f"iro.toml: [headers.{spec.key}] maps to '{target}', which is not a column of "
                f"{spec.filename} (columns: {', '.join(c.header for c in spec.columns)})"
            )
    problems: list[Problem] = []
    found: dict[int, Column] = {}
    seen: dict[str, int] = {}
    unused: list[tuple[int, str]] = []
    for index, raw in enumerate(header):
        key = normalise_header(raw)
        if not key:
            continue
        column = by_default.get(local.get(key, key))
        if column is None:
            unused.append((index, raw.strip()))
            continue
        if column.name in seen:
            problems.append(
                Problem(name, 1, raw.strip(), f"column '{column.header}' appears twice")
            )
            continue
        seen[column.name] = index
        found[index] = column
    # A "header" with no known column, or with digits in it, may be (or have run into) a
    # row of data (a child's name): its unknown cells are then named by position.
    plain_header = bool(seen) and not any(ch.isdigit() for cell in header for ch in cell)
    for index, raw in unused:
        if plain_header:
            problems.append(Problem(name, 1, raw, "column is not used by iro", severity="note"))
        else:
            message = f"column {index + 1} is not used by iro (its header is not shown)"
            problems.append(Problem(name, 1, None, message, severity="note"))
    for column in spec.columns:
        if column.required and column.name not in seen:
            problems.append(
                Problem(
                    name,
                    1,
                    column.header,
                    "required column is missing",
                    f"a header '{column.header}', or a mapping in iro.toml [headers.{spec.key}]",
                )
            )
    return found, problems


def read_export_file(
    path: Path,
    spec: ExportFile,
    header_map: dict[str, str] | None = None,
    sheet: str | None = None,
) -> ReadResult:
    """Read one export file (CSV, or an Excel workbook's ``sheet``, default the first)
    into canonical columns, collecting every problem."""
    from iro_cli.exports.excel import is_workbook

    if is_workbook(path):
        return read_workbook(path, spec, header_map, sheet)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise IroError(f"{path}: cannot be read: {exc.strerror}") from None
    return read_export_bytes(raw, str(path), spec, header_map)


def read_workbook(
    path: Path,
    spec: ExportFile,
    header_map: dict[str, str] | None = None,
    sheet: str | None = None,
    choose: str = "[exports] sheet in iro.toml",
) -> ReadResult:
    """Read a sheet of an Excel workbook as an export: the same checks as a CSV, and
    problems that give the sheet's row numbers."""
    from dataclasses import replace

    from iro_cli.exports.excel import read_sheet

    records, starts, name, names = read_sheet(path, sheet)
    with fewer_gc_passes(_GC_THRESHOLD):
        result = _read_records(records, starts, str(path), spec, header_map, f"sheet '{name}'")
    if not records and len(names) > 1:
        message = (
            f"sheet '{name}' is empty (sheets: {', '.join(names)}); "
            f"name the one to read with {choose}"
        )
        result.problems[:] = [Problem(str(path), None, None, message)]
    result.problems[:] = [replace(p, unit="row") for p in result.problems]
    return result


def read_export_bytes(
    raw: bytes, name: str, spec: ExportFile, header_map: dict[str, str] | None = None
) -> ReadResult:
    """Read export data (a file's bytes, or stdin) named ``name`` in messages."""
    with fewer_gc_passes(_GC_THRESHOLD):
        return _read_export(raw, name, spec, header_map)


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


def _fit_width(
    rows: list[list[str]], width: int, starts: list[int], name: str
) -> list[tuple[int, int, Problem]]:
    """Pad short rows and cut blank cells off long ones, in place; (row, -1, problem)
    for each row with more (non-blank) cells than the header."""
    found: list[tuple[int, int, Problem]] = []
    if list(map(len, rows)).count(width) == len(rows):
        return found
    for i, cells in enumerate(rows):
        size = len(cells)
        if size < width:
            rows[i] = cells + [""] * (width - size)
        elif size > width:
            if any(c.strip() for c in cells[width:]):
                message = f"row has {size} cells but the header has {width}"
                found.append((i, -1, Problem(name, starts[i], None, message)))
            rows[i] = cells[:width]
    return found


def _by_column(
    rows: list[list[str]], width: int, distinct: dict[int, set[str]], to_check: set[int]
) -> tuple[list[list[str]], list[int], set[int]]:
    """The stripped cells column by column, a hash of each row, and which of the
    ``to_check`` columns have a blank; adds each column's values to ``distinct``.

    Rows are taken a chunk at a time so that the cells stay in the processor's
    cache while they are stripped, hashed and counted.
    """
    columns: list[list[str]] = [[] for _ in range(width)]
    hashes: list[int] = []
    with_blanks: set[int] = set()
    for first in range(0, len(rows), _CHUNK):
        chunk = zip(*rows[first : first + _CHUNK], strict=True)
        parts = [list(map(str.strip, part)) for part in chunk]
        for cells, part in zip(columns, parts, strict=True):
            cells.extend(part)
        for index, values in distinct.items():
            values.update(parts[index])
        for index in to_check:
            if "" in parts[index]:
                with_blanks.add(index)
        hashes.extend(map(hash, zip(*parts, strict=True)))
    return columns, hashes, with_blanks


def _duplicates(hashes: list[int], columns: list[list[str]], skipped: set[int]) -> list[int]:
    """Rows (not ``skipped``) that repeat an earlier row exactly, in order."""
    live = [h for i, h in enumerate(hashes) if i not in skipped] if skipped else hashes
    if len(set(live)) == len(live):  # no two rows alike: the common case
        return []
    times = Counter(live)
    seen: set[tuple[str, ...]] = set()
    duplicates: list[int] = []
    for i, row_hash in enumerate(hashes):
        if times[row_hash] > 1 and i not in skipped:
            key = tuple(cells[i] for cells in columns)
            if key in seen:
                duplicates.append(i)
            else:
                seen.add(key)
    return duplicates


def _read_export(
    raw: bytes, name: str, spec: ExportFile, header_map: dict[str, str] | None
) -> ReadResult:
    text, encoding = decode(raw)
    first_line = text.split("\n", 1)[0]
    records, starts = _records(text, _sniff_delimiter(first_line), name)
    return _read_records(records, starts, name, spec, header_map, encoding)


def _read_records(
    records: list[list[str]],
    starts: list[int],
    name: str,
    spec: ExportFile,
    header_map: dict[str, str] | None,
    encoding: str,
) -> ReadResult:
    """Canonical columns from the file's records (cells as text) and their line numbers."""
    problems: list[Problem] = []

    first = next((i for i, cells in enumerate(records) if any(c.strip() for c in cells)), None)
    if first is None:
        empty: dict[str, list[Any]] = {c.name: [] for c in spec.columns}
        empty["_line"] = []
        problems.append(Problem(name, None, None, "file is empty (no header row)"))
        return ReadResult(empty, problems, encoding, 0, name, _kinds(spec))
    header, header_line = records[first], starts[first]
    rows, starts = records[first + 1 :], starts[first + 1 :]
    del records

    columns, header_problems = _map_headers(header, spec, header_map or {}, name)
    if header_line != 1:
        header_problems = [
            Problem(p.file, header_line, p.column, p.message, p.expected, p.severity)
            for p in header_problems
        ]
    problems.extend(header_problems)
    width = len(header)

    # Trailing blank rows and summary rows ("Total rows: 412") are not data. A summary
    # row is one label and a number in the first column and nothing else; skipping one
    # is always a (counted) warning, as a real row must never vanish unseen.
    stated: int | None = None
    summary_lines: list[int] = []
    end = len(rows)
    while end:
        cells = rows[end - 1]
        if not any(c.strip() for c in cells):
            end -= 1
            continue
        only_first = cells and not any(c.strip() for c in cells[1:])
        summary = _SUMMARY.fullmatch(cells[0]) if only_first else None
        if summary:
            end -= 1
            summary_lines.insert(0, starts[end])
            if stated is None:
                stated = int(summary[1].replace(",", ""))
            continue
        break
    del rows[end:], starts[end:]

    if summary_lines:
        counted = sum(1 for cells in rows if any(c.strip() for c in cells))
        # The count may include the header row.
        differs = stated is not None and stated not in (counted, counted + 1)
        tail = f"; it says {stated} rows but the file has {counted}" if differs else ""
        what = (
            "skipped as a summary line"
            if len(summary_lines) == 1
            else f"and {len(summary_lines) - 1} more line{'s' * (len(summary_lines) > 2)} "
            "after it skipped as summary lines"
        )
        problems.append(
            Problem(
                name,
                summary_lines[0],
                None,
                f"{what} (one label and a number), not data{tail}",
                severity="warning",
            )
        )

    # The rows are worked on column by column: each column's distinct values are
    # converted once. Problems are collected as (row, column order, problem) and
    # sorted at the end, so they come in the order a row-by-row reading gives.
    # Exact duplicates (compared after stripping) are dropped after the first.
    found = _fit_width(rows, width, starts, name)
    skipped = {i for i, _, _ in found}  # rows with too many cells, then blank rows too
    count = len(rows)
    # Distinct values of the columns to convert; IDs and text are only checked for blanks.
    distinct = {i: set[str]() for i, c in columns.items() if c.kind not in _AS_IS}
    to_check = {i for i, c in columns.items() if c.kind in _AS_IS and c.required}
    cells_by_column, hashes, with_blanks = _by_column(rows, width, distinct, to_check)
    del rows  # fewer objects for the garbage collector to visit from here on
    if cells_by_column[0].count(""):
        for i, cell in enumerate(cells_by_column[0]):
            if not cell and not any(column_cells[i] for column_cells in cells_by_column):
                skipped.add(i)
    duplicates = _duplicates(hashes, cells_by_column, skipped)
    dropped = skipped.union(duplicates)
    kept = [i for i in range(count) if i not in dropped] if dropped else range(count)

    # Values found only in dropped rows are converted too: harmless, as a
    # conversion has no effect but its result (or the problem it reports).
    key_index = next((i for i, c in columns.items() if c.name == spec.key_column), None)
    ids = cells_by_column[key_index] if key_index is not None else None
    values_of: dict[int, dict[str, Any] | None] = {}  # column index -> cell -> value
    bad_rows: set[int] = set()
    for order, (index, column) in enumerate(columns.items()):
        bad: dict[str, tuple[str, str]] = {}
        if index in with_blanks or (column.required and "" in distinct.get(index, ())):
            bad[""] = ("is blank", "a value (required)")
        if column.kind in _AS_IS:
            values_of[index] = None
        else:
            convert = _Converter(column)
            values: dict[str, Any] = {}
            for cell in distinct[index]:
                if cell in bad:
                    continue
                try:
                    values[cell] = convert(cell)
                except ValueError as exc:
                    message, expected = exc.args
                    bad[cell] = (message, expected)
            values_of[index] = values
        if not bad:
            continue
        cells = cells_by_column[index]
        for i in kept:
            cell = cells[i]
            if cell in bad:
                message, expected = bad[cell]
                row_id = ids[i] if ids is not None else ""
                problem = Problem(name, starts[i], column.header, message, expected, row_id=row_id)
                found.append((i, order, problem))
                bad_rows.add(i)
    found.sort(key=itemgetter(0, 1))
    problems.extend(problem for _, _, problem in found)
    if bad_rows:
        kept = [i for i in kept if i not in bad_rows]

    absent = [c for c in spec.columns if c.name not in {col.name for col in columns.values()}]
    absent_defaults = {c.name: _Converter(c)("") if c.kind != "id" else "" for c in absent}
    index_of = {column.name: index for index, column in columns.items()}
    every_row = len(kept) == count
    data: dict[str, Iterable[Any]] = {}
    for column in spec.columns:
        index = index_of.get(column.name)
        if index is None:
            data[column.name] = repeat(absent_defaults[column.name], len(kept))
            continue
        cells: Iterable[str] = cells_by_column[index]
        if not every_row:
            cells = map(cells_by_column[index].__getitem__, kept)
        values = values_of[index]
        data[column.name] = cells if values is None else map(values.__getitem__, cells)
    lines = starts if every_row else [starts[i] for i in kept]

    if duplicates:
        lines_of = [starts[i] for i in duplicates]
        shown = ", ".join(str(n) for n in lines_of[:5]) + (" ..." if len(duplicates) > 5 else "")
        problems.append(
            Problem(
                name,
                None,
                None,
                f"{len(duplicates)} exact duplicate row{'s' if len(duplicates) > 1 else ''} "
                f"dropped (line{'s' if len(duplicates) > 1 else ''} {shown})",
                severity="warning",
            )
        )
    columns = {k: list(v) for k, v in data.items()}
    columns["_line"] = list(lines)
    return ReadResult(columns, problems, encoding, len(lines), name, _kinds(spec))


def _kinds(spec: ExportFile) -> dict[str, str]:
    return {c.name: c.kind for c in spec.columns}


def refuse_folder(path: Path) -> None:
    """A folder where an export file should be is an error, never "not found" or "absent"."""
    if path.is_dir():
        raise IroError(f"{path} is a folder, not an export file; give the file that name")


def export_path(key: str, exports_dir: Path, config: Config) -> Path:
    """Where the export ``key`` lives for this configuration."""
    spec = EXPORTS[key]
    path = Path(exports_dir) / config.file_name(key, spec.filename)
    if not path.is_file() and key not in config.section("files"):
        workbook = path.with_suffix(".xlsx")  # children.xlsx when there is no children.csv
        if workbook.is_file():
            return workbook
    return path


def warn(message: str) -> None:
    """Print a warning about input to stderr (messages never carry cell values but IDs)."""
    print(f"iro: warning: {message}", file=sys.stderr)


def load_export(
    key: str,
    exports_dir: Path,
    config: Config,
    *,
    on_warning: Callable[[str], None] = warn,
) -> pd.DataFrame:
    """Load export ``key`` for a command: raises on the first error, warns on the rest."""
    return read_checked(key, exports_dir, config, on_warning=on_warning).frame


def read_checked(
    key: str,
    exports_dir: Path,
    config: Config,
    *,
    on_warning: Callable[[str], None] = warn,
) -> ReadResult:
    """Like :func:`load_export`, but the whole read: its plain ``columns`` need no pandas."""
    path = export_path(key, exports_dir, config)
    refuse_folder(path)
    if not path.is_file():
        where = (
            f"'{exports_dir}'"
            if Path(exports_dir).is_dir()
            else f"'{exports_dir}' (no such directory)"
        )
        raise ExportNotFoundError(
            f"{path.name} not found in the export directory {where}; point to it with "
            f"--exports DIR, IRO_EXPORTS, or 'exports' in iro.toml "
            f"(or name the file in iro.toml: [files] {key} = ...)"
        )
    result = read_export_file(path, EXPORTS[key], config.header_map(key), config.sheet)
    return check(result, on_warning)


def checked(result: ReadResult, on_warning: Callable[[str], None] = warn) -> pd.DataFrame:
    """The frame of a read: raises the first error (and a count), warns the rest."""
    return check(result, on_warning).frame


def check(
    result: ReadResult, on_warning: Callable[[str], None] = warn, hint: str | None = None
) -> ReadResult:
    """``result`` itself once it has no errors: raises the first (and a count), warns the rest.

    ``hint`` says how to see the other errors (default: run `iro validate`)."""
    errors = result.errors
    if errors:
        more = len(errors) - 1
        raise InputError(errors[0], more) if hint is None else InputError(errors[0], more, hint)
    for problem in result.problems:
        if problem.severity == "warning":
            on_warning(str(problem))
    return result


def load_optional_export(
    key: str, exports_dir: Path, config: Config, **kwargs: Any
) -> pd.DataFrame | None:
    """Like :func:`load_export`, but ``None`` when the file is absent."""
    refuse_folder(export_path(key, exports_dir, config))
    if not export_path(key, exports_dir, config).is_file():
        return None
    return load_export(key, exports_dir, config, **kwargs)
