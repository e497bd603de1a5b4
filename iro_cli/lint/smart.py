"""Recommendation-level rules (SMART001-008): owner, timing, measurability, drift.

Columns come first: the Responsible and Target Date columns are used when
filled, and the text only when they are empty (or say nothing usable).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Any, NamedTuple, Protocol

from iro_cli.lint.clauses import HINTS, read, several_actions, unmeasurable_action
from iro_cli.lint.dates import (
    Timing,
    find_timings,
    fixed_date,
    fixed_offset,
    resolve,
)
from iro_cli.lint.owners import Owner, column_owners, find_owners, is_family_pair
from iro_cli.lint.readability import sentence_spans
from iro_cli.lint.rules import RULES, Finding
from iro_cli.lint.shapes import BEFORE, Shape, holding, restore_finding, shape_of
from iro_cli.lint.terms import (
    Terms,
    column_memoised,
    lacks,
    letter_words,
    memoised,
    shape_memoised,
    term_key,
)

_PASSIVE = re.compile(
    r"\b(?:to|will|should|must|shall|is\s+to|are\s+to|needs?\s+to|can|may)\s+be\s+"
    r"(?:[a-z]+ed|made|done|held|sent|written|given|taken|seen|sought|undertaken|set|met|"
    r"kept|put|found|brought|told|shown|paid|bought|run|read|begun|chosen)\b",
    re.I,
)
_BE = frozenset({"be"})  # what _PASSIVE needs (see terms.letter_words)
_WORD = re.compile(r"[a-z0-9']+")
_EMPTY_TARGET = frozenset(
    {"", "n/a", "na", "none", "-", "--", "nil", "not applicable", "see above"}
)


@dataclass(frozen=True)
class Recommendation:
    """One recommendation with what is known about its review.

    ``review_date``/``next_review_date`` come from reviews.csv; ``previous`` is
    the wording of the recommendations at the same child's previous review.
    ``check_dates``/``check_drift`` are False when that context is unknown.
    """

    text: str
    responsible: str = ""
    target_date: str = ""
    review_date: date | None = None
    next_review_date: date | None = None
    previous: tuple[str, ...] = ()
    previous_review_date: date | None = None
    previous_numbers: tuple[int, ...] = ()
    check_dates: bool = True
    check_drift: bool = True


# A timing; its date when the review date cannot move it; else its distance from the
# review date when that is fixed ("within 4 weeks").
Due = tuple[Timing, "date | None", "timedelta | None"]


def _due(timings: list[Timing]) -> tuple[Due, ...]:
    out = []
    for timing in timings:
        fixed = fixed_date(timing)
        out.append((timing, fixed, None if fixed else fixed_offset(timing)))
    return tuple(out)


def _first_out_of_range(
    static: Static, base: date, review: date | None, next_review: date | None
) -> tuple[date, str] | None:
    """The first deadline before ``review`` or after ``next_review`` (the column's
    deadlines, else the text's), with how it was written."""
    for due_list, column in ((static.column_due, True), (static.text_due, False)):
        resolved = False
        for timing, fixed, offset in due_list:
            if fixed is not None:
                due = fixed
            elif offset is not None:
                due = base + offset
            else:
                due = resolve(timing, base, next_review)
            if due is None:
                continue
            resolved = True
            if (review is not None and due < review) or (
                next_review is not None and due > next_review
            ):
                return due, f"Target Date '{timing.text}'" if column else f'"{timing.text}"'
        if resolved:
            return None
    return None


def normalise_wording(text: str) -> str:
    """Wording for drift comparison: lower case, no dates, no punctuation."""
    found = _NORMALISED.get(text)
    if found is None:
        found = _normalised(text, find_timings(text))
        _remember_normalised(text, found)
    return found


def _normalised(text: str, timings: tuple[Timing, ...]) -> str:
    """``text`` as :func:`normalise_wording` gives it, its timings found."""
    pieces = []
    last = 0
    for timing in timings:
        pieces.append(text[last : timing.start])
        last = timing.end
    pieces.append(text[last:])
    return " ".join(_WORD.findall("".join(pieces).lower().replace("’", "'")))


# Normalised wordings by text: drift compares a review's rows with the previous review's,
# whose wordings this process has usually just analysed (kept here by _wording_facts).
_NORMALISED: dict[str, str] = {}
NORMALISED_LIMIT = 20_000


def _remember_normalised(text: str, wording: str) -> None:
    if len(_NORMALISED) >= NORMALISED_LIMIT:
        _NORMALISED.clear()
    _NORMALISED[text] = wording


# A set of words costs about 1.4 KB and a microsecond to make: 65,536 of them were 90 MB
# a process, for a saving of a few seconds' work in a national run.
@lru_cache(maxsize=8192)
def _word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


# The last ``previous`` seen by review_findings and its wordings (a strong reference, so
# the identity test cannot be fooled by a reused id).
_LAST_PREVIOUS: list[Any] = [None, ()]


@lru_cache(maxsize=8192)
def _wordings(previous: tuple[str, ...]) -> tuple[tuple[str, frozenset[str], int], ...]:
    """The previous review's recommendations ready for comparison (shared by its rows)."""
    out = []
    for norm in map(normalise_wording, previous):
        words = _word_set(norm)
        out.append((norm, words, len(words)))
    return tuple(out)


class _Wording(NamedTuple):
    """What a recommendation's text gives, whatever its columns (worked out once per text)."""

    timings: tuple[Timing, ...]
    review_only: str  # the only timing is the next review ("by the next review")
    vague: tuple[str, re.Match[str]] | None  # the first vague timescale
    acting: bool  # someone other than a vague owner acts
    nobody: str  # SMART002's message when the Responsible column names no one either
    unmeasurable: Finding | None  # SMART004
    actors: Finding | None  # SMART005: several people with their own actions
    actions: Finding | None  # SMART005: a list, or one person with several actions
    due: tuple[Due, ...]  # the text's deadlines, for SMART006
    wording: str  # for SMART007
    words: frozenset[str]


class _Columns(NamedTuple):
    """What the Responsible and Target Date columns give (worked out once per pair)."""

    timings: tuple[Timing, ...]
    filled: bool  # the Target Date says something ("n/a" and "-" do not)
    vague: tuple[str, re.Match[str]] | None  # a vague timescale in the Target Date
    review_only: str  # the Target Date is the next review
    owners: bool  # the Responsible column names someone real
    nobody: str  # the first entry of Responsible that names nobody ("TBC")
    several: Finding | None  # SMART005: three or more people responsible
    due: tuple[Due, ...]


def wording_facts(text: str, terms: Terms) -> _Wording:
    """What ``text`` gives, whatever its columns: its shape's analysis with the names and
    dates put back (:mod:`iro_cli.lint.shapes`), else its own."""
    shape = shape_of(text, terms)
    if shape is not None:
        shaped = shape_memoised(terms, shape.text, "wording", lambda: _shape_facts(shape, terms))
        if shaped is not None:
            restored = _restored(shaped, text, shape)
            if restored is not None:
                return restored
    return _wording_facts(text, terms)


class _TimingRecipe(NamedTuple):
    """How one of a shape's timings becomes a wording's (worked out once per shape)."""

    index: int  # which of the shape's timings
    start: int  # where its start is: BEFORE, AFTER or INSIDE the date ending the wording
    end: int
    # Per part: (name, value, slot, part): slot KEPT, the value as it is; NAMED, the value
    # with the names put back; else the original of that date slot's part.
    parts: tuple[tuple[str, str, int, int], ...]


KEPT, NAMED = -1, -2


class _ShapeFacts(NamedTuple):
    """A shape's :class:`_Wording` and what holds a placeholder in it (the same for every
    wording of that shape: the placeholders are at the same places)."""

    facts: _Wording
    timings: tuple[_TimingRecipe, ...]  # the timings over a placeholder or after one
    findings: tuple[bool, bool, bool]  # unmeasurable, actors, actions hold one
    nobody: bool


def _shape_facts(shape: Shape, terms: Terms) -> _ShapeFacts | None:
    """The analysis of ``shape``, or ``None`` when the rules took a placeholder apart
    (found with ``shape``, the first wording's: the same for every one)."""
    facts = _wording_facts(shape.text, terms)
    vague = facts.vague
    if vague is not None and shape.touches(*vague[1].span()):
        return None
    recipes = []
    for index, timing in enumerate(facts.timings):
        if shape.touches(timing.start, timing.end) or shape.where(timing.end) != BEFORE:
            recipe = _timing_recipe(index, timing, shape)
            if recipe is None:
                return None
            recipes.append(recipe)
    held = holding((facts.unmeasurable, facts.actors, facts.actions), shape)
    nobody = shape.restore(facts.nobody)
    if held is None or shape.leftover(nobody):
        return None
    holds = (0 in held, 1 in held, 2 in held)
    facts = facts._replace(wording="", words=frozenset())  # each wording has its own
    return _ShapeFacts(facts, tuple(recipes), holds, nobody != facts.nobody)


def _timing_recipe(index: int, timing: Timing, shape: Shape) -> _TimingRecipe | None:
    """How ``timing`` of the shape is made each wording's; ``None`` when that cannot be
    done for any (a date part that is not its placeholder, a placeholder left over, or a
    date part that two dates put aside reach)."""
    over = [
        k
        for k, slot in enumerate(shape.dates)
        if timing.start < slot.start + len(slot.placeholder) and slot.start < timing.end
    ]
    parts = []
    for name, value in timing.parts:
        slot, part = KEPT, 0
        for k in over:
            names = [n for n, _placeholder, _original in shape.dates[k].parts]
            if name in names:
                if slot != KEPT:
                    return None  # reached by two dates: not worth the care
                part = names.index(name)
                if value != shape.dates[k].parts[part][1]:
                    return None
                slot = k
        if slot == KEPT and shape.names and value != shape.restore(value):
            slot = NAMED
        if slot != KEPT or not shape.leftover(shape.restore(value)):
            parts.append((name, value, slot, part))
            continue
        return None
    return _TimingRecipe(index, shape.where(timing.start), shape.where(timing.end), tuple(parts))


def _restored(shaped: _ShapeFacts, text: str, shape: Shape) -> _Wording | None:
    """A shape's analysis as ``text`` gives it: its names and dates put back."""
    facts = shaped.facts
    timings, due, review_only = facts.timings, facts.due, facts.review_only
    if shaped.timings:
        changed = list(timings)
        for recipe in shaped.timings:
            timing = _restore_timing(recipe, changed[recipe.index], text, shape)
            if timing is None:  # not for a wording of this shape: analysed whole
                return None
            changed[recipe.index] = timing
        timings = tuple(changed)
        # The deadlines the names and dates did not reach keep what was worked out.
        due = tuple(
            entry if timing is entry[0] else _due((timing,))[0]
            for timing, entry in zip((t for t in timings if t.deadline), facts.due, strict=True)
        )
        # Names and dates hold no "review": only the text of the timing changes.
        review_only = timings[0].text if review_only else ""
    found = [facts.unmeasurable, facts.actors, facts.actions]
    for index, holds in enumerate(shaped.findings):
        if holds:
            restored = restore_finding(found[index], shape)  # type: ignore[arg-type]
            if restored is None:  # not for a wording of this shape: analysed whole
                return None
            found[index] = restored
    unmeasurable, actors, actions = found
    wording = _normalised(text, timings)
    _remember_normalised(text, wording)
    return _Wording(
        timings,
        review_only,
        facts.vague,  # a vague timescale is in no placeholder (see _shape_facts)
        facts.acting,
        shape.restore(facts.nobody) if shaped.nobody else facts.nobody,
        unmeasurable,
        actors,
        actions,
        due,
        wording,
        _word_set(wording),
    )


def _restore_timing(
    recipe: _TimingRecipe, timing: Timing, text: str, shape: Shape
) -> Timing | None:
    """A timing of the shape as ``text`` has it (``None``: it starts or ends inside a date
    that ends the wording, which is longer or shorter than its placeholder)."""
    start, end = shape.moved(timing.start, recipe.start), shape.moved(timing.end, recipe.end)
    if start is None or end is None:
        return None
    dates = shape.dates
    parts = tuple(
        (name, value)
        if slot == KEPT
        else (name, shape.restore(value))
        if slot == NAMED
        else (name, dates[slot].parts[part][2])
        for name, value, slot, part in recipe.parts
    )
    return Timing(timing.kind, text[start:end], start, end, timing.deadline, parts)


def _wording_facts(text: str, terms: Terms) -> _Wording:
    timings = find_timings(text)
    owners = find_owners(text, terms)
    acting = any(o.kind != "vague" for o in owners)
    nobody = "no one named as responsible"
    if not acting:
        vague_text = [o for o in owners if o.kind == "vague"]
        if vague_text:
            nobody += f' ("{vague_text[0].who}" names nobody)'
        elif not lacks(letter_words(text), _BE) and (passive := _PASSIVE.search(text)):
            nobody += f' ("{passive.group()}" does not say by whom)'
    reading = read(text, owners, terms)
    actors, actions = _several(reading, owners)
    wording = _normalised(text, timings)
    _remember_normalised(text, wording)
    return _Wording(
        timings,
        _review_only(timings),
        None if timings else terms.vague_matcher.search(text),
        acting,
        nobody,
        _unmeasurable(reading, text, terms),
        actors,
        actions,
        _due([t for t in timings if t.deadline]),
        wording,
        _word_set(wording),
    )


def _review_only(timings: tuple[Timing, ...] | list[Timing]) -> str:
    """The timing, when the only ones are the next review ("by the next review"): a
    timescale only where the next review date is known."""
    if timings and all(_is_next_review(t) for t in timings):
        return timings[0].text
    return ""


def _is_next_review(timing: Timing) -> bool:
    return timing.kind == "event" and "review" in timing.text.lower()


def _column_facts(responsible: str, target_date: str, terms: Terms) -> _Columns:
    """The two columns worked out apart: a file has far fewer of each than of pairs."""
    timings, filled, vague, review_only, due = column_memoised(
        terms, ("target date", target_date), lambda: _target_date_facts(target_date, terms)
    )
    owners, nobody, several = column_memoised(
        terms, ("responsible", responsible), lambda: _responsible_facts(responsible, terms)
    )
    return _Columns(timings, filled, vague, review_only, owners, nobody, several, due)


def _target_date_facts(target_date: str, terms: Terms) -> tuple[Any, ...]:
    column = target_date.strip()
    timings = find_timings(column) if column else ()
    filled = column.lower() not in _EMPTY_TARGET
    return (
        timings,
        filled,
        terms.vague_matcher.search(target_date) if filled else None,
        _review_only(timings),
        _due([t for t in timings if t.kind != "frequency"]),
    )


def _responsible_facts(responsible: str, terms: Terms) -> tuple[bool, str, Finding | None]:
    real, vague = column_owners(responsible, terms)
    several = None
    if len(real) >= 3 and not is_family_pair(real):
        several = RULES["SMART005"].finding(f"{len(real)} people responsible: {', '.join(real)}")
    return bool(real), vague[0] if vague else "", several


def _unmeasurable(reading: Any, text: str, terms: Terms) -> Finding | None:
    """SMART004: the first action that is effort, not a result ("continue to support")."""
    rule = RULES["SMART004"]
    action = unmeasurable_action(reading, text)
    if action is None:
        return None
    term = action.unmeasurable
    key = " ".join(term.lower().split())
    if key.startswith("help"):
        key = "help"
    elif key.startswith("meet ") or key.endswith(" met"):
        key = "meet needs"
    hint = terms.unmeasurable_verbs.get(key) or HINTS.get(key)
    start = text.find(term, action.start)
    return rule.finding(
        f'"{term}" cannot be measured',
        hint or rule.suggestion,
        match=term,
        start=max(start, 0),
        end=max(start, 0) + len(term),
    )


def _several(reading: Any, owners: list[Owner]) -> tuple[Finding | None, Finding | None]:
    """SMART005 from the text: (several people with their own actions, a list or several
    actions of one person). Informing someone is part of the action before it."""
    rule = RULES["SMART005"]
    if len(reading.owners) >= 2:
        names = []
        for key in reading.owners:
            action = next((a for a in reading.actions if a.owner == key and not a.informing), None)
            who = next((o.who for o in owners if term_key(o.who) == key), key)
            names.append(f"{who} ({action.verb})" if action else who)
        return rule.finding(
            f"{len(reading.owners)} people with their own actions: {', '.join(names)}"
        ), None
    if reading.listed:
        return None, rule.finding("a numbered list of actions in one item")
    if several_actions(reading) >= 3:
        own = [a.verb for a in reading.actions if a.owner and not a.informing]
        return None, rule.finding(f"{len(own)} actions in one item: {', '.join(own)}")
    return None, None


class Static(NamedTuple):
    """What a recommendation's wording and columns give, whatever its review.

    ``findings`` are SMART001-005 (or SMART008); ``column_due``/``text_due``
    the timings SMART006 checks; ``wording``/``words`` the text as SMART007
    compares it; ``review_only`` the timing when the next review is the only one
    (SMART001 where the next review date is not known).
    """

    findings: tuple[Finding, ...]
    column_due: tuple[Due, ...] = ()
    text_due: tuple[Due, ...] = ()
    wording: str = ""
    words: frozenset[str] = frozenset()
    review_only: str = ""  # the only timescale is the next review: SMART001 without its date


_NO_COLUMNS = ("", "")


def static_findings(text: str, responsible: str, target_date: str, terms: Terms) -> Static:
    """SMART001-005 and what SMART006/007 need: a function of the text and columns only.

    The text is analysed once per distinct wording in a run, the columns once per
    distinct (Responsible, Target Date); this puts the two together.
    """
    return memoised(
        terms,
        ("smart", text, responsible, target_date),
        lambda: static_of(text, responsible, target_date, terms),
    )


def static_of(text: str, responsible: str, target_date: str, terms: Terms) -> Static:
    """:func:`static_findings` not memoised as a whole (for a caller that keeps its own:
    the engine's rows); the text and the columns are still worked out once each."""
    if not text.strip():
        return Static((RULES["SMART008"].finding("the recommendation is blank"),))
    mine = memoised(terms, ("wording", text), lambda: wording_facts(text, terms))
    columns = _column_facts(responsible, target_date, terms)  # most pairs are new
    findings: list[Finding] = []

    # SMART001 / SMART003: is there a real date, deadline or frequency?
    if not columns.timings and not mine.timings:
        if columns.vague or mine.vague:
            in_text = columns.vague is None
            word = (mine.vague if in_text else columns.vague)[1]  # type: ignore[index]
            findings.append(
                RULES["SMART001"].finding(
                    f'vague timescale "{word.group()}" ({"text" if in_text else "Target Date"}) '
                    "and no date",
                    match=word.group(),
                    start=word.start() if in_text else 0,
                    end=word.end() if in_text else 0,
                )
            )
        elif columns.filled:
            findings.append(
                RULES["SMART003"].finding(
                    "no date, deadline or frequency (the Target Date is not a date)"
                )
            )
        else:
            findings.append(RULES["SMART003"].finding("no date, deadline or frequency"))

    # SMART002: who is responsible?
    if not columns.owners and not mine.acting:
        if columns.nobody:
            message = f"no one named as responsible (Responsible says '{columns.nobody}')"
        else:
            message = mine.nobody
        findings.append(RULES["SMART002"].finding(message))

    if mine.unmeasurable is not None:
        findings.append(mine.unmeasurable)
    several = mine.actors or columns.several or mine.actions
    if several is not None:
        findings.append(several)
    review_only = ""
    if (not columns.timings or columns.review_only) and (not mine.timings or mine.review_only):
        review_only = columns.review_only or mine.review_only
    return Static(tuple(findings), columns.due, mine.due, mine.wording, mine.words, review_only)


class ReviewFacts(Protocol):
    """What is known of a recommendation's review: a :class:`Recommendation`, or the
    engine's context for a review."""

    @property
    def review_date(self) -> date | None: ...
    @property
    def next_review_date(self) -> date | None: ...
    @property
    def previous(self) -> tuple[str, ...]: ...
    @property
    def previous_review_date(self) -> date | None: ...
    @property
    def previous_numbers(self) -> tuple[int, ...]: ...


def review_findings(
    static: Static,
    text: str,
    as_of: date,
    review: ReviewFacts,
    *,
    check_dates: bool = True,
    check_drift: bool = True,
) -> list[Finding]:
    """SMART001 for "by the next review" when the next review date is not known,
    SMART006 (target before this review or after the next) and SMART007 (drift)."""
    review_date, next_review_date = review.review_date, review.next_review_date
    previous, previous_review_date = review.previous, review.previous_review_date
    previous_numbers = review.previous_numbers
    findings: list[Finding] = []
    if static.review_only and next_review_date is None:
        findings.append(
            RULES["SMART001"].finding(
                f'"{static.review_only}" sets no date: the next review date is not known',
                "give a date (e.g. 'by 14 May 2027'), or set the next review date",
                match=static.review_only,
            )
        )
    if check_dates and (static.column_due or static.text_due):
        wrong = _first_out_of_range(static, review_date or as_of, review_date, next_review_date)
        if wrong is not None:
            due, what = wrong
            before = review_date is not None and due < review_date
            findings.append(
                _out_of_range(due, what, review_date if before else next_review_date, before)
            )
    mine = static.wording
    if check_drift and previous and mine:
        words = static.words
        size = len(words)
        numbers = previous_numbers or tuple(range(1, len(previous) + 1))
        if previous is not _LAST_PREVIOUS[0]:  # a review's rows come together: one lookup
            _LAST_PREVIOUS[:] = [previous, _wordings(previous)]
        earlier = zip(numbers, previous, _LAST_PREVIOUS[1], strict=False)
        for number, old, (theirs, others, their_size) in earlier:
            # Same wording, or at least 85% of words in common (five words or more).
            if theirs != mine and not (
                size >= 5
                and their_size >= 5
                and (size >= 0.85 * their_size if size < their_size else their_size >= 0.85 * size)
                and (common := len(words & others)) >= 0.85 * (size + their_size - common)
            ):
                continue
            if _folded(text) == _folded(old):
                same = "the same wording"
            elif mine == theirs:
                same = "the same wording apart from the dates"
            else:
                same = "almost the same wording"
            findings.append(_drift(same, number, previous_review_date))
            break
    return findings


# A review's checks give the same few messages to many rows: each is made once (and the
# rows share the finding, which is then sent and written once a chunk).
@lru_cache(maxsize=4096)
def _out_of_range(due: date, what: str, review: date | None, before: bool) -> Finding:
    """SMART006: ``due`` is before the review on ``review`` or after the next one."""
    where = "before the review on" if before else "after the next review on"
    return RULES["SMART006"].finding(f"target {due:%d/%m/%Y} ({what}) is {where} {review:%d/%m/%Y}")


@lru_cache(maxsize=4096)
def _drift(same: str, number: int, previous_review_date: date | None) -> Finding:
    """SMART007: ``same`` as recommendation ``number`` at the previous review."""
    when = f" on {previous_review_date:%d/%m/%Y}" if previous_review_date else ""
    return RULES["SMART007"].finding(
        f"{same} as recommendation {number} at the previous review{when}"
    )


@lru_cache(maxsize=8192)
def _folded(text: str) -> str:
    """``text`` case-folded, its white space single spaces."""
    return " ".join(text.casefold().split())


def smart_findings(rec: Recommendation, terms: Terms, as_of: date) -> list[Finding]:
    """The SMART001-008 findings for one recommendation (before select/ignore)."""
    static = static_findings(rec.text, rec.responsible, rec.target_date, terms)
    return list(static.findings) + review_findings(
        static, rec.text, as_of, rec, check_dates=rec.check_dates, check_drift=rec.check_drift
    )


def first_sentence(text: str) -> str:
    spans = sentence_spans(text)
    return text[spans[0][0] : spans[0][1]] if spans else text
