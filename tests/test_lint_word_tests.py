"""The word tests in front of costly regexes (terms.letter_words) only skip what cannot match.

A rule may skip a regex when the text lacks every word it needs; these tests run each such
regex anyway, on the sample export's recommendations, the labelled and held-out sets and
seeded random texts made of the words the rules look for, and check that it never matches a
text the word test ruled out.
"""

from __future__ import annotations

import csv
import random
import re
from pathlib import Path

import pytest

from iro_cli.lint import clauses, dates, owners, smart
from iro_cli.lint.terms import lacks, letter_words, load_terms

ROOT = Path(__file__).resolve().parent.parent
_VOCABULARY = """every each per two days a week straight away by 15 January 2027 the next review
within 4 weeks' weeks’ weekss time in term half-term spring 1 Eid al-Adha Hanukkah Chanukah turns
16 age of today this Monday Mondays on alternate weekends school holidays whenever possible end
month March May mar Marsden fortnightly bi-weekly twice daily 15/01/2027 2027-01-15 3rd Sept.
mid June summer 2 Christmas Day new year 10 working , . and Sam's birthday 18th once times hour
minutes session visit nights lesson call immediately with immediate effect tomorrow tonight same
following upcoming LAC PEP meeting is reaches becomes aged 12 at before until Friday mornings
during 1st 31 December Dec decision separate 20 help support continue to will Mum Dad SW social
worker needs met meet be made done by then as well as ; the council club team they she He They
professionals all the network we TBC n/a Zoë local authority multi-agency"""
VOCABULARY = _VOCABULARY.split()


def _texts() -> list[str]:
    texts = []
    for path in (
        ROOT / "sample_exports" / "recommendations.csv",
        ROOT / "tests" / "data" / "lint" / "labelled.csv",
        ROOT / "tests" / "data" / "lint" / "heldout.csv",
    ):
        with path.open(encoding="utf-8-sig", newline="") as handle:
            for row in csv.DictReader(handle):
                texts.append(row.get("Recommendation") or row.get("recommendation") or "")
    rng = random.Random(16)
    for _ in range(3_000):
        words = rng.choices(VOCABULARY, k=rng.randint(2, 12))
        texts.append("".join(w + rng.choice([" ", " ", " ", "-", "\n", "\t", ", "]) for w in words))
    return [t for t in texts if t]


TEXTS = _texts()
TERMS = load_terms()


def test_the_date_patterns_skipped_find_nothing() -> None:
    skipped = 0
    for text in TEXTS:
        low = text.lower()
        words = letter_words(text)
        if words is None:
            continue
        run = set(dates._possible(low, words))
        first_tests = set(dates._possible(low, None))  # as main decided, before the words
        assert run <= first_tests, text
        for index in first_tests - run:
            skipped += 1
            assert dates._COMPILED[index][1].search(low) is None, (index, text)
    assert skipped > 1_500  # the tests do skip patterns


@pytest.mark.parametrize(
    ("pattern", "needed"),
    [
        (owners._ORGANISATION, owners._ORGANISATION_WORDS),
        (owners._PRONOUN, owners._PRONOUNS),
        (clauses._MEET_NEEDS, clauses._MEET_NEEDS_WORDS),
        (clauses._NEEDS_MET, clauses._NEEDS_MET_WORDS),
        (smart._PASSIVE, smart._BE),
        (owners._vague_re(TERMS, lower=False), owners._vague_needs(TERMS)),
    ],
)
def test_a_regex_skipped_for_want_of_words_finds_nothing(
    pattern: re.Pattern[str], needed: frozenset[str]
) -> None:
    skipped = 0
    for text in TEXTS:
        if lacks(letter_words(text), needed):
            skipped += 1
            assert pattern.search(text) is None, text
    assert skipped > 300


def test_joined_after_is_the_regex() -> None:
    for text in TEXTS:
        words = letter_words(text)
        for start in range(0, len(text), 11):
            expected = clauses._JOINED.search(text, start) is not None
            assert clauses._joined_after(text, start, words) is expected, (text, start)


def test_letter_words_none_when_lower_changes_the_length() -> None:
    assert letter_words("İpek will call") is None
    assert letter_words("Zoë's SW will call on 3/1") == frozenset(
        {"zo", "s", "sw", "will", "call", "on"}
    )
