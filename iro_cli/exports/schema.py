"""The export contract of ``shared/spec/exports.md`` as data.

Each export file has a default file name and a list of columns. A column has
the default header (as an LCS report writes it), the canonical snake_case name
that domain code sees, whether it is required, and a kind that says how the
reader converts the cell:

``id``    string, stripped, leading zeros kept
``text``  string, stripped ("" when blank)
``date``  :class:`datetime.date` (``dd/mm/yyyy``, ``dd/mm/yyyy hh:mm`` or ISO); ``None`` when blank
``code``  one of ``codes`` (matched ignoring case, spaces and punctuation; aliases allowed)
``float`` number; ``None`` when blank
``int``   whole number; ``None`` when blank
``flag``  ``True`` for Y/Yes/True/1, ``False`` for N/No/False/0/blank
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

KINDS = ("id", "text", "date", "code", "float", "int", "flag")


@dataclass(frozen=True)
class Column:
    header: str
    name: str
    required: bool = False
    kind: str = "text"
    codes: tuple[str, ...] = ()
    aliases: dict[str, str] = field(default_factory=dict)
    help: str = ""


@dataclass(frozen=True)
class ExportFile:
    key: str
    filename: str
    columns: tuple[Column, ...]
    description: str = ""
    key_column: str = ""  # the ID column named in problems

    def column(self, name: str) -> Column:
        for col in self.columns:
            if col.name == name:
                return col
        raise KeyError(name)


def snake(header: str) -> str:
    """``"Child's Views"`` -> ``"childs_views"``."""
    text = header.replace("'", "").replace("\u2019", "")
    return re.sub(r"[^0-9a-z]+", "_", text.lower()).strip("_")


def normalise_header(header: str) -> str:
    """Header comparison key: no BOM, case-folded, inner spaces collapsed."""
    text = header.replace("\ufeff", "").strip().casefold()
    return re.sub(r"\s+", " ", text)


def _col(header: str, kind: str = "text", required: bool = False, **kw) -> Column:
    return Column(header=header, name=snake(header), required=required, kind=kind, **kw)


REVIEW_TYPES = ("CLA Review", "ICPC", "RCPC", "Pathway Plan Review")
REVIEW_TYPE_ALIASES = {
    "lac review": "CLA Review",
    "looked after review": "CLA Review",
    "looked after child review": "CLA Review",
    "child looked after review": "CLA Review",
    "cla": "CLA Review",
    "initial child protection conference": "ICPC",
    "initial conference": "ICPC",
    "review child protection conference": "RCPC",
    "child protection review conference": "RCPC",
    "review conference": "RCPC",
    "pathway plan": "Pathway Plan Review",
    "pathway review": "Pathway Plan Review",
}
REVIEW_STATUSES = ("Held", "Scheduled", "Rearranged", "Cancelled")
REVIEW_STATUS_ALIASES = {
    "complete": "Held",
    "completed": "Held",
    "rescheduled": "Rearranged",
    "canceled": "Cancelled",
    "booked": "Scheduled",
}
PN_CODES = tuple(f"PN{i}" for i in range(8))
# SSDA903 descriptions of the participation codes, as LCS writes them.
PN_DESCRIPTIONS = {
    "PN0": "Child aged under 4 at the time of the review",
    "PN1": "Child physically attends and speaks for him or herself",
    "PN2": "Child physically attends and an advocate speaks on his or her behalf",
    "PN3": "Child attends and conveys his or her view symbolically (non-verbally)",
    "PN4": "Child physically attends but does not speak for him or herself, does not "
    "convey his or her view symbolically (non-verbally) and does not ask an advocate "
    "to speak for him or her",
    "PN5": "Child does not attend physically but briefs an advocate to speak for him or her",
    "PN6": "Child does not attend but conveys his or her feelings to the review by a "
    "facilitative medium",
    "PN7": "Child does not attend nor are his or her views conveyed to the review",
}
PN_ALIASES = {desc: code for code, desc in PN_DESCRIPTIONS.items()}
DRP_LEVELS = (
    "Informal",
    "Formal Stage 1",
    "Formal Stage 2",
    "Formal Stage 3",
    "Formal Stage 4",
    "Practice Acknowledgement",
)
DRP_LEVEL_ALIASES = {
    "stage 1": "Formal Stage 1",
    "stage 2": "Formal Stage 2",
    "stage 3": "Formal Stage 3",
    "stage 4": "Formal Stage 4",
    "practice alert": "Practice Acknowledgement",
}

CHILDREN = ExportFile(
    key="children",
    filename="children.csv",
    description="one row per child per period of care",
    key_column="person_id",
    columns=(
        _col("Person ID", "id", True),
        _col("Forename", "text", True),
        _col("Surname", "text", True),
        _col("Preferred Name"),
        _col("Date of Birth", "date", True),
        _col("Gender"),
        _col("Ethnicity"),
        _col("Legal Status"),
        _col("Period Start", "date", True),
        _col("Period End", "date"),
        _col("Allocated IRO"),
        _col("Team"),
        _col("Social Worker"),
        _col("Placement Type"),
        _col("Short Breaks", "flag"),
        _col("Preferred Language", help="extension: 'Welsh' for Welsh-language letters"),
    ),
)

REVIEWS = ExportFile(
    key="reviews",
    filename="reviews.csv",
    description="one row per review meeting (held, scheduled, rearranged or cancelled)",
    key_column="review_id",
    columns=(
        _col("Review ID", "id", True),
        _col("Person ID", "id", True),
        _col("Review Type", "code", True, codes=REVIEW_TYPES, aliases=REVIEW_TYPE_ALIASES),
        _col("Review Date", "date", True),
        _col("Status", "code", True, codes=REVIEW_STATUSES, aliases=REVIEW_STATUS_ALIASES),
        _col("Chair"),
        _col("Participation Code", "code", codes=PN_CODES, aliases=PN_ALIASES),
        _col("Next Review Date", "date"),
        _col("Rearranged Reason"),
        _col("Child's Views"),
        _col("Working Well"),
        _col("Worries"),
        _col(
            "Attendees",
            help="extension: who came, e.g. 'Mum; Jo (foster carer); Sam (social worker)'",
        ),
    ),
)

RECOMMENDATIONS = ExportFile(
    key="recommendations",
    filename="recommendations.csv",
    description="the actions agreed at each review (the minutes)",
    key_column="review_id",
    columns=(
        _col("Review ID", "id", True),
        _col("Person ID", "id", True),
        _col("Recommendation No", "int"),
        _col("Recommendation", "text", True),
        _col("Responsible"),
        # Free text as recorded ("15/01/2027", "end of term"): the linter reads it.
        _col("Target Date"),
        _col("Lint Ignore", help="extension: 'CODE: reason' to silence one finding"),
    ),
)

CP_PLANS = ExportFile(
    key="cp_plans",
    filename="cp_plans.csv",
    description="child protection episodes (for conference timescales)",
    key_column="person_id",
    columns=(
        _col("Person ID", "id", True),
        _col("Strategy Discussion Date", "date", True),
        _col("Plan Start", "date"),
        _col("Plan End", "date"),
        _col("Chair"),
        # Extensions: a child on a CP plan is often not looked after, so not in children.csv.
        _col("Forename", help="extension: for children not in children.csv"),
        _col("Surname", help="extension"),
        _col("Date of Birth", "date", help="extension"),
        _col("Team", help="extension"),
    ),
)

DISPUTES = ExportFile(
    key="disputes",
    filename="disputes.csv",
    description="dispute resolution / practice alerts raised by IROs",
    key_column="drp_id",
    columns=(
        _col("DRP ID", "id", True),
        _col("Person ID", "id", True),
        _col("Raised By", "text", True),
        _col("Raised Date", "date", True),
        _col("Level", "code", True, codes=DRP_LEVELS, aliases=DRP_LEVEL_ALIASES),
        _col("Theme"),
        _col("Response Due", "date"),
        _col("Resolved Date", "date"),
        _col("Outcome"),
    ),
)

IROS = ExportFile(
    key="iros",
    filename="iros.csv",
    description="the reviewing officers",
    key_column="name",
    columns=(
        _col("Name", "text", True),
        _col("Email"),
        _col("Phone"),
        _col("FTE", "float"),
        _col("Team"),
    ),
)

EXPORTS: dict[str, ExportFile] = {
    spec.key: spec for spec in (CHILDREN, REVIEWS, RECOMMENDATIONS, CP_PLANS, DISPUTES, IROS)
}
