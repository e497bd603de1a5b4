"""The statutory review rules on arrays: one implementation for the daily list
(:mod:`iro_cli.schedule.due`) and the yearly figures (:mod:`iro_cli.timeliness.reviews`).

Each rule takes whole columns (the clock's start, how many reviews held, the last one
held) and gives the due dates with a basis code and its anchor day; :func:`basis`
words a basis only for the rows that are shown.
"""

from __future__ import annotations

from datetime import date

import numpy as np

from iro_cli.schedule.arrays import NAT, WorkingDays, add_months
from iro_cli.schedule.dates import uk

FIRST_REVIEW_WORKING_DAYS = 20
ICPC_WORKING_DAYS = 15
PATHWAY_MAX_AGE = 25

# Basis codes, worded by BASIS with the anchor day.
FIRST_SHORT, FIRST, SECOND, NEXT, INITIAL, FIRST_CONFERENCE, CONFERENCE, PATHWAY_NEXT = range(8)
BASIS = (
    "first review (short breaks): 3 months after {}",
    "first review: 20 working days after care began on {}",
    "second review: 3 months after review held {}",
    "next review: 6 months after review held {}",
    "initial conference: 15 working days after strategy discussion on {}",
    "first review conference: 3 months after ICPC held {}",
    "review conference: 6 months after conference held {}",
    "pathway plan review: 6 months after review held {}",
)
NEW_PERIOD = " (new period of care)"


def basis(code: int, anchor: date, new_period: bool = False) -> str:
    """The plain words of one due date's basis."""
    text = BASIS[code].format(uk(anchor))
    return text + NEW_PERIOD if new_period and code in (FIRST_SHORT, FIRST) else text


def cla_due(
    start: np.ndarray,
    short_breaks: np.ndarray,
    held: np.ndarray,
    last_held: np.ndarray,
    working: WorkingDays,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The next CLA review of periods of care begun on ``start`` with ``held`` reviews
    held so far, the last on ``last_held``: first within 20 working days (short breaks:
    3 months), second within 3 months of the first, then 6 months after the last.
    Returns (due, basis code, anchor day)."""
    first = held == 0
    second = (held == 1) & ~short_breaks
    code = np.where(
        first, np.where(short_breaks, FIRST_SHORT, FIRST), np.where(second, SECOND, NEXT)
    )
    anchor = np.where(first, start, last_held)
    due = np.full(len(start), NAT)
    worked = code == FIRST
    if worked.any():
        due[worked] = working.add(start[worked], FIRST_REVIEW_WORKING_DAYS)
    for months, which in ((3, (code == FIRST_SHORT) | (code == SECOND)), (6, code == NEXT)):
        if which.any():
            due[which] = add_months(anchor[which], months)
    return due, code.astype(np.int8), anchor


def icpc_due(strategy: np.ndarray, working: WorkingDays) -> np.ndarray:
    """The initial conference: 15 working days after the strategy discussion."""
    return working.add(strategy, ICPC_WORKING_DAYS)


def rcpc_due(
    conference: np.ndarray, last_held: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The next review conference: 3 months after the ICPC, then 6 after the last held
    (``last_held`` NaT: none held yet). Returns (due, basis code, anchor day)."""
    first = np.isnat(last_held)
    anchor = np.where(first, conference, last_held)
    due = np.where(first, add_months(conference, 3), add_months(last_held, 6))
    code = np.where(first, FIRST_CONFERENCE, CONFERENCE).astype(np.int8)
    return due, code, anchor


def pathway_due(last_held: np.ndarray) -> np.ndarray:
    """The next pathway plan review: 6 months after the last one held."""
    return add_months(last_held, 6)


def pathway_applies(
    start: np.ndarray, end: np.ndarray, born: np.ndarray, known: np.ndarray, day: np.ndarray
) -> np.ndarray:
    """Whether the 6-month pathway rule applies on ``day``: not while the young person is
    looked after (their latest period of care, ``known`` False when not in children.csv)
    nor from their 25th birthday."""
    looked_after = known & (start <= day) & (np.isnat(end) | (end > day))
    young = np.isnat(born) | (add_months(born, 12 * PATHWAY_MAX_AGE) > day)
    return ~known | (~looked_after & young)
