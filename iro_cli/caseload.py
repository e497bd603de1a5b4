"""Caseloads per IRO and changes of IRO for children (pure: data and a day in, data out).

A child is on an IRO's caseload on the as-at day when a period of care has begun
on or before that day and has not ended by it (``Period End`` blank or after
it: the rule of ``iro overdue``), and that row's ``Allocated IRO`` is the IRO.
A child with two open rows counts once, with the IRO of the row begun last.
The IRO Handbook (2010, 2.18) puts a full-time IRO's caseload at 50 to 70
children; ``iro.toml`` ``[caseload] min``/``max`` change the band.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from dateutil.relativedelta import relativedelta

if TYPE_CHECKING:
    import pandas as pd

HANDBOOK_MIN, HANDBOOK_MAX = 50, 70
NOT_ALLOCATED = "(no IRO allocated)"
TOTAL = "Total"
CASELOAD_COLUMNS = (
    "iro",
    "team",
    "fte",
    "children",
    "children_per_fte",
    "cp_children",
    "over_range",
    "not_in_iros",
)
CHANGES_COLUMNS = ("person_id", "changes", "chairs")
CHANGE_BANDS = ("0", "1", "2", "3+")


@dataclass(frozen=True)
class Band:
    """The caseload band per FTE (``[caseload] min`` and ``max``)."""

    low: float = HANDBOOK_MIN
    high: float = HANDBOOK_MAX


def band_from_settings(section: Mapping[str, Any], where: str = "iro.toml") -> Band:
    """``[caseload] min``/``max`` (numbers, min below max); defaults 50 and 70."""
    from iro_cli.errors import ConfigError

    unknown = sorted(set(section) - {"min", "max"})
    if unknown:
        raise ConfigError(f"{where}: [caseload] has no key '{unknown[0]}' (keys: min, max)")
    values = {}
    for key, default in (("min", HANDBOOK_MIN), ("max", HANDBOOK_MAX)):
        value = section.get(key, default)
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
            raise ConfigError(f"{where}: [caseload] {key} must be a number above 0")
        values[key] = value
    if values["min"] >= values["max"]:
        raise ConfigError(f"{where}: [caseload] min must be below max")
    return Band(values["min"], values["max"])


@dataclass(frozen=True)
class Caseloads:
    """One row per IRO (dicts with ``CASELOAD_COLUMNS``) and the service's total row."""

    rows: list[dict[str, Any]]
    total: dict[str, Any]
    band: Band
    as_at: date

    @property
    def per_fte(self) -> float | None:
        """The service's caseload per FTE: children of IROs with an FTE ÷ their FTE."""
        return self.total["children_per_fte"]


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


def looked_after_on(children: pd.DataFrame, as_at: date) -> pd.DataFrame:
    """``person_id``, ``allocated_iro``, ``team``: one row per child looked after on ``as_at``."""
    starts = children["period_start"]
    ends = children["period_end"]
    begun = starts.map(lambda d: d is not None and d <= as_at)
    running = ends.map(lambda d: d is None or d > as_at)
    open_rows = children.loc[
        begun & running, ["person_id", "period_start", "allocated_iro", "team"]
    ]
    open_rows = open_rows.sort_values(["person_id", "period_start"], kind="stable")
    return open_rows.drop_duplicates("person_id", keep="last").reset_index(drop=True)


def cp_open_on(cp_plans: pd.DataFrame | None, as_at: date) -> pd.DataFrame | None:
    """Plans open on ``as_at``: begun (``Plan Start``) by then and not ended by it."""
    if cp_plans is None:
        return None
    begun = cp_plans["plan_start"].map(lambda d: d is not None and d <= as_at)
    running = cp_plans["plan_end"].map(lambda d: d is None or d > as_at)
    return cp_plans.loc[begun & running]


