"""Sense checks: rows that have the right shape but cannot be true (pure: columns in,
problems out).

A date of birth a century ago, a review "held" after the day the export was taken, a
review before the child was born, a held CLA review outside every period of care, one
Review ID used for two different meetings, one child with two dates of birth. ``iro
validate`` lists each (file, line, column, ID; never the value); a command whose
figures would be wrong because of them says so in its summary (:func:`summary_note`).
The plausible ranges are set in ``iro.toml`` ``[validate]``.

The checks are whole-column operations (masks, a shared code per person, one sorted
join for the periods of care) over a ``ReadResult``, a DataFrame or plain columns
(:mod:`iro_cli.exports.arrays`); a :class:`Finding` is built only when the findings
are listed (``iro validate``), not when they are only counted (:func:`note_for`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from iro_cli.errors import ConfigError, Problem
from iro_cli.exports import arrays
from iro_cli.schedule.dates import add_months

if TYPE_CHECKING:
    import numpy as np

Columns = Any  # a ReadResult, a DataFrame or a mapping of column name -> values


@dataclass(frozen=True)
class Limits:
    """Plausible ranges, from ``iro.toml`` ``[validate]``."""

    max_age: int = 25  # years: care leavers are supported to 25
    years_ahead: int = 2  # years: a meeting booked further ahead is a typing slip


@dataclass(frozen=True)
class Check:
    """One kind of sense check: its severity, what it is (one, many), and which
    commands' figures it can make wrong."""

    severity: str
    one: str
    many: str
    affects: frozenset[str]


CHECKS: dict[str, Check] = {
    "birth_range": Check(
        "warning",
        "date of birth out of the plausible range",
        "dates of birth out of the plausible range",
        frozenset({"participation", "letter"}),
    ),
    "two_births": Check(
        "error",
        "child with two dates of birth",
        "children with two dates of birth",
        frozenset({"participation", "letter"}),
    ),
    "held_future": Check(
        "warning",
        "held review dated after the as-at day",
        "held reviews dated after the as-at day",
        frozenset({"overdue", "participation", "lint", "timeliness"}),
    ),
    "far_future": Check(
        "warning",
        "review date too far ahead",
        "review dates too far ahead",
        frozenset({"overdue"}),
    ),
    "before_birth": Check(
        "error",
        "review dated before the child's birth",
        "reviews dated before the child's birth",
        frozenset({"overdue", "participation", "letter"}),
    ),
    "outside_care": Check(
        "warning",
        "held CLA review outside every period of care",
        "held CLA reviews outside every period of care",
        frozenset({"overdue", "participation"}),
    ),
    "duplicate_review": Check(
        "error",
        "Review ID used for two different meetings",
        "Review IDs used for two different meetings",
        frozenset({"overdue", "participation", "letter", "lint", "timeliness"}),
    ),
}


@dataclass(frozen=True)
class Finding:
    """One row that fails a sense check."""

    check: str
    problem: Problem


def limits_from_config(section: Mapping[str, Any], where: str = "iro.toml") -> Limits:
    """``[validate]`` -> :class:`Limits`; a wrong key or value is a :class:`ConfigError`."""
    known = {"max_age": (1, 120), "years_ahead": (1, 50)}
    values: dict[str, int] = {}
    for key, value in section.items():
        if key not in known:
            raise ConfigError(
                f"{where}: [validate] has an unknown key '{key}' (known: {', '.join(known)})"
            )
        low, high = known[key]
        if type(value) is not int or not low <= value <= high:
            raise ConfigError(f"{where}: [validate] {key} must be a whole number {low}-{high}")
        values[key] = value
    return Limits(**values)


def _years_before(day: date, years: int) -> date:
    return add_months(day, -12 * years)  # 29 February falls to the 28th


@dataclass(frozen=True)
class _Kind:
    """One way a row can fail: its check, column, message (``{line}``: another line)."""

    check: str
    column: str
    message: str
    expected: str = ""


