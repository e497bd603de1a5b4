"""Reviews held in time, per group and review type (pure: review rows in, figure rows out)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from datetime import date
from itertools import compress

import numpy as np

from iro_cli.periods import LABELLERS, labels_between
from iro_cli.timeliness.reviews import (
    NOT_RECORDED,
    REVIEW_TYPES,
    Rearranged,
    ReviewRow,
    Timeliness,
    held_column,
)

BY_CHOICES = ("month", "quarter", "year", "iro", "team")
FIGURES = ("held", "in_time", "late", "in_time_rate", "overdue_not_held", "rearranged")
TOTAL = "Total"


def columns(by: str) -> list[str]:
    """The output columns, in order: the group, ``review_type``, then the figures."""
    return [by, "review_type", *FIGURES]


def rate(part: int, whole: int) -> float | None:
    """``part / whole``, or ``None`` when there is nothing to divide."""
    return part / whole if whole else None


def _group_of(by: str) -> Callable[[date, str, str], str]:
    if by in LABELLERS:
        label = LABELLERS[by]
        seen: dict[date, str] = {}  # a year's reviews fall on a few hundred distinct days

        def of_day(day: date, _iro: str, _team: str) -> str:
            found = seen.get(day)
            if found is None:
                found = seen[day] = label(day)
            return found

        return of_day
    if by == "iro":
        return lambda _day, iro, _team: iro
    if by == "team":
        return lambda _day, _iro, team: team
    raise ValueError(f"cannot group by {by!r}")


def _held_groups(by: str, timeliness: Timeliness) -> list[str]:
    """The group of each held review: the label of the day it was held (each distinct day
    labelled once), or its IRO or team."""
    if by in LABELLERS:
        days = held_column(timeliness.held, "review_date")
        distinct, where = np.unique(days, return_inverse=True)
        label = LABELLERS[by]
        names = np.array([label(d) for d in distinct.astype(object).tolist()] + [""], dtype=object)
        return names[where.reshape(-1)].tolist() if len(days) else []
    return held_column(timeliness.held, by).tolist()


def _ordered_groups(by: str, timeliness: Timeliness, found: Iterable[str]) -> list[str]:
    if by in LABELLERS:
        return labels_between(by, timeliness.period)
    names = sorted({g for g in found if g != NOT_RECORDED}, key=str.casefold)
    return names + ([NOT_RECORDED] if NOT_RECORDED in found else [])


def _row(group: str, kind: str, held: int, in_time: int, overdue: int, moved: int) -> dict:
    return {
        "group": group,
        "review_type": kind,
        "held": held,
        "in_time": in_time,
        "late": held - in_time,
        "in_time_rate": rate(in_time, held),
        "overdue_not_held": overdue,
        "rearranged": moved,
    }


def summarise(timeliness: Timeliness, by: str, total: bool = True) -> list[dict]:
    """One row per (review type, group) with anything to count, then each type's total.

    Held reviews are grouped by the day they were held, reviews not held by the
    day their due date fell, rearranged meetings by their date; ``--by iro``
    is the review's chair (else the child's allocated IRO), for reviews not
    held the child's allocated IRO. The key ``group`` is renamed to ``by`` on output.
    """
    group = _group_of(by)
    held: Counter[tuple[str, str]] = Counter()
    in_time: Counter[tuple[str, str]] = Counter()
    overdue: Counter[tuple[str, str]] = Counter()
    moved: Counter[tuple[str, str]] = Counter()
    kinds = held_column(timeliness.held, "review_type").tolist()
    groups = _held_groups(by, timeliness)
    held.update(zip(kinds, groups, strict=True))
    in_time.update(
        compress(zip(kinds, groups, strict=True), held_column(timeliness.held, "in_time"))
    )
    row: ReviewRow
    for row in timeliness.not_held:
        overdue[(row.review_type, group(row.due_date, row.iro, row.team))] += 1
    meeting: Rearranged
    for meeting in timeliness.rearranged:
        moved[(meeting.review_type, group(meeting.day, meeting.iro, meeting.team))] += 1

    found = {g for counter in (held, overdue, moved) for _, g in counter}
    groups = _ordered_groups(by, timeliness, found)
    rows = []
    for kind in REVIEW_TYPES:
        if not any(k == kind for counter in (held, overdue, moved) for k, _ in counter):
            continue
        for name in groups:
            key = (kind, name)
            if held[key] or overdue[key] or moved[key]:
                rows.append(_row(name, kind, held[key], in_time[key], overdue[key], moved[key]))
        if total:
            rows.append(
                _row(
                    TOTAL,
                    kind,
                    sum(v for (k, _), v in held.items() if k == kind),
                    sum(v for (k, _), v in in_time.items() if k == kind),
                    sum(v for (k, _), v in overdue.items() if k == kind),
                    sum(v for (k, _), v in moved.items() if k == kind),
                )
            )
    return [{by if k == "group" else k: v for k, v in r.items()} for r in rows]


def monthly_rates(timeliness: Timeliness, kind: str) -> dict[str, float | None]:
    """Month -> in-time rate of ``kind``: every month of the period, ``None`` if none held."""
    of_kind = held_column(timeliness.held, "review_type") == kind
    months = _held_groups("month", timeliness)
    held: Counter[str] = Counter(compress(months, of_kind))
    in_time: Counter[str] = Counter(
        compress(months, of_kind & held_column(timeliness.held, "in_time"))
    )
    months = labels_between("month", timeliness.period)
    return {m: rate(in_time[m], held[m]) for m in months}
