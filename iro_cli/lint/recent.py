"""A cache of what was worked out lately, in two generations.

Clearing a full cache at once throws away what is still in use: a stock phrase met on
every few hundred rows, a (Responsible, Target Date) pair most of a file shares, is
worked out again after every clear. Here a full cache becomes the older generation
instead, and what is asked for again is taken back from it; only what nobody asked for
during a whole generation is dropped. At most ``2 * limit`` entries are kept.

Pure: a dict, no I/O.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

MISSING: Any = object()  # what :meth:`Recent.recall` gives for a key it does not hold


class Recent(dict):  # type: ignore[type-arg]
    """A dict of at most ``limit`` new entries, with the ``limit`` before them aside.

    Look up with ``recent.get(key, MISSING)`` (the newer generation, at a dict's speed),
    then :meth:`recall` (the older); add with :meth:`put`.
    """

    __slots__ = ("limit", "older")

    def __init__(self, limit: int) -> None:
        super().__init__()
        self.limit = limit
        self.older: dict[Any, Any] = {}

    def recall(self, key: Any) -> Any:
        """The older generation's value for ``key`` (brought back), else ``MISSING``."""
        value = self.older.pop(key, MISSING)
        if value is not MISSING:
            self.put(key, value)
        return value

    def put(self, key: Any, value: Any) -> None:
        """Keep ``value`` for ``key`` (the newer generation becomes the older when full)."""
        if len(self) >= self.limit:
            self.older = dict(self)
            dict.clear(self)
        self[key] = value

    def kept(self, key: Any, compute: Callable[[], Any]) -> Any:
        """The value for ``key`` from either generation, else ``compute()``'s (kept)."""
        value = self.get(key, MISSING)
        if value is MISSING:
            value = self.recall(key)
            if value is MISSING:
                value = compute()
                self.put(key, value)
        return value

    def clear(self) -> None:
        """Drop both generations."""
        dict.clear(self)
        self.older = {}
