"""The worker pool a lint run keeps: wordings routed to one process, chunks in order,
failures reported instead of waited on."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import date

import pytest

from iro_cli.lint.engine import Context, Linter, Row, Settings
from iro_cli.lint.terms import load_terms
from iro_cli.lint.workers import LintPool, WorkerStopped, share_out

AS_OF = date(2026, 11, 20)
TEXTS = [
    "Social worker to visit Sam by 01/01/2027.",
    "Referral to CAMHS to be made ASAP.",
    "Contact with Mum to continue.",
    "Jo (foster carer) will take Sam to the dentist by 15/12/2026.",
    "The LAC review to consider the care plan.",
]


def _rows(count: int) -> list[Row]:
    return [
        Row(TEXTS[k % len(TEXTS)], review_id=f"R{k % 7}", recommendation_no=k % 4 + 1)
        for k in range(count)
    ]


def test_each_child_goes_to_one_process_and_rows_keep_their_order() -> None:
    rows = [row._replace(person_id=f"P{k % 5}") for k, row in enumerate(_rows(40))]
    shares = share_out(rows, 3)
    assert sorted(i for share in shares for i in share) == list(range(40))
    for share in shares:
        assert share == sorted(share)
    where: dict[str, int] = {}
    for k, share in enumerate(shares):
        for i in share:
            assert where.setdefault(rows[i].person_id, k) == k  # never split between two
    assert len(where) == 5
    # Another chunk with the same children in another order goes the same way.
    again = share_out(list(reversed(rows)), 3)
    for k, share in enumerate(again):
        assert {rows[39 - i].person_id for i in share} <= {p for p, j in where.items() if j == k}


def test_without_a_person_id_the_review_and_then_the_wording_decide() -> None:
    by_review = _rows(40)  # no Person ID: the Review ID decides
    where: dict[str, int] = {}
    for k, share in enumerate(share_out(by_review, 3)):
        for i in share:
            assert where.setdefault(by_review[i].review_id, k) == k
    draft = [Row(TEXTS[k % len(TEXTS)]) for k in range(40)]  # neither: the wording decides
    where = {}
    for k, share in enumerate(share_out(draft, 3)):
        for i in share:
            assert where.setdefault(draft[i].text, k) == k


def test_the_pool_gives_what_one_process_gives_chunk_after_chunk() -> None:
    terms, settings = load_terms(), Settings()
    contexts = {"R1": Context(review_date=date(2026, 12, 10), known=True)}
    one = Linter(terms, settings, AS_OF)
    chunks = [_rows(23), _rows(17)[::-1], _rows(5)]
    want = [one.lint(chunk, contexts) for chunk in chunks]
    with LintPool(2, terms, settings, AS_OF) as pool:
        waiting = [pool.submit(chunk, contexts) for chunk in chunks]  # all handed out first
        got = [found() for found in waiting]
    assert got == want
    assert sum(len(f) for chunk in want for f in chunk) > 40


def test_an_error_in_a_worker_is_raised_here() -> None:
    with LintPool(2, load_terms(), Settings(), AS_OF) as pool:
        found = pool.submit([Row(None)] * 3, {})  # type: ignore[arg-type]
        with pytest.raises(AttributeError):
            found()


def test_a_worker_that_dies_is_reported_not_waited_for() -> None:
    with LintPool(2, load_terms(), Settings(), AS_OF) as pool:
        for process in pool._processes:
            process.kill()
            process.join()
        found = pool.submit(_rows(4), {})
        with pytest.raises(WorkerStopped, match="stopped before it finished"):
            found()


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="POSIX signals")
def test_workers_end_when_the_main_process_is_killed(tmp_path) -> None:
    """A killed `iro` (SIGKILL: nothing of it runs) leaves no worker waiting forever."""
    script = tmp_path / "pool.py"
    script.write_text(
        "import sys, time\n"
        "from datetime import date\n"
        "from iro_cli.lint.engine import Settings\n"
        "from iro_cli.lint.terms import load_terms\n"
        "from iro_cli.lint.workers import LintPool\n"
        "if __name__ == '__main__':\n"
        "    pool = LintPool(2, load_terms(), Settings(), date(2026, 11, 20))\n"
        "    print(*[p.pid for p in pool._processes], flush=True)\n"
        "    time.sleep(60)\n"
    )
    main = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True)
    workers = [int(pid) for pid in main.stdout.readline().split()]  # type: ignore[union-attr]
    assert len(workers) == 2
    os.kill(main.pid, signal.SIGKILL)
    main.wait()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and any(_running(pid) for pid in workers):
        time.sleep(0.2)
    assert not any(_running(pid) for pid in workers)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a finished child of the killed process, not yet reaped, is a zombie: ended
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return True


def test_a_context_crosses_with_its_dates_as_day_numbers() -> None:
    from iro_cli.lint.workers import _context, _plain

    full = Context(date(2026, 12, 10), date(2027, 6, 1), ("Old wording.",), date(2026, 6, 2),
                   True, (3,))  # fmt: skip
    assert _plain(full)[:2] == (date(2026, 12, 10).toordinal(), date(2027, 6, 1).toordinal())
    assert _context(_plain(full)) == full
    bare = Context(date(2026, 12, 10), known=True)  # no next review, no previous one
    assert _context(_plain(bare)) == bare
    assert _context(_plain(Context())) == Context()
