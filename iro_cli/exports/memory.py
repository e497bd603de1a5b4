"""Which allocator Arrow uses for the exports it reads.

pyarrow's default pool (mimalloc) keeps the pages of freed buffers for itself: after a
national read (reviews.csv, then 2.3 M recommendations) about 250 MB of the reads'
working copies stayed resident, where Python's own objects cannot use them. jemalloc,
in pyarrow's Linux and macOS wheels, gives them back to the system within a second or
so: the same read peaked 850 MB with mimalloc and 690-720 MB with jemalloc, for the same
CPU time (`iro overdue` on the national data: 2.7-3.3 s of CPU either way, 80 MB lower).
Where the wheel has no jemalloc (Windows) the default stays.
"""

from __future__ import annotations

from functools import cache


def give_back_at_once() -> None:
    """For a command whose later work needs the memory its reads used (lint, whose
    worker processes start after the export is read): jemalloc returns freed memory at
    once, not over the next seconds. Reading the national recommendations then peaks at
    450 MB, not 550 MB, and their 310 MB of cells, let go after the first pass, leave
    the process at once (else they stayed resident for 10-40 s, while the workers grew),
    for about 0.5 s more CPU in the reads. Call before anything is read."""
    import pyarrow as pa

    use_returning_pool()
    if pa.default_memory_pool().backend_name == "jemalloc":
        pa.jemalloc_set_decay_ms(0)  # the arenas made from now on


@cache
def use_returning_pool() -> None:
    """Make jemalloc Arrow's pool for this process when pyarrow has it (once)."""
    import pyarrow as pa

    try:
        pool = pa.jemalloc_memory_pool()
    except (NotImplementedError, pa.ArrowNotImplementedError):  # not built in
        return
    pa.set_memory_pool(pool)
