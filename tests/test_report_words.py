"""Figures written as the reports write them; values worked out by hand."""

from __future__ import annotations

from datetime import date

from iro_cli.periods import Period
from iro_cli.report.words import compared, period_label, share_sentence, whole_percent


def test_the_issues_own_sentence() -> None:
    # 3,027 / 3,165 = 0.9564 -> 96%; 93% the year before
    assert share_sentence(3027, 3165, "CLA reviews", "were held in time", before=0.93,
                          previous_label="2024/25") == (
        "96% of CLA reviews (3,027 of 3,165) were held in time, up from 93% in 2024/25."
    )  # fmt: skip


def test_rounding_half_up_and_comparisons_of_what_is_shown() -> None:
    assert whole_percent(0.125) == 13  # not 12 (round half to even)
    assert whole_percent(0.9649) == 96
    assert compared(0.801, 0.804, "2024/25") == ", the same as in 2024/25"  # 80% and 80%
    assert compared(0.80, 0.85, "2024/25") == ", down from 85% in 2024/25"
    assert compared(0.80, None, "2024/25") == ""
    assert share_sentence(0, 0, "disputes resolved", "were in time") == (
        "There were no disputes resolved."
    )


def test_period_labels() -> None:
    assert period_label(Period(date(2025, 4, 1), date(2026, 3, 31)), date(2026, 11, 20)) == (
        "2025/26"
    )
    # the financial year cut short by the as-at day
    assert period_label(Period(date(2026, 4, 1), date(2027, 3, 31)), date(2026, 11, 20)) == (
        "2026/27 (to 20/11/2026)"
    )
    assert period_label(Period(date(2025, 7, 1), date(2025, 9, 30)), date(2026, 1, 1)) == (
        "2025/26 Q2"
    )
    assert period_label(Period(date(2026, 4, 1), date(2026, 4, 30)), date(2026, 5, 1)) == (
        "April 2026"
    )
    assert period_label(Period(date(2025, 5, 3), date(2025, 6, 9)), date(2026, 1, 1)) == (
        "03/05/2025 to 09/06/2025"
    )
