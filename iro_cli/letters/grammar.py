"""Verb forms for letters, from ``lemminflect`` (a maintained English inflection
dictionary) rather than a hand-written verb table.

``you absconds`` is wrong whatever the verb: :func:`third_person` tells whether a
word is a third-person-singular verb form ("goes", "has", "absconds"), and
:func:`after_you` gives the form that follows "you" ("go", "have", "abscond").
"""

from __future__ import annotations

from functools import lru_cache

# Words that end like a verb form but are never one after "you" in a letter.
_NOT_VERBS = frozenset({"this", "his", "hers", "its", "as", "us", "yes", "plus", "thus", "less"})


def _lemminflect():
    import lemminflect

    return lemminflect


@lru_cache(maxsize=4096)
def third_person(word: str) -> bool:
    """True for a third-person-singular present verb: ``"goes"``, ``"is"``, ``"absconds"``."""
    lower = word.lower()
    if lower in _NOT_VERBS or len(lower) < 2:
        return False
    if lower in ("is", "was", "has", "does", "doesn't", "isn't", "wasn't", "hasn't"):
        return True
    li = _lemminflect()
    for lemma in li.getAllLemmas(lower, upos="VERB").get("VERB", ()):
        if lemma != lower and lower in li.getAllInflections(lemma, upos="VERB").get("VBZ", ()):
            return True
    return False


_AFTER_YOU = {
    "is": "are",
    "was": "were",
    "has": "have",
    "does": "do",
    "doesn't": "don't",
    "isn't": "aren't",
    "wasn't": "weren't",
    "hasn't": "haven't",
}


@lru_cache(maxsize=4096)
def after_you(word: str) -> str:
    """The verb form that follows "you": ``"absconds"`` -> ``"abscond"``, ``"was"`` -> ``"were"``.

    A word that is not a third-person verb comes back unchanged. Keeps a capital.
    """
    lower = word.lower()
    form = _AFTER_YOU.get(lower)
    if form is None and third_person(lower):
        li = _lemminflect()
        lemma = li.getAllLemmas(lower, upos="VERB")["VERB"][0]
        form = (li.getInflection(lemma, tag="VBP") or (lemma,))[-1]
    if form is None:
        return word
    return form[0].upper() + form[1:] if word[:1].isupper() else form


@lru_cache(maxsize=4096)
def base_verb(word: str) -> str:
    """The word when it is a verb's base form (``"book"`` -> ``"book"``), else ``""``."""
    lower = word.lower()
    lemmas = _lemminflect().getAllLemmas(lower, upos="VERB").get("VERB", ())
    return lower if lower in lemmas else ""


@lru_cache(maxsize=4096)
def participle_lemma(word: str) -> str:
    """The verb of a past participle: ``"booked"`` -> ``"book"``; else ``""``."""
    lower = word.lower()
    li = _lemminflect()
    for lemma in li.getAllLemmas(lower, upos="VERB").get("VERB", ()):
        forms = li.getAllInflections(lemma, upos="VERB")
        # A regular verb lists one past form (VBD) for both uses.
        if lower in forms.get("VBN", forms.get("VBD", ())):
            return lemma
    return ""


@lru_cache(maxsize=4096)
def finite_verb(word: str) -> bool:
    """A word that can be a sentence's main verb on its own (``"is"``, ``"visits"``, ``"went"``)."""
    lower = word.lower()
    if lower in _FINITE:
        return True
    li = _lemminflect()
    for lemma in li.getAllLemmas(lower, upos="VERB").get("VERB", ()):
        forms = li.getAllInflections(lemma, upos="VERB")
        if lower in forms.get("VBZ", ()) or lower in forms.get("VBD", ()):
            return True
    return False


_FINITE = frozenset(
    [
        "am",
        "are",
        "is",
        "was",
        "were",
        "has",
        "have",
        "had",
        "do",
        "does",
        "did",
        "will",
        "would",
        "can",
        "could",
        "shall",
        "should",
        "may",
        "might",
        "must",
        "won't",
        "can't",
        "don't",
        "doesn't",
        "didn't",
        "isn't",
        "aren't",
        "wasn't",
        "weren't",
        "haven't",
        "hasn't",
    ]
)
