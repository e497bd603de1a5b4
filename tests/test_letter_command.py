"""``iro letter`` end to end on tests/data/letter: the .docx files, opened with python-docx."""

from __future__ import annotations

import io
import os
import re
import shutil
import stat
import subprocess
from pathlib import Path

import pytest
from docx import Document

from iro_cli.cli import cli
from iro_cli.lint import lint_text, load_terms

DATA = Path(__file__).resolve().parent / "data" / "letter"
BASE = [
    "letter",
    "--exports",
    str(DATA),
    "--config",
    str(DATA / "iro.toml"),
    "--as-of",
    "13/11/2026",
]
SIBLINGS = {"1001": ("Eleanor", "Ellie", "Smith"), "1002": ("Jack", "Smith")}


def paragraphs(path: Path) -> list[tuple[str, str]]:
    document = Document(io.BytesIO(path.read_bytes()))
    return [(p.style.name, p.text) for p in document.paragraphs if p.text.strip()]


def key_messages(paras: list[tuple[str, str]]) -> list[str]:
    """The Heading 2 titles under "What we talked about"."""
    out, inside = [], False
    for style, text in paras:
        if style == "Heading 1":
            inside = text == "What we talked about"
        elif inside and style == "Heading 2":
            out.append(text)
    return out


@pytest.fixture(scope="module")
def batch_dir(tmp_path_factory) -> Path:
    from click.testing import CliRunner

    out = tmp_path_factory.mktemp("letters")
    result = CliRunner().invoke(cli, [*BASE, "--held-since", "01/11/2026", "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    return out


# person, file, greeting, messages, next meeting, IRO phone, IRO email, version check
CASES = [
    (
        "1002",
        "letter_1002_2026-11-05.docx",
        "Dear Jack,",
        3,
        "Your next meeting is on 5 May 2027.",
        "01632 960001",
        "pat.brown@example.gov.uk",
        "Ask a grown-up to read this letter with you.",
    ),
    (
        "1001",
        "letter_1001_2026-11-05.docx",
        "Dear Ellie,",
        3,
        "Your next meeting will be on 4 May 2027.",
        "01632 960001",
        "pat.brown@example.gov.uk",
        "This letter tells you about your meeting on 5 November 2026.",
    ),
    (
        "1003",
        "letter_1003_2026-11-12.docx",
        "Dear Ty,",
        3,
        "Your next meeting will be on 12 May 2027.",
        "01632 960002",
        "lee.patel@example.gov.uk",
        "I am Lee Patel. I run your review meetings.",
    ),
    (
        "1004",
        "letter_1004_2026-11-12.docx",
        "Dear Jordan,",
        3,
        "Your next meeting will be on 12 May 2027.",
        "01632 960002",
        "lee.patel@example.gov.uk",
        "You can also ask your personal adviser to tell me.",
    ),
]


@pytest.mark.parametrize(
    ("person", "name", "greeting", "messages", "next_line", "phone", "email", "version"), CASES
)
def test_each_age_version(
    batch_dir: Path, person, name, greeting, messages, next_line, phone, email, version
) -> None:
    paras = paragraphs(batch_dir / name)
    texts = [t for _, t in paras]
    assert greeting in texts
    assert version in texts
    found = key_messages(paras)
    assert len(found) == messages <= 3
    assert next_line in texts
    assert f"You can ring me on {phone}." in texts
    assert f"You can email me at {email}." in texts
    whole = "\n".join(texts)
    assert "Exampleshire Advocacy" in whole and "0800 000 1234" in whole
    assert "01632 960100" in whole  # complaints
    # No care word, label or unexplained acronym is left in the letter outside marked gaps.
    outside = re.sub(r"\[IRO:[^\]]*\]", "", "\n".join(texts))
    findings = lint_text(outside, {"language"}, load_terms({}), None)
    assert [(f.code, f.match) for f in findings] == []
    # No other child's name or ID (the siblings share the surname Smith).
    for other, words in SIBLINGS.items():
        if other != person:
            assert other not in whole
            for word in words:
                assert word not in whole


def test_sibling_letters_leave_each_other_out(batch_dir: Path) -> None:
    ellie = "\n".join(t for _, t in paragraphs(batch_dir / "letter_1001_2026-11-05.docx"))
    jack = "\n".join(t for _, t in paragraphs(batch_dir / "letter_1002_2026-11-05.docx"))
    for word in ("Jack", "1002", "Smith"):
        assert word not in ellie
    for word in ("Ellie", "Eleanor", "1001", "Smith"):
        assert word not in jack
    # What is safe stays: Ellie's own views and actions.
    assert "You told me you like living with Jo and want more family time with Mum." in ellie
    assert "Sam (your social worker) will book your dentist check by 15 January 2027." in ellie


def test_recommendations_rewritten_for_each_child(batch_dir: Path) -> None:
    ty = [t for s, t in paragraphs(batch_dir / "letter_1003_2026-11-12.docx") if s == "List Bullet"]
    assert ty[-3:] == [
        "You will go to boxing club twice a week.",
        # 16 words: within the 20-word limit at 13, so the date stays in the sentence.
        "Chris (your key worker) will help you get to school on time by 19 December 2026.",
        "I will check your school plan at the next review by 12 May 2027.",
    ]
    jordan = [
        t for s, t in paragraphs(batch_dir / "letter_1004_2026-11-12.docx") if s == "List Bullet"
    ]
    assert (
        "Your personal adviser will help you apply for an apprenticeship by 31 January 2027."
        in jordan
    )


def test_files_are_private_and_named_by_id(batch_dir: Path) -> None:
    names = sorted(p.name for p in batch_dir.iterdir())
    assert names == [case[1] for case in sorted(CASES)]
    for path in batch_dir.iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_batch_summary_and_skip_reasons(runner, tmp_path: Path) -> None:
    result = runner.invoke(cli, [*BASE, "--held-since", "01/11/2026", "-o", str(tmp_path)])
    assert result.exit_code == 0
    assert "Wrote 4 letters." in result.stdout
    assert "no held review since 01/11/2026: 2 (1005, 1006)" in result.stdout
    assert "letter_1004_2026-11-12.docx: Welsh is the child's preferred language" in result.stderr
    assert "named another child" in result.stderr
    again = runner.invoke(cli, [*BASE, "--held-since", "01/11/2026", "-o", str(tmp_path)])
    assert again.exit_code == 0
    assert "Wrote 0 letters." in again.stdout
    assert "file exists (use --force): 4 (1001, 1002, 1003, 1004)" in again.stdout
    forced = runner.invoke(cli, [*BASE, "--iro", "Lee Patel", "-o", str(tmp_path), "--force"])
    assert forced.exit_code == 0
    assert "Wrote 2 letters." in forced.stdout


def test_single_letter_and_no_overwrite(runner, tmp_path: Path) -> None:
    target = tmp_path / "ellie.docx"
    result = runner.invoke(cli, [*BASE, "--child", "1001", "-o", str(target)])
    assert result.exit_code == 0, result.stderr
    assert target.is_file()
    again = runner.invoke(cli, [*BASE, "--child", "1001", "-o", str(target)])
    assert again.exit_code == 2
    assert again.stderr == f"iro: error: {target} already exists; use --force to replace it\n"
    older = runner.invoke(cli, [*BASE, "--child", "1001", "--review", "R7", "-o", str(tmp_path)])
    assert older.exit_code == 0
    assert (tmp_path / "letter_1001_2026-05-05.docx").is_file()


def test_single_letter_errors(runner, tmp_path: Path) -> None:
    none = runner.invoke(cli, [*BASE, "--child", "1005", "-o", str(tmp_path)])
    assert none.exit_code == 2
    assert none.stderr == "iro: error: child 1005 has no held review in reviews.csv\n"
    missing = runner.invoke(cli, [*BASE, "--child", "9999"])
    assert missing.stderr == "iro: error: child 9999 is not in children.csv\n"
    scheduled = runner.invoke(cli, [*BASE, "--child", "1001", "--review", "R8"])
    assert "review R8 is Scheduled, not Held" in scheduled.stderr
    usage = runner.invoke(cli, [*BASE])
    assert usage.exit_code == 2


def test_check_template_default_and_unknown_fields(runner, tmp_path: Path) -> None:
    from docx import Document as New

    from iro_cli.letters.render import default_template

    shipped = tmp_path / "letter.docx"
    shipped.write_bytes(default_template())
    ok = runner.invoke(cli, ["letter", "--check-template", str(shipped)])
    assert ok.exit_code == 0
    assert "  greeting           ok" in ok.stdout
    assert ok.stdout.rstrip().endswith("All fields are known.")
    own = New()
    own.add_paragraph("Dear {{ greeting }} {{ child.name }}, see {{ sibling_name }}")
    path = tmp_path / "own.docx"
    own.save(str(path))
    bad = runner.invoke(cli, ["letter", "--check-template", str(path)])
    assert bad.exit_code == 1
    assert "  sibling_name       UNKNOWN" in bad.stdout
    assert "1 unknown field(s): sibling_name." in bad.stdout


def test_service_template_from_config(runner, tmp_path: Path) -> None:
    from docx import Document as New

    own = New()
    own.add_paragraph("{{ greeting }}")
    own.add_paragraph("Next: {{ next_meeting.date }}")
    own.save(str(tmp_path / "ours.docx"))
    config = tmp_path / "iro.toml"
    config.write_text('[letters]\ntemplate = "ours.docx"\n', encoding="utf-8")
    args = ["letter", "--exports", str(DATA), "--config", str(config), "--as-of", "13/11/2026"]
    result = runner.invoke(cli, [*args, "--child", "1003", "-o", str(tmp_path)])
    assert result.exit_code == 0, result.stderr
    texts = [t for _, t in paragraphs(tmp_path / "letter_1003_2026-11-12.docx")]
    assert texts == ["Dear Ty,", "Next: 12 May 2027"]
    assert "does not set service_name, advocacy_name" in result.stderr


@pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed"
)
def test_letters_convert_to_pdf_with_libreoffice(batch_dir: Path, tmp_path: Path) -> None:
    for name in ("letter_1002_2026-11-05.docx", "letter_1004_2026-11-12.docx"):
        subprocess.run(
            [
                "soffice",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(tmp_path),
                str(batch_dir / name),
            ],
            check=True,
            capture_output=True,
            timeout=180,
            env={**os.environ, "HOME": str(tmp_path)},
        )
        pdf = tmp_path / name.replace(".docx", ".pdf")
        assert pdf.read_bytes()[:5] == b"%PDF-"


def test_service_wording_that_shares_a_childs_name_is_not_a_child(runner, tmp_path: Path) -> None:
    """ "Okafor Advocacy" (service text from iro.toml) is not Tyler Okafor, child 1003."""
    config = tmp_path / "iro.toml"
    config.write_text(
        (DATA / "iro.toml").read_text().replace("Exampleshire Advocacy", "Okafor Advocacy"),
        encoding="utf-8",
    )
    args = [*BASE[:3], "--config", str(config), *BASE[5:], "--child", "1004", "-o", str(tmp_path)]
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.stderr
    (letter,) = tmp_path.glob("letter_1004_*.docx")
    text = "\n".join(t for _, t in paragraphs(letter))
    assert "Okafor Advocacy" in text
    assert "Tyler" not in text and "1003" not in text


def test_batch_over_the_sample_writes_one_letter_per_child_reviewed(runner, tmp_path: Path) -> None:
    """Every child with a held CLA or pathway review since 01/11/2026 gets exactly one letter."""
    import csv
    from datetime import date, datetime

    from tests.conftest import SAMPLE

    expected = set()
    with open(SAMPLE / "reviews.csv", encoding="utf-8-sig") as handle:
        for row in csv.DictReader(handle):
            held = datetime.strptime(row["Review Date"][:10], "%d/%m/%Y").date()
            if (
                row["Status"] == "Held"
                and row["Review Type"] in ("CLA Review", "Pathway Plan Review")
                and date(2026, 11, 1) <= held <= date(2026, 11, 20)
            ):
                expected.add(row["Person ID"])
    args = ["letter", "--config", str(SAMPLE / "iro.toml"), "--held-since", "01/11/2026",
            "--as-of", "20/11/2026", "-o", str(tmp_path)]  # fmt: skip
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.stderr
    written = {p.name.split("_")[1] for p in tmp_path.glob("letter_*.docx")}
    assert len(expected) == 38
    assert written == expected
    assert f"Wrote {len(expected)} letters." in result.stdout


def test_check_an_edited_letter(runner, batch_dir: Path, tmp_path: Path) -> None:
    """--check: the draft's gaps and comments keep it not ready; an edited letter with a broken
    sentence is caught; once fixed and without comments it is ready (exit 0)."""
    from docx.oxml.ns import qn

    from iro_cli.letters.gaps import comment_count

    draft = batch_dir / "letter_1001_2026-11-05.docx"
    result = runner.invoke(cli, ["letter", "--check", str(draft)])
    assert result.exit_code == 1
    assert "a letter for a child aged 8 to 12: sentences of at most 15 words" in result.stdout
    gaps = result.stdout.count("GAP a gap for the IRO still to fill")
    assert gaps >= 1
    assert f"{comment_count(draft.read_bytes())} Word comment(s) still in the letter" in (
        result.stdout
    )

    # The IRO fills each gap, but with wording the checks catch, and deletes the comments.
    document = Document(io.BytesIO(draft.read_bytes()))
    bad = [
        "If you absconds again, ring Jo.",  # "you" with a third-person verb; a label
        "You to be offered therapy.",  # no verb; a passive nobody does
    ]
    markers = [p for p in document.paragraphs if p.text.startswith("[IRO:")]
    assert len(markers) == gaps
    fills = (bad + ["Jo will take you to the park on Saturday."] * len(markers))[: len(markers)]
    for paragraph, text in zip(markers, fills, strict=True):
        for run in paragraph.runs[1:]:
            run.text = ""
        paragraph.runs[0].text = text
    for element in document.element.body.iter():
        if element.tag in (qn("w:commentRangeStart"), qn("w:commentRangeEnd")):
            element.getparent().remove(element)
    for element in list(document.element.body.iter(qn("w:r"))):
        if element.find(qn("w:commentReference")) is not None:
            element.getparent().remove(element)
    edited = tmp_path / "edited.docx"
    document.save(edited)
    result = runner.invoke(cli, ["letter", "--check", str(edited)])
    assert result.exit_code == 1
    assert '"you" with a third-person verb (you absconds)' in result.stdout
    assert '"You to be" (no verb)' in result.stdout
    assert "GAP" not in result.stdout

    # Mended: ready to send.
    for paragraph in markers[: len(bad)]:
        paragraph.runs[0].text = "Jo will take you to the park on Saturday."
    document.save(edited)
    result = runner.invoke(cli, ["letter", "--check", str(edited)])
    assert result.exit_code == 0, result.stdout
    assert result.stdout.endswith("Ready to send: no problems found.\n")
