"""A wording's shape: the people's names and the dates in it put aside.

The national file's 2.3 million recommendations are 1,167,771 distinct wordings, but
most differ only in names ("Bernadette Whitfield (social worker) will refer Franciszek
...") and dates ("by 22/01/2026"): put those aside and they are about 100,000 shapes. The
rules analyse each shape once (smart.wording_facts, engine._text_findings) and the names
and dates are put back into what they found.

A placeholder has the kind of characters of what it stands for, and its length, so
offsets, "the 40 characters before" and word counts stay as they were:

- a capitalised word ("Bernadette", "Amir's") becomes "Q" and letters z, j, x
  ("Qzzzzzzzzz"; the same word, the same placeholder), when the rules know nothing of
  it (:class:`NameTest`): in no term list and in no string of the rules' code, holding
  no piece of one of four letters or more ("Tuesdays"), starting no listed term that
  has an ending ("foster car*"), no ending the rules read as grammar ("Ahmed"), none of
  the first tests that can fail where their pattern matches inside it ("call" in
  "Callum"), nor one running across its edge ("in " after "Robin", "end of" before
  "Ofori") where that could change what is found; and it is nowhere else in the
  wording in another form;
- a real date ``dd/mm/yyyy`` or ``d Month yyyy`` becomes another real date of 1900-1909
  ("11/11/1900", "11 May       1900": "May" and as many spaces as the month is
  longer). A date that ends the wording (nothing but a full stop after it) becomes
  "11/11/1900" or "3 May 1900" whatever its length: offsets after it are moved
  (:meth:`Shape.position`), and a finding or timing starting inside it is not restored.

What the rules find in the shape is restored: names and dates put back into messages,
matches and sentences, timings given their own text and date parts. When a placeholder
would be left (the rules took one apart or lower-cased it), or a finding starts inside
a date that ends the wording, the wording is analysed whole instead.

Whether the rules read a shape as they read its wordings is measured, not assumed:
``tests/test_lint_shapes.py`` compares the two on the sample and on a held-out set of
3,000 rows written without reading this code (tests/data/lint/names_dates_heldout.csv);
the national file's findings are the same byte for byte.

Pure: strings in, strings out.
"""

from __future__ import annotations

import calendar
import re
import sys
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, NamedTuple

from iro_cli.lint.recent import MISSING

if TYPE_CHECKING:
    from collections.abc import Iterable

    from iro_cli.lint.rules import Finding
    from iro_cli.lint.terms import Terms

_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
# A capitalised word (a name, most of them: "Priya", "Raman", "Amir's"), not part of a
# longer one ("Smith-Jones", "J.Smith", "AT&T").
# Written to start with the capital, the look back after it: the engine skips to capitals.
_NAME_WORD = re.compile(r"[A-Z](?<![\w'’\-.&/][A-Z])[a-z]{2,15}(?![\w\-&/]|\.\w)")
# Dates as the exports write them: "22/01/2026", "8 May 2026" (not inside other numbers).
_DATE_SLOT = re.compile(
    rf"(\d(?<![\w/.\-]\d)\d?)(?:/(\d{{1,2}})/(\d{{4}})| ({_MONTHS}) (\d{{4}}))"
    r"(?![\w/]|[.\-]\d)"
)
_MONTH_NUMBERS = {name: number for number, name in enumerate(_MONTHS.split("|"), 1)}
_DAYS_IN = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
# "Spring 1" (a half term) reads a lone 1 or 2 after a season; "start of year 2" too.
_SEASON_BEFORE = re.compile(r"(?i)(?:autumn|spring|summer|year)\s*\Z")
# Placeholders: "Q" and then letters of the name's length from these (none is a vowel, a
# rule's word or a rule's first test); a date's year 1900-1909, one a date.
_PLACEHOLDER_LETTERS = "zjx"
_PLACEHOLDER = re.compile(r"(?i)\bq[zjx]{2,}\b")
_PLACEHOLDER_YEAR = re.compile(r"190\d")
_TAIL = re.compile(r"[.!\s]*")  # after a date that ends a wording
_LOOSE_SPACE = re.compile(r"[^\S ]|  ")  # white space a first test's " " does not stand for
_MAX_DATES = 10  # dates a shape puts aside (the placeholder years 1900-1909)
# Endings the rules read as grammar: a passive ("to be ...ed"), a noun ("Referral to").
_ENDINGS = ("ed", "tion", "sion", "ment", "ness", "ship", "ing", "ance")


