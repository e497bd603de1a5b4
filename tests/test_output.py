"""The renderer: every format, UK/ISO dates, formula neutralising, safe files."""

from __future__ import annotations

import io
import json
import stat
from datetime import date, datetime
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
    # headers in words, as on screen ("Due date", not due_date)
    assert [c.value for c in sheet[1]] == [
        "Person ID",
        "Due date",
        "Days to due",
        "Scheduled late",
        "Note",
    ]
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
    assert default_format(output=Path("x.txt")) == "table"
    assert default_format(output=Path("x.dat")) == "csv"

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


@pytest.fixture
def nasty() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "text": pd.Series(["=a,b", ' say "hi"', "two\nlines", "-", "=a,b", None], dtype=object),
            "mixed": pd.Series([True, 1, 1.0, float("nan"), pd.NA, -0.0], dtype=object),
            "when": pd.Series(
                [
                    datetime(2027, 1, 12),
                    datetime(2027, 1, 12, 9, 30),
                    date(2027, 1, 12),
                    pd.Timestamp("2027-01-12"),
                    None,
                    float("nan"),
                ],
                dtype=object,
            ),
            "n": [3, -4, 0, 10**20, 7, 8],
        }
    )


def test_csv_quotes_neutralises_and_tells_true_from_1(nasty) -> None:
    assert render_bytes(nasty, "csv").decode() == (
        "text,mixed,when,n\r\n"
        '"\'=a,b",true,2027-01-12,3\r\n'
        '" say ""hi""",1,2027-01-12T09:30:00,-4\r\n'
        '"two\nlines",1.0,2027-01-12,0\r\n'
        "'-,,2027-01-12,100000000000000000000\r\n"
        '"\'=a,b",,,7\r\n'
        ",-0.0,,8\r\n"
    )


def test_json_keeps_text_as_is_and_tells_true_from_1(nasty) -> None:
    assert json.loads(render_bytes(nasty, "json")) == [
        {"text": "=a,b", "mixed": True, "when": "2027-01-12", "n": 3},
        {"text": ' say "hi"', "mixed": 1, "when": "2027-01-12T09:30:00", "n": -4},
        {"text": "two\nlines", "mixed": 1.0, "when": "2027-01-12", "n": 0},
        {"text": "-", "mixed": None, "when": "2027-01-12", "n": 10**20},
        {"text": "=a,b", "mixed": None, "when": None, "n": 7},
        {"text": None, "mixed": -0.0, "when": None, "n": 8},
    ]


def test_json_layout_two_space_indent_unicode_kept() -> None:
    frame = pd.DataFrame({"name": ["Zoë"], "rate": [float("inf")], "late": [False]})
    assert render_bytes(frame, "json").decode() == (
        '[\n  {\n    "name": "Zoë",\n    "rate": Infinity,\n    "late": false\n  }\n]\n'
    )
    assert render_bytes(frame.head(0), "json") == b"[]\n"


def test_csv_one_column_blank_cell_is_quoted_and_no_rows_is_the_header() -> None:
    frame = pd.DataFrame({"note": pd.Series(["a", "", None], dtype=object)})
    assert render_bytes(frame, "csv") == b'note\r\na\r\n""\r\n""\r\n'
    assert render_bytes(frame.head(0), "csv") == b"note\r\n"


def test_repeated_column_name_json_keeps_the_last_value() -> None:
    frame = pd.DataFrame([[1, 2]], columns=["a", "a"])
    assert render_bytes(frame, "csv") == b"a,a\r\n1,2\r\n"
    assert json.loads(render_bytes(frame, "json")) == [{"a": 2}]


@pytest.fixture
def missing_dates() -> pd.DataFrame:
    """pandas' missing date (NaT) in a datetime column and in a column of dates."""
    return pd.DataFrame(
        {
            "person_id": pd.Series(["P1", "P2"], dtype=object),
            "seen": pd.Series([pd.Timestamp("2025-01-02"), pd.NaT]),
            "due_date": pd.Series([pd.NaT, date(2025, 3, 4)], dtype=object),
        }
    )


def test_missing_date_is_a_blank_csv_cell_not_nat(missing_dates) -> None:
    assert render_bytes(missing_dates, "csv").decode() == (
        "person_id,seen,due_date\r\nP1,2025-01-02,\r\nP2,,2025-03-04\r\n"
    )


