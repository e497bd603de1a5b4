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
import math
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from iro_cli.errors import ExportNotFoundError, InputError, IroError, Problem
from iro_cli.exports.result import ReadResult, Stored
from iro_cli.exports.schema import EXPORTS, Column, ExportFile, normalise_header
from iro_cli.exports.tables import Cells, LineIndex, factorize
from iro_cli.exports.tables import decode as decode  # the decoder lint reads stdin with

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd
    import pyarrow as pa

    from iro_cli.config import Config

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
    import pyarrow as pa

    from iro_cli.exports.memory import use_returning_pool
    from iro_cli.exports.tables import read_csv_file_cells

    use_returning_pool()
    cells, encoding = read_csv_file_cells(path, str(path))
    result = _read_cells(cells, str(path), spec, header_map, encoding)
    del cells
    # The memory of the read's working copies goes back to the system, not only to
    # Arrow's allocator, so that a command reading several large files peaks lower.
    pa.default_memory_pool().release_unused()
    return result


def read_export_chunks(
    path: Path,
    spec: ExportFile,
    header_map: dict[str, str] | None = None,
    chunk_rows: int = 200_000,
    sheet: str | None = None,
) -> Iterator[ReadResult]:
    """The file's rows in order, ``chunk_rows`` at a time, for work whose memory must not
    grow with the file (Python values are made a chunk at a time; the file's cells stay
    in Arrow columns, about the size of the file). Every problem of the file comes with
    the first chunk, so errors are known before any output is written."""
    result = read_export_file(path, spec, header_map, sheet)
    step = max(1, chunk_rows)
    yield result.part(0, step, result.problems)
    for start in range(step, result.rows, step):
        yield result.part(start, start + step)


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
    from iro_cli.exports.tables import cells_from_records

    records, starts, name, names = read_sheet(path, sheet)
    cells = cells_from_records(records, starts, str(path))
    result = _read_cells(cells, str(path), spec, header_map, f"sheet '{name}'")
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
    from iro_cli.exports.memory import use_returning_pool
    from iro_cli.exports.tables import read_csv_cells

    use_returning_pool()
    cells, encoding = read_csv_cells(raw, name)
    del raw
    return _read_cells(cells, name, spec, header_map, encoding)


