"""The pack as an xlsx workbook: an "About" sheet, then a sheet per table.

Each table sheet: a title row, then the header row (bold, frozen, with filters),
percentages formatted as percentages, dates as dates, columns fitted to their
contents. Text cells are neutralised so Excel never runs them as formulas.
"""

from __future__ import annotations

import io
from datetime import date
from typing import Any

from iro_cli.output import neutralise, plain
from iro_cli.report.pack import Pack, Table

FORMATS = {"int": "#,##0", "num": "0.0", "pct": "0.0%", "date": "dd/mm/yyyy"}
ABOUT_WIDTH = 75
HEADER_ROW = 3  # row 1: the title; row 2: the note (or blank)


def _text(value: str) -> str:
    return neutralise(value)


def _shown(value: Any, kind: str) -> str:
    """The cell as Excel shows it, for fitting the column width."""
    if value is None:
        return ""
    if kind == "pct":
        return f"{value * 100:.1f}%"
    if kind == "num":
        return f"{value:.1f}"
    if kind == "int" and isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, date):
        return "00/00/0000"
    return str(value)


def workbook_bytes(pack: Pack) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    about = book.active
    about.title = "About"
    _about(about, pack)
    for table in pack.tables:
        _table_sheet(book.create_sheet(table.sheet[:31]), table)
    for sheet in book.worksheets:
        _printable(sheet)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _printable(sheet: Any) -> None:
    """Printed (or saved as PDF): landscape A4, every column on one page's width."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0


def _about(sheet: Any, pack: Pack) -> None:
    from openpyxl.styles import Alignment, Font

    bold = Font(bold=True)
    sheet.append([_text(pack.title)])
    sheet["A1"].font = Font(bold=True, size=14)
    lines: list[list[Any]] = [
        [],
        ["Period", _text(pack.period_label)],
        ["As at", pack.as_at],
        ["Compared with", _text(pack.previous_label or "(no comparison: --no-compare)")],
    ]
    if pack.previous_as_at is not None:
        lines.append(["Previous period as at", pack.previous_as_at])
    lines.append(["Made by", _text(f"iro {pack.version}".strip())])
    lines += [[], ["Exports used"], ["File", "Rows", "Newest date in it"]]
    for row in lines:
        sheet.append(row)
    for cell in sheet["B"]:
        if isinstance(cell.value, date):
            cell.number_format = "dd/mm/yyyy"
            cell.alignment = Alignment(horizontal="left")
    head = sheet.max_row
    for cell in sheet[head]:
        cell.font = bold
    sheet.cell(head - 1, 1).font = Font(bold=True, size=12)
    for source in pack.sources:
        sheet.append([_text(source.file), source.rows, source.newest])
        sheet.cell(sheet.max_row, 2).number_format = "#,##0"
        sheet.cell(sheet.max_row, 3).number_format = "dd/mm/yyyy"
    sheet.append([])
    sheet.append(["What each figure means"])
    sheet.cell(sheet.max_row, 1).font = Font(bold=True, size=12)
    sheet.append(["Figure", "Meaning"])
    for cell in sheet[sheet.max_row]:
        cell.font = bold
    for figure, meaning in pack.meanings:
        sheet.append([_text(figure), _text(meaning)])
        sheet.cell(sheet.max_row, 2).alignment = Alignment(wrap_text=True, vertical="top")
        sheet.cell(sheet.max_row, 1).alignment = Alignment(vertical="top")
        lines = -(-len(meaning) // int(ABOUT_WIDTH * 1.1))  # spreadsheets do not size rows
        sheet.row_dimensions[sheet.max_row].height = 15 * lines
    sheet.append([])
    sheet.append(["Sheets"])
    sheet.cell(sheet.max_row, 1).font = Font(bold=True, size=12)
    for table in pack.tables:
        sheet.append([_text(table.sheet[:31]), _text(table.title)])
    sheet.column_dimensions["A"].width = 34
    sheet.column_dimensions["B"].width = ABOUT_WIDTH
    sheet.column_dimensions["C"].width = 18


def _table_sheet(sheet: Any, table: Table) -> None:
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    sheet.cell(1, 1, _text(table.title)).font = Font(bold=True, size=13)
    if table.note:  # wrapped across the table's width (a long line would shrink the print)
        note = sheet.cell(2, 1, _text(table.note))
        note.font = Font(italic=True, color="444444")
        note.alignment = Alignment(wrap_text=True, vertical="top")
        if len(table.columns) > 1:
            sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=len(table.columns))
    widths = []
    for j, column in enumerate(table.columns, start=1):
        cell = sheet.cell(HEADER_ROW, j, _text(column.header))
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="bottom")
        longest = max(len(w) for w in column.header.split())
        widths.append(min(max(longest, min(len(column.header), 14)) + 2, 40))
    first_total = len(table.rows) - table.total_rows
    for i, row in enumerate(table.rows):
        r = HEADER_ROW + 1 + i
        for j, column in enumerate(table.columns, start=1):
            value = plain(row.get(column.key))
            if isinstance(value, str):
                value = _text(value)
            cell = sheet.cell(r, j, value)
            if isinstance(value, str):
                cell.data_type = "s"  # text is text: never a formula
            elif column.kind in FORMATS:
                cell.number_format = FORMATS[column.kind]
            if i >= first_total:
                cell.font = Font(bold=True)
            widths[j - 1] = max(widths[j - 1], min(len(_shown(value, column.kind)) + 2, 60))
    for j, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(j)].width = max(width, 8)
    last = get_column_letter(len(table.columns))
    sheet.freeze_panes = sheet.cell(HEADER_ROW + 1, 1)
    # the filter covers the rows, not the total rows below them (sorting keeps totals last)
    sheet.auto_filter.ref = f"A{HEADER_ROW}:{last}{HEADER_ROW + max(first_total, 1)}"
    lines = max(_lines(c.header, w - 2) for c, w in zip(table.columns, widths, strict=True))
    sheet.row_dimensions[HEADER_ROW].height = 14 * lines + 2  # spreadsheets do not size rows
    if table.note:
        sheet.row_dimensions[2].height = 14 * _lines(table.note, int(sum(widths) * 1.1)) + 2


def _lines(text: str, width: int) -> int:
    """How many lines ``text`` wraps to in a column ``width`` characters wide."""
    lines, used = 1, 0
    for word in text.split():
        if used and used + 1 + len(word) > width:
            lines, used = lines + 1, len(word)
        else:
            used += (1 if used else 0) + len(word)
    return lines
