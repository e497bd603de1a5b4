"""Benchmark: ``iro letter`` batch over generated exports (target: 500 letters in under 60 s).

    python benchmarks/bench_letters.py [N]

Writes N children (default 500), each with one held review (views, what is
going well, worries, attendees naming a brother or sister) and four
recommendations (one vague, so a gap with a Word comment), into a temporary
folder; then times the whole command
``iro letter --held-since ...`` (load, build, render, check, write) in-process.
"""

from __future__ import annotations

import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from click.testing import CliRunner

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from iro_cli.cli import cli  # noqa: E402

NAMES = ["Ava", "Ben", "Cara", "Dan", "Evie", "Finn", "Gina", "Harry", "Isla", "Jamal", "Kai"]
SURNAMES = ["Smith", "Jones", "Khan", "Evans", "Brown", "Patel", "Wilson", "Taylor"]


def write_exports(folder: Path, n: int) -> None:
    children = [
        "Person ID,Forename,Surname,Preferred Name,Date of Birth,Gender,Period Start,"
        "Allocated IRO,Social Worker"
    ]
    reviews = [
        "Review ID,Person ID,Review Type,Review Date,Status,Chair,Next Review Date,"
        "Child's Views,Working Well,Worries,Attendees"
    ]
    recs = ["Review ID,Person ID,Recommendation No,Recommendation,Responsible,Target Date"]
    start = date(2026, 11, 2)
    for i in range(n):
        pid = f"{200000 + i}"
        name = f"{NAMES[i % len(NAMES)]}{i}"  # unique, so siblings are told apart
        sibling = f"{NAMES[(i + 1) % len(NAMES)]}{i + 1}"
        born = date(2008 + i % 17, 1 + i % 12, 1 + i % 28)
        held = start + timedelta(days=i % 20)
        children.append(
            f"{pid},{name},{SURNAMES[i % 8]},,{born:%d/%m/%Y},{'Female' if i % 2 else 'Male'},"
            f"01/01/2024,Pat Brown,Sam Jones"
        )
        following = held + timedelta(182)
        reviews.append(
            f"R{pid},{pid},CLA Review,{held:%d/%m/%Y},Held,Pat Brown,{following:%d/%m/%Y},"
            f'"{name} said she likes living with Jo and wants more contact with Mum.",'
            f'"{name} is doing well at school. Her PEP is up to date.",'
            f'"{name} sometimes feels sad after contact. {sibling} finds school hard.",'
            f'"{name}; Mum; Jo Bloggs (foster carer); Sam Jones (SW); {sibling}"'
        )
        recs += [
            f"R{pid},{pid},1,SW to book {name}'s dentist check,Sam Jones (SW),15/01/2027",
            f"R{pid},{pid},2,Referral to CAMHS to be made,Social Worker,01/12/2026",
            f"R{pid},{pid},3,Designated teacher to update {name}'s PEP,Designated Teacher,"
            "end of term",
            # Vague: a marked gap with a Word comment, so the comment path is timed too.
            f"R{pid},{pid},4,Eye test to be booked ASAP,Foster carer,ASAP",
        ]
    (folder / "children.csv").write_text("\n".join(children) + "\n", encoding="utf-8")
    (folder / "reviews.csv").write_text("\n".join(reviews) + "\n", encoding="utf-8")
    (folder / "recommendations.csv").write_text("\n".join(recs) + "\n", encoding="utf-8")
    (folder / "iros.csv").write_text(
        "Name,Email,Phone\nPat Brown,pat.brown@example.gov.uk,01632 960001\n", encoding="utf-8"
    )


def main(n: int = 500) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        exports, out = folder / "exports", folder / "letters"
        exports.mkdir()
        write_exports(exports, n)
        args = ["letter", "--exports", str(exports), "--held-since", "01/11/2026"]
        began, cpu = time.perf_counter(), time.process_time()
        result = CliRunner().invoke(cli, [*args, "-o", str(out), "--as-of", "30/11/2026"])
        elapsed, cpu = time.perf_counter() - began, time.process_time() - cpu
        if result.exit_code != 0:
            raise SystemExit(result.stderr or str(result.exception))
        written = len(list(out.glob("*.docx")))
    print(
        f"{written} letters in {elapsed:.1f} s ({elapsed / max(written, 1) * 1000:.0f} ms each); "
        f"{cpu:.1f} s CPU"
    )
    print("target: 500 letters in under 60 s:", "OK" if n < 500 or elapsed < 60 else "TOO SLOW")
    return elapsed


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 500)
