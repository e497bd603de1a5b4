"""Linting recommendations chunk by chunk: memory bounded by a chunk, not by the file.

Two passes over the input. The first (:func:`survey`) keeps only a few numbers a row:
its review's and child's codes and its Recommendation No. From them and reviews.csv
(:func:`review_facts`, whole-column numpy work) come each review's date, its next
review and which review is its previous one (SMART006/007), exactly as
:func:`iro_cli.lint.engine.build_context` works them out. The second pass
(:func:`lint_chunks`) lints one chunk at a time and hands back its findings, in input
order, to be written before the next chunk is read. The previous review's wording is
kept only from when its rows are read until the last review that needs it is linted;
a previous review whose rows come later in the file than a review that needs it (an
export not in review order) is read first, in a pass of its own.

Pure: takes rows, columns and arrays, never opens files or prints.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from operator import attrgetter, itemgetter
from typing import TYPE_CHECKING, Any

from iro_cli.errors import IroError, Problem
from iro_cli.lint.chunk import Found, RowChunk, no_nulls
from iro_cli.lint.engine import (
    PARALLEL_MIN_ROWS,
    Context,
    Linter,
    Row,
    Settings,
    lint_in_context,
)
from iro_cli.lint.rules import Finding
from iro_cli.lint.terms import Terms
from iro_cli.lint.workers import LintPool

if TYPE_CHECKING:
    from iro_cli.exports.reader import ReadResult

if TYPE_CHECKING:
    import numpy as np
    import pyarrow as pa

CHUNK_ROWS = 10_000  # rows linted and written at a time (see ARCHITECTURE.md)
NO_NUMBER = -(2**62)  # a blank Recommendation No in the survey's numbers

# Per chunk: the review ID, person ID and Recommendation No of each row.
IdColumns = tuple[Sequence[str], Sequence[str], Sequence["int | None"]]


class _Codes(dict[str, int]):
    """Whole numbers for strings, in order of first appearance, across chunks."""

    def __missing__(self, key: str) -> int:
        code = self[key] = len(self)
        return code

    def encode(self, cells: Sequence[str]) -> np.ndarray:
        import numpy as np

        return np.fromiter(map(self.__getitem__, cells), dtype=np.int64, count=len(cells))


class Ids:
    """Distinct IDs held as one Arrow string array: a code's ID, without a Python string
    for each of a national file's 690,000 reviews."""

    def __init__(self, arrow: pa.Array) -> None:
        self.arrow = arrow

    def __len__(self) -> int:
        return len(self.arrow)

    def __getitem__(self, code: int) -> str:
        return self.arrow[int(code)].as_py()  # type: ignore[no-any-return]

    def __iter__(self) -> Iterator[str]:
        return iter(self.arrow.to_pylist())

    def take(self, codes: np.ndarray) -> list[str]:
        """The IDs of these codes."""
        from iro_cli.exports.tables import from_numpy

        return self.arrow.take(from_numpy(codes)).to_pylist()  # type: ignore[no-any-return]


@dataclass
class Survey:
    """The first pass: per row, its review's and child's codes and its number."""

    review: np.ndarray  # int64 code into review_ids, per row
    person: np.ndarray  # int64 code into person_ids, per row
    number: np.ndarray  # int64 Recommendation No per row (NO_NUMBER when blank)
    review_ids: Ids  # codes in order of first appearance
    person_ids: Ids

    @property
    def rows(self) -> int:
        return len(self.review)


def survey(chunks: Iterable[IdColumns]) -> Survey:
    """What the context needs of every row, a few bytes a row: the IDs are encoded by
    Arrow over all chunks at once, no Python string per row."""
    import numpy as np
    import pyarrow as pa

    from iro_cli.exports.tables import factorize

    reviews: list[pa.Array] = []
    persons: list[pa.Array] = []
    numbers_of: list[np.ndarray] = []
    for review_ids, person_ids, numbers in chunks:
        if isinstance(numbers, np.ndarray):
            given = numbers
        else:
            given = np.fromiter(
                (NO_NUMBER if n is None else n for n in numbers), dtype=np.int64, count=len(numbers)
            )
        reviews.extend(_arrow_ids(review_ids))
        persons.extend(_arrow_ids(person_ids))
        numbers_of.append(given)
    review, review_ids = factorize(pa.chunked_array(reviews, pa.string()))
    person, person_ids = factorize(pa.chunked_array(persons, pa.string()))
    number = np.concatenate(numbers_of) if numbers_of else np.empty(0, dtype=np.int64)
    return Survey(review, person, number, Ids(review_ids), Ids(person_ids))


