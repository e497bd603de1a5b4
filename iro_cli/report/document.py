"""The pack as a Word document: a heading per section, the headline sentences, the
charts and the tables, in Word's own styles (Title, Heading 1/2, List Bullet,
Caption, a built-in table style) so a service can restyle it with its template."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

from iro_cli.report.pack import Column, Pack, Table

TABLE_STYLE = "Light Grid Accent 1"
CHART_WIDTH_CM = 16.0
TEXT_WIDTH_CM = 16.6
NORMAL = 9.5  # points; wider tables are set smaller (_type_size)


def _cell_text(value: Any, column: Column) -> str:
    if value is None or value == "":
        return ""
    if column.kind == "pct":
        return f"{value * 100:.1f}%"
    if column.kind == "num":
        return f"{value:.1f}"
    if column.kind == "int" and isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, date):
        return f"{value:%d/%m/%Y}"
    return str(value)


def document_bytes(pack: Pack) -> bytes:
    from docx import Document
    from docx.enum.section import WD_ORIENT  # noqa: F401 - portrait A4 stays the default
    from docx.shared import Cm, Pt

    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(2.2))
    doc.styles["Normal"].font.size = Pt(10.5)
    doc.core_properties.title = pack.title
    doc.core_properties.author = ""
    doc.core_properties.comments = f"Made by iro {pack.version}".strip()

    doc.add_heading(pack.title, level=0)
    intro = doc.add_paragraph()
    intro.add_run(f"Period: {pack.period_label}, as at {pack.as_at:%d/%m/%Y}.").bold = True
    if pack.previous_label:
        intro.add_run(f" Each figure is compared with {pack.previous_label}.")
    doc.add_paragraph(
        "Figures are counted from the case system's exports by iro; the workbook made "
        "with the same command holds every table, what each figure means and which "
        "exports it came from."
    )
    doc.add_heading("Headlines", level=1)
    for part in pack.sections:
        for line in part.headlines[:1]:
            doc.add_paragraph(line, style="List Bullet")

    for part in pack.sections:
        doc.add_heading(part.heading, level=1)
        for line in part.headlines:
            doc.add_paragraph(line, style="List Bullet")
        for note in part.notes:
            doc.add_paragraph(note)
        for chart in part.charts:
            doc.add_picture(io.BytesIO(chart.png), width=Cm(CHART_WIDTH_CM))
            doc.add_paragraph(chart.caption, style="Caption")
        for table in part.tables:
            if table.in_document:
                _table(doc, table)

    doc.add_heading("About these figures", level=1)
    for figure, meaning in pack.meanings:
        paragraph = doc.add_paragraph(style="List Bullet")
        paragraph.add_run(f"{figure}: ").bold = True
        paragraph.add_run(meaning)
    doc.add_heading("Exports used", level=2)
    sources = Table(
        "Exports",
        "",
        [
            Column("file", "File", "text"),
            Column("rows", "Rows"),
            Column("newest", "Newest date", "date"),
        ],
        [{"file": s.file, "rows": s.rows, "newest": s.newest} for s in pack.sources],
    )
    _table(doc, sources, heading=False)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def _type_size(table: Table) -> float:
    """Points: 9.5 for up to 7 columns, 8.5 for 8, 8 for more."""
    n = len(table.columns)
    return NORMAL if n <= 7 else 8.5 if n == 8 else 8.0


def _widths(table: Table) -> list[Any]:
    """Column widths across the text width: every column as wide as its longest header
    word and its figures need (bold letters are wider than digits); what is left goes
    to the text columns, as wide as their words need."""
    from docx.shared import Cm

    margin, bold, digit = 0.5, 0.26, 0.23  # cm: the cell margins, a bold letter, a digit
    size = _type_size(table)
    bold, digit = bold * size / NORMAL, digit * size / NORMAL
    least, wanted = [], []
    for column in table.columns:
        cells = [_cell_text(row.get(column.key), column) for row in table.rows]
        header_word = max((len(w) for w in column.header.split()), default=4)
        if column.kind == "text":
            word = max((len(w) for c in cells for w in c.split()), default=0)
            low = max(header_word, min(word, 13)) * bold + margin  # a longer word may break
            want = max(low, min(max((len(c) for c in cells), default=0), 20) * bold + margin)
        else:
            low = max(header_word * bold, max((len(c) for c in cells), default=0) * digit) + margin
            want = low
        least.append(low)
        wanted.append(want)
    if sum(least) >= TEXT_WIDTH_CM:
        return [Cm(TEXT_WIDTH_CM * w / sum(least)) for w in least]
    spare = TEXT_WIDTH_CM - sum(least)
    extra = [w - low for w, low in zip(wanted, least, strict=True)]
    if sum(extra) >= spare:
        widths = [low + spare * e / sum(extra) for low, e in zip(least, extra, strict=True)]
    else:
        left = (spare - sum(extra)) / len(least)
        widths = [w + left for w in wanted]
    return [Cm(w) for w in widths]


def _table(doc: Any, table: Table, heading: bool = True) -> None:
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    if heading:
        doc.add_heading(table.title, level=2)
    # a page is narrower than a sheet: leave out text columns with nothing in them
    kept = [
        c
        for c in table.columns
        if c.kind != "text" or any(row.get(c.key) not in (None, "") for row in table.rows)
    ]
    table = Table(table.sheet, table.title, kept, table.rows, table.note, table.total_rows)
    grid = doc.add_table(rows=1, cols=len(table.columns))
    grid.style = doc.styles[TABLE_STYLE]
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    grid.autofit = False
    widths = _widths(table)
    for column, width in zip(grid.columns, widths, strict=True):
        column.width = width  # the table grid: what LibreOffice and Word lay out by
    small = Pt(_type_size(table))
    for cell, column, width in zip(grid.rows[0].cells, table.columns, widths, strict=True):
        cell.width = width
        cell.text = column.header
        for paragraph in cell.paragraphs:
            for run in paragraph.runs:
                run.font.size = small
    first_total = len(table.rows) - table.total_rows
    for i, row in enumerate(table.rows):
        cells = grid.add_row().cells
        for cell, column, width in zip(cells, table.columns, widths, strict=True):
            cell.width = width
            cell.text = _cell_text(row.get(column.key), column)
            for paragraph in cell.paragraphs:
                if column.kind != "text":
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                for run in paragraph.runs:
                    run.font.size = small
                    run.bold = True if i >= first_total else None
    # the header row repeats on every page the table runs onto
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tr_pr = grid.rows[0]._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    tr_pr.append(repeat)
    for grid_row in grid.rows:  # a row is never split across two pages
        grid_row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    if table.note:
        note = doc.add_paragraph(table.note, style="Caption")
        note.paragraph_format.space_after = Pt(10)
