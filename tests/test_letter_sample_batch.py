"""The whole sample batch (``iro letter --held-since 01/01/2026``): what the child reads.

Every letter of the batch is built (355 children) and each class of broken wording the
issue found is counted in the child's text outside marked gaps; each count must be 0.
The detectors here are written independently of ``iro_cli.letters.faults`` (plain
patterns, ``lemminflect`` and the lint lists; a date in what we agreed is compared
with the meeting and the letter's dates as read from the letter), so the letters' own checks are not
marking their own work. Run with ``-s`` to see the figures (ready letters, gaps).
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date

import pytest

from tests.conftest import SAMPLE

GAP = re.compile(r"\[IRO:[^\]]*\]")
DATE = (
    r"\d{1,2} (?:January|February|March|April|May|June|July|August|September|October"
    r"|November|December) \d{4}"
)


@pytest.fixture(scope="module")
def letters():
    from iro_cli.config import load_config
    from iro_cli.exports.reader import load_export
    from iro_cli.letters.maker import LetterMaker
    from iro_cli.letters.render import default_template
    from iro_cli.letters.selection import batch
    from iro_cli.letters.settings import letter_settings
    from iro_cli.lint import load_terms

    config = load_config(SAMPLE / "iro.toml")
    rows = {
        key: load_export(key, SAMPLE, config).to_dict("records")
        for key in ("children", "reviews", "recommendations", "iros")
    }
    maker = LetterMaker(
        children=rows["children"],
        reviews=rows["reviews"],
        recommendations=rows["recommendations"],
        iros=rows["iros"],
        terms=load_terms(config.section("lint")),
        settings=letter_settings(config.section("letters"), SAMPLE),
        templates={"en": default_template()},
        letter_date=date(2026, 12, 1),
    )
    choices = batch(maker.children, maker.by_child, held_since=date(2026, 1, 1), iro=None)
    return [maker.build(c.person_id, c.review) for c in choices if c.review is not None]


def _paragraphs(letter) -> list[tuple[str, str]]:
    """(part, text) of everything the letter says to the child, as the template lays it out."""
    c = letter.context
    out = [("intro", line) for line in c["intro"]]
    out += [("meeting", line) for line in c["meeting"]["text"]]
    out += [("people", p) for p in c["meeting"]["people"]]
    out += [("message", m["text"]) for m in c["messages"]]
    out += [("plan", r) for r in c["recommendations"] + c["more_recommendations"]]
    out += [("next", line) for line in c["next_meeting"]["text"]]
    return out


def _third_person(word: str) -> bool:
    import lemminflect

    lower = word.lower()
    if lower in ("is", "was", "has", "does"):
        return True
    for lemma in lemminflect.getAllLemmas(lower, upos="VERB").get("VERB", ()):
        if lemma != lower and lower in lemminflect.getAllInflections(lemma).get("VBZ", ()):
            return True
    return False


def _day(words: str) -> date:
    from datetime import datetime

    return datetime.strptime(words, "%d %B %Y").date()


def _classes(letter, terms) -> Counter:
    from iro_cli.letters.faults import text_faults
    from iro_cli.lint import lint_text
    from iro_cli.lint.readability import sentence_spans, word_count

    found: Counter = Counter()
    limit = letter.group.max_sentence_words
    meeting_day = letter.context["meeting"]["date"]
    said_meeting_day = 0
    # A date in what we agreed before the meeting or the letter's date has passed.
    not_before = max(_day(meeting_day), _day(letter.context["letter_date"]))
    for part, raw in _paragraphs(letter):
        text = GAP.sub("", raw).strip()
        if not text:
            continue
        said_meeting_day += text.count(meeting_day) if part in ("intro", "meeting") else 0
        if re.search(r"\b(?:starting|from|by|until|before|every|within|on)\s*[.,]\s*$", text):
            found["timing cut off"] += 1
        dates = re.findall(DATE, text)
        if len(dates) != len(set(dates)):
            found["timing twice"] += 1
        for finding in lint_text(text, {"language"}, terms, None):
            found[f"care word, label or acronym ({finding.code})"] += 1
        for word in re.findall(r"\b(?:[Yy]ou)\s+(?:\w+ly\s+)?([a-z']+)", text):
            if _third_person(word):
                found['"you" with a third-person verb'] += 1
        for then in re.finditer(r"\b(?:and|but) (?:he|she) ([a-z]+)", text):
            before = re.findall(r"\b[Yy]ou ([a-z]+)", text[: then.start()])
            if _third_person(then[1]) and any(then[1].startswith(v) for v in before):
                found['"you want ... and he wants"'] += 1
        if re.search(r"\b[Yy]ou to (?:be|have)\b", text):
            found['"You to be"'] += 1
        if part == "plan" and re.search(
            r"\b(?:write to you|this letter|the minutes|minutes of|liaise|professionals)\b",
            text,
            re.I,
        ):
            found["about the letter or between professionals"] += 1
        if part == "plan" and any(_day(d) < not_before for d in dates):
            found["a deadline already past promised"] += 1
        for a, b in sentence_spans(text):
            if word_count(text[a:b]) > limit:
                found["sentence over the age limit"] += 1
        if part == "message" and any(f.code == "FRAGMENT" for f in text_faults(text, terms)):
            found["not a full sentence"] += 1
        for phrase in ("challenging behaviour", "Looked After Child", "abscond", "liaise"):
            found[f'"{phrase}"'] += phrase.lower() in text.lower()
    if said_meeting_day > 1:
        found["the meeting date twice"] += 1
    if len(letter.context["recommendations"]) > letter.group.max_actions:
        found["more actions than the age allows"] += 1
    return found


def test_sample_batch_has_no_broken_wording_outside_gaps(letters) -> None:
    from iro_cli.lint import load_terms

    terms = load_terms()
    total: Counter = Counter()
    for letter in letters:
        total.update(_classes(letter, terms))
    ready = sum(not letter.gaps for letter in letters)
    gaps = sum(len(letter.gaps) for letter in letters)
    actions = sum(
        len(letter.context["recommendations"]) + len(letter.context["more_recommendations"])
        for letter in letters
    )
    print(
        f"\n{len(letters)} letters: {ready} ready to send, {len(letters) - ready} with gaps; "
        f"{actions} agreed actions, {gaps} of them gaps"
    )
    assert len(letters) == 355
    assert {name: count for name, count in total.items() if count} == {}
    # Every gap has a comment for the IRO, and gaps are counted per letter.
    assert all(g.comment and g.marker.startswith("[IRO:") for lt in letters for g in lt.gaps)
    assert gaps == sum(
        1 for lt in letters for r in _paragraphs(lt) if r[0] == "plan" and GAP.search(r[1])
    )


def test_the_detectors_find_each_class() -> None:
    """The counting above can fail: each detector finds the class in the issue's examples."""
    from types import SimpleNamespace

    from iro_cli.letters.ages import AGE_8_TO_12
    from iro_cli.lint import load_terms

    bad = [
        "Ewa (your social worker) will set up a weekly video call between you and Dad, starting.",
        "You will go three times a week from 29 January 2027. This will happen by 29 January 2027.",
        "Jo will help with your challenging behaviour.",
        "Your Looked After Child nurse will see you.",
        "All professionals will liaise regarding your needs.",
        "If you absconds again, ring me.",
        "You to be offered therapy.",
        "I will write to you to explain what was agreed at this meeting.",
        "Sam (your social worker) will ask the school nurse to complete your health check "
        "and tell you what it says.",
        "Grace (your social worker) will share your plan with Mum. "
        "This will happen by 7 July 2026.",
    ]
    letter = SimpleNamespace(
        group=AGE_8_TO_12,
        context={
            "letter_date": "12 November 2026",
            "intro": ["This letter tells you about your meeting on 5 November 2026."],
            "meeting": {"date": "5 November 2026", "people": [],
                        "text": ["We had your meeting on 5 November 2026."]},
            "messages": [
                {"text": "Good relationship with Mum, who visits every four weeks."},
                {"text": "You told me you want to see Dad and he wants a dog."},
            ],
            "recommendations": bad,
            "more_recommendations": [],
            "next_meeting": {"text": []},
        },
    )  # fmt: skip
    found = _classes(letter, load_terms())
    for name in (
        "timing cut off",
        "timing twice",
        "care word, label or acronym (CARE002)",
        "care word, label or acronym (CARE001)",
        '"you" with a third-person verb',
        '"You to be"',
        "about the letter or between professionals",
        "sentence over the age limit",
        "not a full sentence",
        "the meeting date twice",
        "more actions than the age allows",
        '"liaise"',
        '"abscond"',
        '"you want ... and he wants"',
        "a deadline already past promised",
    ):
        assert found[name] >= 1, name
