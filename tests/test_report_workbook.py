"""The workbook and document writers on a hand-made pack (no exports needed)."""

from __future__ import annotations

import io
from datetime import date

from openpyxl import load_workbook

from iro_cli.report.document import document_bytes
from iro_cli.report.pack import Column, Pack, Section, Source, Table
from iro_cli.report.workbook import workbook_bytes


def pack() -> Pack:
    table = Table(
        "Caseloads",
        "Caseloads on 31/03/2026",
        [Column("iro", "IRO", "text"), Column("children", "Children"),
         Column("rate", "In time rate", "pct")],
        [{"iro": "=HYPERLINK(1)", "children": 40, "rate": 0.5},
         {"iro": "Total", "children": 41, "rate": None}],
        total_rows=1,
    )  # fmt: skip
    return Pack(
        "Test pack",
        "2025/26",
        "2024/25",
        date(2026, 3, 31),
        date(2025, 3, 31),
        [Section("Caseloads", ["One sentence."], [table])],
        [Source("children.csv", 12, date(2026, 3, 30))],
        [("Caseload", "Children looked after on the day.")],
        "0.1",
    )


def test_workbook_cells() -> None:
    book = load_workbook(io.BytesIO(workbook_bytes(pack())))
    sheet = book["Caseloads"]
    assert sheet["A4"].value == "'=HYPERLINK(1)"  # neutralised: never a formula
    assert sheet["A4"].data_type == "s"
    assert sheet["B4"].value == 40 and sheet["B4"].number_format == "#,##0"
    assert sheet["C4"].value == 0.5 and sheet["C4"].number_format == "0.0%"
    assert sheet["A5"].font.b and not sheet["A4"].font.b  # the total row is bold
    assert sheet.freeze_panes == "A4"
    assert sheet.auto_filter.ref == "A3:C4"  # the rows, not the total below them
    about = list(book["About"].iter_rows(values_only=True))
    assert ("children.csv", 12, date(2026, 3, 30)) in [
        (r[0], r[1], r[2].date() if r[2] else None) for r in about if r[0] == "children.csv"
    ]


def test_document_styles() -> None:
    from docx import Document

    doc = Document(io.BytesIO(document_bytes(pack())))
    styles = [(p.style.name, p.text) for p in doc.paragraphs]
    assert ("Title", "Test pack") in styles
    assert ("Heading 1", "Caseloads") in styles
    assert ("List Bullet", "One sentence.") in styles
    table = doc.tables[0]
    assert [c.text for c in table.rows[1].cells] == ["=HYPERLINK(1)", "40", "50.0%"]
    assert table.style.name == "Light Grid Accent 1"


def test_many_iros_get_a_histogram_not_a_bar_each() -> None:
    """2,250 IROs (the 100,000-children benchmark) once made a 720-inch-tall chart."""
    from iro_cli.report.charts import caseload_chart

    rows = [{"iro": f"IRO {i}", "fte": 1.0, "children_per_fte": 30 + i % 50} for i in range(2250)]
    png = caseload_chart(rows, 54.5, 50, 70, title="t", subtitle="s")
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) < 400_000
