"""The shipped default template: rebuilt by its script, accessible, fields all known."""

from __future__ import annotations

import io

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from iro_cli.letters.content import KNOWN_FIELDS
from iro_cli.letters.render import check_template, default_template
from iro_cli.templates.build_default_template import build


def test_shipped_template_is_what_the_script_builds(tmp_path) -> None:
    assert build(tmp_path / "letter.docx").read_bytes() == default_template()


def test_template_is_accessible() -> None:
    document = Document(io.BytesIO(default_template()))
    for name in ("Normal", "List Bullet", "Title", "Heading 1", "Heading 2"):
        style = document.styles[name]
        assert style.font.name == "Arial"
        assert style.font.italic is False and style.font.underline is False
        assert style.font.all_caps is False
        assert style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.LEFT
    assert document.styles["Normal"].font.size == Pt(14)
    assert document.styles["Normal"].paragraph_format.line_spacing == 1.3
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == [
        "{{ headings.meeting }}",
        "{{ headings.messages }}",
        "{{ headings.plan }}",
        "{{ headings.next }}",
        "{{ headings.contact }}",
        "{{ headings.help }}",
    ]
    assert document.core_properties.language == "en-GB"


def test_template_fields_are_all_known() -> None:
    result = check_template(default_template())
    assert result.unknown == ()
    assert set(result.fields) <= KNOWN_FIELDS
    assert {"greeting", "messages", "recommendations", "next_meeting", "iro"} <= set(result.fields)
