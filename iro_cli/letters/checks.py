"""The check of a rendered letter: what the IRO should look at before sending it.

Runs the ``language`` and ``readability`` rules of ``iro lint-recommendations``
(:func:`iro_cli.lint.lint_text`) on the text of the finished ``.docx``, with
the limits of the child's age version, and checks once more that no other
child is named. Each warning says where the sentence is (paragraph number and
the heading it sits under) and the word at fault, never the sentence itself:
letter text carries children's names, and warnings go to the terminal.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from iro_cli.letters.content import Letter
from iro_cli.letters.privacy import OtherChildren

# Contact details are not prose: a web address would count as one very long word.
_CONTACT = re.compile(
    r"\S+@\S+\.\w+|(?:https?://|www\.)\S+|\b[\w-]+(?:\.[\w-]+)*\.(?:uk|com|org|net)\b(?:/\S*)?"
    r"|(?:\+44\s?|0)\d[\d ]{8,12}\d"
)
_PLACEHOLDER = re.compile(r"\[[^\]]*iro\.toml\]|\[IRO:[^\]]*\]")
_BODY_STYLES = ("Normal", "List Bullet", "List Paragraph", "Body Text")


@dataclass(frozen=True)
class LetterCheck:
    warnings: tuple[str, ...]  # "CODE message (paragraph N, under "Heading")"
    names_other_child: bool


class _Locator:
    """Maps an offset in the joined text of some paragraphs back to where it is in the letter."""

    def __init__(self, numbered: Sequence[tuple[int, str, str]]) -> None:
        # numbered: (paragraph number in the letter, heading above it, text)
        self.starts: list[int] = []
        self.labels: list[str] = []
        offset = 0
        for number, heading, text in numbered:
            self.starts.append(offset)
            under = f', under "{heading}"' if heading else ""
            self.labels.append(f"paragraph {number}{under}")
            offset += len(text) + 1
        self.text = "\n".join(text for _, _, text in numbered)

    def where(self, offset: int) -> str:
        index = max(bisect.bisect_right(self.starts, offset) - 1, 0)
        return self.labels[index] if self.labels else "the letter"


def _numbered(paragraphs: Sequence[tuple[str, str]]) -> list[tuple[int, str, str]]:
    """(paragraph number, the heading it sits under, text) for every paragraph."""
    heading = ""
    numbered = []
    for number, (style, text) in enumerate(paragraphs, start=1):
        if style.lower().startswith(("heading", "title")):
            heading = " ".join(text.split())
        numbered.append((number, heading, text))
    return numbered


def _without(text: str, phrases: Iterable[str]) -> str:
    for phrase in phrases:
        text = text.replace(phrase, " ")
    return text


def _prose(text: str) -> str:
    return _CONTACT.sub("it", _PLACEHOLDER.sub("it", text))


def check_letter(
    paragraphs: Iterable[tuple[str, str]],
    letter: Letter,
    terms: object,
    others: OtherChildren,
) -> LetterCheck:
    """Warnings for one rendered letter (``paragraphs``: style name, text)."""
    from iro_cli.lint import lint_text
    from iro_cli.lint.readability import reading_age, sentence_spans

    paragraphs = list(paragraphs)
    names_other = any(
        others.mentions_other(_without(text, letter.service_text), letter.person_id, letter.adults)
        for _, text in paragraphs
    )
    warnings: list[str] = []
    numbered = _numbered(paragraphs)
    # Each paragraph is its own sentence (a heading has no full stop).
    # Gap markers ("[IRO: ...]") are for the IRO, not the child: not checked as wording.
    every = _Locator([(n, h, _GAP_MARKER.sub(" ", t)) for n, h, t in numbered])
    for finding in lint_text(
        every.text, {"language"}, terms, max_sentence_words=None, severity={"ACR001": "error"}
    ):
        warnings.append(f"{finding.code} {finding.message} ({every.where(finding.start)})")

    body = _Locator(
        [
            (number, heading, _prose(text))
            for (number, heading, text), (style, _) in zip(numbered, paragraphs, strict=True)
            if style in _BODY_STYLES and text.rstrip()[-1:] in ".!?"
        ]
    )
    group, target = letter.group, letter.reading_age_target
    for finding in lint_text(
        body.text,
        {"readability"},
        terms,
        max_sentence_words=group.max_sentence_words,
        max_reading_age=target,
    ):
        if finding.code == "PLAIN002":
            spans = sentence_spans(body.text)
            hardest = max(
                spans,
                key=lambda span: (
                    reading_age(body.text[span[0] : span[1]]) or 0,
                    span[1] - span[0],
                ),
                default=(0, 0),
            )
            warnings.append(
                f"{finding.code} {finding.message} for a child aged {letter.age}; "
                f"the hardest sentence is in {body.where(hardest[0])}"
            )
        else:
            warnings.append(f"{finding.code} {finding.message} ({body.where(finding.start)})")
    return LetterCheck(tuple(warnings), names_other)


# ---------------------------------------------------------------- sentence faults

_GAP_MARKER = re.compile(r"\[IRO:[^\]]*\]")
_PLAN_HEADINGS = ("what we agreed", "what will happen next", "more things we agreed")
_MEETING_DATE = re.compile(
    r"\b(?:meeting|review)\b[^.]*?\bon (\d{1,2} (?:January|February|March|April|May|June|July"
    r"|August|September|October|November|December) \d{4})"
)


@dataclass(frozen=True)
class PlacedFault:
    paragraph: int  # number in the letter (1 = first non-empty paragraph)
    heading: str
    code: str
    message: str

    def __str__(self) -> str:
        under = f', under "{self.heading}"' if self.heading else ""
        return f"{self.code} {self.message} (paragraph {self.paragraph}{under})"


def sentence_faults(
    paragraphs: Sequence[tuple[str, str]], max_words: int, terms: object, gender: str = ""
) -> list[PlacedFault]:
    """The faults of :mod:`iro_cli.letters.faults` in a letter's text, outside marked gaps.

    ``paragraphs``: (style name, text). Agreed actions (the bullets under "What we
    agreed" and "More things we agreed") are checked as actions; every body
    paragraph for care words, "you" with a third-person verb, cut or repeated
    timings, fragments and length; a gap marker still in the letter is a ``GAP``;
    the meeting date said in two paragraphs is a ``TIMING_TWICE``.
    """
    from iro_cli.letters.faults import Fault, text_faults

    out: list[PlacedFault] = []
    meeting_dates: dict[str, int] = {}
    for number, heading, text in _numbered(list(paragraphs)):
        style = paragraphs[number - 1][0]
        if style.lower().startswith(("heading", "title")) or text.startswith("Dear "):
            continue
        plan = heading.lower() in _PLAN_HEADINGS and style != "Normal"
        found: list[Fault] = []
        if _GAP_MARKER.search(text):
            found.append(Fault("GAP", ""))
        prose = _prose(_GAP_MARKER.sub(" ", text)).strip()
        if prose and prose.rstrip()[-1:] in '.!?"\u201d':
            found += text_faults(prose, terms, max_words=max_words, action=plan, gender=gender)
        for day in _MEETING_DATE.findall(text):
            if day in meeting_dates and meeting_dates[day] != number:
                found.append(
                    Fault(
                        "TIMING_TWICE", f"the meeting date, also in paragraph {meeting_dates[day]}"
                    )
                )
            meeting_dates.setdefault(day, number)
        out += [PlacedFault(number, heading, f.code, f.message) for f in found]
    return out


@dataclass(frozen=True)
class EditedLetterCheck:
    """``iro letter --check``: what is still wrong in a letter the IRO has edited."""

    group: str  # the age version's key ("" when the document does not say)
    max_words: int
    faults: tuple[PlacedFault, ...]
    comments: int  # Word comments still in the document

    @property
    def ready(self) -> bool:
        return not self.faults and not self.comments


def age_version(data: bytes) -> str:
    """The age version ``iro letter`` recorded in a letter's properties ("" if none)."""
    import io
    import zipfile

    from iro_cli.letters.render import CATEGORY

    with zipfile.ZipFile(io.BytesIO(data)) as package:
        if "docProps/core.xml" not in package.namelist():
            return ""
        core = package.read("docProps/core.xml").decode("utf-8", "replace")
    match = re.search(re.escape(CATEGORY) + r"(\w+)", core)
    return match[1] if match else ""


def check_edited(data: bytes, terms: object) -> EditedLetterCheck:
    """The sentence checks of a new draft, over a ``.docx`` letter the IRO has edited."""
    from iro_cli.letters.ages import AGE_13_PLUS, AGE_GROUPS
    from iro_cli.letters.gaps import comment_count
    from iro_cli.letters.render import docx_paragraphs

    key = age_version(data)
    group = next((g for g in AGE_GROUPS if g.key == key), AGE_13_PLUS)
    faults = sentence_faults(docx_paragraphs(data), group.max_sentence_words, terms)
    return EditedLetterCheck(
        key if group.key == key else "",
        group.max_sentence_words,
        tuple(faults),
        comment_count(data),
    )
