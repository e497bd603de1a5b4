"""Make ``names_dates_heldout.csv``: a held-out set for the lint fast path by wording shape.

The fast path analyses the *shape* of a wording once, with people's names written as
"Firstname Surname (role)" and dates written as ``dd/mm/yyyy`` or ``d Month yyyy`` put
aside, and puts the names and dates back into the findings. It must never change a
finding. This set is for comparing the fast path with the plain analysis, row by row.

It was written from the rules on the ``heldout`` branch (``iro_cli/lint/dates.py``,
``owners.py``, ``clauses.py``, ``text.py``, ``smart.py``, ``readability.py`` and the term
lists), WITHOUT reading the fast-path code, and aims at the places where a name's letters
or a date's digits can change the analysis:

* names that are month, weekday, season or festival words (May, June, Jan, Summer,
  Friday, Eid, Christmas), rule words (Will, Chase, Soon, Ongoing, Next, Each, Every,
  Early, Late), role words (Nurse, Carer, Worker, Child, Judge), words the owner rules
  refuse as names (Holiday, Faith, Court, Young), words with noun endings (Constance,
  Kindness, Sterling), substrings of rule words (Dayna, Perry, Peach, Sternberg,
  Yearwood, Callum, Nightingale, Heidi, Mayhew, Marshall, Junaid, Declan, Thistle);
* names the name pattern reads differently: apostrophes and "Mc" (O'Neil, O’Brien,
  D'Souza, McDonald), hyphens, accents (Zoë, Siân, Llŷr, Łukasz, İlayda: the last one's
  lower case is longer), two-letter names (Jo Li, Ed Ng), three words (Mary Ann Jones),
  titles (Mrs Khan, Mr. Jones), capitals (Tom JONES, an acronym to the rules), initials
  (J. Smith: a sentence break);
* dates in every format the rules know and some they refuse: all twelve months, May
  (case-sensitive), ordinals, weekday names, abbreviations, impossible dates (31/02,
  29/02 in and out of leap years, 00/05, 12/13), two-digit years, dotted, dashed and ISO
  dates, dates touching other digits or slashes, years far away, dates with no year;
* wording around them: deadline words, frequencies, "at the next ... on", birthdays and
  ages after a child's name, possessives before organisations and agents, sentences near
  the 25-word limit, acronyms and care-system words, several owners, lists.

Run it with the standard library only; it writes the csv byte for byte the same every
time (one fixed seed, no clock, no set order)::

    python tests/data/lint/make_names_dates_heldout.py
"""

# ruff: noqa: E501 - the rows are sentences, written out whole
from __future__ import annotations

import calendar
import csv
import random
from datetime import date
from pathlib import Path

SEED = 20261202
ROWS = 3000
OUT = Path(__file__).with_name("names_dates_heldout.csv")

