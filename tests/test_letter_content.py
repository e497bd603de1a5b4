"""Letter content: recommendations for the child, other children, review choice, messages."""

from __future__ import annotations

from datetime import date

import pytest

from iro_cli.errors import ConfigError
from iro_cli.letters.content import build_letter, views_sentence
from iro_cli.letters.privacy import KnownChild, OtherChildren
from iro_cli.letters.recommendations import People, describe_person, rewrite_recommendation
from iro_cli.letters.selection import LetterError, batch, choose_review, next_meeting
from iro_cli.letters.settings import LetterSettings, letter_settings
from iro_cli.letters.wording import Replacer
from iro_cli.lint import load_terms

TERMS = load_terms({})


@pytest.fixture(scope="module")
def replace() -> Replacer:
    return Replacer(TERMS)


PEOPLE = People(
    child_names=("Eleanor Smith", "Eleanor", "Ellie"),
    social_worker="Sam Jones",
    iro_name="Pat Brown",
    acronyms=TERMS.acronyms,
    gender="female",
)


@pytest.mark.parametrize(
    ("text", "responsible", "target", "expected", "rewritten"),
    [
        (
            "SW to book Ellie's dentist check",
            "Sam Jones (SW)",
            "15/01/2027",
            "Sam (your social worker) will book your dentist check by 15 January 2027.",
            True,
        ),
        (
            "Social worker to arrange contact with Mum monthly",
            "",
            "ongoing",
            "Sam (your social worker) will arrange family time with Mum monthly.",
            True,
        ),
        (
            "Referral to CAMHS to be made",
            "SW",
            "01/05/2027",
            "Sam (your social worker) will refer you to people who help with worries and "
            "feelings by 1 May 2027.",
            True,
        ),
        (
            "Designated teacher to update Ellie's PEP",
            "Designated Teacher",
            "end of term",
            "Your teacher will update your school plan by the end of term.",
            True,
        ),
        (
            "Book dentist check for Ellie by 01/02/2027",
            "Foster carer",
            "01/02/2027",
            # "book dentist check" has lost its article: a gap, not a guess.
            "",
            False,
        ),
        (
            "IRO to visit Ellie at home",
            "IRO",
            "every 3 months",
            "I will visit you at home every 3 months.",
            True,
        ),
        (
            "Jo (foster carer) will take Ellie swimming",
            "",
            "",
            "Jo (your foster carer) will take you swimming.",
            True,
        ),
        (
            "Placement to be reviewed by the panel",
            "Team Manager",
            "",
            "",
            False,
        ),
        (
            "Stability to be monitored",
            "",
            "30/06/2027",
            "",
            False,
        ),
    ],
)
def test_rewrite_recommendation(
    replace: Replacer, text: str, responsible: str, target: str, expected: str, rewritten: bool
) -> None:
    result = rewrite_recommendation(text, responsible, target, PEOPLE, replace)
    assert result.text == expected
    assert result.rewritten is rewritten
    # Not rewritten: a gap for the IRO with the reason, never the text as recorded.
    assert bool(result.gap) is not rewritten


def test_long_action_puts_the_date_in_its_own_sentence(replace: Replacer) -> None:
    people = People(("Ellie",), "Sam Jones", "Pat Brown", TERMS.acronyms, "female", max_words=12)
    result = rewrite_recommendation(
        "SW to book Ellie's dentist check", "SW", "15/01/2027", people, replace
    )
    assert result.text == (
        "Sam (your social worker) will book your dentist check. "
        "This will happen by 15 January 2027."
    )


def test_describe_person() -> None:
    assert describe_person("SW", PEOPLE) == "Sam (your social worker)"
    assert describe_person("Chris Moore (residential worker)", PEOPLE) == "Chris (your key worker)"
    assert describe_person("Ms Achebe (designated teacher)", PEOPLE) == "Ms Achebe (your teacher)"
    assert describe_person("PA", PEOPLE) == "your personal adviser"
    assert describe_person("Pat Brown", PEOPLE) == "I"
    assert describe_person("Ellie", PEOPLE) == "you"
    assert describe_person("Mother", PEOPLE) == "Mum"
    assert describe_person("SW and IRO", PEOPLE) == "Sam (your social worker) and I"
    # A role is never cut, and every helper is "(your ...)".
    assert describe_person("Social Worker (Lucy Kerr)", PEOPLE) == "Lucy (your social worker)"
    assert describe_person("Beverley Bairstow (support worker)", PEOPLE) == (
        "Beverley (your support worker)"
    )
    assert describe_person("Mr Patel (Head of Year)", PEOPLE) == "Mr Patel (your head of year)"
    assert describe_person("Mum (Kelly)", PEOPLE) == "Mum"


