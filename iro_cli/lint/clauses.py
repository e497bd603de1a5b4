"""Reading a recommendation clause by clause: who acts, and what each of them does.

A clause's owner is its subject (:func:`~iro_cli.lint.owners.find_owners`); its
actions are the verb after the owner ("SW to *book*") and the verbs joined to it
("book ... *and let* Nan know"). Telling or informing someone ("let Mum know",
"send a copy to", "update the IRO", "report back") is part of the action before it,
not an action of its own. A clause without an owner has its action at its start
("*Explore* options") or after "be" ("to be *monitored*"). A verb anywhere else is in
an object or a purpose clause ("write to the council *to support* Dad's bid") and is
not the action. Pure functions over :class:`~iro_cli.lint.terms.Terms`.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from iro_cli.lint.owners import Owner
from iro_cli.lint.terms import Terms, lacks, letter_words, term_key

# Verbs that pass something on rather than do it.
INFORMING = frozenset({
    "tell", "tells", "let", "lets", "inform", "informs", "notify", "notifies", "send", "sends",
    "share", "shares", "copy", "copies", "report", "reports", "explain", "explains", "feed",
    "feeds", "forward", "forwards", "pass", "passes", "email", "emails",
    "advise", "advises", "remind", "reminds", "feedback",
})  # fmt: skip
# "update" and "confirm" inform when a person follows ("update the social worker",
# "confirm to the IRO"), not a document or a decision ("confirm the route").
_UPDATE = frozenset({"update", "updates", "confirm", "confirms"})
_PERSON_AFTER = re.compile(
    r"\s+(?:to\s+|with\s+)?(?:him|her|them|me|you|us|everyone|(?:the\s+|his\s+|her\s+|their\s+|your\s+|"
    r"[A-Z][a-z]+['’]s\s+)?(?:social\s+worker|sw|iro|carers?|foster\s+carers?|f/c|mum|dad|"
    r"parents?|nan|grandad|school|team\s+manager|tm|family|[A-Z][a-z]+\b(?!['’])))",
)
# The next verb joined to an action: ", and book", "; then tell", " and let".
_NEXT_ACTION = re.compile(
    r"(?:,\s*(?:and\s+|then\s+)?|;\s*|\s+and\s+(?:then\s+|also\s+)?|\s+then\s+|\s+as\s+well\s+as\s+)"
    r"(?:to\s+|will\s+|also\s+)?(?P<verb>[a-z][a-z\-]+)"
    r"(?=\s+(?:the|a|an|his|her|their|its|your|my|this|that|with|to|for|up|out|on|about|back|"
    r"know|him|them|it|[A-Z][a-z]+|\d))"
)
# Words that may stand between the owner's verb and the action itself:
# "will continue to support", "to also try to liaise".
_CHAIN = re.compile(
    r"(?:(?:continue|continues|keep|keeps|try|tries|aim|aims|seek|seeks|need|needs|also|then|to|"
    r"and|please|each|both|jointly|further|closely|actively|regularly|now|further)\s+)*",
    re.I,
)
_MODAL_BEFORE = re.compile(
    r"\b(?:will|shall|should|must|needs?\s+to|is\s+to|are\s+to)\s+(?:also\s+|continue\s+to\s+)?$",
    re.I,
)
_PASSIVE_BEFORE = re.compile(r"\b(?:be|been|being|is|are|was|were)\s+$", re.I)
_CLAUSE_START_BEFORE = re.compile(
    r"(?:^|[.;:!?\n]|\(?\d{1,2}[.)]|[-•*])\s*(?:please\s+|to\s+)?$|"
    r"\b(?:agreed|recommended|recommends|decided|requested|suggested|proposed)\b[^.;:]{0,50}?"
    r"\bthat\s+$",
    re.I,
)
# What a list item (_LIST_ITEM) cannot be without, found fast: from each "." or ")" before a
# space, a look back at what it ends ("1. ", "a) ").
_LIST_MARK = re.compile(r"[.)]\s(?:(?<=\d..)|(?<=\b[a-h]\)\s))")
_JOINED = re.compile(r",|;|\band\b|\bthen\b|\bas well as\b")
_JOINED_WORDS = frozenset({"and", "then", "as"})  # what it needs besides "," or ";"
_LIST_ITEM = re.compile(r"(?:^|\s)(?:\(?\d{1,2}[.)]|\(?[a-h]\))\s+\S")
# After "support", "help", "encourage": a checkable action ("support Aisha to join ...").
_HELPING = frozenset({
    "support", "supported", "supports", "supporting", "help", "helped", "helps", "helping",
    "encourage", "encouraged", "encourages", "encouraging", "assist", "assisted", "assists",
    "enable", "enabled",
})  # fmt: skip
_HELPED_ACTION = re.compile(
    r"\s+(?:(?:him|her|them|you|me|us|[A-Z][\w'’\-]*(?:\s+[A-Z][\w'’\-]*)?|the\s+young\s+person|"
    r"the\s+child|(?:his|her|their|your)\s+[a-z]+)\s+)?(?:to\s+)?(?P<verb>[a-z]+)"
)
# Verbs after "help"/"support" that are themselves effort, not a result.
_NOT_CHECKABLE = frozenset({
    "be", "feel", "settle", "settled", "understand", "manage", "cope", "engage", "develop",
    "improve", "maintain", "practise", "practice", "continue", "keep", "stay", "think",
    "reflect", "work", "try", "look", "enjoy", "become", "have", "grow", "build", "access",
    "use",
})  # fmt: skip
# Monitoring a physical measure is measuring ("monitor Mia's weight every two weeks").
_MEASURED = re.compile(
    r"\s+(?:[\w'’]+\s+){0,3}?(?:weight|height|growth|bmi|blood\s+pressure|blood\s+sugar|"
    r"temperature|oxygen)\b",
    re.I,
)
# How much, not how often: an amount makes effort measurable ("for 20 minutes", "85%").
AMOUNT = re.compile(
    r"\b\d+(?:\.\d+)?\s?%|\b\d+\s+per\s?cent\b|\b(?:\d+|one|two|three|four|five|ten|twenty|"
    r"thirty|forty|fifteen|a\s+half)\s+(?:minutes?|hours?|pages?|books?)\b",
    re.I,
)
# "help" is effort unless a result follows, like "support" (not in the shared term list).
_HELP = re.compile(r"\b[Hh]elp(?:s|ed)?\b")
HINTS = {
    "help": "say what the help will achieve and by when (e.g. help Sam open a bank account "
    "by 1 May)",
    "meet needs": "say which needs, what will be done about each and by when",
}
# "continue to meet Tyler's needs", "health needs to be met".
_MEET_NEEDS = re.compile(r"\bmeet\s+(?:[\w'’\-]+\s+){0,4}?needs\b", re.I)
_NEEDS_MET = re.compile(
    r"\bneeds\s+(?:(?:to|will|should|must|can)\s+)?(?:be|are|being|is)\s+(?:fully\s+)?met\b", re.I
)
# A word each of these needs (see terms.letter_words).
_MEET_NEEDS_WORDS = frozenset({"needs"})
_NEEDS_MET_WORDS = frozenset({"met"})


class Action(NamedTuple):
    """One action in a recommendation."""

    verb: str
    start: int
    end: int
    owner: str  # the owner's comparison key; "" when the clause has no owner
    informing: bool
    unmeasurable: str  # the unmeasurable term it is ("continue to support"), else ""
    checkable: bool  # "support Aisha to join the club": a result follows the effort


class Reading(NamedTuple):
    """A recommendation read clause by clause."""

    actions: tuple[Action, ...]
    owners: tuple[str, ...]  # distinct owners with an action of their own (not only informing)
    listed: bool  # a numbered list of items


def read(text: str, owners: list[Owner], terms: Terms) -> Reading:
    """The actions in ``text`` and whose they are (``owners`` from find_owners)."""
    acting = [o for o in owners if o.verb]  # a vague owner's action is read, owned by nobody
    words = letter_words(text)
    unmeasurable = _unmeasurable_terms(text, terms, words)
    listed = _LIST_MARK.search(text) is not None and len(_LIST_ITEM.findall(text)) >= 2
    needs_met = [] if lacks(words, _NEEDS_MET_WORDS) else list(_NEEDS_MET.finditer(text))
    if (
        len(acting) <= 1
        and not unmeasurable
        and len(acting) == len(owners)
        and not needs_met
        and (not acting or not _joined_after(text, acting[0].verb_start, words))
    ):  # most items: one owner, one verb, nothing joined to it
        if not acting:
            return Reading((), (), listed)
        owner = acting[0]
        key = _owner_key(owner)
        action = _action(text, owner.verb, owner.verb_start, key, unmeasurable, terms)
        return Reading((action,), (key,) if key and not action.informing else (), listed)
    starts = sorted({o.verb_start for o in acting})
    clause_ends = {s: _clause_end(text, s, owners) for s in starts}
    actions: list[Action] = []
    seen: set[int] = set()
    for owner in acting:
        if owner.verb_start in seen:  # "Mum and Nan will take": one action, joint owners
            continue
        seen.add(owner.verb_start)
        key = _owner_key(owner)
        end = clause_ends[owner.verb_start]
        verbs = [(owner.verb, owner.verb_start)]
        cursor = owner.verb_start + len(owner.verb)
        for match in _NEXT_ACTION.finditer(text, cursor, end):
            verb = match.group("verb")
            if verb not in terms.action_verbs and verb not in terms.unmeasurable_verbs:
                continue
            if len(text[cursor : match.start()].split()) >= 2:
                verbs.append((verb, match.start("verb")))
                cursor = match.end()
        for verb, start in verbs:
            actions.append(_action(text, verb, start, key, unmeasurable, terms))
    # Clauses without an owner: an imperative, a passive, "consideration to be given".
    for _term, match in unmeasurable:
        start = match.start()
        if any(a.start <= start < a.start + len(a.verb) + 1 for a in actions):
            continue
        before = text[max(0, start - 60) : start]
        opens = (
            _PASSIVE_BEFORE.search(before)
            or _CLAUSE_START_BEFORE.search(before)
            or _MODAL_BEFORE.search(before)  # a subject not recognised: "Zoë will monitor"
        )
        if opens and not _inside_clause_of(start, acting, clause_ends):
            actions.append(_action(text, match.group(), start, "", unmeasurable, terms))
    for match in needs_met:
        actions.append(Action("met", match.start(), match.end(), "", False, match.group(), False))
    actions.sort(key=lambda a: a.start)
    distinct = []
    for action in actions:
        if action.owner and not action.informing and action.owner not in distinct:
            distinct.append(action.owner)
    for owner in owners:  # "to be updated by the school": the school's action
        key = _owner_key(owner)
        inside = _inside_clause_of(owner.start, acting, clause_ends)  # "get it signed by Mum"
        if owner.kind == "agent" and not inside and key not in distinct:
            distinct.append(key)
    return Reading(tuple(actions), tuple(distinct), listed)


def _owner_key(owner: Owner) -> str:
    return "" if owner.kind in ("pronoun", "vague") else term_key(owner.who)


def _clause_end(text: str, verb_start: int, owners: list[Owner]) -> int:
    """Where the clause of the owner whose verb starts at ``verb_start`` ends: at the
    next owner acting with another verb."""
    later = [o.start for o in owners if o.start > verb_start and o.verb]
    return min(later, default=len(text))


def _inside_clause_of(position: int, acting: list[Owner], clause_ends: dict[int, int]) -> bool:
    return any(o.verb_start <= position < clause_ends[o.verb_start] for o in acting)


def _joined_after(text: str, start: int, words: frozenset[str] | None) -> bool:
    """A comma, semicolon, "and", "then" or "as well as" after ``start`` (_JOINED)."""
    if text.find(",", start) >= 0 or text.find(";", start) >= 0:
        return True
    return not lacks(words, _JOINED_WORDS) and _JOINED.search(text, start) is not None


def _unmeasurable_terms(
    text: str, terms: Terms, words: frozenset[str] | None
) -> list[tuple[str, re.Match[str]]]:
    found = list(terms.unmeasurable_matcher.finditer(text))
    for match in () if lacks(words, _MEET_NEEDS_WORDS) else _MEET_NEEDS.finditer(text):
        found.append(("meet needs", match))
    if "help" in text or "Help" in text:
        taken = [m.span() for _term, m in found]
        for match in _HELP.finditer(text):
            if not any(a <= match.start() < b for a, b in taken):
                found.append(("help", match))
    found.sort(key=lambda item: item[1].start())
    return found


def _action(
    text: str,
    verb: str,
    start: int,
    owner: str,
    unmeasurable: list[tuple[str, re.Match[str]]],
    terms: Terms,
) -> Action:
    low = verb.lower()
    end = start + len(verb)
    informing = low in INFORMING or (low in _UPDATE and bool(_PERSON_AFTER.match(text, end)))
    term = ""
    for _listed, match in unmeasurable:
        if match.start() < start:
            continue
        between = text[start : match.start()]
        if match.start() == start or _CHAIN.fullmatch(between):
            if match.start() - start <= 40:
                term = match.group()
                end = max(end, match.end())
            break
    checkable = False
    if term:
        last = term.split()[-1].lower()
        if last in _HELPING:
            helped = _HELPED_ACTION.match(text, end)
            if helped is not None:
                verb_after = helped.group("verb")
                checkable = (
                    verb_after in terms.action_verbs
                    and verb_after not in _NOT_CHECKABLE
                    and verb_after not in terms.unmeasurable_verbs
                )
        elif last in ("monitor", "monitored", "monitoring"):
            checkable = bool(_MEASURED.match(text, end))
    return Action(verb, start, end, owner, informing, term, checkable)


def unmeasurable_action(reading: Reading, text: str) -> Action | None:
    """The first action that is effort, not a result, when nothing in its clause can be
    checked: no other action of the same owner has a result, and no amount is given."""
    for action in reading.actions:
        if not action.unmeasurable or action.checkable:
            continue
        if action.owner and any(
            other.owner == action.owner and not other.unmeasurable and not other.informing
            for other in reading.actions
        ):
            continue
        # The amount last: most items have no unmeasurable action, and the search is costly.
        return None if AMOUNT.search(text) else action
    return None


def several_actions(reading: Reading) -> int:
    """How many actions of their own the one owner of a one-owner item has."""
    if len(reading.owners) != 1:
        return 0
    owner = reading.owners[0]
    return sum(1 for a in reading.actions if a.owner == owner and not a.informing)
