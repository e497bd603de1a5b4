"""Reporting periods shared by every figure command (pure: no click, no today).

Financial years run 1 April to 31 March and are written ``2025/26``; quarters
are ``2025/26 Q1`` (April–June) to ``2025/26 Q4`` (January–March); months are
``2025-04``. A figure is "as at" the end of its period, or the ``--as-of`` day
when that is earlier (:func:`as_at`): rows dated after it are ignored.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True)
class Period:
    """A closed range of dates (both ends included)."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(
                f"the period ends ({self.end:%d/%m/%Y}) before it starts ({self.start:%d/%m/%Y})"
            )

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end

    def __str__(self) -> str:
        return f"{self.start:%d/%m/%Y} to {self.end:%d/%m/%Y}"

    @property
    def whole_months(self) -> int | None:
        """The number of calendar months when the period is exactly that, else ``None``."""
        if self.start.day != 1 or (self.end + timedelta(days=1)).day != 1:
            return None
        return (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1


# --- financial years, quarters, months ---------------------------------------------------


def fy_start_year(day: date) -> int:
    """The calendar year in which ``day``'s financial year starts."""
    return day.year if day.month >= 4 else day.year - 1


def year_label(day: date) -> str:
    """``2025-04-01`` -> ``"2025/26"``."""
    start = fy_start_year(day)
    return f"{start}/{(start + 1) % 100:02d}"


def quarter_label(day: date) -> str:
    """``2025-07-01`` -> ``"2025/26 Q2"``; Q1 is April–June."""
    return f"{year_label(day)} Q{(day.month - 4) % 12 // 3 + 1}"


def month_label(day: date) -> str:
    """``2025-04-30`` -> ``"2025-04"``."""
    return f"{day.year:04d}-{day.month:02d}"


_YEAR_RE = re.compile(r"^\s*(\d{4})\s*[/-]\s*(\d{2}|\d{4})\s*$")


def parse_financial_year(text: str) -> Period:
    """``"2025/26"`` (or ``2025-26``, ``2025/2026``) -> 01/04/2025 to 31/03/2026."""
    match = _YEAR_RE.match(text)
    if not match:
        raise ValueError(f"'{text}' is not a financial year (expected e.g. 2025/26)")
    first, second = int(match.group(1)), match.group(2)
    wanted = f"{first + 1}" if len(second) == 4 else f"{(first + 1) % 100:02d}"
    if second != wanted:
        raise ValueError(
            f"'{text}' is not a financial year (the year after {first} is {first + 1}: "
            f"write {first}/{(first + 1) % 100:02d})"
        )
    return financial_year(first)


def financial_year(start_year: int) -> Period:
    """The financial year that starts on 1 April ``start_year``."""
    return Period(date(start_year, 4, 1), date(start_year + 1, 3, 31))


_QUARTER_RE = re.compile(r"^\s*(.+?)\s*Q\s*([1-4])\s*$", re.IGNORECASE)


def parse_quarter(text: str) -> Period:
    """``"2025/26 Q1"`` -> 01/04/2025 to 30/06/2025 (Q1 is April–June)."""
    match = _QUARTER_RE.match(text)
    if not match:
        raise ValueError(f"'{text}' is not a quarter (expected e.g. '2025/26 Q1')")
    year = parse_financial_year(match.group(1))
    start = _add_months(year.start, 3 * (int(match.group(2)) - 1))
    return Period(start, _add_months(start, 3) - timedelta(days=1))


_MONTH_RE = re.compile(r"^\s*(\d{4})-(\d{1,2})\s*$")


def parse_month(text: str) -> Period:
    """``"2026-04"`` -> 01/04/2026 to 30/04/2026."""
    match = _MONTH_RE.match(text)
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise ValueError(f"'{text}' is not a month (expected e.g. 2026-04)")
    start = date(int(match.group(1)), int(match.group(2)), 1)
    return Period(start, _add_months(start, 1) - timedelta(days=1))


def year_to_date(as_of: date) -> Period:
    """The financial year that holds ``as_of``, from its 1 April to ``as_of``."""
    return Period(date(fy_start_year(as_of), 4, 1), as_of)


def between(date_from: date | None, date_to: date | None, as_of: date) -> Period:
    """``--from``/``--to``; an open end is ``as_of``, or 1 April of ``to``'s financial year."""
    end = date_to or as_of
    start = date_from or date(fy_start_year(end), 4, 1)
    return Period(start, end)


def as_at(period: Period, as_of: date) -> date:
    """The day a figure is "as at": the end of the period, or ``as_of`` when that is earlier."""
    return min(period.end, as_of)


def _add_months(day: date, months: int) -> date:
    """Same day ``months`` later (or earlier), clipped to the end of a shorter month."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    following = date(year + (month == 12), month % 12 + 1, 1)
    return date(year, month, min(day.day, (following - timedelta(days=1)).day))


def _month_starts(period: Period) -> Iterator[date]:
    day = date(period.start.year, period.start.month, 1)
    while day <= period.end:
        yield day
        day = _add_months(day, 1)


LABELLERS: dict[str, Callable[[date], str]] = {
    "year": year_label,
    "quarter": quarter_label,
    "month": month_label,
}


def labels_between(by: str, period: Period) -> list[str]:
    """Every year/quarter/month label that meets ``period``, in order."""
    label = LABELLERS[by]
    seen: dict[str, None] = {}
    for start in _month_starts(period):
        seen.setdefault(label(max(start, period.start)), None)
    return list(seen)


# --- comparison period --------------------------------------------------------------------


@dataclass(frozen=True)
class Shift:
    """How far back the comparison period lies: whole months or days."""

    months: int = 0
    days: int = 0

    def forward(self, day: date) -> date:
        """Move a date of the earlier period onto the matching date of the later one."""
        if self.months:
            return _add_months(day, self.months)
        return day + timedelta(days=self.days)

    def back(self, day: date) -> date:
        if self.months:
            return _add_months(day, -self.months)
        return day - timedelta(days=self.days)


YEAR_SHIFT = Shift(months=12)


def previous_period(period: Period) -> tuple[Period, Shift]:
    """The period of the same length immediately before ``period``.

    A period of whole calendar months (a financial year, a quarter, April to
    September...) is compared with the same number of months before it, so
    2025/26 is compared with 2024/25 whatever the leap years. Any other period
    is compared with the same number of days immediately before it.
    """
    months = period.whole_months
    if months:
        shift = Shift(months=months)
        start = _add_months(period.start, -months)
        return Period(start, period.start - timedelta(days=1)), shift
    days = (period.end - period.start).days + 1
    shift = Shift(days=days)
    return Period(period.start - timedelta(days=days), period.start - timedelta(days=1)), shift
