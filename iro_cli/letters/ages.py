"""Age versions of the review letter.

A letter is written for the child's age *on the date of the review* it is
about. Four versions, each with the targets the post-render check uses:

``under8``  read with a carer: very short sentences (10 words at most)
``8to12``   written to the child: sentences of 12 words at most
``13plus``  written to the young person: sentences of 15 words at most
``adult``   care-experienced young adults (18 and over): 15 words at most

Reading-age target (see shared/spec/language.md §3): ``min(age - 1, 9)``
with a floor of 7 because an under-8 letter is read aloud by a carer.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class AgeGroup:
    key: str
    label: str
    max_sentence_words: int
    sentences_per_message: int


UNDER_8 = AgeGroup("under8", "under 8 (to read with a carer)", 10, 1)
AGE_8_TO_12 = AgeGroup("8to12", "8 to 12", 12, 2)
AGE_13_PLUS = AgeGroup("13plus", "13 to 17", 15, 2)
ADULT = AgeGroup("adult", "18 and over (care-experienced young adult)", 15, 3)
AGE_GROUPS = (UNDER_8, AGE_8_TO_12, AGE_13_PLUS, ADULT)


def age_group(age: int) -> AgeGroup:
    """The letter version for a child of ``age`` years."""
    if age < 8:
        return UNDER_8
    if age < 13:
        return AGE_8_TO_12
    if age < 18:
        return AGE_13_PLUS
    return ADULT


def reading_age_target(age: int) -> int:
    """Highest acceptable approximate reading age of a letter for ``age``."""
    return max(7, min(age - 1, 9))
