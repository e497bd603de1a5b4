"""``iro disputes`` on a small export folder; due dates counted on a calendar by hand.

Easter 2026: Good Friday 03/04 and Easter Monday 06/04 are bank holidays.
"""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import pytest

from iro_cli.cli import cli
from iro_cli.disputes import days_from_settings, due_date
from iro_cli.schedule.dates import WorkingCalendar
from tests.conftest import write_csv

HEADER = ["DRP ID", "Person ID", "Raised By", "Raised Date", "Level", "Theme", "Response Due",
          "Resolved Date"]  # fmt: skip
APRIL = ["--month", "2026-04", "--as-of", "30/04/2026"]


@pytest.fixture
def exports(tmp_path: Path) -> Path:
    write_csv(
        tmp_path,
        "disputes.csv",
        [
            HEADER,
            # Wed 01/04 + 5 working days: Thu 02, Tue 07, Wed 08, Thu 09, Fri 10/04.
            ["D1", "P1", "Ann", "01/04/2026", "Informal", "Education", "", "10/04/2026"],  # 5th
            ["D2", "P2", "Ann", "01/04/2026", "Informal", "Education", "", "13/04/2026"],  # 6th
            ["D3", "P3", "Bob", "14/04/2026", "Stage 1", "Health", "21/04/2026", ""],  # open
            # Mon 20/04 + 5: Tue 21 ... Mon 27/04; escalated to Stage 2 on 27/04.
            ["D4", "P4", "Bob", "20/04/2026", "Formal Stage 1", "Health", "", "24/04/2026"],
            [
                "D5",
                "P4",
                "Bob",
                "27/04/2026",
                "Formal Stage 2",
                "Health",
                "04/05/2026",
                "28/04/2026",
            ],  # fmt: skip
            # resolved after the as-at day: open on it, and past its due date (29/04)
            ["D6", "P6", "Ann", "22/04/2026", "Formal Stage 1", "", "29/04/2026", "01/05/2026"],
            [
                "P1",
                "P7",
                "Ann",
                "15/04/2026",
                "Practice Acknowledgement",
                "Good",
                "",
                "15/04/2026",
            ],  # fmt: skip
            ["D7", "P8", "Ann", "15/03/2026", "Informal", "Education", "", "20/03/2026"],  # March
            ["D8", "P8", "Ann", "01/05/2026", "Informal", "Education", "", ""],  # after the day
            # Thu 02/04 + 5: Tue 07, Wed 08, Thu 09, Fri 10, Mon 13/04; resolved at Stage 1.
            ["D9", "P9", "Cy", "02/04/2026", "Formal Stage 1", "Health", "", "08/04/2026"],
        ],
    )
    return tmp_path


def test_due_dates_across_easter() -> None:
    days = days_from_settings({})
    cal = WorkingCalendar()
    assert due_date(date(2026, 4, 1), "Informal", None, days, cal) == date(2026, 4, 10)
    assert due_date(date(2026, 4, 2), "Formal Stage 1", None, days, cal) == date(2026, 4, 13)
    assert due_date(date(2026, 4, 1), "Informal", date(2026, 4, 2), days, cal) == date(2026, 4, 2)
    assert due_date(date(2026, 4, 1), "Practice Acknowledgement", None, days, cal) is None


def rows_of(text: str) -> dict[str, dict[str, str]]:
    return {r[next(iter(r))]: r for r in csv.DictReader(io.StringIO(text))}


def figures(row: dict[str, str]) -> tuple[str, ...]:
    keys = ("raised", "resolved", "resolved_in_time", "in_time_rate", "open", "open_past_due")
    return tuple(row[k] for k in keys)


def test_disputes_by_level_counted_by_hand(runner, exports: Path) -> None:
    result = runner.invoke(cli, ["disputes", "--exports", str(exports), *APRIL, "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = rows_of(result.stdout)
    assert figures(rows["Informal"]) == ("2", "2", "1", "0.5", "0", "0")  # D1 in time, D2 late
    assert figures(rows["Formal Stage 1"]) == ("4", "2", "2", "1.0", "2", "2")  # D3, D6 open
    assert figures(rows["Formal Stage 2"]) == ("1", "1", "1", "1.0", "0", "0")
    assert figures(rows["Formal Stage 3"]) == ("0", "0", "0", "", "0", "0")
    # the acknowledgement: in no rate
    assert figures(rows["Practice acknowledgements"]) == ("1", "1", "", "", "0", "")
    assert figures(rows["All disputes"]) == ("7", "5", "4", "0.8", "2", "2")
    assert "practice acknowledgements: 1 of 8 alerts raised (12.5%)" in result.stderr
    # D9 ended at Stage 1, D4 went on to Stage 2; D3 and D6 are not finished.
    assert "resolved at Stage 1: 1 of the 2 begun in the period and finished (50.0%)" in (
        result.stderr
    )


def test_disputes_by_iro_and_month(runner, exports: Path) -> None:
    result = runner.invoke(
        cli, ["disputes", "--exports", str(exports), *APRIL, "--by", "iro", "--format", "csv"]
    )
    rows = rows_of(result.stdout)
    assert figures(rows["Ann"]) == ("3", "2", "1", "0.5", "1", "1")  # D1, D2, D6
    assert figures(rows["Bob"]) == ("3", "2", "2", "1.0", "1", "1")  # D3, D4, D5
    result = runner.invoke(
        cli,
        [
            "disputes",
            "--exports",
            str(exports),
            "--year",
            "2025/26",
            "--as-of",
            "30/04/2026",
            "--by",
            "month",
            "--format",
            "csv",
        ],  # fmt: skip
    )
    rows = rows_of(result.stdout)
    assert list(rows) == ["2026-03", "Practice acknowledgements", "All disputes"]
    assert figures(rows["2026-03"]) == ("1", "1", "1", "1.0", "0", "0")


def test_open_list_most_overdue_first(runner, exports: Path) -> None:
    result = runner.invoke(
        cli,
        [
            "disputes",
            "--open",
            "--exports",
            str(exports),
            "--as-of",
            "30/04/2026",
            "--format",
            "csv",
        ],  # fmt: skip
    )
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    # D3 due 21/04: 9 days past on 30/04; D6 due 29/04: 1 day. D8 is raised after the day.
    assert [(r["drp_id"], r["due_date"], r["days_past_due"]) for r in rows] == [
        ("D3", "2026-04-21", "9"),
        ("D6", "2026-04-29", "1"),
    ]
    assert "2 open disputes, 2 past their due date (as at 30/04/2026)" in result.stderr


def test_bad_setting_is_one_line(runner, exports: Path, tmp_path: Path) -> None:
    config = tmp_path / "iro.toml"
    config.write_text("[disputes]\nstage_5 = 3\n")
    result = runner.invoke(cli, ["disputes", "--exports", str(exports), "--config", str(config)])
    assert result.exit_code == 2  # could not run
    assert "[disputes] has no key 'stage_5'" in result.stderr
