"""Audit figures: per IRO and per review, the share of recommendations with no SMART finding."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from iro_cli.lint.engine import Row
from iro_cli.lint.rules import Finding

SUMMARY_COLUMNS = (
    "level",
    "iro",
    "review_id",
    "person_id",
    "review_date",
    "recommendations",
    "smart_clean",
    "smart_clean_rate",
    "smart_findings",
    "language_findings",
    "readability_findings",
    "errors",
    "warnings",
    "info",
)


_COUNTS = 8  # recommendations, smart_clean, then the findings by category and severity
_RECORD = 3 + _COUNTS  # iro, person_id, review_date, the counts


def _counts(findings: Sequence[Finding]) -> tuple[int, ...]:
    """One recommendation's contribution to each count."""
    smart = sum(f.category == "smart" for f in findings)
    return (
        1,
        int(smart == 0),
        smart,
        sum(f.category == "language" for f in findings),
        sum(f.category == "readability" for f in findings),
        sum(f.severity == "error" for f in findings),
        sum(f.severity == "warning" for f in findings),
        sum(f.severity == "info" for f in findings),
    )


def _line(level: str, review_id: str | None, record: list[Any]) -> tuple[Any, ...]:
    """One line of the summary, in ``SUMMARY_COLUMNS`` order, from a kept record."""
    iro, person, when, recommendations, clean, *rest = record
    rate = clean / recommendations if recommendations else None  # rounded on output
    return (level, iro, review_id, person, when, recommendations, clean, rate, *rest)


def _by_name(name: str) -> tuple[bool, str]:
    return name == "unknown", name.lower()


class Summary:
    """The audit summary's counts, added a chunk of rows at a time (a short list of
    counts per review: a national file has half a million reviews)."""

    def __init__(self) -> None:
        self.per_iro: dict[str, list[Any]] = {}
        self.per_review: dict[str, list[Any]] = {}
        self.total: list[Any] = ["", None, None, *[0] * _COUNTS]

    def add(
        self,
        rows: Sequence[Row],
        findings: Sequence[Sequence[Finding]],
        iro_of_review: Mapping[str, str],
        review_dates: Mapping[str, date | None],
    ) -> None:
        """Count these rows (a review's first row sets its IRO, person and date)."""
        per_iro, per_review, total = self.per_iro, self.per_review, self.total
        for row, found in zip(rows, findings, strict=True):
            review = per_review.get(row.review_id)
            if review is None:
                iro = iro_of_review.get(row.review_id) or "unknown"
                if iro not in per_iro:
                    per_iro[iro] = [iro, None, None, *[0] * _COUNTS]
                review = [iro, row.person_id, review_dates.get(row.review_id), *[0] * _COUNTS]
                per_review[row.review_id] = review
            counts = _counts(found)
            for record in (per_iro[review[0]], review, total):
                for k in range(_COUNTS):
                    record[3 + k] += counts[k]

    def lines(self) -> list[tuple[Any, ...]]:
        """The summary's lines (``SUMMARY_COLUMNS``): one per IRO, one per review (by
        IRO, then date and ID), and a total."""
        out = [_line("iro", None, self.per_iro[iro]) for iro in sorted(self.per_iro, key=_by_name)]
        reviews_by_iro: dict[str, list[str]] = defaultdict(list)
        for review_id, record in self.per_review.items():
            reviews_by_iro[record[0]].append(review_id)
        for iro in sorted(reviews_by_iro, key=_by_name):
            ids = reviews_by_iro[iro]
            ids.sort(key=lambda rid: (self.per_review[rid][2] or date.min, rid))
            out.extend(_line("review", rid, self.per_review[rid]) for rid in ids)
        out.append(_line("total", None, self.total))
        return out

    def table(self) -> list[dict[str, Any]]:
        """The summary's lines as records."""
        return [dict(zip(SUMMARY_COLUMNS, line, strict=True)) for line in self.lines()]


def summarise(
    rows: Sequence[Row],
    findings: Sequence[Sequence[Finding]],
    iro_of_review: Mapping[str, str],
    review_dates: Mapping[str, date | None],
) -> list[dict[str, Any]]:
    """Rows of the audit summary: one per IRO, one per review, and a total.

    ``smart_clean_rate`` is the share (a fraction, 0.5 for half) of recommendations with
    no ``smart`` finding (after suppressions and ignored rules): the figure an audit reports.
    The IRO of a review is its chair, else the child's allocated IRO, else "unknown".
    """
    summary = Summary()
    summary.add(rows, findings, iro_of_review, review_dates)
    return summary.table()
