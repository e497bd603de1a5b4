"""Dispute resolution (DRP) figures: raised, resolved, in time, open (pure).

A dispute's due date is its ``Response Due`` when the export has one, else its
raised date plus the level's working days (``iro.toml`` ``[disputes]``; 5 for an
informal dispute and for each formal stage, so four stages make the IRO
Handbook's 20 working days), counted with the schedule's working-day calendar.
It is in time when resolved on or before its due date. Practice
acknowledgements (good-practice alerts) have no due date and are never in a
dispute rate: they are counted in their own row.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from iro_cli.schedule.dates import WorkingCalendar

if TYPE_CHECKING:
    import pandas as pd

INFORMAL = "Informal"
STAGES = ("Formal Stage 1", "Formal Stage 2", "Formal Stage 3", "Formal Stage 4")
LEVELS = (INFORMAL, *STAGES)
PRACTICE = "Practice Acknowledgement"
PRACTICE_ROW = "Practice acknowledgements"
TOTAL = "All disputes"
SETTING_KEYS = {"informal": INFORMAL, **{f"stage_{i}": s for i, s in enumerate(STAGES, 1)}}
DEFAULT_DAYS = 5
BY = ("level", "theme", "iro", "month")
FIGURE_COLUMNS = (
    "raised",
    "resolved",
    "resolved_in_time",
    "in_time_rate",
    "open",
    "open_past_due",
)
OPEN_COLUMNS = (
    "drp_id",
    "person_id",
    "raised_by",
    "level",
    "theme",
    "raised_date",
    "due_date",
    "days_past_due",
)


def days_from_settings(section: Mapping[str, Any], where: str = "iro.toml") -> dict[str, int]:
    """Level -> working days to respond, from ``[disputes]`` (default 5 each)."""
    from iro_cli.errors import ConfigError

    unknown = sorted(set(section) - set(SETTING_KEYS))
    if unknown:
        raise ConfigError(
            f"{where}: [disputes] has no key '{unknown[0]}' (keys: {', '.join(SETTING_KEYS)})"
        )
    days = {}
    for key, level in SETTING_KEYS.items():
        value = section.get(key, DEFAULT_DAYS)
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise ConfigError(
                f"{where}: [disputes] {key} must be a whole number of days, 1 or more"
            )
        days[level] = value
    return days


@dataclass(frozen=True)
class Dispute:
    """One row of disputes.csv with its due date worked out."""

    drp_id: str
    person_id: str
    raised_by: str
    raised_date: date
    level: str
    theme: str
    due_date: date | None  # None for a practice acknowledgement
    resolved_date: date | None

    @property
    def practice(self) -> bool:
        return self.level == PRACTICE

    def resolved_by(self, as_at: date) -> bool:
        return self.resolved_date is not None and self.resolved_date <= as_at

    def in_time(self) -> bool:
        return (
            self.due_date is not None
            and self.resolved_date is not None
            and self.resolved_date <= self.due_date
        )

    def past_due(self, as_at: date) -> bool:
        """Open on ``as_at`` and its due date already passed."""
        return (
            not self.practice
            and not self.resolved_by(as_at)
            and self.due_date is not None
            and self.due_date < as_at
        )


def due_date(
    raised: date,
    level: str,
    response_due: date | None,
    days: Mapping[str, int],
    cal: WorkingCalendar,
) -> date | None:
    """``Response Due`` when given, else raised date + the level's working days."""
    if level == PRACTICE:
        return None
    if response_due is not None:
        return response_due
    return cal.add_working_days(raised, days[level])


def read_disputes(
    frame: pd.DataFrame, days: Mapping[str, int], calendar: WorkingCalendar
) -> list[Dispute]:
    """Every row of disputes.csv (duplicate DRP IDs once), with due dates."""
    frame = frame.drop_duplicates("drp_id")
    return [
        Dispute(
            drp,
            person,
            by,
            raised,
            level,
            theme,
            due_date(raised, level, due, days, calendar),
            resolved,
        )  # fmt: skip
        for drp, person, by, raised, level, theme, due, resolved in zip(
            frame["drp_id"],
            frame["person_id"],
            frame["raised_by"],
            frame["raised_date"],
            frame["level"],
            frame["theme"],
            frame["response_due"],
            frame["resolved_date"],
            strict=True,
        )
    ]


def _month(d: Dispute) -> str:
    return f"{d.raised_date:%Y-%m}"


GROUPERS: dict[str, Callable[[Dispute], str]] = {
    "level": lambda d: d.level,
    "theme": lambda d: d.theme or "(no theme)",
    "iro": lambda d: d.raised_by or "(not recorded)",
    "month": _month,
}


