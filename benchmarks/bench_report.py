"""Time `iro report` at scale: each part in one process, then the whole command.

python benchmarks/bench_report.py --children 100000            # generates, then times
python benchmarks/bench_report.py --exports /tmp/big --year 2025/26

Generates a sample authority with ``sample_exports/generate.py --children N`` (about
80 s at 100,000 children) into a temporary folder unless ``--exports`` names one; nothing
is kept. Prints the time of loading the exports, of each section of the pack (the
participation figures, caseloads and changes of IRO, disputes, the SMART audit), of
writing the workbook and the document, and the wall time of the whole command as a
separate process (the document with --no-audit, then the workbook with the audit unless
--quick).
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def timed(label: str, fn, *args, **kwargs):  # noqa: ANN001, ANN201
    start = time.perf_counter()
    value = fn(*args, **kwargs)
    print(f"{label:<34} {time.perf_counter() - start:8.2f} s", flush=True)
    return value


def parts(exports: Path, year: str, as_of: date) -> None:
    from iro_cli.commands import report
    from iro_cli.config import Config
    from iro_cli.options import Session
    from iro_cli.periods import Period, as_at, parse_financial_year
    from iro_cli.report.document import document_bytes
    from iro_cli.report.pack import Pack
    from iro_cli.report.workbook import workbook_bytes

    session = Session(Config(), exports)
    period = parse_financial_year(year)
    day = as_at(period, as_of)
    before = report.previous_of(period)
    now, then = Period(period.start, day), Period(before.start, before.end)
    data = timed("load the exports", report._load, session)
    rows = {
        k: 0
        if v is None
        else len(v.columns["_line"])
        if hasattr(v, "columns") and isinstance(v.columns, dict)
        else len(v)
        for k, v in data.items()
    }
    print("  rows:", ", ".join(f"{k} {n:,}" for k, n in rows.items()))
    sections = [
        timed("timeliness (+ chart)", report._timeliness, session, data, now, then, year,
              "before", True),
        timed("CP plans", report._cp_plans, data, now, then, year, "before"),
        timed("participation (+ chart)", report._participation, data, now, then, year, "before",
              True),
        timed("caseloads, changes of IRO (+ chart)", report._caseload, session, data, day,
              before.end, "before", True),
        timed("disputes (+ chart)", report._disputes, session, data, now, then, year, "before",
              True),
        timed("SMART audit (lint, 2 years)", report._audit, session, data, now, then, year,
              "before"),
    ]  # fmt: skip
    pack = Pack("t", year, "before", day, before.end, [s for s in sections if s], [], [])
    timed("workbook bytes", workbook_bytes, pack)
    timed("document bytes", document_bytes, pack)


def whole(exports: Path, year: str, as_of: date, out: Path, quick: bool) -> None:
    runs = [("report.docx", ["--no-audit"])] + ([] if quick else [("report.xlsx", [])])
    for name, extra in runs:
        args = [sys.executable, "-m", "iro_cli", "report", "--exports", str(exports), "--year",
                year, "--as-of", f"{as_of:%d/%m/%Y}", "-o", str(out / name), "--force",
                *extra]  # fmt: skip
        start = time.perf_counter()
        subprocess.run(args, check=True, capture_output=True)
        wall = time.perf_counter() - start
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        label = f"whole command -o {name} {' '.join(extra)}".strip()
        print(f"{label:<34} {wall:8.2f} s  (peak RSS so far {peak:,.0f} MB)", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--children", type=int, default=100_000)
    parser.add_argument("--exports", type=Path, help="use this export folder (no generation)")
    parser.add_argument("--year", default="2025/26")
    parser.add_argument("--as-of", default="2026-11-20")
    parser.add_argument(
        "--quick", action="store_true", help="time the whole command only without the audit"
    )
    args = parser.parse_args()
    as_of = date.fromisoformat(args.as_of)
    with tempfile.TemporaryDirectory() as tmp:
        exports = args.exports
        if exports is None:
            exports = Path(tmp) / "exports"
            generator = [sys.executable, str(REPO / "sample_exports" / "generate.py"),
                         "--children", str(args.children), "--out", str(exports)]  # fmt: skip
            timed(f"generate {args.children:,} children", subprocess.run, generator, check=True,
                  capture_output=True)  # fmt: skip
        parts(exports, args.year, as_of)
        whole(exports, args.year, as_of, Path(tmp), args.quick)


if __name__ == "__main__":
    main()