def caseloads(
    children: pd.DataFrame,
    iros: pd.DataFrame,
    cp_plans: pd.DataFrame | None,
    as_at: date,
    band: Band = Band(),
) -> Caseloads:
    """Caseload per IRO on ``as_at`` (see the module docstring), in ``iros.csv`` order,
    then IROs named in the exports (Allocated IRO, CP plan Chair, on rows begun by
    ``as_at``) but missing from ``iros.csv``, then children with no IRO allocated."""
    looked_after = looked_after_on(children, as_at)
    counts: dict[str, int] = {}
    names: dict[str, str] = {}
    for name in looked_after["allocated_iro"]:
        key = _key(name) if name else ""
        counts[key] = counts.get(key, 0) + 1
        names.setdefault(key, name)
    cp_counts: dict[str, int] = {}
    plans = cp_open_on(cp_plans, as_at)
    if plans is not None:
        open_plans = plans.drop_duplicates(["person_id", "chair"])
        for person_chairs in open_plans.groupby("person_id", sort=False)["chair"]:
            chairs = [c for c in person_chairs[1] if c]
            for chair in chairs[-1:]:  # a child with two open plans counts once
                cp_counts[_key(chair)] = cp_counts.get(_key(chair), 0) + 1
                names.setdefault(_key(chair), chair)

    rows: list[dict[str, Any]] = []
    seen: set[str] = set()
    for name, fte, team in zip(iros["name"], iros["fte"], iros["team"], strict=True):
        key = _key(name)
        if key in seen or not key:
            continue
        seen.add(key)
        rows.append(_row(name, team, fte, counts.get(key, 0), cp_counts.get(key, 0), band, False))
    for name in _named(children, cp_plans, as_at):
        names.setdefault(_key(name), name)
    missing = sorted(set(names) - seen - {""}, key=lambda k: names[k].lower())
    for key in missing:
        rows.append(
            _row(names[key], "", None, counts.get(key, 0), cp_counts.get(key, 0), band, True)
        )
    if counts.get("", 0):
        rows.append(_row(NOT_ALLOCATED, "", None, counts[""], 0, band, False))

    with_fte = [r for r in rows if r["fte"]]
    fte_total = round(sum(r["fte"] for r in with_fte), 4)
    children_with_fte = sum(r["children"] for r in with_fte)
    per_fte = round(children_with_fte / fte_total, 1) if fte_total else None
    total = {
        "iro": TOTAL,
        "team": "",
        "fte": fte_total or None,
        "children": int(looked_after.shape[0]),
        "children_per_fte": per_fte,
        "cp_children": sum(r["cp_children"] for r in rows),
        "over_range": per_fte is not None and per_fte > band.high,
        "not_in_iros": False,
    }
    return Caseloads(rows, total, band, as_at)


def _named(children: pd.DataFrame, cp_plans: pd.DataFrame | None, as_at: date) -> list[str]:
    """IROs named as Allocated IRO or CP plan Chair on rows begun by ``as_at`` (open or not)."""
    begun = children["period_start"].map(lambda d: d is not None and d <= as_at)
    names = [n for n in children.loc[begun, "allocated_iro"].unique() if n]
    if cp_plans is not None:
        started = cp_plans["strategy_discussion_date"].map(lambda d: d is not None and d <= as_at)
        names += [n for n in cp_plans.loc[started, "chair"].unique() if n]
    return names


def _row(
    name: str, team: str, fte: float | None, n: int, cp: int, band: Band, missing: bool
) -> dict[str, Any]:
    per_fte = round(n / fte, 1) if fte else None
    return {
        "iro": name,
        "team": team,
        "fte": fte,
        "children": n,
        "children_per_fte": per_fte,
        "cp_children": cp,
        "over_range": per_fte is not None and per_fte > band.high,
        "not_in_iros": missing,
    }


# --- changes of IRO -------------------------------------------------------------------------


def changes_of_iro(children: pd.DataFrame, reviews: pd.DataFrame, as_at: date) -> list[dict]:
    """Per child looked after on ``as_at``: the changes of chair between consecutive held
    CLA reviews (across periods of care) where the later review is dated after the day
    12 calendar months before ``as_at`` and on or before ``as_at``.

    ``chairs`` lists the chairs in order (each run of one chair once), starting with
    the chair of the last review before the 12 months when there is one. Reviews with
    no Chair are left out of the chain. Most changes first, then by ``person_id``.
    """
    since = as_at - relativedelta(months=12)
    looked_after = set(looked_after_on(children, as_at)["person_id"])
    held = reviews.loc[
        (reviews["review_type"] == "CLA Review")
        & (reviews["status"] == "Held")
        & (reviews["chair"] != "")
        & reviews["person_id"].isin(looked_after)
    ]
    held = held.loc[held["review_date"].map(lambda d: d <= as_at)]
    held = held.drop_duplicates("review_id").sort_values(
        ["person_id", "review_date", "review_id"], kind="stable"
    )
    chains: dict[str, list[tuple[date, str]]] = {}
    for person, day, chair in zip(
        held["person_id"], held["review_date"], held["chair"], strict=True
    ):
        chains.setdefault(person, []).append((day, chair))
    out = []
    for person in sorted(looked_after):
        chain = chains.get(person, [])
        first = next((i for i, (day, _) in enumerate(chain) if day > since), len(chain))
        window = chain[max(first - 1, 0) :] if first < len(chain) else []
        chairs: list[str] = []
        for _, chair in window:
            if not chairs or _key(chairs[-1]) != _key(chair):
                chairs.append(chair)
        out.append(
            {"person_id": person, "changes": max(len(chairs) - 1, 0), "chairs": " > ".join(chairs)}
        )
    out.sort(key=lambda r: (-r["changes"], r["person_id"]))
    return out


def change_counts(changes: list[dict]) -> dict[str, int]:
    """Children with 0, 1, 2 and 3 or more changes of IRO."""
    counts = dict.fromkeys(CHANGE_BANDS, 0)
    for row in changes:
        counts[str(row["changes"]) if row["changes"] < 3 else "3+"] += 1
    return counts
