"""Recommendations rewritten for the child, by fixed rules.

``"SW to book Ellie's dentist check"``, responsible ``"Sam Jones (SW)"``,
target ``"15/01/2027"`` becomes
``"Sam (your social worker) will book your dentist check by 15 January 2027."``

The rules, in order:

1. **Who.** The ``Responsible`` cell names the person: a role ("Social
   Worker", "SW", "foster carer"), a name with a role in brackets, a name, the
   child, or the IRO. Roles get "your" ("your social worker"); the child's own
   social worker is named by first name; the IRO writing the letter is "I";
   the child is "you". When the cell is empty, a known role or a
   "Name (role)" at the start of the recommendation is used instead.
2. **What.** A leading "<who> to / will / should / must / is to" is taken off;
   a leading verb from a fixed list ("book", "arrange"...) is kept.
3. **When.** The ``Target Date`` cell, as "by 15 January 2027" (free text
   such as "end of term" kept; "ongoing"/"TBC" left out). A date at the end of
   the text that repeats it is taken off. Every numeric date becomes
   "15 January 2027".
4. The child's name becomes "you"/"your"; care words and acronyms are
   replaced by :class:`~iro_cli.letters.wording.Replacer`.

When the wording cannot be read this way (passive "Referral to be made", no
verb from the list), the text is kept as written (with rules 3-4 applied) and
the person responsible is added as a separate sentence: "Sam (your social
worker) will make sure this happens by 15 January 2027." The result says
whether it was rewritten, so the IRO can be told.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from iro_cli.letters.wording import (
    child_pronouns,
    finish,
    join_words,
    plain_dates,
    second_person,
    when_phrase,
)

# Role words as recorded -> the role as a child reads it. Acronyms (SW, PA,
# SSW...) are first expanded with the term list of ``iro_cli.lint`` (People.acronyms),
# and the sentence goes through the care-word replacer afterwards.
ROLES: dict[str, str] = {
    "social worker": "social worker",
    "allocated social worker": "social worker",
    "fc": "foster carer",
    "foster carer": "foster carer",
    "foster carers": "foster carers",
    "carer": "carer",
    "carers": "carers",
    "kinship carer": "carer",
    "residential worker": "key worker",
    "key worker": "key worker",
    "keyworker": "key worker",
    "personal adviser": "personal adviser",
    "personal advisor": "personal adviser",
    "supervising social worker": "foster carer's social worker",
    "fostering social worker": "foster carer's social worker",
    "teacher": "teacher",
    "class teacher": "teacher",
    "designated teacher": "teacher",
    "head teacher": "head teacher",
    "headteacher": "head teacher",
    "school": "school",
    "nurse": "nurse",
    "school nurse": "school nurse",
    "health visitor": "health visitor",
    "gp": "doctor",
    "doctor": "doctor",
    "dentist": "dentist",
    "team manager": "social worker's manager",
    "advocate": "advocate",
    "therapist": "therapist",
    "youth worker": "youth worker",
    "virtual school": "virtual school",
}
# Family and people children name without "your".
FAMILY: dict[str, str] = {
    "mum": "Mum",
    "mother": "Mum",
    "birth mother": "Mum",
    "dad": "Dad",
    "father": "Dad",
    "birth father": "Dad",
    "parents": "Mum and Dad",
    "nan": "Nan",
    "nana": "Nana",
    "gran": "Gran",
    "grandma": "Grandma",
    "grandad": "Grandad",
    "grandparents": "your grandparents",
}
IRO_WORDS = frozenset(
    {"iro", "independent reviewing officer", "chair", "reviewing officer", "the iro"}
)
CHILD_WORDS = frozenset({"child", "the child", "young person", "yp", "cyp", "you"})
_TITLES = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr"})

# Verbs a recommendation may start with when it is written as an instruction.
ACTION_VERBS = frozenset(
    [
        "agree",
        "apply",
        "arrange",
        "ask",
        "assess",
        "attend",
        "book",
        "check",
        "complete",
        "consider",
        "continue",
        "convene",
        "discuss",
        "encourage",
        "ensure",
        "explain",
        "explore",
        "facilitate",
        "find",
        "give",
        "help",
        "identify",
        "invite",
        "keep",
        "liaise",
        "look",
        "make",
        "meet",
        "monitor",
        "obtain",
        "offer",
        "organise",
        "plan",
        "progress",
        "promote",
        "provide",
        "read",
        "record",
        "refer",
        "register",
        "request",
        "review",
        "see",
        "seek",
        "send",
        "set",
        "share",
        "source",
        "speak",
        "start",
        "support",
        "take",
        "talk",
        "tell",
        "undertake",
        "update",
        "visit",
        "write",
    ]
)
_LINK = r"(?:is\s+to|are\s+to|needs?\s+to|has\s+to|have\s+to|to|will|should|must|shall)"
_PASSIVE = re.compile(
    r"\b(?:to\s+be|will\s+be|should\s+be|must\s+be|is\s+to\s+be)\s+\w+(?:ed|en|ne|de|nt|ld)\b",
    re.I,
)
# "Referral to CAMHS to be made": the one passive form common enough to rewrite.
_REFERRAL = re.compile(
    r"^(?:an?\s+)?referral\s+(?:to|for)\s+(?P<to>.+?)\s+"
    r"(?:to\s+be\s+(?:made|completed|sent|done)|is\s+(?:needed|required)|needed|required)$",
    re.I,
)
_TRAILING_WHEN = re.compile(
    r"[\s,]*\b(?:by|before|on or before|no later than)\s+"
    r"(?:\d{1,2}[/.]\d{1,2}[/.]\d{2,4}|\d{4}-\d{2}-\d{2}|\d{1,2}(?:st|nd|rd|th)?\s+[A-Z][a-z]+(?:\s+\d{4})?)"
    r"\s*\.?\s*$"
)


@dataclass(frozen=True)
class People:
    """Who is who, for naming people in a child's letter."""

    child_names: tuple[str, ...]  # forename, preferred name (+ "forename surname")
    social_worker: str = ""  # from children.csv
    iro_name: str = ""  # the IRO writing the letter
    acronyms: Mapping[str, tuple[str, str]] = field(default_factory=dict)  # lint term list
    gender: str = ""  # "male" | "female" | "" (for he/she/his/her meaning the child)
    max_words: int = 0  # longer sentences put the "when" in a sentence of its own


