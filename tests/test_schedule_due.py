"""Due-review rules on hand-worked cases (dates counted on a calendar, not by the code)."""

from __future__ import annotations

from datetime import date

import pandas as pd

from iro_cli.exports.schema import CHILDREN, CP_PLANS, REVIEWS
from iro_cli.schedule.dates import WorkingCalendar
from iro_cli.schedule.due import DueReview, due_reviews, select

CAL = WorkingCalendar()
D = date
JAN_5 = date(2026, 1, 5)
STRATEGY = date(2025, 12, 19)


def frame(spec, rows: list[dict]) -> pd.DataFrame:
    """A frame as the reader gives it: every schema column, blanks as ''/None."""
    blank = {
        c.name: (None if c.kind in ("date", "float", "int") else False if c.kind == "flag" else "")
        for c in spec.columns
    }
    data = [{**blank, **row} for row in rows]
    result = pd.DataFrame(
        {c.name: pd.Series([r[c.name] for r in data], dtype=object) for c in spec.columns}
    )
    result["_line"] = range(2, len(data) + 2)
    return result


def child(pid="1", start=JAN_5, end=None, **kw) -> dict:
    return {
        "person_id": pid,
        "forename": "Sam",
        "surname": "Jones",
        "date_of_birth": D(2015, 6, 1),
        "period_start": start,
        "period_end": end,
        "allocated_iro": "Hannah Price",
        "team": "Children in Care 1",
        **kw,
    }


def review(day, status="Held", kind="CLA Review", pid="1", rid=None, **kw) -> dict:
    return {
        "review_id": rid or f"R{day:%Y%m%d}{status[0]}",
        "person_id": pid,
        "review_type": kind,
        "review_date": day,
        "status": status,
        **kw,
    }


def due(children, reviews, as_of, cp=None, types=("cla", "cp", "pathway")) -> list[DueReview]:
    return due_reviews(
        frame(CHILDREN, children),
        frame(REVIEWS, reviews),
        frame(CP_PLANS, cp) if cp is not None else None,
        as_of,
        CAL,
        types,
    )


def test_first_review_friday_before_bank_holiday_weekend() -> None:
    (row,) = due([child(start=D(2025, 8, 22))], [], as_of=D(2025, 9, 1))
    assert row == DueReview(
        person_id="1",
        name="Sam Jones",
        review_type="CLA Review",
        due_date=D(2025, 9, 22),
        days_to_due=21,
        status="due",
        scheduled_date=None,
        scheduled_late=False,
        not_booked=False,
        iro="Hannah Price",
        team="Children in Care 1",
        basis="first review: 20 working days after care began on 22/08/2025",
    )


def test_first_review_across_christmas_and_new_year() -> None:
    (row,) = due([child(start=D(2026, 12, 10))], [], as_of=D(2026, 12, 11))
    assert row.due_date == D(2027, 1, 12)  # Tue: 25, 28 Dec and 1 Jan are not working days
    assert row.days_to_due == 32


def test_first_review_across_easter() -> None:
    (row,) = due([child(start=D(2026, 4, 2))], [], as_of=D(2026, 4, 2))
    assert row.due_date == D(2026, 5, 5)


def test_second_review_three_months_after_the_first_held() -> None:
    reviews = [review(D(2026, 1, 28))]
    (row,) = due([child(start=D(2026, 1, 5))], reviews, as_of=D(2026, 4, 1))
    assert (row.due_date, row.days_to_due, row.status) == (D(2026, 4, 28), 27, "due")
    assert row.basis == "second review: 3 months after review held 28/01/2026"


def test_rearranged_and_cancelled_reviews_do_not_count() -> None:
    reviews = [
        review(D(2026, 1, 28)),
        review(D(2026, 4, 20), "Rearranged"),
        review(D(2026, 4, 22), "Cancelled"),
    ]
    (row,) = due([child(start=D(2026, 1, 5))], reviews, as_of=D(2026, 5, 1))
    assert (row.due_date, row.days_to_due, row.status) == (D(2026, 4, 28), -3, "overdue")


def test_first_review_held_late_second_still_three_months_after_it() -> None:
    # Due Mon 02/02/2026 (20 working days after Mon 05/01/2026) but held 16/02/2026.
    (row,) = due([child(start=D(2026, 1, 5))], [review(D(2026, 2, 16))], as_of=D(2026, 5, 1))
    assert row.due_date == D(2026, 5, 16)
    assert row.basis == (
        "second review: 3 months after review held 16/02/2026; "
        "due Sat 16/05/2026, so hold it by Fri 15/05/2026"
    )


