"""An interactive shell on a pseudo-terminal, driven as a person would type (for the completion
tests: a real Tab, read back from what the terminal shows)."""

from __future__ import annotations

import contextlib
import os
import pty
import select
import time
from collections.abc import Sequence


def typed(argv: Sequence[str], env: dict[str, str], steps: Sequence[tuple[str, str]], timeout: float = 20.0) -> str:
    """Start ``argv`` on a pseudo-terminal; for each ``(marker, keys)``, wait until the terminal
    has shown ``marker`` (after what the steps before waited for), then type ``keys``. Returns
    what the terminal showed, escapes and all. TimeoutError names the marker that never came."""
    pid, fd = pty.fork()
    if pid == 0:  # the child: the shell
        os.execvpe(argv[0], list(argv), env)
    shown = b""
    seen = 0  # where the next marker is looked for
    try:
        for marker, keys in steps:
            deadline = time.monotonic() + timeout
            while (at := shown.find(marker.encode(), seen)) < 0:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError(f"the terminal never showed {marker!r}; it showed {shown[-1500:]!r}")
                if select.select([fd], [], [], left)[0]:
                    try:
                        chunk = os.read(fd, 65536)
                    except OSError:  # the shell is gone
                        chunk = b""
                    if not chunk:
                        raise TimeoutError(f"the shell ended before {marker!r}; it showed {shown[-1500:]!r}")
                    shown += chunk
            seen = at + len(marker)
            os.write(fd, keys.encode())
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, 9)
        os.waitpid(pid, 0)
        os.close(fd)
    return shown.decode(errors="replace")
