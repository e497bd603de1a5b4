"""What is wrong with a sentence in a child's letter: one set of checks, used three ways.

The rewriting (:mod:`iro_cli.letters.recommendations`) hands an action to the IRO
as a gap when its rewrite has any fault; ``iro letter --check FILE.docx`` runs the
same checks over a letter the IRO has edited; the tests count them over the whole
sample batch. Pure: text in, faults out. A fault names the class and the word at
fault, never the sentence (messages go to the terminal; letters carry names).

Care words, labels and acronyms come from the term lists of ``lint-recommendations``
(:func:`iro_cli.lint.lint_text`); vague timescales and unmeasurable actions from
its lists too (``Terms.vague_matcher``, ``Terms.unmeasurable_matcher``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from iro_cli.letters.grammar import after_you, base_verb, finite_verb, third_person
from iro_cli.lint.readability import sentence_spans, word_count

# Fault classes (codes) and what each means, for messages and the report.
CLASSES = {
    "TIMING_CUT": "a timing cut off",
    "TIMING_TWICE": "the same timing twice",
    "CARE_WORD": "a care word, label or acronym",
    "YOU_VERB": '"you" with a third-person verb',
    "YOU_TO_BE": '"You to be" (no verb)',
    "PASSIVE": "a passive with no one to do it",
    "VAGUE_TIME": "a vague timescale",
    "VAGUE_ACTION": "an action nobody can check",
    "TOO_LONG": "a sentence over the age limit",
    "FRAGMENT": "not a full sentence",
    "ABOUT_LETTER": "about this letter or the minutes",
    "NOTE_WORD": "note-taking shorthand",
    "PRONOUN": '"you" and then "he"/"she" doing the same (who is who?)',
    "GAP": "a gap for the IRO still to fill",
}

_DATE = (
    r"\d{1,2} (?:January|February|March|April|May|June|July|August|September|October"
    r"|November|December) \d{4}"
)
_CUT = re.compile(
    r"(?:\b(?:starting|from|by|until|before|on|every|within|at|after|in|during)|,)\s*[.!?]?\s*$",
    re.I,
)
_YOU_VERB = re.compile(
    r"\b(?i:you)\s+(?:(?:sometimes|often|always|never|really|still|also|usually|now|"
    r"then|only|just|again)\s+)?([A-Za-z']+)"
)
# "you want to see Dad and he wants a dog": the same verb for "you" and then "he".
_THEN_HE = re.compile(r"\b(?:and|but)\s+(?:he|she)\s+([a-z]+)", re.I)
_YOU_VERB_ONLY = re.compile(r"\byou\s+([a-z]+)", re.I)
_YOU_TO_BE = re.compile(r"\b(?i:you)\s+to\s+(?:be|have)\b|^You to\b")
_PASSIVE = re.compile(
    r"\b(?:to|will|should|must|shall|is to|are to|needs? to)\s+be\s+"
    r"([a-z]+(?:ed|en|wn|de|ne|nt|ld|ght|t))\b"
    r"(?!\s+by\s)",
    re.I,
)
_ABOUT_LETTER = re.compile(
    r"\b(?:the minutes|minutes of|this letter"
    r"|write to you (?:to explain|about (?:today|this|the meeting|what))"
    r"|copy of (?:the |this )?(?:review |meeting )?(?:recommendations|record|report)"
    r"|(?:outcome|recommendations) of (?:this|the|today's) (?:review|meeting))",
    re.I,
)
_NOTE_WORDS = re.compile(
    r"\b(?:appt|appts|re:|w/c|mtg|approx|yrs|hrs|wks|etc|n/a|tbc|asap)(?!\w)", re.I
)
_HOW_OFTEN = re.compile(
    r"\b(?:every|each|weekly|fortnightly|monthly|daily|nightly|twice|once a|times a"
    r"|\d+\s*(?:minutes|hours|%)|per (?:week|month|day))\b",
    re.I,
)
_SHORT_AND_COMPLETE = re.compile(r"^(?:thank you|well done|best wishes|dear\b)", re.I)


@dataclass(frozen=True)
class Fault:
    code: str
    detail: str  # the word or phrase at fault (no whole sentence)

    @property
    def message(self) -> str:
        return f"{CLASSES[self.code]}" + (f" ({self.detail})" if self.detail else "")


def _dates(text: str) -> list[str]:
    return re.findall(_DATE, text)


def sentence_list(text: str) -> list[str]:
    return [text[a:b].strip() for a, b in sentence_spans(text) if text[a:b].strip()]


def text_faults(
    text: str,
    terms: Any,
    *,
    max_words: int | None = None,
    action: bool = False,
    gender: str = "",
) -> list[Fault]:
    """Every fault in ``text`` (one paragraph: a sentence or a few).

    ``action``: the text is an agreed action, so vague timescales, actions nobody
    can check, passives and letters about the letter count too. ``gender``: the
    child's, so a he/she that may be the child is a fault in an action.
    """
    from iro_cli.lint import lint_text

    faults: list[Fault] = []
    if "[IRO" in text:
        faults.append(Fault("GAP", ""))
    for finding in lint_text(text, {"language"}, terms, max_sentence_words=None):
        faults.append(Fault("CARE_WORD", finding.match))
    parts = sentence_list(text)
    for part in parts:
        words = word_count(part)
        if max_words and words > max_words:
            faults.append(Fault("TOO_LONG", f"{words} words, limit {max_words}"))
        body = part.rstrip("\"'\u201d\u2019)")
        if body.endswith((".", "!", "?")) and _CUT.search(body[:-1]) and words > 2:
            faults.append(Fault("TIMING_CUT", body[:-1].rsplit(None, 1)[-1]))
        for match in _YOU_VERB.finditer(_unquoted(part)):
            if third_person(match[1]):
                faults.append(Fault("YOU_VERB", f"you {match[1]}"))
        if _YOU_TO_BE.search(part):
            faults.append(Fault("YOU_TO_BE", "You to"))
        plain = _unquoted(part)
        for then in _THEN_HE.finditer(plain):
            verbs = {v.lower() for v in _YOU_VERB_ONLY.findall(plain[: then.start()])}
            if after_you(then[1]).lower() in verbs:
                faults.append(Fault("PRONOUN", f"you {after_you(then[1])} ... {then[1]}"))
        if not _complete(part):
            faults.append(Fault("FRAGMENT", part.split()[0] if part.split() else ""))
    dates = _dates(text)
    repeated = {d for d in dates if dates.count(d) > 1}
    if repeated:
        faults.append(Fault("TIMING_TWICE", sorted(repeated)[0]))
    elif len(re.findall(r"\bby " + _DATE, text)) > 1 or re.search(
        _DATE + r".*\bThis will happen\b", text
    ):
        faults.append(Fault("TIMING_TWICE", "two deadlines"))
    if action:
        faults += action_faults(text, terms)
    return faults


def action_faults(text: str, terms: Any) -> list[Fault]:
    """Faults only an agreed action can have (vague timing or action, passive, about the letter)."""
    faults = []
    for _, match in terms.vague_matcher.finditer(text):
        faults.append(Fault("VAGUE_TIME", match.group()))
    # As lint's SMART004: an action that says how often or how much can be checked.
    if not _HOW_OFTEN.search(text):
        for _, match in terms.unmeasurable_matcher.finditer(text):
            faults.append(Fault("VAGUE_ACTION", match.group()))
    for match in _PASSIVE.finditer(text):
        faults.append(Fault("PASSIVE", f"be {match[1]}"))
    found = _ABOUT_LETTER.search(text)
    if found:
        faults.append(Fault("ABOUT_LETTER", found.group()))
    found = _NOTE_WORDS.search(text)
    if found:
        faults.append(Fault("NOTE_WORD", found.group()))
    return faults


def _unquoted(text: str) -> str:
    """The text with quotations blanked: the child's own words are theirs."""
    return re.sub(r"[\"\u201c][^\"\u201d]*[\"\u201d]", " ", text)


