"""Which review a letter is about, when the next meeting is, and batch selection.

Pure functions over export rows (mappings with canonical column names).

- A child's letter is about their latest *held* looked-after review
  (``CLA Review`` or ``Pathway Plan Review``), or the review named with
  ``--review`` (any held review of that child).
- The next meeting is the child's earliest ``Scheduled`` review after the
  letter's review; failing that, the held review's ``Next Review Date`` (when it
  is after the review).
- Batch: one letter per child, about the child's latest held looked-after
  review on or after ``held_since`` and, with ``iro``, chaired by that IRO
  (the child's Allocated IRO when the review has no Chair).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from iro_cli.errors import IroError

Row = Mapping[str, Any]
LETTER_TYPES = ("CLA Review", "Pathway Plan Review")


class LetterError(IroError):
    """The review asked for cannot have a letter (not this child's, not held...)."""


def _text(row: Row, key: str) -> str:
    value = row.get(key)
    return "" if value is None else str(value).strip()


def _same(a: str, b: str) -> bool:
    return bool(a.strip()) and " ".join(a.lower().split()) == " ".join(b.lower().split())


def latest_children(children: Iterable[Row]) -> dict[str, Row]:
    """Person ID -> the child's latest period-of-care row (children.csv has one per period)."""
    out: dict[str, Row] = {}
    for row in children:
        person = _text(row, "person_id")
        current = out.get(person)
        if current is None or (row.get("period_start") or date.min) >= (
            current.get("period_start") or date.min
        ):
            out[person] = row
    return out


def reviews_by_child(reviews: Iterable[Row]) -> dict[str, list[Row]]:
    """Person ID -> the child's reviews, oldest first."""
    out: dict[str, list[Row]] = {}
    for row in reviews:
        out.setdefault(_text(row, "person_id"), []).append(row)
    for rows in out.values():
        rows.sort(key=lambda r: (r.get("review_date") or date.min, _text(r, "review_id")))
    return out


def held_letter_reviews(rows: Iterable[Row], since: date | None = None) -> list[Row]:
    """Held looked-after reviews (oldest first), on or after ``since`` when given."""
    return [
        r
        for r in rows
        if r.get("status") == "Held"
        and r.get("review_type") in LETTER_TYPES
        and r.get("review_date") is not None
        and (since is None or r["review_date"] >= since)
    ]


def choose_review(person_id: str, rows: list[Row], review_id: str | None = None) -> Row | None:
    """The review a child's letter is about; ``None`` when the child has no held review."""
    if review_id:
        for row in rows:
            if _text(row, "review_id") == review_id:
                if row.get("status") != "Held":
                    raise LetterError(
                        f"review {review_id} is {row.get('status') or 'without a status'}, "
                        "not Held: a letter follows a meeting that took place"
                    )
                if row.get("review_date") is None:
                    raise LetterError(f"review {review_id} has no Review Date")
                return row
        raise LetterError(f"review {review_id} is not a review of child {person_id} in reviews.csv")
    held = held_letter_reviews(rows)
    return held[-1] if held else None


def next_meeting(rows: list[Row], review: Row) -> date | None:
    """The date of the child's next meeting after ``review`` (see module docstring)."""
    day: date = review["review_date"]
    scheduled = [
        r["review_date"]
        for r in rows
        if r.get("status") == "Scheduled" and r.get("review_date") and r["review_date"] > day
    ]
    if scheduled:
        return min(scheduled)
    planned = review.get("next_review_date")
    return planned if planned and planned > day else None


def iro_for(review: Row, child: Row) -> str:
    """The IRO who writes the letter: the review's Chair, else the Allocated IRO."""
    return _text(review, "chair") or _text(child, "allocated_iro")


@dataclass(frozen=True)
class Choice:
    person_id: str
    review: Row | None
    reason: str = ""  # why no letter, when review is None


def batch(
    children: Mapping[str, Row],
    by_child: Mapping[str, list[Row]],
    *,
    held_since: date | None,
    iro: str | None,
) -> list[Choice]:
    """One choice per child in scope: the review to write about, or why not.

    In scope: children with a held looked-after review (since ``held_since``)
    chaired by ``iro`` (when given); a held review of someone not in
    children.csv is reported, not silently passed over.
    """
    out: list[Choice] = []
    for person_id in sorted(set(by_child) | set(children)):
        rows = by_child.get(person_id, [])
        held = held_letter_reviews(rows, held_since)
        child = children.get(person_id)
        if iro:
            held = [r for r in held if _same(iro_for(r, child or {}), iro)]
            if not held and not (child is not None and _same(_text(child, "allocated_iro"), iro)):
                continue  # another IRO's child
        if not held:
            if child is None:
                continue
            since = f" since {held_since.strftime('%d/%m/%Y')}" if held_since else ""
            out.append(Choice(person_id, None, f"no held review{since}"))
            continue
        if child is None:
            out.append(Choice(person_id, None, "not in children.csv"))
            continue
        out.append(Choice(person_id, held[-1]))
    return out
