"""Fewer garbage-collector passes while building many small objects.

Reading 100,000 rows or linting 100,000 recommendations allocates millions of
short-lived objects without reference cycles; CPython's default threshold (a
pass every 700 allocations) then spends about a fifth of the time scanning
them. A higher first-generation threshold for the duration keeps collection
but runs it far less often (measured in benchmarks/bench_lint.py).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

BATCH_THRESHOLD = 50_000


@contextmanager
def fewer_gc_passes(threshold: int = BATCH_THRESHOLD) -> Iterator[None]:
    """Raise the first-generation threshold inside the block, then restore it."""
    before = gc.get_threshold()
    gc.set_threshold(max(threshold, before[0]), *before[1:])
    try:
        yield
    finally:
        gc.set_threshold(*before)
