"""Keep other children out of a child's letter.

Brothers and sisters often share one review meeting, and the record of one
child's review may name the others. The rule is deliberately simple and errs
on the side of leaving things out:

    A sentence (or an attendee, or a recommendation) is left out of a child's
    letter when it contains the Person ID, forename, preferred name or surname
    of any *other* child in children.csv, as a whole word with the same
    capitalisation as the export (or in capitals).

The child's own forename and preferred name are not treated as another
child's name (two unrelated children may both be called Sam), nor are the
names of the adults the letter names from structured data: the child's social
worker, the IRO, and people recorded with a professional or carer role in
brackets ("Jo Bloggs (foster carer)"). A month name next to a day or year
("15 May 2027") is a date, not a child called May. A surname the
child shares with a brother or sister *is* treated as the other child's, so
sentences such as "Ellie and Jack Smith ..." go too. The IRO is told how many
items were left out (never which name caused it) and can add back by hand
what is safe.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from iro_cli.letters.wording import MONTHS as MONTH_NAMES


@dataclass(frozen=True)
class KnownChild:
    person_id: str
    forename: str
    surname: str
    preferred_name: str = ""


def _tokens(child: KnownChild) -> set[str]:
    words = set()
    for value in (child.forename, child.preferred_name, child.surname):
        value = " ".join(value.split())
        if len(value) >= 2:
            words.add(value)
            words.add(value.upper())
    return words


class OtherChildren:
    """Finds other children's names and IDs in text; built once for many letters."""

    def __init__(self, children: Iterable[KnownChild]) -> None:
        self._owners: dict[str, set[str]] = {}
        self._names: dict[str, set[str]] = {}
        ids: set[str] = set()
        for child in children:
            self._names.setdefault(child.person_id, set())
            for token in _tokens(child):
                self._owners.setdefault(token, set()).add(child.person_id)
            for value in (child.forename, child.preferred_name):
                if value.strip():
                    self._names[child.person_id].add(" ".join(value.split()))
            if child.person_id:
                ids.add(child.person_id)
                self._owners.setdefault(child.person_id, set()).add(child.person_id)
        tokens = sorted(self._owners, key=len, reverse=True)
        self._pattern = (
            re.compile(r"(?<![\w-])(" + "|".join(re.escape(t) for t in tokens) + r")(?![\w-])")
            if tokens
            else None
        )

    def own_names(self, person_id: str) -> set[str]:
        """The child's own forename and preferred name."""
        return set(self._names.get(person_id, set()))

    def mentions_other(
        self, text: str, person_id: str, adults: frozenset[str] = frozenset()
    ) -> bool:
        """True when ``text`` names (or gives the ID of) a child other than ``person_id``.

        ``adults``: name words of the adults around this child (see module docstring).
        """
        if self._pattern is None or not text:
            return False
        own = self._names.get(person_id, set())
        for match in self._pattern.finditer(text):
            token = match[1]
            owners = self._owners[token]
            if owners == {person_id}:
                continue
            if token in own or token.title() in own or token in adults:
                continue
            if token.title() in MONTHS and _is_date(text, match.start(), match.end()):
                continue
            return True
        return False


MONTHS = frozenset(MONTH_NAMES)


def _is_date(text: str, start: int, end: int) -> bool:
    before, after = text[:start].rstrip(), text[end:].lstrip()
    return bool(re.search(r"\d(?:st|nd|rd|th)?$", before) or re.match(r"\d{4}\b", after))


def adult_words(names: list[str]) -> frozenset[str]:
    """Name words of known adults: ``["Sam Jones"]`` -> ``{"Sam", "Jones", "SAM", "JONES"}``."""
    words: set[str] = set()
    for name in names:
        for word in re.findall(r"[A-Za-z][\w'\u2019-]*", name):
            if len(word) >= 2 and word.lower() not in {"mr", "mrs", "ms", "miss", "dr", "mx"}:
                words.update({word, word.upper()})
    return frozenset(words)
