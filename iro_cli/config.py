"""``iro.toml``: where it is, what it says, and defaults for every key.

Found by ``--config``, then ``IRO_CONFIG``, then ``./iro.toml``; with none, every
key takes its default so the tool runs on exports that use the default headers.
Relative paths in the file are relative to the file's own directory.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from iro_cli.errors import ConfigError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

NATIONS = ("england", "wales")
EXPORTS_KEYS = ("folder", "sheet", "max_age_days", "extract_date")
KNOWN_KEYS = {
    "exports": "export directory, or a table: folder, sheet, max_age_days, extract_date",
    "nation": "england | wales",
    "files": "table: export key -> file name",
    "headers": "tables: [headers.<export>] local header -> default header",
    "holidays": "add / remove: lists of dates",
    "lint": "recommendation-wording rules",
    "letters": "service text and template for letters",
    "participation": "participation settings",
    "timeliness": "timeliness settings (chart_title)",
    "validate": "plausible ranges for the sense checks: max_age, years_ahead",
    "caseload": "min / max: the caseload band per FTE (default 50-70)",
    "disputes": "informal, stage_1..stage_4: working days to respond",
}


@dataclass(frozen=True)
class Config:
    """The parsed settings. ``data`` is the raw TOML table."""

    data: dict[str, Any] = field(default_factory=dict)
    path: Path | None = None

    @property
    def base_dir(self) -> Path:
        return self.path.parent if self.path else Path.cwd()

    @property
    def nation(self) -> str:
        nation = str(self.data.get("nation", "england")).strip().lower()
        if nation not in NATIONS:
            raise ConfigError(
                f"{self.where}: nation = {nation!r} is not known (expected one of: "
                f"{', '.join(NATIONS)})"
            )
        return nation

    @property
    def where(self) -> str:
        return str(self.path) if self.path else "iro.toml"

    def section(self, name: str) -> dict[str, Any]:
        """A table of the file, ``{}`` when absent; an error when it is not a table."""
        value = self.data.get(name, {})
        if not isinstance(value, dict):
            raise ConfigError(f"{self.where}: '{name}' must be a table ([{name}])")
        return value

    def exports_setting(self, key: str, default: Any = None) -> Any:
        """A key of an ``[exports]`` table (``exports = "DIR"`` has none): ``folder``,
        ``sheet`` (the sheet of an .xlsx export to read), ``max_age_days`` (older exports
        get a warning, default 3), ``extract_date`` (when the exports were taken)."""
        value = self.data.get("exports")
        if not isinstance(value, dict):
            return default
        unknown = sorted(set(value) - set(EXPORTS_KEYS))
        if unknown:
            raise ConfigError(
                f"{self.where}: unknown key '{unknown[0]}' in [exports] "
                f"(known keys: {', '.join(EXPORTS_KEYS)})"
            )
        return value.get(key, default)

    @property
    def sheet(self) -> str | None:
        """The sheet to read in an Excel export (None: the first sheet)."""
        sheet = self.exports_setting("sheet")
        if sheet is not None and (not isinstance(sheet, str) or not sheet.strip()):
            raise ConfigError(f"{self.where}: [exports] sheet must be a sheet's name")
        return sheet

    def resolve(self, value: str | os.PathLike[str]) -> Path:
        """A path from the file, relative to the file's directory."""
        path = Path(value).expanduser()
        return path if path.is_absolute() else self.base_dir / path

    def header_map(self, export_key: str) -> dict[str, str]:
        """Local header -> default header for one export file."""
        headers = self.section("headers")
        mapping = headers.get(export_key, {})
        if not isinstance(mapping, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in mapping.items()
        ):
            raise ConfigError(
                f'{self.where}: [headers.{export_key}] must map local header = "Default Header"'
            )
        return mapping

    def file_name(self, export_key: str, default: str) -> str:
        files = self.section("files")
        name = files.get(export_key, default)
        if not isinstance(name, str) or not name:
            raise ConfigError(f"{self.where}: files.{export_key} must be a file name")
        return name


def find_config(explicit: str | os.PathLike[str] | None, env: dict[str, str]) -> Path | None:
    """The config file to use, or ``None`` for the defaults."""
    if explicit:
        path = Path(explicit)
        if not path.is_file():
            raise ConfigError(f"{path}: config file not found (given by --config)")
        return path
    if env.get("IRO_CONFIG"):
        path = Path(env["IRO_CONFIG"])
        if not path.is_file():
            raise ConfigError(f"{path}: config file not found (given by IRO_CONFIG)")
        return path
    local = Path("iro.toml")
    return local if local.is_file() else None


def load_config(path: Path | None) -> Config:
    """Parse ``path`` (``None``: defaults only)."""
    if path is None:
        return Config()
    try:
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot be read: {exc.strerror}") from None
    unknown = sorted(set(data) - set(KNOWN_KEYS))
    if unknown:
        raise ConfigError(
            f"{path}: unknown key '{unknown[0]}' (known keys: {', '.join(KNOWN_KEYS)})"
        )
    config = Config(data=data, path=path)
    config.nation  # noqa: B018 - validate early
    config.exports_setting("folder")  # an unknown [exports] key is an error at once
    return config


def exports_dir(option: str | None, config: Config, env: dict[str, str]) -> Path:
    """``--exports``, else ``IRO_EXPORTS``, else config ``exports``, else ``./exports``."""
    if option:
        return Path(option)
    if env.get("IRO_EXPORTS"):
        return Path(env["IRO_EXPORTS"])
    if "exports" in config.data:
        value = config.data["exports"]
        if isinstance(value, dict):
            folder = config.exports_setting("folder")
            return config.resolve(str(folder)) if folder else Path("exports")
        return config.resolve(str(value))
    return Path("exports")
