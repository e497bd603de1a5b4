"""Typed numpy columns from whatever a command holds: a ``ReadResult`` (its ``array()``),
a pandas DataFrame, or plain columns (a dict of lists or arrays).

Dates come back as ``datetime64[D]`` (NaT when blank), everything else as an object
array of the values as they are; a column the table lacks is all blank.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np

BLANK_LINE = -1  # ``lines()`` of a table without a ``_line`` column


def _names(table: Any) -> Any:
    return table if isinstance(table, Mapping) else table.columns


def _is_read(table: Any) -> bool:
    return callable(getattr(table, "array", None)) and hasattr(table, "kinds")


def has(table: Any, name: str) -> bool:
    """Whether ``table`` has the column ``name``."""
    if _is_read(table):  # never its ``columns``: a list per column, built on first use
        return name == "_line" or name in table.kinds
    return name in _names(table)


def size(table: Any) -> int:
    """The number of rows."""
    if _is_read(table):
        return table.rows
    if isinstance(table, Mapping):
        return len(next(iter(table.values()))) if table else 0
    return len(table)


def path_of(table: Any, default: str) -> str:
    """The file the table was read from (``ReadResult.path``, ``frame.attrs['path']``)."""
    if _is_read(table):
        return str(table.path or default)
    attrs = getattr(table, "attrs", None)
    path = attrs.get("path") if attrs else None
    return str(path) if path else default


def _raw(table: Any, name: str) -> Any:
    column = table[name]
    return column.to_numpy() if hasattr(column, "to_numpy") else column


def objects(table: Any, name: str) -> np.ndarray:
    """Column ``name`` as an object array of its values (``None`` throughout when absent)."""
    import numpy as np

    count = size(table)
    if not has(table, name):
        return np.full(count, None, dtype=object)
    if _is_read(table):
        return table.array(name).astype(object, copy=False)
    values = _raw(table, name)
    if isinstance(values, np.ndarray) and values.dtype == object:
        return values
    return np.fromiter(values, dtype=object, count=count)


def dates(table: Any, name: str) -> np.ndarray:
    """Column ``name`` as ``datetime64[D]``: ``date``/``datetime``/Timestamp values, NaT
    for ``None``, NaN and NaT (and throughout when the column is absent)."""
    import numpy as np

    if not has(table, name):
        return np.full(size(table), np.datetime64("NaT"), dtype="datetime64[D]")
    if _is_read(table):
        return table.array(name)
    values = _raw(table, name)
    if isinstance(values, np.ndarray) and values.dtype.kind == "M":
        return values.astype("datetime64[D]")
    try:
        return np.array(values, dtype="datetime64[D]")
    except (TypeError, ValueError):  # NaN, NaT or Timestamps among the dates
        import pandas as pd

        parsed = pd.to_datetime(pd.Series(values, dtype=object), errors="coerce")
        return parsed.to_numpy(dtype="datetime64[ns]").astype("datetime64[D]")


def lines(table: Any) -> np.ndarray:
    """The ``_line`` column as int64; :data:`BLANK_LINE` where there is none."""
    import numpy as np

    if not has(table, "_line"):
        return np.full(size(table), BLANK_LINE, dtype=np.int64)
    if _is_read(table):
        return table.array("_line")
    values = _raw(table, "_line")
    try:
        return np.asarray(values, dtype=np.int64)
    except (TypeError, ValueError):  # None or NaN among them
        return np.array(
            [BLANK_LINE if v is None or v != v else int(v) for v in values], dtype=np.int64
        )


# --- (child, day) keys for as-of joins -------------------------------------------------------

FIRST_DAY = -719_162  # date.min (01/01/0001) in days since 1970
SPAN = 4_000_000  # more days than 0001-9999: (child code, day) packs into one int64


def day_numbers(days: np.ndarray, blank: int) -> np.ndarray:
    """Days from :data:`FIRST_DAY` (so 0 to under :data:`SPAN`); ``blank`` where NaT."""
    import numpy as np

    return np.where(np.isnat(days), blank, days.astype(np.int64) - FIRST_DAY)


def factorize(values: np.ndarray) -> tuple[np.ndarray, int]:
    """An integer code per value (equal values, equal codes; ``None`` is a value too)
    and how many distinct values there are.

    With pandas loaded already, its hash table (quickest); otherwise a dict, so that a
    command that needs no DataFrame (``lint`` with csv output) never imports pandas.
    """
    import sys

    import numpy as np

    if "pandas" in sys.modules:
        import pandas as pd

        codes, uniques = pd.factorize(values)  # None and NaN: -1, made a code of their own
        codes = codes.astype(np.int64, copy=False)
        if len(uniques) < len(values) and (codes < 0).any():
            return np.where(codes < 0, len(uniques), codes), len(uniques) + 1
        return codes, len(uniques)
    index: dict[Any, int] = {}
    codes = np.fromiter(
        (index.setdefault(v, len(index)) for v in values), dtype=np.int64, count=len(values)
    )
    return codes, len(index)


def repeated(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The rows whose value is on an earlier row too, in file order, and that earlier
    (first) row of each. Values are hashed and the hashes sorted; only rows whose hash
    is shared are compared, so a column of distinct IDs costs one pass and one sort."""
    import numpy as np

    hashes = np.fromiter(map(hash, values), dtype=np.int64, count=len(values))
    ordered = np.sort(hashes)
    same = ordered[1:] == ordered[:-1]
    if not same.any():
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    shared = np.flatnonzero(np.isin(hashes, ordered[1:][same]))
    first: dict[Any, int] = {}
    again: list[int] = []
    earlier: list[int] = []
    for row in shared.tolist():
        seen = first.setdefault(values[row], row)
        if seen != row:
            again.append(row)
            earlier.append(seen)
    return np.array(again, dtype=np.int64), np.array(earlier, dtype=np.int64)


def person_codes(*columns: np.ndarray) -> list[np.ndarray]:
    """Shared integer codes for the person IDs of several tables, as read (no stripping)."""
    import numpy as np

    codes, _ = factorize(np.concatenate(columns))
    bounds = np.cumsum([0, *(len(c) for c in columns)])
    return [codes[a:b] for a, b in zip(bounds[:-1], bounds[1:], strict=True)]
