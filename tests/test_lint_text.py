"""The shared text API: care words, labels, acronyms, sentence length, reading age."""

from __future__ import annotations

import pytest

from iro_cli.lint import RULES, Finding, lint_text, load_terms
from iro_cli.lint.readability import reading_age, sentence_spans, syllables, word_count


def codes(text: str, **kw: object) -> list[str]:
    return [f.code for f in lint_text(text, **kw)]  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "word", "preferred"),
    [
        ("Contact with Dad will stay monthly.", "Contact with Dad", "seeing Dad"),
        ("Supervised contact to take place weekly.", "contact", "family time"),
        ("Sam's placement is stable.", "placement", "home"),
        ("Sam enjoys respite with Pat.", "respite", "a short break"),
        ("Your LAC review is in May.", "LAC review", "your meeting"),
        ("Sam sees his siblings weekly.", "siblings", "brothers and sisters"),
        ("Sam is a care leaver.", "care leaver", "care-experienced"),
    ],
)
def test_care001_fires_with_the_preferred_word(text: str, word: str, preferred: str) -> None:
    found = [f for f in lint_text(text) if f.code == "CARE001"]
    assert [f.match for f in found] == [word]
    assert preferred in found[0].suggestion
    assert text[found[0].start : found[0].end] == word


@pytest.mark.parametrize(
    "text",
    [
        "You can contact me on 01234 567890.",
        "Social worker to contact the school.",
        "Please contact Jo if you are worried.",
        "Jo is the main point of contact.",
        "Sam will start a work placement in June.",
        "Sam has a college placement at Brinkley.",
        "Sam's health care plan for asthma is in place.",
        "Sam will see Mum every Saturday at the family centre.",
    ],
)
def test_care001_must_not_fire(text: str) -> None:
    assert "CARE001" not in codes(text)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Sam absconded twice.", "absconded"),
        ("Staff reported challenging behaviour.", "challenging behaviour"),
        ("Sam is putting herself at risk.", "putting herself at risk"),
        ("Kyle is NEET.", "NEET"),
    ],
)
def test_care002_fires(text: str, word: str) -> None:
    found = [f for f in lint_text(text) if f.code == "CARE002"]
    assert [f.match for f in found] == [word]
    assert found[0].severity == "error"


@pytest.mark.parametrize(
    "text",
    ["Sam ran away twice.", "Sam was missing from home.", "Sam was upset and shouted."],
)
def test_care002_must_not_fire(text: str) -> None:
    assert "CARE002" not in codes(text)


def test_label_wins_over_the_care_word_inside_it() -> None:
    assert codes("The placement breakdown was sudden.") == ["CARE002"]


@pytest.mark.parametrize(
    ("text", "acronym"),
    [
        ("Your PEP meeting is on 2 May.", "PEP"),
        ("CAMHS will see you soon.", "CAMHS"),
        ("An SGO is planned.", "SGO"),
        ("The XYZ team will call.", "XYZ"),
    ],
)
def test_acr001_fires_once_on_first_use(text: str, acronym: str) -> None:
    found = [f for f in lint_text(text + f" The {acronym} again.") if f.code == "ACR001"]
    assert [f.match for f in found] == [acronym]
    assert found[0].severity == "info"


@pytest.mark.parametrize(
    "text",
    [
        "Your Personal Education Plan (PEP) meeting is on 2 May. The PEP will help.",
        "Your PEP (Personal Education Plan) meeting is on 2 May.",
        "Your GP will see you on the TV show.",
        "PLEASE DO NOT CALL AFTER SIX.",
    ],
)
def test_acr001_must_not_fire(text: str) -> None:
    assert "ACR001" not in codes(text)


def test_acr001_suggestion_has_expansion_and_plain_phrase() -> None:
    (finding,) = lint_text("Your PEP is ready.")
    assert finding.suggestion == (
        'write "Personal Education Plan (PEP)" the first time, or say "your school plan"'
    )


def test_plain001_sentence_length_limit() -> None:
    long = "Sam will go to the dentist with Jo on Monday after school and then they will have tea."
    assert word_count(long) == 18
    found = lint_text(long, categories={"readability"}, max_sentence_words=12)
    assert [(f.code, f.message) for f in found] == [
        ("PLAIN001", "sentence has 18 words (limit 12)")
    ]
    assert lint_text(long, categories={"readability"}, max_sentence_words=18) == []


def test_sentences_do_not_split_on_abbreviations_or_dates() -> None:
    text = "Mr. Smith will visit on 12.05.2025 at 4pm. Then Sam, e.g. with Jo, goes home!\nNext"
    spans = [text[a:b] for a, b in sentence_spans(text)]
    assert spans == [
        "Mr. Smith will visit on 12.05.2025 at 4pm.",
        "Then Sam, e.g. with Jo, goes home!",
        "Next",
    ]


@pytest.mark.parametrize(
    ("word", "count"),
    [("cat", 1), ("family", 3), ("foster", 2), ("carer", 2), ("independent", 4),
     ("education", 4), ("appointment", 3), ("visited", 3), ("minutes", 2), ("little", 2)],
)  # fmt: skip
def test_syllables(word: str, count: int) -> None:
    assert syllables(word) == count


def test_reading_age_ranges() -> None:
    simple = "I saw you at home. You like your dog. We had fun."
    hard = (
        "The Independent Reviewing Officer recommended an assessment of therapeutic "
        "interventions addressing attachment difficulties."
    )
    assert 5 <= reading_age(simple) <= 7  # type: ignore[operator]
    assert reading_age(hard) > 18  # type: ignore[operator]
    assert codes(simple, max_reading_age=9) == []
    found = lint_text(hard, categories={"readability"}, max_reading_age=9)
    assert [f.code for f in found] == ["PLAIN002"]


def test_api_shape_for_letters() -> None:
    terms = load_terms({"care_words": {"LAC": "your meeting"}})
    assert terms.care_words["placement*"].startswith("home")
    assert terms.acronyms["PEP"] == ("Personal Education Plan", "your school plan")
    found = lint_text(
        "Your placement is good.",
        categories={"language", "readability"},
        terms=terms,
        max_sentence_words=12,
        max_reading_age=None,
        severity={"CARE001": "error"},
    )
    assert found == [
        Finding(
            code="CARE001",
            category="language",
            severity="error",
            message='care-system word "placement"',
            suggestion='say "home (or: where you live, your foster home)" instead of "placement"',
            match="placement",
            start=5,
            end=14,
            sentence="Your placement is good.",
        )
    ]
    assert {"CARE001", "CARE002", "ACR001", "PLAIN001", "PLAIN002"} <= set(RULES)


def test_service_extensions_and_allow_words() -> None:
    terms = load_terms(
        {
            "care_words": {"sanction*": "consequences"},
            "allow_words": ["care plan"],
            "acronyms": {"PA": ["Personal Adviser", "the person who helps you"]},
        }
    )
    assert codes("Sanctions were used.", terms=terms) == ["CARE001"]
    assert codes("Your care plan is ready.", terms=terms) == []
    (finding,) = lint_text("Your PA will call.", terms=terms)
    assert finding.suggestion.endswith('or say "the person who helps you"')
