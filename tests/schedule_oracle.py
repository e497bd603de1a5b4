"""The per-child schedule rules as they were before the array version (#16): the oracle the
array schedule (:mod:`iro_cli.schedule.due`, :mod:`iro_cli.timeliness.reviews`) is tested
against. Unchanged in behaviour; only the module moved (and imports the shared types).

Which statutory reviews are due, and when (pure: frames and ``as_of`` in, rows out).

CLA reviews (CPPCR 2010 reg 33; Wales 2015 reg 39 assumed the same):
first within 20 working days of the start of the period of care, second within
3 months of the first *held* review, then within 6 months of the previous held
review. Short breaks (reg 48 / Wales reg 62): first within 3 months of the start,
then 6-monthly. Only ``Held`` reviews move the clock; a new period of care starts
it again; a child whose care has ended is not due a review.

Child protection (Working Together 2023): ICPC within 15 working days of the
strategy discussion; first review conference within 3 months of the ICPC; then
within 6 months of the previous held review conference; none once the plan ends.

Pathway plans (optional, when the export has them): within 6 months of the
previous held review, for a young person who is no longer looked after.

Everything is worked out "as at" ``as_of``: rows dated after it are ignored, so
an old export run with its extract date gives the list of that morning.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import astuple
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, NamedTuple

from iro_cli.schedule.dates import WorkingCalendar, add_months, uk, uk_day
from iro_cli.schedule.due import DueReview

if TYPE_CHECKING:
    import pandas as pd

CLA, ICPC, RCPC, PATHWAY = "CLA Review", "ICPC", "RCPC", "Pathway Plan Review"
TYPES = {"cla": (CLA,), "cp": (ICPC, RCPC), "pathway": (PATHWAY,)}
FIRST_REVIEW_WORKING_DAYS = 20
ICPC_WORKING_DAYS = 15
PATHWAY_MAX_AGE = 25
_ONE_DAY = timedelta(days=1)


class Meeting(NamedTuple):
    """One row of reviews.csv, as the rules need it."""

    day: date
    status: str
    next_review_date: date | None
    chair: str
    review_id: str = ""


class Due(NamedTuple):
    """When a review is due, and why (plain words, as in the output's ``basis``)."""

    day: date
    basis: str


# --- the rules: one implementation, used by the daily list and the yearly figures ----------


def cla_next_due(
    start: date,
    short_breaks: bool,
    held_count: int,
    last_held: date | None,
    calendar: WorkingCalendar,
    new_period: bool = False,
) -> Due:
    """The next CLA review of a period of care that began on ``start``.

    ``held_count`` reviews have been held in the period so far, the last on ``last_held``.
    """
    if held_count == 0 or last_held is None:
        if short_breaks:
            due = add_months(start, 3)
            basis = f"first review (short breaks): 3 months after {uk(start)}"
        else:
            due = calendar.add_working_days(start, FIRST_REVIEW_WORKING_DAYS)
            basis = f"first review: 20 working days after care began on {uk(start)}"
        return Due(due, basis + (" (new period of care)" if new_period else ""))
    if held_count == 1 and not short_breaks:
        return Due(
            add_months(last_held, 3), f"second review: 3 months after review held {uk(last_held)}"
        )
    return Due(add_months(last_held, 6), f"next review: 6 months after review held {uk(last_held)}")


def icpc_due(strategy: date, calendar: WorkingCalendar) -> Due:
    """The initial conference: 15 working days after the strategy discussion."""
    return Due(
        calendar.add_working_days(strategy, ICPC_WORKING_DAYS),
        f"initial conference: 15 working days after strategy discussion on {uk(strategy)}",
    )


def rcpc_next_due(conference: date, last_held: date | None) -> Due:
    """The next review conference: 3 months after the ICPC, then 6 after the last one held."""
    if last_held is None:
        return Due(
            add_months(conference, 3),
            f"first review conference: 3 months after ICPC held {uk(conference)}",
        )
    return Due(
        add_months(last_held, 6),
        f"review conference: 6 months after conference held {uk(last_held)}",
    )


def pathway_next_due(last_held: date) -> Due:
    """The next pathway plan review: 6 months after the last one held."""
    return Due(
        add_months(last_held, 6), f"pathway plan review: 6 months after review held {uk(last_held)}"
    )


def conference_day(icpcs: list[Meeting], plan_start: date | None, as_of: date) -> date | None:
    """The day of the ICPC: its held row in reviews.csv, else the plan's start, else none yet."""
    if icpcs:
        return icpcs[0].day
    if plan_start is not None and plan_start <= as_of:
        return plan_start
    return None


def index_meetings(reviews: pd.DataFrame, as_of: date) -> dict[tuple[str, str], list[Meeting]]:
    """(person, review type) -> meetings sorted by date; held meetings after ``as_of`` dropped."""
    index: dict[tuple[str, str], list[Meeting]] = defaultdict(list)
    rows = map(
        Meeting._make,  # tuple.__new__ on each zipped row: no Python-level call per meeting
        zip(
            reviews["review_date"],
            reviews["status"],
            reviews["next_review_date"],
            reviews["chair"],
            reviews["review_id"],
            strict=True,
        ),
    )
    keys = zip(reviews["person_id"], reviews["review_type"], strict=True)
    for key, meeting in zip(keys, rows, strict=True):
        if meeting.status == "Held" and meeting.day > as_of:
            continue  # not yet held as at as_of
        index[key].append(meeting)
    for meetings in index.values():
        # By day, then status; file order after that (two meetings of a day, one with a
        # Next Review Date and one without, cannot be compared further).
        meetings.sort(key=lambda m: (m.day, m.status))
    return index


def _held(meetings: Iterable[Meeting], after: date, until: date | None = None) -> list[Meeting]:
    return [
        m
        for m in meetings
        if m.status == "Held" and m.day >= after and (until is None or m.day <= until)
    ]


def _scheduled(
    meetings: Iterable[Meeting], after: date, last_held: Meeting | None, as_of: date
) -> date | None:
    """The next ``Scheduled`` meeting after ``after``.

    With none booked, the date the chair set at the last held review, unless it
    has passed or a meeting since then was rearranged or cancelled (the plan changed).
    """
    meetings = list(meetings)
    booked = [m.day for m in meetings if m.status == "Scheduled" and m.day > after]
    if booked:
        return min(booked)
    if last_held is None or last_held.next_review_date is None:
        return None
    moved = any(m.status in ("Rearranged", "Cancelled") and m.day > last_held.day for m in meetings)
    if moved or last_held.next_review_date < as_of:
        return None
    return last_held.next_review_date


def _practical(due: date, calendar: WorkingCalendar) -> str:
    """A note when the due date is not a working day (deadlines are not extended)."""
    if calendar.is_working_day(due):
        return ""
    return (
        f"; due {uk_day(due)}, so hold it by {uk_day(calendar.last_working_day_on_or_before(due))}"
    )


def _row(
    person: str,
    name: str,
    kind: str,
    due: date,
    as_of: date,
    scheduled: date | None,
    iro: str,
    team: str,
    basis: str,
    calendar: WorkingCalendar,
) -> DueReview:
    """One output row; the basis says when a due date falls on a non-working day."""
    days = (due - as_of).days
    return DueReview(
        person_id=person,
        name=name,
        review_type=kind,
        due_date=due,
        days_to_due=days,
        status="overdue" if days < 0 else "due",
        scheduled_date=scheduled,
        scheduled_late=scheduled is not None and scheduled > due,
        not_booked=days < 0 and scheduled is None,
        iro=iro,
        team=team,
        basis=basis + _practical(due, calendar),
    )


def _name(forename: str, surname: str) -> str:
    return " ".join(part for part in (forename, surname) if part)


class Period(NamedTuple):
    person_id: str
    name: str
    start: date
    end: date | None
    short_breaks: bool
    iro: str
    team: str
    date_of_birth: date | None


def current_periods(children: pd.DataFrame, as_of: date) -> dict[str, tuple[Period, int]]:
    """Person -> (their latest period of care begun by ``as_of``, how many periods before it)."""
    latest: dict[str, tuple[Period, int]] = {}
    for row in zip(
        children["person_id"],
        children["forename"],
        children["surname"],
        children["period_start"],
        children["period_end"],
        children["short_breaks"],
        children["allocated_iro"],
        children["team"],
        children["date_of_birth"],
        strict=True,
    ):
        person, forename, surname, start, end, short_breaks, iro, team, born = row
        if start > as_of:
            continue
        period = Period(person, _name(forename, surname), start, end, short_breaks, iro, team, born)
        before = latest.get(person)
        if before is None:
            latest[person] = (period, 0)
        elif start > before[0].start:
            latest[person] = (period, before[1] + 1)
        else:
            latest[person] = (before[0], before[1] + 1)
    return latest


def is_looked_after(period: Period, as_of: date) -> bool:
    return period.end is None or period.end > as_of


def pathway_review_due(care: Period | None, day: date) -> bool:
    """Whether the 6-month pathway rule applies on ``day``: not while the young person is
    looked after (an eligible child's plan is reviewed at the CLA review), nor from their
    25th birthday. ``care`` is their latest period of care (``None``: not in children.csv)."""
    if care is None:
        return True
    if care.start <= day and is_looked_after(care, day):
        return False
    born = care.date_of_birth
    return born is None or add_months(born, 12 * PATHWAY_MAX_AGE) > day


def cla_due(
    periods: dict[str, tuple[Period, int]],
    meetings: dict[tuple[str, str], list[Meeting]],
    as_of: date,
    calendar: WorkingCalendar,
) -> list[DueReview]:
    """The next CLA review of every child looked after at ``as_of``."""
    rows = []
    for person, (period, earlier) in periods.items():
        if not is_looked_after(period, as_of):
            continue
        own = meetings.get((person, CLA), [])
        held = _held(own, period.start)
        last = held[-1] if held else None
        due, basis = cla_next_due(
            period.start,
            period.short_breaks,
            len(held),
            last.day if last else None,
            calendar,
            new_period=earlier > 0,
        )
        scheduled = _scheduled(own, last.day if last else period.start - _ONE_DAY, last, as_of)
        rows.append(
            _row(
                person,
                period.name,
                CLA,
                due,
                as_of,
                scheduled,
                period.iro,
                period.team,
                basis,
                calendar,
            )
        )
    return rows


def cp_due(
    cp_plans: pd.DataFrame,
    periods: dict[str, tuple[Period, int]],
    meetings: dict[tuple[str, str], list[Meeting]],
    as_of: date,
    calendar: WorkingCalendar,
) -> list[DueReview]:
    """The next ICPC or review conference of every open child protection episode."""
    rows = []
    for person, strategy, plan_start, plan_end, chair, forename, surname, team in zip(
        cp_plans["person_id"],
        cp_plans["strategy_discussion_date"],
        cp_plans["plan_start"],
        cp_plans["plan_end"],
        cp_plans["chair"],
        cp_plans["forename"],
        cp_plans["surname"],
        cp_plans["team"],
        strict=True,
    ):
        if strategy > as_of or (plan_end is not None and plan_end <= as_of):
            continue
        period = periods.get(person)
        name = _name(forename, surname) or (period[0].name if period else "")
        team = team or (period[0].team if period else "")
        icpcs = _held(meetings.get((person, ICPC), []), strategy, plan_end)
        conference = conference_day(icpcs, plan_start, as_of)
        if conference is None:
            due, basis = icpc_due(strategy, calendar)
            kind, last_chair = ICPC, ""
            scheduled = _scheduled(
                meetings.get((person, ICPC), []), strategy - _ONE_DAY, None, as_of
            )
        else:
            own = meetings.get((person, RCPC), [])
            held = [m for m in _held(own, conference, plan_end) if m.day > conference]
            kind = RCPC
            due, basis = rcpc_next_due(conference, held[-1].day if held else None)
            last_chair = held[-1].chair if held else (icpcs[0].chair if icpcs else "")
            scheduled = _scheduled(
                own, held[-1].day if held else conference, held[-1] if held else None, as_of
            )
        rows.append(
            _row(
                person,
                name,
                kind,
                due,
                as_of,
                scheduled,
                chair or last_chair,
                team,
                basis,
                calendar,
            )
        )
    return rows


def pathway_due(
    periods: dict[str, tuple[Period, int]],
    meetings: dict[tuple[str, str], list[Meeting]],
    as_of: date,
    calendar: WorkingCalendar,
) -> list[DueReview]:
    """The next pathway plan review of every care leaver whose reviews are in the export."""
    rows = []
    for (person, kind), own in meetings.items():
        if kind != PATHWAY:
            continue
        held = _held(own, date.min)
        if not held:
            continue
        period = periods.get(person)
        if not pathway_review_due(period[0] if period else None, as_of):
            continue
        last = held[-1]
        due, basis = pathway_next_due(last.day)
        rows.append(
            _row(
                person,
                period[0].name if period else "",
                PATHWAY,
                due,
                as_of,
                _scheduled(own, last.day, last, as_of),
                last.chair,
                period[0].team if period else "",
                basis,
                calendar,
            )
        )
    return rows


def due_reviews(
    children: pd.DataFrame,
    reviews: pd.DataFrame,
    cp_plans: pd.DataFrame | None,
    as_of: date,
    calendar: WorkingCalendar,
    types: Iterable[str] = ("cla", "cp", "pathway"),
    *,
    meetings: dict[tuple[str, str], list[Meeting]] | None = None,
    periods: dict[str, tuple[Period, int]] | None = None,
) -> list[DueReview]:
    """Every review due (of the given types), most urgent first.

    ``meetings`` and ``periods``, when given, are ``index_meetings(reviews, as_of)`` and
    ``current_periods(children, as_of)`` already worked out by the caller.
    """
    types = set(types)
    if meetings is None:
        meetings = index_meetings(reviews, as_of)
    if periods is None:
        periods = current_periods(children, as_of)
    rows: list[DueReview] = []
    if "cla" in types:
        rows += cla_due(periods, meetings, as_of, calendar)
    if "cp" in types and cp_plans is not None:
        rows += cp_due(cp_plans, periods, meetings, as_of, calendar)
    if "pathway" in types:
        rows += pathway_due(periods, meetings, as_of, calendar)
    rows.sort(key=lambda r: (r.due_date, r.review_type, r.person_id))
    return rows


def select(
    rows: Iterable[DueReview],
    *,
    overdue: bool = True,
    within_days: int | None = None,
    iro: str | None = None,
    team: str | None = None,
) -> list[DueReview]:
    """Overdue rows (when ``overdue``) and rows due within ``within_days`` days, filtered."""
    chosen = []
    for row in rows:
        if iro and row.iro.casefold() != iro.casefold():
            continue
        if team and row.team.casefold() != team.casefold():
            continue
        late = row.days_to_due < 0
        if (overdue and late) or (
            within_days is not None and not late and row.days_to_due <= within_days
        ):
            chosen.append(row)
    return chosen


def to_records(rows: Iterable[DueReview]) -> list[tuple[Any, ...]]:
    return [astuple(r) for r in rows]
