"""Everything one run of ``iro letter`` needs, built once, and one letter at a time.

No file I/O here: the command reads the exports and the template and writes
the files; :class:`LetterMaker` turns rows into finished ``.docx`` bytes plus
the warnings for the IRO.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from iro_cli.letters.checks import LetterCheck, check_letter
from iro_cli.letters.content import Letter, build_letter, find_iro
from iro_cli.letters.privacy import KnownChild, OtherChildren
from iro_cli.letters.render import check_template, docx_paragraphs, render_docx
from iro_cli.letters.selection import iro_for, latest_children, next_meeting, reviews_by_child
from iro_cli.letters.settings import LetterSettings
from iro_cli.letters.wording import Replacer

Row = Mapping[str, Any]


@dataclass(frozen=True)
class MadeLetter:
    letter: Letter
    docx: bytes
    check: LetterCheck


def _text(row: Row, key: str) -> str:
    value = row.get(key)
    return "" if value is None else str(value).strip()


class LetterMaker:
    """Holds the exports (as rows), term lists and templates for a run."""

    def __init__(
        self,
        *,
        children: Iterable[Row],
        reviews: Iterable[Row],
        recommendations: Iterable[Row],
        iros: Iterable[Row],
        terms: Any,
        settings: LetterSettings,
        templates: Mapping[str, bytes],  # language ("en", "cy") -> template bytes
        letter_date: date,
    ) -> None:
        rows = list(children)
        self.children = latest_children(rows)
        self.by_child = reviews_by_child(reviews)
        self.recommendations: dict[tuple[str, str], list[Row]] = {}
        for rec in recommendations:
            key = (_text(rec, "review_id"), _text(rec, "person_id"))
            self.recommendations.setdefault(key, []).append(rec)
        self.iros = list(iros)
        self.terms = terms
        self.replace = Replacer(terms)
        self.others = OtherChildren(
            KnownChild(
                _text(r, "person_id"),
                _text(r, "forename"),
                _text(r, "surname"),
                _text(r, "preferred_name"),
            )
            for r in rows
        )
        self.settings = settings
        self.templates = dict(templates)
        self._fields: dict[str, frozenset[str]] = {}
        self.letter_date = letter_date

    def build(self, person_id: str, review: Row) -> Letter:
        """The letter's content (no rendering)."""
        child = self.children[person_id]
        iro_name = iro_for(review, child)
        return build_letter(
            child,
            review,
            self.recommendations.get((_text(review, "review_id"), person_id), []),
            next_meeting=next_meeting(self.by_child.get(person_id, []), review),
            iro=find_iro(iro_name, self.iros) if iro_name else None,
            iro_name=iro_name,
            settings=self.settings,
            replace=self.replace,
            others=self.others,
            letter_date=self.letter_date,
        )

    def _template_fields(self, language: str, template: bytes) -> frozenset[str]:
        if language not in self._fields:
            self._fields[language] = frozenset(check_template(template).fields)
        return self._fields[language]

    def make(self, person_id: str, review: Row) -> MadeLetter:
        """Content, rendered ``.docx`` and the post-render check for one letter."""
        letter = self.build(person_id, review)
        template = self.templates.get(letter.language) or self.templates["en"]
        if letter.language != "en" and letter.language not in self.templates:
            letter.notes.append(
                "Welsh is the child's preferred language but no Welsh template is set "
                "(template_cy in [letters]): this draft is in English"
            )
        if letter.context.get("more_recommendations") and "more_recommendations" not in (
            self._template_fields(letter.language, template)
        ):
            count = len(letter.context["more_recommendations"])
            letter.notes.append(
                f"the letter template has no more_recommendations field: {count} agreed "
                "action(s) past the age's number are not in this letter"
            )
        docx = render_docx(template, letter.context, gaps=letter.gaps, more_note=letter.more_note)
        check = check_letter(docx_paragraphs(docx), letter, self.terms, self.others)
        return MadeLetter(letter, docx, check)
