"""``iro overdue`` and the shared body of ``iro upcoming``."""

from __future__ import annotations

import difflib
from collections.abc import Callable
from datetime import date
from typing import Any

import click

from iro_cli.errors import IroError
from iro_cli.options import Output, Session, as_of_option, output_options, session_options

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
    import pandas as pd

    from iro_cli.schedule.dates import calendar_from_settings
    from iro_cli.schedule.due import COLUMNS, TYPES, due_reviews, select, to_records

    calendar = calendar_from_settings(session.config.nation, session.config.section("holidays"))
    types = list(TYPES) if kind == "all" else [kind]
    children = session.load("children")
    reviews = session.load("reviews")
    cp_plans = session.load_optional("cp_plans") if "cp" in types else None
    if kind == "cp" and cp_plans is None:
        session.load("cp_plans")  # raises the "not found" error with its hint

    rows = due_reviews(children, reviews, cp_plans, as_of, calendar, types)
    _check_name("IRO", iro, {r.iro for r in rows})
    _check_name("team", team, {r.team for r in rows})
    chosen = select(rows, overdue=overdue, within_days=days, iro=iro, team=team)

    frame = pd.DataFrame.from_records(to_records(chosen), columns=COLUMNS)
    out.render(
        frame,
        table_format={
            "status": lambda s: "OVERDUE" if s == "overdue" else "due",
            "scheduled_late": lambda late: "LATE" if late else "",
        },
        sheet="Reviews due",
    )
    late = sum(r.status == "overdue" for r in chosen)
    soon = len(chosen) - late
    parts = [f"{late} overdue"] if overdue else []
    if days is not None:
        parts.append(f"{soon} due in the next {days} day{'s' * (days != 1)}")
    booked_late = sum(r.scheduled_late for r in chosen)
    if booked_late:
        parts.append(f"{booked_late} booked after the due date")
    note = f"as at {as_of:%d/%m/%Y}"
    if "cp" in types and cp_plans is None:
        note += "; no cp_plans.csv, so no child protection conferences"
    click.echo(f"{', '.join(parts)} ({note})", err=True)
    _sense_note("overdue", {"children": children, "reviews": reviews}, as_of, session)
    return late


def _sense_note(command: str, tables: dict[str, Any], as_of: date, session: Session) -> None:
    """Say, after the summary, which rows that cannot be true may make these figures wrong."""
    from iro_cli.exports.sense import note_for

    config = session.config
    note = note_for(command, tables, as_of, config.section("validate"), config.where)
    if note:
        click.echo(f"iro: warning: {note}", err=True)


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


def _check_name(what: str, wanted: str | None, known: set[str]) -> None:
    """A filter that matches nobody is almost always a typo: say so."""
    if not wanted or wanted.casefold() in {k.casefold() for k in known}:
        return
    close = difflib.get_close_matches(wanted, sorted(k for k in known if k), n=1)
    hint = f"; did you mean '{close[0]}'?" if close else ""
    raise IroError(f"no reviews for {what} '{wanted}' in the exports{hint}")


@click.command()
@click.option(
    "--days",
    type=click.IntRange(min=0),
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
    conferences and pathway plan reviews from the exports. Most urgent first.

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
