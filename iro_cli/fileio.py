"""Writing the user's files safely: atomically, readable by the user only, never clobbering."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from iro_cli.errors import OutputError


def check_writable(path: Path, force: bool) -> None:
    """Refuse early (before any work) when ``path`` exists and ``force`` is not given."""
    if path.exists() and not force:
        raise OutputError(f"{path} already exists; use --force to replace it")
    if path.exists() and path.is_dir():
        raise OutputError(f"{path} is a directory; give a file name")
    if not path.parent.exists():
        raise OutputError(f"{path.parent} does not exist; create the folder first")


def write_atomic(path: Path, data: bytes, *, force: bool = False) -> None:
    """Write ``data`` to ``path`` via a temporary file in the same folder, mode 0600.

    A reader never sees a half-written file and a crash leaves the old file whole.
    """
    path = Path(path)
    check_writable(path, force)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
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
