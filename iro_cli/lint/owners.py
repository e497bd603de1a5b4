"""Who owns a recommendation: the Responsible column, or the subject of a clause acting.

An owner in the text is a role from the list, a name, a pronoun or an organisation
("the council") that is the subject of a clause and *does* something: "Social worker to
arrange...", "Jo (foster carer) will...", "It was agreed that Priya will...", "Mum and
Nan will...", or the agent of a passive ("to be made by the school nurse"). In an object
it owns nothing ("arrange for Maya and Theo to spend", "visits to Dad to continue"), nor
as the subject of a passive ("CAMHS to be contacted"). Pure functions over
:class:`~iro_cli.lint.terms.Terms`.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from iro_cli.lint.dates import MONTH_WORDS
from iro_cli.lint.terms import Terms, lacks, letter_words, longest_first, memoised, term_key

# After an owner: an optional "(role)" or ", the role," then a verb phrase.
_ACTS = re.compile(
    r"\s*(?:\([^()]{0,60}\)\s*)?(?:,\s*(?:the\s+|[A-Z][a-z]+['’]s\s+)?[A-Za-z][A-Za-z ]{0,40},\s*)?"
    r"(?:(?:will|shall|should|must|to|is\s+to|are\s+to|has\s+agreed\s+to|"
    r"have\s+agreed\s+to|agreed\s+to|agrees\s+to|needs?\s+to|is\s+going\s+to|are\s+going\s+to|"
    r"has\s+to|have\s+to|offered\s+to|has\s+offered\s+to|"
    r"(?:is|are)\s+(?:responsible|asked)\s+(?:for|to)|(?:is|are)\s+requested\s+to)"
    r"\s+(?:also\s+|then\s+|now\s+|please\s+|both\s+|jointly\s+|each\s+)?"
    r"(?P<verb>[a-z][a-z\-]*)|\s*[:\-–]\s+(?:to\s+)?(?P<verb2>[a-z][a-z\-]*))"
)
# Capital and small letters, with the accented ones names have (Zoë, Siân, Llŷr, Renée).
_UPPER = "A-Z\u00c0-\u00d6\u00d8-\u00de"
_LOWER = "a-z\u00df-\u00f6\u00f8-\u00ff\u0100-\u017f"
# A title and a name ("Mr Khan"), or one or two capitalised words, not inside a word. Written
# to start with a capital, the look back after it, so the engine skips to the next capital
# (twice as fast as "(?<![\w'’])(?P<name>(?:Mr|Mrs|Ms|Miss|Dr)\.?\s+... | [A-Z][a-z]...)").
_NAME = re.compile(
    rf"(?P<name>[{_UPPER}](?<![\w'’][{_UPPER}])"
    rf"(?:(?:(?<=M)(?:r|rs|s|iss)|(?<=D)r)\.?\s+[{_UPPER}][\w'’\-]+|"
    rf"[{_LOWER}][{_LOWER}'’\-]*(?:\s+[{_UPPER}][{_LOWER}][{_LOWER}'’\-]*)?))"
)
_HAVE_BEEN = re.compile(r"\s+(?:been|to)\b")  # "have been", "have to": not an action
_DIGIT_NEXT = re.compile(r"\s*\d")
_COLON_NEXT = re.compile(r"\s*[:\-–]\s")
_PRONOUN = re.compile(r"\b(?P<name>[Hh]e|[Ss]he|[Tt]hey)\b")
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
    if verb == "have" and _HAVE_BEEN.match(text, match.end()):
        return None
    if not _is_verb(verb, terms):
        return None
    start = match.start("verb") if match.group("verb") else match.start("verb2")
    return verb, start


def _looks_like_name(word: str, text: str, start: int, terms: Terms) -> bool:
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
    # "Referral", "Assessment" starting a sentence are nouns, not names
    return not (_NOUN_SUFFIX.search(low) and _at_clause_start(text, start))


def find_owners(text: str, terms: Terms) -> list[Owner]:
    """Everyone acting in ``text`` as the subject of a clause, left to right.

    A role, name, pronoun or organisation owns an action when a verb phrase follows it
    ("to book", "will arrange") and it starts a clause: the text's start, after a full
    stop, semicolon, colon or comma, after "and"/"so"/"then", after a preamble ("It was
    agreed that"), or joined by "and" to such a subject ("Mum and Nan will"). Inside an
    object it owns nothing ("arrange for Maya and Theo to spend", "ask the school nurse to
    complete", "visits to Dad to continue"). "by the school nurse" makes an agent.
    """
    candidates = _candidates(text, terms)
    ends = {c[1]: c for c in candidates}
    owners: dict[int, Owner] = {}
    vague = terms.vague_owner_keys
    for start, end, who, kind in candidates:
        if any(o.start < end and start < o.end for o in owners.values()):
            continue
        if kind != "pronoun" and _agent(text, start):
            if kind != "name" or not _DIGIT_NEXT.match(text, end):
                owners[start] = Owner(who, "agent", start, end)
            continue
        acted = _acts(text, end, terms)
        colon = acted is None and kind == "role" and _COLON_NEXT.match(text, end)
        if acted is None and not colon:
            continue
        if not _is_subject(text, start, ends):
            continue
        if kind == "name" and term_key(who) in vague:
            continue
        if kind == "role" and term_key(who) in vague:
            kind = "vague"
        if acted:
            owners[start] = Owner(who, kind, start, end, acted[0], acted[1])
        elif _at_clause_start(text, start):
            owners[start] = Owner(who, kind, start, end)
    # Vague owners acting ("Professionals to share...") are found for the message.
    for word in _vague_words(text, terms):
        if word.start not in owners:
            owners[word.start] = word
    return [owners[k] for k in sorted(owners)]


# An organisation as an owner: "the council will fund", "the club will provide".
_ORGANISATION_NOUNS = (
    "council", "club", "provider", "team", "service", "department", "hospital", "clinic",
    "trust", "agency", "charity", "court", "board", "unit", "centre", "center", "office",
    "association", "company", "landlord", "employer", "nursery", "academy", "surgery",
    "practice", "home", "scheme", "project", "authority", "hub",
)  # fmt: skip
_ORGANISATION = re.compile(
    r"\b(?:the|a|an|his|her|their|your|our|[A-Z][a-z]+['’]s)\s+"
    rf"(?P<name>(?:[a-z][a-z\-]*\s+){{0,2}}?(?:{'|'.join(_ORGANISATION_NOUNS)})s?)\b"
)
# The words these regexes cannot match without (see terms.letter_words).
_ORGANISATION_WORDS = frozenset(n + end for n in _ORGANISATION_NOUNS for end in ("", "s"))
_PRONOUNS = frozenset({"he", "she", "they"})


def _candidates(text: str, terms: Terms) -> list[tuple[int, int, str, str]]:
    """Every noun phrase that could own an action: (start, end, as written, kind), left to
    right, overlaps removed (organisations and roles first, then names and pronouns)."""
    found: list[tuple[int, int, str, str]] = []
    taken: list[tuple[int, int]] = []

    def add(start: int, end: int, who: str, kind: str) -> None:
        if any(a < end and start < b for a, b in taken):
            return
        taken.append((start, end))
        found.append((start, end, who, kind))

    roles = [match.span() for _term, match in terms.role_matcher.finditer(text)]
    words = letter_words(text)  # None: every regex runs
    organisations = () if lacks(words, _ORGANISATION_WORDS) else _ORGANISATION.finditer(text)
    for match in organisations:  # "the housing association", not "housing"
        start, end = match.span("name")
        if any(a < end and start < b and b > end for a, b in roles):
            continue  # "the team manager": the role is longer
        if term_key(match.group("name")) not in terms.vague_owner_keys:
            add(start, end, match.group("name"), "role")
    for start, end in roles:
        add(start, end, text[start:end], "role")
    for match in _NAME.finditer(text):
        start, end = match.span("name")
        name = match.group("name")
        overlap = [a for a, b in taken if a < end and start < b]
        if overlap and not _TITLE.match(name) and " " not in name:
            continue
        if _looks_like_name(name, text, start, terms):
            if overlap:  # "Nana Pat": the name, not the role inside it
                kept = [(a, b) for a, b in taken if not (a < end and start < b)]
                taken[:] = kept
                found[:] = [c for c in found if not (c[0] < end and start < c[1])]
            add(start, end, name, "name")
    for match in () if lacks(words, _PRONOUNS) else _PRONOUN.finditer(text):
        add(match.start("name"), match.end("name"), match.group("name"), "pronoun")
    found.sort()
    return found


_AGENT = re.compile(
    r"\bby\s+(?:the\s+|his\s+|her\s+|their\s+|your\s+|my\s+|[A-Z][a-z]+['’]s\s+)?$", re.I
)


def _agent(text: str, start: int) -> bool:
    """``by the school nurse``: the one who does a passive action."""
    before = text[max(0, start - 20) : start]
    return "by" in before.lower() and bool(_AGENT.search(before))


_DETERMINER_BEFORE = re.compile(r"\b(?:the|a|an|his|her|their|your|my|our|its)\s*$", re.I)
_POSSESSIVE_BEFORE = re.compile(r"\b[A-Za-z][\w\-]*['’]s?\s*$")
_APOSTROPHE_END = ("'", "’", "'s", "’s")
_JOIN_BEFORE = re.compile(r"(?:\b(?:and|&|or|plus)|,)\s*$", re.I)
_BOUNDARY_WORD = re.compile(r"(?:\b(?:and|but|then|so|also|while|whilst|plus|please))\s*$", re.I)
_PREAMBLE_BEFORE = re.compile(
    r"\b(?:agreed|agree|recommended|recommends|recommend|decided|requested|suggested|proposed|"
    r"noted|felt|confirmed|asked|expected|hoped|accepted)\b[^.;:]{0,50}?\bthat\s*$",
    re.I,
)
_STOP_BEFORE = re.compile(r"(?:^|[.;:!?(\n]|^\s*\(?\d{1,2}[.)]|[-•*]|\s\(?\d{1,2}[.)])\s*$")


def _is_subject(
    text: str, start: int, ends: dict[int, tuple[int, int, str, str]], depth: int = 0
) -> bool:
    """The phrase at ``start`` is the subject of its clause (see :func:`find_owners`)."""
    i = start
    while True:  # "the", "Sam's", "your carer" (before a name) belong to the phrase
        head = text[max(0, i - 60) : i]
        base = i - len(head)
        stripped = head.rstrip()
        cut = base + len(stripped)
        if cut in ends and ends[cut][3] == "role" and cut < start:
            i = ends[cut][0]
            continue
        # Both end where ``stripped`` does: the determiner is in its last five characters,
        # the possessive ends in an apostrophe (searching less of it is four times faster).
        match = _DETERMINER_BEFORE.search(stripped, max(0, len(stripped) - 5)) or (
            _POSSESSIVE_BEFORE.search(stripped) if stripped.endswith(_APOSTROPHE_END) else None
        )
        if match is not None:
            i = base + match.start()
            continue
        break
    head = text[max(0, i - 80) : i]
    base = i - len(head)
    # The words and marks searched for end where ``head`` does but for spaces: only its last
    # few characters are searched (the same answers, and the same start of "and").
    last = len(head.rstrip())
    if not last or _STOP_BEFORE.search(head, max(0, last - 5)):
        return True
    join = _JOIN_BEFORE.search(head, max(0, last - 4))
    if join is not None and depth < 6:
        before = head[: join.start()].rstrip()
        cut = base + len(before)
        if cut in ends:  # "Mum and Nan will": as the phrase before "and" is
            first = ends[cut][0]
            if _is_subject(text, first, ends, depth + 1):
                return True
            # "arrange for Noah and Ellie to", "ask Mum and Dad to": one object; "book the
            # dentist and school to review": the object ends, a new clause starts.
            return not _OBJECT_MARKER.search(text[max(0, first - 40) : first])
        return True  # "..., and the council will": a new clause
    if _BOUNDARY_WORD.search(head, max(0, last - 6)) or _PREAMBLE_BEFORE.search(head):
        return True
    # "Following the incident on 3 January the social worker will": an opening phrase
    sentence = max(text.rfind(stop, 0, i) for stop in (". ", "; ", ": ", "\n"))
    return bool(_OPENING_PHRASE.fullmatch(text, sentence + 1 if sentence >= 0 else 0, i))


# Before a phrase "X and Y to ...", words that make both an object: "for", "with",
# "ask", "encourage"... (the phrase's own "the"/"his" allowed between).
_OBJECT_MARKER = re.compile(
    r"\b(?:for|with|between|to|from|of|about|at|by|into|towards|ask|asks|asked|tell|tells|"
    r"told|encourage[sd]?|help(?:s|ed)?|allow(?:s|ed)?|enable[sd]?|invite[sd]?|remind(?:s|ed)?|"
    r"support(?:s|ed)?|expect(?:s|ed)?|want(?:s|ed)?|get|gets|got|need(?:s|ed)?|persuade[sd]?|"
    r"let|make|makes|take|takes|bring|brings|require[sd]?|advise[sd]?|request(?:s|ed)?|"
    r"teach(?:es)?|taught|prepare[sd]?|arrange[sd]?)\s+"
    r"(?:(?:the|a|an|his|her|their|your|my|our)\s+|[A-Za-z]+['’]s\s+)*$",
    re.I,
)
_OPENING_PHRASE = re.compile(
    r"\s*(?:following|after|before|since|during|from|over|at|in|on|with\s+effect\s+from|"
    r"as\s+agreed|as\s+discussed)\b(?:(?!\b(?:will|to|should|must)\b)[^.;:!?,])*",
    re.I,
)


def _at_clause_start(text: str, start: int) -> bool:
    head = text[max(0, start - 40) : start]
    return not head.strip() or bool(_STOP_BEFORE.search(head))


def _vague_words(text: str, terms: Terms) -> list[Owner]:
    out: list[Owner] = []
    if lacks(letter_words(text), _vague_needs(terms)):
        return out
    low = text.lower()
    lower = len(low) == len(text)
    for match in _vague_re(terms, lower=lower).finditer(low if lower else text):
        acted = _acts(text, match.end(), terms)
        if acted:
            start, end = match.span()
            out.append(Owner(text[start:end], "vague", start, end, *acted))
    return out


def _vague_needs(terms: Terms) -> frozenset[str] | None:
    """A word of each vague owner, its longest (see terms.letter_words); ``None`` when one
    has no letters a-z."""

    def build() -> frozenset[str] | None:
        words = [re.findall("[a-z]+", w.lower()) for w in terms.vague_owners if re.search(r"\w", w)]
        return frozenset(max(w, key=len) for w in words) if all(words) else None

    return memoised(terms, ("owners: vague needs",), build)


def _vague_re(terms: Terms, *, lower: bool) -> re.Pattern[str]:
    """The vague owners as one regex: for lower-cased text (faster without IGNORECASE),
    or as written for the rare text whose length lower() changes."""

    def build() -> re.Pattern[str]:
        words = [w.lower() for w in terms.vague_owners if re.search(r"\w", w)]
        # A trie, longest first: one branch a letter, not every phrase tried at every place.
        pattern = r"(?<![\w\-])(?:" + longest_first(words) + r")(?![\w\-])"
        return re.compile(pattern, 0 if lower else re.I)

    return memoised(terms, ("owners: vague regex", lower), build)


_INITIALS = re.compile(r"\b([A-Z])/([A-Z])\b")
_PEOPLE_SPLIT = re.compile(r"\s*(?:/|,|;|&|\+|\band\b|\n)\s*")


def column_owners(responsible: str, terms: Terms) -> tuple[list[str], list[str]]:
    """The Responsible column split into people: (real owners, vague entries)."""
    # "SW / F/C": a slash between single capitals is part of an abbreviation (F/C).
    protected = _INITIALS.sub("\\1\x00\\2", responsible) if "/" in responsible else responsible
    pieces = _PEOPLE_SPLIT.split(protected)
    parts = [p.strip().replace("\x00", "/") for p in pieces if p.strip()]
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
