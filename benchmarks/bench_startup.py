"""How long `iro --help` takes, and whether it imports pandas (it must not)."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time


def main(runs: int = 10) -> None:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "iro_cli", "--help"], check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    probe = (
        "import sys\nfrom iro_cli.cli import cli\n"
        "try:\n    cli(['--help'])\nexcept SystemExit:\n    pass\n"
        "print('pandas imported' if 'pandas' in sys.modules else 'pandas not imported')"
    )
    imported = (
        subprocess.run([sys.executable, "-c", probe], check=True, capture_output=True, text=True)
        .stdout.strip()
        .splitlines()[-1]
    )
    print(
        f"iro --help: median {statistics.median(times):.3f} s, best {min(times):.3f} s "
        f"over {runs} runs; {imported}"
    )


if __name__ == "__main__":
    main()
