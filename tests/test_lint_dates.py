"""Timings in recommendation wording, and the due dates they stand for (worked by hand)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from iro_cli.lint.dates import find_timings, fixed_offset, resolve

NOV_20 = date(2026, 11, 20)


@pytest.mark.parametrize(
    ("text", "base", "found", "kind", "due"),
    [
        ("Sam (SW) will book the dentist by 15/01/2027.", NOV_20, "15/01/2027", "date",
         date(2027, 1, 15)),
        # Fri 18/12 is day 1; 25, 28 Dec and 1 Jan are bank holidays; Tue 05/01/2027 is day 10.
        ("Priya will send the plan within 10 working days.", date(2026, 12, 17),
         "within 10 working days", "relative", date(2027, 1, 5)),
        ("Jo will apply within 4 weeks.", NOV_20, "within 4 weeks", "relative", date(2026, 12, 18)),
        ("Jo will apply within 3 months.", date(2026, 11, 30), "within 3 months", "relative",
         date(2027, 2, 28)),
        ("Jo will apply by the end of January 2027.", NOV_20, "end of January 2027", "month",
         date(2027, 1, 31)),
        ("School to hold the PEP before the end of the spring term 2027.", NOV_20,
         "end of the spring term 2027", "term", date(2027, 3, 31)),
        # Capitals change nothing: the end of the month, not the 15th.
        ("Jo will apply by End of January 2027.", NOV_20, "End of January 2027", "month",
         date(2027, 1, 31)),
        ("Jo will apply by the Start of March 2027.", NOV_20, "Start of March 2027", "month",
         date(2027, 3, 1)),
        ("Sam may start college within Six Weeks.", NOV_20, "within Six Weeks", "relative",
         date(2027, 1, 1)),
    ],
)  # fmt: skip
def test_deadlines_and_their_dates(text: str, base: date, found: str, kind: str, due: date) -> None:
    (timing,) = find_timings(text)
    assert (timing.text, timing.kind, timing.deadline) == (found, kind, True)
    assert resolve(timing, base) == due


def test_frequencies_and_events() -> None:
    (timing,) = find_timings("Dad will see Sam every other Saturday.")
    assert (timing.kind, timing.deadline, resolve(timing, NOV_20)) == ("frequency", False, None)
    event, day = find_timings("Discuss at the next review on 12 May 2027.")
    assert (event.kind, resolve(event, NOV_20, date(2027, 5, 12))) == ("event", date(2027, 5, 12))
    assert (day.text, resolve(day, NOV_20)) == ("12 May 2027", date(2027, 5, 12))


def test_no_timing_in_vague_wording() -> None:
    assert find_timings("Social worker to update the care plan ASAP.") == ()


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("Sam will apply within 4 weeks.", 28),
        ("Jo will call within 48 hours.", 2),
        ("Jo will call within 12 hours.", 1),
        ("Visit within 3 nights.", 3),
        ("Apply in two fortnights.", 28),
        ("Apply within the next week.", 7),
    ],
)
def test_fixed_offsets_are_what_resolve_gives(text: str, days: int) -> None:
    (timing,) = find_timings(text)
    assert fixed_offset(timing) == timedelta(days=days)
    for base in (date(2024, 2, 27), date(2026, 12, 24)):
        assert resolve(timing, base) == base + timedelta(days=days)


@pytest.mark.parametrize(
    "text",
    ["within 10 working days", "within 3 months", "by the end of term", "by 15/01/2027"],
)
def test_no_fixed_offset_when_the_date_matters(text: str) -> None:
    (timing,) = find_timings(text)
    assert fixed_offset(timing) is None
