"""``iro lint-recommendations``: SMART and child-friendly wording checks on review minutes."""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

import click

from iro_cli.errors import InputError, IroError, Problem
from iro_cli.lint.writers import COLUMNS  # noqa: F401  (the findings' columns, as before)
from iro_cli.lint.writers import finding_blocks as _finding_blocks  # noqa: F401
from iro_cli.options import Output, Session, as_of_option, output_options, session_options
from iro_cli.output import FORMATS

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

    from iro_cli.exports.memory import give_back_at_once
    from iro_cli.lint.stream import review_facts, survey

    give_back_at_once()

    given, uri, draft = _read_source(source, session, sheet)
    ids, chunks = _passes(given)
    # reviews.csv is read first, while the recommendations are not yet held (the peak
    # memory of a national run is then one read, not two); what it has to say waits
    # until the recommendations have been read, as before.
    early = None if draft else _early(lambda say: _reviews(session, source, as_of, say))
    surveyed = survey(ids())  # the input's errors are raised here, before any output
    reviews = None if early is None else early.result()
    facts = None if reviews is None else review_facts(surveyed, reviews)
    del reviews  # what lint needs of reviews.csv is in the facts now
    keep = None
    if iro or team:
        if draft:
            raise LintUsageError("--iro and --team need recommendations with a Review ID, not text")
        # The previous review's wording (SMART007) may be another IRO's: every row is read.
        keep = _only(surveyed, facts, session, iro, team)
    workers = jobs or os.cpu_count() or 1
    run_lint(
        surveyed, chunks, uri, draft, facts, keep, session, settings, terms, as_of, out, summary,
        workers,
    )  # fmt: skip


def _passes(given: Any) -> tuple[Callable[[], Any], Callable[[], Any]]:
    """The two reads of the input: its ID columns (the survey), then its rows."""
    from iro_cli.lint.stream import export_rows, id_columns, rows_in_chunks

    if isinstance(given, list):  # rows already in memory (FILE)
        chunks = rows_in_chunks(given)
        return lambda: map(id_columns, chunks()), chunks
    return export_rows(given)


def run_lint(
    surveyed: Any,
    chunks: Callable[[], Any],
    uri: str,
    draft: bool,
    facts: Any,
    keep: Any,
    session: Session,
    settings: Any,
    terms: Any,
    as_of: date,
    out: Output,
    summary: bool,
    workers: int = 1,
) -> None:
    """Lint the rows ``chunks()`` gives a chunk at a time, writing findings as they come."""
    from iro_cli.lint.stream import lint_chunks
    from iro_cli.lint.writers import STREAMED
    from iro_cli.progress import status

    fmt = out.format
    if summary and fmt == "sarif":
        raise LintUsageError("--summary is a table: use --format table, csv, json or xlsx")
    if not draft:
        if facts is None:
            _note(
                "reviews.csv not found: SMART006 (target dates) and SMART007 (drift) were "
                "skipped; give the export folder with --exports"
            )
        else:
            _note_missing(surveyed, facts, keep)
    count = surveyed.rows if keep is None else int(keep.sum())
    linted = lint_chunks(
        chunks, surveyed, facts, terms, settings, as_of, keep=keep, workers=workers, draft=draft
    )
    streamed = fmt in STREAMED and not summary
    show = count > PROGRESS_FROM and (out.to_file or not streamed or not sys.stdout.isatty())
    totals = _Totals()
    fails = False
    with status(f"Linting {count:,} recommendations…", show=show):
        if summary:
            from iro_cli.lint.summary import Summary

            counts = Summary()
            iros = _summary_iros(surveyed, facts, keep, session)
            for part in linted:
                fails = fails or settings.fails(part.found.table)
                totals.add(part.found)
                dates = {rid: ctx.review_date for rid, ctx in part.contexts.items()}
                counts.add(part.rows, part.findings, iros, dates)
        elif streamed:
            with _sink(out) as sink:
                writer = _writer(fmt, sink, out, uri)
                for part in linted:
                    fails = fails or settings.fails(part.found.table)
                    totals.add(part.found)
                    writer.add(part.chunk, part.found)
                writer.finish()
        else:
            from iro_cli.lint.writers import COLUMNS, KeptFindings

            names = COLUMNS if out.wide or fmt != "table" else _table_columns(draft)
            kept = KeptFindings(names)
            for part in linted:
                fails = fails or settings.fails(part.found.table)
                totals.add(part.found)
                kept.add(part.chunk, part.found)
    if summary:
        _render_summary(counts, out, fmt)
    elif not streamed:
        _render_findings(kept, out, fmt, draft)
    totals.show(fmt, out)
    if fails:
        raise click.exceptions.Exit(1)


