"""The SSDA903 participation codes PN0–PN7: parsing, groups and the two rates."""

from __future__ import annotations

import re

from iro_cli.exports.schema import PN_ALIASES, PN_CODES, PN_DESCRIPTIONS

__all__ = [
    "ATTENDED",
    "CONVEYED",
    "NOT_TAKING_PART",
    "PN_CODES",
    "PN_DESCRIPTIONS",
    "PARTICIPATING",
    "RATED",
    "UNDER_FOUR",
    "UnknownCode",
    "attendance_rate",
    "parse_code",
    "participation_rate",
]

UNDER_FOUR = "PN0"
ATTENDED = ("PN1", "PN2", "PN3", "PN4")  # attended the review
CONVEYED = ("PN5", "PN6")  # did not attend, views conveyed another way
NOT_TAKING_PART = ("PN7",)  # did not attend, no views conveyed
PARTICIPATING = ATTENDED + CONVEYED  # numerator of the participation rate
RATED = PARTICIPATING + NOT_TAKING_PART  # denominator of both rates (PN0 excluded)


class UnknownCode(ValueError):
    """A participation cell that is neither a PN code nor a known description."""


def _key(text: str) -> str:
    return re.sub(r"[^0-9a-z]+", "", text.casefold())


_CANONICAL = frozenset(PN_CODES)
_LOOKUP: dict[str, str] = {_key(code): code for code in PN_CODES}
_LOOKUP.update({_key(text): code for text, code in PN_ALIASES.items()})
# "PN0 - Child aged under 4 ..." as some reports write code and description together.
_LOOKUP.update({_key(f"{code} {text}"): code for code, text in PN_DESCRIPTIONS.items()})


def parse_code(text: str | None) -> str:
    """Map a cell to ``"PN0"``…``"PN7"``; ``""`` when blank.

    Matches the code or its SSDA903 description ignoring case, spaces and
    punctuation. Raises :class:`UnknownCode` for anything else.
    """
    if text is None:
        return ""
    if text in _CANONICAL:  # what the export reader already gives
        return text
    key = _key(str(text))
    if not key:
        return ""
    try:
        return _LOOKUP[key]
    except KeyError:
        raise UnknownCode(str(text)) from None


def _rate(numerator: int, denominator: int) -> float | None:
    return None if denominator == 0 else numerator / denominator


def participation_rate(counts: dict[str, int]) -> float | None:
    """PN1–PN6 ÷ PN1–PN7; ``None`` when there is no PN1–PN7 review."""
    return _rate(sum(counts.get(c, 0) for c in PARTICIPATING), sum(counts.get(c, 0) for c in RATED))


def attendance_rate(counts: dict[str, int]) -> float | None:
    """PN1–PN4 ÷ PN1–PN7; ``None`` when there is no PN1–PN7 review."""
    return _rate(sum(counts.get(c, 0) for c in ATTENDED), sum(counts.get(c, 0) for c in RATED))
