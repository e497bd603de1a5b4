"""Write ``cases.toml``: each case's description, command and flags from ``SPEC`` with
the exit status and messages iro gives now. Run after changing a message, then READ the
diff: every expectation in cases.toml has been read and judged right by a person.

    python tests/bad_exports/record.py
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))

V = ["validate", "--as-of", "20/11/2026"]
OVERDUE = ["overdue", "--days", "400", "--as-of", "20/11/2026", "--format", "csv"]
XLSX = ["overdue", "--days", "400", "--as-of", "20/11/2026", "-o", "out.xlsx"]
LINT = ["lint-recommendations", "--as-of", "20/11/2026", "--format", "csv", "--fail-on", "never"]

# name -> (what it is, the command, extra keys). same_as_base: the csv output of every
# output command equals the clean base's; formula: the hostile value to look for.
SPEC: dict[str, tuple[str, list[str], dict[str, object]]] = {
    "base": ("the clean fictional base every other case changes", V, {}),
    "utf16le_bom": (
        "children.csv in UTF-16 LE with a BOM (Excel 'Unicode text')",
        V,
        {"same_as_base": True},
    ),
    "utf16be_bom": ("children.csv in UTF-16 BE with a BOM", V, {"same_as_base": True}),
    "utf16le_no_bom": ("children.csv in UTF-16 LE without a BOM", V, {"same_as_base": True}),
    "utf16be_no_bom": ("children.csv in UTF-16 BE without a BOM", V, {"same_as_base": True}),
    "utf8_bom": ("children.csv in UTF-8 with a BOM", V, {"same_as_base": True}),
    "windows1252": ("children.csv in Windows-1252 (Zoë, O’Neill)", V, {"same_as_base": True}),
    "windows1252_unused_byte": (
        "Windows-1252 with byte 0x81, which it leaves unused: read as U+FFFD, no crash",
        V,
        {},
    ),
    "utf16le_bom_reviews_tab": (
        "reviews.csv as Excel's 'Unicode text': UTF-16, tabs",
        V,
        {"same_as_base": True},
    ),
    "tab_separated": ("children.csv separated by tabs", V, {"same_as_base": True}),
    "semicolon_separated": (
        "children.csv separated by semicolons (European Excel)",
        V,
        {"same_as_base": True},
    ),
    "cr_only_endings": (
        "children.csv with CR-only line endings (old Mac)",
        V,
        {"same_as_base": True},
    ),
    "lf_endings": ("children.csv with LF line endings", V, {"same_as_base": True}),
    "mixed_endings": ("reviews.csv mixing LF, CR and CRLF", V, {"same_as_base": True}),
    "no_final_newline": ("children.csv without a final line break", V, {"same_as_base": True}),
    "cell_10mb": (
        "a 10 MB Child's Views cell with line breaks (made by the test)",
        V,
        {"make": "cell_10mb"},
    ),
    "line_1mb": (
        "a 1 MB line: 524,288 extra cells after a child's row (made by the test)",
        V,
        {"make": "line_1mb"},
    ),
    "xlsx_input": (
        "children as an Excel workbook (children.xlsx, made by the test)",
        V,
        {"make": "xlsx_input", "same_as_base": True},
    ),
    "xlsx_input_formula": (
        "children.xlsx with a real formula (=HYPERLINK) as a team: read as its cached value "
        "(none here: blank), never as a formula (made by the test)",
        OVERDUE,
        {"make": "xlsx_input_formula"},
    ),
    "nul_in_name": ("a NUL byte inside a forename: csv keeps it, xlsx replaces it", XLSX, {}),
    "nul_bytes_in_blank_cells": ("NUL bytes where cells are blank", V, {}),
    "too_many_fields": ("a row with two more (filled) cells than the header", V, {}),
    "too_few_fields": ("a row two cells short (Allocated IRO and Team missing)", V, {}),
    "excel_trailing_commas": (
        "Excel's trailing empty cells on every line",
        V,
        {"same_as_base": True},
    ),
    "duplicate_header_column": ("two columns headed Forename", V, {}),
    "blank_rows_in_the_middle": (
        "blank rows (and a row of commas) between reviews",
        V,
        {"same_as_base": True},
    ),
    "blank_lines_before_header": ("blank lines before the header row", V, {"same_as_base": True}),
    "header_case_and_spaces": ("headers in other case and spacing", V, {"same_as_base": True}),
    "spaces_around_cells": ("spaces around an ID and a name", V, {"same_as_base": True}),
    "empty_file": ("children.csv of 0 bytes", V, {}),
    "header_only": ("recommendations.csv with a header and no rows", V, {}),
    "required_column_missing": ("Period Start headed 'Start of Care' (no mapping)", V, {}),
    "unknown_columns": ("an extra column iro does not use", V, {}),
    "exact_duplicate_rows": ("a review row repeated exactly", V, {}),
    "not_a_csv_at_all": ("a PNG's bytes saved as children.csv", V, {}),
    "stray_quote_in_cell": ('a quote inside an unquoted cell (5"11), as Excel reads it', V, {}),
    "rtl_marks_and_emoji": (
        "a forename with right-to-left marks, Arabic script and an emoji",
        OVERDUE,
        {},
    ),
    "leading_zero_ids_kept": ("reviews.csv says 101 where children.csv says 0101", V, {}),
    "id_with_spaces": ("a Person ID with spaces around it", V, {"same_as_base": True}),
    "impossible_date": ("31/02/2015 as a date of birth", V, {}),
    "two_digit_year": ("01/06/15 as a date of birth", V, {}),
    "us_date": ("06/30/2015 (month first) as a date of birth", V, {}),
    "iso_dates_and_times": ("ISO dates and dates with a time of day", V, {"same_as_base": True}),
    "review_type_alias": ("'LAC Review' for CLA Review", V, {"same_as_base": True}),
    "formula_equals": ("a team '=1+2'", V, {"formula": "=1+2"}),
    "formula_plus": ("a forename '+Amara'", V, {"formula": "+Amara"}),
    "formula_minus": ("a chair '-Tom Reid'", V, {"formula": "-Tom Reid"}),
    "formula_at": ("a team '@SUM(A1)'", V, {"formula": "@SUM(A1)"}),
    "formula_hyperlink": ("a recommendation '=HYPERLINK(...)'", V, {"formula": "=HYPERLINK("}),
    "formula_in_cp_plans": ("a forename '=Jayden()' in cp_plans.csv", V, {"formula": "=Jayden()"}),
    "formula_tab": ("a team starting with a tab then '=1+2'", V, {"formula": "=1+2"}),
    "formula_cr": ("a team starting with a CR then '=1+2'", V, {"formula": "=1+2"}),
    "control_esc_in_team": ("an ESC in a team name, to xlsx", XLSX, {}),
    "control_vt_in_recommendation": (
        "a vertical tab in a recommendation, to xlsx",
        ["lint-recommendations", "--as-of", "20/11/2026", "-o", "out.xlsx", "--fail-on", "never"],
        {},
    ),
    "control_ff_in_chair": (
        "a form feed in a chair's name, to xlsx (lint --summary lists chairs)",
        [
            "lint-recommendations",
            "--summary",
            "--as-of",
            "20/11/2026",
            "-o",
            "out.xlsx",
            "--fail-on",
            "never",
        ],
        {},
    ),
    "sentence_in_status": ("a sentence about the child in Status", V, {}),
    "name_in_participation_code": ("a forename in Participation Code", V, {}),
    "name_in_short_breaks": ("a full name in Short Breaks (Y/N)", V, {}),
    "text_in_fte": ("words in FTE (a number)", V, {}),
    "misspelt_code": ("'Hled' for Held", V, {}),
    "summary_line": ("a final 'Total rows: 3' line", V, {"same_as_base": True}),
    "summary_line_wrong_count": ("a final 'Total rows: 30' line for 3 rows", V, {}),
    "summary_like_recommendation": (
        "a last row with only its Recommendation filled, starting 'Records'",
        LINT,
        {},
    ),
    "summary_in_other_column": ("'Total 3' in the third column of the last row", V, {}),
    "pn_code_with_space": ("'PN 1'", V, {"same_as_base": True}),
    "pn_code_with_hyphen": ("'PN-3'", V, {"same_as_base": True}),
    "pn_code_lower_case": ("'pn 2'", V, {"same_as_base": True}),
    "pn_code_with_description": ("'PN7 - did not take part'", V, {"same_as_base": True}),
    "birth_in_1900": ("a date of birth in 1900", V, {}),
    "held_in_2100": ("a review held in 2100", V, {}),
    "held_after_as_at": ("a review held after the as-at day", V, {}),
    "review_before_birth": ("a review before the child's date of birth", V, {}),
    "held_outside_care": ("a held CLA review before the child's period of care", V, {}),
    "review_id_twice": ("one Review ID on two different meetings", V, {}),
    "two_dates_of_birth": ("one child with two dates of birth", V, {}),
    "unterminated_quote": (
        "a quote opened before a forename and never closed",
        ["overdue", "--as-of", "20/11/2026"],
        {},
    ),
    "folder_named_like_export": (
        "a folder named children.csv",
        ["overdue", "--as-of", "20/11/2026"],
        {},
    ),
    "lint_file_many_errors": (
        "lint-recommendations FILE with three rows without a Review ID",
        ["lint-recommendations", "ex/recommendations.csv", "--as-of", "20/11/2026"],
        {},
    ),
}


def toml_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def main() -> None:
    os.environ.pop("IRO_CONFIG", None)
    from tests.test_bad_exports import HERE as CORPUS
    from tests.test_bad_exports import check_no_crash, invoke, prepare

    sys._called_from_test = True  # type: ignore[attr-defined]
    missing = {p.name for p in CORPUS.iterdir() if p.is_dir()} - set(SPEC) - {"__pycache__"}
    assert not missing, f"cases without a spec: {missing}"
    out = [
        "# The bad-export corpus: what iro must do with each folder here (issue #14).",
        "# Written by record.py with the results read and judged by a person; see",
        "# tests/test_bad_exports.py. Paths are as given: --exports ex, run in the folder.",
        "",
    ]
    import tests.test_bad_exports as module

    for name, (about, args, extra) in SPEC.items():
        module.CASES = {name: dict(extra)}
        with tempfile.TemporaryDirectory() as tmp:
            cwd = os.getcwd()
            os.chdir(tmp)
            try:
                prepare(name, Path(tmp))
                result = invoke(args)
                check_no_crash(result)
            finally:
                os.chdir(cwd)
        out.append(f"[{name}]")
        out.append(f"about = {toml_string(about)}")
        out.append(f"args = {json.dumps(args, ensure_ascii=False)}")
        for key, value in extra.items():
            out.append(f"{key} = {json.dumps(value, ensure_ascii=False)}")
        out.append(f"exit = {result.exit_code}")
        stdout = result.stdout
        if len(stdout) > 4000:
            stdout = None  # long data: compared with the base where it matters
        if stdout is not None:
            out.append(f"stdout = {toml_string(stdout)}")
        out.append(f"stderr = {toml_string(result.stderr)}")
        out.append("")
    (CORPUS / "cases.toml").write_text("\n".join(out), encoding="utf-8")


if __name__ == "__main__":
    main()