@dataclass(frozen=True, eq=False)
class _Hits:
    """The rows of one file that fail, in the order they are listed: row ``rows[i]``
    fails as ``kinds[which[i]]`` (``other[i]``: the line a message refers to)."""

    name: str
    kinds: tuple[_Kind, ...]
    rows: np.ndarray
    which: np.ndarray
    other: np.ndarray
    lines: np.ndarray
    ids: arrays.Cells  # the ID shown with each finding

    @classmethod
    def of(
        cls,
        name: str,
        kinds: tuple[_Kind, ...],
        found: Sequence[tuple[np.ndarray, np.ndarray | None]],
        lines: np.ndarray,
        ids: arrays.Cells,
    ) -> _Hits:
        """``found[k]``: the rows failing as ``kinds[k]`` and the other line of each; a
        row's failures are listed in the order of ``kinds``."""
        import numpy as np

        rows = np.concatenate([hit for hit, _ in found])
        which = np.repeat(np.arange(len(found)), [len(hit) for hit, _ in found])
        other = np.concatenate(
            [np.zeros(len(hit), np.int64) if more is None else more for hit, more in found]
        )
        order = np.lexsort((which, rows))
        return cls(name, kinds, rows[order], which[order], other[order], lines, ids)

    def counts(self) -> Counter[str]:
        import numpy as np

        counts = np.bincount(self.which, minlength=len(self.kinds))
        found: Counter[str] = Counter()
        for kind, n in zip(self.kinds, counts, strict=True):
            found[kind.check] += int(n)
        return +found

    def findings(self) -> list[Finding]:
        found: list[Finding] = []
        for row, which, other in zip(
            self.rows.tolist(), self.which.tolist(), self.other.tolist(), strict=True
        ):
            kind = self.kinds[which]
            problem = Problem(
                self.name,
                int(self.lines[row]),
                kind.column,
                kind.message.format(line=other),
                kind.expected,
                CHECKS[kind.check].severity,
                self.ids[row],
            )
            found.append(Finding(kind.check, problem))
        return found


def _is(table: Columns, name: str, value: str) -> np.ndarray:
    """Which cells of column ``name`` are exactly ``value`` (compared once per value)."""
    import numpy as np

    codes, values = arrays.coded(table, name)
    return np.array([v == value for v in values], dtype=bool)[codes]


_CHILDREN_CHECKS = ("birth_range", "two_births")  # the checks of _children_hits


def _children_hits(
    children: Columns, as_of: date, limits: Limits, name: str, codes: np.ndarray | None = None
) -> _Hits:
    """``codes``: a code per children row for its Person ID (worked out when ``None``)."""
    import numpy as np

    born = arrays.dates(children, "date_of_birth")
    lines = arrays.lines(children)
    oldest = _years_before(as_of, limits.max_age)
    expected = (
        f"a child's date of birth (iro.toml [validate] max_age = {limits.max_age} sets the oldest)"
    )
    kinds = (
        _Kind(
            "birth_range",
            "Date of Birth",
            f"is more than {limits.max_age} years before {as_of:%d/%m/%Y}",
            expected,
        ),
        _Kind("birth_range", "Date of Birth", f"is after the as-at day {as_of:%d/%m/%Y}", expected),
        _Kind(
            "two_births",
            "Date of Birth",
            "differs from line {line} for the same Person ID",
            "one date of birth per child",
        ),
    )
    dated = np.flatnonzero(~np.isnat(born))
    early = dated[born[dated] < np.datetime64(oldest)]
    late = dated[born[dated] > np.datetime64(as_of)]
    # The first date of birth given for each child, in file order.
    if codes is None:
        (codes,) = arrays.person_codes(children)
    codes = codes[dated]
    first = dated[arrays.first_of_each(codes, int(codes.max()) + 1 if len(codes) else 0)[codes]]
    differs = born[dated] != born[first]
    found = [(early, None), (late, None), (dated[differs], lines[first[differs]])]
    return _Hits.of(name, kinds, found, lines, arrays.Cells(children, "person_id"))


def check_children(
    children: Columns, as_of: date, limits: Limits, name: str = "children.csv"
) -> list[Finding]:
    """Dates of birth out of range, and a child with two different dates of birth."""
    return _children_hits(children, as_of, limits, name).findings()


