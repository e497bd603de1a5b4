"""``iro cp-plans``: child protection plans started, repeated, ended and open over a period."""

from __future__ import annotations

from datetime import date
from typing import Any

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

# The table shows one line per figure, in words: (figure, words, rate column, "of" words).
TABLE_LINES = (
    ("plans_started", "Plans started", None, ""),
    ("repeat_plans", "Repeat plans (an earlier plan had ended)", "repeat_rate", "of plans started"),
    (
        "repeat_within_2_years",
        "  of which within 2 years of the earlier plan",
        "repeat_within_2_years_rate",
        "of plans started",
    ),
    ("plans_ended", "Plans ended", None, ""),
    (
        "ended_after_2_years",
        "Plans ended after 2 years or more",
        "ended_after_2_years_rate",
        "of plans ended",
    ),
    ("open_on_as_at", "Plans open on the as-at day", None, ""),
    (
        "open_over_18_months",
        "  of which open over 18 months",
        "open_over_18_months_rate",
        "of plans open",
    ),
)


@click.command("cp-plans")
@session_options
@period_options
@as_of_option
@click.option(
    "--list",
    "as_list",
    is_flag=True,
    help="One row per plan that counts, with the reason, to check any figure.",
)
@output_options()
def cp_plans(
    session: Session, out: Output, period_choice: PeriodChoice, as_of: date, as_list: bool
) -> None:
    """Child protection plans in the period, from cp_plans.csv.

    \b
      plans_started              plans whose Plan Start is in the period
      repeat_plans               ... for a child whose earlier plan had ended
      repeat_within_2_years      ... that earlier plan ended 730 days or fewer before
      plans_ended                plans whose Plan End is in the period
      ended_after_2_years        ... that lasted 730 days or more
      open_over_18_months        open on the as-at day, started more than 18 months before
      open_on_as_at              open on the as-at day (the end of the period, or --as-of)

    Rates are fractions of the plans started, ended or open. csv/json/xlsx give
    one row with every figure; the table gives one line per figure. With no
    period option: the financial year to date.

    \b
    Examples:
      iro cp-plans --year 2025/26
      iro cp-plans --year 2025/26 --list -o plans.xlsx
    """
    from iro_cli.commands.timeliness import render_rows
    from iro_cli.periods import as_at
    from iro_cli.timeliness.plans import (
        FIGURES,
        FLAG_COLUMNS,
        LIST_COLUMNS,
        plan_figures,
        plan_rows,
    )

    period = resolve_period(period_choice, as_of)
    from iro_cli.commands.timeliness import read_columns

    plans = read_columns(session, "cp_plans")
    rows = plan_rows(plans, period, as_of)
    day = as_at(period, as_of)
    if as_list:
        records = [tuple(getattr(r, c) for c in LIST_COLUMNS) for r in rows]
        yes_no = {c: _yes_no for c in FLAG_COLUMNS}
        render_rows(out, LIST_COLUMNS, records, table_format=yes_no, sheet="Plans")
    else:
        figures = plan_figures(rows)
        if out.format == "table":
            out.render(_table(figures), sheet="CP plans")
        else:
            record = {"period": str(period), "as_at": day}
            record |= {k: round(v, 4) if isinstance(v, float) else v for k, v in figures.items()}
            names = ["period", "as_at", *FIGURES]
            render_rows(out, names, [tuple(record[c] for c in names)], sheet="CP plans")
    click.echo(f"iro: child protection plans, {period}, as at {day:%d/%m/%Y}", err=True)


def _yes_no(value: Any) -> str:
    return "yes" if value else ""


def _table(figures: dict[str, Any]) -> Any:
    import pandas as pd

    lines = []
    for name, words, rate_name, of in TABLE_LINES:
        rate = figures[rate_name] if rate_name else None
        lines.append(
            (
                words,
                figures[name],
                "" if rate_name is None else ("" if rate is None else f"{rate * 100:.1f}% {of}"),
            )
        )
    return pd.DataFrame(lines, columns=["figure", "plans", "rate"])
