"""Deterministic rewording for letters: dates, sentences, "you", care words, acronyms.

Every rule here is a plain, predictable text substitution. Where a rule cannot
be sure (a pronoun that may mean someone else, a care word with no usable
replacement), it leaves the words as they are; the post-render check then
warns the IRO about what is left.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from functools import lru_cache
from typing import Any, Protocol

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


class Terms(Protocol):
    """The term lists of ``iro_cli.lint`` (``load_terms``) that letters use."""

    care_words: Mapping[str, str]
    acronyms: Mapping[str, tuple[str, str]]


# ---------------------------------------------------------------- dates


def uk_date(day: date) -> str:
    """``date(2027, 1, 15)`` -> ``"15 January 2027"``."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


_NUMERIC_DATE = re.compile(r"\b(\d{1,2})[/.](\d{1,2})[/.](\d{4}|\d{2})\b")
_ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2})?)?\b")


def _make_date(year: int, month: int, day: int) -> date | None:
    if year < 100:
        year += 2000
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_date(text: str) -> date | None:
    """A date written the UK way (``dd/mm/yyyy``, ``dd.mm.yy``) or ISO; else ``None``."""
    text = text.strip()
    match = _NUMERIC_DATE.fullmatch(text.split(" ")[0]) if text else None
    if match:
        return _make_date(int(match[3]), int(match[2]), int(match[1]))
    match = _ISO_DATE.fullmatch(text)
    if match:
        return _make_date(int(match[1]), int(match[2]), int(match[3]))
    return None


def plain_dates(text: str) -> str:
    """Rewrite every numeric date in ``text`` as ``15 January 2027`` (UK day order)."""

    def numeric(match: re.Match[str]) -> str:
        found = _make_date(int(match[3]), int(match[2]), int(match[1]))
        return uk_date(found) if found else match[0]

    def iso(match: re.Match[str]) -> str:
        found = _make_date(int(match[1]), int(match[2]), int(match[3]))
        return uk_date(found) if found else match[0]

    return _NUMERIC_DATE.sub(numeric, _ISO_DATE.sub(iso, text))


_VAGUE_WHEN = {
    "asap": "as soon as possible",
    "as soon as possible": "as soon as possible",
    "ongoing": "",
    "on going": "",
    "n/a": "",
    "na": "",
    "tbc": "",
    "tba": "",
    "to be confirmed": "",
    "-": "",
}
_WHEN_WORDS = (
    "by",
    "before",
    "within",
    "every",
    "each",
    "weekly",
    "fortnightly",
    "monthly",
    "daily",
    "at",
    "on",
    "in",
    "from",
    "until",
    "when",
    "after",
    "for",
    "over",
    "as",
    "once",
    "twice",
)


def when_phrase(target: str) -> str:
    """The ``Target Date`` cell as words that follow a sentence.

    ``"15/01/2027"`` -> ``"by 15 January 2027"``; ``"end of term"`` ->
    ``"by the end of term"``; ``"every week"`` stays; ``"ongoing"`` / ``"TBC"``
    -> ``""`` (nothing honest to say).
    """
    text = " ".join(target.split())
    if not text:
        return ""
    found = parse_date(text)
    if found:
        return f"by {uk_date(found)}"
    lowered = text.lower().rstrip(".")
    if lowered in _VAGUE_WHEN:
        return _VAGUE_WHEN[lowered]
    text = plain_dates(text).rstrip(".")
    first = lowered.split(" ")[0]
    if first in _WHEN_WORDS:
        return text[0].lower() + text[1:]
    if lowered.startswith("end of") or lowered.startswith("start of"):
        return f"by the {text[0].lower()}{text[1:]}"
    return f"by {text}"


# ---------------------------------------------------------------- sentences

_ABBREVIATIONS = ("Mr", "Mrs", "Ms", "Miss", "Dr", "St", "e.g", "i.e", "etc", "No")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'\u201d\u2019)]?\s+(?=[\"'\u201c\u2018(]?[A-Z0-9])")


