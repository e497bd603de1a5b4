"""Each command's figures as a section of the pack (pure: results in, sections out).

The figures come from the same domain functions as ``iro caseload``, ``iro
disputes``, ``iro participation`` and ``lint-recommendations --summary``; here they
are only arranged, labelled and written as sentences.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from iro_cli.report.pack import Column, Section, Table
from iro_cli.report.words import compared, compared_number, count, pct, share_sentence

PREVIOUS = "_previous"


def _previous_header(header: str, label: str) -> str:
    return f"{header} {label}"


# --- participation -------------------------------------------------------------------------


def participation_section(
    now: Any, before: Any | None, warnings: dict[str, int], label: str, previous_label: str | None
) -> Section:
    """``now``/``before``: the ``Total`` rows of :func:`iro_cli.participation.summarise` for
    the period and the previous one; ``warnings``: counts of each data warning kind."""
    from iro_cli.participation.codes import PN_CODES

    years = ([(previous_label, before)] if before is not None and previous_label else []) + [
        (label, now)
    ]
    rows = []
    for name, total in years:
        rated = sum(int(total[c]) for c in PN_CODES[1:])
        rows.append(
            dict(
                total,
                year=name,
                took_part=sum(int(total[c]) for c in PN_CODES[1:7]),
                attended=sum(int(total[c]) for c in PN_CODES[1:5]),
                rated=rated,
            )
        )
    summary_columns = [
        Column("year", "Year", "text"),
        Column("total", "Held reviews"),
        Column("PN0", "Under 4 (PN0)"),
        Column("missing", "No code"),
        Column("rated", "Aged 4+ (PN1–7)"),
        Column("took_part", "Took part (PN1–6)"),
        Column("attended", "Attended (PN1–4)"),
        Column("participation_rate", "Participation rate", "pct"),
        Column("attendance_rate", "Attendance rate", "pct"),
    ]
    code_columns = [
        Column("year", "Year", "text"),
        *(Column(c, c) for c in PN_CODES),
        Column("missing", "No code"),
        Column("total", "Held CLA reviews"),
    ]
    current = rows[-1]
    old = rows[0] if len(rows) > 1 else None
    headlines = [
        share_sentence(
            current["took_part"],
            current["rated"],
            f"children's CLA reviews in {label}",
            "had the child taking part (PN1–PN6), in person or by sharing their views",
            before=old["participation_rate"] if old else None,
            previous_label=previous_label,
        ),
        share_sentence(
            current["attended"],
            current["rated"],
            "those reviews",
            "had the child there in person (PN1–PN4)",
            before=old["attendance_rate"] if old else None,
            previous_label=previous_label,
        ),
    ]
    notes = [
        "Rates leave out reviews of children under 4 (PN0) and reviews with no code "
        f"({count(int(current['PN0']))} and {count(int(current['missing']))} in {label})."
    ]
    checks = []
    if warnings.get("440"):
        checks.append(f"{warnings['440']} coded PN0 for a child aged 4 or over (DfE rule 440)")
    if warnings.get("441"):
        checks.append(f"{warnings['441']} coded PN1–PN7 for a child under 4 (DfE rule 441)")
    if warnings.get("missing"):
        checks.append(f"{warnings['missing']} with no participation code")
    if checks:
        notes.append(f"Data checks on the reviews of {label}: " + "; ".join(checks) + ".")
    tables = [
        Table(
            "Participation",
            f"Participation in CLA reviews, {label}",
            summary_columns,
            rows,
            note=notes[0],
        ),
        Table(
            "Participation codes",
            f"Participation codes (PN0–PN7), {label}",
            code_columns,
            rows,
            in_document=False,
        ),
    ]
    return Section("Children's participation in their reviews", headlines, tables, notes=notes[1:])


# --- caseloads and changes of IRO --------------------------------------------------------


def caseload_section(
    now: Any,
    before: Any | None,
    changes_now: dict[str, int],
    changes_before: dict[str, int] | None,
    previous_when: str | None,
    previous_label: str | None = None,
) -> Section:
    """``now``/``before``: :class:`iro_cli.caseload.Caseloads` on the as-at day and on the
    previous period's; ``changes_*``: :func:`iro_cli.caseload.change_counts`."""
    band = now.band
    comparing = before is not None and previous_when is not None
    columns = [
        Column("iro", "IRO", "text"),
        Column("team", "Team", "text"),
        Column("fte", "FTE", "num"),
        Column("children", "Children"),
        Column("children_per_fte", "Children per FTE", "num"),
        Column("cp_children", "Children on a CP plan (chair)"),
        Column("over_range", f"Above {band.high:g} per FTE", "text"),
        Column("not_in_iros", "Not in iros.csv", "text"),
    ]
    earlier: dict[str, Any] = {}
    if comparing:
        columns.insert(
            5, Column("children_per_fte" + PREVIOUS, f"Children per FTE {previous_when}", "num")
        )
        earlier = {r["iro"]: r["children_per_fte"] for r in before.rows + [before.total]}
    rows = []
    for row in now.rows + [now.total]:
        out = dict(row)
        out["over_range"] = "yes" if row["over_range"] else ""
        out["not_in_iros"] = "yes" if row["not_in_iros"] else ""
        if comparing:
            out["children_per_fte" + PREVIOUS] = earlier.get(row["iro"])
        rows.append(out)
    table = Table(
        "Caseloads",
        f"Caseloads on {now.as_at:%d/%m/%Y}",
        columns,
        rows,
        total_rows=1,
        note=f"The IRO Handbook's range is {band.low:g} to {band.high:g} children per "
        "full-time IRO. The total is the children of IROs with an FTE divided by "
        "their FTE.",
    )
    headlines = [caseload_sentence(now, before, previous_when)]
    change_table, change_lines = _changes(
        changes_now, changes_before, now.as_at, previous_when, previous_label
    )
    headlines += change_lines
    return Section("Caseloads and changes of IRO", headlines, [table, change_table])


