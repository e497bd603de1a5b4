"""The schedule's building blocks on whole columns (numpy): dates, people and meetings.

- calendar months on ``datetime64[M]`` with the month-end clamp (Dodds v Walker:
  31/08/2025 + 6 months = 28/02/2026), clamped at the calendar's ends as
  :func:`iro_cli.schedule.dates.add_months` is;
- working days with ``numpy.busday_offset`` / ``numpy.is_busday`` over the holidays of
  a :class:`~iro_cli.schedule.dates.WorkingCalendar` (England or Wales, with the
  ``iro.toml`` additions and removals), for the years the data needs;
- people as integer codes that sort as their IDs do, shared by every export;
- the meetings of reviews.csv as sorted arrays keyed by (person, review type, day), so
  "the last held review", "how many held since" and "the next one booked" are
  ``numpy.searchsorted`` look-ups for all children at once.

Pure: arrays and ``as_of`` in, arrays out.
"""

from __future__ import annotations

from typing import Any

import numpy as np

DAY = "datetime64[D]"
NAT = np.datetime64("NaT", "D")
FIRST_DAY = np.datetime64("0001-01-01", "D")
LAST_DAY = np.datetime64("9999-12-31", "D")

# Review types and statuses as small codes; a group is person * 4 + type.
CLA, ICPC, RCPC, PATHWAY = "CLA Review", "ICPC", "RCPC", "Pathway Plan Review"
KINDS = (CLA, ICPC, RCPC, PATHWAY)
CLA_CODE, ICPC_CODE, RCPC_CODE, PATHWAY_CODE = range(4)
STATUSES = ("Held", "Scheduled", "Rearranged", "Cancelled")
HELD, SCHEDULED, REARRANGED, CANCELLED = range(4)

# A (group, day) key in one int64: days since 1970 shifted to be positive, 23 bits.
_DAY_BITS = 23
_DAY_SHIFT = 1 << 21  # 0001-01-01 is day -719,162; 9999-12-31 is day 2,932,896

# Below this many values a sort (numpy, no further import) encodes a column faster than
# importing a hash table (pandas: 0.4 s) would, and Python strings cost little; above it
# the hash table (and Arrow for read exports' text) wins.
HASH_FROM = 50_000


def column(table: Any, name: str, kind: str = "text") -> np.ndarray:
    """Column ``name`` of a read export (``ReadResult.array``), a DataFrame or a mapping of
    lists, as the reader's typed arrays: dates ``datetime64[D]`` (NaT blank), flags bool,
    text an object array."""
    array = getattr(table, "array", None)
    if callable(array):
        return array(name)
    values = table[name]
    values = values.to_numpy() if hasattr(values, "to_numpy") else list(values)
    if kind == "date":
        return np.array(values, dtype=DAY)
    if kind == "flag":
        return np.asarray(values, dtype=object).astype(bool)
    return np.asarray(values, dtype=object)


class Table:
    """One export's columns as arrays, each converted once (see :func:`column`)."""

    def __init__(self, source: Any) -> None:
        from iro_cli.exports.result import ReadResult

        self.source = source
        self.read = source if isinstance(source, ReadResult) else None
        self._arrays: dict[str, np.ndarray] = {}

    def get(self, name: str, kind: str = "text") -> np.ndarray:
        found = self._arrays.get(name)
        if found is None:
            found = self._arrays[name] = column(self.source, name, kind)
        return found

    def arrow(self, name: str) -> Any | None:
        """An ID or text column of a read export as Arrow strings (no Python object per
        cell); ``None`` for other sources or kinds, and for a small export (its cells as
        Python strings cost nothing, and no Arrow conversion may import pandas)."""
        if self.read is None or self.read.kinds.get(name) not in ("id", "text"):
            return None
        if self.read.rows < HASH_FROM:
            return None
        return self.read.text(name)

    def pick(self, name: str, rows: np.ndarray) -> np.ndarray:
        """The text cells of ``rows`` ("" where the row is -1), as an object array; from a
        read export only those cells become Python strings."""
        rows = np.asarray(rows, dtype=np.int64)
        text = None if name in self._arrays else self.arrow(name)
        if text is None:
            return take(self.get(name), rows, "")
        from iro_cli.exports.tables import from_numpy

        found = np.full(len(rows), "", dtype=object)
        ok = rows >= 0
        if ok.any():
            found[ok] = text.take(from_numpy(rows[ok])).to_pylist()
        return found


