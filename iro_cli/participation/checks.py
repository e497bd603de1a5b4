"""Data checks on held CLA reviews, as the DfE SSDA903 validator makes them.

- rule 440: PN0 ("under 4 at the review") but the child was 4 or over;
- rule 441: PN1–PN7 but the child was under 4 (PN0 expected);
- missing code: a held CLA review with no participation code;
- no child record / no date of birth / born after the review: the age could not
  be worked out, so rules 440 and 441 were not checked for that review.

A child is "4 or over" from their 4th birthday (1 March for someone born on
29 February when the year is not a leap year).

The checks are masks over whole columns (:func:`find_warnings`); a
:class:`DataWarning` (and its message) is built only for a warning that is shown.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from iro_cli.errors import Problem
from iro_cli.participation.codes import UNDER_FOUR
from iro_cli.participation.records import (
    CODE_INDEX,
    MISSING_INDEX,
    HeldReviews,
    ReviewRecord,
    as_held,
)

if TYPE_CHECKING:
    import numpy as np

RULE_440 = "rule 440"
RULE_441 = "rule 441"
MISSING_CODE = "missing code"
NO_CHILD = "no child record"
NO_DOB = "no date of birth"
BORN_AFTER = "born after review"

# Footer order and wording: (kind, singular, plural); "{n}" is the count.
_FOOTER = (
    (RULE_440, "{n} × rule 440", "{n} × rule 440"),
    (RULE_441, "{n} × rule 441", "{n} × rule 441"),
    (MISSING_CODE, "{n} missing code", "{n} missing codes"),
    (NO_CHILD, "{n} review with no child record", "{n} reviews with no child record"),
    (NO_DOB, "{n} with no date of birth", "{n} with no date of birth"),
    (BORN_AFTER, "{n} dated before the date of birth", "{n} dated before the date of birth"),
)
KINDS = tuple(kind for kind, _, _ in _FOOTER)

_MESSAGES = {
    RULE_440: "rule 440: code PN0 (under 4) but the date of birth makes the child 4 or over "
    "at the review",
    RULE_441: "rule 441: code {code} but the date of birth makes the child under 4 at the "
    "review (PN0 expected)",
    MISSING_CODE: "missing code: held CLA review with no participation code (counted as "
    "'missing', left out of the rates)",
    NO_CHILD: "no child record: the person ID is not in {children}, so age band, gender, "
    "ethnicity and team are 'Not recorded' and rules 440/441 were not checked",
    NO_DOB: "no date of birth: age band is 'Not recorded' and rules 440/441 were not checked",
    BORN_AFTER: "the review is dated before the child's date of birth: age band is "
    "'Not recorded' and rules 440/441 were not checked",
}


@dataclass(frozen=True)
class DataWarning:
    """One warning about one review; ``str()`` gives the line shown on stderr."""

    kind: str
    problem: Problem

    def __str__(self) -> str:
        return str(self.problem)


def _warning(kind: str, record: ReviewRecord, column: str | None, **fields: str) -> DataWarning:
    problem = Problem(
        file=record.file,
        line=record.line,
        column=column,
        message=_MESSAGES[kind].format(**fields),
        severity="warning",
        row_id=record.review_id or record.person_id,
    )
    return DataWarning(kind, problem)


# The columns named in warnings: the reviews export's headers, or an SSDA903 return's.
EXPORT_COLUMNS = {"code": "Participation Code", "person": "Person ID", "date": "Review Date"}
SSDA903_COLUMNS = {"code": "REVIEW_CODE", "person": "CHILD", "date": "REVIEW"}


# What each kind names: the column (a key of ``columns``) and the fields of its message.
_COLUMN = {
    MISSING_CODE: "code",
    NO_CHILD: "person",
    NO_DOB: None,
    BORN_AFTER: "date",
    RULE_440: "code",
    RULE_441: "code",
}


@dataclass(frozen=True, eq=False)
class Warnings:
    """The warnings about ``reviews``, in order: review ``rows[i]`` has warning kind
    ``KINDS[kinds[i]]``. Iterating (or :meth:`warning`) builds the :class:`DataWarning`."""

    reviews: HeldReviews
    rows: np.ndarray
    kinds: np.ndarray
    children_file: str = "children.csv"
    columns: Mapping[str, str] = field(default_factory=lambda: EXPORT_COLUMNS)

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self) -> Iterator[DataWarning]:
        return (self.warning(i) for i in range(len(self)))

    def kind(self, i: int) -> str:
        return KINDS[int(self.kinds[i])]

    def warning(self, i: int) -> DataWarning:
        """Warning ``i`` with its message."""
        kind = self.kind(i)
        record = self.reviews.record(int(self.rows[i]))
        column = _COLUMN[kind]
        return _warning(
            kind,
            record,
            self.columns[column] if column else None,
            children=self.children_file,
            code=record.code,
        )

    def counts(self) -> Counter[str]:
        """How many of each kind."""
        import numpy as np

        counts = np.bincount(self.kinds, minlength=len(KINDS))
        return Counter({kind: int(n) for kind, n in zip(KINDS, counts, strict=True) if n})


def find_warnings(
    records: HeldReviews | Iterable[ReviewRecord],
    children_file: str = "children.csv",
    columns: Mapping[str, str] = EXPORT_COLUMNS,
) -> Warnings:
    """Every warning for ``records``, in the order of the records (a review's missing
    code first, then what its age shows). ``columns`` names the code, person and date
    columns in the messages."""
    import numpy as np

    reviews = as_held(records)
    code = reviews.code_index
    missing = code == MISSING_INDEX
    found = reviews.child_found
    dated = found & reviews.has_birth
    age = np.where(dated, reviews.age, 0)
    under_four = code == CODE_INDEX[UNDER_FOUR]
    other = np.full(len(reviews), -1, dtype=np.int64)
    # Later assignments cannot clash: each review has at most one of these.
    other[~found] = KINDS.index(NO_CHILD)
    other[found & ~reviews.has_birth] = KINDS.index(NO_DOB)
    other[dated & (age < 0)] = KINDS.index(BORN_AFTER)
    other[dated & (age >= 4) & under_four] = KINDS.index(RULE_440)
    other[dated & (age >= 0) & (age < 4) & ~missing & ~under_four] = KINDS.index(RULE_441)
    first = np.flatnonzero(missing)
    second = np.flatnonzero(other >= 0)
    rows = np.concatenate([first, second])
    kinds = np.concatenate(
        [np.full(len(first), KINDS.index(MISSING_CODE), dtype=np.int64), other[second]]
    )
    order = np.lexsort((np.repeat([0, 1], [len(first), len(second)]), rows))
    return Warnings(reviews, rows[order], kinds[order], children_file, columns)


def check_reviews(
    records: HeldReviews | Iterable[ReviewRecord],
    children_file: str = "children.csv",
    columns: Mapping[str, str] = EXPORT_COLUMNS,
) -> list[DataWarning]:
    """Every warning for ``records`` as :class:`DataWarning`\\ s, in the order of the
    records (see :func:`find_warnings`, which builds none until asked)."""
    return list(find_warnings(records, children_file, columns))


def footer(warnings: Warnings | Iterable[DataWarning]) -> str:
    """``"3 data warnings: 2 × rule 440, 1 missing code"``; ``""`` when there are none."""
    if isinstance(warnings, Warnings):
        counts = warnings.counts()
    else:
        counts = Counter(w.kind for w in warnings)
    total = sum(counts.values())
    if not total:
        return ""
    parts = [
        (one if counts[kind] == 1 else many).format(n=counts[kind])
        for kind, one, many in _FOOTER
        if counts[kind]
    ]
    return f"{total} data warning{'s' if total != 1 else ''}: {', '.join(parts)}"
