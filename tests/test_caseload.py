"""``iro caseload`` and ``--changes`` on a small export folder; every figure counted by hand."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from iro_cli.cli import cli
from tests.conftest import write_csv

CHILD_HEADER = ["Person ID", "Forename", "Surname", "Date of Birth", "Period Start",
                "Period End", "Allocated IRO", "Team"]  # fmt: skip
AS_OF = ["--as-of", "31/03/2026"]


def child(pid: str, iro: str, start: str = "01/01/2025", end: str = "") -> list[str]:
    return [pid, "Sam", "Lee", "01/01/2012", start, end, iro, "CiC 1"]


@pytest.fixture
def caseload_exports(tmp_path: Path) -> Path:
    rows = [CHILD_HEADER]
    rows += [child(f"A{i:03d}", "Ann Half") for i in range(1, 41)]  # 40 children, 0.5 FTE
    rows += [
        child("B001", "Bob Full", "01/01/2024", "01/01/2025"),  # ended
        child("B001", "Bob Full", "02/01/2025"),  # B001 has two open rows: counted once
        child("B001", "Bob Full", "01/03/2026"),
        child("B002", "Bob Full"),
        child("B003", "Bob Full", end="31/03/2026"),  # ended on the day: not looked after
        child("B004", "Bob Full", end="15/03/2026"),
        child("B005", "Bob Full", start="01/04/2026"),  # not yet in care
        child("C001", "Cat NoFte"),
        child("C002", "Cat NoFte"),
        child("C003", "Cat NoFte"),
        child("D001", "Dan Missing"),  # not in iros.csv
        child("E001", ""),  # no IRO allocated
        child("F001", "Eve Gone", "01/01/2020", "01/01/2021"),  # named, not in iros.csv
    ]
    write_csv(tmp_path, "children.csv", rows)
    write_csv(
        tmp_path,
        "iros.csv",
        [
            ["Name", "FTE", "Team"],
            ["Ann Half", "0.5", "IRO North"],
            ["Bob Full", "1.0", "IRO South"],
            ["Cat NoFte", "", "IRO South"],
        ],
    )
    write_csv(
        tmp_path,
        "cp_plans.csv",
        [
            ["Person ID", "Strategy Discussion Date", "Plan Start", "Plan End", "Chair"],
            ["P1", "01/01/2026", "01/02/2026", "", "Bob Full"],  # open
            ["P2", "01/01/2026", "10/01/2026", "01/03/2026", "Bob Full"],  # ended
            ["P3", "01/03/2026", "10/04/2026", "", "Bob Full"],  # begins after the day
            ["P4", "01/01/2026", "01/02/2026", "", "Ann Half"],  # two open plans:
            ["P4", "02/01/2026", "02/02/2026", "", "Ann Half"],  # counted once
        ],
    )
    return tmp_path


def rows_of(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_caseload_counted_by_hand(runner, caseload_exports: Path) -> None:
    result = runner.invoke(
        cli, ["caseload", "--exports", str(caseload_exports), *AS_OF, "--format", "csv"]
    )
    assert result.exit_code == 0, result.output
    rows = {r["iro"]: r for r in rows_of(result.stdout)}
    ann = rows["Ann Half"]  # 40 children / 0.5 FTE = 80 per FTE, above 70
    assert (ann["children"], ann["children_per_fte"], ann["over_range"]) == ("40", "80.0", "true")
    assert ann["cp_children"] == "1"
    bob = rows["Bob Full"]  # B001 (once) and B002
    assert (bob["children"], bob["children_per_fte"], bob["cp_children"]) == ("2", "2.0", "1")
    assert bob["over_range"] == "false"
    cat = rows["Cat NoFte"]  # no FTE: no rate, never over range
    assert (cat["children"], cat["children_per_fte"], cat["over_range"]) == ("3", "", "false")
    dan = rows["Dan Missing"]
    assert (dan["children"], dan["not_in_iros"], dan["fte"]) == ("1", "true", "")
    assert rows["(no IRO allocated)"]["children"] == "1"
    eve = rows["Eve Gone"]  # an IRO named only on a closed row: listed, flagged, no children
    assert (eve["children"], eve["not_in_iros"]) == ("0", "true")
    total = rows["Total"]  # 40+2+3+1+1 children; (40+2) / (0.5+1.0) FTE = 28.0
    assert (total["children"], total["fte"], total["children_per_fte"]) == ("47", "1.5", "28.0")
    assert total["cp_children"] == "2"
    assert "caseload 28.0 children per FTE" in result.stderr
    assert "1 IRO above 70 per FTE" in result.stderr


def test_caseload_band_from_config(runner, caseload_exports: Path, tmp_path: Path) -> None:
    config = tmp_path / "iro.toml"
    config.write_text("[caseload]\nmin = 1\nmax = 1.5\n")
    result = runner.invoke(
        cli,
        [
            "caseload",
            "--exports",
            str(caseload_exports),
            "--config",
            str(config),
            *AS_OF,
            "--format",
            "csv",
        ],  # fmt: skip
    )
    rows = {r["iro"]: r for r in rows_of(result.stdout)}
    assert rows["Bob Full"]["over_range"] == "true"  # 2.0 > 1.5
    config.write_text("[caseload]\nmax = 'seventy'\n")
    result = runner.invoke(
        cli, ["caseload", "--exports", str(caseload_exports), "--config", str(config), *AS_OF]
    )
    assert result.exit_code == 2 and "[caseload] max must be a number" in result.stderr


REVIEW_HEADER = ["Review ID", "Person ID", "Review Type", "Review Date", "Status", "Chair"]


@pytest.fixture
def changes_exports(tmp_path: Path) -> Path:
    write_csv(
        tmp_path,
        "children.csv",
        [
            CHILD_HEADER,
            child("C1", "Yan", "01/01/2025"),
            child("C2", "Ali", "01/01/2024", "31/01/2025"),  # two periods of care:
            child("C2", "Cy", "01/02/2025"),  # the chain runs across them
            child("C3", "Ali", "01/01/2025"),
            child("C4", "Ali", "01/01/2024", "01/03/2026"),  # left care: not listed
        ],
    )
    write_csv(
        tmp_path,
        "reviews.csv",
        [
            REVIEW_HEADER,
            ["R1", "C1", "CLA Review", "01/02/2025", "Held", "Xi"],
            # 20/02/2025 is more than 12 months before 31/03/2026 (the cut is 31/03/2025):
            # the change Xi > Yan is not counted; Yan > Zed on 30/04/2025 (11 months) is.
            ["R2", "C1", "CLA Review", "20/02/2025", "Held", "Yan"],
            ["R3", "C1", "CLA Review", "30/04/2025", "Held", "Zed"],
            ["R4", "C2", "CLA Review", "01/06/2024", "Held", "Ali"],
            ["R5", "C2", "CLA Review", "01/06/2025", "Held", "Bea"],
            ["R6", "C2", "CLA Review", "01/12/2025", "Held", "Ali"],
            ["R7", "C2", "CLA Review", "01/03/2026", "Held", "Cy"],
            ["R8", "C2", "CLA Review", "10/04/2026", "Held", "Dee"],  # after the day
            ["R9", "C3", "CLA Review", "01/06/2025", "Held", "Ali"],
            ["R10", "C3", "CLA Review", "01/09/2025", "Rearranged", "Bea"],  # not held
            ["R11", "C3", "CLA Review", "10/09/2025", "Held", "ali"],  # same IRO
            ["R12", "C3", "ICPC", "10/10/2025", "Held", "Bea"],  # not a CLA review
            ["R13", "C4", "CLA Review", "01/06/2025", "Held", "Ali"],
            ["R14", "C4", "CLA Review", "01/12/2025", "Held", "Bea"],
        ],
    )
    return tmp_path


def test_changes_of_iro_counted_by_hand(runner, changes_exports: Path) -> None:
    result = runner.invoke(
        cli,
        ["caseload", "--changes", "--exports", str(changes_exports), *AS_OF, "--format", "csv"],
    )
    assert result.exit_code == 0, result.output
    rows = rows_of(result.stdout)
    assert [(r["person_id"], r["changes"], r["chairs"]) for r in rows] == [
        ("C2", "3", "Ali > Bea > Ali > Cy"),
        ("C1", "1", "Yan > Zed"),
        ("C3", "0", "Ali"),
    ]
    assert "3 children looked after on 31/03/2026" in result.stderr
    assert "1 none, 1 one, 0 two, 1 three or more" in result.stderr
