"""``iro participation``: PN0–PN7 counts, participation and attendance rates per group."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from iro_cli.options import (
    Output,
    PeriodChoice,
    Session,
    as_of_option,
    check_chart_path,
    configured_chart_title,
    output_options,
    period_options,
    session_options,
)

if TYPE_CHECKING:
    import pandas as pd

    from iro_cli.participation.checks import Warnings
    from iro_cli.participation.records import HeldReviews
    from iro_cli.participation.summary import Summary

BY = ("year", "quarter", "month", "iro", "team", "age-band", "gender", "ethnicity")
SHOWN_PER_KIND = 20  # warning lines of each kind printed without --all-warnings
DEFAULT_TITLE = "Children's participation in their reviews"


@click.command()
@session_options
@period_options
@click.option(
    "--by",
    type=click.Choice(BY, case_sensitive=False),
    default="year",
    show_default=True,
    help="One row per financial year, quarter, month, IRO (the review's chair), "
    "team, age band at the review, gender or ethnicity.",
)
@click.option(
    "--compare",
    is_flag=True,
    help="Put the previous period's value beside each figure (PN1_previous...): the year "
    "before for --year and --by year, the same length before for --from/--to.",
)
@click.option(
    "--chart",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="FILE.png",
    help="Also draw a stacked bar chart of the breakdown for the annual report "
    "(--force replaces an existing file).",
)
@click.option(
    "--ssda903",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    metavar="DIR",
    help="Read an SSDA903 return (header.csv + reviews.csv) instead of the exports.",
)
@click.option(
    "--total/--no-total",
    default=True,
    help="End csv/json/xlsx output with the Total row [default: --total]; the table always has it.",
)
@click.option(
    "--all-warnings", is_flag=True, help="List every data warning, not the first 20 of each kind."
)
@click.option("--iro", default=None, help="Only reviews chaired by this IRO (else their IRO).")
@click.option("--team", default=None, help="Only children of this team.")
@as_of_option
@output_options()
def participation(
    session: Session,
    out: Output,
    as_of: date,
    period_choice: PeriodChoice,
    by: str,
    compare: bool,
    chart: Path | None,
    ssda903: Path | None,
    total: bool,
    all_warnings: bool,
    iro: str | None,
    team: str | None,
) -> None:
    """How children took part in their held CLA reviews (SSDA903 codes PN0–PN7).

    One row per group with the count of each code, reviews with no code
    (missing), the total, and

    \b
      participation rate = PN1–PN6 ÷ PN1–PN7
      attendance rate    = PN1–PN4 ÷ PN1–PN7

    (PN0, under 4 at the review, is left out of both; a blank rate means the
    group has no PN1–PN7 review). Data warnings (DfE rules 440/441, missing
    codes) go to stderr with the review ID and a count at the end.

    \b
    Examples:
      iro participation --year 2025/26 --by quarter
      iro participation --year 2025/26 --by age-band --compare --chart participation.png
      iro participation --ssda903 returns/2025 --by age-band -o participation.csv
    """
    from iro_cli.participation import find_warnings, held_cla_reviews, summarise
    from iro_cli.participation.checks import EXPORT_COLUMNS, SSDA903_COLUMNS
    from iro_cli.participation.summary import CompareError

    by = by.lower()
    start, end = period_choice.bounds()  # no period given: every review in the data
    chart_title = configured_chart_title(session, "participation", DEFAULT_TITLE)
    if chart is not None:
        check_chart_path(chart, out.force)
    if ssda903 is not None and (iro or team):
        raise click.UsageError("an SSDA903 return does not record the IRO or the team")
    if ssda903 is not None:
        if by in ("iro", "team"):
            raise click.UsageError(
                f"an SSDA903 return does not record the {by.upper() if by == 'iro' else by}: "
                "use --by year, quarter, month, age-band, gender or ethnicity"
            )
        from iro_cli.ssda903 import read_ssda903

        records = held_cla_reviews(read_ssda903(ssda903))
        children_file, columns = "header.csv", SSDA903_COLUMNS
    else:
        children = session.read("children")
        tables = {"children": children, "reviews": session.read("reviews")}
        records = held_cla_reviews(tables["reviews"], children)
        children_file = Path(children.path or "children.csv").name
        columns = EXPORT_COLUMNS
    records = _only(records, iro, team)
    period = _period(records, start, end)
    try:
        summary = summarise(records, by, period, compare=compare)
    except CompareError as exc:
        raise click.UsageError(str(exc)) from None
    if summary.selection.shift is not None:
        click.echo(f"iro: {_comparing(summary)}", err=True)
    warnings = find_warnings(summary.warned_records, children_file, columns)
    _print_warnings(warnings, all_warnings)
    if out.format in ("csv", "json"):  # straight from the rows: no pandas import (0.3 s)
        from iro_cli.commands.timeliness import render_rows

        render_rows(out, summary.columns, _output_records(summary, total))
    else:
        frame, table_format, table_columns = _output_frame(summary, out.format, total)
        out.render(frame, table_format=table_format, table_columns=table_columns)
    if chart is not None:
        _write_chart(summary, chart, out.force, chart_title, _describe(summary, period_choice.year))
    _print_footer(warnings)
    if ssda903 is None:
        session.warn_if_senseless("participation", tables, as_of)


# --- helpers (option handling and presentation only) ---------------------------------------


def _only(records: HeldReviews, iro: str | None, team: str | None) -> HeldReviews:
    """The reviews of one IRO (the chair, else the child's IRO) and/or one team; a name
    that matches nobody is an error with the nearest name."""
    import numpy as np

    from iro_cli.exports.arrays import factorize
    from iro_cli.options import check_name

    if not iro and not team:
        return records
    keep = np.ones(len(records), dtype=bool)
    for what, wanted, values in (
        ("reviews for IRO", iro, records.iro),
        ("reviews for team", team, records.team),
    ):
        index, names = factorize(values)
        check_name(what, wanted, set(names))
        if wanted:
            matches = np.array([n.casefold() == wanted.casefold() for n in names], dtype=bool)
            keep &= matches[index]
    return records if keep.all() else records.take(keep)


def _period(records: HeldReviews, start: date | None, end: date | None) -> Any:
    """The Period counted: an open end is the earliest/latest review in the data."""
    from iro_cli.periods import Period

    if start is None and end is None:
        return None
    dates = records.first_last()
    start = start or (dates[0] if dates else end)
    end = end or (dates[1] if dates else start)
    if end < start:  # e.g. --from after the latest review: an empty period
        end = start
    return Period(start, end)


def _percent(value: Any) -> str:
    return "" if value is None else f"{value * 100:.1f}%"


RATES = ("participation_rate", "attendance_rate")


def _table_name(column: str) -> str:
    """Two-line table headers keep the table narrow: ``PN1_previous`` -> ``PN1`` / ``prev``."""
    name, previous = column.removesuffix("_previous"), column.endswith("_previous")
    if name == "missing":  # "No code" wraps onto two short lines
        name = "no code"
    if name in RATES:
        name = name.replace("_", "\n")
        return name + " prev" if previous else name
    return name + "\nprev" if previous else name


def _output_frame(
    summary: Summary, fmt: str, total: bool
) -> tuple[pd.DataFrame, dict, list[str] | None]:
    """The frame to render, its table formats and the columns a screen shows.

    The table always ends with Total and shows rates as percentages to one decimal
    place; csv/json/xlsx end with Total unless --no-total and give rates as
    fractions rounded to 4 places. With --compare the screen shows the group, the
    totals and the rates beside last period's (--wide: every code too).
    """
    frame = summary.frame(total=total or fmt == "table")
    rates = [c for c in frame.columns if c.removesuffix("_previous") in RATES]
    if fmt == "table":
        shown = None
        if summary.selection.shift is not None:
            wanted = ("total", "total_previous", *rates)
            shown = [frame.columns[0], *(_table_name(c) for c in wanted)]
        frame = frame.rename(columns={c: _table_name(c) for c in frame.columns[1:]})
        return frame, {_table_name(c): _percent for c in rates}, shown
    for name in rates:
        frame[name] = [None if v is None else round(v, 4) for v in frame[name]]
    return frame, {}, None


def _output_records(summary: Summary, total: bool) -> list[tuple[object, ...]]:
    """The rows csv and json give (as :func:`_output_frame` does): the Total row
    unless --no-total, rates as fractions rounded to 4 places."""
    rates = [i for i, c in enumerate(summary.columns) if c.removesuffix("_previous") in RATES]
    records = []
    for record in summary.records(total=total):
        cells = list(record)
        for i in rates:
            cells[i] = None if cells[i] is None else round(cells[i], 4)  # type: ignore[call-overload]
        records.append(tuple(cells))
    return records


def _comparing(summary: Summary) -> str:
    selection = summary.selection
    if selection.period is None:
        return "comparing each financial year with the one before"
    each = "each financial year with the one before: " if summary.by == "year" else ""
    return f"comparing {each}{selection.period} with {selection.previous}"


def _print_warnings(warnings: Warnings, all_warnings: bool) -> None:
    """The first 20 warnings of each kind (every one with ``all_warnings``), in order,
    then how many of each kind were not listed; only the printed ones are built."""
    import numpy as np

    shown = np.ones(len(warnings), dtype=bool)
    hidden: list[tuple[int, str, int]] = []  # (first hidden position, kind, how many)
    if not all_warnings:
        for kind in np.unique(warnings.kinds):
            where = np.flatnonzero(warnings.kinds == kind)
            if len(where) > SHOWN_PER_KIND:
                shown[where[SHOWN_PER_KIND:]] = False
                hidden.append((int(where[SHOWN_PER_KIND]), warnings.kind(int(where[0])),
                               len(where) - SHOWN_PER_KIND))  # fmt: skip
    for i in np.flatnonzero(shown):
        click.echo(f"iro: warning: {warnings.warning(int(i))}", err=True)
    for _, kind, count in sorted(hidden):
        click.echo(
            f"iro: warning: ... and {count} more '{kind}' warning{'s' * (count != 1)} "
            "(--all-warnings lists every one)",
            err=True,
        )


def _print_footer(warnings: Warnings) -> None:
    from iro_cli.participation.checks import footer

    text = footer(warnings)
    if text:
        click.echo(f"iro: {text}", err=True)


_BY_TEXT = {
    "year": "financial year",
    "quarter": "quarter",
    "month": "month",
    "iro": "IRO",
    "team": "team",
    "age-band": "age at the review",
    "gender": "gender",
    "ethnicity": "ethnicity",
}


def _describe(summary: Summary, year: str | None) -> str:
    period = summary.selection.period
    if year is not None and period is not None:
        from iro_cli.periods import year_label

        when = f"{year_label(period.start)} ({period})"
    elif period is not None:
        when = str(period)
    elif len(summary.current):
        first, last = summary.current.first_last()  # type: ignore[misc]
        when = f"{first:%d/%m/%Y} to {last:%d/%m/%Y}"
    else:
        when = "no reviews"
    return f"Held CLA reviews, {when}, by {_BY_TEXT[summary.by]}"


def _write_chart(summary: Summary, path: Path, force: bool, title: str, subtitle: str) -> None:
    from iro_cli.charts import participation_chart
    from iro_cli.fileio import write_atomic
    from iro_cli.participation.summary import group_column

    png = participation_chart(
        summary.rows, group_column(summary.by), title=title, subtitle=subtitle, total=summary.total
    )
    write_atomic(path, png, force=force)
    click.echo(f"iro: chart written to {path}", err=True)
