"""A wording's shape (names and dates put aside): what is put aside, what is not, and that
the findings are the same as the wording's own, on the sample and on a held-out set
written without reading the shape code (tests/data/lint/names_dates_heldout.csv)."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest

from iro_cli.lint import shapes, smart
from iro_cli.lint.engine import Review, Row, Settings, _text_findings, lint_rows
from iro_cli.lint.shapes import shape_of
from iro_cli.lint.terms import load_terms
from iro_cli.lint.text import lint_text

ROOT = Path(__file__).resolve().parents[1]
HELD_OUT = ROOT / "tests" / "data" / "lint" / "names_dates_heldout.csv"
SAMPLE = ROOT / "sample_exports" / "recommendations.csv"
TERMS = load_terms()


def test_a_workers_name_a_childs_name_and_a_date_are_put_aside_in_place() -> None:
    text = (
        "Bernadette Whitfield (social worker) will refer Franciszek to the youth "
        "counselling service by 22/01/2026."
    )
    shape = shape_of(text, TERMS)
    assert shape is not None
    assert shape.text == (
        "Qzzzzzzzzz Qjzzzzzzz (social worker) will refer Qxzzzzzzzz to the youth "
        "counselling service by 11/11/1900."
    )
    assert shape.names == {
        "Qzzzzzzzzz": "Bernadette",
        "Qjzzzzzzz": "Whitfield",
        "Qxzzzzzzzz": "Franciszek",
    }
    assert len(shape.text) == len(text)
    assert shape.restore("Qzzzzzzzzz Qjzzzzzzz (book)") == "Bernadette Whitfield (book)"


def test_a_date_inside_keeps_its_length_and_the_last_date_gets_one_placeholder() -> None:
    text = "Tell Franciszek by 14 September 2027 and book the dentist by 28 October 2027."
    shape = shape_of(text, TERMS)
    assert shape is not None
    # "September" is 9 letters: "May" and 6 spaces keep the rest where it was.
    assert shape.text == "Tell Qzzzzzzzzz by 11 May       1900 and book the dentist by 3 May 1901."
    assert shape.shift == len("28 October 2027") - len("3 May 1901")
    end_of_shape = len(shape.text) - 1  # the full stop
    assert shape.position(end_of_shape) == len(text) - 1
    assert shape.position(shape.tail[0] + 2) is None  # inside the last date: no place


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Will Okafor (social worker) will visit Sam.", "Will"),  # a word the rules know
        ("Bernadette Ahmed (social worker) will visit Sam.", "Ahmed"),  # "-ed": a passive
        ("Bernadette Okafor (social worker) will visit Sam on Tuesdays.", "Tuesdays"),
        ("Bernadette Callum (social worker) will visit Sam.", "Callum"),  # "call": a test
    ],
)
def test_a_word_the_rules_can_read_is_kept(text: str, kept: str) -> None:
    shape = shape_of(text, TERMS)
    assert shape is not None
    assert kept in shape.text
    assert "Okafor" not in shape.text


def test_a_name_ending_as_a_first_test_is_put_aside_only_with_plain_spaces() -> None:
    plain = shape_of("Robin Okafor (social worker) will meet Sam in school.", TERMS)
    tab = shape_of("Robin Okafor (social worker) will meet Sam in\tschool.", TERMS)
    assert plain is not None and "Robin" not in plain.text  # "in " stands for r"in\s+"
    assert tab is not None and tab.text.startswith("Robin ")


def test_a_name_also_written_another_way_is_kept() -> None:
    shape = shape_of("Bernadette Okafor (social worker) will tell bernadette's mum.", TERMS)
    assert shape is not None and shape.text.startswith("Bernadette ")


@pytest.mark.parametrize(
    ("text", "put_aside"),
    [
        ("Visit by 31/02/2027.", False),  # no such day
        ("Visit by 29/02/2027.", False),
        ("Visit by 29/02/2028.", True),  # a leap year
        ("Visit by 14/13/2027.", False),
        ("Visit by 1/14/05/2027.", False),  # inside another number
    ],
)
def test_only_real_dates_are_put_aside(text: str, put_aside: bool) -> None:
    assert (shape_of(text, TERMS) is not None) is put_aside


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8-sig") as handle:
        return list(csv.DictReader(handle))


def _comparable(facts: smart._Wording) -> smart._Wording:
    vague = facts.vague
    return facts._replace(vague=None if vague is None else (vague[0], vague[1].span()))


@pytest.mark.parametrize("path", [HELD_OUT, SAMPLE], ids=["held-out", "sample"])
def test_every_wording_gives_what_its_own_analysis_gives(path: Path) -> None:
    settings = Settings()
    categories = settings.text_categories
    shaped = 0
    texts = {row["Recommendation"] for row in _rows(path)} - {""}
    for text in sorted(texts):
        shaped += shape_of(text, TERMS) is not None
        assert _comparable(smart.wording_facts(text, TERMS)) == _comparable(
            smart._wording_facts(text, TERMS)
        ), text
        assert _text_findings(text, categories, TERMS, settings) == lint_text(
            text, categories, TERMS, max_sentence_words=25
        ), text
    assert shaped > len(texts) * 0.8  # most are shaped: the comparison means something


@pytest.mark.parametrize(
    ("path", "loose"), [(HELD_OUT, True), (SAMPLE, False)], ids=["held-out", "sample"]
)
def test_the_quick_pass_over_names_puts_aside_what_the_place_by_place_pass_does(
    path: Path, loose: bool
) -> None:
    # The quick pass looks at each distinct word once and at its places only where an
    # edge phrase could matter; the place-by-place pass is the one it stands for.
    test = TERMS.name_test
    texts = {row["Recommendation"] for row in _rows(path)} - {""}
    by_place = 0
    for text in sorted(texts):
        quick = shapes._put_names_aside(text, test)
        assert quick == shapes._names_by_place(text, test), text
        low = text.lower()
        by_place += any(
            (edges := test.word(word)) and test.may_change_tests(low, edges)
            for word in shapes._NAME_WORD.findall(text)
        )
    # The held-out set has tabs and double spaces beside such names: there the quick pass
    # hands over, and the two are compared on that route too (the sample has none).
    assert bool(by_place) is loose


def test_a_whole_run_is_the_same_with_shapes_and_without(monkeypatch: pytest.MonkeyPatch) -> None:
    rows = [
        Row(
            r["Recommendation"],
            review_id=f"R{k // 4}",
            person_id=f"P{k // 12}",
            recommendation_no=k % 4 + 1,
            responsible=r["Responsible"],
            target_date=r["Target Date"],
        )
        for k, r in enumerate(_rows(HELD_OUT))
    ]
    reviews = [
        Review(
            f"R{n}",
            f"P{n // 3}",
            date(2026, 1, 5) + (n % 3) * (date(2026, 7, 1) - date(2026, 1, 1)),
        )
        for n in range(len(rows) // 4 + 1)
    ]
    as_of = date(2026, 12, 1)
    fast = lint_rows(rows, load_terms(), Settings(), as_of, reviews)
    monkeypatch.setattr(shapes, "shape_of", lambda text, terms: None)
    monkeypatch.setattr(smart, "shape_of", lambda text, terms: None)
    from iro_cli.lint import engine

    monkeypatch.setattr(engine, "shape_of", lambda text, terms: None)
    whole = lint_rows(rows, load_terms(), Settings(), as_of, reviews)
    assert fast == whole
    assert sum(map(len, whole)) > len(rows)  # findings to compare


def test_without_the_rules_code_to_read_no_name_is_put_aside(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A frozen build may hold no .py files: the words a name must not be are unknown."""

    def unreadable() -> None:
        raise shapes._NoSource

    monkeypatch.setattr(shapes, "_vocabulary", unreadable)
    terms = load_terms()
    shape = shape_of("Bernadette Okafor (social worker) will visit Sam by 22/01/2026.", terms)
    assert shape is not None
    assert shape.names == {}
    assert shape.text == "Bernadette Okafor (social worker) will visit Sam by 11/11/1900."
