"""Issue #14: the seven classes of fault found by trying 85 broken or hostile exports.

Each test was run against main's code before the fix (607ec1e) and failed there; the
commit message says so. All names and IDs are fictional.
"""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from iro_cli.cli import cli
from iro_cli.exports.reader import read_export_bytes, read_export_file
from iro_cli.exports.schema import CHILDREN, REVIEWS
from tests.conftest import REPO, write_csv

AS_OF = ["--as-of", "20/11/2026"]
CHILD_HEADER = [
    "Person ID", "Forename", "Surname", "Date of Birth", "Period Start", "Allocated IRO", "Team",
]  # fmt: skip
REVIEW_HEADER = [
    "Review ID", "Person ID", "Review Type", "Review Date", "Status", "Chair", "Participation Code",
]  # fmt: skip
REC_HEADER = ["Review ID", "Person ID", "Recommendation No", "Recommendation", "Responsible"]


def folder(tmp_path: Path, *, team: str = "CiC 1", name: str = "Amara", rec: str = "") -> Path:
    """A small export folder: one child looked after since 01/01/2026, first review held
    28/01/2026 (the second due 28/04/2026, so overdue on 20/11/2026), one recommendation."""
    exports = tmp_path / "ex"
    write_csv(
        exports,
        "children.csv",
        [CHILD_HEADER, ["0101", name, "Okafor", "01/06/2015", "01/01/2026", "Tom Reid", team]],
    )
    write_csv(
        exports,
        "reviews.csv",
        [
            REVIEW_HEADER,
            ["R1", "0101", "CLA Review", "28/01/2026", "Held", "Tom Reid", "PN1"],
            ["R0", "0101", "CLA Review", "10/12/2026", "Scheduled", "Tom Reid", ""],
        ],
    )
    text = rec or "Sam (social worker) will visit Amara every 4 weeks, starting by 01/12/2026."
    write_csv(exports, "recommendations.csv", [REC_HEADER, ["R1", "0101", "1", text, "Sam"]])
    return exports


def invoke(runner, *args: str):
    return runner.invoke(cli, list(args))


# --- 1. control characters in xlsx output ---------------------------------------------------

CONTROLS = ["\x00", "\x1b", "\x0b", "\x0c", "\x07"]  # NUL, ESC, vertical tab, form feed, bell


@pytest.mark.parametrize("control", CONTROLS, ids=["NUL", "ESC", "VT", "FF", "BEL"])
def test_overdue_xlsx_replaces_control_characters_and_counts_them(
    runner, tmp_path: Path, control: str
) -> None:
    from openpyxl import load_workbook

    exports = folder(tmp_path, team=f"CiC{control}1", name=f"Am{control}ara")
    out = tmp_path / "out.xlsx"
    result = invoke(runner, "overdue", "--exports", str(exports), *AS_OF, "-o", str(out))
    assert result.exit_code == 0, result.output
    assert (
        "iro: warning: 2 control characters (NUL, ESC, form feed...) replaced by spaces in the "
        "xlsx output, which cannot hold them (csv output keeps them)" in result.stderr
    )
    assert "Am ara" not in result.stderr  # the count, never the value
    rows = list(load_workbook(out).active.iter_rows(values_only=True))
    record = dict(zip(rows[0], rows[1], strict=True))
    assert record["Name"] == "Am ara Okafor" and record["Team"] == "CiC 1"


def test_csv_output_keeps_control_characters(runner, tmp_path: Path) -> None:
    exports = folder(tmp_path, team="CiC\x0c1")
    result = invoke(runner, "overdue", "--exports", str(exports), *AS_OF, "--format", "csv")
    assert result.exit_code == 0
    assert ",CiC\x0c1," in result.stdout