def _covered(
    child: np.ndarray, starts: np.ndarray, ends: np.ndarray, person: np.ndarray, days: np.ndarray
) -> np.ndarray:
    """For each (``person``, ``days``) pair, whether one of that child's periods
    (``child``, ``starts``, ``ends``; NaT end: open) contains the day. The periods are
    sorted by child and start; the latest end among those started on or before the day
    is found with one ``searchsorted`` and a running maximum."""
    import numpy as np

    if not len(child):
        return np.zeros(len(person), dtype=bool)
    span = arrays.SPAN + 1  # ends run to SPAN (open)
    start = arrays.day_numbers(starts, 0)
    end = arrays.day_numbers(ends, arrays.SPAN)
    order = np.lexsort((start, child))
    sorted_child = child[order]
    key = sorted_child * span + start[order]
    # Offsetting each child's ends by its code keeps the running maximum within the child.
    latest_end = np.maximum.accumulate(sorted_child * span + end[order])
    day = arrays.day_numbers(days, 0)
    at = np.searchsorted(key, person * span + day, side="right") - 1
    started = at >= 0  # the child has a period started on or before the day
    at = np.maximum(at, 0)
    return started & (sorted_child[at] == person) & (latest_end[at] - person * span >= day)


def _review_hits(
    reviews: Columns,
    as_of: date,
    limits: Limits,
    children: Columns | None,
    name: str,
    codes: Sequence[np.ndarray] | None = None,
) -> _Hits:
    """``codes``: the person codes of the children and the reviews rows (worked out
    when ``None``)."""
    import numpy as np

    lines = arrays.lines(reviews)
    day = arrays.dates(reviews, "review_date")
    next_day = arrays.dates(reviews, "next_review_date")
    today = np.datetime64(as_of)
    ahead = np.datetime64(add_months(as_of, 12 * limits.years_ahead))
    too_far = f"is more than {limits.years_ahead} years after {as_of:%d/%m/%Y}"
    within = f"a date within iro.toml [validate] years_ahead = {limits.years_ahead}"
    kinds = (
        _Kind(
            "duplicate_review",
            "Review ID",
            "is also on line {line}, with different content",
            "one row per review meeting",
        ),
        _Kind("held_future", "Review Date", f"a held review after the as-at day {as_of:%d/%m/%Y}"),
        _Kind("far_future", "Review Date", too_far, within),
        _Kind("far_future", "Next Review Date", too_far, within),
        _Kind("before_birth", "Review Date", "is before the child's Date of Birth (children.csv)"),
        _Kind(
            "outside_care",
            "Review Date",
            "a held CLA review outside every period of care of this child in children.csv",
        ),
    )
    # One Review ID on rows that differ (exact duplicates are dropped by the reader).
    again, first = arrays.repeated_in(reviews, "review_id")

    dated = ~np.isnat(day)
    held = _is(reviews, "status", "Held")
    after = dated & (day > today)
    found: list[tuple[np.ndarray, np.ndarray | None]] = [
        (again, lines[first]),
        (np.flatnonzero(after & held), None),
        (np.flatnonzero(after & ~held & (day > ahead)), None),
        (np.flatnonzero(dated & ~np.isnat(next_day) & (next_day > ahead)), None),
    ]
    nobody = np.array([], dtype=np.int64)
    if children is None:
        found += [(nobody, None), (nobody, None)]
    else:
        births = arrays.dates(children, "date_of_birth")
        starts = arrays.dates(children, "period_start")
        if codes is None:
            codes = arrays.person_codes(children, reviews)
        child, person = codes
        people = int(max(child.max(initial=-1), person.max(initial=-1))) + 1
        # The first date of birth given for each child.
        with_birth = np.flatnonzero(~np.isnat(births))
        birth_row = arrays.first_of_each(child[with_birth], people)
        birth = np.full(people, np.datetime64("NaT"), dtype="datetime64[D]")
        birth[birth_row >= 0] = births[with_birth[birth_row[birth_row >= 0]]]
        own = np.zeros(people, dtype=bool)  # children with a period of care
        own[child[~np.isnat(starts)]] = True
        review_birth = birth[person]
        before = dated & ~np.isnat(review_birth) & (day < review_birth)
        candidates = np.flatnonzero(
            dated & own[person] & held & _is(reviews, "review_type", "CLA Review") & (day <= today)
        )
        with_start = np.flatnonzero(~np.isnat(starts))
        inside = _covered(
            child[with_start],
            starts[with_start],
            arrays.dates(children, "period_end")[with_start],
            person[candidates],
            day[candidates],
        )
        found += [(np.flatnonzero(before), None), (candidates[~inside], None)]
    return _Hits.of(name, kinds, found, lines, arrays.Cells(reviews, "review_id"))


