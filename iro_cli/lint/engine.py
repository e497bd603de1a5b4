"""Running every rule over a set of recommendations: settings, context, suppressions.

Pure: takes rows (plain records from the export or a text file), the reviews
they belong to, the term lists and the settings; returns findings per row.
"""

from __future__ import annotations

import gc
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any, NamedTuple

from iro_cli.errors import ConfigError
from iro_cli.gcpause import fewer_gc_passes
from iro_cli.lint.recent import MISSING, Recent
from iro_cli.lint.rules import RULES, SEVERITIES, SEVERITY_RANK, Finding
from iro_cli.lint.shapes import Shape, holding, restore_finding, shape_of
from iro_cli.lint.smart import Static, review_findings, static_of
from iro_cli.lint.terms import TERM_KEYS, Terms, memoised, shape_memoised
from iro_cli.lint.text import lint_text

FAIL_ON = ("error", "warning", "info", "never")
SETTING_KEYS = {
    "select": "list of rule codes, code prefixes (SMART) or categories (smart)",
    "ignore": "list of rule codes, code prefixes or categories",
    "severity": 'table: CODE = "error" | "warning" | "info"',
    "fail_on": '"error" | "warning" | "info" | "never"',
    "max_sentence_words": "whole number of words (PLAIN001)",
    "max_reading_age": "reading age in years (PLAIN002; off when absent)",
}
_SUPPRESSION = re.compile(r"^\s*([A-Za-z]+[0-9]{3})\b\s*[:\-–]?\s*(.*?)\s*$", re.S)


