"""What a review letter says: built from the exports, for one child and one review.

Pure: takes the rows (mappings with the canonical column names of
``iro_cli.exports.schema``), the letter date and the helpers built once per
run (:class:`~iro_cli.letters.wording.Replacer`,
:class:`~iro_cli.letters.privacy.OtherChildren`), and returns a
:class:`Letter`: the template context plus notes for the IRO.

Key messages: at most three, one from each of Child's Views ("What you told
me"), Working Well ("What is going well") and Worries ("What we want to help
with"); each keeps the first one to three sentences (by age) that do not name
another child.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

from iro_cli.letters.ages import AgeGroup, age_group, reading_age_target
from iro_cli.letters.faults import text_faults
from iro_cli.letters.gaps import Gap, action_gap, more_comment, sibling_gap
from iro_cli.letters.privacy import OtherChildren, adult_words
from iro_cli.letters.recommendations import (
    IRO_WORDS,
    ROLES,
    People,
    _first_name,
    describe_person,
    rewrite_recommendation,
    role_key,
)
from iro_cli.letters.settings import LetterSettings
from iro_cli.letters.wording import (
    Replacer,
    child_pronouns,
    finish,
    gender_of,
    join_words,
    plain_dates,
    second_person,
    sentences,
    uk_date,
)
from iro_cli.schedule.dates import age_on

Row = Mapping[str, Any]

WELSH = frozenset({"welsh", "cymraeg", "cy", "cym", "wel"})


@dataclass
class Letter:
    person_id: str
    review_id: str
    review_date: date
    age: int
    group: AgeGroup
    reading_age_target: int
    language: str  # "en" | "cy" (the template to use; the wording is English)
    context: dict[str, Any]
    notes: list[str] = field(default_factory=list)  # for the IRO, no personal data
    gaps: list[Gap] = field(default_factory=list)  # marked gaps, each with a Word comment
    more_note: str = ""  # comment on "More things we agreed" (empty when there are none)
    adults: frozenset[str] = frozenset()  # adult name words (for the final privacy check)
    # The service's own wording from iro.toml: not about any child, so not checked for names
    # ("Northbrook Young People's Advocacy" does not name a child called Young).
    service_text: tuple[str, ...] = ()

    @property
    def filename(self) -> str:
        safe_id = re.sub(r"[^A-Za-z0-9_-]", "_", self.person_id)
        return f"letter_{safe_id}_{self.review_date.isoformat()}.docx"


def _text(row: Row, key: str) -> str:
    value = row.get(key)
    return "" if value is None else str(value).strip()


def _same(a: str, b: str) -> bool:
    return " ".join(a.lower().split()) == " ".join(b.lower().split()) and bool(a.strip())


def find_iro(name: str, iros: Iterable[Row]) -> Row | None:
    """The ``iros.csv`` row for ``name`` (ignoring case and spacing)."""
    for row in iros:
        if _same(_text(row, "name"), name):
            return row
    return None


# ---------------------------------------------------------------- key messages

_VIEWS_LEAD = re.compile(
    r"^(?P<who>{names}|the child|the young person|she|he|they)\s+"
    r"(?:said|says|told (?:me|us|the meeting|the IRO|everyone|the review)|shared|explained"
    r"|wanted (?:me|us) to know|would like (?:me|us) to know)"
    r"(?:\s+that)?\s+(?:(?P<pronoun>she|he|they)\s+(?P<verb>[\w']+)\b)?",
    re.IGNORECASE,
)


@lru_cache(maxsize=64)
def _views_pattern(names: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True) if n)
    return re.compile(_VIEWS_LEAD.pattern.replace("{names}", alternatives or "(?!x)x"), re.I)


def views_sentence(sentence: str, names: Iterable[str]) -> str:
    """``"Ellie said she likes school"`` -> ``"You told me that you like school"``."""
    match = _views_pattern(tuple(names)).match(sentence)
    if not match:
        return second_person(sentence, names)
    rest = sentence[match.end() :]
    if match["pronoun"]:
        from iro_cli.letters.grammar import after_you

        lead = f"You told me you {after_you(match['verb'])}"
    else:
        lead = "You told me"
    return second_person(f"{lead} {rest.lstrip()}" if rest.strip() else lead, names)


@dataclass(frozen=True)
class _Source:
    column: str
    heading: dict[str, str]  # age group key -> heading ("*" default)


_SOURCES = (
    _Source("childs_views", {"*": "What you told me"}),
    _Source("working_well", {"*": "What is going well"}),
    _Source(
        "worries",
        {"*": "What we want to help with", "adult": "What we are worried about"},
    ),
)


def _kept_sentences(
    text: str, person_id: str, others: OtherChildren, adults: frozenset[str], dropped: list[int]
) -> list[str]:
    kept = []
    for sentence in sentences(text):
        if others.mentions_other(sentence, person_id, adults):
            dropped[0] += 1
            continue
        kept.append(sentence)
    return kept


_QUOTED = re.compile(r"[\"\u201c][^\"\u201d]*[\"\u201d]")
_YOU_AND_PRONOUN = re.compile(r"(?is)\byou\b.*\b(?:he|she|his|him|her|hers)\b")
_METRIC = re.compile(r"\d\s*%|\bper ?cent\b|\battendance\b|\bscores?\b", re.I)


def key_messages(
    review: Row,
    person_id: str,
    names: tuple[str, ...],
    group: AgeGroup,
    others: OtherChildren,
    adults: frozenset[str],
    replace: Replacer,
    dropped: list[int],
    gender: str = "",
) -> list[dict[str, str]]:
    """Up to three messages ``{"heading", "text"}`` from the review record."""
    messages = []
    for source in _SOURCES:
        kept = _kept_sentences(_text(review, source.column), person_id, others, adults, dropped)
        labelled = [s for s in kept if replace.has_label(s)]
        if labelled:
            kept = [s for s in kept if s not in labelled]
            dropped[1] += len(labelled)
        if source.column == "childs_views":
            written = [views_sentence(s, names) for s in kept]
        else:
            written = [second_person(s, names) for s in kept]
        ready = []
        for sentence in written:
            sentence = child_pronouns(finish(replace(plain_dates(sentence))), gender)
            # A sentence with any fault (a fragment, a label or care word left, too long
            # for the age) is not used: another sentence of the record is, or none.
            if text_faults(sentence, replace.terms, max_words=group.max_sentence_words) or (
                # No gender recorded: a he/she beside "you" may be the child ("you want...
                # and he wants"), so the sentence is not used.
                not gender and _YOU_AND_PRONOUN.search(_QUOTED.sub("", sentence))
            ):
                dropped[2] += 1
                continue
            ready.append(sentence)
        # What is going well about the child, not service figures ("attendance is 96%"),
        # unless figures are all the record says.
        about_child = [sentence for sentence in ready if not _METRIC.search(sentence)]
        ready = about_child or ready
        if not ready:
            continue
        text = " ".join(ready[: group.sentences_per_message])
        heading = source.heading.get(group.key, source.heading["*"])
        messages.append({"heading": heading, "text": text})
    return messages[:3]


# ---------------------------------------------------------------- who came


def _attendees(attendees: str) -> list[str]:
    separator = r"\s*[;\n]\s*" if ";" in attendees or "\n" in attendees else r"\s*,\s*"
    return [part.strip(" .") for part in re.split(separator, attendees) if part.strip(" .")]


def professional_names(entries: Iterable[str], people: People) -> list[str]:
    """Names recorded with a professional or carer role: ``"Jo Bloggs (FC)"`` -> ``"Jo Bloggs"``."""
    names = []
    for entry in entries:
        match = re.fullmatch(r"(.+?)\s*\((.+)\)", entry.strip())
        if match and (
            role_key(match[2], people) in ROLES or role_key(match[2], people) in IRO_WORDS
        ):
            names.append(match[1])
    return names


def who_came(
    attendees: str,
    people: People,
    person_id: str,
    others: OtherChildren,
    adults: frozenset[str],
    dropped: list[int],
) -> list[str]:
    """``"Mum; Jo Bloggs (FC); Sam Jones (SW)"`` -> ``["Mum", "Jo (your foster carer)", ...]``.

    The IRO (the letter's writer) becomes "me" and goes last; the child becomes
    "you" and goes first. Other children are left out.
    """
    you, rest = False, []
    for part in _attendees(attendees):
        if others.mentions_other(part, person_id, adults):
            dropped[0] += 1
            continue
        described = describe_person(part, people)
        if described == "you":
            you = True
        elif described == "I":
            continue
        elif described and described not in rest:
            rest.append(described)
    if not (you or rest):
        return []
    # The IRO chaired the meeting, so was there even when not listed.
    return (["you"] if you else []) + rest + ["me"]


# ---------------------------------------------------------------- the letter

_TITLES = {
    "under8": "About your meeting",
    "8to12": "About your meeting",
    "13plus": "About your review meeting",
    "adult": "About your review meeting",
}
_HEADINGS = {
    "under8": {
        "meeting": "Your meeting",
        "messages": "What we talked about",
        "plan": "What will happen next",
        "more": "More things we agreed",
        "next": "Your next meeting",
        "contact": "How to talk to me",
        "help": "Other people who can help",
    },
    "*": {
        "meeting": "Your meeting",
        "messages": "What we talked about",
        "plan": "What we agreed",
        "more": "More things we agreed",
        "next": "Your next meeting",
        "contact": "How to contact me",
        "help": "Help and support",
    },
}


def _intro(group: AgeGroup, iro_name: str, iro_first: str, meeting_day: str) -> list[str]:
    if group.key == "under8":
        return [
            "Ask a grown-up to read this letter with you.",
            f"My name is {iro_first}.",
            "I run your meetings.",
            "I check that grown-ups do what they said.",
        ]
    if group.key == "8to12":
        return [
            f"My name is {iro_name}. I run your meetings.",
            "I also check that your plan is working for you.",
            f"This letter tells you about your meeting on {meeting_day}.",
        ]
    if group.key == "13plus":
        return [
            f"I am {iro_name}. I run your review meetings.",
            "I check that your plan is working for you.",
            f"This letter is a record of your meeting on {meeting_day}.",
        ]
    return [
        f"I am {iro_name}. I chair your review meetings.",
        "My job is to check that your plan works for you.",
        f"This letter is a record of your meeting on {meeting_day}.",
    ]


def _meeting_text(
    group: AgeGroup, meeting_day: str, you_came: bool, others: list[str]
) -> list[str]:
    """Who came, without "You" and "Me" as list items; the date only where the
    introduction has not said it (the under-8 letter's introduction has no date)."""
    lines = [f"We had your meeting on {meeting_day}."] if group.key == "under8" else []
    if you_came:
        lines.append("You came to your meeting." + (" These people came too:" if others else ""))
    elif others:
        lines.append("These people came:")
    return lines


def _next_text(group: AgeGroup, next_day: str) -> list[str]:
    if not next_day:
        return ["I will tell you the date of your next meeting soon."]
    if group.key == "under8":
        return [f"Your next meeting is on {next_day}.", "You can tell me things before then."]
    return [
        f"Your next meeting will be on {next_day}.",
        "You can tell me what you want to talk about before then.",
    ]


def _contact_text(group: AgeGroup, phone: str, email: str) -> list[str]:
    lines = []
    if group.key == "under8":
        lines.append("A grown-up can help you get in touch with me.")
    if phone:
        lines.append(f"You can ring me on {phone}.")
    if email:
        lines.append(f"You can email me at {email}.")
    if group.key == "adult":
        lines.append("You can also ask your personal adviser to tell me.")
    elif group.key != "under8":
        lines.append("You can also ask your carer or social worker to tell me.")
    return lines


def _help_text(group: AgeGroup, s: LetterSettings) -> list[str]:
    if group.key == "under8":
        return [
            "You can have someone to stand up for you.",
            f"They come from {s.advocacy_name}.",
            f"Their phone number is {s.advocacy_phone}.",
            "If you are not happy, you can tell us.",
            f"A grown-up can ring {s.complaints_phone} for you.",
        ]
    if group.key == "adult":
        return [
            "You can have someone to stand up for you at your meetings.",
            f"{s.advocacy_name} can do this. Ring them on {s.advocacy_phone}.",
            f"Or look at {s.advocacy_web}.",
            "If you are not happy with the help you get, you can complain.",
            f"Ring {s.complaints_phone} or email {s.complaints_email}.",
        ]
    return [
        "You can have someone to stand up for you at your meetings.",
        f"{s.advocacy_name} can do this for you.",
        f"Ring them on {s.advocacy_phone} or look at {s.advocacy_web}.",
        "If you are not happy about something, you can complain.",
        f"Ring {s.complaints_phone} or email {s.complaints_email}.",
    ]


def _plan_intro(group: AgeGroup, count: int) -> str:
    if not count:
        return "We did not agree any new jobs at this meeting."
    if group.key == "under8":
        return "These are the jobs people will do."
    return "These are the things we agreed people will do."


def language_of(child: Row) -> str:
    """``"cy"`` when the child's preferred language is Welsh, else ``"en"``."""
    return "cy" if _text(child, "preferred_language").lower() in WELSH else "en"


def build_letter(
    child: Row,
    review: Row,
    recommendations: Iterable[Row],
    *,
    next_meeting: date | None,
    iro: Row | None,
    iro_name: str,
    settings: LetterSettings,
    replace: Replacer,
    others: OtherChildren,
    letter_date: date,
) -> Letter:
    """The letter to ``child`` about the held ``review``."""
    person_id = _text(child, "person_id")
    review_day: date = review["review_date"]
    born: date = child["date_of_birth"]
    age = age_on(born, review_day)
    group = age_group(age)
    notes: list[str] = []
    dropped = [0, 0, 0]  # named another child, had a stigmatising label, had another fault

    forename = _text(child, "forename")
    preferred = _text(child, "preferred_name")
    call = preferred or forename
    surname = _text(child, "surname")
    names = tuple(
        n
        for n in dict.fromkeys(
            [f"{forename} {surname}".strip(), f"{preferred} {surname}".strip(), forename, preferred]
        )
        if n and n != surname
    )
    iro_row = iro or {}
    iro_name = _text(iro_row, "name") or iro_name
    iro_first = _first_name(iro_name) if iro_name else ""
    people = People(
        child_names=names,
        social_worker=_text(child, "social_worker"),
        iro_name=iro_name,
        acronyms=replace.terms.acronyms,
        gender=gender_of(_text(child, "gender")),
        max_words=group.max_sentence_words,
        not_before=max(review_day, letter_date),
        meeting_day=review_day,
    )

    if not iro_name:
        notes.append("no IRO named (Chair in reviews.csv or Allocated IRO in children.csv)")
        iro_name = iro_first = "[your name]"
    phone, email = _text(iro_row, "phone"), _text(iro_row, "email")
    if not iro:
        notes.append("the IRO is not in iros.csv: no phone or email in the letter")
    else:
        if not phone:
            notes.append("no phone number for the IRO in iros.csv")
        if not email:
            notes.append("no email address for the IRO in iros.csv")

    rows = sorted(
        recommendations,
        key=lambda r: (r.get("recommendation_no") is None, r.get("recommendation_no") or 0),
    )
    adults = adult_words(
        [people.social_worker, iro_name]
        + professional_names(_attendees(_text(review, "attendees")), people)
        + professional_names((_text(r, "responsible") for r in rows), people)
    )
    meeting_day = uk_date(review_day)
    messages = key_messages(
        review, person_id, names, group, others, adults, replace, dropped, people.gender
    )
    came = who_came(_text(review, "attendees"), people, person_id, others, adults, dropped)

    recs: list[str] = []
    gaps: list[Gap] = []
    left_out = 0
    for number, row in enumerate(rows, start=1):
        text = _text(row, "recommendation")
        if not text:
            continue
        shown = row.get("recommendation_no") or number
        responsible, target = _text(row, "responsible"), _text(row, "target_date")
        if others.mentions_other(f"{text} {responsible}", person_id, adults):
            gap = sibling_gap(shown, call)
            gaps.append(gap)
            recs.append(gap.marker)
            continue
        rewritten = rewrite_recommendation(text, responsible, target, people, replace)
        if rewritten.omit:
            left_out += 1
        elif rewritten.gap:
            gap = action_gap(shown, call, text, responsible, target, rewritten.gap)
            gaps.append(gap)
            recs.append(gap.marker)
        else:
            recs.append(rewritten.text)
    # Sentences ready for the child first, then the gaps, each in the order recorded;
    # past the age's number, under "More things we agreed".
    marked = {gap.marker for gap in gaps}
    recs = [r for r in recs if r not in marked] + [r for r in recs if r in marked]
    recs, more = recs[: group.max_actions], recs[group.max_actions :]
    if gaps:
        notes.append(
            f"{len(gaps)} agreed action(s) could not be written for the child with confidence: "
            "fill the [IRO: ...] gaps (each has a comment with the recommendation)"
        )
    if left_out:
        notes.append(
            f"{left_out} recommendation(s) left out: about this letter, the minutes or "
            "professionals only"
        )
    if more:
        notes.append(
            f'{len(more)} more agreed action(s) under "More things we agreed": '
            f"a letter for a child of {age} keeps to {group.max_actions}"
        )
    if dropped[0]:
        notes.append(
            f"{dropped[0]} item(s) left out because they named another child: "
            "add back by hand only what is safe"
        )
    if dropped[1]:
        notes.append(
            f"{dropped[1]} sentence(s) of the review record left out of the key messages "
            "because they use a stigmatising label (CARE002): describe what happened instead"
        )
    if dropped[2]:
        notes.append(
            f"{dropped[2]} sentence(s) of the review record left out of the key messages: "
            "not a full sentence, too long for the age, or a care word left"
        )
    if next_meeting is None:
        notes.append("no next meeting date (no scheduled review and no Next Review Date)")
    next_day = uk_date(next_meeting) if next_meeting else ""
    language = language_of(child)

    headings = dict(_HEADINGS.get(group.key, _HEADINGS["*"]))
    context: dict[str, Any] = {
        "language": language,
        "age_group": group.key,
        "letter_date": uk_date(letter_date),
        "title": _TITLES[group.key],
        "greeting": f"Dear {call},",
        "child": {"name": call, "age": age},
        "intro": _intro(group, iro_name, iro_first, meeting_day),
        "headings": headings,
        "meeting": {
            "date": meeting_day,
            "who_came": join_words(came),
            "people": [p[0].upper() + p[1:] for p in came if p not in ("you", "me")],
            "text": _meeting_text(
                group, meeting_day, "you" in came, [p for p in came if p not in ("you", "me")]
            ),
        },
        "messages": messages,
        "no_messages": "" if messages else "I have written what we agreed below.",
        "plan_intro": _plan_intro(group, len(recs)),
        "recommendations": recs,
        "more_recommendations": more,
        "next_meeting": {"date": next_day, "text": _next_text(group, next_day)},
        "iro": {
            "name": iro_name,
            "first_name": iro_first,
            "phone": phone,
            "email": email,
            "text": _contact_text(group, phone, email),
        },
        "help": _help_text(group, settings),
        "advocacy": {
            "name": settings.advocacy_name,
            "phone": settings.advocacy_phone,
            "web": settings.advocacy_web,
        },
        "complaints": {"phone": settings.complaints_phone, "email": settings.complaints_email},
        "service": {"name": settings.service_name},
        "sign_off": f"{settings.sign_off.rstrip(',')},",
        "signature": iro_name,
    }
    return Letter(
        person_id=person_id,
        review_id=_text(review, "review_id"),
        review_date=review_day,
        age=age,
        group=group,
        reading_age_target=reading_age_target(age),
        language=language,
        context=context,
        notes=notes,
        gaps=gaps,
        more_note=more_comment(len(more), group.max_actions, age) if more else "",
        adults=adults,
        service_text=tuple(
            value
            for value in (
                settings.service_name,
                settings.advocacy_name,
                settings.advocacy_phone,
                settings.advocacy_web,
                settings.complaints_phone,
                settings.complaints_email,
                settings.sign_off,
            )
            if value
        ),
    )


KNOWN_FIELDS = frozenset(
    {
        "language",
        "age_group",
        "letter_date",
        "title",
        "greeting",
        "child",
        "intro",
        "headings",
        "meeting",
        "messages",
        "no_messages",
        "plan_intro",
        "recommendations",
        "more_recommendations",
        "next_meeting",
        "iro",
        "help",
        "advocacy",
        "complaints",
        "service",
        "sign_off",
        "signature",
    }
)
