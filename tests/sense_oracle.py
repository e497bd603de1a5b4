"""The per-row sense checks from before issue #16, kept as the oracle that the array
version (:mod:`iro_cli.exports.sense`) is tested against. Not product code."""

# ruff: noqa

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from iro_cli.errors import Problem
from iro_cli.exports.sense import CHECKS, Finding, Limits
from iro_cli.schedule.dates import add_months

Columns = Mapping[str, Sequence[Any]]


def _years_before(day: date, years: int) -> date:
    return add_months(day, -12 * years)  # 29 February falls to the 28th


def _column(table: Columns, name: str, size: int) -> Sequence[Any]:
    return table[name] if name in table else [None] * size


def _size(table: Columns) -> int:
    return len(table["_line"])


def _path(table: Columns, default: str) -> str:
    attrs = getattr(table, "attrs", None)
    return str(attrs.get("path", default)) if attrs else default


def check_children(
    children: Columns, as_of: date, limits: Limits, name: str = "children.csv"
) -> list[Finding]:
    """Dates of birth out of range, and a child with two different dates of birth."""
    found: list[Finding] = []
    oldest = _years_before(as_of, limits.max_age)
    first: dict[str, tuple[date, int]] = {}
    for person, born, line in zip(
        children["person_id"], children["date_of_birth"], children["_line"], strict=True
    ):
        if born is None:
            continue
        line = int(line)
        if born < oldest or born > as_of:
            why = (
                f"is more than {limits.max_age} years before {as_of:%d/%m/%Y}"
                if born < oldest
                else f"is after the as-at day {as_of:%d/%m/%Y}"
            )
            found.append(
                Finding(
                    "birth_range",
                    Problem(
                        name,
                        line,
                        "Date of Birth",
                        why,
                        f"a child's date of birth (iro.toml [validate] max_age = "
                        f"{limits.max_age} sets the oldest)",
                        "warning",
                        person,
                    ),
                )
            )
        seen = first.setdefault(person, (born, line))
        if seen[0] != born:
            found.append(
                Finding(
                    "two_births",
                    Problem(
                        name,
                        line,
                        "Date of Birth",
                        f"differs from line {seen[1]} for the same Person ID",
                        "one date of birth per child",
                        "error",
                        person,
                    ),
                )
            )
    return found


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
    found: list[Finding] = []
    size = _size(reviews)
    ahead = add_months(as_of, 12 * limits.years_ahead)
    born: dict[str, date] = {}
    periods: dict[str, list[tuple[date, date | None]]] = {}
    if children is not None:
        for person, birth, start, end in zip(
            children["person_id"],
            children["date_of_birth"],
            children["period_start"],
            children["period_end"],
            strict=True,
        ):
            if birth is not None:
                born.setdefault(person, birth)
            if start is not None:
                periods.setdefault(person, []).append((start, end))
    # person -> (date of birth, periods of care): one look-up per row
    known = {p: (born.get(p), periods.get(p, [])) for p in born.keys() | periods.keys()}
    ids = reviews["review_id"]
    lines = reviews["_line"]
    repeated = {k for k, n in Counter(ids).items() if n > 1}
    first_line: dict[str, int] = {}
    date_text = f"{as_of:%d/%m/%Y}"
    too_far = f"is more than {limits.years_ahead} years after {date_text}"
    within = f"a date within iro.toml [validate] years_ahead = {limits.years_ahead}"
    hits: list[tuple[int, str, str, str, str]] = []  # row, check, column, message, expected
    for i, (review, person, kind, day, status, next_day) in enumerate(
        zip(
            ids,
            reviews["person_id"],
            reviews["review_type"],
            reviews["review_date"],
            reviews["status"],
            _column(reviews, "next_review_date", size),
            strict=True,
        )
    ):
        if review in repeated:
            if review in first_line:
                message = f"is also on line {first_line[review]}, with different content"
                hits.append(
                    (i, "duplicate_review", "Review ID", message, "one row per review meeting")
                )
            else:
                first_line[review] = int(lines[i])
        if day is None:
            continue
        if day > as_of:
            if status == "Held":
                message = f"a held review after the as-at day {date_text}"
                hits.append((i, "held_future", "Review Date", message, ""))
            elif day > ahead:
                hits.append((i, "far_future", "Review Date", too_far, within))
        if next_day is not None and next_day > ahead:
            hits.append((i, "far_future", "Next Review Date", too_far, within))
        child = known.get(person)
        if child is None:
            continue
        birth, own = child
        if birth is not None and day < birth:
            message = "is before the child's Date of Birth (children.csv)"
            hits.append((i, "before_birth", "Review Date", message, ""))
        if own and status == "Held" and kind == "CLA Review" and day <= as_of:
            for start, end in own:
                if start <= day and (end is None or day <= end):
                    break
            else:
                message = (
                    "a held CLA review outside every period of care of this child in children.csv"
                )
                hits.append((i, "outside_care", "Review Date", message, ""))
    for i, check, column, message, expected in hits:
        severity = CHECKS[check].severity
        problem = Problem(name, int(lines[i]), column, message, expected, severity, ids[i])
        found.append(Finding(check, problem))
    return found


def _lists(table: Columns | None) -> Columns | None:
    """A DataFrame's columns as plain lists (row positions, not index labels)."""
    if table is None or isinstance(table, dict):
        return table
    return {str(name): table[name].tolist() for name in table.columns}  # type: ignore[attr-defined]


def sense_checks(
    tables: Mapping[str, Columns],
    as_of: date,
    limits: Limits,
    names: Mapping[str, str] | None = None,
) -> list[Finding]:
    """Every sense check that the given tables (``children``, ``reviews``) allow."""
    names = names or {}
    children = _lists(tables.get("children"))
    reviews = _lists(tables.get("reviews"))
    names = {
        **{k: _path(v, f"{k}.csv") for k, v in tables.items() if v is not None},
        **names,
    }
    found: list[Finding] = []
    if children is not None:
        found += check_children(children, as_of, limits, names["children"])
    if reviews is not None:
        found += check_reviews(reviews, as_of, limits, children, names["reviews"])
    return found