@dataclass(frozen=True)
class Settings:
    """Which rules run, how severe they are, and when the run fails."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, str] = field(default_factory=dict)
    fail_on: str = "warning"
    max_sentence_words: int | None = 25
    max_reading_age: float | None = None

    def enabled(self, code: str) -> bool:
        return code in self.enabled_codes

    @cached_property
    def enabled_codes(self) -> frozenset[str]:
        """The rules that run after ``select`` and ``ignore``."""

        def hits(code: str, patterns: Sequence[str]) -> bool:
            category = RULES[code].category
            return any(code.startswith(p) or category == p.lower() for p in patterns)

        return frozenset(
            code
            for code in RULES
            if (not self.select or hits(code, self.select)) and not hits(code, self.ignore)
        )

    @cached_property
    def categories_on(self) -> frozenset[str]:
        """Categories with at least one enabled rule."""
        return frozenset(RULES[c].category for c in self.enabled_codes)

    @cached_property
    def text_categories(self) -> frozenset[str]:
        """The enabled categories that look at the wording alone (language, readability)."""
        return self.categories_on & {"language", "readability"}

    def severity_of(self, code: str) -> str:
        return self.severity.get(code, RULES[code].severity)

    def fails(self, findings: Iterable[Finding]) -> bool:
        if self.fail_on == "never":
            return False
        floor = SEVERITY_RANK[self.fail_on]
        return any(SEVERITY_RANK[f.severity] >= floor for f in findings)


def _codes(value: Any, key: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"iro.toml [lint] {key} must be a {SETTING_KEYS[key]}")
    out = []
    for item in value:
        item = item.strip()
        upper = item.upper()
        if item.lower() in ("smart", "language", "readability", "lint"):
            out.append(item.lower())
        elif upper and any(code.startswith(upper) for code in RULES):
            out.append(upper)
        else:
            raise ConfigError(
                f"iro.toml [lint] {key}: '{item}' is not a rule code (codes: {', '.join(RULES)})"
            )
    return tuple(out)


def settings_from_config(
    section: Mapping[str, Any] | None, *, fail_on: str | None = None
) -> Settings:
    """Settings from ``iro.toml`` ``[lint]`` (validated); ``fail_on`` from the command line wins."""
    section = dict(section or {})
    unknown = sorted(set(section) - set(SETTING_KEYS) - set(TERM_KEYS))
    if unknown:
        known = ", ".join([*SETTING_KEYS, *TERM_KEYS])
        raise ConfigError(f"iro.toml [lint]: unknown key '{unknown[0]}' (known keys: {known})")
    severity = section.get("severity", {})
    if not isinstance(severity, dict):
        raise ConfigError(f"iro.toml [lint] severity must be a {SETTING_KEYS['severity']}")
    levels = {}
    for code, level in severity.items():
        if code.upper() not in RULES:
            raise ConfigError(f"iro.toml [lint] severity: '{code}' is not a rule code")
        if not isinstance(level, str) or level.lower() not in SEVERITIES:
            raise ConfigError(
                f"iro.toml [lint] severity.{code} must be one of: {', '.join(SEVERITIES)}"
            )
        levels[code.upper()] = level.lower()
    chosen = fail_on or section.get("fail_on", "warning")
    if not isinstance(chosen, str) or chosen.lower() not in FAIL_ON:
        raise ConfigError(f"iro.toml [lint] fail_on must be one of: {', '.join(FAIL_ON)}")
    words = section.get("max_sentence_words", 25)
    if not isinstance(words, int) or isinstance(words, bool) or words < 1:
        raise ConfigError("iro.toml [lint] max_sentence_words must be a whole number above 0")
    age = section.get("max_reading_age")
    if age is not None and (not isinstance(age, (int, float)) or isinstance(age, bool) or age < 5):
        raise ConfigError("iro.toml [lint] max_reading_age must be a number of years (5 or more)")
    return Settings(
        select=_codes(section.get("select", []), "select"),
        ignore=_codes(section.get("ignore", []), "ignore"),
        severity=levels,
        fail_on=chosen.lower(),
        max_sentence_words=words,
        max_reading_age=age,
    )


class Row(NamedTuple):
    """One recommendation as read from the input (a named tuple: 100,000 are made at once)."""

    text: str
    review_id: str = ""
    person_id: str = ""
    recommendation_no: int | None = None
    line: int | None = None
    responsible: str = ""
    target_date: str = ""
    lint_ignore: str = ""


class Review(NamedTuple):
    """What reviews.csv says about one review."""

    review_id: str
    person_id: str
    review_date: date | None
    next_review_date: date | None = None
    chair: str = ""
    status: str = ""


class Context(NamedTuple):
    """Review facts for one row (from reviews.csv); a named tuple: one per review."""

    review_date: date | None = None
    next_review_date: date | None = None
    previous: tuple[str, ...] = ()
    previous_review_date: date | None = None
    known: bool = False
    previous_numbers: tuple[int, ...] = ()


_UNKNOWN = Context()  # a review not in reviews.csv (or no reviews.csv): nothing known


def build_context(rows: Sequence[Row], reviews: Sequence[Review] | None) -> dict[str, Context]:
    """Per review ID: its date, the next review date and the previous review's wording.

    The next review date is the one the chair set, else the date of the child's
    next (not cancelled) review. The previous review is the child's latest
    earlier review that has recommendations in ``rows``.
    """
    if reviews is None:
        return {}
    with fewer_gc_passes():  # the command calls this directly too
        return _build_context(rows, reviews)


def _build_context(rows: Sequence[Row], reviews: Sequence[Review]) -> dict[str, Context]:
    from bisect import bisect_left, bisect_right
    from operator import attrgetter, itemgetter

    review_date = attrgetter("review_date")
    by_id = {r.review_id: r for r in reviews}
    by_person: dict[str, list[Review]] = defaultdict(list)
    for review in reviews:
        if review.review_date is not None and review.status != "Cancelled":
            by_person[review.person_id].append(review)
    # Each child's reviews in date order (ties as listed), with their dates for bisect.
    history: dict[str, tuple[list[Review], list[date]]] = {}
    for person, items in by_person.items():
        if len(items) > 1:
            items.sort(key=review_date)
        history[person] = (items, list(map(review_date, items)))
    ids = list(map(attrgetter("review_id"), rows))
    members: dict[str, list[int]] = defaultdict(list)  # review ID -> its rows, in order
    for index, review_id in enumerate(ids):
        members[review_id].append(index)
    numbers = list(map(attrgetter("recommendation_no"), rows))
    texts = list(map(attrgetter("text"), rows))

    def wording(review_id: str) -> tuple[tuple[str, ...], tuple[int, ...]]:
        """A review's recommendations in number order (a blank number: its row's)."""
        indexes = members[review_id]
        pick = itemgetter(*indexes) if len(indexes) > 1 else lambda cells: (cells[indexes[0]],)
        given, words = pick(numbers), pick(texts)
        if None in given:
            given = tuple(i + 1 if n is None else n for i, n in zip(indexes, given, strict=True))
        if list(given) != sorted(given):  # most minutes are listed in number order
            order = sorted(range(len(given)), key=given.__getitem__)
            given, words = tuple(given[k] for k in order), tuple(words[k] for k in order)
        return words, given

    worded: dict[str, tuple[tuple[str, ...], tuple[int, ...]]] = {}
    none: tuple[list[Review], list[date]] = ([], [])
    out: dict[str, Context] = {}
    for review_id in members:
        review = by_id.get(review_id)
        if review is None or review.review_date is None:
            continue
        when = review.review_date
        items, dates = history.get(review.person_id, none)
        next_date = review.next_review_date
        if next_date is None:
            after = bisect_right(dates, when)  # the earliest later review
            next_date = dates[after] if after < len(dates) else None
        previous: tuple[str, ...] = ()
        previous_numbers: tuple[int, ...] = ()
        previous_date = None
        for k in range(bisect_left(dates, when) - 1, -1, -1):  # latest earlier, with wording
            last = items[k]
            if last.review_id in members:
                if last.review_id not in worded:
                    worded[last.review_id] = wording(last.review_id)
                previous, previous_numbers = worded[last.review_id]
                previous_date = last.review_date
                break
        out[review_id] = Context(when, next_date, previous, previous_date, True, previous_numbers)
    return out


def parse_suppressions(cell: str) -> tuple[dict[str, str], list[Finding]]:
    """``"SMART003: date agreed verbally; CARE001: Sam's words"`` -> codes with reasons.

    An entry without a reason or with an unknown code is a finding itself
    (LINT001, LINT002) and silences nothing.
    """
    reasons: dict[str, str] = {}
    problems: list[Finding] = []
    if not cell:
        return reasons, problems
    for entry in re.split(r"[;\n]", cell):
        if not entry.strip():
            continue
        match = _SUPPRESSION.match(entry)
        if not match:
            problems.append(
                RULES["LINT002"].finding(
                    f"Lint Ignore entry '{entry.strip()[:30]}' does not start with a rule code",
                    match=entry.strip(),
                )
            )
            continue
        code, reason = match.group(1).upper(), match.group(2).strip()
        if code not in RULES:
            problems.append(
                RULES["LINT002"].finding(
                    f"Lint Ignore names '{code}', which is not a rule", match=code
                )
            )
        elif not reason:
            problems.append(
                RULES["LINT001"].finding(
                    f"Lint Ignore '{code}' has no reason, so {code} is still reported", match=code
                )
            )
        else:
            reasons[code] = reason
    return reasons, problems


class _Prepared(NamedTuple):
    """A row's wording, columns and Lint Ignore worked out once per run.

    ``found`` holds the findings that do not depend on the review; ``final`` is
    the row's answer whenever the review adds nothing (settings applied, sorted).
    """

    smart: Static | None
    found: tuple[Finding, ...]
    reasons: Mapping[str, str]
    problems: tuple[Finding, ...]
    final: tuple[Finding, ...]


def _prepare(row: Row, terms: Terms, settings: Settings) -> _Prepared:
    smart = None
    found: list[Finding] = []
    if "smart" in settings.categories_on:
        smart = static_of(row.text, row.responsible, row.target_date, terms)  # rows: kept
        found += smart.findings
    categories = settings.text_categories
    if categories and row.text.strip():
        found += memoised(
            terms,
            ("text", row.text, categories, settings.max_sentence_words, settings.max_reading_age),
            lambda: _text_findings(row.text, categories, terms, settings),
        )
    reasons, problems = parse_suppressions(row.lint_ignore)
    final = _finish(found, reasons, problems, settings)
    return _Prepared(smart, tuple(found), reasons, tuple(problems), tuple(final))


def _text_findings(
    text: str, categories: frozenset[str], terms: Terms, settings: Settings
) -> list[Finding]:
    """The language and readability findings of ``text``: its shape's, with the names and
    dates put back (:mod:`iro_cli.lint.shapes`), else its own. Not with a reading age
    (syllables tell names apart)."""

    def lint(wording: str) -> list[Finding]:
        return lint_text(
            wording,
            categories,
            terms,
            max_sentence_words=settings.max_sentence_words,
            max_reading_age=settings.max_reading_age,
        )

    shape = None if settings.max_reading_age is not None else shape_of(text, terms)
    if shape is not None:
        part = (categories, settings.max_sentence_words)
        shaped = shape_memoised(
            terms, shape.text, part, lambda: _shape_text_findings(lint(shape.text), shape)
        )
        if shaped is not None:
            findings, holding = shaped
            out = list(findings)
            for index in holding:
                restored = restore_finding(out[index], shape)
                if restored is None:  # not for a wording of this shape: linted whole
                    return lint(text)
                out[index] = restored
            return out
    return lint(text)


def _shape_text_findings(
    findings: list[Finding], shape: Shape
) -> tuple[tuple[Finding, ...], tuple[int, ...]] | None:
    """A shape's text findings and which hold a placeholder (:func:`shapes.holding`);
    ``None`` when the rules took one apart."""
    held = holding(findings, shape)
    if held is None:
        return None
    # A sentence that is the shape's whole text: that one string, not a copy a finding.
    kept = tuple(
        f._replace(sentence=shape.text) if f.sentence == shape.text else f for f in findings
    )
    return kept, held


def _finish(
    found: Sequence[Finding],
    reasons: Mapping[str, str],
    problems: Sequence[Finding],
    settings: Settings,
) -> list[Finding]:
    """Apply select/ignore, the row's suppressions and severity overrides; most severe first."""
    enabled = settings.enabled_codes
    if not reasons and not problems:  # most rows: no Lint Ignore
        out = [f for f in found if f.code in enabled]
        if settings.severity:
            out = [_with_severity(f, settings) for f in out]
        if len(out) > 1:
            out.sort(key=_most_severe_first)
        return out
    out = []
    used: set[str] = set()
    for finding in found:
        if not settings.enabled(finding.code):
            continue
        if finding.code in reasons:
            used.add(finding.code)
            continue
        out.append(finding)
    extra = list(problems)
    for code in reasons:
        if code not in used:
            extra.append(
                RULES["LINT003"].finding(
                    f"Lint Ignore '{code}' is not needed: {code} does not fire here", match=code
                )
            )
    out += [p for p in extra if settings.enabled(p.code)]
    out = [_with_severity(f, settings) for f in out]
    out.sort(key=_most_severe_first)
    return out