def caseload_sentence(now: Any, before: Any | None, previous_when: str | None) -> str:
    band = now.band
    total = now.total
    if now.per_fte is None:
        return f"On {now.as_at:%d/%m/%Y} no IRO had an FTE recorded in iros.csv."
    over = [r for r in now.rows if r["over_range"]]
    text = (
        f"On {now.as_at:%d/%m/%Y} IROs had {now.per_fte:.1f} children each per full-time "
        f"post ({count(total['children'])} children, {total['fte']:g} FTE)"
    )
    if before is not None:
        text += compared_number(now.per_fte, before.per_fte, previous_when)
    text += f", against the IRO Handbook's {band.low:g} to {band.high:g}"
    if over:
        ones = "IRO was" if len(over) == 1 else "IROs were"
        text += f"; {len(over)} {ones} above {band.high:g} per FTE"
    return text + "."


def _changes(
    now: dict[str, int],
    before: dict[str, int] | None,
    as_at: date,
    previous_when: str | None,
    previous_label: str | None,
) -> tuple[Table, list[str]]:
    words = {"0": "No change", "1": "1 change", "2": "2 changes", "3+": "3 or more changes"}
    n = sum(now.values())
    columns = [
        Column("changes", "Changes of IRO in the year", "text"),
        Column("children", "Children"),
        Column("share", "Share", "pct"),
    ]
    if before is not None and previous_when is not None:
        columns += [
            Column("children" + PREVIOUS, f"Children {previous_when}"),
            Column("share" + PREVIOUS, f"Share {previous_when}", "pct"),
        ]
    m = sum(before.values()) if before else 0
    rows = []
    for key, text in words.items():
        row: dict[str, Any] = {
            "changes": text,
            "children": now[key],
            "share": now[key] / n if n else None,
        }
        if before is not None:
            row["children" + PREVIOUS] = before[key]
            row["share" + PREVIOUS] = before[key] / m if m else None
        rows.append(row)
    rows.append(
        {
            "changes": "Children looked after",
            "children": n,
            "share": 1.0 if n else None,
            **(
                {"children" + PREVIOUS: m, "share" + PREVIOUS: 1.0 if m else None}
                if before is not None
                else {}
            ),
        }
    )
    table = Table(
        "Changes of IRO",
        f"Changes of IRO in the 12 months to {as_at:%d/%m/%Y}",
        columns,
        rows,
        total_rows=1,
        note="A change is a held CLA review chaired by a different IRO from the "
        "child's review before it (across periods of care), in the 12 months to "
        "the day; children looked after on the day.",
    )
    same_before = before["0"] / m if before and m else None
    lines = [
        share_sentence(
            now["0"],
            n,
            f"children looked after on {as_at:%d/%m/%Y}",
            "kept the same IRO for the year",
            before=same_before,
            previous_label=previous_label or previous_when,
        )
    ]
    if n:
        lines.append(
            f"{count(now['2'] + now['3+'])} children had two or more changes of IRO in the "
            f"year ({count(now['3+'])} had three or more)."
        )
    return table, lines