# ----------------------------------------------------------------------------- people
# (first name(s), surname): how the person is written in full; the first part is what a
# later sentence calls them.
ORDINARY = [
    ("Bernard", "Okafor"), ("Siobhan", "Kelly"), ("Priya", "Raman"), ("Tomasz", "Nowak"),
    ("Aisha", "Begum"), ("Gwen", "Pritchard"), ("Llyr", "Evans"), ("Hannah", "Price"),
    ("Tom", "Reilly"), ("Chidi", "Obi"), ("Fatima", "Hussain"), ("Kwame", "Mensah"),
    ("Olga", "Petrova"), ("Deepak", "Sharma"), ("Rhiannon", "Hughes"), ("Cerys", "Morgan"),
    ("Ioan", "Jenkins"), ("Niamh", "Byrne"), ("Liam", "Murphy"), ("Mei", "Chen"),
    ("Hamza", "Ali"), ("Yusuf", "Abdi"), ("Ewa", "Kowalska"), ("Kofi", "Boateng"),
    ("Sunita", "Patel"), ("Gurpreet", "Sandhu"), ("Dafydd", "Rees"), ("Shauna", "Doyle"),
    ("Marcus", "Campbell"), ("Nkechi", "Eze"), ("Bronwen", "Powell"), ("Imran", "Qureshi"),
]  # fmt: skip
WORDS = [  # names that are ordinary or rule words
    ("Will", "Banks"), ("May", "Ahmed"), ("June", "Okafor"), ("April", "Jones"),
    ("August", "Reed"), ("Hope", "Ward"), ("Grace", "Nurse"), ("Faith", "Court"),
    ("Joy", "Day"), ("Mark", "Page"), ("Bill", "Marsh"), ("Rose", "Young"),
    ("Summer", "Hayes"), ("Autumn", "Reid"), ("Winter", "Child"), ("Sunny", "Khan"),
    ("Frank", "Judge"), ("Jan", "Kowalski"), ("Jun", "Li"), ("Omar", "Eid"),
    ("Meera", "Holi"), ("Liam", "Christmas"), ("Jenny", "Easter"), ("Dan", "Weeks"),
    ("Rosa", "Month"), ("Tina", "Term"), ("Oliver", "Year"), ("Nell", "Next"),
    ("Ada", "Each"), ("Joy", "Every"), ("Kate", "Daily"), ("Mark", "Early"),
    ("Lily", "Late"), ("Kim", "Soon"), ("Ben", "Still"), ("Ola", "Ongoing"),
    ("Billie", "Holiday"), ("Ade", "Monday"), ("Joe", "Friday"), ("Tess", "Carer"),
    ("Dan", "Worker"), ("Ruby", "Chase"), ("Noel", "Winter"), ("Frank", "Summer"),
    ("Sage", "Banks"), ("Will", "Will"), ("Grace", "Holiday"), ("Hope", "Young"),
    ("Faith", "Weeks"), ("Young", "Park"), ("Child", "Ward"), ("Court", "Page"),
    ("Holiday", "Reed"), ("Next", "Evans"), ("Each", "Roberts"), ("Every", "Williams"),
    ("Daily", "Manning"), ("Early", "Banks"), ("Soon", "Hee Kim"), ("Min-jun", "Na"),
]  # fmt: skip
SUFFIXES = [  # endings the rules may read as grammar
    ("Ahmed", "Hassan"), ("Mohammed", "Ali"), ("Sarah", "Reed"), ("Paul", "Manning"),
    ("Chris", "Banning"), ("Ellen", "Hastings"), ("Gareth", "Roberts"),
    ("Bethan", "Williams"), ("Huw", "Jones"), ("Lovely", "Sharma"), ("Kim", "Station"),
    ("Ngozi", "Fashion"), ("Sipho", "Payment"), ("Kindness", "Moyo"), ("Alan", "Worship"),
    ("Constance", "Vance"), ("Sterling", "Adams"), ("Mandla", "Kindness"),
    ("Patience", "Osei"), ("Blessing", "Adeyemi"), ("Precious", "Banda"),
]  # fmt: skip
SUBSTRINGS = [  # names holding pieces of rule words
    ("Dayna", "Perry"), ("Abel", "Peach"), ("Ruth", "Sternberg"), ("Leon", "Yearwood"),
    ("Callum", "Nightingale"), ("Gina", "Pace"), ("Heidi", "Mayhew"), ("Ross", "Marshall"),
    ("Junaid", "Iqbal"), ("Declan", "Thistle"), ("Ivy", "Nextdoor"), ("Lucia", "Ponce"),
    ("Tara", "Halliday"), ("Maya", "Cooper"), ("Omari", "Callaghan"), ("Visitación", "Ruiz"),
    ("Decima", "Sage"), ("Marta", "Pereira"), ("Junior", "Beach"), ("Agnes", "Paget"),
    ("Octavia", "Novak"), ("Augusta", "Mayes"),
]  # fmt: skip
SHAPES = [  # names the name pattern reads in pieces, or not at all
    ("Siân", "Smith-Jones"), ("Bernard", "O'Neil"), ("Carla", "D'Souza"),
    ("Ciarán", "O’Brien"), ("Fiona", "McDonald"), ("Iain", "MacLeod"), ("Zoë", "Clarke"),
    ("Siân", "Lewis"), ("Llŷr", "Evans"), ("Renée", "Dubois"), ("Chloé", "Martin"),
    ("José", "Álvarez"), ("Łukasz", "Wójcik"), ("Şule", "Yıldız"), ("İlayda", "Yılmaz"),
    ("Bjørn", "Øster"), ("Jo", "Li"), ("Al", "Wu"), ("Ed", "Ng"), ("Bo", "Yu"),
    ("Mary Ann", "Jones"), ("Anne Marie", "Le Roux"), ("Ana Maria", "da Silva"),
    ("Jan", "van der Berg"), ("Tom", "JONES"), ("Bernard", "OKAFOR"), ("PRIYA", "RAMAN"),
    ("ED", "NG"), ("Gwen", "PRITCHARD"), ("J.", "Smith"), ("A.B.", "Clarke"),
    ("J", "Smith"), ("P. K.", "Raman"), ("Mary-Jane", "Watson-Hall"), ("Seán", "Ó Briain"),
]  # fmt: skip
TITLED = [  # title and surname only
    "Mrs Khan", "Mr O'Neil", "Ms Begum", "Dr Ng", "Miss Page", "Mr. Jones", "Mrs. May",
    "Mr Will", "Ms June", "Mrs Holiday", "Dr Sternberg", "Miss Day", "Mr Friday",
    "Mrs Nurse", "Ms Ó Briain", "Mr Young", "Mrs Christmas", "Ms Soon",
]  # fmt: skip
ROLES = [
    "social worker", "foster carer", "team manager", "personal adviser", "reviewing officer",
    "support worker", "key worker", "school nurse", "designated teacher", "residential worker",
    "supervising social worker", "family support worker", "independent visitor", "advocate",
    "SW", "IRO", "F/C", "PA", "TM", "SSW", "youth worker", "virtual school head",
    "social worker, Hillside team", "foster carer and Sam's main carer",
    "supervising social worker for the fostering service at the Riverside office, north team",
    "LAC nurse", "CAMHS worker", "independent reviewing officer (IRO)",
]  # fmt: skip
COMMON_ROLES = ROLES[:10]
CHILDREN = [
    "Sam", "Amir", "Leo", "Ruby", "Kai", "Jade", "Zoë", "Renée", "Siân", "Llŷr", "Aoife",
    "Mary-Jane", "Chloé", "Ty", "Jo", "Will", "May", "Hope", "Summer", "Kian", "Maya",
    "Theo", "Ellie", "Noah", "Aaliyah", "Tyler", "Jayden", "Ffion", "Dewi", "Oskar",
    "McKenzie", "D'Andre", "Ngozi", "Precious", "İlker", "Abdirahman",
]  # fmt: skip
MONTHS = list(calendar.month_name)[1:]
ABBR = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sept", "Sep", "Oct",
        "Nov", "Dec"]  # fmt: skip
WEEKDAYS = list(calendar.day_name)


