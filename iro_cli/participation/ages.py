"""The DfE age bands, by whole years of age at the review."""

from __future__ import annotations

AGE_BANDS = ("Under 1", "1 to 4", "5 to 9", "10 to 15", "16 and over")


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
