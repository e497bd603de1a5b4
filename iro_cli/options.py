"""Shared click options, so every command spells them the same way.

``session_options``: ``--exports``, ``--config``, ``--debug`` -> a :class:`Session`.
``as_of_option``: ``--as-of DATE`` (default: today; the only ``date.today()`` in iro).
``output_options``: ``--format``, ``-o/--output``, ``--force``, ``--wide``, ``--bom`` -> an
:class:`Output`.
``period_options``: ``--year``, ``--quarter``, ``--month``, ``--from``, ``--to`` -> a
:class:`PeriodChoice`; :func:`resolve_period` turns it and ``as_of`` into a Period.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from iro_cli.config import Config, exports_dir, find_config, load_config
from iro_cli.exports.reader import DateError, parse_date
from iro_cli.output import FORMATS

if TYPE_CHECKING:
    import pandas as pd

    from iro_cli.exports.reader import ReadResult
    from iro_cli.periods import Period

DEBUG_KEY = "iro.debug"


class UKDate(click.ParamType):
    """A date on the command line: ``dd/mm/yyyy`` (day first) or ISO ``yyyy-mm-dd``."""

    name = "DATE"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> date:
        if isinstance(value, date):
            return value
        try:
            return parse_date(str(value))
        except DateError as exc:
            self.fail(f"'{value}': {exc} (expected dd/mm/yyyy or yyyy-mm-dd)", param, ctx)


UK_DATE = UKDate()


class Days(click.ParamType):
    """A number of days: a whole number, 0 or more (``--days 14``)."""

    name = "N"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int:
        if isinstance(value, int):
            return value
        text = str(value).strip()
        if not text.isdigit():
            self.fail(f"'{value}' is not a whole number of days (e.g. --days 14)", param, ctx)
        return int(text)


DAYS = Days()


def check_name(what: str, wanted: str | None, known: set[str], where: str = "the exports") -> None:
    """A filter (--iro, --team) that matches nobody is almost always a typo: an error
    that suggests the nearest name (exit 2), never an empty result."""
    if not wanted or wanted.casefold() in {k.casefold() for k in known}:
        return
    import difflib

    from iro_cli.errors import IroError

    names = sorted(k for k in known if k)
    close = (
        difflib.get_close_matches(wanted, names, n=1, cutoff=0.6)
        or [k for k in names if wanted.casefold() in k.casefold()][:1]
    )
    hint = f"; did you mean '{close[0]}'?" if close else ""
    raise IroError(f"no {what} '{wanted}' in {where}{hint}")


def _set_debug(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if value:
        ctx.meta[DEBUG_KEY] = True


debug_option = click.option(
    "--debug",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=_set_debug,
    help="Show the full traceback on errors (also IRO_DEBUG=1).",
)


@dataclass
class Session:
    """Settings and export directory for one run; loads exports on demand."""

    config: Config
    exports: Path

    def load(self, key: str) -> pd.DataFrame:
        from iro_cli.exports.reader import load_export

        return load_export(key, self.exports, self.config)

    def read(self, key: str) -> ReadResult:
        """Export ``key`` read and checked (raises the first error, warns the rest); its
        ``array(name)`` gives typed columns for whole-column work."""
        from iro_cli.exports.reader import read_checked

        return read_checked(key, self.exports, self.config)

    def read_optional(self, key: str) -> ReadResult | None:
        """Like :meth:`read`, but ``None`` when the file is absent."""
        from iro_cli.exports.reader import export_path, refuse_folder

        path = export_path(key, self.exports, self.config)
        refuse_folder(path)
        return self.read(key) if path.is_file() else None

    def load_optional(self, key: str) -> pd.DataFrame | None:
        from iro_cli.exports.reader import load_optional_export

        return load_optional_export(key, self.exports, self.config)

    def warn_if_senseless(self, command: str, tables: dict[str, Any], as_of: date) -> None:
        """Say, after the summary, which rows that cannot be true may make ``command``'s
        figures wrong. Rows are checked against ``as_of``, or the exports' stated extract
        date (``extract.toml`` or ``[exports] extract_date``) when that is later: a list for
        a past ``--as-of`` leaves out the reviews held after it on purpose."""
        from iro_cli.exports.reader import warn

        note = self.senseless_note(command, tables, as_of)
        if note:
            warn(note)

    def senseless_note(self, command: str, tables: dict[str, Any], as_of: date) -> str | None:
        """The note :meth:`warn_if_senseless` prints (``None``: nothing to say)."""
        from iro_cli.exports.age import extract_date
        from iro_cli.exports.sense import note_for

        stated = extract_date(self.exports, self.config)
        day = max(as_of, stated[0]) if stated else as_of
        return note_for(command, tables, day, self.config.section("validate"), self.config.where)

    def warn_if_stale(self, as_of: date, keys: tuple[str, ...]) -> None:
        """A warning on stderr when even the newest of these exports is more than
        ``[exports] max_age_days`` older than ``as_of``."""
        from iro_cli.exports.age import export_dates, max_age_days, stale, stale_message
        from iro_cli.exports.reader import export_path, warn

        paths = [export_path(key, self.exports, self.config) for key in keys]
        limit = max_age_days(self.config)
        newest = stale(export_dates(paths, self.exports, self.config), as_of, limit)
        if newest is not None:
            warn(stale_message(newest, as_of, limit))


def session_options(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Add ``--exports``, ``--config`` and ``--debug``; pass ``session``."""

    @click.option(
        "--exports",
        "exports_opt",
        metavar="DIR",
        help="Folder of exports, CSV or .xlsx "
        "[default: IRO_EXPORTS, iro.toml 'exports', ./exports].",
    )
    @click.option(
        "--config",
        "config_opt",
        metavar="FILE",
        help="Settings file [default: IRO_CONFIG, ./iro.toml].",
    )
    @debug_option
    @functools.wraps(fn)
    def wrapper(*args: Any, exports_opt: str | None, config_opt: str | None, **kwargs: Any) -> Any:
        config = load_config(find_config(config_opt, dict(os.environ)))
        session = Session(config, exports_dir(exports_opt, config, dict(os.environ)))
        return fn(*args, session=session, **kwargs)

    return wrapper


