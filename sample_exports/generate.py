#!/usr/bin/env python3
"""Write the fictional sample export set of ``iro`` (one mid-sized English authority).

    python sample_exports/generate.py [--children N] [--seed S] [--out DIR]
                                      [--extract-date YYYY-MM-DD] [--force]

With no options it rewrites the committed files in ``sample_exports/`` byte for
byte: the same seed always gives the same bytes. Every name, ID and record is
invented. Uses only the standard library, ``holidays`` and ``python-dateutil``.

The review history follows the statutory timescales (CPPCR 2010 reg 33, reg 48
short breaks, Working Together conferences) so the files are believable: most
reviews are held a little before they are due, a few late. Around the extract
date a few audit faults are planted on purpose (overdue reviews, meetings booked
after their due date, participation-code slips, duplicate rows, a summary row);
sample_exports/README.md lists them.
"""

from __future__ import annotations

import argparse
import csv
import heapq
import random
import sys
import unicodedata
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import holidays
from dateutil.relativedelta import relativedelta

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))
sys.dont_write_bytecode = True  # keep __pycache__ out of the export directory
import _pools as P  # noqa: E402

DEFAULT_CHILDREN = 400
DEFAULT_SEED = 13
DEFAULT_EXTRACT = date(2026, 11, 20)
DAY = timedelta(days=1)

FILES = (
    "children.csv",
    "reviews.csv",
    "recommendations.csv",
    "cp_plans.csv",
    "disputes.csv",
    "iros.csv",
    "extract.toml",
)

CHILDREN_HEADER = [
    "Person ID",
    "Forename",
    "Surname",
    "Preferred Name",
    "Date of Birth",
    "Gender",
    "Ethnicity",
    "Legal Status",
    "Period Start",
    "Period End",
    "Allocated IRO",
    "Team",
    "Social Worker",
    "Placement Type",
    "Short Breaks",
    "Preferred Language",
]
REVIEWS_HEADER = [
    "Review ID",
    "Person ID",
    "Review Type",
    "Review Date",
    "Status",
    "Chair",
    "Participation Code",
    "Next Review Date",
    "Rearranged Reason",
    "Child's Views",
    "Working Well",
    "Worries",
    "Attendees",
]
RECS_HEADER = [
    "Review ID",
    "Person ID",
    "Recommendation No",
    "Recommendation",
    "Responsible",
    "Target Date",
]
CP_HEADER = [
    "Person ID",
    "Strategy Discussion Date",
    "Plan Start",
    "Plan End",
    "Chair",
    "Forename",
    "Surname",
    "Date of Birth",
    "Team",
]
DISPUTES_HEADER = [
    "DRP ID",
    "Person ID",
    "Raised By",
    "Raised Date",
    "Level",
    "Theme",
    "Response Due",
    "Resolved Date",
    "Outcome",
]
IROS_HEADER = ["Name", "Email", "Phone", "FTE", "Team"]

# SSDA903 participation-code descriptions, as LCS writes them (iro_cli.exports.schema).
PN_DESCRIPTIONS = {
    "PN0": "Child aged under 4 at the time of the review",
    "PN1": "Child physically attends and speaks for him or herself",
    "PN2": "Child physically attends and an advocate speaks on his or her behalf",
    "PN3": "Child attends and conveys his or her view symbolically (non-verbally)",
    "PN4": "Child physically attends but does not speak for him or herself, does not "
    "convey his or her view symbolically (non-verbally) and does not ask an advocate "
    "to speak for him or her",
    "PN5": "Child does not attend physically but briefs an advocate to speak for him or her",
    "PN6": "Child does not attend but conveys his or her feelings to the review by a "
    "facilitative medium",
    "PN7": "Child does not attend nor are his or her views conveyed to the review",
}
PN_WEIGHTS = {"PN1": 45, "PN2": 5, "PN3": 3, "PN4": 4, "PN5": 8, "PN6": 20, "PN7": 10}

# Chance per review cycle of the chair booking after the due date, and of the
# booked meeting being rearranged or cancelled (then held a little later).
P_LATE = 0.013
P_REARRANGED = 0.06
P_CANCELLED = 0.025

# The yearly figures' variation (Generator.vary_timeliness), drawn from its own random
# stream so that every other row stays as the main stream made it.
TIMING_SALT = 7_919
DIP_MONTH = (2026, 1)  # the month an audit traced to miscalculated review dates
P_DIP_LATE = 0.8  # reviews held in the dip month that were held late instead
P_MARCH_SLIP = 0.2  # reviews due after 10 March held in April: not held at the year end
P_FIX_LATE = 0.8  # late CLA reviews moved back to in time (the service's usual ~95%)
P_ICPC_LATE = 0.15  # extra initial conferences held after 15 working days
P_REPEAT = 0.45  # groups on plans who had an earlier plan (a repeat plan)
P_REPEAT_WITHIN_2Y = 0.5
LONG_OPEN, LONG_ENDED = 2, 3  # plans kept open for years; plans that ended after 2 years
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


class Calendar:
    """England-and-Wales working days and calendar months, cached."""

    def __init__(self, first_year: int, last_year: int) -> None:
        gb = holidays.country_holidays("GB", subdiv="ENG", years=range(first_year, last_year + 1))
        self.holidays = frozenset(gb.keys())
        self._wd: dict[tuple[date, int], date] = {}
        self._months: dict[tuple[date, int], date] = {}
        self._fmt: dict[date, str] = {}

    def is_working(self, d: date) -> bool:
        return d.weekday() < 5 and d not in self.holidays

    def add_wd(self, d: date, n: int) -> date:
        """The nth working day after ``d`` (``d`` itself not counted)."""
        key = (d, n)
        out = self._wd.get(key)
        if out is None:
            out, k = d, 0
            while k < n:
                out += DAY
                if self.is_working(out):
                    k += 1
            self._wd[key] = out
        return out

    def add_months(self, d: date, n: int) -> date:
        key = (d, n)
        out = self._months.get(key)
        if out is None:
            out = self._months[key] = d + relativedelta(months=n)
        return out

    def on_or_before(self, d: date) -> date:
        while not self.is_working(d):
            d -= DAY
        return d

    def on_or_after(self, d: date) -> date:
        while not self.is_working(d):
            d += DAY
        return d

    def fmt(self, d: date | None) -> str:
        if d is None:
            return ""
        out = self._fmt.get(d)
        if out is None:
            out = self._fmt[d] = f"{d.day:02d}/{d.month:02d}/{d.year}"
        return out


@dataclass(slots=True)
class Meeting:
    kind: str  # CLA Review, ICPC, RCPC, Pathway Plan Review
    day: date
    status: str  # Held, Scheduled, Rearranged, Cancelled
    cycle: int
    due: date  # the statutory date this meeting was meant to meet
    planned: date  # the date the chair set for this cycle
    next_day: date | None = None
    reason: str = ""
    chair: str = ""
    pn: str = ""
    pn_text: bool = False
    time: str = ""
    rid: str = ""
    owner: object = None  # the Period / CPPlan / Person the meeting belongs to
    extra: bool = False  # added by Generator.vary_timeliness (written from its own stream)


@dataclass(slots=True)
class Period:
    start: date
    end: date | None
    legal: str
    placement: str
    short_breaks: bool
    iro: str
    team: str
    sw: str
    carer: str  # full name, or "Mum"
    carer_role: str
    meetings: list[Meeting] = field(default_factory=list)


@dataclass(slots=True)
class CPPlan:
    strategy: date
    start: date | None
    end: date | None
    chair: str
    team: str
    sw: str
    meetings: list[Meeting] = field(default_factory=list)
    group: int = 0  # brothers and sisters on plans from the same conference share a group


@dataclass(slots=True)
class Person:
    pid: str
    forename: str
    surname: str
    preferred: str
    dob: date
    gender: str
    ethnicity: str
    language: str = ""
    periods: list[Period] = field(default_factory=list)
    cp: list[CPPlan] = field(default_factory=list)
    pathway: list[Meeting] = field(default_factory=list)
    pa: str = ""
    cp_team: str = ""
    uasc: bool = False
    words: dict[str, dict[str, str]] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return self.preferred or self.forename


def age_on(dob: date, d: date) -> int:
    return d.year - dob.year - ((d.month, d.day) < (dob.month, dob.day))


def birthday(dob: date, years: int) -> date:
    return dob + relativedelta(years=years)


