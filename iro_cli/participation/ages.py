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
    import numpy as np

    months = days.astype("datetime64[M]")
    year = days.astype("datetime64[Y]").astype(np.int64) + 1970
    month = months.astype(np.int64) % 12 + 1
    day = (days - months.astype("datetime64[D]")).astype(np.int64) + 1
    return year, month, day


def ages_on(born: np.ndarray, days: np.ndarray) -> np.ndarray:
    """Age in whole years on each of ``days`` (``datetime64[D]`` arrays), as
    :func:`iro_cli.schedule.dates.age_on`: the birthday of someone born on 29 February
    is 1 March in other years. Meaningless where either date is NaT."""
    born_year, born_month, born_day = _year_month_day(born)
    year, month, day = _year_month_day(days)
    before_birthday = month * 100 + day < born_month * 100 + born_day
    return year - born_year - before_birthday
