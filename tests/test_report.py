"""``iro report`` on the sample exports: the workbook holds the commands' own figures.

Every figure read back from the xlsx (openpyxl) is compared with what ``iro
caseload``, ``iro disputes``, ``iro participation`` and ``iro lint-recommendations
--summary`` print for the same period and as-at day.
"""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

import pytest
from openpyxl import load_workbook

from iro_cli.cli import cli
from tests.conftest import SAMPLE

CONFIG = ["--config", str(SAMPLE / "iro.toml")]
YEAR = ["--year", "2025/26"]


@pytest.fixture(scope="module")
def workbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from click.testing import CliRunner

    path = tmp_path_factory.mktemp("report") / "report.xlsx"
    result = CliRunner().invoke(cli, ["report", *CONFIG, *YEAR, "-o", str(path)])
    assert result.exit_code == 0, result.output
    assert "as at 31/03/2026; compared with 2024/25" in result.stderr
    return path


def sheet_rows(path: Path, name: str) -> list[dict[str, object]]:
    """The table of one sheet: headers on row 3, rows below."""
    sheet = load_workbook(path)[name]
    values = list(sheet.iter_rows(min_row=3, values_only=True))
    header = values[0]
    return [dict(zip(header, row, strict=True)) for row in values[1:]]


def command_csv(runner, args: list[str], ok: tuple[int, ...] = (0,)) -> list[dict[str, str]]:
    result = runner.invoke(cli, [*args, *CONFIG, "--format", "csv"])
    assert result.exit_code in ok, result.output
    return list(csv.DictReader(io.StringIO(result.stdout)))


def number(text: str) -> float | int | None:
    if text == "":
        return None
    return float(text) if "." in text else int(text)


def close(a: object, b: object) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(float(a) - float(b)) < 5e-5  # type: ignore[arg-type]


def test_caseloads_sheet_equals_iro_caseload(runner, workbook: Path) -> None:
    expected = command_csv(runner, ["caseload", "--as-of", "31/03/2026"])
    earlier = {r["iro"]: r for r in command_csv(runner, ["caseload", "--as-of", "31/03/2025"])}
    got = sheet_rows(workbook, "Caseloads")
    assert [r["IRO"] for r in got] == [r["iro"] for r in expected]
    for sheet, cli_row in zip(got, expected, strict=True):
        assert sheet["Children"] == int(cli_row["children"])
        assert close(sheet["Children per FTE"], number(cli_row["children_per_fte"]))
        assert close(sheet["FTE"], number(cli_row["fte"]))
        assert sheet["Children on a CP plan (chair)"] == int(cli_row["cp_children"])
        assert (sheet["Above 70 per FTE"] == "yes") == (cli_row["over_range"] == "true")
        previous = earlier[cli_row["iro"]]["children_per_fte"]
        assert close(sheet["Children per FTE on 31/03/2025"], number(previous))


def test_changes_sheet_equals_iro_caseload_changes(runner, workbook: Path) -> None:
    for day, suffix in (("31/03/2026", ""), ("31/03/2025", " on 31/03/2025")):
        rows = command_csv(runner, ["caseload", "--changes", "--as-of", day])
        counts = [sum(int(r["changes"]) == k for r in rows) for k in (0, 1, 2)]
        counts.append(sum(int(r["changes"]) >= 3 for r in rows))
        got = sheet_rows(workbook, "Changes of IRO")
        assert [r["Children" + suffix] for r in got] == [*counts, len(rows)]


def test_disputes_sheets_equal_iro_disputes(runner, workbook: Path) -> None:
    for by, sheet_name in (("level", "Disputes by level"), ("theme", "Disputes by theme")):
        expected = command_csv(runner, ["disputes", *YEAR, "--by", by])
        got = sheet_rows(workbook, sheet_name)
        assert len(got) == len(expected)
        for sheet, row in zip(got, expected, strict=True):
            assert sheet[by.title()] == row[by]
            for key, header in (("raised", "Raised"), ("resolved", "Resolved"),
                                ("resolved_in_time", "Resolved in time"), ("open", "Open"),
                                ("open_past_due", "Open past due"),
                                ("in_time_rate", "In time rate")):  # fmt: skip
                assert close(sheet[header], number(row[key])), (by, row[by], key)
    previous = command_csv(runner, ["disputes", "--year", "2024/25"])
    got = sheet_rows(workbook, "Disputes by level")
    for sheet, row in zip(got, previous, strict=True):
        assert sheet["Raised 2024/25"] == int(row["raised"])
        assert close(sheet["In time rate 2024/25"], number(row["in_time_rate"]))