_MAIN_CLAUSE_END = re.compile(r",|;|:|\bwho\b|\bwhich\b|\bwhere\b|\bwhen\b|\bbecause\b", re.I)


def _complete(sentence: str) -> bool:
    """A sentence with a main verb ("Good relationship with Mum, who visits" has none)."""
    text = _unquoted(sentence).strip()
    if not text or text[:1] in '"\u201c' or _SHORT_AND_COMPLETE.match(text):
        return True
    words = re.findall(r"[A-Za-z][A-Za-z'\u2019]*", text)
    if len(words) <= 2:
        return True
    # An instruction ("Ring 0800...", "Or look at ...") starts with a verb's base form.
    first = re.sub(r"^(?:and|or|but|so|then|please)\s+", "", text, flags=re.I).split(None, 1)[0]
    if base_verb(first.strip(",.")):
        return True
    head = _MAIN_CLAUSE_END.split(text, maxsplit=1)[0]
    tokens = re.findall(r"[A-Za-z][A-Za-z'\u2019]*", head)
    if any(finite_verb(t) for t in tokens):
        return True
    # "You like school", "I run your meetings", "We agreed": a pronoun then a verb form.
    return bool(re.match(r"^(?:you|i|we|they)\s+[a-z]", head.strip(), re.I))
