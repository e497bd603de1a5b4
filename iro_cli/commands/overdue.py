"""``iro overdue`` and the shared body of ``iro upcoming``."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import click

from iro_cli.options import (
    DAYS,
    Output,
    Session,
    as_of_option,
    check_name,
    output_options,
    session_options,
)

TYPE_CHOICE = click.Choice(["cla", "cp", "pathway", "all"], case_sensitive=False)


def run_schedule(
    session: Session,
    out: Output,
    as_of: date,
    *,
    overdue: bool,
    days: int | None,
    kind: str,
    iro: str | None,
    team: str | None,
) -> int:
    """Load, work out the due reviews, render; returns how many are overdue."""
    from iro_cli.schedule.dates import calendar_from_settings
    from iro_cli.schedule.due import COLUMNS, TYPES, due_table, to_records

    calendar = calendar_from_settings(session.config.nation, session.config.section("holidays"))
    types = list(TYPES) if kind == "all" else [kind]
    children = session.read("children")
    reviews = session.read("reviews")
    cp_plans = session.read_optional("cp_plans") if "cp" in types else None
    if kind == "cp" and cp_plans is None:
        session.read("cp_plans")  # raises the "not found" error with its hint

    session.warn_if_stale(as_of, ("children", "reviews", "cp_plans"))
    table = due_table(children, reviews, cp_plans, as_of, calendar, types)
    check_name("reviews for IRO", iro, set(table.iro))
    check_name("reviews for team", team, set(table.team))
    chosen = table.rows(table.select(overdue=overdue, within_days=days, iro=iro, team=team))

    if out.format in ("csv", "json"):  # straight from the rows: no pandas import (0.4 s)
        from iro_cli.commands.timeliness import render_rows

        render_rows(out, COLUMNS, to_records(chosen))
    else:
        import pandas as pd

        frame = pd.DataFrame.from_records(to_records(chosen), columns=COLUMNS)
        if out.format == "table":
            frame["booked"] = [_booked(r) for r in chosen]
        out.render(
            frame,
            table_format={
                "status": lambda s: "OVERDUE" if s == "overdue" else "due",
                "scheduled_late": lambda late: "LATE" if late else "",
                "not_booked": lambda no: "NOT BOOKED" if no else "",
            },
            sheet="Reviews due",
            table_columns=TABLE_COLUMNS,
        )
    click.echo(
        summary_line(
            chosen,
            overdue=overdue,
            days=days,
            as_of=as_of,
            cp_missing=("cp" in types and cp_plans is None),
        ),
        err=True,
    )
    session.warn_if_senseless("overdue", {"children": children, "reviews": reviews}, as_of)
    return sum(r.status == "overdue" for r in chosen)


# What a person reads on screen; --wide (and csv, json, xlsx) has every column.
TABLE_COLUMNS = ("name", "review_type", "due_date", "days_to_due", "status", "booked", "iro")


def _booked(row: Any) -> str:
    """The screen's Booked cell: the meeting's date (LATE after the due date), or
    NOT BOOKED for an overdue review with no meeting."""
    if row.not_booked:
        return "NOT BOOKED"
    if row.scheduled_date is None:
        return ""
    return f"{row.scheduled_date:%d/%m/%Y}" + (" LATE" if row.scheduled_late else "")


def summary_line(
    chosen: list[Any], *, overdue: bool, days: int | None, as_of: date, cp_missing: bool
) -> str:
    """'8 overdue (1 not booked, 7 booked late); 22 due in the next 14 days
    (1 booked late) (as at 20/11/2026)'."""
    late = [r for r in chosen if r.status == "overdue"]
    soon = [r for r in chosen if r.status != "overdue"]

    def detail(rows: list[Any], with_unbooked: bool) -> str:
        parts = []
        unbooked = sum(r.not_booked for r in rows)
        if with_unbooked and unbooked:
            parts.append(f"{unbooked} not booked")
        booked_late = sum(r.scheduled_late for r in rows)
        if booked_late:
            parts.append(f"{booked_late} booked late")
        return f" ({', '.join(parts)})" if parts else ""

    parts = [f"{len(late)} overdue{detail(late, True)}"] if overdue else []
    if days is not None:
        parts.append(
            f"{len(soon)} due in the next {days} day{'s' * (days != 1)}{detail(soon, False)}"
        )
    note = f"as at {as_of:%d/%m/%Y}"
    if cp_missing:
        note += "; no cp_plans.csv, so no child protection conferences"
    return f"{'; '.join(parts)} ({note})"


def filter_options(fn: Callable[..., Any]) -> Callable[..., Any]:
    """``--iro``, ``--team`` and ``--type``, shared by overdue and upcoming."""
    fn = click.option(
        "--type",
        "kind",
        type=TYPE_CHOICE,
        default="all",
        show_default=True,
        help="CLA reviews, child protection conferences, pathway plan reviews, or all.",
    )(fn)
    fn = click.option("--team", default=None, help="Only this team.")(fn)
    return click.option(
        "--iro", default=None, help="Only this IRO's children (name as in iros.csv)."
    )(fn)


@click.command()
@click.option(
    "--days",
    type=DAYS,
    default=None,
    help="Also list reviews due in the next N days.",
)
@as_of_option
@filter_options
@click.option(
    "--fail-if-overdue", is_flag=True, help="Exit with status 1 when any review is overdue."
)
@session_options
@output_options()
def overdue(
    session: Session,
    out: Output,
    as_of: date,
    days: int | None,
    iro: str | None,
    team: str | None,
    kind: str,
    fail_if_overdue: bool,
) -> None:
    """Overdue statutory reviews, and with --days N those due soon.

    Works out each child's next CLA review (20 working days, 3 months, then
    6 months after the last review actually held), child protection
    conferences and pathway plan reviews from the exports. Most urgent first;
    NOT BOOKED marks an overdue review with no meeting booked. --wide shows
    every column (csv and xlsx always have them all).

    Exit status: 0; 1 with --fail-if-overdue when any review is overdue; 2 when
    it cannot run (a missing or unreadable export, a bad option).

    \b
    Example:
      iro overdue --days 14
      iro overdue --iro "Hannah Price" --format xlsx -o overdue.xlsx
    """
    late = run_schedule(
        session, out, as_of, overdue=True, days=days, kind=kind.lower(), iro=iro, team=team
    )
    if fail_if_overdue and late:
        raise click.exceptions.Exit(1)
