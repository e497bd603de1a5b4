"""Linting in several processes, kept for a whole run.

Each worker process has a queue of its own, and a child's rows always go to the same one
(by the Person ID's hash in this process). A child's wording repeats from review to
review, and its previous review's wording is what drift (SMART007) compares with: so
what the worker worked out for them the first time (its memo on
:class:`~iro_cli.lint.terms.Terms`, the drift wordings and the run's ``prepared`` rows)
serves that child's later rows too, in later chunks as well. Workers are started with
"spawn" everywhere (as Windows must): they hold only the term lists and what they work
out, not a copy of this process's memory. This process reads, hands out and writes; the
workers lint.

Pure of output: takes rows and contexts, hands back findings.
"""

from __future__ import annotations

import gc
import queue
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from itertools import repeat
from typing import TYPE_CHECKING, Any

from iro_cli.errors import IroError
from iro_cli.lint.chunk import SENT, Found, RowChunk

if TYPE_CHECKING:
    import numpy as np

    from iro_cli.lint.engine import Context, Linter, Row, Settings
    from iro_cli.lint.rules import Finding
    from iro_cli.lint.terms import Terms

# A worker's answer: each distinct finding once (rows sharing a wording share their
# findings, so this is a fraction of the findings), then per row how many it has and,
# row after row, their numbers (numpy: a buffer each). The rows go out as Arrow columns
# (lint.chunk), contexts and findings as plain tuples: pickle writes a named tuple
# through a Python method (__getnewargs__) per object.
Packed = tuple[list[tuple[Any, ...]], "np.ndarray", "np.ndarray"]
# How long to wait for a worker before checking it is still alive (seconds).
_POLL = 1.0


class WorkerStopped(IroError):
    """A worker process ended without answering (killed, or out of memory)."""

    def __init__(self) -> None:
        super().__init__(
            "a lint process stopped before it finished (out of memory?); "
            "run again, or with --jobs 1"
        )


class LintPool:
    """``processes`` worker processes, each linting the wordings routed to it.

    ``submit(rows, contexts)`` hands a chunk out at once and returns a function that
    waits for its findings (in row order); chunks are answered in the order submitted,
    so the next chunk can be handed out while this one's findings are written.
    """

    def __init__(self, processes: int, terms: Terms, settings: Settings, as_of: date) -> None:
        import multiprocessing

        context = multiprocessing.get_context("spawn")
        self._tasks = [context.Queue() for _ in range(processes)]
        self._answers = [context.Queue() for _ in range(processes)]
        self._processes = [
            context.Process(
                target=_serve,
                args=(tasks, answers, terms, settings, as_of),
                daemon=True,
                name=f"iro-lint-{k + 1}",
            )
            for k, (tasks, answers) in enumerate(zip(self._tasks, self._answers, strict=True))
        ]
        for process in self._processes:
            process.start()

    def __enter__(self) -> LintPool:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def submit(
        self, rows: Sequence[Row] | RowChunk, contexts: Mapping[str, Context]
    ) -> Callable[[], list[list[Finding]]]:
        """Hand ``rows`` out; the returned function gives their findings, in order."""
        found = self.submit_chunk(RowChunk.of(rows), contexts)
        return lambda: found().per_row()

    def submit_chunk(self, chunk: RowChunk, contexts: Mapping[str, Context]) -> Callable[[], Found]:
        """Hand ``chunk`` out (each worker its share's columns and their reviews'
        contexts); the returned function gives the chunk's findings."""
        import pyarrow.compute as pc

        shares = chunk.shares(len(self._processes))
        for share, tasks in zip(shares, self._tasks, strict=True):
            columns = chunk.sent(share)
            reviews = pc.unique(columns[SENT.index("review_id")]).to_pylist()
            wanted = {r: _plain(contexts[r]) for r in reviews if r in contexts}
            tasks.put((columns, wanted))

        def findings() -> Found:
            from iro_cli.lint.rules import Finding

            parts = []
            for k, share in enumerate(shares):
                plain, counts, flat = self._answer(k)
                table = list(map(tuple.__new__, repeat(Finding), plain))
                parts.append((share, Found(table, counts, flat)))
            return Found.joined(parts, len(chunk))

        return findings

    def _answer(self, k: int) -> Packed:
        while True:
            try:
                kind, value = self._answers[k].get(timeout=_POLL)
            except queue.Empty:
                if not self._processes[k].is_alive():
                    raise WorkerStopped from None
                continue
            if kind == "error":
                raise value
            return value  # type: ignore[no-any-return]

    def close(self) -> None:
        """Stop the workers (at once: what they were doing is not wanted any more)."""
        for process in self._processes:
            if process.is_alive():
                process.terminate()
        for process in self._processes:
            process.join()
        for q in (*self._tasks, *self._answers):
            q.close()
            q.cancel_join_thread()


