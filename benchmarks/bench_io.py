"""Time reading exports and rendering a large result, as the commands do.

python benchmarks/bench_io.py [--recommendations 100000] [--exports DIR] [--repeat 3]

Reads a generated recommendations.csv (100,000 rows) and its reviews.csv (the
files of bench_lint.py), renders a findings-like frame of about 147,000 rows
(one or two findings per recommendation, as the linter gives) as csv and as
json, and, with --exports DIR (a folder from make_large_exports.sh), reads that
folder's children.csv. Each repeat runs in a fresh process, as a command does;
the best CPU (process) time and wall time of the repeats are shown, since the
machine may be busy with other work.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

FINDINGS = [
    ("SMART001", "specific", "warning", "No one is named as responsible.", "Name who will do it."),
    ("SMART003", "time-bound", "warning", "No date or timescale.", "Add 'by dd/mm/yyyy'."),
    ("SMART005", "achievable", "note", "'ongoing' has no end point.", "Say when it ends."),
    ("LANG002", "language", "note", "'LAC' is not child-friendly.", "Say 'child in care'."),
    ("DATE001", "dates", "error", "The target date is before the review.", "Check the date."),
]


def measure(folder: Path, children: Path | None) -> dict[str, tuple[float, float]]:
    """One run (in a fresh process): seconds of CPU and wall time per step."""
    import pandas as pd

    from iro_cli.config import Config
    from iro_cli.exports.reader import load_export
    from iro_cli.output import render_bytes

    def timed(what: str, action: Callable[[], Any]) -> Any:
        cpu, wall = time.process_time(), time.perf_counter()
        result = action()
        timings[what] = (time.process_time() - cpu, time.perf_counter() - wall)
        return result

    timings: dict[str, tuple[float, float]] = {}
    config = Config()
    quiet = {"on_warning": lambda _message: None}
    recs = timed(
        "read recommendations.csv + reviews.csv",
        lambda: (
            load_export("recommendations", folder, config, **quiet),
            load_export("reviews", folder, config, **quiet),
        ),
    )[0]
    if children is not None:
        timed(
            "read children.csv (--exports)",
            lambda: load_export("children", children, config, **quiet),
        )
    given = ["review_id", "person_id", "recommendation_no", "_line", "recommendation"]
    records = [
        (*row[:4], *finding, row[4])
        for number, row in enumerate(zip(*(recs[c] for c in given), strict=True))
        for finding in (FINDINGS[number % 5], FINDINGS[(number * 2 + 1) % 5])[: 1 + number % 2]
    ]
    columns = ["review_id", "person_id", "recommendation_no", "line", "code", "category"]
    columns += ["severity", "message", "suggestion", "text"]
    frame = pd.DataFrame.from_records(records, columns=columns)
    timed(f"render {len(frame):,} findings as csv", lambda: render_bytes(frame, "csv"))
    timed(f"render {len(frame):,} findings as json", lambda: render_bytes(frame, "json"))
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--recommendations", type=int, default=100_000)
    parser.add_argument("--exports", type=Path, help="a large export folder to read children.csv")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)  # one run, as JSON
    args = parser.parse_args()
    if args.measure is not None:
        print(json.dumps(measure(args.measure, args.exports)))
        return

    sys.path.insert(0, str(REPO / "benchmarks"))
    from bench_lint import generate

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        generate(folder, args.recommendations, 1)
        runs = []
        for _ in range(args.repeat):
            command = [sys.executable, __file__, "--measure", str(folder)]
            if args.exports is not None:
                command += ["--exports", str(args.exports.resolve())]
            done = subprocess.run(command, check=True, capture_output=True, text=True)
            runs.append(json.loads(done.stdout))
    print(f"{args.recommendations:,} recommendations; best of {args.repeat} fresh processes:")
    for what in runs[0]:
        cpu = min(run[what][0] for run in runs)
        wall = min(run[what][1] for run in runs)
        print(f"  {what:<42} CPU {cpu:5.2f} s   wall {wall:5.2f} s")


if __name__ == "__main__":
    main()
