"""Each review held in a period against the date it was due (pure: exports in, rows out).

A held review's due date is the one the schedule's rules (:mod:`iro_cli.schedule.rules`,
the same as ``iro overdue``) give from the held reviews before it, worked out for all
held reviews at once on arrays: the period of care each was held in, how many were
held in it before, and the one just before (a shift within the group). So a late
review does not make the next one late: the next clock starts from the day the late
one was held. A review that was due in the period but not held by the "as at" day is
taken from the daily list itself (:func:`~iro_cli.schedule.due.due_table` as at that day).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, NamedTuple, overload

import numpy as np

from iro_cli.periods import Period, as_at
from iro_cli.schedule import rules
from iro_cli.schedule.arrays import (
    CLA_CODE,
    DAY,
    ICPC_CODE,
    KINDS,
    NAT,
    PATHWAY_CODE,
    RCPC_CODE,
    REARRANGED,
    Meetings,
    WorkingDays,
    current_periods,
    first_seen,
    group_key,
    group_start,
    take,
)
from iro_cli.schedule.dates import WorkingCalendar, uk
from iro_cli.schedule.due import CLA, ICPC, PATHWAY, RCPC, TYPES, DueReview, Exports, due_table

REVIEW_TYPES = (CLA, ICPC, RCPC, PATHWAY)
NOT_RECORDED = "Not recorded"
FROM_PLAN = " (held date from the plan's Plan Start)"


class ReviewRow(NamedTuple):
    """One review for ``--list``: held (with its date) or due and not held (no date).

    A named tuple: a year at 100,000 children makes 150,000 of them.
    """

    person_id: str
    review_id: str
    review_type: str
    review_date: date | None  # None: due in the period and not held by the as-at day
    due_date: date
    days_late: int  # 0 when in time; for a review not held, days overdue on the as-at day
    in_time: bool
    basis: str
    chair: str
    iro: str = ""  # the group for --by iro
    team: str = ""  # the group for --by team


LIST_COLUMNS = [name for name in ReviewRow._fields if name not in ("iro", "team")]


class Rearranged(NamedTuple):
    """A meeting with Status ``Rearranged`` dated in the period."""

    person_id: str
    review_type: str
    day: date
    iro: str
    team: str


class HeldReviews(Sequence[ReviewRow]):
    """The held reviews of a period as columns (one array per :class:`ReviewRow` field,
    the basis as a code until asked for); rows are built only when read as rows
    (``--list``). Equal to a list of the same rows."""

    def __init__(self, columns: dict[str, np.ndarray], words: Callable[[], list[str]]) -> None:
        self.columns = columns
        self._words = words
        self._rows: list[ReviewRow] | None = None

    def column(self, name: str) -> np.ndarray:
        """One field of every row (``review_type`` as a str array, dates datetime64)."""
        return self.columns[name]

    def _built(self) -> list[ReviewRow]:
        if self._rows is None:
            c = self.columns
            self._rows = list(
                map(
                    ReviewRow._make,
                    zip(
                        c["person_id"].tolist(),
                        c["review_id"].tolist(),
                        c["review_type"].tolist(),
                        c["review_date"].astype(object).tolist(),
                        c["due_date"].astype(object).tolist(),
                        c["days_late"].tolist(),
                        c["in_time"].tolist(),
                        self._words(),
                        c["chair"].tolist(),
                        c["iro"].tolist(),
                        c["team"].tolist(),
                        strict=True,
                    ),
                )
            )
        return self._rows

    def __len__(self) -> int:
        return len(self.columns["in_time"])

    @overload
    def __getitem__(self, index: int) -> ReviewRow: ...
    @overload
    def __getitem__(self, index: slice) -> list[ReviewRow]: ...
    def __getitem__(self, index: int | slice) -> ReviewRow | list[ReviewRow]:
        return self._built()[index]

    def __iter__(self) -> Iterator[ReviewRow]:
        return iter(self._built())

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and list(self) == list(other)

    def __repr__(self) -> str:
        return f"HeldReviews({len(self)} rows)"


def held_column(held: Sequence[ReviewRow], name: str) -> np.ndarray:
    """One field of the held reviews, as an array, whether held as columns or as rows."""
    if isinstance(held, HeldReviews):
        return held.column(name)
    values = [getattr(row, name) for row in held]
    if name in ("review_date", "due_date"):
        return np.array(values, dtype="datetime64[D]")
    if name == "in_time":
        return np.array(values, dtype=bool)
    return np.array(values, dtype=object)


@dataclass
class Timeliness:
    """Everything the figures are counted from, for one period as at one day."""

    period: Period
    as_at: date
    held: Sequence[ReviewRow]  # a HeldReviews: columns, rows on demand
    not_held: list[ReviewRow]
    rearranged: list[Rearranged]
    unmatched: dict[str, int]  # held reviews in the period with no due date, by type


# The held reviews found, as arrays: one element per (review, due date).
_FIELDS = ("person", "kind", "row", "day", "due", "code", "anchor", "new_period", "plan",
           "position", "own_chair", "chair", "team")  # fmt: skip


def review_timeliness(
    children: Any,
    reviews: Any,
    cp_plans: Any | None,
    period: Period,
    as_of: date,
    calendar: WorkingCalendar,
    types: Iterable[str] = ("cla", "cp", "pathway"),
    *,
    exports: Exports | None = None,
) -> Timeliness:
    """The held, not-held and rearranged reviews of ``period`` as at min(period end, as_of).

    The exports are read exports (``session.read``), DataFrames or mappings of columns;
    ``exports``, when given, is them already coded (for several periods from one read).
    """
    types = set(types)
    kinds = {kind for key in types for kind in TYPES[key]}
    day = as_at(period, as_of)
    at = np.datetime64(day, "D")
    since = np.datetime64(period.start, "D")
    exports = exports or Exports(children, reviews, cp_plans)
    working = WorkingDays(calendar)
    meetings = Meetings(exports.reviews, exports.review_person, at)
    latest, _ = current_periods(exports.children, exports.child_person, exports.people, at)
    iro_of = exports.children.pick("allocated_iro", latest)
    team_of = exports.children.pick("team", latest)

    parts = []
    if CLA in kinds:
        parts.append(_cla(exports, meetings, at, since, working))
    if kinds & {ICPC, RCPC} and exports.cp_plans is not None:
        parts += _cp(exports, meetings, at, since, working, kinds)
    if PATHWAY in kinds:
        parts.append(_pathway(exports, meetings, latest, since))
    found = {n: np.concatenate([p[n] for p in parts]) for n in _FIELDS} if parts else None
    held = _held_rows(found or _nothing(), exports, meetings, iro_of, team_of)
    rearranged = _rearranged(exports, meetings, kinds, since, at, iro_of, team_of)
    unmatched = _unmatched(meetings, kinds, since, at, found)
    table = due_table(
        None, None, None, day, calendar, types, exports=exports, working=working, meetings=meetings
    )
    not_held = _not_held(table, period, day, iro_of, team_of)
    return Timeliness(period, day, held, not_held, rearranged, unmatched)


def _nothing() -> dict[str, np.ndarray]:
    """No held reviews found (no review type asked for that has any)."""
    return _part(
        0, person=np.zeros(0, dtype=np.int64), kind=np.zeros(0, dtype=np.int64),
        row=np.zeros(0, dtype=np.int64), day=np.zeros(0, dtype=DAY), due=np.zeros(0, dtype=DAY),
        code=np.zeros(0, dtype=np.int8), anchor=np.zeros(0, dtype=DAY),
    )  # fmt: skip


def _of_kind(meetings: Meetings, code: int) -> np.ndarray:
    """Positions in ``meetings.held`` of the held meetings of one review type."""
    return np.flatnonzero(meetings.group[meetings.held] % 4 == code)


def _same_as_previous(*columns: np.ndarray) -> np.ndarray:
    """Whether each element equals the one before it in every column."""
    same = np.zeros(len(columns[0]), dtype=bool)
    if len(same):
        same[1:] = np.logical_and.reduce([c[1:] == c[:-1] for c in columns])
    return same


def _run_rank(same_as_previous: np.ndarray) -> np.ndarray:
    """0, 1, 2, ... along each run (a run continues where ``same_as_previous``)."""
    count = len(same_as_previous)
    starts = np.where(~same_as_previous, np.arange(count), 0)
    return np.arange(count) - np.maximum.accumulate(starts) if count else starts


def _previous_day(days: np.ndarray, rank: np.ndarray) -> np.ndarray:
    """The day of the element before, where it is in the same run (else NaT)."""
    before = np.full(len(days), NAT)
    before[1:] = days[:-1]
    before[rank == 0] = NAT
    return before


def _part(count: int, **values: Any) -> dict[str, np.ndarray]:
    blank = {"plan": -1, "position": 0, "own_chair": False, "new_period": False}
    part = {}
    for name in _FIELDS:
        value = values.get(name, blank.get(name))
        if isinstance(value, np.ndarray):
            part[name] = value
        elif value is None:  # chair, team: none of its own
            part[name] = np.full(count, "", dtype=object)
        else:
            part[name] = np.full(count, value)
    return part


def _cla(
    exports: Exports, meetings: Meetings, at: np.datetime64, since: np.datetime64,
    working: WorkingDays,
) -> dict[str, np.ndarray]:  # fmt: skip
    """Held CLA reviews: the period of care each was held in (the last begun by then), and
    the reviews held in that period before it."""
    position = _of_kind(meetings, CLA_CODE)
    rows = meetings.held[position]
    person = meetings.person[rows]
    day = meetings.day[rows]
    # The periods of care begun by the as-at day, sorted by (person, start, short breaks).
    start = exports.get("children", "period_start", "date")
    short = exports.get("children", "short_breaks", "flag")
    begun = np.flatnonzero(start <= at)
    who = exports.child_person[begun]
    begun = begun[np.lexsort((short[begun], start[begun], who))]
    keys = group_key(exports.child_person[begun], start[begun])
    upto = np.searchsorted(keys, group_key(person, day), side="right")
    first = np.searchsorted(keys, group_start(person), side="left")
    index = upto - first - 1  # which of the person's periods: -1 before any
    inside = index >= 0
    position, rows, person, day, index = (a[inside] for a in (position, rows, person, day, index))
    care = begun[upto[inside] - 1]
    count = _run_rank(_same_as_previous(person, index))
    last = _previous_day(day, count)
    due, code, anchor = rules.cla_due(start[care], short[care], count, last, working)
    keep = day >= since
    return _part(
        int(keep.sum()),
        person=person[keep],
        kind=np.full(int(keep.sum()), CLA_CODE),
        row=rows[keep],
        day=day[keep],
        due=due[keep],
        code=code[keep],
        anchor=anchor[keep],
        new_period=index[keep] > 0,
        position=position[keep],
    )


def _cp(
    exports: Exports, meetings: Meetings, at: np.datetime64, since: np.datetime64,
    working: WorkingDays, kinds: set[str],
) -> list[dict[str, np.ndarray]]:  # fmt: skip
    """Held ICPCs (the first held after each strategy discussion, else the plan's start)
    and the review conferences held after them while the plan was open."""
    strategy = exports.get("cp_plans", "strategy_discussion_date", "date")
    plans = np.flatnonzero(strategy <= at)
    strategy = strategy[plans]
    person = exports.plan_person[plans]
    plan_start = exports.get("cp_plans", "plan_start", "date")[plans]
    plan_end = exports.get("cp_plans", "plan_end", "date")[plans]
    until = np.where(~np.isnat(plan_end) & (plan_end <= at), plan_end, at)
    icpc_group = person * 4 + ICPC_CODE
    first = np.searchsorted(meetings.held_key, group_key(icpc_group, strategy), side="left")
    upto = np.searchsorted(meetings.held_key, group_key(icpc_group, until), side="right")
    has_icpc = first < upto
    icpc_row = meetings.held_row(first, has_icpc)
    conference = take(meetings.day, icpc_row, NAT)
    from_plan = ~has_icpc & ~np.isnat(plan_start) & (plan_start <= at)
    conference[from_plan] = plan_start[from_plan]
    known = ~np.isnat(conference)
    plans, strategy, person, until, conference, icpc_row, first = (
        a[known] for a in (plans, strategy, person, until, conference, icpc_row, first)
    )
    plan_chair = exports.get("cp_plans", "chair")[plans]
    plan_team = exports.get("cp_plans", "team")[plans]
    parts = []
    if ICPC in kinds:
        keep = conference >= since
        chair = meetings.reviews.pick("chair", icpc_row)
        chair = np.where(chair.astype(bool), chair, plan_chair)
        code = np.where(icpc_row >= 0, rules.INITIAL, -1 - rules.INITIAL)  # < 0: from the plan
        parts.append(
            _part(
                int(keep.sum()),
                person=person[keep],
                kind=np.full(int(keep.sum()), ICPC_CODE),
                row=icpc_row[keep],
                day=conference[keep],
                due=working.add(strategy[keep], rules.ICPC_WORKING_DAYS),
                code=code[keep].astype(np.int8),
                anchor=strategy[keep],
                plan=plans[keep],
                position=first[keep],
                own_chair=np.ones(int(keep.sum()), dtype=bool),
                chair=chair[keep],
                team=plan_team[keep],
            )
        )
    if RCPC in kinds:
        rcpc_group = person * 4 + RCPC_CODE
        lo = np.searchsorted(meetings.held_key, group_key(rcpc_group, conference), side="right")
        hi = np.searchsorted(meetings.held_key, group_key(rcpc_group, until), side="right")
        length = np.maximum(hi - lo, 0)
        plan_of = np.repeat(np.arange(len(plans)), length)
        rank = np.arange(len(plan_of)) - np.repeat(np.cumsum(length) - length, length)
        position = lo[plan_of] + rank
        rows = meetings.held[position]
        day = meetings.day[rows]
        due, code, anchor = rules.rcpc_due(conference[plan_of], _previous_day(day, rank))
        keep = day >= since
        parts.append(
            _part(
                int(keep.sum()),
                person=person[plan_of][keep],
                kind=np.full(int(keep.sum()), RCPC_CODE),
                row=rows[keep],
                day=day[keep],
                due=due[keep],
                code=code[keep],
                anchor=anchor[keep],
                plan=plans[plan_of][keep],
                position=position[keep],
                team=plan_team[plan_of][keep],
            )
        )
    return parts


def _pathway(
    exports: Exports, meetings: Meetings, latest: np.ndarray, since: np.datetime64
) -> dict[str, np.ndarray]:
    """Held pathway plan reviews after a young person's first, while the 6-month rule
    applies (not looked after, under 25): due 6 months after the one before."""
    position = _of_kind(meetings, PATHWAY_CODE)
    rows = meetings.held[position]
    group = meetings.group[rows]
    day = meetings.day[rows]
    rank = _run_rank(_same_as_previous(group))
    last = _previous_day(day, rank)
    person = group // 4
    child = latest[person]
    applies = rules.pathway_applies(
        take(exports.get("children", "period_start", "date"), child, NAT),
        take(exports.get("children", "period_end", "date"), child, NAT),
        take(exports.get("children", "date_of_birth", "date"), child, NAT),
        child >= 0,
        day,
    )
    keep = (rank > 0) & (day >= since) & applies
    count = int(keep.sum())
    return _part(
        count,
        person=person[keep],
        kind=np.full(count, PATHWAY_CODE),
        row=rows[keep],
        day=day[keep],
        due=rules.pathway_due(last[keep]),
        code=np.full(count, rules.PATHWAY_NEXT, dtype=np.int8),
        anchor=last[keep],
        position=position[keep],
    )


def _list_order(found: dict[str, np.ndarray], review_id: np.ndarray) -> np.ndarray:
    """The order of the list: type, date held, person, Review ID; rows alike in all four
    keep the order they were found in (plan, then meeting)."""
    order = np.lexsort(
        (found["position"], found["plan"], found["person"], found["day"], found["kind"])
    )
    keys = [found[n][order] for n in ("kind", "day", "person")]
    tied = _same_as_previous(*keys)
    if tied.any():  # the same child, type and day more than once: by Review ID (rare)
        starts = np.flatnonzero(~tied)
        for first, end in zip(starts.tolist(), [*starts[1:].tolist(), len(order)], strict=True):
            if end - first > 1:
                run = order[first:end].tolist()
                run.sort(key=lambda i: review_id[i])
                order[first:end] = run
    return order


def _held_rows(
    found: dict[str, np.ndarray],
    exports: Exports,
    meetings: Meetings,
    iro_of: np.ndarray,
    team_of: np.ndarray,
) -> HeldReviews:
    """The held reviews as rows, in the order of the list (type, date, person, review)."""
    review_id = meetings.reviews.pick("review_id", found["row"])
    order = _list_order(found, review_id)
    found = {n: v[order] for n, v in found.items()}
    review_id = review_id[order]
    chair = np.where(
        found["own_chair"], found["chair"], meetings.reviews.pick("chair", found["row"])
    )
    person = found["person"]
    iro = np.where(chair.astype(bool), chair, iro_of[person])
    iro[~iro.astype(bool)] = NOT_RECORDED
    team = np.where(team_of[person].astype(bool), team_of[person], found["team"])
    team[~team.astype(bool)] = NOT_RECORDED
    late = (found["day"] - found["due"]).astype(np.int64)
    columns = {
        "person_id": exports.ids[person],
        "review_id": review_id,
        "review_type": np.array(KINDS, dtype=object)[found["kind"]],
        "review_date": found["day"],
        "due_date": found["due"],
        "days_late": np.maximum(late, 0),
        "in_time": late <= 0,
        "chair": chair,
        "iro": iro,
        "team": team,
    }
    return HeldReviews(columns, lambda: _words(found["code"], found["anchor"], found["new_period"]))


def _words(code: np.ndarray, anchor: np.ndarray, new_period: np.ndarray) -> list[str]:
    """The basis of each held review in words (a code below 0: the ICPC's date is the
    plan's start)."""
    seen: dict[tuple[int, date, bool], str] = {}
    out = []
    for key in zip(code.tolist(), anchor.astype(object).tolist(), new_period.tolist(), strict=True):
        text = seen.get(key)
        if text is None:
            number, day, new = key
            text = rules.basis(number if number >= 0 else -1 - number, day, new)
            text = seen[key] = text + FROM_PLAN if number < 0 else text
        out.append(text)
    return out


def _rearranged(
    exports: Exports,
    meetings: Meetings,
    kinds: set[str],
    since: np.datetime64,
    at: np.datetime64,
    iro_of: np.ndarray,
    team_of: np.ndarray,
) -> list[Rearranged]:
    """Meetings rearranged in the period, by child and type (first seen in the file), then day."""
    kept = np.flatnonzero(meetings.kept)
    seen = first_seen(meetings.group[kept])
    wanted = np.array([k in kinds for k in KINDS])
    kind = meetings.kind[kept]
    day = meetings.day[kept]
    chosen = (
        (meetings.status[kept] == REARRANGED) & wanted[np.maximum(kind, 0)] & (day >= since)
        & (day <= at)
    )  # fmt: skip
    rows, seen = kept[chosen], seen[chosen]
    rows = rows[np.lexsort((rows, meetings.day[rows], seen))]
    person = meetings.person[rows]
    chair = meetings.reviews.pick("chair", rows)
    iro = np.where(chair.astype(bool), chair, iro_of[person])
    iro[~iro.astype(bool)] = NOT_RECORDED
    team = team_of[person].copy()
    team[~team.astype(bool)] = NOT_RECORDED
    return [
        Rearranged(*values)
        for values in zip(
            exports.ids[person].tolist(),
            [KINDS[k] for k in meetings.kind[rows].tolist()],
            meetings.day[rows].astype(object).tolist(),
            iro.tolist(),
            team.tolist(),
            strict=True,
        )
    ]


def _unmatched(
    meetings: Meetings,
    kinds: set[str],
    since: np.datetime64,
    at: np.datetime64,
    found: dict[str, np.ndarray] | None,
) -> dict[str, int]:
    """Held reviews in the period given no due date, by type (a young person's first
    pathway plan review is not counted: it never has one)."""
    held = meetings.held
    group = meetings.group[held]
    day = meetings.day[held]
    wanted = np.array([k in kinds for k in KINDS])
    first = ~_same_as_previous(group)
    candidate = (day >= since) & (day <= at) & wanted[group % 4]
    candidate &= ~(first & (group % 4 == PATHWAY_CODE))
    claimed = np.zeros(len(held), dtype=bool)
    if found is not None:
        real = found["row"] >= 0
        claimed[np.isin(held, found["row"][real])] = True
    open_ = np.flatnonzero(candidate & ~claimed)
    if len(open_) and found is not None:
        # Another held row with the same child, type, Review ID and day may have claimed it.
        # (only the rows of the children and types concerned are looked at)
        near = np.isin(found["person"] * 4 + found["kind"], group[open_])
        done = set(
            zip(
                (found["person"] * 4 + found["kind"])[near].tolist(),
                meetings.reviews.pick("review_id", found["row"][near]).tolist(),
                found["day"][near].astype(object).tolist(),
                strict=True,
            )
        )
        mine = zip(
            group[open_].tolist(),
            meetings.reviews.pick("review_id", held[open_]).tolist(),
            day[open_].astype(object).tolist(),
            strict=True,
        )
        for at_, key in zip(open_.tolist(), mine, strict=True):
            claimed[at_] = key in done
    counts = np.bincount(group[candidate & ~claimed] % 4, minlength=4)
    return {KINDS[k]: int(n) for k, n in enumerate(counts.tolist()) if n}


def _order(row: ReviewRow) -> tuple[int, date, str, str]:
    return (
        REVIEW_TYPES.index(row.review_type),
        row.review_date or row.due_date,
        row.person_id,
        row.review_id,
    )


def _not_held(
    table: Any, period: Period, day: date, iro_of: np.ndarray, team_of: np.ndarray
) -> list[ReviewRow]:
    """What ``iro overdue`` lists as overdue on ``day`` (``table``), due within the period."""
    chosen = np.flatnonzero(
        (table.days_to_due < 0) & (table.due >= np.datetime64(period.start, "D"))
    )
    rows = []
    due: DueReview
    for at, due in zip(chosen.tolist(), table.rows(chosen), strict=True):
        person = int(table.person[at])
        iro, team = iro_of[person], team_of[person]
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
