"""Writing the user's files safely: atomically, readable by the user only, never clobbering.

A file is written to a hidden temporary file beside it (``.NAME.iro-XXXXXXXX.tmp``, 0600)
and renamed into place. The temporary file is removed when the write fails, when the run
is interrupted (SIGINT, SIGTERM) and, if a run was killed outright, by the next write into
that folder once it is a day old. Folders iro creates are 0700 whatever the umask.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from iro_cli.errors import OutputError

TEMP_MARK = ".iro-"  # in every temporary file's name: ".NAME.iro-XXXXXXXX.tmp"
# Only names iro's own temporary files have (mkstemp adds 8 of [a-z0-9_]).
_TEMP_NAME = re.compile(r"\..+\.iro-[a-z0-9_]{8}\.tmp")
STALE_AFTER = 24 * 60 * 60  # seconds: an older temporary file is a killed run's leftover
_SIGNALS = tuple(getattr(signal, name) for name in ("SIGINT", "SIGTERM") if hasattr(signal, name))
_live: set[str] = set()  # temporary files being written now


def check_writable(path: Path, force: bool) -> None:
    """Refuse early (before any work) when ``path`` exists and ``force`` is not given."""
    if path.exists() and not force:
        raise OutputError(f"{path} already exists; use --force to replace it")
    if path.exists() and path.is_dir():
        raise OutputError(f"{path} is a directory; give a file name")
    if not path.parent.exists():
        raise OutputError(f"{path.parent} does not exist; create the folder first")


def remove_stale_temps(folder: Path, now: float | None = None) -> int:
    """Remove iro's own temporary files in ``folder`` older than a day (a killed run's);
    only files named as iro names them and owned by this user. Returns how many."""
    now = time.time() if now is None else now
    removed = 0
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    for entry in entries:
        if not _TEMP_NAME.fullmatch(entry.name):
            continue
        try:
            info = entry.stat(follow_symlinks=False)
            mine = not hasattr(os, "getuid") or info.st_uid == os.getuid()
            if entry.is_file(follow_symlinks=False) and mine and now - info.st_mtime > STALE_AFTER:
                os.unlink(entry.path)
                removed += 1
        except OSError:
            continue
    return removed


def _remove_live(signum: int, frame: Any) -> None:
    """Signal handler: remove the temporary files being written, then stop as the signal
    would (KeyboardInterrupt for SIGINT, exit status 128 + N for the others)."""
    for tmp in list(_live):
        with contextlib.suppress(OSError):
            os.unlink(tmp)
    _live.clear()
    if signum == getattr(signal, "SIGINT", None):
        raise KeyboardInterrupt
    raise SystemExit(128 + signum)


@contextlib.contextmanager
def _cleaned_on_signal(tmp: str) -> Iterator[None]:
    """While the block runs, SIGINT and SIGTERM remove ``tmp`` before the run stops."""
    _live.add(tmp)
    previous: dict[int, Any] = {}
    if threading.current_thread() is threading.main_thread():
        for signum in _SIGNALS:
            with contextlib.suppress(ValueError, OSError):
                previous[signum] = signal.signal(signum, _remove_live)
    try:
        yield
    finally:
        for signum, handler in previous.items():
            with contextlib.suppress(ValueError, OSError, TypeError):
                signal.signal(signum, handler)
        _live.discard(tmp)


def make_private_dir(folder: Path) -> None:
    """Create ``folder`` (and any missing parents) as 0700, whatever the umask; a folder
    that exists already is left as it is."""
    folder = Path(folder)
    missing = []
    for part in (folder, *folder.parents):
        if part.exists():
            break
        missing.append(part)
    for part in reversed(missing):
        with contextlib.suppress(FileExistsError):
            part.mkdir(mode=0o700)
        os.chmod(part, 0o700)


def write_atomic(path: Path, data: bytes, *, force: bool = False) -> None:
    """Write ``data`` to ``path`` via a temporary file in the same folder, mode 0600.

    A reader never sees a half-written file and a crash leaves the old file whole.
    """
    with atomic_file(path, force=force) as handle:
        handle.write(data)


@contextlib.contextmanager
def atomic_file(path: Path, *, force: bool = False) -> Iterator[BinaryIO]:
    """A binary file to write ``path`` in parts (a large result written as it is made):
    the parts go to a temporary file in the same folder (0600), renamed into place when
    the block ends; an error or interruption inside the block removes it and leaves any
    old file whole."""
    path = Path(path)
    check_writable(path, force)
    remove_stale_temps(path.parent)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}{TEMP_MARK}", suffix=".tmp", dir=path.parent)
    try:
        with _cleaned_on_signal(tmp):
            with os.fdopen(fd, "wb") as handle:
                yield handle
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(tmp, 0o600)
            if not force and path.exists():  # appeared while we were writing
                raise OutputError(f"{path} already exists; use --force to replace it")
            os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
