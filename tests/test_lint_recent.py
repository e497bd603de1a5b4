"""The two-generation cache behind lint's memo and its rows' cache."""

from __future__ import annotations

from iro_cli.lint.recent import MISSING, Recent


def _find(cache: Recent, key: str) -> object:
    """A look-up as the memo does it: the newer generation, then the older."""
    value = cache.get(key, MISSING)
    return cache.recall(key) if value is MISSING else value


def test_a_full_generation_becomes_the_older_and_what_is_asked_for_again_comes_back() -> None:
    cache = Recent(3)
    for key in "abc":
        cache.put(key, key.upper())
    cache.put("d", "D")  # the generation a, b, c was full: it is now the older one
    assert dict(cache) == {"d": "D"}
    assert cache.older == {"a": "A", "b": "B", "c": "C"}
    assert _find(cache, "b") == "B"  # brought back into the newer generation
    assert dict(cache) == {"d": "D", "b": "B"}
    assert "b" not in cache.older
    cache.put("e", "E")  # d, b, e: full again
    cache.put("f", "F")  # a and c were not asked for during a whole generation
    assert _find(cache, "a") is MISSING
    assert _find(cache, "c") is MISSING
    assert _find(cache, "b") == "B"  # was in the generation that became the older
    assert len(cache) + len(cache.older) <= 2 * 3


def test_a_key_in_neither_generation_is_missing_and_nothing_is_added() -> None:
    cache = Recent(2)
    cache.put("a", None)  # None is a value like any other
    assert _find(cache, "a") is None
    assert _find(cache, "z") is MISSING
    assert dict(cache) == {"a": None} and cache.older == {}


def test_clearing_drops_both_generations() -> None:
    cache = Recent(1)
    cache.put("a", 1)
    cache.put("b", 2)
    cache.clear()
    assert _find(cache, "a") is MISSING and _find(cache, "b") is MISSING


def test_kept_works_a_value_out_once_and_brings_it_back_from_the_older_generation() -> None:
    cache = Recent(2)
    made: list[str] = []

    def make(key: str) -> str:
        made.append(key)
        return key.upper()

    assert cache.kept("a", lambda: make("a")) == "A"
    assert cache.kept("a", lambda: make("a")) == "A"
    cache.kept("b", lambda: make("b"))
    cache.kept("c", lambda: make("c"))  # a, b full: they are the older generation now
    assert cache.older == {"a": "A", "b": "B"}
    assert cache.kept("a", lambda: make("a")) == "A"  # from the older, not made again
    assert made == ["a", "b", "c"]
    assert dict(cache) == {"c": "C", "a": "A"} and cache.older == {"b": "B"}
