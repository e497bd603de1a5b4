"""Agreed actions rewritten for the child, or handed to the IRO: one case per line.

Written as IROs write recommendations (abbreviations, no full stops, the child's name,
he/she), several per class. Expected sentences worked out by hand from the rules in
``iro_cli/letters/recommendations.py``; word counts counted by hand where a limit bites.
"""

from __future__ import annotations

import pytest

from iro_cli.letters.faults import text_faults
from iro_cli.letters.grammar import after_you, third_person
from iro_cli.letters.recommendations import People, rewrite_recommendation
from iro_cli.letters.wording import Replacer, second_person
from iro_cli.lint import load_terms

TERMS = load_terms({})
REPLACE = Replacer(TERMS)


def people(max_words: int = 15, gender: str = "male") -> People:
    """Tyler Okafor ("Ty"), social worker Sam Jones, IRO Pat Brown."""
    return People(
        child_names=("Tyler Okafor", "Tyler", "Ty"),
        social_worker="Sam Jones",
        iro_name="Pat Brown",
        acronyms=TERMS.acronyms,
        gender=gender,
        max_words=max_words,
    )


def rewrite(text: str, responsible: str = "", target: str = "", **kw):
    return rewrite_recommendation(text, responsible, target, people(**kw), REPLACE)


@pytest.mark.parametrize(
    ("text", "responsible", "target", "expected"),
    [
        # A frequency with a start date: said once, in full.
        (
            "Foster carer to take Ty to boxing every Thursday from 14/01/2027",
            "Dee Hall (foster carer)",
            "",
            "Dee (your foster carer) will take you to boxing every Thursday from 14 January 2027.",
        ),
        (
            "SW to set up a weekly phone call between Ty and Nan, starting by 08/02/2027",
            "SW",
            "08/02/2027",
            # 20 words with the date: over 15, so the date has its own sentence.
            "Sam (your social worker) will set up a weekly phone call between you and Nan. "
            "This will start by 8 February 2027.",
        ),
        # A frequency in the text and a deadline in the Target Date: "starting by".
        (
            "Carers to help Ty with his reading for 15 minutes every night",
            "Foster carers",
            "11/01/2027",
            # 17 words with the date: over 15, so the date has its own sentence.
            "Your carers will help you with your reading for 15 minutes every night. "
            "This will start by 11 January 2027.",
        ),
        # The date in the text is the Target Date: said once, not twice.
        (
            "SW to book Ty's eye test by 29/01/2027",
            "Sam Jones (SW)",
            "29/01/2027",
            "Sam (your social worker) will book your eye test by 29 January 2027.",
        ),
        # Two owners.
        (
            "SW and IRO to meet Ty together before his next review",
            "Sam Jones (SW) / IRO",
            "",
            "Sam (your social worker) and I will meet you together before your next review.",
        ),
        (
            "Dee and Sam to agree Ty's pocket money",
            "Dee Hall (foster carer) and Sam Jones (social worker)",
            "",
            "Dee (your foster carer) and Sam (your social worker) will agree your pocket money.",
        ),
        # A passive with an owner in the Responsible column or after "by".
        (
            "Optician appointment to be booked by carer",
            "Foster carer",
            "31/01/2027",
            # "by carer": the text's word for who does it.
            "Your carer will book your optician appointment by 31 January 2027.",
        ),
        (
            "Ty to be given a bus pass",
            "Sam Jones (social worker)",
            "",
            "Sam (your social worker) will give you a bus pass.",
        ),
        # The person the text names does it, whoever is Responsible.
        (
            "Ty to join the climbing club at the leisure centre",
            "Social worker",
            "",
            "You will join the climbing club at the leisure centre.",
        ),
        (
            "Ty to spend Sunday afternoons with Grandad from 10/01/2027",
            "Grandad",
            "",
            "You will spend Sunday afternoons with Grandad from 10 January 2027.",
        ),
        # He/his meaning the child, and the verb after "you" agreeing.
        (
            "Ty to tell his carer where he goes when he goes out",
            "Ty",
            "",
            "You will tell your carer where you go when you go out.",
        ),
        # "his" right after the child: the child's, though a carer does it.
        (
            "Carer to take Ty to see his cousins in Leeds",
            "Foster carer",
            "",
            "Your carer will take you to see your cousins in Leeds.",
        ),
        (
            "IRO to speak to Ty's teacher about what worries him at lunchtime",
            "IRO",
            "",
            "I will speak to your teacher about what worries you at lunchtime.",
        ),
        # A question put to the child is about the child: "ask you where he wants".
        (
            "SW to ask Ty where he wants his next review",
            "SW",
            "",
            "Sam (your social worker) will ask you where you want your next review.",
        ),
        # Written to the child already: kept, with the Target Date once.
        (
            "You will start swimming lessons after Christmas",
            "Dee Hall (foster carer)",
            "",
            "You will start swimming lessons after Christmas.",
        ),
        # Care words and acronyms from the lint lists.
        (
            "SW to arrange contact with Mum every other Saturday",
            "SW",
            "",
            "Sam (your social worker) will arrange family time with Mum every other Saturday.",
        ),
        (
            "LAC nurse to complete Ty's RHA",
            "LAC nurse",
            "20/01/2027",
            "Your nurse will complete your health check by 20 January 2027.",
        ),
    ],
)
def test_rewritten(text: str, responsible: str, target: str, expected: str) -> None:
    result = rewrite(text, responsible, target)
    assert (result.text, result.gap, result.omit) == (expected, "", "")
    assert text_faults(result.text, TERMS, max_words=15, action=True) == []