# Where a place in a shape is against the date that ends the wording (Shape.where).
BEFORE, AFTER, INSIDE = 0, 1, 2


class DateSlot(NamedTuple):
    """One date put aside: where it is, what it was and what stands for it."""

    start: int
    end: int
    original: str
    placeholder: str
    parts: tuple[tuple[str, str, str], ...]  # (part name, placeholder, original): d, m, y


class Shape(NamedTuple):
    """A wording with its names and dates put aside, and how to put them back."""

    text: str
    names: dict[str, str]  # placeholder word -> the name word it stands for
    dates: tuple[DateSlot, ...]
    # A date that ends the wording has one placeholder whatever its length ("3 May
    # 1900"): where that is in the shape, and how much longer the date is.
    tail: tuple[int, int] = (0, 0)
    shift: int = 0

    def touches(self, start: int, end: int) -> bool:
        """Some placeholder is in ``start:end`` (asked once a shape: worked out here)."""
        spans = [(d.start, d.start + len(d.placeholder)) for d in self.dates]
        if self.names:
            spans += [m.span() for m in _PLACEHOLDER.finditer(self.text)]
        return any(a < end and start < b for a, b in spans)

    def position(self, at: int) -> int | None:
        """Where ``at`` in the shape is in the wording (``None``: inside a date that ends
        the wording, whose placeholder is not as long)."""
        return self.moved(at, self.where(at))

    def where(self, at: int) -> int:
        """Where ``at`` in the shape is against the date that ends the wording: BEFORE
        (or there is none), AFTER or INSIDE it. The same for every wording of a shape."""
        if at <= self.tail[0]:
            return BEFORE
        return AFTER if at >= self.tail[1] else INSIDE

    def moved(self, at: int, where: int) -> int | None:
        """:meth:`position` of ``at``, :meth:`where` it is known."""
        if where == BEFORE or not self.shift:
            return at
        return at + self.shift if where == AFTER else None

    def restore(self, value: str) -> str:
        """``value`` (a message, a match, a sentence from the shape) with the names and
        dates put back."""
        if not value:
            return value
        if self.names and "Q" in value:
            value = _PLACEHOLDER.sub(lambda m: self.names.get(m.group(), m.group()), value)
        for slot in self.dates:
            if slot.placeholder in value:
                value = value.replace(slot.placeholder, slot.original)
        return value

    def leftover(self, value: str) -> bool:
        """``value`` (after :meth:`restore`) still holds a placeholder, whole or in part:
        the rules took it apart, so the wording must be analysed whole."""
        return bool(
            value
            and (
                (self.names and _PLACEHOLDER.search(value))
                or (self.dates and _PLACEHOLDER_YEAR.search(value))
            )
        )


def restore_finding(finding: Finding, shape: Shape) -> Finding | None:
    """A finding of the shape as the wording gives it; ``None`` when a placeholder would be
    left in it, or it starts or ends inside a date that ends the wording."""
    message, suggestion, match, sentence = (
        shape.restore(finding.message),
        shape.restore(finding.suggestion),
        shape.restore(finding.match),
        shape.restore(finding.sentence),
    )
    if any(map(shape.leftover, (message, suggestion, match, sentence))):
        return None
    start, end = shape.position(finding.start), shape.position(finding.end)
    if start is None or end is None:
        return None
    return finding._replace(
        message=message, suggestion=suggestion, match=match, sentence=sentence, start=start, end=end
    )


