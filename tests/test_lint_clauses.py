"""Issue #13's general faults, one class of wording at a time: several wordings that must
fire and several that must not, written as IROs write them.

Development data: none of these comes from tests/data/lint/heldout.csv.
"""

from __future__ import annotations

from datetime import date

import pytest

from iro_cli.lint import lint_text, load_terms
from iro_cli.lint.clauses import read
from iro_cli.lint.owners import find_owners
from iro_cli.lint.smart import Recommendation, smart_findings

TERMS = load_terms()
REVIEW = date(2026, 11, 20)
NEXT = date(2027, 5, 20)


def codes(text: str, **kw: object) -> set[str]:
    kw.setdefault("review_date", REVIEW)
    rec = Recommendation(text, **kw)  # type: ignore[arg-type]
    return {f.code for f in smart_findings(rec, TERMS, REVIEW)}


def owners(text: str) -> list[str]:
    return [o.who for o in find_owners(text, TERMS) if o.verb or o.kind == "agent"]


# --- 1. Several actions: owners with their own actions, not verbs ----------------------


@pytest.mark.parametrize(
    "text",
    [
        "Priya (SW) will get the consent form signed by Mum by 3 March 2027 and send a copy "
        "to the school.",
        "Carer to take Ben for his flu jab on 20/12/2026 and let the social worker know how "
        "it went.",
        "The IRO will read the minutes with Layla and get them signed by 1 February 2027.",
        "PA to visit the job centre with Reece and help him with the forms by 14/01/2027.",
        "TM to agree the respite budget by 9 December 2026 and tell the fostering team.",
        "Social worker will chase the school for Ben's report and confirm to the IRO that it "
        "has arrived, by 8 January 2027.",
    ],
)
def test_fault1_one_owner_with_steps_or_telling_is_one_action(text: str) -> None:
    assert "SMART005" not in codes(text)


@pytest.mark.parametrize(
    "text",
    [
        "Social worker to renew Ben's passport by 1/3/27; carers to book the holiday by 1/4/27.",
        "Priya (SW) will update the chronology by 1 February 2027 and Mum will sign the consent "
        "form by the same date.",
        "IRO to write to Layla by 5/12/26, SW to visit her by 12/12/26.",
        "The PA will find Reece a flat, set up his bills and register him with a GP by March 2027.",
        "1. SW to visit Layla at school 2. SW to update her plan by 1/2/27.",
    ],
)
def test_fault1_two_owners_or_a_list_fire(text: str) -> None:
    assert "SMART005" in codes(text)


def test_fault1_telling_is_part_of_the_action_before_it() -> None:
    text = "Carer to book the optician for Ben by 9 January 2027 and let Gran know the time."
    reading = read(text, find_owners(text, TERMS), TERMS)
    assert [(a.verb, a.informing) for a in reading.actions] == [("book", False), ("let", True)]
    assert reading.owners == ("carer",)


# --- 2. Children and family named in the object are not owners ------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Foster carer to arrange for Harvey and Ruby to go bowling together during the "
            "Christmas holidays 2026.",
            ["Foster carer"],
        ),
        (
            "SW to set up a meeting with Leah and her mum to plan her return home by "
            "20 January 2027.",
            ["SW"],
        ),
        ("The social worker will ask Mr Hill to send the report by 4/12/26.", ["social worker"]),
        ("Carers will take Olly to see Grandad and Aunty Pam for tea every Sunday.", ["Carers"]),
        ("Dad will ring Olly and Kez every Wednesday evening.", ["Dad"]),
        ("SW to ask Mum and Dad to sign the consent form by 1/2/27.", ["SW"]),
    ],
)
def test_fault2_names_in_the_object_own_nothing(text: str, expected: list[str]) -> None:
    assert owners(text) == expected
    assert not codes(text) & {"SMART002", "SMART005"}


@pytest.mark.parametrize(
    "text",
    [
        "Harvey and Ruby will tidy their rooms every Saturday, and the carers will check them "
        "on Sunday mornings.",
        "SW will phone Gran by 1/12/26 and Gran will book the caravan by 1/2/27.",
        "Olly will pick a club by 8 January 2027; Aunty Pam will take him every Thursday.",
        "Carer to book the dentist and school to review the PEP by 1/2/27.",
    ],
)
def test_fault2_a_named_subject_with_its_own_action_is_a_second_owner(text: str) -> None:
    assert "SMART005" in codes(text)


