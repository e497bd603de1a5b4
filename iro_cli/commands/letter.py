"""``iro letter``: draft child-friendly review letters as Word documents."""

from __future__ import annotations

import contextlib
import sys
from datetime import date
from pathlib import Path

import click

from iro_cli.errors import IroError, OutputError
from iro_cli.options import UK_DATE, Session, as_of_option, session_options

DEFAULT_DIR = Path("letters")


def _records(frame) -> list[dict]:
    """The rows as dicts; control characters a Word file cannot hold (NUL, form feed...:
    left by a copy-paste) become spaces, with a warning that counts them."""
    from iro_cli.output import CONTROL_CHARACTERS

    if frame is None:
        return []
    records = frame.to_dict("records")
    replaced = 0
    for record in records:
        for key, value in record.items():
            if type(value) is str and CONTROL_CHARACTERS.search(value):
                record[key], count = CONTROL_CHARACTERS.subn(" ", value)
                replaced += count
    if replaced:
        name = Path(str(frame.attrs.get("path", "the exports"))).name
        click.echo(
            f"iro: warning: {name}: {replaced} control character{'s' * (replaced != 1)} "
            "(NUL, ESC, form feed...) read as spaces, as a Word file cannot hold them",
            err=True,
        )
    return records


def _read_template(path: str, what: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise IroError(f"{path}: cannot read the {what} ({exc.strerror})") from None


def _check_template(path: str) -> None:
    import zipfile

    from iro_cli.letters.content import KNOWN_FIELDS
    from iro_cli.letters.render import check_template

    if not Path(path).is_file():
        raise IroError(f"{path}: file not found")
    if Path(path).suffix.lower() != ".docx" or not zipfile.is_zipfile(path):
        raise IroError(
            f"{path}: not a Word document (.docx); a template is a .docx edited in Word "
            "(start from a copy of iro_cli/templates/letter.docx)"
        )

    result = check_template(_read_template(path, "template"), path)
    click.echo(f"Fields in {path}:")
    for name in result.fields:
        click.echo(f"  {name:<18} {'UNKNOWN' if name in result.unknown else 'ok'}")
    if not result.fields:
        click.echo("  (none: the template has no {{ ... }} fields)")
    if result.unknown:
        click.echo(
            f"{len(result.unknown)} unknown field(s): {', '.join(result.unknown)}. "
            f"Known fields: {', '.join(sorted(KNOWN_FIELDS))}"
        )
        raise click.exceptions.Exit(1)
    click.echo("All fields are known.")


def _check_edited(path: str, session: Session) -> None:
    """``--check FILE.docx``: the sentence checks over a letter the IRO has edited."""
    from iro_cli.errors import ConfigError
    from iro_cli.letters.ages import AGE_GROUPS
    from iro_cli.letters.checks import check_edited
    from iro_cli.lint import load_terms

    data = _read_template(path, "letter")
    try:
        result = check_edited(data, load_terms(session.config.section("lint")))
    except (KeyError, ValueError, OSError) as exc:
        raise ConfigError(f"{path}: not a Word .docx file ({type(exc).__name__})") from None
    except Exception as exc:  # zipfile.BadZipFile, lxml errors
        raise ConfigError(f"{path}: not a Word .docx file ({type(exc).__name__})") from None
    label = next((g.label for g in AGE_GROUPS if g.key == result.group), "")
    if label:
        click.echo(
            f"{path}: a letter for a child aged {label}: sentences of at most "
            f"{result.max_words} words"
        )
    else:
        click.echo(
            f"{path}: no age version recorded (not made by iro letter): checked with "
            f"sentences of at most {result.max_words} words"
        )
    for fault in result.faults:
        click.echo(f"  {fault}")
    if result.comments:
        click.echo(
            f"  {result.comments} Word comment(s) still in the letter: delete them before sending"
        )
    if result.ready:
        click.echo("Ready to send: no problems found.")
        return
    gaps = sum(f.code == "GAP" for f in result.faults)
    click.echo(
        f"Not ready to send: {len(result.faults)} problem(s)"
        + (f", of which {gaps} gap(s) to fill" if gaps else "")
        + (f"; {result.comments} comment(s)" if result.comments else "")
        + "."
    )
    raise click.exceptions.Exit(1)


def _templates(settings) -> dict[str, bytes]:
    from iro_cli.errors import ConfigError
    from iro_cli.letters.render import check_template, default_template

    templates = {"en": default_template()}
    for language, path in (("en", settings.template), ("cy", settings.template_cy)):
        if not path:
            continue
        data = _read_template(path, "letter template set in iro.toml [letters]")
        unknown = check_template(data, path).unknown
        if unknown:
            raise ConfigError(
                f"{path}: unknown template field(s) {', '.join(unknown)}; "
                f"run `iro letter --check-template {path}`"
            )
        templates[language] = data
    return templates


def _target(output: Path | None, batch: bool, filename: str) -> Path:
    if output is None:
        return (DEFAULT_DIR if batch else Path(".")) / filename
    if batch or output.is_dir() or output.suffix.lower() not in (".docx", ".pdf"):
        return output / filename
    return output


def _libreoffice() -> str | None:
    import shutil

    return shutil.which("soffice") or shutil.which("libreoffice")


def _pdf(docx: bytes, name: str) -> bytes:
    """The letter as a PDF, made by LibreOffice (headless) from the Word document."""
    import subprocess
    import tempfile

    office = _libreoffice()
    if office is None:  # checked before any work; kept here for safety
        raise OutputError("cannot make a PDF: LibreOffice is not installed")
    with tempfile.TemporaryDirectory(prefix="iro-letter-") as folder:
        source = Path(folder) / name
        source.write_bytes(docx)
        try:
            subprocess.run(
                [office, "--headless", "--convert-to", "pdf", "--outdir", folder, str(source)],
                check=True,
                capture_output=True,
                timeout=180,
            )
            return source.with_suffix(".pdf").read_bytes()
        except (OSError, subprocess.SubprocessError):
            raise OutputError(
                "LibreOffice could not make the PDF: write the .docx (-o letter.docx) and "
                "save it as PDF from Word"
            ) from None


def _check_iro(name: str | None, children: list[dict], reviews: list[dict], iros: list[dict]):
    """--iro NAME must be someone the exports know (a typo would write no letters)."""
    from iro_cli.options import check_name

    known = {str(r.get("chair") or "") for r in reviews}
    known |= {str(c.get("allocated_iro") or "") for c in children}
    known |= {str(i.get("name") or "") for i in iros}
    check_name("IRO", name, known, "reviews.csv, children.csv or iros.csv")


@click.command()
@session_options
@as_of_option
@click.option("--child", "child_id", metavar="ID", help="The child's Person ID.")
@click.option("--review", "review_id", metavar="REVIEW_ID", help="A held review of that child.")
@click.option(
    "--held-since", type=UK_DATE, default=None, help="Batch: reviews held on or after DATE."
)
@click.option("--iro", "iro_name", metavar="NAME", help="Batch: reviews chaired by NAME.")
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    default=None,
    help="FILE.docx or a folder [default: the current folder; ./letters for a batch].",
)
@click.option("--force", is_flag=True, help="Replace letters that already exist.")
@click.option(
    "--check",
    "check_file",
    metavar="FILE.docx",
    default=None,
    help="Check a letter you have edited with the checks of a new draft (exit 1 if not ready).",
)
@click.option(
    "--check-template",
    "template_file",
    metavar="FILE",
    default=None,
    help="List the fields of a .docx template and report unknown ones (exit 1).",
)
def letter(
    session: Session,
    as_of: date,
    child_id: str | None,
    review_id: str | None,
    held_since: date | None,
    iro_name: str | None,
    output: Path | None,
    force: bool,
    template_file: str | None,
    check_file: str | None,
) -> None:
    """Draft a letter to the child after their review, as a Word document.

    The letter is about the child's latest held review (or --review), written
    for their age on the day, with at most three key messages, the agreed
    actions rewritten for the child, the next meeting, and how to reach the
    IRO, an advocate and the complaints team. The IRO edits and sends it.

    Batch: --held-since DATE and/or --iro NAME write one letter per child
    into a folder (-o DIR, default ./letters) and list what was written and
    what was skipped. Existing letters are kept unless --force. Warnings
    (care words, long sentences, reading age) name the sentence to look at.

    \b
    Example:
      iro letter --child 100234
      iro letter --held-since 01/03/2025 --iro "Pat Brown" -o letters
      iro letter --check letters/letter_100234_2026-11-05.docx
      iro letter --check-template our_letter.docx
    """
    if template_file:
        _check_template(template_file)
        return
    if check_file:
        _check_edited(check_file, session)
        return
    batch = held_since is not None or iro_name is not None
    if batch and child_id:
        raise click.UsageError("use --child for one letter, or --held-since/--iro for a batch")
    if not batch and not child_id:
        raise click.UsageError("give --child ID, or --held-since DATE / --iro NAME for a batch")
    if review_id and not child_id:
        raise click.UsageError("--review needs --child")
    if not batch and output is not None and output.suffix.lower() in (".docx", ".pdf"):
        from iro_cli.fileio import check_writable

        check_writable(output, force)
    if output is not None and output.suffix.lower() == ".pdf":
        if batch:
            raise click.UsageError("a batch writes into a folder: give -o DIR, not a .pdf file")
        if _libreoffice() is None:
            raise OutputError(
                f"cannot make {output}: PDFs are made with LibreOffice, which is not installed; "
                "write the .docx (-o letter.docx) and save it as PDF from Word"
            )

    from iro_cli.letters.maker import LetterMaker
    from iro_cli.letters.selection import Choice, LetterError, choose_review
    from iro_cli.letters.selection import batch as select
    from iro_cli.letters.settings import letter_settings
    from iro_cli.lint import load_terms

    settings = letter_settings(session.config.section("letters"), session.config.base_dir)
    templates = _templates(settings)
    terms = load_terms(session.config.section("lint"))
    children = session.load("children")
    reviews = session.load("reviews")
    recommendations = session.load_optional("recommendations")
    iros = session.load_optional("iros")
    session.warn_if_stale(as_of, ("children", "reviews", "recommendations"))
    if recommendations is None:
        click.echo("iro: warning: no recommendations.csv: letters list no agreed actions", err=True)
    if iros is None:
        click.echo("iro: warning: no iros.csv: letters have no IRO phone or email", err=True)
    maker = LetterMaker(
        children=_records(children),
        reviews=_records(reviews),
        recommendations=_records(recommendations),
        iros=_records(iros),
        terms=terms,
        settings=settings,
        templates=templates,
        letter_date=as_of,
    )
    if settings.placeholders():
        click.echo(
            "iro: warning: iro.toml [letters] does not set "
            f"{', '.join(settings.placeholders())}: the letters say what to fill in",
            err=True,
        )

    if batch:
        _check_iro(iro_name, _records(children), _records(reviews), _records(iros))
        choices = select(maker.children, maker.by_child, held_since=held_since, iro=iro_name)
        choices = [_not_before(c, as_of) for c in choices]
    else:
        if child_id not in maker.children:
            _not_in_care(child_id, session)
            raise IroError(f"child {child_id} is not in children.csv")
        review = choose_review(child_id, maker.by_child.get(child_id, []), review_id)
        if review is None:
            raise LetterError(f"child {child_id} has no held review in reviews.csv")
        if review.get("review_date") and as_of < review["review_date"]:
            raise IroError(
                f"the letter would be dated {as_of:%d/%m/%Y}, before the review it is about "
                f"({review['review_date']:%d/%m/%Y}); leave out --as-of, or give a later date"
            )
        choices = [Choice(child_id, review)]

    written: list[tuple[str, str, str, str, int, int]] = []
    skipped: list[tuple[str, str]] = []
    warnings: list[str] = []  # printed after the progress bar, which they would break
    todo = [c for c in choices if c.review is not None]
    skipped += [(c.person_id, c.reason) for c in choices if c.review is None]
    show_bar = batch and sys.stderr.isatty() and len(todo) > 1
    bar = (
        click.progressbar(todo, label="Writing letters", file=sys.stderr, show_pos=True)
        if show_bar
        else contextlib.nullcontext(todo)
    )
    with bar as iterator:
        for choice in iterator:
            made = maker.make(choice.person_id, choice.review)
            path = _target(output, batch, made.letter.filename)
            if made.check.names_other_child:
                skipped.append(
                    (choice.person_id, "the draft would name another child: not written")
                )
                continue
            if path.exists() and not force:
                if not batch:
                    raise OutputError(f"{path} already exists; use --force to replace it")
                skipped.append((choice.person_id, "file exists (use --force)"))
                continue
            from iro_cli.fileio import make_private_dir, write_atomic

            make_private_dir(path.parent)  # 0700: letters hold a child's details

            data = made.docx
            if path.suffix.lower() == ".pdf":
                data = _pdf(made.docx, made.letter.filename)
            write_atomic(path, data, force=force)
            problems = list(made.letter.notes) + list(made.check.warnings)
            written.append(
                (
                    choice.person_id,
                    made.letter.review_date.strftime("%d/%m/%Y"),
                    made.letter.group.key,
                    str(path),
                    len(made.letter.gaps),
                    len(problems),
                )
            )
            warnings.extend(f"iro: warning: {path.name}: {problem}" for problem in problems)

    for warning in warnings:
        click.echo(warning, err=True)
    _summary(written, skipped, batch)
    session.warn_if_senseless("letter", {"children": children, "reviews": reviews}, as_of)
    if not batch and not written:
        raise IroError(f"no letter written for child {child_id}: {skipped[0][1]}")


