"""No network (issue #14): every command runs with network sockets and name lookups
disabled, in a fresh interpreter so that every import happens under the guard too.

The guard lets local sockets (AF_UNIX, used by multiprocessing) be made; any internet
socket or DNS lookup is recorded and refused. The run fails if any was tried.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO, SAMPLE, SHARED

SCRIPT = r"""
import json, socket, sys
tried = []

class Refused(OSError):
    pass

_socket = socket.socket

class GuardedSocket(_socket):
    def __init__(self, family=-1, type=-1, proto=-1, fileno=None):
        if fileno is None and family in (-1, socket.AF_INET, socket.AF_INET6):
            tried.append(f"socket({family})")
            raise Refused("network disabled by the test")
        super().__init__(family, type, proto, fileno)

def refuse(name):
    def blocked(*args, **kwargs):
        tried.append(name)
        raise Refused("network disabled by the test")
    return blocked

socket.socket = GuardedSocket
for name in ("getaddrinfo", "gethostbyname", "gethostbyname_ex", "create_connection"):
    setattr(socket, name, refuse(name))

for attempt in (lambda: socket.socket(socket.AF_INET), lambda: socket.getaddrinfo("x", 80)):
    try:  # the guard itself works
        attempt()
        raise SystemExit("the guard let a socket through")
    except Refused:
        pass
tried.clear()

from click.testing import CliRunner  # imported under the guard, as iro's modules are
from iro_cli.cli import cli

runs = json.loads(sys.argv[1])
results = []
for args in runs:
    result = CliRunner().invoke(cli, args)
    results.append([args[0] if args else "", result.exit_code, type(result.exception).__name__])
print(json.dumps({"tried": tried, "results": results}))
"""


def test_every_command_with_network_disabled(tmp_path: Path) -> None:
    exports = ["--exports", str(SAMPLE), "--as-of", "20/11/2026"]
    out = tmp_path
    ssda903 = SHARED / "external" / "ssda903"
    runs = [
        ["--help"],
        ["validate", *exports],
        ["overdue", *exports, "--days", "14", "-o", str(out / "overdue.xlsx")],
        ["upcoming", *exports, "--days", "28", "-o", str(out / "upcoming.csv")],
        [
            "participation",
            *exports,
            "--by",
            "quarter",
            "--chart",
            str(out / "chart.png"),
            "-o",
            str(out / "participation.xlsx"),
        ],
        [
            "lint-recommendations",
            *exports,
            "--jobs",
            "2",
            "--fail-on",
            "never",
            "-o",
            str(out / "lint.sarif"),
        ],
        ["lint-recommendations", *exports, "--summary", "-o", str(out / "summary.xlsx")],
        [
            "timeliness",
            *exports,
            "--year",
            "2025/26",
            "--chart",
            str(out / "timeliness.png"),
            "-o",
            str(out / "timeliness.xlsx"),
        ],
        ["cp-plans", *exports, "--year", "2025/26", "--list", "-o", str(out / "cp.xlsx")],
        ["letter", *exports, "--child", "0010389", "-o", str(out / "letter.docx")],
        ["letter", *exports, "--held-since", "01/11/2026", "-o", str(out / "letters")],
    ]
    if (ssda903 / "header.csv").is_file():
        runs.append(["participation", "--ssda903", str(ssda903), "-o", str(out / "903.csv")])
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, json.dumps(runs)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    report = json.loads(done.stdout.splitlines()[-1])
    assert report["tried"] == []
    for name, code, exception in report["results"]:
        assert code in (0, 1), (name, code)  # 1: lint --summary findings, by design
        assert exception in ("NoneType", "SystemExit"), (name, exception)
    for made in (
        "overdue.xlsx",
        "upcoming.csv",
        "chart.png",
        "participation.xlsx",
        "lint.sarif",
        "summary.xlsx",
        "letter.docx",
        "timeliness.png",
        "timeliness.xlsx",
        "cp.xlsx",
    ):
        assert (out / made).is_file(), made
    assert any((out / "letters").iterdir())
