"""Text-level rules: care words, labels, acronyms, sentence length, reading age.

These run on any text (a recommendation, or a rendered letter) and never look
at columns or dates. :func:`lint_text` is the entry point other commands use.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from iro_cli.lint.readability import reading_age, sentence_spans, word_count
from iro_cli.lint.rules import RULES, Finding
from iro_cli.lint.terms import TermException, TermMatcher, Terms, load_terms

_PREV_WORD = re.compile(r"([A-Za-z][A-Za-z'’\-]*)[^A-Za-z]*$")
_NEXT_WORD = re.compile(r"^[^A-Za-z0-9]*([A-Za-z0-9][A-Za-z'’\-]*)")
# Capitals that look like an acronym: two or more capitals/digits, starting with a
# capital (PEP, CAMHS, S20), optionally a plural "s" (PEPs); or single capitals joined by
# slashes (F/C), flagged only when listed. Written to start with the capital, the look back
# after it, so the engine skips to the next capital (twice as fast).
_ACRONYM = re.compile(
    r"([A-Z](?<![\w&/][A-Z])(?:(?:/[A-Z])+(?![\w/])|[A-Z0-9&]*[A-Z0-9]))(s?)(?![\w&])"
)
_SHOUTED = frozenset(
    [
        "NOT",
        "NO",
        "YES",
        "MUST",
        "AND",
        "THE",
        "ALL",
        "ONLY",
        "NEVER",
        "NOW",
        "URGENT",
        "NB",
        "PLEASE",
        "NOTE",
        "DO",
        "DON'T",
        "ANY",
        "IF",
        "OR",
        "TO",
        "OF",
        "IN",
        "ON",
        "AT",
        "BY",
        "FOR",
        "IS",
        "ARE",
        "BE",
        "WILL",
        "SHOULD",
        "ALSO",
        "VERY",
        "HAS",
        "HAVE",
        "MY",
        "YOUR",
        "HIS",
        "HER",
    ]
)

DEFAULT_TERMS: Terms | None = None


def default_terms() -> Terms:
    """The shipped term lists (loaded once)."""
    global DEFAULT_TERMS
    if DEFAULT_TERMS is None:
        DEFAULT_TERMS = load_terms()
    return DEFAULT_TERMS


def _excepted(text: str, start: int, end: int, exception: TermException | None) -> bool:
    if exception is None:
        return False
    if exception.not_after:
        prev = _PREV_WORD.search(text, max(0, start - 40), start)
        if prev and prev.group(1).lower() in exception.not_after:
            return True
    if exception.not_before:
        nxt = _NEXT_WORD.search(text[end : end + 40])
        if nxt and nxt.group(1).lower() in exception.not_before:
            return True
    if exception.phrase_re is not None:
        lo = max(0, start - 40)
        for match in exception.phrase_re.finditer(text, lo, min(len(text), end + 40)):
            if match.start() <= start and match.end() >= end:
                return True
    return False


class _Sentences:
    """A text's sentences, split on first use (most recommendations need none)."""

    __slots__ = ("text", "_spans")

    def __init__(self, text: str) -> None:
        self.text = text
        self._spans: list[tuple[int, int]] | None = None

    @property
    def spans(self) -> list[tuple[int, int]]:
        if self._spans is None:
            self._spans = sentence_spans(self.text)
        return self._spans

    def at(self, pos: int) -> str:
        """The sentence around character ``pos``."""
        for a, b in self.spans:
            if a <= pos < b:
                return self.text[a:b]
        return ""


def _term_findings(
    code: str,
    text: str,
    matcher: TermMatcher,
    preferred: Mapping[str, str],
    exceptions: Mapping[str, TermException],
    taken: list[tuple[int, int]],
    sentences: _Sentences,
    what: str,
) -> list[Finding]:
    rule = RULES[code]
    out = []
    for term, match in matcher.finditer(text):
        start, end = match.span()
        if any(a < end and start < b for a, b in taken):
            continue
        if _excepted(text, start, end, exceptions.get(term)):
            continue
        taken.append((start, end))
        word = match.group()
        out.append(
            rule.finding(
                f'{what} "{word}"',
                f'say "{preferred[term]}" instead of "{word}"',
                match=word,
                start=start,
                end=end,
                sentence=sentences.at(start),
            )
        )
    return out


