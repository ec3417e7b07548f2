"""Writing files so that they are never half-written: a temporary file beside the target, flushed
to disk, then renamed over it (a rename is atomic on POSIX and on Windows' NTFS)."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path


def write_atomic(path: Path, text: str | Iterable[str], mode: int = 0o600) -> None:
    """Write ``text`` (a string, or chunks of one) to ``path`` through a temporary file and a
    rename: never half-written."""
    private = not mode & 0o077  # a private file's new folder (cache/, the data folder) is private too
    path.parent.mkdir(parents=True, exist_ok=True, **({"mode": 0o700} if private else {}))
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            if isinstance(text, str):
                fh.write(text)
            else:
                fh.writelines(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
