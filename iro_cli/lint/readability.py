"""Sentences, words, syllables and an approximate UK reading age.

The reading age is Flesch-Kincaid grade + 5, the usual approximation (there is
no UK formula). Syllables are counted with a rule-based counter rather than
textstat: textstat >= 0.7.9 downloads nltk's cmudict on first use, which fails
offline (and an IRO laptop or a secure network is offline), and pinning 0.7.8
would hold back a shared dependency. The counter is within one syllable on
common words (tests pin it) and the formula is approximate anyway.
"""

from __future__ import annotations

import re

# A sentence ends at . ! ? (plus closing quotes or brackets) before a space and a
# capital, digit or opening quote; or at a line break. Abbreviations do not end one.
_BOUNDARY = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+(?=[A-Z0-9\"'“‘(\[])|\s*\n[\s\-•*·–]*")
_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "st",
        "no",
        "nos",
        "e.g",
        "eg",
        "i.e",
        "ie",
        "etc",
        "approx",
        "vs",
        "cf",
        "fig",
        "tel",
        "mob",
        "ref",
        "dept",
    ]
)
_LAST_WORD = re.compile(r"([A-Za-z.]+)\.[\"'”’)\]]*$")
TOKEN_RE = re.compile(r"\S*[A-Za-z0-9]\S*")

_NONALPHA = re.compile(r"[^a-z]")
_GROUPS = re.compile(r"[aeiouy]+")
_HIATUS = re.compile(
    r"(?<![cstx])ia|(?<![cstxg])io(?!n)|eo(?!u)|ea(?=$|l$|n$|r$|t[ei])|ua|uo|"
    r"[aeiouy](?=ing$)|ie(?=r|t)|ee(?=ing)"
)
_ES_SYLLABLE = re.compile(r"(?:[sxz]|[cs]h|[cg])es$")
_E_SOUNDED = re.compile(r"(?:[^aeiouy]le|ee|ye|oe)$")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, trimmed; abbreviations (Mr., e.g.) do not split."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        if "\n" not in match.group():
            last = _LAST_WORD.search(text, start, match.start())
            if last and last.group(1).lower().rstrip(".") in _ABBREVIATIONS:
                continue
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    out = []
    for a, b in spans:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a < b:
            out.append((a, b))
    return out


def word_count(text: str) -> int:
    """Words as a reader sees them: ``15/01/2027`` and ``Mum's`` are one word each."""
    return len(TOKEN_RE.findall(text))


def syllables(word: str) -> int:
    """Syllables in one English word (rule-based; within one on common words)."""
    w = _NONALPHA.sub("", word.lower())
    if not w:
        return 0
    if len(w) <= 3:
        return 1
    if (
        w.endswith("es")
        and not _ES_SYLLABLE.search(w)
        or w.endswith("ed")
        and not w.endswith(("ted", "ded", "eed"))
    ):
        w = w[:-2]
    elif w.endswith("e") and not _E_SOUNDED.search(w):
        w = w[:-1]
    if w.startswith("y"):
        w = w[1:]
    return max(1, len(_GROUPS.findall(w)) + len(_HIATUS.findall(w)))


def fk_grade(text: str) -> float | None:
    """Flesch-Kincaid grade of ``text``; ``None`` when it has no words."""
    sentences = sentence_spans(text)
    words = [w for w in TOKEN_RE.findall(text) if any(c.isalpha() for c in w)]
    if not sentences or not words:
        return None
    total = sum(syllables(w) for w in words)
    return 0.39 * len(words) / len(sentences) + 11.8 * total / len(words) - 15.59


def reading_age(text: str) -> float | None:
    """Approximate UK reading age in years (FK grade + 5, never below 5)."""
    grade = fk_grade(text)
    return None if grade is None else max(5.0, grade + 5)
