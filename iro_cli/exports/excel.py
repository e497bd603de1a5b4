"""Reading an Excel workbook (.xlsx) as an export: one sheet's rows as text cells.

The reader then treats them exactly as a CSV's rows (same header mapping, checks and
messages), with the sheet's own row numbers. Cells Excel stores as dates become ISO
dates (so they stay right whatever the PC's locale); dates typed as text are left as
text and read day first, as in a CSV. Whole numbers lose Excel's ``.0``.

python-calamine (Rust) reads a sheet several times faster than openpyxl and gives
typed cells; it is only imported when a workbook is read.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from iro_cli.errors import IroError

EXCEL_SUFFIXES = (".xlsx", ".xlsm")


def is_workbook(path: Path | str) -> bool:
    """True for a file name ending .xlsx or .xlsm."""
    return Path(path).suffix.lower() in EXCEL_SUFFIXES


def cell_text(value: Any) -> str:
    """One cell as the text a CSV export would hold."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        if (value.hour, value.minute, value.second) == (0, 0, 0):
            return value.date().isoformat()
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, (time, timedelta)):
        return str(value)
    return str(value)


def read_sheet(
    path: Path, sheet: str | None = None
) -> tuple[list[list[str]], list[int], str, list[str]]:
    """(rows of text cells, each row's sheet row number, the sheet's name, every sheet's).

    ``sheet`` names the sheet to read; without it, the first sheet.
    """
    from python_calamine import (
        CalamineError,
        CalamineWorkbook,
        PasswordError,
        XmlError,
        ZipError,
    )

    try:
        workbook = CalamineWorkbook.from_path(str(path))
    except PasswordError:
        raise IroError(f"{path}: the workbook has a password; save a copy without one") from None
    except (CalamineError, XmlError, ZipError, OSError, ValueError) as exc:
        reason = getattr(exc, "strerror", None) or "not a readable Excel workbook (.xlsx)"
        raise IroError(f"{path}: cannot be read: {reason}") from None
    names = list(workbook.sheet_names)
    if not names:
        raise IroError(f"{path}: the workbook has no sheets")
    if sheet is None:
        name = names[0]
    else:
        matches = [n for n in names if n.strip().casefold() == sheet.strip().casefold()]
        if not matches:
            raise IroError(f"{path}: no sheet named '{sheet}' (sheets: {', '.join(names)})")
        name = matches[0]
    values = workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)
    rows = [[cell_text(v) for v in row] for row in values]
    while rows and not any(c.strip() for c in rows[-1]):
        rows.pop()
    return rows, list(range(1, len(rows) + 1)), name, names
