"""Recommendations rewritten for the child: a right sentence, or a gap for the IRO.

``"SW to book Ellie's dentist check"``, responsible ``"Sam Jones (SW)"``,
target ``"15/01/2027"`` becomes
``"Sam (your social worker) will book your dentist check by 15 January 2027."``

A recommendation is rewritten only when every step is sure:

1. **What kind.** About this letter, the minutes or between professionals only
   ("All professionals to liaise") -> left out of the letter (``omit``).
2. **Who does what.** "<who> to / will / should <verb> ...", "<Verb> ..." with a
   Responsible, "<thing> to be <done> [by <who>]" with an owner, or a sentence
   already written to the child ("You will ..."). The person the text names does
   the action (the child's "Kayden to join a gym" is "You will join a gym",
   whoever is Responsible); a passive with no owner is not guessed.
3. **You.** The child's name, and he/she/his/her meaning the child, become
   you/your, with the verb agreeing (``lemminflect``); a pronoun that may mean
   someone else stops the rewrite.
4. **When.** The Target Date once, in full ("by 15 January 2027", "starting by
   ...", or "This will happen by ..." when the sentence would be too long); a
   timing in the text is kept, never cut; a vague one ("ASAP") is not promised,
   nor a date already past (before the meeting or the letter's date). An action
   too long for the age's limit is said in two short sentences, who does what
   and then when ("Jo (your foster carer) will take you swimming. This will
   happen every Sunday morning."), when both are within the limit.
5. **Words.** Care words and acronyms become plain words (the term lists of
   ``lint-recommendations``).
6. **Checked.** The result must have no fault of :mod:`iro_cli.letters.faults`
   (care word, label or acronym left, "you" with a third-person verb, passive,
   vague timing or action, timing cut off or twice, over the age's sentence limit).

Anything else becomes a gap: the letter says "[IRO: ...]" and a Word comment
holds the recommendation and the reason (:mod:`iro_cli.letters.gaps`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from iro_cli.letters.faults import text_faults
from iro_cli.letters.grammar import base_verb, participle_lemma
from iro_cli.letters.wording import (
    _PLAIN_CAPITALS,
    AFTER_OBJECT,
    agree_after_you,
    finish,
    join_words,
    parse_date,
    plain_dates,
    second_person,
    uk_date,
    usable_replacement,
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
    "lac nurse": "nurse",
    "cla nurse": "nurse",
    "looked after children nurse": "nurse",
    "looked after children's nurse": "nurse",
    "children in care nurse": "nurse",
    "designated nurse": "nurse",
    "support worker": "support worker",
    "family support worker": "family support worker",
    "mentor": "mentor",
    "tutor": "tutor",
    "counsellor": "counsellor",
    "psychologist": "psychologist",
    "paediatrician": "children's doctor",
    "optician": "optician",
    "nursery": "nursery",
    "college": "college",
    "school nurse": "school nurse",
    "health visitor": "health visitor",
    "gp": "doctor",
    "doctor": "doctor",
    "dentist": "dentist",
    "team manager": "social worker's manager",
    "advocate": "helper who speaks up for you",  # "advocate" is a care-system word
    "therapist": "therapist",
    "youth worker": "youth worker",
    "virtual school": "the team that helps children in care do well at school",
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
    not_before: date | None = None  # the letter's date (or the meeting's): earlier is past
    meeting_day: date | None = None  # for the gap's reason: due before the meeting, or since


def role_key(text: str, people: People) -> str:
    """A role as a lookup key, acronyms expanded: ``"SW"`` -> ``"social worker"``."""
    key = _role_key(text)
    known = people.acronyms.get(text.strip().upper()) if text.strip().isupper() else None
    if known and known[0] and key not in ROLES and key not in IRO_WORDS:
        return _role_key(known[0])
    return key


@dataclass(frozen=True)
class RewrittenRecommendation:
    text: str  # the sentence(s) for the child; "" for a gap or a left-out item
    rewritten: bool  # True: ``text`` is ready for the child
    gap: str = ""  # why it was handed to the IRO ("" when rewritten or left out)
    omit: str = ""  # why it was left out of the letter (about the letter, minutes...)


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


def _looks_like_name(text: str) -> bool:
    """``"Lucy Kerr"``, ``"Mr Patel"``: capitalised words that are not a known role."""
    words = text.split()
    return (
        1 <= len(words) <= 3
        and all(w[:1].isupper() and w[1:].islower() for w in words)
        and _role_key(text) not in ROLES
        and _role_key(text) not in FAMILY
        and _role_key(text) not in IRO_WORDS
    )


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
        if role.startswith("the "):
            return role
        if role == "social worker" and people.social_worker:
            return f"{_first_name(people.social_worker)} (your social worker)"
        return f"your {role}"
    bracket = re.fullmatch(r"(.+?)\s*\((.+)\)", text)
    if bracket and role_key(bracket[1], people) in FAMILY:
        return FAMILY[role_key(bracket[1], people)]  # "Mum (Kelly)": the child says "Mum"
    if bracket and _looks_like_name(bracket[2]) and not _looks_like_name(bracket[1]):
        # "Social Worker (Lucy Kerr)": the role outside, the name inside. Never cut a role.
        bracket = re.fullmatch(r"(.+?)\s*\((.+)\)", f"{bracket[2]} ({bracket[1]})")
    if bracket:
        name, role = bracket[1], role_key(bracket[2], people)
        if role in IRO_WORDS:
            return "I"
        if role in FAMILY:
            return f"{_first_name(name)} ({FAMILY[role]})"
        if role in ROLES:
            return f"{_first_name(name)} (your {ROLES[role]})"
        # Any other role: "(your head of year)", like the roles above.
        if re.fullmatch(r"[a-z' -]+", role) and not role.startswith(("your ", "the ")):
            return f"{_first_name(name)} (your {role})"
        return f"{_first_name(name)} ({bracket[2]})"
    if people.social_worker and _same_person(text, people.social_worker):
        return f"{_first_name(people.social_worker)} (your social worker)"
    return text


_LINK_WORDS = (
    r"(?:is\s+to|are\s+to|needs?\s+to|has\s+to|have\s+to|to|will|should|must|shall)"
    r"(?:\s+(?:continue|carry\s+on)\s+to)?"
)
_ACTOR = re.compile(rf"^(?P<actor>.{{1,70}}?)\s+{_LINK_WORDS}\s+(?P<action>.+)$", re.I | re.S)
_PASSIVE_ITEM = re.compile(
    r"^(?P<thing>.{1,80}?)\s+(?:is\s+to|are\s+to|needs?\s+to|to|will|should|must)\s+be\s+"
    r"(?P<pp>[a-z]+)\b(?P<rest>.*)$",
    re.I | re.S,
)
_BY_WHO = re.compile(r"^(?P<before>.*?)\s*\bby\s+(?:the\s+)?(?P<who>[^,]+?)\s*$", re.I)
_REFERRAL = re.compile(r"^(?:an?\s+)?referral\s+(?P<prep>to|for)\s+(?P<to>.+)$", re.I)
_OMIT = re.compile(
    r"\b(?:(?:the|review|meeting|these)\s+minutes|minutes\s+(?:of|to|will|from)"
    r"|this letter|a letter to|write to (?:\w+ )?(?:about|to explain|with the)"
    r"|all professionals|professionals (?:to|will|should)|professionals? meeting"
    r"|recommendations (?:to|will) be (?:circulated|distributed|shared)"
    r"|copy of (?:the |this )?(?:review |meeting )?(?:recommendations|record|report|minutes)"
    r"|(?:informed|told|advised|updated) (?:of|about|on)? ?the (?:outcome|recommendations) of"
    r"|told the outcome of|outcome of (?:this|the|today's) (?:review|meeting|LAC review|CLA review)"
    r")",
    re.I,
)
_SPLITS = re.compile(r";|\s[-\u2013\u2014]\s|\.\s+[A-Z]")
_SEVERAL = re.compile(r",\s*(?:and\s+)?(?P<verb>[a-z]+)\s")
_FREQUENCY = re.compile(
    r"\b(?:every|each|weekly|fortnightly|monthly|daily|nightly|twice|once a|times a|a week"
    r"|a month|per week|per month)\b",
    re.I,
)
_BARE_NOUN = re.compile(
    r"^[a-z]+\s+(?!(?:a|an|the|your|you|my|his|her|their|this|that|these|those|some|any|all|each"
    r"|every|one|two|three|more|no|up|out|in|on|for|to|with|about|\d)\b)(?:[a-z'-]+\s+){0,3}?"
    r"(?:plan|assessment|appointment|check|check-up|review|referral|meeting|interview|application"
    r"|visit|test|report|course|session|passport|dentist|doctor|optician|award|trip|form)\b(?!['-])"
)
_OWN_DEADLINE = re.compile(
    r"\b(?:by|within|no later than)\s+(?!you\b|your\b|the (?:end|start))", re.I
)
_OWN_TIMING = re.compile(r"\b(?:before|within|after|until|when|during|in time for|by)\b", re.I)
_DATE_WORDS = re.compile(
    r"\b\d{1,2} (?:January|February|March|April|May|June|July|August|September|October"
    r"|November|December) \d{4}\b"
)
_GENDERED = {
    "male": frozenset(
        [
            "dad",
            "father",
            "daddy",
            "grandad",
            "grandfather",
            "brother",
            "brothers",
            "uncle",
            "stepdad",
            "boyfriend",
            "son",
            "man",
            "boy",
            "mr",
            "he",
            "him",
            "his",
            "himself",
            "grandpa",
        ]
    ),
    "female": frozenset(
        [
            "mum",
            "mother",
            "mummy",
            "nan",
            "nana",
            "gran",
            "grandma",
            "grandmother",
            "sister",
            "sisters",
            "aunt",
            "auntie",
            "stepmum",
            "girlfriend",
            "daughter",
            "woman",
            "girl",
            "mrs",
            "ms",
            "miss",
            "she",
            "her",
            "hers",
            "herself",
        ]
    ),
}
_CHILD_PRONOUNS = {
    "male": {"he": "you", "him": "you", "his": "your", "himself": "yourself"},
    "female": {"she": "you", "her": "you", "hers": "yours", "herself": "yourself"},
}
_OTHER_PRONOUNS = {
    "male": ("she", "her", "hers", "herself"),
    "female": ("he", "him", "his", "himself"),
}
_OBJECT_FOLLOWS = AFTER_OBJECT | {"into", "in", "by"}
_VAGUE_TARGETS = frozenset(
    {"ongoing", "on going", "on-going", "n/a", "na", "tbc", "tba", "-", "none"}
)
_PLURAL_ACTORS = re.compile(
    r"\b(?:carers|parents|staff|team|school|nursery|college|and|I)\b|/|&", re.I
)


class _Gap(Exception):
    """This recommendation cannot be rewritten with confidence (the message says why)."""


def _possessive_actor(actor: str, people: People) -> str:
    """``"Kayden's SW"`` -> ``"SW"`` (the child's own worker); else the actor unchanged."""
    match = re.match(r"^(?P<owner>.+?)['\u2019]s\s+(?P<role>.+)$", actor)
    if match and any(_same_person(match["owner"], n) for n in people.child_names):
        return match["role"]
    return actor


def _known_actor(actor: str, responsible: str, people: People) -> bool:
    key = role_key(actor, people)
    parts = [p for p in re.split(r"\s+and\s+|\s*/\s*|\s*&\s*|,\s*", actor) if p]
    return bool(
        key in ROLES
        or key in FAMILY
        or key in IRO_WORDS
        or key in CHILD_WORDS
        or (responsible and (_same_person(actor, responsible) or key == _role_key(responsible)))
        or any(_same_person(actor, n) for n in people.child_names)
        or (people.social_worker and _same_person(actor, people.social_worker))
        or (responsible and _name_in(actor, responsible))
        or re.fullmatch(r"[A-Z][\w'\u2019-]+(?:\s+[A-Z][\w'\u2019-]+){0,2}\s*\([^)]+\)", actor)
        or (len(parts) > 1 and all(_known_actor(p, responsible, people) for p in parts))
    )


def _name_in(actor: str, responsible: str) -> bool:
    """``"Sam"`` is the ``"Sam Jones (social worker)"`` of the Responsible cell."""
    name = re.sub(r"\s*\(.*\)\s*", " ", responsible).strip()
    return bool(name) and actor.strip().split()[0] == name.split()[0] and actor[:1].isupper()


def _describe_actor(actor: str, responsible: str, people: People) -> str:
    """The actor as the child reads it; the Responsible cell's wording when it is that person."""
    if responsible and (
        _name_in(actor, responsible)
        or _same_person(actor, responsible)
        or role_key(actor, people) == _bracket_role(responsible, people)
    ):
        return describe_person(responsible, people)
    parts = [p for p in re.split(r"\s+and\s+|\s*/\s*|\s*&\s*", actor) if p]
    if len(parts) > 1 and responsible:
        described_all = [_describe_actor(p, responsible, people) for p in parts]
        if all(described_all):
            described_all.sort(key=lambda d: d == "I")
            return join_words(described_all)
    return describe_person(actor, people)


def _bracket_role(responsible: str, people: People) -> str:
    """``"Chris Moore (residential worker)"`` -> ``"residential worker"``; else ``""``."""
    match = re.fullmatch(r"\s*(.+?)\s*\((.+)\)\s*", responsible)
    return role_key(match[2], people) if match else ""


def _responsible_parts(responsible: str, people: People) -> dict[str, str]:
    """First names in the Responsible cell, described: ``"Jo"`` -> ``"Jo (your foster carer)"``."""
    out = {}
    for part in re.split(r"\s+and\s+|\s*/\s*|\s*&\s*|,\s*", responsible):
        part = part.strip()
        if part and part[:1].isupper():
            described = describe_person(part, people)
            if described and described != part:
                out[part.split()[0]] = described
    return out


def _owner(responsible: str, people: People) -> str:
    """Who the Responsible cell names, as the child reads it; "" for nobody or a vague owner."""
    text = " ".join(responsible.split()).strip(" .")
    if not text or text.lower() in (
        "all",
        "everyone",
        "all professionals",
        "professionals",
        "network",
    ):
        return ""
    described = describe_person(text, people)
    # Unknown words ("Health", "LA") are not a person to give an action to.
    if described == text and not re.fullmatch(r"[A-Z][a-z]+(?: [A-Z][a-z'-]+)+", text):
        return ""
    return described


_OTHER = {"male": "female", "female": "male"}
_ASKED = re.compile(r"\byou\s+(?:where|what|when|how|if|whether|why|which|who)\s*$", re.I)


def subject_of_question(before: str) -> bool:
    """True when the words before a pronoun ask the child something: "ask you where"."""
    return bool(_ASKED.search(before))


_FAMILY_GENDER = {
    "Mum": "female", "Nan": "female", "Nana": "female", "Gran": "female", "Grandma": "female",
    "Dad": "male", "Grandad": "male",
}  # fmt: skip


def _you(
    text: str, people: People, actor_plural: bool, actor_is_child: bool, actor_gender: str = ""
) -> str:
    """The child's name, and pronouns meaning the child, as you/your (or a gap)."""
    text = second_person(text, people.child_names)
    words = re.findall(r"[A-Za-z][A-Za-z'\u2019]*", text)
    lower = [w.lower() for w in words]
    gender = people.gender
    if not gender:
        if any(
            w in ("he", "him", "his", "himself", "she", "her", "hers", "herself") for w in lower
        ):
            raise _Gap("he/she may mean the child or someone else (no gender recorded)")
        return agree_after_you(text)
    table = _CHILD_PRONOUNS[gender]
    if not any(w in table for w in lower):
        return agree_after_you(text)
    mentioned = actor_plural or actor_is_child
    # The one doing it may be who "he"/"his" means, unless they are several, the child,
    # me, or of the other gender; "him"/"her" as an object never means the subject.
    actor_rival = not (actor_plural or actor_is_child or actor_gender in ("I", _OTHER[gender]))
    # The nearest person before a possessive or object pronoun is who it means: a rival
    # (someone else of the child's gender) named after the child's last mention stops it.
    child_last, rival_last = (0 if mentioned else -1), -1
    out, last = [], 0
    for index, match in enumerate(re.finditer(r"[A-Za-z][A-Za-z'\u2019]*", text)):
        word = match.group()
        low = word.lower()
        if low in ("you", "your", "yourself"):
            mentioned, child_last = True, index
            continue
        if low not in table:
            if (low in _GENDERED[gender] or word[:1].isupper()) and word not in _PLAIN_CAPITALS:
                rival_last = index
            continue
        following = text[match.end() :].lstrip()
        next_word = re.match(r"[A-Za-z']+", following)
        next_word = re.match(r"[A-Za-z']+|\d", following)
        is_object = low in ("him", "her") and not (
            low == "her" and next_word and next_word.group().lower() not in _OBJECT_FOLLOWS
        )
        # "ask you where he wants": a question put to the child is about the child.
        asked = subject_of_question(text[: match.start()])
        subject = low in ("he", "she") and not asked
        if rival_last > child_last or (actor_rival and (subject or child_last < 0)):
            raise _Gap("he/she may mean the child or someone else named in it")
        if not is_object and not mentioned:
            raise _Gap("he/she/his may mean the person doing it or the child")
        child_last = index
        replacement = table[low]
        if low == "her" and not is_object:
            replacement = "your"
        mentioned = True
        out.append(
            text[last : match.start()]
            + (replacement.capitalize() if word[0].isupper() else replacement)
        )
        last = match.end()
    out.append(text[last:])
    return agree_after_you("".join(out))


def _timing(action: str, target: str, terms: Any) -> tuple[str, str]:
    """(timing words to add, "where": "end" | "sentence" | "") for the Target Date cell."""
    text = " ".join(target.split())
    if not text or text.lower().rstrip(".") in _VAGUE_TARGETS:
        return "", ""
    if any(True for _ in terms.vague_matcher.finditer(text)) or text.lower() in ("asap", "urgent"):
        raise _Gap("the target date is not a date the child can be promised")
    found = parse_date(text)
    in_text = _DATE_WORDS.findall(action)
    if found:
        day = uk_date(found)
        if in_text:
            if day in in_text:
                return "", ""
            raise _Gap("the text and the Target Date give different dates")
        if _OWN_DEADLINE.search(action):
            raise _Gap("the text and the Target Date each give a deadline")
        if _FREQUENCY.search(action):
            return f"starting by {day}", "end"
        if _OWN_TIMING.search(action):
            return f"by {day}", "sentence"
        return f"by {day}", "end"
    phrase = when_phrase(text)
    if not phrase or phrase.lower() in action.lower():
        return "", ""
    if in_text or _OWN_TIMING.search(action) or _FREQUENCY.search(action):
        return phrase, "sentence"
    return phrase, "end"


_TRAILING_TIMING = re.compile(
    r",?\s+(?P<phrase>(?:(?:starting|beginning)\s+)?(?:by|before|from|no later than)\s+"
    r"\d{1,2} [A-Z][a-z]+ \d{4})\s*$"
)


def _compose(who: str, action: str, timing: tuple[str, str], max_words: int) -> str:
    """``who will action`` with the timing once; the timing in a sentence of its own
    ("This will happen by ...") when one sentence would be over ``max_words``."""
    who = who[0].upper() + who[1:]
    phrase, where = timing
    if not phrase:
        # A date already at the end of the text moves out when the sentence is too long.
        trailing = _TRAILING_TIMING.search(action)
        one = finish(f"{who} will {action}")
        if not max_words or len(one.split()) <= max_words:
            return one
        if trailing is None:
            return _when_apart(who, action, "") or one
        action, phrase = action[: trailing.start()], trailing["phrase"]
        where = "sentence"
    body = f"{who} will {action}"
    if where == "end":
        joiner = ", " if phrase.startswith("starting") else " "
        one = finish(body + joiner + phrase)
        if not max_words or len(one.split()) <= max_words:
            return one
    if max_words and len(finish(body).split()) > max_words:
        two = _when_apart(who, action, phrase)
        if two:
            return two
    return finish(body) + " " + _timing_sentence(phrase)


# Where the "when" of an action starts: "every Sunday morning", "once a month",
# "before 8 January 2027", "during the February half term", "within a week of ...".
_WHEN_STARTS = re.compile(
    r"[,\s]+\b(?=(?:every|each|once|twice|(?:one|two|three|four|five|\d+)\s+times"
    r"|weekly|fortnightly|monthly|daily|nightly|before|during|within|until"
    r"|in\s+the\s+(?:new\s+year|summer|spring|autumn|winter|(?:\w+\s+)?holidays)"
    r"|at\s+the\s+(?:start|end)\s+of|over\s+the\s+(?:summer|holidays|next)"
    r"|(?:by|from|starting\s+(?:by|on|from))\s+\d{1,2}\s+[A-Z][a-z]+\s+\d{4})\b)"
)
_NOT_WHEN = re.compile(r"\b(?:with|using|via|through|and|or|at|to|so|for)\b", re.I)
_DANGLING = re.compile(
    r"\b(?:to|for|with|and|or|the|a|an|your|of|at|in|on|about|from|by|his|her|their|my)$", re.I
)


def _when_apart(who: str, action: str, phrase: str) -> str:
    """Who does what, then when, as two sentences; "" when the action has no "when"
    of its own to move, or the first sentence would not be complete.

    ``phrase`` (from the Target Date) joins the second sentence only as a start
    ("..., starting by 1 February 2027"); another deadline would be a second "when".
    """
    if phrase and not phrase.startswith(("starting", "from")):
        return ""
    for start in _WHEN_STARTS.finditer(action):
        what, when = action[: start.start()], action[start.end() :].strip(" ,")
        # The first must end as a sentence ("..., alternating" does not), and the
        # second say only when: "twice a day with a sticker chart" also says how.
        if len(what.split()) < 2 or _DANGLING.search(what) or re.search(r",\s*\w+$", what):
            continue
        if _NOT_WHEN.search(when):
            return ""
        if phrase:
            when = f"{when}, {phrase}" if phrase.startswith("starting") else f"{when} {phrase}"
        return finish(f"{who} will {what}") + " " + finish(f"This will happen {when}")
    return ""


def _past_reason(past: str, people: People) -> str:
    """Why a date already past is a gap: due before the meeting, or before the letter."""
    from datetime import datetime

    day = datetime.strptime(past, "%d %B %Y").date()
    if people.meeting_day and day < people.meeting_day:
        when = f"was before the meeting ({uk_date(people.meeting_day)})"
    else:
        when = f"is before the date of this letter ({uk_date(people.not_before or day)})"
    return (
        f"{past} {when}, so it has passed and cannot be promised to the child: "
        "say what happened, or the new date agreed"
    )


def past_date(sentence: str, not_before: date | None) -> str:
    """The first date in ``sentence`` before ``not_before`` ("7 July 2026"), else ""."""
    if not_before is None:
        return ""
    from datetime import datetime

    for words in _DATE_WORDS.findall(sentence):
        if datetime.strptime(words, "%d %B %Y").date() < not_before:
            return words
    return ""


def _timing_sentence(phrase: str) -> str:
    """The timing as a sentence of its own: "by 1 May 2027" -> "This will happen by 1 May 2027."
    ("starting by ..." and "from ..." -> "This will start by/on ...")."""
    first, _, rest = phrase.partition(" ")
    if first in ("starting", "beginning"):
        return finish(f"This will start {rest}")
    if first == "from":
        return finish(f"This will start on {rest}")
    return finish(f"This will happen {phrase}")


def _long_acronyms(text: str, terms: Any) -> None:
    """An acronym whose plain words are a phrase cannot stand before a noun ("SGO assessment").

    An acronym inside a care word ("LAC review" -> "your meeting") is the care word's.
    """
    from iro_cli.lint import lint_text

    care = [
        (f.start, f.end) for f in lint_text(text, {"language"}, terms, None) if f.code == "CARE001"
    ]
    for match in re.finditer(r"(?<![\w&/-])([A-Z][A-Z0-9&]+)s?(?![\w&-])", text):
        known = terms.acronyms.get(match[1])
        if not known or any(a <= match.start() < b for a, b in care):
            continue
        after = re.match(r"\s+([a-z][a-z'-]*)", text[match.end() :])
        plain = usable_replacement(known[1], match[1]) or known[0]
        if after and after[1] not in _OBJECT_FOLLOWS and len(plain.split()) > 2:
            raise _Gap(f'"{match[1]}" has no short plain words to use here')


def _action_from_text(
    text: str, responsible: str, people: People, terms: Any
) -> tuple[str, str, bool, bool]:
    """(who, action, actor plural, actor is the child) read from the recommendation."""
    owner = _owner(responsible, people)
    passive = _PASSIVE_ITEM.match(text)
    if passive:
        verb = participle_lemma(passive["pp"])
        if not verb:
            raise _Gap("could not tell who does what")
        thing, rest = passive["thing"].strip(), passive["rest"].strip(" ,")
        by = _BY_WHO.match(rest)
        if by and not re.match(r"(?:\d|the end|end|next|this|[A-Z][a-z]+ \d)", by["who"]):
            named = describe_person(by["who"], people)
            if named in ("", by["who"]):
                raise _Gap(f'done by "{by["who"]}", not a person the child knows')
            owner, rest = named, by["before"].strip(" ,")
        if not owner:
            raise _Gap("nobody is named to do it")
        referral = _REFERRAL.match(thing)
        if referral and verb in ("make", "complete", "send", "do"):
            return owner, f"refer you {referral['prep'].lower()} {referral['to']}", False, False
        is_child = describe_person(thing, people) == "you" or _name_is_child(thing, people)
        thing = second_person(thing, people.child_names)
        if is_child:
            obj = "you"
        elif re.match(
            r"(?i)(?:the|a|an|your|his|her|their|this|that|these|those|\w+['\u2019]s)\b", thing
        ):
            obj = thing[0].lower() + thing[1:] if not thing.split()[0][1:].isupper() else thing
        else:
            # "your" is read into a bare noun only when nothing says it is someone
            # else's: "Respite to be arranged for the carers" is not "your respite".
            if re.match(r"for\s+(?!you\b|him\b|her\b)", rest, re.I):
                raise _Gap("could not tell who it is for")
            obj = "your " + (
                thing[0].lower() + thing[1:] if not thing.split()[0].isupper() else thing
            )
        action = f"{verb} {obj}" + (f" {rest}" if rest else "")
        return owner, action, bool(_PLURAL_ACTORS.search(owner)), False
    match = _ACTOR.match(text)
    if match:
        actor = _possessive_actor(match["actor"].strip(" ,"), people)
        if _known_actor(actor, responsible, people):
            action = match["action"].strip()
            first = action.split()[0]
            if not (base_verb(first) or first.lower() in terms.action_verbs):
                raise _Gap("could not tell what will be done")
            who = _describe_actor(actor, responsible, people)
            if not who:
                raise _Gap("could not tell who will do it")
            is_child = who == "you"
            plural = bool(_PLURAL_ACTORS.search(actor)) or actor.lower().endswith("s")
            return who, action, plural, is_child
    first = text.split()[0] if text.split() else ""
    if first and (first.lower() in terms.action_verbs or base_verb(first)) and first[:1].isupper():
        if not owner:
            raise _Gap("nobody is named to do it")
        return owner, text[0].lower() + text[1:], bool(_PLURAL_ACTORS.search(owner)), owner == "you"
    raise _Gap("could not tell who does what")


def _name_is_child(text: str, people: People) -> bool:
    return any(_same_person(text, n) for n in people.child_names)


def about_the_letter(text: str) -> bool:
    """A recommendation about this letter, the minutes or between professionals only."""
    return bool(_OMIT.search(text))


def rewrite_recommendation(
    recommendation: str,
    responsible: str,
    target: str,
    people: People,
    replace: Callable[[str], str],
) -> RewrittenRecommendation:
    """One recommendation as a sentence to the child, a gap, or left out (module docstring)."""
    text = " ".join(recommendation.split()).strip(" .;")
    if not text:
        return RewrittenRecommendation("", False, gap="the recommendation is empty")
    if about_the_letter(text):
        return RewrittenRecommendation("", False, omit="about the letter, minutes or meetings")
    terms = getattr(replace, "terms", None)
    try:
        sentence = _rewrite(text, responsible, target, people, replace, terms)
    except _Gap as gap:
        return RewrittenRecommendation("", False, gap=str(gap))
    past = past_date(sentence, people.not_before)
    if past:
        return RewrittenRecommendation("", False, gap=_past_reason(past, people))
    faults = text_faults(sentence, terms, max_words=people.max_words, action=True)
    if faults:
        return RewrittenRecommendation("", False, gap=faults[0].message)
    return RewrittenRecommendation(sentence, True)


# Roles written with a care word: the role without it ("LAC nurse" -> "nurse").
_CARE_ROLES = re.compile(
    r"\b(?:the\s+)?(?:LAC|CLA|looked after child(?:ren)?['\u2019]?s?|children in care)\s+nurse\b",
    re.I,
)


def _rewrite(
    text: str,
    responsible: str,
    target: str,
    people: People,
    replace: Callable[[str], str],
    terms: Any,
) -> str:
    text = _CARE_ROLES.sub(
        lambda m: "the nurse" if m.group().lower().startswith("the") else "nurse",
        plain_dates(text),
    )
    if _SPLITS.search(text):
        raise _Gap("more than one sentence or idea")
    _long_acronyms(text, terms)
    if re.match(r"^(?:You|We)\s+(?:will|are going to|can)\b", text):
        # Written to the child already: kept as it is, with the Target Date once.
        timing = _timing(text, target, terms)
        subject, _, action = text.partition(" will ")
        sentence = _compose(subject, action, timing, people.max_words) if action else finish(text)
        return replace(sentence)
    who, action, plural, is_child = _action_from_text(text, responsible, people, terms)
    if _SEVERAL.search(action) and base_verb(_SEVERAL.search(action)["verb"]):
        raise _Gap("several actions in one: write each for the child")
    for piece in re.split(r",\s*(?:and\s+)?|\s+and\s+", action)[1:]:
        other = _ACTOR.match(piece)
        if other and _known_actor(other["actor"], "", people):
            raise _Gap("several people doing several things: write each for the child")
    action = _you(
        action, people, plural, is_child, "I" if who == "I" else _FAMILY_GENDER.get(who, "")
    )
    action = re.sub(r"^You\b", "you", action)
    if is_child:
        who = "you"
    for first, described in _responsible_parts(responsible, people).items():
        action = re.sub(rf"\b{re.escape(first)}\b(?!\s*\()", described, action)
    # "before next review" -> "before your next review" (note-taking drops the "your").
    action = re.sub(
        r"\b(before|at|after|until|by|for) next (review|meeting)\b", r"\1 your next \2", action
    )
    # Note-taking drops the article: "complete pathway plan", "book dentist".
    if _BARE_NOUN.match(action):
        raise _Gap('a word is missing before the thing to do ("the", "a" or "your")')
    # An action that ends on a verb with nothing after it ("... then review") is unfinished.
    ending = re.search(r"\b(?:then|and)\s+([a-z]+)\s*$", action)
    if ending and base_verb(ending[1]):
        raise _Gap("it ends without saying what will be done")
    timing = _timing(action, target, terms)
    return replace(_compose(who, action, timing, people.max_words))