def sentences(text: str) -> list[str]:
    """Split free text into sentences (line breaks and bullets also split)."""
    out: list[str] = []
    for line in re.split(r"[\r\n]+|(?:^|\s)[\u2022*\u2013-]\s+", text):
        line = line.strip(" \t-\u2022*;")
        if not line:
            continue
        start = 0
        for match in _SENTENCE_END.finditer(line):
            before = line[start : match.start()].rstrip(".!?\"')\u201d\u2019")
            last_word = before.rsplit(" ", 1)[-1]
            if last_word in _ABBREVIATIONS:
                continue
            out.append(line[start : match.start()].strip())
            start = match.end()
        tail = line[start:].strip()
        if tail:
            out.append(tail)
    return out


def finish(sentence: str) -> str:
    """Capital first letter and a closing full stop."""
    sentence = " ".join(sentence.split()).strip(" ;,")
    if not sentence:
        return ""
    sentence = sentence[0].upper() + sentence[1:]
    # A quotation that ends with its own stop ("... my friends.”) needs no other.
    if sentence.rstrip("\"'”’)")[-1:] not in (".", "!", "?"):
        sentence += "."
    return sentence


def join_words(items: list[str]) -> str:
    """``["a", "b", "c"]`` -> ``"a, b and c"``."""
    items = [item for item in items if item]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


# ---------------------------------------------------------------- "you"

# Words that mean "the child" in review records, whoever the child is.
_CHILD_WORDS = ("the young person", "the child", "young person", "CYP", "YP")


_ADVERBS = (
    "sometimes",
    "often",
    "always",
    "never",
    "really",
    "still",
    "also",
    "usually",
    "now",
    "then",
    "only",
    "just",
    "again",
)


def _name_pattern(names: Iterable[str]) -> re.Pattern[str] | None:
    return _name_pattern_of(tuple(names))


@lru_cache(maxsize=64)
def _name_pattern_of(names: tuple[str, ...]) -> re.Pattern[str] | None:
    words = sorted({n.strip() for n in names if n and len(n.strip()) > 1}, key=len, reverse=True)
    generic = [f"(?i:{re.escape(w)})" if w.islower() else re.escape(w) for w in _CHILD_WORDS]
    alternatives = [re.escape(w) for w in words] + generic
    if not alternatives:
        return None
    return re.compile(r"(?<![\w'\u2019-])(" + "|".join(alternatives) + r")(?:(['\u2019]s)\b|\b)")


_QUOTED = re.compile(r"[\"\u201c][^\"\u201d]*[\"\u201d]")


def _outside_quotes(text: str, change: Callable[[str], str]) -> str:
    """``change`` applied to the text between quotations: the child's own words stay theirs."""
    out, last = [], 0
    for match in _QUOTED.finditer(text):
        out.append(change(text[last : match.start()]) + match.group())
        last = match.end()
    out.append(change(text[last:]))
    return "".join(out)


def second_person(text: str, names: Iterable[str]) -> str:
    """Write the child's name (and "the child", "YP") as "you"/"your".

    ``"Ellie's dentist"`` -> ``"your dentist"``; ``"Ellie sometimes feels sad"`` ->
    ``"you sometimes feel sad"``; a sentence that starts with the name starts
    "You", and every verb after "you" agrees (:func:`agree_after_you`). Words in
    quotation marks are the child's own and stay as they are. Pronouns
    (she/he/her/his) are left alone: they may mean someone else.
    """
    pattern = _name_pattern(names)
    if pattern is None:
        return text

    def swap(part: str) -> str:
        return pattern.sub(lambda m: "your" if m[2] else "you", part)

    return agree_after_you(_capitalise_starts(_outside_quotes(text, swap)))


_YOU_THEN_WORD = re.compile(
    r"\b([Yy]ou)(\s+(?:(?:" + "|".join(_ADVERBS) + r")\s+)?)([A-Za-z][A-Za-z'\u2019]*)"
)
_AND_THEN_WORD = re.compile(
    r"\b(and|but|or)(\s+(?:(?:" + "|".join(_ADVERBS) + r")\s+)?)([A-Za-z][A-Za-z'\u2019]*)"
)


