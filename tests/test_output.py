"""The renderer: every format, UK/ISO dates, formula neutralising, safe files."""

from __future__ import annotations

import io
import json
import stat
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from iro_cli.errors import OutputError
from iro_cli.fileio import write_atomic
from iro_cli.output import default_format, neutralise, render_bytes, table_header


@pytest.fixture
def frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "person_id": pd.Series(["007", '=HYPERLINK("x")'], dtype=object),
            "due_date": pd.Series([date(2027, 1, 12), None], dtype=object),
            "days_to_due": [-5, 14],
            "scheduled_late": [True, False],
            "note": pd.Series(["+44 1632", "@SUM(A1)"], dtype=object),
        }
    )


def test_csv_iso_dates_injection_neutralised_negative_numbers_kept(frame) -> None:
    assert render_bytes(frame, "csv").decode() == (
        "person_id,due_date,days_to_due,scheduled_late,note\r\n"
        "007,2027-01-12,-5,true,'+44 1632\r\n"
        '"\'=HYPERLINK(""x"")",,14,false,\'@SUM(A1)\r\n'
    )


def test_csv_excel_bom(frame) -> None:
    assert render_bytes(frame, "csv", excel=True).startswith(b"\xef\xbb\xbfperson_id,")


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1+2", "@x", "\tx", "\rx"])
def test_neutralise_dangerous_starts(text: str) -> None:
    assert neutralise(text) == "'" + text


def test_neutralise_leaves_plain_text() -> None:
    assert neutralise("Sam (social worker)") == "Sam (social worker)"


def test_json_records_with_iso_dates_and_nulls(frame) -> None:
    assert json.loads(render_bytes(frame, "json")) == [
        {
            "person_id": "007",
            "due_date": "2027-01-12",
            "days_to_due": -5,
            "scheduled_late": True,
            "note": "+44 1632",
        },
        {
            "person_id": '=HYPERLINK("x")',
            "due_date": None,
            "days_to_due": 14,
            "scheduled_late": False,
            "note": "@SUM(A1)",
        },
    ]


def test_table_uk_dates_and_readable_headers(frame) -> None:
    lines = render_bytes(frame, "table").decode().splitlines()
    assert lines[0].split() == [
        "Person",
        "ID",
        "Due",
        "date",
        "Days",
        "to",
        "due",
        "Scheduled",
        "late",
        "Note",
    ]
    assert "12/01/2027" in lines[2] and "2027-01-12" not in lines[2]
    assert lines[2].split()[:4] == ["007", "12/01/2027", "-5", "yes"]


def test_table_custom_formatter() -> None:
    frame = pd.DataFrame({"rate": [0.8125, None]})
    text = render_bytes(
        frame, "table", table_format={"rate": lambda v: "" if pd.isna(v) else f"{v:.1%}"}
    )
    assert text.decode().splitlines()[2:] == ["81.2%", ""]


def test_xlsx_real_dates_and_text_never_formulas(frame, tmp_path: Path) -> None:
    path = tmp_path / "out.xlsx"
    path.write_bytes(render_bytes(frame, "xlsx", sheet="Overdue"))
    sheet = load_workbook(path).active
    assert sheet.title == "Overdue"
    assert [c.value for c in sheet[1]] == list(frame.columns)
    assert sheet["A3"].value == '=HYPERLINK("x")' and sheet["A3"].data_type == "s"
    assert sheet["B2"].value.date() == date(2027, 1, 12)
    assert sheet["B2"].number_format == "dd/mm/yyyy"
    assert sheet["C2"].value == -5 and sheet["D2"].value is True
    assert sheet.freeze_panes == "A2"


def test_table_header_names() -> None:
    assert table_header("person_id") == "Person ID"
    assert table_header("iro") == "IRO"
    assert table_header("PN0") == "PN0"


def test_default_format() -> None:
    assert default_format(io.StringIO()) == "csv"
    assert default_format(output=Path("x.xlsx")) == "xlsx"
    assert default_format(output=Path("x.json")) == "json"
    assert default_format(output=Path("x.txt")) == "csv"

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    assert default_format(Tty()) == "table"


def test_write_atomic_mode_0600_and_no_overwrite(tmp_path: Path) -> None:
    path = tmp_path / "out.csv"
    write_atomic(path, b"one")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    with pytest.raises(OutputError, match="already exists; use --force"):
        write_atomic(path, b"two")
    assert path.read_bytes() == b"one"
    write_atomic(path, b"two", force=True)
    assert path.read_bytes() == b"two"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]  # no temp files left


def test_unknown_format() -> None:
    with pytest.raises(OutputError, match="unknown format 'pdf'"):
        render_bytes(pd.DataFrame({"a": [1]}), "pdf")