def holding(findings: Iterable[Finding | None], shape: Shape) -> tuple[int, ...] | None:
    """Which of a shape's findings hold a placeholder (to restore for each of its
    wordings: the same for all of them); ``None`` when one cannot be restored."""
    out = []
    for index, finding in enumerate(findings):
        if finding is None:
            continue
        restored = restore_finding(finding, shape)
        if restored is None:
            return None
        if restored != finding:
            out.append(index)
    return tuple(out)


def shape_of(text: str, terms: Terms) -> Shape | None:
    """The shape of ``text``, or ``None`` when nothing in it can be put aside (the last
    one is kept: a row's text and wording rules ask for it one after the other)."""
    if _LAST[0] == text and _LAST[1] is terms:
        return _LAST[2]  # type: ignore[no-any-return]
    shape = _shape_of(text, terms)
    _LAST[:] = [text, terms, shape]
    return shape


_LAST: list[object] = [None, None, None]


def _shape_of(text: str, terms: Terms) -> Shape | None:
    if ("Q" in text and _PLACEHOLDER.search(text)) or (
        "190" in text and _PLACEHOLDER_YEAR.search(text)
    ):
        return None  # already holds what a placeholder looks like
    shaped = text
    names = _put_names_aside(text, terms.name_test)
    for placeholder, word in names.items():
        # Only where it is a name: the word is nowhere else in the text (_put_names_aside).
        shaped = shaped.replace(word, placeholder)
    dates: list[DateSlot] = []
    if "/" in text or " 20" in text or " 19" in text:
        for match in _DATE_SLOT.finditer(text):
            if len(dates) == _MAX_DATES:
                break
            slot = _date_slot(text, match, len(dates))
            if slot is not None:
                dates.append(slot)
    if not dates:
        return Shape(shaped, names, ()) if names else None
    tail, shift = (0, 0), 0
    if _TAIL.fullmatch(text, dates[-1].end):
        # Nothing after it that a rule reads: one placeholder for every such date.
        dates[-1] = last = _at_the_end(dates[-1])
        tail = (last.start, last.start + len(last.placeholder))
        shift = len(last.original) - len(last.placeholder)
    pieces = []
    at = 0  # names are as long as their placeholders: a date is where it was
    for slot in dates:
        pieces += (shaped[at : slot.start], slot.placeholder)
        at = slot.end
    pieces.append(shaped[at:])
    return Shape("".join(pieces), names, tuple(dates), tail, shift)


def _at_the_end(slot: DateSlot) -> DateSlot:
    """A date that ends a wording, with the placeholder every such date has: "11/11/1900",
    "3 May 1900" (a day "1" or "2" kept, see _date_slot)."""
    return DateSlot(slot.start, slot.end, slot.original, *_ending(slot.placeholder, slot.parts))


@lru_cache(maxsize=16_384)
def _ending(
    placeholder: str, parts: tuple[tuple[str, str, str], ...]
) -> tuple[str, tuple[tuple[str, str, str], ...]]:
    """:func:`_at_the_end`'s placeholder and parts (worked out once per date)."""
    (_, day, original_day), (_, month, original_month), (_, year, original_year) = parts
    if "/" in placeholder:
        day, month = "11", "11"
        placeholder = f"{day}/{month}/{year}"
    else:
        day = day if day in ("1", "2") else "3"
        placeholder = f"{day} May {year}"
    ended = (("d", day, original_day), ("m", month, original_month), ("y", year, original_year))
    return placeholder, ended


