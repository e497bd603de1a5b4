"""Count held CLA reviews by participation code per group, with the two rates.

Each review is counted once, under its recorded code (``PN0``…``PN7``) or under
``missing`` when it has none. ``total`` is every held CLA review of the group
(PN0–PN7 and missing). The rates leave out PN0 and missing:

- participation_rate = PN1–PN6 ÷ PN1–PN7
- attendance_rate = PN1–PN4 ÷ PN1–PN7

and are ``None`` (a blank cell) when a group has no PN1–PN7 review.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from iro_cli.participation.ages import AGE_BANDS, age_band
from iro_cli.participation.codes import PN_CODES, attendance_rate, participation_rate
from iro_cli.participation.records import ReviewRecord
from iro_cli.periods import (
    LABELLERS,
    YEAR_SHIFT,
    Period,
    Shift,
    fy_start_year,
    labels_between,
    previous_period,
)
from iro_cli.schedule.dates import age_on

if TYPE_CHECKING:
    import pandas as pd

BY_CHOICES = ("year", "quarter", "month", "iro", "team", "age-band", "gender", "ethnicity")
TIME_GROUPINGS = ("year", "quarter", "month")
NOT_RECORDED = "Not recorded"
TOTAL = "Total"
MISSING = "missing"
COUNT_COLUMNS = (*PN_CODES, MISSING, "total")
RATE_COLUMNS = ("participation_rate", "attendance_rate")
FIGURES = (*COUNT_COLUMNS, *RATE_COLUMNS)
PREVIOUS = "_previous"


def group_column(by: str) -> str:
    """The name of the first column: ``age-band`` -> ``age_band``."""
    return by.replace("-", "_")


def _age_band(record: ReviewRecord) -> str:
    if record.date_of_birth is None:
        return NOT_RECORDED
    age = age_on(record.date_of_birth, record.review_date)
    return age_band(age) if age >= 0 else NOT_RECORDED


def labeller(by: str) -> Callable[[ReviewRecord], str]:
    """The function giving a review's group label for ``--by``."""
    if by in LABELLERS:
        label = LABELLERS[by]
        return lambda r: label(r.review_date)
    if by == "age-band":
        return _age_band
    if by in ("iro", "team", "gender", "ethnicity"):
        return lambda r: getattr(r, by) or NOT_RECORDED
    raise ValueError(f"unknown grouping '{by}' (expected one of {', '.join(BY_CHOICES)})")


@dataclass(frozen=True)
class Selection:
    """Which reviews are counted: the period shown and, with --compare, the one before."""

    period: Period | None  # None: every review date in the data
    previous: Period | None = None
    shift: Shift | None = None  # moves a previous review's date onto the current period


class CompareError(ValueError):
    """--compare without a period to compare against."""


def select(
    records: Sequence[ReviewRecord], by: str, period: Period | None, compare: bool
) -> Selection:
    """The current and (with ``compare``) previous periods.

    With ``--by year`` each financial year is compared with the one before it
    (the same months of it when the period covers part of a year). Otherwise
    the previous period is :func:`previous_period` of the one given.
    """
    if not compare:
        return Selection(period)
    if by == "year":
        if period is not None:
            span = period
        elif records:
            first = min(r.review_date for r in records)
            last = max(r.review_date for r in records)
            span = Period(date(fy_start_year(first), 4, 1), date(fy_start_year(last) + 1, 3, 31))
        else:
            return Selection(None)
        previous = Period(YEAR_SHIFT.back(span.start), YEAR_SHIFT.back(span.end))
        return Selection(period, previous, YEAR_SHIFT)
    if period is None:
        raise CompareError(
            "--compare needs a period to compare: give --year, or --from and --to "
            "(or use --by year to compare each year with the one before)"
        )
    previous, shift = previous_period(period)
    return Selection(period, previous, shift)


def counted(records: Iterable[ReviewRecord], period: Period | None) -> list[ReviewRecord]:
    """The records dated within ``period`` (all of them when ``period`` is ``None``)."""
    if period is None:
        return list(records)
    return [r for r in records if period.start <= r.review_date <= period.end]


def _figures(counts: Counter[str]) -> dict[str, int | float | None]:
    row: dict[str, int | float | None] = {code: counts.get(code, 0) for code in PN_CODES}
    row[MISSING] = counts.get("", 0)
    row["total"] = sum(counts.values())
    row["participation_rate"] = participation_rate(counts)
    row["attendance_rate"] = attendance_rate(counts)
    return row