# --- disputes --------------------------------------------------------------------------------


def disputes_section(
    now: Any, before: Any | None, by_theme: Any, label: str, previous_label: str | None
) -> Section:
    """``now``/``before``: :func:`iro_cli.disputes.summarise` by level; ``by_theme`` by theme."""
    from iro_cli.disputes import FIGURE_COLUMNS

    figures = [
        Column("raised", "Raised"),
        Column("resolved", "Resolved"),
        Column("resolved_in_time", "Resolved in time"),
        Column("in_time_rate", "In time rate", "pct"),
        Column("open", "Open"),
        Column("open_past_due", "Open past due"),
    ]
    assert [c.key for c in figures] == list(FIGURE_COLUMNS)
    comparing = before is not None and previous_label is not None
    level_columns = [Column("level", "Level", "text"), *figures]
    rows = [dict(r) for r in now.rows + [now.practice, now.total]]
    if comparing:
        level_columns += [
            Column("raised" + PREVIOUS, f"Raised {previous_label}"),
            Column("in_time_rate" + PREVIOUS, f"In time rate {previous_label}", "pct"),
        ]
        earlier = {r["level"]: r for r in before.rows + [before.practice, before.total]}
        for row in rows:
            old = earlier.get(row["level"], {})
            row["raised" + PREVIOUS] = old.get("raised")
            row["in_time_rate" + PREVIOUS] = old.get("in_time_rate")
    level_table = Table(
        "Disputes by level",
        f"Disputes by level, {label}",
        level_columns,
        rows,
        total_rows=1,
        note="Raised in the period; resolved and open as at the end of it. "
        "Practice acknowledgements are in no rate.",
    )
    theme_rows = [dict(r) for r in by_theme.rows + [by_theme.practice, by_theme.total]]
    theme_table = Table(
        "Disputes by theme",
        f"Disputes by theme, {label}",
        [Column("theme", "Theme", "text"), *figures],
        theme_rows,
        total_rows=1,
    )
    total = now.total
    before_rate = before.total["in_time_rate"] if comparing else None
    headlines = [
        share_sentence(
            total["resolved_in_time"],
            total["resolved"],
            f"disputes resolved in {label}",
            "were resolved within timescales",
            before=before_rate,
            previous_label=previous_label,
        )
    ]
    if now.formal_finished:
        before_share = before.stage_1_share if comparing else None
        headlines.append(
            share_sentence(
                now.formal_at_stage_1,
                now.formal_finished,
                "formal disputes that reached an outcome",
                "were resolved at Stage 1",
                before=before_share,
                previous_label=previous_label,
            )
        )
    if now.alerts:
        before_share = before.practice_share if comparing else None
        headlines.append(
            f"Practice acknowledgements (good practice alerts) were {pct(now.practice_share)} "
            f"of all alerts raised ({count(now.practice['raised'])} of {count(now.alerts)})"
            f"{compared(now.practice_share, before_share, previous_label)}."
        )
    if total["open"]:
        headlines.append(
            f"{count(total['open'])} disputes were still open at the end of the period, "
            f"{count(total['open_past_due'])} of them past their response date."
        )
    return Section("Dispute resolution", headlines, [level_table, theme_table])


# --- the SMART audit -------------------------------------------------------------------------


