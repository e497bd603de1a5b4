"""The check of a rendered letter: what the IRO should look at before sending it.

Runs the ``language`` and ``readability`` rules of ``iro lint-recommendations``
(:func:`iro_cli.lint.lint_text`) on the text of the finished ``.docx``, with
the limits of the child's age version, and checks once more that no other
child is named. Each warning names the sentence it is about.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from iro_cli.letters.content import Letter
from iro_cli.letters.privacy import OtherChildren

# Contact details are not prose: a web address would count as one very long word.
_CONTACT = re.compile(
    r"\S+@\S+\.\w+|(?:https?://|www\.)\S+|\b[\w-]+(?:\.[\w-]+)*\.(?:uk|com|org|net)\b(?:/\S*)?"
    r"|(?:\+44\s?|0)\d[\d ]{8,12}\d"
)
_PLACEHOLDER = re.compile(r"\[[^\]]*iro\.toml\]")
_BODY_STYLES = ("Normal", "List Bullet", "List Paragraph", "Body Text")


@dataclass(frozen=True)
class LetterCheck:
    warnings: tuple[str, ...]  # code: message: "sentence"
    names_other_child: bool


def _short(sentence: str, width: int = 90) -> str:
    sentence = " ".join(sentence.split())
    return sentence if len(sentence) <= width else sentence[: width - 3].rstrip() + "..."


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
        others.mentions_other(text, letter.person_id, letter.adults) for _, text in paragraphs
    )
    warnings: list[str] = []
    # Each paragraph is its own sentence (a heading has no full stop).
    everything = "\n".join(text for _, text in paragraphs)
    for finding in lint_text(
        everything, {"language"}, terms, max_sentence_words=None, severity={"ACR001": "error"}
    ):
        warnings.append(f'{finding.code} {finding.message} in: "{_short(finding.sentence)}"')

    body = "\n".join(
        _prose(text)
        for style, text in paragraphs
        if style in _BODY_STYLES and text.rstrip()[-1:] in ".!?"
    )
    group, target = letter.group, letter.reading_age_target
    for finding in lint_text(
        body,
        {"readability"},
        terms,
        max_sentence_words=group.max_sentence_words,
        max_reading_age=target,
    ):
        if finding.code == "PLAIN002":
            spans = sentence_spans(body)
            hardest = max(
                (body[a:b] for a, b in spans),
                key=lambda s: (reading_age(s) or 0, len(s)),
                default="",
            )
            warnings.append(
                f"{finding.code} {finding.message} for a child aged {letter.age}; "
                f'hardest sentence: "{_short(hardest)}"'
            )
        else:
            warnings.append(f'{finding.code} {finding.message}: "{_short(finding.sentence)}"')
    return LetterCheck(tuple(warnings), names_other)
