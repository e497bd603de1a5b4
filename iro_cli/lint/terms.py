"""Term lists: shipped as data files in ``iro_cli/data/terms/``, extended from ``iro.toml``.

``load_terms(config_section)`` merges the shipped lists with a service's
``[lint]`` additions and returns a :class:`Terms` whose matchers are compiled
once and reused for every recommendation.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, fields
from functools import cached_property, lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any, TypeVar

from iro_cli.errors import ConfigError
from iro_cli.lint.recent import MISSING, Recent

if TYPE_CHECKING:
    from iro_cli.lint.shapes import NameTest

T = TypeVar("T")

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

WORD_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’\-]*")


@dataclass(frozen=True)
class TermException:
    """Where a listed word is ordinary English (Vale's ``exceptions``)."""

    not_after: frozenset[str] = frozenset()
    not_before: frozenset[str] = frozenset()
    not_phrases: tuple[str, ...] = ()

    @cached_property
    def phrase_re(self) -> re.Pattern[str] | None:
        if not self.not_phrases:
            return None
        return re.compile(
            "|".join(term_pattern(p) for p in sorted(self.not_phrases, key=len, reverse=True)),
            re.IGNORECASE,
        )


def term_pattern(term: str) -> str:
    """Regex for one listed term: spaces match spaces or a hyphen, ``*`` any ending,
    apostrophes either kind; capitals-only terms (``LAC``) must be in capitals."""
    wildcard = term.endswith("*")
    body = term.rstrip("*").strip()
    parts = [re.escape(p).replace("'", "['’]") for p in re.split(r"[\s\-]+", body) if p]
    pattern = r"[\s\-]+".join(parts) + (r"[\w\-]*" if wildcard else "")
    letters = [c for c in body if c.isalpha()]
    if letters and all(c.isupper() for c in letters) and len(letters) > 1:
        pattern = f"(?-i:{pattern})"
    return rf"(?<![\w\-]){pattern}(?![\w])"


@lru_cache(maxsize=16384)
def term_key(term: str) -> str:
    """Comparison key: lower case, one space between words, no trailing ``*``."""
    return " ".join(re.split(r"[\s\-]+", term.rstrip("*").strip().lower()))


_LETTERS = re.compile(r"[a-z]+")


@lru_cache(maxsize=256)
def letter_words(text: str) -> frozenset[str] | None:
    """The runs of letters a-z in ``text``, lower-cased: a regex that needs a whole word
    (a letter run with no letter either side) cannot match without it, so rules test these
    before running one. ``None`` when lower() changes the length (rare letters), as the
    runs then may not line up with the text."""
    low = text.lower()
    if len(low) != len(text):
        return None
    return frozenset(_LETTERS.findall(low))


def lacks(words: frozenset[str] | None, needed: frozenset[str] | None) -> bool:
    """``words`` (from :func:`letter_words`) has none of ``needed``: a regex that needs one
    of them cannot match. ``None`` for either: nothing is known."""
    return words is not None and needed is not None and words.isdisjoint(needed)


_FIRST_WORD = re.compile(r"[A-Za-z0-9][\w'’]*")


_TEXT_WORD = re.compile(r"(?<![\w\-])[A-Za-z0-9][\w'’]*")


def _trie_pattern(words: Iterable[str], prefixes: Iterable[str]) -> str:
    """A regex matching any of ``words`` as a whole word, or a word starting with a prefix.

    Built as a trie (``care|carer`` -> ``care(?:r)?``) so the engine follows one
    branch per letter instead of trying every alternative at every position.
    """
    trie: dict[str, Any] = {}
    for word, end in [(w, "word") for w in words] + [(p, "prefix") for p in prefixes]:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node.setdefault("", set()).add(end)

    def build(node: dict[str, Any]) -> str:
        ends = node.get("", set())
        branches = [re.escape(char) + build(child) for char, child in sorted(node.items()) if char]
        if "prefix" in ends:
            branches.append(r"[\w'’]*")
        elif "word" in ends:
            branches.append(r"(?![\w'’])")
        return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"

    return build(trie)


def longest_first(words: Iterable[str]) -> str:
    """A regex for any of ``words``, the longest where several start at one place, built as
    a trie ("this |thirty" -> "thi(?:s |rty)") so the engine follows one branch a letter."""
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict[str, Any]) -> str:
        branches = [re.escape(char) + build(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(trie)


class MultiMatcher:
    """Finds the terms of several lists in one pass over a text's words.

    One big regex alternation is slow in Python's engine (every alternative is
    tried at every position), so terms are indexed by their first word and only
    the few whose first word occurs at a position are tried there. Results are
    kept by text: the rules of one recommendation, and repeated wording, share
    one scan.
    """

    def __init__(self, lists: Mapping[str, Iterable[str]]) -> None:
        self.names = tuple(lists)
        self.exact: dict[str, list[tuple[str, str, re.Pattern[str]]]] = {}
        self.prefix: dict[str, list[tuple[str, str, str, re.Pattern[str]]]] = {}
        for name, terms in lists.items():
            for term in sorted(set(terms), key=lambda t: (-len(t.rstrip("*")), t)):
                compiled = re.compile(term_pattern(term), re.IGNORECASE)
                first = _FIRST_WORD.match(term.strip())
                word = (first.group() if first else term).lower().replace("’", "'")
                if term.endswith("*") and not re.search(r"[\s\-]", term.strip()):
                    self.prefix.setdefault(word[:3], []).append((word, name, term, compiled))
                else:
                    self.exact.setdefault(word, []).append((name, term, compiled))
        self._seen: dict[str, dict[str, list[tuple[str, re.Match[str]]]]] = {}
        # Finds, in one pass in C, only the words that can start a term.
        self._starts = re.compile(
            r"(?<![\w\-])(?:"
            + _trie_pattern(self.exact, [w for items in self.prefix.values() for w, *_ in items])
            + ")"
        )

    def _words(self, text: str) -> Iterator[tuple[int, str]]:
        """(start, lower-case word with straight apostrophes) of the words worth trying."""
        folded = text.lower().replace("’", "'")
        if len(folded) == len(text):
            for match in self._starts.finditer(folded):
                yield match.start(), match.group()
            return
        for word in _TEXT_WORD.finditer(text):  # lower() changed the length (rare letters)
            yield word.start(), word.group().lower().replace("’", "'")

    def scan(self, text: str) -> dict[str, list[tuple[str, re.Match[str]]]]:
        """List name -> (listed term, match) left to right, longest first, no overlaps."""
        seen = self._seen.get(text)
        if seen is not None:
            return seen
        found: dict[str, list[tuple[str, re.Match[str]]]] = {name: [] for name in self.names}
        ends = dict.fromkeys(self.names, 0)
        exact, prefix = self.exact, self.prefix
        for start, low in self._words(text):
            candidates = exact.get(low)
            stems = prefix.get(low[:3])
            if not candidates and not stems:
                continue
            best: dict[str, tuple[str, re.Match[str]]] = {}
            for name, term, compiled in candidates or ():
                if start < ends[name]:
                    continue
                match = compiled.match(text, start)
                if match and (name not in best or match.end() > best[name][1].end()):
                    best[name] = (term, match)
            for stem, name, term, compiled in stems or ():
                if start < ends[name] or not low.startswith(stem):
                    continue
                match = compiled.match(text, start)
                if match and (name not in best or match.end() > best[name][1].end()):
                    best[name] = (term, match)
            for name, hit in best.items():
                found[name].append(hit)
                ends[name] = hit[1].end()
        if len(self._seen) >= SCAN_MEMO_LIMIT:
            self._seen.clear()
        self._seen[text] = found
        return found


class TermMatcher:
    """One list's view of a :class:`MultiMatcher`."""

    def __init__(
        self, terms: Iterable[str], multi: MultiMatcher | None = None, name: str = ""
    ) -> None:
        self.terms = tuple(terms)
        self.name = name or "terms"
        self.multi = multi or MultiMatcher({self.name: self.terms})

    def finditer(self, text: str) -> list[tuple[str, re.Match[str]]]:
        """(listed term, match) for every occurrence, left to right."""
        return self.multi.scan(text)[self.name]

    def search(self, text: str) -> tuple[str, re.Match[str]] | None:
        found = self.finditer(text)
        return found[0] if found else None


@dataclass(frozen=True)
class Terms:
    """The term lists one run uses (shipped + the service's ``[lint]`` additions)."""

    care_words: Mapping[str, str]
    labels: Mapping[str, str]
    acronyms: Mapping[str, tuple[str, str]]
    allowed_acronyms: frozenset[str]
    vague_timescales: tuple[str, ...]
    unmeasurable_verbs: Mapping[str, str]
    owner_roles: tuple[str, ...]
    vague_owners: tuple[str, ...]
    not_names: frozenset[str]
    action_verbs: frozenset[str]
    exceptions: Mapping[str, TermException] = field(default_factory=dict)

    def __getstate__(self) -> dict[str, Any]:
        """Pickle the lists only (another process builds its own matchers and memo)."""
        return {f.name: getattr(self, f.name) for f in fields(self)}

    @cached_property
    def memo(self) -> Recent:
        """Results of pure text analyses for this run, by their inputs.

        Minutes repeat themselves (stock phrases, wording copied from the last
        review), so the same text is analysed once. See :func:`memoised`.
        """
        return Recent(MEMO_LIMIT)

    @cached_property
    def shapes(self) -> dict[str, list[Any]]:
        """What the rules found in each wording's shape (:mod:`iro_cli.lint.shapes`),
        apart from :attr:`memo` (the national file's 1.2 million wordings are about
        100,000 shapes); kept while the memo of whole wordings turns its generations
        over. See :func:`shape_memoised`."""
        return {}

    @cached_property
    def columns(self) -> Recent:
        """What each distinct Responsible and Target Date value gives (a file has few:
        the national file 25,434 and 3,151), apart from :attr:`memo`, whose wordings
        would push them out. See :func:`column_memoised`."""
        return Recent(COLUMN_MEMO_LIMIT)

    @cached_property
    def name_test(self) -> NameTest:
        """Which capitalised words a wording's shape may put aside (a name):
        :class:`iro_cli.lint.shapes.NameTest`."""
        from iro_cli.lint.shapes import NameTest

        return NameTest(self)

    @cached_property
    def multi_matcher(self) -> MultiMatcher:
        """Every list in one index: one pass over a recommendation serves all rules."""
        return MultiMatcher(
            {
                "care": self.care_words,
                "label": self.labels,
                "unmeasurable": self.unmeasurable_verbs,
                "role": self.owner_roles,
            }
        )

    @cached_property
    def care_matcher(self) -> TermMatcher:
        return TermMatcher(self.care_words, self.multi_matcher, "care")

    @cached_property
    def label_matcher(self) -> TermMatcher:
        return TermMatcher(self.labels, self.multi_matcher, "label")

    @cached_property
    def vague_matcher(self) -> TermMatcher:
        # Also used on the Target Date column: its own matcher keeps the text's cache.
        return TermMatcher(self.vague_timescales, name="vague")

    @cached_property
    def unmeasurable_matcher(self) -> TermMatcher:
        return TermMatcher(self.unmeasurable_verbs, self.multi_matcher, "unmeasurable")

    @cached_property
    def role_matcher(self) -> TermMatcher:
        return TermMatcher(self.owner_roles, self.multi_matcher, "role")

    @cached_property
    def vague_owner_keys(self) -> frozenset[str]:
        return frozenset(term_key(t) for t in self.vague_owners)

    @cached_property
    def role_keys(self) -> frozenset[str]:
        return frozenset(term_key(t) for t in self.owner_roles)

    @cached_property
    def not_name_keys(self) -> frozenset[str]:
        words = {w.lower() for w in self.not_names}
        for listed in (self.care_words, self.labels, self.unmeasurable_verbs):
            for term in listed:
                words.update(term_key(term).split())
        words.update(v.lower() for v in self.action_verbs)
        return frozenset(words)


# --- loading ---------------------------------------------------------------------------

_FILES = (
    "care_words",
    "labels",
    "acronyms",
    "vague_timescales",
    "unmeasurable_verbs",
    "owner_roles",
    "action_verbs",
)

# [lint] keys that extend the term lists (the rest are rule settings).
TERM_KEYS = {
    "care_words": 'table: "word" = "preferred wording"',
    "labels": 'table: "label" = "preferred wording"',
    "acronyms": 'table: ACR = "expansion" or ["expansion", "plain phrase"]',
    "allowed_acronyms": "list of capitals never flagged",
    "vague_timescales": "list of phrases",
    "unmeasurable_verbs": 'list of verbs, or table "verb" = "hint"',
    "owner_roles": "list of roles",
    "vague_owners": "list of words that name nobody",
    "not_names": "list of capitalised words that are not people",
    "allow_words": "list of shipped terms never to flag",
}


def _read(name: str) -> dict[str, Any]:
    text = resources.files("iro_cli").joinpath("data", "terms", f"{name}.toml").read_text("utf-8")
    return tomllib.loads(text)


def shipped_data() -> dict[str, dict[str, Any]]:
    """The raw shipped term files, by name."""
    return {name: _read(name) for name in _FILES}


def _bad(key: str) -> ConfigError:
    return ConfigError(f"iro.toml [lint] {key} must be a {TERM_KEYS[key]}")


def _str_table(section: Mapping[str, Any], key: str) -> dict[str, str]:
    value = section.get(key, {})
    if not isinstance(value, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    ):
        raise _bad(key)
    return value


def _str_list(section: Mapping[str, Any], key: str) -> list[str]:
    value = section.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise _bad(key)
    return [v.strip() for v in value]


def _acronym_table(section: Mapping[str, Any]) -> dict[str, tuple[str, str]]:
    value = section.get("acronyms", {})
    if not isinstance(value, dict):
        raise _bad("acronyms")
    out: dict[str, tuple[str, str]] = {}
    for acronym, spec in value.items():
        if isinstance(spec, str):
            out[acronym] = (spec, spec)
        elif isinstance(spec, list) and len(spec) == 2 and all(isinstance(s, str) for s in spec):
            out[acronym] = (spec[0], spec[1])
        elif isinstance(spec, dict) and isinstance(spec.get("expansion"), str):
            out[acronym] = (spec["expansion"], str(spec.get("plain", spec["expansion"])))
        else:
            raise _bad("acronyms")
    return out


def load_terms(config_section: Mapping[str, Any] | None = None) -> Terms:
    """Shipped term lists plus the additions in ``iro.toml`` ``[lint]``.

    ``allow_words`` removes shipped terms (by word, ignoring case), so a service
    that is happy with "care plan" can stop it being flagged.
    """
    section = dict(config_section or {})
    data = shipped_data()
    allow = {term_key(w) for w in _str_list(section, "allow_words")}

    def keep(terms: Mapping[str, str]) -> dict[str, str]:
        return {t: v for t, v in terms.items() if term_key(t) not in allow}

    care = keep({**data["care_words"]["terms"], **_str_table(section, "care_words")})
    labels = keep({**data["labels"]["terms"], **_str_table(section, "labels")})
    acronyms = {
        k: (v["expansion"], v.get("plain", v["expansion"]))
        for k, v in data["acronyms"]["acronyms"].items()
    }
    acronyms.update(_acronym_table(section))
    allowed = set(data["acronyms"]["allowed"]["words"]) | set(
        _str_list(section, "allowed_acronyms")
    )
    allowed |= {w.upper() for w in allow}
    vague = [p for p in data["vague_timescales"]["phrases"] if term_key(p) not in allow]
    vague += _str_list(section, "vague_timescales")
    verbs = dict(data["unmeasurable_verbs"]["verbs"])
    extra_verbs = section.get("unmeasurable_verbs", [])
    if isinstance(extra_verbs, dict):
        verbs.update(_str_table(section, "unmeasurable_verbs"))
    else:
        verbs.update({v: "" for v in _str_list(section, "unmeasurable_verbs")})
    verbs = keep(verbs)
    exceptions = {
        term: TermException(
            frozenset(w.lower() for w in spec.get("not_after", [])),
            frozenset(w.lower() for w in spec.get("not_before", [])),
            tuple(spec.get("not_phrases", [])),
        )
        for term, spec in data["care_words"].get("exceptions", {}).items()
    }
    roles = data["owner_roles"]
    return Terms(
        care_words=care,
        labels=labels,
        acronyms={k: v for k, v in acronyms.items() if k not in allowed},
        allowed_acronyms=frozenset(allowed),
        vague_timescales=tuple(dict.fromkeys(vague)),
        unmeasurable_verbs=verbs,
        owner_roles=tuple(dict.fromkeys(roles["roles"] + _str_list(section, "owner_roles"))),
        vague_owners=tuple(
            dict.fromkeys(roles["vague_owners"] + _str_list(section, "vague_owners"))
        ),
        not_names=frozenset(roles["not_names"] + _str_list(section, "not_names")),
        action_verbs=frozenset(data["action_verbs"]["verbs"]),
        exceptions=exceptions,
    )


# What each distinct wording gives, kept per process (about 3 entries and 3 KB a wording
# on the national data), in two generations of this many entries (lint.recent: what is
# asked for again is kept). Since a wording whose shape was analysed costs about 30 us to
# shape and restore (lint.shapes), this keeps little more than a child's wordings
# repeated from review to review, and what many rows share; the shapes have their own
# memo below. 10,000 a generation put the national run over 1 GB (1.03 GB).
MEMO_LIMIT = 5_000
# A text's scan serves the rules of that text, one after another; what each text gives is
# memoised above it, so a few recent scans are enough (and keep memory small).
SCAN_MEMO_LIMIT = 64


# Shapes a process keeps what the rules found in (terms.shapes), cleared when full: the
# national file's 1.2 million wordings are about 100,000 shapes; each kept costs about
# 1.5 KB.
SHAPE_MEMO_LIMIT = 100_000


def shape_memoised(terms: Terms, shape: str, part: object, compute: Callable[[], T]) -> T:
    """``compute()``, once per ``shape`` and ``part`` ("wording", or the text rules and
    their settings) for these terms. A shape's parts share one entry: a run asks for the
    same two."""
    memo = terms.shapes
    entry = memo.get(shape)
    if entry is None:
        if len(memo) >= SHAPE_MEMO_LIMIT:
            memo.clear()
        entry = memo[shape] = [MISSING, None, MISSING]  # wording; text part and value
    if part == "wording":
        if entry[0] is MISSING:
            entry[0] = compute()
        return entry[0]  # type: ignore[no-any-return]
    if entry[1] != part or entry[2] is MISSING:
        entry[1], entry[2] = part, compute()
    return entry[2]  # type: ignore[no-any-return]


# Responsible and Target Date values a process keeps what they give (terms.columns), in
# two generations of this many: room for the national file's 28,585 (about 10 MB).
COLUMN_MEMO_LIMIT = 20_000


def column_memoised(terms: Terms, key: tuple[str, str], compute: Callable[[], T]) -> T:
    """``compute()``, once per ``key`` (a column's name and a value) for these terms."""
    return terms.columns.kept(key, compute)  # type: ignore[no-any-return]


def memoised(terms: Terms, key: tuple[object, ...], compute: Callable[[], T]) -> T:
    """``compute()``, once per ``key`` for these terms (a pure function of ``key``)."""
    return terms.memo.kept(key, compute)  # type: ignore[no-any-return]
