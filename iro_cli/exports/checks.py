"""Checks across export files (pure: frames in, problems out)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from iro_cli.errors import Problem

if TYPE_CHECKING:
    import pandas as pd


def _path(frame: pd.DataFrame, default: str) -> str:
    return str(frame.attrs.get("path", default))


def check_children(children: pd.DataFrame) -> list[Problem]:
    """Periods of care: end not before start, no overlap for one child, born before care."""
    problems: list[Problem] = []
    name = _path(children, "children.csv")
    rows = children.sort_values(["person_id", "period_start", "_line"], kind="stable").rename(
        columns={"_line": "line"}  # itertuples() cannot name a field that starts with "_"
    )
    previous: dict[str, tuple] = {}
    for row in rows.itertuples(index=False):
        if row.period_end is not None and row.period_end < row.period_start:
            problems.append(
                Problem(
                    name, row.line, "Period End", "is before Period Start", row_id=row.person_id
                )
            )
        if row.period_start < row.date_of_birth:
            problems.append(
                Problem(
                    name, row.line, "Period Start", "is before Date of Birth", row_id=row.person_id
                )
            )
        before = previous.get(row.person_id)
        if before is not None:
            end, line = before
            if end is None or end > row.period_start:
                problems.append(
                    Problem(
                        name,
                        row.line,
                        "Period Start",
                        f"this period of care overlaps the one on line {line}",
                        "one open period per child, each starting after the last one ended",
                        row_id=row.person_id,
                    )
                )
        previous[row.person_id] = (row.period_end, row.line)
    return problems


def check_references(
    frames: dict[str, pd.DataFrame], unread: dict[str, set[str]] | None = None
) -> list[Problem]:
    """IDs and names that point at rows of other files. ``unread``: export key -> IDs of
    rows left out for an error (they are in the file, so nothing points at nothing)."""
    problems: list[Problem] = []
    unread = unread or {}
    children = frames.get("children")
    cp_plans = frames.get("cp_plans")
    known: set[str] | None = None
    if children is not None:
        known = set(children["person_id"]) | unread.get("children", set())
        if cp_plans is not None:
            known |= set(cp_plans["person_id"]) | unread.get("cp_plans", set())
    for key in ("reviews", "recommendations", "disputes", "cp_plans"):
        frame = frames.get(key)
        if frame is None or known is None or key == "cp_plans":
            continue
        name = _path(frame, f"{key}.csv")
        for line, person in zip(frame["_line"], frame["person_id"], strict=True):
            if person not in known:
                problems.append(
                    Problem(
                        name,
                        int(line),
                        "Person ID",
                        "is not in children.csv or cp_plans.csv",
                        severity="warning",
                        row_id=person,
                    )
                )
    reviews = frames.get("reviews")
    recommendations = frames.get("recommendations")
    if reviews is not None and recommendations is not None:
        review_ids = set(reviews["review_id"]) | unread.get("reviews", set())
        name = _path(recommendations, "recommendations.csv")
        for line, review in zip(
            recommendations["_line"], recommendations["review_id"], strict=True
        ):
            if review not in review_ids:
                problems.append(
                    Problem(
                        name,
                        int(line),
                        "Review ID",
                        "is not in reviews.csv",
                        severity="warning",
                        row_id=review,
                    )
                )
    iros = frames.get("iros")
    if iros is not None:
        names = {n.casefold() for n in (*iros["name"], *unread.get("iros", ()))}
        for key, column, header in (
            ("children", "allocated_iro", "Allocated IRO"),
            ("reviews", "chair", "Chair"),
        ):
            frame = frames.get(key)
            if frame is None:
                continue
            unknown = sorted(
                {v for v in frame[column] if v and v.casefold() not in names},
            )
            for value in unknown:
                first = frame.loc[frame[column] == value, "_line"].iloc[0]
                problems.append(
                    Problem(
                        _path(frame, f"{key}.csv"),
                        int(first),
                        header,
                        "names someone not in iros.csv (first of the rows that do)",
                        "a Name from iros.csv",
                        severity="warning",
                    )
                )
    return problems


def cross_checks(
    frames: dict[str, pd.DataFrame], unread: dict[str, set[str]] | None = None
) -> list[Problem]:
    """All checks that need more than one row or file (``unread``: see check_references)."""
    problems: list[Problem] = []
    if "children" in frames:
        problems.extend(check_children(frames["children"]))
    problems.extend(check_references(frames, unread))
    return problems