def _not_before(choice, as_of: date):
    """A review held after the letter's date (--as-of) gets no letter dated before it."""
    from iro_cli.letters.selection import Choice

    review = choice.review
    if review is not None and review.get("review_date") and review["review_date"] > as_of:
        return Choice(choice.person_id, None, "review held after the letter date (--as-of)")
    return choice


def _not_in_care(child_id: str, session: Session) -> None:
    """A child on a child protection plan only gets no letter: say why."""
    plans = session.load_optional("cp_plans")
    if plans is not None and child_id in set(plans["person_id"].tolist()):
        raise IroError(
            f"child {child_id} is on a child protection plan (cp_plans.csv), not in "
            "children.csv: letters are for children in care, after their CLA or pathway "
            "plan review"
        )


def _summary(
    written: list[tuple[str, str, str, str, int, int]], skipped: list[tuple[str, str]], batch: bool
) -> None:
    import pandas as pd

    from iro_cli.output import layout_table, terminal_width

    if written:
        frame = pd.DataFrame(
            written,
            columns=["person_id", "review", "version", "letter", "gaps", "warnings"],
        )
        click.echo(layout_table(frame, width=terminal_width()).text)
    with_gaps = [row for row in written if row[4]]
    if written:
        ready = len(written) - len(with_gaps)
        gaps = sum(row[4] for row in written)
        click.echo(
            f"\n{ready} ready to send; {len(with_gaps)} with gaps for you to fill"
            + (f" ({gaps} gap{'s' * (gaps != 1)}: see the comments in Word)" if gaps else "")
            + "."
        )
    if batch:
        click.echo(f"Wrote {len(written)} letter{'s' * (len(written) != 1)}.")
        if skipped:
            reasons: dict[str, list[str]] = {}
            for person_id, reason in skipped:
                reasons.setdefault(reason, []).append(person_id)
            click.echo(f"Skipped {len(skipped)}:")
            for reason, ids in reasons.items():
                listed = ", ".join(ids[:10]) + (
                    f" and {len(ids) - 10} more" if len(ids) > 10 else ""
                )
                click.echo(f"  {reason}: {len(ids)} ({listed})")
