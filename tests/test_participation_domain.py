"""Pure tests of iro_cli.participation: codes, rates, periods, ages, checks, summary."""

from __future__ import annotations

from datetime import date

import pytest

from iro_cli.errors import InputError
from iro_cli.participation.ages import age_band
from iro_cli.participation.checks import check_reviews, footer
from iro_cli.participation.codes import (
    PN_DESCRIPTIONS,
    UnknownCode,
    attendance_rate,
    parse_code,
    participation_rate,
)
from iro_cli.participation.records import ReviewRecord, held_cla_reviews
from iro_cli.participation.summary import CompareError, summarise
from iro_cli.periods import (
    Period,
    Shift,
    labels_between,
    month_label,
    parse_financial_year,
    previous_period,
    quarter_label,
    year_label,
)
from iro_cli.schedule.dates import age_on

# --- codes and rates ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("PN3", "PN3"),
        (" pn3 ", "PN3"),
        ("PN 3", "PN3"),
        ("", ""),
        ("   ", ""),
        (None, ""),
        (PN_DESCRIPTIONS["PN0"], "PN0"),
        (PN_DESCRIPTIONS["PN7"].upper(), "PN7"),
        ("PN5 - " + PN_DESCRIPTIONS["PN5"], "PN5"),
        ("Child physically attends and speaks for him or herself.", "PN1"),
    ],
)
def test_parse_code(text: str | None, code: str) -> None:
    assert parse_code(text) == code


@pytest.mark.parametrize("text", ["PN8", "P1", "attended", "Child attends"])
def test_parse_code_unknown(text: str) -> None:
    with pytest.raises(UnknownCode):
        parse_code(text)


def test_rates_count_pn1_to_pn7_only() -> None:
    # 2 attended (PN1, PN4), 3 conveyed (PN5 x2, PN6), 1 did not take part; PN0 ignored.
    counts = {"PN0": 9, "PN1": 1, "PN4": 1, "PN5": 2, "PN6": 1, "PN7": 1, "": 4}
    assert participation_rate(counts) == 5 / 6
    assert attendance_rate(counts) == 2 / 6


def test_rates_pn0_only_and_empty_are_blank_not_zero() -> None:
    assert participation_rate({"PN0": 3}) is None
    assert attendance_rate({"PN0": 3}) is None
    assert participation_rate({}) is None
    assert attendance_rate({"": 2}) is None  # only missing codes


def test_rates_pn7_only_are_zero() -> None:
    assert participation_rate({"PN7": 2}) == 0.0
    assert attendance_rate({"PN7": 2}) == 0.0


def test_rates_conveyed_only_participate_but_do_not_attend() -> None:
    assert participation_rate({"PN5": 1, "PN6": 1}) == 1.0
    assert attendance_rate({"PN5": 1, "PN6": 1}) == 0.0


# --- periods and ages ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "year", "quarter", "month"),
    [
        (date(2025, 4, 1), "2025/26", "2025/26 Q1", "2025-04"),
        (date(2025, 6, 30), "2025/26", "2025/26 Q1", "2025-06"),
        (date(2025, 7, 1), "2025/26", "2025/26 Q2", "2025-07"),
        (date(2025, 12, 31), "2025/26", "2025/26 Q3", "2025-12"),
        (date(2026, 1, 1), "2025/26", "2025/26 Q4", "2026-01"),
        (date(2026, 3, 31), "2025/26", "2025/26 Q4", "2026-03"),
        (date(2025, 3, 31), "2024/25", "2024/25 Q4", "2025-03"),
        (date(1999, 5, 5), "1999/00", "1999/00 Q1", "1999-05"),
    ],
)
def test_labels(day: date, year: str, quarter: str, month: str) -> None:
    assert (year_label(day), quarter_label(day), month_label(day)) == (year, quarter, month)


@pytest.mark.parametrize("text", ["2025/26", "2025-26", "2025/2026", " 2025 / 26 "])
def test_parse_financial_year(text: str) -> None:
    assert parse_financial_year(text) == Period(date(2025, 4, 1), date(2026, 3, 31))


@pytest.mark.parametrize("text", ["2025", "2025/27", "2025/25", "25/26", "2025/2027", "year"])
def test_parse_financial_year_rejects(text: str) -> None:
    with pytest.raises(ValueError, match="not a financial year"):
        parse_financial_year(text)