class Gen:
    """The pieces rows are made of, all drawn from one seeded generator."""

    def __init__(self, rng: random.Random) -> None:
        self.r = rng

    def pick(self, seq):  # type: ignore[no-untyped-def]
        return seq[self.r.randrange(len(seq))]

    # ---- people
    def name_parts(self) -> tuple[str, str]:
        """(full name, what a later sentence calls them)."""
        pool = self.r.choices(
            [ORDINARY, WORDS, SUFFIXES, SUBSTRINGS, SHAPES, TITLED], [18, 30, 12, 14, 20, 6]
        )[0]
        item = self.pick(pool)
        if isinstance(item, str):
            return item, item
        first, last = item
        return f"{first} {last}", first

    def role(self) -> str:
        return self.pick(COMMON_ROLES) if self.r.random() < 0.7 else self.pick(ROLES)

    def person(self, role: str | None = None) -> tuple[str, str, str]:
        """("Firstname Surname (role)", "Firstname Surname", "Firstname")."""
        full, short = self.name_parts()
        return f"{full} ({role or self.role()})", full, short

    def p(self) -> str:
        return self.person()[0]

    def child(self) -> str:
        return self.pick(CHILDREN)

    def pos(self, name: str) -> str:
        return name + ("’s" if self.r.random() < 0.1 else "'s")

    # ---- dates
    def ymd(self, lo: int = 2026, hi: int = 2028) -> date:
        year = self.r.randint(lo, hi)
        month = self.r.randint(1, 12)
        return date(year, month, self.r.randint(1, calendar.monthrange(year, month)[1]))

    def date(self) -> str:
        """A date in one of the ways people write them, good or not."""
        r = self.r
        kind = r.choices(
            ["dmy", "dmy_short", "long", "ordinal", "may", "weekday", "abbr", "of", "us_long",
             "noyear", "impossible", "lookalike", "touching", "far", "caps"],
            [16, 8, 16, 7, 7, 6, 4, 3, 3, 3, 8, 7, 6, 4, 2],
        )[0]  # fmt: skip
        d = self.ymd(2025, 2029) if r.random() < 0.15 else self.ymd()
        month = MONTHS[d.month - 1]
        suffix = "th" if 11 <= d.day <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(d.day % 10, "th")
        if kind == "dmy":
            return f"{d.day:02d}/{d.month:02d}/{d.year}"
        if kind == "dmy_short":
            return f"{d.day}/{d.month}/{d.year}"
        if kind == "long":
            return (
                f"{d.day:02d} {month} {d.year}" if r.random() < 0.3 else f"{d.day} {month} {d.year}"
            )
        if kind == "ordinal":
            if r.random() < 0.15:
                suffix = self.pick(["st", "nd", "rd", "th"])  # "22th" as people write it
            return f"{d.day}{suffix} {month} {d.year}"
        if kind == "may":
            day = r.randint(1, 31)
            return self.pick(
                [f"{day} May {d.year}", f"{day:02d}/05/{d.year}", f"{day}/5/{d.year}",
                 f"{day}{'th' if day > 3 else 'st'} May {d.year}", f"{day} May",
                 f"May {day}, {d.year}", f"{day} of May {d.year}"]
            )  # fmt: skip
        if kind == "weekday":
            weekday = WEEKDAYS[d.weekday()] if r.random() < 0.8 else self.pick(WEEKDAYS)
            return self.pick(
                [f"{weekday} {d.day} {month} {d.year}", f"{weekday}, {d.day} {month} {d.year}",
                 f"{weekday} {d.day:02d}/{d.month:02d}/{d.year}", f"{weekday} {d.day}{suffix} {month}",
                 f"{weekday[:3]} {d.day} {month} {d.year}"]
            )  # fmt: skip
        if kind == "abbr":
            abbr = ABBR[d.month - 1] if d.month != 9 else self.pick(["Sept", "Sep", "Sep."])
            return (
                f"{d.day} {abbr} {d.year}"
                if r.random() < 0.7
                else f"{d.day} {abbr.rstrip('.')}. {d.year}"
            )
        if kind == "of":
            return self.pick(
                [f"the {d.day}{suffix} of {month} {d.year}", f"{d.day}{suffix} of {month} {d.year}"]
            )
        if kind == "us_long":
            return self.pick(
                [
                    f"{month} {d.day}, {d.year}",
                    f"{month} {d.day}{suffix} {d.year}",
                    f"{month} {d.day}",
                ]
            )
        if kind == "noyear":
            return self.pick(
                [f"{d.day} {month}", f"{d.day}{suffix} {month}", f"{d.day:02d}/{d.month:02d}"]
            )
        if kind == "impossible":
            return self.pick(
                ["31/02/2027", "29/02/2027", "29/02/2028", "29/02/2100", "29/02/2000", "00/05/2027",
                 "12/13/2027", "31/04/2027", "31 April 2027", "29 February 2027", "29 February 2028",
                 "30 February 2028", "32/01/2027", "0/5/2027", "31/06/2027", "31 September 2027",
                 "05/14/2027", "31/11/2026", "31st June 2027", "00 May 2027", "29/2/27"]
            )  # fmt: skip
        if kind == "lookalike":
            return self.pick(
                [f"{d.day:02d}/{d.month:02d}/{d.year % 100:02d}", f"{d.day:02d}.{d.month:02d}.{d.year}",
                 f"{d.day:02d}-{d.month:02d}-{d.year}", f"{d.year}-{d.month:02d}-{d.day:02d}",
                 f"{d.year}-{d.month}-{d.day}", f"{d.day}.{d.month}.{d.year % 100}",
                 f"{d.day}/{d.month}/{d.year % 100}", f"{d.year}/{d.month:02d}/{d.day:02d}"]
            )  # fmt: skip
        if kind == "touching":
            return self.pick(
                [f"1/{d.day:02d}/{d.month:02d}/{d.year}", f"{d.day:02d}/{d.month:02d}/{d.year}/28",
                 f"ref{d.day:02d}/{d.month:02d}/{d.year}", f"{d.day:02d}/{d.month:02d}/{d.year}1",
                 f"{d.day} {month} {d.year}1", f"{d.day:02d}/{d.month:02d}/{d.year // 10}",
                 f"{d.day}{month}{d.year}", f"{d.day:02d}/{d.month:02d}/{d.year}-{d.year + 1}",
                 f"v2 {d.day:02d}/{d.month:02d}/{d.year}", f"{d.day:02d}/{d.month:02d}/{d.year}.",
                 f"({d.day:02d}/{d.month:02d}/{d.year})", f"{d.day:02d}//{d.month:02d}/{d.year}",
                 f"{d.day} {month},{d.year}", f"{d.day:02d}/{d.month:02d}/{d.year}a"]
            )  # fmt: skip
        if kind == "far":
            year = self.pick([1999, 2101, 1900, 2099, 2000, 2035, 2020, 1989])
            day = min(d.day, 28)
            return self.pick([f"{day:02d}/{d.month:02d}/{year}", f"{day} {month} {year}"])
        # caps: the month's case
        return self.pick(
            [f"{d.day} {month.upper()} {d.year}", f"{d.day} {month.lower()} {d.year}",
             f"{d.day} MAY {d.year}", f"{d.day} may {d.year}", f"{d.day} mAY {d.year}"]
        )  # fmt: skip

    # ---- the two columns
    def responsible(self) -> str:
        r = self.r
        if r.random() < 0.7:
            return ""
        return r.choices(
            [self.p(), self.name_parts()[0], self.role(), "TBC", "Ongoing", "SW / F/C",
             f"{self.name_parts()[0]} & {self.name_parts()[0]}",
             f"{self.name_parts()[0]}, {self.name_parts()[0]} and {self.name_parts()[0]}",
             "Mum and Dad", "all professionals", "n/a", self.p().upper()],
            [20, 10, 14, 6, 3, 3, 5, 3, 2, 2, 2, 1],
        )[0]  # fmt: skip

    def target(self) -> str:
        r = self.r
        if r.random() < 0.65:
            return ""
        return r.choices(
            [self.date(), "next review", "Next review", "Ongoing", "TBC", "ASAP", "n/a",
             f"{self.pick(MONTHS)} {r.randint(2026, 2028)}", "End of May", "By 14/05/2027",
             "Friday", "Before the next LAC review", "Within 4 weeks", "every other Saturday",
             "-", f"by {self.date()}", f"{self.date()} and {self.date()}"],
            [40, 6, 3, 5, 5, 3, 2, 5, 2, 2, 1, 2, 2, 2, 1, 5, 3],
        )[0]  # fmt: skip


