"""Time `iro participation` on large made-up exports: loading, the join, checks, grouping, chart.

python benchmarks/bench_participation.py --children 20000
python benchmarks/bench_participation.py --exports /tmp/iro-bench/exports-100000-...


Writes children.csv and reviews.csv (about six held CLA reviews per child over three
financial years, plus cancelled reviews and conferences that must be skipped) into a
temporary folder; nothing is kept. With ``--ssda903 DIR`` it also times a real-shaped
SSDA903 return (e.g. ../shared/external/ssda903). With ``--exports DIR`` it reads that
folder instead (e.g. the national data of benchmarks/run.py) and times what the command
does after reading, the sense checks included (taking the columns from the ReadResults
with ``array()`` is part of it).
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

TEAMS = ("North", "South", "East", "West", "Disabled Children", "Leaving Care")
IROS = tuple(f"IRO {n}" for n in range(1, 19))
ETHNICITIES = ("White British", "White Other", "Mixed", "Asian", "Black", "Other", "")


def generate(folder: Path, children: int, seed: int = 7) -> int:
    """Write the two exports; return the number of review rows."""
    rng = random.Random(seed)
    start = date(2023, 4, 1)
    reviews = 0
    with (
        open(folder / "children.csv", "w", newline="", encoding="utf-8") as cf,
        open(folder / "reviews.csv", "w", newline="", encoding="utf-8") as rf,
    ):
        cw, rw = csv.writer(cf), csv.writer(rf)
        cw.writerow(
            ["Person ID", "Forename", "Surname", "Date of Birth", "Gender", "Ethnicity",
             "Period Start", "Period End", "Allocated IRO", "Team"]
        )  # fmt: skip
        rw.writerow(
            ["Review ID", "Person ID", "Review Type", "Review Date", "Status", "Chair",
             "Participation Code"]
        )  # fmt: skip
        for n in range(children):
            person = f"{n:07d}"
            born = start - timedelta(days=rng.randint(0, 17 * 365))
            gender = rng.choice(("Female", "Male"))
            ethnicity = rng.choice(ETHNICITIES)
            period_start = start + timedelta(days=rng.randint(-400, 300))
            split = period_start + timedelta(days=rng.randint(200, 600))
            periods = [(period_start, split), (split + timedelta(days=30), None)]
            for begin, end in periods:
                cw.writerow(
                    [person, "A", "B", f"{born:%d/%m/%Y}", gender, ethnicity, f"{begin:%d/%m/%Y}",
                     f"{end:%d/%m/%Y}" if end else "", rng.choice(IROS), rng.choice(TEAMS)]
                )  # fmt: skip
            day = max(period_start, start) + timedelta(days=rng.randint(0, 60))
            while day < date(2026, 3, 31):
                age = (day - born).days // 365
                code = "PN0" if age < 4 else f"PN{rng.choice((1, 1, 1, 2, 3, 4, 5, 6, 6, 7))}"
                if rng.random() < 0.01:
                    code = ""
                status = rng.choice(("Held",) * 12 + ("Cancelled",))
                kind = rng.choice(("CLA Review",) * 9 + ("RCPC",))
                chair = rng.choice(IROS) if rng.random() < 0.9 else ""
                reviews += 1
                rw.writerow([f"R{reviews}", person, kind, f"{day:%d/%m/%Y}", status, chair, code])
                day += timedelta(days=rng.randint(120, 200))
    return reviews


def timed(label: str, timings: dict[str, float], fn, *args, **kwargs):
    start = time.perf_counter()
    value = fn(*args, **kwargs)
    timings[label] = time.perf_counter() - start
    return value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--children", type=int, default=20_000)
    parser.add_argument("--ssda903", type=Path, help="also time an SSDA903 return in DIR")
    parser.add_argument("--exports", type=Path, help="time the exports in DIR (not generated)")
    args = parser.parse_args()
    if args.exports:
        national(args.exports)
        return

    from iro_cli.charts import participation_chart
    from iro_cli.config import Config
    from iro_cli.exports.reader import read_checked
    from iro_cli.output import render_bytes
    from iro_cli.participation import find_warnings, held_cla_reviews, summarise
    from iro_cli.participation.summary import BY_CHOICES
    from iro_cli.periods import parse_financial_year

    timings: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        rows = timed("generate the exports", timings, generate, folder, args.children)
        config = Config()
        quiet = {"on_warning": lambda _m: None}
        children = timed("read children.csv", timings, read_checked, "children", folder, config,
                         **quiet)  # fmt: skip
        reviews = timed("read reviews.csv", timings, read_checked, "reviews", folder, config,
                        **quiet)  # fmt: skip
    timed("import pandas (the command needs it for output)", timings, __import__, "pandas")
    records = timed("held CLA reviews + period-of-care join", timings, held_cla_reviews,
                    reviews, children)  # fmt: skip
    warnings = timed("checks (440/441/missing)", timings, find_warnings, records)
    year = parse_financial_year("2025/26")
    for by in BY_CHOICES:
        timed(f"summarise --by {by} --year --compare", timings, summarise, records, by, year,
              compare=True)  # fmt: skip
    summary = summarise(records, "year")
    timed("render csv (--by year)", timings, render_bytes, summary.frame(), "csv")
    timed("chart (--by team)", timings, lambda: participation_chart(
        summarise(records, "team", year).rows, "team", title="t", subtitle="s"))  # fmt: skip

    print(f"{args.children:,} children, {rows:,} review rows, {len(records):,} held CLA reviews, "
          f"{len(warnings):,} warnings")  # fmt: skip
    for label, seconds in timings.items():
        print(f"  {label:<48} {seconds:7.3f} s")
    work = sum(v for k, v in timings.items() if k != "generate the exports")
    print(f"  {'total (without generating)':<48} {work:7.3f} s")

    if args.ssda903:
        from iro_cli.ssda903 import read_ssda903

        start = time.perf_counter()
        records = held_cla_reviews(read_ssda903(args.ssda903))
        find_warnings(records)
        summarise(records, "age-band")
        print(f"SSDA903 {args.ssda903}: {len(records):,} reviews read, checked and grouped in "
              f"{time.perf_counter() - start:.3f} s")  # fmt: skip


def national(folder: Path) -> None:
    """The participation steps after reading, on ``folder``'s exports (best of three)."""
    from datetime import date

    from iro_cli.commands.participation import _only, _output_frame
    from iro_cli.config import Config
    from iro_cli.exports.reader import read_checked
    from iro_cli.exports.sense import note_for
    from iro_cli.participation import find_warnings, held_cla_reviews, summarise

    quiet = {"on_warning": lambda _m: None}
    tables = {key: read_checked(key, folder, Config(), **quiet) for key in ("children", "reviews")}
    __import__("pandas")
    best: dict[str, float] = {}
    for _ in range(3):
        timings: dict[str, float] = {}
        records = timed("held CLA reviews + period-of-care join", timings, held_cla_reviews,
                        tables["reviews"], tables["children"])  # fmt: skip
        records = timed("--iro/--team (none given)", timings, _only, records, None, None)
        summary = timed("summarise --by year", timings, summarise, records, "year")
        warnings = timed("checks (440/441/missing)", timings, find_warnings,
                         summary.warned_records)  # fmt: skip
        timed("table (--by year)", timings, _output_frame, summary, "table", True)
        timed("sense checks (note_for)", timings, note_for, "participation", tables,
              date(2026, 11, 20), {})  # fmt: skip
        for label, seconds in timings.items():
            best[label] = min(best.get(label, seconds), seconds)
    print(f"{folder}: {len(records):,} held CLA reviews, {len(warnings):,} warnings (best of 3)")
    for label, seconds in best.items():
        print(f"  {label:<48} {seconds:7.3f} s")
    print(f"  {'total':<48} {sum(best.values()):7.3f} s")


if __name__ == "__main__":
    main()
