"""Daily use on a laptop and in Excel (issue 15): screens that fit, one exit-code
convention, Excel files out, mistakes with a way forward, the worst first.

Figures on the sample exports (as at 20/11/2026) were counted from
``iro overdue --days 14 --format csv``: 8 overdue, of which Imran Anwar's (due
18/11/2026) has no meeting booked and 7 are booked after their due date; 22 due in
the next 14 days, of which Amelia Krawczyk's (due 04/12, booked 17/12) is booked late.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from click.testing import CliRunner

from iro_cli.cli import COMMANDS, cli
from tests.conftest import SAMPLE

OVERDUE = ["overdue", "--exports", str(SAMPLE), "--days", "14", "--as-of", "20/11/2026"]
LINT_DRAFT = ["lint-recommendations", "tests/data/lint/draft.txt", "--as-of", "20/11/2026"]


def invoke(args: list[str], width: int = 80, **kwargs):
    return CliRunner().invoke(cli, args, env={"COLUMNS": str(width)}, **kwargs)


# --- 1. tables that fit -----------------------------------------------------------------


@pytest.mark.parametrize("width", [80, 120])
@pytest.mark.parametrize(
    "args",
    [
        [*OVERDUE, "--format", "table"],
        [*LINT_DRAFT, "--format", "table", "--fail-on", "never"],
        ["lint-recommendations", "--exports", str(SAMPLE), "--as-of", "20/11/2026", "--summary",
         "--format", "table", "--fail-on", "never"],
        ["participation", "--exports", str(SAMPLE), "--year", "2025/26", "--by", "quarter",
         "--format", "table"],
        ["participation", "--exports", str(SAMPLE), "--year", "2025/26", "--by", "age-band",
         "--compare", "--format", "table"],
        ["timeliness", "--exports", str(SAMPLE), "--year", "2025/26", "--by", "quarter",
         "--format", "table"],
        ["cp-plans", "--exports", str(SAMPLE), "--year", "2025/26", "--format", "table"],
    ],
)  # fmt: skip
def test_every_table_row_fits_the_terminal(args: list[str], width: int) -> None:
    result = invoke(args, width)
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) > 3
    assert max(map(len, lines)) <= width


def test_overdue_table_shows_the_columns_a_person_reads() -> None:
    result = invoke([*OVERDUE, "--format", "table"], 120)
    lines = result.stdout.splitlines()
    assert lines[0].split() == [
        "Name", "Review", "type", "Due", "date", "Days", "to", "due", "Status", "Booked", "IRO",
    ]  # fmt: skip
    assert lines[2] == (
        "Nia Francis        RCPC         06/08/2026         -106  OVERDUE  24/11/2026 LATE  "
        "Ruth Bell"
    )
    imran = next(line for line in lines if line.startswith("Imran Anwar"))
    assert "NOT BOOKED" in imran and "-2" in imran
    assert len(lines) == 2 + 30  # 8 overdue + 22 due: no row wraps onto a second line


def test_overdue_at_80_columns_shortens_names_never_dates() -> None:
    lines = invoke([*OVERDUE, "--format", "table"], 80).stdout.splitlines()
    akosua = next(line for line in lines if line.startswith("Akosua"))
    assert "13/10/2026" in akosua and "04/12/2026 LATE" in akosua and "…" in akosua


def test_wide_shows_every_column_and_the_basis() -> None:
    lines = invoke([*OVERDUE, "--format", "table", "--wide"], 400).stdout.splitlines()
    assert lines[0].split()[:2] == ["Person", "ID"] and "Basis" in lines[0]
    assert "review conference: 6 months after conference held 06/02/2026" in lines[2]


def test_wide_wraps_long_text_instead_of_cutting_it() -> None:
    result = invoke([*LINT_DRAFT, "--format", "table", "--wide", "--fail-on", "never"], 120)
    text = result.stdout
    assert "…" not in text
    assert max(map(len, text.splitlines())) <= 120
    # the whole suggestion is there, over more than one line
    words = text.split()
    for word in ("deadline", "frequency", "March", "2025',", "Saturday')"):
        assert word in words


def test_csv_keeps_every_column_whatever_the_width() -> None:
    result = invoke([*OVERDUE, "--format", "csv"], 80)
    header = result.stdout.splitlines()[0]
    assert header == (
        "person_id,name,review_type,due_date,days_to_due,status,scheduled_date,"
        "scheduled_late,not_booked,iro,team,basis"
    )


def test_help_lists_each_command_on_one_line_at_80_columns() -> None:
    result = invoke(["--help"], 80)
    lines = result.stdout.splitlines()
    assert max(map(len, lines)) <= 80
    start = lines.index("Commands:")
    commands = lines[start + 1 :]
    assert len(commands) == 2 * len(COMMANDS)  # a summary line and an example line for each
    assert [line.split()[0] for line in commands[::2]] == list(COMMANDS)
    assert all(line.split()[0] == "e.g." for line in commands[1::2])


def test_help_states_the_exit_codes() -> None:
    text = invoke(["--help"], 80).stdout
    assert "0  done, nothing to report" in text
    assert "1  done, and found what you asked to fail on" in text
    assert "2  could not run" in text


# --- 5. one exit-code convention ---------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["overdue"],
        ["upcoming"],
        ["participation"],
        ["letter", "--child", "1001"],
        ["lint-recommendations"],
        ["validate"],
    ],
)
def test_a_missing_export_folder_is_exit_2_in_every_command(args: list[str], tmp_path) -> None:
    result = invoke([*args, "--exports", str(tmp_path / "nowhere")])
    assert result.exit_code == 2, result.stderr
    assert result.stderr.startswith("iro: error: ") and result.stderr.count("\n") == 1


def test_exit_1_is_for_what_you_asked_to_fail_on() -> None:
    assert invoke([*OVERDUE, "--format", "csv", "--fail-if-overdue"]).exit_code == 1
    assert invoke([*OVERDUE, "--format", "csv"]).exit_code == 0
    assert invoke([*LINT_DRAFT, "--format", "csv"]).exit_code == 1
    assert invoke([*LINT_DRAFT, "--format", "csv", "--fail-on", "never"]).exit_code == 0


def test_an_output_file_that_exists_is_exit_2(tmp_path: Path) -> None:
    target = tmp_path / "o.csv"
    target.write_text("keep")
    result = invoke([*OVERDUE, "-o", str(target)])
    assert result.exit_code == 2 and "already exists; use --force" in result.stderr
    assert target.read_text() == "keep"


# --- 4. Excel files out ------------------------------------------------------------------


def test_csv_file_has_a_bom_and_stdout_does_not(tmp_path: Path) -> None:
    target = tmp_path / "o.csv"
    assert invoke([*OVERDUE, "-o", str(target)]).exit_code == 0
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfperson_id,")
    assert "Inês Conceição".encode() in data
    plain = tmp_path / "plain.csv"
    assert invoke([*OVERDUE, "-o", str(plain), "--no-bom"]).exit_code == 0
    assert plain.read_bytes() == data[3:]
    assert invoke([*OVERDUE, "--format", "csv"]).stdout_bytes.startswith(b"person_id,")
    assert invoke([*OVERDUE, "--format", "csv", "--bom"]).stdout_bytes.startswith(b"\xef\xbb\xbf")


def test_format_follows_the_file_name_and_a_mismatch_is_an_error(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    target = tmp_path / "o.xlsx"
    assert invoke([*OVERDUE, "-o", str(target)]).exit_code == 0
    assert target.read_bytes()[:2] == b"PK"
    wrong = invoke([*OVERDUE, "--format", "csv", "-o", str(tmp_path / "x.xlsx")])
    assert wrong.exit_code == 2
    assert wrong.stderr == (
        f"iro: error: --format csv does not match -o {tmp_path / 'x.xlsx'} (an xlsx file name): "
        "name the file x.csv, or leave out --format\n"
    )
    assert not (tmp_path / "x.xlsx").exists()
    old = invoke([*OVERDUE, "-o", str(tmp_path / "x.xls")])
    assert old.exit_code == 2 and "not .xls" in old.stderr
    sheet = load_workbook(target).active
    header = [c.value for c in sheet[1]]
    assert header[:4] == ["Person ID", "Name", "Review type", "Due date"]
    assert "Not booked" in header


def test_rates_are_percentages_in_every_xlsx(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    audit = tmp_path / "audit.xlsx"
    args = ["lint-recommendations", "--exports", str(SAMPLE), "--as-of", "20/11/2026"]
    assert invoke([*args, "--summary", "-o", str(audit), "--fail-on", "never"]).exit_code == 0
    sheet = load_workbook(audit).active
    header = [c.value for c in sheet[1]]
    column = header.index("SMART clean rate") + 1
    total = sheet.cell(sheet.max_row, column)
    # 4678 of 9457 recommendations with no SMART finding (the README's audit figure)
    assert total.value == round(4678 / 9457, 4) and total.number_format == "0.0%"
    part = tmp_path / "part.xlsx"
    args = ["participation", "--exports", str(SAMPLE), "--year", "2025/26", "-o", str(part)]
    assert invoke(args).exit_code == 0
    sheet = load_workbook(part).active
    header = [c.value for c in sheet[1]]
    rate = sheet.cell(2, header.index("Participation rate") + 1)
    assert rate.number_format == "0.0%" and 0 < rate.value < 1


def test_summary_screen_shows_the_rate_as_a_percentage() -> None:
    args = ["lint-recommendations", "--exports", str(SAMPLE), "--as-of", "20/11/2026"]
    result = invoke([*args, "--summary", "--format", "table", "--fail-on", "never"], 120)
    total = next(line for line in result.stdout.splitlines() if line.startswith("total"))
    assert total.split()[1:4] == ["9457", "4678", "49.5%"]
    # 653 of 1359 is 48.050...%: 48.1%, not 48.0% from a rate already rounded to 0.4805
    dawn = next(line for line in result.stdout.splitlines() if "Dawn Garside" in line)
    assert dawn.split()[3:6] == ["1359", "653", "48.1%"]


# --- 6. mistakes get a way forward -------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "suggested"),
    [
        ("overdeu", "'iro overdue'"),
        ("lint", "'iro lint-recommendations'"),
        ("valdate", "'iro validate'"),
    ],
)  # fmt: skip
def test_a_mistyped_command_suggests_the_nearest(typed: str, suggested: str) -> None:
    result = invoke([typed])
    assert result.exit_code == 2
    assert f"no command '{typed}'; did you mean {suggested}?" in result.stderr


def test_days_must_be_a_whole_number_of_days() -> None:
    result = invoke(["overdue", "--days", "fourteen"])
    assert result.exit_code == 2
    assert "'fourteen' is not a whole number of days (e.g. --days 14)" in result.stderr


# --- 7. the worst first ------------------------------------------------------------------


def test_sample_summary_counts_not_booked_and_booked_late_apart() -> None:
    result = invoke([*OVERDUE, "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["name"] for r in rows if r["not_booked"] == "true"] == ["Imran Anwar"]
    assert result.stderr.splitlines()[-1] == (
        "8 overdue (1 not booked, 7 booked late); 22 due in the next 14 days (1 booked late) "
        "(as at 20/11/2026)"
    )


# --- 2. stale exports are caught ---------------------------------------------------------


def test_an_old_export_gets_a_warning_naming_its_date_and_age() -> None:
    # the sample was taken on Friday 20/11/2026 (extract.toml): 5 days before 25/11
    args = ["overdue", "--exports", str(SAMPLE), "--format", "csv", "--as-of", "25/11/2026"]
    result = invoke(args)
    assert result.exit_code == 0
    assert (
        "iro: warning: the exports are 5 days old: they were taken on 20/11/2026 "
        "(extract.toml), more than 3 days before 25/11/2026; check that last night's export "
        "ran, or give --as-of 20/11/2026 for the list of that day"
    ) in result.stderr.splitlines()
    # 3 days old is within the default limit of 3
    fresh = invoke([*args[:-1], "23/11/2026"])
    assert "days old" not in fresh.stderr


def test_max_age_and_extract_date_from_iro_toml(tmp_path: Path) -> None:
    import shutil

    for name in ("children.csv", "reviews.csv"):
        shutil.copy(SAMPLE / name, tmp_path)
    config = tmp_path / "iro.toml"
    config.write_text('[exports]\nextract_date = "18/11/2026"\nmax_age_days = 1\n')
    args = ["upcoming", "--exports", str(tmp_path), "--config", str(config), "--format", "csv"]
    result = invoke([*args, "--as-of", "20/11/2026"])
    assert "the exports are 2 days old: they were taken on 18/11/2026 (iro.toml [exports] " in (
        result.stderr
    )
    config.write_text("[exports]\nmax_age_days = -1\n")
    bad = invoke([*args, "--as-of", "20/11/2026"])
    assert bad.exit_code == 2 and "max_age_days must be a whole number of days" in bad.stderr


def test_without_an_extract_date_the_file_date_is_used(tmp_path: Path) -> None:
    import os
    import shutil
    import time
    from datetime import date

    for name in ("children.csv", "reviews.csv"):
        shutil.copy(SAMPLE / name, tmp_path)
    ten_days = time.time() - 10 * 86400
    os.utime(tmp_path / "children.csv", (ten_days, ten_days))
    six_days = time.time() - 6 * 86400
    os.utime(tmp_path / "reviews.csv", (six_days, six_days))
    result = invoke(["overdue", "--exports", str(tmp_path), "--format", "csv"])  # as at today
    saved = date.fromtimestamp(six_days)
    assert (
        f"iro: warning: the exports are {(date.today() - saved).days} days old: the newest file, "
        f"reviews.csv, was saved on {saved:%d/%m/%Y}, more than 3 days before "
        f"{date.today():%d/%m/%Y}"
    ) in result.stderr


def test_validate_reports_the_age_of_each_file() -> None:
    result = invoke(["validate", "--exports", str(SAMPLE), "--as-of", "24/11/2026"])
    lines = result.stdout.splitlines()
    assert "Checked " + str(SAMPLE) + " as at 24/11/2026 (dates: extract.toml):" in lines
    assert "  children.csv             444 rows  Windows-1252    20/11/2026, 4 days old" in lines
    assert any("the exports are 4 days old" in line for line in lines)
    # the 3 duplicates, the age, and disputes.csv's 'Total rows: 80' (a warning since #14)
    assert lines[-1] == "OK: 0 errors, 3 warnings"


# --- 6. letters: mistakes get a way forward ----------------------------------------------

LETTER_DATA = Path(__file__).resolve().parent / "data" / "letter"
LETTER = ["letter", "--exports", str(LETTER_DATA), "--config", str(LETTER_DATA / "iro.toml")]


def test_letter_with_a_mistyped_iro_is_an_error_not_zero_letters(tmp_path: Path) -> None:
    args = [*LETTER, "--iro", "Pat Browne", "--as-of", "20/11/2026", "-o", str(tmp_path)]
    result = invoke(args)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        "iro: error: no IRO 'Pat Browne' in reviews.csv, children.csv or iros.csv; "
        "did you mean 'Pat Brown'?"
    )
    assert list(tmp_path.iterdir()) == []


def test_letter_for_a_child_on_a_plan_says_letters_are_for_children_in_care() -> None:
    # 0044309 is in the sample's cp_plans.csv and not in its children.csv
    args = ["letter", "--config", str(SAMPLE / "iro.toml"), "--child", "0044309"]
    result = invoke([*args, "--as-of", "20/11/2026"])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        "iro: error: child 0044309 is on a child protection plan (cp_plans.csv), not in "
        "children.csv: letters are for children in care, after their CLA or pathway plan review"
    )


def test_a_letter_dated_before_its_meeting_is_an_error(tmp_path: Path) -> None:
    # Ellie's latest held review (R1) was on 05/11/2026
    args = [*LETTER, "--child", "1001", "-o", str(tmp_path), "--as-of", "01/11/2026"]
    result = invoke(args)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        "iro: error: the letter would be dated 01/11/2026, before the review it is about "
        "(05/11/2026); leave out --as-of, or give a later date"
    )
    batch = invoke([*LETTER, "--held-since", "01/11/2026", "-o", str(tmp_path), "--as-of",
                    "10/11/2026"])  # fmt: skip
    assert batch.exit_code == 0, batch.stderr
    # R1 and R2 (05/11) are written; R3 and R4 (12/11) are after the letter date
    assert "Wrote 2 letters." in batch.stdout
    assert "review held after the letter date (--as-of): 2 (1003, 1004)" in batch.stdout


def test_check_template_on_something_that_is_not_a_docx(tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("Dear {{ greeting }}")
    result = invoke(["letter", "--check-template", str(notes)])
    assert result.exit_code == 2
    assert result.stderr == (
        f"iro: error: {notes}: not a Word document (.docx); a template is a .docx edited in "
        "Word (start from a copy of iro_cli/templates/letter.docx)\n"
    )
    fake = tmp_path / "fake.docx"
    fake.write_bytes(b"not a zip")
    assert "not a Word document" in invoke(["letter", "--check-template", str(fake)]).stderr


def test_letter_as_pdf_or_a_clear_no(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import iro_cli.commands.letter as letter_command

    target = tmp_path / "ellie.pdf"
    monkeypatch.setattr(letter_command, "_libreoffice", lambda: None)
    result = invoke([*LETTER, "--child", "1001", "-o", str(target), "--as-of", "20/11/2026"])
    assert result.exit_code == 2 and not target.exists()
    assert result.stderr == (
        f"iro: error: cannot make {target}: PDFs are made with LibreOffice, which is not "
        "installed; write the .docx (-o letter.docx) and save it as PDF from Word\n"
    )


@pytest.mark.skipif(
    __import__("shutil").which("soffice") is None, reason="LibreOffice is not installed"
)
def test_letter_as_pdf_with_libreoffice(tmp_path: Path) -> None:
    target = tmp_path / "ellie.pdf"
    result = invoke([*LETTER, "--child", "1001", "-o", str(target), "--as-of", "20/11/2026"])
    assert result.exit_code == 0, result.stderr
    assert target.read_bytes()[:5] == b"%PDF-"
    assert (target.stat().st_mode & 0o777) == 0o600


# --- 8. filters: --iro and --team --------------------------------------------------------


def test_lint_iro_filter_gives_that_iros_line_of_the_full_audit() -> None:
    args = ["lint-recommendations", "--exports", str(SAMPLE), "--as-of", "20/11/2026",
            "--summary", "--format", "csv", "--fail-on", "never"]  # fmt: skip
    every = list(csv.DictReader(io.StringIO(invoke(args).stdout)))
    ruth = next(r for r in every if r["level"] == "iro" and r["iro"] == "Ruth Bell")
    assert (ruth["recommendations"], ruth["smart_clean"]) == ("936", "462")  # as in the README
    only = list(csv.DictReader(io.StringIO(invoke([*args, "--iro", "ruth bell"]).stdout)))
    total = only[-1]
    assert total["level"] == "total"
    # drift (SMART007) still sees the previous review's wording, whoever chaired it
    for key in ("recommendations", "smart_clean", "smart_findings", "errors", "warnings"):
        assert total[key] == ruth[key]
    assert {r["iro"] for r in only if r["level"] != "total"} == {"Ruth Bell"}


def test_lint_team_filter_and_a_mistyped_team() -> None:
    args = ["lint-recommendations", "--exports", str(SAMPLE), "--as-of", "20/11/2026",
            "--format", "csv", "--fail-on", "never"]  # fmt: skip
    children = list(csv.DictReader(io.StringIO((SAMPLE / "children.csv").read_text("cp1252"))))
    leaving = {c["Person ID"] for c in children if c["Team"] == "Leaving Care"}
    rows = list(csv.DictReader(io.StringIO(invoke([*args, "--team", "Leaving Care"]).stdout)))
    assert rows and {r["person_id"] for r in rows} <= leaving
    wrong = invoke([*args, "--team", "Leavng Care"])
    assert wrong.exit_code == 2
    assert wrong.stderr.splitlines()[-1] == (
        "iro: error: no recommendations for team 'Leavng Care' in the exports; "
        "did you mean 'Leaving Care'?"
    )


@pytest.mark.parametrize(
    ("option", "by", "name"), [("--iro", "iro", "Ruth Bell"), ("--team", "team", "Leaving Care")]
)
def test_participation_filter_equals_that_group_of_by(option: str, by: str, name: str) -> None:
    base = ["participation", "--exports", str(SAMPLE), "--year", "2025/26", "--format", "csv"]
    grouped = list(csv.DictReader(io.StringIO(invoke([*base, "--by", by]).stdout)))
    row = next(r for r in grouped if r[by] == name)
    only = list(csv.DictReader(io.StringIO(invoke([*base, option, name]).stdout)))
    assert only[0]["year"] == "2025/26"
    assert {k: v for k, v in only[0].items() if k != "year"} == {
        k: v for k, v in row.items() if k != by
    }
    wrong = invoke([*base, option, name[:-1]])
    assert wrong.exit_code == 2 and f"did you mean '{name}'?" in wrong.stderr


# --- 9. progress on a terminal, nothing in a pipe ----------------------------------------


def test_status_line_only_on_a_terminal() -> None:
    from iro_cli.progress import status

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    shown = Terminal()
    with status("Linting 12,000 recommendations…", shown):
        assert shown.getvalue() == "Linting 12,000 recommendations…"
    # cleared afterwards, so the next line (a warning, the totals) starts clean
    assert shown.getvalue().endswith("\r" + " " * 31 + "\r")
    piped = io.StringIO()
    with status("Linting 12,000 recommendations…", piped):
        pass
    assert piped.getvalue() == ""


def test_exports_table_in_iro_toml(tmp_path: Path) -> None:
    import shutil

    folder = tmp_path / "nightly"
    folder.mkdir()
    for name in ("children.csv", "reviews.csv", "cp_plans.csv", "extract.toml"):
        shutil.copy(SAMPLE / name, folder)
    config = tmp_path / "iro.toml"
    config.write_text('[exports]\nfolder = "nightly"\nmax_age_days = 7\n')
    args = ["overdue", "--config", str(config), "--as-of", "25/11/2026", "--format", "csv"]
    result = invoke(args)
    assert result.exit_code == 0, result.stderr
    assert "days old" not in result.stderr  # 5 days, within the 7 allowed
    # the 8 overdue on 20/11 and the two ICPCs due 24/11 (README list)
    assert result.stderr.splitlines()[-1].startswith("10 overdue")
    config.write_text('[exports]\nfolder = "nightly"\nmax_age = 7\n')
    wrong = invoke(args)
    assert wrong.exit_code == 2
    assert wrong.stderr == (
        f"iro: error: {config}: unknown key 'max_age' in [exports] (known keys: folder, sheet, "
        "max_age_days, extract_date)\n"
    )
