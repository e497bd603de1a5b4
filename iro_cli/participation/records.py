"""Held CLA reviews as whole columns, each joined to the child's period of care.

The input is the reviews export and the children export (``ReadResult``\\ s, whose
``array()`` gives typed columns, or DataFrames), or the frame the SSDA903 reader
returns (which already carries date of birth, gender and ethnicity, and whose rows
are all held CLA reviews). The result, :class:`HeldReviews`, is one numpy array per
field; a :class:`ReviewRecord` is built only for a row that is shown (a warning).

The period of care of a review is found by an as-of join on arrays: the periods are
sorted by child and start date, and each review is placed among its child's periods
with one ``searchsorted``. The rule: the period containing the review date, else the
latest that started before it, else the child's earliest one (a review dated before
the first recorded period).
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, fields
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING, Any

from iro_cli.errors import InputError, Problem
from iro_cli.exports import arrays
from iro_cli.participation.codes import PN_CODES, UnknownCode, parse_code

if TYPE_CHECKING:
    import numpy as np

HELD = "Held"
CLA_REVIEW = "CLA Review"
CODE_INDEX = {code: i for i, code in enumerate(PN_CODES)}  # "" (missing) is len(PN_CODES)
MISSING_INDEX = len(PN_CODES)


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


def _day(value: Any) -> date | None:
    """A ``datetime64[D]`` cell as a ``date`` (``None`` for NaT)."""
    day = value.item()
    return day if isinstance(day, date) else None


def _cleaned(values: np.ndarray) -> np.ndarray:
    """Distinct cells as stripped ``str`` (:func:`_text`: ``""`` for blank). Text that
    needs no stripping (checked in C) is kept as it is."""
    import numpy as np

    try:
        text = values.astype(np.dtypes.StringDType(coerce=False))
    except (TypeError, ValueError):  # not all str (None, numbers)
        text = None
    # numpy strips a little more than str.strip ("\0"): never less, so "unchanged" is sure.
    if text is not None and not (np.strings.strip(text) != text).any():
        return values
    cleaned = np.empty(len(values), dtype=object)
    cleaned[:] = [_text(v) for v in values]
    return cleaned


def _texts(table: Any, name: str, rows: np.ndarray | None = None) -> np.ndarray:
    """Column ``name`` (of ``rows``) as stripped ``str``, each distinct cell done once."""
    codes, values = arrays.coded(table, name)
    return _cleaned(values)[codes if rows is None else codes[rows]]  # type: ignore[arg-type]


def _is(table: Any, name: str, text: str) -> np.ndarray:
    """Which cells of column ``name`` are ``text`` once stripped."""
    import numpy as np

    codes, values = arrays.coded(table, name)
    return np.array([_text(v) == text for v in values], dtype=bool)[codes]


@dataclass(frozen=True, eq=False)
class HeldReviews:
    """Held CLA reviews in file order, one array per field (see :class:`ReviewRecord`).

    All rows come from one ``file``. ``review_date`` and ``date_of_birth`` are
    ``datetime64[D]`` (NaT: no date of birth);
    ``line`` is int64 (``-1``: not known); the text fields are object arrays of ``str``
    (``""`` when blank). A review's ID is fetched (and stripped) only when it is shown:
    ``ids[row[i]]``, ``row`` being its row in the reviews export. Indexing with an
    int gives a :class:`ReviewRecord`; with a mask, positions or a slice, a
    ``HeldReviews`` of those rows.
    """

    row: np.ndarray
    person_id: np.ndarray
    review_date: np.ndarray
    code: np.ndarray
    date_of_birth: np.ndarray
    gender: np.ndarray
    ethnicity: np.ndarray
    team: np.ndarray
    iro: np.ndarray
    line: np.ndarray
    child_found: np.ndarray
    ids: Any = None  # arrays.Cells (or a sequence): the Review ID of each export row
    file: str = "reviews.csv"
    # Each review's code as 0-7 (PN0-PN7), or 8 (MISSING_INDEX) when blank: worked out
    # from ``code`` when not given.
    code_index: Any = None

    def __post_init__(self) -> None:
        if self.code_index is None:
            object.__setattr__(self, "code_index", _code_index(self.code))

    def __len__(self) -> int:
        return len(self.review_date)

    def __iter__(self) -> Iterator[ReviewRecord]:
        return (self.record(i) for i in range(len(self)))

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, numbers.Integral) and not isinstance(index, bool):
            return self.record(int(index))
        return self.take(index)

    def take(self, index: Any) -> HeldReviews:
        """The rows picked by a boolean mask, an array of positions or a slice."""
        return HeldReviews(
            **{f.name: getattr(self, f.name)[index] for f in fields(self) if f.name not in _SHARED},
            ids=self.ids,
            file=self.file,
        )

    def record(self, i: int) -> ReviewRecord:
        """Row ``i`` as a :class:`ReviewRecord`."""
        line = int(self.line[i])
        return ReviewRecord(
            review_id=_text(self.ids[int(self.row[i])]),
            person_id=self.person_id[i],
            review_date=self.review_date[i].item(),
            code=self.code[i],
            date_of_birth=_day(self.date_of_birth[i]),
            gender=self.gender[i],
            ethnicity=self.ethnicity[i],
            team=self.team[i],
            iro=self.iro[i],
            file=self.file,
            line=None if line < 0 else line,
            child_found=bool(self.child_found[i]),
        )

    @cached_property
    def age(self) -> np.ndarray:
        """Age in whole years at the review (:func:`iro_cli.participation.ages.ages_on`);
        meaningless where :attr:`has_birth` is False."""
        from iro_cli.participation.ages import ages_on

        return ages_on(self.date_of_birth, self.review_date)

    @cached_property
    def has_birth(self) -> np.ndarray:
        """The reviews whose child has a date of birth."""
        import numpy as np

        return ~np.isnat(self.date_of_birth)

    def first_last(self) -> tuple[date, date] | None:
        """The earliest and latest review dates; ``None`` when there is no review."""
        if not len(self):
            return None
        return self.review_date.min().item(), self.review_date.max().item()

    @classmethod
    def from_records(cls, records: Iterable[ReviewRecord]) -> HeldReviews:
        """Whole columns from records (as tests and small callers build them), which
        come from one file."""
        import numpy as np

        rows = list(records)
        files = {r.file for r in rows}
        if len(files) > 1:
            raise ValueError("held reviews come from one file")

        def column(name: str, dtype: Any = object) -> np.ndarray:
            return np.array([getattr(r, name) for r in rows], dtype=dtype)

        return cls(
            row=np.arange(len(rows), dtype=np.int64),
            person_id=column("person_id"),
            review_date=column("review_date", "datetime64[D]"),
            code=column("code"),
            date_of_birth=column("date_of_birth", "datetime64[D]"),
            gender=column("gender"),
            ethnicity=column("ethnicity"),
            team=column("team"),
            iro=column("iro"),
            line=np.array([-1 if r.line is None else r.line for r in rows], dtype=np.int64),
            child_found=column("child_found", bool),
            ids=[r.review_id for r in rows],
            file=files.pop() if files else "reviews.csv",
        )

    @classmethod
    def concat(cls, parts: Sequence[HeldReviews]) -> HeldReviews:
        """The rows of ``parts`` (of one file), one after the other."""
        import numpy as np

        if len({p.file for p in parts}) > 1 or len({id(p.ids) for p in parts}) > 1:
            raise ValueError("held reviews come from one file")
        return cls(
            **{
                f.name: np.concatenate([getattr(p, f.name) for p in parts])
                for f in fields(cls)
                if f.name not in _SHARED
            },
            ids=parts[0].ids,
            file=parts[0].file,
        )


_SHARED = ("ids", "file")  # fields of the whole export, not one per review


def _code_index(code: np.ndarray) -> np.ndarray:
    """:attr:`HeldReviews.code_index` of the codes ``code`` (``"PN0"``... or ``""``)."""
    import numpy as np

    codes, uniques = arrays.factorize(code)
    lookup = np.array([CODE_INDEX.get(u, MISSING_INDEX) for u in uniques], dtype=np.int64)
    return lookup[codes] if len(uniques) else np.zeros(len(code), dtype=np.int64)


def as_held(records: HeldReviews | Iterable[ReviewRecord]) -> HeldReviews:
    """``records`` as :class:`HeldReviews` (a list of records is converted)."""
    return records if isinstance(records, HeldReviews) else HeldReviews.from_records(records)


# --- the as-of join ------------------------------------------------------------------------


def period_rows(
    child: np.ndarray, starts: np.ndarray, ends: np.ndarray, person: np.ndarray, days: np.ndarray
) -> np.ndarray:
    """For each review (``person`` code, ``days``), the row of the children export giving
    its period of care, or ``-1`` when the child has no row.

    ``child`` holds the person code of each children row (the same codes as ``person``),
    ``starts``/``ends`` its period (NaT: not recorded; an unknown start counts as the
    earliest, an unknown end as still open). The period is the one containing the day
    (the latest starting when several do), else the latest that started before it, else
    the child's earliest period. Periods that start on the same day keep file order.
    """
    import numpy as np

    day_number = arrays.day_numbers(days, 0)
    start_number = arrays.day_numbers(starts, 0)  # an unknown start sorts first, as date.min
    end_number = arrays.day_numbers(ends, arrays.SPAN)  # an unknown end: still open
    order = np.lexsort((np.arange(len(child)), start_number, child))
    sorted_child = child[order]
    sorted_key = sorted_child * arrays.SPAN + start_number[order]
    sorted_end = end_number[order]
    # Each child's periods are sorted_*[bounds[code]:bounds[code + 1]].
    bounds = np.searchsorted(
        sorted_child, np.arange(max(child.max(initial=-1), person.max(initial=-1)) + 2)
    )
    first, last = bounds[person], bounds[person + 1]
    # One past the last of the child's periods that started on or before the day.
    after = np.searchsorted(sorted_key, person * arrays.SPAN + day_number, side="right")

    chosen = np.full(len(person), -1, dtype=np.int64)
    # Walk back from the latest period started on or before the day to the first that
    # is still open on it; each pass takes the reviews not yet placed (a child has few
    # periods, so few passes).
    active = np.flatnonzero(after > first)
    candidate = after[active] - 1
    while active.size:
        open_on_day = sorted_end[candidate] >= day_number[active]
        chosen[active[open_on_day]] = candidate[open_on_day]
        active, candidate = active[~open_on_day], candidate[~open_on_day] - 1
        still = candidate >= first[active]
        active, candidate = active[still], candidate[still]
    unplaced = chosen < 0
    chosen[unplaced] = np.where(after > first, after - 1, first)[unplaced]
    found = last > first
    rows = np.full(len(person), -1, dtype=np.int64)
    rows[found] = order[chosen[found]]
    return rows


def _persons(children: Any, reviews: Any, rows: np.ndarray) -> tuple[np.ndarray, ...]:
    """Shared integer codes for the (stripped) Person IDs of the children export and of
    the reviews export's ``rows``, and those reviews' Person IDs stripped. Only the
    distinct IDs of each export are compared (``" P1"`` and ``"P1"`` are one child)."""
    import numpy as np

    texts = [arrays.arrow_text(table, "person_id") for table in (children, reviews)]
    if texts[0] is not None and texts[1] is not None:
        # Read exports (whose cells the reader has stripped): both columns coded at once
        # by Arrow, with no Python object per row.
        (child, review), distinct = arrays.text_codes(texts)
        ids = np.empty(len(distinct), dtype=object)
        ids[:] = distinct.to_pylist()
        person = review[rows]
        return child, person, ids[person]
    child_codes, child_values = arrays.coded(children, "person_id")
    review_codes, review_values = arrays.coded(reviews, "person_id")
    review_codes = review_codes[rows]
    child_clean, review_clean = _cleaned(child_values), _cleaned(review_values)  # type: ignore[arg-type]
    child, person = arrays.unify((child_codes, child_clean), (review_codes, review_clean))
    return child, person, review_clean[review_codes]


def _held(reviews: Any) -> np.ndarray:
    """The rows of ``reviews`` that are held CLA reviews (all of an SSDA903 frame's)."""
    import numpy as np

    if not (arrays.has(reviews, "review_type") and arrays.has(reviews, "status")):
        return np.ones(arrays.size(reviews), dtype=bool)
    return _is(reviews, "status", HELD) & _is(reviews, "review_type", CLA_REVIEW)


def _codes(
    reviews: Any, keep: np.ndarray, days: np.ndarray, lines: np.ndarray, file: str
) -> tuple[np.ndarray, np.ndarray]:
    """The PN codes of the held reviews (rows ``keep``) and their code index (0-8, see
    :attr:`HeldReviews.code_index`); the first of them (in file order) with no date or
    an unknown code is an :class:`InputError`."""
    import numpy as np

    codes, cells = arrays.coded(reviews, "participation_code")
    codes = codes[keep]
    parsed: list[str | None] = []
    for cell in cells:  # type: ignore[union-attr]
        try:
            parsed.append(parse_code(cell))
        except UnknownCode:
            parsed.append(None)
    lookup = np.empty(len(parsed), dtype=object)
    lookup[:] = parsed
    values = lookup[codes]
    index = np.array([CODE_INDEX.get(p, MISSING_INDEX) for p in parsed], dtype=np.int64)[codes]
    undated = np.flatnonzero(np.isnat(days))
    unknown = np.flatnonzero(np.array([p is None for p in parsed], dtype=bool)[codes])
    first_undated = undated[0] if undated.size else len(values)
    first_unknown = unknown[0] if unknown.size else len(values)
    if min(first_undated, first_unknown) < len(values):
        at = int(min(first_undated, first_unknown))
        line = None if lines[at] < 0 else int(lines[at])
        review_id = _text(arrays.Cells(reviews, "review_id")[keep[at]])
        if first_undated <= first_unknown:
            raise InputError(
                Problem(file, line, "Review Date", "a held review has no date", row_id=review_id)
            )
        raise InputError(
            Problem(
                file,
                line,
                "Participation Code",
                "unknown participation code",
                expected="PN0 to PN7 or the SSDA903 description",
                row_id=review_id,
            )
        )
    return values, index


def held_cla_reviews(reviews: Any, children: Any = None) -> HeldReviews:
    """The held CLA reviews of ``reviews`` (Status ``Held``, Review Type ``CLA Review``).

    The child's date of birth, gender, ethnicity, team and allocated IRO come from
    the period of care in ``children`` that contains the review date (else the
    latest period before it, see :func:`period_rows`). When ``children`` is ``None``
    those columns are read from ``reviews`` itself (as the SSDA903 reader provides
    them). Both may be ``ReadResult``\\ s, DataFrames or dicts of columns.

    Raises :class:`InputError` for a held review with no date or a participation code
    that is neither a code nor a known description, naming the file and line.
    """
    import numpy as np

    file = arrays.path_of(reviews, "reviews.csv")
    keep = np.flatnonzero(_held(reviews))
    days = arrays.dates(reviews, "review_date")[keep]
    lines = arrays.lines(reviews)[keep]
    code, code_index = _codes(reviews, keep, days, lines, file)
    chair = _texts(reviews, "chair", keep)
    count = len(keep)
    if children is None:  # the frame carries the child's details itself (SSDA903)
        person = _texts(reviews, "person_id", keep)
        born = arrays.dates(reviews, "date_of_birth")[keep]
        gender = _texts(reviews, "gender", keep)
        ethnicity = _texts(reviews, "ethnicity", keep)
        team = np.full(count, "", dtype=object)
        iro = chair
        found = np.ones(count, dtype=bool)
    else:
        child, review_child, person = _persons(children, reviews, keep)
        rows = period_rows(
            child,
            arrays.dates(children, "period_start"),
            arrays.dates(children, "period_end"),
            review_child,
            days,
        )
        found = rows >= 0

        def pick(values: np.ndarray, blank: Any) -> np.ndarray:
            return np.append(values, np.array([blank], dtype=values.dtype))[rows]  # -1: blank

        born = pick(arrays.dates(children, "date_of_birth"), np.datetime64("NaT"))
        gender = pick(_texts(children, "gender"), "")
        ethnicity = pick(_texts(children, "ethnicity"), "")
        team = pick(_texts(children, "team"), "")
        allocated = pick(_texts(children, "allocated_iro"), "")
        iro = np.where(chair != "", chair, allocated)
    return HeldReviews(
        row=keep,
        person_id=person,
        review_date=days,
        code=code,
        date_of_birth=born,
        gender=gender,
        ethnicity=ethnicity,
        team=team,
        iro=iro,
        line=lines,
        child_found=found,
        ids=arrays.Cells(reviews, "review_id"),
        file=file,
        code_index=code_index,
    )
