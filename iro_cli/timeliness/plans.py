"""Child protection plans over a period: repeats, plans that ended, plans open long.

Pure: the cp_plans frame, the period and ``as_of`` in, figures and plan rows out.
A plan is a row of cp_plans.csv with a Plan Start; rows dated after the "as at"
day (the end of the period, or ``as_of`` when earlier) are ignored: a plan that
ends after it is open on it.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date
from typing import TYPE_CHECKING

from iro_cli.periods import Period, as_at
from iro_cli.schedule.dates import add_months, uk
from iro_cli.timeliness.figures import rate

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    Columns = Mapping[str, Sequence]  # a DataFrame, or the plain columns of read_checked

TWO_YEARS_DAYS = 730
LONG_OPEN_MONTHS = 18


@dataclass(frozen=True)
class PlanRow:
    """One plan that counts in a figure, and why (``--list``)."""

    person_id: str
    plan_start: date
    plan_end: date | None  # None: open on the as-at day
    previous_plan_end: date | None
    days_since_previous: int | None
    days_on_plan: int  # to the end, or to the as-at day when open
    started: bool
    repeat: bool
    repeat_within_2_years: bool
    ended: bool
    ended_after_2_years: bool
    open_on_as_at: bool
    open_over_18_months: bool
    reason: str


LIST_COLUMNS = [f.name for f in fields(PlanRow)]
FLAG_COLUMNS = [f.name for f in fields(PlanRow) if f.type in (bool, "bool")]
FIGURES = (
    "plans_started",
    "repeat_plans",
    "repeat_rate",
    "repeat_within_2_years",
    "repeat_within_2_years_rate",
    "plans_ended",
    "ended_after_2_years",
    "ended_after_2_years_rate",
    "open_over_18_months",
    "open_over_18_months_rate",
    "open_on_as_at",
)


def plan_rows(cp_plans: Columns, period: Period, as_of: date) -> list[PlanRow]:
    """Every plan that started or ended in the period, or is open on the as-at day."""
    day = as_at(period, as_of)
    long_before = add_months(day, -LONG_OPEN_MONTHS)
    plans: dict[str, list[tuple[date, date | None]]] = {}
    for person, start, end in zip(
        cp_plans["person_id"], cp_plans["plan_start"], cp_plans["plan_end"], strict=True
    ):
        if start is None or start > day:
            continue  # no plan made (yet), or not yet as at the day
        plans.setdefault(person, []).append(
            (start, end if end is not None and end <= day else None)
        )
    rows = []
    for person, own in plans.items():
        own.sort(key=lambda p: p[0])
        for start, end in own:
            ended_before = [e for s, e in own if e is not None and s < start and e < start]
            previous = max(ended_before) if ended_before else None
            gap = (start - previous).days if previous is not None else None
            started = start in period
            repeat = started and previous is not None
            within = repeat and gap is not None and gap <= TWO_YEARS_DAYS
            ended = end is not None and end in period
            length = ((end or day) - start).days
            long_ended = ended and length >= TWO_YEARS_DAYS
            is_open = end is None
            open_long = is_open and start < long_before
            if not (started or ended or is_open):
                continue
            reasons = []
            if started:
                reasons.append(f"started {uk(start)}")
            if repeat:
                reasons.append(
                    f"repeat: an earlier plan ended {uk(previous)}, {gap} days before"  # type: ignore[arg-type]
                    + (" (within 2 years)" if within else " (more than 2 years)")
                )
            if ended:
                reasons.append(
                    f"ended {uk(end)} after {length} days"  # type: ignore[arg-type]
                    + (" (2 years or more)" if long_ended else "")
                )
            if is_open:
                reasons.append(
                    f"open on {uk(day)}, {length} days"
                    + (f" (started before {uk(long_before)}: over 18 months)" if open_long else "")
                )
            rows.append(
                PlanRow(
                    person,
                    start,
                    end,
                    previous,
                    gap,
                    length,
                    started,
                    repeat,
                    within,
                    ended,
                    long_ended,
                    is_open,
                    open_long,
                    "; ".join(reasons),
                )
            )
    rows.sort(key=lambda r: (r.plan_start, r.person_id))
    return rows


def plan_figures(rows: list[PlanRow]) -> dict[str, int | float | None]:
    """The figures, in order; rates are fractions of plans started, ended or open."""
    started = sum(r.started for r in rows)
    repeats = sum(r.repeat for r in rows)
    within = sum(r.repeat_within_2_years for r in rows)
    ended = sum(r.ended for r in rows)
    long_ended = sum(r.ended_after_2_years for r in rows)
    is_open = sum(r.open_on_as_at for r in rows)
    open_long = sum(r.open_over_18_months for r in rows)
    return {
        "plans_started": started,
        "repeat_plans": repeats,
        "repeat_rate": rate(repeats, started),
        "repeat_within_2_years": within,
        "repeat_within_2_years_rate": rate(within, started),
        "plans_ended": ended,
        "ended_after_2_years": long_ended,
        "ended_after_2_years_rate": rate(long_ended, ended),
        "open_over_18_months": open_long,
        "open_over_18_months_rate": rate(open_long, is_open),
        "open_on_as_at": is_open,
    }