@pytest.mark.parametrize(
    ("text", "responsible", "target", "reason"),
    [
        # A passive with no owner.
        ("Life story book to be finished", "", "", "nobody is named"),
        ("Ty to be offered counselling", "", "28/02/2027", "nobody is named"),
        # Vague timescales are not promised to a child.
        ("Dentist appointment to be booked ASAP", "Foster carer", "ASAP", "date the child"),
        ("Carer to take Ty for a haircut when possible", "Foster carer", "", "vague"),
        # "he" may be the carer: the one doing it is not known to be a woman.
        ("Carer to take Ty to football when he finishes work", "Foster carer", "", "he/she"),
        ("Ty to be offered therapy in due course", "SW", "", "vague"),
        # Actions nobody can check; "liaise".
        ("SW to liaise with school about Ty's exclusion", "SW", "31/01/2027", "liaise"),
        ("Carers to continue to support Ty's education", "Foster carers", "", "support"),
        # A label stays out: describing what happened needs a person.
        ("Carers to ring police if Ty absconds again", "Foster carers", "", "abscond"),
        (
            "School to put in place a plan to manage Ty's challenging behaviour",
            "School",
            "",
            "challenging behaviour",
        ),
        # An acronym whose plain words cannot stand before a noun.
        ("SGO assessment of Nan to be completed", "SW", "30/04/2027", "SGO"),
        # He may be someone else: Dad is named before "his".
        ("Dad to bring Ty's bike when he visits with his new partner", "Dad", "", "he/she"),
        # Several actions in one, or more than one sentence.
        ("SW to update plan, carer to book dentist and school to review PEP", "", "", "several"),
        ("Ty wants a phone. Carers to get him one for his birthday", "Foster carers", "", "more"),
        # The text and the Target Date disagree.
        ("SW to visit Ty on 12/01/2027", "SW", "20/01/2027", "different dates"),
        # Too long for a child under 8 (12 words at most): 16 words.
        (
            "Foster carer to take Ty to the baby and toddler group every Wednesday morning",
            "Dee Hall (foster carer)",
            "",
            "age limit",
        ),
    ],
)
def test_gap(text: str, responsible: str, target: str, reason: str) -> None:
    result = rewrite(text, responsible, target, max_words=12)
    assert result.text == ""
    assert reason in result.gap


@pytest.mark.parametrize(
    "text",
    [
        "All professionals to liaise regarding Ty's needs",
        "Minutes of the review to be circulated within 20 working days",
        "IRO to write to Ty to explain what was agreed at this meeting",
        "Mum and Dad to be told the outcome of this review",
    ],
)
def test_left_out(text: str) -> None:
    result = rewrite(text, "IRO")
    assert (result.text, result.gap) == ("", "")
    assert result.omit


def test_the_same_action_fits_an_older_child() -> None:
    """16 words in one sentence; 13 + 6 in two (who does what; then when).

    Under 8 (12) even the first of two is too long: a gap. 8-12 (15): two
    sentences. 13+ (20): one sentence.
    """
    text = "Foster carer to take Ty to the baby and toddler group every Wednesday morning"
    assert rewrite(text, "Dee Hall (foster carer)", "", max_words=12).gap
    assert rewrite(text, "Dee Hall (foster carer)", "", max_words=15).text == (
        "Dee (your foster carer) will take you to the baby and toddler group. "
        "This will happen every Wednesday morning."
    )
    assert rewrite(text, "Dee Hall (foster carer)", "", max_words=20).text == (
        "Dee (your foster carer) will take you to the baby and toddler group every "
        "Wednesday morning."
    )