def _read_cells(
    cells: Cells,
    name: str,
    spec: ExportFile,
    header_map: dict[str, str] | None,
    encoding: str,
) -> ReadResult:
    """Canonical columns from a file's cells, with every problem, on whole columns:
    blank and summary rows, exact duplicates, blanks in required columns and cells
    that are not what the column holds. Each column's distinct values are converted
    once; line numbers are looked up only for the rows at fault."""
    import numpy as np

    from iro_cli.exports.tables import blank as blank_cells

    problems: list[Problem] = []
    if not cells.header:
        problems.append(Problem(name, None, None, "file is empty (no header row)"))
        return _result(spec, {}, cells.lines, None, problems, encoding, name)
    columns, header_problems = _map_headers(cells.header, spec, header_map or {}, name)
    if cells.header_line != 1:
        header_problems = [
            Problem(p.file, cells.header_line, p.column, p.message, p.expected, p.severity)
            for p in header_problems
        ]
    problems.extend(header_problems)
    count = cells.count
    blank = [blank_cells(c) for c in cells.columns]
    row_blank = np.logical_and.reduce(blank) if blank else np.ones(count, dtype=bool)
    too_many = np.zeros(count, dtype=bool)
    too_many[list(cells.too_many)] = True

    # Trailing blank rows and summary rows ("Total rows: 412") are not data. A summary
    # row is one label and a number in the first column and nothing else; skipping one
    # is always a (counted) warning, as a real row must never vanish unseen.
    others_blank = np.logical_and.reduce(blank[1:]) if len(blank) > 1 else np.ones(count, bool)
    stated: int | None = None
    summary_lines: list[int] = []
    end = count
    while end:
        row = end - 1
        if too_many[row]:
            break
        if row_blank[row]:
            end -= 1
            continue
        summary = _SUMMARY.fullmatch(cells.columns[0][row].as_py()) if others_blank[row] else None
        if summary:
            end -= 1
            summary_lines.insert(0, end)
            if stated is None:
                stated = int(summary[1].replace(",", ""))
            continue
        break
    if summary_lines:
        summary_lines = cells.lines.all()[summary_lines].tolist()
        counted = int(np.count_nonzero(~row_blank[:end] | too_many[:end]))
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
    if end < count:
        cells.columns = [c.slice(0, end) for c in cells.columns]
        blank = [b[:end] for b in blank]
        row_blank, too_many = row_blank[:end], too_many[:end]
        cells.lines = cells.lines.cut(end)
        count = end

    # Rows left out: too many cells, blank, or an exact repeat (after stripping) of an
    # earlier row. Problems are collected as (row, column order, problem) and sorted,
    # so they come in the order a row-by-row reading gives.
    found: list[tuple[int, int, Problem]] = [
        (i, -1, problem) for i, problem in cells.too_many.items() if i < count
    ]
    skipped = too_many | row_blank
    key_index = next((i for i, c in columns.items() if c.name == spec.key_column), None)
    duplicates = _duplicate_rows(cells.columns, key_index or 0, ~skipped)
    kept = ~skipped
    kept[duplicates] = False

    stored: dict[str, Stored] = {}
    for order, (index, column) in enumerate(columns.items()):
        cells_of = cells.columns[index]
        bad_rows: np.ndarray
        bad: dict[int, tuple[str, str]] = {}  # value index (-1: blank) -> (message, expected)
        if column.kind in _AS_IS:
            stored[column.name] = Stored(column.kind, text=cells_of)
            bad_rows = blank[index] & kept if column.required else np.zeros(count, dtype=bool)
            reasons = np.full(count, -1, dtype=np.int64)
            if bad_rows.any():
                bad[-1] = ("is blank", "a value (required)")
        else:
            codes, distinct = factorize(cells_of)
            values, bad = _convert(distinct, column)
            stored[column.name] = _converted(column.kind, codes, values)
            reasons = codes
            bad_rows = np.zeros(count, dtype=bool)
            if bad:
                bad_rows = np.isin(codes, np.fromiter(bad, dtype=np.int64)) & kept
        if bad_rows.any():
            all_lines = cells.lines.all()
            for i in np.flatnonzero(bad_rows).tolist():
                message, expected = bad[int(reasons[i])]
                row_id = cells.columns[key_index][i].as_py() if key_index is not None else ""
                line = int(all_lines[i])
                problem = Problem(name, line, column.header, message, expected, row_id=row_id)
                found.append((i, order, problem))
    found.sort(key=itemgetter(0, 1))
    problems.extend(problem for _, _, problem in found)
    error_rows = [i for i, order, _ in found if order >= 0]
    kept[error_rows] = False

    if duplicates.size:
        lines_of = cells.lines.all()[duplicates].tolist()
        shown = ", ".join(str(n) for n in lines_of[:5]) + (" ..." if duplicates.size > 5 else "")
        several = duplicates.size > 1
        problems.append(
            Problem(
                name,
                None,
                None,
                f"{duplicates.size} exact duplicate row{'s' if several else ''} "
                f"dropped (line{'s' if several else ''} {shown})",
                severity="warning",
            )
        )
    rows = None
    if not kept.all():
        rows = np.flatnonzero(kept)
        for column in stored.values():
            if column.text is not None:
                column.keep = rows
            else:
                column.indices = column.indices.take(rows)
    return _result(spec, stored, cells.lines, rows, problems, encoding, name)


def _result(
    spec: ExportFile,
    stored: dict[str, Stored],
    lines: LineIndex,
    keep: np.ndarray | None,
    problems: list[Problem],
    encoding: str,
    name: str,
) -> ReadResult:
    """The read, with the spec's columns in order; a column not in the file has its
    blank value on every row."""
    import numpy as np

    columns: dict[str, Stored] = {}
    for column in spec.columns:
        if column.name in stored:
            columns[column.name] = stored[column.name]
            continue
        blank_value = "" if column.kind == "id" else _Converter(column)("")
        values = np.empty(1, dtype=object)
        values[0] = blank_value
        count = lines.count if keep is None else len(keep)
        indices = np.zeros(count, dtype=np.int64)
        columns[column.name] = _converted(column.kind, indices, values)
    return ReadResult(columns, lines, keep, problems, encoding, name)


def _converted(kind: str, codes: np.ndarray, values: np.ndarray) -> Stored:
    days = _days(values) if kind == "date" else None
    return Stored(kind, indices=codes, values=values, days=days)


_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()


def _days(values: np.ndarray) -> np.ndarray:
    """Dates (or ``None``) as ``datetime64[D]`` (NaT), by their ordinals: numpy's own
    conversion of ``date`` objects takes twenty times as long."""
    import numpy as np

    ordinals = np.fromiter(
        (0 if day is None else day.toordinal() for day in values.tolist()),
        dtype=np.int64,
        count=len(values),
    )
    days = (ordinals - _EPOCH_ORDINAL).astype("datetime64[D]")
    days[ordinals == 0] = np.datetime64("NaT")
    return days


