"""Participation on arrays against the per-review code it replaced (tests/participation_oracle.py).

The held CLA reviews, their period of care, the figures of every grouping and period,
the data warnings and the warning lines printed must be the same, on the sample, on
generated exports (several seeds) and on small made-up tables that stress the join.
"""

from __future__ import annotations

import io
from contextlib import redirect_stderr
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from iro_cli.commands import participation as command
from iro_cli.config import Config
from iro_cli.exports.reader import read_checked
from iro_cli.participation import find_warnings, held_cla_reviews, summarise
from iro_cli.participation.ages import ages_on
from iro_cli.participation.checks import footer
from iro_cli.participation.summary import BY_CHOICES, CompareError
from iro_cli.periods import Period, parse_financial_year
from iro_cli.schedule.dates import age_on
from tests import participation_oracle as oracle
from tests.conftest import SAMPLE
from tests.generated_exports import SEEDS, generated


def _read(folder: Path):
    quiet = {"on_warning": lambda _message: None}
    config = Config()
    return read_checked("reviews", folder, config, **quiet), read_checked(
        "children", folder, config, **quiet
    )


@pytest.fixture(params=["sample", *SEEDS], ids=lambda p: f"seed{p}" if p != "sample" else p)
def exports(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    folder = SAMPLE if request.param == "sample" else generated(tmp_path_factory, request.param)
    reviews, children = _read(folder)
    return reviews, children, oracle.held_cla_reviews(reviews.frame, children.frame)


def test_held_reviews_and_their_period_of_care_match_the_oracle(exports) -> None:
    reviews, children, expected = exports
    assert list(held_cla_reviews(reviews, children)) == expected
    assert list(held_cla_reviews(reviews.frame, children.frame)) == expected
    # The data goes down the paths that matter: not found, no date of birth aside.
    assert len(expected) > 1000
    assert any(r.code == "" for r in expected)


PERIODS = [
    (None, False),
    (None, True),
    (parse_financial_year("2025/26"), False),
    (parse_financial_year("2025/26"), True),
    (Period(date(2024, 5, 15), date(2025, 11, 20)), True),  # not whole months: days back
    (Period(date(2024, 4, 1), date(2024, 9, 30)), True),  # six whole months
    (Period(date(2030, 1, 1), date(2030, 3, 31)), False),  # after every review: empty
]


@pytest.mark.parametrize("by", BY_CHOICES)
def test_figures_and_warnings_match_the_oracle(exports, by: str) -> None:
    reviews, children, expected = exports
    records = held_cla_reviews(reviews, children)
    for period, compare in PERIODS:
        try:
            old = oracle.summarise(expected, by, period, compare=compare)
        except CompareError:
            with pytest.raises(CompareError):
                summarise(records, by, period, compare=compare)
            continue
        new = summarise(records, by, period, compare=compare)
        assert new.rows == old.rows, (by, period, compare)
        assert new.total == old.total
        assert new.selection == old.selection
        assert list(new.current) == old.current
        assert list(new.warned_records) == old.warned_records
        warnings = find_warnings(new.warned_records, "kids.csv")
        old_warnings = oracle.check_reviews(old.warned_records, "kids.csv")
        assert [(w.kind, str(w)) for w in warnings] == [(w.kind, str(w)) for w in old_warnings]
        assert footer(warnings) == footer(old_warnings)


def _old_print_warnings(warnings, all_warnings: bool) -> list[str]:
    """The warning lines as the command printed them before (first 20 of each kind)."""
    lines, shown, hidden = [], {}, {}
    for warning in warnings:
        if all_warnings or shown.get(warning.kind, 0) < command.SHOWN_PER_KIND:
            shown[warning.kind] = shown.get(warning.kind, 0) + 1
            lines.append(f"iro: warning: {warning}")
        else:
            hidden[warning.kind] = hidden.get(warning.kind, 0) + 1
    for kind, count in hidden.items():
        lines.append(
            f"iro: warning: ... and {count} more '{kind}' warning{'s' * (count != 1)} "
            "(--all-warnings lists every one)"
        )
    return lines


def _printed(warnings, all_warnings: bool) -> list[str]:
    err = io.StringIO()
    with redirect_stderr(err):
        command._print_warnings(warnings, all_warnings)
    return err.getvalue().splitlines()


def test_printed_warning_lines_match_the_oracle(tmp_path_factory) -> None:
    # Many warnings of several kinds: every review's code blanked or turned into PN0.
    reviews, children = _read(generated(tmp_path_factory, SEEDS[0]))
    frame = reviews.frame.copy()
    frame.attrs["path"] = "reviews.csv"
    frame["participation_code"] = np.where(frame.index % 3 == 0, "", "PN0")
    records = held_cla_reviews(frame, children.frame)
    old = oracle.held_cla_reviews(frame, children.frame)
    old_warnings = oracle.check_reviews(old)
    assert len({w.kind for w in old_warnings}) >= 2 and len(old_warnings) > 100
    for everything in (False, True):
        assert _printed(find_warnings(records), everything) == _old_print_warnings(
            old_warnings, everything
        )


def _old_only(records, iro, team):
    if iro:
        records = [r for r in records if r.iro.casefold() == iro.casefold()]
    if team:
        records = [r for r in records if r.team.casefold() == team.casefold()]
    return records


def test_iro_and_team_filters_match_the_oracle(exports) -> None:
    reviews, children, expected = exports
    records = held_cla_reviews(reviews, children)
    iro = next(r.iro for r in expected if r.iro).upper()  # any case matches
    team = next(r.team for r in reversed(expected) if r.team).lower()
    for wanted in ((iro, None), (None, team), (iro, team)):
        assert list(command._only(records, *wanted)) == _old_only(expected, *wanted)


# --- the join on small made-up tables ----------------------------------------------------

DAY0 = date(2020, 1, 1)
_days = st.integers(0, 60).map(lambda n: DAY0 + timedelta(days=n))
_people = st.sampled_from(["P1", "P2", " P1", "P3", "", None])  # " P1" is P1 once stripped


@st.composite
def _tables(draw):
    periods = draw(
        st.lists(
            st.tuples(
                _people,
                st.none() | _days,
                st.none() | _days,
                st.none() | _days,
                st.sampled_from(["East", "West", ""]),
                st.sampled_from(["Amy Iro", "Ben Iro", ""]),
            ),
            max_size=7,
        )
    )
    reviews = draw(
        st.lists(
            st.tuples(
                _people,
                _days,
                st.sampled_from(["Held", "Cancelled"]),
                st.sampled_from(["CLA Review", "RCPC"]),
                st.sampled_from(["PN0", "PN1", "PN7", "", None]),
                st.sampled_from(["", "Cy Iro", None]),
            ),
            max_size=12,
        )
    )
    children = pd.DataFrame(
        periods,
        columns=[
            "person_id",
            "period_start",
            "period_end",
            "date_of_birth",
            "team",
            "allocated_iro",
        ],
        dtype=object,
    )
    children["gender"] = "Female"
    children["ethnicity"] = ""
    frame = pd.DataFrame(
        reviews,
        columns=[
            "person_id",
            "review_date",
            "status",
            "review_type",
            "participation_code",
            "chair",
        ],
        dtype=object,
    )
    frame["review_id"] = [f"R{i}" for i in range(len(frame))]
    frame["_line"] = np.arange(2, len(frame) + 2, dtype=np.int64)
    return frame, children


@settings(max_examples=300, deadline=None)
@given(_tables())
def test_join_on_made_up_periods_matches_the_oracle(tables) -> None:
    """Overlapping periods, periods with no start or end or ending before they start,
    reviews before, between and after periods, IDs with spaces."""
    reviews, children = tables
    expected = oracle.held_cla_reviews(reviews, children)
    got = held_cla_reviews(reviews, children)
    assert list(got) == expected
    assert [(w.kind, str(w)) for w in find_warnings(got)] == [
        (w.kind, str(w)) for w in oracle.check_reviews(expected)
    ]


def test_join_picks_the_period_by_hand() -> None:
    """Counted on a calendar: P1 has 01/01-31/01 (East), 15/01-20/01 (West, inside the
    first) and 10/02 onwards (North)."""
    children = pd.DataFrame(
        {
            "person_id": ["P1", "P1", "P1"],
            "period_start": [date(2020, 1, 1), date(2020, 1, 15), date(2020, 2, 10)],
            "period_end": [date(2020, 1, 31), date(2020, 1, 20), None],
            "date_of_birth": [date(2010, 1, 1)] * 3,
            "team": ["East", "West", "North"],
        }
    )
    days = [
        date(2019, 12, 1),
        date(2020, 1, 16),
        date(2020, 1, 25),
        date(2020, 2, 1),
        date(2021, 1, 1),
    ]
    reviews = pd.DataFrame(
        {
            "review_id": [f"R{i}" for i in range(5)],
            "person_id": ["P1"] * 5,
            "review_type": ["CLA Review"] * 5,
            "status": ["Held"] * 5,
            "review_date": days,
            "participation_code": ["PN1"] * 5,
        }
    )
    teams = [r.team for r in held_cla_reviews(reviews, children)]
    # 01/12/2019, before every period: the earliest (East); 16/01, inside both: the later
    # start (West); 25/01, inside the first only: East; 01/02, inside none: the latest
    # started before it (West, 15/01); 01/01/2021, in the open period: North.
    assert teams == ["East", "West", "East", "West", "North"]


def test_ages_on_matches_age_on_around_29_february() -> None:
    born = [date(2020, 2, 29), date(2019, 3, 1), date(2019, 2, 28), date(2016, 12, 31)]
    days = [date(2020, 2, 28) + timedelta(days=n) for n in range(0, 5 * 366, 7)]
    days += [date(y, m, d) for y in range(2021, 2026) for m, d in ((2, 28), (3, 1))]
    for b in born:
        expected = [age_on(b, d) for d in days]
        got = ages_on(np.full(len(days), b, dtype="datetime64[D]"), np.array(days, "datetime64[D]"))
        assert got.tolist() == expected
    # By hand: born 29/02/2020 is 0 on 28/02/2021, 1 on 01/03/2021, 4 on 29/02/2024.
    leap = np.array([date(2020, 2, 29)] * 3, "datetime64[D]")
    on = np.array([date(2021, 2, 28), date(2021, 3, 1), date(2024, 2, 29)], "datetime64[D]")
    assert ages_on(leap, on).tolist() == [0, 1, 4]
