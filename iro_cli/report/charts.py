"""Charts of the report pack for a councillor: caseload per FTE and disputes by level.

Okabe–Ito colour-blind-safe colours, a title that says what the chart shows, the
numbers written on the bars. matplotlib is imported inside each function (Agg,
no pyplot), so importing this module is cheap.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

BLUE, SKY, ORANGE, VERMILION, GREEN, GREY = (
    "#0072B2",
    "#56B4E9",
    "#E69F00",
    "#D55E00",
    "#009E73",
    "#999999",
)
WIDTH_INCHES = 7.5
MOST_BARS = 30  # more IROs than this: a histogram instead of a bar each
DPI = 200


def _figure(height: float) -> Any:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(WIDTH_INCHES, height), dpi=DPI)
    FigureCanvasAgg(fig)
    return fig


def _png(fig: Any) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=DPI, metadata={"Software": None})
    return buffer.getvalue()


def _titles(fig: Any, height: float, title: str, subtitle: str) -> None:
    fig.text(0.02, 1 - 0.12 / height, title, fontsize=13, fontweight="bold", va="top")
    fig.text(0.02, 1 - 0.42 / height, subtitle, fontsize=9.5, color="#333333", va="top")


def caseload_chart(
    rows: Sequence[dict[str, Any]],
    service: float | None,
    low: float,
    high: float,
    *,
    title: str,
    subtitle: str,
) -> bytes:
    """One bar per IRO with an FTE (children per FTE), the band shaded, the service line."""
    from matplotlib.patches import Patch

    bars = [r for r in rows if r.get("children_per_fte") is not None]
    if len(bars) > MOST_BARS:  # a bar an IRO no longer reads: how many IROs at each caseload
        values = [float(r["children_per_fte"]) for r in bars]
        return caseload_histogram(values, service, low, high, title=title, subtitle=subtitle)
    n = max(len(bars), 1)
    height = 2.3 + 0.32 * n
    fig = _figure(height)
    top, bottom = 1 - 1.2 / height, 0.75 / height
    ax = fig.add_axes((0.27, bottom, 0.68, top - bottom))
    values = [float(r["children_per_fte"]) for r in bars]
    most = max([*values, high, service or 0]) * 1.12
    ax.axvspan(low, high, color=GREEN, alpha=0.13, linewidth=0)
    colours = [VERMILION if v > high else BLUE for v in values]
    ax.barh(range(len(bars)), values, color=colours, height=0.66)
    for y, value in enumerate(values):
        ax.text(
            value + most * 0.01,
            y,
            f"{value:.1f}",
            va="center",
            fontsize=8,
            zorder=4,
            bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.6},
        )
    ax.set_yticks(range(len(bars)), [f"{r['iro']} ({r['fte']:g} FTE)" for r in bars], fontsize=8.5)
    ax.set_ylim(len(bars) - 0.5, -0.5)
    ax.set_xlim(0, most)
    ax.set_xlabel("Children looked after per full-time IRO", fontsize=9)
    ax.tick_params(axis="x", labelsize=8)
    ax.tick_params(axis="y", length=0)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    handles = [
        Patch(facecolor=GREEN, alpha=0.25, label=f"IRO Handbook range ({low:g}–{high:g})"),
        Patch(facecolor=BLUE, label="Within or below the range"),
        Patch(facecolor=VERMILION, label=f"Above {high:g}"),
    ]
    _service_line(ax, handles, service)
    _titles(fig, height, title, subtitle)
    fig.legend(
        handles=handles,
        loc="upper left",
        ncols=4,
        frameon=False,
        fontsize=7.5,
        bbox_to_anchor=(0.015, 1 - 0.66 / height),
        handlelength=1.2,
        columnspacing=1.2,
    )
    return _png(fig)


def _service_line(ax: Any, handles: list[Any], service: float | None) -> None:
    """The service's caseload per FTE as a dashed line, with its legend entry."""
    if service is None:
        return
    from matplotlib.lines import Line2D

    ax.axvline(service, color="black", linestyle="--", linewidth=1)
    handles.append(Line2D([0], [0], color="black", linestyle="--", label=f"Service: {service:.1f}"))