def audit_section(
    now: list[dict[str, Any]],
    before: list[dict[str, Any]] | None,
    label: str,
    previous_label: str | None,
) -> Section:
    """``now``/``before``: the IRO and total rows of :func:`iro_cli.lint.summary.summarise`
    for the recommendations of reviews held in each period."""
    comparing = before is not None and previous_label is not None
    columns = [
        Column("iro", "IRO", "text"),
        Column("recommendations", "Recommendations"),
        Column("smart_clean", "With no SMART finding"),
        Column("smart_clean_share", "Share with no SMART finding", "pct"),
    ]
    earlier: dict[str, Any] = {}
    if comparing:
        columns.append(Column("smart_clean_share" + PREVIOUS, f"Share {previous_label}", "pct"))
        earlier = {_iro(r): _share(r) for r in before}
    rows = []
    for row in now:
        out = {
            "iro": _iro(row),
            "recommendations": row["recommendations"],
            "smart_clean": row["smart_clean"],
            "smart_clean_share": _share(row),
        }
        if comparing:
            out["smart_clean_share" + PREVIOUS] = earlier.get(out["iro"])
        rows.append(out)
    total = now[-1]
    before_share = _share(before[-1]) if comparing and before else None
    headline = share_sentence(
        total["smart_clean"],
        total["recommendations"],
        f"recommendations made at CLA reviews in {label}",
        "had no SMART finding (specific, with an owner and a date)",
        before=before_share,
        previous_label=previous_label,
    )
    table = Table(
        "SMART audit",
        f"Recommendations with no SMART finding, {label}",
        columns,
        rows,
        total_rows=1,
        note="As iro lint-recommendations --summary counts them, for the "
        "recommendations of reviews held in the period (the IRO is the chair).",
    )
    return Section("Recommendations: the SMART audit", [headline], [table])


def _iro(row: dict[str, Any]) -> str:
    return "Total" if row["level"] == "total" else row["iro"]


def _share(row: dict[str, Any]) -> float | None:
    n = row["recommendations"]
    return row["smart_clean"] / n if n else None


# --- timeliness and child protection plans (iro timeliness, iro cp-plans) -------------------

REVIEW_WORDS = {
    "CLA Review": ("CLA reviews", "were held in time"),
    "ICPC": (
        "initial child protection conferences",
        "were held within 15 working days of the strategy discussion",
    ),
    "RCPC": ("review child protection conferences", "were held in time"),
    "Pathway Plan Review": ("pathway plan reviews", "were held in time"),
}


def timeliness_section(
    totals: list[dict[str, Any]],
    totals_before: list[dict[str, Any]] | None,
    months: list[dict[str, Any]],
    month_rates_before: dict[tuple[str, str], float | None] | None,
    label: str,
    previous_label: str | None,
) -> Section:
    """``totals``: the Total rows of ``iro timeliness`` (one per review type); ``months``:
    its ``--by month`` rows; ``month_rates_before``: (review type, month a year later) ->
    the in-time rate of that month a year before."""
    comparing = totals_before is not None and previous_label is not None
    figures = [
        Column("held", "Held"),
        Column("in_time", "In time"),
        Column("late", "Late"),
        Column("in_time_rate", "In time rate", "pct"),
        Column("overdue_not_held", "Due, not held"),
        Column("rearranged", "Rearranged"),
    ]
    earlier = {r["review_type"]: r for r in totals_before or []}
    year_columns = [Column("review_type", "Review type", "text"), *figures]
    if comparing:
        year_columns += [
            Column("held" + PREVIOUS, f"Held {previous_label}"),
            Column("in_time_rate" + PREVIOUS, f"In time rate {previous_label}", "pct"),
        ]
    year_rows = []
    headlines = []
    for row in totals:
        out = dict(row)
        old = earlier.get(row["review_type"], {})
        if comparing:
            out["held" + PREVIOUS] = old.get("held")
            out["in_time_rate" + PREVIOUS] = old.get("in_time_rate")
        year_rows.append(out)
        what, verb = REVIEW_WORDS.get(row["review_type"], (row["review_type"], "were in time"))
        if row["held"]:
            headlines.append(
                share_sentence(
                    row["in_time"],
                    row["held"],
                    what,
                    verb,
                    before=old.get("in_time_rate") if comparing else None,
                    previous_label=previous_label,
                )
            )
    not_held = sum(int(r["overdue_not_held"]) for r in totals)
    if not_held:
        headlines.append(
            f"{count(not_held)} review{'s' * (not_held != 1)} due in {label} had not been "
            "held by the end of it."
        )
    month_columns = [
        Column("month", "Month", "text"),
        Column("review_type", "Review type", "text"),
        *figures,
    ]
    month_rows = [dict(r) for r in months]
    if month_rates_before is not None and previous_label is not None:
        month_columns.append(Column("in_time_rate" + PREVIOUS, "In time rate a year before", "pct"))
        for row in month_rows:
            row["in_time_rate" + PREVIOUS] = month_rates_before.get(
                (row["review_type"], row["month"])
            )
    tables = [
        Table(
            "Timeliness",
            f"Reviews held in time, {label}",
            year_columns,
            year_rows,
            note="Each review held in the period against the due date the statutory rules "
            "give just before it was held (as iro overdue works it out).",
        ),
        Table(
            "Timeliness by month",
            f"Reviews held in time by month, {label}",
            month_columns,
            month_rows,
            in_document=False,
        ),
    ]
    return Section("Reviews held in time", headlines, tables)