def agree_after_you(text: str) -> str:
    """Every verb after "you" agrees: ``"you absconds"`` -> ``"you abscond"``
    (``lemminflect``, :func:`iro_cli.letters.grammar.after_you`); in a sentence whose
    subject is "You", a verb joined by and/but/or agrees too ("You like Jo and want...")."""
    from iro_cli.letters.grammar import after_you

    def fix(part: str) -> str:
        part = _YOU_THEN_WORD.sub(lambda m: m[1] + m[2] + after_you(m[3]), part)
        pieces = re.split(r"(?<=[.!?])(\s+)", part)
        for index, piece in enumerate(pieces):
            if piece.startswith("You "):
                pieces[index] = _AND_THEN_WORD.sub(lambda m: m[1] + m[2] + after_you(m[3]), piece)
        return "".join(pieces)

    return _outside_quotes(text, fix)


def _capitalise_starts(text: str) -> str:
    text = re.sub(r"(^|[.!?]\s+)(you|your)\b", lambda m: m[1] + m[2].capitalize(), text)
    return text


# ---------------------------------------------------------------- care words and acronyms

# A preferred wording that is advice to the writer, not words to put in a letter.
_INSTRUCTION = re.compile(
    r"^(?:drop|avoid|leave it out|leave out|omit|use |say |describe |name (?:the|them)"
    r"|don't|do not)",
    re.I,
)
_DETERMINER_BEFORE = re.compile(r"(?i)\b(?:the|a|an|your|his|her|their|our|my|\w+['\u2019]s)\s+$")


# Words after which an "-ing" phrase reads ("about seeing Mum").
_GERUND_AFTER = frozenset(
    [
        "about",
        "for",
        "of",
        "after",
        "before",
        "from",
        "on",
        "in",
        "by",
        "without",
        "like",
        "love",
        "enjoy",
    ]
)


def usable_replacement(preferred: str, original: str = "") -> str:
    """The words to use from a term list's preferred wording; ``""`` when there are none.

    ``"family time (or: seeing Mum, seeing Dad)"`` -> ``"family time"``;
    ``"teacher (name them: Mrs Khan)"`` -> ``"teacher"``; advice such as
    ``"use the child's name"`` or ``"leave it out"``, a ``[name]`` placeholder or a
    trailing ``...`` cannot be put in a letter -> ``""``.
    """
    text = re.sub(r"\s*\([^)]*\)", "", preferred).strip()
    text = re.split(r"\s*[,;]\s*|\s+or\s+", text)[0].strip().strip("\"'")
    if (
        not text
        or _INSTRUCTION.match(text)
        or "[" in text
        or "..." in text
        or "\u2026" in text
        or (original and text.lower() == original.lower())
    ):
        return ""
    return text


def _fit(text: str, start: int, end: int, found: str, word: str) -> tuple[int, str]:
    """Where the replacement starts and its wording, fitted to the words around it.

    A determiner before the term gives way to one the replacement brings ("the
    LAC review" -> "your meeting", "the SENCO" -> "the teacher who...") or to
    an "-ing" phrase ("your contact with Mum" -> "seeing Mum").
    """
    before = text[:start]
    det = _DETERMINER_BEFORE.search(before)
    first = word.split(" ", 1)[0].lower()
    if det and (first in {"your", "my", "the", "a", "an"} or first.endswith("ing")):
        start = det.start()
        before = text[:start]
        capital = det.group()[:1].isupper()
    else:
        starts_sentence = not before.strip() or before.rstrip()[-1] in ".!?:"
        capital = found[:1].isupper() and (not found.isupper() or starts_sentence)
    if capital and word[:1].islower():
        word = word[0].upper() + word[1:]
    return start, word