def test_participation_xlsx_with_escape_in_team(runner, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    exports = folder(tmp_path, team="CiC\x1b1")
    out = tmp_path / "p.xlsx"
    result = invoke(
        runner, "participation", "--exports", str(exports), "--by", "team", "-o", str(out)
    )
    assert result.exit_code == 0, result.output
    assert "1 control character (NUL" in result.stderr
    assert list(load_workbook(out).active.iter_rows(values_only=True))[1][0] == "CiC 1"


@pytest.mark.parametrize("summary", [False, True], ids=["findings", "summary"])
def test_lint_xlsx_with_nul_in_recommendation_exits_by_findings(
    runner, tmp_path: Path, summary: bool
) -> None:
    exports = folder(tmp_path, rec="Sam will\x00 try to help")
    reviews = (exports / "reviews.csv").read_text().replace("Tom Reid", "Tom\x0bReid")
    (exports / "reviews.csv").write_text(reviews)  # the chair: a line of the summary
    out = tmp_path / "lint.xlsx"
    args = ["lint-recommendations", "--exports", str(exports), *AS_OF, "-o", str(out)]
    result = invoke(runner, *args, *(["--summary"] if summary else []), "--fail-on", "never")
    assert result.exit_code == 0, result.output  # main: IllegalCharacterError, exit 1
    assert out.stat().st_size > 0
    assert "unexpected error" not in result.stderr


def test_letter_reads_control_characters_as_spaces(runner, tmp_path: Path) -> None:
    import docx

    exports = folder(tmp_path, name="Ma\x0cson")
    out = tmp_path / "letter.docx"
    args = ["letter", "--exports", str(exports), *AS_OF, "--child", "0101", "-o", str(out)]
    result = invoke(runner, *args)
    assert result.exit_code == 0, result.output
    assert "children.csv: 1 control character (NUL, ESC, form feed...) read as spaces" in (
        result.stderr
    )
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "Dear Ma son," in text  # main: "Dear Ma" (the rest of the name lost)


def test_debug_traceback_of_an_xlsx_failure_carries_no_cell(tmp_path: Path) -> None:
    """Even if a character slipped past the sanitiser, openpyxl's error (which quotes the
    cell) is not passed on: the error is ours, without the value."""
    import pandas as pd

    from iro_cli import output
    from iro_cli.errors import OutputError

    frame = pd.DataFrame({"name": ["Secret\x01Name"]})
    original = output.xlsx_text
    output.xlsx_text = lambda records: 0  # the sanitiser bypassed
    try:
        with pytest.raises(OutputError) as caught:
            output.render_bytes(frame, "xlsx")
    finally:
        output.xlsx_text = original
    assert "Secret" not in str(caught.value)
    assert caught.value.__suppress_context__


def test_a_failed_xlsx_leaves_no_temporary_file_and_nothing_for_the_collector(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The half-written sheet's temporary file (rows of it) is removed at once, and its
    writers are closed then, not failing later when the garbage collector finds them."""
    import gc
    import sys

    import pandas as pd
    from openpyxl.worksheet import _writer

    from iro_cli import output
    from iro_cli.errors import OutputError

    monkeypatch.setattr(output, "xlsx_text", lambda records: 0)  # the sanitiser bypassed
    unraised: list[object] = []
    monkeypatch.setattr(sys, "unraisablehook", unraised.append)
    before = len(_writer.ALL_TEMP_FILES)
    with pytest.raises(OutputError):
        output.render_bytes(pd.DataFrame({"name": ["fine", "Secret\x01Name"]}), "xlsx")
    gc.collect()
    made = _writer.ALL_TEMP_FILES[before:]
    assert len(made) == 1 and not Path(made[0]).exists()
    assert unraised == []


# --- 2. cell values echoed in messages ------------------------------------------------------


def read_reviews(tmp_path: Path, row: list[str]) -> str:
    path = write_csv(tmp_path, "reviews.csv", [REVIEW_HEADER, row])
    (problem,) = read_export_file(path, REVIEWS).errors
    return str(problem)


@pytest.mark.parametrize(
    ("column", "value", "shown"),
    [
        (2, "Amara Okafor told us she is scared", "a text of 34 characters with spaces"),
        (4, "Jayden-Lee Smith", "a text of 16 characters with spaces"),
        (6, "Amara_Okafor", "a text of 12 characters"),
        (6, "Amy", "a text of 3 characters"),
        (6, "AmaraOkaforSmith", "a text of 16 characters"),
    ],
)
def test_free_text_in_a_code_column_is_not_echoed(
    tmp_path: Path, column: int, value: str, shown: str
) -> None:
    row = ["R1", "0101", "CLA Review", "28/01/2026", "Held", "Tom Reid", "PN1"]
    row[column] = value
    message = read_reviews(tmp_path, row)
    assert value not in message
    assert f"{shown} is not a known value" in message


def test_short_code_is_still_echoed(tmp_path: Path) -> None:
    row = ["R1", "0101", "CLA Review", "28/01/2026", "Held", "Tom Reid", "PN9"]
    assert read_reviews(tmp_path, row).endswith(
        "column 'Participation Code' (ID R1): 'PN9' is not a known value "
        "(expected one of PN0, PN1, PN2, PN3, PN4, PN5, PN6, PN7)"
    )


def test_flag_and_number_cells_not_echoed(tmp_path: Path) -> None:
    from iro_cli.exports.schema import IROS

    header = ["Person ID", "Forename", "Surname", "Date of Birth", "Period Start", "Short Breaks"]
    path = write_csv(
        tmp_path, "children.csv", [header, ["1", "A", "B", "01/01/2015", "01/01/2020", "Amara O"]]
    )
    (problem,) = read_export_file(path, CHILDREN).errors
    assert "Amara" not in str(problem)
    assert problem.message == "a text of 7 characters with spaces is not Y or N"
    path = write_csv(tmp_path, "iros.csv", [["Name", "FTE"], ["Tom Reid", "Tom Reid part time"]])
    (problem,) = read_export_file(path, IROS).errors
    assert problem.message == "a text of 18 characters with spaces is not a number"


def test_summary_note_never_quotes_the_line(tmp_path: Path) -> None:
    raw = (
        b"Person ID,Forename,Surname,Date of Birth,Period Start\r\n"
        b"1,Amara,Okafor,01/01/2015,01/01/2020\r\nTotal rows for Amara Okafor: 1\r\n"
    )
    result = read_export_bytes(raw, "children.csv", CHILDREN)
    assert all("Amara" not in str(p) for p in result.problems)


def test_debug_traceback_of_a_bad_cell_carries_no_value(runner, tmp_path: Path) -> None:
    exports = folder(tmp_path)
    write_csv(
        exports,
        "reviews.csv",
        [REVIEW_HEADER, ["R1", "0101", "CLA Review", "28/01/2026", "Amara Okafor", "T", "PN1"]],
    )
    result = invoke(runner, "--debug", "overdue", "--exports", str(exports), *AS_OF)
    assert result.exit_code != 0
    assert "Amara" not in result.stderr and "Amara" not in result.output


# --- 3. a real last row taken for a summary line --------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Records of family time to be kept by the social worker",
        "Count the days to the next visit with Amara: 12",
        "Total of 3 visits before 01/03/2027",
        "Number of visits to increase",
    ],
)
def test_last_recommendation_starting_like_a_summary_is_not_dropped(
    runner, tmp_path: Path, text: str
) -> None:
    """A last row with only its Recommendation filled (the IDs lost in the export) was
    skipped as a "summary line" on main and the lint ran without it (exit 0); now the row
    is read, and its blank IDs are the error they are."""
    exports = folder(tmp_path)
    write_csv(
        exports,
        "recommendations.csv",
        [REC_HEADER, ["R1", "0101", "1", "Sam will visit.", "Sam"], ["", "", "", text, ""]],
    )
    args = ["lint-recommendations", "--exports", str(exports), *AS_OF, "--format", "json"]
    result = invoke(runner, *args, "--fail-on", "never")
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith(
        f"iro: error: {exports / 'recommendations.csv'}, line 3, column 'Review ID': is blank"
    )


def test_summary_only_from_the_first_column(tmp_path: Path) -> None:
    raw = (
        b"Person ID,Forename,Surname,Date of Birth,Period Start\r\n"
        b"1,Amara,Okafor,01/01/2015,01/01/2020\r\n,,Total 2,,\r\n"
    )
    result = read_export_bytes(raw, "children.csv", CHILDREN)
    assert str(result.errors[0]) == (
        "children.csv, line 3, column 'Person ID': is blank (expected a value (required))"
    )
    assert all(p.severity != "warning" for p in result.problems)  # not taken as a summary


def test_skipped_summary_line_is_a_counted_warning(runner, tmp_path: Path) -> None:
    exports = folder(tmp_path)
    with open(exports / "children.csv", "ab") as handle:
        handle.write(b"Total rows: 1\r\n")
    result = invoke(runner, "validate", "--exports", str(exports))
    assert (
        f"warning: {exports / 'children.csv'}, line 3: skipped as a summary line (one label "
        "and a number), not data" in result.stdout
    )
    assert "OK: 0 errors, 1 warning" in result.stdout


# --- 4. participation codes with inner spaces or punctuation --------------------------------


@pytest.mark.parametrize(
    ("cell", "code"),
    [
        ("PN 1", "PN1"),
        ("PN-1", "PN1"),
        ("pn 5", "PN5"),
        ("P.N.7", "PN7"),
        ("PN 1 - attends", "PN1"),
    ],
)
def test_participation_codes_normalised(tmp_path: Path, cell: str, code: str) -> None:
    row = ["R1", "0101", "CLA Review", "28/01/2026", "Held", "Tom Reid", cell]
    path = write_csv(tmp_path, "reviews.csv", [REVIEW_HEADER, row])
    result = read_export_file(path, REVIEWS)
    assert result.errors == []
    assert result.columns["participation_code"] == [code]


# --- 6. messages that point the wrong way ---------------------------------------------------


def test_unterminated_quote_named_where_it_opens(runner, tmp_path: Path) -> None:
    exports = folder(tmp_path)
    (exports / "children.csv").write_bytes(
        b"Person ID,Forename,Surname,Date of Birth,Period Start\r\n"
        b"0101,Amara,Okafor,01/06/2015,01/10/2026\r\n"
        b'0102,"Zo\xc3\xab,Okafor,01/06/2015,01/10/2026\r\n'
        b"0103,Tomasz,Nowak,30/09/2010,16/11/2026\r\n"
    )
    result = invoke(runner, "overdue", "--exports", str(exports), *AS_OF)
    assert result.exit_code != 0
    assert result.stderr == (
        f"iro: error: {exports / 'children.csv'}, line 3: a quote opened on line 3 is never "
        'closed (expected a closing " for each opening one (a quote inside a cell is written ""))\n'
    )


@pytest.mark.parametrize(
    "command", ["overdue", "participation", "validate", "lint-recommendations"]
)
def test_directory_named_like_an_export(runner, tmp_path: Path, command: str) -> None:
    exports = folder(tmp_path)
    for name in ("children.csv", "reviews.csv", "recommendations.csv"):
        (exports / name).unlink()
        (exports / name).mkdir()
    result = invoke(
        runner,
        command,
        "--exports",
        str(exports),
        *([] if command in ("participation", "validate") else AS_OF),
    )
    assert result.exit_code != 0
    assert "not found" not in result.output
    assert "is a folder, not an export file" in result.output


def test_lint_file_with_many_errors_does_not_point_at_validate(runner, tmp_path: Path) -> None:
    path = write_csv(
        tmp_path,
        "minutes.csv",
        [["Review ID", "Person ID", "Recommendation"], ["", "1", "a"], ["", "2", "b"]],
    )
    result = invoke(runner, "lint-recommendations", str(path))
    assert result.exit_code == 2
    assert result.stderr == (
        f"iro: error: {path}, line 2, column 'Review ID': is blank (expected a value "
        "(required)); and 1 more problem: to list them all, put the file in a folder as "
        "recommendations.csv and run `iro validate --exports FOLDER`\n"
    )


def test_lint_file_that_is_a_folder(runner, tmp_path: Path) -> None:
    (tmp_path / "minutes.csv").mkdir()
    result = invoke(runner, "lint-recommendations", str(tmp_path / "minutes.csv"))
    assert result.exit_code == 2
    assert "is a folder" in result.stderr and "not found" not in result.stderr


# --- 7. leftovers ---------------------------------------------------------------------------


def test_stale_temp_files_removed_by_pattern_only(runner, tmp_path: Path) -> None:
    exports = folder(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    day_old = time.time() - 25 * 3600
    stale = out / ".overdue.csv.iro-abcd_123.tmp"
    fresh = out / ".overdue.csv.iro-efgh4567.tmp"  # another run may be writing it now
    other = out / ".notes.txt.abcd1234.tmp"  # not iro's name
    for path in (stale, fresh, other):
        path.write_text("findings")
    for path in (stale, other):
        os.utime(path, (day_old, day_old))
    args = ["overdue", "--exports", str(exports), *AS_OF, "-o", str(out / "overdue.csv")]
    assert invoke(runner, *args).exit_code == 0
    assert not stale.exists()
    assert fresh.exists() and other.exists()


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_signal_during_write_leaves_no_temp_file(tmp_path: Path, signum: int) -> None:
    """A process killed while writing (os.fsync made slow) removes its temporary file."""
    script = (
        "import os, sys, time\n"
        "from iro_cli import fileio\n"
        "real = os.fsync\n"
        "def slow(fd):\n"
        "    print('writing', flush=True); time.sleep(30)\n"
        "os.fsync = slow\n"
        "fileio.write_atomic(__import__('pathlib').Path(sys.argv[1]), b'Amara Okafor' * 1000)\n"
    )
    target = tmp_path / "letter.docx"
    proc = subprocess.Popen(
        [sys.executable, "-c", script, str(target)], stdout=subprocess.PIPE, cwd=REPO, text=True
    )
    assert proc.stdout is not None and proc.stdout.readline() == "writing\n"
    proc.send_signal(signum)
    proc.wait(timeout=20)
    assert proc.returncode != 0
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes")
def test_letter_folders_are_private_whatever_the_umask(runner, tmp_path: Path) -> None:
    exports = folder(tmp_path)
    out = tmp_path / "letters" / "2026"
    old = os.umask(0o022)
    try:
        args = ["letter", "--exports", str(exports), *AS_OF, "--held-since", "01/01/2026"]
        result = invoke(runner, *args, "-o", str(out))
    finally:
        os.umask(old)
    assert result.exit_code == 0, result.output
    for made in (tmp_path / "letters", out):
        assert stat.S_IMODE(made.stat().st_mode) == 0o700
    (letter,) = out.iterdir()
    assert stat.S_IMODE(letter.stat().st_mode) == 0o600


# --- 5. validate checks sense as well as shape ----------------------------------------------

SENSE_CHILDREN = [
    ["Person ID", "Forename", "Surname", "Date of Birth", "Period Start", "Period End"],
    ["0101", "Amara", "Okafor", "01/01/1900", "01/03/2020", "01/03/2021"],  # born 1900
    ["0101", "Amara", "Okafor", "01/01/1900", "01/06/2026", ""],
    ["0102", "Zoe", "Nowak", "12/02/2012", "02/11/2025", ""],
    ["0102", "Zoe", "Nowak", "12/03/2012", "02/11/2019", "01/01/2020"],  # a second birthday
    ["0103", "Leah", "Morgan", "05/05/2015", "06/01/2025", ""],
]
SENSE_REVIEWS = [
    [*REVIEW_HEADER, "Next Review Date"],
    ["R1", "0101", "CLA Review", "01/06/2100", "Held", "Tom Reid", "PN1", ""],  # held in 2100
    ["R2", "0102", "CLA Review", "25/11/2026", "Held", "Tom Reid", "PN1", ""],  # after as-at
    ["R3", "0103", "CLA Review", "05/05/2014", "Held", "Tom Reid", "PN1", ""],  # before birth
    ["R4", "0101", "CLA Review", "10/10/2023", "Held", "Tom Reid", "PN1", ""],  # not in care
    ["R5", "0103", "CLA Review", "03/02/2025", "Held", "Tom Reid", "PN1", "03/05/2025"],
    ["R5", "0103", "CLA Review", "03/03/2025", "Held", "Tom Reid", "PN2", "03/06/2025"],
    ["R6", "0103", "CLA Review", "01/01/2100", "Scheduled", "Tom Reid", "", ""],  # far ahead
]


@pytest.fixture
def senseless(tmp_path: Path) -> Path:
    exports = tmp_path / "ex"
    write_csv(exports, "children.csv", SENSE_CHILDREN)
    write_csv(exports, "reviews.csv", SENSE_REVIEWS)
    write_csv(
        exports,
        "recommendations.csv",
        [["Review ID", "Person ID", "Recommendation"], ["R5", "0103", "Sam will visit Leah."]],
    )
    return exports


def test_validate_lists_each_row_that_cannot_be_true(runner, senseless: Path) -> None:
    result = invoke(runner, "validate", "--exports", str(senseless), *AS_OF)
    assert result.exit_code == 1
    c, r = senseless / "children.csv", senseless / "reviews.csv"
    age = "(expected a child's date of birth (iro.toml [validate] max_age = 25 sets the oldest))"
    assert result.stdout.splitlines()[:10] == [
        f"warning: {c}, line 2, column 'Date of Birth' (ID 0101): is more than 25 years before "
        f"20/11/2026 {age}",
        f"warning: {c}, line 3, column 'Date of Birth' (ID 0101): is more than 25 years before "
        f"20/11/2026 {age}",
        f"error: {c}, line 5, column 'Date of Birth' (ID 0102): differs from line 4 for the "
        "same Person ID (expected one date of birth per child)",
        f"warning: {r}, line 2, column 'Review Date' (ID R1): a held review after the as-at day "
        "20/11/2026",
        f"warning: {r}, line 3, column 'Review Date' (ID R2): a held review after the as-at day "
        "20/11/2026",
        f"error: {r}, line 4, column 'Review Date' (ID R3): is before the child's Date of Birth "
        "(children.csv)",
        f"warning: {r}, line 4, column 'Review Date' (ID R3): a held CLA review outside every "
        "period of care of this child in children.csv",
        f"warning: {r}, line 5, column 'Review Date' (ID R4): a held CLA review outside every "
        "period of care of this child in children.csv",
        f"error: {r}, line 7, column 'Review ID' (ID R5): is also on line 6, with different "
        "content (expected one row per review meeting)",
        f"warning: {r}, line 8, column 'Review Date' (ID R6): is more than 2 years after "
        "20/11/2026 (expected a date within iro.toml [validate] years_ahead = 2)",
    ]
    assert result.stdout.endswith("FAILED: 3 errors, 7 warnings\n")


def test_validate_ranges_from_iro_toml(runner, senseless: Path, tmp_path: Path) -> None:
    config = tmp_path / "iro.toml"
    config.write_text("[validate]\nmax_age = 130\nyears_ahead = 50\n")
    result = invoke(
        runner, "validate", "--exports", str(senseless), *AS_OF, "--config", str(config)
    )
    assert "must be a whole number 1-120" in result.stderr and result.exit_code != 0
    config.write_text("[validate]\nmax_age = 10\nyears_ahead = 50\n")
    result = invoke(
        runner, "validate", "--exports", str(senseless), *AS_OF, "--config", str(config)
    )
    # Amara (2 rows), Zoe (2 rows, born 2012) and Leah (born 2015, 11 on 20/11/2026) are
    # now too old; the scheduled review in 2100 is still more than 50 years ahead.
    assert result.stdout.count("is more than 10 years before 20/11/2026") == 5
    assert result.stdout.count("is more than 50 years after 20/11/2026") == 1


WRONG = "iro: warning: these figures may be wrong: "
LISTS = " (`iro validate --as-of 20/11/2026` lists them)\n"


@pytest.mark.parametrize(
    ("args", "note"),
    [
        (
            ["overdue"],
            "2 held reviews dated after the as-at day; 1 review date too far ahead; 1 review "
            "dated before the child's birth; 2 held CLA reviews outside every period of care; "
            "1 Review ID used for two different meetings",
        ),
        (
            ["upcoming"],
            "2 held reviews dated after the as-at day; 1 review date too far ahead; 1 review "
            "dated before the child's birth; 2 held CLA reviews outside every period of care; "
            "1 Review ID used for two different meetings",
        ),
        (
            ["participation"],
            "2 dates of birth out of the plausible range; 1 child with two dates of birth; "
            "2 held reviews dated after the as-at day; 1 review dated before the child's birth; "
            "2 held CLA reviews outside every period of care; 1 Review ID used for two "
            "different meetings",
        ),
        (
            ["lint-recommendations", "--fail-on", "never"],
            "2 held reviews dated after the as-at day; 1 Review ID used for two different meetings",
        ),
        (
            ["timeliness", "--year", "2025/26"],
            "2 held reviews dated after the as-at day; 1 Review ID used for two different meetings",
        ),
        (
            ["letter", "--child", "0103"],
            "2 dates of birth out of the plausible range; 1 child with two dates of birth; "
            "1 review dated before the child's birth; 1 Review ID used for two different meetings",
        ),
    ],
    ids=["overdue", "upcoming", "participation", "lint", "timeliness", "letter"],
)
def test_commands_say_their_figures_may_be_wrong(
    runner, senseless: Path, tmp_path: Path, args: list[str], note: str, monkeypatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = invoke(runner, *args, "--exports", str(senseless), *AS_OF, "--format", "csv")
    if args[0] == "letter":  # no --format
        result = invoke(runner, *args, "--exports", str(senseless), *AS_OF)
    assert result.exit_code == 0, result.output
    assert result.stderr.endswith(WRONG + note + LISTS)


def test_no_note_when_the_data_makes_sense(runner, tmp_path: Path) -> None:
    result = invoke(runner, "overdue", "--exports", str(folder(tmp_path)), *AS_OF)
    assert result.exit_code == 0
    assert "may be wrong" not in result.stderr


def test_a_name_shifted_into_the_id_column_is_not_shown(tmp_path: Path) -> None:
    """Found by the fuzzer: a lost separator moves a forename into Person ID, and the row's
    'ID' in the message was the child's name."""
    raw = (
        b"Person ID,Forename,Surname,Date of Birth,Period Start\r\n"
        b"0101Amara,Okafor,01/06/2015,01/01/2026,\r\n"
    )
    (problem, *_) = read_export_bytes(raw, "children.csv", CHILDREN).errors
    assert "Amara" not in str(problem) and "Okafor" not in str(problem)
    # Surname 01/06/2015, Date of Birth 01/01/2026, Period Start blank: the first error.
    assert str(problem).startswith("children.csv, line 2, column 'Period Start' (ID not shown)")


def test_two_held_reviews_on_one_day_do_not_crash_overdue(runner, tmp_path: Path) -> None:
    """Found by the fuzzer: two held reviews of one child on one day, one with a Next Review
    Date and one without, ended overdue in TypeError (meetings were sorted as tuples)."""
    exports = folder(tmp_path)
    write_csv(
        exports,
        "reviews.csv",
        [
            [*REVIEW_HEADER, "Next Review Date"],
            ["R1", "0101", "CLA Review", "28/01/2026", "Held", "Tom Reid", "PN1", ""],
            ["R2", "0101", "CLA Review", "28/01/2026", "Held", "Tom Reid", "PN1", "28/04/2026"],
        ],
    )
    result = invoke(runner, "overdue", "--exports", str(exports), *AS_OF, "--format", "csv")
    assert result.exit_code == 0
    # Both count as held: the first and the second review on 28/01/2026, so the next is
    # due 6 months later, 28/07/2026: 3+31+30+31+20 = 115 days before 20/11/2026.
    assert result.stdout.splitlines()[1].startswith("0101,Amara Okafor,CLA Review,2026-07-28,-115,")


def test_a_header_run_into_a_data_row_does_not_show_the_row(tmp_path: Path) -> None:
    """A lost line break joins the header and the first child's row: the unknown 'columns'
    are that child's cells, so they are named by position, not shown."""
    raw = (
        b"Person ID,Forename,Surname,Date of Birth,Period Start0101,Amara,Okafor,01/06/2015,"
        b"01/01/2026\r\n0102,Zoe,Nowak,12/02/2012,02/11/2025\r\n"
    )
    result = read_export_bytes(raw, "children.csv", CHILDREN)
    text = "\n".join(map(str, result.problems))
    assert "Amara" not in text and "Okafor" not in text
    assert "children.csv, line 1: column 7 is not used by iro (its header is not shown)" in text


@pytest.mark.parametrize("value", ["AMY", "LEO", "JO", "ZOË"])
def test_a_name_in_capitals_is_not_shown_as_an_id(value: str) -> None:
    """Case systems often export names in capitals: an 'ID' with no digit is not shown."""
    from iro_cli.errors import shown_id

    assert shown_id(value) == "not shown"
    assert shown_id("DRP00001") == "DRP00001" and shown_id("0010389") == "0010389"


def test_add_months_at_the_calendars_end_does_not_raise() -> None:
    """A typed date of birth in 9990 made the pathway rule (25 years on) raise ValueError."""
    from datetime import date

    from iro_cli.schedule.dates import add_months

    assert add_months(date(9990, 1, 1), 300) == date.max
    assert add_months(date(1, 2, 1), -12) == date.min
    assert add_months(date(2024, 2, 29), -12 * 3) == date(2021, 2, 28)


@pytest.mark.parametrize("command", ["overdue", "timeliness", "lint-recommendations"])
def test_a_past_as_of_is_not_a_sense_problem(runner, command: str) -> None:
    """The sample was taken on 20/11/2026 (extract.toml): as at 31/03/2026 its reviews held
    later are left out on purpose, not 'held after the as-at day' (529 of them were said to
    make the figures wrong)."""
    args = [command, "--exports", str(REPO / "sample_exports"), "--as-of", "31/03/2026"]
    result = invoke(runner, *args, "--format", "csv")
    assert result.exit_code in (0, 1), result.stderr
    assert "may be wrong" not in result.stderr