def test_labels_between() -> None:
    fy = Period(date(2025, 4, 1), date(2026, 3, 31))
    assert labels_between("quarter", fy) == [f"2025/26 Q{i}" for i in range(1, 5)]
    assert labels_between("month", fy)[0] == "2025-04"
    assert labels_between("month", fy)[-1] == "2026-03"
    assert len(labels_between("month", fy)) == 12
    assert labels_between("year", Period(date(2024, 3, 31), date(2025, 4, 1))) == [
        "2023/24",
        "2024/25",
        "2025/26",
    ]


def test_previous_period_whole_months() -> None:
    fy = Period(date(2025, 4, 1), date(2026, 3, 31))
    assert previous_period(fy) == (Period(date(2024, 4, 1), date(2025, 3, 31)), Shift(months=12))
    # 2024/25 contains no 29 February but 2023/24 does: still the whole previous year.
    fy24 = Period(date(2024, 4, 1), date(2025, 3, 31))
    assert previous_period(fy24)[0] == Period(date(2023, 4, 1), date(2024, 3, 31))
    q3 = Period(date(2025, 10, 1), date(2025, 12, 31))
    assert previous_period(q3)[0] == Period(date(2025, 7, 1), date(2025, 9, 30))
    feb = Period(date(2025, 2, 1), date(2025, 2, 28))
    assert previous_period(feb)[0] == Period(date(2025, 1, 1), date(2025, 1, 31))


def test_previous_period_days() -> None:
    # 74 days (01/01/2026 to 15/03/2026) -> the 74 days before.
    period = Period(date(2026, 1, 1), date(2026, 3, 15))
    previous, shift = previous_period(period)
    assert previous == Period(date(2025, 10, 19), date(2025, 12, 31))
    assert shift == Shift(days=74)
    assert shift.forward(date(2025, 10, 19)) == date(2026, 1, 1)


def test_shift_by_months_keeps_the_month() -> None:
    assert Shift(months=1).forward(date(2025, 1, 31)) == date(2025, 2, 28)
    assert Shift(months=12).forward(date(2024, 2, 29)) == date(2025, 2, 28)
    assert Shift(months=12).back(date(2025, 3, 31)) == date(2024, 3, 31)


def test_period_rejects_end_before_start() -> None:
    with pytest.raises(ValueError, match="ends"):
        Period(date(2025, 4, 2), date(2025, 4, 1))


@pytest.mark.parametrize(
    ("born", "on", "age"),
    [
        (date(2020, 6, 15), date(2024, 6, 14), 3),
        (date(2020, 6, 15), date(2024, 6, 15), 4),
        (date(2020, 2, 29), date(2021, 2, 28), 0),  # leapling: birthday is 1 March
        (date(2020, 2, 29), date(2021, 3, 1), 1),
        (date(2020, 2, 29), date(2024, 2, 28), 3),
        (date(2020, 2, 29), date(2024, 2, 29), 4),
        (date(2025, 4, 1), date(2025, 4, 1), 0),
        (date(2025, 4, 2), date(2025, 4, 1), -1),
    ],
)
def test_age_on(born: date, on: date, age: int) -> None:
    assert age_on(born, on) == age


@pytest.mark.parametrize(
    ("age", "band"),
    [
        (0, "Under 1"),
        (1, "1 to 4"),
        (4, "1 to 4"),
        (5, "5 to 9"),
        (9, "5 to 9"),
        (10, "10 to 15"),
        (15, "10 to 15"),
        (16, "16 and over"),
        (17, "16 and over"),
    ],
)
def test_age_band(age: int, band: str) -> None:
    assert age_band(age) == band


# --- records: held CLA reviews joined to the child's period of care ------------------------


