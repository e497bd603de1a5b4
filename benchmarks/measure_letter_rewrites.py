"""Figures for the letter rewriting on the held-out recommendations (issue #17).

    python benchmarks/measure_letter_rewrites.py [--show] [SET.toml]

Builds one letter per item of a held-out set (``tests/data/letters/heldout_recommendations.toml``
by default; ``heldout_recommendations_2.toml`` is the second set, written before the
two-sentence and past-deadline change)
(a child of the item's age, reviewed on 10 December 2026, with a brother or
sister known to the service) and sorts what the child's text says for the item:

good      the sentence is one of the item's correct sentences
gap       handed to the IRO as a marked gap ("[IRO: ...]"), or left out
broken    in the child's text, but not a correct sentence (or should not be there)

The first set has been tuned on once (its failures became development tests); the
second is held out: the rewriting is not developed against it.
"""

from __future__ import annotations

import sys
from collections import Counter
from datetime import date
from pathlib import Path

import tomllib

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from iro_cli.letters.content import build_letter  # noqa: E402
from iro_cli.letters.privacy import KnownChild, OtherChildren  # noqa: E402
from iro_cli.letters.settings import LetterSettings  # noqa: E402
from iro_cli.letters.wording import Replacer  # noqa: E402
from iro_cli.lint import load_terms  # noqa: E402

HELD_OUT = (
    Path(__file__).resolve().parent.parent / "tests/data/letters/heldout_recommendations.toml"
)
REVIEW_DAY = date(2026, 12, 10)


def _child_row(key: str, spec: dict) -> dict:
    full = spec["names"][0].split()
    preferred = spec["names"][1].split()[0] if spec["names"][1] != spec["names"][0] else ""
    preferred = preferred if preferred != full[0] else ""
    born = date(REVIEW_DAY.year - spec["age"], 6, 1)
    return {
        "person_id": f"P{key}",
        "forename": full[0],
        "surname": full[-1],
        "preferred_name": preferred,
        "date_of_birth": born,
        "gender": spec["gender"],
        "social_worker": spec["social_worker"],
    }


def _normal(text: str) -> str:
    return " ".join(text.split()).replace("\u2019", "'")


def outcomes(show: bool = False, path: Path = HELD_OUT) -> Counter:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    terms = load_terms()
    replace = Replacer(terms)
    children = {key: _child_row(key, spec) for key, spec in data["children"].items()}
    known = [
        KnownChild(r["person_id"], r["forename"], r["surname"], r["preferred_name"])
        for r in children.values()
    ] + [KnownChild("S1", "Lily", "Wright"), KnownChild("S2", "Zain", "Hussain")]
    others = OtherChildren(known)
    counts: Counter = Counter()
    for number, item in enumerate(data["item"], start=1):
        spec = data["children"][item["child"]]
        review = {
            "review_id": f"R{number}",
            "review_date": REVIEW_DAY,
            "attendees": "",
            "chair": spec["iro"],
        }
        rec = {
            "recommendation_no": 1,
            "recommendation": item["text"],
            "responsible": item["responsible"],
            "target_date": item["target"],
        }
        letter = build_letter(
            children[item["child"]],
            review,
            [rec],
            next_meeting=None,
            iro={"name": spec["iro"], "phone": "01234 567890", "email": "h@example.org"},
            iro_name=spec["iro"],
            settings=LetterSettings(),
            replace=replace,
            others=others,
            letter_date=date(2026, 12, 14),
        )
        said = [
            _normal(t)
            for t in list(letter.context["recommendations"])
            + list(letter.context.get("more_recommendations", []))
        ]
        in_text = [s for s in said if not s.startswith("[IRO")]
        good = {_normal(g) for g in item.get("good", [])}
        if not in_text:
            outcome = "gap"
        elif item["expect"] == "rewrite" and len(in_text) == 1 and in_text[0] in good:
            outcome = "good"
        else:
            outcome = "broken"
        counts[outcome] += 1
        counts[(item["expect"], outcome)] += 1
        if show and outcome != "good":
            print(f"{number:3} {item['expect']:7} -> {outcome:6} | {item['text']}")
            for s in said:
                print(f"      {s}")
    return counts


def main() -> None:
    paths = [Path(a) for a in sys.argv[1:] if not a.startswith("--")]
    counts = outcomes(show="--show" in sys.argv, path=paths[0] if paths else HELD_OUT)
    total = counts["good"] + counts["gap"] + counts["broken"]
    print(f"held-out recommendations: {total}")
    print(f"  broken in the child's text: {counts['broken']}")
    print(f"  gaps (or left out):         {counts['gap']}")
    print(f"  good rewrites:              {counts['good']}")
    for expect in ("rewrite", "gap", "omit"):
        row = ", ".join(f"{o} {counts[(expect, o)]}" for o in ("good", "gap", "broken"))
        print(f"  expected {expect:7}: {row}")


if __name__ == "__main__":
    main()