# ----------------------------------------------------------------------------- templates
# Each takes the generator and returns the recommendation's text.
ACTIONS = [  # (verb phrase with {c} for the child's name, {cp} for the possessive)
    "refer {c} to CAMHS", "book {cp} dentist appointment", "apply for {cp} passport",
    "request {cp} birth certificate from the register office", "register {c} with a GP",
    "complete {cp} PEP with the designated teacher", "arrange {cp} review health assessment",
    "send {cp} bursary form to the college", "book a visit to the new school with {c}",
    "write to {c} to explain the decisions made at the review",
    "arrange a short break for {c} with the respite carers", "open a bank account with {c}",
    "start life story work with {c}", "arrange swimming lessons for {c}",
    "update {cp} care plan", "complete the delegated authority form for {c}",
    "book {cp} eye test", "find {c} a maths tutor", "get {cp} school uniform",
    "set up {cp} Junior ISA", "make a referral to the independent visitor service for {c}",
    "arrange {cp} IHA", "agree {cp} pathway plan with {c}", "complete an SDQ with {c}",
    "take {c} to the sexual health clinic", "arrange for {c} to see {cp} brother at the contact centre",
]  # fmt: skip
EFFORT = [
    "continue to support {c} with {cp} friendships", "monitor {cp} school attendance",
    "liaise with the school regarding {cp} EHCP", "explore options for {cp} placement",
    "encourage {c} to attend youth club", "consider a referral for therapy for {c}",
    "keep {cp} contact arrangements under review", "discuss overnight stays with Mum",
    "work with {c} on {cp} independence skills", "promote {cp} cultural identity",
    "look into a college bursary for {c}", "chase {cp} passport application",
    "try to find {c} a mentor", "support {c} to settle in the new placement",
    "help {c} with {cp} budgeting", "ensure {cp} health needs are met",
    "monitor {cp} weight every two weeks", "support {c} to join the football club",
    "help {c} to open a bank account",
]  # fmt: skip
VAGUE = ["asap", "ASAP", "ongoing", "- ongoing", "as soon as possible", "in due course",
         "when appropriate", "as required", "soon", "going forward", "TBC", "pending",
         "when possible", "at the earliest opportunity", "regularly", "on-going"]  # fmt: skip
FREQUENCIES = ["every other Saturday", "every Sunday evening", "once a week", "twice a month",
               "every 6 weeks", "fortnightly", "on alternate weekends", "each half term",
               "three times a week", "every school night", "monthly", "on Tuesdays",
               "after every missing episode", "during the school holidays", "daily"]  # fmt: skip
DEADLINES = ["by", "before", "no later than", "on or before", "by", "by", "due", "until",
             "on", "from", "after", "by the end of the week of"]  # fmt: skip


def _act(g: Gen, c: str, pool: list[str] = ACTIONS) -> str:
    return g.pick(pool).format(c=c, cp=g.pos(c))


def t_smart(g: Gen) -> str:
    c = g.child()
    return f"{g.p()} will {_act(g, c)} {g.pick(DEADLINES)} {g.date()}."


def t_smart_to(g: Gen) -> str:
    c = g.child()
    return f"{g.p()} to {_act(g, c)} by {g.date()}."


def t_name_only(g: Gen) -> str:
    full, _ = g.name_parts()
    c = g.child()
    return f"{full} {g.pick(['will', 'to', 'should', 'has agreed to', 'is to'])} {_act(g, c)} by {g.date()}."


def t_vague(g: Gen) -> str:
    c = g.child()
    return f"{g.p()} to {_act(g, c)} {g.pick(VAGUE)}."


def t_vague_no_owner(g: Gen) -> str:
    c = g.child()
    return f"{g.pos(c)} {g.pick(['PEP', 'RHA', 'passport', 'SDQ'])} to be done {g.pick(VAGUE)} with {g.person()[1]}."


def t_effort(g: Gen) -> str:
    c = g.child()
    tail = g.pick(["", "", f" by {g.date()}", f" {g.pick(FREQUENCIES)}", " ongoing"])
    return f"{g.p()} will {_act(g, c, EFFORT)}{tail}."


def t_passive(g: Gen) -> str:
    c = g.child()
    thing = g.pick([f"{g.pos(c)} PEP", f"{g.pos(c)} views on contact", "The referral to CAMHS",
                    f"A new placement plan for {c}", f"{g.pos(c)} IHA", "Life story work",
                    f"Contact with {g.pos(c)} siblings"])  # fmt: skip
    verb = g.pick(["to be completed", "will be sought", "to be made", "should be arranged",
                   "to be reviewed", "must be held", "to be set up"])  # fmt: skip
    return f"{thing} {verb} by {g.date()}."


def t_agent(g: Gen) -> str:
    c = g.child()
    thing = g.pick([f"{g.pos(c)} PEP meeting", "Life story work", f"{g.pos(c)} health assessment",
                    f"A visit to {g.pos(c)} new school", "The core group meeting"])  # fmt: skip
    who = g.pick([g.p(), g.name_parts()[0], g.person()[1]])
    tail = g.pick([f" by {g.date()}", f" on {g.date()}", "", f" before {g.date()}",
                   f" {g.pick(VAGUE)}"])  # fmt: skip
    return f"{thing} to be arranged by {who}{tail}."


def t_agent_possessive(g: Gen) -> str:
    c = g.child()
    whose = g.pick(["carer", "social worker", "school", "key worker", "football club", "nursery"])
    return f"{g.pos(c)} {g.pick(['holiday form', 'trip consent', 'medication plan'])} to be signed by {g.pos(c)} {whose} by {g.date()}."


def t_two_people(g: Gen) -> str:
    c = g.child()
    return (f"{g.p()} will {_act(g, c)} by {g.date()} and {g.p()} will "
            f"{_act(g, c)} {g.pick(['by ' + g.date(), g.pick(FREQUENCIES), g.pick(VAGUE)])}.")  # fmt: skip


def t_three_people(g: Gen) -> str:
    c = g.child()
    return (
        f"{g.p()} will {_act(g, c)}, {g.p()} will {_act(g, c)} and {g.p()} will "
        f"{_act(g, c)}, all by {g.date()}."
    )


def t_several_actions(g: Gen) -> str:
    c = g.child()
    return f"{g.p()} will {_act(g, c)}, {_act(g, c)} and {_act(g, c)} by {g.date()}."


def t_several_then(g: Gen) -> str:
    c = g.child()
    return (
        f"{g.p()} to {_act(g, c)} by {g.date()}; then {_act(g, c)} and {_act(g, c)} by {g.date()}."
    )


def t_numbered(g: Gen) -> str:
    c = g.child()
    items = [f"{g.p()} to {_act(g, c)} by {g.date()}." for _ in range(g.r.randint(2, 4))]
    return " ".join(f"{i}. {item}" for i, item in enumerate(items, 1))


def t_numbered_lines(g: Gen) -> str:
    c = g.child()
    mark = g.pick(["{i})", "{i}.", "({i})", "-", "•"])
    items = [f"{g.pick([g.p(), g.role().capitalize()])} to {_act(g, c)} by {g.date()}"
             for _ in range(g.r.randint(2, 3))]  # fmt: skip
    return "\n".join(f"{mark.format(i=i)} {item}" for i, item in enumerate(items, 1))


