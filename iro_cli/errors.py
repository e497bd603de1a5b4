"""User-facing errors.

Everything the user can cause (a bad file, a bad setting, a missing export)
raises a subclass of :class:`IroError`. The CLI turns these into one line on
stderr and exit status 2 ("could not run"; 1 is kept for "ran, and found what you
asked to fail on"). Messages name files, rows and columns, never the
personal data in a cell beyond the row's ID.
"""

from __future__ import annotations

from dataclasses import dataclass


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
            where += f" (ID {self.row_id})"
        text = f"{where}: {self.message}"
        if self.expected:
            text += f" (expected {self.expected})"
        return text


class InputError(IroError):
    """An input file breaks the export contract."""

    def __init__(self, problem: Problem, more: int = 0) -> None:
        self.problem = problem
        self.more = more
        text = str(problem)
        if more:
            text += f"; and {more} more problem{'s' if more > 1 else ''}: run `iro validate`"
        super().__init__(text)
