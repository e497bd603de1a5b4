"""Rendering result tables: the only place that formats output.

``table`` is for people (UK dates, tabulate), ``csv`` and ``json`` for pipes and
Excel (ISO dates), ``xlsx`` for Excel proper (real dates shown dd/mm/yyyy).
Text cells that Excel would run as a formula are neutralised.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
import sys
from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime
from itertools import filterfalse
from json.encoder import encode_basestring as encode_json_string  # type: ignore[attr-defined]
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, NamedTuple

from iro_cli.errors import OutputError
from iro_cli.fileio import write_atomic

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa

FORMATS = ("table", "csv", "json", "xlsx")
_DANGEROUS_FIRST = frozenset(("=", "+", "-", "@", "\t", "\r"))
# Types whose equal values always give equal cells (so each is converted once).
_SAME_WHEN_EQUAL = frozenset((str, int, bool, type(None), date))
_JSON_AS_IS = frozenset((str, int, bool, type(None)))  # _json_cell leaves these as they are
_JSON_SCALARS = frozenset((str, int, float, bool, type(None)))
# Text that csv.writer (excel dialect) writes as it is, in every Python from 3.10:
# no delimiter, quote or line break (nor other control characters, to be safe).
_CSV_AS_IS = re.compile(r'[^\x00-\x1f\x7f",]*')
# Text that neutralise or csv.writer may change (for RE2: pyarrow's regexes).
_CSV_CHANGED = r'^[=+\-@\t\r]|[,"\x00-\x1f\x7f]'
# Text that csv.writer (excel dialect, QUOTE_MINIMAL) always quotes: a comma, quote or line break.
_CSV_QUOTED = re.compile(r'[,"\r\n]')
# Characters an xlsx or docx file cannot hold (XML 1.0): control characters but tab, LF, CR.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_UPPER_WORDS = {
    "id": "ID",
    "iro": "IRO",
    "smart": "SMART",
    "drp": "DRP",
    "cp": "CP",
    "cla": "CLA",
    "fte": "FTE",
}


def neutralise(text: str) -> str:
    """Stop Excel treating a text cell as a formula (OWASP CSV injection advice)."""
    return "'" + text if text[:1] in _DANGEROUS_FIRST else text


def xlsx_text(records: list[list[Any]]) -> int:
    """Replace, in place, each control character an xlsx cell cannot hold (NUL, ESC,
    vertical tab, form feed...: left by a copy-paste from another system) with a space;
    returns how many were replaced. csv and json output keep them as they are."""
    replaced = 0
    for record in records:
        for i, value in enumerate(record):
            if type(value) is str and CONTROL_CHARACTERS.search(value):
                record[i], count = CONTROL_CHARACTERS.subn(" ", value)
                replaced += count
    return replaced


_FORMAT_OF_SUFFIX = {".csv": "csv", ".json": "json", ".xlsx": "xlsx", ".txt": "table"}


def format_of(output: Path | None, extra: Mapping[str, str] | None = None) -> str | None:
    """The format an output file's extension names (``x.xlsx`` -> xlsx), or None."""
    if output is None or str(output) == "-":
        return None
    suffix = Path(output).suffix.lower()
    return {**_FORMAT_OF_SUFFIX, **(extra or {})}.get(suffix)


def default_format(stream: IO[Any] | None = None, output: Path | None = None) -> str:
    """``-o x.xlsx`` -> xlsx; a terminal -> table; a pipe or file -> csv."""
    if output is not None and str(output) != "-":
        return format_of(output) or "csv"
    stream = stream or sys.stdout
    return "table" if stream.isatty() else "csv"


def check_format(
    fmt: str | None, output: Path | None, extra: Mapping[str, str] | None = None
) -> None:
    """A ``--format`` that the ``-o`` file's extension contradicts is an error."""
    if output is not None and Path(output).suffix.lower() == ".xls":
        raise OutputError(f"{output}: iro writes .xlsx workbooks (Excel 2007 and later), not .xls")
    named = format_of(output, extra)
    if fmt is not None and named is not None and named != fmt:
        raise OutputError(
            f"--format {fmt} does not match -o {output} "
            f"({'an' if named == 'xlsx' else 'a'} {named} file name): "
            f"name the file {Path(output).stem}.{'txt' if fmt == 'table' else fmt}, "  # type: ignore[arg-type]
            "or leave out --format"
        )


