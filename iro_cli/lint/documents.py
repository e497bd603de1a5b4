"""Recommendations from a Word document (.docx), as an IRO keeps minutes.

One recommendation per numbered or bulleted item, or per paragraph. When the document
has a "Recommendations" (or "Actions") heading, only the items under it are read, up to
the next heading. A table whose first row names a Recommendation column gives one
recommendation per row, with its Responsible and Target Date columns when it has them.
Each row's ``line`` is its paragraph in the document (a table row counts as one).

Pure: takes the file's bytes, returns rows; python-docx is imported only here.
"""

from __future__ import annotations

import io
import re
from typing import Any

from iro_cli.exports.schema import normalise_header
from iro_cli.lint.engine import Row
from iro_cli.lint.inputs import strip_bullet

_SECTION = re.compile(
    r"^\s*(?:\d{1,2}[.)]?\s*)?(?:agreed\s+)?(?:recommendations?|actions?|"
    r"recommendations?\s+(?:and|&)\s+actions?|what\s+we\s+agreed|action\s+plan)\s*:?\s*$",
    re.I,
)
# Table headers, as IROs write them, for the columns the linter reads.
_HEADERS = {
    "recommendation": "text",
    "recommendations": "text",
    "action": "text",
    "actions": "text",
    "agreed action": "text",
    "responsible": "responsible",
    "who": "responsible",
    "by whom": "responsible",
    "lead": "responsible",
    "person responsible": "responsible",
    "target date": "target_date",
    "by when": "target_date",
    "timescale": "target_date",
    "when": "target_date",
    "date": "target_date",
}


class DocxError(ValueError):
    """The bytes are not a Word document python-docx can open."""


def rows_from_docx(raw: bytes) -> list[Row]:
    """The recommendations in a .docx file's bytes (see the module docstring)."""
    blocks = _blocks(raw)
    start, end = _section(blocks)
    rows: list[Row] = []
    for kind, line, value in blocks[start:end]:
        if kind == "paragraph":
            text, heading = value
            if text and not heading:
                rows.append(Row(text=text, recommendation_no=len(rows) + 1, line=line))
        elif kind == "row":
            text, responsible, target = value
            if text:
                rows.append(
                    Row(
                        text=text,
                        recommendation_no=len(rows) + 1,
                        line=line,
                        responsible=responsible,
                        target_date=target,
                    )
                )
    return rows


def _blocks(raw: bytes) -> list[tuple[str, int, Any]]:
    """The document body in order: ("paragraph", line, (text, is heading)) and, for tables
    with a Recommendation column, ("row", line, (text, responsible, target date))."""
    try:
        from docx import Document
        from docx.oxml.ns import qn
        from docx.table import Table
        from docx.text.paragraph import Paragraph

        document = Document(io.BytesIO(raw))
    except Exception as exc:  # python-docx raises several kinds on a damaged file
        raise DocxError(type(exc).__name__) from None
    out: list[tuple[str, int, Any]] = []
    line = 0
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:p"):
            line += 1
            paragraph = Paragraph(child, document)
            style = (paragraph.style.name if paragraph.style is not None else "") or ""
            heading = style.lower().startswith(("heading", "title"))
            text = strip_bullet(" ".join(paragraph.text.split()))
            out.append(("paragraph", line, (text, heading)))
        elif child.tag == qn("w:tbl"):
            table = Table(child, document)
            columns: dict[str, int] | None = None
            for row in table.rows:
                line += 1
                cells = [" ".join(cell.text.split()) for cell in row.cells]
                if columns is None:
                    columns = _columns(cells)
                    if "text" not in columns:
                        columns = {}
                    continue
                if columns:
                    pick = {k: cells[i] if i < len(cells) else "" for k, i in columns.items()}
                    out.append(
                        (
                            "row",
                            line,
                            (
                                strip_bullet(pick["text"]),
                                pick.get("responsible", ""),
                                pick.get("target_date", ""),
                            ),
                        )
                    )
    return out


def _columns(cells: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, cell in enumerate(cells):
        key = _HEADERS.get(normalise_header(cell).replace("_", " "))
        if key and key not in found:
            found[key] = index
    return found


def _section(blocks: list[tuple[str, int, Any]]) -> tuple[int, int]:
    """The blocks under a "Recommendations" heading (to the next heading), else all."""
    for index, (kind, _line, value) in enumerate(blocks):
        if kind == "paragraph" and _SECTION.match(value[0]):
            for later in range(index + 1, len(blocks)):
                kind2, _line2, value2 = blocks[later]
                if kind2 == "paragraph" and value2[1] and value2[0]:
                    return index + 1, later
            return index + 1, len(blocks)
    return 0, len(blocks)