def role_key(text: str, people: People) -> str:
    """A role as a lookup key, acronyms expanded: ``"SW"`` -> ``"social worker"``."""
    key = _role_key(text)
    known = people.acronyms.get(text.strip().upper()) if text.strip().isupper() else None
    if known and known[0] and key not in ROLES and key not in IRO_WORDS:
        return _role_key(known[0])
    return key


@dataclass(frozen=True)
class RewrittenRecommendation:
    text: str
    rewritten: bool  # False: kept as recorded (still reworded for "you" and care words)


def _first_name(name: str) -> str:
    parts = name.split()
    if not parts:
        return ""
    if parts[0].lower().rstrip(".") in _TITLES and len(parts) > 1:
        return f"{parts[0]} {parts[-1]}"
    return parts[0]


def _same_person(a: str, b: str) -> bool:
    a, b = " ".join(a.lower().split()), " ".join(b.lower().split())
    if not a or not b:
        return False
    return a == b or a.split()[0] == b.split()[0] and (len(a.split()) == 1 or len(b.split()) == 1)


def _role_key(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s']", " ", text.lower()).split())


def describe_person(responsible: str, people: People) -> str:
    """The person in the ``Responsible`` cell, as the child reads it ("" when unknown).

    ``"SW"`` -> ``"Sam (your social worker)"`` when the child's social worker is
    Sam Jones; ``"Jo Bloggs (FC)"`` -> ``"Jo (your foster carer)"``; the IRO ->
    ``"I"``; the child -> ``"you"``.
    """
    text = " ".join(responsible.split()).strip(" .;,")
    if not text:
        return ""
    parts = re.split(r"\s*(?:&|\band\b|/|\+|,)\s*", text)
    if len(parts) > 1 and all(parts):
        described = [describe_person(part, people) for part in parts]
        if all(described):
            # "I" goes last: "Sam and I".
            described.sort(key=lambda d: d == "I")
            return join_words(described)
        return text
    key = role_key(text, people)
    if key in CHILD_WORDS or any(_same_person(text, n) for n in people.child_names):
        return "you"
    if key in IRO_WORDS or _same_person(text, people.iro_name):
        return "I"
    if key in FAMILY:
        return FAMILY[key]
    if key in ROLES:
        role = ROLES[key]
        if role == "social worker" and people.social_worker:
            return f"{_first_name(people.social_worker)} (your social worker)"
        return f"your {role}"
    bracket = re.fullmatch(r"(.+?)\s*\((.+)\)", text)
    if bracket:
        name, role = bracket[1], role_key(bracket[2], people)
        if role in IRO_WORDS:
            return "I"
        if role in FAMILY:
            return f"{_first_name(name)} ({FAMILY[role]})"
        if role in ROLES:
            return f"{_first_name(name)} (your {ROLES[role]})"
        return f"{_first_name(name)} ({bracket[2]})"
    if people.social_worker and _same_person(text, people.social_worker):
        return f"{_first_name(people.social_worker)} (your social worker)"
    return text


def _split_actor(text: str, responsible: str, people: People) -> tuple[str, str] | None:
    """``("SW", "book the dentist")`` from ``"SW to book the dentist"``; None if no actor."""
    match = re.match(rf"^(?P<actor>.{{1,60}}?)\s+{_LINK}\s+(?P<action>.+)$", text, re.I | re.S)
    if not match:
        return None
    actor = match["actor"].strip(" ,")
    key = role_key(actor, people)
    known = (
        key in ROLES
        or key in FAMILY
        or key in IRO_WORDS
        or key in CHILD_WORDS
        or (responsible and (_same_person(actor, responsible) or key == _role_key(responsible)))
        or any(_same_person(actor, n) for n in people.child_names)
        or (people.social_worker and _same_person(actor, people.social_worker))
        or re.fullmatch(r"[A-Z][\w'\u2019-]+(?:\s+[A-Z][\w'\u2019-]+){0,2}\s*\([^)]+\)", actor)
        or all(
            role_key(p, people) in ROLES or role_key(p, people) in FAMILY
            for p in re.split(r"\s+and\s+|/|&", actor)
        )
    )
    if not known:
        return None
    return actor, match["action"].strip()


def _sentence(who: str, action: str, when: str, max_words: int = 0) -> str:
    who = who[0].upper() + who[1:] if who else who
    sentence = finish(f"{who} will {action}" + (f" {when}" if when else ""))
    if when and max_words and len(sentence.split()) > max_words:
        # "Sam will book your dentist check. This will happen by 15 January 2027."
        sentence = finish(f"{who} will {action}") + " " + finish(f"This will happen {when}")
    return sentence


def rewrite_recommendation(
    recommendation: str,
    responsible: str,
    target: str,
    people: People,
    replace: Callable[[str], str],
) -> RewrittenRecommendation:
    """One recommendation as a sentence to the child (see the module docstring)."""
    text = " ".join(recommendation.split()).strip(" .;")
    when = when_phrase(target)
    if when and _TRAILING_WHEN.search(text):
        text = _TRAILING_WHEN.sub("", text)
    who = describe_person(responsible, people)
    split = None if _PASSIVE.search(text) else _split_actor(text, responsible, people)
    action = ""
    referral = _REFERRAL.match(text)
    if referral and who:
        action = f"refer you to {referral['to']}"
    elif split:
        actor, action = split
        who = who or describe_person(actor, people)
    elif text and text.split()[0].lower() in ACTION_VERBS and who:
        action = text[0].lower() + text[1:]
    if action and who:
        action = second_person(plain_dates(action), people.child_names)
        action = re.sub(r"^You\b", "you", action)
        sentence = child_pronouns(_sentence(who, action, when, people.max_words), people.gender)
        return RewrittenRecommendation(replace(sentence), True)
    kept = finish(
        child_pronouns(second_person(plain_dates(text), people.child_names), people.gender)
    )
    if who:
        tail = f" {when}" if when else ""
        kept += " " + _sentence(who, "make sure this happens", "").rstrip(".") + tail + "."
    elif when:
        kept = kept.rstrip(".") + f" ({when})."
    return RewrittenRecommendation(replace(kept), False)
