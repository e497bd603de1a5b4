"""``iro report``: the annual report pack as an xlsx workbook or a Word document."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import click

from iro_cli.options import (
    PeriodChoice,
    Session,
    as_of_option,
    period_options,
    resolve_period,
    session_options,
)

if TYPE_CHECKING:
    import pandas as pd

    from iro_cli.periods import Period
    from iro_cli.report.pack import Pack, Section

KINDS = {".xlsx": "workbook", ".docx": "document"}
TITLE = "Independent Reviewing Officer service: annual report figures"
DATE_COLUMNS = {
    "children": ("period_start", "period_end"),
    "reviews": ("review_date",),
    "recommendations": (),
    "cp_plans": ("strategy_discussion_date", "plan_start", "plan_end"),
    "disputes": ("raised_date", "resolved_date"),
    "iros": (),
}
MEANINGS = [
    (
        "Held in time",
        "A review held on or before the date the statutory rules give just before "
        "it was held (as iro overdue works it out); a late review does not make the next one late.",
    ),
    (
        "Due, not held",
        "Reviews iro overdue lists as overdue on the last day of the period, counted in the "
        "month their due date fell.",
    ),
    (
        "Repeat plan",
        "A child protection plan started for a child who had an earlier plan that ended before "
        "it; within 2 years when that plan ended 730 days or fewer before.",
    ),
    (
        "Participation rate",
        "Held CLA reviews where the child took part (PN1–PN6) ÷ reviews coded "
        "PN1–PN7; children under 4 (PN0) and reviews with no code are left out.",
    ),
    ("Attendance rate", "Held CLA reviews the child attended (PN1–PN4) ÷ reviews coded PN1–PN7."),
    (
        "Caseload",
        "Children looked after on the day (a period of care begun and not ended) whose "
        "Allocated IRO is the IRO; a child with two open periods counts once.",
    ),
    (
        "Children per FTE",
        "An IRO's children ÷ their FTE in iros.csv; the service's figure is the "
        "children of IROs with an FTE ÷ the sum of their FTE. The IRO Handbook's range is 50–70.",
    ),
    (
        "Changes of IRO",
        "Per child looked after on the day: held CLA reviews in the 12 months "
        "before it chaired by a different IRO from the child's review before (across periods of "
        "care).",
    ),
    (
        "Dispute resolved in time",
        "Resolved on or before its Response Due date, or when the "
        "export has none, the raised date plus the level's working days (iro.toml [disputes]; "
        "5 for informal and for each formal stage: 20 for four stages).",
    ),
    (
        "Practice acknowledgements",
        "Good practice alerts: counted apart, in no dispute rate; "
        "their share is of all alerts raised (disputes and acknowledgements).",
    ),
    (
        "Resolved at Stage 1",
        "Formal disputes begun in the period that reached an outcome, "
        "and of them those not escalated beyond Stage 1 (stages are linked by child).",
    ),
    (
        "No SMART finding",
        "A recommendation that iro lint-recommendations finds specific, "
        "owned and timed (no SMART rule fired), for reviews held in the period.",
    ),
]


@click.command()
@session_options
@period_options
@as_of_option
@click.option(
    "-o",
    "--output",
    "output_path",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="The file to write: .xlsx for the workbook, .docx for the Word document.",
)
@click.option("--force", is_flag=True, help="Replace the output file (and charts) if they exist.")
@click.option(
    "--charts",
    "charts_dir",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    metavar="DIR",
    help="Also write each chart as a PNG picture into DIR (timeliness.png, participation.png, "
    "caseload.png, disputes.png), to paste into your own report.",
)
@click.option(
    "--audit/--no-audit",
    default=True,
    help="Include the SMART audit of recommendations [default: --audit]. Linting every "
    "recommendation of two years takes most of the time in a large authority.",
)
@click.option(
    "--compare/--no-compare",
    default=True,
    help="Put the previous period's figure beside each one (the same months a year "
    "before) [default: --compare].",
)
def report(
    session: Session,
    period_choice: PeriodChoice,
    as_of: date,
    output_path: Path,
    force: bool,
    charts_dir: Path | None,
    audit: bool,
    compare: bool,
) -> None:
    """The annual report pack: every figure for the period, as a workbook or a document.

    Reviews held in time (by year and month), child protection plans,
    participation, caseloads and changes of IRO, disputes by level and theme,
    and the SMART audit of recommendations, each with the previous period
    beside it. As an xlsx workbook: a sheet per table and an About sheet (what
    each figure means, which exports, the as-at day). As a Word document: a
    heading per section, one sentence per headline figure, charts and tables
    in Word's own styles, ready to paste into the annual report.

    \b
    Examples:
      iro report --year 2025/26 -o report.xlsx
      iro report --year 2025/26 -o report.docx
      iro report --quarter "2026/27 Q1" --no-compare -o q1.docx
      iro report --year 2025/26 -o report.docx --charts charts/
    """
    from iro_cli.errors import OutputError
    from iro_cli.fileio import check_writable, write_atomic

    kind = KINDS.get(output_path.suffix.lower())
    if kind is None:
        raise OutputError(f"{output_path}: give a file name ending .xlsx or .docx")
    check_writable(output_path, force)
    period = resolve_period(period_choice, as_of)
    pack = build_pack(
        session,
        period,
        as_of,
        compare,
        charts=kind == "document" or charts_dir is not None,
        audit=audit,
    )
    charts = [chart for section in pack.sections for chart in section.charts]
    if charts_dir is not None:
        for chart in charts:
            check_writable(charts_dir / f"{chart.name}.png", force)
    from iro_cli.progress import status

    with status(f"Report: writing the {kind}…"):
        if kind == "workbook":
            from iro_cli.report.workbook import workbook_bytes

            data = workbook_bytes(pack)
        else:
            from iro_cli.report.document import document_bytes

            data = document_bytes(pack)
    write_atomic(output_path, data, force=force)
    against = f"; compared with {pack.previous_label}" if pack.previous_label else ""
    click.echo(
        f"iro: {kind} written to {output_path} ({pack.period_label}, as at "
        f"{pack.as_at:%d/%m/%Y}{against})",
        err=True,
    )
    if charts_dir is not None:
        for chart in charts:
            write_atomic(charts_dir / f"{chart.name}.png", chart.png, force=force)
        click.echo(f"iro: {len(charts)} charts written to {charts_dir}", err=True)


def previous_of(period: Period) -> Period:
    """The same days a year before (2025/26 -> 2024/25; a quarter -> that quarter a year before)."""
    from iro_cli.periods import YEAR_SHIFT, Period

    return Period(YEAR_SHIFT.back(period.start), YEAR_SHIFT.back(period.end))


def build_pack(
    session: Session,
    period: Period,
    as_of: date,
    compare: bool,
    *,
    charts: bool,
    audit: bool = True,
    progress: IO[Any] | None = None,
) -> Pack:
    """Load the exports once and gather every section (charts only for the document); a
    status line names the section being worked out when ``progress`` (stderr) is a terminal."""
    from iro_cli import __version__
    from iro_cli.periods import Period, as_at
    from iro_cli.progress import status
    from iro_cli.report.pack import Pack
    from iro_cli.report.words import period_label

    day = as_at(period, as_of)
    before = previous_of(period) if compare else None
    before_day = as_at(before, as_of) if before is not None else None
    label = period_label(period, day)
    previous_label = period_label(before, before_day) if before is not None else None
    now_period = Period(period.start, day)
    then_period = Period(before.start, before_day) if before is not None else None  # type: ignore[arg-type]
    with status("Report: reading the exports…", progress):
        data = _load(session, audit)
    # The audit (linting) runs beside the other sections, in a forked process where there is one.
    pending = (
        _audit_aside(session, data, now_period, then_period)
        if audit and data["recommendations"] is not None
        else None
    )

    sections: list[Section] = []
    with status("Report: reviews held in time…", progress):
        sections.append(
            _timeliness(session, data, now_period, then_period, label, previous_label, charts)
        )
    if data["cp_plans"] is not None:
        with status("Report: child protection plans…", progress):
            sections.append(_cp_plans(data, now_period, then_period, label, previous_label))
    else:
        _left_out("cp_plans.csv", "child protection plans")
    with status("Report: participation…", progress):
        sections.append(
            _participation(data, now_period, then_period, label, previous_label, charts)
        )
    if data["iros"] is not None:
        with status("Report: caseloads and changes of IRO…", progress):
            sections.append(_caseload(session, data, day, before_day, previous_label, charts))
    else:
        _left_out("iros.csv", "caseloads and changes of IRO")
    if data["disputes"] is not None:
        with status("Report: dispute resolution…", progress):
            sections.append(
                _disputes(session, data, now_period, then_period, label, previous_label, charts)
            )
    else:
        _left_out("disputes.csv", "dispute resolution")
    if audit:
        if pending is not None:
            from iro_cli.report.sections import audit_section

            with status("Report: the SMART audit of recommendations…", progress):
                rows_now, rows_then = pending()
            sections.append(audit_section(rows_now, rows_then, label, previous_label))
        else:
            _left_out("recommendations.csv", "the SMART audit")
    sources = _sources(data, as_of)
    return Pack(
        TITLE if not _service(session) else f"{_service(session)}: IRO annual report figures",
        label,
        previous_label,
        day,
        before_day,
        sections,
        sources,
        MEANINGS,
        __version__,
    )


def _left_out(file: str, section: str) -> None:
    click.echo(
        f"iro: note: no {file} in the exports: the pack has no section on {section}", err=True
    )


def _service(session: Session) -> str:
    name = session.config.section("letters").get("service_name", "")
    return name.strip() if isinstance(name, str) else ""


def _load(session: Session, audit: bool = True) -> dict[str, pd.DataFrame | None]:
    return {
        "children": session.load("children"),
        "reviews": session.load("reviews"),
        "iros": session.load_optional("iros"),
        "disputes": session.load_optional("disputes"),
        "cp_plans": session.load_optional("cp_plans"),
        "recommendations": _plain("recommendations", session) if audit else None,
    }


def _plain(key: str, session: Session) -> Any:
    """An export as plain columns (no DataFrame: the recommendations are many and only
    linted), or ``None`` when the file is absent."""
    from iro_cli.exports.reader import export_path, read_checked

    if not export_path(key, session.exports, session.config).is_file():
        return None
    return read_checked(key, session.exports, session.config)


def _sources(data: dict[str, Any], as_of: date) -> list[Any]:
    from iro_cli.report.pack import Source

    out = []
    for key, frame in data.items():
        if frame is None:
            continue
        if not hasattr(frame, "attrs"):  # plain columns (read_checked)
            out.append(Source(Path(frame.path).name, len(frame.columns["_line"]), None))
            continue
        name = Path(str(frame.attrs.get("path", f"{key}.csv"))).name
        rows = int(frame.shape[0])
        if key == "reviews":  # meetings held, not those booked ahead
            frame = frame.loc[frame["status"] == "Held"]
        days = [
            d for column in DATE_COLUMNS[key] for d in frame[column] if d is not None and d <= as_of
        ]
        out.append(Source(name, rows, max(days) if days else None))
    return out


# --- sections ---------------------------------------------------------------------------------


def _timeliness(
    session: Session,
    data: dict[str, Any],
    now: Period,
    then: Period | None,
    label: str,
    previous_label: str | None,
    charts: bool,
) -> Section:
    """``iro timeliness`` for the period (by year and by month) and the one before."""
    from iro_cli.periods import YEAR_SHIFT, month_label
    from iro_cli.report.sections import timeliness_section
    from iro_cli.schedule.dates import calendar_from_settings
    from iro_cli.timeliness.figures import TOTAL, monthly_rates, summarise
    from iro_cli.timeliness.reviews import REVIEW_TYPES, review_timeliness

    calendar = calendar_from_settings(session.config.nation, session.config.section("holidays"))
    types = ["cla", "cp", "pathway"] if data["cp_plans"] is not None else ["cla", "pathway"]

    def measure(period: Period) -> Any:
        return review_timeliness(
            data["children"], data["reviews"], data["cp_plans"], period, period.end, calendar, types
        )

    def totals(result: Any) -> list[dict[str, Any]]:
        return [r for r in summarise(result, "year", total=True) if r["year"] == TOTAL]

    result = measure(now)
    before = measure(then) if then is not None else None
    months = summarise(result, "month", total=False)
    month_before: dict[tuple[str, str], float | None] | None = None
    if before is not None:
        month_before = {}
        for kind in REVIEW_TYPES:
            for month, value in monthly_rates(before, kind).items():
                first = date(int(month[:4]), int(month[5:]), 1)
                month_before[(kind, month_label(YEAR_SHIFT.forward(first)))] = value
    section = timeliness_section(
        totals(result),
        totals(before) if before is not None else None,
        months,
        month_before,
        label,
        previous_label,
    )
    if charts and before is not None and previous_label is not None:
        section.charts.append(_timeliness_chart(result, before, now, label, previous_label))
    return section


def _timeliness_chart(
    result: Any, before: Any, now: Period, label: str, previous_label: str
) -> Any:
    """The in-time rate month by month, the year before as a second line (one panel a type)."""
    from iro_cli.charts import timeliness_chart
    from iro_cli.periods import labels_between
    from iro_cli.report.pack import Chart
    from iro_cli.timeliness.figures import monthly_rates
    from iro_cli.timeliness.reviews import REVIEW_TYPES

    months = labels_between("month", now)
    panels = []
    for kind in REVIEW_TYPES:
        held = [r for r in result.held if r.review_type == kind]
        if not held:
            continue
        rates = monthly_rates(result, kind)
        earlier = list(monthly_rates(before, kind).values())
        old = [r for r in before.held if r.review_type == kind]
        panels.append(
            (
                kind,
                months,
                [rates.get(m) for m in months],
                [earlier[i] if i < len(earlier) else None for i in range(len(months))],
                (sum(r.in_time for r in held), len(held)),
                (sum(r.in_time for r in old), len(old)),
            )
        )
    png = timeliness_chart(
        panels,
        labels=(label, previous_label),
        subtitle=f"Share of reviews held on or before their due date, {label} compared with "
        f"{previous_label}",
    )
    return Chart(png, f"Reviews held in time by month, {label}.", "timeliness")


def _cp_plans(
    data: dict[str, Any], now: Period, then: Period | None, label: str, previous_label: str | None
) -> Section:
    """``iro cp-plans`` for the period and the one before."""
    from iro_cli.report.sections import cp_plans_section
    from iro_cli.timeliness.plans import plan_figures, plan_rows

    figures = plan_figures(plan_rows(data["cp_plans"], now, now.end))
    before = plan_figures(plan_rows(data["cp_plans"], then, then.end)) if then else None
    return cp_plans_section(figures, before, label, previous_label)


def _participation(
    data: dict[str, Any],
    now: Period,
    then: Period | None,
    label: str,
    previous_label: str | None,
    charts: bool,
) -> Section:
    from iro_cli.participation import find_warnings, held_cla_reviews, summarise
    from iro_cli.participation.checks import MISSING_CODE, RULE_440, RULE_441
    from iro_cli.report.sections import participation_section

    records = held_cla_reviews(data["reviews"], data["children"])
    summary = summarise(records, "year", now)
    before = summarise(records, "year", then).total if then is not None else None
    kinds = find_warnings(summary.current).counts()
    warnings = {
        "440": kinds.get(RULE_440, 0),
        "441": kinds.get(RULE_441, 0),
        "missing": kinds.get(MISSING_CODE, 0),
    }
    section = participation_section(summary.total, before, warnings, label, previous_label)
    if charts:
        from iro_cli.charts import participation_chart
        from iro_cli.report.pack import Chart

        bars = [dict(row) for row in section.tables[0].rows]
        png = participation_chart(
            bars,
            "year",
            title="How children took part in their reviews",
            subtitle=f"Held CLA reviews of children aged 4 and over, {label}"
            + (f" and {previous_label}" if previous_label else ""),
        )
        section.charts.append(
            Chart(png, f"Participation in CLA reviews, {label}.", "participation")
        )
    return section


def _caseload(
    session: Session,
    data: dict[str, Any],
    day: date,
    before_day: date | None,
    previous_label: str | None,
    charts: bool,
) -> Section:
    from iro_cli.caseload import band_from_settings, caseloads, change_counts, changes_of_iro
    from iro_cli.report.sections import caseload_section

    band = band_from_settings(session.config.section("caseload"), session.config.where)
    children, iros, plans = data["children"], data["iros"], data["cp_plans"]
    now = caseloads(children, iros, plans, day, band)
    before = caseloads(children, iros, plans, before_day, band) if before_day else None
    changes_now = change_counts(changes_of_iro(children, data["reviews"], day))
    changes_before = (
        change_counts(changes_of_iro(children, data["reviews"], before_day)) if before_day else None
    )
    when = f"on {before_day:%d/%m/%Y}" if before_day else None
    section = caseload_section(now, before, changes_now, changes_before, when, previous_label)
    if charts:
        from iro_cli.report.charts import caseload_chart
        from iro_cli.report.pack import Chart

        png = caseload_chart(
            now.rows,
            now.per_fte,
            band.low,
            band.high,
            title="Children per full-time IRO",
            subtitle=f"Children looked after on {day:%d/%m/%Y} per FTE of "
            "each IRO, against the IRO Handbook's range",
        )
        section.charts.append(Chart(png, f"Caseload per FTE on {day:%d/%m/%Y}.", "caseload"))
    return section


def _disputes(
    session: Session,
    data: dict[str, Any],
    now: Period,
    then: Period | None,
    label: str,
    previous_label: str | None,
    charts: bool,
) -> Section:
    from iro_cli.disputes import LEVELS, days_from_settings, read_disputes, summarise
    from iro_cli.report.sections import disputes_section
    from iro_cli.schedule.dates import calendar_from_settings

    config = session.config
    days = days_from_settings(config.section("disputes"), config.where)
    calendar = calendar_from_settings(config.nation, config.section("holidays"))
    items = read_disputes(data["disputes"], days, calendar)
    current = summarise(items, now.start, now.end, "level")
    before = summarise(items, then.start, then.end, "level") if then is not None else None
    by_theme = summarise(items, now.start, now.end, "theme")
    section = disputes_section(current, before, by_theme, label, previous_label)
    if charts:
        from iro_cli.report.charts import disputes_chart
        from iro_cli.report.pack import Chart

        png = disputes_chart(
            LEVELS,
            current.rows,
            before.rows if before else None,
            (label, previous_label),
            title="Disputes raised by IROs, by level",
            subtitle=f"Raised in {label}: resolved in time, late or still open "
            f"on {now.end:%d/%m/%Y}",
        )
        section.charts.append(Chart(png, f"Disputes by level, {label}.", "disputes"))
    return section


def _audit(
    session: Session,
    data: dict[str, Any],
    now: Period,
    then: Period | None,
    label: str,
    previous_label: str | None,
) -> Section | None:
    if data["recommendations"] is None:
        return None
    from iro_cli.report.sections import audit_section

    rows_now, rows_then = smart_audit(session, data, now, then)
    return audit_section(rows_now, rows_then, label, previous_label)


_ASIDE: dict[str, Any] = {}  # what the forked audit process inherits (nothing is pickled)


def _audit_in_child() -> Any:
    return smart_audit(**_ASIDE)


def _audit_aside(
    session: Session, data: dict[str, Any], now: Period, then: Period | None
) -> Callable[[], Any]:
    """Start :func:`smart_audit` in a forked process and return the function that waits
    for its rows. Where processes are not forked (Windows), it runs when waited for."""
    import multiprocessing

    arguments = {"session": session, "data": data, "now": now, "then": then}
    if "fork" not in multiprocessing.get_all_start_methods():
        return lambda: smart_audit(**arguments)
    from concurrent.futures import ProcessPoolExecutor

    _ASIDE.update(arguments)
    pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork"))
    future = pool.submit(_audit_in_child)  # the process is forked here, with _ASIDE
    _ASIDE.clear()

    def wait() -> Any:
        try:
            return future.result()
        finally:
            pool.shutdown()

    return wait


def smart_audit(
    session: Session, data: dict[str, Any], now: Period, then: Period | None
) -> tuple[list[dict[str, Any]], list[dict[str, Any]] | None]:
    """The IRO and total rows of the lint summary for the recommendations of reviews held
    in each period (contexts from every review, as lint-recommendations builds them)."""
    import os

    from iro_cli.lint.engine import build_context, lint_in_context, settings_from_config
    from iro_cli.lint.inputs import reviews_from_frame, rows_from_columns
    from iro_cli.lint.summary import summarise
    from iro_cli.lint.terms import load_terms

    section = dict(session.config.section("lint"))
    settings = settings_from_config(section)
    terms = load_terms(section)
    rows = rows_from_columns(data["recommendations"].columns)
    reviews = reviews_from_frame(data["reviews"])
    contexts = build_context(rows, reviews)
    chair = {r.review_id: r.chair for r in reviews if r.chair}
    dates = {rid: ctx.review_date for rid, ctx in contexts.items()}
    first = then.start if then is not None else now.start

    def within(row: Any) -> bool:
        day = dates.get(row.review_id)
        return day is not None and first <= day <= now.end

    chosen = [row for row in rows if within(row)]
    found = lint_in_context(chosen, contexts, terms, settings, now.end, os.cpu_count() or 1)

    def rows_for(period: Period) -> list[dict[str, Any]]:
        pairs = [
            (r, f)
            for r, f in zip(chosen, found, strict=True)
            if period.start <= dates[r.review_id] <= period.end
        ]
        table = summarise([r for r, _ in pairs], [f for _, f in pairs], chair, dates)
        return [r for r in table if r["level"] in ("iro", "total")]

    return rows_for(now), rows_for(then) if then is not None else None
