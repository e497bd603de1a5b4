"""What FILE can be for ``iro lint-recommendations``: a Word document, a CSV with only a
Recommendation column, and the clear error a PDF or other binary file gets."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from click.testing import CliRunner

from iro_cli.cli import cli
from iro_cli.lint.documents import rows_from_docx
from iro_cli.lint.inputs import file_kind


def run(runner: CliRunner, *args: str):
    return runner.invoke(cli, ["lint-recommendations", "--as-of", "20/11/2026", *args])


def _minutes_docx(path: Path) -> Path:
    """Minutes as an IRO writes them: attendees, discussion, then the recommendations as a
    numbered list, and a table of actions with Responsible and Target Date columns."""
    from docx import Document

    document = Document()
    document.add_heading("Review of Mo's plan", level=1)  # paragraph 1
    document.add_paragraph("Present: Mo, Nan, Priya (social worker), the IRO.")  # 2
    document.add_heading("What we talked about", level=2)  # 3
    document.add_paragraph("Mo is doing well at school and enjoys football.")  # 4
    document.add_heading("Recommendations", level=2)  # 5
    document.add_paragraph("Priya (SW) will book Mo's eye test by 15/01/2027.", "List Number")  # 6
    document.add_paragraph("Referral to CAMHS to be made.", "List Number")  # 7
    document.add_paragraph("")  # 8: blank, skipped
    document.add_paragraph("3. Nan to continue to support Mo.")  # 9: typed number removed
    table = document.add_table(rows=3, cols=3)  # rows are paragraphs 10-12
    for row, cells in zip(
        table.rows,
        [
            ("Action", "Who", "By when"),
            ("Update the chronology", "SW", "01/02/2027"),
            ("Apply for Mo's passport", "", ""),
        ],
        strict=True,
    ):
        for cell, value in zip(row.cells, cells, strict=True):
            cell.text = value
    document.add_heading("Next review", level=2)  # 13
    document.add_paragraph("The next review will be in May 2027.")  # 14: not read
    document.save(path)
    return path


def test_docx_items_under_the_recommendations_heading(tmp_path: Path) -> None:
    rows = rows_from_docx(_minutes_docx(tmp_path / "minutes.docx").read_bytes())
    # Paragraph numbers counted by hand from _minutes_docx above.
    assert [(r.recommendation_no, r.line, r.text, r.responsible, r.target_date) for r in rows] == [
        (1, 6, "Priya (SW) will book Mo's eye test by 15/01/2027.", "", ""),
        (2, 7, "Referral to CAMHS to be made.", "", ""),
        (3, 9, "Nan to continue to support Mo.", "", ""),
        (4, 11, "Update the chronology", "SW", "01/02/2027"),
        (5, 12, "Apply for Mo's passport", "", ""),
    ]


def test_docx_without_a_heading_is_one_recommendation_a_paragraph(tmp_path: Path) -> None:
    from docx import Document

    document = Document()
    document.add_paragraph("SW to book the dentist by 1/2/27.")
    document.add_paragraph("Family time to continue.")
    document.save(tmp_path / "draft.docx")
    rows = rows_from_docx((tmp_path / "draft.docx").read_bytes())
    assert [(r.line, r.text) for r in rows] == [
        (1, "SW to book the dentist by 1/2/27."),
        (2, "Family time to continue."),
    ]


def test_docx_through_the_command(runner: CliRunner, tmp_path: Path) -> None:
    path = _minutes_docx(tmp_path / "minutes.docx")
    result = run(runner, str(path), "--format", "csv", "--select", "SMART")
    assert result.exit_code == 1, result.stderr
    found = [(r["line"], r["code"]) for r in csv.DictReader(io.StringIO(result.stdout))]
    # Paragraph 7 has no owner and no date; 9 is effort with no date; 12 has neither.
    assert found == [
        ("7", "SMART002"),
        ("7", "SMART003"),
        ("9", "SMART003"),
        ("9", "SMART004"),
        ("12", "SMART002"),
        ("12", "SMART003"),
    ]
    assert "reviews.csv" not in result.stderr  # a document is today's draft


def test_csv_with_only_a_recommendation_column(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "minutes.csv"
    path.write_text(
        "Recommendation\nSW to book the dentist by 1/2/27.\nFamily time to continue.\n",
        encoding="utf-8",
    )
    result = run(runner, str(path), "--format", "csv", "--select", "SMART")
    assert result.exit_code == 1, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["review_id"], r["person_id"], r["line"], r["code"]) for r in rows] == [
        ("", "", "3", "SMART002"),
        ("", "", "3", "SMART003"),
    ]
    assert result.stderr == ""


def test_csv_with_only_a_recommendation_column_checks_targets_against_today(
    runner: CliRunner, tmp_path: Path
) -> None:
    path = tmp_path / "minutes.csv"
    path.write_text("Recommendation\nSW to book the dentist by 1/2/2026.\n", encoding="utf-8")
    result = run(runner, str(path), "--format", "csv", "--select", "SMART006")
    assert "before the review on 20/11/2026" in result.stdout


@pytest.mark.parametrize(
    ("name", "content", "what"),
    [
        ("minutes.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "a PDF"),
        (
            "minutes.doc",
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(200),
            "an old-style Word document (.doc)",
        ),
        ("photo.png", b"\x89PNG\r\n\x1a\n" + bytes(100), "this file (it is not text)"),
        ("minutes.txt", bytes(range(1, 32)) * 20, "this file (it is not text)"),
    ],
)
def test_binary_files_get_one_clear_line(
    runner: CliRunner, tmp_path: Path, name: str, content: bytes, what: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    result = run(runner, str(path))
    assert result.exit_code == 2
    assert result.stderr == (
        f"iro: error: {path}: {what} cannot be read; give a CSV file (.csv), an Excel "
        "workbook (.xlsx), a text file (.txt) or a Word document (.docx)\n"
    )
    assert result.stdout == ""


def test_a_damaged_word_document_is_one_line(runner: CliRunner, tmp_path: Path) -> None:
    import zipfile

    path = tmp_path / "minutes.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<not really xml")
    result = run(runner, str(path))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"iro: error: {path}: the Word document cannot be opened (")
    assert result.stderr.count("\n") == 1


def test_file_kind_by_content_not_name(tmp_path: Path) -> None:
    docx = _minutes_docx(tmp_path / "renamed.csv").read_bytes()
    assert file_kind(docx, ".csv") == "docx"
    assert file_kind(b"%PDF-1.4", ".csv") == "pdf"
    assert file_kind(b"Recommendation\nSW to visit\n", ".txt") == "text"
    assert file_kind(b"Recommendation\nSW to visit\n", ".csv") == "csv"
    assert file_kind("Recommendation\n".encode("utf-16"), ".csv") == "csv"
    from openpyxl import Workbook

    book = io.BytesIO()
    Workbook().save(book)
    assert file_kind(book.getvalue(), ".xlsx") == "xlsx"  # read by the Excel reader (#15)


def test_workbook_with_only_a_recommendation_column(runner: CliRunner, tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for row in (
        ["Recommendation"],
        ["SW to book the dentist by 1/2/27."],
        ["Family time to continue."],
    ):
        sheet.append(row)
    path = tmp_path / "minutes.xlsx"
    book.save(path)
    result = run(runner, str(path), "--format", "csv", "--select", "SMART")
    assert result.exit_code == 1, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["review_id"], r["line"], r["code"]) for r in rows] == [
        ("", "3", "SMART002"),
        ("", "3", "SMART003"),
    ]


def test_a_workbook_on_stdin_says_to_give_its_name(runner: CliRunner) -> None:
    from openpyxl import Workbook

    book = io.BytesIO()
    Workbook().save(book)
    result = runner.invoke(cli, ["lint-recommendations", "-"], input=book.getvalue())
    assert result.exit_code == 2
    assert "an Excel workbook from stdin (give its file name) cannot be read" in result.stderr


def test_a_file_with_the_id_columns_must_fill_them(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "minutes.csv"
    path.write_text("Review ID,Person ID,Recommendation\n,P1,SW to visit by 1/2/27.\n", "utf-8")
    result = run(runner, str(path))
    assert result.exit_code == 2
    assert "column 'Review ID': is blank" in result.stderr