def _arrow_ids(cells: Any) -> list[pa.Array]:
    """A chunk's IDs as Arrow strings (blank as ""), from Arrow or Python strings."""
    import pyarrow as pa

    from iro_cli.exports.tables import strings

    if isinstance(cells, pa.ChunkedArray):
        chunks = cells.chunks
    elif isinstance(cells, pa.Array):
        chunks = [cells]
    else:
        return [strings(["" if cell is None else cell for cell in cells])]
    return [no_nulls(chunk).cast(pa.string()) for chunk in chunks]


def id_columns(rows: Sequence[Row]) -> IdColumns:
    """A chunk of rows as the survey reads it."""
    return (
        list(map(attrgetter("review_id"), rows)),
        list(map(attrgetter("person_id"), rows)),
        list(map(attrgetter("recommendation_no"), rows)),
    )


@dataclass
class ReviewTable:
    """What lint needs of reviews.csv, as arrays (the file's other columns are dropped)."""

    review_id: pa.ChunkedArray | np.ndarray  # Arrow strings (or an object array of str)
    person: np.ndarray  # int64 codes of the Person ID
    review_date: np.ndarray  # datetime64[D], NaT when blank
    next_review_date: np.ndarray  # datetime64[D]
    cancelled: np.ndarray  # bool: Status is "Cancelled"
    chair: np.ndarray  # object: str ("" when blank)

    def __len__(self) -> int:
        return len(self.review_id)


def review_table(read: ReadResult) -> ReviewTable:
    """The reviews export's columns that lint uses (``read.array``)."""
    import numpy as np

    from iro_cli.exports.tables import factorize

    status = read.array("status")
    return ReviewTable(
        read.text("review_id"),
        factorize(read.text("person_id"))[0],
        read.array("review_date"),
        read.array("next_review_date"),
        status == "Cancelled" if len(status) else np.zeros(0, dtype=bool),
        read.array("chair"),
    )


@dataclass
class ReviewFacts:
    """Per review code of the survey: what :class:`Context` holds, as arrays."""

    known: np.ndarray  # bool: in reviews.csv with a review date
    review_date: np.ndarray  # datetime64[D]
    next_review_date: np.ndarray  # datetime64[D]
    previous: np.ndarray  # int64: the previous review's code, -1 when none
    previous_date: np.ndarray  # datetime64[D]
    chair: np.ndarray  # object: the chair (last listed non-blank), "" when none


def _last_position(keys: Any, wanted: Any) -> np.ndarray:
    """For each wanted key, the position of its last occurrence in ``keys`` (-1: none);
    both Arrow strings or sequences of str (Arrow's hash look-up, no Python dict)."""
    import numpy as np
    import pyarrow.compute as pc

    from iro_cli.exports.tables import from_numpy, to_numpy

    keys, wanted = _arrow_strings(keys), _arrow_strings(wanted)
    if not len(wanted):
        return np.zeros(0, dtype=np.int64)
    if not len(keys):
        return np.full(len(wanted), -1, dtype=np.int64)
    # index_in finds the first occurrence: in the keys reversed, that is the last one.
    backwards = keys.take(from_numpy(np.arange(len(keys) - 1, -1, -1)))  # keys[::-1] imports pandas
    found = pc.index_in(wanted, value_set=backwards).cast("int64")
    none = from_numpy(np.full(len(found), -1, dtype=np.int64))
    position = to_numpy(pc.coalesce(found, none))  # fill_null(-1) imports pandas
    return np.where(position >= 0, len(keys) - 1 - position, -1)


