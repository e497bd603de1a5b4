"""The sense checks on whole columns against the per-row code they replaced
(tests/sense_oracle.py): the same findings in the same order, whatever form the
tables come in (a ReadResult, a DataFrame, plain columns)."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from iro_cli.config import Config
from iro_cli.exports.reader import read_checked
from iro_cli.exports.sense import Limits, note_for, sense_checks, summary_note
from tests import sense_oracle as oracle
from tests.conftest import SAMPLE
from tests.generated_exports import SEEDS, generated


def _read(folder: Path) -> dict:
    quiet = {"on_warning": lambda _message: None}
    return {key: read_checked(key, folder, Config(), **quiet) for key in ("children", "reviews")}


def _shown(findings) -> list[tuple[str, str, str]]:
    return [(f.check, f.problem.severity, str(f.problem)) for f in findings]


AS_OF = [date(2026, 11, 20), date(2024, 6, 30), date(2031, 1, 1)]
LIMITS = [Limits(), Limits(max_age=9, years_ahead=1)]


@pytest.fixture(params=["sample", *SEEDS], ids=lambda p: f"seed{p}" if p != "sample" else p)
def tables(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> dict:
    folder = SAMPLE if request.param == "sample" else generated(tmp_path_factory, request.param)
    return _read(folder)


def test_findings_match_the_oracle_in_every_form(tables: dict) -> None:
    frames = {k: v.frame for k, v in tables.items()}
    lists = {k: v.columns for k, v in tables.items()}
    names = {k: v.path for k, v in tables.items()}
    kinds: Counter[str] = Counter()
    for as_of in AS_OF:
        for limits in LIMITS:
            expected = _shown(oracle.sense_checks(frames, as_of, limits))
            assert _shown(sense_checks(tables, as_of, limits)) == expected
            assert _shown(sense_checks(frames, as_of, limits)) == expected
            assert _shown(sense_checks(lists, as_of, limits, names)) == expected
            only_reviews = {"reviews": tables["reviews"]}
            assert _shown(sense_checks(only_reviews, as_of, limits)) == _shown(
                oracle.sense_checks({"reviews": frames["reviews"]}, as_of, limits)
            )
            kinds.update(f[0] for f in expected)
    # The dates and limits above make most checks fire somewhere.
    assert {"birth_range", "held_future", "far_future"} <= set(kinds)


def test_summary_notes_match_the_oracle(tables: dict) -> None:
    frames = {k: v.frame for k, v in tables.items()}
    for as_of in AS_OF:
        old = oracle.sense_checks(frames, as_of, Limits())
        for command in ("overdue", "participation", "letter", "lint", "timeliness"):
            expected = summary_note(old, command, as_of)
            assert note_for(command, tables, as_of, {}) == expected
            assert note_for(command, frames, as_of, {}) == expected


def test_corrupted_exports_match_the_oracle(tmp_path_factory) -> None:
    """Every kind of finding, planted in generated exports: duplicate Review IDs with
    other content, a second date of birth, reviews before birth, blank dates."""
    tables = _read(generated(tmp_path_factory, SEEDS[1]))
    children = {k: list(v) for k, v in tables["children"].columns.items()}
    reviews = {k: list(v) for k, v in tables["reviews"].columns.items()}
    rng = np.random.default_rng(7)
    for i in rng.choice(len(reviews["review_id"]), 40, replace=False):
        reviews["review_id"][i] = reviews["review_id"][int(rng.integers(len(reviews["review_id"])))]
    for i in rng.choice(len(reviews["review_date"]), 20, replace=False):
        reviews["review_date"][i] = None
    for i in rng.choice(len(children["date_of_birth"]), 30, replace=False):
        children["date_of_birth"][i] = date(2024, 1, 1) + timedelta(days=int(i))
    for i in rng.choice(len(children["period_start"]), 10, replace=False):
        children["period_start"][i] = None
    for i in rng.choice(len(children["period_end"]), 30, replace=False):
        children["period_end"][i] = children["period_start"][i]  # care ends the day it starts
    for i in rng.choice(len(children["date_of_birth"]), 10, replace=False):
        children["date_of_birth"][i] = None
    planted = {"children": children, "reviews": reviews}
    for as_of in AS_OF:
        expected = _shown(oracle.sense_checks(planted, as_of, Limits()))
        assert _shown(sense_checks(planted, as_of, Limits())) == expected
    kinds = {f[0] for f in expected}
    assert {"two_births", "before_birth", "duplicate_review", "outside_care"} <= kinds


DAY0 = date(2020, 1, 1)
_days = st.none() | st.integers(-40, 40).map(lambda n: DAY0 + timedelta(days=n))
_people = st.sampled_from(["P1", "P2", "P3", "", None])


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.tuples(_people, _days, _days, _days), max_size=6),
    st.lists(
        st.tuples(
            st.sampled_from(["R1", "R2", "R3", "R4", "R5"]),
            _people,
            _days,
            _days,
            st.sampled_from(["Held", "Cancelled"]),
            st.sampled_from(["CLA Review", "RCPC"]),
        ),
        max_size=10,
    ),
    st.integers(-30, 30),
)
def test_made_up_tables_match_the_oracle(children_rows, review_rows, shift) -> None:
    """Periods overlapping, open, with no start or ending before they start; dates of
    birth that differ; Review IDs repeated; dates blank, ahead and behind."""
    children = {
        "person_id": [r[0] for r in children_rows],
        "date_of_birth": [r[1] for r in children_rows],
        "period_start": [r[2] for r in children_rows],
        "period_end": [r[3] for r in children_rows],
        "_line": list(range(2, len(children_rows) + 2)),
    }
    reviews = {
        "review_id": [r[0] for r in review_rows],
        "person_id": [r[1] for r in review_rows],
        "review_date": [r[2] for r in review_rows],
        "next_review_date": [r[3] for r in review_rows],
        "status": [r[4] for r in review_rows],
        "review_type": [r[5] for r in review_rows],
        "_line": list(range(2, len(review_rows) + 2)),
    }
    as_of = DAY0 + timedelta(days=shift)
    limits = Limits(max_age=1, years_ahead=1)
    tables = {"children": children, "reviews": reviews}
    assert _shown(sense_checks(tables, as_of, limits)) == _shown(
        oracle.sense_checks(tables, as_of, limits)
    )