class Replacer:
    """Care words and acronyms -> plain words, using the term lists of ``iro_cli.lint``.

    Care words are found by ``lint_text`` itself (so its exceptions, such as
    "you can contact me", apply) and replaced by the first plain wording of
    the preferred text; acronyms (whole words, in capitals) by their plain
    phrase, else their expansion; "Personal Education Plan (PEP)" keeps the
    long form only. Stigmatising labels are not reworded here: describing what
    happened needs a person (see :meth:`has_label`).
    """

    def __init__(self, terms: Terms) -> None:
        from iro_cli.lint import lint_text

        self.terms = terms
        self._lint = lint_text
        rules: list[tuple[re.Pattern[str], str]] = []
        for acronym, (expansion, plain) in sorted(
            terms.acronyms.items(), key=lambda item: len(item[0]), reverse=True
        ):
            replacement = usable_replacement(plain, acronym) or expansion.strip()
            if not replacement or replacement == acronym:
                continue
            if expansion:
                long = re.escape(expansion)
                short = re.escape(acronym)
                rules.append((re.compile(rf"(?i:{long})\s*\({short}\)"), expansion))
                rules.append((re.compile(rf"{short}\s*\((?i:{long})\)"), replacement))
            rules.append(
                (re.compile(rf"(?<![\w&/-]){re.escape(acronym)}s?(?![\w&-])"), replacement)
            )
        self._acronyms = rules

    def _after_quantifier(self, before: str, found: str, word: str) -> str:
        """An "-ing" wording only where one reads: "seeing Mum" after "about", at the start.

        "arrange contact with Mum" -> "arrange family time with Mum" (the wording of
        the first word, "contact", plus the rest), not "arrange seeing Mum".
        """
        previous = before.rstrip().rsplit(None, 1)
        first, _, rest = found.partition(" ")
        fits = (
            not previous
            or previous[-1][-1:] in ".!?:"
            or previous[-1].lower() in _GERUND_AFTER
            or _DETERMINER_BEFORE.search(before)
        )
        if word.split(" ", 1)[0].endswith("ing") and rest and not fits:
            hit = self.terms.care_matcher.search(first)
            if hit is not None and hit[1].group() == first:
                plain = usable_replacement(self.terms.care_words[hit[0]], first)
                if plain and not plain.split(" ", 1)[0].endswith("ing"):
                    return f"{plain} {rest}"
        return word

    def has_label(self, text: str) -> bool:
        """True when ``text`` has a stigmatising label (CARE002)."""
        return any(f.code == "CARE002" for f in self._lint(text, {"language"}, self.terms, None))

    def __call__(self, text: str) -> str:
        # Care words first ("LAC review" is a care word before "LAC" is an acronym),
        # then acronyms, then care words again (an expansion may be one).
        return self._care_words(self._acronyms_out(self._care_words(text)))

    def _acronyms_out(self, text: str) -> str:
        for pattern, replacement in self._acronyms:
            pieces: list[str] = []
            last = 0
            for match in pattern.finditer(text):
                start, word = _fit(text, match.start(), match.end(), match.group(), replacement)
                start = max(start, last)
                pieces.append(text[last:start] + word)
                last = match.end()
            if pieces:
                text = "".join(pieces) + text[last:]
        return text

    def _care_words(self, text: str) -> str:
        findings = [
            f for f in self._lint(text, {"language"}, self.terms, None) if f.code == "CARE001"
        ]
        for finding in sorted(findings, key=lambda f: f.start, reverse=True):
            hit = self.terms.care_matcher.search(finding.match)
            if hit is None:
                continue
            word = usable_replacement(self.terms.care_words[hit[0]], finding.match)
            if not word:
                continue
            word = self._after_quantifier(text[: finding.start], finding.match, word)
            start, word = _fit(text, finding.start, finding.end, finding.match, word)
            text = text[:start] + word + text[finding.end :]
        return text


# ---------------------------------------------------------------- pronouns

