"""``iro upcoming``: reviews coming up, not yet overdue."""

from __future__ import annotations

from datetime import date

import click

from iro_cli.commands.overdue import filter_options, run_schedule
from iro_cli.options import DAYS, Output, Session, as_of_option, output_options, session_options


@click.command()
@click.option("--days", type=DAYS, default=28, show_default=True, help="Look N days ahead.")
@as_of_option
@filter_options
@session_options
@output_options()
def upcoming(
    session: Session,
    out: Output,
    as_of: date,
    days: int,
    iro: str | None,
    team: str | None,
    kind: str,
) -> None:
    """Reviews due in the next N days (default 28) that are not yet overdue.

    \b
    Example:
      iro upcoming --days 28 --iro "Hannah Price"
    """
    run_schedule(
        session, out, as_of, overdue=False, days=days, kind=kind.lower(), iro=iro, team=team
    )
