"""Settings from iro.toml, suppressions, review context, summary maths and SARIF."""

from __future__ import annotations

from datetime import date

import pytest

from iro_cli.errors import ConfigError
from iro_cli.lint import load_terms
from iro_cli.lint.engine import (
    Review,
    Row,
    Settings,
    build_context,
    lint_row,
    lint_rows,
    parse_suppressions,
    settings_from_config,
)
from iro_cli.lint.sarif import to_sarif
from iro_cli.lint.summary import summarise

TERMS = load_terms()
AS_OF = date(2025, 3, 3)


def test_settings_defaults_and_overrides() -> None:
    settings = settings_from_config(
        {"select": ["SMART", "care001"], "ignore": ["SMART004"], "severity": {"SMART003": "info"}}
    )
    assert settings.enabled("SMART001")
    assert not settings.enabled("SMART004")
    assert settings.enabled("CARE001")
    assert not settings.enabled("CARE002")
    assert settings.severity_of("SMART003") == "info"
    assert settings.fail_on == "warning"
    assert settings_from_config({"select": ["language"]}).enabled("ACR001")
    assert settings_from_config({}, fail_on="never").fail_on == "never"


@pytest.mark.parametrize(
    ("section", "message"),
    [
        ({"selct": ["SMART"]}, "iro.toml [lint]: unknown key 'selct'"),
        ({"ignore": ["SMART999"]}, "iro.toml [lint] ignore: 'SMART999' is not a rule code"),
        ({"severity": {"SMART001": "fatal"}}, "severity.SMART001 must be one of: error, warning"),
        ({"fail_on": "sometimes"}, "fail_on must be one of: error, warning, info, never"),
        ({"care_words": ["contact"]}, 'care_words must be a table: "word" = "preferred wording"'),
        ({"max_sentence_words": 0}, "max_sentence_words must be a whole number above 0"),
    ],
)
def test_bad_settings_are_one_clear_error(section: dict, message: str) -> None:
    with pytest.raises(ConfigError) as caught:
        load_terms(section)
        settings_from_config(section)
    assert message in str(caught.value)


def test_fail_on_levels() -> None:
    row = Row("Social worker will update the plan.")  # SMART003 error, CARE? no
    found = lint_row(row, TERMS, Settings(), AS_OF)
    assert [f.code for f in found] == ["SMART003"]
    assert Settings(fail_on="error").fails(found)
    assert not Settings(fail_on="never").fails(found)
    info_only = lint_row(row, TERMS, Settings(severity={"SMART003": "info"}), AS_OF)
    assert not Settings(fail_on="warning").fails(info_only)
    assert Settings(fail_on="info").fails(info_only)


def test_suppression_parsing() -> None:
    reasons, problems = parse_suppressions(
        "SMART003: date agreed verbally; care001 - Sam's own words;SMART004;XYZ123: why"
    )
    assert reasons == {"SMART003": "date agreed verbally", "CARE001": "Sam's own words"}
    assert [(p.code, p.message) for p in problems] == [
        ("LINT001", "Lint Ignore 'SMART004' has no reason, so SMART004 is still reported"),
        ("LINT002", "Lint Ignore names 'XYZ123', which is not a rule"),
    ]


def test_suppression_applies_only_with_a_reason_and_unused_ones_are_noted() -> None:
    text = "Social worker will update the care plan."
    ok = lint_row(Row(text, lint_ignore="SMART003: date agreed verbally"), TERMS, Settings(), AS_OF)
    assert [f.code for f in ok] == ["CARE001"]
    bare = lint_row(Row(text, lint_ignore="SMART003"), TERMS, Settings(), AS_OF)
    assert [f.code for f in bare] == ["SMART003", "CARE001", "LINT001"]
    unused = lint_row(Row(text, lint_ignore="SMART001: n/a"), TERMS, Settings(), AS_OF)
    assert [f.code for f in unused] == ["SMART003", "CARE001", "LINT003"]


def _reviews() -> list[Review]:
    return [
        Review("R1", "P1", date(2024, 9, 1), date(2025, 3, 3), "Ann Iro", "Held"),
        Review("R2", "P1", date(2025, 3, 3), None, "Ann Iro", "Held"),
        Review("R9", "P1", date(2025, 5, 1), None, "", "Cancelled"),
        Review("R3", "P1", date(2025, 8, 20), None, "", "Scheduled"),
        Review("R4", "P2", date(2025, 2, 1), date(2025, 8, 1), "Bo Iro", "Held"),
    ]


def test_build_context_next_and_previous_review() -> None:
    rows = [
        Row("Old one", "R1", "P1", 1),
        Row("Old two", "R1", "P1", 2),
        Row("New", "R2", "P1", 1),
        Row("Other child", "R4", "P2", 1),
        Row("Unknown review", "R7", "P1", 1),
    ]
    ctx = build_context(rows, _reviews())
    assert ctx["R2"].review_date == date(2025, 3, 3)
    assert ctx["R2"].next_review_date == date(2025, 8, 20)  # next not-cancelled review
    assert ctx["R2"].previous == ("Old one", "Old two")
    assert ctx["R2"].previous_review_date == date(2024, 9, 1)
    assert ctx["R1"].previous == ()
    assert ctx["R4"].next_review_date == date(2025, 8, 1)
    assert "R7" not in ctx
    assert build_context(rows, None) == {}