def t_long(g: Gen) -> str:
    c = g.child()
    return (
        f"It was agreed at today's LAC review that {g.p()} will speak to the virtual school "
        f"about extra tuition for {c} in maths and English, and will confirm the plan in "
        f"writing to {g.pos(c)} carers and the IRO by {g.date()}."
    )


TAILS = [  # whole endings of many lengths: the sentence lands on either side of 25 words
    "", "and tell {c}", "so {c} knows what is happening",
    "so that {c} knows what is happening at home",
    "so that {c} and {cp} carers know what is happening at home",
    "so that {c} and {cp} carers know what is happening at home and at school",
    "so that {c} and {cp} carers know what is happening at home and at school this year",
    "so that everyone around {c} knows what is happening at home and at school and can help {c} feel settled",
    "so that everyone around {c} knows what is happening at home and at school and can help {c} to feel settled and safe",
]  # fmt: skip


def t_near_limit(g: Gen) -> str:
    """About 25 words, so a name's or a date's number of words can cross the limit."""
    c = g.child()
    head = f"{g.p()} will {_act(g, c)} by {g.date()}"
    want = g.r.randint(23, 27)
    tails = [t.format(c=c, cp=g.pos(c)) for t in TAILS]
    tail = min(tails, key=lambda t: (abs(len(head.split()) + len(t.split()) - want), len(t)))
    return f"{head} {tail}".rstrip() + "."


def t_next_review(g: Gen) -> str:
    c = g.child()
    when = g.pick(["by the next review", "before the next LAC review", f"by {g.pos(c)} next review",
                   "at the next review", "by the next PEP", "before the next core group meeting",
                   f"at the next review on {g.date()}", f"by the next review on {g.date()}"])  # fmt: skip
    return f"{g.p()} will {_act(g, c)} {when}."


def t_within_of(g: Gen) -> str:
    c = g.child()
    n = g.pick(
        [
            "4 weeks",
            "10 working days",
            "two weeks",
            "28 days",
            "6 months",
            "a month",
            "15 working days",
        ]
    )
    anchor = g.pick([g.date(), "the review", f"{g.pos(c)} move", f"{g.pos(c)} 16th birthday"])
    return f"{g.p()} will {_act(g, c)} within {n} of {anchor}."


def t_frequency(g: Gen) -> str:
    c = g.child()
    what = g.pick([f"take {c} to see Mum", f"ring {c}", f"visit {c} at home",
                   f"read with {c} for 20 minutes", f"take {c} to football training"])  # fmt: skip
    start = g.pick(["", f" from {g.date()}", f" starting {g.date()}", f" until {g.date()}"])
    return f"{g.p()} will {what} {g.pick(FREQUENCIES)}{start}."


def t_frequency_date(g: Gen) -> str:
    c = g.child()
    return f"Family time for {c} with Dad every other {g.pick(WEEKDAYS)} from {g.date()}, supervised by {g.p()}."


def t_informing(g: Gen) -> str:
    c = g.child()
    tell = g.pick([f"let {c} know", f"tell {g.person()[2]}", f"update {c}", f"update {g.person()[2]}",
                   f"inform {g.person()[1]}", f"send a copy to {g.person()[1]}",
                   f"confirm to {g.person()[2]}", f"report back to {g.person()[1]}"])  # fmt: skip
    return f"{g.p()} will {_act(g, c)} by {g.date()} and {tell}."


def t_then_alone(g: Gen) -> str:
    """The name in "(role)" form, then alone in a later sentence."""
    c = g.child()
    full_role, full, short = g.person()
    later = g.pick([short, full, full.split()[-1], "They", "She"])
    return (f"{full_role} will {_act(g, c)} by {g.date()}. {later} will also "
            f"{_act(g, c)} {g.pick(['by ' + g.date(), g.pick(VAGUE), g.pick(FREQUENCIES)])}.")  # fmt: skip


def t_same_twice(g: Gen) -> str:
    c = g.child()
    full_role, full, short = g.person()
    return (
        f"{full_role} will {_act(g, c)} by {g.date()} and {g.pick([full, full_role, short])} "
        f"will {_act(g, c)} by {g.date()}."
    )


def t_possessive(g: Gen) -> str:
    c = g.child()
    org = g.pick(
        [
            "football club",
            "nursery",
            "school",
            "college",
            "youth club",
            "dance academy",
            "GP surgery",
        ]
    )
    return f"{g.pos(c)} {org} will {g.pick(['send the attendance figures to', 'write to', 'ring'])} {g.p()} by {g.date()}."


def t_preamble(g: Gen) -> str:
    c = g.child()
    pre = g.pick(["It was agreed that", "It was agreed with Mum that", "The meeting agreed that",
                  f"It was agreed with {g.person()[1]} that", f"It was recommended by {g.p()} that",
                  "Everyone agreed that"])  # fmt: skip
    return f"{pre} {g.p()} will {_act(g, c)} by {g.date()}."


def t_comma_role(g: Gen) -> str:
    c = g.child()
    _role, full, _short = g.person()
    role = g.pick([f"{g.pos(c)} social worker", "the social worker", "the foster carer",
                   f"{g.pos(c)} personal adviser", "team manager"])  # fmt: skip
    return f"{full}, {role}, will {_act(g, c)} by {g.date()}."


def t_role_then_name(g: Gen) -> str:
    c = g.child()
    return f"The {g.pick(COMMON_ROLES)}, {g.person()[1]}, will {_act(g, c)} by {g.date()}."


def t_help(g: Gen) -> str:
    c = g.child()
    goal = g.pick(["open a bank account", "join the football club", "apply for college",
                   "complete the student finance form", "be more confident", "settle"])  # fmt: skip
    return f"{g.p()} will {g.pick(['help', 'support', 'encourage'])} {c} to {goal} by {g.date()}."


def t_help_named(g: Gen) -> str:
    goal = g.pick(["open a bank account", "join the football club", "feel settled"])
    return f"{g.p()} will support {g.person()[1]} to {goal} by {g.date()}."


def t_opening(g: Gen) -> str:
    c = g.child()
    opening = g.pick([f"Following the review on {g.date()},", f"After {g.pos(c)} visit with {g.person()[1]} on {g.date()}",
                      f"Following the meeting with {g.person()[1]}", f"With effect from {g.date()}",
                      f"Since {g.date()}", f"On {g.date()}"])  # fmt: skip
    subject = g.pick(["the social worker", g.p(), "the foster carer", g.person()[1]])
    return f"{opening} {subject} will {_act(g, c)}."


def t_at_next_on(g: Gen) -> str:
    c = g.child()
    what = g.pick(["meeting", "review", "PEP meeting", "visit", f"meeting with {g.person()[1]}",
                   f"review with {g.person()[2]}", "core group"])  # fmt: skip
    return f"{g.p()} will raise {g.pos(c)} wish to see {g.pos(c)} sister at the next {what} on {g.date()}."


