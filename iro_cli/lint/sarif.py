"""SARIF 2.1.0 output, for code-scanning dashboards and editors that read it."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from typing import Any

from iro_cli import __version__
from iro_cli.lint.engine import Row
from iro_cli.lint.rules import RULES, Finding

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def sarif_results(
    rows: Sequence[Row],
    findings: Sequence[Sequence[Finding]],
    uri: str,
    codes: Sequence[str] | None = None,
) -> list[dict[str, Any]]:
    """One SARIF result per finding, row by row."""
    codes = list(RULES) if codes is None else codes
    results = []
    for row, found in zip(rows, findings, strict=True):
        for finding in found:
            region: dict[str, Any] = {"snippet": {"text": row.text}}
            if row.line is not None:
                region["startLine"] = row.line
            fingerprint = hashlib.sha256(
                "\x1f".join(
                    (
                        finding.code,
                        row.review_id,
                        row.person_id,
                        str(row.recommendation_no),
                        row.text,
                    )
                ).encode("utf-8")
            ).hexdigest()[:32]
            message = finding.message + (
                f". Suggestion: {finding.suggestion}" if finding.suggestion else ""
            )
            results.append(
                {
                    "ruleId": finding.code,
                    "ruleIndex": codes.index(finding.code),
                    "level": _LEVEL[finding.severity],
                    "message": {"text": message},
                    "locations": [
                        {
                            "physicalLocation": {
                                "artifactLocation": {"uri": uri},
                                "region": region,
                            }
                        }
                    ],
                    "partialFingerprints": {"iroLint/v1": fingerprint},
                    "properties": {
                        "category": finding.category,
                        "reviewId": row.review_id,
                        "personId": row.person_id,
                        "recommendationNo": row.recommendation_no,
                        "suggestion": finding.suggestion,
                    },
                }
            )
    return results


def to_sarif(
    rows: Sequence[Row], findings: Sequence[Sequence[Finding]], uri: str
) -> dict[str, Any]:
    """One SARIF run: every rule in ``tool.driver.rules``, one result per finding."""
    codes = list(RULES)
    rules = [
        {
            "id": rule.code,
            "name": "".join(w.capitalize() for w in rule.title.replace("-", " ").split()),
            "shortDescription": {"text": rule.title},
            "fullDescription": {"text": rule.why},
            "help": {"text": f"{rule.why} Suggestion: {rule.suggestion}."},
            "defaultConfiguration": {"level": _LEVEL[rule.severity]},
            "properties": {"category": rule.category, "scope": rule.scope},
        }
        for rule in RULES.values()
    ]
    results = sarif_results(rows, findings, uri, codes)
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "iro lint-recommendations",
                        "version": __version__,
                        "rules": rules,
                    }
                },
                "results": results,
                "columnKind": "unicodeCodePoints",
            }
        ],
    }


def render_sarif(rows: Sequence[Row], findings: Sequence[Sequence[Finding]], uri: str) -> bytes:
    return (json.dumps(to_sarif(rows, findings, uri), ensure_ascii=False, indent=2) + "\n").encode()


_MARK = "iro: the results go here"


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2)


def streamed_parts(uri: str) -> tuple[str, str, str, bytes]:
    """The log around its results, for writing them as they come: the text before the
    first result, each result's indent, the text after the last, and the whole log when
    there is no result. The parts joined around the results are :func:`render_sarif`'s
    bytes."""
    log = to_sarif([], [], uri)
    log["runs"][0]["results"] = [_MARK]
    text = _dumps(log) + "\n"
    at = text.index(_dumps(_MARK))
    line = text.rindex("\n", 0, at) + 1
    return text[:line], text[line:at], text[at + len(_dumps(_MARK)) :], render_sarif([], [], uri)


def result_texts(
    rows: Sequence[Row], findings: Sequence[Sequence[Finding]], uri: str, indent: str
) -> list[str]:
    """Each result as it stands in the log (``indent``: see :func:`streamed_parts`)."""
    return [
        indent + _dumps(result).replace("\n", "\n" + indent)
        for result in sarif_results(rows, findings, uri)
    ]
