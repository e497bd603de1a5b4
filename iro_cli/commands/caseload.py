"""``iro caseload``: children per IRO and per FTE on a day; ``--changes``: changes of IRO."""

from __future__ import annotations

from datetime import date
from typing import Any

import click

from iro_cli.options import Output, Session, as_of_option, output_options, session_options


@click.command()
@as_of_option
@click.option(
    "--changes",
    is_flag=True,
    help="List changes of IRO per child looked after (chairs of held CLA reviews, last 12 months).",
)
@click.option(
    "--min",
    "at_least",
    type=click.IntRange(min=0),
    default=0,
    help="With --changes: only children with at least N changes (the summary counts everyone).",
)
@session_options
@output_options()
def caseload(session: Session, out: Output, as_of: date, changes: bool, at_least: int) -> None:
    """Caseloads per IRO against the IRO Handbook's 50-70 children per FTE.

    One row per IRO in iros.csv (and any IRO named in children.csv or as a CP
    plan's Chair but missing from iros.csv): children looked after on the day
    whose Allocated IRO they are, children per FTE, children on a CP plan they
    chair, and whether the caseload per FTE is above [caseload] max (70).
    The Total row gives the service's caseload per FTE: the children of IROs
    with an FTE divided by the sum of their FTE.

    With --changes: per child looked after, the changes of chair between
    consecutive held CLA reviews in the 12 months to the day.

    \b
    Examples:
      iro caseload --as-of 31/03/2026
      iro caseload --changes -o changes.xlsx
      iro caseload --changes --min 2
    """
    if changes:
        _changes(session, out, as_of, at_least)
        return
    import pandas as pd

    from iro_cli.caseload import CASELOAD_COLUMNS, band_from_settings, caseloads

    band = band_from_settings(session.config.section("caseload"), session.config.where)
    result = caseloads(
        session.load("children"),
        session.load("iros"),
        session.load_optional("cp_plans"),
        as_of,
        band,
    )
    rows = result.rows + [result.total]
    frame = pd.DataFrame.from_records(rows, columns=list(CASELOAD_COLUMNS))
    out.render(frame, table_format=table_formats(), sheet="Caseloads")
    click.echo(f"iro: {caseload_sentence(result)}", err=True)


def table_formats() -> dict[str, Any]:
    return {
        "fte": lambda v: "" if v is None or v != v else f"{v:.2g}" if v < 1 else f"{v:.1f}",
        "children_per_fte": lambda v: "" if v is None or v != v else f"{v:.1f}",
        "over_range": lambda v: "OVER" if v else "",
        "not_in_iros": lambda v: "NOT IN iros.csv" if v else "",
    }


def caseload_sentence(result: Any) -> str:
    """The summary line: the service's caseload per FTE against the band."""
    band = result.band
    over = [r["iro"] for r in result.rows if r["over_range"]]
    per_fte = result.per_fte
    where = (
        "no IRO has an FTE in iros.csv"
        if per_fte is None
        else (
            f"caseload {per_fte:.1f} children per FTE ({result.total['children']} children, "
            f"{result.total['fte']:g} FTE)"
        )
    )
    text = (
        f"{where}; the band is {band.low:g}-{band.high:g}; {len(over)} IRO"
        f"{'s' * (len(over) != 1)} above {band.high:g} per FTE (as at {result.as_at:%d/%m/%Y})"
    )
    return text


def _changes(session: Session, out: Output, as_of: date, at_least: int) -> None:
    import pandas as pd

    from iro_cli.caseload import CHANGES_COLUMNS, change_counts, changes_of_iro

    rows = changes_of_iro(session.load("children"), session.load("reviews"), as_of)
    shown = [r for r in rows if r["changes"] >= at_least]
    frame = pd.DataFrame.from_records(shown, columns=list(CHANGES_COLUMNS))
    out.render(frame, sheet="Changes of IRO")
    counts = change_counts(rows)
    click.echo(
        f"iro: {len(rows)} children looked after on {as_of:%d/%m/%Y}; changes of IRO in the "
        f"12 months: {counts['0']} none, {counts['1']} one, {counts['2']} two, "
        f"{counts['3+']} three or more",
        err=True,
    )
