"""Letters as Word documents: docxtpl templates in, ``.docx`` bytes out.

docxtpl (LGPL-2.1, used as a library) fills ``{{ ... }}`` fields and
``{%p for %}`` / ``{%p if %}`` blocks in a template a service can edit in Word.
The template is read once per run (bytes); each letter renders from a fresh
copy. Values are escaped (``autoescape=True``), so ``&`` or ``<`` in a record
cannot break the document.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Any

from iro_cli.errors import ConfigError
from iro_cli.letters.content import KNOWN_FIELDS

DEFAULT_TEMPLATE = "letter.docx"


def default_template() -> bytes:
    """The template shipped in the package (built by templates/build_default_template.py)."""
    return resources.files("iro_cli.templates").joinpath(DEFAULT_TEMPLATE).read_bytes()


@dataclass(frozen=True)
class TemplateCheck:
    fields: tuple[str, ...]
    unknown: tuple[str, ...]


def _template(data: bytes, name: str):
    from docxtpl import DocxTemplate

    try:
        return DocxTemplate(io.BytesIO(data))
    except Exception as exc:  # zipfile.BadZipFile, KeyError for a missing part...
        raise ConfigError(f"{name}: not a Word .docx file ({type(exc).__name__})") from None


def check_template(data: bytes, name: str = "template") -> TemplateCheck:
    """The template's fields (top-level names) and those ``iro letter`` does not fill."""
    from jinja2 import TemplateSyntaxError

    template = _template(data, name)
    try:
        fields = set(template.get_undeclared_template_variables())
    except TemplateSyntaxError as exc:
        raise ConfigError(f"{name}: template error near line {exc.lineno}: {exc.message}") from None
    return TemplateCheck(fields=tuple(sorted(fields)), unknown=tuple(sorted(fields - KNOWN_FIELDS)))


def render_docx(data: bytes, context: Mapping[str, Any], name: str = "template") -> bytes:
    """Fill the template with ``context``; the finished ``.docx`` as bytes."""
    from jinja2 import TemplateError

    template = _template(data, name)
    try:
        template.render(dict(context), autoescape=True)
    except TemplateError as exc:
        raise ConfigError(f"{name}: template error: {exc}") from None
    out = io.BytesIO()
    template.save(out)
    return out.getvalue()


def docx_paragraphs(data: bytes) -> list[tuple[str, str]]:
    """``(style name, text)`` for each non-empty paragraph of a ``.docx`` (tables too)."""
    from docx import Document

    document = Document(io.BytesIO(data))
    out = [(p.style.name if p.style is not None else "", p.text) for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                out.extend((p.style.name, p.text) for p in cell.paragraphs)
    return [(style, text) for style, text in out if text.strip()]
