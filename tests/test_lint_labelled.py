"""Precision and recall of the ``smart`` category on a labelled set of 150 recommendations.

tests/data/lint/labelled.csv: one recommendation a row, with its columns, its
review dates (for SMART006), the previous review's wording (SMART007) and the
SMART codes a careful auditor would give it (blank: a good recommendation).
The last 25 rows were written after the rules and first run unseen.
"""

from __future__ import annotations

import csv

from iro_cli.lint import load_terms
from tests.conftest import REPO
from tests.test_lint_measure import labelled_findings

LABELLED = REPO / "tests" / "data" / "lint" / "labelled.csv"


def _run() -> list[tuple[set[str], set[str], str]]:
    terms = load_terms()
    out = []
    with LABELLED.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            got = {f.code for f in labelled_findings(row, terms)}
            expected = {c for c in row["expected"].split(";") if c}
            out.append((expected, got, row["recommendation"]))
    return out


def test_labelled_set_is_big_enough_and_balanced() -> None:
    results = _run()
    assert len(results) >= 100
    faulty = sum(bool(e) for e, _, _ in results)
    assert 40 <= faulty <= len(results) - 40


def test_smart_recall_and_false_flag_rate() -> None:
    results = _run()
    tp = sum(bool(e) and bool(g) for e, g, _ in results)
    fn = sum(bool(e) and not g for e, g, _ in results)
    fp = sum(not e and bool(g) for e, g, _ in results)
    tn = sum(not e and not g for e, g, _ in results)
    recall = tp / (tp + fn)
    precision = tp / (tp + fp)
    false_flags = fp / (fp + tn)
    print(f"smart: recall {recall:.3f} precision {precision:.3f} false flags {false_flags:.3f}")
    missed = [t for e, g, t in results if e and not g]
    flagged = [t for e, g, t in results if g and not e]
    assert recall >= 0.95, missed
    assert false_flags <= 0.05, flagged


def test_each_rule_code_matches_the_labels_closely() -> None:
    """Per rule: recall and precision of the code itself, not only 'some SMART finding'."""
    results = _run()
    for code in [f"SMART00{i}" for i in range(1, 8)]:
        tp = sum(code in e and code in g for e, g, _ in results)
        fn = sum(code in e and code not in g for e, g, _ in results)
        fp = sum(code not in e and code in g for e, g, _ in results)
        assert tp >= 2, code
        assert tp / (tp + fn) >= 0.9, (code, [t for e, g, t in results if code in e - g])
        assert tp / (tp + fp) >= 0.9, (code, [t for e, g, t in results if code in g - e])
