"""Time `iro timeliness` and `iro cp-plans` on a large sample authority.

python benchmarks/bench_timeliness.py --children 100000          # generates (about 80 s)
python benchmarks/bench_timeliness.py --exports /tmp/big          # an existing folder

Generates the exports with ``sample_exports/generate.py --children N`` into a temporary
folder (nothing is kept), then times in this process: reading the three exports as plain
columns, the review-level work (every held review against its due date, the reviews due
and not held), each ``--by`` grouping and the plan figures; then each whole command once
in a fresh process (``--year 2025/26``, csv to a file), as a user would run it.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

AS_OF = date(2026, 11, 20)  # the generator's extract date


def timed(label: str, fn, *args, **kwargs):
    start = time.perf_counter()
    value = fn(*args, **kwargs)
    print(f"  {label:<44} {time.perf_counter() - start:7.2f} s", flush=True)
    return value


def whole_command(folder: Path, args: list[str]) -> float:
    with tempfile.TemporaryDirectory() as tmp:  # never into the export folder
        out = Path(tmp) / "bench-out.csv"
        as_of = AS_OF.strftime("%d/%m/%Y")
        command = [sys.executable, "-m", "iro_cli", *args, "--exports", str(folder),
                   "--as-of", as_of, "--format", "csv", "-o", str(out)]  # fmt: skip
        start = time.perf_counter()
        subprocess.run(command, check=True, cwd=REPO, capture_output=True)
        return time.perf_counter() - start


def run(folder: Path) -> None:
    from iro_cli.config import Config
    from iro_cli.exports.reader import read_checked
    from iro_cli.periods import parse_financial_year
    from iro_cli.schedule.dates import WorkingCalendar
    from iro_cli.timeliness.figures import BY_CHOICES, summarise
    from iro_cli.timeliness.plans import plan_figures, plan_rows
    from iro_cli.timeliness.reviews import review_timeliness

    config = Config()
    year = parse_financial_year("2025/26")
    print(f"in {folder}, --year 2025/26, as at {AS_OF:%d/%m/%Y}:")
    columns, reads = {}, {}
    for key in ("children", "reviews", "cp_plans"):
        read = timed(f"read {key}.csv", read_checked, key, folder, config, on_warning=print)
        columns[key], reads[key] = read.columns, read
        print(f"    {len(read.columns['person_id']):,} rows")
    result = timed(
        "held reviews against due dates, not held",
        review_timeliness,
        reads["children"],
        reads["reviews"],
        reads["cp_plans"],
        year,
        AS_OF,
        WorkingCalendar(),
    )
    print(f"    {len(result.held):,} held, {len(result.not_held):,} due and not held")
    for by in BY_CHOICES:
        timed(f"--by {by}", summarise, result, by)
    rows = timed("cp-plans figures", plan_rows, columns["cp_plans"], year, AS_OF)
    print(f"    {plan_figures(rows)}")
    for args in (["timeliness", "--year", "2025/26"], ["timeliness", "--year", "2025/26",
                 "--list"], ["cp-plans", "--year", "2025/26"]):  # fmt: skip
        print(f"  whole command: iro {' '.join(args):<33} {whole_command(folder, args):7.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--children", type=int, default=100_000)
    parser.add_argument("--exports", type=Path, help="use this export folder (no generation)")
    args = parser.parse_args()
    if args.exports is not None:
        run(args.exports)
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, str(REPO / "sample_exports" / "generate.py"), "--children",
             str(args.children), "--out", str(folder), "--force"],
            check=True, capture_output=True,
        )  # fmt: skip
        print(f"generated {args.children:,} children in {time.perf_counter() - start:.0f} s")
        run(folder)


if __name__ == "__main__":
    main()