def _table_columns(draft: bool) -> tuple[str, ...]:
    return FINDING_TABLE[1:] if draft else FINDING_TABLE


def _writer(fmt: str, sink: Callable[[bytes], None], out: Output, uri: str) -> Any:
    from iro_cli.lint.writers import CsvWriter, JsonWriter, SarifWriter

    if fmt == "csv":
        return CsvWriter(sink, excel=out.excel)
    if fmt == "json":
        return JsonWriter(sink)
    return SarifWriter(sink, uri)


@contextmanager
def _sink(out: Output) -> Iterator[Callable[[bytes], None]]:
    """Where streamed bytes go: the output file (written atomically: a temporary file
    renamed at the end, removed on an error) or stdout."""
    if out.to_file:
        from iro_cli.fileio import atomic_file

        with atomic_file(out.path, force=out.force) as handle:  # type: ignore[arg-type]
            yield handle.write
        return
    stream = sys.stdout
    buffer = getattr(stream, "buffer", None)
    if buffer is None:  # a text-only stream

        def write_text(data: bytes) -> None:
            stream.write(data.decode("utf-8"))

        yield write_text
        stream.flush()
        return
    stream.flush()
    yield buffer.write
    buffer.flush()


def _note_missing(surveyed: Any, facts: Any, keep: Any) -> None:
    """A note naming how many linted reviews reviews.csv does not know (SMART006/007)."""
    import numpy as np

    codes = surveyed.review if keep is None else surveyed.review[keep]
    unknown = np.unique(codes[~facts.known[codes]]) if len(codes) else codes
    if len(unknown):
        first = min(surveyed.review_ids[c] for c in unknown.tolist())
        _note(
            f"{len(unknown)} review{'s' * (len(unknown) != 1)} not in reviews.csv "
            f"(e.g. Review ID {first}): SMART006 and SMART007 skipped "
            "for their recommendations"
        )


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


def _export_file(session: Session) -> Path:
    """The recommendations export's path (an error when it is not there)."""
    from iro_cli.exports.reader import export_path, read_checked, refuse_folder

    path = export_path("recommendations", session.exports, session.config)
    refuse_folder(path)
    if not path.is_file():
        read_checked("recommendations", session.exports, session.config)  # says where it looked
    return path


def _export_chunks(session: Session) -> Callable[[], Iterator[Any]]:
    """The recommendations export as ``ReadResult`` chunks of ``CHUNK_ROWS`` rows; each
    call gives them again. The file is read once, whole (its checks need every row); the
    first pass takes its chunks from that read. Then, when pyarrow read the file from
    the disk, its ID and text columns (the bulk of it) are let go and each later pass
    reads them again from the disk a block at a time (``ReadResult.parts_from_disk``),
    so that linting holds a chunk, not the file; otherwise the later passes take their
    chunks from the read, as the first. Every problem of the file comes with the first
    chunk of the first pass."""
    from iro_cli.exports.reader import read_export_file
    from iro_cli.exports.schema import EXPORTS
    from iro_cli.lint import stream

    path = _export_file(session)
    spec = EXPORTS["recommendations"]
    header_map = session.config.header_map("recommendations")
    whole: list[Any] = []

    def chunks() -> Iterator[Any]:
        step = max(1, stream.CHUNK_ROWS)
        if whole:  # a later pass
            read = whole[0]
            if read.reread is not None:
                yield from read.parts_from_disk(step)
                return
        else:
            whole.append(read_export_file(path, spec, header_map, session.config.sheet))
            read = whole[0]
        yield read.part(0, step, read.problems)
        for start in range(step, read.rows, step):
            yield read.part(start, start + step)
        if read.reread is not None and read.rows:
            whole[0] = read.without_text()

    return chunks


