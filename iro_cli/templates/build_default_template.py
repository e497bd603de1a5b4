"""Build the default letter template ``letter.docx`` (run me after editing me).

    python -m iro_cli.templates.build_default_template [OUT.docx]

The template is made here, with python-docx, so that the shipped ``.docx`` is
not an opaque blob: every style and field is in this file. It follows the
British Dyslexia Association style guide: Arial 14pt, real Heading styles,
left-aligned, line spacing 1.3, no italics or underlining, bold only for
emphasis; the document language is set for spell-checkers and screen readers.

Fields are docxtpl (Jinja) tags; ``{%p ... %}`` tags sit in paragraphs of their
own and vanish on rendering. A service can open the result in Word, change
the wording and layout, keep the ``{{ ... }}`` fields it wants, and point
``template`` in the ``[letters]`` section of ``iro.toml`` at its copy.

Welsh (stretch goal): ``build(out, language="cy")`` makes the same layout
tagged as Welsh; a Welsh-language template needs its fixed wording translated
and is set with ``template_cy`` in ``iro.toml``. None is shipped yet.
"""

from __future__ import annotations

import io
import sys
import zipfile
from datetime import datetime
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

FONT = "Arial"
HERE = Path(__file__).resolve().parent
LANG_TAGS = {"en": "en-GB", "cy": "cy-GB"}
FIXED_TIME = datetime(2025, 1, 1)  # so that the same script always makes the same bytes


def _font(style, size: float, *, bold: bool = False) -> None:
    font = style.font
    font.name = FONT
    font.size = Pt(size)
    font.bold = bold
    font.italic = False
    font.underline = False
    font.all_caps = False
    font.color.rgb = RGBColor(0, 0, 0)
    # East-Asian and complex-script fonts too, or Word falls back to its theme font.
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
        fonts.attrib.pop(qn(attr), None)


def _paragraph(style, *, before: float, after: float, spacing: float = 1.3) -> None:
    fmt = style.paragraph_format
    fmt.alignment = WD_ALIGN_PARAGRAPH.LEFT
    fmt.line_spacing = spacing
    fmt.space_before = Pt(before)
    fmt.space_after = Pt(after)


def _set_language(document, tag: str) -> None:
    styles = document.styles.element
    rpr_default = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = rpr_default.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr_default.append(lang)
    for attr in ("w:val", "w:eastAsia", "w:bidi"):
        lang.set(qn(attr), tag)


def _styles(document) -> None:
    styles = document.styles
    normal = styles["Normal"]
    _font(normal, 14)
    _paragraph(normal, before=0, after=8)
    for name, size, before, after in (
        ("Title", 22, 0, 12),
        ("Heading 1", 20, 18, 8),
        ("Heading 2", 16, 16, 6),
        ("Heading 3", 14, 10, 2),
    ):
        style = styles[name]
        _font(style, size, bold=True)
        _paragraph(style, before=before, after=after, spacing=1.15)
        style.paragraph_format.keep_with_next = True
    # The Title style carries a bottom border in the default template: drop it.
    title_ppr = styles["Title"].element.get_or_add_pPr()
    for border in title_ppr.findall(qn("w:pBdr")):
        title_ppr.remove(border)
    bullet = styles["List Bullet"]
    _font(bullet, 14)
    _paragraph(bullet, before=0, after=6)


def _p(
    document,
    text: str,
    style: str | None = None,
    *,
    bold: bool = False,
    keep_with_next: bool = False,
    space_before: float | None = None,
    space_after: float | None = None,
) -> None:
    paragraph = document.add_paragraph(style=style)
    run = paragraph.add_run(text)
    if bold:
        run.bold = True
    if keep_with_next:
        paragraph.paragraph_format.keep_with_next = True
    if space_before is not None:
        paragraph.paragraph_format.space_before = Pt(space_before)
    if space_after is not None:
        paragraph.paragraph_format.space_after = Pt(space_after)


def build(out: Path, language: str = "en") -> Path:
    """Write the default template to ``out``."""
    document = Document()
    _set_language(document, LANG_TAGS[language])
    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2.2))
    _styles(document)
    core = document.core_properties
    core.title = "Letter after a review meeting"
    core.author = ""
    core.comments = "iro default letter template (docxtpl fields)"
    core.language = LANG_TAGS[language]
    core.created = core.modified = FIXED_TIME
    core.last_modified_by = ""
    core.revision = 1

    _p(document, "{{ title }}", "Title")
    _p(document, "{{ letter_date }}")
    _p(document, "{{ greeting }}")
    _p(document, "{%p for line in intro %}")
    _p(document, "{{ line }}")
    _p(document, "{%p endfor %}")

    _p(document, "{{ headings.meeting }}", "Heading 1")
    _p(document, "{%p for line in meeting.text %}")
    _p(document, "{{ line }}", keep_with_next=True)
    _p(document, "{%p endfor %}")
    _p(document, "{%p for person in meeting.people %}")
    _p(document, "{{ person }}", "List Bullet")
    _p(document, "{%p endfor %}")

    _p(document, "{{ headings.messages }}", "Heading 1")
    _p(document, "{%p for message in messages %}")
    _p(document, "{{ message.heading }}", "Heading 2")
    _p(document, "{{ message.text }}")
    _p(document, "{%p endfor %}")
    _p(document, "{%p if no_messages %}")
    _p(document, "{{ no_messages }}")
    _p(document, "{%p endif %}")

    _p(document, "{{ headings.plan }}", "Heading 1")
    _p(document, "{{ plan_intro }}", keep_with_next=True)
    _p(document, "{%p for item in recommendations %}")
    _p(document, "{{ item }}", "List Bullet")
    _p(document, "{%p endfor %}")
    _p(document, "{%p if more_recommendations %}")
    _p(document, "{{ headings.more }}", "Heading 2")
    _p(document, "{%p endif %}")
    _p(document, "{%p for item in more_recommendations %}")
    _p(document, "{{ item }}", "List Bullet")
    _p(document, "{%p endfor %}")

    _p(document, "{{ headings.next }}", "Heading 1")
    _p(document, "{%p for line in next_meeting.text %}")
    _p(document, "{{ line }}")
    _p(document, "{%p endfor %}")

    _p(document, "{{ headings.contact }}", "Heading 1")
    _p(document, "{%p for line in iro.text %}")
    _p(document, "{{ line }}")
    _p(document, "{%p endfor %}")

    # The last section and the sign-off are one block: the sign-off never stands alone
    # on a page (keep with next on every line of it), and the signature and the
    # service's name sit close together, so a short letter keeps to two pages.
    _p(document, "{{ headings.help }}", "Heading 1")
    _p(document, "{%p for line in help %}")
    _p(document, "{{ line }}", keep_with_next=True)
    _p(document, "{%p endfor %}")

    _p(document, "{{ sign_off }}", space_before=12, keep_with_next=True)
    _p(document, "{{ signature }}", bold=True, keep_with_next=True, space_after=0)
    _p(document, "{{ service.name }}")

    out.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    document.save(buffer)
    out.write_bytes(_reproducible_zip(buffer.getvalue()))
    return out


def _reproducible_zip(data: bytes) -> bytes:
    """The same zip with fixed member times, so rebuilding gives identical bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    out = Path(args[0]) if args else HERE / "letter.docx"
    build(out)
    print(out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