def test_key_messages_leave_out_an_unsure_pronoun_and_service_figures(replace: Replacer) -> None:
    from iro_cli.letters.ages import AGE_8_TO_12
    from iro_cli.letters.content import key_messages

    review = {
        "childs_views": "Ty said he wants to see Dad and he wants a dog.",
        "working_well": "School attendance is 96% this term. Ty has joined the choir.",
        "worries": "Good relationship with Mum, who visits every four weeks.",
    }
    dropped = [0, 0, 0]
    others = OtherChildren([KnownChild("9", "Ty", "Okafor")])
    # Gender recorded, but "he" comes after Dad: "you want ... and he wants" is not used.
    known = key_messages(review, "9", ("Ty",), AGE_8_TO_12, others, frozenset(), replace,
                         dropped, "male")  # fmt: skip
    assert known == [{"heading": "What is going well", "text": "You have joined the choir."}]
    # No gender recorded: "he" may be Dad, so that sentence is not used; the fragment under
    # Worries never is.
    unknown = key_messages(review, "9", ("Ty",), AGE_8_TO_12, others, frozenset(), replace,
                           dropped, "")  # fmt: skip
    assert [m["heading"] for m in unknown] == ["What is going well"]
    # Left out: the "he wants" sentence and the fragment, in each of the two calls.
    assert dropped[2] == 4


def test_views_sentence() -> None:
    assert (
        views_sentence("Ellie said she likes school.", ["Ellie"]) == "You told me you like school."
    )
    assert views_sentence("Ty told the IRO that he wants a dog.", ["Ty"]) == (
        "You told me you want a dog."
    )
    assert views_sentence("Ellie said that school is fun.", ["Ellie"]) == (
        "You told me school is fun."
    )


def test_other_children_rule() -> None:
    others = OtherChildren(
        [
            KnownChild("1001", "Eleanor", "Smith", "Ellie"),
            KnownChild("1002", "Jack", "Smith"),
            KnownChild("1007", "May", "Green"),
            KnownChild("1008", "Jo", "Reed"),
        ]
    )
    assert others.mentions_other("Jack came too.", "1001")
    assert others.mentions_other("JACK came too.", "1001")
    assert others.mentions_other("Ellie Smith is well.", "1001")  # shared surname: left out
    assert others.mentions_other("See record 1002.", "1001")
    assert not others.mentions_other("Ellie is well.", "1001")
    assert not others.mentions_other("Jackie came.", "1001")  # whole words only
    assert not others.mentions_other("Meeting on 15 May 2027.", "1001")  # a month, not May
    assert others.mentions_other("May is doing well.", "1001")
    # A known adult with the same first name as another child is the adult.
    assert not others.mentions_other("Jo will help.", "1001", frozenset({"Jo"}))
    assert others.mentions_other("Jo will help.", "1001")


ROWS = [
    {
        "review_id": "A",
        "person_id": "1",
        "review_type": "CLA Review",
        "status": "Held",
        "review_date": date(2026, 5, 1),
        "next_review_date": date(2026, 11, 1),
    },
    {
        "review_id": "B",
        "person_id": "1",
        "review_type": "CLA Review",
        "status": "Held",
        "review_date": date(2026, 11, 2),
        "next_review_date": date(2027, 5, 2),
    },
    {
        "review_id": "C",
        "person_id": "1",
        "review_type": "ICPC",
        "status": "Held",
        "review_date": date(2026, 12, 1),
    },
    {
        "review_id": "D",
        "person_id": "1",
        "review_type": "CLA Review",
        "status": "Scheduled",
        "review_date": date(2027, 4, 20),
    },
    {
        "review_id": "E",
        "person_id": "1",
        "review_type": "CLA Review",
        "status": "Cancelled",
        "review_date": date(2027, 1, 20),
    },
]


def test_choose_review_and_next_meeting() -> None:
    assert choose_review("1", ROWS)["review_id"] == "B"  # latest held looked-after review
    assert choose_review("1", ROWS, "C")["review_id"] == "C"  # named: any held review
    with pytest.raises(LetterError, match="review D is Scheduled, not Held"):
        choose_review("1", ROWS, "D")
    with pytest.raises(LetterError, match="not a review of child 1"):
        choose_review("1", ROWS, "Z")
    assert choose_review("1", ROWS[3:]) is None
    # The booked (Scheduled) meeting wins over the planned Next Review Date.
    assert next_meeting(ROWS, ROWS[1]) == date(2027, 4, 20)
    assert next_meeting(ROWS[:2], ROWS[1]) == date(2027, 5, 2)


