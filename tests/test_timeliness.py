"""``iro timeliness`` and ``iro cp-plans`` on the hand-worked fixture in tests/data/timeliness.

Every expected figure was counted by hand from the calendar work in
tests/data/timeliness/README.md (working days counted day by day, bank holidays
marked, months by the corresponding date), not by the code under test.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from iro_cli.cli import cli
from iro_cli.config import Config
from iro_cli.exports.reader import load_export
from iro_cli.periods import Period
from iro_cli.schedule.dates import WorkingCalendar
from iro_cli.timeliness.figures import summarise
from iro_cli.timeliness.reviews import review_timeliness
from tests.conftest import REPO

FIXTURE = REPO / "tests" / "data" / "timeliness"
AS_OF = "15/05/2026"  # after 2025/26, so the year is counted as at 31/03/2026
HEAD = "review_type,held,in_time,late,in_time_rate,overdue_not_held,rearranged"


def run(runner, command: str, *args: str):
    return runner.invoke(cli, [command, "--exports", str(FIXTURE), *args])


def csv_lines(runner, *args: str) -> list[str]:
    result = run(runner, "timeliness", "--as-of", AS_OF, "--format", "csv", *args)
    assert result.exit_code == 0, result.stderr
    return result.stdout.splitlines()


# --- the grouped figures ----------------------------------------------------------------------


def test_by_month_hand_counted(runner) -> None:
    assert csv_lines(runner, "--year", "2025/26", "--total") == [
        f"month,{HEAD}",
        # April: R501 in time (first review, the 20th working day), R203 10 days late.
        "2025-04,CLA Review,2,1,1,0.5,0,0",
        "2025-06,CLA Review,1,1,0,1.0,0,0",  # R402: first review of a new period of care
        "2025-07,CLA Review,1,1,0,1.0,0,0",
        "2025-08,CLA Review,1,0,1,0.0,0,0",  # R305: due on the August bank holiday, held next day
        "2025-09,CLA Review,2,2,0,1.0,0,0",
        "2025-10,CLA Review,1,1,0,1.0,0,0",  # R204: 6 months after the late R203, in time
        "2026-01,CLA Review,1,1,0,1.0,0,0",
        "2026-02,CLA Review,1,1,0,1.0,0,0",
        "2026-03,CLA Review,1,1,0,1.0,1,1",  # C4's review due 15/03 never held; R404 rearranged
        "Total,CLA Review,11,9,2,0.8182,1,1",
        "2025-05,ICPC,1,0,1,0.0,0,0",  # P2: the 16th working day after the strategy discussion
        "2025-06,ICPC,2,2,0,1.0,0,0",
        "2025-10,ICPC,1,1,0,1.0,0,0",
        "2026-01,ICPC,1,1,0,1.0,0,0",  # P1: the 15th working day
        "Total,ICPC,5,4,1,0.8,0,0",
        "2025-08,RCPC,1,1,0,1.0,0,0",
        "2025-09,RCPC,2,2,0,1.0,0,0",
        "2026-02,RCPC,1,0,1,0.0,0,1",
        "2026-03,RCPC,0,0,0,,1,0",  # P3's second review conference never held
        "Total,RCPC,4,3,1,0.75,1,1",
        "2025-07,Pathway Plan Review,1,1,0,1.0,0,0",
        "2026-01,Pathway Plan Review,1,0,1,0.0,0,0",
        "Total,Pathway Plan Review,2,1,1,0.5,0,0",
    ]


def test_by_quarter_and_year_cla(runner) -> None:
    # Q1 R501, R203 (late), R402; Q2 R502, R305 (late), R105, R403; Q3 R204; Q4 R503, R306, R106.
    assert csv_lines(runner, "--year", "2025/26", "--by", "quarter", "--type", "cla") == [
        f"quarter,{HEAD}",
        "2025/26 Q1,CLA Review,3,2,1,0.6667,0,0",
        "2025/26 Q2,CLA Review,4,3,1,0.75,0,0",
        "2025/26 Q3,CLA Review,1,1,0,1.0,0,0",
        "2025/26 Q4,CLA Review,3,3,0,1.0,1,1",
    ]
    assert csv_lines(runner, "--year", "2025/26", "--by", "year", "--type", "cla") == [
        f"year,{HEAD}",
        "2025/26,CLA Review,11,9,2,0.8182,1,1",
    ]


def test_by_iro_uses_the_chair_then_the_allocated_iro(runner) -> None:
    # R105 has no chair: Ann Hale (C1's allocated IRO). R204 was chaired by Ben Cole although
    # C2's allocated IRO is Ann Hale. C4's review not held goes to C4's allocated IRO.
    assert csv_lines(runner, "--year", "2025/26", "--by", "iro", "--type", "cla") == [
        f"iro,{HEAD}",
        "Ann Hale,CLA Review,5,3,2,0.6,0,0",
        "Ben Cole,CLA Review,6,6,0,1.0,1,1",
    ]


def test_by_team(runner) -> None:
    assert csv_lines(runner, "--year", "2025/26", "--by", "team", "--type", "cla") == [
        f"team,{HEAD}",
        "North,CLA Review,6,4,2,0.6667,0,0",
        "South,CLA Review,5,5,0,1.0,1,1",
    ]


def test_year_boundary_review_held_31_march_counts_in_the_old_year(runner) -> None:
    # 2024/25: R102, R103, R104 (31/03/2025), R201, R202, R302, R303, R304, R401, all in time.
    lines = csv_lines(runner, "--year", "2024/25", "--by", "year", "--type", "cla")
    assert lines == [f"year,{HEAD}", "2024/25,CLA Review,9,9,0,1.0,0,0"]
    march = csv_lines(runner, "--month", "2025-03", "--type", "cla")
    assert march == [f"month,{HEAD}", "2025-03,CLA Review,1,1,0,1.0,0,0"]


def test_never_held_review_counts_in_the_month_its_due_date_fell(runner) -> None:
    # P6's first review conference was due 01/11/2024 and never held: 2024/25, November;
    # its ICPC (Plan Start 01/08/2024) was due 31/07/2024, one day late.
    assert csv_lines(runner, "--year", "2024/25", "--type", "cp") == [
        f"month,{HEAD}",
        "2024-08,ICPC,1,0,1,0.0,0,0",
        "2024-11,RCPC,0,0,0,,1,0",
    ]


def test_as_at_cut_a_late_review_is_overdue_until_it_is_held(runner) -> None:
    # R203 was due 15/04/2025 and held 25/04/2025. As at 20/04/2025 it is due and not held;
    # R501 (14/04) is held in time.
    before = csv_lines(runner, "--month", "2025-04", "--type", "cla", "--as-of", "20/04/2025")
    assert before == [f"month,{HEAD}", "2025-04,CLA Review,1,1,0,1.0,1,0"]
    # As at 30/04/2025 it has been held late: counted as late where held, not as not held.
    after = csv_lines(runner, "--month", "2025-04", "--type", "cla", "--as-of", "30/04/2025")
    assert after == [f"month,{HEAD}", "2025-04,CLA Review,2,1,1,0.5,0,0"]


def test_default_period_is_the_financial_year_to_date(runner) -> None:
    # As at 31/08/2025: 2025/26 so far: R501, R203 (late), R402, R502, R305 (late); R105
    # (30/09) not yet.
    lines = csv_lines(runner, "--type", "cla", "--by", "year", "--as-of", "31/08/2025")
    assert lines == [f"year,{HEAD}", "2025/26,CLA Review,5,3,2,0.6,0,0"]


def test_table_shows_percentages_and_total_rows(runner) -> None:
    result = run(runner, "timeliness", "--year", "2025/26", "--as-of", AS_OF, "--type", "cla",
                 "--by", "quarter", "--format", "table")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()  # two header lines, a rule, then Q1, Q2...
    assert lines[0].split()[:3] == ["Quarter", "Review", "Held"]
    assert "66.7%" in lines[3] and "75.0%" in lines[4]
    assert lines[-1].split()[:6] == ["Total", "CLA", "Review", "11", "9", "2"]
    assert "81.8%" in lines[-1]
    assert "22 held" not in result.stderr and "11 held, 9 in time, 1 due and not held" in (
        result.stderr
    )


def test_unmatched_icpc_is_a_warning_not_a_silent_drop(runner) -> None:
    result = run(runner, "timeliness", "--year", "2025/26", "--as-of", AS_OF, "--type", "cp",
                 "--format", "csv")  # fmt: skip
    assert result.exit_code == 0
    assert "1 held ICPC with no strategy discussion in cp_plans.csv not counted" in result.stderr
    assert "PX" not in result.stderr  # no IDs of children in the summary line


# --- the review-level list --------------------------------------------------------------------


def list_rows(runner, *args: str) -> list[dict[str, str]]:
    result = run(runner, "timeliness", "--as-of", AS_OF, "--list", "--format", "csv", *args)
    assert result.exit_code == 0, result.stderr
    return list(csv.DictReader(io.StringIO(result.stdout)))


def test_list_rows_hand_worked(runner) -> None:
    rows = {r["review_id"] or f"{r['person_id']}:{r['review_type']}": r for r in
            list_rows(runner, "--year", "2025/26")}  # fmt: skip
    assert list(next(iter(rows.values()))) == [
        "person_id", "review_id", "review_type", "review_date", "due_date", "days_late",
        "in_time", "basis", "chair",
    ]  # fmt: skip
    late = rows["R203"]
    assert (late["review_date"], late["due_date"], late["days_late"], late["in_time"]) == (
        "2025-04-25", "2025-04-15", "10", "false",
    )  # fmt: skip
    assert rows["R204"]["due_date"] == "2025-10-25"  # from the day R203 was held
    assert rows["R305"]["due_date"] == "2025-08-25" and rows["R305"]["days_late"] == "1"
    assert rows["R402"]["basis"] == (
        "first review: 20 working days after care began on 02/06/2025 (new period of care)"
    )
    assert rows["R501"]["due_date"] == "2025-04-14" and rows["R501"]["in_time"] == "true"
    assert rows["P101"]["due_date"] == "2026-01-14" and rows["P101"]["in_time"] == "true"
    assert rows["P2:ICPC"]["review_date"] == "2025-05-27"  # from Plan Start (no ICPC row)
    assert rows["P2:ICPC"]["due_date"] == "2025-05-23" and rows["P2:ICPC"]["days_late"] == "4"
    assert rows["P203"]["due_date"] == "2026-02-20" and rows["P203"]["days_late"] == "7"
    assert rows["W103"]["due_date"] == "2026-01-10" and rows["W103"]["days_late"] == "10"
    assert "W201" not in rows and "W101" not in rows  # first pathway reviews: no due date
    assert "R104" not in rows  # 31/03/2025 is in 2024/25
    not_held = rows["C4:CLA Review"]
    assert (not_held["review_date"], not_held["due_date"], not_held["days_late"]) == (
        "", "2026-03-15", "16",
    )  # fmt: skip
    assert not_held["basis"].startswith("not held by 31/03/2026: next review: 6 months after")
    assert rows["R105"]["chair"] == ""  # as recorded; --by iro falls back to the allocated IRO


@pytest.mark.parametrize("by", ["month", "quarter", "year", "iro", "team"])
def test_list_sums_to_the_grouped_figures(runner, by: str) -> None:
    rows = list_rows(runner, "--year", "2025/26")
    expected: Counter[tuple[str, str]] = Counter()
    for row in rows:
        kind = row["review_type"]
        if row["review_date"]:
            expected[(kind, "held")] += 1
            expected[(kind, "in_time")] += row["in_time"] == "true"
            expected[(kind, "late")] += row["in_time"] == "false"
        else:
            expected[(kind, "overdue_not_held")] += 1
    result = run(runner, "timeliness", "--year", "2025/26", "--as-of", AS_OF, "--by", by,
                 "--format", "json")  # fmt: skip
    figures = json.loads(result.stdout)
    got: Counter[tuple[str, str]] = Counter()
    for row in figures:
        if row[by] == "Total":
            continue
        for name in ("held", "in_time", "late", "overdue_not_held"):
            got[(row["review_type"], name)] += row[name]
    assert +got == +expected
    assert sum(v for (_, name), v in expected.items() if name == "held") == 22


def test_total_rows_only_with_total_in_csv(runner) -> None:
    without = csv_lines(runner, "--year", "2025/26", "--type", "pathway")
    assert without == [
        f"month,{HEAD}",
        "2025-07,Pathway Plan Review,1,1,0,1.0,0,0",
        "2026-01,Pathway Plan Review,1,0,1,0.0,0,0",
    ]


# --- the domain, called directly ----------------------------------------------------------------


def test_domain_is_pure_and_as_of_driven() -> None:
    config = Config()
    frames = [load_export(k, FIXTURE, config) for k in ("children", "reviews", "cp_plans")]
    period = Period(date(2025, 4, 1), date(2026, 3, 31))
    result = review_timeliness(*frames, period, date(2026, 5, 15), WorkingCalendar())
    assert result.as_at == date(2026, 3, 31)
    assert (len(result.held), sum(r.in_time for r in result.held), len(result.not_held)) == (
        22, 17, 2,
    )  # fmt: skip
    rows = summarise(result, "year", total=False)
    assert [(r["review_type"], r["held"], r["in_time"]) for r in rows] == [
        ("CLA Review", 11, 9), ("ICPC", 5, 4), ("RCPC", 4, 3), ("Pathway Plan Review", 2, 1),
    ]  # fmt: skip


# --- cp-plans ---------------------------------------------------------------------------------


def test_cp_plans_figures_hand_counted(runner) -> None:
    result = run(runner, "cp-plans", "--year", "2025/26", "--as-of", AS_OF, "--format", "csv")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == [
        "period,as_at,plans_started,repeat_plans,repeat_rate,repeat_within_2_years,"
        "repeat_within_2_years_rate,plans_ended,ended_after_2_years,ended_after_2_years_rate,"
        "open_over_18_months,open_over_18_months_rate,open_on_as_at",
        "01/04/2025 to 31/03/2026,2026-03-31,4,2,0.5,1,0.25,3,1,0.3333,1,0.3333,3",
    ]


def test_cp_plans_list_gives_the_reason_each_plan_counts(runner) -> None:
    result = run(runner, "cp-plans", "--year", "2025/26", "--as-of", AS_OF, "--list",
                 "--format", "csv")  # fmt: skip
    rows = {
        (r["person_id"], r["plan_start"]): r for r in csv.DictReader(io.StringIO(result.stdout))
    }
    assert sorted(p for p, _ in rows) == ["P1", "P2", "P3", "P4", "P5", "P6"]  # not P7, no plan
    within = rows[("P3", "2025-06-10")]
    assert (within["days_since_previous"], within["repeat_within_2_years"]) == ("701", "true")
    assert "within 2 years" in within["reason"]
    beyond = rows[("P4", "2025-06-02")]
    assert (beyond["days_since_previous"], beyond["repeat"], beyond["repeat_within_2_years"]) == (
        "762", "true", "false",
    )  # fmt: skip
    assert rows[("P5", "2023-05-01")]["days_on_plan"] == "792"
    assert rows[("P6", "2024-08-01")]["open_over_18_months"] == "true"
    assert rows[("P6", "2024-08-01")]["days_on_plan"] == "607"
    assert rows[("P1", "2026-01-14")]["open_over_18_months"] == "false"


def test_cp_plans_as_at_cut(runner) -> None:
    # As at 01/03/2026: P2 (ends 20/03/2026) is still open; P1..P6 otherwise as before.
    result = run(runner, "cp-plans", "--year", "2025/26", "--as-of", "01/03/2026",
                 "--format", "json")  # fmt: skip
    (row,) = json.loads(result.stdout)
    assert (row["plans_ended"], row["open_on_as_at"], row["as_at"]) == (2, 4, "2026-03-01")
    # 01/03/2026 less 18 months is 01/09/2024: P6 (01/08/2024) is still over 18 months.
    assert row["open_over_18_months"] == 1


def test_cp_plans_table_reads_in_words(runner) -> None:
    result = run(runner, "cp-plans", "--year", "2025/26", "--as-of", AS_OF, "--format", "table")
    assert "Repeat plans" in result.stdout and "50.0% of plans started" in result.stdout


def test_period_usage_errors(runner) -> None:
    result = run(runner, "timeliness", "--year", "2025/26", "--quarter", "2025/26 Q1")
    assert result.exit_code == 2
    assert "give either --year or --quarter, not both" in result.stderr


def test_chart_writes_a_png(runner, tmp_path: Path) -> None:
    chart = tmp_path / "t.png"
    result = run(runner, "timeliness", "--year", "2025/26", "--as-of", AS_OF, "--type", "cla",
                 "--format", "csv", "--chart", str(chart))  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert chart.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert oct(chart.stat().st_mode & 0o777) == "0o600"
    again = run(runner, "timeliness", "--year", "2025/26", "--as-of", AS_OF, "--chart", str(chart))
    assert again.exit_code != 0 and "--force" in again.stderr


def test_sample_list_sums_to_every_grouping() -> None:
    """On the sample authority too: the review-level rows add up to each --by's figures."""
    config = Config()
    sample = REPO / "sample_exports"
    frames = [load_export(k, sample, config) for k in ("children", "reviews", "cp_plans")]
    period = Period(date(2025, 4, 1), date(2026, 3, 31))
    result = review_timeliness(*frames, period, date(2026, 11, 20), WorkingCalendar())
    expected: Counter[tuple[str, str]] = Counter()
    for row in result.held:
        expected[(row.review_type, "held")] += 1
        expected[(row.review_type, "in_time")] += row.in_time
    for row in result.not_held:
        expected[(row.review_type, "overdue_not_held")] += 1
    expected[("CLA Review", "rearranged")] = sum(
        m.review_type == "CLA Review" for m in result.rearranged
    )
    for by in ("month", "quarter", "year", "iro", "team"):
        got: Counter[tuple[str, str]] = Counter()
        for row in summarise(result, by, total=False):
            for name in ("held", "in_time", "overdue_not_held"):
                got[(row["review_type"], name)] += row[name]
            if row["review_type"] == "CLA Review":
                got[("CLA Review", "rearranged")] += row["rearranged"]
        assert +got == +expected, by
    assert expected[("CLA Review", "held")] == 580  # README: 94.0% (545/580)