def caseload_histogram(
    values: Sequence[float],
    service: float | None,
    low: float,
    high: float,
    *,
    title: str,
    subtitle: str,
) -> bytes:
    """How many IROs carry each caseload per FTE (bands of 5), the range shaded."""
    from matplotlib.patches import Patch

    height = 4.2
    fig = _figure(height)
    top, bottom = 1 - 1.2 / height, 0.75 / height
    ax = fig.add_axes((0.1, bottom, 0.86, top - bottom))
    width = 5.0
    top_edge = max([*values, high]) + width
    edges = [i * width for i in range(int(top_edge // width) + 2)]
    # bands (a, b]: an IRO at exactly the top of the range is inside it; 0 is in the first
    counts = [
        sum(a < v <= b or (a == 0 and v == 0) for v in values)
        for a, b in zip(edges, edges[1:], strict=False)
    ]
    ax.axvspan(low, high, color=GREEN, alpha=0.13, linewidth=0)
    colours = [VERMILION if a >= high else BLUE for a in edges[:-1]]
    ax.bar(edges[:-1], counts, width=width * 0.9, align="edge", color=colours)
    ax.set_xlabel("Children looked after per full-time IRO (bands of 5: 50 is in 45–50)",
                  fontsize=9)  # fmt: skip
    ax.set_ylabel("IROs", fontsize=9)
    ax.tick_params(labelsize=8)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    handles = [
        Patch(facecolor=GREEN, alpha=0.25, label=f"IRO Handbook range ({low:g}–{high:g})"),
        Patch(facecolor=VERMILION, label=f"Above {high:g}"),
    ]
    _service_line(ax, handles, service)
    _titles(fig, height, title, subtitle)
    fig.legend(handles=handles, loc="upper left", ncols=3, frameon=False, fontsize=8,
               bbox_to_anchor=(0.015, 1 - 0.66 / height))  # fmt: skip
    return _png(fig)


def disputes_chart(
    levels: Sequence[str],
    now: Sequence[dict[str, Any]],
    before: Sequence[dict[str, Any]] | None,
    labels: tuple[str, str | None],
    *,
    title: str,
    subtitle: str,
) -> bytes:
    """Per level: disputes resolved in time, resolved late and open (stacked), and the
    previous period's total raised as a hollow bar beside it."""
    from matplotlib.patches import Patch

    height = 4.2
    fig = _figure(height)
    top, bottom = 1 - 1.25 / height, 0.75 / height
    ax = fig.add_axes((0.08, bottom, 0.9, top - bottom))
    width = 0.38 if before is not None else 0.6
    xs = list(range(len(levels)))
    shift = width / 2 if before is not None else 0
    in_time = [int(r["resolved_in_time"] or 0) for r in now]
    late = [int(r["resolved"]) - t for r, t in zip(now, in_time, strict=True)]
    still = [int(r["open"]) for r in now]
    base = [0] * len(levels)
    for values, colour, name in (
        (in_time, BLUE, "Resolved in time"),
        (late, ORANGE, "Resolved late"),
        (still, GREY, "Open"),
    ):
        ax.bar([x - shift for x in xs], values, width, bottom=base, color=colour, label=name)
        base = [b + v for b, v in zip(base, values, strict=True)]
    for x, total in zip(xs, base, strict=True):
        ax.text(x - shift, total, f"{total}", ha="center", va="bottom", fontsize=8)
    handles = [
        Patch(facecolor=BLUE, label="Resolved in time"),
        Patch(facecolor=ORANGE, label="Resolved late"),
        Patch(facecolor=GREY, label="Open"),
    ]
    most = max(base + [1])
    if before is not None:
        earlier = [int(r["raised"]) for r in before]
        ax.bar(
            [x + shift for x in xs],
            earlier,
            width,
            facecolor="white",
            edgecolor=BLUE,
            hatch="///",
            linewidth=1,
        )
        for x, value in zip(xs, earlier, strict=True):
            ax.text(
                x + shift, value, f"{value}", ha="center", va="bottom", fontsize=8, color="#333333"
            )
        handles.append(
            Patch(facecolor="white", edgecolor=BLUE, hatch="///", label=f"Raised in {labels[1]}")
        )
        most = max(most, *earlier)
    ax.set_xticks(xs, [level.replace("Formal ", "") for level in levels], fontsize=8.5)
    ax.set_ylim(0, most * 1.15 + 1)
    ax.set_ylabel("Disputes raised", fontsize=9)
    ax.tick_params(axis="y", labelsize=8)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.yaxis.grid(True, color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)
    _titles(fig, height, title, subtitle)
    fig.legend(
        handles=handles,
        loc="upper left",
        ncols=4,
        frameon=False,
        fontsize=8,
        bbox_to_anchor=(0.015, 1 - 0.68 / height),
        handlelength=1.2,
    )
    return _png(fig)