def as_of_option(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Add ``--as-of DATE``; pass ``as_of`` (today when not given)."""

    @click.option(
        "--as-of",
        "as_of",
        type=UK_DATE,
        default=None,
        help="Work as if today were DATE (dd/mm/yyyy) [default: today].",
    )
    @functools.wraps(fn)
    def wrapper(*args: Any, as_of: date | None, **kwargs: Any) -> Any:
        return fn(*args, as_of=as_of or date.today(), **kwargs)

    return wrapper


@dataclass
class Output:
    """Where and how a command's table goes."""

    fmt: str | None
    path: Path | None
    force: bool
    bom: bool | None = None  # None: a byte-order mark in a CSV file, none on stdout
    wide: bool = False
    extra_suffixes: Mapping[str, str] | None = None  # e.g. {".sarif": "sarif"}

    @property
    def format(self) -> str:
        from iro_cli.output import default_format, format_of

        if self.fmt:
            return self.fmt
        return format_of(self.path, self.extra_suffixes) or default_format(output=self.path)

    @property
    def to_file(self) -> bool:
        return self.path is not None and str(self.path) != "-"

    @property
    def excel(self) -> bool:
        """Whether a CSV starts with a byte-order mark (so Excel reads it as UTF-8)."""
        return self.to_file if self.bom is None else self.bom

    def check(self) -> None:
        """Fail before any work: a --format the file name contradicts, or an output file
        that exists when --force is not given."""
        from iro_cli.output import check_format

        check_format(self.fmt, self.path, self.extra_suffixes)
        if self.to_file:
            from iro_cli.fileio import check_writable

            check_writable(self.path, self.force)  # type: ignore[arg-type]

    def render(
        self,
        frame: pd.DataFrame,
        table_format: Mapping[str, Callable[[Any], str]] | None = None,
        sheet: str = "iro",
        table_columns: Sequence[str] | None = None,
    ) -> None:
        """Render ``frame``; a table shows ``table_columns`` unless --wide."""
        from iro_cli.output import render

        render(
            frame,
            self.format,
            self.path,
            force=self.force,
            excel=self.excel,
            table_format=table_format,
            sheet=sheet,
            table_columns=table_columns,
            wide=self.wide,
        )


def _set_bom(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if value:
        ctx.meta["iro.bom"] = True


def output_options(
    formats: tuple[str, ...] = FORMATS,
    extra_suffixes: Mapping[str, str] | None = None,
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Add ``--format``, ``-o/--output``, ``--force``, ``--bom/--no-bom``, ``--wide``;
    pass ``out``."""

    def decorator(fn: Callable[..., Any]) -> Callable[..., Any]:
        @click.option(
            "--format",
            "fmt",
            type=click.Choice(formats, case_sensitive=False),
            default=None,
            help="Output format [default: from the -o file's extension; else table on a "
            "terminal, csv in a pipe].",
        )
        @click.option(
            "-o",
            "--output",
            "output_path",
            type=click.Path(dir_okay=False, path_type=Path),
            default=None,
            help="Write to FILE (.csv, .xlsx, .json) instead of the screen.",
        )
        @click.option("--force", is_flag=True, help="Replace the output file if it exists.")
        @click.option(
            "--wide", is_flag=True, help="Show every column on screen (csv/xlsx always have all)."
        )
        @click.option(
            "--bom/--no-bom",
            default=None,
            help="Start a CSV with a byte-order mark so Excel reads accents right "
            "[default: yes in a file, no on the screen or in a pipe].",
        )
        @click.option(
            "--excel",
            is_flag=True,
            hidden=True,
            expose_value=False,
            callback=_set_bom,
            help="The same as --bom (kept for old scripts).",
        )
        @functools.wraps(fn)
        def wrapper(
            *args: Any,
            fmt: str | None,
            output_path: Path | None,
            force: bool,
            wide: bool,
            bom: bool | None,
            **kwargs: Any,
        ) -> Any:
            if click.get_current_context().meta.get("iro.bom") and bom is None:
                bom = True
            out = Output(
                fmt.lower() if fmt else None, output_path, force, bom, wide, extra_suffixes
            )
            out.check()
            return fn(*args, out=out, **kwargs)

        return wrapper

    return decorator


@dataclass(frozen=True)
class PeriodChoice:
    """The period options as given (all ``None`` when none was given)."""

    year: str | None = None
    quarter: str | None = None
    month: str | None = None
    date_from: date | None = None
    date_to: date | None = None

    @property
    def given(self) -> bool:
        return any(v is not None for v in vars(self).values())

    def bounds(self) -> tuple[date | None, date | None]:
        """Start and end as given; ``None`` for an end not given (usage error on conflict)."""
        from iro_cli import periods

        named = [
            (flag, text, parse)
            for flag, text, parse in (
                ("--year", self.year, periods.parse_financial_year),
                ("--quarter", self.quarter, periods.parse_quarter),
                ("--month", self.month, periods.parse_month),
            )
            if text is not None
        ]
        ranged = self.date_from is not None or self.date_to is not None
        if len(named) + ranged > 1:
            given = [flag for flag, _, _ in named] + (["--from/--to"] if ranged else [])
            if len(given) == 2:
                raise click.UsageError(f"give either {given[0]} or {given[1]}, not both")
            raise click.UsageError(f"give only one of {', '.join(given)}")
        if named:
            flag, text, parse = named[0]
            try:
                period = parse(text)
            except ValueError as exc:
                raise click.BadParameter(str(exc), param_hint=flag) from None
            return period.start, period.end
        if self.date_from and self.date_to and self.date_to < self.date_from:
            raise click.UsageError(
                f"--to {self.date_to:%d/%m/%Y} is before --from {self.date_from:%d/%m/%Y}"
            )
        return self.date_from, self.date_to


def resolve_period(choice: PeriodChoice, as_of: date) -> Period:
    """The period a figure command counts: as given, or the financial year to ``as_of``.

    ``--from`` alone runs to ``as_of``; ``--to`` alone starts on 1 April of its
    financial year. Conflicting options are a usage error.
    """
    from iro_cli import periods

    start, end = choice.bounds()
    if start is None and end is None:
        return periods.year_to_date(as_of)
    period = periods.between(start, end or max(as_of, start or as_of), as_of)
    if period.start > as_of:
        raise click.UsageError(
            f"the period starts on {period.start:%d/%m/%Y}, after the as-at day "
            f"{as_of:%d/%m/%Y} (--as-of, default today): nothing in it has happened yet"
        )
    return period


def period_options(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Add ``--year``, ``--quarter``, ``--month``, ``--from``, ``--to``; pass ``period_choice``."""

    @click.option("--year", "year", metavar="YYYY/YY", help="A financial year, e.g. 2025/26.")
    @click.option(
        "--quarter",
        "quarter",
        metavar="'YYYY/YY QN'",
        help="A quarter of a financial year, e.g. '2025/26 Q1' (Q1 is April to June).",
    )
    @click.option("--month", "month", metavar="YYYY-MM", help="A calendar month, e.g. 2026-04.")
    @click.option(
        "--from", "date_from", type=UK_DATE, help="First day counted (dd/mm/yyyy or yyyy-mm-dd)."
    )
    @click.option(
        "--to", "date_to", type=UK_DATE, help="Last day counted (dd/mm/yyyy or yyyy-mm-dd)."
    )
    @functools.wraps(fn)
    def wrapper(
        *args: Any,
        year: str | None,
        quarter: str | None,
        month: str | None,
        date_from: date | None,
        date_to: date | None,
        **kwargs: Any,
    ) -> Any:
        choice = PeriodChoice(year, quarter, month, date_from, date_to)
        return fn(*args, period_choice=choice, **kwargs)

    return wrapper


def configured_chart_title(session: Session, section: str, default: str) -> str:
    """The ``chart_title`` of ``[section]`` in iro.toml, else ``default``."""
    from iro_cli.errors import ConfigError

    title = session.config.section(section).get("chart_title", default)
    if not isinstance(title, str) or not title.strip():
        raise ConfigError(f"{session.config.where}: {section}.chart_title must be text")
    return title.strip()


def check_chart_path(chart: Path, force: bool) -> None:
    """``--chart FILE.png``: a PNG name, and not one that exists unless ``--force``."""
    from iro_cli.errors import OutputError
    from iro_cli.fileio import check_writable

    if chart.suffix.lower() != ".png":
        raise OutputError(f"{chart}: --chart writes a PNG picture; give a name ending .png")
    check_writable(chart, force)