def test_participation_sheet_equals_iro_participation(runner, workbook: Path) -> None:
    got = {r["Year"]: r for r in sheet_rows(workbook, "Participation codes")}
    rates = {r["Year"]: r for r in sheet_rows(workbook, "Participation")}
    for year in ("2024/25", "2025/26"):
        (row,) = command_csv(runner, ["participation", "--year", year, "--no-total"])
        for code in ("PN0", "PN1", "PN2", "PN3", "PN4", "PN5", "PN6", "PN7"):
            assert got[year][code] == int(row[code])
        assert got[year]["Held CLA reviews"] == int(row["total"])
        assert close(rates[year]["Participation rate"], number(row["participation_rate"]))
        assert close(rates[year]["Attendance rate"], number(row["attendance_rate"]))


def test_smart_audit_sheet_equals_the_lint_summary(runner, workbook: Path) -> None:
    """The lint summary's per-review rows of reviews held in 2025/26, added up per chair."""
    args = ["lint-recommendations", "--summary", "--as-of", "31/03/2026"]
    rows = command_csv(runner, args, ok=(0, 1))  # 1: there are findings
    per_iro: dict[str, list[int]] = {}
    for row in rows:
        if row["level"] == "review" and "2025-04-01" <= row["review_date"] <= "2026-03-31":
            counts = per_iro.setdefault(row["iro"], [0, 0])
            counts[0] += int(row["recommendations"])
            counts[1] += int(row["smart_clean"])
    got = {r["IRO"]: r for r in sheet_rows(workbook, "SMART audit")}
    assert set(got) == {*per_iro, "Total"}
    for iro, (n, clean) in per_iro.items():
        assert (got[iro]["Recommendations"], got[iro]["With no SMART finding"]) == (n, clean)
    total = got["Total"]
    assert total["Recommendations"] == sum(n for n, _ in per_iro.values())
    assert close(
        total["Share with no SMART finding"],
        total["With no SMART finding"] / total["Recommendations"],
    )


def test_workbook_layout(workbook: Path) -> None:
    book = load_workbook(workbook)
    assert book.sheetnames[0] == "About"
    about = [row for row in book["About"].iter_rows(values_only=True)]
    files = {row[0]: row for row in about if row[0] and str(row[0]).endswith(".csv")}
    assert files["disputes.csv"][1] == 250  # rows in the sample's disputes.csv
    assert files["children.csv"][1] == 444
    assert about[3][:1] == ("As at",) and about[3][1].strftime("%d/%m/%Y") == "31/03/2026"
    sheet = book["Disputes by level"]
    assert sheet.freeze_panes == "A4"
    assert sheet.auto_filter.ref.startswith("A3:")
    assert sheet["E4"].number_format == "0.0%"  # In time rate
    assert sheet["A3"].value == "Level" and sheet["D3"].value == "Resolved in time"
    assert sheet["A3"].font.b


def test_document(runner, tmp_path: Path) -> None:
    from docx import Document
    from docx.oxml.ns import qn

    path = tmp_path / "report.docx"
    result = runner.invoke(cli, ["report", *CONFIG, *YEAR, "-o", str(path)])
    assert result.exit_code == 0, result.output
    assert os.stat(path).st_mode & 0o777 == 0o600
    doc = Document(str(path))
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert headings[:3] == ["Headlines", "Reviews held in time", "Child protection plans"]
    assert "Dispute resolution" in headings
    text = "\n".join(p.text for p in doc.paragraphs)
    # 38 of 48 disputes resolved in 2025/26 were in time (iro disputes --year 2025/26)
    assert "79% of disputes resolved in 2025/26 (38 of 48) were resolved within timescales" in text
    # iro participation --year 2025/26: "5 data warnings: 2 × rule 440, 2 × rule 441, 1 missing"
    assert (
        "Data checks on the reviews of 2025/26: 2 coded PN0 for a child aged 4 or over (DfE rule "
        "440); 2 coded PN1–PN7 for a child under 4 (DfE rule 441); 1 with no participation code."
    ) in text
    # iro caseload --changes: 238 of 278 with no change on 31/03/2026; 137 of 173 (79%) in 2025
    assert (
        "86% of children looked after on 31/03/2026 (238 of 278) kept the same IRO for the year, "
        "up from 79% in 2024/25."
    ) in text
    # timeliness, participation, caseload, disputes charts
    assert len(doc.inline_shapes) == 4
    assert all(t.style.name == "Light Grid Accent 1" for t in doc.tables)
    # no table row is split across two pages (a label half on one page, half on the next)
    rows = [row for table in doc.tables for row in table.rows]
    assert rows and all(row._tr.trPr is not None for row in rows)
    assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in rows)
    again = runner.invoke(cli, ["report", *CONFIG, *YEAR, "-o", str(path)])
    assert again.exit_code == 2 and "already exists; use --force" in again.stderr


