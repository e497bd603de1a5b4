"""Working days and calendar months, worked out by hand (and two independent sources)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from iro_cli.errors import ConfigError
from iro_cli.schedule.dates import WorkingCalendar, add_months, calendar_from_settings

ENGLAND = WorkingCalendar()


@pytest.mark.parametrize(
    ("start", "days", "due"),
    [
        # Fri before the August bank holiday weekend (Mon 25/08/2025).
        (date(2025, 8, 22), 20, date(2025, 9, 22)),
        # Fri before the spring bank holiday (Mon 25/05/2026).
        (date(2026, 5, 22), 20, date(2026, 6, 22)),
        # Easter 2026: Good Friday 03/04, Easter Monday 06/04, early May 04/05.
        (date(2026, 4, 2), 20, date(2026, 5, 5)),
        # Christmas 2025: 25, 26/12 and 01/01.
        (date(2025, 12, 19), 20, date(2026, 1, 21)),
        # Christmas 2026: Boxing Day is a Saturday, so Mon 28/12 is the substitute day.
        (date(2026, 12, 10), 20, date(2027, 1, 12)),
        # ICPC: 15 working days after a strategy discussion on Fri 19/12/2025.
        (date(2025, 12, 19), 15, date(2026, 1, 14)),
        # One-off bank holidays: the Queen's funeral and the coronation.
        (date(2022, 9, 16), 1, date(2022, 9, 20)),
        (date(2023, 5, 5), 1, date(2023, 5, 9)),
        # Start on a Saturday: Monday is the first working day after it.
        (date(2026, 11, 21), 1, date(2026, 11, 23)),
        (date(2026, 3, 2), 20, date(2026, 3, 30)),
    ],
)
def test_add_working_days(start: date, days: int, due: date) -> None:
    assert ENGLAND.add_working_days(start, days) == due


@pytest.mark.parametrize(
    ("anchor", "months", "due"),
    [
        (date(2025, 8, 31), 6, date(2026, 2, 28)),  # 31st -> end of February
        (date(2023, 8, 31), 6, date(2024, 2, 29)),  # leap year
        (date(2026, 11, 30), 3, date(2027, 2, 28)),  # 30/11 + 3 months
        (date(2023, 11, 30), 3, date(2024, 2, 29)),  # ... in a leap year
        (date(2025, 10, 31), 3, date(2026, 1, 31)),
        (date(2026, 2, 27), 6, date(2026, 8, 27)),  # from the held date, not the due date
        (date(2025, 9, 18), 3, date(2025, 12, 18)),
        (date(2024, 2, 29), 6, date(2024, 8, 29)),
        (date(2024, 2, 29), 12, date(2025, 2, 28)),
    ],
)
def test_add_months(anchor: date, months: int, due: date) -> None:
    assert add_months(anchor, months) == due


def test_add_months_is_not_ninety_days() -> None:
    assert add_months(date(2026, 10, 31), 3) == date(2027, 1, 31)
    assert date(2026, 10, 31) + timedelta(days=90) == date(2027, 1, 29)


def test_practical_deadline() -> None:
    assert ENGLAND.last_working_day_on_or_before(date(2026, 2, 28)) == date(2026, 2, 27)
    assert ENGLAND.last_working_day_on_or_before(date(2026, 12, 28)) == date(2026, 12, 24)
    assert ENGLAND.last_working_day_on_or_before(date(2026, 12, 29)) == date(2026, 12, 29)


def test_working_days_between() -> None:
    assert ENGLAND.working_days_between(date(2026, 12, 10), date(2027, 1, 12)) == 20
    assert ENGLAND.working_days_between(date(2026, 12, 10), date(2026, 12, 10)) == 0


def test_wales_has_the_same_bank_holidays() -> None:
    wales = WorkingCalendar(nation="wales")
    for year in range(2015, 2031):
        assert wales.holidays_in(year) == ENGLAND.holidays_in(year)


def test_local_additions_and_removals() -> None:
    calendar = calendar_from_settings(
        "england", {"add": ["10/05/2027", "2027-05-11"], "remove": ["2026-12-28"]}
    )
    assert not calendar.is_working_day(date(2027, 5, 10))
    assert not calendar.is_working_day(date(2027, 5, 11))
    assert calendar.is_working_day(date(2026, 12, 28))
    assert calendar.add_working_days(date(2026, 12, 24), 1) == date(2026, 12, 28)


def test_bad_holiday_settings() -> None:
    with pytest.raises(ConfigError, match=r"\[holidays\] add: '31/02/2027' not a real date"):
        calendar_from_settings("england", {"add": ["31/02/2027"]})
    with pytest.raises(ConfigError, match="has no key 'extra'"):
        calendar_from_settings("england", {"extra": []})


def test_holidays_match_the_govuk_data_2012_to_2028() -> None:
    """Two independent sources agree on every England-and-Wales weekday bank holiday."""
    bank_holidays = pytest.importorskip("govuk_bank_holidays.bank_holidays")
    source = bank_holidays.BankHolidays(use_cached_holidays=True)  # offline: bundled data
    govuk = {
        h["date"]
        for h in source.get_holidays(division=bank_holidays.BankHolidays.ENGLAND_AND_WALES)
        if h["date"].weekday() < 5
    }
    ours = {
        d
        for year in range(2012, 2029)
        for d in ENGLAND.holidays_in(year)
        if d.weekday() < 5 and date(2012, 1, 2) <= d <= date(2028, 12, 26)
    }
    assert ours == govuk


def test_bank_holidays_are_the_packages_own() -> None:
    """The United Kingdom module loaded on its own gives what the package's registry
    gives, for both nations and a century of years (one-off days included: 08/05/2023)."""
    import holidays

    from iro_cli.schedule.dates import bank_holidays

    for subdivision in ("ENG", "WLS"):
        for year in range(1975, 2076):
            package = holidays.country_holidays("GB", subdiv=subdivision, years=year)
            assert dict(bank_holidays(subdivision, year)) == dict(package)
    assert date(2023, 5, 8) in set(bank_holidays("ENG", 2023))


days_strategy = st.dates(min_value=date(2000, 1, 1), max_value=date(2060, 12, 31))


@given(days_strategy, st.integers(min_value=1, max_value=40))
def test_working_day_results_are_working_days_after_the_start(start: date, n: int) -> None:
    due = ENGLAND.add_working_days(start, n)
    assert ENGLAND.is_working_day(due)
    assert due > start
    assert ENGLAND.working_days_between(start, due) == n


@given(days_strategy, st.integers(min_value=0, max_value=120))
def test_adding_months_never_raises_and_never_goes_back(anchor: date, months: int) -> None:
    due = add_months(anchor, months)
    assert due >= anchor
    assert (due.year * 12 + due.month) - (anchor.year * 12 + anchor.month) == months
    assert due.day == anchor.day or (due.day < anchor.day and (due + timedelta(days=1)).day == 1)
