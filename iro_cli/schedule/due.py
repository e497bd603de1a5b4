"""Which statutory reviews are due, and when (pure: exports and ``as_of`` in, rows out).

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

The work is done on whole columns (:func:`due_table`, a :class:`DueTable` of arrays,
one row per review due); :meth:`DueTable.rows` builds the output rows, with their
basis in words, only for the rows chosen to be shown.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields
from datetime import date
from operator import attrgetter
from typing import Any

import numpy as np

from iro_cli.schedule import rules
from iro_cli.schedule.arrays import (
    CLA,
    CLA_CODE,
    ICPC,
    ICPC_CODE,
    KINDS,
    NAT,
    PATHWAY,
    PATHWAY_CODE,
    RCPC,
    RCPC_CODE,
    Meetings,
    Table,
    WorkingDays,
    current_periods,
    filled,
    person_codes,
    take,
    text_name,
)
from iro_cli.schedule.dates import WorkingCalendar, uk_day

TYPES = {"cla": (CLA,), "cp": (ICPC, RCPC), "pathway": (PATHWAY,)}
FIRST_REVIEW_WORKING_DAYS = rules.FIRST_REVIEW_WORKING_DAYS
ICPC_WORKING_DAYS = rules.ICPC_WORKING_DAYS
PATHWAY_MAX_AGE = rules.PATHWAY_MAX_AGE
_ONE_DAY = np.timedelta64(1, "D")
_SORT_RANK = np.argsort(np.argsort(np.array(KINDS, dtype=object)))  # kind code -> name order


@dataclass(frozen=True)
class DueReview:
    """One review that is due; the fields are the output columns, in order."""

    person_id: str
    name: str
    review_type: str
    due_date: date
    days_to_due: int
    status: str  # "overdue" or "due"
    scheduled_date: date | None
    scheduled_late: bool
    not_booked: bool  # overdue with no meeting booked: the worst case on the morning list
    iro: str
    team: str
    basis: str


COLUMNS = [f.name for f in fields(DueReview)]


class Exports:
    """children, reviews and cp_plans as the arrays the rules need, people coded alike."""

    def __init__(self, children: Any, reviews: Any, cp_plans: Any | None) -> None:
        self.children, self.reviews = Table(children), Table(reviews)
        self.cp_plans = Table(cp_plans) if cp_plans is not None else None
        tables = [self.children, self.reviews]
        if self.cp_plans is not None:
            tables.append(self.cp_plans)
        coded, self.ids = person_codes(tables)  # ids: person code -> Person ID
        self.child_person, self.review_person = coded[0], coded[1]
        self.plan_person = coded[2] if cp_plans is not None else None
        self.people = len(self.ids)

    def get(self, key: str, name: str, kind: str = "text") -> np.ndarray:
        """A column of one export (converted once)."""
        table = {"children": self.children, "reviews": self.reviews}.get(key, self.cp_plans)
        assert table is not None, key
        return table.get(name, kind)


@dataclass
class DueTable:
    """Every review due as at ``as_of``, one array element per review, most urgent first.

    ``child`` is the row of children.csv of the child's current period of care, ``plan``
    the row of cp_plans.csv (-1: none); the basis is a code and its anchor day until
    :meth:`rows` words it.
    """

    exports: Exports
    as_of: date
    working: WorkingDays
    person: np.ndarray  # person code
    person_id: np.ndarray
    kind: np.ndarray  # code in KINDS
    due: np.ndarray
    scheduled: np.ndarray
    iro: np.ndarray
    team: np.ndarray
    child: np.ndarray
    plan: np.ndarray
    code: np.ndarray
    anchor: np.ndarray
    new_period: np.ndarray

    def __len__(self) -> int:
        return len(self.due)

    @property
    def days_to_due(self) -> np.ndarray:
        return (self.due - np.datetime64(self.as_of, "D")).astype(np.int64)

    def select(
        self,
        *,
        overdue: bool = True,
        within_days: int | None = None,
        iro: str | None = None,
        team: str | None = None,
    ) -> np.ndarray:
        """Positions of the overdue rows (when ``overdue``) and those due within
        ``within_days`` days, for the IRO and team given (ignoring case), in order."""
        days = self.days_to_due
        late = days < 0
        keep = late & overdue
        if within_days is not None:
            keep |= ~late & (days <= within_days)
        for wanted, values in ((iro, self.iro), (team, self.team)):
            if wanted:
                keep &= _casefold(values) == wanted.casefold()
        return np.flatnonzero(keep)

    def rows(self, chosen: Iterable[int] | np.ndarray | None = None) -> list[DueReview]:
        """The output rows of the positions ``chosen`` (all when ``None``), basis in words."""
        at = np.arange(len(self)) if chosen is None else np.asarray(chosen, dtype=np.int64)
        due = self.due[at]
        working = self.working.is_working(due)
        hold_by = np.where(working, due, self.working.on_or_before(due))
        scheduled = self.scheduled[at]
        days = self.days_to_due[at]
        late_booking = ~np.isnat(scheduled) & (scheduled > due)
        child_rows, plan_rows = self.child[at], self.plan[at]
        children = self.exports.children
        forenames = children.pick("forename", child_rows).tolist()
        surnames = children.pick("surname", child_rows).tolist()
        plan_forenames = plan_surnames = [""] * len(at)
        if self.exports.cp_plans is not None:
            plan_forenames = self.exports.cp_plans.pick("forename", plan_rows).tolist()
            plan_surnames = self.exports.cp_plans.pick("surname", plan_rows).tolist()
        columns = zip(
            at.tolist(),
            forenames,
            surnames,
            plan_forenames,
            plan_surnames,
            self.code[at].tolist(),
            self.anchor[at].astype(object).tolist(),
            self.new_period[at].tolist(),
            due.astype(object).tolist(),
            working.tolist(),
            hold_by.astype(object).tolist(),
            days.tolist(),
            scheduled.astype(object).tolist(),
            late_booking.tolist(),
            strict=True,
        )
        out = []
        for values in columns:
            row, first, last, plan_first, plan_last, code, anchor, new = values[:8]
            day, ok, hold, number, booked, late = values[8:]
            name = text_name(plan_first, plan_last) or text_name(first, last)
            words = rules.basis(code, anchor, new)
            if not ok:
                words += f"; due {uk_day(day)}, so hold it by {uk_day(hold)}"
            out.append(
                DueReview(
                    person_id=self.person_id[row],
                    name=name,
                    review_type=KINDS[self.kind[row]],
                    due_date=day,
                    days_to_due=number,
                    status="overdue" if number < 0 else "due",
                    scheduled_date=booked,
                    scheduled_late=late,
                    not_booked=number < 0 and booked is None,
                    iro=self.iro[row],
                    team=self.team[row],
                    basis=words,
                )
            )
        return out


def _casefold(values: np.ndarray) -> np.ndarray:
    return np.array([str(v).casefold() for v in values], dtype=object)


def due_table(
    children: Any,
    reviews: Any,
    cp_plans: Any | None,
    as_of: date,
    calendar: WorkingCalendar,
    types: Iterable[str] = ("cla", "cp", "pathway"),
    *,
    exports: Exports | None = None,
    working: WorkingDays | None = None,
    meetings: Meetings | None = None,
) -> DueTable:
    """Every review due (of the given types) as at ``as_of``, most urgent first.

    The exports are read exports (``session.read``), DataFrames or mappings of columns;
    ``exports``, ``working`` and ``meetings``, when given, are the same exports already
    coded, the calendar's working days and the meetings as at ``as_of`` (the yearly
    figures share them).
    """
    types = set(types)
    exports = exports or Exports(children, reviews, cp_plans)
    working = working or WorkingDays(calendar)
    day = np.datetime64(as_of, "D")
    meetings = meetings or Meetings(exports.reviews, exports.review_person, day)
    latest, earlier = current_periods(exports.children, exports.child_person, exports.people, day)
    parts: list[dict[str, np.ndarray]] = []
    if "cla" in types:
        parts.append(_cla(exports, meetings, latest, earlier, day, working))
    if "cp" in types and exports.cp_plans is not None:
        parts.append(_cp(exports, meetings, latest, day, working))
    if "pathway" in types:
        parts.append(_pathway(exports, meetings, latest, day))
    names = ("person", "kind", "due", "scheduled", "iro", "team", "child", "plan", "code",
             "anchor", "new_period")  # fmt: skip
    joined = {n: np.concatenate([p[n] for p in parts]) if parts else _empty(n) for n in names}
    kind_rank = _SORT_RANK[joined["kind"]]
    order = np.lexsort((joined["plan"], joined["person"], kind_rank, joined["due"]))
    joined = {n: v[order] for n, v in joined.items()}
    return DueTable(exports, as_of, working, person_id=exports.ids[joined["person"]], **joined)


def _empty(name: str) -> np.ndarray:
    if name in ("due", "scheduled", "anchor"):
        return np.array([], dtype="datetime64[D]")
    if name in ("iro", "team"):
        return np.array([], dtype=object)
    if name == "new_period":
        return np.array([], dtype=bool)
    return np.array([], dtype=np.int64)


def _looked_after(exports: Exports, rows: np.ndarray, day: np.datetime64) -> np.ndarray:
    end = exports.get("children", "period_end", "date")[rows]
    return np.isnat(end) | (end > day)


def _cla(
    exports: Exports,
    meetings: Meetings,
    latest: np.ndarray,
    earlier: np.ndarray,
    day: np.datetime64,
    working: WorkingDays,
) -> dict[str, np.ndarray]:
    """The next CLA review of every child looked after on ``day``."""
    person = np.flatnonzero(latest >= 0)
    rows = latest[person]
    looked_after = _looked_after(exports, rows, day)
    person, rows = person[looked_after], rows[looked_after]
    start = exports.get("children", "period_start", "date")[rows]
    short = exports.get("children", "short_breaks", "flag")[rows]
    group = person * 4 + CLA_CODE
    first, end = meetings.held_range(group, start)
    held = end - first
    last = meetings.held_row(end - 1, held > 0)
    last_day = take(meetings.day, last, NAT)
    due, code, anchor = rules.cla_due(start, short, held, last_day, working)
    after = np.where(held > 0, last_day, start - _ONE_DAY)
    return {
        "person": person,
        "kind": np.full(len(person), CLA_CODE),
        "due": due,
        "scheduled": meetings.scheduled(group, after, last, day),
        "iro": exports.children.pick("allocated_iro", rows),
        "team": exports.children.pick("team", rows),
        "child": rows,
        "plan": np.full(len(person), -1),
        "code": code,
        "anchor": anchor,
        "new_period": earlier[person] > 0,
    }


def _cp(
    exports: Exports,
    meetings: Meetings,
    latest: np.ndarray,
    day: np.datetime64,
    working: WorkingDays,
) -> dict[str, np.ndarray]:
    """The next ICPC or review conference of every open child protection episode."""
    strategy = exports.get("cp_plans", "strategy_discussion_date", "date")
    plan_end = exports.get("cp_plans", "plan_end", "date")
    plans = np.flatnonzero((strategy <= day) & ~(plan_end <= day))
    person = exports.plan_person[plans]
    strategy = strategy[plans]
    plan_start = exports.get("cp_plans", "plan_start", "date")[plans]
    # The ICPC: its first held row since the strategy discussion, else the plan's start.
    icpc_group = person * 4 + ICPC_CODE
    first, end = meetings.held_range(icpc_group, strategy)
    has_icpc = first < end
    icpc_row = meetings.held_row(first, has_icpc)
    conference = take(meetings.day, icpc_row, NAT)
    from_plan = ~has_icpc & ~np.isnat(plan_start) & (plan_start <= day)
    conference[from_plan] = plan_start[from_plan]
    initial = np.isnat(conference)
    # Review conferences: the last held after the ICPC.
    rcpc_group = person * 4 + RCPC_CODE
    group_first, group_end = meetings.group_bounds(rcpc_group)
    last = meetings.held_row(group_end - 1, group_end > group_first)
    has_rcpc = (last >= 0) & ~initial
    has_rcpc[has_rcpc] = meetings.day[last[has_rcpc]] > conference[has_rcpc]
    last[~has_rcpc] = -1
    last_day = take(meetings.day, last, NAT)

    due = np.full(len(plans), NAT)
    code = np.full(len(plans), rules.INITIAL, dtype=np.int8)
    anchor = strategy.copy()
    if initial.any():
        due[initial] = rules.icpc_due(strategy[initial], working)
    review = ~initial
    due[review], code[review], anchor[review] = rules.rcpc_due(conference[review], last_day[review])
    group = np.where(initial, icpc_group, rcpc_group)
    after = np.where(initial, strategy - _ONE_DAY, np.where(has_rcpc, last_day, conference))
    scheduled = meetings.scheduled(group, after, last, day)

    by_icpc = review & ~has_rcpc & has_icpc
    last_chair = meetings.reviews.pick("chair", np.where(by_icpc, icpc_row, last))
    plan_chair = exports.get("cp_plans", "chair")[plans]
    plan_team = exports.get("cp_plans", "team")[plans]
    child = latest[person]
    child_team = exports.children.pick("team", child)
    return {
        "person": person,
        "kind": np.where(initial, ICPC_CODE, RCPC_CODE),
        "due": due,
        "scheduled": scheduled,
        "iro": np.where(filled(plan_chair), plan_chair, last_chair),
        "team": np.where(filled(plan_team), plan_team, child_team),
        "child": child,
        "plan": plans,
        "code": code,
        "anchor": anchor,
        "new_period": np.zeros(len(plans), dtype=bool),
    }


def _pathway(
    exports: Exports, meetings: Meetings, latest: np.ndarray, day: np.datetime64
) -> dict[str, np.ndarray]:
    """The next pathway plan review of every care leaver whose reviews are in the export."""
    held = meetings.held
    group = meetings.group[held]
    is_last = np.ones(len(held), dtype=bool)
    is_last[:-1] = group[1:] != group[:-1]
    at = np.flatnonzero(is_last & (group % 4 == PATHWAY_CODE))
    last = held[at]
    person = group[at] // 4
    child = latest[person]
    known = child >= 0
    start = take(exports.get("children", "period_start", "date"), child, NAT)
    end = take(exports.get("children", "period_end", "date"), child, NAT)
    born = take(exports.get("children", "date_of_birth", "date"), child, NAT)
    applies = rules.pathway_applies(start, end, born, known, np.full(len(at), day))
    person, last, child = person[applies], last[applies], child[applies]
    last_day = meetings.day[last]
    team = exports.children.pick("team", child)
    return {
        "person": person,
        "kind": np.full(len(person), PATHWAY_CODE),
        "due": rules.pathway_due(last_day),
        "scheduled": meetings.scheduled(person * 4 + PATHWAY_CODE, last_day, last, day),
        "iro": meetings.reviews.pick("chair", last),
        "team": team,
        "child": child,
        "plan": np.full(len(person), -1),
        "code": np.full(len(person), rules.PATHWAY_NEXT, dtype=np.int8),
        "anchor": last_day,
        "new_period": np.zeros(len(person), dtype=bool),
    }


def due_reviews(
    children: Any,
    reviews: Any,
    cp_plans: Any | None,
    as_of: date,
    calendar: WorkingCalendar,
    types: Iterable[str] = ("cla", "cp", "pathway"),
) -> list[DueReview]:
    """Every review due (of the given types), most urgent first, as output rows."""
    return due_table(children, reviews, cp_plans, as_of, calendar, types).rows()


def select(
    rows: Iterable[DueReview],
    *,
    overdue: bool = True,
    within_days: int | None = None,
    iro: str | None = None,
    team: str | None = None,
) -> list[DueReview]:
    """Overdue rows (when ``overdue``) and rows due within ``within_days`` days, filtered
    (the same choice as :meth:`DueTable.select`, on rows already built)."""
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
    """The rows as tuples of their fields (``dataclasses.astuple`` deep-copies each value:
    a third of a second for a morning's list at national scale)."""
    fields_of = attrgetter(*COLUMNS)
    return [fields_of(r) for r in rows]
