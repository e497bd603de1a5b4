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


def _blank(level: str, iro: str) -> dict[str, Any]:
    row: dict[str, Any] = dict.fromkeys(SUMMARY_COLUMNS)
    row.update(level=level, iro=iro)
    for key in SUMMARY_COLUMNS[5:]:
        row[key] = 0
    return row


def _add(total: dict[str, Any], findings: Sequence[Finding]) -> None:
    total["recommendations"] += 1
    smart = sum(f.category == "smart" for f in findings)
    total["smart_clean"] += smart == 0
    total["smart_findings"] += smart
    total["language_findings"] += sum(f.category == "language" for f in findings)
    total["readability_findings"] += sum(f.category == "readability" for f in findings)
    total["errors"] += sum(f.severity == "error" for f in findings)
    total["warnings"] += sum(f.severity == "warning" for f in findings)
    total["info"] += sum(f.severity == "info" for f in findings)


def _pct(total: dict[str, Any]) -> None:
    n = total["recommendations"]
    total["smart_clean_rate"] = total["smart_clean"] / n if n else None  # rounded on output


class Summary:
    """The audit summary's counts, added a chunk of rows at a time."""

    def __init__(self) -> None:
        self.per_iro: dict[str, dict[str, Any]] = {}
        self.per_review: dict[str, dict[str, Any]] = {}
        self.total = _blank("total", "")

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
            iro = iro_of_review.get(row.review_id) or "unknown"
            if iro not in per_iro:
                per_iro[iro] = _blank("iro", iro)
            if row.review_id not in per_review:
                review = _blank("review", iro)
                review.update(
                    review_id=row.review_id,
                    person_id=row.person_id,
                    review_date=review_dates.get(row.review_id),
                )
                per_review[row.review_id] = review
            for bucket in (per_iro[iro], per_review[row.review_id], total):
                _add(bucket, found)

    def table(self) -> list[dict[str, Any]]:
        """One row per IRO, one per review (by IRO, then date and ID), and a total."""
        out: list[dict[str, Any]] = []
        reviews_by_iro: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for review in self.per_review.values():
            reviews_by_iro[review["iro"]].append(review)
        for iro in sorted(self.per_iro, key=lambda name: (name == "unknown", name.lower())):
            _pct(self.per_iro[iro])
            out.append(self.per_iro[iro])
        for iro in sorted(reviews_by_iro, key=lambda name: (name == "unknown", name.lower())):
            for review in sorted(
                reviews_by_iro[iro], key=lambda r: (r["review_date"] or date.min, r["review_id"])
            ):
                _pct(review)
                out.append(review)
        _pct(self.total)
        out.append(self.total)
        return out


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