def _pick(cells: Any, rows: np.ndarray) -> Any:
    """Some rows of Arrow strings or of a numpy array."""
    import pyarrow as pa

    from iro_cli.exports.tables import from_numpy

    if isinstance(cells, (pa.Array, pa.ChunkedArray)):
        return cells.take(from_numpy(rows))
    return cells[rows]


def _arrow_strings(cells: Any) -> pa.Array:
    import pyarrow as pa

    if isinstance(cells, Ids):
        return cells.arrow
    if isinstance(cells, pa.ChunkedArray):
        return cells.combine_chunks() if cells.num_chunks != 1 else cells.chunk(0)
    if isinstance(cells, pa.Array):
        return cells
    return _arrow_ids(list(cells))[0]


def review_facts(facts_of: Survey, table: ReviewTable) -> ReviewFacts:
    """Each surveyed review's context, as ``engine.build_context`` gives it: its date; the
    next review date the chair set, else the date of the child's next not cancelled
    review; the child's latest earlier review that has recommendations, and its date."""
    import numpy as np

    codes = len(facts_of.review_ids)
    ids = facts_of.review_ids
    entry = _last_position(table.review_id, ids)  # the review each code is (the last listed)
    nat = np.datetime64("NaT", "D")
    review_date = np.full(codes, nat)
    next_date = np.full(codes, nat)
    previous = np.full(codes, -1, dtype=np.int64)
    previous_date = np.full(codes, nat)
    chair = np.full(codes, "", dtype=object)
    with_chair = np.flatnonzero(table.chair != "") if len(table) else np.empty(0, dtype=np.int64)
    chaired = _last_position(_pick(table.review_id, with_chair), ids)
    chair[chaired >= 0] = table.chair[with_chair[chaired[chaired >= 0]]]
    listed = entry >= 0
    review_date[listed] = table.review_date[entry[listed]]
    known = listed & ~np.isnat(review_date)
    if not known.any():
        return ReviewFacts(known, review_date, next_date, previous, previous_date, chair)
    # Each child's held (dated, not cancelled) reviews, in date order, ties as listed.
    code_of_entry = _last_position(ids, table.review_id)  # each listed review's code
    held = np.flatnonzero(~np.isnat(table.review_date) & ~table.cancelled)
    asked = entry[known]  # the reviews whose context is wanted
    chosen = table.next_review_date[asked]  # the chair's next review date, else...
    if len(held):
        days = np.zeros(len(table), dtype=np.int64)
        dated = ~np.isnat(table.review_date)
        days[dated] = table.review_date[dated].astype(np.int64)
        days -= min(days[held].min(), days[asked].min())  # 0 up: below 2**32
        held = held[np.lexsort((held, days[held], table.person[held]))]
        key = (table.person[held] << 32) | days[held]
        person = table.person[asked]
        wanted = (person << 32) | days[asked]
        before = np.searchsorted(key, wanted, "left")  # the child's first on that day
        after = np.searchsorted(key, wanted, "right")  # the child's first after it
        start = np.searchsorted(key, person << 32, "left")
        end = np.searchsorted(key, (person + 1) << 32, "left")
        later = np.isnat(chosen) & (after < end)  # ...the child's next held review's
        chosen[later] = table.review_date[held[after[later]]]
        # The previous review: the child's latest earlier held review with recommendations.
        has_rows = code_of_entry[held] >= 0
        latest = np.maximum.accumulate(np.where(has_rows, np.arange(len(held)), -1))
        last = np.where(before > 0, latest[np.maximum(before - 1, 0)], -1)
        found = (last >= 0) & (last >= start)
        which = np.flatnonzero(known)[found]
        previous[which] = code_of_entry[held[last[found]]]
        previous_date[which] = table.review_date[held[last[found]]]
    next_date[known] = chosen
    return ReviewFacts(known, review_date, next_date, previous, previous_date, chair)


def _days(values: np.ndarray) -> list[date | None]:
    """datetime64[D] values as dates (None for NaT)."""
    return values.astype(object).tolist()  # type: ignore[no-any-return]