def test_chart_title_from_settings(runner, tmp_path: Path) -> None:
    settings = tmp_path / "iro.toml"
    settings.write_text('[timeliness]\nchart_title = ""\n', encoding="utf-8")
    result = runner.invoke(cli, ["timeliness", "--config", str(settings), "--exports",
                                 str(FIXTURE), "--chart", str(tmp_path / "c.png")])  # fmt: skip
    assert result.exit_code != 0
    assert "timeliness.chart_title must be text" in result.stderr


@pytest.mark.parametrize("command", ["timeliness", "cp-plans"])
def test_csv_and_json_do_not_import_pandas(command: str) -> None:
    """Reading, measuring and writing csv/json need no DataFrame (pandas is 0.4 s of start-up)."""
    import subprocess
    import sys

    for fmt in ("csv", "json"):
        code = (
            "import sys; from click.testing import CliRunner; from iro_cli.cli import cli; "
            f"r = CliRunner().invoke(cli, ['{command}', '--exports', {str(FIXTURE)!r}, "
            f"'--year', '2025/26', '--as-of', '{AS_OF}', '--format', '{fmt}']); "
            "print(r.exit_code, len(r.stdout) > 100, 'pandas' in sys.modules)"
        )
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
        assert out.stdout.split() == ["0", "True", "False"], out.stderr