_PRONOUNS = {
    "male": {"he": "you", "his": "your", "himself": "yourself"},
    "female": {"she": "you", "hers": "yours", "herself": "yourself", "her": "your"},
}
_GENDER_WORDS = {
    "male": ["male", "m", "boy", "man"],
    "female": ["female", "f", "girl", "woman"],
}
# Words for people: after one of these, "he"/"her" may mean that person.
_PERSON_NOUNS = frozenset(
    [
        "mum",
        "dad",
        "mother",
        "father",
        "mummy",
        "daddy",
        "brother",
        "brothers",
        "sister",
        "sisters",
        "nan",
        "nana",
        "gran",
        "grandma",
        "grandad",
        "grandmother",
        "grandfather",
        "aunt",
        "auntie",
        "uncle",
        "cousin",
        "carer",
        "carers",
        "teacher",
        "worker",
        "adviser",
        "advisor",
        "nurse",
        "doctor",
        "officer",
        "manager",
        "friend",
        "friends",
        "boyfriend",
        "girlfriend",
        "partner",
        "baby",
        "son",
        "daughter",
        "man",
        "woman",
        "boy",
        "girl",
        "he",
        "she",
        "him",
        "her",
        "his",
        "they",
        "them",
        "family",
        "stepdad",
        "stepmum",
    ]
)
# Words after which a pronoun such as 'her' is an object ('with her to the park'):
# shared with the action rewriting in recommendations.py.
AFTER_OBJECT = frozenset(
    [
        "to",
        "for",
        "with",
        "at",
        "on",
        "about",
        "and",
        "but",
        "or",
        "from",
        "when",
        "if",
        "because",
        "that",
        "again",
        "too",
        "back",
        "up",
        "home",
        "more",
        "less",
    ]
)
_OBJECT_NEXT = AFTER_OBJECT | {"a", "an", "the", "this"}
_PLAIN_CAPITALS = frozenset(MONTHS) | {
    "I",
    "You",
    "Your",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
}
_TOKEN = re.compile(r"[A-Za-z][A-Za-z'\u2019-]*|[.!?]")


def gender_of(value: str) -> str:
    """``"Female"``/``"F"`` -> ``"female"``; ``"Male"``/``"M"`` -> ``"male"``; else ``""``."""
    value = value.strip().lower()
    for gender, words in _GENDER_WORDS.items():
        if value in words:
            return gender
    return ""


def child_pronouns(text: str, gender: str) -> str:
    """He/she/his/her meaning the child -> you/your, when that is the only reading.

    A pronoun is taken to mean the child only when the nearest person before
    it in the text is the child ("you"/"your", from :func:`second_person`):
    any other person (a name, "Mum", "the teacher") in between leaves it alone.
    Object pronouns ("him", "miss her") are never changed: they mean someone else.
    ``"You are behind with his rent"`` -> ``"You are behind with your rent"``;
    ``"Dad said he is busy"`` is unchanged. With no gender recorded, nothing changes.
    """
    from iro_cli.letters.grammar import after_you, third_person

    table = _PRONOUNS.get(gender)
    if not table:
        return text
    out: list[str] = []
    last = 0
    referent = ""
    sentence_start = True
    tokens = list(_TOKEN.finditer(text))
    for index, match in enumerate(tokens):
        if match is _SKIP:
            continue
        word = match.group()
        lower = word.lower()
        if word in (".", "!", "?"):
            sentence_start = True
            continue
        replacement = None
        if lower in ("you", "your", "yourself"):
            referent = "child"
        elif lower in table and referent == "child":
            replacement = table[lower]
            if lower == "her":
                # "her bike" is hers; "miss her" is someone else (the child would be "herself").
                following = tokens[index + 1].group().lower() if index + 1 < len(tokens) else "."
                if following in _OBJECT_NEXT or following in (".", "!", "?"):
                    replacement = None
            if lower in ("he", "she") and index + 1 < len(tokens):
                verb = tokens[index + 1]
                agreed = after_you(verb.group()) if third_person(verb.group()) else None
                if agreed is not None:
                    out.append(text[last : match.start()])
                    out.append(_cap(replacement, word) + text[match.end() : verb.start()] + agreed)
                    last = verb.end()
                    tokens[index + 1] = _SKIP
                    sentence_start = False
                    continue
        elif (
            lower in _PERSON_NOUNS
            or lower in _PRONOUNS["male"]
            or lower in _PRONOUNS["female"]
            or word[0].isupper()
            and not sentence_start
            and word not in _PLAIN_CAPITALS
        ):
            referent = "other"
        if replacement is not None:
            out.append(text[last : match.start()] + _cap(replacement, word))
            last = match.end()
        sentence_start = False
    out.append(text[last:])
    return "".join(out)


class _Skip:
    def group(self) -> str:
        return ""


_SKIP: Any = _Skip()


def _cap(word: str, like: str) -> str:
    return word[0].upper() + word[1:] if like[:1].isupper() else word
