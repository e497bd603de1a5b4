"""Age versions of the review letter.

A letter is written for the child's age *on the date of the review* it is
about. Four versions, each with the targets the post-render check uses:

``under8``  read with a carer: sentences of 12 words at most, 3 things we agreed
``8to12``   written to the child: sentences of 15 words at most, 5 things we agreed
``13plus``  written to the young person: 20 words at most, 6 things we agreed
``adult``   care-experienced young adults (18 and over): 20 words at most, 6 things

Agreed actions past the number go under "More things we agreed", with a
comment for the IRO to keep or cut them.

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
    max_actions: int


UNDER_8 = AgeGroup("under8", "under 8 (to read with a carer)", 12, 1, 3)
AGE_8_TO_12 = AgeGroup("8to12", "8 to 12", 15, 2, 5)
AGE_13_PLUS = AgeGroup("13plus", "13 to 17", 20, 2, 6)
ADULT = AgeGroup("adult", "18 and over (care-experienced young adult)", 20, 3, 6)
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