def _read_source(
    source: str | None, session: Session, sheet: str | None = None
) -> tuple[Any, str, bool]:
    """(rows, or for the export a source of ``ReadResult`` chunks; name for messages;
    is today's draft: no review IDs to look up)."""
    from iro_cli.lint.inputs import file_kind, rows_from_columns

    if source is None:  # the export, read a chunk at a time
        return _export_chunks(session), str(_export_file(session)), False
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


_REVIEW_COLUMNS = (
    "review_id",
    "person_id",
    "review_type",
    "review_date",
    "status",
    "chair",
    "next_review_date",
)


class _Early:
    """A read done early whose warnings, note and error are given later, in their place."""

    def __init__(self, value: Any, said: list[str], error: BaseException | None) -> None:
        self.value, self.said, self.error = value, said, error

    def result(self) -> Any:
        """The value, handed over (not kept here: reviews.csv's arrays are freed once the
        caller is done with them)."""
        from iro_cli.exports.reader import warn

        for line in self.said:
            warn(line)
        if self.error is not None:
            raise self.error
        value, self.value = self.value, None
        return value


def _early(read: Callable[[Callable[[str], None]], Any]) -> _Early:
    """Run ``read(say)`` now, holding back the warnings it says and the error it raises."""
    from iro_cli.errors import IroError

    said: list[str] = []
    try:
        return _Early(read(said.append), said, None)
    except IroError as exc:
        return _Early(None, said, exc)


def _reviews(session: Session, source: str | None, as_of: date, say: Callable[[str], None]) -> Any:
    """reviews.csv from the export folder, else next to FILE; None when there is none.
    Warnings go to ``say``."""
    folders = [session.exports] if session.exports.is_dir() else []
    if source not in (None, "-"):
        folder = Path(source).parent  # type: ignore[arg-type]
        if folder.resolve() != session.exports.resolve() and (folder / "reviews.csv").is_file():
            folders.append(folder)
    from iro_cli.exports.reader import export_path, read_checked, refuse_folder
    from iro_cli.lint.stream import review_table

    for folder in folders:
        refuse_folder(export_path("reviews", folder, session.config))
        if export_path("reviews", folder, session.config).is_file():
            # The columns lint and its sense note use: the minutes' free text is freed.
            read = read_checked("reviews", folder, session.config, on_warning=say)
            read = read.only(_REVIEW_COLUMNS)
            note = session.senseless_note("lint", {"reviews": read}, as_of)
            if note:
                say(note)
            table = review_table(read)  # as arrays
            del read
            import pyarrow as pa

            pa.default_memory_pool().release_unused()  # the read's columns, back to the system
            return table
    return None


def _only(surveyed: Any, facts: Any, session: Session, iro: str | None, team: str | None) -> Any:
    """Which rows to lint: the recommendations of one IRO's reviews (the chair, else the
    child's allocated IRO) and/or of one team's children; a name that matches nobody is
    an error."""
    import numpy as np
    import pandas as pd

    from iro_cli.options import check_name

    codes = len(surveyed.review_ids)
    chairs = facts.chair if facts is not None else np.full(codes, "", dtype=object)
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

    def per_person(names: dict[str, str]) -> Any:
        return np.array([names.get(p, "") for p in surveyed.person_ids] or [""], dtype=object)

    def matching(cells: Any, wanted: str) -> Any:
        codes, values = pd.factorize(cells)
        hits = np.array([v.casefold() == wanted.casefold() for v in values], dtype=bool)
        return hits[codes] if len(values) else np.zeros(0, dtype=bool)

    keep = np.ones(surveyed.rows, dtype=bool)
    if iro:
        row_chair = chairs[surveyed.review] if codes else np.empty(0, dtype=object)
        iro_of = np.where(row_chair != "", row_chair, per_person(allocated)[surveyed.person])
        check_name("recommendations for IRO", iro, set(pd.unique(iro_of).tolist()))
        keep &= matching(iro_of, iro)
    if team:
        team_cells = per_person(team_of)[surveyed.person]
        check_name("recommendations for team", team, set(pd.unique(team_cells[keep]).tolist()))
        keep &= matching(team_cells, team)
    return keep


