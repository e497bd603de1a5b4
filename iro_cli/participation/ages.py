"""The DfE age bands, by whole years of age at the review."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

AGE_BANDS = ("Under 1", "1 to 4", "5 to 9", "10 to 15", "16 and over")
_BAND_STARTS = (1, 5, 10, 16)  # the first age of each band after the first


def age_band(age: int) -> str:
    """The DfE age band for an age in whole years (``age >= 0``)."""
    if age < 1:
        return AGE_BANDS[0]
    if age <= 4:
        return AGE_BANDS[1]
    if age <= 9:
        return AGE_BANDS[2]
    if age <= 15:
        return AGE_BANDS[3]
    return AGE_BANDS[4]


def band_index(ages: np.ndarray) -> np.ndarray:
    """Each age's position in :data:`AGE_BANDS` (ages ``>= 0``), as :func:`age_band`."""
    import numpy as np

    return np.searchsorted(np.array(_BAND_STARTS), ages, side="right")


def _year_month_day(days: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Year, month and day of ``datetime64[D]`` values, in integer arithmetic (the
    proleptic Gregorian calendar, as ``datetime.date``; H. Hinnant's ``civil_from_days``),
    several times quicker than ``astype("datetime64[Y]")``. Garbage where NaT."""
    import numpy as np

    z = days.astype(np.int64) + 719_468  # days from 01/03/0000
    era = z // 146_097
    day_of_era = z - era * 146_097
    year_of_era = (
        day_of_era - day_of_era // 1_460 + day_of_era // 36_524 - day_of_era // 146_096
    ) // 365
    day_of_year = day_of_era - (365 * year_of_era + year_of_era // 4 - year_of_era // 100)
    shifted_month = (5 * day_of_year + 2) // 153  # 0 = March ... 11 = February
    day = day_of_year - (153 * shifted_month + 2) // 5 + 1
    month = np.where(shifted_month < 10, shifted_month + 3, shifted_month - 9)
    year = year_of_era + era * 400 + (month <= 2)
    return year, month, day


def month_and_day(days: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Months since year 0 (``year * 12 + month - 1``) and day of the month of each date,
    looked up in a table of the dates' range (a few thousand days for real data, so
    quicker than working each out); 0 where NaT."""
    import numpy as np

    numbers = days.astype(np.int64)
    known = ~np.isnat(days)
    if not known.any():
        return np.zeros(len(days), np.int64), np.zeros(len(days), np.int64)
    low, high = numbers[known].min(), numbers[known].max()
    if high - low > max(len(days), 100_000):  # a date centuries out: no table
        year, month, day = _year_month_day(np.where(known, days, np.datetime64(low, "D")))
        return year * 12 + month - 1, day
    year, month, day = _year_month_day(np.arange(low, high + 1).astype("datetime64[D]"))
    at = np.where(known, numbers - low, 0)
    return (year * 12 + month - 1)[at], day[at]


def ages_on(born: np.ndarray, days: np.ndarray) -> np.ndarray:
    """Age in whole years on each of ``days`` (``datetime64[D]`` arrays), as
    :func:`iro_cli.schedule.dates.age_on`: the birthday of someone born on 29 February
    is 1 March in other years. Meaningless where either date is NaT.

    Whole months between the two dates, one fewer when the day of the month has not
    come round yet, divided by 12: 29/02/2020 to 28/02/2021 is 12 - 1 = 11 months
    (age 0), to 01/03/2021 13 - 1 = 12 (age 1).
    """
    born_month, born_day = month_and_day(born)
    month, day = month_and_day(days)
    return (month - born_month - (day < born_day)) // 12