def _order(
    by: str, labels: set[str], period: Period | None, current: list[ReviewRecord]
) -> list[str]:
    if by in TIME_GROUPINGS:
        if period is None and current:
            span = Period(min(r.review_date for r in current), max(r.review_date for r in current))
            wanted = labels_between(by, span)
        elif period is not None:
            wanted = labels_between(by, period)
        else:
            wanted = []
        return wanted + sorted(labels - set(wanted))
    if by == "age-band":
        return [*AGE_BANDS, *([NOT_RECORDED] if NOT_RECORDED in labels else [])]
    named = sorted(labels - {NOT_RECORDED}, key=lambda s: (s.casefold(), s))
    return named + ([NOT_RECORDED] if NOT_RECORDED in labels else [])


@dataclass(frozen=True)
class Summary:
    """The figures per group (``rows``), the total, and what was counted."""

    by: str
    selection: Selection
    rows: list[dict[str, object]]  # group column + FIGURES (+ *_previous when comparing)
    total: dict[str, object]
    current: list[ReviewRecord]
    previous: list[ReviewRecord]

    @property
    def columns(self) -> list[str]:
        names = [group_column(self.by)]
        for figure in FIGURES:
            names.append(figure)
            if self.selection.shift is not None:
                names.append(figure + PREVIOUS)
        return names

    @property
    def warned_records(self) -> list[ReviewRecord]:
        """Every review behind a figure in the output (both periods), in file order."""
        return sorted([*self.current, *self.previous], key=lambda r: (r.file, r.line or 0))

    def frame(self, *, total: bool = True) -> pd.DataFrame:
        """The summary as a DataFrame, with the ``Total`` row last unless ``total=False``.

        Counts are ints; rates are exact fractions or ``None`` (object columns, so
        a blank rate stays ``None`` rather than becoming NaN).
        """
        import pandas as pd

        rows = [*self.rows, *([self.total] if total else [])]
        data = {name: pd.Series([row[name] for row in rows], dtype=object) for name in self.columns}
        frame = pd.DataFrame(data, columns=self.columns)
        for name in self.columns[1:]:
            if not name.startswith(RATE_COLUMNS):
                frame[name] = frame[name].astype("int64")
        return frame


def summarise(
    records: Sequence[ReviewRecord],
    by: str,
    period: Period | None = None,
    *,
    compare: bool = False,
) -> Summary:
    """Group held CLA reviews dated within ``period`` by ``by`` and count their codes.

    Time groupings list every year/quarter/month of the period (empty ones too,
    with blank rates); age bands are always all five DfE bands; other groupings
    list the values found, alphabetically, with ``Not recorded`` last.
    With ``compare`` each figure gets a ``<figure>_previous`` partner counted
    over the previous period (see :func:`select`).
    """
    label = labeller(by)
    selection = select(records, by, period, compare)
    current = counted(records, selection.period)
    current_counts: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for record in current:
        current_counts[label(record)][record.code] += 1
    previous: list[ReviewRecord] = []
    previous_counts: defaultdict[str, Counter[str]] = defaultdict(Counter)
    if selection.shift is not None and selection.previous is not None:
        previous = counted(records, selection.previous)
        shift = selection.shift
        for record in previous:
            if by in TIME_GROUPINGS:
                key = LABELLERS[by](shift.forward(record.review_date))
            else:
                key = label(record)
            previous_counts[key][record.code] += 1

    labels = set(current_counts) | set(previous_counts)
    order = _order(by, labels, selection.period, current)
    column = group_column(by)
    comparing = selection.shift is not None

    def row(name: str, now: Counter[str], before: Counter[str]) -> dict[str, object]:
        figures = _figures(now)
        out: dict[str, object] = {column: name, **figures}
        if comparing:
            out.update({k + PREVIOUS: v for k, v in _figures(before).items()})
        return out

    rows = [
        row(name, current_counts.get(name, Counter()), previous_counts.get(name, Counter()))
        for name in order
    ]
    total = row(
        TOTAL,
        Counter(r.code for r in current),
        Counter(r.code for r in previous),
    )
    return Summary(by, selection, rows, total, current, previous)
