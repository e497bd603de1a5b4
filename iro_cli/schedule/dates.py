"""Date primitives of the regulations: working days and calendar months.

A working day is any day other than a Saturday, a Sunday, Christmas Day, Good
Friday or a bank holiday in England and Wales under the Banking and Financial
Dealings Act 1971 (CPPCR 2010 reg 2(1)). Bank holidays come from the
``holidays`` package (offline; it knows the one-off days such as 19/09/2022 and
08/05/2023), adjusted by ``iro.toml`` ``[holidays] add``/``remove`` for
proclamations the package does not know yet.

"Within N working days of D" is the Nth working day after D (D itself is not
counted); "within N months" uses the corresponding date N calendar months later,
or that month's last day when it has no such date (Dodds v Walker).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

from dateutil.relativedelta import relativedelta

SUBDIVISIONS = {"england": "ENG", "wales": "WLS"}


def age_on(born: date, day: date) -> int:
    """Age in whole years on ``day``.

    Someone born on 29 February has their birthday on 1 March in other years
    (the usual convention in England): born 29/02/2020, a child is still 0 on
    28/02/2021, 1 on 01/03/2021 and 4 on 29/02/2024.
    """
    years = day.year - born.year
    if (day.month, day.day) < (born.month, born.day):
        years -= 1
    return years


@lru_cache(maxsize=1 << 16)  # a year's reviews hold a few thousand distinct dates
def add_months(anchor: date, months: int) -> date:
    """``anchor`` plus calendar months: 31/08/2025 + 6 = 28/02/2026; never raises (past
    the calendar's ends it gives ``date.max`` or ``date.min``)."""
    try:
        return anchor + relativedelta(months=months)
    except (OverflowError, ValueError):  # beyond year 9999 or before year 1
        return date.max if months > 0 else date.min


def bank_holidays(subdivision: str, year: int) -> Iterable[date]:
    """The ``holidays`` package's holidays of the United Kingdom in ``subdivision``
    (``ENG``, ``WLS``) in ``year``: what ``holidays.country_holidays("GB", ...)`` gives."""
    return _united_kingdom()(subdiv=subdivision, years=year)


@lru_cache(maxsize=1)
def _united_kingdom() -> Callable[..., Iterable[date]]:
    """The package's ``UnitedKingdom`` class, from its own module only: the package's
    ``countries`` folder imports all its 250 countries' modules on first use (0.2 s of
    a command's start). ``country_holidays`` when that module cannot be found."""
    import importlib.util

    import holidays

    try:
        path = Path(holidays.__file__).parent / "countries" / "united_kingdom.py"
        spec = importlib.util.spec_from_file_location("holidays.countries.united_kingdom", path)
        module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
        spec.loader.exec_module(module)  # type: ignore[union-attr]
        return module.UnitedKingdom  # type: ignore[no-any-return]
    except (ImportError, OSError, AttributeError):  # pragma: no cover - another layout
        return lambda **kwargs: holidays.country_holidays("GB", **kwargs)


@dataclass
class WorkingCalendar:
    """Working days for one nation, with local additions and removals."""

    nation: str = "england"
    add: frozenset[date] = frozenset()
    remove: frozenset[date] = frozenset()
    _years: dict[int, frozenset[date]] = field(default_factory=dict, repr=False)
    _added: dict[tuple[date, int], date] = field(default_factory=dict, repr=False)

    def holidays_in(self, year: int) -> frozenset[date]:
        """Bank holidays (and Christmas Day, Good Friday) of ``year``."""
        cached = self._years.get(year)
        if cached is None:
            known = bank_holidays(SUBDIVISIONS[self.nation], year)
            days = {d for d in known if d.year == year}
            days |= {d for d in self.add if d.year == year}
            days -= self.remove
            cached = self._years[year] = frozenset(days)
        return cached

    def is_holiday(self, day: date) -> bool:
        return day in self.holidays_in(day.year)

    def is_working_day(self, day: date) -> bool:
        return day.weekday() < 5 and not self.is_holiday(day)

    def add_working_days(self, start: date, days: int) -> date:
        """The ``days``-th working day after ``start`` (``start`` itself not counted)."""
        if days < 1:
            raise ValueError("days must be at least 1")
        known = self._added.get((start, days))
        if known is not None:
            return known
        self._added[(start, days)] = found = self._add_working_days(start, days)
        return found

    def _add_working_days(self, start: date, days: int) -> date:
        # Whole weeks at once: any seven days in a row hold five weekdays, less the bank
        # holidays among them; then day by day.
        weeks = (days - 1) // 5
        current = start + timedelta(weeks=weeks)
        counted = 5 * weeks - sum(
            1
            for year in range(start.year, current.year + 1)
            for holiday in self.holidays_in(year)
            if start < holiday <= current and holiday.weekday() < 5
        )
        while counted < days:
            current += timedelta(days=1)
            if self.is_working_day(current):
                counted += 1
        return current

    def last_working_day_on_or_before(self, day: date) -> date:
        """The practical deadline for a due date that falls on a weekend or holiday."""
        while not self.is_working_day(day):
            day -= timedelta(days=1)
        return day

    def working_days_between(self, start: date, end: date) -> int:
        """Working days after ``start`` up to and including ``end`` (0 when end <= start)."""
        count, current = 0, start
        while current < end:
            current += timedelta(days=1)
            count += self.is_working_day(current)
        return count


def calendar_from_settings(nation: str, holidays_section: dict) -> WorkingCalendar:
    """Build the calendar from ``iro.toml`` ``nation`` and ``[holidays]``."""
    from iro_cli.errors import ConfigError
    from iro_cli.exports.reader import DateError, parse_date

    def dates(key: str) -> frozenset[date]:
        values = holidays_section.get(key, [])
        if not isinstance(values, list):
            raise ConfigError(f"iro.toml: [holidays] {key} must be a list of dates")
        parsed: list[date] = []
        for value in values:
            if isinstance(value, date):
                parsed.append(value)
                continue
            try:
                parsed.append(parse_date(str(value)))
            except DateError as exc:
                raise ConfigError(f"iro.toml: [holidays] {key}: '{value}' {exc}") from None
        return frozenset(parsed)

    unknown = sorted(set(holidays_section) - {"add", "remove"})
    if unknown:
        raise ConfigError(f"iro.toml: [holidays] has no key '{unknown[0]}' (keys: add, remove)")
    return WorkingCalendar(nation=nation, add=dates("add"), remove=dates("remove"))


@lru_cache(maxsize=1 << 16)
def uk(day: date) -> str:
    """``date(2026, 10, 5)`` -> ``"05/10/2026"``."""
    return day.strftime("%d/%m/%Y")


def uk_day(day: date) -> str:
    """``date(2026, 2, 28)`` -> ``"Sat 28/02/2026"``."""
    return day.strftime("%a %d/%m/%Y")
