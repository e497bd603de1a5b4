"""The SSDA903 reader and ``iro participation --ssda903``.

The shared corpus (../shared/external/ssda903, MIT, not copied into this repo) is
counted here with the csv module, independently of the code under test.
"""

from __future__ import annotations

import csv
import shutil
from collections import Counter
from datetime import date, datetime
from pathlib import Path

import pytest

from iro_cli.cli import cli
from iro_cli.errors import ExportNotFoundError, InputError
from iro_cli.ssda903 import read_ssda903
from tests.conftest import REPO, SHARED

SMALL = REPO / "tests" / "data" / "participation" / "ssda903"
# ../shared beside the checkout (or beside a folder of worktrees further up).
CORPUS = next(
    (
        folder / "shared" / "external" / "ssda903"
        for folder in REPO.parents
        if (folder / "shared" / "external" / "ssda903").is_dir()
    ),
    SHARED / "external" / "ssda903",
)
needs_corpus = pytest.mark.skipif(
    not (CORPUS / "reviews.csv").is_file() or not (CORPUS / "header.csv").is_file(),
    reason=f"the shared SSDA903 test corpus is not at {CORPUS} (it lives outside the repo)",
)
HEAD = "PN0,PN1,PN2,PN3,PN4,PN5,PN6,PN7,missing,total,participation_rate,attendance_rate"


# --- the reader ---------------------------------------------------------------------------


def test_reader_shape_and_header_join() -> None:
    frame = read_ssda903(SMALL)
    assert frame["person_id"].tolist() == ["1001", "1001", "1002", "1002", "1003", "1003", "1004"]
    assert frame["_line"].tolist() == [2, 3, 4, 5, 6, 7, 8]
    assert set(frame["review_type"]) == {"CLA Review"}
    assert set(frame["status"]) == {"Held"}
    assert frame["participation_code"].tolist() == ["PN1", "PN7", "PN0", "PN5", "PN0", "", "PN2"]
    assert frame["gender"].tolist() == ["Male", "Male", "Female", "Female", "Female", "Female", ""]
    assert frame["ethnicity"].tolist()[:3] == ["WBRI", "WBRI", "MWBC"]
    assert frame["review_date"][0] == date(2025, 5, 1)
    assert frame["date_of_birth"][4] == date(2020, 2, 29)
    assert frame["date_of_birth"][6] == date(2010, 5, 5)  # not in the header: its own DOB
    assert frame.attrs["path"] == str(SMALL / "reviews.csv")


def _copy_small(tmp_path: Path) -> Path:
    for name in ("header.csv", "reviews.csv"):
        shutil.copy(SMALL / name, tmp_path / name)
    return tmp_path


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def test_reader_unknown_code_names_file_line_and_child(tmp_path: Path) -> None:
    folder = _copy_small(tmp_path)
    _edit(folder / "reviews.csv", "15/10/2025,PN5", "15/10/2025,PN9")
    with pytest.raises(InputError) as err:
        read_ssda903(folder)
    assert str(err.value) == (
        f"{folder / 'reviews.csv'}, line 5, column 'REVIEW_CODE' (ID 1002): "
        "unknown participation code (expected PN0 to PN7)"
    )


def test_reader_counts_further_problems(tmp_path: Path) -> None:
    folder = _copy_small(tmp_path)
    _edit(folder / "header.csv", "1002,2,", "1002,3,")
    _edit(folder / "reviews.csv", "01/11/2025", "31/11/2025")
    with pytest.raises(InputError) as err:
        read_ssda903(folder)
    assert str(err.value) == (
        f"{folder / 'header.csv'}, line 3, column 'SEX' (ID 1002): unknown SEX code "
        "(expected 1 (male) or 2 (female)); and 1 more problem in the SSDA903 files"
    )


def test_reader_missing_column_and_file(tmp_path: Path) -> None:
    folder = _copy_small(tmp_path)
    _edit(folder / "reviews.csv", "REVIEW_CODE", "CODE")
    with pytest.raises(InputError, match="line 1, column 'REVIEW_CODE': no column 'REVIEW_CODE'"):
        read_ssda903(folder)
    (folder / "header.csv").unlink()
    with pytest.raises(ExportNotFoundError, match="header.csv: no such file"):
        read_ssda903(folder)


def test_reader_file_names_ignore_case_and_bom(tmp_path: Path) -> None:
    (tmp_path / "Header.csv").write_bytes(b"\xef\xbb\xbf" + (SMALL / "header.csv").read_bytes())
    shutil.copy(SMALL / "reviews.csv", tmp_path / "REVIEWS.CSV")
    assert len(read_ssda903(tmp_path)) == 7


# --- the command on the small return ------------------------------------------------------


