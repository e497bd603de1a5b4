"""Held CLA reviews as the records the participation figures are counted from.

The input is the reviews export (``load_export("reviews", ...)``) joined to the
children export, or the frame the SSDA903 reader returns (which already carries
date of birth, gender and ethnicity, and whose rows are all held CLA reviews).
"""

from __future__ import annotations

import bisect
import math
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from iro_cli.errors import InputError, Problem
from iro_cli.participation.codes import UnknownCode, parse_code

if TYPE_CHECKING:
    import pandas as pd

HELD = "Held"
CLA_REVIEW = "CLA Review"


@dataclass(frozen=True)
class ReviewRecord:
    """One held CLA review with what the groupings need to know about the child."""

    review_id: str
    person_id: str
    review_date: date
    code: str  # "PN0".."PN7", or "" when no code was recorded
    date_of_birth: date | None = None
    gender: str = ""
    ethnicity: str = ""
    team: str = ""
    iro: str = ""  # the review's chair, else the child's allocated IRO
    file: str = "reviews.csv"
    line: int | None = None
    child_found: bool = True  # False: no row for the child in children.csv


def _text(value: Any) -> str:
    if type(value) is str:
        return value.strip()
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value).strip()


def _date(value: Any) -> date | None:
    if type(value) is date:
        return value
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, datetime):  # includes pandas.Timestamp
        return None if value != value else value.date()  # NaT != NaT
    if isinstance(value, date):
        return value
    return None


def _column(frame: pd.DataFrame, name: str) -> list[Any]:
    return frame[name].tolist() if name in frame.columns else [None] * len(frame)


def _file_name(frame: pd.DataFrame, default: str) -> str:
    path = frame.attrs.get("path")
    return str(path) if path else default


@dataclass(frozen=True)
class _Period:
    start: date | None
    end: date | None
    date_of_birth: date | None
    gender: str
    ethnicity: str
    team: str
    allocated_iro: str


class ChildIndex:
    """A child's periods of care, to find the one that applies on a date."""

    def __init__(self, children: pd.DataFrame) -> None:
        periods: dict[str, list[_Period]] = {}
        columns = zip(
            _column(children, "person_id"),
            _column(children, "period_start"),
            _column(children, "period_end"),
            _column(children, "date_of_birth"),
            _column(children, "gender"),
            _column(children, "ethnicity"),
            _column(children, "team"),
            _column(children, "allocated_iro"),
            strict=True,
        )
        for person, start, end, dob, gender, ethnicity, team, iro in columns:
            periods.setdefault(_text(person), []).append(
                _Period(
                    _date(start),
                    _date(end),
                    _date(dob),
                    _text(gender),
                    _text(ethnicity),
                    _text(team),
                    _text(iro),
                )
            )
        self._periods = {
            person: sorted(rows, key=lambda p: p.start or date.min)
            for person, rows in periods.items()
        }
        self._starts = {
            person: [p.start or date.min for p in rows] for person, rows in self._periods.items()
        }

    def period_on(self, person_id: str, day: date) -> _Period | None:
        """The period containing ``day``, else the latest that started before it, else the
        earliest one (a review dated before the first recorded period); ``None`` when the
        child has no row at all."""
        rows = self._periods.get(person_id)
        if not rows:
            return None
        # Periods that started on or before the day, latest first.
        before = bisect.bisect_right(self._starts[person_id], day)
        for period in reversed(rows[:before]):
            if period.end is None or day <= period.end:
                return period
        return rows[before - 1] if before else rows[0]


def held_cla_reviews(
    reviews: pd.DataFrame, children: pd.DataFrame | None = None
) -> list[ReviewRecord]:
    """The held CLA reviews of ``reviews`` (Status ``Held``, Review Type ``CLA Review``).

    The child's date of birth, gender, ethnicity, team and allocated IRO come from
    the period of care in ``children`` that contains the review date (else the
    latest period before it). When ``children`` is ``None`` those columns are
    read from ``reviews`` itself (as the SSDA903 reader provides them).

    Raises :class:`InputError` for a participation code that is neither a code
    nor a known description, naming the file and line.
    """
    file = _file_name(reviews, "reviews.csv")
    index = ChildIndex(children) if children is not None else None
    has_types = "review_type" in reviews.columns and "status" in reviews.columns
    rows = zip(
        _column(reviews, "review_id"),
        _column(reviews, "person_id"),
        _column(reviews, "review_type") if has_types else [CLA_REVIEW] * len(reviews),
        _column(reviews, "status") if has_types else [HELD] * len(reviews),
        _column(reviews, "review_date"),
        _column(reviews, "participation_code"),
        _column(reviews, "chair"),
        _column(reviews, "date_of_birth"),
        _column(reviews, "gender"),
        _column(reviews, "ethnicity"),
        _column(reviews, "_line"),
        strict=True,
    )
    records: list[ReviewRecord] = []
    for review_id, person, kind, status, day, code, chair, dob, gender, ethnicity, line in rows:
        if _text(status) != HELD or _text(kind) != CLA_REVIEW:
            continue
        review_id, person = _text(review_id), _text(person)
        line = None if line is None or line != line else int(line)
        day = _date(day)
        if day is None:
            raise InputError(
                Problem(file, line, "Review Date", "a held review has no date", row_id=review_id)
            )
        try:
            code = parse_code(code)
        except UnknownCode:
            raise InputError(
                Problem(
                    file,
                    line,
                    "Participation Code",
                    "unknown participation code",
                    expected="PN0 to PN7 or the SSDA903 description",
                    row_id=review_id,
                )
            ) from None
        if index is None:  # the frame carries the child's details itself (SSDA903)
            child = _Period(None, None, _date(dob), _text(gender), _text(ethnicity), "", "")
        else:
            child = index.period_on(person, day)
        records.append(
            ReviewRecord(
                review_id=review_id,
                person_id=person,
                review_date=day,
                code=code,
                date_of_birth=child.date_of_birth if child else None,
                gender=child.gender if child else "",
                ethnicity=child.ethnicity if child else "",
                team=child.team if child else "",
                iro=_text(chair) or (child.allocated_iro if child else ""),
                file=file,
                line=line,
                child_found=child is not None,
            )
        )
    return records
