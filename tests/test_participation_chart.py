"""The participation chart: a real PNG, sized for A4, one bar per group plus Total."""

from __future__ import annotations

import struct

from iro_cli.charts import display_label, participation_chart


def _size(png: bytes) -> tuple[int, int]:
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert png[12:16] == b"IHDR"
    return struct.unpack(">II", png[16:24])


def _row(label: str, **counts: int) -> dict[str, object]:
    return {"quarter": label, **{f"PN{i}": counts.get(f"PN{i}", 0) for i in range(8)},
            "missing": counts.get("missing", 0)}  # fmt: skip


def test_one_bar_per_group_and_a_total_bar() -> None:
    rows = [_row(f"2025/26 Q{i}", PN1=i, PN5=1, PN7=1, PN0=2) for i in range(1, 5)]
    total = _row("Total", PN1=10, PN5=4, PN7=4, PN0=8)
    png = participation_chart(rows, "quarter", title="T", subtitle="S", total=total)
    # 7.5 in wide at 200 dpi; (2.45 + 0.34 per bar) in high: 4 quarters + Total = 5 bars.
    assert _size(png) == (1500, 830)


def test_single_group_has_no_total_bar_and_empty_groups_draw() -> None:
    png = participation_chart(
        [_row("2025/26 Q1")], "quarter", title="T", subtitle="S", total=_row("Total")
    )
    assert _size(png) == (1500, 558)


def test_png_is_reproducible() -> None:
    rows = [_row("A", PN1=3, PN6=2, PN7=1, missing=2), _row("B", PN0=4)]
    first = participation_chart(rows, "quarter", title="T", subtitle="S")
    assert participation_chart(rows, "quarter", title="T", subtitle="S") == first


def test_month_labels_read_as_words() -> None:
    assert display_label("2025-04") == "Apr 2025"
    assert display_label("2026-12") == "Dec 2026"
    assert display_label("2025/26 Q1") == "2025/26 Q1"
    assert display_label("2025-13") == "2025-13"