def test_no_compare_and_bad_name(runner, tmp_path: Path) -> None:
    path = tmp_path / "report.xlsx"
    result = runner.invoke(
        cli, ["report", *CONFIG, *YEAR, "--no-compare", "--no-audit", "-o", str(path)]
    )
    assert result.exit_code == 0, result.output
    assert "SMART audit" not in load_workbook(path).sheetnames
    assert [r["Year"] for r in sheet_rows(path, "Participation")] == ["2025/26"]
    headers = list(sheet_rows(path, "Disputes by level")[0])
    assert not any("2024/25" in str(h) for h in headers)
    result = runner.invoke(cli, ["report", *CONFIG, "-o", str(tmp_path / "report.pdf")])
    assert result.exit_code == 2 and "ending .xlsx or .docx" in result.stderr


def test_sections_left_out_when_their_export_is_missing(runner, tmp_path: Path) -> None:
    import shutil

    exports = tmp_path / "exports"
    exports.mkdir()
    for name in ("children.csv", "reviews.csv"):
        shutil.copy(SAMPLE / name, exports / name)
    path = tmp_path / "report.xlsx"
    result = runner.invoke(cli, ["report", "--exports", str(exports), *YEAR, "-o", str(path)])
    assert result.exit_code == 0, result.output
    assert "no disputes.csv in the exports: the pack has no section on dispute resolution" in (
        result.stderr
    )
    assert load_workbook(path).sheetnames == [
        "About",
        "Timeliness",
        "Timeliness by month",
        "Participation",
        "Participation codes",
    ]


def test_timeliness_sheets_equal_iro_timeliness(runner, workbook: Path) -> None:
    expected = [
        r
        for r in command_csv(runner, ["timeliness", *YEAR, "--by", "year", "--total"])
        if r["year"] == "Total"
    ]
    before = {
        r["review_type"]: r
        for r in command_csv(runner, ["timeliness", "--year", "2024/25", "--by", "year", "--total"])
        if r["year"] == "Total"
    }
    got = sheet_rows(workbook, "Timeliness")
    assert [r["Review type"] for r in got] == [r["review_type"] for r in expected]
    for sheet, row in zip(got, expected, strict=True):
        for key, header in (("held", "Held"), ("in_time", "In time"), ("late", "Late"),
                            ("in_time_rate", "In time rate"),
                            ("overdue_not_held", "Due, not held"),
                            ("rearranged", "Rearranged")):  # fmt: skip
            assert close(sheet[header], number(row[key])), (row["review_type"], key)
        old = before.get(row["review_type"])
        assert close(sheet["In time rate 2024/25"], number(old["in_time_rate"]) if old else None)
    months = command_csv(runner, ["timeliness", *YEAR, "--by", "month"])
    got = sheet_rows(workbook, "Timeliness by month")
    assert [(r["Month"], r["Review type"], r["Held"], r["In time"]) for r in got] == [
        (r["month"], r["review_type"], int(r["held"]), int(r["in_time"])) for r in months
    ]


def test_cp_plans_sheet_equals_iro_cp_plans(runner, workbook: Path) -> None:
    got = {r["Figure"]: r for r in sheet_rows(workbook, "CP plans")}
    for year, column in (("2025/26", "2025/26"), ("2024/25", "2024/25")):
        (row,) = command_csv(runner, ["cp-plans", "--year", year])
        assert got["Plans started"][column] == int(row["plans_started"])
        assert got["Repeat plans"][column] == int(row["repeat_plans"])
        assert got["Repeat plans within 2 years of the last"][column] == int(
            row["repeat_within_2_years"]
        )
        assert got["Plans ended"][column] == int(row["plans_ended"])
        assert got["Plans open at the end of the period"][column] == int(row["open_on_as_at"])
        assert got["Open more than 18 months"][column] == int(row["open_over_18_months"])
    assert close(got["Repeat plans"]["Share"], 6 / 22)  # iro cp-plans --year 2025/26: 6 of 22


def test_report_shows_each_section_on_a_terminal_only() -> None:
    """A report takes seconds (minutes at national scale): a status line names the section
    being worked out on a terminal; nothing when stderr is piped."""
    import io as _io
    from datetime import date as _date

    from iro_cli.commands.report import build_pack
    from iro_cli.config import load_config
    from iro_cli.options import Session
    from iro_cli.periods import Period

    class Terminal(_io.StringIO):
        def isatty(self) -> bool:
            return True

    exports = SAMPLE
    session = Session(load_config(exports / "iro.toml"), exports)
    year = Period(_date(2025, 4, 1), _date(2026, 3, 31))
    shown, piped = Terminal(), _io.StringIO()
    build_pack(session, year, _date(2026, 11, 20), False, charts=False, audit=False, progress=shown)
    text = shown.getvalue()
    for step in ("reading the exports", "reviews held in time", "child protection plans",
                 "participation", "caseloads", "dispute resolution"):  # fmt: skip
        assert f"Report: {step}" in text
    build_pack(session, year, _date(2026, 11, 20), False, charts=False, audit=False, progress=piped)
    assert piped.getvalue() == ""
