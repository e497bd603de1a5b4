"""Who owns a recommendation: the Responsible column, or people acting in the text.

An owner in the text is a role from the list or a name, *doing* something:
"Social worker to arrange...", "Jo (foster carer) will...", "Priya will...",
"to be made by the school nurse". A role that is only the object ("Referral
to CAMHS to be made") or the subject of a passive ("CAMHS to be contacted")
owns nothing. Pure functions over :class:`~iro_cli.lint.terms.Terms`.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from iro_cli.lint.dates import MONTH_WORDS
from iro_cli.lint.terms import Terms, longest_first, memoised, term_key

# After an owner: an optional "(role)" or ", the role," then a verb phrase.
_ACTS = re.compile(
    r"\s*(?:\([^()]{0,60}\)\s*)?(?:,\s*(?:the\s+|[A-Z][a-z]+['’]s\s+)?[A-Za-z][A-Za-z ]{0,40},\s*)?"
    r"(?:(?:will|shall|should|must|to|is\s+to|are\s+to|has\s+agreed\s+to|"
    r"have\s+agreed\s+to|agreed\s+to|agrees\s+to|needs?\s+to|is\s+going\s+to|are\s+going\s+to|"
    r"has\s+to|have\s+to|offered\s+to|has\s+offered\s+to|"
    r"(?:is|are)\s+(?:responsible|asked)\s+(?:for|to)|(?:is|are)\s+requested\s+to)"
    r"\s+(?:also\s+|then\s+|now\s+|please\s+|both\s+|jointly\s+|each\s+)?"
    r"(?P<verb>[a-z][a-z\-]*)|\s*[:\-–]\s+(?P<verb2>[a-z][a-z\-]*))"
)
_NAME = re.compile(
    r"(?<![\w'’])(?P<name>(?:(?:Mr|Mrs|Ms|Miss|Dr)\.?\s+[A-Z][\w'’\-]+)|"
    r"[A-Z][a-z][a-z'’\-]*(?:\s+[A-Z][a-z][a-z'’\-]*)?)"
)
_PRONOUN = re.compile(r"\b(?P<name>[Hh]e|[Ss]he|[Tt]hey)\b")
_PREPOSITION_BEFORE = re.compile(
    r"\b(?:to|with|for|from|of|about|at|into|onto|than|between|towards|via|through|and\s+the)"
    r"\s+(?:the\s+|a\s+|an\s+|his\s+|her\s+|their\s+|your\s+|my\s+|[A-Z][a-z]+['’]s\s+)?$",
    re.I,
)
_AGENT_BEFORE = re.compile(
    r"\bby\s+(?:the\s+|his\s+|her\s+|their\s+|your\s+|my\s+|[A-Z][a-z]+['’]s\s+)?$", re.I
)
_SUBORDINATORS = (
    "whether|if|that|so|which|who|when|where|until|because|unless|while|once|than|whom|whose"
)
_OBJECT_EXTRA_VERBS = (
    "tell|ask|help|encourage|support|allow|want|enable|remind|invite|expect|need|let|"
    "make|get|take|see|meet|visit|bring|show|teach|enable|persuade|advise|assist|prepare|"
    "supervise|accompany|collect|drop|join|contact|call|phone|email|inform|refer|introduce"
)
_SENTENCE_START = re.compile(r"(?:^|[.!?;:]\s+|\n\s*|^\s*(?:\d+[.)]|[-•*])\s*)$")
_TITLE = re.compile(r"(?:Mr|Mrs|Ms|Miss|Dr)\.?\s")
_NOUN_SUFFIX = re.compile(r"(?:tion|sion|ment|ness|ship|ing|ance)$")
_FUNCTION_WORDS = frozenset(
    [
        "the",
        "a",
        "an",
        "his",
        "her",
        "their",
        "its",
        "my",
        "your",
        "our",
        "this",
        "that",
        "these",
        "those",
        "be",
        "been",
        "being",
        "is",
        "are",
        "was",
        "were",
        "it",
        "them",
        "him",
        "me",
        "us",
        "you",
        "i",
        "he",
        "she",
        "they",
        "who",
        "which",
        "what",
        "when",
        "where",
        "there",
        "here",
        "and",
        "or",
        "but",
        "so",
        "not",
        "no",
        "if",
        "as",
        "at",
        "by",
        "for",
        "from",
        "in",
        "into",
        "of",
        "on",
        "onto",
        "than",
        "through",
        "to",
        "with",
    ]
)
_FAMILY = frozenset(
    {
        "mum", "dad", "mother", "father", "parents", "parent", "carer", "carers",
        "foster carer", "foster carers", "grandparents", "nan", "grandma", "grandad",
        "special guardians", "adopters",
    }
)  # fmt: skip


class Owner(NamedTuple):
    """Someone who acts in a recommendation."""

    who: str
    kind: str  # "column" | "role" | "name" | "pronoun" | "agent" | "vague"
    start: int = 0
    end: int = 0
    verb: str = ""  # the action they take ("arrange"), "" for column/agent owners
    verb_start: int = -1


def _object_words(terms: Terms) -> frozenset[str]:
    """Words after which a person is an object or in a subordinate clause, not an actor:
    "encourage Amira to join", "meet Sam to hear", "decide whether Sam can move"."""

    def build() -> frozenset[str]:
        verbs = {v for v in terms.action_verbs if v.isalpha()}
        verbs |= {t.split()[0] for t in terms.unmeasurable_verbs if t.split()[0].isalpha()}
        verbs |= set(_OBJECT_EXTRA_VERBS.split("|"))
        forms = set(_SUBORDINATORS.split("|"))
        for verb in verbs:
            stem = verb[:-1] if verb.endswith("e") else verb
            forms.update({verb, verb + "s", verb + "es", verb + "ed", verb + "d", stem + "ing"})
        return frozenset(forms)

    return memoised(terms, ("owners: object words",), build)


def _is_verb(word: str, terms: Terms) -> bool:
    """A known action verb, or any lower-case word that is not a function word."""
    low = word.lower()
    return low not in _FUNCTION_WORDS and (low in terms.action_verbs or low == word)


def _acts(text: str, end: int, terms: Terms) -> tuple[str, int] | None:
    """The verb an owner ending at ``end`` does, or ``None`` (passive, object, nothing)."""
    match = _ACTS.match(text, end)
    if not match:
        return None
    verb = match.group("verb") or match.group("verb2")
    if verb in ("be", "been", "being"):
        return None
    if verb == "have" and re.match(r"\s+(?:been|to)\b", text[match.end() :]):
        return None
    if not _is_verb(verb, terms):
        return None
    start = match.start("verb") if match.group("verb") else match.start("verb2")
    return verb, start


def _looks_like_name(word: str, at_start: bool, terms: Terms) -> bool:
    first = word.split()[0]
    if _TITLE.match(word):
        return True
    low = first.lower().rstrip("'’")
    if first.endswith(("'s", "’s")) or low in terms.not_name_keys or low in MONTH_WORDS:
        return False
    if term_key(word) in terms.role_keys or (low in terms.role_keys and " " not in word):
        return False  # a role, found by the role matcher ("Nana Pat" is a name)
    if low in terms.vague_owner_keys:
        return False
    return not (at_start and _NOUN_SUFFIX.search(low))


_TOKENS = re.compile(r"[A-Za-z0-9][\w'’\-]*|[.!?;:(,]")
_DETERMINERS = frozenset(["the", "a", "an", "his", "her", "their", "your", "my", "our", "its"])
_PREPOSITIONS = frozenset(
    [
        "to",
        "with",
        "for",
        "from",
        "of",
        "about",
        "at",
        "into",
        "onto",
        "than",
        "between",
        "towards",
        "via",
        "through",
    ]
)
_STOPS = frozenset(".!?;:")


class _Before(NamedTuple):
    """The two tokens before a position, lower case ("" when none)."""

    last: str
    previous: str
    at_start: bool


def _before(text: str, start: int) -> _Before:
    window = text[max(0, start - 40) : start]
    tokens = _TOKENS.findall(window)
    last = tokens[-1].lower() if tokens else ""
    previous = tokens[-2].lower() if len(tokens) > 1 else ""
    at_start = (
        (start <= 40 and not window.strip())
        or last in _STOPS
        or "\n" in window[window.rfind(tokens[-1]) if tokens else 0 :]
        or bool(_BULLET_BEFORE.search(window))
    )
    return _Before(last, previous, at_start)


_BULLET_BEFORE = re.compile(r"(?:^|\n)\s*(?:\d+[.)]|[-•*])\s*$")


def _determiner(word: str) -> bool:
    return word in _DETERMINERS or word.endswith(("'s", "’s"))


def _after_word(before: _Before, words: frozenset[str]) -> bool:
    """The token before is in ``words``, or a determiner after one ("to the school")."""
    return before.last in words or (_determiner(before.last) and before.previous in words)


def find_owners(text: str, terms: Terms) -> list[Owner]:
    """Everyone acting in ``text``, left to right (one entry per place)."""
    owners: dict[int, Owner] = {}
    objects = _object_words(terms)
    for term, match in terms.role_matcher.finditer(text):
        start, end = match.span()
        before = _before(text, start)
        if _after_word(before, _BY):
            owners[start] = Owner(match.group(), "agent", start, end)
            continue
        acted = _acts(text, end, terms)
        if acted is None and not (before.at_start and re.match(r"\s*[:\-–]\s", text[end:])):
            continue
        if _after_word(before, _PREPOSITIONS) or _after_word(before, objects):
            continue
        kind = "vague" if term_key(term) in terms.vague_owner_keys else "role"
        if acted:
            owners[start] = Owner(match.group(), kind, start, end, acted[0], acted[1])
        else:
            owners[start] = Owner(match.group(), kind, start, end)
    vague = terms.vague_owner_keys
    for matcher in (_NAME, _PRONOUN):
        for match in matcher.finditer(text):
            start, end = match.span("name")
            if start in owners or any(o.start < end and start < o.end for o in owners.values()):
                continue
            acted = _acts(text, end, terms)
            agent = matcher is _NAME and "by" in text[max(0, start - 5) : start]
            if acted is None and not agent:
                continue
            name = match.group("name")
            before = _before(text, start)
            if matcher is _NAME and not _looks_like_name(name, before.at_start, terms):
                continue
            if term_key(name) in vague:
                continue
            if agent and _after_word(before, _BY):
                if not re.match(r"\s*\d", text[end:]):
                    owners[start] = Owner(name, "agent", start, end)
                continue
            if acted is None:
                continue
            if _after_word(before, _PREPOSITIONS) or _after_word(before, objects):
                continue
            kind = "name" if matcher is _NAME else "pronoun"
            owners[start] = Owner(name, kind, start, end, acted[0], acted[1])
    # Vague owners acting ("Professionals to share...") are found for the message.
    for word in _vague_words(text, terms):
        if word.start not in owners:
            owners[word.start] = word
    return [owners[k] for k in sorted(owners)]


_BY = frozenset({"by"})


def _vague_words(text: str, terms: Terms) -> list[Owner]:
    out = []
    low = text.lower()
    lower = len(low) == len(text)
    for match in _vague_re(terms, lower=lower).finditer(low if lower else text):
        acted = _acts(text, match.end(), terms)
        if acted:
            start, end = match.span()
            out.append(Owner(text[start:end], "vague", start, end, *acted))
    return out


def _vague_re(terms: Terms, *, lower: bool) -> re.Pattern[str]:
    """The vague owners as one regex: for lower-cased text (faster without IGNORECASE),
    or as written for the rare text whose length lower() changes."""

    def build() -> re.Pattern[str]:
        words = [w.lower() for w in terms.vague_owners if re.search(r"\w", w)]
        # A trie, longest first: one branch a letter, not every phrase tried at every place.
        pattern = r"(?<![\w\-])(?:" + longest_first(words) + r")(?![\w\-])"
        return re.compile(pattern, 0 if lower else re.I)

    return memoised(terms, ("owners: vague regex", lower), build)


def column_owners(responsible: str, terms: Terms) -> tuple[list[str], list[str]]:
    """The Responsible column split into people: (real owners, vague entries)."""
    parts = [
        p.strip() for p in re.split(r"\s*(?:/|,|;|&|\+|\band\b|\n)\s*", responsible) if p.strip()
    ]
    real, vague = [], []
    for part in parts:
        nobody = term_key(part) in terms.vague_owner_keys or (
            (found := terms.vague_matcher.search(part)) is not None
            and found[1].group().strip().lower() == part.strip().lower()
        )
        (vague if nobody else real).append(part)
    return real, vague


def is_family_pair(people: list[str]) -> bool:
    """Mum and Dad, or both carers: a joint owner, not several."""
    return all(term_key(p) in _FAMILY for p in people)
