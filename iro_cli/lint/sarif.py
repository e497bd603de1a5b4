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