def test_sample_cla_due_dates_match_an_independent_count() -> None:
    """Every CLA review the sample held in 2025/26, its due date worked out again here
    with ``holidays`` and ``relativedelta`` (not the schedule code): 20 working days after
    the period of care began, 3 months after the first review, then 6 months after the
    last one held (short breaks: 3, then 6)."""
    import holidays
    from dateutil.relativedelta import relativedelta

    bank = frozenset(holidays.country_holidays("GB", subdiv="ENG", years=range(2018, 2028)))

    def working_days_after(day: date, n: int) -> date:
        while n:
            day += relativedelta(days=1)
            n -= day.weekday() < 5 and day not in bank
        return day

    config = Config()
    sample = REPO / "sample_exports"
    children, reviews = (load_export(k, sample, config) for k in ("children", "reviews"))
    starts: dict[str, list[tuple[date, bool]]] = {}
    for person, start, short in zip(
        children["person_id"], children["period_start"], children["short_breaks"], strict=True
    ):
        starts.setdefault(person, []).append((start, bool(short)))
    held: dict[str, list[date]] = {}
    for person, kind, day, status in zip(
        reviews["person_id"], reviews["review_type"], reviews["review_date"], reviews["status"],
        strict=True,
    ):  # fmt: skip
        if kind == "CLA Review" and status == "Held" and day <= date(2026, 3, 31):
            held.setdefault(person, []).append(day)
    expected = {}
    for person, days in held.items():
        periods = sorted(starts[person])
        for i, day in enumerate(sorted(days)):
            start, short = max(p for p in periods if p[0] <= day)
            before = [d for d in sorted(days)[:i] if d >= start]
            if not before:
                due = start + relativedelta(months=3) if short else working_days_after(start, 20)
            else:
                months = 3 if len(before) == 1 and not short else 6
                due = before[-1] + relativedelta(months=months)
            if day >= date(2025, 4, 1):
                expected[(person, day)] = due
    period = Period(date(2025, 4, 1), date(2026, 3, 31))
    frames = [children, reviews, load_export("cp_plans", sample, config)]
    result = review_timeliness(*frames, period, date(2026, 11, 20), WorkingCalendar(), ["cla"])
    got = {(r.person_id, r.review_date): r.due_date for r in result.held}
    assert got == expected
    assert len(got) == 580
    # ICPCs: 15 working days after the strategy discussion, held on the plan's start date
    # (in the sample every ICPC row has the plan's start date).
    plans = load_export("cp_plans", sample, config)
    icpc = {
        (person, start): working_days_after(strategy, 15)
        for person, strategy, start in zip(
            plans["person_id"],
            plans["strategy_discussion_date"],
            plans["plan_start"],
            strict=True,
        )  # fmt: skip
        if start is not None and period.start <= start <= period.end
    }
    result = review_timeliness(*frames, period, date(2026, 11, 20), WorkingCalendar(), ["cp"])
    got = {(r.person_id, r.review_date): r.due_date for r in result.held if r.review_type == "ICPC"}
    assert got == icpc and len(icpc) == 22


