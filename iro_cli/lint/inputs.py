"""Turning loaded data into lint rows: the recommendations export or plain text lines.

Pure: takes already-read text or a loaded DataFrame, never opens files.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from iro_cli.exports.schema import RECOMMENDATIONS, normalise_header
from iro_cli.lint.engine import Review, Row

if TYPE_CHECKING:
    import pandas as pd

_BULLET = re.compile(r"^\s*(?:[-•*·–]|\(?\d{1,3}[.)]|\(?[a-z][.)])\s+")


def looks_like_csv(text: str, header_map: dict[str, str] | None = None) -> bool:
    """True when the first non-blank line is a header naming the Recommendation column."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    wanted = normalise_header(RECOMMENDATIONS.column("recommendation").header)
    local = {normalise_header(k): normalise_header(v) for k, v in (header_map or {}).items()}
    for cell in re.split(r"[,\t;]", first):
        key = normalise_header(cell.strip().strip('"'))
        if local.get(key, key) == wanted:
            return True
    return False


def rows_from_text(text: str) -> list[Row]:
    """One recommendation per non-blank line; bullets and numbers ("1. ", "- ") removed."""
    rows = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        body = _BULLET.sub("", line, count=1).strip()
        rows.append(Row(text=body, recommendation_no=len(rows) + 1, line=number))
    return rows


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def rows_from_frame(frame: pd.DataFrame) -> list[Row]:
    """Rows from the canonical recommendations frame (``load_export``)."""
    data = {c: frame[c].tolist() for c in frame.columns}
    count = len(frame)
    empty = [""] * count

    def col(name: str) -> list[Any]:
        return data.get(name, empty)

    numbers = col("recommendation_no")
    lines = data.get("_line", [None] * count)
    return [
        Row(
            text=_text(text),
            review_id=_text(review_id),
            person_id=_text(person_id),
            recommendation_no=None if number in (None, "") else int(number),
            line=None if line is None else int(line),
            responsible=_text(responsible),
            target_date=_text(target),
            lint_ignore=_text(ignore),
        )
        for text, review_id, person_id, number, line, responsible, target, ignore in zip(
            col("recommendation"),
            col("review_id"),
            col("person_id"),
            numbers,
            lines,
            col("responsible"),
            col("target_date"),
            col("lint_ignore"),
            strict=True,
        )
    ]


def reviews_from_frame(frame: pd.DataFrame) -> list[Review]:
    """Reviews from the canonical reviews frame."""
    return [
        Review(_text(rid), _text(pid), when, nxt, _text(chair), _text(status))
        for rid, pid, when, nxt, chair, status in zip(
            frame["review_id"].tolist(),
            frame["person_id"].tolist(),
            frame["review_date"].tolist(),
            frame["next_review_date"].tolist(),
            frame["chair"].tolist(),
            frame["status"].tolist(),
            strict=True,
        )
    ]
