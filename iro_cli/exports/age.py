"""How old the exports are: a failed nightly export must not give a wrong morning list
without a word.

An export's date is the extract date the export set states (``extract.toml`` beside
the files, ``extract_date = 2026-11-20``), else ``[exports] extract_date`` in iro.toml,
else the file's modification time. :func:`stale` is the rule; the rest finds the dates.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from iro_cli.errors import ConfigError

if TYPE_CHECKING:
    from iro_cli.config import Config

DEFAULT_MAX_AGE_DAYS = 3
EXTRACT_FILE = "extract.toml"


@dataclass(frozen=True)
class ExportDate:
    """When one export file was taken, and how that is known."""

    file: str
    taken: date
    source: (
        str  # "extract.toml" | "iro.toml [exports] extract_date" | "the date the file was saved"
    )


def stale(dates: list[ExportDate], as_of: date, max_age_days: int) -> ExportDate | None:
    """The newest export when even it is more than ``max_age_days`` older than ``as_of``."""
    if not dates:
        return None
    newest = max(dates, key=lambda d: d.taken)
    return newest if (as_of - newest.taken).days > max_age_days else None


def stale_message(newest: ExportDate, as_of: date, max_age_days: int) -> str:
    """One line that says which file, its date, how old, and what to do."""
    days = (as_of - newest.taken).days
    if newest.source.startswith("the date the file"):
        when = f"the newest file, {newest.file}, was saved on {newest.taken:%d/%m/%Y}"
    else:
        when = f"they were taken on {newest.taken:%d/%m/%Y} ({newest.source})"
    return (
        f"the exports are {days} days old: {when}, more than {max_age_days} days before "
        f"{as_of:%d/%m/%Y}; check that last night's export ran, or give "
        f"--as-of {newest.taken:%d/%m/%Y} for the list of that day"
    )


def _as_date(value: Any, where: str) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        from iro_cli.exports.reader import DateError, parse_date

        try:
            return parse_date(value)
        except DateError:
            pass
    raise ConfigError(f"{where}: extract_date must be a date (2026-11-20 or 20/11/2026)")


def extract_date(folder: Path, config: Config) -> tuple[date, str] | None:
    """The export set's own extract date and where it was found, or None."""
    path = Path(folder) / EXTRACT_FILE
    if path.is_file():
        if sys.version_info >= (3, 11):
            import tomllib
        else:  # pragma: no cover
            import tomli as tomllib
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
            raise ConfigError(
                f"{path}: not valid TOML (expected extract_date = 2026-11-20)"
            ) from None
        if "extract_date" in data:
            return _as_date(data["extract_date"], str(path)), EXTRACT_FILE
    setting = config.exports_setting("extract_date")
    if setting is not None:
        return _as_date(setting, f"{config.where} [exports]"), "iro.toml [exports] extract_date"
    return None


def export_dates(paths: list[Path], folder: Path, config: Config) -> list[ExportDate]:
    """The date of each existing file in ``paths``."""
    stated = extract_date(folder, config)
    dates = []
    for path in paths:
        if not path.is_file():
            continue
        if stated is not None:
            dates.append(ExportDate(path.name, stated[0], stated[1]))
        else:
            modified = datetime.fromtimestamp(path.stat().st_mtime).date()
            dates.append(ExportDate(path.name, modified, "the date the file was saved"))
    return dates


def max_age_days(config: Config) -> int:
    """``[exports] max_age_days`` (default 3)."""
    value = config.exports_setting("max_age_days", DEFAULT_MAX_AGE_DAYS)
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ConfigError(f"{config.where}: [exports] max_age_days must be a whole number of days")
    return value