def test_pathway_reviews_follow_the_daily_lists_rule(runner, tmp_path: Path) -> None:
    """A pathway review held while the young person is still looked after (their plan is
    reviewed at the CLA review) or from their 25th birthday has no 6-month due date, in the
    yearly figures as in ``iro overdue``. Care leaver C2: 10/06/2025 + 6 months = 10/12/2025,
    held 20/01/2026, late. C1, still looked after, and C3, 25 on 01/01/2026, not counted."""
    from tests.conftest import write_csv

    header = ["Person ID", "Forename", "Surname", "Date of Birth", "Period Start", "Period End"]
    write_csv(
        tmp_path,
        "children.csv",
        [
            header,
            ["C1", "Ana", "Lee", "01/01/2008", "01/01/2020", ""],
            ["C2", "Ben", "Ray", "01/01/2007", "01/01/2020", "01/01/2025"],
            ["C3", "Cai", "Orr", "01/01/2001", "01/01/2015", "01/01/2019"],
        ],
    )
    rows = [["Review ID", "Person ID", "Review Type", "Review Date", "Status"]]
    for n, person in enumerate(("C1", "C2", "C3")):
        rows.append([f"{n}1", person, "Pathway Plan Review", "10/06/2025", "Held"])
        rows.append([f"{n}2", person, "Pathway Plan Review", "20/01/2026", "Held"])
    write_csv(tmp_path, "reviews.csv", rows)
    args = ["timeliness", "--exports", str(tmp_path), "--as-of", "15/05/2026"]
    result = runner.invoke(cli, [*args, "--year", "2025/26", "--list", "--format", "csv"])
    assert result.exit_code == 0, result.stderr
    listed = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["person_id"], r["due_date"], r["in_time"]) for r in listed] == [
        ("C2", "2025-12-10", "false")
    ]
    # the daily list: only C2's next pathway review, 20/01/2026 + 6 months = 20/07/2026
    daily = ["overdue", "--exports", str(tmp_path), "--as-of", "01/02/2026", "--days", "365"]
    overdue = runner.invoke(cli, [*daily, "--format", "csv"])
    pathway = [r for r in csv.DictReader(io.StringIO(overdue.stdout))
               if r["review_type"] == "Pathway Plan Review"]  # fmt: skip
    assert [(r["person_id"], r["due_date"]) for r in pathway] == [("C2", "2026-07-20")]


def test_list_with_by_is_a_usage_error(runner) -> None:
    """--list gives review rows; a --by beside it was silently ignored (found by review)."""
    result = run(runner, "timeliness", "--as-of", AS_OF, "--list", "--by", "iro")
    assert result.exit_code == 2
    assert "--list gives one row per review, not groups: leave out --by" in result.stderr
    assert run(runner, "timeliness", "--as-of", AS_OF, "--list").exit_code == 0
