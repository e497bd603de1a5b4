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
import sys
from collections.abc import Callable, Mapping
from datetime import date, datetime
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from iro_cli.errors import OutputError
from iro_cli.fileio import write_atomic

if TYPE_CHECKING:
    import pandas as pd

FORMATS = ("table", "csv", "json", "xlsx")
_DANGEROUS_FIRST = frozenset(("=", "+", "-", "@", "\t", "\r"))
_UPPER_WORDS = {"id": "ID", "iro": "IRO", "drp": "DRP", "cp": "CP", "cla": "CLA", "fte": "FTE"}


def neutralise(text: str) -> str:
    """Stop Excel treating a text cell as a formula (OWASP CSV injection advice)."""
    return "'" + text if text[:1] in _DANGEROUS_FIRST else text


def default_format(stream: IO[Any] | None = None, output: Path | None = None) -> str:
    """``-o x.xlsx`` -> xlsx; a terminal -> table; a pipe or file -> csv."""
    if output is not None:
        suffix = Path(output).suffix.lower().lstrip(".")
        return suffix if suffix in FORMATS[1:] else "csv"
    stream = stream or sys.stdout
    return "table" if stream.isatty() else "csv"


def plain(value: Any) -> Any:
    """A cell as a plain Python value: None for blanks, no numpy or pandas types."""
    if value is None:
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, datetime):
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


def render_table(
    frame: pd.DataFrame, table_format: Mapping[str, Callable[[Any], str]] | None = None
) -> str:
    from tabulate import tabulate

    table_format = table_format or {}
    columns = list(frame.columns)
    rows = [
        [
            table_format[c](v) if c in table_format else _table_cell(v)
            for c, v in zip(columns, record, strict=True)
        ]
        for record in frame.itertuples(index=False, name=None)
    ]
    return tabulate(
        rows, headers=[table_header(c) for c in columns], tablefmt="simple", disable_numparse=True
    )


def render_csv(frame: pd.DataFrame, excel: bool = False) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([neutralise(str(c)) for c in frame.columns])
    for record in frame.itertuples(index=False, name=None):
        writer.writerow([_text_cell(v) for v in record])
    return ("\ufeff" if excel else "").encode() + buffer.getvalue().encode("utf-8")


def render_json(frame: pd.DataFrame) -> bytes:
    columns = [str(c) for c in frame.columns]
    records = [
        {c: _json_cell(v) for c, v in zip(columns, record, strict=True)}
        for record in frame.itertuples(index=False, name=None)
    ]
    return (json.dumps(records, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def render_xlsx(frame: pd.DataFrame, sheet: str = "iro") -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    worksheet = workbook.create_sheet(sheet[:31])
    columns = [str(c) for c in frame.columns]
    widths = [max(len(c), 8) for c in columns]
    records = [[plain(v) for v in record] for record in frame.itertuples(index=False, name=None)]
    for record in records[:200]:
        for i, value in enumerate(record):
            widths[i] = max(widths[i], min(len(_table_cell(value)), 60))
    for i, width in enumerate(widths, start=1):
        worksheet.column_dimensions[get_column_letter(i)].width = width + 2
    worksheet.freeze_panes = "A2"
    if columns:
        worksheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{len(records) + 1}"
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
        for value in record:
            cell = WriteOnlyCell(worksheet, value=value)
            if isinstance(value, str):
                cell.data_type = "s"  # text is text: never a formula
            elif isinstance(value, datetime):
                cell.number_format = "dd/mm/yyyy hh:mm"
            elif isinstance(value, date):
                cell.number_format = "dd/mm/yyyy"
            row.append(cell)
        worksheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def render_bytes(
    frame: pd.DataFrame,
    fmt: str,
    *,
    excel: bool = False,
    table_format: Mapping[str, Callable[[Any], str]] | None = None,
    sheet: str = "iro",
) -> bytes:
    """``frame`` in format ``fmt`` as bytes."""
    if fmt == "table":
        return (render_table(frame, table_format) + "\n").encode("utf-8")
    if fmt == "csv":
        return render_csv(frame, excel=excel)
    if fmt == "json":
        return render_json(frame)
    if fmt == "xlsx":
        return render_xlsx(frame, sheet)
    raise OutputError(f"unknown format '{fmt}' (expected one of: {', '.join(FORMATS)})")


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
) -> None:
    """Render ``frame`` as ``fmt`` to ``output`` (a file, written atomically) or stdout."""
    if output is not None and str(output) != "-":
        from iro_cli.fileio import check_writable

        check_writable(Path(output), force)
    data = render_bytes(frame, fmt, excel=excel, table_format=table_format, sheet=sheet)
    write_output(data, fmt, output, force=force)
