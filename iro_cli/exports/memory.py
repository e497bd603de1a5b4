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


@cache
def use_returning_pool() -> None:
    """Make jemalloc Arrow's pool for this process when pyarrow has it (once)."""
    import pyarrow as pa

    try:
        pool = pa.jemalloc_memory_pool()
    except (NotImplementedError, pa.ArrowNotImplementedError):  # not built in
        return
    pa.set_memory_pool(pool)