@dataclass
class _Wordings:
    """The previous reviews' wording: gathered as their rows go by, dropped when the
    last review that needs it has been linted."""

    needed: np.ndarray  # bool per review code: some review's previous
    count: np.ndarray  # rows per review code
    until: np.ndarray  # per review code: the last row of the reviews that need it
    gathering: dict[int, list[tuple[int, int, str]]]
    ready: dict[int, tuple[tuple[str, ...], tuple[int, ...]]]

    def add(self, first: int, codes: np.ndarray, numbers: np.ndarray, chunk: RowChunk) -> None:
        """Rows ``first`` onwards (their review codes, numbers, and the chunk of them)."""
        import numpy as np

        rows = np.flatnonzero(self.needed[codes])
        wanted = codes[rows]
        texts = chunk.values("text", rows)
        for k, text, code, number, until, count in zip(
            rows.tolist(),
            texts,
            wanted.tolist(),
            numbers[rows].tolist(),
            self.until[wanted].tolist(),
            self.count[wanted].tolist(),
            strict=True,
        ):
            index = first + k
            if until < index or code in self.ready:  # no longer wanted, or had
                continue
            given = index + 1 if number == NO_NUMBER else number  # as build_context
            items = self.gathering.setdefault(code, [])
            items.append((index, given, text))
            if len(items) == count:
                del self.gathering[code]
                self.ready[code] = _in_order(items)

    def release(self, done: int) -> None:
        """Drop what no review from row ``done`` on needs."""
        for code in [c for c in self.ready if self.until[c] < done]:
            del self.ready[code]


def _in_order(items: list[tuple[int, int, str]]) -> tuple[tuple[str, ...], tuple[int, ...]]:
    """A review's recommendations in number order (ties as listed): its wording."""
    items.sort(key=itemgetter(1))  # stable: rows arrive in file order
    _rows, numbers, texts = zip(*items, strict=True)
    return texts, numbers


class Linted:
    """One chunk's rows (after --iro/--team), their findings, and their reviews' contexts:
    as columns (``chunk``, ``found``), or as Rows and lists of findings (made when asked)."""

    def __init__(self, chunk: RowChunk, found: Found, contexts: Mapping[str, Context]) -> None:
        self.chunk, self.found, self.contexts = chunk, found, contexts

    @property
    def rows(self) -> list[Row]:
        return self.chunk.rows  # made once, by the chunk

    @cached_property
    def findings(self) -> list[list[Finding]]:
        return self.found.per_row()


def lint_chunks(
    chunks: Callable[[], Iterable[Sequence[Row] | RowChunk]],
    facts_of: Survey,
    facts: ReviewFacts | None,
    terms: Terms,
    settings: Settings,
    as_of: date,
    *,
    keep: np.ndarray | None = None,
    workers: int = 1,
    draft: bool = False,
) -> Iterator[Linted]:
    """Lint ``chunks()`` (the rows :func:`survey` saw, in the same order) a chunk at a
    time. ``facts`` None: no reviews.csv (SMART006/007 skipped); ``keep``: the rows to
    lint (the others still give their wording to the reviews after them); ``draft``:
    today's draft, targets checked against ``as_of``. With ``workers`` > 1 the next chunk
    is being linted while this one's findings are written."""
    with _linting(facts_of.rows, workers, terms, settings, as_of) as submit:
        pending: deque[tuple[RowChunk, Mapping[str, Context], Callable[[], Found]]] = deque()
        for chunk, contexts in _contexts_by_chunk(chunks, facts_of, facts, keep, draft, as_of):
            pending.append((chunk, contexts, submit(chunk, contexts)))
            if len(pending) > AHEAD:
                chunk, contexts, found = pending.popleft()
                yield Linted(chunk, found(), contexts)
        while pending:
            chunk, contexts, found = pending.popleft()
            yield Linted(chunk, found(), contexts)


# Chunks handed to the workers before the oldest one's findings are taken back.
AHEAD = 1


