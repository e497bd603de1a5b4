"""The linter on the sample authority's minutes: every planted fault found, good wording left alone.

Which recommendations are good and which carry which fault is known independently of the
linter: they are the generator's own templates (sample_exports/_pools.py), matched here.
"""

from __future__ import annotations

import csv
import importlib.util
import re
from collections import Counter
from datetime import date

import pytest

from iro_cli.config import Config
from iro_cli.exports.reader import load_export
from iro_cli.lint import load_terms
from iro_cli.lint.engine import lint_rows, settings_from_config
from iro_cli.lint.inputs import reviews_from_frame, rows_from_frame
from tests.conftest import SAMPLE

# The rule each planted fault must raise.
FAULT_RULE = {
    "vague": "SMART001",
    "no_owner": "SMART002",
    "no_date": "SMART003",
    "unmeasurable": "SMART004",
    "multi": "SMART005",
    "care_word": "CARE001",
    "stigma": "CARE002",
    "acronym": "ACR001",
    "long": "PLAIN001",
}
WORDING_RULES = {"SMART001", "SMART002", "SMART003", "SMART004", "SMART005", "CARE002"}


def _template(text: str) -> re.Pattern[str]:
    return re.compile(re.sub(r"\\\{[a-z_]+\\\}", ".+?", re.escape(text)))


@pytest.fixture(scope="module")
def linted():
    spec = importlib.util.spec_from_file_location("_pools", SAMPLE / "_pools.py")
    pools = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(pools)
    good = [_template(g[2]) for g in pools.GOOD_RECS]
    bad = [(b[0], _template(b[3])) for b in pools.BAD_RECS if b[0] in FAULT_RULE]
    config = Config()
    rows = rows_from_frame(load_export("recommendations", SAMPLE, config, on_warning=print))
    reviews = reviews_from_frame(load_export("reviews", SAMPLE, config, on_warning=print))
    findings = lint_rows(rows, load_terms(), settings_from_config({}), date(2026, 11, 20), reviews)
    labelled = []
    for row, found in zip(rows, findings, strict=True):
        is_good = any(p.fullmatch(row.text) for p in good)
        faults = {fault for fault, p in bad if p.fullmatch(row.text)}
        if is_good != bool(faults):  # skip wording that is in both lists or neither
            labelled.append((row, {f.code for f in found}, faults))
    return labelled


def test_most_sample_recommendations_are_labelled(linted) -> None:
    with open(SAMPLE / "recommendations.csv", encoding="utf-8") as handle:
        total = sum(1 for _ in csv.DictReader(handle))
    assert total == 9457
    assert len(linted) > 0.9 * total


def test_every_planted_fault_is_found(linted) -> None:
    missed = Counter()
    planted = Counter()
    for _row, codes, faults in linted:
        for fault in faults:
            planted[fault] += 1
            if FAULT_RULE[fault] not in codes:
                missed[fault] += 1
    assert set(planted) == set(FAULT_RULE)
    assert missed == Counter(), f"missed {dict(missed)} of {dict(planted)}"


def test_good_wording_has_no_wording_finding(linted) -> None:
    flagged = [(row.text, codes & WORDING_RULES) for row, codes, faults in linted
               if not faults and codes & WORDING_RULES]  # fmt: skip
    good = sum(1 for _row, _codes, faults in linted if not faults)
    assert good > 3000
    assert flagged == []
