"""Data checks on held CLA reviews, as the DfE SSDA903 validator makes them.

- rule 440: PN0 ("under 4 at the review") but the child was 4 or over;
- rule 441: PN1–PN7 but the child was under 4 (PN0 expected);
- missing code: a held CLA review with no participation code;
- no child record / no date of birth / born after the review: the age could not
  be worked out, so rules 440 and 441 were not checked for that review.

A child is "4 or over" from their 4th birthday (1 March for someone born on
29 February when the year is not a leap year).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from iro_cli.errors import Problem
from iro_cli.participation.codes import UNDER_FOUR
from iro_cli.participation.records import ReviewRecord
from iro_cli.schedule.dates import age_on

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


def check_reviews(
    records: Iterable[ReviewRecord],
    children_file: str = "children.csv",
    columns: Mapping[str, str] = EXPORT_COLUMNS,
) -> list[DataWarning]:
    """Every warning for ``records``, in the order of the records.

    ``columns`` names the code, person and date columns in the messages.
    """
    warnings: list[DataWarning] = []
    for record in records:
        code = record.code
        if not code:
            warnings.append(_warning(MISSING_CODE, record, columns["code"]))
        if not record.child_found:
            warnings.append(_warning(NO_CHILD, record, columns["person"], children=children_file))
            continue
        if record.date_of_birth is None:
            warnings.append(_warning(NO_DOB, record, None))
            continue
        age = age_on(record.date_of_birth, record.review_date)
        if age < 0:
            warnings.append(_warning(BORN_AFTER, record, columns["date"]))
        elif code == UNDER_FOUR and age >= 4:
            warnings.append(_warning(RULE_440, record, columns["code"]))
        elif code and code != UNDER_FOUR and age < 4:
            warnings.append(_warning(RULE_441, record, columns["code"], code=code))
    return warnings


def footer(warnings: Iterable[DataWarning]) -> str:
    """``"3 data warnings: 2 × rule 440, 1 missing code"``; ``""`` when there are none."""
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
