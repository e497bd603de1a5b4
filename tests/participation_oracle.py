"""The per-review participation code from before issue #16, kept as the oracle that the
array version (:mod:`iro_cli.participation`) is tested against. Not product code: the
product has one implementation; this is how the figures were worked out before."""

# ruff: noqa

from __future__ import annotations

import bisect
import math
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import pandas as pd

from iro_cli.errors import InputError, Problem
from iro_cli.participation.ages import AGE_BANDS, age_band
from iro_cli.participation.checks import (
    BORN_AFTER,
    EXPORT_COLUMNS,
    MISSING_CODE,
    NO_CHILD,
    NO_DOB,
    RULE_440,
    RULE_441,
    DataWarning,
    _warning,
)
from iro_cli.participation.codes import (
    PN_CODES,
    UNDER_FOUR,
    UnknownCode,
    attendance_rate,
    parse_code,
    participation_rate,
)
from iro_cli.participation.records import ReviewRecord
from iro_cli.participation.summary import (
    BY_CHOICES,
    MISSING,
    NOT_RECORDED,
    PREVIOUS,
    TIME_GROUPINGS,
    TOTAL,
    CompareError,
    Selection,
    _figures,
    group_column,
)
from iro_cli.periods import (
    LABELLERS,
    YEAR_SHIFT,
    Period,
    Shift,
    fy_start_year,
    labels_between,
    previous_period,
)
from iro_cli.schedule.dates import age_on


@dataclass(frozen=True)
class OldSummary:
    by: str
    selection: Selection
    rows: list[dict[str, object]]
    total: dict[str, object]
    current: list[ReviewRecord]
    previous: list[ReviewRecord]

    @property
    def warned_records(self) -> list[ReviewRecord]:
        return sorted([*self.current, *self.previous], key=lambda r: (r.file, r.line or 0))


HELD = "Held"
CLA_REVIEW = "CLA Review"


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


def check_reviews(
    records: Iterable[ReviewRecord],
    children_file: str = "children.csv",
    columns: Mapping[str, str] = EXPORT_COLUMNS,
) -> list[DataWarning]:
    """Every warning for ``records``, in the order of the records.

    ``columns`` names the code, person and date columns in the messages.
    """
    warnings: list[DataWarning] = []
    for record in records:
        code = record.code
        if not code:
            warnings.append(_warning(MISSING_CODE, record, columns["code"]))
        if not record.child_found:
            warnings.append(_warning(NO_CHILD, record, columns["person"], children=children_file))
            continue
        if record.date_of_birth is None:
            warnings.append(_warning(NO_DOB, record, None))
            continue
        age = age_on(record.date_of_birth, record.review_date)
        if age < 0:
            warnings.append(_warning(BORN_AFTER, record, columns["date"]))
        elif code == UNDER_FOUR and age >= 4:
            warnings.append(_warning(RULE_440, record, columns["code"]))
        elif code and code != UNDER_FOUR and age < 4:
            warnings.append(_warning(RULE_441, record, columns["code"], code=code))
    return warnings


def _age_band(record: ReviewRecord) -> str:
    if record.date_of_birth is None:
        return NOT_RECORDED
    age = age_on(record.date_of_birth, record.review_date)
    return age_band(age) if age >= 0 else NOT_RECORDED


def labeller(by: str) -> Callable[[ReviewRecord], str]:
    """The function giving a review's group label for ``--by``."""
    if by in LABELLERS:
        label = LABELLERS[by]
        return lambda r: label(r.review_date)
    if by == "age-band":
        return _age_band
    if by in ("iro", "team", "gender", "ethnicity"):
        return lambda r: getattr(r, by) or NOT_RECORDED
    raise ValueError(f"unknown grouping '{by}' (expected one of {', '.join(BY_CHOICES)})")


def select(
    records: Sequence[ReviewRecord], by: str, period: Period | None, compare: bool
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
        elif records:
            first = min(r.review_date for r in records)
            last = max(r.review_date for r in records)
            span = Period(date(fy_start_year(first), 4, 1), date(fy_start_year(last) + 1, 3, 31))
        else:
            return Selection(None)
        previous = Period(YEAR_SHIFT.back(span.start), YEAR_SHIFT.back(span.end))
        return Selection(period, previous, YEAR_SHIFT)
    if period is None:
        raise CompareError(
            "--compare needs a period to compare: give --year, or --from and --to "
            "(or use --by year to compare each year with the one before)"
        )
    previous, shift = previous_period(period)
    return Selection(period, previous, shift)


def counted(records: Iterable[ReviewRecord], period: Period | None) -> list[ReviewRecord]:
    """The records dated within ``period`` (all of them when ``period`` is ``None``)."""
    if period is None:
        return list(records)
    return [r for r in records if period.start <= r.review_date <= period.end]


def _figures(counts: Counter[str]) -> dict[str, int | float | None]:
    row: dict[str, int | float | None] = {code: counts.get(code, 0) for code in PN_CODES}
    row[MISSING] = counts.get("", 0)
    row["total"] = sum(counts.values())
    row["participation_rate"] = participation_rate(counts)
    row["attendance_rate"] = attendance_rate(counts)
    return row


def _order(
    by: str, labels: set[str], period: Period | None, current: list[ReviewRecord]
) -> list[str]:
    if by in TIME_GROUPINGS:
        if period is None and current:
            span = Period(min(r.review_date for r in current), max(r.review_date for r in current))
            wanted = labels_between(by, span)
        elif period is not None:
            wanted = labels_between(by, period)
        else:
            wanted = []
        return wanted + sorted(labels - set(wanted))
    if by == "age-band":
        return [*AGE_BANDS, *([NOT_RECORDED] if NOT_RECORDED in labels else [])]
    named = sorted(labels - {NOT_RECORDED}, key=lambda s: (s.casefold(), s))
    return named + ([NOT_RECORDED] if NOT_RECORDED in labels else [])


def summarise(
    records: Sequence[ReviewRecord],
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
    label = labeller(by)
    selection = select(records, by, period, compare)
    current = counted(records, selection.period)
    current_counts: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for record in current:
        current_counts[label(record)][record.code] += 1
    previous: list[ReviewRecord] = []
    previous_counts: defaultdict[str, Counter[str]] = defaultdict(Counter)
    if selection.shift is not None and selection.previous is not None:
        previous = counted(records, selection.previous)
        shift = selection.shift
        for record in previous:
            if by in TIME_GROUPINGS:
                key = LABELLERS[by](shift.forward(record.review_date))
            else:
                key = label(record)
            previous_counts[key][record.code] += 1

    labels = set(current_counts) | set(previous_counts)
    order = _order(by, labels, selection.period, current)
    column = group_column(by)
    comparing = selection.shift is not None

    def row(name: str, now: Counter[str], before: Counter[str]) -> dict[str, object]:
        figures = _figures(now)
        out: dict[str, object] = {column: name, **figures}
        if comparing:
            out.update({k + PREVIOUS: v for k, v in _figures(before).items()})
        return out

    rows = [
        row(name, current_counts.get(name, Counter()), previous_counts.get(name, Counter()))
        for name in order
    ]
    total = row(
        TOTAL,
        Counter(r.code for r in current),
        Counter(r.code for r in previous),
    )
    return OldSummary(by, selection, rows, total, current, previous)