def test_a_long_action_puts_its_date_in_a_sentence_of_its_own() -> None:
    # "Sam (your social worker) will ask your school for a quiet room at lunchtimes"
    # is 14 words; with "by 8 January 2027" it would be 18.
    result = rewrite(
        "SW to ask Ty's school for a quiet room at lunchtimes", "SW", "08/01/2027", max_words=15
    )
    assert result.text == (
        "Sam (your social worker) will ask your school for a quiet room at lunchtimes. "
        "This will happen by 8 January 2027."
    )


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("absconds", "abscond"),
        ("carries", "carry"),
        ("watches", "watch"),
        ("has", "have"),
        ("is", "are"),
        ("was", "were"),
        ("Goes", "Go"),
        ("bus", "bus"),  # a noun: unchanged
        ("this", "this"),
    ],
)
def test_after_you_from_lemminflect(word: str, expected: str) -> None:
    assert after_you(word) == expected
    assert third_person(word) is (word != expected)


def test_second_person_keeps_the_childs_own_words() -> None:
    assert second_person('Ty said "Ty is fine, leave me alone" and Ty likes it', ["Ty"]) == (
        'You said "Ty is fine, leave me alone" and you like it'
    )
    assert second_person("If Ty absconds again", ["Ty"]) == "If you abscond again"


# Errors found by the held-out set (tests/data/letters/heldout_recommendations.toml) after
# it was measured, added here as development cases (the held-out figures are not re-tuned).
AMIRA = People(("Amira Hussain", "Mira Hussain", "Amira", "Mira"), "Priya Shah", "Helen Price",
               TERMS.acronyms, "female", max_words=20)  # fmt: skip
POPPY = People(("Poppy-Mae Evans", "Poppy-Mae"), "Tom Reed", "Helen Price", TERMS.acronyms,
               "female", max_words=12)  # fmt: skip


@pytest.mark.parametrize(
    ("who", "text", "responsible", "target", "expected", "gap"),
    [
        # "her 16th birthday" is hers ("before you 16th birthday" was written).
        (AMIRA, "IRO to see Mira before her 16th birthday", "IRO", "",
         "I will see you before your 16th birthday.", ""),
        # A hyphenated name with 's ("your poppy-Mae's 2 year check" was written).
        (POPPY, "Poppy-Mae's 2 year check to be completed by the health visitor",
         "Health visitor", "15/01/2027",
         "Your health visitor will complete your 2 year check. This will happen by 15 January "
         "2027.", ""),
        # "before next review" gets its "your".
        (AMIRA, "IRO to meet with Mira before next review", "IRO", "",
         "I will meet with you before your next review.", ""),
        # A deadline in the text and another in the Target Date.
        (AMIRA, "PA to be allocated by 16th birthday", "Team manager", "12/03/2027", "",
         "each give a deadline"),
        # Note-taking without an article.
        (AMIRA, "SW to complete pathway plan with Mira", "SW", "", "", "a word is missing"),
        # Ends on a verb with nothing after it.
        (AMIRA, "School to put in place a reduced timetable for 2 weeks then review", "School",
         "", "", "ends without"),
    ],
)  # fmt: skip
def test_held_out_errors(who, text, responsible, target, expected, gap) -> None:
    result = rewrite_recommendation(text, responsible, target, who, REPLACE)
    assert result.text == expected
    assert gap in result.gap and bool(result.gap) is bool(gap)


def _on(day: str, max_words: int = 12) -> People:
    """The people of :func:`people`, in a letter dated ``day`` (dd/mm/yyyy)."""
    from dataclasses import replace

    from iro_cli.letters.wording import parse_date

    return replace(people(max_words=max_words), not_before=parse_date(day))


@pytest.mark.parametrize(
    ("text", "responsible", "target", "max_words", "expected"),
    [
        # Words counted by hand. One sentence: 15 words; two: 11 + 5.
        (
            "Foster carer to take Ty to the climbing wall every Saturday afternoon",
            "Dee Hall (foster carer)",
            "",
            12,
            "Dee (your foster carer) will take you to the climbing wall. "
            "This will happen every Saturday afternoon.",
        ),
        # 16 in one; 10 + 8 in two ("before ..." is a when of the text).
        (
            "Carers to take Ty to visit his old school before the end of January",
            "Foster carers",
            "",
            12,
            "Your carers will take you to visit your old school. "
            "This will happen before the end of January.",
        ),
        # 16 in one; 11 + 6 ("three times a week").
        (
            "Teacher to give Ty spelling practice in a small group three times a week",
            "Class teacher",
            "",
            12,
            "Your teacher will give you spelling practice in a small group. "
            "This will happen three times a week.",
        ),
        # 20 in one; 12 + 10 at 8-12 (15).
        (
            "SW to explain to Ty what the judge decided within a week of the court hearing",
            "SW",
            "",
            15,
            "Sam (your social worker) will explain to you what the judge decided. "
            "This will happen within a week of the court hearing.",
        ),
        # A start date in the text goes with its frequency: "This will start on ...".
        (
            "Sam Jones (SW) will take Ty to football training every Tuesday from 12/01/2027",
            "SW",
            "",
            12,
            "Sam (your social worker) will take you to football training every Tuesday. "
            "This will start on 12 January 2027.",
        ),
        # A frequency in the text and a start in the Target Date: both in the second.
        # 18 in one; "Your foster carer will read with you for ten minutes." 10; then 10.
        (
            "Foster carer to read with Ty for ten minutes every night",
            "Foster carer",
            "04/01/2027",
            10,
            "Your foster carer will read with you for ten minutes. "
            "This will happen every night, starting by 4 January 2027.",
        ),
    ],
)
def test_a_long_action_is_said_in_two_short_sentences(
    text: str, responsible: str, target: str, max_words: int, expected: str
) -> None:
    result = rewrite_recommendation(
        text, responsible, target, _on("03/12/2026", max_words), REPLACE
    )
    assert (result.text, result.gap) == (expected, "")
    assert all(len(s.split()) <= max_words for s in result.text.split(". "))