def share_out(rows: Sequence[Row], processes: int) -> list[list[int]]:
    """Row numbers per process, in input order: a child's rows always to the same one (by
    Person ID; else by Review ID; a row with neither by its wording). The rule row by row:
    the pool uses :meth:`RowChunk.shares`, the same per distinct ID (tested against this)."""
    shares: list[list[int]] = [[] for _ in range(processes)]
    for index, row in enumerate(rows):
        shares[hash(row.person_id or row.review_id or row.text) % processes].append(index)
    return shares


def _serve(
    tasks: Any, answers: Any, terms: Terms, settings: Settings, as_of: date
) -> None:  # pragma: no cover - runs in the worker process (tested through LintPool)
    """A worker: lint each chunk sent until the pool closes."""
    import signal

    from iro_cli.lint.chunk import rows_sent
    from iro_cli.lint.engine import LINT_GC_THRESHOLD, Linter

    # Ctrl+C reaches every process of the terminal's group: the main process stops the
    # workers itself, so they take no notice (and print no traceback).
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    gc.set_threshold(LINT_GC_THRESHOLD, *gc.get_threshold()[1:])  # the process is ours
    linter = Linter(terms, settings, as_of)
    while True:
        try:
            columns, plain_contexts = tasks.get(timeout=_POLL)
        except queue.Empty:
            if _orphaned():  # the main process was killed: nobody will ask again
                return
            continue
        try:
            rows = rows_sent(columns)
            contexts = {k: _context(v) for k, v in plain_contexts.items()}
            found = pack(linter, rows, contexts)
            answers.put(("ok", (list(map(tuple, found.table)), found.counts, found.flat)))
        except BaseException as error:  # noqa: BLE001 - handed to the main process
            answers.put(("error", _sendable(error)))


def _plain(context: Context) -> tuple[Any, ...]:
    """A context to send: its dates as day numbers (pickle writes a ``date`` through a
    Python-level reduce; this sends a chunk's contexts in a third of the time)."""
    when, following, previous, before, known, numbers = context
    return (_ordinal(when), _ordinal(following), previous, _ordinal(before), known, numbers)


def _context(plain: tuple[Any, ...]) -> Context:
    """:func:`_plain`'s context again."""
    from iro_cli.lint.engine import Context

    when, following, previous, before, known, numbers = plain
    return tuple.__new__(Context, (_day(when), _day(following), previous, _day(before), known,
                                   numbers))  # fmt: skip


def _ordinal(day: date | None) -> int:
    return 0 if day is None else day.toordinal()


def _day(ordinal: int) -> date | None:
    return None if not ordinal else date.fromordinal(ordinal)


def _orphaned() -> bool:  # pragma: no cover - runs in the worker process
    import multiprocessing

    parent = multiprocessing.parent_process()
    return parent is not None and not parent.is_alive()


def _sendable(error: BaseException) -> BaseException:
    """The error itself when it can be pickled (the queue drops what cannot)."""
    import pickle

    try:
        pickle.dumps(error)
    except Exception:  # noqa: BLE001
        return RuntimeError(f"a lint process failed: {type(error).__name__}")
    return error


def pack(linter: Linter, rows: Sequence[Row], contexts: Mapping[str, Context]) -> Found:
    """Lint ``rows``: each distinct finding once, and per row the numbers of its findings."""
    return Found.from_lists(linter.lint(rows, contexts))
