"""``iro validate``: check an export folder against the contract."""

from __future__ import annotations

from datetime import date

import click

from iro_cli.errors import IroError, Problem
from iro_cli.options import Session, as_of_option, session_options

SEVERITY_ORDER = {"error": 0, "warning": 1, "note": 2}
# The columns exports/checks.py compares, of the files no other check reads.
REFERENCE_COLUMNS = {
    "recommendations": ("review_id", "person_id"),
    "disputes": ("person_id",),
    "cp_plans": ("person_id",),
    "iros": ("name",),
}


@click.command()
@session_options
@as_of_option
@click.option("--notes/--no-notes", default=True, help="Also list notes (unused columns...).")
def validate(session: Session, as_of: date, notes: bool) -> None:
    """Check every export in the folder against the export contract.

    Prints one line per problem (file, line, column, what is wrong, what was
    expected), then a summary per file with its rows, encoding and age (from
    extract.toml, iro.toml [exports] extract_date, else the file's date), and a
    warning when even the newest is older than [exports] max_age_days (3).
    Exit status: 0 when there is no error, 1 when there is one, 2 when the
    folder cannot be read.

    Also checks that the data makes sense as at --as-of (the day the export
    was taken): dates of birth within [validate] max_age years (default 25),
    no review held after that day or booked more than [validate] years_ahead
    years ahead (default 2), no review before the child's birth, held CLA
    reviews inside a period of care, one row per Review ID and one date of
    birth per child.

    \b
    Example:
      iro validate --exports exports
    """
    from iro_cli.exports.age import export_dates, max_age_days, stale, stale_message
    from iro_cli.exports.checks import cross_checks
    from iro_cli.exports.reader import export_path, read_export_file
    from iro_cli.exports.schema import EXPORTS
    from iro_cli.exports.sense import limits_from_config, sense_checks

    folder = session.exports
    if not folder.is_dir():
        raise IroError(f"'{folder}' is not a folder; give the export folder with --exports DIR")
    reads = {}
    unread: dict[str, set[str]] = {}  # IDs of rows left out for an error
    problems = []
    summary = []
    paths = [export_path(key, folder, session.config) for key in EXPORTS]
    ages = {d.file: d for d in export_dates(paths, folder, session.config)}
    for (key, spec), path in zip(EXPORTS.items(), paths, strict=True):
        if path.is_dir():
            problems.append(Problem(str(path), None, None, "is a folder, not an export file"))
            summary.append(f"  {path.name:<22} a folder")
            continue
        if not path.is_file():
            summary.append(f"  {path.name:<22} not present")
            continue
        result = read_export_file(path, spec, session.config.header_map(key), session.config.sheet)
        problems.extend(result.problems)
        # Row errors leave the other rows usable; a bad header does not.
        if not any(p.line in (None, 1) for p in result.errors):
            # Files only the cross-file checks read keep only the columns they compare:
            # the text of 2.3 million recommendations need not stay in memory.
            keep = REFERENCE_COLUMNS.get(key)
            reads[key] = result.only(keep) if keep else result
            unread[key] = {p.row_id for p in result.errors if p.row_id}
        rows = f"{result.rows} row{'s' * (result.rows != 1)}"
        taken = ages[path.name]
        days = (as_of - taken.taken).days
        age = f"{taken.taken:%d/%m/%Y}, {days} day{'s' * (days != 1)} old"
        summary.append(f"  {path.name:<22} {rows:>10}  {result.encoding:<14}  {age}")
    if not reads and not problems:
        names = ", ".join(spec.filename for spec in EXPORTS.values())
        raise IroError(f"no export files found in '{folder}' (expected some of: {names})")
    problems.extend(cross_checks(reads, unread))
    limits = limits_from_config(session.config.section("validate"), session.config.where)
    sensed = {key: reads[key] for key in ("children", "reviews") if key in reads}
    problems.extend(f.problem for f in sense_checks(sensed, as_of, limits))  # typed arrays
    limit = max_age_days(session.config)
    newest = stale(list(ages.values()), as_of, limit)
    if newest is not None:
        problems.append(
            Problem(
                str(folder), None, None, stale_message(newest, as_of, limit), severity="warning"
            )
        )
    source = {d.source for d in ages.values()}

    shown = [p for p in problems if notes or p.severity != "note"]
    for problem in shown:
        click.echo(f"{problem.severity}: {problem}")
    errors = sum(p.severity == "error" for p in problems)
    warnings = sum(p.severity == "warning" for p in problems)
    if shown:
        click.echo("")
    dated = f" (dates: {', '.join(sorted(source))})" if source else ""
    click.echo(f"Checked {folder} as at {as_of:%d/%m/%Y}{dated}:")
    for line in summary:
        click.echo(line)
    verdict = "OK" if not errors else "FAILED"
    click.echo(
        f"{verdict}: {errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"
    )
    if errors:
        raise click.exceptions.Exit(1)