def test_batch_selection_reasons() -> None:
    children = {
        "1": {"person_id": "1", "allocated_iro": "Pat Brown"},
        "2": {"person_id": "2", "allocated_iro": "Pat Brown"},
        "3": {"person_id": "3", "allocated_iro": "Lee Patel"},
    }
    rows = {
        "1": ROWS,
        "2": [dict(ROWS[0], person_id="2", chair="Pat Brown")],
        "3": [dict(ROWS[1], person_id="3", chair="Lee Patel")],
        "9": [dict(ROWS[1], person_id="9", chair="Pat Brown")],
    }
    chosen = batch(children, rows, held_since=date(2026, 10, 1), iro=None)
    assert [(c.person_id, c.review["review_id"] if c.review else c.reason) for c in chosen] == [
        ("1", "B"),
        ("2", "no held review since 01/10/2026"),
        ("3", "B"),
        ("9", "not in children.csv"),
    ]
    mine = batch(children, rows, held_since=None, iro="pat brown")
    assert [(c.person_id, c.review["review_id"] if c.review else c.reason) for c in mine] == [
        ("1", "B"),  # no chair: the allocated IRO counts
        ("2", "A"),
        ("9", "not in children.csv"),
    ]


def test_settings_defaults_say_what_to_fill_in(tmp_path) -> None:
    default = LetterSettings()
    assert default.advocacy_phone == (
        "[advocacy phone number: set advocacy_phone in the [letters] section of iro.toml]"
    )
    assert "advocacy_phone" in default.placeholders()
    own = letter_settings({"advocacy_phone": "0800 1", "template": "t.docx"}, tmp_path)
    assert own.advocacy_phone == "0800 1"
    assert own.template == str(tmp_path / "t.docx")
    with pytest.raises(ConfigError, match="unknown key 'advocacy_fone'"):
        letter_settings({"advocacy_fone": "x"})


def test_build_letter_siblings_and_counts(replace: Replacer) -> None:
    others = OtherChildren(
        [KnownChild("1", "Eleanor", "Smith", "Ellie"), KnownChild("2", "Jack", "Smith")]
    )
    child = {
        "person_id": "1",
        "forename": "Eleanor",
        "surname": "Smith",
        "preferred_name": "Ellie",
        "date_of_birth": date(2016, 3, 4),
        "social_worker": "Sam Jones",
        "gender": "Female",
    }
    review = {
        "review_id": "B",
        "review_date": date(2026, 11, 5),
        "childs_views": "Ellie said she loves her bike. Jack said he is bored. Ellie likes tea.",
        "working_well": "Jack is well.",
        "worries": "",
        "attendees": "Ellie; Jack Smith; Mum",
    }
    recs = [
        {"recommendation": "SW to take Jack to the park", "responsible": "SW", "target_date": ""},
        {
            "recommendation": "SW to book Ellie's eye test",
            "responsible": "SW",
            "target_date": "01/12/2026",
            "recommendation_no": 1,
        },
    ]
    letter = build_letter(
        child,
        review,
        recs,
        next_meeting=None,
        iro=None,
        iro_name="Pat Brown",
        settings=LetterSettings(),
        replace=replace,
        others=others,
        letter_date=date(2026, 11, 6),
    )
    ctx = letter.context
    assert ctx["greeting"] == "Dear Ellie,"
    assert ctx["messages"] == [
        {"heading": "What you told me", "text": "You told me you love your bike. You like tea."}
    ]
    # "You" and "Me" are not list items: the sentence says the child came.
    assert ctx["meeting"]["people"] == ["Mum"]
    assert ctx["meeting"]["text"] == ["You came to your meeting. These people came too:"]
    # 12 words is within the 15-word limit at age 10. The action naming Jack is a gap
    # (recorded second, so action 2) whose words are not copied.
    assert ctx["recommendations"] == [
        "Sam (your social worker) will book your eye test by 1 December 2026.",
        "[IRO: action 2 names another child: write what Ellie may know, or delete this line]",
    ]
    assert [g.marker for g in letter.gaps] == [ctx["recommendations"][1]]
    assert "Jack" not in letter.gaps[0].comment
    assert ctx["next_meeting"]["text"] == ["I will tell you the date of your next meeting soon."]
    assert letter.notes == [
        "the IRO is not in iros.csv: no phone or email in the letter",
        "1 agreed action(s) could not be written for the child with confidence: fill the "
        "[IRO: ...] gaps (each has a comment with the recommendation)",
        "3 item(s) left out because they named another child: add back by hand only what is safe",
        "no next meeting date (no scheduled review and no Next Review Date)",
    ]
    assert letter.filename == "letter_1_2026-11-05.docx"