def plain(value: Any) -> Any:
    """A cell as a plain Python value: None for blanks, no numpy or pandas types."""
    if value is None:
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, datetime):
        if type(value).__name__ == "NaTType":  # pandas' missing date is a datetime too
            return None
        return value.date() if (value.hour, value.minute, value.second) == (0, 0, 0) else value
    if isinstance(value, date):
        return value
    if hasattr(value, "item") and not isinstance(value, str):  # numpy scalar
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    if type(value).__name__ in ("NAType", "NaTType"):
        return None
    if hasattr(value, "to_pydatetime"):
        return plain(value.to_pydatetime())
    return value


def is_rate(name: str) -> bool:
    """A column of fractions shown as percentages: ``*_rate`` (and ``*_rate_previous``)."""
    return name.endswith("_rate") or "_rate_" in name


def percent(value: Any) -> str:
    """A fraction on screen: 0.9139 -> '91.4%'; blank stays blank."""
    value = plain(value)
    return "" if value is None else f"{100 * value:.1f}%"


def table_header(name: str) -> str:
    """``days_to_due`` -> ``Days to due``; ``person_id`` -> ``Person ID``."""
    words = [_UPPER_WORDS.get(w, w) for w in name.split("_")]
    if words and words[0] and words[0][0].islower():
        words[0] = words[0][0].upper() + words[0][1:]
    return " ".join(words)