def _put_names_aside(text: str, test: NameTest) -> dict[str, str]:
    """Placeholder -> the name word, for each capitalised word the rules know nothing of
    (``test.word``) and that is nowhere else in the text in another form ("sam" or
    "Samuel" beside "Sam"): so each place the word is in the text is a name."""
    words = _NAME_WORD.findall(text)
    if not words:
        return {}
    seen = test.seen
    out: dict[str, str] = {}
    low = ""
    for word in dict.fromkeys(words):  # in the order they first come
        edges = seen.get(word, MISSING)
        if edges is MISSING:
            edges = test.word(word)
        if edges is None:
            continue
        low = low or text.lower()
        if edges and test.may_change_tests(low, edges):  # looked at where it is
            return _names_by_place(text, test)
        if low.count(word.lower()) != words.count(word):
            continue
        placeholder = _name_placeholder(len(out), len(word))
        if placeholder is not None:
            out[placeholder] = word
    return out


def _names_by_place(text: str, test: NameTest) -> dict[str, str]:
    """:func:`_put_names_aside` for a text where the phrases of some word's edges
    (``test.word``) may run across it: a word is kept as written wherever one does at
    any place it is."""
    found: dict[str, int] = {}  # word -> how many places
    kept: set[str] = set()
    low = text.lower()
    for match in _NAME_WORD.finditer(text):
        word = match.group()
        if word in kept:
            continue
        edges = test.word(word)
        if edges is None or (edges and test.changes_tests(low, match.start(), match.end(), edges)):
            kept.add(word)
            found.pop(word, None)
            continue
        found[word] = found.get(word, 0) + 1
    out: dict[str, str] = {}
    for word, places in found.items():
        if low.count(word.lower()) != places:
            continue
        placeholder = _name_placeholder(len(out), len(word))
        if placeholder is not None:
            out[placeholder] = word
    return out


@lru_cache(maxsize=1024)
def _name_placeholder(index: int, length: int) -> str | None:
    """The placeholder of a wording's ``index``-th name word of ``length`` letters: "Q"
    and the index in the letters z, j, x ("Qzzzz", "Qjzzz"...); ``None`` when the word is
    too short to tell that many apart."""
    letters = []
    for _ in range(length - 1):
        index, digit = divmod(index, len(_PLACEHOLDER_LETTERS))
        letters.append(_PLACEHOLDER_LETTERS[digit])
    if index:
        return None
    return "Q" + "".join(letters)


def _date_slot(text: str, match: re.Match[str], index: int) -> DateSlot | None:
    """A date to put aside, or ``None`` (not a real date). Its placeholder is a real date
    in 190``index``, its day and month as long as the date's."""
    day = match.group(1)
    # "by summer 1 May": "summer 1" is a half term, so a day 1 or 2 after a season stays.
    season = day in ("1", "2") and bool(_SEASON_BEFORE.search(text, 0, match.start()))
    made = _date_placeholder(match.group(), index, season)
    if made is None:
        return None
    return DateSlot(match.start(), match.end(), match.group(), *made)


@lru_cache(maxsize=16_384)
def _date_placeholder(
    original: str, index: int, season: bool
) -> tuple[str, tuple[tuple[str, str, str], ...]] | None:
    """The placeholder and parts of the date ``original`` (``_DATE_SLOT``'s whole match)
    put aside as a wording's ``index``-th; ``None`` when it is not a real date. A file
    has a few thousand dates: each is worked out once."""
    match = _DATE_SLOT.fullmatch(original)
    assert match is not None  # noqa: S101 - the whole of one of its matches
    numeric = match.group(2) is not None
    day, month, year = match.group(1, 2, 3) if numeric else match.group(1, 4, 5)
    month_no = int(month) if numeric else _MONTH_NUMBERS[month]
    day_no = int(day)
    if not (1 <= month_no <= 12 and 1 <= day_no <= _DAYS_IN[month_no - 1]):
        return None
    if month_no == 2 and day_no == 29 and not calendar.isleap(int(year)):
        return None
    # Any real date stands for any other: the rules read a date's parts only to check it
    # is one (the parts are put back for the due date).
    if len(day) == 2:
        day_placeholder = "11"
    elif season:
        day_placeholder = day
    else:
        day_placeholder = "3"
    year_placeholder = f"190{index}"
    if numeric:
        month_placeholder = "11" if len(month) == 2 else "1"
        parts = (("d", day_placeholder, day), ("m", month_placeholder, month))
        placeholder = f"{day_placeholder}/{month_placeholder}/{year_placeholder}"
    else:
        # "May" and as many spaces as the month is longer ("8 September 2026" is
        # "3 May       1900"): the patterns read "\s+" there. A timing may start at the
        # month ("by Friday 14 May 2027": "May 2027"), so the day keeps its length.
        parts = (("d", day_placeholder, day), ("m", "may", month.lower()))
        padding = " " * (len(month) - 3)  # the month starts where it did, the year ends so
        placeholder = f"{day_placeholder} May{padding} {year_placeholder}"
    return placeholder, (*parts, ("y", year_placeholder, year))