def filled(values: np.ndarray) -> np.ndarray:
    """Which cells of a text column are not blank."""
    return values.astype(bool)


def add_months(days: np.ndarray, months: int) -> np.ndarray:
    """``days`` plus calendar months, the day clamped to the month's last (31/08 + 6 =
    28/02); past 31/12/9999 (before 01/01/0001) it gives that day; NaT stays NaT."""
    days = np.asarray(days, dtype=DAY)
    month = days.astype("datetime64[M]")
    into = days - month.astype(DAY)
    target = month + months
    first = target.astype(DAY)
    length = (target + 1).astype(DAY) - first
    found = first + np.minimum(into, length - np.timedelta64(1, "D"))
    return np.minimum(np.maximum(found, FIRST_DAY), LAST_DAY)


def day_numbers(days: np.ndarray) -> np.ndarray:
    return days.astype(np.int64)


def group_key(group: np.ndarray, days: np.ndarray) -> np.ndarray:
    """One sortable int64 for (group, day)."""
    return (group.astype(np.int64) << _DAY_BITS) | (day_numbers(days) + _DAY_SHIFT)


def group_start(group: np.ndarray) -> np.ndarray:
    """The smallest key of ``group`` (every key of the group is at least this)."""
    return group.astype(np.int64) << _DAY_BITS


class WorkingDays:
    """Working days of a :class:`WorkingCalendar` as a ``numpy.busdaycalendar``, holding
    the holidays of the years seen so far (and the years either side)."""

    def __init__(self, calendar: Any) -> None:
        self.calendar = calendar
        self.years: set[int] = set()
        self.busdays = np.busdaycalendar()

    def cover(self, days: np.ndarray) -> None:
        """Make sure the holidays of the years of ``days`` (and either side) are known."""
        days = days[~np.isnat(days)]
        if not len(days):
            return
        years = np.unique(days.astype("datetime64[Y]").astype(np.int64) + 1970)
        wanted = {int(y) + d for y in years for d in (-1, 0, 1)}
        wanted = {y for y in wanted if 1 <= y <= 9999} - self.years
        if not wanted:
            return
        self.years |= wanted
        known = sorted(d for y in self.years for d in self.calendar.holidays_in(y))
        self.busdays = np.busdaycalendar(holidays=np.array(known, dtype=DAY))

    def add(self, start: np.ndarray, count: int) -> np.ndarray:
        """The ``count``-th working day after each day (the day itself not counted)."""
        self.cover(start)
        found = np.full(len(start), NAT)
        known = ~np.isnat(start)
        found[known] = np.busday_offset(
            start[known], count, roll="backward", busdaycal=self.busdays
        )
        self.cover(found)
        return found

    def is_working(self, days: np.ndarray) -> np.ndarray:
        self.cover(days)
        return np.is_busday(days, busdaycal=self.busdays)

    def on_or_before(self, days: np.ndarray) -> np.ndarray:
        """The last working day on or before each day."""
        self.cover(days)
        return np.busday_offset(days, 0, roll="backward", busdaycal=self.busdays)


