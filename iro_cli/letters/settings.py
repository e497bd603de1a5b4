"""The ``[letters]`` section of ``iro.toml``: the service's own wording and contacts.

Every key has a default. Contact defaults are placeholders in square brackets
that say what to fill in, so a draft made before the service set them up is
obviously unfinished; the command warns while any placeholder is in use.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from iro_cli.errors import ConfigError


def placeholder(key: str, what: str) -> str:
    return f"[{what}: set {key} in the [letters] section of iro.toml]"


@dataclass(frozen=True)
class LetterSettings:
    service_name: str = placeholder("service_name", "your service's name")
    advocacy_name: str = placeholder("advocacy_name", "advocacy service name")
    advocacy_phone: str = placeholder("advocacy_phone", "advocacy phone number")
    advocacy_web: str = placeholder("advocacy_web", "advocacy website")
    complaints_phone: str = placeholder("complaints_phone", "complaints phone number")
    complaints_email: str = placeholder("complaints_email", "complaints email address")
    sign_off: str = "Best wishes"
    template: str = ""  # path to the service's own .docx (relative to iro.toml)
    template_cy: str = ""  # the Welsh-language template (stretch goal: none shipped)

    def placeholders(self) -> list[str]:
        """Keys still on their bracketed default."""
        return [f.name for f in fields(self) if str(getattr(self, f.name)).startswith("[")]


TEXT_KEYS = (
    "service_name",
    "advocacy_name",
    "advocacy_phone",
    "advocacy_web",
    "complaints_phone",
    "complaints_email",
    "sign_off",
)


def letter_settings(section: Mapping[str, Any], base_dir: Path | None = None) -> LetterSettings:
    """``LetterSettings`` from the ``[letters]`` table; template paths made absolute."""
    known = {f.name for f in fields(LetterSettings)}
    values: dict[str, str] = {}
    for key, value in section.items():
        if key not in known:
            raise ConfigError(
                f"iro.toml [letters]: unknown key '{key}' (known: {', '.join(sorted(known))})"
            )
        if not isinstance(value, str):
            raise ConfigError(f"iro.toml [letters]: '{key}' must be text in quotes")
        value = value.strip()
        if not value:
            continue
        if key in ("template", "template_cy") and base_dir is not None:
            path = Path(value).expanduser()
            value = str(path if path.is_absolute() else base_dir / path)
        values[key] = value
    return LetterSettings(**values)
