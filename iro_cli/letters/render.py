"""Letters as Word documents: docxtpl templates in, ``.docx`` bytes out.

docxtpl (LGPL-2.1, used as a library) fills ``{{ ... }}`` fields and
``{%p for %}`` / ``{%p if %}`` blocks in a template a service can edit in Word.
The template is read once per run (bytes); each letter renders from a fresh
copy. Values are escaped (``autoescape=True``), so ``&`` or ``<`` in a record
cannot break the document.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

from iro_cli.errors import ConfigError
from iro_cli.letters.content import KNOWN_FIELDS
from iro_cli.letters.gaps import Gap, add_comments

DEFAULT_TEMPLATE = "letter.docx"
CATEGORY = "iro letter: "  # + the age version, in the core properties


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


_ENVIRONMENT: Any = None


def _environment() -> Any:
    """One Jinja environment per run that compiles each template part once.

    docxtpl compiles the document XML on every render; for a batch that is the
    same source string each time, so the compiled template is kept.
    """
    global _ENVIRONMENT
    if _ENVIRONMENT is None:
        from jinja2 import Environment

        class CachingEnvironment(Environment):
            def from_string(self, source, globals=None, template_class=None):  # noqa: A002
                if globals is not None or template_class is not None:
                    return super().from_string(source, globals, template_class)
                cache = self.__dict__.setdefault("_compiled", {})
                if source not in cache:
                    if len(cache) > 64:
                        cache.clear()
                    cache[source] = super().from_string(source)
                return cache[source]

        _ENVIRONMENT = CachingEnvironment(autoescape=True)
    return _ENVIRONMENT


def render_docx(
    data: bytes,
    context: Mapping[str, Any],
    name: str = "template",
    gaps: Sequence[Gap] = (),
    more_note: str = "",
) -> bytes:
    """Fill the template with ``context``; the finished ``.docx`` as bytes.

    Each of ``gaps`` gets its marker highlighted and a Word comment; the "More
    things we agreed" heading gets ``more_note`` as a comment. The letter's age
    version is kept in the document's properties (category ``iro letter: 8to12``)
    for ``iro letter --check``.
    """
    from jinja2 import TemplateError

    template = _template(data, name)
    try:
        template.render(dict(context), jinja_env=_environment(), autoescape=True)
    except TemplateError as exc:
        raise ConfigError(f"{name}: template error: {exc}") from None
    if gaps or more_note:
        more = context.get("headings", {}).get("more", "") if more_note else ""
        add_comments(template.docx, gaps, more, more_note)
    if context.get("age_group"):
        template.docx.core_properties.category = f"{CATEGORY}{context['age_group']}"
    out = io.BytesIO()
    template.save(out)
    return out.getvalue()


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def docx_paragraphs(data: bytes) -> list[tuple[str, str]]:
    """``(style name, text)`` for each non-empty paragraph of a ``.docx`` (tables too).

    Reads the XML directly: python-docx's style lookup is slow for a batch.
    """
    import zipfile

    from lxml import etree

    with zipfile.ZipFile(io.BytesIO(data)) as package:
        body = etree.fromstring(package.read("word/document.xml"))
        styles = etree.fromstring(package.read("word/styles.xml"))
    names: dict[str, str] = {}
    default = "Normal"
    for style in styles.iter(f"{_W}style"):
        if style.get(f"{_W}type") != "paragraph":
            continue
        name = style.find(f"{_W}name")
        names[style.get(f"{_W}styleId")] = name.get(f"{_W}val") if name is not None else ""
        if style.get(f"{_W}default") in ("1", "true"):
            default = names[style.get(f"{_W}styleId")]
    out = []
    for paragraph in body.iter(f"{_W}p"):
        text = "".join(t.text or "" for t in paragraph.iter(f"{_W}t"))
        if not text.strip():
            continue
        style_id = paragraph.find(f"{_W}pPr/{_W}pStyle")
        style = names.get(style_id.get(f"{_W}val"), "") if style_id is not None else default
        out.append((style, text))
    return out