@contextmanager
def _linting(
    rows: int, workers: int, terms: Terms, settings: Settings, as_of: date
) -> Iterator[Callable[[RowChunk, Mapping[str, Context]], Callable[[], Found]]]:
    """``submit(chunk, contexts)`` -> a function giving its findings: worker processes
    for the whole run (``workers`` > 1 and ``PARALLEL_MIN_ROWS`` rows or more), else
    this process."""
    if workers > 1 and rows >= PARALLEL_MIN_ROWS:
        with LintPool(workers, terms, settings, as_of) as pool:
            yield pool.submit_chunk
        return
    linter = Linter(terms, settings, as_of)

    def submit(chunk: RowChunk, contexts: Mapping[str, Context]) -> Callable[[], Found]:
        found = lint_in_context(chunk.rows, contexts, terms, settings, as_of, linter=linter)
        answer = Found.from_lists(found)
        return lambda: answer

    yield submit


def _contexts_by_chunk(
    chunks: Callable[[], Iterable[Sequence[Row] | RowChunk]],
    facts_of: Survey,
    facts: ReviewFacts | None,
    keep: np.ndarray | None,
    draft: bool,
    as_of: date,
) -> Iterator[tuple[RowChunk, Mapping[str, Context]]]:
    """Each chunk's rows to lint (after ``keep``) and their reviews' contexts."""
    import numpy as np

    def kept(chunk: RowChunk, first: int) -> RowChunk:
        if keep is None:
            return chunk
        return chunk.take(np.flatnonzero(keep[first : first + len(chunk)]))

    if draft:
        today = {"": Context(review_date=as_of, known=True)}
        first = 0
        for given in chunks():
            chunk = RowChunk.of(given)
            yield kept(chunk, first), today
            first += len(chunk)
        return
    wordings = _wordings(facts_of, facts)
    early = _early(facts_of, facts)
    if wordings is not None and early.any():  # read before the reviews needing it
        forever = np.full(len(early), facts_of.rows, dtype=np.int64)  # kept whole, then dropped
        ahead = _Wordings(early, wordings.count, forever, {}, {})
        first = 0
        for given in chunks():
            chunk = RowChunk.of(given)
            end = first + len(chunk)
            ahead.add(first, facts_of.review[first:end], facts_of.number[first:end], chunk)
            first = end
        wordings.ready.update(ahead.ready)
    first = 0
    for given in chunks():
        chunk = RowChunk.of(given)
        end = first + len(chunk)
        codes = facts_of.review[first:end]
        _same_rows(chunk, codes, facts_of)
        if wordings is not None:
            wordings.add(first, codes, facts_of.number[first:end], chunk)
        if keep is not None:
            codes = codes[keep[first:end]]
        yield kept(chunk, first), _contexts(np.unique(codes), facts_of, facts, wordings)
        if wordings is not None:
            wordings.release(end)
        first = end
    if first != facts_of.rows:
        raise InputChanged


class InputChanged(IroError):
    """The input gave other rows the second time it was read."""

    def __init__(self) -> None:
        super().__init__(
            "the recommendations changed while they were being linted (the file was "
            "replaced?); run again once the export is complete"
        )


def _same_rows(chunk: RowChunk, codes: np.ndarray, facts_of: Survey) -> None:
    """The second read must give the rows the survey saw (their Review IDs, here)."""
    if len(codes) != len(chunk) or facts_of.review_ids.take(codes) != chunk.values("review_id"):
        raise InputChanged


def _wordings(facts_of: Survey, facts: ReviewFacts | None) -> _Wordings | None:
    import numpy as np

    if facts is None:
        return None
    codes = len(facts_of.review_ids)
    needed = np.zeros(codes, dtype=bool)
    needers = np.flatnonzero(facts.previous >= 0)
    needed[facts.previous[needers]] = True
    last_row = np.full(codes, -1, dtype=np.int64)
    np.maximum.at(last_row, facts_of.review, np.arange(facts_of.rows, dtype=np.int64))
    until = np.full(codes, -1, dtype=np.int64)
    np.maximum.at(until, facts.previous[needers], last_row[needers])
    count = np.bincount(facts_of.review, minlength=codes)
    return _Wordings(needed, count, until, {}, {})


