"""``iro lint-recommendations`` through click: inputs, formats, exit codes, notes."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from iro_cli.cli import cli
from tests.conftest import write_csv

HEADER = [
    "Review ID", "Person ID", "Recommendation No", "Recommendation", "Responsible",
    "Target Date", "Lint Ignore",
]  # fmt: skip
GOOD = "Jo (foster carer) will book a dentist appointment by 30/04/2025."
BAD = "Referral to CAMHS to be made by 1 May 2025."


def _exports(tmp_path: Path, with_reviews: bool = True) -> Path:
    folder = tmp_path / "exports"
    write_csv(
        folder,
        "recommendations.csv",
        [
            HEADER,
            ["R1", "P1", "1", "Social worker will update the care plan.", "", "", ""],
            ["R2", "P1", "1", "Social worker will update the care plan.", "", "", "SMART003: ok"],
            ["R2", "P1", "2", GOOD, "", "", ""],
        ],
    )
    if with_reviews:
        write_csv(
            folder,
            "reviews.csv",
            [
                ["Review ID", "Person ID", "Review Type", "Review Date", "Status", "Chair",
                 "Next Review Date"],
                ["R1", "P1", "CLA Review", "01/09/2024", "Held", "Ann Iro", "03/03/2025"],
                ["R2", "P1", "CLA Review", "03/03/2025", "Held", "Ann Iro", "01/09/2025"],
            ],
        )  # fmt: skip
    return folder


def run(runner: CliRunner, *args: str, input: str | None = None):  # noqa: A002
    return runner.invoke(cli, ["lint-recommendations", *args], input=input)


def test_export_folder_csv_columns_and_exit_1(runner: CliRunner, tmp_path: Path) -> None:
    folder = _exports(tmp_path)
    result = run(runner, "--exports", str(folder), "--format", "csv", "--as-of", "03/03/2025")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0] == (
        "review_id,person_id,recommendation_no,line,code,category,severity,message,suggestion,text"
    )
    codes = [line.split(",")[4] for line in lines[1:]]
    assert codes == ["SMART003", "CARE001", "CARE001", "SMART007"]
    assert lines[1].startswith("R1,P1,1,2,SMART003,smart,error,")
    assert result.stderr == ""


def test_missing_reviews_is_a_note_not_a_failure(runner: CliRunner, tmp_path: Path) -> None:
    folder = _exports(tmp_path, with_reviews=False)
    result = run(runner, "--exports", str(folder), "--format", "json", "--fail-on", "never")
    assert result.exit_code == 0
    assert "reviews.csv not found: SMART006 (target dates) and SMART007 (drift)" in result.stderr
    records = json.loads(result.stdout)
    assert [r["code"] for r in records] == ["SMART003", "CARE001", "CARE001"]
    assert records[0]["recommendation_no"] == 1
    assert records[0]["line"] == 2


def test_fail_on_and_select_ignore(runner: CliRunner, tmp_path: Path) -> None:
    folder = _exports(tmp_path)
    base = ["--exports", str(folder), "--format", "csv", "--as-of", "03/03/2025"]
    assert run(runner, *base, "--select", "CARE", "--fail-on", "error").exit_code == 0
    result = run(runner, *base, "--ignore", "CARE,SMART007")
    assert [line.split(",")[4] for line in result.stdout.splitlines()[1:]] == ["SMART003"]
    assert result.exit_code == 1


def test_config_lint_section(runner: CliRunner, tmp_path: Path) -> None:
    folder = _exports(tmp_path)
    config = tmp_path / "iro.toml"
    config.write_text(
        '[lint]\nignore = ["SMART007"]\nseverity = { SMART003 = "info", CARE001 = "info" }\n'
        'allow_words = []\nfail_on = "warning"\n',
        encoding="utf-8",
    )
    result = run(runner, "--config", str(config), "--exports", str(folder), "--format", "csv")
    assert result.exit_code == 0
    assert [line.split(",")[6] for line in result.stdout.splitlines()[1:]] == ["info"] * 3


def test_bad_config_exits_2(runner: CliRunner, tmp_path: Path) -> None:
    config = tmp_path / "iro.toml"
    config.write_text('[lint]\nselect = ["NOPE1"]\n', encoding="utf-8")
    result = run(runner, "--config", str(config), "--exports", str(_exports(tmp_path)))
    assert result.exit_code == 2
    assert "iro.toml [lint] select: 'NOPE1' is not a rule code" in result.stderr


def test_missing_export_exits_2(runner: CliRunner, tmp_path: Path) -> None:
    result = run(runner, "--exports", str(tmp_path))
    assert result.exit_code == 2
    assert result.stderr.startswith("iro: error: recommendations.csv not found")


def test_bad_row_exits_2_naming_file_and_line(runner: CliRunner, tmp_path: Path) -> None:
    path = write_csv(tmp_path, "minutes.csv", [HEADER, ["R1", "P1", "x", "Text", "", "", ""]])
    result = run(runner, str(path))
    assert result.exit_code == 2
    assert "minutes.csv, line 2, column 'Recommendation No'" in result.stderr


def test_plain_text_file_one_recommendation_a_line(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "draft.txt"
    path.write_text(f"1. {GOOD}\n\n- {BAD}\n", encoding="utf-8")
    result = run(runner, str(path), "--format", "csv", "--as-of", "01/03/2025")
    assert result.exit_code == 1
    rows = [line.split(",") for line in result.stdout.splitlines()[1:]]
    assert [(r[2], r[3], r[4]) for r in rows] == [("2", "3", "SMART002"), ("2", "3", "ACR001")]


def test_stdin_text_and_csv(runner: CliRunner) -> None:
    result = run(runner, "-", "--format", "csv", "--as-of", "01/03/2025", input=GOOD + "\n")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[1:] == []
    csv_text = ",".join(HEADER) + "\nR1,P1,1,Update the plan.,,,\n"
    result = run(runner, "-", "--format", "csv", input=csv_text)
    assert [line.split(",")[4] for line in result.stdout.splitlines()[1:]] == [
        "SMART002",
        "SMART003",
    ]


def test_past_date_in_a_draft_is_checked_against_today(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "draft.txt"
    path.write_text("Jo (foster carer) will book the dentist by 30/04/2024.\n", encoding="utf-8")
    result = run(runner, str(path), "--format", "csv", "--as-of", "01/03/2025")
    assert "is before the review on 01/03/2025" in result.stdout


def test_summary_csv(runner: CliRunner, tmp_path: Path) -> None:
    folder = _exports(tmp_path)
    result = run(runner, "--exports", str(folder), "--summary", "--format", "csv")
    lines = result.stdout.splitlines()
    assert lines[0].startswith("level,iro,review_id,person_id,review_date,recommendations,")
    # 1 of 3 recommendations has no SMART finding: a fraction, as every rate is in csv
    assert lines[0].startswith(
        "level,iro,review_id,person_id,review_date,recommendations,smart_clean,smart_clean_rate,"
    )
    assert lines[1].startswith("iro,Ann Iro,,,,3,1,0.3333,")
    assert lines[-1].startswith("total,,,,,3,1,0.3333,")


def test_sarif_file_output(runner: CliRunner, tmp_path: Path) -> None:
    folder = _exports(tmp_path)
    out = tmp_path / "lint.sarif"
    result = run(runner, "--exports", str(folder), "-o", str(out), "--fail-on", "never")
    assert result.exit_code == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["version"] == "2.1.0"
    assert [r["ruleId"] for r in data["runs"][0]["results"]] == [
        "SMART003", "CARE001", "CARE001", "SMART007",
    ]  # fmt: skip
    assert (out.stat().st_mode & 0o777) == 0o600
    again = run(runner, "--exports", str(folder), "-o", str(out))
    assert again.exit_code == 2
    assert "already exists" in again.stderr


def test_list_rules(runner: CliRunner) -> None:
    result = run(runner, "--list-rules", "--format", "csv")
    assert result.exit_code == 0
    codes = [line.split(",")[0] for line in result.stdout.splitlines()[1:]]
    assert codes[:8] == [f"SMART00{i}" for i in range(1, 9)]
    assert {"CARE001", "CARE002", "ACR001", "PLAIN001", "PLAIN002", "LINT001"} <= set(codes)


def test_help_does_not_import_pandas() -> None:
    import subprocess
    import sys

    code = (
        "import sys; from click.testing import CliRunner; from iro_cli.cli import cli; "
        "CliRunner().invoke(cli, ['lint-recommendations', '--help']); "
        "print('pandas' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def _unnumbered(tmp_path: Path) -> Path:
    """R1 has recommendations 1 and 2; R2 one with a blank Recommendation No."""
    folder = tmp_path / "exports"
    write_csv(
        folder,
        "recommendations.csv",
        [
            HEADER,
            ["R1", "P1", "1", BAD, "", "", ""],
            ["R1", "P1", "2", BAD, "", "", ""],
            ["R2", "P2", "", BAD, "", "", ""],
        ],
    )
    return folder


def test_recommendation_numbers_stay_whole_when_one_is_blank(
    runner: CliRunner, tmp_path: Path
) -> None:
    """Not '1.0': a blank number used to turn the whole column into floats."""
    base = ["--exports", str(_unnumbered(tmp_path)), "--fail-on", "never", "--select", "SMART002"]
    result = run(runner, *base, "--format", "csv")
    finding = (
        'SMART002,smart,error,"no one named as responsible (""to be made"" does not say by '
        'whom)","name who will do it, in the Responsible column or the text (e.g. \'Priya '
        f"(social worker) will make the referral to CAMHS')\",{BAD}"
    )
    assert result.stdout.splitlines()[1:] == [
        f"R1,P1,1,2,{finding}",
        f"R1,P1,2,3,{finding}",
        f"R2,P2,,4,{finding}",
    ]
    records = json.loads(run(runner, *base, "--format", "json").stdout)
    assert [(r["review_id"], r["recommendation_no"], r["line"]) for r in records] == [
        ("R1", 1, 2),
        ("R1", 2, 3),
        ("R2", None, 4),
    ]
    table = runner.invoke(
        cli, ["lint-recommendations", *base, "--format", "table", "--wide"], env={"COLUMNS": "400"}
    ).stdout.splitlines()
    assert [line.split()[:4] for line in table[2:]] == [
        ["R1", "P1", "1", "2"],
        ["R1", "P1", "2", "3"],
        ["R2", "P2", "4", "SMART002"],
    ]


def test_findings_as_csv_or_json_do_not_import_pandas(tmp_path: Path) -> None:
    """Reading, linting and writing csv/json need no DataFrame (pandas is 0.5 s of start-up)."""
    import subprocess
    import sys

    folder = _exports(tmp_path)
    for fmt in ("csv", "json"):
        code = (
            "import sys; from click.testing import CliRunner; from iro_cli.cli import cli; "
            f"r = CliRunner().invoke(cli, ['lint-recommendations', '--exports', {str(folder)!r}, "
            f"'--format', '{fmt}', '--as-of', '03/03/2025']); "
            "print(r.exit_code, r.stdout.count('SMART'), 'pandas' in sys.modules)"
        )
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
        assert out.stdout.split() == ["1", "2", "False"], out.stderr


def test_list_rules_says_what_counts_as_smart(runner: CliRunner) -> None:
    result = run(runner, "--list-rules", "--format", "table")
    assert result.exit_code == 0
    text = " ".join(result.stdout.split())
    assert (
        "What counts as SMART: a recommendation is SMART when it has an identifiable owner" in text
    )
    assert "Telling or informing someone is not a second action." in text