def _with_severity(finding: Finding, settings: Settings) -> Finding:
    if finding.code in settings.severity:
        return finding._replace(severity=settings.severity_of(finding.code))
    return finding


def _most_severe_first(finding: Finding) -> tuple[int, str, int]:
    return -SEVERITY_RANK[finding.severity], finding.code, finding.start


def lint_row(
    row: Row,
    terms: Terms,
    settings: Settings,
    as_of: date,
    context: Context | None = None,
    prepared: Recent | None = None,
) -> list[Finding]:
    """Every enabled finding for one row, after suppressions, most severe first.

    ``prepared`` (one dict per run and settings) keeps what each distinct
    wording gives, so a repeated wording costs only its review's checks.
    """
    key = (row.text, row.responsible, row.target_date, row.lint_ignore)
    if prepared is None:
        prep = _prepare(row, terms, settings)
    else:
        prep = prepared.get(key, MISSING)
        if prep is MISSING:
            prep = prepared.recall(key)
            if prep is MISSING:
                prep = _prepare(row, terms, settings)
            prepared.put(key, prep)
    smart = prep.smart
    if smart is not None and smart.review_only and (context is None or not context.known):
        context = _UNKNOWN  # "by the next review" with no review known
    elif (
        smart is None
        or context is None
        or not context.known
        or not (
            smart.column_due
            or smart.text_due
            or smart.review_only
            or (smart.wording and context.previous)
        )
    ):
        return list(prep.final)  # nothing for SMART001 (next review)/006/007 to check
    extra = review_findings(smart, row.text, as_of, context)
    if not extra:
        return list(prep.final)
    if prep.reasons:  # a suppression may now be used: work the row out again
        return _finish(prep.found + tuple(extra), prep.reasons, prep.problems, settings)
    out = list(prep.final)
    for finding in extra:  # SMART006/007: codes no other finding has
        if settings.enabled(finding.code):
            out.append(_with_severity(finding, settings))
    out.sort(key=_most_severe_first)
    return out