def test_cli_ssda903_by_gender(runner) -> None:
    args = ["participation", "--ssda903", str(SMALL), "--year", "2025/26", "--by", "gender"]
    result = runner.invoke(cli, [*args, "--format", "csv"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == [
        f"gender,{HEAD}",
        "Female,1,0,0,0,0,1,0,0,1,3,1.0,0.0",
        "Male,0,1,0,0,0,0,0,1,0,2,0.5,0.5",
        "Not recorded,0,0,1,0,0,0,0,0,0,1,1.0,1.0",
        "Total,1,1,1,0,0,1,0,1,1,6,0.75,0.5",
    ]
    reviews = SMALL / "reviews.csv"
    assert result.stderr.splitlines() == [
        f"iro: warning: {reviews}, line 5, column 'REVIEW_CODE' (ID 1002): rule 441: "
        "code PN5 but the date of birth makes the child under 4 at the review (PN0 expected)",
        f"iro: warning: {reviews}, line 7, column 'REVIEW_CODE' (ID 1003): missing code: "
        "held CLA review with no participation code (counted as 'missing', left out of the rates)",
        "iro: 2 data warnings: 1 × rule 441, 1 missing code",
    ]


def test_cli_ssda903_leapling_rule_440(runner) -> None:
    args = ["participation", "--ssda903", str(SMALL), "--year", "2024/25", "--format", "csv"]
    result = runner.invoke(cli, args)
    assert result.stdout.splitlines()[1] == "2024/25,1,0,0,0,0,0,0,0,0,1,,"
    assert "line 6, column 'REVIEW_CODE' (ID 1003): rule 440" in result.stderr


@pytest.mark.parametrize("by", ["iro", "team"])
def test_cli_ssda903_has_no_iro_or_team(runner, by: str) -> None:
    result = runner.invoke(cli, ["participation", "--ssda903", str(SMALL), "--by", by])
    assert result.exit_code == 2
    assert "an SSDA903 return does not record the" in result.stderr


# --- the shared corpus, counted directly -------------------------------------------------


def _dmy(text: str) -> date:
    return datetime.strptime(text, "%d/%m/%Y").date()


def _fourth_birthday(born: date) -> date:
    try:
        return born.replace(year=born.year + 4)
    except ValueError:  # 29 February -> 1 March
        return date(born.year + 4, 3, 1)


def _fy(day: date) -> str:
    start = day.year if day.month >= 4 else day.year - 1
    return f"{start}/{str(start + 1)[2:]}"


@pytest.fixture(scope="module")
def corpus_rows() -> list[dict[str, str]]:
    with open(CORPUS / "reviews.csv", newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@needs_corpus
def test_corpus_counts_match_a_direct_count(runner, corpus_rows) -> None:
    result = runner.invoke(
        cli, ["participation", "--ssda903", str(CORPUS), "--format", "csv", "--all-warnings"]
    )
    assert result.exit_code == 0
    rows = list(csv.DictReader(result.stdout.splitlines()))
    by_year: dict[str, Counter[str]] = {}
    for row in corpus_rows:
        by_year.setdefault(_fy(_dmy(row["REVIEW"])), Counter())[row["REVIEW_CODE"]] += 1
    total = rows[-1]
    assert total["year"] == "Total"
    assert int(total["total"]) == len(corpus_rows) == 12582
    everything = Counter(row["REVIEW_CODE"] for row in corpus_rows)
    for code in (f"PN{i}" for i in range(8)):
        assert int(total[code]) == everything[code]
    shown = {row["year"]: row for row in rows[:-1]}
    for year, counts in by_year.items():
        assert {c: int(shown[year][c]) for c in counts} == dict(counts), year
    assert sum(int(r["total"]) for r in rows[:-1]) == len(corpus_rows)


@needs_corpus
def test_corpus_rule_440_and_441_match_the_offending_rows(runner, corpus_rows) -> None:
    expected_440 = expected_441 = 0
    for row in corpus_rows:
        four = _fourth_birthday(_dmy(row["DOB"]))
        review = _dmy(row["REVIEW"])
        if row["REVIEW_CODE"] == "PN0" and review >= four:
            expected_440 += 1
        elif row["REVIEW_CODE"] != "PN0" and review < four:
            expected_441 += 1
    assert (expected_440, expected_441) == (1435, 663)  # as the corpus README says

    result = runner.invoke(
        cli, ["participation", "--ssda903", str(CORPUS), "--format", "csv", "--all-warnings"]
    )
    lines = result.stderr.splitlines()
    assert sum(": rule 440: " in line for line in lines) == expected_440
    assert sum(": rule 441: " in line for line in lines) == expected_441
    assert lines[-1] == "iro: 2098 data warnings: 1435 × rule 440, 663 × rule 441"

    short = runner.invoke(cli, ["participation", "--ssda903", str(CORPUS), "--format", "csv"])
    short_lines = short.stderr.splitlines()
    assert sum(": rule 440: " in line for line in short_lines) == 20
    assert "iro: warning: ... and 1415 more 'rule 440' warnings" in short.stderr
    assert "iro: warning: ... and 643 more 'rule 441' warnings" in short.stderr
    assert short_lines[-1] == lines[-1]


@needs_corpus
def test_corpus_age_bands_add_up(runner, corpus_rows) -> None:
    result = runner.invoke(
        cli, ["participation", "--ssda903", str(CORPUS), "--by", "age-band", "--format", "csv"]
    )
    rows = list(csv.DictReader(result.stdout.splitlines()))
    assert [r["age_band"] for r in rows] == [
        "Under 1",
        "1 to 4",
        "5 to 9",
        "10 to 15",
        "16 and over",
        "Total",
    ]
    assert sum(int(r["total"]) for r in rows[:-1]) == len(corpus_rows)