def figures(items: list[Dispute], as_at: date) -> dict[str, Any]:
    """The figures of one group (see ``FIGURE_COLUMNS``)."""
    resolved = [d for d in items if d.resolved_by(as_at)]
    disputes = [d for d in resolved if not d.practice]
    in_time = sum(d.in_time() for d in disputes)
    practice_only = bool(items) and all(d.practice for d in items)
    return {
        "raised": len(items),
        "resolved": len(resolved),
        "resolved_in_time": None if practice_only else in_time,
        "in_time_rate": round(in_time / len(disputes), 4) if disputes else None,
        "open": len(items) - len(resolved),
        "open_past_due": None if practice_only else sum(d.past_due(as_at) for d in items),
    }


@dataclass
class DisputeSummary:
    """Grouped figures for a period, and the summary's shares."""

    by: str
    rows: list[dict[str, Any]]
    total: dict[str, Any]
    practice: dict[str, Any]
    alerts: int = 0
    practice_share: float | None = None
    formal_finished: int = 0
    formal_at_stage_1: int = 0
    stage_1_share: float | None = None
    in_period: list[Dispute] = field(default_factory=list)


def raised_in(disputes: list[Dispute], start: date, end: date) -> list[Dispute]:
    """Raised in the period ``start``..``end`` (``end`` is the as-at day)."""
    return [d for d in disputes if start <= d.raised_date <= end]


def summarise(
    disputes: list[Dispute], start: date, as_at: date, by: str = "level"
) -> DisputeSummary:
    """Disputes raised from ``start`` to ``as_at`` grouped ``by`` level, theme, iro or month.

    Practice acknowledgements are one row of their own whatever the grouping; the
    total row (``All disputes``) leaves them out.
    """
    chosen = raised_in(disputes, start, as_at)
    real = [d for d in chosen if not d.practice]
    practice = [d for d in chosen if d.practice]
    key = GROUPERS[by]
    groups: dict[str, list[Dispute]] = {}
    if by == "level":
        groups = {level: [] for level in LEVELS}
    for d in real:
        groups.setdefault(key(d), []).append(d)
    order = list(groups) if by == "level" else sorted(groups, key=lambda k: (k.lower(), k))
    column = by
    rows = [{column: name, **figures(groups[name], as_at)} for name in order]
    total = {column: TOTAL, **figures(real, as_at)}
    practice_row = {column: PRACTICE_ROW, **figures(practice, as_at)}
    finished, at_stage_1 = stage_1_resolutions(disputes, start, as_at)
    alerts = len(chosen)
    return DisputeSummary(
        by=by,
        rows=rows,
        total=total,
        practice=practice_row,
        alerts=alerts,
        practice_share=round(len(practice) / alerts, 4) if alerts else None,
        formal_finished=finished,
        formal_at_stage_1=at_stage_1,
        stage_1_share=round(at_stage_1 / finished, 4) if finished else None,
        in_period=chosen,
    )


def stage_1_resolutions(disputes: list[Dispute], start: date, as_at: date) -> tuple[int, int]:
    """(formal disputes begun in the period and finished by ``as_at``, of them ended at Stage 1).

    The export gives each stage its own row, so a dispute is followed by child: a
    Stage N+1 row for the same child raised on or after the child's open chain's Stage
    N row continues that chain (an escalation); any other formal row starts a chain.
    A chain is finished when its last row is resolved by ``as_at``.
    """
    formal = sorted(
        (d for d in disputes if d.level in STAGES and d.raised_date <= as_at),
        key=lambda d: (d.person_id, d.raised_date, d.level, d.drp_id),
    )
    chains: list[list[Dispute]] = []
    current: dict[str, list[Dispute]] = {}
    for d in formal:
        chain = current.get(d.person_id)
        stage = STAGES.index(d.level)
        if chain is not None and STAGES.index(chain[-1].level) == stage - 1:
            chain.append(d)
        else:
            chain = [d]
            chains.append(chain)
            current[d.person_id] = chain
    begun = [c for c in chains if start <= c[0].raised_date <= as_at]
    finished = [c for c in begun if c[-1].resolved_by(as_at)]
    return len(finished), sum(len(c) == 1 and c[0].level == STAGES[0] for c in finished)


def open_list(disputes: list[Dispute], as_at: date) -> list[dict[str, Any]]:
    """Every dispute open on ``as_at`` (raised by then, whenever), most overdue first
    (``days_past_due``: calendar days after the due date; 0 when not yet due)."""
    rows = []
    for d in disputes:
        if d.practice or d.raised_date > as_at or d.resolved_by(as_at):
            continue
        past = max((as_at - d.due_date).days, 0) if d.due_date else 0
        rows.append(
            {
                "drp_id": d.drp_id,
                "person_id": d.person_id,
                "raised_by": d.raised_by,
                "level": d.level,
                "theme": d.theme,
                "raised_date": d.raised_date,
                "due_date": d.due_date,
                "days_past_due": past,
            }
        )
    rows.sort(key=lambda r: (-r["days_past_due"], r["raised_date"], r["drp_id"]))
    return rows
