"""The array schedule gives the same rows as the per-child rules it replaced (#16).

``tests/schedule_oracle.py`` is the per-child code as it was (one review at a time, Python
dates, ``relativedelta``, a day-by-day working-day count); every field of every row,
basis and scheduled date included, must come out the same from :func:`due_reviews` on
the sample exports and on generated exports (several seeds, both nations, holidays
added and removed in iro.toml, "as at" days on a bank holiday, a 31st, 29 February and
a year end).
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

import numpy as np
import pytest

from iro_cli.config import Config
from iro_cli.exports.reader import load_export, load_optional_export, read_checked
from iro_cli.schedule import arrays
from iro_cli.schedule.dates import WorkingCalendar, add_months
from iro_cli.schedule.due import due_reviews, due_table
from tests import schedule_oracle
from tests.conftest import EXTRACT, SAMPLE, SEEDS

AS_OF = (
    date(2024, 2, 29),  # leap day
    date(2025, 8, 25),  # August bank holiday
    date(2025, 8, 31),  # a 31st: months from it clamp
    date(2025, 12, 31),  # year end
    date(2026, 4, 6),  # Easter Monday
    date(2026, 11, 20),  # the sample's extract date
)
CALENDARS = {
    "england": WorkingCalendar("england"),
    "wales": WorkingCalendar("wales"),
    # iro.toml [holidays]: a proclaimed day added, Boxing Day 2025 and the August bank
    # holiday 2025 taken away
    "england+toml": WorkingCalendar(
        "england",
        add=frozenset({date(2025, 9, 19), date(2026, 6, 1)}),
        remove=frozenset({date(2025, 12, 26), date(2025, 8, 25)}),
    ),
}


def _quiet(_message: str) -> None:
    pass


@lru_cache(maxsize=8)
def _frames(folder: Path) -> tuple:
    """The exports as DataFrames, read once per folder (neither side changes them)."""
    config = Config()
    return (
        load_export("children", folder, config, on_warning=_quiet),
        load_export("reviews", folder, config, on_warning=_quiet),
        load_optional_export("cp_plans", folder, config, on_warning=_quiet),
    )


def _same(frames: tuple, as_of: date, calendar: WorkingCalendar, types=("cla", "cp", "pathway")):
    expected = schedule_oracle.due_reviews(*frames, as_of, calendar, types)
    got = due_reviews(*frames, as_of, calendar, types)
    assert len(got) == len(expected)
    for mine, theirs in zip(got, expected, strict=True):
        assert mine == theirs
    return got


@pytest.mark.parametrize("as_of", AS_OF)
def test_sample_same_rows_as_the_per_child_rules(as_of: date) -> None:
    rows = _same(_frames(SAMPLE), as_of, CALENDARS["england"])
    assert rows  # the sample has children looked after on each of these days


@pytest.mark.parametrize("nation", sorted(CALENDARS))
@pytest.mark.parametrize("seed", SEEDS)
def test_generated_same_rows_as_the_per_child_rules(generated, seed: int, nation: str) -> None:
    frames = _frames(generated[seed])
    extract = date.fromisoformat(EXTRACT[seed])
    for as_of in (*AS_OF, extract, extract - timedelta(days=200)):
        _same(frames, as_of, CALENDARS[nation])
    for types in (("cla",), ("cp",), ("pathway",)):
        _same(frames, extract, CALENDARS[nation], types)


def test_read_exports_give_the_same_rows_as_frames(generated) -> None:
    """What the commands pass (``session.read``: typed arrays) and DataFrames agree."""
    folder = generated[SEEDS[0]]
    config = Config()
    keys = ("children", "reviews", "cp_plans")
    reads = [read_checked(k, folder, config, on_warning=_quiet) for k in keys]
    as_of = date.fromisoformat(EXTRACT[SEEDS[0]])
    table = due_table(*reads, as_of, CALENDARS["england"])
    assert table.rows() == schedule_oracle.due_reviews(
        *_frames(folder), as_of, CALENDARS["england"]
    )


def test_select_on_the_table_chooses_what_select_on_rows_does(generated) -> None:
    frames = _frames(generated[SEEDS[1]])
    as_of = date.fromisoformat(EXTRACT[SEEDS[1]])
    table = due_table(*frames, as_of, CALENDARS["wales"])
    rows = table.rows()
    some_iro = rows[0].iro
    choices = (
        {"within_days": 14},
        {"overdue": False, "within_days": 30},
        {"iro": some_iro.upper()},
        {"team": rows[-1].team.lower(), "within_days": 60},
    )
    for kwargs in choices:
        expected = schedule_oracle.select(rows, **kwargs)
        assert table.rows(table.select(**kwargs)) == expected
        assert expected or kwargs.get("overdue") is False


# --- the date primitives against the per-day code ------------------------------------------


def _every_day(first: date, last: date) -> list[date]:
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


@pytest.mark.parametrize("months", [-18, -6, -3, 1, 3, 6, 12, 300])
def test_add_months_matches_relativedelta(months: int) -> None:
    days = _every_day(date(2023, 12, 1), date(2024, 3, 31)) + _every_day(
        date(2025, 7, 25), date(2025, 9, 5)
    )
    days += [
        date(1, 1, 1),
        date(1, 1, 31),
        date(9999, 12, 31),
        date(9999, 6, 30),
        date(9998, 8, 31),
    ]
    got = arrays.add_months(np.array(days, dtype="datetime64[D]"), months)
    assert [d.item() for d in got] == [add_months(d, months) for d in days]


def test_add_months_by_hand() -> None:
    got = arrays.add_months(np.array(["2025-08-31", "2024-02-29", "NaT"], dtype="datetime64[D]"), 6)
    # 31/08/2025 + 6 months: February has no 31st, so its last day (Dodds v Walker)
    assert got.tolist() == [date(2026, 2, 28), date(2024, 8, 29), None]


@pytest.mark.parametrize("name", sorted(CALENDARS))
@pytest.mark.parametrize("count", [1, 15, 20])
def test_working_days_match_the_day_by_day_count(name: str, count: int) -> None:
    calendar = CALENDARS[name]
    oracle = WorkingCalendar(calendar.nation, calendar.add, calendar.remove)
    days = _every_day(date(2024, 12, 1), date(2026, 1, 10))
    working = arrays.WorkingDays(calendar)
    got = working.add(np.array(days, dtype="datetime64[D]"), count)
    assert [d.item() for d in got] == [oracle.add_working_days(d, count) for d in days]
    flags = working.is_working(np.array(days, dtype="datetime64[D]"))
    assert flags.tolist() == [oracle.is_working_day(d) for d in days]


def test_working_days_by_hand() -> None:
    working = arrays.WorkingDays(WorkingCalendar("england"))
    # Fri 22/08/2025 + 1 working day: Mon 25/08 is the August bank holiday, so Tue 26/08;
    # Sat 20/12/2025 + 5: 22, 23, 24 Dec, (25, 26 holidays, 27-28 weekend) 29, 30 Dec
    got = working.add(np.array(["2025-08-22", "2025-12-20"], dtype="datetime64[D]"), 1)
    assert got.tolist()[0] == date(2025, 8, 26)
    got = working.add(np.array(["2025-12-20"], dtype="datetime64[D]"), 5)
    assert got.tolist() == [date(2025, 12, 30)]
    wales = arrays.WorkingDays(WorkingCalendar("wales"))
    # Scotland's St Andrew's Day is no holiday in Wales: Fri 28/11/2025 + 1 = Mon 01/12
    assert wales.add(np.array(["2025-11-28"], dtype="datetime64[D]"), 1).tolist() == [
        date(2025, 12, 1)
    ]


# --- generated exports made awkward: the cases a clean generator rarely makes ---------------


def awkward(folder: Path, seed: int) -> tuple:
    """The exports of ``folder`` as DataFrames, with seeded changes that reach every branch
    of the rules: short breaks, ICPC rows missing (the plan's start stands in), plans with
    no start, held reviews before any period of care, meetings rearranged or cancelled,
    Next Review Dates blank or passed, duplicate days, blank chairs and teams."""
    import random

    children, reviews, cp_plans = _frames(folder)
    pick = random.Random(seed)
    children = children.copy()
    for i in range(len(children)):
        if pick.random() < 0.15:
            children.at[i, "short_breaks"] = True
        if pick.random() < 0.1:
            children.at[i, "team"] = ""
        if pick.random() < 0.05:  # a second, earlier period row the same day
            children.at[i, "allocated_iro"] = ""
    reviews = reviews.copy()
    keep = []
    for i in range(len(reviews)):
        kind, status = reviews.at[i, "review_type"], reviews.at[i, "status"]
        if kind == "ICPC" and status == "Held" and pick.random() < 0.3:
            continue  # no ICPC row: the plan's start is the conference
        roll = pick.random()
        if roll < 0.04:
            reviews.at[i, "status"] = pick.choice(["Rearranged", "Cancelled", "Scheduled"])
        elif roll < 0.06:
            reviews.at[i, "review_date"] = date(2000, 1, 3)  # before any period of care
        elif roll < 0.10:
            reviews.at[i, "next_review_date"] = None
        elif roll < 0.12:
            reviews.at[i, "chair"] = ""
        keep.append(i)
    reviews = reviews.iloc[keep].reset_index(drop=True)
    doubled = reviews.iloc[: len(reviews) // 20].copy()  # same day again, another row
    doubled["review_id"] = doubled["review_id"] + "X"
    reviews = __import__("pandas").concat([reviews, doubled], ignore_index=True)
    cp_plans = cp_plans.copy()
    for i in range(len(cp_plans)):
        if pick.random() < 0.2:
            cp_plans.at[i, "plan_start"] = None
        if pick.random() < 0.3:
            cp_plans.at[i, "chair"] = ""
            cp_plans.at[i, "team"] = ""
    return children, reviews, cp_plans


@pytest.mark.parametrize("seed", SEEDS)
def test_awkward_exports_same_rows_as_the_per_child_rules(generated, seed: int) -> None:
    frames = awkward(generated[seed], seed)
    extract = date.fromisoformat(EXTRACT[seed])
    kinds = set()
    for as_of in (*AS_OF, extract):
        for name in ("england", "england+toml"):
            rows = _same(frames, as_of, CALENDARS[name])
            kinds |= {r.basis.split(":")[0] for r in rows}
    assert "first review (short breaks)" in kinds
    assert "initial conference" in kinds


@pytest.mark.parametrize("hash_from", [0, 100])  # 100: cp_plans.csv (about 50 rows) stays small
@pytest.mark.parametrize("seed", SEEDS)
def test_national_scale_path_same_rows(generated, seed: int, hash_from: int, monkeypatch) -> None:
    """Large exports take another path (hash-encoded IDs, Arrow strings picked only for
    the rows shown); made to take it here on small ones, the rows are the same."""
    monkeypatch.setattr(arrays, "HASH_FROM", hash_from)
    folder = generated[seed]
    config = Config()
    keys = ("children", "reviews", "cp_plans")
    reads = [read_checked(k, folder, config, on_warning=_quiet) for k in keys]
    frames = _frames(folder)
    for as_of in (date.fromisoformat(EXTRACT[seed]), date(2025, 8, 25)):
        table = due_table(*reads, as_of, CALENDARS["wales"])
        assert table.rows() == schedule_oracle.due_reviews(*frames, as_of, CALENDARS["wales"])


def _with_edge_children(frames: tuple) -> tuple:
    """Generated exports plus three children whose next review falls on an edge day
    (worked out on a calendar, not by the code):

    - EDGE1: last held 31/08/2023, so due 6 months later: 29/02/2024 (no 31 February:
      the month's last day, a leap day);
    - EDGE2: care began Mon 01/12/2025, no review yet: the 20th working day after it is
      Wed 31/12/2025 (2-5, 8-12, 15-19, 22-24 Dec are 17; 25 and 26 are bank holidays;
      29, 30, 31 make 20), the year's last day;
    - EDGE3: last held 25/02/2025: due 25/08/2025, the August bank holiday.
    """
    import pandas as pd

    from iro_cli.exports.schema import CHILDREN, REVIEWS
    from tests.test_schedule_due import child, frame, review

    children, reviews, cp_plans = frames
    extra_children = frame(
        CHILDREN,
        [
            child("EDGE1", start=date(2023, 3, 1)),
            child("EDGE2", start=date(2025, 12, 1)),
            child("EDGE3", start=date(2024, 6, 3)),
        ],
    )
    extra_reviews = frame(
        REVIEWS,
        [
            review(date(2023, 3, 29), pid="EDGE1", rid="E11"),
            review(date(2023, 6, 28), pid="EDGE1", rid="E12"),
            review(date(2023, 8, 31), pid="EDGE1", rid="E13"),
            review(date(2024, 6, 28), pid="EDGE3", rid="E31"),
            review(date(2024, 9, 25), pid="EDGE3", rid="E32"),
            review(date(2025, 2, 25), pid="EDGE3", rid="E33"),
        ],
    )
    return (
        pd.concat([children, extra_children], ignore_index=True),
        pd.concat([reviews, extra_reviews], ignore_index=True),
        cp_plans,
    )


@pytest.mark.parametrize("name", sorted(CALENDARS))
def test_due_dates_on_edge_days_same_rows(generated, name: str) -> None:
    frames = _with_edge_children(_frames(generated[SEEDS[0]]))
    edges = {
        "EDGE1": (date(2024, 2, 29), date(2024, 2, 1)),
        "EDGE2": (date(2025, 12, 31), date(2025, 12, 20)),
        "EDGE3": (date(2025, 8, 25), date(2025, 8, 25)),
    }
    for person, (due_day, as_of) in edges.items():
        rows = _same(frames, as_of, CALENDARS[name])
        (row,) = [r for r in rows if r.person_id == person]
        if name == "england+toml" and person == "EDGE2":
            # Boxing Day taken away in iro.toml: the 20th working day is Tue 30/12/2025
            assert row.due_date == date(2025, 12, 30)
        else:
            assert row.due_date == due_day
    # the August bank holiday (removed from the calendar by iro.toml there) is no working day
    rows = _same(frames, date(2025, 8, 1), CALENDARS[name])
    (row,) = [r for r in rows if r.person_id == "EDGE3"]
    assert ("hold it by Fri 22/08/2025" in row.basis) is (name != "england+toml")


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_overdue_csv_and_json_do_not_import_pandas(fmt: str) -> None:
    """The morning list as csv or json on an authority's exports needs no DataFrame
    (pandas is 0.4 s of start-up); the screen table and xlsx still use one."""
    import subprocess
    import sys

    code = (
        "import sys; from click.testing import CliRunner; from iro_cli.cli import cli; "
        f"r = CliRunner().invoke(cli, ['overdue', '--exports', {str(SAMPLE)!r}, '--days', "
        f"'14', '--as-of', '20/11/2026', '--format', '{fmt}']); "
        "print(r.exit_code, len(r.stdout) > 1000, 'pandas' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.stdout.split() == ["0", "True", "False"], out.stderr