def _acronym_findings(
    text: str, terms: Terms, taken: list[tuple[int, int]], sentences: _Sentences
) -> list[Finding]:
    rule = RULES["ACR001"]
    seen: set[str] = set()
    out = []
    lowered = text.lower()
    for match in _ACRONYM.finditer(text):
        acronym = match.group(1)
        if acronym in seen or acronym in terms.allowed_acronyms or acronym in _SHOUTED:
            continue
        seen.add(acronym)
        start, end = match.span()
        if any(a < end and start < b for a, b in taken):
            continue
        known = terms.acronyms.get(acronym)
        if known is None and (len(acronym) > 6 or "/" in acronym or _shouting(sentences.at(start))):
            continue
        # Explained on first use: "Long Name (PEP)" or "PEP (Long Name)".
        before = text[max(0, start - 2) : start]
        after = text[end : end + 3]
        if before.endswith("(") or after.lstrip().startswith("("):
            continue
        if known and known[0].lower() in lowered[:start]:
            continue
        if known:
            expansion, plain = known
            suggestion = f'write "{expansion} ({acronym})" the first time'
            if plain and plain != expansion:
                suggestion += f', or say "{plain}"'
        else:
            suggestion = f'spell "{acronym}" out the first time, e.g. "Full Name ({acronym})"'
        out.append(
            rule.finding(
                f'acronym "{acronym}" not spelled out',
                suggestion,
                match=match.group(),
                start=start,
                end=end,
                sentence=sentences.at(start),
            )
        )
    return out


def _shouting(sentence: str) -> bool:
    """A sentence mostly in capitals is shouting, not acronyms."""
    words = [w for w in re.findall(r"[A-Za-z]{2,}", sentence)]
    return len(words) >= 3 and sum(w.isupper() for w in words) * 2 > len(words)


def lint_text(
    text: str,
    categories: Iterable[str] = ("language", "readability"),
    terms: Terms | None = None,
    max_sentence_words: int | None = 25,
    max_reading_age: float | None = None,
    severity: Mapping[str, str] | None = None,
) -> list[Finding]:
    """Run the text-level rules on ``text``; findings in order of position.

    ``categories``: ``language`` (CARE001, CARE002, ACR001) and/or ``readability``
    (PLAIN001 sentences over ``max_sentence_words``; PLAIN002 when the
    approximate reading age is above ``max_reading_age``). ``severity`` overrides
    the default severity per code (e.g. ``{"ACR001": "error"}`` for letters).
    """
    terms = terms or default_terms()
    categories = set(categories)
    sentences = _Sentences(text)
    findings: list[Finding] = []
    if "language" in categories:
        taken: list[tuple[int, int]] = []
        findings += _term_findings(
            "CARE002",
            text,
            terms.label_matcher,
            terms.labels,
            terms.exceptions,
            taken,
            sentences,
            "label",
        )
        findings += _term_findings(
            "CARE001",
            text,
            terms.care_matcher,
            terms.care_words,
            terms.exceptions,
            taken,
            sentences,
            "care-system word",
        )
        findings += _acronym_findings(text, terms, taken, sentences)
    if "readability" in categories:
        # No sentence has more words than the text has pieces between spaces.
        if max_sentence_words and len(text.split()) > max_sentence_words:
            rule = RULES["PLAIN001"]
            for a, b in sentences.spans:
                count = word_count(text[a:b])
                if count > max_sentence_words:
                    findings.append(
                        rule.finding(
                            f"sentence has {count} words (limit {max_sentence_words})",
                            match=text[a:b],
                            start=a,
                            end=b,
                            sentence=text[a:b],
                        )
                    )
        if max_reading_age is not None:
            age = reading_age(text)
            if age is not None and round(age) > max_reading_age:
                findings.append(
                    RULES["PLAIN002"].finding(
                        f"reading age about {round(age)} (target {max_reading_age:g} or under)",
                        match=text,
                        start=0,
                        end=len(text),
                        sentence="",
                    )
                )
    if severity:
        findings = [
            f._replace(severity=severity[f.code]) if f.code in severity else f for f in findings
        ]
    findings.sort(key=lambda f: (f.start, f.code))
    return findings
