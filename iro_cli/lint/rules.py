"""The rule registry: one record per rule, with a stable code.

Codes never change meaning. ``category`` is ``smart`` (is the recommendation
Specific, Measurable, owned and Timed), ``language`` (words children dislike or
do not understand), ``readability`` (sentence length, reading age) or ``lint``
(problems with suppressions themselves). Findings carry a suggestion; nothing is
ever rewritten automatically.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

SEVERITIES = ("error", "warning", "info")

# The labelling rule the SMART rules are measured against (README, --list-rules).
SMART_DEFINITION = (
    "What counts as SMART: a recommendation is SMART when it has an identifiable owner (a "
    "role, a named person, or the child), a specific action or outcome whose completion can "
    "be checked, and a timescale (a date, a deadline, or a frequency). Several steps by the "
    "same owner toward one outcome are still one SMART action ('Social worker to book the "
    "optician by 12/02/2027 and let the carers know the time'). Telling or informing someone "
    "is not a second action. Two different owners each with their own action in one item is "
    "not SMART (it cannot be tracked as one action), unless the second only receives or is "
    "told something. 'By the next review' is a timescale only when the next review date is "
    "known."
)
SEVERITY_RANK = {"error": 3, "warning": 2, "info": 1}
CATEGORIES = ("smart", "language", "readability", "lint")


class Finding(NamedTuple):
    """One thing a rule found. ``start``/``end`` are character offsets in the text.

    A named tuple: a run over 100,000 recommendations makes about 150,000.
    """

    code: str
    category: str
    severity: str
    message: str
    suggestion: str = ""
    match: str = ""
    start: int = 0
    end: int = 0
    sentence: str = ""


@dataclass(frozen=True)
class Rule:
    """A rule: what it checks, how bad it is by default, and why it matters."""

    code: str
    category: str
    severity: str
    title: str
    why: str
    suggestion: str
    scope: str = "minutes"  # "minutes", "letter" or "minutes, letter"

    def finding(
        self,
        message: str,
        suggestion: str | None = None,
        *,
        match: str = "",
        start: int = 0,
        end: int = 0,
        sentence: str = "",
        severity: str | None = None,
    ) -> Finding:
        return Finding(
            self.code,
            self.category,
            severity or self.severity,
            message,
            self.suggestion if suggestion is None else suggestion,
            match,
            start,
            end,
            sentence,
        )


_RULES = (
    Rule(
        "SMART001",
        "smart",
        "warning",
        "Vague timescale",
        "'ASAP', 'ongoing' and 'in due course' set no date, so nobody can tell at the next "
        "review whether the action was done on time. Audits find this fault most often.",
        "give a date, a deadline or a frequency (e.g. 'by 14 March 2025', 'within 4 weeks', "
        "'every other Saturday')",
    ),
    Rule(
        "SMART002",
        "smart",
        "error",
        "No one responsible",
        "A recommendation with no named person or role ('Referral to CAMHS to be made') is "
        "everybody's job and so nobody's. Review actions must have clearly defined "
        "responsibility.",
        "name who will do it, in the Responsible column or the text "
        "(e.g. 'Priya (social worker) will make the referral to CAMHS')",
    ),
    Rule(
        "SMART003",
        "smart",
        "error",
        "No date, deadline or frequency",
        "Without a date the next review cannot check the action happened in time, and drift "
        "(the same action review after review) goes unnoticed.",
        "add a date in the Target Date column or the text (e.g. 'by 15/01/2027', "
        "'within 10 working days', 'weekly')",
    ),
    Rule(
        "SMART004",
        "smart",
        "warning",
        "Action that cannot be measured",
        "'Continue to support', 'monitor', 'liaise', 'explore', 'chase' and 'discuss' describe "
        "effort, not a result: nobody can say at the next review whether they were done. "
        "Saying how often does not change that; a result after the effort does ('support "
        "Aisha to join the swimming club').",
        "say what will be done and how you will know (e.g. 'read with Sam for 20 minutes "
        "every school night')",
    ),
    Rule(
        "SMART005",
        "smart",
        "warning",
        "Several people or actions in one item",
        "An item with two owners each doing their own part, a numbered list, or three separate "
        "actions cannot be marked done or not done, and it hides who is accountable for each "
        "part. One owner's steps toward one outcome, and telling someone, are one action.",
        "split it into one recommendation per action, each with one owner and one date",
    ),
    Rule(
        "SMART006",
        "smart",
        "warning",
        "Target date in the past or after the next review",
        "A target before the meeting is a typing error or an action already missed; a target "
        "after the next review means that review cannot check it.",
        "set a target between the review date and the next review date",
    ),
    Rule(
        "SMART007",
        "smart",
        "warning",
        "Same wording as at the previous review (drift)",
        "A recommendation copied unchanged from the last review usually means it was not done. "
        "Drift is the first thing an IRO's escalation and an inspector look for.",
        "say what happened since the last review, why it was not done, and set a new owner "
        "or date; consider the dispute resolution process",
    ),
    Rule(
        "SMART008",
        "smart",
        "error",
        "Blank recommendation",
        "An empty recommendation cannot be acted on and counts as a recommendation in audits.",
        "write the action, or delete the row in the case system",
    ),
    Rule(
        "CARE001",
        "language",
        "warning",
        "Care-system word",
        "Children and young people in care have asked professionals to stop using care-system "
        "words ('placement', 'contact', 'respite', 'LAC review'): they make a child's life "
        "sound like a service. Minutes are written for the child to read.",
        "use the preferred wording",
        "minutes, letter",
    ),
    Rule(
        "CARE002",
        "language",
        "error",
        "Stigmatising label",
        "Labels such as 'absconded', 'challenging behaviour' or 'promiscuous' blame the child "
        "and stay on their record for life; describe what happened instead.",
        "describe what happened, in plain words",
        "minutes, letter",
    ),
    Rule(
        "ACR001",
        "language",
        "info",
        "Unexplained acronym",
        "Children, parents and many professionals do not know care-system acronyms. Spell an "
        "acronym out the first time, or use a plain phrase.",
        "spell it out the first time, e.g. 'Personal Education Plan (PEP)'",
        "minutes, letter",
    ),
    Rule(
        "PLAIN001",
        "readability",
        "warning",
        "Sentence too long",
        "Long sentences lose readers: GOV.UK found 14-word sentences understood by over 90% of "
        "readers and 43-word ones by under 10%. The limit is 25 words for minutes, 12 for a "
        "child under 12.",
        "split the sentence in two",
        "minutes, letter",
    ),
    Rule(
        "PLAIN002",
        "readability",
        "warning",
        "Reading age above the target",
        "A letter a child cannot read alone is not written for the child. The reading age is "
        "approximate (Flesch-Kincaid grade + 5) and unreliable on very short texts.",
        "use shorter words and sentences",
        "letter",
    ),
    Rule(
        "LINT001",
        "lint",
        "warning",
        "Suppression without a reason",
        "A 'Lint Ignore' entry must say why the finding does not apply, so an auditor can "
        "check it; without a reason the finding is still reported.",
        "write the reason after the code, e.g. 'SMART003: date agreed verbally with Mum'",
    ),
    Rule(
        "LINT002",
        "lint",
        "warning",
        "Unknown rule code in a suppression",
        "A 'Lint Ignore' entry names a code that no rule has, so it silences nothing.",
        "use a code from `iro lint-recommendations --list-rules`",
    ),
    Rule(
        "LINT003",
        "lint",
        "info",
        "Suppression not needed",
        "A 'Lint Ignore' entry names a rule that does not fire on this recommendation; "
        "it may hide a real finding after the wording changes.",
        "remove the entry",
    ),
)

RULES: dict[str, Rule] = {rule.code: rule for rule in _RULES}
TEXT_RULES = ("CARE001", "CARE002", "ACR001", "PLAIN001", "PLAIN002")
