"""Read the Header and Reviews files of an SSDA903 return (the DfE looked-after children
collection) into the canonical shape of the reviews export.

``header.csv``  CHILD, SEX, DOB, ETHNIC, ... (one row per child)
``reviews.csv`` CHILD, DOB, REVIEW, REVIEW_CODE (one row per held CLA review)

Every Reviews row is a held CLA review, so the frame has ``review_type`` ``CLA Review``
and ``status`` ``Held``. ``review_id`` is blank (the return has none; messages name
the child and line instead), ``chair`` is blank (the return does not record the IRO).
Date of birth, gender (SEX 1/2 -> Male/Female) and ethnicity (the ETHNIC code as
recorded, e.g. ``WBRI``) come from the header; a child missing from the header keeps
the date of birth on their Reviews row.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from iro_cli.errors import ExportNotFoundError, InputError, Problem
from iro_cli.participation.codes import UnknownCode, parse_code

if TYPE_CHECKING:
    import pandas as pd

HEADER_FILE = "header.csv"
REVIEWS_FILE = "reviews.csv"
HEADER_COLUMNS = ("CHILD", "SEX", "DOB", "ETHNIC")
REVIEWS_COLUMNS = ("CHILD", "DOB", "REVIEW", "REVIEW_CODE")
SEX = {"1": "Male", "2": "Female"}
COLUMNS = (
    "review_id",
    "person_id",
    "review_type",
    "review_date",
    "status",
    "chair",
    "participation_code",
    "date_of_birth",
    "gender",
    "ethnicity",
    "_line",
)


class Ssda903Error(InputError):
    """A problem in an SSDA903 file (the first one, and how many more)."""

    def __init__(self, problem: Problem, more: int = 0) -> None:
        super().__init__(problem)
        self.more = more
        if more:
            plural = "s" if more > 1 else ""
            self.args = (f"{self.args[0]}; and {more} more problem{plural} in the SSDA903 files",)


@dataclass(frozen=True)
class _Child:
    date_of_birth: date | None
    gender: str
    ethnicity: str


def find_file(directory: Path, name: str) -> Path:
    """``directory/name``, matching the name without regard to case (``Header.csv``)."""
    exact = directory / name
    if exact.is_file():
        return exact
    if directory.is_dir():
        for candidate in sorted(directory.iterdir()):
            if candidate.name.casefold() == name.casefold() and candidate.is_file():
                return candidate
    raise ExportNotFoundError(
        f"{exact}: no such file (--ssda903 needs the return's {HEADER_FILE} and {REVIEWS_FILE})"
    )


def _decode(path: Path) -> str:
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


_DMY = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$")
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[ T]\d{2}:\d{2}(?::\d{2})?)?$")


def parse_date(text: str) -> date | None:
    """``dd/mm/yyyy`` (as the return writes dates) or ISO; ``None`` when blank.

    Raises ``ValueError`` for anything else.
    """
    text = text.strip()
    if not text:
        return None
    if match := _DMY.match(text):
        day, month, year = (int(g) for g in match.groups())
        return date(year, month, day)
    if match := _ISO.match(text):
        year, month, day = (int(g) for g in match.groups())
        return date(year, month, day)
    raise ValueError(text)


def _rows(path: Path, required: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    """(line, {COLUMN: cell}) for each non-blank row; checks the required columns."""
    reader = csv.reader(io.StringIO(_decode(path), newline=""))
    header = next(reader, None)
    if header is None:
        raise Ssda903Error(Problem(str(path), 1, None, "the file is empty"))
    names = [cell.strip().upper() for cell in header]
    missing = [col for col in required if col not in names]
    if missing:
        raise Ssda903Error(
            Problem(
                str(path),
                1,
                missing[0],
                f"no column '{missing[0]}'",
                expected=f"the SSDA903 columns {', '.join(required)}",
            )
        )
    positions = {name: names.index(name) for name in required}
    for cells in reader:
        if not any(cell.strip() for cell in cells):
            continue
        row = {name: (cells[i].strip() if i < len(cells) else "") for name, i in positions.items()}
        yield reader.line_num, row


class _Problems:
    def __init__(self) -> None:
        self.items: list[Problem] = []

    def add(self, file: str, line: int, column: str, message: str, expected: str, child: str):
        self.items.append(Problem(file, line, column, message, expected=expected, row_id=child))

    def date(self, file: str, line: int, column: str, text: str, child: str) -> date | None:
        try:
            return parse_date(text)
        except ValueError:
            self.add(file, line, column, "not a date", "dd/mm/yyyy", child)
            return None

    def raise_any(self) -> None:
        if self.items:
            raise Ssda903Error(self.items[0], len(self.items) - 1)


def read_header(path: Path, problems: _Problems) -> dict[str, _Child]:
    children: dict[str, _Child] = {}
    for line, row in _rows(path, HEADER_COLUMNS):
        child = row["CHILD"]
        if not child:
            problems.add(str(path), line, "CHILD", "blank child ID", "the child's ID", "")
            continue
        sex = row["SEX"]
        if sex and sex not in SEX:
            problems.add(
                str(path), line, "SEX", "unknown SEX code", "1 (male) or 2 (female)", child
            )
        dob = problems.date(str(path), line, "DOB", row["DOB"], child)
        children.setdefault(child, _Child(dob, SEX.get(sex, ""), row["ETHNIC"]))
    return children


def read_ssda903(directory: str | Path) -> pd.DataFrame:
    """The return's held CLA reviews, in the reviews-export shape plus the child's details.

    Columns: see :data:`COLUMNS`; ``_line`` is the line in ``reviews.csv`` and
    ``frame.attrs["path"]`` its path. Raises :class:`Ssda903Error` naming the file,
    line and column of the first bad cell (and how many more there are), and
    :class:`ExportNotFoundError` when a file is missing.
    """
    import pandas as pd

    directory = Path(directory)
    header_path = find_file(directory, HEADER_FILE)
    reviews_path = find_file(directory, REVIEWS_FILE)
    problems = _Problems()
    children = read_header(header_path, problems)
    data: dict[str, list[object]] = {name: [] for name in COLUMNS}
    name = str(reviews_path)
    for line, row in _rows(reviews_path, REVIEWS_COLUMNS):
        child_id = row["CHILD"]
        if not child_id:
            problems.add(name, line, "CHILD", "blank child ID", "the child's ID", "")
            continue
        review = problems.date(name, line, "REVIEW", row["REVIEW"], child_id)
        if review is None and not row["REVIEW"]:
            problems.add(name, line, "REVIEW", "blank review date", "dd/mm/yyyy", child_id)
        dob = problems.date(name, line, "DOB", row["DOB"], child_id)
        try:
            code = parse_code(row["REVIEW_CODE"])
        except UnknownCode:
            problems.add(name, line, "REVIEW_CODE", "unknown participation code", "PN0 to PN7",
                         child_id)  # fmt: skip
            code = ""
        child = children.get(child_id)
        data["review_id"].append("")
        data["person_id"].append(child_id)
        data["review_type"].append("CLA Review")
        data["review_date"].append(review)
        data["status"].append("Held")
        data["chair"].append("")
        data["participation_code"].append(code)
        data["date_of_birth"].append((child.date_of_birth if child else None) or dob)
        data["gender"].append(child.gender if child else "")
        data["ethnicity"].append(child.ethnicity if child else "")
        data["_line"].append(line)
    problems.raise_any()
    frame = pd.DataFrame({k: pd.Series(v, dtype=object) for k, v in data.items()})
    frame["_line"] = frame["_line"].astype("int64")
    frame.attrs["path"] = str(reviews_path)
    return frame
