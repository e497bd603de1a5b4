"""The participation chart for annual reports: one 100% stacked bar per group.

Bars split the reviews of children aged 4 and over (PN1–PN7) into attended
(PN1–PN4), views conveyed without attending (PN5–PN6) and did not take part
(PN7). Reviews of under-4s (PN0) are not in the bars: their count is shown in a
column to the right. Colours are from the Okabe–Ito colour-blind-safe palette.

matplotlib is imported inside :func:`participation_chart` (with the Agg
backend, no window, no global pyplot state), so importing this module is cheap.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Mapping, Sequence

from iro_cli.participation.codes import ATTENDED, CONVEYED, NOT_TAKING_PART, UNDER_FOUR

SEGMENTS = (
    ("Attended (PN1–PN4)", ATTENDED, "#0072B2", "white"),
    ("Views conveyed, did not attend (PN5–PN6)", CONVEYED, "#56B4E9", "black"),
    ("Did not take part (PN7)", NOT_TAKING_PART, "#E69F00", "black"),
)
WIDTH_INCHES = 7.5  # scaled to A4 text width (16 cm) text stays about 8 pt or larger
DPI = 200
MIN_LABELLED = 0.045  # segments narrower than this get no percentage label


def display_label(text: str) -> str:
    """Months read better as ``Apr 2025`` than ``2025-04`` in a report."""
    if re.fullmatch(r"\d{4}-\d{2}", text) and 1 <= int(text[5:]) <= 12:
        return f"{calendar.month_abbr[int(text[5:])]} {text[:4]}"
    return text


def _count(row: Mapping[str, object], codes: Sequence[str]) -> int:
    return sum(int(row.get(code, 0) or 0) for code in codes)  # type: ignore[call-overload]


def participation_chart(
    rows: Sequence[Mapping[str, object]],
    label_column: str,
    *,
    title: str,
    subtitle: str,
    total: Mapping[str, object] | None = None,
) -> bytes:
    """A PNG of the breakdown: one bar per row (and a ``Total`` bar last when given)."""
    import io

    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch

    bars = [(display_label(str(row[label_column])), row, False) for row in rows]
    if total is not None and len(rows) > 1:
        bars.append(("Total", total, True))
    n = max(len(bars), 1)
    bar_height = 0.34  # inches per bar
    height = 2.45 + bar_height * n
    fig = Figure(figsize=(WIDTH_INCHES, height), dpi=DPI)
    FigureCanvasAgg(fig)
    top, bottom = 1 - 1.45 / height, 0.95 / height
    ax = fig.add_axes((0.2, bottom, 0.6, top - bottom))

    positions = list(range(n))
    missing = sum(_count(row, ("missing",)) for row in rows)
    for y, (_label, row, _) in zip(positions, bars, strict=True):
        rated = sum(_count(row, codes) for _, codes, _, _ in SEGMENTS)
        pn0 = _count(row, (UNDER_FOUR,))
        if rated == 0:
            ax.text(0.01, y, "no reviews coded PN1–PN7", va="center",
                    fontsize=8, color="#555555", style="italic")  # fmt: skip
        left = 0.0
        for _name, codes, colour, ink in SEGMENTS:
            share = _count(row, codes) / rated if rated else 0.0
            if share:
                ax.barh(y, share, left=left, height=0.72, color=colour,
                        edgecolor="white", linewidth=0.6)  # fmt: skip
                if share >= MIN_LABELLED:
                    ax.text(left + share / 2, y, f"{share:.0%}", ha="center", va="center",
                            fontsize=8, color=ink)  # fmt: skip
            left += share
        ax.text(1.15, y, f"{rated:,}", ha="right", va="center", fontsize=8,
                transform=ax.get_yaxis_transform())  # fmt: skip
        ax.text(1.31, y, f"{pn0:,}", ha="right", va="center", fontsize=8, color="#444444",
                transform=ax.get_yaxis_transform())  # fmt: skip

    ax.set_yticks(positions, [label for label, _, _ in bars], fontsize=9)
    for tick, (_, _, bold) in zip(ax.get_yticklabels(), bars, strict=True):
        if bold:
            tick.set_fontweight("bold")
    if any(bold for _, _, bold in bars):
        ax.axhline(n - 1.5, color="#999999", linewidth=0.8)
    ax.set_ylim(n - 0.5, -0.5)  # first group at the top
    ax.set_xlim(0, 1)
    ax.set_xticks([0, 0.25, 0.5, 0.75, 1], ["0%", "25%", "50%", "75%", "100%"], fontsize=8)
    ax.set_xlabel("Share of held CLA reviews of children aged 4 and over (PN1–PN7)", fontsize=9)
    ax.xaxis.grid(True, color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    ax.tick_params(axis="y", length=0)
    head = {"ha": "right", "va": "bottom", "fontsize": 8, "fontweight": "bold"}
    ax.text(1.15, -0.62, "Reviews\n(PN1–PN7)", transform=ax.get_yaxis_transform(), **head)
    ax.text(1.31, -0.62, "Under 4\n(PN0)", transform=ax.get_yaxis_transform(), **head)

    fig.text(0.02, 1 - 0.12 / height, title, fontsize=13, fontweight="bold",
             va="top")  # fmt: skip
    fig.text(0.02, 1 - 0.42 / height, subtitle, fontsize=9.5, color="#333333",
             va="top")  # fmt: skip
    handles = [Patch(facecolor=colour, label=name) for name, _, colour, _ in SEGMENTS]
    fig.legend(handles=handles, loc="upper left", ncols=3, frameon=False, fontsize=8,
               bbox_to_anchor=(0.015, 1 - 0.68 / height),
               handlelength=1.2, columnspacing=1.4)  # fmt: skip
    # Each label is rounded on its own so it matches the rates in the table (attended =
    # attendance rate); a bar's labels may then add up to 99% or 101%.
    notes = ["PN0 reviews (children under 4) are not in the bars or the rates."]
    if missing:
        plural, verb = ("s", "are") if missing != 1 else ("", "is")
        notes[0] += f" {missing:,} review{plural} with no participation code {verb} not shown."
    notes.append("Percentages are rounded, so a bar may not add up to exactly 100%.")
    note = "\n".join(notes)
    fig.text(0.02, 0.08 / height, note, fontsize=7.5, color="#444444", va="bottom",
             linespacing=1.4)  # fmt: skip

    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=DPI, metadata={"Software": None})
    return buffer.getvalue()


# --- timeliness -------------------------------------------------------------------------------

THIS_YEAR = "#0072B2"  # Okabe–Ito blue
LAST_YEAR = "#E69F00"  # Okabe–Ito orange


def timeliness_chart(
    panels: Sequence[
        tuple[
            str,
            Sequence[str],
            Sequence[float | None],
            Sequence[float | None],
            tuple[int, int],
            tuple[int, int],
        ]
    ],
    *,
    labels: tuple[str, str],
    subtitle: str,
    title: str = "Reviews held on time, month by month",
) -> bytes:
    """A PNG with one panel per review type: the in-time rate month by month, this year
    (solid blue, round markers, labelled) and the year before (dashed orange, squares).

    Each panel is ``(review type, month labels, rates now, rates a year before,
    (in time, held) now, (in time, held) a year before)``.
    """
    import io

    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    n = max(len(panels), 1)
    panel_height = 2.35
    height = panel_height * n + 1.25
    fig = Figure(figsize=(WIDTH_INCHES, height), dpi=DPI)
    FigureCanvasAgg(fig)
    names = {"CLA Review": "Child in care reviews", "ICPC": "Initial child protection conferences",
             "RCPC": "Review child protection conferences",
             "Pathway Plan Review": "Pathway plan reviews"}  # fmt: skip
    for i, (kind, months, now, then, (in_time, held), (then_in, then_held)) in enumerate(panels):
        rates = [v for v in (*now, *then) if v is not None]
        lowest = min(rates, default=1.0)  # each panel starts 10 points below its lowest month
        floor = max(0.0, min(0.8, int(lowest * 10) / 10 - 0.1))
        bottom = (1.0 + panel_height * (n - 1 - i)) / height
        ax = fig.add_axes((0.1, bottom, 0.86, (panel_height - 0.8) / height))
        xs = list(range(len(months)))
        ys_then = [None if v is None else v * 100 for v in then]
        ys_now = [None if v is None else v * 100 for v in now]
        ax.plot(xs, [float("nan") if v is None else v for v in ys_now], color=THIS_YEAR,
                marker="o", markersize=4, linewidth=2, label=labels[0], zorder=3)  # fmt: skip
        ax.plot(xs, [float("nan") if v is None else v for v in ys_then], color=LAST_YEAR,
                linestyle="--", marker="s", markersize=3.5, linewidth=1.4,
                label=labels[1])  # fmt: skip
        for x, y in zip(xs, ys_now, strict=True):
            if y is None:
                continue
            around = [v for v in ys_now[max(x - 1, 0) : x + 2] if v is not None and v != y]
            # A dip has its label under it, unless that would fall off the panel.
            below = bool(around) and all(y < v for v in around) and y >= floor * 100 + 8
            ax.annotate(f"{y:.0f}%", (x, y), textcoords="offset points",
                        xytext=(0, -11 if below else 5), ha="center", fontsize=6.5,
                        color=THIS_YEAR)  # fmt: skip
        ax.set_ylim(floor * 100, 106)
        step = 20 if floor <= 0.4 else 10 if floor <= 0.7 else 5
        ax.set_yticks(range(round(floor * 100), 101, step))
        ax.set_xlim(-0.4, len(months) - 0.6)
        ax.set_xticks(xs, [display_label(m).replace(" ", "\n") for m in months], fontsize=7)
        ax.yaxis.set_major_formatter(lambda v, _pos: f"{v:.0f}%")
        ax.tick_params(axis="y", labelsize=7.5)
        ax.set_ylabel("Held in time", fontsize=8)
        ax.yaxis.grid(True, color="#dddddd", linewidth=0.6)
        ax.set_axisbelow(True)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        rate_now = f"{in_time / held:.1%} ({in_time:,}/{held:,})" if held else "none held"
        rate_then = (
            f"{then_in / then_held:.1%} ({then_in:,}/{then_held:,})" if then_held else "none held"
        )
        ax.set_title(f"{names.get(kind, kind)}: {labels[0]} {rate_now}; {labels[1]} {rate_then}",
                     fontsize=8.5, loc="left", fontweight="bold", pad=9)  # fmt: skip
        if i == 0:
            ax.legend(loc="lower left", fontsize=7.5, frameon=False, ncols=2)
    fig.text(0.02, 1 - 0.15 / height, title, fontsize=13,
             fontweight="bold", va="top")  # fmt: skip
    fig.text(0.02, 1 - 0.5 / height, subtitle, fontsize=8.5, color="#333333",
             va="top")  # fmt: skip
    fig.text(0.02, 0.12 / height,
             "On time: held on or before the date the statutory timescale allows. Months with no "
             "reviews held are left blank.", fontsize=7, color="#444444")  # fmt: skip
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=DPI, metadata={"Software": None})
    return buffer.getvalue()
