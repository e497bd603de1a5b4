"""Keep the README's examples real: re-run each one and compare (or rewrite) its output.

An example in README.md is written as

    <!-- iro: overdue --exports sample_exports --days 14 --as-of 20/11/2026 -->
    ```
    ...what the command printed...
    ```

Usage: ``python docs/readme_examples.py --update`` rewrites the output blocks;
``--check`` (what the tests run) exits 1 when any is out of date.
"""

from __future__ import annotations

import argparse
import os
import re
import shlex
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
README = REPO / "README.md"
WIDTH = 100
EXAMPLE = re.compile(r"(<!-- iro: (?P<args>.+?) -->\n```text\n)(?P<output>.*?)(```)", re.DOTALL)


def run_example(args: str) -> str:
    """What ``iro <args>`` prints (stdout, then stderr), run in-process from the repo root."""
    from click.testing import CliRunner

    from iro_cli.cli import cli

    previous = Path.cwd()
    os.chdir(REPO)
    try:
        # a 100-column terminal: tables are fitted to it, as on a person's screen
        result = CliRunner().invoke(
            cli, shlex.split(args), catch_exceptions=False, env={"COLUMNS": str(WIDTH)}
        )
    finally:
        os.chdir(previous)
    text = result.stdout + result.stderr
    return text if text.endswith("\n") else text + "\n"


def render(readme: str) -> str:
    return EXAMPLE.sub(lambda m: m[1] + run_example(m["args"]) + m[4], readme)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--check", action="store_true")
    group.add_argument("--update", action="store_true")
    args = parser.parse_args()
    sys.path.insert(0, str(REPO))
    current = README.read_text(encoding="utf-8")
    fresh = render(current)
    if args.update:
        README.write_text(fresh, encoding="utf-8")
        return 0
    if fresh != current:
        print("README.md examples are out of date: run python docs/readme_examples.py --update")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
