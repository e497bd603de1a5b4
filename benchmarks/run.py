"""National-scale benchmark: each command as a whole process against the floor of reading.

    python benchmarks/run.py [--children 100000] [--runs 3] [--commands overdue,lint]

Generates the national data set with ``sample_exports/generate.py`` (or reuses it: the folder
is keyed by a hash of the generator's source and the number of children), then runs each
command three times as a user would, alternating with its *floor*: one Python process that
reads the same files with ``pyarrow.csv`` and parses their date columns. Writes the median wall
time, the ratio to the floor measured in the same run, the peak resident memory, the machine
and the command to reproduce to ``benchmarks/results.md``. The machine may be shared: compare
ratios, not seconds. No figure here is a test.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import platform
import shlex
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
GENERATOR = REPO / "sample_exports" / "generate.py"

# Each command as users run it, and the export files (with their date columns) it reads.
DATES = {
    "children.csv": ["Date of Birth", "Period Start", "Period End"],
    "reviews.csv": ["Review Date", "Next Review Date"],
    "recommendations.csv": [],
    "cp_plans.csv": ["Strategy Discussion Date", "Plan Start", "Plan End"],
    "disputes.csv": ["Raised Date", "Response Due", "Resolved Date"],
    "iros.csv": [],
}
COMMANDS: dict[str, tuple[list[str], list[str]]] = {
    "overdue": (["overdue", "--days", "14"], ["children.csv", "reviews.csv", "cp_plans.csv"]),
    "participation": (["participation", "--by", "year"], ["children.csv", "reviews.csv"]),
    "validate": (["validate"], list(DATES)),
    "lint": (["lint-recommendations", "--format", "csv"], ["recommendations.csv", "reviews.csv"]),
    "timeliness": (
        ["timeliness", "--year", "2025/26", "--format", "csv"],
        ["children.csv", "reviews.csv", "cp_plans.csv"],
    ),
    "cp-plans": (["cp-plans", "--year", "2025/26", "--format", "csv"], ["cp_plans.csv"]),
}

FLOOR = """
import sys
import pyarrow as pa, pyarrow.csv as pv, pyarrow.compute as pc
folder, *specs = sys.argv[1:]
for spec in specs:
    name, *dates = spec.split("|")
    enc = "cp1252" if name == "children.csv" else "utf-8-sig"
    table = pv.read_csv(f"{folder}/{name}", read_options=pv.ReadOptions(encoding=enc),
                        convert_options=pv.ConvertOptions(strings_can_be_null=True,
                        column_types={c: pa.string() for c in ("Person ID", "Review ID")}))
    for column in dates:
        if column in table.column_names:
            text = pc.utf8_slice_codeunits(table[column].cast(pa.string()), 0, 10)
            pc.strptime(text, format="%d/%m/%Y", unit="s", error_is_null=True)
