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

if TYPE_CHECKING:
    from iro_cli.lint.engine import Context, Linter, Row, Settings
    from iro_cli.lint.rules import Finding
    from iro_cli.lint.terms import Terms

# Rows as numbers into a table of each distinct finding: rows sharing a wording share
# their findings, so this is a fraction of the findings to send back. Rows, contexts and
# findings cross between processes as plain tuples: pickle writes a named tuple through
# a Python method (__getnewargs__) per object, which cost the main process about 20 s of
# the national file's run.
Packed = tuple[list[tuple[Any, ...]], list[tuple[int, ...]]]
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
        self, rows: Sequence[Row], contexts: Mapping[str, Context]
    ) -> Callable[[], list[list[Finding]]]:
        """Hand ``rows`` out; the returned function gives their findings, in order."""
        shares = share_out(rows, len(self._processes))
        for share, tasks in zip(shares, self._tasks, strict=True):
            chunk = [rows[i] for i in share]
            wanted = {r.review_id: contexts[r.review_id] for r in chunk if r.review_id in contexts}
            tasks.put((list(map(tuple, chunk)), {k: tuple(v) for k, v in wanted.items()}))

        def findings() -> list[list[Finding]]:
            from iro_cli.lint.rules import Finding

            out: list[Any] = [None] * len(rows)
            for k, share in enumerate(shares):
                plain, numbers = self._answer(k)
                table = list(map(tuple.__new__, repeat(Finding), plain))
                pick = table.__getitem__
                for index, row_numbers in zip(share, numbers, strict=True):
                    out[index] = list(map(pick, row_numbers))
            return out

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
    Person ID; else by Review ID; a row with neither by its wording)."""
    shares: list[list[int]] = [[] for _ in range(processes)]
    for index, row in enumerate(rows):
        shares[hash(row.person_id or row.review_id or row.text) % processes].append(index)
    return shares


def _serve(
    tasks: Any, answers: Any, terms: Terms, settings: Settings, as_of: date
) -> None:  # pragma: no cover - runs in the worker process (tested through LintPool)
    """A worker: lint each chunk sent until the pool closes."""
    import signal

    from iro_cli.lint.engine import LINT_GC_THRESHOLD, Context, Linter, Row

    # Ctrl+C reaches every process of the terminal's group: the main process stops the
    # workers itself, so they take no notice (and print no traceback).
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    gc.set_threshold(LINT_GC_THRESHOLD, *gc.get_threshold()[1:])  # the process is ours
    linter = Linter(terms, settings, as_of)
    while True:
        try:
            plain_rows, plain_contexts = tasks.get(timeout=_POLL)
        except queue.Empty:
            if _orphaned():  # the main process was killed: nobody will ask again
                return
            continue
        try:
            rows = list(map(tuple.__new__, repeat(Row), plain_rows))
            contexts = {k: tuple.__new__(Context, v) for k, v in plain_contexts.items()}
            table, numbers = pack(linter, rows, contexts)
            answers.put(("ok", (list(map(tuple, table)), numbers)))
        except BaseException as error:  # noqa: BLE001 - handed to the main process
            answers.put(("error", _sendable(error)))


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


def pack(linter: Linter, rows: Sequence[Row], contexts: Mapping[str, Context]) -> Packed:
    """Lint ``rows``; each distinct finding once, and per row the numbers of its findings."""
    numbers: dict[int, int] = {}
    table: list[Finding] = []
    out = []
    for findings in linter.lint(rows, contexts):
        row = []
        for finding in findings:
            number = numbers.get(id(finding))
            if number is None:
                number = numbers[id(finding)] = len(table)
                table.append(finding)
            row.append(number)
        out.append(tuple(row))
    return table, out