def _early(facts_of: Survey, facts: ReviewFacts | None) -> np.ndarray:
    """Per review code: a previous review whose last row comes after the first row of a
    review that needs it (only in an export not in review order)."""
    import numpy as np

    codes = len(facts_of.review_ids)
    early = np.zeros(codes, dtype=bool)
    if facts is None or not facts_of.rows:
        return early
    rows = np.arange(facts_of.rows, dtype=np.int64)
    first_row = np.full(codes, facts_of.rows, dtype=np.int64)
    np.minimum.at(first_row, facts_of.review, rows)
    last_row = np.full(codes, -1, dtype=np.int64)
    np.maximum.at(last_row, facts_of.review, rows)
    needers = np.flatnonzero(facts.previous >= 0)
    wanted_from = np.full(codes, facts_of.rows, dtype=np.int64)
    np.minimum.at(wanted_from, facts.previous[needers], first_row[needers])
    early[:] = last_row > wanted_from
    return early


def _contexts(
    codes: np.ndarray, facts_of: Survey, facts: ReviewFacts | None, wordings: _Wordings | None
) -> dict[str, Context]:
    """The contexts of these reviews (known ones only, as build_context gives them)."""
    if facts is None or wordings is None:
        return {}
    out: dict[str, Context] = {}
    known = codes[facts.known[codes]]
    for review_id, when, following, before, previous_date in zip(
        facts_of.review_ids.take(known),
        _days(facts.review_date[known]),
        _days(facts.next_review_date[known]),
        facts.previous[known].tolist(),
        _days(facts.previous_date[known]),
        strict=True,
    ):
        words: tuple[str, ...] = ()
        numbers: tuple[int, ...] = ()
        if before >= 0:
            words, numbers = wordings.ready[before]
        else:
            previous_date = None
        out[review_id] = Context(when, following, words, previous_date, True, numbers)
    return out


def export_rows(
    read: Callable[[], Iterable[ReadResult]],
) -> tuple[Callable[[], Iterator[IdColumns]], Callable[[], Iterator[RowChunk]]]:
    """The two passes over an export read as ``ReadResult`` chunks (``read()`` starts a
    read; ``exports.reader.read_export_chunks``): the survey's columns, then the rows.

    The first pass raises the file's first error (with the count of the others) once it
    has seen every chunk, as ``reader.check`` does for a whole file, and warns the rest:
    before any finding is written. The second pass takes only the rows.
    """
    from iro_cli.exports.reader import check

    def ids() -> Iterator[IdColumns]:
        problems: list[Problem] = []
        for chunk in read():
            problems.extend(chunk.problems)
            yield _id_arrays(chunk)
        check(_Problems(problems))  # type: ignore[arg-type]

    def rows() -> Iterator[RowChunk]:
        for chunk in read():
            yield RowChunk(chunk)

    return ids, rows


@dataclass
class _Problems:
    """A read's problems, for ``reader.check`` (the first error raised, warnings given)."""

    problems: list[Problem]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]


def _id_arrays(chunk: ReadResult) -> IdColumns:
    """A chunk's Review ID, Person ID and Recommendation No as the survey reads them."""
    import numpy as np

    def ids(name: str) -> Any:
        if name not in chunk.kinds:
            return [""] * chunk.rows
        return chunk.text(name)  # Arrow strings: no Python string per row

    if "recommendation_no" in chunk.kinds:
        given = chunk.array("recommendation_no")
        numbers = np.where(np.isnan(given), NO_NUMBER, given).astype(np.int64)
    else:
        numbers = np.full(chunk.rows, NO_NUMBER, dtype=np.int64)
    return ids("review_id"), ids("person_id"), numbers


def rows_in_chunks(
    rows: Sequence[Row], size: int | None = None
) -> Callable[[], Iterator[Sequence[Row]]]:
    """Rows already in memory (a text file, a Word document) as chunks of ``size`` rows
    (default ``CHUNK_ROWS``)."""
    step = size or CHUNK_ROWS

    def chunks() -> Iterator[Sequence[Row]]:
        for start in range(0, len(rows), step):
            yield rows[start : start + step]

    return chunks
