"""Count held CLA reviews by participation code per group, with the two rates.

Each review is counted once, under its recorded code (``PN0``…``PN7``) or under
``missing`` when it has none. ``total`` is every held CLA review of the group
(PN0–PN7 and missing). The rates leave out PN0 and missing:

- participation_rate = PN1–PN6 ÷ PN1–PN7
- attendance_rate = PN1–PN4 ÷ PN1–PN7

and are ``None`` (a blank cell) when a group has no PN1–PN7 review.

The reviews are whole columns (:class:`~iro_cli.participation.records.HeldReviews`):
a review's group is worked out per distinct value (a date's year, a team) and the
codes are counted per group with one ``bincount``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from iro_cli.participation.ages import AGE_BANDS, band_index, month_and_day
from iro_cli.participation.codes import PN_CODES, attendance_rate, participation_rate
from iro_cli.participation.records import MISSING_INDEX, HeldReviews, ReviewRecord, as_held
from iro_cli.periods import (
    LABELLERS,
    YEAR_SHIFT,
    Period,
    Shift,
    fy_start_year,
    labels_between,
    previous_period,
)

if TYPE_CHECKING:
    import numpy as np
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
_CODES = len(PN_CODES) + 1  # PN0-PN7 and missing


def group_column(by: str) -> str:
    """The name of the first column: ``age-band`` -> ``age_band``."""
    return by.replace("-", "_")


def group_labels(
    records: HeldReviews, by: str, shift: Shift | None = None
) -> tuple[np.ndarray, list[str]]:
    """Each review's group for ``--by``: (its index into the names, the names).

    A time grouping labels the review date (moved forward by ``shift``, for the
    previous period of ``--compare``); ``age-band`` the age at the review
    (``Not recorded`` with no date of birth or one after the review); the other
    groupings the review's value, ``Not recorded`` when blank.
    """
    import numpy as np

    from iro_cli.exports.arrays import factorize

    if by in LABELLERS:
        label = LABELLERS[by]
        if not len(records):
            return np.zeros(0, dtype=np.int64), []
        if shift is None:  # a year, quarter or month label depends on the month alone
            months, _ = month_and_day(records.review_date)
            first = int(months.min())
            labels = [
                label(date(m // 12, m % 12 + 1, 1)) for m in range(first, int(months.max()) + 1)
            ]
            index, names = factorize(np.array(labels, dtype=object))
            return index[months - first], list(names)
        days, inverse = np.unique(records.review_date, return_inverse=True)
        moved = (shift.forward(d.item()) for d in days)
        index, names = factorize(np.array([label(d) for d in moved], dtype=object))
        return index[inverse.reshape(-1)], list(names)
    if by == "age-band":
        known = records.has_birth & (records.age >= 0)
        bands = np.where(known, band_index(np.where(known, records.age, 0)), len(AGE_BANDS))
        return bands, [*AGE_BANDS, NOT_RECORDED]
    if by in ("iro", "team", "gender", "ethnicity"):
        index, values = factorize(getattr(records, by))
        merged, names = factorize(np.array([v or NOT_RECORDED for v in values], dtype=object))
        return (merged[index] if len(values) else index), list(names)
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
    records: HeldReviews | Iterable[ReviewRecord], by: str, period: Period | None, compare: bool
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
        else:
            dates = as_held(records).first_last()
            if dates is None:
                return Selection(None)
            first, last = dates
            span = Period(date(fy_start_year(first), 4, 1), date(fy_start_year(last) + 1, 3, 31))
        previous = Period(YEAR_SHIFT.back(span.start), YEAR_SHIFT.back(span.end))
        return Selection(period, previous, YEAR_SHIFT)
    if period is None:
        raise CompareError(
            "--compare needs a period to compare: give --year, or --from and --to "
            "(or use --by year to compare each year with the one before)"
        )
    previous, shift = previous_period(period)
    return Selection(period, previous, shift)


def counted(records: HeldReviews | Iterable[ReviewRecord], period: Period | None) -> HeldReviews:
    """The reviews dated within ``period`` (all of them when ``period`` is ``None``)."""
    import numpy as np

    records = as_held(records)
    if period is None:
        return records
    days = records.review_date
    return records.take((days >= np.datetime64(period.start)) & (days <= np.datetime64(period.end)))


def _code_counts(codes: np.ndarray) -> dict[str, int]:
    """A count vector (PN0-PN7, missing) as ``{"PN0": n, ..., "": missing}``."""
    out = {code: int(n) for code, n in zip(PN_CODES, codes[:MISSING_INDEX], strict=True)}
    out[""] = int(codes[MISSING_INDEX])
    return out


def _grouped(records: HeldReviews, by: str, shift: Shift | None = None) -> dict[str, np.ndarray]:
    """Group name -> count of each code (PN0-PN7, missing), for groups with a review."""
    import numpy as np

    index, names = group_labels(records, by, shift)
    counts = np.bincount(
        index * _CODES + records.code_index, minlength=len(names) * _CODES
    ).reshape(len(names), _CODES)
    return {name: counts[i] for i, name in enumerate(names) if counts[i].any()}


def _figures(counts: Mapping[str, int]) -> dict[str, int | float | None]:
    row: dict[str, int | float | None] = {code: counts.get(code, 0) for code in PN_CODES}
    row[MISSING] = counts.get("", 0)
    row["total"] = sum(counts.values())
    row["participation_rate"] = participation_rate(counts)  # type: ignore[arg-type]
    row["attendance_rate"] = attendance_rate(counts)  # type: ignore[arg-type]
    return row


def _order(
    by: str, labels: set[str], period: Period | None, dates: tuple[date, date] | None
) -> list[str]:
    if by in TIME_GROUPINGS:
        if period is None and dates is not None:
            wanted = labels_between(by, Period(*dates))
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
    current: HeldReviews
    previous: HeldReviews

    @property
    def columns(self) -> list[str]:
        names = [group_column(self.by)]
        for figure in FIGURES:
            names.append(figure)
            if self.selection.shift is not None:
                names.append(figure + PREVIOUS)
        return names

    @property
    def warned_records(self) -> HeldReviews:
        """Every review behind a figure in the output (both periods), in file order
        (a review in both periods is there twice)."""
        import numpy as np

        lines = np.maximum(self.current.line, 0)  # an unknown line sorts as 0
        if not len(self.previous) and (lines[1:] >= lines[:-1]).all():
            return self.current  # already in file order
        both = HeldReviews.concat([self.current, self.previous])
        lines = np.maximum(both.line, 0)
        return both.take(np.argsort(lines, kind="stable"))

    def records(self, *, total: bool = True) -> list[tuple[object, ...]]:
        """The rows as tuples of :attr:`columns` (ints, fractions or ``None``), the
        ``Total`` row last unless ``total=False``."""
        columns = self.columns
        return [
            tuple(row[name] for name in columns)
            for row in [*self.rows, *([self.total] if total else [])]
        ]

    def frame(self, *, total: bool = True) -> pd.DataFrame:
        """The summary as a DataFrame, with the ``Total`` row last unless ``total=False``.

        Counts are ints; rates are exact fractions or ``None`` (object columns, so
        a blank rate stays ``None`` rather than becoming NaN).
        """
        import pandas as pd

        rows = self.records(total=total)
        data = {
            name: pd.Series([row[i] for row in rows], dtype=object)
            for i, name in enumerate(self.columns)
        }
        frame = pd.DataFrame(data, columns=self.columns)
        for name in self.columns[1:]:
            if not name.startswith(RATE_COLUMNS):
                frame[name] = frame[name].astype("int64")
        return frame


def summarise(
    records: HeldReviews | Iterable[ReviewRecord],
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
    import numpy as np

    records = as_held(records)
    if by not in BY_CHOICES:
        group_labels(records, by)  # raises ValueError naming the choices
    selection = select(records, by, period, compare)
    current = counted(records, selection.period)
    now = _grouped(current, by)
    previous = records[:0]
    before: dict[str, np.ndarray] = {}
    if selection.shift is not None and selection.previous is not None:
        previous = counted(records, selection.previous)
        before = _grouped(previous, by, selection.shift if by in TIME_GROUPINGS else None)

    order = _order(by, set(now) | set(before), selection.period, current.first_last())
    column = group_column(by)
    comparing = selection.shift is not None
    nothing = np.zeros(_CODES, dtype=np.int64)

    def row(name: str, counts: np.ndarray, counts_before: np.ndarray) -> dict[str, object]:
        out: dict[str, object] = {column: name, **_figures(_code_counts(counts))}
        if comparing:
            figures_before = _figures(_code_counts(counts_before))
            out.update({k + PREVIOUS: v for k, v in figures_before.items()})
        return out

    rows = [row(name, now.get(name, nothing), before.get(name, nothing)) for name in order]
    total = row(
        TOTAL,
        np.bincount(current.code_index, minlength=_CODES),
        np.bincount(previous.code_index, minlength=_CODES),
    )
    return Summary(by, selection, rows, total, current, previous)
