"""Deterministic rewording for letters: dates, sentences, "you", care words, acronyms.

Every rule here is a plain, predictable text substitution. Where a rule cannot
be sure (a pronoun that may mean someone else, a care word with no usable
replacement), it leaves the words as they are; the post-render check then
warns the IRO about what is left.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Protocol

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
    if sentence[-1] not in ".!?":
        sentence += "."
    return sentence


def join_words(items: list[str]) -> str:
    """``["a", "b", "c"]`` -> ``"a, b and c"``."""
    items = [item for item in items if item]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


# ---------------------------------------------------------------- "you"

# Third-person verb -> the form after "you". A closed list: other verbs are
# left alone rather than guessed.
_AGREE = {
    "is": "are",
    "was": "were",
    "has": "have",
    "does": "do",
    "doesn't": "don't",
    "isn't": "aren't",
    "wasn't": "weren't",
    "hasn't": "haven't",
    "says": "say",
    "wants": "want",
    "likes": "like",
    "loves": "love",
    "enjoys": "enjoy",
    "feels": "feel",
    "needs": "need",
    "misses": "miss",
    "goes": "go",
    "attends": "attend",
    "lives": "live",
    "sees": "see",
    "gets": "get",
    "thinks": "think",
    "hopes": "hope",
    "knows": "know",
    "plays": "play",
    "worries": "worry",
    "tries": "try",
    "finds": "find",
    "spends": "spend",
    "would": "would",
    "will": "will",
    "can": "can",
    "said": "said",
    "told": "told",
}
# Words that mean "the child" in review records, whoever the child is.
_CHILD_WORDS = ("the young person", "the child", "young person", "CYP", "YP")


_ADVERBS = ("sometimes", "often", "always", "never", "really", "still", "also", "usually", "now")
_VERBS = "|".join(re.escape(v) for v in _AGREE)


def _name_pattern(names: Iterable[str]) -> re.Pattern[str] | None:
    words = sorted({n.strip() for n in names if n and len(n.strip()) > 1}, key=len, reverse=True)
    generic = [re.escape(w) for w in _CHILD_WORDS]
    alternatives = [re.escape(w) for w in words] + generic
    if not alternatives:
        return None
    return re.compile(
        r"(?<![\w'\u2019-])(" + "|".join(alternatives) + r")"
        r"(?:(['\u2019]s)\b|(?:\s+((?:(?:" + "|".join(_ADVERBS) + r")\s+)?)(" + _VERBS + r"))\b|\b)"
    )


_AND_VERB = re.compile(r"\b(and|but|or)\s+((?:(?:" + "|".join(_ADVERBS) + r")\s+)?)(" + _VERBS + r")\b")


def second_person(text: str, names: Iterable[str]) -> str:
    """Write the child's name (and "the child", "YP") as "you"/"your".

    ``"Ellie's dentist"`` -> ``"your dentist"``; ``"Ellie sometimes feels sad"`` ->
    ``"you sometimes feel sad"``; a sentence that starts with the name starts
    "You", and a verb joined to it by "and" agrees too ("You like Jo and want...").
    Pronouns (she/he/her/his) are left alone: they may mean someone else.
    """
    pattern = _name_pattern(names)
    if pattern is None:
        return text

    def swap(match: re.Match[str]) -> str:
        if match[2]:
            return "your"
        if match[4]:
            return f"you {match[3]}{_AGREE[match[4]]}"
        return "you"

    out = _capitalise_starts(pattern.sub(swap, text))
    return agree_after_you(out)


def agree_after_you(text: str) -> str:
    """In a sentence whose subject is "You", "... and wants" -> "... and want"."""
    parts = re.split(r"(?<=[.!?])\s+", text)
    fixed = []
    for part in parts:
        if part.startswith("You "):
            part = _AND_VERB.sub(lambda m: f"{m[1]} {m[2]}{_AGREE[m[3]]}", part)
        fixed.append(part)
    return " ".join(fixed)


def _capitalise_starts(text: str) -> str:
    text = re.sub(r"(^|[.!?]\s+)(you|your)\b", lambda m: m[1] + m[2].capitalize(), text)
    return text


# ---------------------------------------------------------------- care words and acronyms

_NO_REPLACEMENT = re.compile(r"^(drop|avoid|leave it out|leave out|omit|don't use|do not use)\b", re.I)
_DETERMINER = r"(?:the|a|an|your|his|her|their|our|my|\w+['\u2019]s)"


def usable_replacement(preferred: str) -> str:
    """First alternative of a preferred wording, or ``""`` when there is none.

    ``"family time, seeing Mum/Dad"`` -> ``"family time"``; ``"drop them"`` -> ``""``;
    a wording with a ``[name]`` placeholder cannot be filled in safely -> ``""``.
    """
    text = preferred.strip()
    if not text or _NO_REPLACEMENT.match(text) or "[" in text:
        return ""
    first = re.split(r"\s*[,;]\s*|\s+or\s+|\s+/\s+", text)[0].strip().strip("\"'")
    if "/" in first and " " not in first:
        first = first.split("/")[0]
    return first


# A care word straight after one of these is a verb ("you can contact me"): kept.
_VERB_BEFORE = frozenset("to can will could should must may might please".split())


def _replace_phrase(text: str, pattern: re.Pattern[str], replacement: str) -> str:
    def swap(match: re.Match[str]) -> str:
        found = match[2]
        before = text[: match.start()].rstrip()
        starts_sentence = not before or before[-1] in ".!?:"
        if not match[1] and found.islower():
            last = before.rsplit(None, 1)
            if last and last[-1].lower() in _VERB_BEFORE:
                return match[0]
        word = replacement
        if match[1]:
            # "the LAC review" -> "your meeting", not "the your meeting".
            if word.lower().startswith(("your ", "my ")):
                return (word[0].upper() if match[1][:1].isupper() else word[0]) + word[1:]
            return f"{match[1]} {word}"
        capital = found[:1].isupper() and (not found.isupper() or starts_sentence)
        if capital and word[:1].islower():
            word = word[0].upper() + word[1:]
        return word

    return pattern.sub(swap, text)


def _compiled(phrase: str, *, case_sensitive: bool) -> re.Pattern[str]:
    flags = 0 if case_sensitive else re.IGNORECASE
    body = r"\s+".join(re.escape(part) for part in phrase.split())
    return re.compile(
        rf"(?:\b(?i:({_DETERMINER}))\s+)?(?<![\w-])({body})(?![\w-])",
        flags,
    )


class Replacer:
    """Care words and acronyms -> plain words, using the shipped term lists.

    Built once per run (patterns are compiled here) and applied to many texts.
    Longer phrases go first, so "LAC review" is replaced before "LAC".
    """

    def __init__(self, terms: Terms) -> None:
        rules: list[tuple[int, re.Pattern[str], str]] = []
        self.unreplaceable: set[str] = set()
        for word, preferred in terms.care_words.items():
            replacement = usable_replacement(preferred)
            if not replacement:
                self.unreplaceable.add(word)
                continue
            rules.append((len(word), _compiled(word, case_sensitive=False), replacement))
        for acronym, (expansion, plain) in terms.acronyms.items():
            replacement = usable_replacement(plain) or expansion.strip()
            if not replacement:
                self.unreplaceable.add(acronym)
                continue
            # "Personal Education Plan (PEP)" / "PEP (Personal Education Plan)": one wording.
            if expansion:
                for both, wording in (
                    (rf"{re.escape(expansion)}\s*\({re.escape(acronym)}\)", expansion),
                    (rf"{re.escape(acronym)}\s*\({re.escape(expansion)}\)", replacement),
                ):
                    rules.append(
                        (
                            1000 + len(both),
                            re.compile(
                                rf"(?:\b(?i:({_DETERMINER}))\s+)?(?<![\w-])({both})", re.I
                            ),
                            wording,
                        )
                    )
            rules.append((len(acronym), _compiled(acronym, case_sensitive=True), replacement))
        rules.sort(key=lambda rule: rule[0], reverse=True)
        self._rules = [(pattern, replacement) for _, pattern, replacement in rules]

    def __call__(self, text: str) -> str:
        for pattern, replacement in self._rules:
            if pattern.search(text):
                text = _replace_phrase(text, pattern, replacement)
        return text
