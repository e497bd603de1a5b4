"""A status line on a terminal while long work runs; nothing when stderr is piped."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO, Any


@contextmanager
def status(message: str, stream: IO[Any] | None = None, *, show: bool = True) -> Iterator[None]:
    """Show ``message`` (e.g. 'Linting 100,000 recommendations…') on the terminal while
    the block runs, then clear it, so later lines and warnings are not broken by it."""
    stream = stream or sys.stderr
    visible = show and hasattr(stream, "isatty") and stream.isatty()
    if visible:
        stream.write(message)
        stream.flush()
    try:
        yield
    finally:
        if visible:
            stream.write("\r" + " " * len(message) + "\r")
            stream.flush()