@pytest.mark.parametrize(
    ("text", "responsible", "target", "max_words"),
    [
        # "Sam (your social worker) will arrange for you to see your uncle Jack." 13 > 12.
        ("SW to arrange for Ty to see his uncle Jack once a month", "SW", "15/01/2027", 12),
        # No when of its own to move: 14 words, limit 12.
        ("SW to ask the school nurse to complete Ty's health check", "SW", "15/01/2027", 12),
        # "set up a" would be cut off before "weekly": not a sentence.
        ("SW to set up a weekly video call between Ty and his nan", "SW", "", 12),
        # From the first held-out set, measured before they were added here: the
        # second sentence would also say how ("... twice a day with a sticker chart"),
        # and the first would end on a loose word ("..., alternating.").
        ("Kim to teach Ty to brush his teeth twice a day with a sticker chart",
         "Kim Lee (foster carer)", "", 12),
        ("Sam to visit Ty at school and at home, alternating, every 6 weeks", "SW", "", 12),
        # The sample batch: once split, "arrange your respite for the carers" showed that
        # a bare noun done for someone else is not "your" anything.
        ("Respite to be arranged for the carers once a month", "Supervising social worker",
         "", 20),
        # A deadline in the text and another in the Target Date: two "when"s.
        ("Carers to take Ty to visit his old school before the end of January", "Carers",
         "15/01/2027", 12),
    ],
)  # fmt: skip
def test_a_long_action_with_no_short_split_stays_a_gap(
    text: str, responsible: str, target: str, max_words: int
) -> None:
    result = rewrite_recommendation(
        text, responsible, target, _on("03/12/2026", max_words), REPLACE
    )
    assert result.text == "" and result.gap


@pytest.mark.parametrize(
    ("text", "responsible", "target", "past"),
    [
        # The Target Date before the letter's date (3 December 2026).
        ("SW to book Ty's eye test", "SW", "01/11/2026", "1 November 2026"),
        # A date in the text, with no Target Date.
        ("Foster carer to register Ty with a dentist by 20 November 2026", "Foster carer", "",
         "20 November 2026"),
        # A start date already past ("every Tuesday from ...").
        ("Sam Jones (SW) will take Ty to football every Tuesday from 02/12/2026", "SW", "",
         "2 December 2026"),
        # The day before the letter: still past.
        ("SW to give Ty a copy of his life story book", "SW", "02/12/2026", "2 December 2026"),
    ],
)  # fmt: skip
def test_a_deadline_already_past_is_a_gap_not_a_promise(
    text: str, responsible: str, target: str, past: str
) -> None:
    result = rewrite_recommendation(text, responsible, target, _on("03/12/2026", 20), REPLACE)
    assert result.text == ""
    assert past in result.gap and "before the date of this letter" in result.gap


def test_a_deadline_on_or_after_the_letters_date_is_kept() -> None:
    # The letter's own day is not past: "by 3 December 2026" can still be kept.
    result = rewrite_recommendation(
        "SW to book Ty's eye test", "SW", "03/12/2026", _on("03/12/2026", 20), REPLACE
    )
    assert result.text == "Sam (your social worker) will book your eye test by 3 December 2026."


def test_the_gap_says_whether_it_was_due_before_the_meeting_or_since() -> None:
    """Meeting 10 November 2026, letter 3 December 2026 (the sample's 7 July case)."""
    from dataclasses import replace
    from datetime import date

    who = replace(
        people(max_words=20), not_before=date(2026, 12, 3), meeting_day=date(2026, 11, 10)
    )
    before = rewrite_recommendation(
        "Sam Jones (SW) will share Ty's updated plan with Mum", "SW", "07/07/2026", who, REPLACE
    )
    assert before.text == ""
    assert before.gap.startswith("7 July 2026 was before the meeting (10 November 2026)")
    since = rewrite_recommendation(
        "Sam Jones (SW) will share Ty's updated plan with Mum", "SW", "20/11/2026", who, REPLACE
    )
    assert since.gap.startswith("20 November 2026 is before the date of this letter (3 December")