def lint_rows(
    rows: Sequence[Row],
    terms: Terms,
    settings: Settings,
    as_of: date,
    reviews: Sequence[Review] | None = None,
    workers: int = 1,
) -> list[list[Finding]]:
    """Findings for each row, in input order. ``reviews=None``: SMART006/007 skipped.

    ``workers`` > 1 shares the rows out among that many processes (each row's
    context is worked out first, so the result is the same) from
    ``PARALLEL_MIN_ROWS`` rows on.
    """
    return lint_in_context(rows, build_context(rows, reviews), terms, settings, as_of, workers)


def lint_in_context(
    rows: Sequence[Row],
    contexts: Mapping[str, Context],
    terms: Terms,
    settings: Settings,
    as_of: date,
    workers: int = 1,
    linter: Linter | None = None,
) -> list[list[Finding]]:
    """Findings for each row given each review's context (see :func:`build_context`).

    ``workers`` > 1 (from ``PARALLEL_MIN_ROWS`` rows on): the rows are linted by that
    many worker processes (:class:`~iro_cli.lint.workers.LintPool`), each child's rows in one.
    ``linter``: a run's :class:`Linter` (for one process), which keeps what it worked out
    for the next call.
    """
    if workers <= 1 or len(rows) < PARALLEL_MIN_ROWS:
        return (linter or Linter(terms, settings, as_of)).lint(rows, contexts)
    from iro_cli.lint.workers import LintPool

    with LintPool(workers, terms, settings, as_of) as pool:
        return pool.submit(rows, contexts)()


