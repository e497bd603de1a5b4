"""Time `iro overdue` on a large export: reading, the schedule (in-process) and the whole command.

python benchmarks/bench_schedule.py --children 100000
python benchmarks/bench_schedule.py --exports /tmp/iro-bench/exports-100000-...   (no generation)
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
AS_OF = date(2026, 11, 20)


def run(folder: Path) -> None:
    import pandas as pd

    from iro_cli.config import Config
    from iro_cli.exports.reader import read_checked
    from iro_cli.output import render_bytes
    from iro_cli.schedule.dates import WorkingCalendar
    from iro_cli.schedule.due import COLUMNS, due_table, to_records

    config = Config()
    timings = {}
    start = time.perf_counter()
    reads = [
        read_checked(key, folder, config, on_warning=lambda _m: None)
        for key in ("children", "reviews", "cp_plans")
    ]
    timings["read children, reviews, cp_plans"] = time.perf_counter() - start
    for attempt in ("first", "again"):  # the first pays one-off imports (holidays, pandas)
        start = time.perf_counter()
        table = due_table(*reads, AS_OF, WorkingCalendar())
        chosen = table.rows(table.select(within_days=14))
        timings[f"schedule, --days 14 ({attempt})"] = time.perf_counter() - start
    start = time.perf_counter()
    render_bytes(pd.DataFrame.from_records(to_records(chosen), columns=COLUMNS), "csv")
    timings["render csv"] = time.perf_counter() - start

    with tempfile.TemporaryDirectory() as tmp:  # never into the export folder
        command = [sys.executable, "-m", "iro_cli", "overdue", "--days", "14", "--as-of",
                   f"{AS_OF:%d/%m/%Y}", "--exports", str(folder), "--format", "csv",
                   "-o", str(Path(tmp) / "out.csv")]  # fmt: skip
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True, cwd=REPO)
        timings["whole command, end to end"] = time.perf_counter() - start

    print(
        f"{reads[0].rows:,} period rows, {reads[1].rows:,} review rows, "
        f"{len(table):,} reviews due, {len(chosen):,} listed"
    )
    for what, seconds in timings.items():
        print(f"  {what:<36} {seconds:6.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--children", type=int, default=100_000)
    parser.add_argument("--exports", type=Path, help="use this export folder (no generation)")
    args = parser.parse_args()
    if args.exports:
        run(args.exports)
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "exports"
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, str(REPO / "sample_exports" / "generate.py"), "--children",
             str(args.children), "--out", str(folder)],
            check=True, capture_output=True,
        )  # fmt: skip
        print(f"generated {args.children:,} children in {time.perf_counter() - start:.1f} s")
        run(folder)


if __name__ == "__main__":
    main()
