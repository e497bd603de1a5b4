"""``iro overdue`` / ``iro upcoming`` end to end on a small export folder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from iro_cli.cli import cli
from tests.conftest import write_csv

CHILDREN = [
    [
        "Person ID",
        "Forename",
        "Surname",
        "Date of Birth",
        "Period Start",
        "Period End",
        "Allocated IRO",
        "Team",
    ],
    ["0101", "Amara", "Okafor", "01/06/2015", "01/10/2026", "", "Hannah Price", "CiC 1"],
    ["0102", "Zoë", "O’Neill", "12/02/2012", "02/11/2026", "", "Hannah Price", "CiC 2"],
    ["0103", "Tomasz", "Nowak", "30/09/2010", "16/11/2026", "", "Tom Reid", "CiC 1"],
    ["0104", "Leah", "Morgan", "05/05/2011", "06/01/2025", "31/10/2026", "Tom Reid", "CiC 1"],
    ["0105", "=cmd", "Evans", "05/05/2011", "05/01/2026", "", "Tom Reid", "CiC 2"],
]
REVIEWS = [
    ["Review ID", "Person ID", "Review Type", "Review Date", "Status", "Chair"],
    ["R1", "0105", "CLA Review", "28/01/2026", "Held", "Tom Reid"],
    ["R2", "0105", "CLA Review", "20/04/2026", "Held", "Tom Reid"],
    ["R3", "0105", "CLA Review", "10/12/2026", "Scheduled", "Tom Reid"],
    ["R4", "0102", "CLA Review", "27/11/2026", "Scheduled", "Hannah Price"],
]
AS_OF = ["--as-of", "20/11/2026"]


@pytest.fixture
def exports(tmp_path: Path) -> Path:
    write_csv(tmp_path, "children.csv", CHILDREN, encoding="cp1252")
    write_csv(tmp_path, "reviews.csv", REVIEWS)
    return tmp_path


def run(runner, exports: Path, *args: str):
    return runner.invoke(cli, [*args, "--exports", str(exports), *AS_OF])


def test_overdue_csv_exact(runner, exports: Path) -> None:
    result = run(runner, exports, "overdue", "--days", "14", "--format", "csv")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "person_id,name,review_type,due_date,days_to_due,status,scheduled_date,scheduled_late,"
        "not_booked,iro,team,basis",
        "0105,'=cmd Evans,CLA Review,2026-10-20,-31,overdue,2026-12-10,true,false,Tom Reid,CiC 2,"
        "next review: 6 months after review held 20/04/2026",
        "0101,Amara Okafor,CLA Review,2026-10-29,-22,overdue,,false,true,Hannah Price,CiC 1,"
        "first review: 20 working days after care began on 01/10/2026",
        "0102,Zoë O’Neill,CLA Review,2026-11-30,10,due,2026-11-27,false,false,Hannah Price,CiC 2,"
        "first review: 20 working days after care began on 02/11/2026",
    ]
    # 0105 is booked for 10/12, after its due date; 0101 (overdue) has nothing booked.
    assert result.stderr == (
        "2 overdue (1 not booked, 1 booked late); 1 due in the next 14 days "
        "(as at 20/11/2026; no cp_plans.csv, so no child protection conferences)\n"
    )


def test_upcoming_leaves_out_overdue(runner, exports: Path) -> None:
    result = run(runner, exports, "upcoming", "--days", "30", "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [(r["person_id"], r["due_date"], r["days_to_due"], r["status"]) for r in rows] == [
        ("0102", "2026-11-30", 10, "due"),
        ("0103", "2026-12-14", 24, "due"),
    ]
    assert rows[0]["scheduled_date"] == "2026-11-27" and rows[0]["scheduled_late"] is False
    assert result.stderr.startswith("2 due in the next 30 days (as at 20/11/2026")


def test_table_marks_overdue_and_uses_uk_dates(runner, exports: Path) -> None:
    result = runner.invoke(
        cli,
        ["overdue", "--exports", str(exports), *AS_OF, "--days", "14", "--format", "table"],
        env={"COLUMNS": "120"},
    )
    lines = result.stdout.splitlines()
    assert lines == [
        "Name          Review type  Due date    Days to due  Status   Booked           IRO",
        "------------  -----------  ----------  -----------  -------  ---------------  ------------",  # noqa: E501
        "=cmd Evans    CLA Review   20/10/2026          -31  OVERDUE  10/12/2026 LATE  Tom Reid",
        "Amara Okafor  CLA Review   29/10/2026          -22  OVERDUE  NOT BOOKED       Hannah Price",  # noqa: E501
        "Zoë O’Neill   CLA Review   30/11/2026           10  due      27/11/2026       Hannah Price",  # noqa: E501
    ]


def test_fail_if_overdue_and_filters(runner, exports: Path) -> None:
    assert run(runner, exports, "overdue", "--fail-if-overdue", "--format", "csv").exit_code == 1
    result = run(
        runner, exports, "overdue", "--iro", "tom reid", "--format", "csv", "--fail-if-overdue"
    )
    assert result.exit_code == 1  # 0105 is overdue (20/10/2026)
    assert [ln.split(",")[0] for ln in result.stdout.splitlines()[1:]] == ["0105"]
    result = run(runner, exports, "overdue", "--team", "CiC 2", "--days", "14", "--format", "csv")
    assert [ln.split(",")[0] for ln in result.stdout.splitlines()[1:]] == ["0105", "0102"]
    assert len(run(runner, exports, "overdue", "--format", "csv").stdout.splitlines()) == 3


def test_unknown_iro_suggests_the_close_name(runner, exports: Path) -> None:
    result = run(runner, exports, "overdue", "--iro", "Hanna Price")
    assert result.exit_code == 2
    assert result.stderr == (
        "iro: error: no reviews for IRO 'Hanna Price' in the exports; "
        "did you mean 'Hannah Price'?\n"
    )


def test_type_cp_without_cp_plans_names_the_file(runner, exports: Path) -> None:
    result = run(runner, exports, "overdue", "--type", "cp")
    assert result.exit_code == 2
    assert result.stderr.startswith("iro: error: cp_plans.csv not found in the export directory")


def test_bad_as_of_is_a_usage_error(runner, exports: Path) -> None:
    result = runner.invoke(cli, ["overdue", "--exports", str(exports), "--as-of", "31/02/2026"])
    assert result.exit_code == 2
    assert "'31/02/2026': not a real date" in result.stderr


def test_xlsx_needs_no_overwrite(runner, exports: Path, tmp_path: Path) -> None:
    target = tmp_path / "out.xlsx"
    assert run(runner, exports, "overdue", "-o", str(target)).exit_code == 0
    assert target.read_bytes()[:2] == b"PK"
    again = run(runner, exports, "overdue", "-o", str(target))
    assert again.exit_code == 2 and "already exists; use --force" in again.stderr
    assert run(runner, exports, "overdue", "-o", str(target), "--force").exit_code == 0
