"""How a letter falls on the page: the sign-off never alone on a page; an under-8 letter
of the sample (Eli, 4, review 10/11/2026: three things agreed, one more, two gaps) in two.

The lead saw that letter render in LibreOffice as three pages, the third holding only
"Best wishes," the IRO's name and the service's name.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document

from iro_cli.cli import cli
from tests.conftest import SAMPLE

ARGS = [
    "letter",
    "--exports",
    str(SAMPLE),
    "--config",
    str(SAMPLE / "iro.toml"),
    "--child",
    "0027183",
    "--as-of",
    "20/11/2026",
]


@pytest.fixture(scope="module")
def under_8(tmp_path_factory) -> Path:
    from click.testing import CliRunner

    out = tmp_path_factory.mktemp("layout") / "u8.docx"
    result = CliRunner().invoke(cli, [*ARGS, "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "under8" in result.output
    return out


def _keeps_with_next(paragraph) -> bool:
    own = paragraph.paragraph_format.keep_with_next
    return bool(own if own is not None else paragraph.style.paragraph_format.keep_with_next)


def test_the_sign_off_keeps_with_the_text_before_it(under_8: Path) -> None:
    paragraphs = [p for p in Document(io.BytesIO(under_8.read_bytes())).paragraphs if p.text]
    texts = [p.text for p in paragraphs]
    start = texts.index("Other people who can help")
    end = texts.index("Best wishes,") + 1  # the sign-off, then the name, then the service
    block = paragraphs[start : end + 1]
    # The last heading, its lines, "Best wishes," and the name hold on to what follows
    # (counted from the letter: the heading, 5 lines, sign-off, name; the service last).
    assert [p.text for p in block][-1] == "Dawn Garside"
    assert len(block) == 8
    assert all(_keeps_with_next(p) for p in block)


@pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdftotext") is None,
    reason="LibreOffice (soffice) or poppler (pdftotext) is not installed",
)
def test_an_under_8_letter_fits_two_pages_and_signs_off_after_text(
    under_8: Path, tmp_path: Path
) -> None:
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(under_8)],
        check=True, capture_output=True, timeout=180, env={**os.environ, "HOME": str(tmp_path)},
    )  # fmt: skip
    pdf = tmp_path / "u8.pdf"
    pages = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout.split("\f")
    pages = [p for p in pages if p.strip()]
    assert len(pages) == 2
    last = [line.strip() for line in pages[-1].splitlines() if line.strip()]
    assert last[-3:] == ["Best wishes,", "Dawn Garside", "Northbrook Children's Services"]
    assert "Other people who can help" in last  # the sign-off follows its text
