"""``iro timeliness``: the share of reviews held in time, per month, quarter, year, IRO or team."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from iro_cli.commands.overdue import TYPE_CHOICE
from iro_cli.options import (
    Output,
    PeriodChoice,
    Session,
    as_of_option,
    check_chart_path,
    configured_chart_title,
    output_options,
    period_options,
    resolve_period,
    session_options,
)

if TYPE_CHECKING:
    from iro_cli.periods import Period
    from iro_cli.timeliness.reviews import Timeliness

BY = ("month", "quarter", "year", "iro", "team")
TABLE_HEADERS = {
    "review_type": "review\ntype",
    "in_time": "in\ntime",
    "in_time_rate": "in time\nrate",
    "overdue_not_held": "overdue,\nnot held",
}


@click.command()
@session_options
@period_options
@as_of_option
@click.option(
    "--by",
    type=click.Choice(BY, case_sensitive=False),
    default="month",
    show_default=True,
    help="One row per month, quarter, financial year, IRO (the review's chair) or team, "
    "for each review type.",
)
@click.option(
    "--type",
    "kind",
    type=TYPE_CHOICE,
    default="all",
    show_default=True,
    help="CLA reviews, child protection conferences, pathway plan reviews, or all.",
)
@click.option(
    "--list",
    "as_list",
    is_flag=True,
    help="One row per review instead (held, or due and not held), to check any figure.",
)
@click.option(
    "--total",
    is_flag=True,
    help="End each review type with its Total row in csv/json/xlsx (the table always has it).",
)
@click.option(
    "--chart",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="FILE.png",
    help="Also draw the in-time rate month by month, with the previous year as a second line "
    "(--force replaces an existing file).",
)
@output_options()
def timeliness(
    session: Session,
    out: Output,
    period_choice: PeriodChoice,
    as_of: date,
    by: str,
    kind: str,
    as_list: bool,
    total: bool,
    chart: Path | None,
) -> None:
    """Reviews held in time: held, in time, late, the in-time rate, reviews due
    and not held, and meetings rearranged, per group and review type.

    Each review held in the period is measured against the due date the
    statutory rules give just before it was held (the same rules as
    iro overdue): in time when held on or before it (a due date on a weekend
    or bank holiday is not extended). A late review does not make the next one
    late. overdue_not_held counts the reviews iro overdue lists on the "as at"
    day (the end of the period, or --as-of if earlier), in the group of their
    due date. A young person's first pathway plan review has no due date from
    the exports and is not counted. With no --year, --quarter, --month or
    --from/--to: the financial year to date.

    \b
    Examples:
      iro timeliness --year 2025/26
      iro timeliness --year 2025/26 --by quarter --type cp
      iro timeliness --month 2026-04 --list -o april.xlsx
      iro timeliness --year 2025/26 --type cla --chart timeliness.png
    """
    from iro_cli.schedule.dates import calendar_from_settings
    from iro_cli.timeliness.figures import columns, summarise
    from iro_cli.timeliness.reviews import LIST_COLUMNS

    by, kind = by.lower(), kind.lower()
    source = click.get_current_context().get_parameter_source("by")
    if as_list and source is click.core.ParameterSource.COMMANDLINE:
        raise click.UsageError("--list gives one row per review, not groups: leave out --by")
    period = resolve_period(period_choice, as_of)
    if chart is not None:
        chart_title = configured_chart_title(session, "timeliness", DEFAULT_TITLE)
        check_chart_path(chart, out.force)
    calendar = calendar_from_settings(session.config.nation, session.config.section("holidays"))
    types = ["cla", "cp", "pathway"] if kind == "all" else [kind]
    children = session.read("children")
    reviews = session.read("reviews")
    cp_plans = None
    if "cp" in types:
        cp_plans = session.read("cp_plans") if kind == "cp" else session.read_optional("cp_plans")

    from iro_cli.schedule.due import Exports

    exports = Exports(children, reviews, cp_plans)  # coded once for the year and the one before

    def measure(when: Period, day: date) -> Timeliness:
        from iro_cli.timeliness.reviews import review_timeliness

        return review_timeliness(
            children, reviews, cp_plans, when, day, calendar, types, exports=exports
        )

    result = measure(period, as_of)
    if as_list:
        width = len(LIST_COLUMNS)  # the list's columns come first, the groups after them
        rows = [r[:width] for r in [*result.held, *result.not_held]]
        yes_no = {"in_time": lambda v: "yes" if v else "no"}
        render_rows(out, LIST_COLUMNS, rows, table_format=yes_no, sheet="Reviews")
    else:
        figures = summarise(result, by, total=total or out.format == "table")
        names = columns(by)
        rows = [tuple(f[c] for c in names) for f in figures]
        if out.format == "table":  # two-line headers keep the table near 80 columns
            names = [TABLE_HEADERS.get(c, c) for c in names]
            rate = {TABLE_HEADERS["in_time_rate"]: _percent}
            render_rows(out, names, rows, table_format=rate)
        else:
            at = names.index("in_time_rate")
            rows = [
                (*r[:at], None if r[at] is None else round(r[at], 4), *r[at + 1 :]) for r in rows
            ]
            render_rows(out, names, rows, sheet="Timeliness")
    if chart is not None:
        _write_chart(result, measure, chart, out.force, chart_title)
    _footer(result, types, cp_plans is None)
    session.warn_if_senseless("timeliness", {"children": children, "reviews": reviews}, as_of)


def render_rows(
    out: Output,
    names: list[str],
    rows: list[tuple[Any, ...]],
    table_format: dict[str, Any] | None = None,
    sheet: str = "iro",
) -> None:
    """csv and json straight from the rows (no pandas import: 0.4 s); table and xlsx
    through a DataFrame, as every command renders them."""
    if out.format in ("csv", "json"):
        from iro_cli.output import Block, render_blocks

        columns = [list(column) for column in zip(*rows, strict=True)] or [[] for _ in names]
        render_blocks(names, [Block(columns)], out.format, out.path, force=out.force,
                      excel=out.excel)  # fmt: skip
        return
    import pandas as pd

    frame = pd.DataFrame(rows, columns=names, dtype=object)
    out.render(frame, table_format=table_format, sheet=sheet)


def read_columns(session: Session, key: str, optional: bool = False) -> Any:
    """An export's checked cells as plain columns (no DataFrame to build: time and memory
    at scale); ``None`` for an optional file that is not there."""
    from iro_cli.exports.reader import export_path, read_checked

    if optional and not export_path(key, session.exports, session.config).is_file():
        return None
    return read_checked(key, session.exports, session.config).columns


def _percent(value: Any) -> str:
    return "" if value is None or value != value else f"{value * 100:.1f}%"


DEFAULT_TITLE = "Reviews held on time, month by month"


def _footer(result: Timeliness, types: list[str], no_cp: bool) -> None:
    from iro_cli.timeliness.reviews import held_column

    held = len(result.held)
    in_time = int(held_column(result.held, "in_time").sum())
    note = f"{held} held, {in_time} in time, {len(result.not_held)} due and not held"
    note += f" ({result.period}, as at {result.as_at:%d/%m/%Y})"
    if "cp" in types and no_cp:
        note += "; no cp_plans.csv, so no child protection conferences"
    click.echo(f"iro: {note}", err=True)
    for kind, count in sorted(result.unmatched.items()):
        what = {
            "CLA Review": "outside any period of care in children.csv",
            "ICPC": "with no strategy discussion in cp_plans.csv",
            "RCPC": "outside any plan in cp_plans.csv",
        }.get(kind, "with no due date")
        plural = "s" if count != 1 else ""
        click.echo(
            f"iro: warning: {count} held {kind}{plural} {what} not counted "
            "(no due date can be worked out)",
            err=True,
        )


def _write_chart(
    result: Timeliness,
    measure: Any,
    path: Path,
    force: bool,
    title: str,
) -> None:
    from iro_cli.charts import timeliness_chart
    from iro_cli.fileio import write_atomic
    from iro_cli.periods import (
        YEAR_SHIFT,
        Period,
        financial_year,
        fy_start_year,
        labels_between,
        year_label,
    )
    from iro_cli.timeliness.figures import monthly_rates
    from iro_cli.timeliness.reviews import REVIEW_TYPES, held_column

    period = result.period
    one_year = fy_start_year(period.start) == fy_start_year(period.end)
    if one_year:  # the whole financial year on the axis, and the whole year before
        axis = financial_year(fy_start_year(period.start))
        before = financial_year(fy_start_year(period.start) - 1)
        labels = (f"{year_label(period.start)}", f"{year_label(before.start)}")
    else:
        axis = period
        before = Period(YEAR_SHIFT.back(period.start), YEAR_SHIFT.back(period.end))
        labels = (f"{period}", f"{before}")
    previous = measure(before, min(before.end, result.as_at))
    found = set(held_column(result.held, "review_type").tolist())
    kinds = [k for k in REVIEW_TYPES if k in found]
    panels = []
    for kind in kinds:
        now = monthly_rates(result, kind)
        then = monthly_rates(previous, kind)
        months = labels_between("month", axis)
        then_by_position = list(then.values())
        panels.append(
            (
                kind,
                months,
                [now.get(m) for m in months],
                [
                    then_by_position[i] if i < len(then_by_position) else None
                    for i in range(len(months))
                ],
                _totals(result, kind),
                _totals(previous, kind),
            )
        )
    subtitle = (
        f"Share of reviews held on or before their due date, {labels[0]} "
        f"(to {result.as_at:%d/%m/%Y}) compared with {labels[1]}"
    )
    png = timeliness_chart(panels, labels=labels, subtitle=subtitle, title=title)
    write_atomic(path, png, force=force)
    click.echo(f"iro: chart written to {path}", err=True)


def _totals(result: Timeliness, kind: str) -> tuple[int, int]:
    from iro_cli.timeliness.reviews import held_column

    of_kind = held_column(result.held, "review_type") == kind
    return int((of_kind & held_column(result.held, "in_time")).sum()), int(of_kind.sum())