CP_FIGURES = (
    ("plans_started", "Plans started", "int"),
    ("repeat_plans", "Repeat plans", "int"),
    ("repeat_rate", "Repeat plans, share of plans started", "pct"),
    ("repeat_within_2_years", "Repeat plans within 2 years of the last", "int"),
    ("repeat_within_2_years_rate", "Within 2 years, share of plans started", "pct"),
    ("plans_ended", "Plans ended", "int"),
    ("ended_after_2_years", "Plans ended after 2 years or more", "int"),
    ("open_on_as_at", "Plans open at the end of the period", "int"),
    ("open_over_18_months", "Open more than 18 months", "int"),
)


def cp_plans_section(
    now: dict[str, Any], before: dict[str, Any] | None, label: str, previous_label: str | None
) -> Section:
    """``now``/``before``: the figures of ``iro cp-plans`` for the period and the one before."""
    comparing = before is not None and previous_label is not None
    columns = [
        Column("figure", "Figure", "text"),
        Column("count", label, "int"),
        Column("share", "Share", "pct"),
    ]
    if comparing:
        columns += [
            Column("count" + PREVIOUS, str(previous_label), "int"),
            Column("share" + PREVIOUS, f"Share {previous_label}", "pct"),
        ]
    rows = []
    for key, words, kind in CP_FIGURES:
        if kind == "pct":
            continue
        row: dict[str, Any] = {"figure": words, "count": now.get(key)}
        share_key = {
            "repeat_plans": "repeat_rate",
            "repeat_within_2_years": "repeat_within_2_years_rate",
            "ended_after_2_years": "ended_after_2_years_rate",
            "open_over_18_months": "open_over_18_months_rate",
        }.get(key)
        row["share"] = now.get(share_key) if share_key else None
        if comparing:
            row["count" + PREVIOUS] = before.get(key)  # type: ignore[union-attr]
            row["share" + PREVIOUS] = before.get(share_key) if share_key else None  # type: ignore[union-attr]
        rows.append(row)
    headlines = []
    started = int(now.get("plans_started") or 0)
    if started:
        text = share_sentence(
            int(now["repeat_plans"]),
            started,
            f"child protection plans started in {label}",
            "were repeat plans",
            before=before.get("repeat_rate") if comparing else None,
            previous_label=previous_label,
        )
        headlines.append(
            text[:-1] + f"; {pct(now.get('repeat_within_2_years_rate'))} were within two years "
            "of a previous plan ending."
        )
    if now.get("open_on_as_at"):
        headlines.append(
            f"{count(int(now['open_over_18_months']))} of the {count(int(now['open_on_as_at']))} "
            "plans open at the end of the period had been open for more than 18 months."
        )
    table = Table(
        "CP plans",
        f"Child protection plans, {label}",
        columns,
        rows,
        note="Shares: repeat plans of plans started; ended after 2 years of plans "
        "ended; open more than 18 months of plans open.",
    )
    return Section("Child protection plans", headlines, [table])
