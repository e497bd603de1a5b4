"""Exports given as Excel workbooks (.xlsx): the same results as the same data in CSV.

The sample exports are converted as a case system's "save as Excel" would write them:
dates as real Excel dates, numbers as numbers, IDs and everything else as text (IDs
keep their leading zeros). Every command's csv output must then be byte for byte the
csv output from the CSV files.
"""

from __future__ import annotations

import csv
import io
import shutil
from datetime import datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from iro_cli.cli import cli
from iro_cli.exports.reader import decode, parse_date, read_export_file
from iro_cli.exports.schema import EXPORTS, normalise_header
from tests.conftest import SAMPLE, write_csv


def to_workbook(source: Path, target: Path, key: str, sheet: str = "Report") -> None:
    """``source`` CSV as an .xlsx with typed cells (dates, numbers) on sheet ``sheet``."""
    from openpyxl import Workbook

    kinds = {normalise_header(c.header): c.kind for c in EXPORTS[key].columns}
    text, _encoding = decode(source.read_bytes())  # the sample has a Windows-1252 file too
    rows = list(csv.reader(io.StringIO(text, newline="")))
    column_kinds = [kinds.get(normalise_header(h), "text") for h in rows[0]]
    workbook = Workbook()
    worksheet = workbook.active
    worksheet.title = sheet
    worksheet.append(rows[0])
    for row in rows[1:]:
        cells: list[object] = []
        for kind, cell in zip(column_kinds, row, strict=False):
            if kind == "date" and cell:
                day = parse_date(cell)
                cells.append(datetime(day.year, day.month, day.day))
            elif kind in ("int", "float") and cell:
                cells.append(float(cell) if kind == "float" else int(cell))
            else:
                cells.append(cell)
        worksheet.append(cells)
    for column in worksheet.iter_cols(min_row=2):
        for cell in column:
            if isinstance(cell.value, datetime):
                cell.number_format = "dd/mm/yyyy"
    workbook.save(target)


