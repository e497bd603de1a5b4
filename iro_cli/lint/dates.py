"""Dates, deadlines and frequencies in the words IROs write them.

:func:`find_timings` finds every timing in a text ("15/01/2027", "by the end of
January 2027", "within 10 working days", "before the end of the spring term
2027", "every other Saturday", "at the next review on 12 May 2027"...).
:func:`resolve` turns one into a due date, given the review date (for relative
ones) and the next review date ("by the next review"). Pure functions.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from functools import lru_cache
from typing import NamedTuple

from iro_cli.lint.terms import lacks, letter_words
from iro_cli.schedule.dates import WorkingCalendar, add_months

_MONTH_NAMES = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTH_NAMES.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTH_NAMES["sept"] = 9
MONTH_WORDS = frozenset(_MONTH_NAMES)

_MONTH = (
    r"(?:january|february|march|april|june|july|august|september|october|november|december|"
    r"jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec|(?-i:May))"
)
_DAYNAME = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "eighteen": 18, "twenty": 20,
    "twenty one": 21, "twenty eight": 28, "thirty": 30, "forty eight": 48, "seventy two": 72,
}  # fmt: skip
_NUM = (
    r"(?:\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fourteen|"
    r"fifteen|sixteen|eighteen|twenty(?:[- ](?:one|eight))?|thirty|forty[- ]eight|"
    r"seventy[- ]two)"
)
_UNIT = r"(?:hour|day|night|week|fortnight|month|term|year)"
_FESTIVAL = (
    r"christmas(?:\s+day)?|boxing\s+day|easter(?:\s+sunday)?|(?:chinese|lunar)\s+new\s+year|"
    r"new\s+year|diwali|deepavali|eid(?:[- ](?:al|ul)[- ](?:fitr|adha))?|hann?ukk?ah|chann?ukk?ah|"
    r"vaisakhi|baisakhi|holi|ramadan|passover|pesach|rosh\s+hashanah|yom\s+kippur|navratri|"
    r"bonfire\s+night|halloween|guru\s+nanak['’]?s?\s+(?:birthday|gurpurab|jayanti)"
)

_PATTERNS = [
    # Frequencies first: "every other Saturday", "three times a week", "fortnightly".
    (
        "frequency",
        rf"\b(?:every|each|per)\s+(?:other\s+|second\s+|alternate\s+|third\s+)?"
        rf"(?:{_NUM}\s+)?(?:school\s+|working\s+|week\s?)?"
        rf"(?:day|night|evening|morning|afternoon|week|weekend|fortnight|month|term|half[- ]term|"
        rf"year|holiday|review|visit|meeting|session|lesson|{_DAYNAME})s?\b",
    ),
    (
        "frequency",
        rf"\b(?:once|twice|three\s+times|four\s+times|{_NUM}\s+times|"
        rf"{_NUM}\s+(?:hours?|minutes?|sessions?|visits?|nights?|days?|lessons?|calls?))"
        rf"\s+(?:a|per|each|every)\s+(?:day|night|week|fortnight|month|term|year)\b",
    ),
    (
        "frequency",
        r"\b(?:daily|nightly|weekly|fortnightly|monthly|quarterly|termly|half[- ]termly|"
        r"annually|yearly|bi-?weekly|bi-?monthly|twice[- ](?:weekly|monthly|daily)|"
        rf"(?:{_NUM}|\d+)[- ](?:weekly|monthly))\b",
    ),
    (
        "frequency",
        rf"\bon\s+(?:alternate\s+|every\s+other\s+)?{_DAYNAME}s\b|\b(?:at|on)\s+(?:the\s+)?weekends\b|"
        rf"\balternate\s+(?:weekends|weeks|{_DAYNAME}s)\b|"
        r"\b(?:on|at)\s+(?:school\s+nights|week\s?nights|week\s?days|school\s+days)\b",
    ),
    # Triggers: "after every missing episode", "each time Sam is missing", "whenever".
    (
        "frequency",
        r"\b(?:after|following|at|before|for)\s+(?:every|each)\s+(?:[a-z]+\s+){0,2}?"
        r"(?:episode|incident|visit|session|meeting|review|contact|occasion|appointment|"
        r"absence|exclusion)s?\b|\b(?:every|each)\s+time\b|"
        r"\bwhenever\b(?!\s+(?:possible|appropriate|needed|required|necessary|able))",
    ),
    (
        "frequency",
        rf"\bon\s+{_DAYNAME}\s+(?:mornings|afternoons|evenings|nights)\b|"
        r"\b(?:in|during)\s+(?:the\s+)?(?:school\s+)?holidays\b",
    ),
    # Exact dates.
    ("date", r"\b(?P<d1>\d{1,2})[/.\-](?P<m1>\d{1,2})[/.\-](?P<y1>\d{4}|\d{2})\b"),
    ("date", r"\b(?P<y2>\d{4})-(?P<m2>\d{1,2})-(?P<d2>\d{1,2})\b"),
    (
        "date",
        rf"\b(?:{_DAYNAME},?\s+)?(?:the\s+)?(?P<d3>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?"
        rf"(?P<m3>{_MONTH})\.?(?:,?\s+(?P<y3>\d{{4}}))?\b",
    ),
    (
        "date",
        rf"\b(?P<m4>{_MONTH})\.?\s+(?P<d4>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<y4>\d{{4}}))?\b",
    ),
    # Relative deadlines: "within 4 weeks", "within 10 working days", "in 6 weeks' time".
    (
        "relative",
        rf"\b(?:within|in|over|during)\s+(?:the\s+)?(?P<next6>next\s+|coming\s+|following\s+)?"
        rf"(?:(?P<n6>{_NUM})\s+)?(?P<work6>working\s+|school\s+|calendar\s+|clear\s+)?"
        rf"(?P<u6>{_UNIT})s?(?:['’]?s?\s+time)?\b",
    ),
    # School terms and holidays: "before the end of the spring term 2027", "by half term".
    (
        "term",
        r"\b(?:(?P<edge7>end|start|beginning|middle|close)\s+of\s+)?(?:the\s+|this\s+|next\s+)?"
        r"(?:(?P<season7>autumn|spring|summer|christmas|easter|october|february|may)\s+)?"
        r"(?P<half7>half[- ])?term(?:\s+(?P<y7>\d{4}))?\b",
    ),
    (
        "term",
        r"\b(?:(?P<edge15>end|start|beginning)\s+of\s+)?(?P<season15>autumn|spring|summer)\s+"
        r"(?P<part15>[12])(?:\s+(?P<y15>\d{4}))?\b",
    ),
    (
        "term",
        r"\b(?:(?P<edge8>end|start|beginning)\s+of\s+)?(?:the\s+)?"
        r"(?P<season8>summer|christmas|easter|october|february|may)\s+holidays?(?:\s+(?P<y8>\d{4}))?\b",
    ),
    (
        "term",
        r"\b(?:(?:start|end|beginning)\s+of\s+(?:the\s+)?(?:new\s+|next\s+)?(?:school|academic)\s+year"
        r"|new\s+(?:school|academic)\s+year|(?:start|end)\s+of\s+year\s+\d{1,2})\b",
    ),
    # Months: "by the end of January 2027", "in March".
    (
        "month",
        rf"\b(?:(?P<edge9>end|start|beginning|middle|mid|close)\s+of\s+)?(?P<m9>{_MONTH})\.?"
        rf"(?:\s+(?P<y9>\d{{4}}))?\b",
    ),
    (
        "season",
        r"\b(?:(?P<edge10>end|start|beginning)\s+of\s+)?(?:the\s+)?"
        r"(?P<s10>spring|summer|autumn|winter)(?:\s+(?P<y10>\d{4}))?\b",
    ),
    # Religious and cultural dates: "before Diwali 2027", "for Eid al-Adha", "at Hanukkah".
    ("festival", rf"\b(?P<f11>{_FESTIVAL})(?:\s+(?P<y11>\d{{4}}))?\b"),
    # Events: "by the next review", "at the next LAC review", "before the next core group".
    (
        "event",
        r"\b(?:the\s+)?(?:next|following|second|third|forthcoming|upcoming)\s+"
        r"(?:(?:LAC|CLA|CiC|looked[- ]after|child(?:ren)?[- ]in[- ]care|statutory|IRO|pathway|plan|"
        r"child|protection|CP|PEP|core|group|review|my|your|[A-Z][a-z]+['’]s)\s+)*"
        r"(?P<ev12>review|meeting|conference|core\s+group|visit|panel|PEP|hearing|appointment)s?\b",
    ),
    (
        "event",
        r"\b(?:[A-Z][a-z]+['’]s|his|her|their|your|my)\s+\d{1,2}(?:st|nd|rd|th)\s+birthday\b|"
        r"\b(?:by\s+the\s+time|before|until|when|once)\s+(?:[A-Za-z]+\s+){1,2}"
        r"(?:turns|reaches|is|becomes)\s+(?:aged?\s+)?\d{1,2}\b|"
        r"\b(?:at|by|before|from)\s+(?:the\s+)?age\s+(?:of\s+)?\d{1,2}\b",
    ),
    # Near dates: "today", "this week", "by Friday", "immediately".
    (
        "near",
        rf"\b(?:today|tonight|tomorrow|(?:this|next)\s+(?:week|weekend|month|year|{_DAYNAME})|"
        r"(?:the\s+)?end\s+of\s+(?:the\s+|this\s+|next\s+)?(?:week|month|year|day)|"
        r"(?:the\s+)?same\s+day|immediately|with\s+immediate\s+effect|straight\s+away)\b",
    ),
    ("weekday", rf"\b(?:by|on|before|until)\s+(?:the\s+)?(?P<wd14>{_DAYNAME})\b"),
]

_UNITS = ("day", "night", "week", "fortnight", "month", "term", "year")
_MONTH_HINT = re.compile(r"jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec")


def _words(words: str) -> frozenset[str]:
    return frozenset(words.split())


_WEEKDAYS = _words("monday tuesday wednesday thursday friday saturday sunday")
_HANUKKAH = frozenset(
    f"{c}ha{n}u{k}ah" for c in ("", "c") for n in ("n", "nn") for k in ("k", "kk")
)
# The first test of each pattern, on the lower-cased text: it runs only when one of these is
# in it (one regex per pattern with a test is ten times faster than one big alternation).
# Findings depend on these: a few are narrower than their pattern ("straight away" counts
# only beside another near word such as "this " or "today"); the tests below only add to them.
_GUARDS: list[tuple[str, ...] | re.Pattern[str]] = [
    ("every", "each", "per "),
    ("once", "twice", "times", "hour", "minute", "session", "visit", "night", "lesson", "call"),
    ("daily", "nightly", "weekly", "monthly", "quarterly", "termly", "annually", "yearly"),
    ("day", "weekend", "night", "alternate"),
    ("every", "each", "whenever"),
    ("holiday", "day"),
    # The date patterns are the costly ones: each guard is what its pattern cannot match without.
    re.compile(r"\d[/.\-]\d"),  # 15/01/2027
    re.compile(r"-(?<=\d{4}-)\d"),  # 2027-01-15 (as "\d{4}-\d", from each "-": ten times faster)
    re.compile(rf"\d(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTH_HINT.pattern})"),  # 15 January
    # January 15 (the day's digits end there: "June 2026" is not one; matches only where
    # the test "(?:jan|...)[a-z]*\.?\s+\d" did, and wherever the pattern can)
    re.compile(rf"(?:{_MONTH_HINT.pattern})[a-z]*\.?\s+\d{{1,2}}(?!\d)"),
    ("within", "in ", "over ", "during"),
    ("term",),
    ("autumn", "spring", "summer"),
    ("holiday",),
    ("year",),
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),
    ("spring", "summer", "autumn", "winter"),
    (
        "christmas",
        "easter",
        "new year",
        "diwali",
        "deepavali",
        "eid",
        "hanuk",
        "chanuk",
        "vaisakhi",
        "baisakhi",
        "holi",
        "ramadan",
        "passover",
        "pesach",
        "rosh",
        "yom kippur",
        "navratri",
        "bonfire",
        "halloween",
        "guru nanak",
        "boxing day",
    ),
    ("next", "following", "second", "third", "forthcoming", "upcoming"),
    ("birthday", "turns", "reaches", " is ", "becomes", "age"),
    ("today", "tonight", "tomorrow", "this ", "next ", "end of", "same day", "immediate"),
    ("day",),
]


# What each pattern cannot match without, tested first as it costs least: the words (runs of
# letters a-z, see terms.letter_words) it needs, one of each set. The date patterns also
# need digits.
_NEEDS: list[tuple[frozenset[str], ...]] = [
    (_words("every each per"),),
    (_words("a per each every"), frozenset(_UNITS)),  # twice a week
    (_words("daily nightly weekly fortnightly monthly quarterly termly annually yearly biweekly "
            "bimonthly"),),
    (_words("weekends weeks nights weeknights days weekdays") | {f"{d}s" for d in _WEEKDAYS},),
    (_words("every each whenever"), _words("after following at before for time whenever")),
    (_words("mornings afternoons evenings nights holidays"),),
    (),  # 15/01/2027: a regex test below
    (),  # 2027-01-15
    (MONTH_WORDS,),  # 15 January
    (MONTH_WORDS,),  # January 15
    (_words("within in over during"),
     frozenset(unit + end for unit in (*_UNITS, "hour") for end in ("", "s", "ss"))),
    (_words("term"),),
    (_words("autumn spring summer"),),
    (_words("holiday holidays"),),
    (_words("year"),),
    (MONTH_WORDS,),
    (_words("spring summer autumn winter"),),
    (_words("christmas boxing easter chinese lunar new diwali deepavali eid vaisakhi baisakhi "
            "holi ramadan passover pesach rosh yom navratri bonfire halloween guru") | _HANUKKAH,),
    (_words("next following second third forthcoming upcoming"),),
    (_words("birthday turns reaches is becomes age"),),
    (_words("today tonight tomorrow immediately immediate straight week weekend month year day")
     | _WEEKDAYS,),
    (_WEEKDAYS,),
]  # fmt: skip


def _for_lower_case(pattern: str) -> str:
    """``pattern`` for lower-cased text: without re.IGNORECASE the engine can skip ahead
    to where a match could start (three times faster on these patterns). "May" is the
    one case-sensitive word; :func:`find_timings` checks it against the original text."""
    return pattern.lower().replace("(?p<", "(?P<").replace("(?-i:may)", "may")


assert len(_PATTERNS) == len(_GUARDS) == len(_NEEDS)
_COMPILED = [(kind, re.compile(_for_lower_case(pattern))) for kind, pattern in _PATTERNS]


# A pattern's group names ("m3", "d3") without their number: the part they give ("m", "d").
_PART_NAMES = {
    group: group.rstrip("0123456789")
    for _kind, compiled in _COMPILED
    for group in compiled.groupindex
}


@lru_cache(maxsize=1)
def _compiled_any_case() -> list[tuple[str, re.Pattern[str]]]:
    """The patterns as written, for the rare text whose length lower() changes."""
    return [(kind, re.compile(pattern, re.I)) for kind, pattern in _PATTERNS]


def _needing() -> dict[str, frozenset[int]]:
    """Word -> the patterns whose first set of needed words has it."""
    out: dict[str, set[int]] = {}
    for index, needs in enumerate(_NEEDS):
        for word in needs[0] if needs else ():
            out.setdefault(word, set()).add(index)
    return {word: frozenset(indexes) for word, indexes in out.items()}


_NEEDING = _needing()
_NEEDED_WORDS = frozenset(_NEEDING)
_ALSO_NEEDS = {index: needs[1] for index, needs in enumerate(_NEEDS) if len(needs) > 1}
assert all(len(needs) <= 2 for needs in _NEEDS)
# The patterns whose first test can fail where the pattern would match: a test with a
# space where the pattern has any white space ("per " for r"per\s+", "end of", " is "),
# "3 days a week" with none of its frequency words, "straight away" with no other near
# word. A name holding such a test's words ("Hussain in") changes what is found, so a
# wording's shape must not put it aside (lint.shapes); the other tests only add to their
# pattern's matches.
NARROW_GUARDS = (0, 1, 10, 17, 19, 20)
_DATE_GUARDS = {i: guard for i, guard in enumerate(_GUARDS) if isinstance(guard, re.Pattern)}
_WORD_GUARDS = {i: guard for i, guard in enumerate(_GUARDS) if not isinstance(guard, re.Pattern)}
# The patterns whose first test is passed whenever they have their words: each of the words
# has one of the test's substrings in it.
_IMPLIED = frozenset(
    i
    for i, guard in _WORD_GUARDS.items()
    if _NEEDS[i] and all(any(g in word for g in guard) for word in _NEEDS[i][0])
)
_DIGIT = re.compile(r"\d")


# The words before a timing that make it a deadline, or show it is one: searched in the
# lower-cased 40 characters before it (three times faster than IGNORECASE).
_DEADLINE_BEFORE = re.compile(
    r"(?:\bby|\bbefore|\bno\s+later\s+than|\bnot\s+later\s+than|\bon\s+or\s+before|\bprior\s+to|"
    r"\buntil|\btill|\bahead\s+of|\bin\s+time\s+for|\bdue(?:\s+(?:on|by))?|\bdeadline(?:\s+of)?|"
    r"\btarget(?:\s+date)?(?:\s+of)?|\bat\s+the\s+next\s+[\w ]{0,30}?\s+on|\bwithin)"
    r"\s*(?:the\s+)?(?:end\s+of\s+(?:the\s+)?)?$"
)
_MONTH_CONTEXT = re.compile(
    r"(?:\bby|\bbefore|\bin|\buntil|\btill|\bduring|\bfrom|\bafter|\bover|\bsince|\bfor|\bearly|"
    r"\blate|\bmid|\bthrough|\bend\s+of|\bstart\s+of)\s*(?:the\s+)?$"
)
_TERM_CONTEXT = re.compile(
    r"(?:\bby|\bbefore|\buntil|\btill|\bduring|\bthis|\bnext|\bin|\bfor|\bafter|\bfrom|\bover)"
    r"\s*(?:the\s+)?$"
)
# A festival without a year is a timescale after these ("at Hanukkah", "in time for Eid");
# its year is the next one on or after the review date.
_FESTIVAL_CONTEXT = re.compile(
    r"(?:\bby|\bbefore|\buntil|\btill|\bduring|\bthis|\bnext|\bin|\bfor|\bafter|\bfrom|\bover|"
    r"\bat|\bon|\bahead\s+of|\bin\s+time\s+for)\s*(?:the\s+)?$"
)
_NOT_TERM = re.compile(r"(?:\blong|\bshort|\bmedium|\blonger|\bshorter)[\s\-]*$")

# Sentence words that make a timing measurable for SMART004 ("20 minutes", "85%"),
# to search for in lower-cased text.
MEASURE_RE = re.compile(
    rf"\b\d+(?:\.\d+)?\s?%|\b\d+\s+per\s?cent\b|\b{_NUM}\s+(?:minutes?|hours?|sessions?|times|"
    r"pages?|books?|visits?|nights?|lessons?|calls?|days?\s+a\s+week)\b"
)

_TERM_END = {  # approximate end of each school term / holiday (month, day)
    "autumn": (12, 20),
    "christmas": (12, 20),
    "spring": (3, 31),
    "easter": (4, 15),
    "summer": (7, 22),
    "may": (5, 31),
    "october": (10, 25),
    "february": (2, 20),
}
# Half terms as schools name them ("Spring 1"): approximate first and last days.
_HALF_TERM_START = {
    ("autumn", "1"): (9, 1), ("autumn", "2"): (11, 1), ("spring", "1"): (1, 5),
    ("spring", "2"): (2, 22), ("summer", "1"): (4, 15), ("summer", "2"): (6, 1),
}  # fmt: skip
_HALF_TERM_END = {
    ("autumn", "1"): (10, 25), ("autumn", "2"): (12, 20), ("spring", "1"): (2, 14),
    ("spring", "2"): (3, 31), ("summer", "1"): (5, 25), ("summer", "2"): (7, 22),
}  # fmt: skip
_SEASON_END = {"spring": (5, 31), "summer": (8, 31), "autumn": (11, 30), "winter": (2, 28)}


class Timing(NamedTuple):
    """One timing found in a text (a named tuple: made for every date in every text)."""

    # date | month | relative | term | season | festival | event | near | weekday | frequency
    kind: str
    text: str
    start: int
    end: int
    deadline: bool  # introduced by "by", "before", "within", "no later than"...
    parts: tuple[tuple[str, str], ...] = ()  # the pattern's named parts, lower case

    def part(self, name: str) -> str | None:
        for key, value in self.parts:
            if key == name:
                return value
        return None


_MONTH_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _valid_date(day: int, month: int, year: int | None) -> bool:
    if not 1 <= month <= 12 or not 1 <= day <= _MONTH_DAYS[month - 1]:
        return False
    return not (month == 2 and day == 29 and year is not None and not calendar.isleap(year))


@lru_cache(maxsize=8192)
def find_timings(text: str) -> tuple[Timing, ...]:
    """Every date, deadline and frequency in ``text``, left to right."""
    low = text.lower()
    words = letter_words(text)
    subject, compiled = (low, _COMPILED) if words is not None else (text, _compiled_any_case())
    candidates: list[tuple[int, int, str, re.Match[str]]] = []
    for index in _possible(low, words):
        kind, pattern = compiled[index]
        for match in pattern.finditer(subject):
            candidates.append((match.start(), index, kind, match))
    candidates.sort(key=lambda c: (c[0], c[1]))
    out: list[Timing] = []
    last_end = -1
    for start, _index, kind, match in candidates:
        if start < last_end:
            continue
        timing = _timing(text, kind, match, words is not None)
        if timing is not None:
            out.append(timing)
            last_end = match.end()
    return tuple(out)


def _possible(low: str, words: frozenset[str] | None) -> list[int]:
    """The patterns worth running on a text, in order: those that have the words they need
    (``words``: see terms.letter_words) and pass their first test (``low``: lower-cased)."""
    if words is None:  # nothing known of the words: the first tests alone
        out = [i for i, guard in _WORD_GUARDS.items() if any(g in low for g in guard)]
    else:
        found: set[int] = set()
        for word in words & _NEEDED_WORDS:
            found |= _NEEDING[word]
        out = [
            i
            for i in sorted(found)
            if i in _WORD_GUARDS
            and not lacks(words, _ALSO_NEEDS.get(i))
            and (i in _IMPLIED or any(g in low for g in _WORD_GUARDS[i]))
        ]
    if _DIGIT.search(low):  # the date patterns
        out += [
            i
            for i, guard in _DATE_GUARDS.items()
            if not (_NEEDS[i] and lacks(words, _NEEDS[i][0])) and guard.search(low)
        ]
        out.sort()
    return out


def _timing(text: str, kind: str, match: re.Match[str], lowered: bool) -> Timing | None:
    """A match (in the lower-cased text when ``lowered``, else in ``text``) as a
    :class:`Timing`, or ``None`` when its context says it is not one."""
    start, end = match.span()
    before = text[max(0, start - 40) : start].lower()
    values = {}
    for group, value in match.groupdict().items():
        if value is not None:
            name = _PART_NAMES[group]
            values[name] = value if lowered else value.lower()
            if (
                name == "m"
                and value.lower() == "may"
                and text[match.start(group) : match.end(group)] != "May"
            ):
                return None  # "Sam may need", not the month
    timing_text = text[start:end]
    dated = bool(values.get("y") or values.get("edge"))
    if kind == "date":
        month = values.get("m", "")
        month_no = int(month) if month.isdigit() else _MONTH_NAMES.get(month.rstrip("."))
        year_text = values.get("y") or ""
        year = int(year_text) if len(year_text) == 4 else None
        if month_no is None or not _valid_date(int(values["d"]), month_no, year):
            return None
    elif kind == "month":
        if not dated and not _MONTH_CONTEXT.search(before):
            return None
    elif kind == "relative":
        if not values.get("n") and not values.get("next"):
            return None
        if not values.get("n") and text[match.end("u6") : match.end("u6") + 1].lower() == "s":
            return None  # "in the coming weeks": no number, no deadline
    elif kind == "term":
        if _NOT_TERM.search(before):
            return None
        if (
            timing_text.lower().strip().endswith("term")
            and not values.get("edge")
            and not values.get("season")
            and not values.get("half")
            and not re.match(r"(?:this|next)\b", timing_text, re.I)
            and not _TERM_CONTEXT.search(before)
        ):
            return None
    elif (
        kind == "season"
        and not dated
        and not _TERM_CONTEXT.search(before)
        or kind == "festival"
        and not dated
        and not _FESTIVAL_CONTEXT.search(before)
    ):
        return None
    deadline = kind == "relative" or bool(_DEADLINE_BEFORE.search(before))
    if kind == "weekday" and timing_text.lower().startswith(("by", "before", "until")):
        deadline = True
    return Timing(kind, timing_text, start, end, deadline, tuple(values.items()))


_CALENDAR = WorkingCalendar()  # England and Wales share their bank holidays


def _add_working_days(start: date, days: int) -> date:
    """Working days as the regulations count them: weekends and bank holidays excluded."""
    return _CALENDAR.add_working_days(start, days) if days > 0 else start


def _number(text: str | None) -> int:
    if not text:
        return 1
    text = text.lower().replace("-", " ")
    return int(text) if text.isdigit() else _NUMBER_WORDS.get(text, 1)


def _year(text: str | None) -> int | None:
    if not text:
        return None
    return int(text) if len(text) == 4 else 2000 + int(text)


def _next_on_or_after(base: date, month: int, day: int, year: int | None) -> date:
    if year is not None:
        return date(year, month, min(day, calendar.monthrange(year, month)[1]))
    candidate = date(base.year, month, min(day, calendar.monthrange(base.year, month)[1]))
    if candidate < base:
        candidate = date(
            base.year + 1, month, min(day, calendar.monthrange(base.year + 1, month)[1])
        )
    return candidate


def fixed_date(timing: Timing) -> date | None:
    """The due date of an exact date or month with its year ("15/01/2027", "by the end
    of January 2027"): the same whatever the review date. ``None`` for the rest."""
    if timing.kind not in ("date", "month"):
        return None
    return _fixed_date(timing.kind, timing.parts)


@lru_cache(maxsize=4096)
def _fixed_date(kind: str, parts: tuple[tuple[str, str], ...]) -> date | None:
    """:func:`fixed_date` of a date or month: its parts are all it depends on (a file has a
    few thousand of them)."""
    if _year(dict(parts).get("y")) is None:
        return None
    return resolve(Timing(kind, "", 0, 0, False, parts), date(2000, 1, 1))


def fixed_offset(timing: Timing) -> timedelta | None:
    """How far after the review date a relative deadline falls when that distance is the
    same from any date ("within 4 weeks": 28 days); ``None`` for the rest (working days,
    months and terms depend on the date)."""
    if timing.kind != "relative":
        return None
    values = dict(timing.parts)
    unit = values["u"]
    n = _number(values.get("n"))
    if unit in ("day", "night") and not values.get("work"):
        return timedelta(days=n)
    if unit == "hour":
        return timedelta(days=max(1, n // 24))
    if unit in ("week", "fortnight"):
        return timedelta(weeks=n if unit == "week" else 2 * n)
    return None


def resolve(timing: Timing, base: date, next_review: date | None = None) -> date | None:
    """The due date a timing stands for, counting from ``base`` (the review date).

    Relative deadlines count from ``base``; dates without a year take the next
    such date on or after ``base``; terms and seasons are approximate. ``None``
    for frequencies and events that cannot be dated.
    """
    values = dict(timing.parts)
    kind = timing.kind
    if kind == "date":
        month = values["m"]
        month_no = int(month) if month.isdigit() else _MONTH_NAMES[month.lower().rstrip(".")]
        return _next_on_or_after(base, month_no, int(values["d"]), _year(values.get("y")))
    if kind == "month":
        month_no = _MONTH_NAMES[values["m"].lower().rstrip(".")]
        year = _year(values.get("y"))
        day = 1 if values.get("edge") in ("start", "beginning") else 15
        if values.get("edge") in (None, "end", "close"):
            day = calendar.monthrange(year or base.year, month_no)[1]
        return _next_on_or_after(base.replace(day=1), month_no, day, year)
    if kind == "relative":
        n = _number(values.get("n"))
        unit = values["u"].lower()
        if values.get("work") and unit == "day":
            return _add_working_days(base, n)
        if unit in ("day", "night"):
            return base + timedelta(days=n)
        if unit == "hour":
            return base + timedelta(days=max(1, n // 24))
        if unit == "week":
            return base + timedelta(weeks=n)
        if unit == "fortnight":
            return base + timedelta(weeks=2 * n)
        if unit == "month":
            return add_months(base, n)
        if unit == "term":
            return add_months(base, 4 * n)
        if unit == "year":
            return add_months(base, 12 * n)
    if kind == "term" and values.get("part"):  # "Spring 1": the first half of the spring term
        month, day = _HALF_TERM_END[(values["season"], values["part"])]
        if values.get("edge") in ("start", "beginning"):
            month, day = _HALF_TERM_START[(values["season"], values["part"])]
        return _next_on_or_after(base, month, day, _year(values.get("y")))
    if kind == "term":
        season = (values.get("season") or "").lower()
        if "year" in timing.text.lower():  # start or end of the school year
            end = re.match(r"end", timing.text, re.I) is not None
            return _next_on_or_after(base, 7 if end else 9, 22 if end else 1, None)
        if values.get("half") and not season:
            return min(_next_on_or_after(base, m, d, None) for m, d in ((2, 20), (5, 31), (10, 25)))
        if not season:
            # "by the end of term": the end of the term the review falls in.
            for name in ("spring", "summer", "autumn"):
                month, day = _TERM_END[name]
                candidate = date(base.year, month, day)
                if candidate >= base:
                    return candidate
            return date(base.year + 1, *_TERM_END["spring"])
        month, day = _TERM_END[season]
        return _next_on_or_after(base, month, day, _year(values.get("y")))
    if kind == "season":
        month, day = _SEASON_END[values["s"].lower()]
        return _next_on_or_after(base, month, day, _year(values.get("y")))
    if kind == "festival":
        return festival_date(values["f"], base, _year(values.get("y")))
    if kind == "event":
        return next_review if "review" in timing.text.lower() else None
    return None


# Festivals on a fixed day of the year, (month, day).
_FIXED_FESTIVALS = {
    "christmas": (12, 25), "christmas day": (12, 25), "boxing day": (12, 26),
    "new year": (12, 31), "bonfire night": (11, 5), "halloween": (10, 31),
    "vaisakhi": (4, 14), "baisakhi": (4, 14),
}  # fmt: skip
# Festivals that move with the lunar or lunisolar calendar: their first day, year by year
# (published calendars; a day either way is close enough for a target date).
_MOVING_FESTIVALS = {
    "diwali": ((2024, 11, 1), (2025, 10, 20), (2026, 11, 8), (2027, 10, 29), (2028, 10, 17),
               (2029, 11, 5), (2030, 10, 26)),
    "eid al-fitr": ((2024, 4, 10), (2025, 3, 30), (2026, 3, 20), (2027, 3, 9), (2028, 2, 26),
                    (2029, 2, 14), (2030, 2, 4)),
    "eid al-adha": ((2024, 6, 16), (2025, 6, 6), (2026, 5, 27), (2027, 5, 16), (2028, 5, 5),
                    (2029, 4, 24), (2030, 4, 13)),
    "ramadan": ((2024, 3, 11), (2025, 3, 1), (2026, 2, 18), (2027, 2, 8), (2028, 1, 28),
                (2029, 1, 16), (2030, 1, 6)),
    "hanukkah": ((2024, 12, 26), (2025, 12, 15), (2026, 12, 5), (2027, 12, 25), (2028, 12, 13),
                 (2029, 12, 2), (2030, 12, 21)),
    "chinese new year": ((2024, 2, 10), (2025, 1, 29), (2026, 2, 17), (2027, 2, 6),
                         (2028, 1, 26), (2029, 2, 13), (2030, 2, 3)),
    "holi": ((2024, 3, 25), (2025, 3, 14), (2026, 3, 4), (2027, 3, 22), (2028, 3, 11),
             (2029, 3, 1), (2030, 3, 20)),
    "passover": ((2024, 4, 23), (2025, 4, 13), (2026, 4, 2), (2027, 4, 22), (2028, 4, 11),
                 (2029, 3, 31), (2030, 4, 18)),
    "rosh hashanah": ((2024, 10, 3), (2025, 9, 23), (2026, 9, 12), (2027, 10, 2),
                      (2028, 9, 21), (2029, 9, 10), (2030, 9, 28)),
    "yom kippur": ((2024, 10, 12), (2025, 10, 2), (2026, 9, 21), (2027, 10, 11),
                   (2028, 9, 30), (2029, 9, 19), (2030, 10, 7)),
    "navratri": ((2024, 10, 3), (2025, 9, 22), (2026, 10, 11), (2027, 9, 30), (2028, 9, 19),
                 (2029, 10, 8), (2030, 9, 27)),
    "guru nanak": ((2024, 11, 15), (2025, 11, 5), (2026, 11, 24), (2027, 11, 14),
                   (2028, 11, 2), (2029, 11, 21), (2030, 11, 10)),
}  # fmt: skip
_FESTIVAL_NAMES = (
    (re.compile(r"(?:chinese|lunar)"), "chinese new year"),
    (re.compile(r"eid[- ](?:al|ul)[- ]adha"), "eid al-adha"),
    (re.compile(r"eid"), "eid al-fitr"),  # "Eid" alone is usually Eid al-Fitr
    (re.compile(r"deepavali"), "diwali"),
    (re.compile(r"c?hann?ukk?ah|chanukk?ah"), "hanukkah"),
    (re.compile(r"pesach"), "passover"),
    (re.compile(r"guru"), "guru nanak"),
    (re.compile(r"easter"), "easter"),
)


def _easter(year: int) -> date:
    """Easter Sunday (the Gregorian computus, Meeus/Jones/Butcher)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    j = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * j) // 451
    month, day = divmod(h + j - 7 * m + 114, 31)
    return date(year, month, day + 1)


def festival_date(name: str, base: date, year: int | None = None) -> date:
    """The day of a festival in ``year``, else the next one on or after ``base``."""
    key = " ".join(name.lower().replace("’", "'").split())
    for pattern, canonical in _FESTIVAL_NAMES:
        if pattern.match(key):
            key = canonical
            break
    if key in _FIXED_FESTIVALS:
        return _next_on_or_after(base, *_FIXED_FESTIVALS[key], year)

    def on(y: int) -> date:
        if key == "easter":
            return _easter(y)
        known = {when[0]: date(*when) for when in _MOVING_FESTIVALS.get(key, ())}
        if y in known:
            return known[y]
        nearest = known[min(known, key=lambda k: abs(k - y))] if known else date(y, 6, 30)
        return nearest.replace(year=y) if (nearest.month, nearest.day) != (2, 29) else date(y, 3, 1)

    if year is not None:
        return on(year)
    this = on(base.year)
    return this if this >= base else on(base.year + 1)
