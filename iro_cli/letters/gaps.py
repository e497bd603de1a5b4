"""Gaps for the IRO: marked text in the letter with a Word comment that says why.

An action the tool cannot write for the child with confidence is not put in the
letter as recorded. The letter has a highlighted marker instead,
``"[IRO: write action 3 in words Jay will understand]"``, and a Word comment on
it holds the recommendation as recorded and the reason, so the IRO sees every gap
in Word's review pane (LibreOffice shows the comments too). A marker left in a
letter is found again by ``iro letter --check``.

The comments are added to the rendered document (python-docx >= 1.2,
``Document.add_comment``) before it is saved, in :func:`add_comments`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

MARK = "[IRO:"
AUTHOR = "iro letter"
INITIALS = "IRO"


@dataclass(frozen=True)
class Gap:
    marker: str  # the text in the letter, starting "[IRO:"
    comment: str  # for the IRO: what was recorded and why it was not rewritten


def action_gap(
    number: int, child: str, recommendation: str, responsible: str, target: str, reason: str
) -> Gap:
    """A gap for a recommendation that could not be rewritten."""
    recorded = [f"Recommendation {number} as recorded: {recommendation.strip()}"]
    if responsible.strip():
        recorded.append(f"Responsible: {responsible.strip()}")
    if target.strip():
        recorded.append(f"Target date: {target.strip()}")
    return Gap(
        f"[IRO: write action {number} in words {child} will understand]",
        "\n".join(recorded)
        + f"\nNot rewritten because: {reason}."
        + "\nWrite it as a short sentence to the child, or delete this line.",
    )


def sibling_gap(number: int, child: str) -> Gap:
    """A gap for a recommendation that names another child (its words are not copied)."""
    return Gap(
        f"[IRO: action {number} names another child: write what {child} may know, "
        "or delete this line]",
        f"Recommendation {number} names another child, so its words are not copied into "
        "this letter or this comment. Read it in the case record and write only what this "
        "child may know.",
    )


def more_comment(count: int, limit: int, age: int) -> str:
    return (
        f"{count} more agreed action(s). A letter for a child of {age} keeps to {limit} "
        "things we agreed: move the ones that matter most to the child up, and cut the rest."
    )


def add_comments(document, gaps: Sequence[Gap], more_heading: str = "", more_note: str = "") -> int:
    """Highlight each gap's marker in ``document`` (python-docx) and comment on it.

    ``more_heading``: the "More things we agreed" heading, commented with
    ``more_note``. Returns how many comments were added.
    """
    from docx.enum.text import WD_COLOR_INDEX

    wanted = {gap.marker: gap for gap in gaps}
    added = 0
    for paragraph in _paragraphs(document):
        text = paragraph.text
        if more_heading and more_note and text.strip() == more_heading and paragraph.runs:
            document.add_comment(paragraph.runs, text=more_note, author=AUTHOR, initials=INITIALS)
            added += 1
            continue
        if MARK not in text:
            continue
        for marker, gap in wanted.items():
            if marker not in text:
                continue
            runs = [run for run in paragraph.runs if run.text]
            hit = [run for run in runs if marker in run.text] or runs
            for run in hit:
                run.font.highlight_color = WD_COLOR_INDEX.YELLOW
            document.add_comment(hit, text=gap.comment, author=AUTHOR, initials=INITIALS)
            added += 1
    return added


def _paragraphs(document) -> Iterable:
    """The paragraphs that have a gap marker or the "More things" heading (tables too).

    Scans the XML text once; only those paragraphs become python-docx objects.
    """
    from docx.oxml.ns import qn
    from docx.text.paragraph import Paragraph

    body = document.element.body
    for element in body.iter(qn("w:p")):
        text = "".join(t.text or "" for t in element.iter(qn("w:t")))
        if MARK in text or "More things" in text:
            yield Paragraph(element, document._body)


def comment_count(data: bytes) -> int:
    """How many comments are anchored in a ``.docx``'s text (its comment references)."""
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return package.read("word/document.xml").count(b"<w:commentReference ")