def _children(session: Session) -> Any:
    if not session.exports.is_dir():
        return None
    return session.load_optional("children")


def _render_findings(kept: Any, out: Output, fmt: str, draft: bool = False) -> None:
    """The kept findings as a table or a sheet, laid out from them all."""
    import pandas as pd

    # object columns: a recommendation without a number stays blank, the others whole numbers
    frame = pd.DataFrame(
        {
            name: pd.Series(cells, dtype=object)
            for name, cells in zip(kept.names, kept.columns, strict=True)
        }
    )
    out.fmt = fmt
    out.render(frame, sheet="findings", table_columns=_table_columns(draft))


def _summary_iros(surveyed: Any, facts: Any, keep: Any, session: Session) -> dict[str, str]:
    """Each linted review's IRO: its chair, else the allocated IRO (children.csv) of the
    child of its first recommendation that has one."""
    import numpy as np

    codes = len(surveyed.review_ids)
    chairs = facts.chair if facts is not None else np.full(codes, "", dtype=object)
    iro = {surveyed.review_ids[c]: chairs[c] for c in np.flatnonzero(chairs != "").tolist()}
    rows = np.arange(surveyed.rows) if keep is None else np.flatnonzero(keep)
    unchaired = rows[chairs[surveyed.review[rows]] == ""]
    children = _children(session) if len(unchaired) else None
    if children is not None:
        allocated = dict(
            zip(children["person_id"].tolist(), children["allocated_iro"].tolist(), strict=True)
        )
        for row in unchaired.tolist():
            review_id = surveyed.review_ids[surveyed.review[row]]
            if review_id not in iro:
                name = allocated.get(surveyed.person_ids[surveyed.person[row]])
                if name:
                    iro[review_id] = name
    return iro


def _render_summary(counts: Any, out: Output, fmt: str) -> None:
    import pandas as pd

    from iro_cli.lint.summary import SUMMARY_COLUMNS

    frame = pd.DataFrame.from_records(counts.lines(), columns=list(SUMMARY_COLUMNS))
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


class _Totals:
    """The counts for the line on stderr, added a chunk at a time."""

    def __init__(self) -> None:
        self.counts = {"error": 0, "warning": 0, "info": 0}
        self.clean = 0
        self.rows = 0

    def add(self, found: Any) -> None:
        """A chunk's findings (``lint.chunk.Found``: a table, and each row's numbers)."""
        import numpy as np

        table = found.table
        self.rows += len(found.counts)
        used = np.bincount(found.flat, minlength=len(table)).tolist()
        for finding, count in zip(table, used, strict=True):
            self.counts[finding.severity] += count
        smart = np.fromiter((f.category == "smart" for f in table), dtype=bool, count=len(table))
        self.clean += len(found.counts) - int(found.rows_with(smart).sum())

    def show(self, fmt: str, out: Output) -> None:
        """One line on stderr for people: counts and the share with no SMART finding."""
        if fmt != "table" and out.path is None:
            return
        counts, clean, rows = self.counts, self.clean, self.rows
        total = sum(counts.values())
        share = f"{100 * clean / rows:.1f}%" if rows else "n/a"
        click.echo(
            f"{total} finding{'s' * (total != 1)} ({counts['error']} error"
            f"{'s' * (counts['error'] != 1)}, {counts['warning']} warning"
            f"{'s' * (counts['warning'] != 1)}, {counts['info']} info) in {rows} "
            f"recommendation{'s' * (rows != 1)}; {clean} ({share}) with no SMART finding",
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