def _table_cell(value: Any) -> str:
    value = plain(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else ""
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return str(value)


def _text_cell(value: Any) -> str:
    kind = type(value)
    if kind is str:  # the common case first: most cells are text
        return neutralise(value)
    if kind is int:
        return str(value)
    value = plain(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, str):
        return neutralise(value)
    return str(value)


def _json_cell(value: Any) -> Any:
    value = plain(value)
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return value


_NUMBER = re.compile(r"-?[\d,]*\.?\d+%?")
_MIN_TEXT = 12  # a text column is never shortened below this (unless its header is wider)
_SHORT = 16  # text this long or shorter is not cut to fit (dates, codes, "24/11/2026 LATE")
_EASY = 24  # long text the right-most columns give up first, down to this width
_GAP = "  "


def terminal_width() -> int:
    """The terminal's width in columns (``COLUMNS`` when set; 80 when not a terminal)."""
    import shutil

    return shutil.get_terminal_size((80, 24)).columns


def _wrap(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` characters, broken at spaces where it can."""
    import textwrap

    lines: list[str] = []
    for part in text.splitlines() or [""]:
        lines.extend(textwrap.wrap(part, width, break_on_hyphens=False) or [""])
    return lines


def _shorten(text: str, width: int) -> str:
    """``text`` on one line of at most ``width`` characters, ending '…' when cut."""
    text = " ".join(text.split()) if ("\n" in text or "\r" in text) else text
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


class Table(NamedTuple):
    """A table laid out for a screen: its text, and the columns left out to fit it."""

    text: str
    left_out: list[str]


def layout_table(
    frame: pd.DataFrame,
    table_format: Mapping[str, Callable[[Any], str]] | None = None,
    *,
    columns: Sequence[str] | None = None,
    width: int | None = None,
    wrap: bool = False,
) -> Table:
    """The table a person reads: ``columns`` (default: all) with word headers, fitted to
    ``width`` characters (None: not fitted). Long text is shortened with '…', or with
    ``wrap`` wrapped onto more lines; headers wrap at spaces; numbers are right-aligned.
    When even that is too wide, columns are left out from the right (and named), except
    with ``wrap`` (--wide), which keeps every column."""
    table_format = table_format or {}
    names = [c for c in (columns if columns is not None else frame.columns) if c in frame.columns]
    cells = []
    numbers = []  # columns of numbers (not IDs written in digits) are right-aligned
    for name in names:
        convert = table_format.get(name, _table_cell)
        values = frame[name].tolist()
        cells.append([convert(v) for v in values])
        kinds = {type(plain(v)) for v in values} - {type(None)}
        numbers.append(bool(kinds) and kinds <= {int, float})
    headers = [table_header(str(n)) for n in names]
    numeric = [
        number and all(not c or _NUMBER.fullmatch(c) for c in col)
        for number, col in zip(numbers, cells, strict=True)
    ]
    longest = [max(map(len, col), default=0) for col in cells]
    widths = [
        max(n, *map(len, h.splitlines() or [""])) for n, h in zip(longest, headers, strict=True)
    ]
    left_out: list[str] = []
    gap = _GAP
    if width is not None:

        def total() -> int:
            return sum(widths) + len(gap) * (len(widths) - 1)

        if total() > width:  # headers onto two lines where the cells are narrower
            for i, header in enumerate(headers):
                narrow = max(longest[i], *map(len, header.split()))
                while narrow < widths[i] and len(_wrap(header, narrow)) > 2:
                    narrow += 1
                widths[i] = max(longest[i], max(map(len, _wrap(header, narrow))))
        # Short cells (codes, dates, names up to _SHORT) are never cut; longer text is,
        # the widest column first, down to _MIN_TEXT characters.
        floor = [
            w if numeric[i] or longest[i] <= _SHORT else max(_MIN_TEXT, *map(len, h.split()))
            for i, (w, h) in enumerate(zip(widths, headers, strict=True))
        ]
        for i in reversed(range(len(widths))):  # the right-most text gives way first...
            if total() <= width:
                break
            widths[i] -= max(0, min(widths[i] - max(floor[i], _EASY), total() - width))
        while total() > width:  # ...then the widest, down to its floor
            i = max(range(len(widths)), key=lambda k: widths[k] - floor[k])
            if widths[i] <= floor[i]:
                break
            widths[i] -= 1
        if total() > width:
            gap = " "
            natural = [max(n, w) for n, w in zip(longest, widths, strict=True)]
            while total() < width and any(w < n for w, n in zip(widths, natural, strict=True)):
                i = max(range(len(widths)), key=lambda k: natural[k] - widths[k])
                widths[i] += 1  # the room the narrower gap gave back
        while total() > width and len(names) > 1 and not wrap:  # --wide keeps every column
            left_out.insert(0, headers.pop())
            names.pop(), cells.pop(), widths.pop(), numeric.pop()
        if left_out and gap != _GAP and sum(widths) + len(_GAP) * (len(widths) - 1) <= width:
            gap = _GAP
    lines: list[str] = []
    header_lines = [_wrap(h, w) for h, w in zip(headers, widths, strict=True)]
    height = max(map(len, header_lines), default=1)
    for k in range(height):
        parts = [h[k] if k < len(h) else "" for h in header_lines]
        lines.append(_row(parts, widths, numeric, gap))
    lines.append(gap.join("-" * w for w in widths))
    for record in zip(*cells, strict=True):
        if wrap:
            wrapped = [
                _wrap(c, w) if len(c) > w or "\n" in c else [c]
                for c, w in zip(record, widths, strict=True)
            ]
            for k in range(max(map(len, wrapped))):
                lines.append(
                    _row([w[k] if k < len(w) else "" for w in wrapped], widths, numeric, gap)
                )
        else:
            record_cells = [_shorten(c, w) for c, w in zip(record, widths, strict=True)]
            lines.append(_row(record_cells, widths, numeric, gap))
    return Table("\n".join(lines), left_out)


def _row(parts: Sequence[str], widths: Sequence[int], numeric: Sequence[bool], gap: str) -> str:
    return gap.join(
        p.rjust(w) if right else p.ljust(w)
        for p, w, right in zip(parts, widths, numeric, strict=True)
    ).rstrip()


def render_table(
    frame: pd.DataFrame,
    table_format: Mapping[str, Callable[[Any], str]] | None = None,
    **fit: Any,
) -> str:
    """The table's text (see :func:`layout_table`; without ``width`` it is not fitted)."""
    return layout_table(frame, table_format, **fit).text


def _cells(frame: pd.DataFrame) -> list[list[Any]]:
    """Each column's cells, the very values a row-by-row ``itertuples`` gives."""
    import numpy as np
    import pandas as pd

    columns = []
    for k in range(frame.shape[1]):
        column = frame.iloc[:, k]
        dtype = column.dtype
        if (isinstance(dtype, np.dtype) and dtype.kind in "biufcO") or (
            isinstance(dtype, pd.StringDtype) and dtype.storage == "python"
        ):
            columns.append(column.tolist())  # as iterating gives, but far quicker
        else:
            columns.append(list(column))  # dates, categories...: exactly as iterating
    return columns


def _by_value(convert: Callable[[Any], Any], cells: list[Any], kinds: set[type]) -> list[Any]:
    """``convert`` applied to every cell; once per distinct value where that is safe."""
    if kinds <= _SAME_WHEN_EQUAL and not {bool, int} <= kinds:  # True == 1
        converted = {cell: convert(cell) for cell in set(cells)}
        return list(map(converted.__getitem__, cells))
    return list(map(convert, cells))


def _text_column(cells: list[Any]) -> list[str]:
    """``_text_cell`` of each cell."""
    kinds = set(map(type, cells))
    if kinds == {str}:  # the common case: text, of which little needs neutralising
        dangerous = {c: "'" + c for c in set(cells) if c[:1] in _DANGEROUS_FIRST}
        return list(map(dangerous.get, cells, cells)) if dangerous else cells
    return _by_value(_text_cell, cells, kinds)


def _csv_field(text: str) -> str:
    """``text`` as ``csv.writer`` writes it in a row of two or more cells."""
    if _CSV_AS_IS.fullmatch(text):
        return text
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerow([text, ""])
    return buffer.getvalue()[: -len(",\r\n")]  # quoted, with its quotes doubled


def csv_column(cells: Sequence[Any]) -> Sequence[str]:
    """Each cell as its CSV field: ``_text_cell``, then quoted as ``csv.writer`` would."""
    if set(map(type, cells)) == {int}:  # whole numbers: digits and '-', never quoted
        return list(map(int.__repr__, cells))
    texts = _text_column(cells)  # type: ignore[arg-type]
    changed = {}
    for text in filterfalse(_CSV_AS_IS.fullmatch, set(texts)):
        if _CSV_QUOTED.search(text):  # quoted, with its quotes doubled
            changed[text] = '"' + text.replace('"', '""') + '"'
        else:
            field = _csv_field(text)
            if field != text:
                changed[text] = field
    return list(map(changed.get, texts, texts)) if changed else texts


def csv_field_array(cells: pa.Array) -> pa.Array:
    """:func:`csv_column` of a column of text (Arrow strings, no nulls), whole-column: the
    cells that need it (a formula's first character, a comma, a quote, a control
    character: about one in five recommendations) found in one pass and made in Python."""
    import pyarrow.compute as pc

    from iro_cli.exports.tables import strings

    changed = pc.match_substring_regex(cells, _CSV_CHANGED)
    if not pc.any(changed).as_py():
        return cells
    fields = csv_column(cells.filter(changed).to_pylist())
    return pc.replace_with_mask(cells, changed, strings(list(fields)))


def _repeated(text: str, size: int) -> pa.Array:
    """``text`` ``size`` times as Arrow strings, from buffers (a Python string where
    pyarrow wants a scalar makes one through pandas)."""
    import numpy as np
    import pyarrow as pa

    encoded = text.encode("utf-8")
    offsets = np.arange(size + 1, dtype=np.int64) * len(encoded)
    if offsets[-1] >= 2**31:  # more than an Arrow string array holds
        raise ValueError("too many lines for one block of CSV")
    return pa.Array.from_buffers(
        pa.string(),
        size,
        [None, pa.py_buffer(offsets.astype(np.int32)), pa.py_buffer(encoded * size)],
    )


def csv_records(fields: Sequence[pa.Array]) -> bytes:
    """The CSV lines of two or more columns of fields (Arrow strings, as
    :func:`csv_field_array` makes them, all of one length), each line ended by CRLF: what
    :func:`csv_from_blocks` writes below its header (a single column is csv.writer's own)."""
    import numpy as np
    import pyarrow.compute as pc

    size = len(fields[0])
    if not size:
        return b""
    last = pc.binary_join_element_wise(fields[-1], _repeated("", size), _repeated("\r\n", size))
    lines = pc.binary_join_element_wise(*fields[:-1], last, _repeated(",", size))
    offsets = np.frombuffer(lines.buffers()[1], dtype=np.int32)  # pa.string(): 32-bit
    start, end = offsets[lines.offset], offsets[lines.offset + len(lines)]
    return lines.buffers()[2].slice(int(start), int(end - start)).to_pybytes()


class Block(NamedTuple):
    """Adjacent columns of a table whose rows repeat: the table's row ``r`` holds the
    block's record ``index[r]`` (``index`` None: record ``r``). A large result made of
    few distinct parts (a row of the input, one of its findings) is rendered part by
    part, each distinct record once."""

    columns: Sequence[Sequence[Any]]
    index: Sequence[int] | None = None


def _expand(records: Sequence[str], index: Sequence[int] | None) -> Sequence[str]:
    return records if index is None else list(map(records.__getitem__, index))


def expand_blocks(blocks: Sequence[Block]) -> list[Sequence[Any]]:
    """The table's every column in full."""
    return [_expand(cells, block.index) for block in blocks for cells in block.columns]


def csv_from_blocks(names: Sequence[Any], blocks: Sequence[Block], excel: bool = False) -> bytes:
    """CSV of a table given as its column names and its blocks of columns (at least one
    column): the very bytes :func:`render_csv` gives for a frame of those cells."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([neutralise(str(c)) for c in names])
    body = ""
    if len(names) > 1:  # built column by column, joined row by row
        parts = []
        for block in blocks:
            fields = [csv_column(cells) for cells in block.columns]
            records = list(map(",".join, zip(*fields, strict=True)))
            parts.append(_expand(records, block.index))
        lines = list(map(",".join, zip(*parts, strict=True)))
        if lines:
            body = "\r\n".join(lines) + "\r\n"
    else:  # csv.writer itself: a row of one blank cell is '""'
        writer.writerows(zip(*map(_text_column, expand_blocks(blocks)), strict=True))
    head = ("\ufeff" if excel else "") + buffer.getvalue()
    return head.encode("utf-8") + body.encode("utf-8")


def render_csv(frame: pd.DataFrame, excel: bool = False) -> bytes:
    if len(frame.columns) == 0:  # no columns: pandas still gives one (empty) row per index entry
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow([])
        writer.writerows(frame.itertuples(index=False, name=None))
        return ("\ufeff" if excel else "").encode() + buffer.getvalue().encode("utf-8")
    return csv_from_blocks(list(frame.columns), [Block(_cells(frame))], excel=excel)


def render_json(frame: pd.DataFrame) -> bytes:
    if len(frame.columns) == 0:  # one empty record per index entry
        records = [{} for _ in frame.itertuples(index=False, name=None)]
        return (json.dumps(records, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    return json_from_blocks(list(frame.columns), [Block(_cells(frame))])


def json_from_blocks(names: Sequence[Any], blocks: Sequence[Block]) -> bytes:
    """JSON records of a table given as column names and blocks of columns (at least
    one column): the very bytes :func:`render_json` gives for a frame of those cells."""
    keys = [str(c) for c in names]
    converted = [Block([_json_column(c) for c in b.columns], b.index) for b in blocks]
    text = _flat_records_json(keys, converted)
    if text is None:  # not flat records of plain values: the json module's own way
        columns = expand_blocks(converted)
        records = [dict(zip(keys, record, strict=True)) for record in zip(*columns, strict=True)]
        text = json.dumps(records, ensure_ascii=False, indent=2)
    return (text + "\n").encode("utf-8")


def _json_column(cells: list[Any]) -> list[Any]:
    """``_json_cell`` of each cell."""
    kinds = set(map(type, cells))
    if kinds <= _JSON_AS_IS:
        return cells
    return _by_value(_json_cell, cells, kinds)


def _json_scalar(value: Any) -> str:
    """One plain value as ``json.dumps`` writes it."""
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if type(value) is int:
        return int.__repr__(value)
    if value != value:
        return "NaN"
    if value in (math.inf, -math.inf):
        return "Infinity" if value > 0 else "-Infinity"
    return float.__repr__(value)


def _flat_records_json(keys: list[str], blocks: Sequence[Block]) -> str | None:
    """What ``json.dumps(records, ensure_ascii=False, indent=2)`` gives for records
    of plain values (str, int, float, bool, None) with distinct keys, built column
    by column; ``None`` for anything else."""
    if len(set(keys)) != len(keys):
        return None
    names = iter(keys)
    parts = []
    for block in blocks:
        encoded: list[list[str]] = []
        for column in block.columns:
            kinds = set(map(type, column))
            if not kinds <= _JSON_SCALARS:
                return None
            if kinds == {str}:
                strings = {value: encode_json_string(value) for value in set(column)}
                values = list(map(strings.__getitem__, column))
            elif kinds == {int}:
                values = list(map(int.__repr__, column))
            else:
                values = [
                    encode_json_string(v) if type(v) is str else _json_scalar(v) for v in column
                ]
            encoded.append(list(map(f"    {encode_json_string(next(names))}: ".__add__, values)))
        records = list(map(",\n".join, zip(*encoded, strict=True)))
        parts.append(_expand(records, block.index))
    records = list(map(",\n".join, zip(*parts, strict=True)))
    return "[\n  {\n" + "\n  },\n  {\n".join(records) + "\n  }\n]" if records else "[]"


def render_xlsx(frame: pd.DataFrame, sheet: str = "iro") -> bytes:
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    worksheet = workbook.create_sheet(sheet[:31])
    names = [str(c) for c in frame.columns]
    columns = [table_header(c) for c in names]  # words, as on screen: "Due date"
    rates = [is_rate(c) for c in names]
    widths = [max(len(c), 8) for c in columns]
    records = [[plain(v) for v in record] for record in frame.itertuples(index=False, name=None)]
    replaced = xlsx_text(records)
    if replaced:
        print(
            f"iro: warning: {replaced} control character{'s' * (replaced != 1)} (NUL, ESC, "
            "form feed...) replaced by spaces in the xlsx output, which cannot hold them "
            "(csv output keeps them)",
            file=sys.stderr,
        )
    for record in records[:200]:
        for i, value in enumerate(record):
            widths[i] = max(widths[i], min(len(_table_cell(value)), 60))
    for i, width in enumerate(widths, start=1):
        worksheet.column_dimensions[get_column_letter(i)].width = width + 2
    worksheet.freeze_panes = "A2"
    if columns:
        worksheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{len(records) + 1}"
    try:
        _write_sheet(worksheet, columns, records, rates)
        buffer = io.BytesIO()
        workbook.save(buffer)
    except BaseException:
        _abandon(worksheet)
        raise
    return buffer.getvalue()


def _write_sheet(
    worksheet: Any, columns: list[str], records: list[list[Any]], rates: list[bool]
) -> None:
    """The header and the records into a write-only sheet."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    bold = Font(bold=True)
    header = []
    for name in columns:
        cell = WriteOnlyCell(worksheet, value=name)
        cell.data_type = "s"
        cell.font = bold
        header.append(cell)
    worksheet.append(header)
    for record in records:
        row = []
        for value, rate in zip(record, rates, strict=True):
            cell = WriteOnlyCell(worksheet, value=value)
            if rate and isinstance(value, (int, float)) and not isinstance(value, bool):
                cell.number_format = "0.0%"
            elif isinstance(value, str):
                cell.data_type = "s"  # text is text: never a formula
            elif isinstance(value, datetime):
                cell.number_format = "dd/mm/yyyy hh:mm"
            elif isinstance(value, date):
                cell.number_format = "dd/mm/yyyy"
            row.append(cell)
        worksheet.append(row)


def _abandon(worksheet: Any) -> None:
    """A write-only sheet whose writing failed: its writers closed now (their own errors,
    from the half-written XML, dropped), not by the garbage collector later in no one's
    hands; and its temporary file, which holds the rows written so far, removed."""
    import contextlib
    import os

    writer = getattr(worksheet, "_writer", None)
    for stream in (getattr(worksheet, "_rows", None), getattr(writer, "xf", None)):
        if stream is not None:
            with contextlib.suppress(Exception):
                stream.close()
    path = getattr(writer, "out", None)
    if isinstance(path, str):
        with contextlib.suppress(OSError):
            os.remove(path)


def render_bytes(
    frame: pd.DataFrame,
    fmt: str,
    *,
    excel: bool = False,
    table_format: Mapping[str, Callable[[Any], str]] | None = None,
    sheet: str = "iro",
    table_columns: Sequence[str] | None = None,
    wide: bool = False,
    width: int | None = None,
) -> bytes:
    """``frame`` in format ``fmt`` as bytes. The table shows ``table_columns`` (all with
    ``wide``) fitted to ``width``; csv, json and xlsx always have every column."""
    if fmt == "table":
        table = layout_table(
            frame,
            _with_rates(frame, table_format),
            columns=None if wide else table_columns,
            width=width,
            wrap=wide,
        )
        if table.left_out:
            print(
                f"iro: note: {len(table.left_out)} column{'s' * (len(table.left_out) != 1)} "
                f"left out to fit {width} characters ({', '.join(table.left_out)}): "
                "widen the window, or use --format csv or xlsx",
                file=sys.stderr,
            )
        return (table.text + "\n").encode("utf-8")
    if fmt == "csv":
        return render_csv(frame, excel=excel)
    if fmt == "json":
        return render_json(frame)
    if fmt == "xlsx":
        from openpyxl.utils.exceptions import IllegalCharacterError

        try:
            return render_xlsx(frame, sheet)
        except IllegalCharacterError:  # its message quotes the cell: never passed on
            raise OutputError(
                "a cell cannot be written to xlsx (a character it cannot hold)"
            ) from None
    raise OutputError(f"unknown format '{fmt}' (expected one of: {', '.join(FORMATS)})")


def _with_rates(
    frame: pd.DataFrame, table_format: Mapping[str, Callable[[Any], str]] | None
) -> dict[str, Callable[[Any], str]]:
    """The table's cell formats, with every rate column as a percentage unless told."""
    formats = {str(c): percent for c in frame.columns if is_rate(str(c))}
    formats.update(table_format or {})
    return formats


def write_output(data: bytes, fmt: str, output: Path | None = None, *, force: bool = False) -> None:
    """Send rendered bytes to ``output`` (atomically) or stdout."""
    if output is not None and str(output) != "-":
        write_atomic(Path(output), data, force=force)
        return
    stream = sys.stdout
    if fmt == "xlsx" and stream.isatty():
        raise OutputError("xlsx is a binary file: give -o FILE.xlsx, or use --format csv")
    buffer = getattr(stream, "buffer", None)
    if fmt == "xlsx" and buffer is None:
        raise OutputError("xlsx is a binary file: give -o FILE.xlsx")
    if fmt == "table" or buffer is None:  # text for a console (Windows: not UTF-8 bytes)
        stream.write(data.decode("utf-8"))
        stream.flush()
        return
    stream.flush()
    buffer.write(data)
    buffer.flush()


def render(
    frame: pd.DataFrame,
    fmt: str,
    output: Path | None = None,
    *,
    force: bool = False,
    excel: bool = False,
    table_format: Mapping[str, Callable[[Any], str]] | None = None,
    sheet: str = "iro",
    table_columns: Sequence[str] | None = None,
    wide: bool = False,
) -> None:
    """Render ``frame`` as ``fmt`` to ``output`` (a file, written atomically) or stdout.

    A table on the screen is fitted to the terminal's width; in a file it is not."""
    to_file = output is not None and str(output) != "-"
    if to_file:
        from iro_cli.fileio import check_writable

        check_writable(Path(output), force)  # type: ignore[arg-type]
    data = render_bytes(
        frame,
        fmt,
        excel=excel,
        table_format=table_format,
        sheet=sheet,
        table_columns=table_columns,
        wide=wide,
        width=None if to_file else terminal_width(),
    )
    write_output(data, fmt, output, force=force)


def render_blocks(
    names: Sequence[str],
    blocks: Sequence[Block],
    fmt: str,
    output: Path | None = None,
    *,
    force: bool = False,
    excel: bool = False,
) -> None:
    """Like :func:`render` for csv or json, from column names and blocks of columns
    (a large result need not become a DataFrame first)."""
    if fmt not in ("csv", "json"):
        raise OutputError(f"blocks of columns are rendered as csv or json, not '{fmt}'")
    if output is not None and str(output) != "-":
        from iro_cli.fileio import check_writable

        check_writable(Path(output), force)
    if fmt == "csv":
        data = csv_from_blocks(names, blocks, excel)
    else:
        data = json_from_blocks(names, blocks)
    write_output(data, fmt, output, force=force)
