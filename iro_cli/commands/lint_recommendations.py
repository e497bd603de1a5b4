"""``iro lint-recommendations``: SMART and child-friendly wording checks on review minutes."""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import click

from iro_cli.errors import InputError, IroError, Problem
from iro_cli.options import Output, Session, as_of_option, output_options, session_options
from iro_cli.output import FORMATS

COLUMNS = (
    "review_id",
    "person_id",
    "recommendation_no",
    "line",
    "code",
    "category",
    "severity",
    "message",
    "suggestion",
    "text",
)
LINT_FORMATS = (*FORMATS, "sarif")
PROGRESS_FROM = 10_000  # rows: a run this long shows a status line on a terminal
# What a person reads on screen (--wide: every column, as in csv/json/xlsx).
FINDING_TABLE = ("review_id", "line", "code", "severity", "message", "text")
SUMMARY_TABLE = (
    "level",
    "iro",
    "recommendations",
    "smart_clean",
    "smart_clean_rate",
    "errors",
    "warnings",
    "info",
)


class LintUsageError(IroError):
    """Usage or input error: this command exits 2, as linters do."""

    exit_code = 2


def _exit_2_on_usage_errors(fn: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except LintUsageError:
            raise
        except IroError as exc:
            raise LintUsageError(str(exc)) from exc

    return wrapper


def _note(message: str) -> None:
    click.echo(f"iro: note: {message}", err=True)


def _codes_option(value: str | None) -> list[str] | None:
    if value is None:
        return None
    return [v.strip() for v in value.split(",") if v.strip()]


@click.command("lint-recommendations")
@click.argument("source", required=False, metavar="[FILE|-]")
@click.option(
    "--fail-on",
    type=click.Choice(("error", "warning", "info", "never"), case_sensitive=False),
    default=None,
    help="Exit 1 when a finding is at or above this severity "
    "[default: iro.toml fail_on, else warning].",
)
@click.option("--summary", is_flag=True, help="Per-IRO and per-review counts, not findings.")
@click.option("--select", metavar="CODES", help="Only these rules (e.g. SMART,CARE001).")
@click.option("--ignore", metavar="CODES", help="Not these rules (e.g. ACR001,PLAIN).")
@click.option(
    "--max-sentence-words",
    type=click.IntRange(min=1),
    default=None,
    help="Sentence length limit for PLAIN001 [default: 25].",
)
@click.option("--list-rules", is_flag=True, help="List the rules and exit.")
@click.option(
    "--iro", default=None, help="Only reviews chaired by this IRO (else the child's IRO)."
)
@click.option("--team", default=None, help="Only children of this team (children.csv).")
@click.option("--sheet", metavar="NAME", help="The sheet of an .xlsx FILE [default: the first].")
@click.option(
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Processes to use for large files [default: one per CPU core].",
)
@_exit_2_on_usage_errors
@session_options
@as_of_option
@output_options(LINT_FORMATS, {".sarif": "sarif"})
def lint_recommendations(
    source: str | None,
    fail_on: str | None,
    summary: bool,
    select: str | None,
    ignore: str | None,
    max_sentence_words: int | None,
    list_rules: bool,
    iro: str | None,
    team: str | None,
    sheet: str | None,
    jobs: int | None,
    session: Session,
    as_of: date,
    out: Output,
) -> None:
    """Check review recommendations are SMART and written for the child.

    Reads recommendations.csv from the export folder, or FILE: a CSV with a
    Recommendation column (Review ID and Person ID optional), plain text with one
    recommendation a line, or a Word document (.docx: one per numbered item or
    paragraph, under a "Recommendations" heading when there is one); - for stdin.
    Uses reviews.csv, when present, for target dates (SMART006) and drift from
    the previous review (SMART007).

    Exit status: 0 when nothing at or above --fail-on, 1 when there are
    findings, 2 on a usage or input error. Suggestions are never applied.

    \b
    Examples:
      iro lint-recommendations --exports exports
      iro lint-recommendations minutes.csv --fail-on error
      iro lint-recommendations draft.txt
      iro lint-recommendations minutes.docx
      iro lint-recommendations --summary -o audit.xlsx
    """
    from iro_cli.lint.engine import settings_from_config
    from iro_cli.lint.terms import load_terms

    if list_rules:
        _list_rules(out)
        return
    section = dict(session.config.section("lint"))
    for key, value in (("select", _codes_option(select)), ("ignore", _codes_option(ignore))):
        if value is not None:
            section[key] = value
    if max_sentence_words is not None:
        section["max_sentence_words"] = max_sentence_words
    settings = settings_from_config(section, fail_on=fail_on.lower() if fail_on else None)
    terms = load_terms(section)

    rows, uri, draft = _read_source(source, session, sheet)
    reviews = None if draft else _reviews(session, source, as_of)
    every_row = rows  # the previous review's wording (SMART007) may be another IRO's
    if iro or team:
        if draft:
            raise LintUsageError("--iro and --team need recommendations with a Review ID, not text")
        rows = _only(rows, reviews, session, iro, team)
    workers = jobs or os.cpu_count() or 1
    run_lint(
        rows, uri, draft, reviews, session, settings, terms, as_of, out, summary, workers, every_row
    )


def run_lint(
    rows: list[Any],
    uri: str,
    draft: bool,
    reviews: list[Any] | None,
    session: Session,
    settings: Any,
    terms: Any,
    as_of: date,
    out: Output,
    summary: bool,
    workers: int = 1,
    context_rows: list[Any] | None = None,
) -> None:
    from iro_cli.lint.engine import Context, build_context, lint_in_context

    if draft:
        # A text file, a Word document or a CSV without Review IDs is today's draft:
        # targets are checked against today.
        contexts: dict[str, Context] = {}
        today = Context(review_date=as_of, known=True)
        results = lint_in_context(rows, {"": today}, terms, settings, as_of)  # no Review ID
    else:
        contexts = build_context(rows if context_rows is None else context_rows, reviews)
        if reviews is None:
            _note(
                "reviews.csv not found: SMART006 (target dates) and SMART007 (drift) were "
                "skipped; give the export folder with --exports"
            )
        else:
            missing = {r.review_id for r in rows if r.review_id not in contexts}
            if missing:
                _note(
                    f"{len(missing)} review{'s' * (len(missing) != 1)} not in reviews.csv "
                    f"(e.g. Review ID {sorted(missing)[0]}): SMART006 and SMART007 skipped "
                    "for their recommendations"
                )
        from iro_cli.progress import status

        count = len(rows)
        with status(f"Linting {count:,} recommendations…", show=count > PROGRESS_FROM):
            results = lint_in_context(rows, contexts, terms, settings, as_of, workers)

    fmt = out.format
    if summary:
        _render_summary(rows, results, reviews, contexts, session, out, fmt)
    elif fmt == "sarif":
        from iro_cli.lint.sarif import render_sarif
        from iro_cli.output import write_output

        write_output(render_sarif(rows, results, uri), "sarif", out.path, force=out.force)
    else:
        _render_findings(rows, results, out, fmt, draft)
    _totals(rows, results, fmt, out)
    if settings.fails(f for found in results for f in found):
        raise click.exceptions.Exit(1)


# What FILE can be. Each kind read from bytes has an entry in _FILE_READERS; a workbook
# (.xlsx, .xlsm) is read from its path, by the same reader as the exports.
READABLE = (
    "a CSV file (.csv), an Excel workbook (.xlsx), a text file (.txt) or a Word document (.docx)"
)
_KIND_NAMES = {
    "pdf": "a PDF",
    "xlsx": "an Excel workbook from stdin (give its file name)",
    "xls": "an old-style Excel workbook (.xls)",
    "doc": "an old-style Word document (.doc)",
    "zip": "a zip file",
    "binary": "this file (it is not text)",
}


def _read_file_export(read: Callable[[Any], Any]) -> Any:
    """``read(spec)`` of the recommendations export as FILE gives it, checked. A file
    without Review ID and Person ID columns lints without them (findings then carry the
    line number); a file that has them must fill them, as the export does."""
    from dataclasses import replace

    from iro_cli.exports.reader import check
    from iro_cli.exports.schema import EXPORTS

    spec = EXPORTS["recommendations"]
    result = read(spec)
    ids = {c.header for c in spec.columns if c.name in ("review_id", "person_id")}
    missing = {p.column for p in result.problems if p.message == "required column is missing"}
    if missing == ids:  # neither column: a list of recommendations, not an export
        optional = ("review_id", "person_id")
        columns = tuple(
            replace(c, required=False) if c.name in optional else c for c in spec.columns
        )
        result = read(replace(spec, columns=columns))
    return check(result, hint=_FILE_HINT)


def _read_source(
    source: str | None, session: Session, sheet: str | None = None
) -> tuple[list[Any], str, bool]:
    """(rows, name for messages, is today's draft: no review IDs to look up)."""
    from iro_cli.exports.reader import read_checked
    from iro_cli.exports.schema import EXPORTS
    from iro_cli.lint.inputs import file_kind, rows_from_columns

    if source is None:  # plain columns: no pandas for csv, json or sarif
        read = read_checked("recommendations", session.exports, session.config)
        name = read.path or EXPORTS["recommendations"].filename
        return rows_from_columns(read.columns), name, False
    if source == "-":
        raw = sys.stdin.buffer.read() if hasattr(sys.stdin, "buffer") else sys.stdin.read().encode()
        name, suffix = "<stdin>", ""
    else:
        path = Path(source)
        if path.is_dir():
            raise LintUsageError(
                f"{source}: is a folder; give a file, or the export folder with --exports"
            )
        if not path.is_file():
            raise LintUsageError(f"{source}: file not found")
        from iro_cli.exports.excel import is_workbook

        if is_workbook(path):  # the first sheet (or --sheet), with the headers of a CSV
            from iro_cli.exports.reader import read_workbook

            chosen = sheet or session.config.sheet
            header_map = session.config.header_map("recommendations")
            read = _read_file_export(
                lambda spec: read_workbook(path, spec, header_map, chosen, choose="--sheet NAME")
            )
            rows = rows_from_columns(read.columns)
            return rows, str(path), not any(row.review_id for row in rows)
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise LintUsageError(f"{source}: cannot be read: {exc.strerror}") from None
        name, suffix = str(path), path.suffix.lower()
    if not raw.strip():
        raise LintUsageError(f"{name}: the file is empty")
    kind = file_kind(raw, suffix)
    reader = _FILE_READERS.get(kind)
    if reader is None:
        what = _KIND_NAMES.get(kind, "this file")
        raise LintUsageError(f"{name}: {what} cannot be read; give {READABLE}")
    rows, draft = reader(raw, name, suffix, session)
    if not rows:
        raise LintUsageError(f"{name}: no recommendations found")
    return rows, name, draft


def _rows_from_csv_or_text(
    raw: bytes, name: str, suffix: str, session: Session
) -> tuple[list[Any], bool]:
    """A CSV with a Recommendation column (Review ID and Person ID optional: without them
    findings carry the line number), else plain text with one recommendation a line."""
    from iro_cli.exports.reader import decode, read_export_bytes
    from iro_cli.lint.inputs import looks_like_csv, rows_from_columns, rows_from_text

    text, _encoding = decode(raw)
    if not text.strip():
        raise LintUsageError(f"{name}: the file is empty")
    header_map = session.config.header_map("recommendations")
    if suffix == ".txt" or not looks_like_csv(text, header_map):
        if suffix == ".csv":
            raise InputError(
                Problem(
                    name,
                    1,
                    "Recommendation",
                    "required column is missing",
                    "a header 'Recommendation', or a mapping in iro.toml [headers.recommendations]",
                )
            )
        return rows_from_text(text), True
    read = _read_file_export(lambda spec: read_export_bytes(raw, name, spec, header_map))
    rows = rows_from_columns(read.columns)
    return rows, not any(row.review_id for row in rows)


def _rows_from_docx(raw: bytes, name: str, suffix: str, session: Session) -> tuple[list[Any], bool]:
    from iro_cli.lint.documents import DocxError, rows_from_docx

    try:
        return rows_from_docx(raw), True
    except DocxError as exc:
        raise LintUsageError(f"{name}: the Word document cannot be opened ({exc})") from None


_FILE_READERS: dict[str, Callable[[bytes, str, str, Session], tuple[list[Any], bool]]] = {
    "csv": _rows_from_csv_or_text,
    "text": _rows_from_csv_or_text,
    "docx": _rows_from_docx,
}


# `iro validate` reads a folder, not a file: say how to see every problem of a FILE.
_FILE_HINT = (
    "to list them all, put the file in a folder as recommendations.csv and run "
    "`iro validate --exports FOLDER`"
)


def _reviews(session: Session, source: str | None, as_of: date) -> list[Any] | None:
    """reviews.csv from the export folder, else next to FILE; None when there is none."""
    folders = [session.exports] if session.exports.is_dir() else []
    if source not in (None, "-"):
        folder = Path(source).parent  # type: ignore[arg-type]
        if folder.resolve() != session.exports.resolve() and (folder / "reviews.csv").is_file():
            folders.append(folder)
    from iro_cli.exports.reader import export_path, read_checked, refuse_folder
    from iro_cli.lint.inputs import reviews_from_columns

    for folder in folders:
        refuse_folder(export_path("reviews", folder, session.config))
        if export_path("reviews", folder, session.config).is_file():
            read = read_checked("reviews", folder, session.config)
            session.warn_if_senseless("lint", {"reviews": read.columns}, as_of)
            return reviews_from_columns(read.columns)
    return None


def _only(
    rows: list[Any], reviews: list[Any] | None, session: Session, iro: str | None, team: str | None
) -> list[Any]:
    """The recommendations of one IRO's reviews (the chair, else the child's allocated
    IRO) and/or of one team's children; a name that matches nobody is an error."""
    from iro_cli.options import check_name

    chair = {r.review_id: r.chair for r in reviews or [] if r.chair}
    children = _children(session)
    allocated: dict[str, str] = {}
    team_of: dict[str, str] = {}
    if children is not None:
        for person, name, unit in zip(
            children["person_id"], children["allocated_iro"], children["team"], strict=True
        ):
            allocated[person], team_of[person] = name, unit
    elif team:
        raise LintUsageError("--team needs children.csv in the export folder")

    def iro_of(row: Any) -> str:
        return chair.get(row.review_id) or allocated.get(row.person_id, "")

    if iro:
        check_name("recommendations for IRO", iro, set(map(iro_of, rows)))
        rows = [r for r in rows if iro_of(r).casefold() == iro.casefold()]
    if team:
        check_name("recommendations for team", team, {team_of.get(r.person_id, "") for r in rows})
        rows = [r for r in rows if team_of.get(r.person_id, "").casefold() == team.casefold()]
    return rows


def _children(session: Session) -> Any:
    if not session.exports.is_dir():
        return None
    return session.load_optional("children")


def _render_findings(
    rows: list[Any], results: list[list[Any]], out: Output, fmt: str, draft: bool = False
) -> None:
    from iro_cli.output import expand_blocks

    blocks = _finding_blocks(rows, results)
    out.fmt = fmt
    if fmt in ("csv", "json"):  # straight from the blocks: no DataFrame of every finding
        from iro_cli.output import render_blocks

        render_blocks(COLUMNS, blocks, fmt, out.path, force=out.force, excel=out.excel)
        return
    import pandas as pd

    # object columns: a recommendation without a number stays blank, the others whole numbers
    columns = expand_blocks(blocks)
    frame = pd.DataFrame(
        {name: pd.Series(cells, dtype=object) for name, cells in zip(COLUMNS, columns, strict=True)}
    )
    out.render(frame, sheet="findings", table_columns=FINDING_TABLE[1:] if draft else FINDING_TABLE)


def _finding_blocks(rows: list[Any], results: list[list[Any]]) -> list[Any]:
    """``COLUMNS`` of the findings (one line per finding, row by row in input order) as
    blocks: the row's columns, the finding's, the row's text. Rows that share a wording
    share finding objects, so each distinct finding is rendered once."""
    from itertools import chain, repeat
    from operator import attrgetter

    from iro_cli.output import Block

    counts = list(map(len, results))
    having = [row for row, count in zip(rows, counts, strict=True) if count]
    row_index = list(chain.from_iterable(map(repeat, range(len(having)), filter(None, counts))))
    found = list(chain.from_iterable(results))
    ids = list(map(id, found))
    distinct = list(dict(zip(ids, found, strict=True)).values())  # in order of first use
    number = {id(finding): n for n, finding in enumerate(distinct)}
    finding_index = list(map(number.__getitem__, ids))

    def cells(source: list[Any], names: tuple[str, ...]) -> list[list[Any]]:
        return [list(map(attrgetter(name), source)) for name in names]

    return [
        Block(cells(having, COLUMNS[:4]), row_index),
        Block(cells(distinct, COLUMNS[4:9]), finding_index),
        Block(cells(having, COLUMNS[9:]), row_index),
    ]


def _render_summary(
    rows: list[Any],
    results: list[list[Any]],
    reviews: list[Any] | None,
    contexts: dict[str, Any],
    session: Session,
    out: Output,
    fmt: str,
) -> None:
    import pandas as pd

    from iro_cli.lint.summary import SUMMARY_COLUMNS, summarise

    if fmt == "sarif":
        raise LintUsageError("--summary is a table: use --format table, csv, json or xlsx")
    iro_of: dict[str, str] = {}
    if reviews is not None:
        iro_of = {r.review_id: r.chair for r in reviews if r.chair}
    children = _children(session) if any(r.review_id not in iro_of for r in rows) else None
    if children is not None:
        allocated = dict(
            zip(children["person_id"].tolist(), children["allocated_iro"].tolist(), strict=True)
        )
        for row in rows:
            if row.review_id not in iro_of and allocated.get(row.person_id):
                iro_of[row.review_id] = allocated[row.person_id]
    dates = {rid: ctx.review_date for rid, ctx in contexts.items()}
    table = summarise(rows, results, iro_of, dates)
    frame = pd.DataFrame.from_records(table, columns=list(SUMMARY_COLUMNS))
    if fmt == "table":
        # A screen holds the IRO lines; the per-review lines are for a spreadsheet.
        reviews_count = int((frame["level"] == "review").sum())
        frame = frame[frame["level"] != "review"].drop(
            columns=["review_id", "person_id", "review_date"]
        )
        plural = "s" * (reviews_count != 1)
        _note(f"per-review counts ({reviews_count} review{plural}): use --format csv, json or xlsx")
    else:  # a fraction to 4 places, as every rate; the screen's percentage is from the exact one
        frame["smart_clean_rate"] = [
            None if v is None or v != v else round(v, 4) for v in frame["smart_clean_rate"]
        ]
    out.fmt = fmt
    out.render(frame, sheet="summary", table_columns=SUMMARY_TABLE)


def _totals(rows: list[Any], results: list[list[Any]], fmt: str, out: Output) -> None:
    """One line on stderr for people: counts and the share with no SMART finding."""
    if fmt != "table" and out.path is None:
        return
    counts = {"error": 0, "warning": 0, "info": 0}
    clean = 0
    for found in results:
        clean += not any(f.category == "smart" for f in found)
        for f in found:
            counts[f.severity] += 1
    total = sum(counts.values())
    share = f"{100 * clean / len(rows):.1f}%" if rows else "n/a"
    click.echo(
        f"{total} finding{'s' * (total != 1)} ({counts['error']} error"
        f"{'s' * (counts['error'] != 1)}, {counts['warning']} warning"
        f"{'s' * (counts['warning'] != 1)}, {counts['info']} info) in {len(rows)} "
        f"recommendation{'s' * (len(rows) != 1)}; {clean} ({share}) with no SMART finding",
        err=True,
    )


def _list_rules(out: Output) -> None:
    import pandas as pd

    from iro_cli.lint.rules import RULES

    frame = pd.DataFrame.from_records(
        [
            (r.code, r.category, r.severity, r.title, r.scope, r.why, r.suggestion)
            for r in RULES.values()
        ],
        columns=["code", "category", "severity", "title", "scope", "why", "suggestion"],
    )
    out.render(frame, sheet="rules", table_columns=("code", "severity", "title"))
    if out.format == "table" and out.path is None:
        import textwrap

        from iro_cli.lint.rules import SMART_DEFINITION

        click.echo("\n" + textwrap.fill(SMART_DEFINITION, width=78))
