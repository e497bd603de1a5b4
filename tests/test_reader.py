"""The export reader: encodings, headers, dates, IDs, summary and duplicate rows."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from iro_cli.config import Config, load_config
from iro_cli.errors import ExportNotFoundError, InputError
from iro_cli.exports.reader import DateError, decode, load_export, parse_date, read_export_file
from iro_cli.exports.schema import CHILDREN, EXPORTS, REVIEWS, snake
from tests.conftest import write_csv

HEADER = ["Person ID", "Forename", "Surname", "Date of Birth", "Period Start"]


def children(tmp_path: Path, rows: list[list[str]], encoding: str = "utf-8", header=HEADER):
    return write_csv(tmp_path, "children.csv", [header, *rows], encoding)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("03/04/2025", date(2025, 4, 3)),  # 3 April, never 4 March
        ("3/4/2025", date(2025, 4, 3)),
        ("12/01/2027", date(2027, 1, 12)),
        ("03/04/2025 14:30", date(2025, 4, 3)),
        ("03/04/2025 09:05:00", date(2025, 4, 3)),
        ("2025-04-03", date(2025, 4, 3)),
        ("2025-04-03T14:30:00", date(2025, 4, 3)),
        ("03-04-2025", date(2025, 4, 3)),
        ("3 Apr 2025", date(2025, 4, 3)),
        ("03-Apr-2025", date(2025, 4, 3)),
        ("3 April 2025", date(2025, 4, 3)),
        ("29/02/2024", date(2024, 2, 29)),
        (" 01/12/2026 ", date(2026, 12, 1)),
    ],
)
def test_parse_date_day_first(text: str, expected: date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("31/02/2026", "not a real date"),
        ("29/02/2025", "not a real date"),
        ("31/04/2026", "not a real date"),
        ("00/01/2026", "not a real date"),
        ("01/13/2026", "no such month"),
        ("04/03/25", "two-digit year"),
        ("03/04/2025 25:00", "impossible time of day"),
        ("next Tuesday", "not a date"),
        ("2026-02-30", "not a real date"),
    ],
)
def test_parse_date_rejects(text: str, reason: str) -> None:
    with pytest.raises(DateError, match=reason):
        parse_date(text)


def test_reads_utf8_and_keeps_leading_zeros(tmp_path: Path) -> None:
    path = children(tmp_path, [["007123", "Zoë", "O’Neill", "03/04/2015", "01/02/2026"]])
    result = read_export_file(path, CHILDREN)
    assert result.encoding == "UTF-8"
    assert result.problems == []
    row = result.frame.iloc[0]
    assert row["person_id"] == "007123"
    assert (row["forename"], row["surname"]) == ("Zoë", "O’Neill")
    assert row["date_of_birth"] == date(2015, 4, 3)
    assert row["period_end"] is None
    assert row["preferred_name"] == ""
    assert row["short_breaks"] is False
    assert row["_line"] == 2


@pytest.mark.parametrize(
    ("encoding", "expected"),
    [
        ("utf-8", "UTF-8"),
        ("utf-8-sig", "UTF-8 with BOM"),
        ("cp1252", "Windows-1252"),
        ("utf-16", "UTF-16"),
    ],
)
def test_detects_encoding(tmp_path: Path, encoding: str, expected: str) -> None:
    path = children(tmp_path, [["1", "Zoë", "O’Neill", "03/04/2015", "01/02/2026"]], encoding)
    result = read_export_file(path, CHILDREN)
    assert result.encoding == expected
    assert list(result.frame["forename"]) == ["Zoë"]
    assert list(result.frame["surname"]) == ["O’Neill"]
    assert result.errors == []


def test_decode_windows_1252_curly_apostrophe() -> None:
    assert decode("O’Neill Zoë".encode("cp1252")) == ("O’Neill Zoë", "Windows-1252")


def test_headers_ignore_case_spaces_and_bom(tmp_path: Path) -> None:
    header = ["\ufeff person id ", "FORENAME", "surname", "Date  of Birth", "period start", ""]
    path = children(
        tmp_path, [["9", "Amir", "Khan", "01/01/2010", "02/02/2020", ""]], header=header
    )
    result = read_export_file(path, CHILDREN)
    assert result.errors == []
    assert result.frame.iloc[0]["person_id"] == "9"


def test_header_mapping_from_iro_toml(tmp_path: Path) -> None:
    (tmp_path / "iro.toml").write_text(
        '[headers.children]\n"Child ID" = "Person ID"\n"DOB" = "Date of Birth"\n'
        '"CLA Start" = "Period Start"\n'
    )
    config = load_config(tmp_path / "iro.toml")
    path = children(
        tmp_path,
        [["0042", "Ola", "Nowak", "15/06/2012", "03/04/2025"]],
        header=["child id", "Forename", "Surname", "DOB", "CLA Start"],
    )
    result = read_export_file(path, CHILDREN, config.header_map("children"))
    assert result.errors == []
    row = result.frame.iloc[0]
    assert (row["person_id"], row["period_start"]) == ("0042", date(2025, 4, 3))


def test_missing_required_column_is_named(tmp_path: Path) -> None:
    path = children(tmp_path, [["1", "A", "B", "01/01/2010"]], header=HEADER[:4])
    (problem,) = read_export_file(path, CHILDREN).errors
    assert str(problem) == (
        f"{path}, line 1, column 'Period Start': required column is missing (expected a header "
        "'Period Start', or a mapping in iro.toml [headers.children])"
    )


def test_impossible_date_names_file_line_column_and_id_only(tmp_path: Path) -> None:
    path = children(
        tmp_path,
        [
            ["1", "Ann", "Lee", "01/01/2010", "02/02/2020"],
            ["2", "Bo", "Yu", "31/02/2016", "02/02/2020"],
        ],
    )
    (problem,) = read_export_file(path, CHILDREN).errors
    text = str(problem)
    assert text == (
        f"{path}, line 3, column 'Date of Birth' (ID 2): not a real date "
        "(expected a date as dd/mm/yyyy)"
    )
    assert "31/02" not in text and "Bo" not in text  # no personal data beyond the ID


def test_summary_row_and_blank_rows_skipped(tmp_path: Path) -> None:
    path = children(
        tmp_path,
        [
            ["1", "Ann", "Lee", "01/01/2010", "02/02/2020"],
            ["", "", "", "", ""],
            ["2", "Bo", "Yu", "01/01/2011", "02/02/2021"],
            ["", "", "", "", ""],
            ["Total rows: 2", "", "", "", ""],
        ],
    )
    result = read_export_file(path, CHILDREN)
    assert list(result.frame["person_id"]) == ["1", "2"]
    assert list(result.frame["_line"]) == [2, 4]
    # a skipped line is always told (issue #14)
    assert [p.severity for p in result.problems] == ["warning"]


def test_summary_row_with_wrong_count_warns(tmp_path: Path) -> None:
    path = children(
        tmp_path, [["1", "Ann", "Lee", "01/01/2010", "02/02/2020"], ["Total rows: 412"]]
    )
    warnings = [p for p in read_export_file(path, CHILDREN).problems if p.severity == "warning"]
    assert [p.message for p in warnings] == [
        "skipped as a summary line (one label and a number), not data; "
        "it says 412 rows but the file has 1"
    ]


def test_exact_duplicates_dropped_with_warning(tmp_path: Path, capsys) -> None:
    row = ["1", "Ann", "Lee", "01/01/2010", "02/02/2020"]
    children(tmp_path, [row, ["2", "Bo", "Yu", "01/01/2011", "02/02/2021"], row, row])
    frame = load_export("children", tmp_path, Config())
    assert list(frame["person_id"]) == ["1", "2"]
    err = capsys.readouterr().err
    assert (
        err == f"iro: warning: {tmp_path / 'children.csv'}: 2 exact duplicate rows dropped "
        "(lines 4, 5)\n"
    )


def test_trailing_empty_columns_and_short_rows(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path,
        "children.csv",
        [
            HEADER + ["Period End"],
            ["1", "Ann", "Lee", "01/01/2010", "02/02/2020", "", "", ""],
            ["2", "Bo", "Yu", "01/01/2011", "02/02/2021"],
        ],
    )
    result = read_export_file(path, CHILDREN)
    assert result.errors == []
    assert list(result.frame["period_end"]) == [None, None]


def test_too_many_cells_is_an_error(tmp_path: Path) -> None:
    path = children(tmp_path, [["1", "Ann", "Lee", "01/01/2010", "02/02/2020", "surprise"]])
    (problem,) = read_export_file(path, CHILDREN).errors
    assert problem.line == 2 and "6 cells but the header has 5" in problem.message


def test_codes_normalised_and_descriptions_mapped(tmp_path: Path) -> None:
    header = [
        "Review ID",
        "Person ID",
        "Review Type",
        "Review Date",
        "Status",
        "Participation Code",
    ]
    path = write_csv(
        tmp_path,
        "reviews.csv",
        [
            header,
            ["R1", "1", "cla review", "01/02/2026", "held", "pn1"],
            [
                "R2",
                "1",
                "LAC Review",
                "01/03/2026",
                "HELD",
                "Child physically attends and speaks for him or herself",
            ],
            ["R3", "1", "CLA Review", "01/04/2026", "Held", "PN6 - views sent by another means"],
            ["R4", "1", "CLA Review", "01/05/2026", "Scheduled", ""],
        ],
    )
    result = read_export_file(path, REVIEWS)
    assert result.errors == []
    assert list(result.frame["review_type"]) == ["CLA Review"] * 4
    assert list(result.frame["status"]) == ["Held", "Held", "Held", "Scheduled"]
    assert list(result.frame["participation_code"]) == ["PN1", "PN1", "PN6", ""]


def test_unknown_code_is_an_error_naming_the_row(tmp_path: Path) -> None:
    header = ["Review ID", "Person ID", "Review Type", "Review Date", "Status"]
    path = write_csv(
        tmp_path, "reviews.csv", [header, ["R9", "1", "CLA Review", "01/02/2026", "Hled"]]
    )
    (problem,) = read_export_file(path, REVIEWS).errors
    assert str(problem) == (
        f"{path}, line 2, column 'Status' (ID R9): a text of 4 characters is not a known value; "
        "did you mean 'Held'? (expected one of Held, Scheduled, Rearranged, Cancelled)"
    )


def test_blank_required_value(tmp_path: Path) -> None:
    path = children(tmp_path, [["1", "Ann", "Lee", "", "02/02/2020"]])
    (problem,) = read_export_file(path, CHILDREN).errors
    assert (problem.line, problem.column, problem.message) == (2, "Date of Birth", "is blank")


def test_load_export_raises_first_error_with_count(tmp_path: Path) -> None:
    children(
        tmp_path,
        [["1", "Ann", "Lee", "31/02/2010", "02/02/2020"], ["2", "Bo", "Yu", "xx", "02/02/2020"]],
    )
    with pytest.raises(InputError) as info:
        load_export("children", tmp_path, Config())
    assert str(info.value).endswith("; and 1 more problem: run `iro validate`")
    assert "line 2, column 'Date of Birth'" in str(info.value)


def test_missing_file_says_how_to_point_to_it(tmp_path: Path) -> None:
    with pytest.raises(ExportNotFoundError, match=r"children.csv not found .* --exports DIR"):
        load_export("children", tmp_path, Config())


def test_semicolon_and_tab_separated_files(tmp_path: Path) -> None:
    for sep in (";", "\t"):
        path = tmp_path / "children.csv"
        path.write_text(
            sep.join(HEADER) + "\n" + sep.join(["1", "A", "B", "01/01/2010", "02/02/2020"])
        )
        result = read_export_file(path, CHILDREN)
        assert result.errors == [] and result.rows == 1


def test_schema_names_are_snake_case_and_unique() -> None:
    for spec in EXPORTS.values():
        names = [c.name for c in spec.columns]
        assert len(names) == len(set(names))
        assert all(name == snake(c.header) for name, c in zip(names, spec.columns, strict=True))
    assert snake("Child's Views") == "childs_views"


@pytest.mark.parametrize("cell", ["inf", "-Infinity", "nan", "1e400", "2.5"])
def test_whole_number_column_rejects_fractions_and_non_finite_numbers(
    tmp_path: Path, cell: str
) -> None:
    header = ["Review ID", "Person ID", "Recommendation No", "Recommendation"]
    path = write_csv(
        tmp_path,
        "recommendations.csv",
        [header, ["R1", "P1", "1", "Visit"], ["R2", "P1", cell, "Call"]],
    )
    result = read_export_file(path, EXPORTS["recommendations"])
    (problem,) = result.problems
    assert str(problem) == (
        f"{path}, line 3, column 'Recommendation No' (ID R2): '{cell}' is not a whole number "
        "(expected a whole number)"
    )
    assert list(result.frame["recommendation_no"]) == [1]


def test_problems_come_row_by_row_in_header_order_then_the_duplicates(tmp_path: Path) -> None:
    path = children(
        tmp_path,
        [
            ["1", "Ann", "Lee", "31/02/2010", "xx"],  # line 2: two bad dates
            ["2", "", "Yu", "01/01/2011", "02/02/2021", "extra"],  # line 3: too long, only that
            [" 1", "Ann ", "Lee", "31/02/2010", "xx"],  # line 4: line 2 again once stripped
            ["3", "", "Day", "", "01/01/2020"],  # line 5: two blanks
            ["", "", "", "", ""],  # line 6: blank, skipped
            ["4", "Di", "Eve", "01/01/2012", "01/01/2020", "", " "],  # line 7: blank extras
        ],
    )
    result = read_export_file(path, CHILDREN)
    assert [(p.line, p.column, p.message, p.row_id) for p in result.problems] == [
        (2, "Date of Birth", "not a real date", "1"),
        (2, "Period Start", "not a date", "1"),
        (3, None, "row has 6 cells but the header has 5", ""),
        (5, "Forename", "is blank", "3"),
        (5, "Date of Birth", "is blank", "3"),
        (None, None, "1 exact duplicate row dropped (line 4)", ""),
    ]
    assert [p.severity for p in result.problems] == ["error"] * 5 + ["warning"]
    assert list(result.frame["person_id"]) == ["4"]
    assert list(result.frame["_line"]) == [7]
    assert result.rows == 1


def test_line_numbers_count_line_breaks_inside_quoted_cells(tmp_path: Path) -> None:
    path = tmp_path / "children.csv"
    path.write_bytes(
        b"Person ID,Forename,Surname,Date of Birth,Period Start,Team\r\n"
        b'1,Ann,Lee,01/01/2010,02/02/2020,"Team\r\nNorth"\r\n'  # lines 2-3
        b'2,Bo,Yu,01/01/2011,02/02/2021,"A\nB\rC"\r\n'  # lines 4-6
        b"3,Cy,Day,30/02/2012,02/02/2022,\r\n"  # line 7
        b"4,Di,Eve,01/01/2013,02/02/2023,South\r\n"  # line 8
    )
    result = read_export_file(path, CHILDREN)
    assert list(result.frame["_line"]) == [2, 4, 8]
    assert list(result.frame["team"]) == ["Team\r\nNorth", "A\nB\rC", "South"]
    (problem,) = result.problems
    assert (problem.line, problem.column, problem.row_id) == (7, "Date of Birth", "3")


def test_header_below_blank_lines_is_named_at_its_own_line(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path,
        "children.csv",
        [[""], ["", ""], HEADER[:4] + ["Notes"], ["1", "Ann", "Lee", "01/01/2010", "x"]],
    )
    result = read_export_file(path, CHILDREN)
    assert [(p.line, p.column, p.message) for p in result.problems] == [
        (3, "Notes", "column is not used by iro"),
        (3, "Period Start", "required column is missing"),
    ]
    assert list(result.frame["_line"]) == [4]


def test_more_than_five_duplicates_are_listed_with_an_ellipsis(tmp_path: Path) -> None:
    row = ["1", "Ann", "Lee", "01/01/2010", "02/02/2020"]
    path = children(tmp_path, [row] * 8)
    (problem,) = read_export_file(path, CHILDREN).problems
    assert problem.message == "7 exact duplicate rows dropped (lines 3, 4, 5, 6, 7 ...)"


@pytest.mark.parametrize("cell", ["nan", "NaN", "inf", "-Infinity", "1e400"])
def test_number_column_rejects_non_finite_numbers(tmp_path: Path, cell: str) -> None:
    header = ["Name", "FTE"]
    path = write_csv(tmp_path, "iros.csv", [header, ["Ann Iro", "0.8"], ["Bo Iro", cell]])
    result = read_export_file(path, EXPORTS["iros"])
    (problem,) = result.problems
    assert str(problem) == (
        # the IRO's name is the row's key, but a name is never shown (issue #14)
        f"{path}, line 3, column 'FTE' (ID not shown): '{cell}' is not a number (expected a number)"
    )
    assert list(result.frame["fte"]) == [0.8]