def test_lint_rows_drift_end_to_end() -> None:
    rows = [
        Row("Jo (foster carer) will book the dentist by 30 April 2025.", "R1", "P1", 1),
        Row("Jo (foster carer) will book the dentist by 30 April 2025.", "R2", "P1", 1),
    ]
    found = lint_rows(rows, TERMS, Settings(), AS_OF, _reviews())
    assert [(f.code, f.message) for f in found[0]] == [
        ("SMART006", 'target 30/04/2025 ("30 April 2025") is after the next review on 03/03/2025')
    ]
    assert [(f.code, f.message) for f in found[1]] == [
        ("SMART007", "the same wording as recommendation 1 at the previous review on 01/09/2024")
    ]
    assert lint_rows(rows, TERMS, Settings(), AS_OF, None) == [[], []]


def test_summary_maths() -> None:
    rows = [
        Row("a", "R1", "P1", 1),
        Row("b", "R1", "P1", 2),
        Row("c", "R2", "P1", 1),
        Row("d", "R4", "P2", 1),
        Row("e", "R4", "P2", 2),
    ]
    settings = Settings()
    smart = lint_row(Row("Update the plan."), TERMS, settings, AS_OF)  # SMART002 + SMART003
    care = lint_row(Row("Jo will see Sam in her placement every week."), TERMS, settings, AS_OF)
    assert [f.category for f in smart] == ["smart", "smart"]
    assert [f.code for f in care] == ["CARE001"]
    findings = [smart, [], care, smart, []]
    table = summarise(
        rows,
        findings,
        {"R1": "Ann Iro", "R2": "Ann Iro"},
        {"R1": date(2024, 9, 1), "R2": date(2025, 3, 3), "R4": date(2025, 2, 1)},
    )
    got = [
        (t["level"], t["iro"], t["review_id"], t["recommendations"], t["smart_clean"],
         round(t["smart_clean_rate"], 4), t["errors"], t["warnings"])
        for t in table
    ]  # fmt: skip
    assert got == [
        ("iro", "Ann Iro", None, 3, 2, 0.6667, 2, 1),
        ("iro", "unknown", None, 2, 1, 0.5, 2, 0),
        ("review", "Ann Iro", "R1", 2, 1, 0.5, 2, 0),
        ("review", "Ann Iro", "R2", 1, 1, 1.0, 0, 1),
        ("review", "unknown", "R4", 2, 1, 0.5, 2, 0),
        ("total", "", None, 5, 3, 0.6, 4, 1),
    ]


def test_sarif_shape() -> None:
    rows = [Row("Update the plan.", "R1", "P1", 3, line=4)]
    found = [lint_row(rows[0], TERMS, Settings(), AS_OF)]
    sarif = to_sarif(rows, found, "recommendations.csv")
    assert sarif["version"] == "2.1.0"
    run = sarif["runs"][0]
    rule_ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert "SMART002" in rule_ids
    first = run["results"][0]
    assert first["ruleId"] == "SMART002"
    assert rule_ids[first["ruleIndex"]] == "SMART002"
    assert first["level"] == "error"
    location = first["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "recommendations.csv"
    assert location["region"]["startLine"] == 4
    assert first["properties"]["reviewId"] == "R1"
    assert [r["level"] for r in run["results"]] == ["error", "error"]


@pytest.mark.parametrize("start_method", ["fork", "spawn"])
def test_processes_give_the_same_findings_as_one(monkeypatch, start_method: str) -> None:
    """The rows shared out among processes come back in order with the same findings.

    "spawn" (Windows, macOS) sends each process its rows; "fork" lets them inherit them.
    """
    import multiprocessing
    from datetime import date

    from iro_cli import lint
    from iro_cli.config import Config
    from iro_cli.exports.reader import load_export
    from iro_cli.lint import engine
    from iro_cli.lint.inputs import reviews_from_frame, rows_from_frame
    from tests.conftest import SAMPLE

    config = Config()
    rows = rows_from_frame(load_export("recommendations", SAMPLE, config, on_warning=print))
    reviews = reviews_from_frame(load_export("reviews", SAMPLE, config, on_warning=print))
    settings = engine.settings_from_config({})
    one = engine.lint_rows(rows, lint.load_terms(), settings, date(2026, 11, 20), reviews)
    monkeypatch.setattr(engine, "PARALLEL_MIN_ROWS", 100)
    monkeypatch.setattr(multiprocessing, "get_start_method", lambda: start_method)
    two = engine.lint_rows(rows, lint.load_terms(), settings, date(2026, 11, 20), reviews, 2)
    assert len(one) == len(rows) == 9457
    assert two == one
    assert sum(map(len, one)) > 5000


def test_used_terms_can_be_sent_to_another_process() -> None:
    """Windows and macOS start worker processes by pickling the term lists."""
    import pickle

    terms = load_terms()
    text = "Referral to CAMHS to be made ASAP. Contact with Mum to continue."
    row = Row(text=text, review_id="R1")
    before = lint_row(row, terms, Settings(), AS_OF)
    copy = pickle.loads(pickle.dumps(terms))  # after use: memo and matchers are left behind
    assert copy.care_words == terms.care_words
    assert lint_row(row, copy, Settings(), AS_OF) == before
    assert {f.code for f in before} >= {"SMART001", "SMART002", "CARE001"}