def test_missing_date_is_json_null_not_nat(missing_dates) -> None:
    assert json.loads(render_bytes(missing_dates, "json")) == [
        {"person_id": "P1", "seen": "2025-01-02", "due_date": None},
        {"person_id": "P2", "seen": None, "due_date": "2025-03-04"},
    ]


def test_missing_date_is_blank_in_a_table_and_a_spreadsheet(missing_dates, tmp_path) -> None:
    lines = render_bytes(missing_dates, "table").decode().splitlines()
    assert [line.split() for line in lines[2:]] == [["P1", "02/01/2025"], ["P2", "04/03/2025"]]
    sheet = load_workbook(io.BytesIO(render_bytes(missing_dates, "xlsx"))).active
    assert [[cell.value for cell in row] for row in sheet.iter_rows(min_row=2)] == [
        ["P1", datetime(2025, 1, 2), None],
        ["P2", None, datetime(2025, 3, 4)],
    ]


def test_layout_table_fits_shortens_and_leaves_out_columns() -> None:
    from iro_cli.output import layout_table

    frame = pd.DataFrame(
        {
            "name": ["Amara Okafor", "Zoë O’Neill"],
            "days_to_due": [-31, 10],
            "basis": ["next review: 6 months after review held 20/04/2026", "first review"],
        }
    )
    full = layout_table(frame).text.splitlines()
    assert full[0] == "Name          Days to due  Basis"
    assert (
        full[2] == "Amara Okafor          -31  next review: 6 months after review held 20/04/2026"
    )
    # 40 wide: the long text gives way first, numbers right-aligned, headers wrap
    fitted = layout_table(frame, width=40)
    assert fitted.left_out == []
    lines = fitted.text.splitlines()
    assert max(map(len, lines)) == 40
    assert lines[:2] == ["Name            Days  Basis", "              to due"]
    assert lines[3] == "Amara Okafor     -31  next review: 6 mo…"
    # too narrow for three columns: the right-most goes, and is named
    narrow = layout_table(frame, width=20)
    assert narrow.left_out == ["Basis"]
    assert narrow.text.splitlines()[3] == "Amara Okafor     -31"
    # wrapping (--wide) keeps every column and every word
    wrapped = layout_table(frame, width=40, wrap=True).text
    assert "…" not in wrapped and "20/04/2026" in wrapped
    assert max(map(len, wrapped.splitlines())) <= 40


def test_layout_table_with_no_rows_and_ids_left_aligned() -> None:
    from iro_cli.output import layout_table

    empty = layout_table(pd.DataFrame({"person_id": [], "days_to_due": []}), width=80)
    assert empty.text.splitlines() == ["Person ID  Days to due", "---------  -----------"]
    ids = layout_table(pd.DataFrame({"person_id": ["0101", "12"], "n": [1, 12]}))
    assert ids.text.splitlines()[2:] == ["0101        1", "12         12"]


def test_csv_fields_whole_column_as_csv_writer_gives_them() -> None:
    """Worked out by hand: "'" before a formula's first character, quotes around a comma,
    quote or line break (inner quotes doubled), a tab or DEL left as they are."""
    from iro_cli.exports.tables import strings
    from iro_cli.output import csv_field_array, csv_records

    cells = ["", "plain", "=1+2", "-5", "@a", "\tx", "\rx", "a,b", 'say "hi"', "two\nlines",
             "tab\there", "del\x7f", "Siân, Zoë"]  # fmt: skip
    want = ["", "plain", "'=1+2", "'-5", "'@a", "'\tx", "\"'\rx\"", '"a,b"', '"say ""hi"""',
            '"two\nlines"', "tab\there", "del\x7f", '"Siân, Zoë"']  # fmt: skip
    assert csv_field_array(strings(cells)).to_pylist() == want
    assert csv_field_array(strings(["a", "b"])).to_pylist() == ["a", "b"]
    fields = csv_field_array(strings(cells))
    assert csv_records([fields, strings(["x"] * len(cells))]) == "".join(
        f"{field},x\r\n" for field in want
    ).encode("utf-8")
    assert csv_records([strings([])]) == b""
