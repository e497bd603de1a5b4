"""The shared periods (iro_cli.periods) and the period options (iro_cli.options).

Every expected date was read off a calendar: 2025/26 Q3 is October to December
2025 (31 December is its last day); February 2024 has 29 days (a leap year).
"""

from __future__ import annotations

from datetime import date

import click
import pytest
from click.testing import CliRunner

from iro_cli.options import PeriodChoice, period_options, resolve_period
from iro_cli.periods import (
    Period,
    as_at,
    between,
    parse_month,
    parse_quarter,
    year_to_date,
)


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2025/26 Q1", date(2025, 4, 1), date(2025, 6, 30)),
        ("2025/26 Q3", date(2025, 10, 1), date(2025, 12, 31)),
        ("2025/26 q4", date(2026, 1, 1), date(2026, 3, 31)),
        ("2023-24 Q4", date(2024, 1, 1), date(2024, 3, 31)),
        ("2025/2026Q2", date(2025, 7, 1), date(2025, 9, 30)),
    ],
)
def test_parse_quarter(text: str, start: date, end: date) -> None:
    assert parse_quarter(text) == Period(start, end)


@pytest.mark.parametrize("text", ["2025/26 Q5", "2025/27 Q1", "Q1", "2025/26", ""])
def test_parse_quarter_rejects(text: str) -> None:
    with pytest.raises(ValueError, match="not"):
        parse_quarter(text)


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2026-04", date(2026, 4, 1), date(2026, 4, 30)),
        ("2024-02", date(2024, 2, 1), date(2024, 2, 29)),
        ("2025-12", date(2025, 12, 1), date(2025, 12, 31)),
    ],
)
def test_parse_month(text: str, start: date, end: date) -> None:
    assert parse_month(text) == Period(start, end)


@pytest.mark.parametrize("text", ["2026-13", "2026-00", "2026/04", "April 2026", "2026"])
def test_parse_month_rejects(text: str) -> None:
    with pytest.raises(ValueError, match="not a month"):
        parse_month(text)


def test_year_to_date_and_between() -> None:
    # 15/01/2026 lies in 2025/26, which began on 01/04/2025; 31/03/2026 is its last day.
    assert year_to_date(date(2026, 1, 15)) == Period(date(2025, 4, 1), date(2026, 1, 15))
    assert year_to_date(date(2026, 4, 1)) == Period(date(2026, 4, 1), date(2026, 4, 1))
    assert between(date(2025, 6, 1), None, date(2025, 9, 9)) == Period(
        date(2025, 6, 1), date(2025, 9, 9)
    )
    assert between(None, date(2025, 2, 3), date(2026, 1, 1)) == Period(
        date(2024, 4, 1), date(2025, 2, 3)
    )


def test_as_at_is_the_earlier_of_the_period_end_and_as_of() -> None:
    year = Period(date(2025, 4, 1), date(2026, 3, 31))
    assert as_at(year, date(2026, 5, 1)) == date(2026, 3, 31)
    assert as_at(year, date(2025, 11, 30)) == date(2025, 11, 30)


AS_OF = date(2026, 2, 10)


@pytest.mark.parametrize(
    ("choice", "start", "end"),
    [
        (PeriodChoice(), date(2025, 4, 1), AS_OF),
        (PeriodChoice(year="2024/25"), date(2024, 4, 1), date(2025, 3, 31)),
        (PeriodChoice(quarter="2025/26 Q2"), date(2025, 7, 1), date(2025, 9, 30)),
        (PeriodChoice(month="2025-11"), date(2025, 11, 1), date(2025, 11, 30)),
        (PeriodChoice(date_from=date(2025, 5, 5)), date(2025, 5, 5), AS_OF),
        (
            PeriodChoice(date_from=date(2025, 5, 5), date_to=date(2025, 5, 6)),
            date(2025, 5, 5),
            date(2025, 5, 6),
        ),
    ],
)
def test_resolve_period(choice: PeriodChoice, start: date, end: date) -> None:
    assert resolve_period(choice, AS_OF) == Period(start, end)


@pytest.mark.parametrize(
    ("choice", "message"),
    [
        (PeriodChoice(year="2025/26", month="2025-04"), "give either --year or --month"),
        (
            PeriodChoice(year="2025/26", quarter="2025/26 Q1", date_to=date(2025, 5, 1)),
            "give only one of --year, --quarter, --from/--to",
        ),
        (PeriodChoice(month="2025-4x"), "is not a month"),
        (PeriodChoice(date_from=date(2025, 5, 5), date_to=date(2025, 5, 4)), "is before --from"),
        (PeriodChoice(date_from=date(2026, 3, 1)), "starts on 01/03/2026, after the as-at day"),
        (PeriodChoice(year="2026/27"), "starts on 01/04/2026, after the as-at day 10/02/2026"),
    ],
)
def test_resolve_period_usage_errors(choice: PeriodChoice, message: str) -> None:
    with pytest.raises(click.UsageError, match=message):
        resolve_period(choice, AS_OF)


def test_period_options_on_a_command() -> None:
    @click.command()
    @period_options
    def show(period_choice: PeriodChoice) -> None:
        click.echo(resolve_period(period_choice, AS_OF))

    runner = CliRunner()
    result = runner.invoke(show, ["--quarter", "2025/26 Q1"])
    assert result.output == "01/04/2025 to 30/06/2025\n"
    result = runner.invoke(show, [])
    assert result.output == "01/04/2025 to 10/02/2026\n"
    result = runner.invoke(show, ["--month", "2025-04", "--from", "01/04/2025"])
    assert result.exit_code == 2
    assert "give either --month or --from/--to, not both" in result.output