def check_reviews(
    reviews: Columns,
    as_of: date,
    limits: Limits,
    children: Columns | None = None,
    name: str = "reviews.csv",
) -> list[Finding]:
    """Held reviews after ``as_of``, dates too far ahead, reviews before the child's birth,
    held CLA reviews outside every period of care (with ``children``), and one Review ID
    used for rows that differ (exact duplicates are dropped by the reader)."""
    return _review_hits(reviews, as_of, limits, children, name).findings()


def _hits(
    tables: Mapping[str, Columns],
    as_of: date,
    limits: Limits,
    names: Mapping[str, str] | None = None,
    *,
    of_children: bool = True,
) -> list[_Hits]:
    """The hits of each table; the children's own checks (dates of birth) only when
    ``of_children``."""
    children = tables.get("children")
    reviews = tables.get("reviews")
    names = {
        **{k: arrays.path_of(v, f"{k}.csv") for k, v in tables.items() if v is not None},
        **(names or {}),
    }
    found: list[_Hits] = []
    codes = None
    if children is not None and reviews is not None:  # one code per Person ID in both
        codes = arrays.person_codes(children, reviews)
    if children is not None and of_children:
        found.append(
            _children_hits(children, as_of, limits, names["children"], codes[0] if codes else None)
        )
    if reviews is not None:
        found.append(_review_hits(reviews, as_of, limits, children, names["reviews"], codes))
    return found


def sense_checks(
    tables: Mapping[str, Columns],
    as_of: date,
    limits: Limits,
    names: Mapping[str, str] | None = None,
) -> list[Finding]:
    """Every sense check that the given tables (``children``, ``reviews``) allow: each
    a ``ReadResult``, a DataFrame or a mapping of columns."""
    return [f for hits in _hits(tables, as_of, limits, names) for f in hits.findings()]


def _counts(found: Sequence[Finding] | Counter[str]) -> Counter[str]:
    return found if isinstance(found, Counter) else Counter(f.check for f in found)


def summary_note(found: Sequence[Finding] | Counter[str], command: str, as_of: date) -> str | None:
    """One line for a command's summary: the sense problems (findings, or their count per
    check) that can make its figures wrong, counted by kind (no IDs, no values); ``None``
    when there are none."""
    counts = Counter(
        {c: n for c, n in _counts(found).items() if command in CHECKS[c].affects and n}
    )
    if not counts:
        return None
    parts = [
        f"{n} {CHECKS[check].one if n == 1 else CHECKS[check].many}"
        for check, n in sorted(counts.items(), key=lambda item: list(CHECKS).index(item[0]))
    ]
    return (
        f"these figures may be wrong: {'; '.join(parts)} "
        f"(`iro validate --as-of {as_of:%d/%m/%Y}` lists them)"
    )


def note_for(
    command: str,
    tables: Mapping[str, Columns | None],
    as_of: date,
    section: Mapping[str, Any],
    where: str = "iro.toml",
) -> str | None:
    """The summary note of ``command`` (see :func:`summary_note`) for the tables it read,
    with the limits of ``iro.toml`` ``[validate]`` (``section``)."""
    limits = limits_from_config(section, where)
    present = {k: v for k, v in tables.items() if v is not None}
    # A command whose figures no check of the children's dates of birth affects
    # (overdue) does not run those checks.
    of_children = any(command in CHECKS[c].affects for c in _CHILDREN_CHECKS)
    counts: Counter[str] = Counter()
    for hits in _hits(present, as_of, limits, of_children=of_children):
        counts.update(hits.counts())
    return summary_note(counts, command, as_of)
