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
    import pyarrow as pa

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
    if not isinstance(values, np.ndarray):
        values = np.fromiter(values, dtype=object, count=len(values))
    codes, distinct = factorize(values)  # dates repeat: each distinct one converted once
    return _day_values(distinct)[codes]


def _day_values(values: np.ndarray) -> np.ndarray:
    """``date``/``datetime``/Timestamp values as ``datetime64[D]`` (NaT for blanks)."""
    import numpy as np

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


def factorize(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """A code per value and the distinct values (``values[i] == uniques[codes[i]]``;
    ``None`` is a value too).

    With pandas loaded already, its hash table (quickest); otherwise a dict, so that a
    command that needs no DataFrame (``lint`` with csv output) never imports pandas.
    """
    import sys

    import numpy as np

    if "pandas" in sys.modules:
        import pandas as pd

        codes, found = pd.factorize(values)  # None and NaN: -1, made a value of their own
        codes = codes.astype(np.int64, copy=False)
        uniques = np.empty(len(found) + 1, dtype=object)
        uniques[:-1] = found
        uniques[-1] = None
        if len(codes) and (codes < 0).any():
            blank = values[int(np.argmax(codes < 0))]
            uniques[-1] = blank
            return np.where(codes < 0, len(found), codes), uniques
        return codes, uniques[:-1]
    index: dict[Any, int] = {}
    codes = np.fromiter(
        (index.setdefault(v, len(index)) for v in values), dtype=np.int64, count=len(values)
    )
    uniques = np.empty(len(index), dtype=object)
    uniques[:] = list(index)
    return codes, uniques


def _stored(table: Any, name: str) -> Any:
    """The reader's own form of a column (``ReadResult.stored``), when there is one."""
    stored = getattr(table, "stored", None)
    return stored.get(name) if _is_read(table) and isinstance(stored, Mapping) else None


def coded(table: Any, name: str, *, values: bool = True) -> tuple[np.ndarray, np.ndarray | int]:
    """Column ``name`` as a code per row and the values coded (``values[codes]`` is the
    column; two codes may share a value), or with ``values=False`` how many codes.

    From a ``ReadResult`` this needs no Python object per row: a code or date column as
    the reader keeps it (its distinct cells converted once), an ID or text column by
    Arrow's dictionary encoding. Anything else is factorized (:func:`factorize`).
    """
    import numpy as np

    column = _stored(table, name)
    if column is not None and column.text is None and column.indices is not None:
        codes = np.asarray(column.indices, dtype=np.int64)
        return codes, (column.values if values else len(column.values))
    if column is not None and column.text is not None:
        from iro_cli.exports.tables import factorize as arrow_factorize

        codes, dictionary = arrow_factorize(table.text(name))  # an ID or text: never null
        if not values:
            return codes, len(dictionary)
        distinct = np.empty(len(dictionary), dtype=object)
        distinct[:] = dictionary.to_pylist()
        return codes, distinct
    codes, uniques = factorize(objects(table, name))
    return codes, (uniques if values else len(uniques))


def arrow_text(table: Any, name: str) -> pa.ChunkedArray | None:
    """An ID or text column of a read export as Arrow strings (stripped by the reader);
    ``None`` for any other column or table."""
    column = _stored(table, name)
    return table.text(name) if column is not None and column.text is not None else None


class Cells:
    """One column's cells fetched one at a time, for the few rows that are shown (an ID
    in a message) without making a Python object for every row."""

    def __init__(self, table: Any, name: str) -> None:
        column = _stored(table, name)
        self._arrow = table.text(name) if column is not None and column.text is not None else None
        self._values = None if self._arrow is not None else objects(table, name)

    def __getitem__(self, row: int) -> Any:
        if self._arrow is not None:
            return self._arrow[int(row)].as_py()
        return self._values[int(row)]  # type: ignore[index]


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


def first_of_each(codes: np.ndarray, count: int) -> np.ndarray:
    """For each code ``0..count-1``, the position of its first row (``-1``: none)."""
    import numpy as np

    first = np.full(count, -1, dtype=np.int64)
    # Assigning in reverse: with repeated indices numpy keeps the last value assigned.
    first[codes[::-1]] = np.arange(len(codes) - 1, -1, -1)
    return first


def repeated_in(table: Any, name: str) -> tuple[np.ndarray, np.ndarray]:
    """:func:`repeated` for column ``name``: from a ``ReadResult`` by its codes."""
    import numpy as np

    column = _stored(table, name)
    if column is None:
        return repeated(objects(table, name))
    if column.text is not None and _all_distinct(table.text(name)):  # the usual case
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    codes, count = coded(table, name, values=False)
    first = first_of_each(codes, count)[codes]  # type: ignore[arg-type]
    again = np.flatnonzero(first != np.arange(len(codes)))
    return again, first[again]


def _all_distinct(text: pa.ChunkedArray) -> bool:
    """Whether no two cells are the same. IDs written as whole numbers are compared as
    numbers first (sorted, a tenth of the time of hashing the text): different numbers
    are different cells; any other column, or equal numbers, by Arrow's hashing."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    from iro_cli.exports.tables import to_numpy

    try:
        numbers = np.sort(to_numpy(pc.cast(text, pa.int64())))
    except (pa.ArrowInvalid, ValueError):  # not all whole numbers
        numbers = None
    if numbers is not None and not (numbers[1:] == numbers[:-1]).any():
        return True
    return len(text.unique()) == len(text)


def unify(*parts: tuple[np.ndarray, np.ndarray]) -> list[np.ndarray]:
    """Codes of several coded columns (``(codes, values)``) made comparable: equal values,
    equal codes, across all of them."""
    import numpy as np

    merged, _ = factorize(np.concatenate([values for _, values in parts]))
    bounds = np.cumsum([0, *(len(values) for _, values in parts)])
    return [
        merged[a:b][codes] for (codes, _), a, b in zip(parts, bounds[:-1], bounds[1:], strict=True)
    ]


def text_codes(
    texts: list[pa.ChunkedArray], *, in_order: bool = False
) -> tuple[list[np.ndarray], pa.Array]:
    """Shared integer codes for several Arrow string columns (equal strings, equal codes)
    and the distinct strings, by Arrow's dictionary encoding (no Python object per row).
    With ``in_order`` the codes follow the strings' sort order (UTF-8 byte order is code
    point order, as Python sorts strings)."""
    # Arrow's columns never change, so the codes of the same columns (a command and its
    # sense checks both code children's and reviews' Person IDs) are worked out once.
    # Each caller gets its own copy of the codes (a few milliseconds) to change at will.
    key = (in_order, *map(id, texts))
    known = _TEXT_CODES.get(key)
    if known is None or not all(a is b for a, b in zip(known[0], texts, strict=True)):
        known = (list(texts), _text_codes(texts, in_order))
        _TEXT_CODES.clear()  # the latest only: a command's columns, not every test's
        _TEXT_CODES[key] = known
    codes, distinct = known[1]
    return [c.copy() for c in codes], distinct


_TEXT_CODES: dict[tuple[Any, ...], tuple[list[Any], tuple[list[np.ndarray], pa.Array]]] = {}


def _text_codes(texts: list[pa.ChunkedArray], in_order: bool) -> tuple[list[np.ndarray], pa.Array]:
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    from iro_cli.exports.tables import factorize as arrow_factorize
    from iro_cli.exports.tables import from_numpy, to_numpy

    chunks = [chunk.cast(pa.large_string()) for text in texts for chunk in text.chunks]
    found, distinct = arrow_factorize(pa.chunked_array(chunks, type=pa.large_string()))
    if in_order:
        order = to_numpy(pc.sort_indices(distinct)).astype(np.int64)
        rank = np.empty(len(order), dtype=np.int64)
        rank[order] = np.arange(len(order))
        found = rank[found] if len(found) else found
        distinct = distinct.take(from_numpy(order))
    bounds = np.cumsum([len(text) for text in texts])[:-1]
    return np.split(found, bounds), distinct


def person_codes(*tables: Any) -> list[np.ndarray]:
    """Shared integer codes for the Person IDs of several tables, as read (no stripping)."""
    if all(_stored(table, "person_id") is not None for table in tables):
        return text_codes([table.text("person_id") for table in tables])[0]
    return unify(*(coded(table, "person_id") for table in tables))
