"""Participation of children in their CLA reviews (SSDA903 codes PN0–PN7).

Pure functions: records in, figures and warnings out (no click, no I/O).

- :mod:`.codes`   the codes, their groups, the two rates
- :mod:`.ages`    the DfE age bands (periods are :mod:`iro_cli.periods`)
- :mod:`.records` held CLA reviews as arrays, joined to the child's period of care
- :mod:`.checks`  DfE rules 440/441, missing codes, reviews whose age cannot be worked out
- :mod:`.summary` the counts per group, the total row, ``--compare``
"""

from iro_cli.participation.checks import (
    DataWarning,
    Warnings,
    check_reviews,
    find_warnings,
    footer,
)
from iro_cli.participation.codes import attendance_rate, parse_code, participation_rate
from iro_cli.participation.records import HeldReviews, ReviewRecord, held_cla_reviews
from iro_cli.participation.summary import BY_CHOICES, CompareError, Summary, summarise
from iro_cli.periods import Period, parse_financial_year, previous_period

__all__ = [
    "BY_CHOICES",
    "CompareError",
    "DataWarning",
    "HeldReviews",
    "Period",
    "ReviewRecord",
    "Summary",
    "Warnings",
    "attendance_rate",
    "check_reviews",
    "find_warnings",
    "footer",
    "held_cla_reviews",
    "parse_code",
    "parse_financial_year",
    "participation_rate",
    "previous_period",
    "summarise",
]