class Linter:
    """One run's rules in this process, with what each distinct row gave (``prepared``),
    kept from one chunk to the next (``PREPARED_LIMIT`` rows at most)."""

    def __init__(self, terms: Terms, settings: Settings, as_of: date) -> None:
        self.terms, self.settings, self.as_of = terms, settings, as_of
        self.prepared: Recent = Recent(PREPARED_LIMIT)

    def lint(self, rows: Sequence[Row], contexts: Mapping[str, Context]) -> list[list[Finding]]:
        """Findings for each row, in order."""
        with _collector_for_lint():
            return _lint_chunk(rows, contexts, self.terms, self.settings, self.as_of, self.prepared)


@contextmanager
def _collector_for_lint() -> Iterator[None]:
    """A collection per ``LINT_GC_THRESHOLD`` new objects inside the block; after it, what
    the block made joins the oldest generation unscanned: a pass over it at the usual
    threshold cost 0.4 s."""
    before = gc.get_threshold()
    gc.set_threshold(LINT_GC_THRESHOLD, *before[1:])
    try:
        yield
    finally:
        gc.freeze()
        gc.set_threshold(*before)
        gc.unfreeze()


PARALLEL_MIN_ROWS = 20_000
# Linting makes hundreds of thousands of lasting objects (findings, what each wording
# gives) and no reference cycles: a collection per million of them, not per 50,000,
# saves about 0.5 s of 7 in each process on 100,000 rows (as the reader does).
LINT_GC_THRESHOLD = 1_000_000
# Rows whose findings-before-context a Linter keeps, in two generations of this many
# (lint.recent; the memo on Terms keeps the wordings' analyses, terms.MEMO_LIMIT):
# enough for the wordings a chunk repeats.
PREPARED_LIMIT = 5_000


def _lint_chunk(
    rows: Sequence[Row],
    contexts: Mapping[str, Context],
    terms: Terms,
    settings: Settings,
    as_of: date,
    prepared: Recent,
) -> list[list[Finding]]:
    get = contexts.get
    return [lint_row(row, terms, settings, as_of, get(row.review_id), prepared) for row in rows]