def t_birthday(g: Gen) -> str:
    c = g.child()
    when = g.pick([f"before {g.pos(c)} 16th birthday", f"by {g.pos(c)} 18th birthday",
                   f"before {c} turns 18", f"by the time {c} is 16", f"once {c} reaches 17",
                   f"by the time {g.person()[1]} becomes 18", "from the age of 16", f"before {c} is 16"])  # fmt: skip
    return f"{g.p()} will {_act(g, c)} {when}."


def t_jargon(g: Gen) -> str:
    c = g.child()
    thing = g.pick(["the LAC review", "the CLA review", "the PEP", "the statutory visit",
                    "contact with birth parents", "the placement plan", "respite", "the SGO assessment",
                    "the LADO referral", "the FGC", "the CIN plan", "the S20 agreement", "the EHCP annual review"])  # fmt: skip
    return f"{g.p()} to {g.pick(['arrange', 'book', 'complete', 'hold', 'set up'])} {thing} for {c} by {g.date()}."


def t_contact(g: Gen) -> str:
    c = g.child()
    with_ = g.pick(
        ["Dad", "Mum", f"{g.pos(c)} siblings", g.person()[1], f"{g.pos(c)} nan", "birth family"]
    )
    return f"Contact for {c} with {with_} to continue {g.pick(FREQUENCIES)} at the contact centre, supervised by {g.p()}."


def t_festival(g: Gen) -> str:
    c = g.child()
    when = g.pick(["before Christmas", "by Easter 2027", "in time for Eid", "before Diwali",
                   "at Christmas", "for Holi", "before Ramadan", "by the summer holidays",
                   "before the end of the spring term 2027", "by half term", "in the summer",
                   "by May half term", f"before {g.date()}"])  # fmt: skip
    return f"{g.p()} will {_act(g, c)} {when}."


def t_month_name_after_by(g: Gen) -> str:
    """A month, season or weekday word as a name right after "by", "in", "on"."""
    c = g.child()
    who = g.pick(["May Ahmed", "June Okafor", "April Jones", "August Reed", "Summer Hayes",
                  "Autumn Reid", "Winter Child", "Jan Kowalski", "Jun Li", "Friday Evans",
                  "Monday Okoro", "Easter Banks", "Christmas Jones", "Eid Hassan",
                  "Mrs. May", "Ms June", "Mr Friday"])  # fmt: skip
    role = g.pick(COMMON_ROLES)
    form = g.pick([f"{who} ({role})", who])
    return g.pick([
        f"{g.pos(c)} {g.pick(['PEP', 'passport form', 'dentist letter'])} to be sent by {form} {g.pick(['', 'by ' + g.date()])}.".replace(" .", "."),
        f"{g.p()} will meet {c} with {form} in {g.pick(MONTHS)} to plan {g.pos(c)} move.",
        f"Family time with {c} in {g.pick(MONTHS)} to be supervised by {form}.",
        f"{form} will see {c} on {g.date()} and ring {g.person()[1]} after.",
    ])  # fmt: skip


def t_chase_soon(g: Gen) -> str:
    c = g.child()
    who = g.pick(["Ruby Chase", "Kim Soon", "Ola Ongoing", "Ben Still", "Kate Daily",
                  "Lily Late", "Mark Early", "Nell Next", "Ada Each", "Joy Every", "Ms Soon"])  # fmt: skip
    return f"{who} ({g.role()}) will {_act(g, c)}{g.pick(['', '.', ' by ' + g.date() + '.'])}"


def t_update(g: Gen) -> str:
    c = g.child()
    return f"{g.p()} will {g.pick(['update', 'confirm to', 'update the plan with'])} {g.pick([c, g.person()[2], g.person()[1]])} by {g.date()}."


def t_colon(g: Gen) -> str:
    c = g.child()
    return f"{g.pick([g.p(), g.person()[1], 'SW', 'F/C'])}: {_act(g, c)} by {g.date()}."


def t_target_label(g: Gen) -> str:
    c = g.child()
    return f"{g.p()} to {_act(g, c)}. Target date: {g.date()}."


def t_mum_and(g: Gen) -> str:
    c = g.child()
    return f"{g.pick(['Mum', 'Dad', 'Nan', g.person()[1]])} and {g.person()[1]} will {_act(g, c)} by {g.date()}."


def t_shared_role(g: Gen) -> str:
    c = g.child()
    return f"{g.person()[1]} and {g.person()[1]} (foster carers) will {_act(g, c)} by {g.date()}."


def t_object_names(g: Gen) -> str:
    c = g.child()
    return (
        f"{g.p()} will ask {g.p()} to {_act(g, c)} by {g.date()}"
        f"{g.pick(['', ' and arrange for ' + g.person()[1] + ' and ' + c + ' to meet'])}."
    )


def t_shouting(g: Gen) -> str:
    c = g.child()
    return f"{g.p().upper()} TO {_act(g, c).upper()} BY {g.date().upper()}."


def t_needs_met(g: Gen) -> str:
    c = g.child()
    return f"{g.p()} will ensure {g.pos(c)} {g.pick(['health', 'emotional', 'educational'])} needs are met {g.pick(['', 'by ' + g.date(), g.pick(VAGUE)])}.".replace(
        " .", "."
    )


def t_amount(g: Gen) -> str:
    c = g.child()
    return f"{g.p()} will support {c} to read for 20 minutes {g.pick(FREQUENCIES)} and check {g.pos(c)} attendance is above 90% by {g.date()}."


def t_two_dates(g: Gen) -> str:
    c = g.child()
    return (
        f"{g.p()} will book {g.pos(c)} IHA by {g.date()}, send the report to {g.person()[0]} "
        f"by {g.date()} and go through it with {c} on {g.date()}."
    )


def t_ref_date(g: Gen) -> str:
    c = g.child()
    return f"{g.p()} to send the DBS form (ref {g.r.randint(1, 9)}/{g.date()}) for {g.pos(c)} overnight stay by {g.date()}."


def t_weekday(g: Gen) -> str:
    c = g.child()
    return f"{g.p()} will meet {c} {g.pick(['on', 'by', 'before', 'until'])} {g.pick(WEEKDAYS)} {g.date()} to talk about {g.pos(c)} move."


def t_please(g: Gen) -> str:
    c = g.child()
    return f"Please can {g.p()} {_act(g, c)} by {g.date()}?"


def t_child_subject(g: Gen) -> str:
    c = g.child()
    return f"{c} will {g.pick(['go to', 'join', 'try'])} {g.pick(['the youth club', 'Scouts', 'a cooking course'])} with help from {g.p()} {g.pick(FREQUENCIES)}."