# --- 3. Support, help and encourage: measurable when a result follows ------------------


@pytest.mark.parametrize(
    "text",
    [
        "PA to support Jordan to enrol at college by 31 August 2027.",
        "Foster carer will help Mo open a bank account by the end of January 2027.",
        "Key worker to encourage Tia to sign up for the Duke of Edinburgh award by 12/1/27.",
        "SW to write to the housing department by 2/2/27 to support Mum's bid for a bigger home.",
        "IRO to email the service manager by 10 December 2026 to help speed up the assessment.",
        "Tutor will support Mo with maths for two hours a week.",
    ],
)
def test_fault3_a_checkable_result_or_a_purpose_clause_is_measurable(text: str) -> None:
    assert "SMART004" not in codes(text)


@pytest.mark.parametrize(
    "text",
    [
        "Carers to continue to support Jordan.",
        "Key worker to support the placement by 1 May 2027.",
        "PA will help Jordan feel more confident by March 2027.",
        "Tia to be supported with her emotional wellbeing by 1 May 2027.",
        "Residential staff to encourage Tia every day.",
    ],
)
def test_fault3_support_with_nothing_checkable_fires(text: str) -> None:
    assert "SMART004" in codes(text)


# --- 4. Owner forms: abbreviations, preambles, family words, the child and the IRO -----


@pytest.mark.parametrize(
    "text",
    [
        "F/C to book Mo's eye test by 15/02/2027.",
        "FC will take Mo to football every Saturday.",
        "CiC nurse to do Mo's health check by 1 March 2027.",
        "It was agreed that the team manager, Sue Bell, will approve the funding by 7/12/2026.",
        "The meeting agreed that Nan will have Mo every other weekend.",
        "You and Grandad will choose a new bike by 3 April 2027.",
        "I will write to you by 11 December 2026 to tell you what was agreed.",
        "Aunty Sharon to take Mo to the mosque every Friday.",
        "Mo's Taid will collect him from school every Wednesday.",
        "Following the strategy meeting on 2/11/26 the SW will visit Mo at school by 4/12/26.",
    ],
)
def test_fault4_owner_forms_are_owners(text: str) -> None:
    assert "SMART002" not in codes(text)


@pytest.mark.parametrize(
    "text",
    [
        "Mo's eye test to be booked by 15/02/2027.",
        "It was agreed that the funding would be approved by 7 December 2026.",
        "Passport for Mo by 1 March 2027.",
        "It was agreed that family time with Nan will increase to weekly.",
    ],
)
def test_fault4_no_owner_still_fires(text: str) -> None:
    assert "SMART002" in codes(text)


# --- 5. Family words in the object are not the owner -----------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Monthly visits to Grandad to go ahead.",
        "Sleepovers at Nan's house to carry on every other Friday.",
        "Phone calls with Dad to stay at twice a week.",
        "Letters to birth mum to be sent each June.",
    ],
)
def test_fault5_family_in_the_object_owns_nothing(text: str) -> None:
    assert "SMART002" in codes(text)


@pytest.mark.parametrize(
    "text",
    [
        "Nan to carry on having Olly for sleepovers every other Friday.",
        "Dad will ring Olly twice a week.",
        "Birth mum will write to Olly each June.",
    ],
)
def test_fault5_family_as_the_subject_owns(text: str) -> None:
    assert "SMART002" not in codes(text)


# --- 6. Timescales ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("SW to finish the life story book by the next review.", ""),
        ("Carers to bring Mo's school reports to his next review.", ""),
        ("Life story book to be finished.", "Before next review"),
    ],
)
def test_fault6_next_review_without_its_date_is_vague(text: str, target: str) -> None:
    found = codes(text, target_date=target, responsible="SW")
    assert "SMART001" in found
    assert "SMART001" not in codes(
        text, target_date=target, responsible="SW", next_review_date=NEXT
    )


def test_fault6_next_review_with_a_date_in_the_text_is_a_timescale() -> None:
    text = "SW to finish the life story book by the next review on 4 June 2027."
    assert not codes(text) & {"SMART001", "SMART003"}


