"""Turning loaded data into lint rows: the recommendations export or plain text lines.

Pure: takes already-read text, a loaded DataFrame or its columns, never opens files.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from itertools import repeat
from typing import TYPE_CHECKING, Any

from iro_cli.exports.schema import RECOMMENDATIONS, normalise_header
from iro_cli.gcpause import fewer_gc_passes
from iro_cli.lint.engine import Review, Row

if TYPE_CHECKING:
    import pandas as pd

_BULLET = re.compile(r"^\s*(?:[-•*·–]|\(?\d{1,3}[.)]|\(?[a-z][.)])\s+")


def file_kind(raw: bytes, suffix: str) -> str:
    """What a FILE is, from its first bytes (and its suffix where bytes cannot tell):
    "csv" or "text" (read as text), "docx", "xlsx", "pdf", "doc", "xls", "zip" or
    "binary"."""
    if raw.startswith(b"%PDF"):
        return "pdf"
    if raw.startswith(b"PK\x03\x04"):
        import zipfile
        from io import BytesIO

        try:
            names = set(zipfile.ZipFile(BytesIO(raw)).namelist())
        except zipfile.BadZipFile:
            return "zip"
        if "word/document.xml" in names:
            return "docx"
        if "xl/workbook.xml" in names:
            return "xlsx"
        return "zip"
    if raw.startswith(b"\xd0\xcf\x11\xe0"):  # the Office 97-2003 formats
        return "xls" if suffix in (".xls", ".xlt") else "doc"
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 text has NUL bytes
        return "text" if suffix == ".txt" else "csv"
    head = raw[:4096]
    controls = sum(1 for byte in head if byte < 32 and byte not in (9, 10, 13))
    if b"\x00" in head or controls > len(head) // 100:
        return "binary"
    return "text" if suffix == ".txt" else "csv"


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


def strip_bullet(text: str) -> str:
    """``text`` without a bullet or number typed at its start ("1. ", "- ", "(a) ")."""
    return _BULLET.sub("", text, count=1).strip()


def rows_from_text(text: str) -> list[Row]:
    """One recommendation per non-blank line; bullets and numbers ("1. ", "- ") removed."""
    rows = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        rows.append(Row(text=strip_bullet(line), recommendation_no=len(rows) + 1, line=number))
    return rows


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _number(value: Any) -> int | None:
    return None if value in (None, "") else int(value)


def _texts(cells: list[Any]) -> list[str]:
    """Each cell as text ('' for None); a column that is all text as it is."""
    return cells if set(map(type, cells)) <= {str} else list(map(_text, cells))


def _numbers(cells: list[Any]) -> list[int | None]:
    """Whole numbers or None; a column that already is as it is."""
    return cells if set(map(type, cells)) <= {int, type(None)} else list(map(_number, cells))


def rows_from_frame(frame: pd.DataFrame) -> list[Row]:
    """Rows from the canonical recommendations frame (``load_export``)."""
    return rows_from_columns({c: frame[c].tolist() for c in frame.columns})


def rows_from_columns(data: Mapping[str, list[Any]]) -> list[Row]:
    """Rows from the canonical recommendations columns (``read_checked(...).columns``).

    Built column by column: 100,000 rows are made at once.
    """
    count = len(next(iter(data.values()), []))
    empty = [""] * count
    fields = {
        "text": _texts(data.get("recommendation", empty)),
        "review_id": _texts(data.get("review_id", empty)),
        "person_id": _texts(data.get("person_id", empty)),
        "recommendation_no": _numbers(data.get("recommendation_no", empty)),
        "line": _numbers(data.get("_line", [None] * count)),
        "responsible": _texts(data.get("responsible", empty)),
        "target_date": _texts(data.get("target_date", empty)),
        "lint_ignore": _texts(data.get("lint_ignore", empty)),
    }
    columns = [fields[name] for name in Row._fields]
    with fewer_gc_passes():  # 100,000 tuples: no pass over everything every 70,000
        return list(map(tuple.__new__, repeat(Row, count), zip(*columns, strict=True)))


def id_cells(data: Mapping[str, list[Any]]) -> tuple[list[str], list[str], list[int | None]]:
    """The Review ID, Person ID and Recommendation No of each row, as :func:`rows_from_columns`
    gives them."""
    count = len(next(iter(data.values()), []))
    empty = [""] * count
    return (
        _texts(data.get("review_id", empty)),
        _texts(data.get("person_id", empty)),
        _numbers(data.get("recommendation_no", empty)),
    )


def reviews_from_frame(frame: pd.DataFrame) -> list[Review]:
    """Reviews from the canonical reviews frame."""
    return reviews_from_columns({c: frame[c].tolist() for c in frame.columns})


def reviews_from_columns(data: Mapping[str, list[Any]]) -> list[Review]:
    """Reviews from the canonical reviews columns (``read_checked(...).columns``)."""
    return [
        Review(_text(rid), _text(pid), when, nxt, _text(chair), _text(status))
        for rid, pid, when, nxt, chair, status in zip(
            data["review_id"],
            data["person_id"],
            data["review_date"],
            data["next_review_date"],
            data["chair"],
            data["status"],
            strict=True,
        )
    ]
