"""``iro disputes``: disputes (DRP) and practice acknowledgements raised in a period."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

import click

from iro_cli.options import (
    Output,
    PeriodChoice,
    Session,
    as_of_option,
    output_options,
    period_options,
    resolve_period,
    session_options,
)

if TYPE_CHECKING:
    from iro_cli.disputes import Dispute, DisputeSummary


@click.command()
@session_options
@period_options
@as_of_option
@click.option(
    "--by",
    type=click.Choice(("level", "theme", "iro", "month"), case_sensitive=False),
    default="level",
    show_default=True,
    help="One row per level (Informal, Formal Stage 1-4), theme, IRO (Raised By) or month raised.",
)
@click.option(
    "--open",
    "open_only",
    is_flag=True,
    help="List every dispute open on the day instead, most overdue first (the weekly list).",
)
@output_options()
def disputes(
    session: Session,
    out: Output,
    period_choice: PeriodChoice,
    as_of: date,
    by: str,
    open_only: bool,
) -> None:
    """Disputes (DRP) raised by IROs: raised, resolved, resolved in time, open.

    Counts disputes raised in the period (default: the financial year to
    date), "as at" the end of the period or --as-of if earlier. A dispute is
    due on its Response Due date, else its raised date plus the level's
    working days ([disputes] in iro.toml; 5 by default for informal and each
    formal stage), and in time when resolved on or before it. Practice
    acknowledgements have their own row and are in no rate; the summary gives
    their share of all alerts, and the share of formal disputes resolved at
    Stage 1.

    \b
    Examples:
      iro disputes --year 2025/26
      iro disputes --year 2025/26 --by theme -o disputes.xlsx
      iro disputes --open
    """
    import pandas as pd

    from iro_cli.disputes import FIGURE_COLUMNS, OPEN_COLUMNS, open_list, summarise
    from iro_cli.periods import as_at

    period = resolve_period(period_choice, as_of)
    day = as_at(period, as_of)
    items = load_disputes(session)
    if open_only:
        rows = open_list(items, day)
        frame = pd.DataFrame.from_records(rows, columns=list(OPEN_COLUMNS))
        out.render(frame, sheet="Open disputes")
        past = sum(r["days_past_due"] > 0 for r in rows)
        click.echo(
            f"iro: {len(rows)} open dispute{'s' * (len(rows) != 1)}, {past} past their due date "
            f"(as at {day:%d/%m/%Y})",
            err=True,
        )
        return
    summary = summarise(items, period.start, day, by.lower())
    records = summary.rows + [summary.practice, summary.total]
    frame = records_frame(records, [summary.by, *FIGURE_COLUMNS])
    if out.format == "table":
        out.render(frame, table_format={"in_time_rate": percent}, sheet="Disputes")
    else:
        out.render(frame, sheet="Disputes")
    for line in summary_lines(summary, period, day):
        click.echo(f"iro: {line}", err=True)


def records_frame(records: list[dict[str, Any]], columns: list[str]) -> Any:
    """A DataFrame of object columns: counts with blanks stay whole numbers."""
    import pandas as pd

    return pd.DataFrame(
        {name: pd.Series([r[name] for r in records], dtype=object) for name in columns}
    )


def load_disputes(session: Session) -> list[Dispute]:
    """disputes.csv with due dates worked out (settings from iro.toml)."""
    from iro_cli.disputes import days_from_settings, read_disputes
    from iro_cli.schedule.dates import calendar_from_settings

    config = session.config
    days = days_from_settings(config.section("disputes"), config.where)
    calendar = calendar_from_settings(config.nation, config.section("holidays"))
    return read_disputes(session.load("disputes"), days, calendar)


def percent(value: Any) -> str:
    return "" if value is None or value != value else f"{value * 100:.1f}%"


def summary_lines(summary: DisputeSummary, period: Any, day: date) -> list[str]:
    """The summary on stderr: totals, practice acknowledgements' share, Stage 1 share."""
    total = summary.total
    lines = [
        f"{total['raised']} disputes raised ({period}, as at {day:%d/%m/%Y}); "
        f"{total['resolved_in_time']} of {total['resolved']} resolved in time "
        f"({percent(total['in_time_rate']) or 'none resolved'}); {total['open']} open, "
        f"{total['open_past_due']} past their due date"
    ]
    if summary.alerts:
        lines.append(
            f"practice acknowledgements: {summary.practice['raised']} of {summary.alerts} "
            f"alerts raised ({percent(summary.practice_share)})"
        )
    if summary.formal_finished:
        lines.append(
            f"formal disputes resolved at Stage 1: {summary.formal_at_stage_1} of the "
            f"{summary.formal_finished} begun in the period and finished "
            f"({percent(summary.stage_1_share)})"
        )
    return lines