def test_fault6_the_message_says_why() -> None:
    rec = Recommendation("SW to finish the life story book by the next review.")
    found = [f.message for f in smart_findings(rec, TERMS, REVIEW) if f.code == "SMART001"]
    assert found == ['"the next review" sets no date: the next review date is not known']


@pytest.mark.parametrize(
    "text",
    [
        "Carers to buy Aisha new clothes for Eid al-Fitr 2027.",
        "Foster carer will take Ravi to the temple at Diwali.",
        "Nani will cook with Ravi before Navratri 2027.",
        "SW to arrange a visit to Grandma at Chinese New Year.",
        "Carers to take Eli to see his cousins during Hanukkah 2026.",
        "Carers to take Jas to the gurdwara for Vaisakhi.",
        "School to review Mo's timetable by the end of Autumn 2 2026.",
        "Tutor to see Mo until the end of the summer term 2027 to go over his reading.",
        "DT to hold the PEP meeting before Spring 2.",
        "Grandad will have Mo on alternate Saturdays.",
        "Carers to make sure Mo is in bed by 9pm on school nights.",
    ],
)
def test_fault6_cultural_dates_terms_and_frequencies_are_timescales(text: str) -> None:
    assert not codes(text) & {"SMART001", "SMART003"}


@pytest.mark.parametrize(
    "text",
    [
        "Carers to take Ravi to the temple.",
        "SW to sort out Mo's bus pass in the coming weeks.",
        "PA to get Reece's ID at some stage.",
        "SW to update the plan in a timely manner.",
    ],
)
def test_fault6_no_date_still_fires(text: str) -> None:
    assert codes(text) & {"SMART001", "SMART003"}


def test_fault6_festival_dates() -> None:
    from iro_cli.lint.dates import festival_date

    assert festival_date("Diwali", date(2026, 11, 20)) == date(2027, 10, 29)  # 2026's is past
    assert festival_date("Eid al-Adha", date(2026, 11, 20), 2027) == date(2027, 5, 16)
    assert festival_date("Easter", date(2026, 11, 20)) == date(2027, 3, 28)  # computus
    assert festival_date("Hanukkah", date(2026, 11, 20)) == date(2026, 12, 5)
    assert festival_date("Vaisakhi", date(2026, 11, 20)) == date(2027, 4, 14)


@pytest.mark.parametrize(
    "text",
    [
        "Carers to monitor Mo's phone use every night.",
        "SW to liaise with school weekly.",
        "Support worker to support Mo twice a week.",
        "Mo's mood to be monitored daily by staff.",
    ],
)
def test_fault6_a_frequency_does_not_make_effort_measurable(text: str) -> None:
    assert "SMART004" in codes(text)
    assert "SMART004" in codes(text.replace(" every night", "").rstrip("."), target_date="weekly")


@pytest.mark.parametrize(
    "text",
    [
        "Health visitor will monitor baby Ada's weight every week.",
        "Carers will read with Mo for 15 minutes every night.",
    ],
)
def test_fault6_an_amount_or_a_measure_is_measurable(text: str) -> None:
    assert "SMART004" not in codes(text)


# --- 7. Organisations as second owners -------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Carers to take Mo to cadets every Tuesday and the council will pay for his uniform.",
        "SW to apply for a school place by 1/3/27; the admissions team will offer a place by "
        "1/4/27.",
        "PA to help Reece move into his flat by 1 March 2027, and the housing association will "
        "repair the heating.",
        "School to provide a mentor by January 2027 and the virtual school will pay for it.",
    ],
)
def test_fault7_an_organisation_with_its_own_action_is_a_second_owner(text: str) -> None:
    assert "SMART005" in codes(text)


@pytest.mark.parametrize(
    "text",
    [
        "SW to ask the council to pay for Mo's uniform by 1/12/26.",
        "The council will fund Mo's school trip by 1 February 2027.",
        "SW to get the club to give Mo a free place by 8 January 2027.",
        "Carers will take Mo to the club every Tuesday and the coach will be told about his "
        "asthma.",
    ],
)
def test_fault7_an_organisation_in_the_object_or_only_told_is_not(text: str) -> None:
    assert "SMART005" not in codes(text)


