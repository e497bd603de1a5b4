"""The per-child timeliness as it was before the array version (#16): the oracle that
:mod:`iro_cli.timeliness.reviews` is tested against, unchanged in behaviour (its rows and
result types are the product's).

Each review held in a period against the date it was due (pure: frames in, rows out).

A held review's due date is the one :mod:`iro_cli.schedule.due` gives just
before it was held (the same rule functions as ``iro overdue``), so a late
review does not make the next one late: the next clock starts from the day the
late one was held. A review that was due in the period but not held by the "as
at" day is taken from the daily list itself (:func:`due_reviews` as at that day).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING

from iro_cli.periods import Period, as_at
from iro_cli.schedule.dates import WorkingCalendar, uk
from iro_cli.timeliness.reviews import NOT_RECORDED, Rearranged, ReviewRow, Timeliness
from tests.schedule_oracle import (
    CLA,
    ICPC,
    PATHWAY,
    RCPC,
    TYPES,
    Meeting,
    cla_next_due,
    conference_day,
    current_periods,
    due_reviews,
    icpc_due,
    index_meetings,
    pathway_next_due,
    pathway_review_due,
    rcpc_next_due,
)

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    Columns = Mapping[str, Sequence]  # a DataFrame, or the plain columns of read_checked

REVIEW_TYPES = (CLA, ICPC, RCPC, PATHWAY)


def _care_starts(children: Columns, as_at_day: date) -> dict[str, list[tuple[date, bool]]]:
    """Person -> the starts (and short-breaks flag) of their periods of care, in order."""
    starts: dict[str, list[tuple[date, bool]]] = {}
    for person, start, short_breaks in zip(
        children["person_id"], children["period_start"], children["short_breaks"], strict=True
    ):
        if start <= as_at_day:
            starts.setdefault(person, []).append((start, bool(short_breaks)))
    for rows in starts.values():
        rows.sort()
    return starts


def _is_held(meeting: Meeting) -> bool:
    return meeting.status == "Held"


def review_timeliness(
    children: Columns,
    reviews: Columns,
    cp_plans: Columns | None,
    period: Period,
    as_of: date,
    calendar: WorkingCalendar,
    types: Iterable[str] = ("cla", "cp", "pathway"),
) -> Timeliness:
    """The held, not-held and rearranged reviews of ``period`` as at min(period end, as_of)."""
    types = set(types)
    kinds = {kind for key in types for kind in TYPES[key]}
    day = as_at(period, as_of)
    meetings = index_meetings(reviews, day)
    periods = current_periods(children, day)
    people = {person: (found.iro, found.team) for person, (found, _) in periods.items()}
    held: list[ReviewRow] = []
    unmatched: dict[str, int] = {}
    claimed: set[tuple[str, str, str, date]] = set()

    def allocated(person: str, fallback_team: str = "") -> tuple[str, str]:
        iro, team = people.get(person, ("", ""))
        return iro, team or fallback_team

    def add(
        person: str, kind: str, meeting: Meeting, due: date, basis: str, team: str = ""
    ) -> None:
        claimed.add((person, kind, meeting.review_id, meeting.day))
        iro, child_team = allocated(person, team)
        late = (meeting.day - due).days
        held.append(
            ReviewRow(
                person,
                meeting.review_id,
                kind,
                meeting.day,
                due,
                max(late, 0),
                late <= 0,
                basis,
                meeting.chair,
                meeting.chair or iro or NOT_RECORDED,
                child_team or NOT_RECORDED,
            )
        )

    if CLA in kinds:
        starts = _care_starts(children, day)
        for (person, kind), own in meetings.items():
            if kind != CLA:
                continue
            care = starts.get(person, [])
            keys = [start for start, _ in care]
            current, count, last = -1, 0, None
            for meeting in filter(_is_held, own):
                index = bisect_right(keys, meeting.day) - 1
                if index < 0:
                    continue  # held before any period of care: no due date (counted below)
                if index != current:
                    current, count, last = index, 0, None
                if meeting.day >= period.start:  # earlier ones only move the clock
                    start, short_breaks = care[index]
                    due, basis = cla_next_due(start, short_breaks, count, last, calendar, index > 0)
                    add(person, CLA, meeting, due, basis)
                count, last = count + 1, meeting.day

    if kinds & {ICPC, RCPC} and cp_plans is not None:
        for person, strategy, plan_start, plan_end, plan_chair, plan_team in zip(
            cp_plans["person_id"],
            cp_plans["strategy_discussion_date"],
            cp_plans["plan_start"],
            cp_plans["plan_end"],
            cp_plans["chair"],
            cp_plans["team"],
            strict=True,
        ):
            if strategy > day:
                continue
            until = plan_end if plan_end is not None and plan_end <= day else day
            icpcs = [
                m
                for m in meetings.get((person, ICPC), [])
                if _is_held(m) and strategy <= m.day <= until
            ]
            conference = conference_day(icpcs, plan_start, day)
            if conference is None:
                continue
            if ICPC in kinds and conference >= period.start:
                due, basis = icpc_due(strategy, calendar)
                if icpcs:
                    meeting = icpcs[0]
                else:  # no ICPC row: the plan's start is the day the ICPC was held
                    meeting = Meeting(conference, "Held", None, plan_chair, "")
                    basis += " (held date from the plan's Plan Start)"
                if not meeting.chair and plan_chair:
                    meeting = meeting._replace(chair=plan_chair)
                add(person, ICPC, meeting, due, basis, plan_team)
            if RCPC in kinds:
                last = None
                for meeting in meetings.get((person, RCPC), []):
                    if _is_held(meeting) and conference < meeting.day <= until:
                        if meeting.day >= period.start:
                            due, basis = rcpc_next_due(conference, last)
                            add(person, RCPC, meeting, due, basis, plan_team)
                        last = meeting.day

    if PATHWAY in kinds:
        for (person, kind), own in meetings.items():
            if kind != PATHWAY:
                continue
            last = None
            care = periods[person][0] if person in periods else None
            for meeting in filter(_is_held, own):
                # a first one has no due date; nor has one while looked after or from 25
                if (
                    last is not None
                    and meeting.day >= period.start
                    and pathway_review_due(care, meeting.day)
                ):
                    due, basis = pathway_next_due(last)
                    add(person, PATHWAY, meeting, due, basis)
                last = meeting.day

    rearranged: list[Rearranged] = []
    for (person, kind), own in meetings.items():
        if kind not in kinds:
            continue
        for meeting in own:
            in_period = period.start <= meeting.day <= day
            if not in_period:
                continue
            if meeting.status == "Rearranged":
                iro, team = allocated(person)
                rearranged.append(
                    Rearranged(
                        person,
                        kind,
                        meeting.day,
                        meeting.chair or iro or NOT_RECORDED,
                        team or NOT_RECORDED,
                    )
                )
            elif (
                _is_held(meeting)
                and (person, kind, meeting.review_id, meeting.day) not in claimed
                and not (kind == PATHWAY and meeting is _first_held(own))
            ):
                unmatched[kind] = unmatched.get(kind, 0) + 1

    due = due_reviews(
        children, reviews, cp_plans, day, calendar, types, meetings=meetings, periods=periods
    )
    not_held = _not_held(due, period, day, people)
    held.sort(key=_order)
    return Timeliness(period, day, held, not_held, rearranged, unmatched)


def _first_held(own: list[Meeting]) -> Meeting | None:
    return next(filter(_is_held, own), None)


def _order(row: ReviewRow) -> tuple[int, date, str, str]:
    return (
        REVIEW_TYPES.index(row.review_type),
        row.review_date or row.due_date,
        row.person_id,
        row.review_id,
    )


def _not_held(
    due_list: list, period: Period, day: date, people: dict[str, tuple[str, str]]
) -> list[ReviewRow]:
    """What ``iro overdue`` lists as overdue on ``day`` (``due_list``), due within the period."""
    rows = []
    for due in due_list:
        if due.days_to_due >= 0 or due.due_date < period.start:
            continue
        iro, team = people.get(due.person_id, ("", ""))
        rows.append(
            ReviewRow(
                due.person_id,
                "",
                due.review_type,
                None,
                due.due_date,
                -due.days_to_due,
                False,
                f"not held by {uk(day)}: {due.basis}",
                "",
                iro or due.iro or NOT_RECORDED,
                team or due.team or NOT_RECORDED,
            )
        )
    rows.sort(key=_order)
    return rows