def _encoded(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Encode a text column: the index of each value among the distinct values, and the
    distinct values (an object array, in no particular order)."""
    if len(values) < HASH_FROM:
        distinct, found = np.unique(values.astype(str), return_inverse=True)
        return found.astype(np.int64), distinct.astype(object)
    import pandas as pd

    found, distinct = pd.factorize(values)
    return found.astype(np.int64), np.asarray(distinct, dtype=object)


def codes(*columns: np.ndarray) -> list[np.ndarray]:
    """Integer codes for the values of several columns together, numbered in the values'
    sort order (so sorting by code sorts by value, as Python sorts the strings)."""
    joined = np.concatenate([np.asarray(c, dtype=object) for c in columns])
    found, distinct = _encoded(joined)
    rank = np.empty(len(distinct), dtype=np.int64)
    rank[np.argsort(distinct.astype(str), kind="stable")] = np.arange(len(distinct))
    coded = rank[found]
    bounds = np.cumsum([len(c) for c in columns])[:-1]
    return np.split(coded, bounds)


def person_codes(tables: list[Table]) -> tuple[list[np.ndarray], np.ndarray]:
    """Codes for the Person IDs of several exports together (numbered in the IDs' sort
    order), and the ID of each code. From read exports, Arrow's dictionary encoding and
    sort (UTF-8 byte order is code point order, as Python sorts strings)."""
    texts = [t.arrow("person_id") for t in tables]
    if all(text is None for text in texts):  # small exports, or not read ones
        coded = codes(*[t.get("person_id") for t in tables])
        people = int(max((int(c.max()) + 1 for c in coded if len(c)), default=0))
        ids = np.empty(people, dtype=object)
        for code, table in zip(coded, tables, strict=True):
            ids[code] = table.get("person_id")
        return coded, ids
    import pyarrow as pa

    from iro_cli.exports.arrays import text_codes

    texts = [  # a small read export's IDs too (a required column: always Arrow text)
        text if text is not None
        else t.read.text("person_id") if t.read is not None
        else pa.chunked_array([pa.array(t.get("person_id").tolist(), type=pa.large_string())])
        for t, text in zip(tables, texts, strict=True)
    ]  # fmt: skip
    coded, distinct = text_codes(texts, in_order=True)
    ids = np.empty(len(distinct), dtype=object)
    ids[:] = distinct.to_pylist()
    return coded, ids


def code_of(table: Table, name: str, names: tuple[str, ...]) -> np.ndarray:
    """The position of each cell of code column ``name`` in ``names`` (-1 for a value not
    among them), from the column's own codes (:func:`iro_cli.exports.arrays.coded`: a
    read export's distinct cells, no Python object per row)."""
    from iro_cli.exports.arrays import coded

    codes, values = coded(table.source, name)
    lookup = np.array([names.index(v) if v in names else -1 for v in values], dtype=np.int64)
    return lookup[codes] if len(lookup) else np.full(len(codes), -1, dtype=np.int64)


def first_seen(values: np.ndarray) -> np.ndarray:
    """For each element, the order in which its value first appears (0, 1, ...)."""
    _, first, inverse = np.unique(values, return_index=True, return_inverse=True)
    order = np.empty(len(first), dtype=np.int64)
    order[np.argsort(first)] = np.arange(len(first))
    return order[inverse]


class Meetings:
    """The rows of reviews.csv as at one day, sorted into held, booked and moved meetings.

    Held meetings dated after ``as_of`` are left out (not yet held as at that day).
    Each kind is sorted by (person, type, day) and, within a day, keeps file order.
    """

    def __init__(self, reviews: Table, person: np.ndarray, as_of: np.datetime64) -> None:
        self.day = reviews.get("review_date", "date")
        status = code_of(reviews, "status", STATUSES)
        kind = code_of(reviews, "review_type", KINDS)
        self.person = person
        self.kind = kind
        self.status = status
        self.group = person * 4 + kind
        keep = (kind >= 0) & ~((status == HELD) & (self.day > as_of))
        self.kept = keep
        self.key = group_key(self.group, self.day)
        self.held = self._sorted(keep & (status == HELD))
        self.held_key = self.key[self.held]
        self.booked = self._sorted(keep & (status == SCHEDULED))
        self.booked_key = self.key[self.booked]
        self.moved = self._sorted(keep & ((status == REARRANGED) | (status == CANCELLED)))
        self.moved_key = self.key[self.moved]
        self.reviews = reviews

    def _sorted(self, mask: np.ndarray) -> np.ndarray:
        rows = np.flatnonzero(mask)
        return rows[np.argsort(self.key[rows], kind="stable")]

    def held_range(self, group: np.ndarray, since: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Positions in ``held`` of each group's held meetings dated on or after ``since``:
        ``[first, end)`` (empty when first == end)."""
        first = np.searchsorted(self.held_key, group_key(group, since), side="left")
        end = np.searchsorted(self.held_key, group_start(group + 1), side="left")
        return first, end

    def group_bounds(self, group: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Positions in ``held`` of each group's held meetings: ``[first, end)``."""
        first = np.searchsorted(self.held_key, group_start(group), side="left")
        end = np.searchsorted(self.held_key, group_start(group + 1), side="left")
        return first, end

    def held_row(self, at: np.ndarray, ok: np.ndarray) -> np.ndarray:
        """The reviews.csv row of held position ``at`` where ``ok`` (else -1)."""
        found = np.full(len(at), -1, dtype=np.int64)
        found[ok] = self.held[at[ok]]
        return found

    def next_booked(self, group: np.ndarray, after: np.ndarray) -> np.ndarray:
        """The first ``Scheduled`` meeting of each group dated after ``after`` (NaT: none)."""
        at = np.searchsorted(self.booked_key, group_key(group, after), side="right")
        inside = at < len(self.booked)
        at = np.minimum(at, max(len(self.booked) - 1, 0))
        found = np.full(len(group), NAT)
        if len(self.booked):
            same = inside & (self.group[self.booked[at]] == group)
            found[same] = self.day[self.booked[at[same]]]
        return found

    def last_moved(self, group: np.ndarray) -> np.ndarray:
        """The day of each group's last ``Rearranged`` or ``Cancelled`` meeting (NaT: none)."""
        at = np.searchsorted(self.moved_key, group_start(group + 1), side="left") - 1
        found = np.full(len(group), NAT)
        if len(self.moved):
            ok = at >= 0
            rows = self.moved[np.maximum(at, 0)]
            ok &= self.group[rows] == group
            found[ok] = self.day[rows[ok]]
        return found

    def scheduled(
        self, group: np.ndarray, after: np.ndarray, last: np.ndarray, as_of: np.datetime64
    ) -> np.ndarray:
        """The date of the next review as planned: the first ``Scheduled`` meeting after
        ``after``; with none booked, the Next Review Date set at the last held meeting
        (row ``last`` of reviews.csv, -1 for none) unless it has passed or a meeting since
        was rearranged or cancelled (the plan changed). NaT: no date."""
        found = self.next_booked(group, after)
        open_ = np.isnat(found) & (last >= 0)
        if open_.any():
            rows = last[open_]
            planned = self.reviews.get("next_review_date", "date")[rows]
            moved = self.last_moved(group[open_])
            keep = ~np.isnat(planned) & ~(moved > self.day[rows]) & ~(planned < as_of)
            planned[~keep] = NAT
            found[open_] = planned
        return found


def current_periods(
    children: Table, person: np.ndarray, people: int, as_of: np.datetime64
) -> tuple[np.ndarray, np.ndarray]:
    """For each person code: the row of their latest period of care begun by ``as_of``
    (-1: none; of two begun the same day, the first in the file) and how many periods
    begun by then came before it."""
    start = children.get("period_start", "date")
    rows = np.flatnonzero(start <= as_of)
    order = np.lexsort((-rows, start[rows], person[rows]))
    rows = rows[order]
    latest = np.full(people, -1, dtype=np.int64)
    earlier = np.zeros(people, dtype=np.int64)
    if len(rows):
        who = person[rows]
        last = np.r_[who[1:] != who[:-1], True]
        latest[who[last]] = rows[last]
        earlier[:] = np.bincount(who, minlength=people) - 1
    return latest, np.maximum(earlier, 0)


def take(values: np.ndarray, rows: np.ndarray, fill: Any) -> np.ndarray:
    """``values[rows]``, with ``fill`` where the row is -1."""
    found = np.full(len(rows), fill, dtype=values.dtype)
    ok = rows >= 0
    found[ok] = values[rows[ok]]
    return found


def text_name(forename: Any, surname: Any) -> str:
    return " ".join(part for part in (forename, surname) if part)
