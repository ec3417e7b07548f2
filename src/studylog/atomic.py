"""Writing files so that they are never half-written: a temporary file beside the target, flushed
to disk, then renamed over it (a rename is atomic on POSIX and on Windows' NTFS).

A temporary file's name holds its writer's process id: ``.NAME.PID.XXXXXXXX.tmp`` here,
``.NAME.PID.partial`` for a store copy (``store/sqlite.py``). A writer that is killed cannot
remove its own, so the next write into the same folder does (:func:`remove_leftovers`), once that
process is gone; a live writer's file is never touched."""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from collections.abc import Iterable
from pathlib import Path

_LEFTOVER = re.compile(r"^\..+\.(\d+)\.(?:[A-Za-z0-9_]{8}\.tmp|partial)$")


def write_atomic(path: Path, text: str | Iterable[str], mode: int = 0o600) -> None:
    """Write ``text`` (a string, or chunks of one) to ``path`` through a temporary file and a
    rename: never half-written."""
    private = not mode & 0o077  # a private file's new folder (cache/, the data folder) is private too
    path.parent.mkdir(parents=True, exist_ok=True, **({"mode": 0o700} if private else {}))
    remove_leftovers(path.parent)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp")
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


def remove_leftovers(folder: Path) -> list[Path]:
    """Remove the temporary files in ``folder`` (named as above) whose writer is no longer
    running; the ones removed. Best effort: a file that cannot be removed stays."""
    removed: list[Path] = []
    try:
        names = [e.name for e in os.scandir(folder) if e.name.startswith(".")]
    except OSError:
        return removed
    for name in names:
        m = _LEFTOVER.match(name)
        if m is None or _running(int(m.group(1))):
            continue
        with contextlib.suppress(OSError):
            os.unlink(folder / name)
            removed.append(folder / name)
    return removed


def _running(pid: int) -> bool:
    """Whether process ``pid`` exists (on this machine). When unsure, it does."""
    if pid == os.getpid():
        return True
    if os.name == "nt":  # no signal 0 there: never guess a writer is gone
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, OSError):
        return True
    return True
