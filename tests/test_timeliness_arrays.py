"""The yearly figures on arrays equal the per-review code they replaced (#16).

``tests/timeliness_oracle.py`` is ``review_timeliness`` as it was (a loop over each child's
meetings with the per-child rules of ``tests/schedule_oracle.py``). The held, not held and
rearranged rows (every field, in order), the reviews with no due date, and the figures
of every ``--by`` must be identical on the hand-worked fixture, the sample and generated
exports (several seeds, both nations, periods ending on a year end, a leap day, a 31st).
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from pathlib import Path

import pytest

from iro_cli.config import Config
from iro_cli.exports.reader import load_export, load_optional_export, read_checked
from iro_cli.periods import Period, financial_year
from iro_cli.schedule.dates import WorkingCalendar
from iro_cli.timeliness.figures import BY_CHOICES, summarise
from iro_cli.timeliness.reviews import review_timeliness
from tests import timeliness_oracle
from tests.conftest import EXTRACT, REPO, SAMPLE, SEEDS

FIXTURE = REPO / "tests" / "data" / "timeliness"
KEYS = ("children", "reviews", "cp_plans")
PERIODS = (
    financial_year(2023),
    financial_year(2024),
    financial_year(2025),
    Period(date(2024, 2, 1), date(2024, 2, 29)),  # a month ending on a leap day
    Period(date(2025, 8, 1), date(2025, 8, 31)),  # ending on a 31st, the August bank holiday
    Period(date(2025, 10, 1), date(2025, 12, 31)),  # a quarter ending on a year end
)
TYPES = (("cla", "cp", "pathway"), ("cla",), ("cp",), ("pathway",))


def _quiet(_message: str) -> None:
    pass


@lru_cache(maxsize=8)
def _columns(folder: Path) -> tuple:
    """The exports as the oracle took them: plain columns (``read_checked(...).columns``),
    and as the commands read them (read once per folder: neither side changes them)."""
    config = Config()
    reads = [read_checked(k, folder, config, on_warning=_quiet) for k in KEYS]
    return tuple(r.columns for r in reads), tuple(reads)


def _same(folder: Path, period: Period, as_of: date, calendar: WorkingCalendar, types) -> int:
    columns, reads = _columns(folder)
    expected = timeliness_oracle.review_timeliness(*columns, period, as_of, calendar, types)
    got = review_timeliness(*reads, period, as_of, calendar, types)
    assert got.as_at == expected.as_at
    assert got.held == expected.held
    assert got.not_held == expected.not_held
    assert got.rearranged == expected.rearranged
    assert got.unmatched == expected.unmatched
    for by in BY_CHOICES:
        assert summarise(got, by) == summarise(expected, by)
    return len(got.held)


@pytest.mark.parametrize("types", TYPES)
def test_fixture_same_as_the_per_review_code(types) -> None:
    for period in PERIODS:
        _same(FIXTURE, period, date(2026, 5, 15), WorkingCalendar(), types)


@pytest.mark.parametrize("nation", ["england", "wales"])
def test_sample_same_as_the_per_review_code(nation: str) -> None:
    calendar = WorkingCalendar(nation)
    held = [_same(SAMPLE, p, date(2026, 11, 20), calendar, TYPES[0]) for p in PERIODS]
    assert min(held[:3]) > 100  # whole years of the sample: many reviews compared


@pytest.mark.parametrize("nation", ["england", "wales"])
@pytest.mark.parametrize("seed", SEEDS)
def test_generated_same_as_the_per_review_code(generated, seed: int, nation: str) -> None:
    calendar = WorkingCalendar(
        nation, add=frozenset({date(2025, 9, 19)}), remove=frozenset({date(2025, 12, 26)})
    )
    extract = date.fromisoformat(EXTRACT[seed])
    for period in PERIODS:
        for as_of in (extract, period.end):
            _same(generated[seed], period, as_of, calendar, TYPES[0])
    for types in TYPES[1:]:
        _same(generated[seed], financial_year(2024), extract, calendar, types)


def test_frames_and_read_exports_agree() -> None:
    """report passes DataFrames (``session.load``); the figures are the same."""
    config = Config()
    frames = (
        load_export("children", SAMPLE, config, on_warning=_quiet),
        load_export("reviews", SAMPLE, config, on_warning=_quiet),
        load_optional_export("cp_plans", SAMPLE, config, on_warning=_quiet),
    )
    _, reads = _columns(SAMPLE)
    year = financial_year(2025)
    got = review_timeliness(*frames, year, year.end, WorkingCalendar())
    assert got == review_timeliness(*reads, year, year.end, WorkingCalendar())


@pytest.mark.parametrize("seed", SEEDS)
def test_awkward_exports_same_as_the_per_review_code(generated, seed: int) -> None:
    """Short breaks, ICPCs known only from the plan's start, reviews held outside any
    period of care, rearranged meetings, duplicate days (see ``awkward``)."""
    from tests.test_schedule_arrays import awkward

    frames = awkward(generated[seed], seed)
    found: dict[str, int] = {}
    for period in PERIODS:
        calendar = WorkingCalendar()
        expected = timeliness_oracle.review_timeliness(
            *frames, period, date.fromisoformat(EXTRACT[seed]), calendar
        )
        got = review_timeliness(*frames, period, date.fromisoformat(EXTRACT[seed]), calendar)
        assert got == expected
        for row in got.held:
            for words in ("short breaks", "Plan Start", "new period"):
                found[words] = found.get(words, 0) + (words in row.basis)
        found["unmatched"] = found.get("unmatched", 0) + sum(got.unmatched.values())
        found["rearranged"] = found.get("rearranged", 0) + len(got.rearranged)
    assert all(found.values()), found


@pytest.mark.parametrize("hash_from", [0, 100])  # 100: cp_plans.csv (about 50 rows) stays small
@pytest.mark.parametrize("seed", SEEDS)
def test_national_scale_path_same_figures(
    generated, seed: int, hash_from: int, monkeypatch
) -> None:
    """The path large exports take (hash-encoded IDs, Arrow strings for the rows needed),
    forced on small ones: the same as the per-review code."""
    from iro_cli.schedule import arrays

    monkeypatch.setattr(arrays, "HASH_FROM", hash_from)
    for period in PERIODS[1:3]:
        _same(
            generated[seed], period, date.fromisoformat(EXTRACT[seed]), WorkingCalendar(), TYPES[0]
        )


def test_empty_exports_same_as_the_per_review_code(generated) -> None:
    """An export with no rows (or no cp_plans.csv) gives what the per-child code gave."""
    from iro_cli.schedule.due import due_reviews
    from tests import schedule_oracle
    from tests.test_schedule_arrays import _frames

    children, reviews, plans = _frames(generated[SEEDS[0]])
    day = date.fromisoformat(EXTRACT[SEEDS[0]])
    for frames in (
        (children, reviews.iloc[0:0], plans),
        (children.iloc[0:0], reviews, plans),
        (children, reviews, plans.iloc[0:0]),
        (children.iloc[0:0], reviews.iloc[0:0], None),
    ):
        expected = schedule_oracle.due_reviews(*frames, day, WorkingCalendar())
        assert due_reviews(*frames, day, WorkingCalendar()) == expected
        year = financial_year(2025)
        expected = timeliness_oracle.review_timeliness(*frames, year, day, WorkingCalendar())
        assert review_timeliness(*frames, year, day, WorkingCalendar()) == expected