def test_later_reviews_six_months_after_the_last_held_31st() -> None:
    reviews = [review(D(2025, 2, 1)), review(D(2025, 4, 30)), review(D(2025, 8, 31))]
    (row,) = due([child(start=D(2025, 1, 10))], reviews, as_of=D(2026, 2, 1))
    assert row.due_date == D(2026, 2, 28)
    assert row.basis == (
        "next review: 6 months after review held 31/08/2025; "
        "due Sat 28/02/2026, so hold it by Fri 27/02/2026"
    )


def test_thirtieth_november_plus_three_months_and_leap_year() -> None:
    (row,) = due([child(start=D(2026, 11, 2))], [review(D(2026, 11, 30))], as_of=D(2026, 12, 1))
    assert row.due_date == D(2027, 2, 28)
    (row,) = due([child(start=D(2023, 11, 1))], [review(D(2023, 11, 30))], as_of=D(2023, 12, 1))
    assert row.due_date == D(2024, 2, 29)
    reviews = [review(D(2023, 3, 1)), review(D(2023, 5, 31)), review(D(2023, 8, 31))]
    (row,) = due([child(start=D(2023, 2, 6))], reviews, as_of=D(2023, 9, 1))
    assert row.due_date == D(2024, 2, 29)


def test_second_period_of_care_starts_again() -> None:
    children = [
        child(start=D(2024, 1, 2), end=D(2024, 6, 1)),
        child(start=D(2026, 3, 2)),
    ]
    reviews = [review(D(2024, 1, 20)), review(D(2024, 4, 15))]
    (row,) = due(children, reviews, as_of=D(2026, 3, 10))
    assert row.due_date == D(2026, 3, 30)
    assert row.basis == (
        "first review: 20 working days after care began on 02/03/2026 (new period of care)"
    )


def test_ended_care_is_not_due_and_reviews_after_as_of_do_not_count() -> None:
    assert due([child(start=D(2025, 1, 6), end=D(2026, 10, 31))], [], as_of=D(2026, 11, 20)) == []
    # A review recorded as held after as_of has not happened yet "as at" that morning.
    (row,) = due([child(start=D(2026, 1, 5))], [review(D(2026, 3, 1))], as_of=D(2026, 2, 10))
    assert (row.due_date, row.status) == (D(2026, 2, 2), "overdue")


def test_scheduled_date_after_the_due_date_is_flagged() -> None:
    reviews = [review(D(2026, 1, 28)), review(D(2026, 5, 5), "Scheduled")]
    (row,) = due([child(start=D(2026, 1, 5))], reviews, as_of=D(2026, 4, 1))
    assert (row.scheduled_date, row.scheduled_late) == (D(2026, 5, 5), True)
    reviews = [review(D(2026, 1, 28)), review(D(2026, 4, 21), "Scheduled")]
    (row,) = due([child(start=D(2026, 1, 5))], reviews, as_of=D(2026, 4, 1))
    assert (row.scheduled_date, row.scheduled_late) == (D(2026, 4, 21), False)


def test_next_review_date_set_by_the_chair_when_nothing_is_booked() -> None:
    reviews = [review(D(2026, 1, 28), next_review_date=D(2026, 5, 1))]
    (row,) = due([child(start=D(2026, 1, 5))], reviews, as_of=D(2026, 4, 1))
    assert (row.scheduled_date, row.scheduled_late) == (D(2026, 5, 1), True)


def test_chairs_date_not_shown_once_passed_or_the_meeting_was_moved() -> None:
    rearranged = [
        review(D(2026, 1, 28), next_review_date=D(2026, 4, 20)),
        review(D(2026, 4, 20), "Rearranged"),
    ]
    (row,) = due([child(start=D(2026, 1, 5))], rearranged, as_of=D(2026, 4, 1))
    assert row.scheduled_date is None
    passed = [review(D(2026, 1, 28), next_review_date=D(2026, 4, 20))]
    (row,) = due([child(start=D(2026, 1, 5))], passed, as_of=D(2026, 4, 21))
    assert (row.scheduled_date, row.status) == (None, "due")