@lru_cache(maxsize=1)
def _vocabulary() -> tuple[frozenset[str], tuple[str, ...]]:
    """What the rules' code knows: every run of letters in the strings of its code (the
    words of its patterns and lists; not its docstrings, whose examples are names) and in
    the values its modules hold (word lists built as it runs); the substrings of the first
    tests that can fail where their pattern would match."""
    import ast

    words: set[str] = set()
    for resource in resources.files("iro_cli.lint").iterdir():
        if not resource.name.endswith(".py") or resource.name == "shapes.py":
            continue
        tree = ast.parse(resource.read_text(encoding="utf-8"))
        documents = {
            id(node.body[0].value)
            for node in ast.walk(tree)
            if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef))
            and node.body
            and isinstance(node.body[0], ast.Expr)
            and isinstance(node.body[0].value, ast.Constant)
        }
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and id(node) not in documents
            ):
                words.update(re.findall(r"[a-z]{2,}", node.value.lower()))
    from iro_cli.lint import dates

    if not words:  # no source to read (a frozen build): nothing may be put aside
        raise _NoSource
    # Word lists the code builds as it runs ("chanukah", "councils"): its modules' values.
    for name, module in list(sys.modules.items()):
        if name.startswith("iro_cli.lint.") and name != __name__:
            for value in vars(module).values():
                words.update(_runs_in(value))
    tests = {"help"}  # clauses: '"help" in text'
    for index in dates.NARROW_GUARDS:
        tests.update(dates._GUARDS[index])  # type: ignore[arg-type]  # noqa: SLF001
    return frozenset(words), tuple(sorted(tests))


def _runs_in(value: object, depth: int = 0) -> set[str]:
    """The runs of letters in a value made of strings (a set, a tuple of tuples, a dict,
    a compiled pattern), lower-cased."""
    if isinstance(value, str):
        return set(re.findall(r"[a-z]{2,}", value.lower()))
    if isinstance(value, re.Pattern):
        return _runs_in(value.pattern)
    out: set[str] = set()
    if depth < 3 and isinstance(value, (tuple, list, set, frozenset, dict)):
        for item in value.items() if isinstance(value, dict) else value:
            out |= _runs_in(item, depth + 1)
    return out


class _NoSource(Exception):
    """The rules' code cannot be read (its words are what a name must not be)."""