def t_titles_sentence(g: Gen) -> str:
    """A full stop inside a name (initials, "Mr.") or a name ending a sentence."""
    c = g.child()
    who = g.pick(
        [
            "J. Smith",
            "Mr. Jones",
            "Mrs. May",
            "A.B. Clarke",
            "P. K. Raman",
            "Dr. Ng",
            "St. John Rivers",
        ]
    )
    return (
        f"{who} ({g.role()}) will {_act(g, c)} by {g.date()}. Then {g.p()} will "
        f"{_act(g, c)} and tell {g.person()[1]}. {g.person()[2]} will {_act(g, c)} by {g.date()}."
    )


def t_caps_name(g: Gen) -> str:
    c = g.child()
    who = g.pick(["Tom JONES", "Bernard OKAFOR", "PRIYA RAMAN", "Ed NG", "Gwen PRITCHARD",
                  "KHAN", "Sam WILL", "Mrs KHAN", "Jo MAY", "Al WU"])  # fmt: skip
    return f"{who} ({g.role()}) will {_act(g, c)} by {g.date()}."


def t_respite(g: Gen) -> str:
    c = g.child()
    return (
        f"{g.p()} to arrange respite for {c} with {g.p()} one weekend a month from {g.date()}, "
        f"and to review the placement plan {g.pick(['by the next review', 'by ' + g.date(), 'ongoing'])}."
    )


def t_consider(g: Gen) -> str:
    c = g.child()
    return f"{g.p()} to consider {g.pick(['funding for', 'a referral to', 'whether to refer'])} {g.pick(['a maths tutor', 'CAMHS', 'an advocate', 'the virtual school'])} for {c} {g.pick(['by ' + g.date(), '', g.pick(VAGUE)])}.".replace(
        " .", "."
    )


def t_long_many(g: Gen) -> str:
    c = g.child()
    return (
        f"Given how hard the last few months have been for {c} since the move, {g.p()} will "
        f"meet {c} and {g.pos(c)} carers {g.pick(FREQUENCIES)} to talk about how things are "
        f"going at home and at school, and will write to {g.person()[1]} with what was agreed "
        f"by {g.date()}."
    )


def t_term(g: Gen) -> str:
    c = g.child()
    return (
        f"{g.p()} to ensure that {c} attends at least 90% of school sessions by the end of the "
        f"{g.pick(['spring', 'summer', 'autumn'])} term {g.r.randint(2026, 2028)}, checked with {g.person()[1]} on {g.date()}."
    )


def t_names_only_two(g: Gen) -> str:
    c = g.child()
    a, b = g.name_parts()[1], g.name_parts()[1]
    return f"{a} will {_act(g, c)} by {g.date()} and {b} will {_act(g, c)}."


TEMPLATES = [
    t_smart, t_smart, t_smart_to, t_name_only, t_vague, t_vague_no_owner, t_effort, t_passive,
    t_agent, t_agent_possessive, t_two_people, t_three_people, t_several_actions,
    t_several_then, t_numbered, t_numbered_lines, t_long, t_near_limit, t_near_limit,
    t_next_review, t_within_of, t_frequency, t_frequency_date, t_informing, t_then_alone,
    t_same_twice, t_possessive, t_preamble, t_comma_role, t_role_then_name, t_help,
    t_help_named, t_opening, t_at_next_on, t_birthday, t_jargon, t_contact, t_festival,
    t_month_name_after_by, t_chase_soon, t_update, t_colon, t_target_label, t_mum_and,
    t_shared_role, t_object_names, t_shouting, t_needs_met, t_amount, t_two_dates,
    t_ref_date, t_weekday, t_please, t_child_subject, t_titles_sentence, t_caps_name,
    t_respite, t_consider, t_long_many, t_term, t_names_only_two,
]  # fmt: skip