# --- 8. Unmeasurable words ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "SW to chase the DBS check for Gran by 12/12/26.",
        "PA to find out about college courses for Reece by 1/2/27.",
        "SW and carers to discuss Mo's bedtime by 5 December 2026.",
        "Consideration to be given to a sibling sleepover.",
        "TM to give consideration to funding a laptop by 1/2/27.",
        "TM to consider funding a laptop by 1/2/27.",
        "Carers to continue to meet Mo's cultural needs.",
        "SW to explore a referral to the Edge of Care team by 1/1/27.",
        "PA to look into a bus pass for Reece by 6/1/27.",
        "SW to liaise with CAMHS by 1/2/27.",
    ],
)
def test_fault8_unmeasurable_words_fire(text: str) -> None:
    assert "SMART004" in codes(text)


@pytest.mark.parametrize(
    "text",
    [
        "SW to get Gran's DBS check back by 12/12/26.",
        "TM to decide whether to fund a laptop by 1/2/27.",
        "SW and carers to agree Mo's bedtime by 5 December 2026.",
        "Carers to meet Mo's teacher on 3 December 2026.",
        "SW to meet the school by 10/12/26 to discuss Mo's attendance.",
    ],
)
def test_fault8_measurable_wording_does_not_fire(text: str) -> None:
    assert "SMART004" not in codes(text)


# --- 9. Language -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("PA to update Reece's pathway plan by 1/2/27.", "pathway plan"),
        ("SW to ask Mo if he wants an advocate.", "advocate"),
        ("CiC nurse to do the review health assessment by 1/3/27.", "review health assessment"),
        ("The virtual school head will agree the tutoring.", "virtual school head"),
        ("Carers to have delegated authority for haircuts.", "delegated authority"),
        ("SW to find Mo an independent visitor.", "independent visitor"),
    ],
)
def test_fault9_care_system_words_have_plainer_forms(text: str, word: str) -> None:
    found = [f.match.lower() for f in lint_text(text, {"language"}, TERMS) if f.code == "CARE001"]
    assert word in found


def test_fault9_f_c_is_an_acronym() -> None:
    found = lint_text("F/C to book the dentist.", {"language"}, TERMS)
    assert [(f.code, f.match) for f in found] == [("ACR001", "F/C")]
    assert lint_text("Foster Carer (F/C) to book the dentist.", {"language"}, TERMS) == []
    assert lint_text("Target date: N/A.", {"language"}, TERMS) == []


def test_fault9_advocate_as_a_verb_is_ordinary_english() -> None:
    found = lint_text("SW to advocate for Mo at panel.", {"language"}, TERMS)
    assert "CARE001" not in {f.code for f in found}


def test_fault7_confirming_a_decision_is_an_action_confirming_to_someone_is_not() -> None:
    second = (
        "SW to book the school place by 1/3/27; the admissions team will confirm the start date."
    )
    assert "SMART005" in codes(second)
    told = "SW to book the school place by 1/3/27 and confirm to Mum that it is booked."
    assert "SMART005" not in codes(told)


def test_fault4_f_c_in_the_responsible_column_is_one_person() -> None:
    assert "SMART005" not in codes(
        "Dentist to be booked.", responsible="SW / F/C", target_date="1/2/27"
    )
    three = codes("Dentist to be booked.", responsible="SW / F/C / school", target_date="1/2/27")
    assert "SMART005" in three


@pytest.mark.parametrize(
    "text",
    [
        "Zoë will book her eye test by 15/01/2027.",
        "Siân (foster carer) will take Mo to Welsh lessons every Monday.",
        "Llŷr to ring his brother every Sunday.",
        "Renée will send the consent form to the SW by 1/12/26.",
    ],
)
def test_fault4_names_with_accents_are_owners(text: str) -> None:
    assert "SMART002" not in codes(text)


def test_fault8_effort_after_will_is_read_even_when_the_subject_is_not_recognised() -> None:
    assert "SMART004" in codes("The Brightside project will liaise with school by 1/2/27.")


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Mo's health needs to be met.", "needs to be met"),
        ("Carers to continue to meet Mo's needs.", "meet Mo's needs"),
        ("Grandad will help Mo with his reading.", "help"),
    ],
)
def test_fault8_the_finding_names_the_effort(text: str, word: str) -> None:
    found = [f for f in smart_findings(Recommendation(text), TERMS, REVIEW) if f.code == "SMART004"]
    assert [f.match for f in found] == [word]
    assert found[0].suggestion.startswith("say ")