class NameTest:
    """Which capitalised words a shape may put aside, for one run's :class:`Terms`
    (``terms.name_test``)."""

    off = False  # True when the rules' code could not be read: no word is put aside

    def __init__(self, terms: Terms) -> None:
        from iro_cli.lint.terms import longest_first, term_key

        try:
            known, tests = _vocabulary()
        except _NoSource:
            known, tests, self.off = frozenset(), (), True
        listed: set[str] = set(known)
        stems: set[str] = set()
        phrases: set[str] = set(tests)
        self._guards = frozenset(tests)
        for group in (
            terms.care_words,
            terms.labels,
            terms.unmeasurable_verbs,
            terms.owner_roles,
            terms.vague_timescales,
            terms.vague_owners,
            terms.not_names,
            terms.action_verbs,
            terms.allowed_acronyms,
            terms.acronyms,
        ):
            for term in group:
                key = term_key(term)
                listed.update(re.findall(r"[a-z]+", key))
                if term.endswith("*") and key:
                    stems.add(key.split()[-1])  # "foster car*": a name "Carlton" would do
        for expansion, plain in terms.acronyms.values():  # text: spelled out before?
            phrases.update(p.lower() for p in (expansion, plain) if p)
            listed.update(re.findall(r"[a-z]+", f"{expansion} {plain}".lower()))
        for hints in (terms.care_words.values(), terms.labels.values()):
            for hint in hints:
                listed.update(re.findall(r"[a-z]+", str(hint).lower()))
        self._listed = frozenset(listed)
        # Patterns build words from pieces ("tues" "day" "s"): a word holding a known
        # piece of four letters or more may be one of them ("Tuesdays").
        self._pieces = re.compile(longest_first(w for w in listed if len(w) >= 4))
        self._stems = tuple(sorted(stems))
        # A first test or a spelled-out acronym over a name would find something the shape
        # does not: inside it ("day" in "Dayna": never put aside), or across its edge,
        # where the text has a space or a sign ("in " after "Robin", "end of" before
        # "Ofori": looked for around each place the name is: changes_tests).
        self._inside = tuple(sorted(p for p in phrases if re.fullmatch(r"[a-z]+", p)))
        self._across = tuple(
            (
                phrase,
                runs[0] if phrase[0].isalpha() else "",
                runs[-1] if phrase[-1].isalpha() else "",
            )
            for phrase in sorted(phrases)
            if not re.fullmatch(r"[a-z]+", phrase) and (runs := re.findall(r"[a-z]+", phrase))
        )
        # Each word's answer (read by _put_names_aside without a call).
        self.seen: dict[str, tuple[str, ...] | None] = {}

    def word(self, word: str) -> tuple[str, ...] | None:
        """``None`` unless the rules know nothing of ``word``: in no list or pattern,
        holding no piece of one, starting no listed term ("foster car*"), no ending the
        rules read as grammar, no first test inside it. Else the phrases that may run
        across its edges (see :meth:`changes_tests`), mostly none."""
        if self.off:
            return None
        answer = self.seen.get(word, False)
        if answer is False:
            low = word.lower()
            answer = None
            if (
                low not in self._listed
                and not low.endswith(_ENDINGS)
                and not self._pieces.search(low)
                and not low.startswith(self._stems)
                and not any(phrase in low for phrase in self._inside)
            ):
                answer = tuple(
                    phrase
                    for phrase, first, last in self._across
                    if (first and low.endswith(first)) or (last and low.startswith(last))
                )
            if len(self.seen) >= 100_000:
                self.seen.clear()
            self.seen[word] = answer
        return answer

    def may_change_tests(self, low: str, phrases: tuple[str, ...]) -> bool:
        """:meth:`changes_tests` may be true somewhere in lower-cased ``low``: one of
        ``phrases`` is in it, and is no first test's or the white space is loose."""
        found = [phrase for phrase in phrases if phrase in low]
        return bool(found) and (
            any(phrase not in self._guards for phrase in found)
            or bool(_LOOSE_SPACE.search(low))
            or "straight" in low
        )

    def changes_tests(self, low: str, start: int, end: int, phrases: tuple[str, ...]) -> bool:
        """One of ``phrases`` (from :meth:`word`) runs across the name at ``start:end`` of
        lower-cased ``low``. A first test's phrase ("in ", "end of") matters only where the
        text has white space other than single spaces, or "straight away" (the tests that
        can fail where their pattern matches: dates.NARROW_GUARDS); an acronym's words
        always."""
        loose = None
        for phrase in phrases:
            if phrase in low[max(0, start - len(phrase)) : end + len(phrase)]:
                if phrase not in self._guards:
                    return True
                if loose is None:
                    loose = bool(_LOOSE_SPACE.search(low)) or "straight" in low
                if loose:
                    return True
        return False