# Rows written out by hand: one of each thing the set must have, whatever the draw.
PINNED = [
    ("Bernard Okafor (social worker) will refer Sam to CAMHS by 14/05/2027.", "", ""),
    ("Bernard Okafor (social worker) will refer Sam to CAMHS by 14 May 2027.", "", ""),
    ("Bernard Okafor (social worker) will refer Sam to CAMHS by 22nd May 2027.", "", ""),
    ("Bernard Okafor (social worker) will refer Sam to CAMHS by Friday 14 May 2027.", "", ""),
    ("Bernard Okafor (social worker) will refer Sam to CAMHS on Friday 14 May 2027.", "", ""),
    ("Bernard Okafor (social worker) will refer Sam to CAMHS by 14 MAY 2027.", "", ""),
    ("Bernard Okafor (social worker) will refer Sam to CAMHS by 14 may 2027.", "", ""),
    ("Bernard Okafor (social worker) will refer Sam to CAMHS by 14 May 20271.", "", ""),
    ("Bernard Okafor (social worker) will refer Sam to CAMHS by 14/05/27.", "", ""),
    ("Bernard Okafor (social worker) will refer Sam to CAMHS by 14.05.2027.", "", ""),
    ("Bernard Okafor (social worker) will refer Sam to CAMHS by 14-05-2027.", "", ""),
    ("Bernard Okafor (social worker) will refer Sam to CAMHS by 2027-05-14.", "", ""),
    ("Bernard Okafor (social worker) will refer Sam to CAMHS (ref 1/14/05/2027).", "", ""),
    ("Bernard Okafor (social worker) will refer Sam to CAMHS by 31/02/2027.", "", ""),
    ("Bernard Okafor (social worker) will refer Sam to CAMHS by 29/02/2027.", "", ""),
    ("Bernard Okafor (social worker) will refer Sam to CAMHS by 29/02/2028.", "", ""),
    ("Bernard Okafor (social worker) will refer Sam to CAMHS by 00/05/2027.", "", ""),
    ("Bernard Okafor (social worker) will refer Sam to CAMHS by 12/13/2027.", "", ""),
    ("Bernard Okafor (social worker) will refer Sam to CAMHS by 14/05/1999.", "", ""),
    ("Bernard Okafor (social worker) will refer Sam to CAMHS by 14/05/2101.", "", ""),
    ("Will Banks (social worker) will refer Sam to CAMHS asap.", "", ""),
    ("Will Banks (social worker) will continue to support Sam - ongoing.", "", ""),
    ("Sam's PEP to be completed by 14/05/2027.", "", ""),
    ("Sam's PEP to be completed by May Ahmed (designated teacher).", "", ""),
    ("Sam's PEP to be completed by June Okafor (designated teacher) by 3 June 2027.", "", ""),
    ("Sam's PEP to be completed by Summer Hayes (designated teacher).", "", ""),
    ("Sam's PEP to be completed by Friday Evans (designated teacher).", "", ""),
    ("Zoë's football club will send the attendance figures to Hope Ward (social worker) by 1 March 2027.", "", ""),
    ("Amir's football club will send the attendance figures to Hope Ward (social worker) by 1 March 2027.", "", ""),
    ("Amir's holiday form to be signed by Amir's carer by 12/12/2026.", "", ""),
    ("Zoë's holiday form to be signed by Zoë's carer by 12/12/2026.", "", ""),
    ("Priya Raman (personal adviser) will help Amir open a bank account before Amir's 18th birthday.", "", ""),
    ("Priya Raman (personal adviser) will help Zoë open a bank account before Zoë's 18th birthday.", "", ""),
    ("Priya Raman (personal adviser) will help Zoë open a bank account before Zoë turns 18.", "", ""),
    ("Priya Raman (personal adviser) will help Mary Ann open a bank account before Mary Ann turns 18.", "", ""),
    ("Tomasz Nowak (IRO) will raise it at the next meeting with Bernard Oneil on 14/05/2027.", "", ""),
    ("Tomasz Nowak (IRO) will raise it at the next meeting with Bernard O'Neil on 14/05/2027.", "", ""),
    ("Tomasz Nowak (IRO) will raise it at the next meeting with Siân Lewis on 14/05/2027.", "", ""),
    ("Tomasz Nowak (IRO) will raise it at the next meeting with Mary Ann Jones and Gwen Pritchard on 14/05/2027.", "", ""),
    ("Aisha Begum (foster carer) will take Sam to see Mum every other Saturday from 06/02/2027.", "", ""),
    ("Aisha Begum (foster carer) will take Sam to see Mum every other Saturday from 6 February 2027.", "", ""),
    ("Gwen Pritchard (social worker) will apply for Kai's passport by 1 June 2027 and let Kai know.", "", ""),
    ("Gwen Pritchard (social worker) will apply for Kai's passport by 1 June 2027 and update Zoë.", "", ""),
    ("Gwen Pritchard (social worker) will apply for Kai's passport by 1 June 2027 and update Amir.", "", ""),
    ("Llyr Evans (team manager) will agree the funding by 30/11/2026. Llyr will also tell Jade.", "", ""),
    ("Llŷr Evans (team manager) will agree the funding by 30/11/2026. Llŷr will also tell Jade.", "", ""),
    ("İlayda Yılmaz (social worker) will book Leo's dentist appointment by 14/05/2027.", "", ""),
    ("Ilayda Yilmaz (social worker) will book Leo's dentist appointment by 14/05/2027.", "", ""),
    ("Łukasz Wójcik (foster carer) will book Leo's dentist appointment by 14/05/2027.", "", ""),
    ("Lukasz Wojcik (foster carer) will book Leo's dentist appointment by 14/05/2027.", "", ""),
    ("Tom JONES (support worker) will book Leo's dentist appointment by 14/05/2027.", "", ""),
    ("Tom Jones (support worker) will book Leo's dentist appointment by 14/05/2027.", "", ""),
    ("Gwen PRITCHARD (support worker) will book Leo's dentist appointment by 14/05/2027.", "", ""),
    ("J. Smith (key worker) will book Leo's dentist appointment by 14/05/2027.", "", ""),
    ("J Smith (key worker) will book Leo's dentist appointment by 14/05/2027.", "", ""),
    ("Mrs Khan (foster carer) will book Leo's dentist appointment by 14/05/2027.", "", ""),
    ("Mary Ann Jones (foster carer) will book Leo's dentist appointment by 14/05/2027.", "", ""),
    ("Jo Li (foster carer) will book Leo's dentist appointment by 14/05/2027.", "", ""),
    ("Fiona McDonald (foster carer) will book Leo's dentist appointment by 14/05/2027.", "", ""),
    ("Fiona Mcdonald (foster carer) will book Leo's dentist appointment by 14/05/2027.", "", ""),
    ("Constance Reed (school nurse) will book Leo's immunisations by 14/05/2027.", "", ""),
    ("Kindness Moyo (school nurse) will book Leo's immunisations by 14/05/2027.", "", ""),
    ("Kim Soon (support worker) will take Leo to football.", "", ""),
    ("Kim Song (support worker) will take Leo to football.", "", ""),
    ("Ruby Chase (support worker) will take Leo to football by 14/05/2027.", "", ""),
    ("Ruby Chan (support worker) will take Leo to football by 14/05/2027.", "", ""),
    ("Liam Christmas (foster carer) will take Leo to see his nan.", "", ""),
    ("Life story work to be finished by Jenny Easter (social worker).", "", ""),
    ("Life story work to be finished by Jenny Eastwood (social worker).", "", ""),
    ("Omar Eid (social worker) will visit Leo in Eid week.", "", ""),
    ("1. Hope Ward (social worker) to refer Maya to CAMHS by 14/05/2027. 2. Grace Nurse (school nurse) to book Maya's RHA by 30 June 2027.", "", ""),
    ("1) Hope Ward (social worker) to refer Maya to CAMHS by 14/05/2027\n2) Grace Nurse (school nurse) to book Maya's RHA by 30 June 2027", "", ""),
    ("Referral to CAMHS to be made by 1 May 2027.", "Bernard Okafor (social worker)", ""),
    ("Referral to CAMHS to be made.", "Bernard Okafor (social worker)", "14/05/2027"),
    ("Referral to CAMHS to be made.", "TBC", "next review"),
    ("Referral to CAMHS to be made.", "social worker", "Ongoing"),
    ("Referral to CAMHS to be made.", "May Ahmed", "31/02/2027"),
    ("Referral to CAMHS to be made.", "Will Banks & June Okafor", "May 2027"),
    ("Referral to CAMHS to be made.", "Will Banks, June Okafor and Siân Lewis", "TBC"),
    ("Referral to CAMHS to be made.", "", "14 may 2027"),
]  # fmt: skip


def rows() -> list[tuple[str, str, str]]:
    """The set: the pinned rows, then drawn rows until there are ``ROWS`` distinct ones."""
    g = Gen(random.Random(SEED))
    out: list[tuple[str, str, str]] = []
    seen: set[tuple[str, str, str]] = set()
    for row in PINNED:
        if row not in seen:
            seen.add(row)
            out.append(row)
    i = 0
    while len(out) < ROWS:
        template = TEMPLATES[i % len(TEMPLATES)]
        i += 1
        text = template(g)
        row = (text, g.responsible(), g.target())
        if row not in seen:
            seen.add(row)
            out.append(row)
    return out


def main() -> None:
    with OUT.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(["Recommendation", "Responsible", "Target Date"])
        writer.writerows(rows())


if __name__ == "__main__":
    main()