"""


# The targets: (largest ratio to the floor, largest peak in GB) or, for lint, a wall
# time in seconds instead of a ratio.
TARGETS: dict[str, tuple[str, float | None, float | None, float]] = {
    "overdue": ("≤ 2× floor, < 1.5 GB", 2.0, None, 1.5),
    "participation": ("≤ 2× floor, < 1.5 GB", 2.0, None, 1.5),
    "validate": ("≤ 3× floor, < 1.5 GB", 3.0, None, 1.5),
    "lint": ("< 60 s, < 1 GB", None, 60.0, 1.0),
}
SAMPLE = ["overdue", "--days", "14", "--as-of", "20/11/2026"]


@dataclass
class Run:
    """One whole-process run: wall seconds, CPU seconds of every process of the command
    (its workers too), peak resident memory in MiB."""

    seconds: float
    peak_mib: float
    code: int
    cpu: float = 0.0


def measure(argv: list[str], cwd: Path) -> Run:
    """Run ``argv`` to the end with its output discarded; wall time, CPU time (user and
    system, of the process and of the children it waited for: lint's workers) and peak
    memory: the larger of the biggest single process's peak RSS (wait4) and the peak,
    sampled every 0.25 s, of the proportional set size summed over the process and its
    children, so that several processes' memory is counted, once each. The CPU time is
    the work done, however the processes overlapped."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    tree = [0]
    done = threading.Event()
    sampler = threading.Thread(target=_sample_tree, args=(proc.pid, tree, done), daemon=True)
    sampler.start()
    _, status, usage = os.wait4(proc.pid, 0)
    done.set()
    sampler.join()
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    cpu = usage.ru_utime + usage.ru_stime
    return Run(seconds, max(usage.ru_maxrss, tree[0]) / 1024, proc.returncode, cpu)


def _sample_tree(root: int, peak: list[int], done: threading.Event) -> None:
    """The largest sum of Pss (KiB) over ``root`` and its descendants (Linux /proc)."""
    while not done.wait(0.25):
        pids = [root, *_descendants(root)]
        peak[0] = max(peak[0], sum(_pss_kib(pid) for pid in pids))


def _descendants(root: int) -> list[int]:
    parents: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir() if Path("/proc").is_dir() else []:
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parent = int(stat.rsplit(")", 1)[1].split()[1])
            parents.setdefault(parent, []).append(int(entry.name))
    out, todo = [], [root]
    while todo:
        children = parents.get(todo.pop(), [])
        out.extend(children)
        todo.extend(children)
    return out


def _pss_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def data_folder(children: int, cache: Path) -> Path:
    """The generated national exports, made once per generator version and size."""
    digest = hashlib.sha256()
    for source in sorted(GENERATOR.parent.glob("*.py")):
        digest.update(source.read_bytes())
    folder = cache / f"exports-{children}-{digest.hexdigest()[:12]}"
    if not (folder / "reviews.csv").exists():
        print(f"generating {children:,} children into {folder} (a minute or two)...", flush=True)
        tmp = Path(tempfile.mkdtemp(dir=cache))
        subprocess.run(
            [sys.executable, str(GENERATOR), "--children", str(children), "--out", str(tmp)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        tmp.rename(folder)
    return folder


def machine() -> str:
    """One line about the machine the figures come from."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem = next(
            int(line.split()[1]) / 1024**2
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal")
        )
        memory = f"{mem:.0f} GiB"
    except (OSError, StopIteration):
        memory = "memory unknown"
    return f"{os.cpu_count()} cores ({cpu}), {memory}, Python {platform.python_version()}"


def sample(before: Path, runs: int) -> list[str]:
    """``iro overdue`` on the sample exports, this version and ``before`` alternately."""
    times: dict[str, list[float]] = {"before": [], "now": []}
    trees = {"before": before.resolve(), "now": REPO}
    for _ in range(runs):
        for label, tree in trees.items():
            env = {**os.environ, "PYTHONPATH": str(tree)}
            argv = [sys.executable, "-m", "iro_cli", *SAMPLE, "--exports", "sample_exports"]
            start = time.perf_counter()
            subprocess.run(argv, cwd=tree, env=env, capture_output=True, check=True)
            times[label].append(time.perf_counter() - start)
    now, then = (statistics.median(times[k]) for k in ("now", "before"))
    return [
        f"The sample stays instant: `iro {' '.join(SAMPLE)}` on `sample_exports/`, median of "
        f"{runs} runs alternated with the version in `{before}`: {now:.2f} s now, "
        f"{then:.2f} s before (best {min(times['now']):.2f} s and {min(times['before']):.2f} s).",
        "",
    ]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--children", type=int, default=100_000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--commands", default=",".join(COMMANDS), help="comma-separated subset")
    ap.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "iro-bench")
    ap.add_argument("--out", type=Path, default=REPO / "benchmarks" / "results.md")
    ap.add_argument(
        "--before",
        type=Path,
        help="a checkout of an earlier version (git worktree add DIR REV): `iro overdue` on "
        "sample_exports/ is then timed in both, alternately, to show the sample stays instant",
    )
    ap.add_argument("--sample-runs", type=int, default=9)
    args = ap.parse_args(argv)
    args.cache.mkdir(parents=True, exist_ok=True)
    folder = data_folder(args.children, args.cache)
    iro = [sys.executable, "-m", "iro_cli"]
    rows = []
    for name in args.commands.split(","):
        command, files = COMMANDS[name]
        specs = ["|".join([f, *DATES[f]]) for f in files]
        floor_argv = [sys.executable, "-c", FLOOR, str(folder), *specs]
        command_argv = [*iro, *command, "--exports", str(folder)]
        runs, floors = [], []
        for _ in range(args.runs):  # alternate, so a slow phase of the machine hits both
            floors.append(measure(floor_argv, REPO))
            runs.append(measure(command_argv, REPO))
            print(
                f"{name}: {runs[-1].seconds:.1f} s, {runs[-1].cpu:.1f} s CPU "
                f"({runs[-1].peak_mib:.0f} MiB), floor {floors[-1].seconds:.1f} s",
                flush=True,
            )
        wall = statistics.median(r.seconds for r in runs)
        cpu = statistics.median(r.cpu for r in runs)
        floor = statistics.median(r.seconds for r in floors)
        peak = max(r.peak_mib for r in runs) / 1024
        target, met = "", ""
        if name in TARGETS:
            target, ratio, seconds, gigabytes = TARGETS[name]
            ok = peak < gigabytes
            ok &= ratio is None or wall / floor <= ratio
            ok &= seconds is None or wall < seconds
            met = "yes" if ok else "**no**"
        rows.append(
            (
                f"`iro {' '.join(command)}`",
                f"{wall:.1f} s",
                f"{cpu:.1f} s",
                f"{floor:.2f} s",
                f"{wall / floor:.1f}×",
                f"{peak:.2f} GB",
                ", ".join(sorted({str(r.code) for r in runs})),
                target,
                met,
            )
        )
    sample_lines = sample(args.before, args.sample_runs) if args.before else []
    lines = [
        "# National-scale benchmark results",
        "",
        f"Measured {date.today():%d/%m/%Y} on {machine()}, {args.children:,} generated children "
        f"(`sample_exports/generate.py`), median of {args.runs} whole-process runs, each "
        "alternated with its floor (pyarrow reading the same files and parsing their dates). "
        "Peak memory counts every process of a command (lint's workers too): the larger of "
        "the biggest process's peak RSS and the peak of their summed proportional set size. "
        "CPU is user and system time over every process of a command (median): the work done, "
        "however its processes overlapped.",
        "",
        "| command | median wall | CPU | floor | × floor | peak memory | exit codes | target "
        "| met |",
        "|---|---|---|---|---|---|---|---|---|",
        *("| " + " | ".join(row) + " |" for row in rows),
        "",
        *sample_lines,
        "Reproduce: `" + shlex.join(["python", "benchmarks/run.py", *(argv or sys.argv[1:])]) + "`",
        "",
    ]
    args.out.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
