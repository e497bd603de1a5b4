"""User-facing errors.

Everything the user can cause (a bad file, a bad setting, a missing export)
raises a subclass of :class:`IroError`. The CLI turns these into one line on
stderr and exit status 2 ("could not run"; 1 is kept for "ran, and found what you
asked to fail on"). Messages name files, rows and columns, never the
personal data in a cell beyond the row's ID (and that only when it looks like an ID).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# What an ID looks like ('0101', 'R12', 'DRP00001'): a message shows a row's ID only
# when it does, as a name shifted into the ID column (a lost separator) must stay hidden.
_ID_SHAPE = re.compile(r"(?=\S*\d)[A-Za-z0-9][A-Za-z0-9._/\-]{0,23}|[A-Z]{1,4}")


def shown_id(value: str) -> str:
    """``value`` when it looks like an ID (at most 4 letters: 'DRP00001', not '0101Amara'),
    else "not shown"."""
    if _ID_SHAPE.fullmatch(value) and sum(ch.isalpha() for ch in value) <= 4:
        return value
    return "not shown"


class IroError(Exception):
    """An error the user can fix; shown as one line, exit status 2 (could not run)."""

    exit_code = 2


class ConfigError(IroError):
    """``iro.toml`` is missing a key, has a wrong value, or cannot be read."""


class ExportNotFoundError(IroError):
    """A command needs an export file that is not in the export directory."""


class OutputError(IroError):
    """An output file cannot be written (exists without --force, bad format...)."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or worth knowing) about an input file."""

    file: str
    line: int | None
    column: str | None
    message: str
    expected: str = ""
    severity: str = "error"  # "error" | "warning"
    row_id: str = ""
    unit: str = "line"  # "row" in a spreadsheet

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f", {self.unit} {self.line}"
        if self.column:
            where += f", column '{self.column}'"
        if self.row_id:
            where += f" (ID {shown_id(self.row_id)})"
        text = f"{where}: {self.message}"
        if self.expected:
            text += f" (expected {self.expected})"
        return text


class InputError(IroError):
    """An input file breaks the export contract."""

    def __init__(self, problem: Problem, more: int = 0, hint: str = "run `iro validate`") -> None:
        self.problem = problem
        self.more = more
        text = str(problem)
        if more:
            text += f"; and {more} more problem{'s' if more > 1 else ''}: {hint}"
        super().__init__(text)
