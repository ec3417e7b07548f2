"""An ``undo`` in its own process, held inside its transaction after it reverted, so that a test
can run another command during it (tests/test_undo_list.py, tests/test_pg_races.py)."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

_SCRIPT = """\
import os, sys, time
from studylog.store import journal
_revert = journal._revert
def revert(store, change_id):
    start = time.perf_counter()
    rows = _revert(store, change_id)
    with open({tmp!r}, "w") as f:
        f.write(str(time.perf_counter() - start))
    os.replace({tmp!r}, {marker!r})
    time.sleep({hold!r})
    return rows
journal._revert = revert
from studylog.cli import main
sys.argv = ["studylog", "undo", *{args!r}]
main()
"""


def paused_undo(marker: Path, args: list[str], hold: float, env: dict[str, str]) -> subprocess.Popen[str]:
    """``studylog undo ARGS`` started; returns once it has reverted and holds its transaction (and
    its locks) for ``hold`` seconds more. ``marker`` then holds the seconds the revert took."""
    tmp = marker.with_name(marker.name + ".tmp")
    script = _SCRIPT.format(tmp=str(tmp), marker=str(marker), hold=hold, args=args)
    undo = subprocess.Popen(
        [sys.executable, "-c", script], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    deadline = time.monotonic() + 60
    while not marker.exists() and undo.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    assert marker.exists(), undo.communicate()
    return undo
