"""The report pack as plain data: what the workbook and the document are made from."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

KINDS = ("text", "int", "num", "pct", "date")


@dataclass(frozen=True)
class Column:
    """One column of a table: the key in each row, its header in words, and its kind
    (``int`` counts, ``num`` one decimal place, ``pct`` a fraction shown as a percentage)."""

    key: str
    header: str
    kind: str = "int"


@dataclass
class Table:
    """One table: a sheet of the workbook, a table of the document."""

    sheet: str  # at most 31 characters (Excel's limit)
    title: str
    columns: list[Column]
    rows: list[dict[str, Any]]
    note: str = ""
    total_rows: int = 0  # the last N rows are totals (bold)
    in_document: bool = True  # False: a sheet of the workbook only (too wide for a page)


@dataclass
class Chart:
    png: bytes
    caption: str
    name: str = "chart"  # the file name with --charts DIR: DIR/<name>.png


@dataclass
class Section:
    heading: str
    headlines: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # plain paragraphs after the headlines


@dataclass(frozen=True)
class Source:
    """One export the pack was made from."""

    file: str
    rows: int
    newest: date | None


@dataclass
class Pack:
    title: str
    period_label: str
    previous_label: str | None  # None: --no-compare
    as_at: date
    previous_as_at: date | None
    sections: list[Section]
    sources: list[Source]
    meanings: list[tuple[str, str]]  # (figure, what it means)
    version: str = ""

    @property
    def tables(self) -> list[Table]:
        return [table for section in self.sections for table in section.tables]