class Generator:
    """Builds the whole authority in memory (skeleton), then streams the files."""

    def __init__(self, children: int, seed: int, extract: date) -> None:
        self.n = children
        self.rng = random.Random(seed)
        self.random = self.rng.random
        self.extract = extract
        self.seed = seed
        self.scale = children / DEFAULT_CHILDREN
        self.cal = Calendar(extract.year - 12, extract.year + 3)
        self.persons: list[Person] = []
        self.cp_only: list[Person] = []
        self.disputes: list[list[str]] = []
        self.planted: dict[str, list[str]] = {}
        self._ids = self._person_ids()
        self._heritages = self._heritage_table()
        self._staff_used: set[str] = set()
        self._pool_cache: dict[str, list[str]] = {}
        self.staff_fore = P.STAFF_FORENAMES.split()
        self.staff_sur = P.STAFF_SURNAMES.split()
        self._build_staff()
        self.good_by_age = [[t for t in P.GOOD_RECS if t[0] <= a <= t[1]] for a in range(18)]
        self.bad_by_age = [[t for t in P.BAD_RECS if t[1] <= a <= t[2]] for a in range(18)]

    # ----------------------------------------------------------------- random
    def pick(self, seq):
        """A random item (cheaper than ``Random.choice`` for millions of rows)."""
        return seq[int(self.random() * len(seq))]

    def between(self, lo: int, hi: int) -> int:
        """A random whole number from ``lo`` to ``hi`` inclusive."""
        return lo + int(self.random() * (hi - lo + 1))

    # ------------------------------------------------------------------ names
    def _person_ids(self) -> list[str]:
        total = int(self.n * 1.25) + 200
        legacy = int(total * 0.2)
        rng = self.rng
        ids = [f"00{x:05d}" for x in rng.sample(range(10000, 100000), min(legacy, 90000))]
        ids += [str(x) for x in rng.sample(range(1_000_000, 4_000_000), total - len(ids))]
        rng.shuffle(ids)
        return ids

    def _heritage_table(self) -> tuple[list[str], list[float]]:
        keys, weights = [], []
        for key, spec in P.HERITAGES.items():
            keys.append(key)
            weights.append(spec[0])
        for key, spec in P.MIXED.items():
            keys.append(key)
            weights.append(spec[0])
        for key, spec in P.UASC.items():
            keys.append(key)
            weights.append(spec[0])
        cum, total = [], 0.0
        for w in weights:
            total += w
            cum.append(total)
        return keys, cum

    def _pick_heritage(self) -> str:
        keys, cum = self._heritages
        return self.rng.choices(keys, cum_weights=cum)[0]

    def _split(self, text: str) -> list[str]:
        out = self._pool_cache.get(text)
        if out is None:
            out = self._pool_cache[text] = text.split()
        return out

    def _surname(self, pool: str, gender: str) -> str:
        s = self.pick(self._split(pool))
        if "|" in s:
            male, female = s.split("|")
            return female if gender == "Female" else male
        return s

    def _forename(self, heritage: str, gender: str) -> str:
        spec = P.HERITAGES[heritage]
        pool = spec[2] if gender == "Male" else spec[3]
        if gender == "Other":
            pool = spec[2] + " " + spec[3]
        return self.pick(self._split(pool))

    def _child_name(self, heritage: str, gender: str, extended: bool = False):
        """(forename, surname, ethnicity) for a child of this heritage."""
        if heritage in P.MIXED:
            _, code, fsrc, ssrc = P.MIXED[heritage]
            fh, sh = self.pick(fsrc), self.pick(ssrc)
            return self._forename(fh, gender), self._surname(P.HERITAGES[sh][4], gender), code
        if heritage in P.UASC:
            _, code, fore, sur, _ = P.UASC[heritage]
            return self.pick(self._split(fore)), self.pick(self._split(sur)), code
        spec = P.HERITAGES[heritage]
        fore = self._forename(heritage, gender)
        sur = self._surname(spec[4], gender)
        if extended and heritage in P.EXTENDED and self.random() < 0.5:
            male, female, surnames = P.EXTENDED[heritage]
            fore = self.pick(self._split(male if gender == "Male" else female))
            sur = self._surname(surnames, gender)
        return fore, sur, spec[1]

    def _staff_name(self, unique: bool = False) -> str:
        rng = self.rng
        for _ in range(50):
            name = f"{self.pick(self.staff_fore)} {self.pick(self.staff_sur)}"
            if not unique or name not in self._staff_used:
                self._staff_used.add(name)
                return name
        # Pools exhausted (very large runs): add a middle initial.
        while True:
            name = (
                f"{self.pick(self.staff_fore)} {chr(65 + rng.randrange(26))}. "
                f"{self.pick(self.staff_sur)}"
            )
            if name not in self._staff_used:
                self._staff_used.add(name)
                return name

    def _build_staff(self) -> None:
        rng = self.rng
        n_iros = max(9, round(9 * self.scale))
        self.iros = []
        for i in range(n_iros):
            name = self._staff_name(unique=True)
            fte = P.IRO_FTES[i % len(P.IRO_FTES)]
            team = P.IRO_TEAMS[i % 2]
            self.iros.append((name, fte, team))
        # Allocation weights: FTE with some unevenness (one or two IROs run hot).
        self.iro_names = [iro[0] for iro in self.iros]
        self.iro_cum, total = [], 0.0
        for _, fte, _ in self.iros:
            total += fte
            self.iro_cum.append(total)
        # Open cases go to the IRO with most room; the bias makes caseloads uneven.
        self.iro_room = [fte * rng.uniform(0.88, 1.16) for _, fte, _ in self.iros]
        self.iro_load = [0] * len(self.iros)
        self.iro_heap = [(0.0, i) for i in range(len(self.iros))]
        teams = (*P.TEAMS_CLA, P.TEAM_DISABLED, P.TEAM_LEAVING, P.TEAM_ASSESS, *P.TEAMS_CP)
        per_team = max(3, round(5 * self.scale))
        self.social_workers = {t: [self._staff_name() for _ in range(per_team)] for t in teams}
        self.pas = [self._staff_name() for _ in range(max(3, round(4 * self.scale)))]
        self.managers = {t: self._staff_name() for t in teams}

    # ---------------------------------------------------------------- periods
    def _years_ago(self, years: float) -> date:
        return self.extract - timedelta(days=int(years * 365.25))

    def _first_start_years(self) -> float:
        r = self.random()
        u = self.random()
        if r < 0.28:
            return 0.01 + u * 0.99
        if r < 0.50:
            return 1 + u
        if r < 0.66:
            return 2 + u
        return 3 + u * 4.85

    def _spans(self, teen: bool) -> list[tuple[date, date | None]]:
        """Periods of care of one family: [(start, end or None)].

        Teenagers' care started more recently (they come into care later, and
        leave at 18), which keeps the share of ended periods near a quarter.
        """
        rng, ext = self.rng, self.extract
        r = self.random()
        n = 1 if r < 0.88 else (2 if r < 0.98 else 3)
        if n == 1:
            start = self._years_ago(self._first_start_years() * (0.5 if teen else 1))
            start = min(start, ext - DAY)
            if self.random() < 0.92:
                return [(start, None)]
            days = (ext - start).days - 1
            if days < 20:
                return [(start, None)]
            return [(start, start + timedelta(days=self.between(14, days)))]
        spans: list[tuple[date, date | None]] = []
        start = self._years_ago(rng.uniform(1.5, 7.85))
        for i in range(n):
            last = i == n - 1
            if last and self.random() < 0.85:
                spans.append((start, None))
                break
            end = start + timedelta(days=self.between(20, 540))
            if end >= ext - 10 * DAY:
                spans.append((start, None))
                break
            spans.append((start, end))
            nxt = end + timedelta(days=self.between(30, 720))
            if nxt >= ext - 20 * DAY:
                break
            start = nxt
        return spans

    def _age_at_start(self) -> int:
        r = self.random()
        if r < 0.12:
            return 0
        if r < 0.25:
            return self.between(1, 4)
        if r < 0.43:
            return self.between(5, 9)
        if r < 0.86:
            return self.between(10, 15)
        return self.between(16, 17)

    def _dob(self, start: date, age: int, newborn_ok: bool = True) -> date:
        if age == 0 and newborn_ok and self.random() < 0.4:
            return start - timedelta(days=self.between(0, 14))
        base = start - relativedelta(years=age)
        return base - timedelta(days=self.between(1, 364))

    def _legal(self, age: int, start: date, end: date | None, uasc: bool) -> str:
        if uasc:
            return "V2"
        recent = (self.extract - start).days < 270 and end is None
        r = self.random()
        if recent:
            if r < 0.40:
                return "C1"
            if r < 0.75:
                return "V2"
            if r < 0.80:
                return self.pick(("L1", "L2"))
            if r < 0.83 and age >= 12:
                return "J2"
            return "C2"
        if age < 8 and r < 0.16:
            return "E1"
        if r < 0.72:
            return "C2"
        if r < 0.92:
            return "V2"
        if r < 0.97:
            return "C1"
        return "J2" if age >= 12 else "C2"

    def _placement(self, age: int, legal: str) -> tuple[str, str]:
        """(SSDA903 placement code, carer role)."""
        r = self.random()
        if legal == "E1" and r < 0.45:
            return self.pick(("A5", "A6")), "prospective adopter"
        if age >= 16:
            if r < 0.50:
                return self.pick(("U1", "U4", "U6")), "foster carer"
            if r < 0.80:
                return "H5", "support worker"
            if r < 0.95:
                return "K2", "key worker"
            return "P2", "support worker"
        if r < 0.06:
            return "P1", "parent"
        if r < 0.84:
            return self.pick(("U1", "U1", "U3", "U4", "U4", "U5", "U6", "U2")), "foster carer"
        if age >= 9 and r < 0.96:
            return "K2", "key worker"
        if age >= 10 and r < 0.98:
            return "R1", "key worker"
        return "U4", "foster carer"

    def _team(self, age_now: int, start: date, short_breaks: bool) -> str:
        if short_breaks:
            return P.TEAM_DISABLED
        if (self.extract - start).days < 42:
            return P.TEAM_ASSESS
        if age_now >= 16 and self.random() < 0.7:
            return P.TEAM_LEAVING
        if self.random() < 0.06:
            return P.TEAM_DISABLED
        return self.pick(P.TEAMS_CLA)

    def _carer_name(self) -> str:
        return f"{self.pick(self.staff_fore)} {self.pick(self.staff_sur)}"

    def _pick_iro(self) -> str:
        return self.rng.choices(self.iro_names, cum_weights=self.iro_cum)[0]

    def _allocate_iro(self, size: int) -> str:
        """The IRO with the most room (load per biased FTE) takes the family."""
        _, best = heapq.heappop(self.iro_heap)
        self.iro_load[best] += size
        heapq.heappush(self.iro_heap, (self.iro_load[best] / self.iro_room[best], best))
        return self.iro_names[best]

    def _gender(self) -> str:
        r = self.random()
        return "Male" if r < 0.555 else ("Female" if r < 0.993 else "Other")

    def _preferred(self, forename: str, gender: str) -> str:
        if gender == "Other":
            return self.pick(P.CHOSEN_NAMES.split())
        if forename in P.NICKNAMES and self.random() < 0.4:
            return P.NICKNAMES[forename]
        return ""

    def _new_person(
        self,
        heritage: str,
        gender: str,
        dob: date,
        surname: str | None = None,
        extended: bool = False,
        taken: tuple[str, ...] = (),
    ) -> Person:
        fore, sur, eth = self._child_name(heritage, gender, extended)
        for _ in range(20):  # brothers and sisters have different first names
            if fore not in taken:
                break
            fore = self._child_name(heritage, gender, extended)[0]
        if surname is not None:
            sur = surname
        if self.random() < 0.015:
            eth = self.pick(("NOBT", "NOBT", "REFU"))
        return Person(self._ids.pop(), fore, sur, self._preferred(fore, gender), dob, gender, eth)

    def build_children(self) -> None:
        rng, ext = self.rng, self.extract
        first = True
        short_breaks_left = self._quota(5)  # a few disabled children on short breaks
        while len(self.persons) < self.n:
            heritage = self._pick_heritage()
            uasc = heritage in P.UASC
            short_breaks = not uasc and short_breaks_left > 0 and self.random() < 0.05
            short_breaks_left -= short_breaks
            size = 1
            if not uasc and not short_breaks:
                r = self.random()
                size = 1 if r < 0.74 else (2 if r < 0.93 else 3)
            size = min(size, self.n - len(self.persons))
            if first:  # the demo child of the issue: Zoë O’Neill, looked after since 2022
                spans = [(date(2022, 3, 14), None)]
                heritage, size, uasc, short_breaks = "irish", 1, False, False
            elif short_breaks:
                start = self._years_ago(rng.uniform(0.1, 5))
                spans = [
                    (
                        start,
                        None
                        if self.random() < 0.85
                        else ext - timedelta(days=self.between(10, 200)),
                    )
                ]
                if spans[0][1] is not None and spans[0][1] <= start:
                    spans = [(start, None)]
            elif uasc:
                start = self._years_ago(self._first_start_years() * 0.6)
                spans = [(start, None)]
            else:
                eldest = self._age_at_start()
                spans = self._spans(teen=eldest >= 12)
            start0 = spans[0][0]
            if first:
                ages = [7]
            elif uasc:
                ages = [self.between(14, 17)]
            elif short_breaks:
                ages = [self.between(5, 14)]
            else:
                ages = [eldest]
                for _ in range(size - 1):
                    ages.append(max(0, ages[-1] - self.between(1, 5)))
            family_surname = None
            # Balance caseloads on the children still looked after on the extract date.
            staying = sum(1 for a in ages if start0 + relativedelta(years=18 - a) > ext + DAY * 182)
            if spans[-1][1] is None and staying:
                family_iro = self._allocate_iro(staying)
            else:
                family_iro = self._pick_iro()
            shared: dict[int, tuple[str, str, str, str, str, str, str]] = {}
            taken: list[str] = []
            for i, age0 in enumerate(ages):
                gender = "Male" if uasc else self._gender()
                if uasc and self.random() < 0.5:
                    dob = date(start0.year - age0, 1, 1)
                else:
                    dob = self._dob(start0, age0, newborn_ok=i == len(ages) - 1)
                person = self._new_person(heritage, gender, dob, family_surname, taken=tuple(taken))
                taken.append(person.forename)
                person.uasc = uasc
                if first:
                    person.forename, person.surname, person.preferred = "Zoë", "O’Neill", ""
                    person.gender, person.dob = "Female", date(2014, 9, 3)
                    dob = person.dob
                if family_surname is None and self.random() < 0.8:
                    family_surname = person.surname
                if uasc:
                    person.language = P.UASC[heritage][4]
                elif heritage == "welsh" and self.random() < 0.5:
                    person.language = "Welsh"
                elif heritage in ("polish", "romanian") and age0 >= 8 and self.random() < 0.3:
                    person.language = "Polish" if heritage == "polish" else "Romanian"
                eighteen = birthday(dob, 18)
                for k, (start, end) in enumerate(spans):
                    if start >= eighteen or start < dob:
                        continue
                    if (end is None and eighteen < ext) or (end is not None and end > eighteen):
                        end = eighteen  # care ends on the 18th birthday
                    age_start = age_on(dob, start)
                    age_now = age_on(dob, min(end or ext, ext))
                    team = self._team(age_now, start, short_breaks)
                    if k not in shared:
                        legal = "V4" if short_breaks else self._legal(age_start, start, end, uasc)
                        if short_breaks:
                            placement, role = (
                                self.pick(("K2", "U4")),
                                ("key worker" if self.random() < 0.5 else "foster carer"),
                            )
                        elif uasc:
                            placement, role = self.pick(("H5", "H5", "U4", "U6")), "support worker"
                            role = "foster carer" if placement.startswith("U") else role
                        else:
                            placement, role = self._placement(age_start, legal)
                        carer = "Mum" if role == "parent" else self._carer_name()
                        iro = family_iro if k == len(spans) - 1 else self._pick_iro()
                        shared[k] = (
                            legal,
                            placement,
                            role,
                            carer,
                            iro,
                            team,
                            self.pick(self.social_workers[team]),
                        )
                    legal, placement, role, carer, iro, team0, sw = shared[k]
                    if team != team0:  # an older brother or sister with another team
                        sw = self.pick(self.social_workers[team])
                    person.periods.append(
                        Period(
                            start, end, legal, placement, short_breaks, iro, team, sw, carer, role
                        )
                    )
                if first:  # long-term foster care on a care order
                    for per in person.periods:
                        per.legal, per.placement, per.carer_role = "C2", "U4", "foster carer"
                if person.periods:
                    self.persons.append(person)
                else:
                    self._ids.append(person.pid)
            first = False

    # ----------------------------------------------------------------- chains
    def _plan(self, due: date, floor: date, first: bool = False) -> date:
        """The date the chair books for a meeting due on ``due`` (not before ``floor``)."""
        cal, ext = self.cal, self.extract
        if self.random() < P_LATE:
            p = cal.add_wd(due, self.between(1, 10))
        else:
            r = self.random()
            if first:
                off = self.between(0, 12)
            elif r < 0.5:
                off = self.between(0, 7)
            elif r < 0.88:
                off = self.between(8, 21)
            else:
                off = self.between(22, 35)
            p = cal.on_or_before(due - timedelta(days=off))
        p = max(p, cal.on_or_after(floor))
        if due >= ext:  # the cycle open on the extract date: booked in time here
            p = min(p, cal.on_or_before(due))
        elif p >= ext:
            p = cal.on_or_before(min(due, ext - DAY))
        return self._off_extract_day(p, due)

    def _off_extract_day(self, d: date, due: date) -> date:
        """Keep meetings off the extract date itself, whose status would be ambiguous."""
        if d != self.extract:
            return d
        after = self.cal.on_or_after(d + DAY)
        return after if after <= due else self.cal.on_or_before(d - DAY)

    def _rebook(self, p: date, due: date, cancelled: bool) -> date | None:
        cal, ext = self.cal, self.extract
        new = cal.add_wd(p, self.between(5, 20) if cancelled else self.between(3, 15))
        new = self._off_extract_day(new, max(due, new))
        if due >= ext and new > due:
            return None
        if due < ext and new >= ext:
            return None
        return new

    def _chain(
        self, kind: str, owner, due: date, p: date, end: date | None, months, stop_after: int = 0
    ) -> list[Meeting]:
        """Meetings of one review cycle chain.

        ``months(n_held)`` gives the months to the next review after the n-th held one;
        ``stop_after`` ends the chain (plan ended) at that many held meetings.
        """
        cal, ext = self.cal, self.extract
        out: list[Meeting] = []
        held, cycle = 0, 0
        while True:
            if end is not None and p >= end:
                break
            if p >= ext:
                out.append(Meeting(kind, p, "Scheduled", cycle, due, p, owner=owner))
                break
            day = p
            r = self.random()
            if r < P_REARRANGED + P_CANCELLED:
                cancelled = r >= P_REARRANGED
                new = self._rebook(p, due, cancelled)
                if new is not None:
                    reason = self.pick(P.CANCELLED_REASONS if cancelled else P.REARRANGED_REASONS)
                    out.append(
                        Meeting(
                            kind,
                            p,
                            "Cancelled" if cancelled else "Rearranged",
                            cycle,
                            due,
                            p,
                            reason=reason,
                            owner=owner,
                        )
                    )
                    day = new
                    if end is not None and day >= end:
                        break
                    if day >= ext:
                        out.append(Meeting(kind, day, "Scheduled", cycle, due, p, owner=owner))
                        break
            held += 1
            if stop_after and held >= stop_after:
                out.append(Meeting(kind, day, "Held", cycle, due, p, owner=owner))
                break
            next_due = cal.add_months(day, months(held))
            next_p = self._plan(next_due, day + timedelta(days=28))
            out.append(Meeting(kind, day, "Held", cycle, due, p, next_day=next_p, owner=owner))
            due, p, cycle = next_due, next_p, cycle + 1
        return out

    def build_cla_reviews(self) -> None:
        cal = self.cal
        for person in self.persons:
            for per in person.periods:
                if per.short_breaks:  # reg 48: 3 months from the start, then 6-monthly
                    due = cal.add_months(per.start, 3)
                    months = lambda n: 6  # noqa: E731
                else:  # reg 33: 20 working days, then 3 months, then 6-monthly
                    due = cal.add_wd(per.start, 20)
                    months = lambda n: 3 if n == 1 else 6  # noqa: E731
                p = self._plan(due, cal.add_wd(per.start, 5), first=True)
                per.meetings = self._chain("CLA Review", per, due, p, per.end, months)

    def build_pathway(self) -> None:
        """Six-monthly pathway plan reviews for care leavers aged 18-20 at the extract."""
        cal, ext = self.cal, self.extract
        for person in self.persons:
            last = person.periods[-1]
            eighteen = birthday(person.dob, 18)
            if last.end != eighteen or not (ext - relativedelta(years=3) <= eighteen < ext):
                continue
            if self.random() > 0.25:  # only where the service has IROs chair them
                continue
            person.pa = self.pick(self.pas)
            due = cal.add_months(eighteen, 6)
            p = cal.on_or_after(eighteen + timedelta(days=self.between(30, 150)))
            if p >= ext and due < ext:
                p = cal.on_or_before(ext - DAY)
            p = self._off_extract_day(p, due)
            person.pathway = self._chain("Pathway Plan Review", person, due, p, None, lambda n: 6)

    def _cp_episode(
        self, strategy: date, stop_at: date | None, chair: str, team: str, sw: str
    ) -> CPPlan:
        cal, ext = self.cal, self.extract
        due = cal.add_wd(strategy, 15)
        late = self.random() < 0.1
        icpc = cal.add_wd(strategy, self.between(16, 24) if late else self.between(6, 15))
        icpc = self._off_extract_day(icpc, max(due, icpc))
        plan = CPPlan(strategy, None, None, chair, team, sw)
        if icpc >= ext:
            if due < ext:
                icpc = cal.on_or_before(ext - DAY)
            else:
                icpc = min(icpc, due)
                plan.meetings = [Meeting("ICPC", icpc, "Scheduled", 0, due, icpc, owner=plan)]
                return plan
        plan.start = icpc
        n_rcpc = self.pick((1, 2, 2, 3, 3, 4))
        due1 = cal.add_months(icpc, 3)
        p = self._plan(due1, icpc + timedelta(days=42))
        chain = self._chain("RCPC", plan, due1, p, stop_at, lambda n: 6, stop_after=n_rcpc)
        for m in chain:
            m.cycle += 1
        plan.meetings = [Meeting("ICPC", icpc, "Held", 0, due, icpc, next_day=p, owner=plan)]
        plan.meetings += chain
        last = chain[-1] if chain else None
        if last is not None and last.status == "Held" and last.next_day is None:
            plan.end = last.day  # ended at a review conference
        elif stop_at is not None:
            plan.end = stop_at  # ended when the child became looked after
        return plan

    def build_cp(self) -> None:
        rng, ext = self.rng, self.extract
        target = round(60 * self.scale)
        # About a third: children who later came into care (plan ended when they did).
        candidates = [
            p
            for p in self.persons
            if ext - relativedelta(years=4) < p.periods[0].start < ext - timedelta(days=60)
            and not p.periods[0].short_breaks
            and not p.uasc
            and age_on(p.dob, p.periods[0].start) >= 1
        ]
        chosen = rng.sample(candidates, min(len(candidates), round(target * 0.3)))
        chosen.sort(key=lambda p: p.pid)
        count = 0
        for person in chosen:
            start = person.periods[0].start
            strategy = self.cal.on_or_after(start - timedelta(days=self.between(60, 320)))
            strategy = max(strategy, self.cal.on_or_after(person.dob + timedelta(days=14)))
            if strategy >= start - timedelta(days=40):
                continue
            team = self.pick(P.TEAMS_CP)
            chair = self._pick_iro()
            plan = self._cp_episode(
                strategy, start, chair, team, self.pick(self.social_workers[team])
            )
            if plan.start is None:
                continue
            person.cp.append(plan)
            person.cp_team = team
            count += 1
        # The rest: children on plans who are not looked after (sibling groups share dates).
        recent = self._quota(2)  # strategy discussions in the last fortnight: ICPC booked
        groups = 0
        while count < target:
            size = min(target - count, 1 if self.random() < 0.6 else self.pick((2, 2, 3)))
            if recent > 0:
                recent -= 1
                size = 1
                days = self.between(2, 12)
            else:
                days = int(self.random() ** 1.5 * 3.2 * 365)
            strategy = self.cal.on_or_after(ext - timedelta(days=days))
            if strategy >= ext:
                strategy = self.cal.on_or_before(ext - timedelta(days=3))
            team = self.pick(P.TEAMS_CP)
            chair = self._pick_iro()
            sw = self.pick(self.social_workers[team])
            template = self._cp_episode(strategy, None, chair, team, sw)
            groups += 1
            heritage = self._pick_heritage()
            while heritage in P.UASC:
                heritage = self._pick_heritage()
            age = self.between(0, 14)
            surname = None
            taken: list[str] = []
            for _ in range(size):
                dob = self._dob(strategy, age)
                person = self._new_person(
                    heritage, self._gender(), dob, surname, extended=True, taken=tuple(taken)
                )
                taken.append(person.forename)
                surname = surname or person.surname
                plan = CPPlan(template.strategy, template.start, template.end, chair, team, sw)
                plan.group = groups
                plan.meetings = [
                    Meeting(
                        m.kind,
                        m.day,
                        m.status,
                        m.cycle,
                        m.due,
                        m.planned,
                        m.next_day,
                        m.reason,
                        owner=plan,
                    )
                    for m in template.meetings
                ]
                person.cp.append(plan)
                person.cp_team = team
                self.cp_only.append(person)
                count += 1
                age = max(0, age - self.between(1, 4))

    # ----------------------------------------------------------------- faults
    def _quota(self, default: int) -> int:
        return max(1, round(default * self.scale))

    def _make_overdue(self, meetings: list[Meeting], last_held: Meeting, rebook: bool) -> None:
        """Turn the last held meeting (due recently) into one that did not happen."""
        cal, ext = self.cal, self.extract
        cycle = last_held.cycle
        keep = [m for m in meetings if m.cycle < cycle]
        cancelled = self.random() < 0.4
        reasons = P.CANCELLED_REASONS if cancelled else P.REARRANGED_REASONS
        keep.append(
            Meeting(
                last_held.kind,
                last_held.planned,
                "Cancelled" if cancelled else "Rearranged",
                cycle,
                last_held.due,
                last_held.planned,
                reason=self.pick(reasons),
                owner=last_held.owner,
            )
        )
        if rebook:
            day = cal.add_wd(ext, self.between(2, 15))
            keep.append(
                Meeting(
                    last_held.kind,
                    day,
                    "Scheduled",
                    cycle,
                    last_held.due,
                    last_held.planned,
                    owner=last_held.owner,
                )
            )
        meetings[:] = keep

    def plant_faults(self) -> None:
        rng, cal, ext = self.rng, self.cal, self.extract
        window = ext - timedelta(days=40)
        cp_window = ext - timedelta(days=120)  # fewer plans: look further back
        # 1. Children looked after today whose review is overdue, nothing held since.
        open_pers = [(p, p.periods[-1]) for p in self.persons if p.periods[-1].end is None]
        cands = []
        for person, per in open_pers:
            held = [m for m in per.meetings if m.status == "Held"]
            if held and window <= held[-1].due < ext and held[-1].planned < ext:
                cands.append((person, per, held[-1]))
        picked = rng.sample(cands, min(len(cands), self._quota(6)))
        picked.sort(key=lambda c: c[0].pid)
        for i, (_person, per, last) in enumerate(picked):
            self._make_overdue(per.meetings, last, rebook=i % 6 != 2)
        self.planted["overdue"] = [c[0].pid for c in picked]
        overdue = set(self.planted["overdue"])
        # 2. Next review booked after its due date (due in the future).
        cands = []
        for person, per in open_pers:
            if person.pid in overdue or not per.meetings:
                continue
            last = per.meetings[-1]
            if last.status == "Scheduled" and last.due > ext + DAY:
                cands.append((person, per, last))
        picked = rng.sample(cands, min(len(cands), self._quota(4)))
        picked.sort(key=lambda c: c[0].pid)
        for _person, per, last in picked:
            new = cal.add_wd(last.due, self.between(1, 10))
            if last.day == last.planned:
                for m in reversed(per.meetings):
                    if m.status == "Held":
                        m.next_day = new
                        break
                last.planned = new
            last.day = new
        self.planted["booked_late"] = [c[0].pid for c in picked]
        # 3. Child protection plans whose review conference is overdue. Brothers and
        # sisters share their conferences, so a sibling group is overdue together.
        groups: dict[int, list[tuple[Person, CPPlan]]] = {}
        for person in self.cp_only:
            plan = person.cp[0]
            groups.setdefault(plan.group, []).append((person, plan))
        cands = []
        for members in groups.values():
            plan = members[0][1]
            if plan.end is not None or plan.start is None:
                continue
            held = [m for m in plan.meetings if m.status == "Held"]
            if held[-1].kind == "RCPC" and cp_window <= held[-1].due < ext:
                cands.append(members)
        rng.shuffle(cands)
        left, picked = self._quota(2), []
        for members in cands:
            if len(members) <= left:
                left -= len(members)
                picked.append(members)
        for i, members in enumerate(picked):
            first = members[0][1]
            last = [m for m in first.meetings if m.status == "Held"][-1]
            self._make_overdue(first.meetings, last, rebook=i % 2 == 0)
            for _person, plan in members[1:]:
                plan.meetings = [
                    Meeting(
                        m.kind,
                        m.day,
                        m.status,
                        m.cycle,
                        m.due,
                        m.planned,
                        m.next_day,
                        m.reason,
                        owner=plan,
                    )
                    for m in first.meetings
                ]
        self.planted["rcpc_overdue"] = sorted(p.pid for members in picked for p, _ in members)

    # ------------------------------------------------------ yearly variation
    def vary_timeliness(self) -> None:
        """Variation the yearly figures need, from a separate seeded stream.

        Moves some held reviews (late ones to in time, some in the dip month and
        at the end of March to late) without moving any other meeting, so the
        next review stays in time and the chains' ends (today's overdue list) do
        not change; makes some more initial conferences late; gives some children
        an earlier child protection plan (repeat plans) and keeps a few plans open
        for years. Runs after the review IDs are given; new meetings get new IDs.
        """
        t = self.timing = random.Random(self.seed * 1_000_003 + TIMING_SALT)
        planted = {pid for key in ("overdue", "booked_late", "rcpc_overdue")
                   for pid in self.planted.get(key, [])}  # fmt: skip
        for person in self.persons:
            if person.pid in planted:
                continue
            for per in person.periods:
                for i, m in enumerate(per.meetings):
                    if m.status != "Held":
                        continue
                    due = self._cla_due(per, i)
                    u = t.random()
                    if m.day > due:
                        if u < P_FIX_LATE:
                            back = (self.cal.on_or_before(due) - m.day).days
                            self._move(person, per.meetings, i, back, per.start, per.end, due)
                    elif (m.day.year, m.day.month) == DIP_MONTH and u < P_DIP_LATE:
                        late = self._late_by(t, m.day, due)
                        new = m.day + timedelta(days=late)
                        if (new.year, new.month) == DIP_MONTH:  # late, in the same month
                            self._move(person, per.meetings, i, late, per.start, per.end, due)
                    elif (
                        (due.month, due.year, m.day.month) == (3, m.day.year, 3)
                        and due.day >= 10
                        and u < P_MARCH_SLIP
                    ):  # held in April instead: not held when the year closed
                        late = self._late_by(t, m.day, date(due.year, 4, 1) - DAY)
                        self._move(person, per.meetings, i, late, per.start, per.end, due)
        groups = self._cp_groups()
        for members in groups:
            if any(p.pid in planted for p, _ in members):
                continue
            plan = members[0][1]
            icpc = plan.meetings[0] if plan.meetings else None
            if icpc is None or icpc.status != "Held" or t.random() >= P_ICPC_LATE:
                continue
            due = self.cal.add_wd(plan.strategy, 15)
            if icpc.day > due:
                continue
            shift = self._late_by(t, icpc.day, due)
            if all(self._can_move(p, pl.meetings, 0, shift, pl.strategy, pl.end)
                   for p, pl in members):  # fmt: skip
                for _p, pl in members:
                    pl.meetings[0].day += timedelta(days=shift)
                    pl.start = pl.meetings[0].day
        self._repeat_plans(t, groups, planted)
        self._long_plans(t, groups, planted)
        extra = [
            (m.day, person.pid, k, m)
            for person in self.persons + self.cp_only
            for plan in person.cp
            for k, m in enumerate(plan.meetings)
            if m.extra
        ]
        extra.sort(key=lambda e: e[:3])
        first = 4_100_001 + sum(1 for _ in self._all_meetings())
        for k, (_, _, _, m) in enumerate(extra):
            m.rid = str(first + k)

    def _all_meetings(self):
        for person in self.persons + self.cp_only:
            for per in person.periods:
                yield from per.meetings
            yield from person.pathway
            for plan in person.cp:
                yield from (m for m in plan.meetings if not m.extra)

    def _cla_due(self, per: Period, i: int) -> date:
        """The statutory date of the i-th meeting of a period (from the held ones before it)."""
        held = [m.day for m in per.meetings[:i] if m.status == "Held"]
        if not held:
            if per.short_breaks:
                return self.cal.add_months(per.start, 3)
            return self.cal.add_wd(per.start, 20)
        months = 3 if len(held) == 1 and not per.short_breaks else 6
        return self.cal.add_months(held[-1], months)

    @staticmethod
    def _late_by(t: random.Random, day: date, due: date) -> int:
        """Whole weeks (the same weekday) that take ``day`` past ``due``, plus 0-2 weeks."""
        weeks = (due - day).days // 7 + 1
        return 7 * (weeks + int(t.random() * 3))

    def _can_move(self, person: Person, meetings: list[Meeting], i: int, shift: int,
                  floor: date, end: date | None) -> bool:  # fmt: skip
        """Whether meeting i (with the rearranged or cancelled ones of its cycle just
        before it, when moving back) can move ``shift`` days and stay believable."""
        m = meetings[i]
        new = m.day + timedelta(days=shift)
        later_held = any(x.status == "Held" for x in meetings[i + 1 :])
        if not later_held or new <= floor:
            return False
        if new >= self.extract or (end is not None and new >= end):
            return False
        k = self._cycle_start(meetings, i) if shift < 0 else i
        last_held = next((x.day for x in reversed(meetings[:k]) if x.status == "Held"), None)
        first = meetings[k].day + timedelta(days=shift)
        if last_held is not None and first <= last_held + timedelta(days=28):
            return False
        if k > 0 and meetings[k].day + timedelta(days=shift) <= meetings[k - 1].day:
            return False
        if new >= meetings[i + 1].day - timedelta(days=28):
            return False
        if m.next_day is not None and m.next_day <= new:
            return False
        for x in meetings[k : i + 1]:
            moved = x.day + timedelta(days=shift)
            if not self.cal.is_working(moved) or age_on(person.dob, moved) != age_on(
                person.dob, x.day
            ):
                return False
        return True

    @staticmethod
    def _cycle_start(meetings: list[Meeting], i: int) -> int:
        """The first meeting after the held one before meeting i (its cycle's first booking)."""
        k = i
        while k > 0 and meetings[k - 1].status != "Held":
            k -= 1
        return k

    def _move(self, person: Person, meetings: list[Meeting], i: int, shift: int,
              floor: date, end: date | None, due: date) -> None:  # fmt: skip
        """Move held review i by ``shift`` days; when that would make the next held review
        late, move that one too (and so on), or nothing if one of them cannot move."""
        if not shift:
            return
        moving, j = [], i
        while True:
            if not self._can_move(person, meetings, j, shift, floor, end):
                return
            moving.append(j)
            old = meetings[j].day
            new = old + timedelta(days=shift)
            nxt = next(k for k in range(j + 1, len(meetings)) if meetings[k].status == "Held")
            months = 3 if sum(x.status == "Held" for x in meetings[:j]) == 0 else 6
            if isinstance(meetings[j].owner, Period) and meetings[j].owner.short_breaks:
                months = 6
            add = self.cal.add_months
            if not add(new, months) < meetings[nxt].day <= add(old, months):
                break
            j = nxt  # the next review would turn late: it moves as well
        for j in moving:
            for x in meetings[self._cycle_start(meetings, j) if shift < 0 else j : j + 1]:
                x.day += timedelta(days=shift)

    def _cp_groups(self) -> list[list[tuple[Person, CPPlan]]]:
        """Children on the same plan (brothers and sisters share one conference), in order."""
        groups: dict[int, list[tuple[Person, CPPlan]]] = {}
        for person in self.cp_only:
            groups.setdefault(person.cp[0].group, []).append((person, person.cp[0]))
        return list(groups.values())

    def _copy_plan(self, plan: CPPlan, group: int) -> CPPlan:
        copy = CPPlan(plan.strategy, plan.start, plan.end, plan.chair, plan.team, plan.sw)
        copy.group = group
        copy.meetings = [
            Meeting(
                m.kind,
                m.day,
                m.status,
                m.cycle,
                m.due,
                m.planned,
                m.next_day,
                m.reason,
                owner=copy,
                extra=True,
            )  # fmt: skip
            for m in plan.meetings
        ]
        return copy

    def _conference_chain(self, t: random.Random, icpc: date, rcpcs: int) -> list[date]:
        """Held review conferences after an ICPC: 3 months, then 6-monthly, a little early."""
        days, due = [], self.cal.add_months(icpc, 3)
        last = icpc
        for _ in range(rcpcs):
            d = self.cal.on_or_before(due - timedelta(days=int(t.random() * 21)))
            d = max(d, self.cal.on_or_after(last + timedelta(days=42)))
            days.append(d)
            last, due = d, self.cal.add_months(d, 6)
        return days

    def _repeat_plans(self, t: random.Random, groups, planted: set[str]) -> None:
        """An earlier plan, ended some months or years before, for some children on plans."""
        cal = self.cal
        for members in groups:
            plan = members[0][1]
            if plan.start is None or plan.start < date(2023, 10, 1) or t.random() >= P_REPEAT:
                continue
            within = t.random() < P_REPEAT_WITHIN_2Y
            gap = 90 + int(t.random() * 600) if within else 760 + int(t.random() * 700)
            rcpcs = 1 + int(t.random() * 4)
            months = 3 + 6 * (rcpcs - 1)
            end_goal = plan.start - timedelta(days=gap)
            strategy = cal.on_or_after(cal.add_months(end_goal, -months) - timedelta(days=20))
            if any(strategy < p.dob + timedelta(days=30) for p, _ in members):
                continue
            late = t.random() < 0.2
            days_to_icpc = 16 + int(t.random() * 4) if late else 7 + int(t.random() * 9)
            icpc = cal.add_wd(strategy, days_to_icpc)
            days = self._conference_chain(t, icpc, rcpcs)
            if days[-1] >= plan.strategy - timedelta(days=14):
                continue
            chair = self.iro_names[int(t.random() * len(self.iro_names))]
            earlier = CPPlan(strategy, icpc, days[-1], chair, plan.team, plan.sw)
            dates = [icpc, *days]
            for k, d in enumerate(dates):
                nxt = dates[k + 1] if k + 1 < len(dates) else None
                earlier.meetings.append(
                    Meeting(
                        "ICPC" if k == 0 else "RCPC",
                        d,
                        "Held",
                        k,
                        d,
                        d,
                        nxt,
                        owner=earlier,
                        extra=True,
                    )  # fmt: skip
                )
            for person, _ in members:
                person.cp.append(self._copy_plan(earlier, plan.group))

    def _long_plans(self, t: random.Random, groups, planted: set[str]) -> None:
        """A few plans that went on: some still open after years, some ended after 2 years."""
        cal, ext = self.cal, self.extract
        cands = []
        for members in groups:
            plan = members[0][1]
            if any(p.pid in planted for p, _ in members) or plan.start is None:
                continue
            held = [m for m in plan.meetings if m.status == "Held"]
            if plan.end is None or held[-1].kind != "RCPC" or plan.end != held[-1].day:
                continue
            if ext - timedelta(days=1300) <= plan.start <= ext - timedelta(days=560):
                cands.append(members)
        t.shuffle(cands)
        wanted = {"open": LONG_OPEN, "ended": LONG_ENDED}
        for members in cands:
            plan = members[0][1]
            old_enough = plan.start <= ext - timedelta(days=820)
            kind = "ended" if old_enough and wanted["ended"] else "open"
            if not wanted[kind]:
                continue
            keep_open = kind == "open"
            last = plan.meetings[-1]
            added: list[Meeting] = []
            due = cal.add_months(last.day, 6)
            while True:
                d = cal.on_or_before(due - timedelta(days=int(t.random() * 21)))
                if d >= ext:
                    d = max(d, cal.on_or_after(ext + DAY))
                    added.append(Meeting("RCPC", d, "Scheduled", last.cycle + len(added) + 1,
                                         due, d, extra=True))  # fmt: skip
                    break
                added.append(Meeting("RCPC", d, "Held", last.cycle + len(added) + 1, due, d,
                                     extra=True))  # fmt: skip
                due = cal.add_months(d, 6)
                if not keep_open and (d - plan.start).days >= 760:
                    break
            if keep_open != (added[-1].status == "Scheduled"):
                continue  # ended before today, or still going today: not what was wanted
            wanted[kind] -= 1
            for _person, pl in members:
                own = [
                    Meeting(
                        m.kind,
                        m.day,
                        m.status,
                        m.cycle,
                        m.due,
                        m.planned,
                        None,
                        owner=pl,
                        extra=True,
                    )  # fmt: skip
                    for m in added
                ]
                held = [pl.meetings[-1], *[m for m in own if m.status == "Held"]]
                for a, b in zip(held, [*own][: len(held)], strict=False):
                    a.next_day = b.day
                pl.meetings += own
                pl.end = None if keep_open else own[-1].day

    # ------------------------------------------------------ participation codes
    def assign_participation(self) -> None:
        rng = self.rng
        codes, weights = list(PN_WEIGHTS), list(PN_WEIGHTS.values())
        over4, under4 = [], []
        for person in self.persons:
            for per in person.periods:
                for m in per.meetings:
                    m.chair = per.iro if self.random() < 0.93 else self.pick(self.iro_names)
                    if m.status in ("Held", "Scheduled") and self.random() < 0.02:
                        m.time = self.pick(("09:30", "10:00", "11:00", "13:30", "14:00", "15:45"))
                    if m.status != "Held":
                        continue
                    if age_on(person.dob, m.day) < 4:
                        m.pn = "PN0"
                        under4.append((person, m))
                    else:
                        m.pn = rng.choices(codes, weights=weights)[0]
                        over4.append((person, m))
                    m.pn_text = self.random() < 0.04
        recent = self.extract - relativedelta(years=2)
        # Data-quality slips the DfE-style checks should find (SSDA903 review rules).
        young4 = [c for c in over4 if age_on(c[0].dob, c[1].day) == 4 and c[1].day >= recent]
        old3 = [c for c in under4 if age_on(c[0].dob, c[1].day) == 3 and c[1].day >= recent]
        rest = [c for c in over4 if c[1].day >= recent]
        slips = {
            "pn0_over4": (young4, 3, "PN0"),
            "pn_under4": (old3, 2, None),
            "pn_missing": (rest, 2, ""),
        }
        used: set[int] = set()
        for key, (pool, k, code) in slips.items():
            pool = [c for c in pool if id(c[1]) not in used]
            picked = rng.sample(pool, min(len(pool), self._quota(k)))
            for _person, m in picked:
                used.add(id(m))
                m.pn = self.pick(("PN1", "PN6", "PN7")) if code is None else code
                m.pn_text = False
            self.planted[key] = sorted(c[0].pid for c in picked)

    # ------------------------------------------------------------ review IDs
    def assign_review_ids(self) -> list[Meeting]:
        everyone = self.persons + self.cp_only
        allm: list[tuple[date, str, int, Meeting]] = []
        seq = 0
        for person in everyone:
            for per in person.periods:
                for m in per.meetings:
                    allm.append((m.day, person.pid, seq, m))
                    seq += 1
            for m in person.pathway:
                allm.append((m.day, person.pid, seq, m))
                seq += 1
            for plan in person.cp:
                for m in plan.meetings:
                    allm.append((m.day, person.pid, seq, m))
                    seq += 1
        allm.sort(key=lambda t: (t[0], t[1], t[2]))
        for i, (_, _, _, m) in enumerate(allm):
            m.rid = str(4_100_001 + i)
        held_cla = [t[3] for t in allm if t[3].kind == "CLA Review" and t[3].status == "Held"]
        dupes = self.rng.sample(held_cla, min(3, len(held_cla)))
        self.duplicates = {m.rid for m in dupes}
        return [t[3] for t in allm]

    # ---------------------------------------------------------------- disputes
    def build_disputes(self) -> None:
        rng, cal, ext = self.rng, self.cal, self.extract
        target = round(80 * self.scale)
        since = ext - relativedelta(years=3)
        pool = []
        for person in self.persons:
            for per in person.periods:
                lo = max(per.start + timedelta(days=14), since)
                hi = min(per.end or ext, ext) - DAY
                if hi > lo:
                    pool.append((person, per.iro, lo, hi))
        cp_pool = []
        for person in self.cp_only:
            plan = person.cp[0]
            if plan.start is not None:
                hi = min(plan.end or ext, ext) - DAY
                if hi > plan.start:
                    cp_pool.append((person, plan.chair, plan.start, hi))
        if not pool:
            return
        levels = list(P_DRP_LEVELS)
        rows: list[tuple[date, list[str]]] = []
        forced = list(levels)
        while len(rows) < target:
            src = cp_pool if cp_pool and self.random() < 0.1 else pool
            person, iro, lo, hi = self.pick(src)
            span = (hi - lo).days
            raised = cal.on_or_before(
                lo + timedelta(days=int(span * max(self.random(), self.random())))
            )
            if raised < lo:
                continue
            level = forced.pop(0) if forced else rng.choices(levels, weights=DRP_WEIGHTS)[0]
            theme = (
                self.pick(P.PA_THEMES)
                if level == "Practice Acknowledgement"
                else self.pick(P.DRP_THEMES)
            )
            while True:
                rows.append((raised, self._dispute_row(person, iro, raised, level, theme)))
                row = rows[-1][1]
                nxt = LEVEL_NEXT.get(level)
                if nxt is None or not row[7] or self.random() > 0.25 or len(rows) >= target:
                    break
                row[8] = f"Not resolved at this stage: escalated to {nxt}."
                raised = cal.on_or_after(date_from(row[7]) + DAY)
                if raised >= ext:
                    break
                level = nxt
        rows.sort(key=lambda t: t[0])
        for i, (_, row) in enumerate(rows, start=1):
            row[0] = f"DRP{i:05d}"
        self.disputes = [row for _, row in rows]

    def _dispute_row(
        self, person: Person, iro: str, raised: date, level: str, theme: str
    ) -> list[str]:
        cal, ext = self.cal, self.extract
        fmt = cal.fmt
        if level == "Practice Acknowledgement":
            resolved = raised if self.random() < 0.7 else None
            outcome = "Acknowledgement sent to the social worker and team manager."
            return ["", person.pid, iro, fmt(raised), level, theme, "", fmt(resolved), outcome]
        due = cal.add_wd(raised, 10 if level == "Informal" else 5)
        due_txt = "" if level == "Informal" and self.random() < 0.3 else fmt(due)
        took = self.between(1, 8) if self.random() < 0.75 else self.between(9, 30)
        resolved = cal.add_wd(raised, took)
        open_case = resolved >= ext or self.random() < 0.05
        if open_case:
            outcome = self.pick(
                ("", "Awaiting response from the team manager.", "Chased by email; no reply yet.")
            )
            return ["", person.pid, iro, fmt(raised), level, theme, due_txt, "", outcome]
        outcome = self.pick(DRP_OUTCOMES.get(theme, DRP_GENERIC))
        return ["", person.pid, iro, fmt(raised), level, theme, due_txt, fmt(resolved), outcome]

    # ------------------------------------------------- report pack (issue 12)
    def build_report_extras(self) -> None:
        """Caseload, changes of IRO and disputes for ``iro caseload/disputes/report``.

        Drawn from their own seeded stream (never ``self.rng``, which the free text
        of ``write`` still reads), so every row made before stays as it was: one IRO
        is given more children than 70 per FTE, a few children had three changes of
        IRO in the last year, and disputes and practice acknowledgements are added to
        the two financial years before the extract's (about a third acknowledgements).
        """
        rng = random.Random(self.seed * 1_000_003 + 12)
        self._spans_in: dict[tuple[date, date], list] = {}
        self.planted["chair_changes"] = self._change_chairs(rng)
        self.planted["crowded_iro"] = [self._crowd_one_iro(rng)]
        self._more_disputes(rng)

    def _looked_after(self, day: date) -> list[tuple[Person, Period]]:
        return [
            (person, per)
            for person in self.persons
            for per in person.periods
            if per.start <= day and (per.end is None or per.end > day)
        ]

    def _change_chairs(self, rng: random.Random) -> list[str]:
        """Three changes of chair in the last 12 months for a few children new to care."""
        ext = self.extract
        since = ext - relativedelta(months=12)
        pool = []
        for person, per in self._looked_after(ext):
            held = [m for m in per.meetings if m.kind == "CLA Review" and m.status == "Held"]
            recent = [m for m in held if since < m.day <= ext]
            before = [
                m
                for p in person.periods
                for m in p.meetings
                if m.kind == "CLA Review" and m.status == "Held" and m.day <= since
            ]
            if len(recent) >= 3 and before and person.periods[-1] is per:
                pool.append((person, per, recent, before[-1]))
        picked = rng.sample(pool, min(len(pool), max(3, round(3 * self.scale))))
        for _person, per, recent, prior in picked:
            chairs = [prior.chair or per.iro]
            for _ in recent:
                chairs.append(rng.choice([n for n in self.iro_names if n not in chairs[-2:]]))
            chairs = chairs[1:]  # each review chaired by someone other than the one before
            for m, chair in zip(recent, chairs, strict=True):
                m.chair = chair
            later = [m for m in per.meetings if m.day > ext]
            for m in later:
                m.chair = chairs[-1]
            per.iro = chairs[-1]
        return sorted(person.pid for person, *_ in picked)

    def _crowd_one_iro(self, rng: random.Random) -> str:
        """Move children to the last half-time IRO until they have more than 70 per FTE."""
        ext = self.extract
        half = [name for name, fte, _ in self.iros if fte == 0.5]
        crowded = half[-1] if half else self.iro_names[-1]
        fte = dict((name, fte) for name, fte, _ in self.iros)[crowded]
        current = [(p, per) for p, per in self._looked_after(ext) if p.periods[-1] is per]
        have = sum(per.iro == crowded for _, per in current)
        want = int(fte * 72) + 1
        others = [(p, per) for p, per in current if per.iro != crowded and not p.pathway]
        for _person, per in rng.sample(others, max(0, min(len(others), want - have))):
            per.iro = crowded
            for m in per.meetings:
                if m.day > ext:
                    m.chair = crowded
        return crowded

    def _more_disputes(self, rng: random.Random) -> None:
        """Disputes in the two financial years before the extract's, and practice
        acknowledgements to about a third of all alerts in every year."""
        cal, ext = self.cal, self.extract
        fy = ext.year if ext.month >= 4 else ext.year - 1
        years = [
            (date(y, 4, 1), date(y + 1, 3, 31), round(42 * self.scale)) for y in (fy - 2, fy - 1)
        ]
        years.append((date(fy, 4, 1), ext - DAY, 0))
        added: list[list[str]] = []
        for start, end, disputes in years:
            for _ in range(disputes):
                raised, person, per = self._alert_day(rng, start, end)
                level = rng.choices(("Informal", "Formal Stage 1"), weights=(70, 30))[0]
                while True:
                    row = self._extra_dispute_row(rng, person, per.iro, raised, level)
                    added.append(row)
                    nxt = LEVEL_NEXT.get(level)
                    if nxt is None or not row[7] or rng.random() > 0.2:
                        break
                    row[8] = f"Not resolved at this stage: escalated to {nxt}."
                    raised = cal.on_or_after(date_from(row[7]) + DAY)
                    if raised >= ext:
                        break
                    level = nxt
            in_year = [r for r in self.disputes + added if start <= date_from(r[3]) <= end]
            acks = sum(r[4] == "Practice Acknowledgement" for r in in_year)
            for _ in range(max(0, (len(in_year) - acks) // 2 - acks)):
                raised, person, per = self._alert_day(rng, start, end)
                added.append(self._ack_row(rng, person, per.iro, raised))
        first = len(self.disputes) + 1
        for i, row in enumerate(added, start=first):
            row[0] = f"DRP{i:05d}"
        rows = self.disputes + added
        rows.sort(key=lambda r: date_from(r[3]))  # stable: the first rows keep their order
        self.disputes = rows

    def _alert_day(self, rng: random.Random, start: date, end: date) -> tuple[date, Person, Period]:
        """A child looked after in ``start``..``end`` and a working day in it when they were."""
        spans = self._spans_in.get((start, end))
        if spans is None:
            spans = self._spans_in[(start, end)] = [
                (person, per, max(start, per.start), min(end, (per.end or end + DAY) - DAY))
                for person in self.persons
                for per in person.periods
                if per.start <= end and (per.end is None or per.end > start)
            ]
        while True:
            person, per, lo, hi = rng.choice(spans)
            if hi < lo:
                continue
            raised = self.cal.on_or_before(lo + timedelta(days=rng.randrange((hi - lo).days + 1)))
            if raised >= lo:
                return raised, person, per

    def _ack_row(self, rng: random.Random, person: Person, iro: str, raised: date) -> list[str]:
        fmt = self.cal.fmt
        theme = rng.choice(P.PA_THEMES)
        outcome = "Acknowledgement sent to the social worker and team manager."
        return ["", person.pid, iro, fmt(raised), "Practice Acknowledgement", theme, "",
                fmt(raised), outcome]  # fmt: skip

    def _extra_dispute_row(
        self, rng: random.Random, person: Person, iro: str, raised: date, level: str
    ) -> list[str]:
        cal, ext = self.cal, self.extract
        fmt = cal.fmt
        theme = rng.choice(P.DRP_THEMES)
        due = cal.add_wd(raised, 5)
        due_txt = "" if rng.random() < 0.4 else fmt(due)
        took = rng.randint(1, 5) if rng.random() < 0.8 else rng.randint(6, 25)
        resolved = cal.add_wd(raised, took)
        if resolved >= ext or rng.random() < 0.04:
            outcome = rng.choice(("Awaiting response from the team manager.", ""))
            return ["", person.pid, iro, fmt(raised), level, theme, due_txt, "", outcome]
        outcome = rng.choice(DRP_OUTCOMES.get(theme, DRP_GENERIC))
        return ["", person.pid, iro, fmt(raised), level, theme, due_txt, fmt(resolved), outcome]

    # ------------------------------------------------------------- free text
    def _words(self, person: Person, period: Period | None, d: date) -> dict[str, str]:
        """Placeholder values for the free-text templates of one meeting."""
        rnd = self.random
        base = person.words.get("")  # pronouns and name, worked out once per child
        if base is None:
            g = person.gender
            he, his, him = (
                ("he", "his", "him")
                if g == "Male"
                else ("she", "her", "her")
                if g == "Female"
                else (person.name, "their", "them")
            )
            base = person.words[""] = {
                "name": person.name,
                "he": he,
                "his": his,
                "him": him,
                "he_cap": he[0].upper() + he[1:],
            }
        w = dict(base)
        w["carer"] = period.carer.split()[0] if period else "Mum"
        w["sw"] = period.sw if period else ""
        w["sib"] = SIBLINGS[int(rnd() * 4)]
        fore = self.staff_fore
        w["friend"] = fore[int(rnd() * len(fore))]
        w["activity"] = P.ACTIVITIES[int(rnd() * len(P.ACTIVITIES))]
        return w

    def _texts_cla(self, person: Person, per: Period, m: Meeting, age: int):
        w = self._words(person, per, m.day)
        code = m.pn
        if code in ("PN7", ""):
            views = self.pick(P.VIEWS_NONE)
        elif age < 4:
            views = self.pick(P.VIEWS_BABY)
        elif age < 8:
            views = self.pick(P.VIEWS_YOUNG)
        elif age < 15:
            views = self.pick(P.VIEWS_OLDER)
        else:
            views = self.pick(P.VIEWS_TEEN + P.VIEWS_OLDER)
        if age < 3:
            good, worry = P.WORKING_WELL_BABY, P.WORRIES_BABY + P.WORRIES[-1:]
        elif age >= 15:
            good, worry = P.WORKING_WELL + P.WORKING_WELL_TEEN, P.WORRIES + P.WORRIES_TEEN
        else:
            good, worry = P.WORKING_WELL, P.WORRIES
        well = self.pick(good)
        if self.random() < 0.4:
            second = self.pick(good)
            if second != well:
                well = f"{well} {second}"
        texts = [t.format(**w) if t else "" for t in (views, well, self.pick(worry))]
        # Attendees.
        parts = []
        if code in ("PN1", "PN2", "PN3", "PN4"):
            parts.append(person.name)
        r = self.random()
        if per.carer_role != "parent":
            if r < 0.55:
                parts.append("Mum")
            if 0.4 < r < 0.7:
                parts.append("Dad")
            if r > 0.93:
                parts.append("Nan")
            parts.append(f"{per.carer} ({per.carer_role})")
        else:
            parts.append("Mum")
        if self.random() < 0.92:
            parts.append(f"{per.sw} (social worker)")
        if code in ("PN2", "PN5"):
            parts.append(f"{self._carer_name()} (advocate)")
        if 5 <= age <= 16 and self.random() < 0.25:
            parts.append(f"{self._carer_name()} (teacher)")
        if age < 2 and self.random() < 0.4:
            parts.append(f"{self._carer_name()} (health visitor)")
        if age >= 16 and self.random() < 0.5:
            parts.append(f"{self.pick(self.pas)} (personal adviser)")
        texts.append("; ".join(parts))
        return texts, w

    def _target(self, m: Meeting) -> date:
        """A target date 2-12 weeks after the meeting, before the next one."""
        hi = 84
        if m.next_day is not None:
            hi = min(hi, (m.next_day - m.day).days - 5)
        hi = max(hi, 15)
        return self.cal.on_or_before(m.day + timedelta(days=self.between(14, hi)))

    def _date_words(self, d: date) -> str:
        if self.random() < 0.5:
            return self.cal.fmt(d)
        return f"{d.day} {MONTHS[d.month - 1]} {d.year}"

    def _recommendations(
        self, per: Period, m: Meeting, age: int, values: dict[str, str], previous: list[list[str]]
    ) -> list[list[str]]:
        """3-6 recommendations: about 45% well written, the rest with a typical fault."""
        rnd, fmt, pick = self.random, self.cal.fmt, self.pick
        carer_full = "Mum" if per.carer_role == "parent" else f"{per.carer} ({per.carer_role})"
        values["carer"] = per.carer
        values["carer_full"] = carer_full
        values["tm"] = self.managers[per.team]
        values["iro"] = m.chair
        out: list[list[str]] = []
        seen: set[str] = set()
        if previous and rnd() < 0.14:  # drift: last time's wording, word for word
            for rec in self.rng.sample(previous, min(len(previous), self.between(1, 2))):
                out.append(list(rec))
                seen.add(rec[0])
        good, bad = self.good_by_age[min(age, 17)], self.bad_by_age[min(age, 17)]
        n = self.between(3, 6)
        tries = 0
        while len(out) < n and tries < 20:
            tries += 1
            if rnd() < 0.46:
                _, _, text, role = pick(good)
                if role in LAZY_ROLES:
                    values[role] = pick(self.pas) if role == "pa" else self._carer_name()
                d = self._target(m)
                values["d"] = self._date_words(d)
                text = text.format_map(values)
                r = rnd()
                if r < 0.6:
                    resp = carer_full if role == "carer" else f"{values[role]} ({ROLE_WORDS[role]})"
                elif r < 0.85:
                    resp = (per.carer_role if role == "carer" else ROLE_WORDS[role]).capitalize()
                else:
                    resp = ""
                target = fmt(d) if rnd() < 0.9 else ""
            else:
                fault, _, _, text, resp, targets = pick(bad)
                choice = pick(targets)
                d = None
                if choice == "date" or "{d}" in text:
                    d = self._target(m)
                    if fault == "late_target":  # before this meeting, or after the next one
                        if rnd() < 0.5:
                            d = m.day - timedelta(days=self.between(30, 200))
                        else:
                            d = (m.next_day or m.day) + timedelta(days=self.between(30, 120))
                    values["d"] = self._date_words(d)
                if "{" in text:
                    text = text.format_map(values)
                if resp == "carer":
                    resp = carer_full
                elif resp == "sw":
                    resp = f"{per.sw} (social worker)"
                target = fmt(d) if choice == "date" else choice
            if text in seen:
                continue
            seen.add(text)
            out.append([text, resp, target])
        return out

    # ------------------------------------------------------------------ write
    def write(self, out: Path) -> None:
        fmt, ext = self.cal.fmt, self.extract
        everyone = sorted(self.persons + self.cp_only, key=lambda p: p.pid)
        cf = CsvOut(out / "children.csv", "cp1252")
        rf = CsvOut(out / "reviews.csv", "utf-8-sig")
        nf = CsvOut(out / "recommendations.csv", "utf-8")
        with cf, rf, nf:
            cw, rw, nw = cf, rf, nf
            cw.writerow(CHILDREN_HEADER)
            rw.writerow(REVIEWS_HEADER)
            nw.writerow(RECS_HEADER)
            for person in everyone:
                for per in person.periods:
                    cw.writerow(
                        [
                            person.pid,
                            person.forename,
                            person.surname,
                            person.preferred,
                            fmt(person.dob),
                            person.gender,
                            person.ethnicity,
                            per.legal,
                            fmt(per.start),
                            fmt(per.end),
                            per.iro,
                            per.team,
                            per.sw,
                            per.placement,
                            "Y" if per.short_breaks else "N",
                            person.language,
                        ]
                    )
                meetings = [m for per in person.periods for m in per.meetings]
                meetings += person.pathway
                meetings += [m for plan in person.cp for m in plan.meetings]
                meetings.sort(key=lambda m: (m.day, int(m.rid)))
                previous: list[list[str]] = []
                prev_period = None
                for m in meetings:
                    if m.extra:  # its words come from the variation's own stream
                        main, self.random = self.random, self.timing.random
                        row = self._review_row(person, m)
                        self.random = main
                    else:
                        row = self._review_row(person, m)
                    rw.writerow(row)
                    if m.rid in self.duplicates:
                        rw.writerow(row)
                    if m.kind == "CLA Review" and m.status == "Held":
                        per = m.owner
                        if per is not prev_period:
                            previous, prev_period = [], per
                        recs = self._recommendations(
                            per, m, age_on(person.dob, m.day), self._last_words, previous
                        )
                        for i, (text, resp, target) in enumerate(recs, start=1):
                            nw.writerow([m.rid, person.pid, str(i), text, resp, target])
                        previous = recs
                cf.flush_if_full()
                rf.flush_if_full()
                nf.flush_if_full()
        with (out / "cp_plans.csv").open("w", encoding="utf-8", newline="") as f:
            w = csv.writer(f)
            w.writerow(CP_HEADER)
            plans = [
                (plan.strategy, person.pid, person, plan)
                for person in everyone
                for plan in person.cp
            ]
            plans.sort(key=lambda t: (t[0], t[1]))
            for _, _, person, plan in plans:
                w.writerow(
                    [
                        person.pid,
                        fmt(plan.strategy),
                        fmt(plan.start),
                        fmt(plan.end),
                        plan.chair,
                        person.forename,
                        person.surname,
                        fmt(person.dob),
                        plan.team,
                    ]
                )
        with (out / "disputes.csv").open("w", encoding="utf-8", newline="") as f:
            w = csv.writer(f)
            w.writerow(DISPUTES_HEADER)
            w.writerows(self.disputes)
            w.writerow([f"Total rows: {len(self.disputes)}"])
        with (out / "iros.csv").open("w", encoding="utf-8", newline="") as f:
            w = csv.writer(f)
            w.writerow(IROS_HEADER)
            for i, (name, fte, team) in enumerate(self.iros):
                w.writerow([name, email(name), f"01632 96{i % 1000:04d}", f"{fte:.1f}", team])
        (out / "extract.toml").write_bytes(
            (
                "# Entirely fictional data: every name, ID, date and record in this directory\r\n"
                "# was invented by sample_exports/generate.py. Any likeness to a real child,\r\n"
                "# family or worker is coincidence.\r\n"
                f"extract_date = {ext.isoformat()}\r\n"
                "fictional = true\r\n"
                f'generated_by = "python sample_exports/generate.py --children {self.n} '
                f'--seed {self.seed}"\r\n'
            ).encode()
        )

    def _review_row(self, person: Person, m: Meeting) -> list[str]:
        fmt = self.cal.fmt
        when = fmt(m.day) + (f" {m.time}" if m.time else "")
        base = [m.rid, person.pid, m.kind, when, m.status]
        if m.kind == "CLA Review":
            per: Period = m.owner
            chair = m.chair or per.iro
            if m.status != "Held":
                return base + [chair, "", "", m.reason, "", "", "", ""]
            age = age_on(person.dob, m.day)
            texts, words = self._texts_cla(person, per, m, age)
            self._last_words = words
            code = PN_DESCRIPTIONS[m.pn] if m.pn and m.pn_text else m.pn
            return base + [chair, code, fmt(m.next_day), "", *texts]
        if m.kind == "Pathway Plan Review":
            chair = person.periods[-1].iro  # the personal adviser attends
            if m.status != "Held":
                return base + [chair, "", "", m.reason, "", "", "", ""]
            w = self._words(person, person.periods[-1], m.day)
            views = self.pick(P.VIEWS_TEEN).format(**w)
            well = self.pick(P.WORKING_WELL_TEEN).format(**w)
            worry = self.pick(P.WORRIES_TEEN + ("",)).format(**w)
            attendees = f"{person.name}; {person.pa} (personal adviser)"
            return base + [chair, "", fmt(m.next_day), "", views, well, worry, attendees]
        plan: CPPlan = m.owner
        if m.status != "Held":
            return base + [plan.chair, "", "", m.reason, "", "", "", ""]
        w = self._words(person, None, m.day)
        w["sw"] = plan.sw
        views = self.pick(P.CP_VIEWS).format(**w) if age_on(person.dob, m.day) >= 3 else ""
        well = self.pick(P.CP_WORKING_WELL).format(**w)
        worry = self.pick(P.CP_WORRIES).format(**w)
        parts = ["Mum"] + (["Dad"] if self.random() < 0.5 else [])
        parts += [f"{plan.sw} (social worker)", "Police", "School"]
        if self.random() < 0.6:
            parts.append("Health visitor" if age_on(person.dob, m.day) < 5 else "School nurse")
        return base + [plan.chair, "", fmt(m.next_day), "", views, well, worry, "; ".join(parts)]

    def run(self, out: Path) -> None:
        self.build_children()
        self.build_cla_reviews()
        self.build_pathway()
        self.build_cp()
        self.plant_faults()
        self.assign_participation()
        self.assign_review_ids()
        self.vary_timeliness()
        self.build_disputes()
        self.build_report_extras()
        self.write(out)


SIBLINGS = ("brother", "sister", "little brother", "big sister")
LAZY_ROLES = ("teacher", "pa", "hv")
ROLE_WORDS = {
    "sw": "social worker",
    "carer": "foster carer",
    "teacher": "class teacher",
    "tm": "team manager",
    "iro": "reviewing officer",
    "pa": "personal adviser",
    "hv": "health visitor",
}
P_DRP_LEVELS = (
    "Informal",
    "Formal Stage 1",
    "Formal Stage 2",
    "Formal Stage 3",
    "Formal Stage 4",
    "Practice Acknowledgement",
)
DRP_WEIGHTS = (45, 20, 8, 3, 1, 23)
LEVEL_NEXT = {
    "Informal": "Formal Stage 1",
    "Formal Stage 1": "Formal Stage 2",
    "Formal Stage 2": "Formal Stage 3",
    "Formal Stage 3": "Formal Stage 4",
}
DRP_GENERIC = (
    "Resolved at this stage: actions agreed with the team manager.",
    "Team manager replied with an action plan and dates; IRO satisfied.",
    "Resolved after a meeting between the IRO and the service manager.",
)
DRP_OUTCOMES = {
    "Care planning drift": (
        "Plan for permanence agreed at panel; timetable shared with the IRO.",
        *DRP_GENERIC,
    ),
    "Delay in assessment": ("Assessment allocated to a named worker and completed.", *DRP_GENERIC),
    "Contact/family time arrangements": (
        "Family time with Dad restarted every two weeks.",
        "Sibling family time now happens monthly.",
        *DRP_GENERIC,
    ),
    "Education": (
        "School place found; child started on a full timetable.",
        "Personal education plan meeting held and tutor funded.",
        *DRP_GENERIC,
    ),
    "Health assessment overdue": ("Health assessment completed.", *DRP_GENERIC),
    "Placement stability": (
        "Extra support agreed for the carers; stability meeting held.",
        *DRP_GENERIC,
    ),
}


class CsvOut:
    """A CSV file written in large chunks (the codec is then called once per chunk).

    Rows use the csv module's defaults: minimal quoting and CRLF line endings, as
    Windows exports have.
    """

    def __init__(self, path: Path, encoding: str) -> None:
        self.file = path.open("w", encoding=encoding, newline="")
        self.parts: list[str] = []
        self.writer = csv.writer(self)  # the slow path calls self.write

    def write(self, text: str) -> None:
        self.parts.append(text)

    def writerow(self, row: list[str]) -> None:
        """Write one row of strings, byte-identical to ``csv.writer``'s output."""
        line = ",".join(row)
        if (
            line.count(",") == len(row) - 1
            and '"' not in line
            and "\n" not in line
            and "\r" not in line
            and line
        ):
            self.parts.append(line + "\r\n")  # nothing to quote
        else:
            self.writer.writerow(row)

    def writerows(self, rows) -> None:
        for row in rows:
            self.writerow(row)

    def flush_if_full(self) -> None:
        if len(self.parts) > 20000:
            self.flush()

    def flush(self) -> None:
        self.file.write("".join(self.parts))
        self.parts.clear()

    def __enter__(self) -> CsvOut:
        return self

    def __exit__(self, *exc) -> None:
        self.flush()
        self.file.close()


def date_from(text: str) -> date:
    d, m, y = text.split("/")
    return date(int(y), int(m), int(d))


def email(name: str) -> str:
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    parts = [p for p in plain.lower().replace("'", "").replace(".", "").split() if p]
    return f"{parts[0]}.{'.'.join(parts[1:])}@example.gov.uk"


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(
        description="Write the fictional sample export set (children, reviews, "
        "recommendations, cp_plans, disputes, iros, extract.toml)."
    )
    ap.add_argument(
        "--children",
        type=int,
        default=DEFAULT_CHILDREN,
        help=f"number of looked-after children (default {DEFAULT_CHILDREN})",
    )
    ap.add_argument(
        "--seed", type=int, default=DEFAULT_SEED, help=f"random seed (default {DEFAULT_SEED})"
    )
    ap.add_argument(
        "--out", type=Path, default=HERE, help="output directory (default: this script's directory)"
    )
    ap.add_argument(
        "--extract-date",
        type=date.fromisoformat,
        default=DEFAULT_EXTRACT,
        help=f"date the export was taken (default {DEFAULT_EXTRACT.isoformat()})",
    )
    ap.add_argument(
        "--force",
        action="store_true",
        help="write into a non-empty directory other than the default",
    )
    args = ap.parse_args(argv)
    if args.children < 1:
        ap.error("--children must be at least 1")
    return args


def generate(
    out: Path,
    children: int = DEFAULT_CHILDREN,
    seed: int = DEFAULT_SEED,
    extract: date = DEFAULT_EXTRACT,
) -> dict[str, list[str]]:
    """Write the export set into ``out``; return the planted faults (Person IDs)."""
    out.mkdir(parents=True, exist_ok=True)
    gen = Generator(children, seed, extract)
    gen.run(out)
    return gen.planted


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    out: Path = args.out
    if out.exists() and not out.is_dir():
        print(f"generate.py: error: {out} is not a directory", file=sys.stderr)
        return 2
    default = out.resolve() == HERE
    if out.exists() and any(out.iterdir()) and not default and not args.force:
        print(
            f"generate.py: error: {out} is not empty; use --force to write into it "
            "(files with the export names are replaced)",
            file=sys.stderr,
        )
        return 2
    generate(out, args.children, args.seed, args.extract_date)
    print(f"wrote {', '.join(FILES)} to {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
