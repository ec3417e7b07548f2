"""Two identical imports at once (issue #13 item 4): the second waits for the first and adds
nothing; neither fails, and no uniqueness error is ever called a damaged database. Real
processes, on whichever engine the suite runs on."""

from __future__ import annotations

import os
import subprocess
import sys

N = 5000


def _log(path):
    lines = []
    for i in range(N):
        lines += [f"## 2023-{1 + i % 12:02d}-{1 + i % 28:02d}", f"- entry number {i} (1h)", ""]
    path.write_text("\n".join(lines), encoding="utf-8")


def test_two_identical_imports_at_once_add_everything_once(cli, tmp_path, isolated):
    log = tmp_path / "log.md"
    _log(log)
    cli("today", ok=True)  # the store exists before the race
    env = {**os.environ, "STUDYLOG_TODAY": "2024-04-18"}
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "studylog", "import", "markdown", str(log), "--json"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    outs = [p.communicate(timeout=120) for p in procs]
    for p, (_, err) in zip(procs, outs, strict=True):
        assert p.returncode == 0, err
        assert "damaged" not in err
    import json

    added = sorted(json.loads(out)["added"] for out, _ in outs)
    assert added == [0, N]
    assert len(cli("log", "--json", "--limit", "0", ok=True).json()) == N


def test_a_uniqueness_error_is_a_conflict_not_a_damaged_store():
    import sqlite3

    from studylog.store.sqlite import store_error

    err = store_error(sqlite3.IntegrityError("UNIQUE constraint failed: entry.owner, entry.source_key"))
    assert err is not None
    assert "damaged" not in str(err) and "restore" not in str(err)
    assert "conflicts with what is stored" in str(err) and "nothing was written" in str(err)