def _frames():
    import pandas as pd

    reviews = pd.DataFrame(
        {
            "review_id": ["A", "B", "C", "D", "E"],
            "person_id": ["P1", "P1", "P1", "P1", "P2"],
            "review_type": ["CLA Review", "CLA Review", "ICPC", "CLA Review", "CLA Review"],
            "review_date": [
                date(2025, 5, 1),
                date(2025, 9, 15),
                date(2025, 5, 2),
                date(2024, 1, 1),
                date(2025, 5, 1),
            ],
            "status": ["Held", "Held", "Held", "Held", "Cancelled"],
            "chair": ["", "Kim", "", "", ""],
            "participation_code": ["PN1", "", "PN1", "PN7", "PN2"],
            "_line": [2, 3, 4, 5, 6],
        }
    )
    reviews.attrs["path"] = "/somewhere/reviews.csv"
    children = pd.DataFrame(
        {
            "person_id": ["P1", "P1"],
            "date_of_birth": [date(2015, 1, 1), date(2015, 1, 1)],
            "gender": ["Female", "Female"],
            "ethnicity": ["", ""],
            "period_start": [date(2025, 6, 1), date(2024, 6, 1)],
            "period_end": [None, date(2025, 5, 31)],
            "allocated_iro": ["New Iro", "Old Iro"],
            "team": ["East", "West"],
        }
    )
    return reviews, children


def test_held_cla_reviews_filters_and_joins_the_period_of_care() -> None:
    reviews, children = _frames()
    records = held_cla_reviews(reviews, children)
    assert [r.review_id for r in records] == ["A", "B", "D"]
    a, b, d = records
    assert (a.iro, a.team, a.code, a.line) == ("Old Iro", "West", "PN1", 2)
    assert a.file == "/somewhere/reviews.csv"
    assert (b.iro, b.team, b.code) == ("Kim", "East", "")  # the chair wins over the allocated IRO
    # Before the first period: the earliest period gives team and IRO.
    assert (d.iro, d.team, d.child_found) == ("Old Iro", "West", True)
    assert a.date_of_birth == date(2015, 1, 1)


def test_held_cla_reviews_unknown_code_names_file_line_and_review() -> None:
    reviews, children = _frames()
    reviews.loc[1, "participation_code"] = "attended"
    with pytest.raises(InputError) as err:
        held_cla_reviews(reviews, children)
    assert str(err.value) == (
        "/somewhere/reviews.csv, line 3, column 'Participation Code' (ID B): "
        "unknown participation code (expected PN0 to PN7 or the SSDA903 description)"
    )


def test_child_without_record() -> None:
    reviews, children = _frames()
    records = held_cla_reviews(reviews, children[children.person_id == "nobody"])
    assert all(not r.child_found for r in records)
    assert records[0].iro == "" and records[1].iro == "Kim"


# --- checks -------------------------------------------------------------------------------


def _record(rid: str, code: str, born: date | None, on: date, **kw) -> ReviewRecord:
    return ReviewRecord(rid, "P" + rid, on, code, date_of_birth=born, line=int(rid), **kw)


def test_checks_rules_440_441_and_missing() -> None:
    born = date(2021, 3, 10)
    records = [
        _record("1", "PN0", born, date(2025, 3, 9)),  # 3: fine
        _record("2", "PN0", born, date(2025, 3, 10)),  # 4 today: rule 440
        _record("3", "PN1", born, date(2025, 3, 9)),  # 3: rule 441
        _record("4", "PN1", born, date(2025, 3, 10)),  # 4: fine
        _record("5", "", born, date(2025, 3, 10)),  # missing
        _record("6", "PN7", None, date(2025, 3, 10)),  # no date of birth
        _record("7", "PN1", None, date(2025, 3, 10), child_found=False),
        _record("8", "PN1", date(2026, 1, 1), date(2025, 3, 10)),  # born after
    ]
    warnings = check_reviews(records)
    assert [(w.kind, w.problem.row_id) for w in warnings] == [
        ("rule 440", "2"),
        ("rule 441", "3"),
        ("missing code", "5"),
        ("no date of birth", "6"),
        ("no child record", "7"),
        ("born after review", "8"),
    ]
    assert str(warnings[1]) == (
        "reviews.csv, line 3, column 'Participation Code' (ID 3): rule 441: code PN1 but the "
        "date of birth makes the child under 4 at the review (PN0 expected)"
    )
    assert footer(warnings) == (
        "6 data warnings: 1 × rule 440, 1 × rule 441, 1 missing code, "
        "1 review with no child record, 1 with no date of birth, 1 dated before the date of birth"
    )


