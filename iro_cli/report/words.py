"""Figures written the way IRO annual reports write them.

"96% of CLA reviews (3,027 of 3,165) were held in time, up from 93% in 2024/25."
Percentages in sentences are whole numbers, rounded half up; the tables keep
one decimal place.
"""

from __future__ import annotations

import math
from datetime import date

from iro_cli.periods import Period, financial_year, fy_start_year, year_label


def whole_percent(rate: float) -> int:
    """0.965 -> 97 (half up, not to even)."""
    return math.floor(rate * 100 + 0.5)


def pct(rate: float | None) -> str:
    return "n/a" if rate is None else f"{whole_percent(rate)}%"


def count(n: int) -> str:
    return f"{n:,}"


def compared(now: float | None, before: float | None, previous_label: str | None) -> str:
    """``", up from 93% in 2024/25"`` (rounded figures compared); ``""`` without a previous."""
    if now is None or before is None or previous_label is None:
        return ""
    a, b = whole_percent(now), whole_percent(before)
    if a > b:
        return f", up from {b}% in {previous_label}"
    if a < b:
        return f", down from {b}% in {previous_label}"
    return f", the same as in {previous_label}"


def compared_number(now: float | None, before: float | None, previous: str | None) -> str:
    """``", up from 47.2 on 31/03/2025"`` for a figure to one decimal place."""
    if now is None or before is None or previous is None:
        return ""
    if round(now, 1) > round(before, 1):
        return f", up from {before:.1f} {previous}"
    if round(now, 1) < round(before, 1):
        return f", down from {before:.1f} {previous}"
    return f", the same as {previous}"


def share_sentence(
    numerator: int,
    denominator: int,
    what: str,
    verb: str,
    *,
    before: float | None = None,
    previous_label: str | None = None,
) -> str:
    """``"96% of CLA reviews (3,027 of 3,165) were held in time, up from 93% in 2024/25."``"""
    if not denominator:
        return f"There were no {what}."
    rate = numerator / denominator
    text = f"{pct(rate)} of {what} ({count(numerator)} of {count(denominator)}) {verb}"
    return text + compared(rate, before, previous_label) + "."


def period_label(period: Period, as_at: date) -> str:
    """``2025/26``; ``2026/27 (to 20/11/2026)``; ``2025/26 Q1``; ``April 2026``; or the dates.

    A period cut short by the as-at day is labelled for the days it covers."""
    if as_at < period.end:
        period = Period(period.start, max(as_at, period.start))
    fy = financial_year(fy_start_year(period.start))
    if period == fy:
        return year_label(period.start)
    months = period.whole_months
    if months == 3 and period.start.month in (1, 4, 7, 10):
        return f"{year_label(period.start)} Q{(period.start.month - 4) % 12 // 3 + 1}"
    if months == 1:
        return f"{period.start:%B %Y}"
    if period.start == fy.start and period.end <= fy.end:
        return f"{year_label(period.start)} (to {period.end:%d/%m/%Y})"
    return str(period)
