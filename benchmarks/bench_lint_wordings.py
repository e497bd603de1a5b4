"""CPU per distinct wording of `iro lint-recommendations`'s rules (one process, warm).

python benchmarks/bench_lint_wordings.py RECOMMENDATIONS.csv [--wordings 20000] [--skip 600000]
    [--runs 3] [--prepare-only]

Takes the first ``--wordings`` distinct wordings after ``--skip`` rows of a
recommendations.csv (the national file of ``sample_exports/generate.py --children
100000`` is the one issue #16 measures: generated minutes with names and dates, so
nearly every wording is new), and times, per wording and best of ``--runs``:

- ``prepare``: what the engine works out the first time it meets a row's wording and
  columns (SMART001-005, the text rules, Lint Ignore), with every memo emptied first, as
  in a run where each wording is new;
- its parts: the wording's SMART facts, the dates, owners and clauses in it, the text
  rules (CARE, ACR, PLAIN), the Responsible/Target Date columns.

The whole command is timed by ``bench_lint.py`` and ``run.py``.
"""

from __future__ import annotations

import argparse
import csv
import itertools
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from iro_cli.lint import clauses, dates, engine, owners, smart  # noqa: E402
from iro_cli.lint import text as lint_text_module  # noqa: E402
from iro_cli.lint.terms import Terms, load_terms  # noqa: E402


def _rows(path: Path, count: int, skip: int) -> list[engine.Row]:
    seen: set[str] = set()
    out = []
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        for record in itertools.islice(reader, skip, None):
            text = record["Recommendation"]
            if text in seen:
                continue
            seen.add(text)
            out.append(
                engine.Row(
                    text,
                    record.get("Review ID", ""),
                    record.get("Person ID", ""),
                    responsible=record.get("Responsible", "") or "",
                    target_date=record.get("Target Date", "") or "",
                )
            )
            if len(out) >= count:
                break
    return out


def _forget(terms: Terms) -> None:
    """Empty every memo, so each wording is worked out as if new."""
    terms.memo.clear()
    terms.columns.clear()
    terms.shapes.clear()
    terms.multi_matcher._seen.clear()
    terms.vague_matcher.multi._seen.clear()
    smart._NORMALISED.clear()
    for cached in (dates.find_timings, smart._word_set):
        cached.cache_clear()


def _read(text: str, terms: Terms) -> object:
    return clauses.read(text, owners.find_owners(text, terms), terms)


def _time(
    rows: list[engine.Row], terms: Terms, work: Callable[[engine.Row], object], runs: int
) -> float:
    best = float("inf")
    for _ in range(runs):
        _forget(terms)
        started = time.process_time()
        for row in rows:
            work(row)
        best = min(best, time.process_time() - started)
    return best / len(rows) * 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("recommendations", type=Path)
    parser.add_argument("--wordings", type=int, default=20_000)
    parser.add_argument("--skip", type=int, default=600_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--prepare-only", action="store_true", help="time the first line only")
    args = parser.parse_args()
    rows = _rows(args.recommendations, args.wordings, args.skip)
    terms = load_terms()
    settings = engine.Settings()
    categories = settings.text_categories
    for row in rows[:200]:  # compile every pattern first
        engine._prepare(row, terms, settings)
    parts: list[tuple[str, Callable[[engine.Row], object]]] = [
        ("prepare (all of it)", lambda r: engine._prepare(r, terms, settings)),
        ("  smart wording facts", lambda r: smart._wording_facts(r.text, terms)),
        ("    find_timings", lambda r: dates.find_timings(r.text)),
        ("    find_owners", lambda r: owners.find_owners(r.text, terms)),
        ("    owners + clauses.read", lambda r: _read(r.text, terms)),
        ("  column facts", lambda r: smart._column_facts(r.responsible, r.target_date, terms)),
        ("  lint_text", lambda r: lint_text_module.lint_text(r.text, categories, terms)),
    ]  # fmt: skip
    print(f"{len(rows)} distinct wordings from {args.recommendations} (best of {args.runs})")
    print("CPU per wording:")
    for name, work in parts[:1] if args.prepare_only else parts:
        print(f"  {name:28s} {_time(rows, terms, work, args.runs):7.1f} us")


if __name__ == "__main__":
    main()
