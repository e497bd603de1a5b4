"""Checks across export files (pure: reads in, problems out), on whole columns.

Each check finds the rows at fault with array operations; a :class:`Problem` (with
its line) is made only for those rows.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from iro_cli.errors import Problem

if TYPE_CHECKING:
    import numpy as np
    import pyarrow as pa

    from iro_cli.exports.result import ReadResult


def check_children(children: ReadResult) -> list[Problem]:
    """Periods of care: end not before start, no overlap for one child, born before care.

    Rows are taken by child, then Period Start, then line; for each row its problems
    come in that order: end before start, start before birth, overlap with the child's
    period before."""
    import numpy as np

    name = children.path or "children.csv"
    people = children.array("person_id")
    start = children.array("period_start")
    end = children.array("period_end")
    born = children.array("date_of_birth")
    lines = children.lines
    order = np.lexsort((lines, start, _codes(people)))
    people, start, end, born, lines = (a[order] for a in (people, start, end, born, lines))
    same = np.zeros(len(order), dtype=bool)
    same[1:] = people[1:] == people[:-1]
    before_end = np.empty_like(end)
    if len(end):
        before_end[0] = end[0]
        before_end[1:] = end[:-1]
    overlaps = same & (np.isnat(before_end) | (before_end > start))
    ends_early = ~np.isnat(end) & (end < start)
    starts_early = start < born
    found: list[Problem] = []
    for i in np.flatnonzero(ends_early | starts_early | overlaps).tolist():
        person, line = people[i], int(lines[i])
        if ends_early[i]:
            found.append(Problem(name, line, "Period End", "is before Period Start", row_id=person))
        if starts_early[i]:
            message = "is before Date of Birth"
            found.append(Problem(name, line, "Period Start", message, row_id=person))
        if overlaps[i]:
            found.append(
                Problem(
                    name,
                    line,
                    "Period Start",
                    f"this period of care overlaps the one on line {int(lines[i - 1])}",
                    "one open period per child, each starting after the last one ended",
                    row_id=person,
                )
            )
    return found


def _codes(values: np.ndarray) -> np.ndarray:
    """Equal values, equal integers (for sorting by a column of strings)."""
    import numpy as np

    _, codes = np.unique(values.astype(str), return_inverse=True)
    return codes


def _not_in(values: pa.ChunkedArray, known: list[pa.ChunkedArray], extra: set[str]) -> np.ndarray:
    """Positions of ``values`` that are in none of ``known`` nor ``extra``."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    from iro_cli.exports.tables import to_numpy

    parts = [chunk for column in known for chunk in column.chunks]
    if extra:
        parts.append(pa.array(sorted(extra), type=pa.string()))
    value_set = pa.concat_arrays(parts) if parts else pa.array([], type=pa.string())
    found = pc.is_in(values, value_set=value_set)
    return np.flatnonzero(~to_numpy(found))


def check_references(
    reads: dict[str, ReadResult], unread: dict[str, set[str]] | None = None
) -> list[Problem]:
    """IDs and names that point at rows of other files. ``unread``: export key -> IDs of
    rows left out for an error (they are in the file, so nothing points at nothing)."""
    import numpy as np

    from iro_cli.exports.tables import factorize, from_numpy

    problems: list[Problem] = []
    unread = unread or {}
    children = reads.get("children")
    cp_plans = reads.get("cp_plans")
    if children is not None:
        known = [children.text("person_id")]
        extra = set(unread.get("children", set()))
        if cp_plans is not None:
            known.append(cp_plans.text("person_id"))
            extra |= unread.get("cp_plans", set())
        for key in ("reviews", "recommendations", "disputes"):
            read = reads.get(key)
            if read is None:
                continue
            name = read.path or f"{key}.csv"
            people = read.text("person_id")
            at_fault = _not_in(people, known, extra)
            if not at_fault.size:
                continue
            lines = read.lines[at_fault].tolist()
            shown = people.take(from_numpy(at_fault)).to_pylist()
            for line, person in zip(lines, shown, strict=True):
                problems.append(
                    Problem(
                        name,
                        line,
                        "Person ID",
                        "is not in children.csv or cp_plans.csv",
                        severity="warning",
                        row_id=person,
                    )
                )
    reviews = reads.get("reviews")
    recommendations = reads.get("recommendations")
    if reviews is not None and recommendations is not None:
        name = recommendations.path or "recommendations.csv"
        ids = recommendations.text("review_id")
        at_fault = _not_in(ids, [reviews.text("review_id")], unread.get("reviews", set()))
        lines = recommendations.lines[at_fault].tolist() if at_fault.size else []
        shown = ids.take(from_numpy(at_fault)).to_pylist() if at_fault.size else []
        for line, review in zip(lines, shown, strict=True):
            problems.append(
                Problem(
                    name,
                    line,
                    "Review ID",
                    "is not in reviews.csv",
                    severity="warning",
                    row_id=review,
                )
            )
    iros = reads.get("iros")
    if iros is not None:
        names = {n.casefold() for n in (*iros.text("name").to_pylist(), *unread.get("iros", ()))}
        for key, column, header in (
            ("children", "allocated_iro", "Allocated IRO"),
            ("reviews", "chair", "Chair"),
        ):
            read = reads.get(key)
            if read is None:
                continue
            codes, dictionary = factorize(read.text(column))
            if not len(codes):
                continue
            distinct = dictionary.to_pylist()
            present, first_row = np.unique(codes, return_index=True)
            first_of = dict(zip(present.tolist(), first_row.tolist(), strict=True))
            unknown = sorted(
                (value, first_of[code])
                for code, value in enumerate(distinct)
                if value and value.casefold() not in names and code in first_of
            )
            for _value, row in unknown:
                problems.append(
                    Problem(
                        read.path or f"{key}.csv",
                        int(read.lines[row]),
                        header,
                        "names someone not in iros.csv (first of the rows that do)",
                        "a Name from iros.csv",
                        severity="warning",
                    )
                )
    return problems


def cross_checks(
    reads: dict[str, ReadResult], unread: dict[str, set[str]] | None = None
) -> list[Problem]:
    """All checks that need more than one row or file (``unread``: see check_references)."""
    problems: list[Problem] = []
    if "children" in reads:
        problems.extend(check_children(reads["children"]))
    problems.extend(check_references(reads, unread))
    return problems