def test_short_breaks_three_then_six_months() -> None:
    (row,) = due([child(start=D(2026, 1, 15), short_breaks=True)], [], as_of=D(2026, 2, 1))
    assert row.due_date == D(2026, 4, 15)
    assert row.basis == "first review (short breaks): 3 months after 15/01/2026"
    (row,) = due(
        [child(start=D(2026, 1, 15), short_breaks=True)],
        [review(D(2026, 4, 10))],
        as_of=D(2026, 5, 1),
    )
    assert row.due_date == D(2026, 10, 10)


def cp(pid="9", strategy=STRATEGY, start=None, end=None, **kw) -> dict:
    return {
        "person_id": pid,
        "strategy_discussion_date": strategy,
        "plan_start": start,
        "plan_end": end,
        "forename": "Ola",
        "surname": "Nowak",
        "team": "Safeguarding 2",
        "chair": "Tom Reid",
        **kw,
    }


def test_icpc_fifteen_working_days_after_strategy_discussion() -> None:
    (row,) = due([], [], as_of=D(2026, 1, 5), cp=[cp()], types=("cp",))
    assert (row.review_type, row.due_date, row.days_to_due) == ("ICPC", D(2026, 1, 14), 9)
    assert (row.name, row.iro, row.team) == ("Ola Nowak", "Tom Reid", "Safeguarding 2")
    assert (
        row.basis == "initial conference: 15 working days after strategy discussion on 19/12/2025"
    )


def test_rcpc_three_months_after_icpc_then_six_months() -> None:
    plan = [cp(start=D(2026, 1, 14))]
    (row,) = due([], [], as_of=D(2026, 2, 1), cp=plan, types=("cp",))
    assert (row.review_type, row.due_date) == ("RCPC", D(2026, 4, 14))
    reviews = [
        review(D(2026, 1, 14), kind="ICPC", pid="9"),
        review(D(2026, 4, 10), kind="RCPC", pid="9"),
    ]
    (row,) = due([], reviews, as_of=D(2026, 5, 1), cp=plan, types=("cp",))
    assert (row.review_type, row.due_date) == ("RCPC", D(2026, 10, 10))
    assert row.basis.startswith("review conference: 6 months after conference held 10/04/2026")


def test_icpc_held_without_plan_start_recorded_still_starts_the_rcpc_clock() -> None:
    reviews = [review(D(2026, 1, 12), kind="ICPC", pid="9", chair="Asha Patel")]
    (row,) = due([], reviews, as_of=D(2026, 2, 1), cp=[cp(chair="")], types=("cp",))
    assert (row.review_type, row.due_date, row.iro) == ("RCPC", D(2026, 4, 12), "Asha Patel")


def test_ended_plan_has_no_conference() -> None:
    plan = [cp(start=D(2026, 1, 14), end=D(2026, 6, 1))]
    assert due([], [], as_of=D(2026, 7, 1), cp=plan, types=("cp",)) == []


def test_pathway_review_six_months_for_care_leavers_only() -> None:
    leaver = child(pid="5", start=D(2020, 1, 6), end=D(2025, 5, 31), date_of_birth=D(2007, 5, 31))
    reviews = [review(D(2026, 6, 1), kind="Pathway Plan Review", pid="5", chair="Jo Bell")]
    (row,) = due([leaver], reviews, as_of=D(2026, 11, 20), types=("pathway",))
    assert (row.review_type, row.due_date, row.iro) == (
        "Pathway Plan Review",
        D(2026, 12, 1),
        "Jo Bell",
    )
    still_in_care = child(pid="5", start=D(2020, 1, 6), date_of_birth=D(2009, 5, 31))
    assert due([still_in_care], reviews, as_of=D(2026, 11, 20), types=("pathway",)) == []


def test_order_and_selection() -> None:
    children = [
        child(pid="a", start=D(2026, 10, 1)),
        child(pid="b", start=D(2026, 11, 2)),
        child(pid="c", start=D(2026, 11, 16), allocated_iro="Tom Reid"),
    ]
    rows = due(children, [], as_of=D(2026, 11, 20))
    assert [(r.person_id, r.due_date, r.days_to_due) for r in rows] == [
        ("a", D(2026, 10, 29), -22),
        ("b", D(2026, 11, 30), 10),
        ("c", D(2026, 12, 14), 24),
    ]
    assert [r.person_id for r in select(rows)] == ["a"]
    assert [r.person_id for r in select(rows, within_days=10)] == ["a", "b"]
    assert [r.person_id for r in select(rows, overdue=False, within_days=30)] == ["b", "c"]
    assert [r.person_id for r in select(rows, within_days=30, iro="tom reid")] == ["c"]
