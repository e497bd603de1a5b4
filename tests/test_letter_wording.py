"""Letter wording rules: dates, sentences, "you", pronouns, care words and acronyms."""

from __future__ import annotations

from datetime import date

import pytest

from iro_cli.letters.ages import age_group, reading_age_target
from iro_cli.letters.wording import (
    Replacer,
    child_pronouns,
    gender_of,
    parse_date,
    plain_dates,
    second_person,
    sentences,
    uk_date,
    usable_replacement,
    when_phrase,
)
from iro_cli.lint import load_terms
from iro_cli.schedule.dates import age_on


@pytest.fixture(scope="module")
def replace() -> Replacer:
    return Replacer(load_terms({}))


def test_uk_date_and_plain_dates() -> None:
    assert uk_date(date(2027, 1, 15)) == "15 January 2027"
    assert uk_date(date(2026, 11, 5)) == "5 November 2026"
    # Day first: 03/04/2027 is 3 April.
    assert plain_dates("by 03/04/2027 or 2027-05-06") == "by 3 April 2027 or 6 May 2027"
    assert plain_dates("31/02/2027 stays") == "31/02/2027 stays"
    assert parse_date("15/01/27") == date(2027, 1, 15)
    assert parse_date("end of term") is None


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("15/01/2027", "by 15 January 2027"),
        ("2027-02-01", "by 1 February 2027"),
        ("end of term", "by the end of term"),
        ("every week", "every week"),
        ("Within 2 weeks", "within 2 weeks"),
        ("ongoing", ""),
        ("TBC", ""),
        ("ASAP", "as soon as possible"),
        ("Easter", "by Easter"),
        ("", ""),
    ],
)
def test_when_phrase(target: str, expected: str) -> None:
    assert when_phrase(target) == expected


def test_sentences_split_on_stops_lines_and_bullets_not_titles() -> None:
    text = "Ellie met Mrs. Khan. She likes school!\n- Football\n\u2022 Swimming"
    assert sentences(text) == ["Ellie met Mrs. Khan.", "She likes school!", "Football", "Swimming"]


def test_second_person() -> None:
    names = ["Eleanor Smith", "Eleanor", "Ellie"]
    assert second_person("Ellie's dentist check", names) == "Your dentist check"
    assert second_person("Book a check for Ellie.", names) == "Book a check for you."
    assert second_person("Ellie sometimes feels sad.", names) == "You sometimes feel sad."
    assert (
        second_person("Ellie likes Jo and wants more time.", names)
        == "You like Jo and want more time."
    )
    assert second_person("Mum is well and wants a visit.", names) == (
        "Mum is well and wants a visit."
    )
    assert second_person("The young person is happy.", names) == "You are happy."


def test_child_pronouns_only_when_the_child_is_the_nearest_person() -> None:
    assert child_pronouns("You love his bike.", "male") == "You love your bike."
    assert child_pronouns("Your attendance is 82%. He is waiting.", "male") == (
        "Your attendance is 82%. You are waiting."
    )
    assert child_pronouns("Dad said he is busy.", "male") == "Dad said he is busy."
    assert child_pronouns("You miss Mum when she is at work.", "female") == (
        "You miss Mum when she is at work."
    )
    # Object pronouns mean someone else; possessive "her" before a noun is the child's.
    assert child_pronouns("You miss her. You love her dog.", "female") == (
        "You miss her. You love your dog."
    )
    assert child_pronouns("You love his bike.", "") == "You love his bike."
    assert gender_of("F") == "female" and gender_of("Male") == "male" and gender_of("") == ""


def test_usable_replacement() -> None:
    assert usable_replacement("family time (or: seeing Mum, seeing Dad)") == "family time"
    assert usable_replacement("teacher (name them: Mrs Khan at school)") == "teacher"
    assert usable_replacement("use the child's name (or: children in care)") == ""
    assert usable_replacement("leave it out") == ""
    assert usable_replacement("your meeting (or: [name]'s meeting)") == "your meeting"
    assert usable_replacement("[name]'s visit") == ""
    assert usable_replacement("Mum (or Dad) agreed you could live with...") == ""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("You can contact me on 01632 960001.", "You can contact me on 01632 960001."),
        ("Contact will be weekly.", "Family time will be weekly."),
        ("Your contact with Mum is monthly.", "Seeing Mum is monthly."),
        ("You want more contact with Mum.", "You want more family time with Mum."),
        ("The LAC review was good.", "Your meeting was good."),
        ("Your PEP is done.", "Your school plan is done."),
        ("Personal Education Plan (PEP) done.", "Personal Education Plan done."),
        ("Referral to CAMHS", "Referral to people who help with worries and feelings"),
        ("Update the care plan.", "Update your plan."),
        (
            "The SENCO will meet you.",
            "The teacher who organises extra help at school will meet you.",
        ),
        ("Your siblings came.", "Your brothers and sisters came."),
    ],
)
def test_replacer_uses_the_lint_term_lists(replace: Replacer, text: str, expected: str) -> None:
    assert replace(text) == expected


def test_labels_are_found_not_reworded(replace: Replacer) -> None:
    assert replace.has_label("Ellie absconded twice.")
    assert replace("Ellie absconded twice.") == "Ellie absconded twice."
    assert not replace.has_label("Ellie ran away twice.")


def test_service_term_list_additions_reach_letters() -> None:
    replace = Replacer(load_terms({"care_words": {"sleepover club": "weekend club"}}))
    assert replace("The sleepover club is fun.") == "The weekend club is fun."


@pytest.mark.parametrize(
    ("born", "on", "age", "group", "target"),
    [
        (date(2019, 11, 6), date(2026, 11, 5), 6, "under8", 7),
        (date(2018, 11, 5), date(2026, 11, 5), 8, "8to12", 7),
        (date(2016, 3, 4), date(2026, 11, 5), 10, "8to12", 9),
        (date(2013, 11, 6), date(2026, 11, 5), 12, "8to12", 9),
        (date(2013, 11, 5), date(2026, 11, 5), 13, "13plus", 9),
        (date(2008, 11, 5), date(2026, 11, 5), 18, "adult", 9),
    ],
)
def test_age_on_review_day(born: date, on: date, age: int, group: str, target: int) -> None:
    assert age_on(born, on) == age
    assert age_group(age).key == group
    assert reading_age_target(age) == target


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("i like living with Jo", "I like living with Jo."),
        ("“I feel like nobody listens.”", "“I feel like nobody listens.”"),
        ("“I want to see my brother”", "“I want to see my brother”."),
        ("Are you happy at school?", "Are you happy at school?"),
        ("We will meet again (in May)", "We will meet again (in May)."),
    ],
)
def test_finish_adds_one_full_stop(text: str, expected: str) -> None:
    from iro_cli.letters.wording import finish

    assert finish(text) == expected


def test_warnings_name_the_heading_above_not_the_sentence() -> None:
    from iro_cli.letters.checks import _Locator, _numbered

    paragraphs = [
        ("Title", "About your meeting"),
        ("Normal", "Dear Ellie,"),
        ("heading 1", "What we agreed"),
        ("List Bullet", "Sam will book your dentist check."),
    ]
    locator = _Locator(_numbered(paragraphs))
    assert locator.where(locator.text.index("dentist")) == 'paragraph 4, under "What we agreed"'
    assert locator.where(0) == 'paragraph 1, under "About your meeting"'
