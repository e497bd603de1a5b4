"""Time `iro overdue` on a large generated export: loading, rules and rendering.

python benchmarks/bench_schedule.py --children 100000
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--children", type=int, default=100_000)
    args = parser.parse_args()

    from iro_cli.config import Config
    from iro_cli.exports.reader import read_checked
    from iro_cli.output import render_bytes
    from iro_cli.schedule.dates import WorkingCalendar
    from iro_cli.schedule.due import COLUMNS, due_table, to_records

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "exports"
        start = time.perf_counter()
        subprocess.run(
            [
                sys.executable,
                str(REPO / "sample_exports" / "generate.py"),
                "--children",
                str(args.children),
                "--out",
                str(folder),
            ],
            check=True,
            capture_output=True,
        )
        print(f"generated {args.children:,} children in {time.perf_counter() - start:.1f} s")

        import pandas as pd

        config = Config()
        timings = {}
        start = time.perf_counter()
        children = read_checked("children", folder, config, on_warning=lambda _m: None)
        reviews = read_checked("reviews", folder, config, on_warning=lambda _m: None)
        cp_plans = read_checked("cp_plans", folder, config, on_warning=lambda _m: None)
        timings["load children, reviews, cp_plans"] = time.perf_counter() - start
        as_of = date(2026, 11, 20)
        start = time.perf_counter()
        table = due_table(children, reviews, cp_plans, as_of, WorkingCalendar())
        timings["work out every due review"] = time.perf_counter() - start
        start = time.perf_counter()
        chosen = table.rows(table.select(within_days=14))
        render_bytes(pd.DataFrame.from_records(to_records(chosen), columns=COLUMNS), "csv")
        timings["select and render csv"] = time.perf_counter() - start

        start = time.perf_counter()
        subprocess.run(
            [
                sys.executable,
                "-m",
                "iro_cli",
                "overdue",
                "--days",
                "14",
                "--as-of",
                "20/11/2026",
                "--exports",
                str(folder),
                "--format",
                "csv",
            ],
            check=True,
            capture_output=True,
        )
        timings["whole command, end to end"] = time.perf_counter() - start

        print(
            f"{len(children.columns['_line']):,} period rows, "
            f"{len(reviews.columns['_line']):,} review rows, "
            f"{len(table):,} reviews due, {len(chosen):,} listed"
        )
        for what, seconds in timings.items():
            print(f"  {what:<36} {seconds:6.2f} s")


if __name__ == "__main__":
    main()