def test_footer_wording() -> None:
    born = date(2010, 1, 1)
    records = [_record(str(i), "PN0", born, date(2025, 1, 1)) for i in range(1, 3)]
    records.append(_record("9", "", born, date(2025, 1, 1)))
    assert footer(check_reviews(records)) == "3 data warnings: 2 × rule 440, 1 missing code"
    assert footer(check_reviews(records[2:])) == "1 data warning: 1 missing code"
    assert footer([]) == ""


# --- summary ------------------------------------------------------------------------------


def _simple(rid: str, code: str, on: date, team: str = "") -> ReviewRecord:
    return ReviewRecord(rid, "P", on, code, date_of_birth=date(2010, 1, 1), team=team)


def test_summary_pn0_only_pn7_only_and_empty_groups() -> None:
    records = [
        _simple("1", "PN0", date(2025, 4, 10)),
        _simple("2", "PN0", date(2025, 4, 20)),
        _simple("3", "PN7", date(2025, 5, 10)),
        # June: nothing
        _simple("4", "PN1", date(2025, 7, 1)),
        _simple("5", "", date(2025, 7, 2)),
    ]
    summary = summarise(records, "month", Period(date(2025, 4, 1), date(2025, 7, 31)))
    rows = {row["month"]: row for row in summary.rows}
    assert list(rows) == ["2025-04", "2025-05", "2025-06", "2025-07"]
    assert (rows["2025-04"]["PN0"], rows["2025-04"]["total"]) == (2, 2)
    assert rows["2025-04"]["participation_rate"] is None  # PN0 only: blank
    assert rows["2025-05"]["participation_rate"] == 0.0  # PN7 only: 0%
    assert rows["2025-05"]["attendance_rate"] == 0.0
    assert rows["2025-06"]["total"] == 0  # empty: blank rates
    assert rows["2025-06"]["participation_rate"] is None
    assert rows["2025-06"]["attendance_rate"] is None
    assert (rows["2025-07"]["missing"], rows["2025-07"]["total"]) == (1, 2)
    assert rows["2025-07"]["participation_rate"] == 1.0
    assert summary.total["total"] == 5
    assert summary.total["participation_rate"] == 0.5  # PN1 / (PN1 + PN7)


def test_summary_frame_types_and_total_row() -> None:
    records = [_simple("1", "PN0", date(2025, 4, 10)), _simple("2", "PN1", date(2025, 4, 11))]
    frame = summarise(records, "year").frame()
    assert list(frame.columns) == [
        "year",
        *[f"PN{i}" for i in range(8)],
        "missing",
        "total",
        "participation_rate",
        "attendance_rate",
    ]
    assert frame["year"].tolist() == ["2025/26", "Total"]
    assert frame["PN0"].dtype == "int64"
    no_total = summarise([_simple("1", "PN0", date(2025, 4, 10))], "year").frame(total=False)
    assert no_total["participation_rate"].tolist() == [None]


def test_summary_other_groupings_sorted_with_not_recorded_last() -> None:
    records = [
        _simple("1", "PN1", date(2025, 4, 10), team="west"),
        _simple("2", "PN1", date(2025, 4, 10), team=""),
        _simple("3", "PN1", date(2025, 4, 10), team="East"),
    ]
    assert [r["team"] for r in summarise(records, "team").rows] == ["East", "west", "Not recorded"]


def test_compare_needs_a_period_except_by_year() -> None:
    records = [_simple("1", "PN1", date(2025, 4, 10))]
    with pytest.raises(CompareError, match="--compare needs a period"):
        summarise(records, "team", None, compare=True)
    summary = summarise(records, "year", None, compare=True)
    assert summary.rows[0]["total_previous"] == 0


def test_compare_by_year_each_year_against_the_one_before() -> None:
    records = [
        _simple("1", "PN1", date(2023, 4, 1)),
        _simple("2", "PN7", date(2024, 3, 31)),
        _simple("3", "PN1", date(2024, 4, 1)),
        _simple("4", "PN2", date(2026, 3, 31)),
    ]
    rows = summarise(records, "year", None, compare=True).rows
    got = [(r["year"], r["total"], r["total_previous"], r["PN7_previous"]) for r in rows]
    assert got == [("2023/24", 2, 0, 0), ("2024/25", 1, 2, 1), ("2025/26", 1, 1, 0)]
