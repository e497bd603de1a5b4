"""The bounded memo of text analyses (terms.Memo): what it keeps and what it lets go."""

from __future__ import annotations

from iro_cli.lint.smart import static_findings
from iro_cli.lint.terms import Memo, load_terms


def _counting(memo: Memo) -> tuple[list[str], object]:
    made: list[str] = []

    def get(key: str) -> str:
        def compute() -> str:
            made.append(key)
            return key.upper()

        return memo.get((key,), compute)

    return made, get


def test_an_entry_is_made_once_while_it_is_held() -> None:
    memo = Memo(8)  # 6 kept, 2 recent
    made, get = _counting(memo)
    assert get("a") == "A" and get("a") == "A" and get("a") == "A"
    assert made == ["a"]
    assert len(memo) == 1 and list(memo.kept) == [("a",)]


def test_one_off_entries_pass_through_and_leave_what_is_asked_again() -> None:
    memo = Memo(8)
    made, get = _counting(memo)
    get("stock")
    get("stock")  # asked again: kept
    for k in range(100):  # a flood of wordings met once (a date or a name in each)
        get(f"once {k}")
    assert len(memo) == 3  # the kept one and the last two one-offs
    before = len(made)
    assert get("stock") == "STOCK" and len(made) == before  # still there
    assert get("once 0") == "ONCE 0" and len(made) == before + 1  # let go: made again


def test_the_kept_part_lets_its_least_recently_used_go() -> None:
    memo = Memo(4)  # 3 kept, 1 recent
    made, get = _counting(memo)
    for key in ("a", "b", "c"):
        get(key)
        get(key)
    get("a")  # used: "b" is now the least recently used
    get("d")
    get("d")  # kept: "b" goes
    assert list(memo.kept) == [("c",), ("a",), ("d",)]
    made.clear()
    get("b")
    assert made == ["b"]
    assert len(memo) <= 4


def test_what_is_let_go_gives_the_same_answer_when_made_again() -> None:
    terms = load_terms()
    text = "Social worker to arrange family time with Dad ASAP."
    first = static_findings(text, "", "", terms)
    terms.memo.recent.clear()
    terms.memo.kept.clear()
    again = static_findings(text, "", "", terms)
    assert again == first and again is not first
    assert [f.code for f in first.findings] == ["SMART001"]