def _convert(
    dictionary: pa.Array | None, column: Column
) -> tuple[np.ndarray, dict[int, tuple[str, str]]]:
    """The converted value of each distinct cell (``None`` where it cannot be), and the
    problem of each one that cannot be: value index -> (message, expected)."""
    import numpy as np

    distinct = dictionary.to_pylist() if dictionary is not None else []
    convert = _Converter(column)
    values = np.empty(len(distinct), dtype=object)
    bad: dict[int, tuple[str, str]] = {}
    known = _dmy_dates(dictionary) if column.kind == "date" and distinct else {}
    for i, cell in enumerate(distinct):
        if not cell and column.required:
            bad[i] = ("is blank", "a value (required)")
            continue
        day = known.get(i)
        if day is not None:
            values[i] = day
            continue
        try:
            values[i] = convert(cell)
        except ValueError as exc:
            message, expected = exc.args
            bad[i] = (message, expected)
    return values, bad


def _dmy_dates(cells: pa.Array) -> dict[int, date]:
    """The distinct cells written exactly ``dd/mm/yyyy`` (year 1900 on), or that and a
    time of day ``hh:mm`` (a real one: the day is the date, as :func:`parse_date` gives),
    parsed on the whole column at once; the rest go through :func:`parse_date`."""
    import pyarrow as pa
    import pyarrow.compute as pc

    shaped = pc.match_substring_regex(
        cells, r"^\d\d/\d\d/(19|[2-9]\d)\d\d( ([01]\d|2[0-3]):[0-5]\d)?$"
    )
    day = pc.utf8_slice_codeunits(cells, 0, 10)
    parsed = pc.strptime(day, format="%d/%m/%Y", unit="s", error_is_null=True)
    # A strict round trip: strptime must give back exactly the date (no 31/02 rolled on).
    again = pc.strftime(parsed, format="%d/%m/%Y")
    exact = pc.and_kleene(shaped, pc.equal(again, day))
    days = pc.cast(parsed, pa.date32()).to_pylist()
    return {i: days[i] for i, ok in enumerate(exact.to_pylist()) if ok}


def _as_numbers(column: pa.ChunkedArray) -> np.ndarray | None:
    """A column of whole numbers as int64 (``None`` when a cell is not one). The first
    hundred cells are tried first: a column of text fails there, at no cost."""
    import pyarrow as pa
    import pyarrow.compute as pc

    from iro_cli.exports.tables import to_numpy

    try:
        pc.cast(column.slice(0, 100), pa.int64())
        return to_numpy(pc.cast(column, pa.int64()))
    except (pa.ArrowInvalid, ValueError):
        return None


def _duplicate_rows(columns: list[pa.ChunkedArray], first: int, eligible: np.ndarray) -> np.ndarray:
    """Rows (of the ``eligible`` ones) that repeat an earlier eligible row exactly, in
    order. Rows are grouped column by column, starting with the key column, and a row
    alone in its group is dropped from the search at once, so a file whose key is
    unique costs one pass over one column."""
    import numpy as np

    from iro_cli.exports.tables import from_numpy

    candidates = np.flatnonzero(eligible)
    group = np.zeros(len(candidates), dtype=np.int64)
    # Columns of whole numbers (IDs, a recommendation's number) are cheap to compare: rows
    # that can repeat share them all, hashed together into one key. The search then
    # goes on, exactly, among those rows only.
    numbers = [n for n in map(_as_numbers, columns) if n is not None]
    if numbers and len(candidates) > 1:
        key = np.zeros(len(candidates), dtype=np.uint64)
        for column in numbers:
            key = key * np.uint64(1_000_003) + column[candidates].view(np.uint64)
        ordered = np.sort(key)  # the keys met more than once (a sort: no inverse needed)
        shared = ordered[1:][ordered[1:] == ordered[:-1]]
        candidates = candidates[np.isin(key, shared)]
        group = np.zeros(len(candidates), dtype=np.int64)
    for index in [first, *(i for i in range(len(columns)) if i != first)]:
        if len(candidates) < 2:
            return np.zeros(0, dtype=np.int64)
        column = columns[index]
        if len(candidates) < len(column):
            column = column.take(from_numpy(candidates))
        codes, _ = factorize(column)
        key = group * (int(codes.max()) + 1) + codes
        _, inverse, counts = np.unique(key, return_inverse=True, return_counts=True)
        repeated = counts[inverse] > 1
        candidates, group = candidates[repeated], inverse[repeated]
    if len(candidates) < 2:
        return np.zeros(0, dtype=np.int64)
    _, first_of_group = np.unique(group, return_index=True)
    later = np.ones(len(candidates), dtype=bool)
    later[first_of_group] = False
    return candidates[later]


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