@pytest.fixture(scope="module")
def xlsx_exports(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("xlsx")
    for key, spec in EXPORTS.items():
        source = SAMPLE / spec.filename
        if source.is_file():
            to_workbook(source, folder / Path(spec.filename).with_suffix(".xlsx"), key)
    shutil.copy(SAMPLE / "extract.toml", folder)
    return folder


COMMANDS = [
    ["overdue", "--days", "14"],
    ["upcoming", "--days", "28"],
    ["overdue", "--days", "14", "--type", "cp"],
    ["participation", "--year", "2025/26", "--by", "quarter"],
    ["participation", "--year", "2025/26", "--by", "age-band", "--compare"],
    ["participation", "--by", "iro"],
    ["lint-recommendations", "--fail-on", "never"],
    ["lint-recommendations", "--fail-on", "never", "--summary"],
]


@pytest.mark.parametrize("args", COMMANDS, ids=[" ".join(a) for a in COMMANDS])
def test_every_command_gives_the_same_csv_from_xlsx(xlsx_exports: Path, args: list[str]) -> None:
    runner = CliRunner()
    common = ["--format", "csv"]
    if args[0] != "participation":  # participation counts every review in the period
        common += ["--as-of", "20/11/2026"]
    from_csv = runner.invoke(cli, [*args, "--exports", str(SAMPLE), *common])
    from_xlsx = runner.invoke(cli, [*args, "--exports", str(xlsx_exports), *common])
    assert from_csv.exit_code == 0, from_csv.stderr
    assert from_xlsx.exit_code == 0, from_xlsx.stderr
    assert len(from_csv.stdout.splitlines()) > 2
    assert from_xlsx.stdout == from_csv.stdout


def test_validate_reads_the_workbooks(xlsx_exports: Path) -> None:
    result = CliRunner().invoke(
        cli, ["validate", "--exports", str(xlsx_exports), "--no-notes", "--as-of", "20/11/2026"]
    )
    assert "children.xlsx" in result.stdout and "sheet 'Report'" in result.stdout
    # the 3 duplicates, and disputes' 'Total rows: 80' line (a warning since #14)
    assert result.stdout.splitlines()[-1] == "OK: 0 errors, 2 warnings"


def test_excel_dates_and_text_dates_and_sheet_row_numbers(tmp_path: Path) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    first = workbook.active
    first.title = "Notes"
    first.append(["this sheet is not the export"])
    sheet = workbook.create_sheet("Children")
    sheet.append([])  # blank rows above the header, as some reports have
    sheet.append([])
    sheet.append(["Person ID", "Forename", "Surname", "Date of Birth", "Period Start"])
    sheet.append(["0101", "Amara", "Okafor", datetime(2015, 6, 1), "03/04/2025"])
    sheet.append(["0102", "Zoë", "O'Neill", "12/02/2012", datetime(2025, 4, 3, 0, 0)])
    sheet.append(["0103", "Tomasz", "Nowak", "31/02/2010", "01/10/2026"])
    path = tmp_path / "children.xlsx"
    workbook.save(path)

    read = read_export_file(path, EXPORTS["children"], sheet="children")
    columns = read.columns
    assert columns["person_id"] == ["0101", "0102"]
    # a real Excel date stays that date; a text date is day first (3 April, not 4 March)
    assert [str(d) for d in columns["date_of_birth"]] == ["2015-06-01", "2012-02-12"]
    assert [str(d) for d in columns["period_start"]] == ["2025-04-03", "2025-04-03"]
    assert columns["_line"] == [4, 5]  # the sheet's own row numbers
    assert [str(p) for p in read.errors] == [
        f"{path}, row 6, column 'Date of Birth' (ID 0103): not a real date "
        "(expected a date as dd/mm/yyyy)"
    ]


def test_sheet_setting_and_a_missing_sheet(tmp_path: Path) -> None:
    from openpyxl import Workbook

    write_csv(
        tmp_path,
        "reviews.csv",
        [["Review ID", "Person ID", "Review Type", "Review Date", "Status"]],
    )
    workbook = Workbook()
    workbook.active.title = "Summary"
    sheet = workbook.create_sheet("Data")
    sheet.append(["Person ID", "Forename", "Surname", "Date of Birth", "Period Start"])
    sheet.append(["0101", "Amara", "Okafor", "01/06/2015", "01/10/2026"])
    workbook.save(tmp_path / "children.xlsx")
    runner = CliRunner()
    args = ["overdue", "--exports", str(tmp_path), "--as-of", "20/11/2026", "--format", "csv"]
    first_sheet = runner.invoke(cli, args)
    assert first_sheet.exit_code == 2
    assert first_sheet.stderr == (
        f"iro: error: {tmp_path / 'children.xlsx'}: sheet 'Summary' is empty (sheets: Summary, "
        "Data); name the one to read with [exports] sheet in iro.toml\n"
    )
    (tmp_path / "iro.toml").write_text('[exports]\nsheet = "Data"\n')
    chosen = runner.invoke(cli, [*args, "--config", str(tmp_path / "iro.toml")])
    assert chosen.exit_code == 0, chosen.stderr
    assert chosen.stdout.splitlines()[1].startswith("0101,Amara Okafor,CLA Review,2026-10-29,")
    (tmp_path / "iro.toml").write_text('[exports]\nsheet = "Nope"\n')
    missing = runner.invoke(cli, [*args, "--config", str(tmp_path / "iro.toml")])
    assert missing.exit_code == 2
    assert "no sheet named 'Nope' (sheets: Summary, Data)" in missing.stderr


def test_not_a_workbook_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "children.xlsx").write_bytes(b"this is not a zip file")
    result = CliRunner().invoke(
        cli, ["overdue", "--exports", str(tmp_path), "--as-of", "20/11/2026"]
    )
    assert result.exit_code == 2
    assert result.stderr == (
        f"iro: error: {tmp_path / 'children.xlsx'}: cannot be read: not a readable Excel "
        "workbook (.xlsx)\n"
    )


def test_lint_reads_a_workbook_with_sheet(tmp_path: Path) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.title = "Cover"
    sheet = workbook.create_sheet("Minutes")
    sheet.append(["Review ID", "Person ID", "Recommendation", "Responsible", "Target Date"])
    sheet.append(["R1", "0101", "Referral to CAMHS to be made.", "", ""])
    sheet.append(
        ["R1", "0101", "Priya (social worker) will book the dentist.", "", datetime(2027, 1, 15)]
    )
    path = tmp_path / "minutes.xlsx"
    workbook.save(path)
    runner = CliRunner()
    base = ["lint-recommendations", str(path), "--as-of", "20/11/2026", "--format", "csv"]
    result = runner.invoke(cli, [*base, "--sheet", "minutes", "--select", "SMART"])
    assert result.exit_code == 1, result.stderr
    lines = result.stdout.splitlines()
    # row 2 has no owner and no date; row 3 (a real Excel date) has neither finding
    assert [line.split(",")[3:5] for line in lines[1:]] == [["2", "SMART002"], ["2", "SMART003"]]
    cover = runner.invoke(cli, base)
    assert cover.exit_code == 2
    assert cover.stderr == (
        f"iro: error: {path}: sheet 'Cover' is empty (sheets: Cover, Minutes); name the one to "
        "read with --sheet NAME\n"
    )
