"""Restore under load (issue #13 items 2 and 3): the copy of the store it replaces and the restore
itself happen under one lock, so every write that was acknowledged is either in the restored store
(it came after) or in the safety copy (it came before); and every restore keeps its own copy, even
two in the same second. Real processes, as a learner's terminals would be."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest

pytestmark = pytest.mark.sqlite_only  # backup and restore are SQLite's; PostgreSQL has pg_dump

WRITERS = 4
WRITES = 25


def _env(home):
    return {**os.environ, "STUDYLOG_HOME": str(home), "STUDYLOG_OWNER": "tester", "STUDYLOG_TODAY": "2024-04-18"}


def _run(env, *args):
    return subprocess.run([sys.executable, "-m", "studylog", *args], env=env, capture_output=True, text=True)


def _texts(path) -> set[str]:
    conn = sqlite3.connect(path)
    try:
        return {r[0] for r in conn.execute("SELECT text FROM entry")}
    finally:
        conn.close()


def test_restore_while_others_write_loses_no_acknowledged_write(tmp_path):
    home = tmp_path / "home"
    env = _env(home)
    assert _run(env, "done", "before the backup").returncode == 0
    # every copy a restore keeps stays (by default the oldest go after 20, and with them the
    # writes that only they hold, as that setting says): this test counts on all of them
    assert _run(env, "config", "set", "backups.keep", "0").returncode == 0
    backup = tmp_path / "b.db"
    assert _run(env, "backup", str(backup)).returncode == 0
    acknowledged: list[str] = []
    lock = threading.Lock()

    def writer(k: int) -> None:
        for i in range(WRITES):
            text = f"writer {k} entry {i}"
            done = _run(env, "done", text, "--hours", "0.1")
            if done.returncode == 0 and done.stdout.startswith("Done #"):
                with lock:
                    acknowledged.append(text)

    threads = [threading.Thread(target=writer, args=(k,)) for k in range(WRITERS)]
    for t in threads:
        t.start()
    kept: list[str] = []
    while any(t.is_alive() for t in threads):
        out = _run(env, "restore", str(backup))
        if out.returncode == 0:
            kept.append(out.stdout.rsplit(" at ", 1)[1].strip())
        else:
            assert "busy" in out.stderr, out.stderr  # waiting too long is said so; nothing is half-done
    for t in threads:
        t.join()
    assert kept, "no restore ran while the writers wrote"
    assert len(set(kept)) == len(kept), "two restores kept their copies under one name"
    present = _texts(home / "studylog.db")
    for copy in kept:
        assert Path(copy).exists(), f"the copy {copy} a restore kept is gone"
        present |= _texts(copy)
    lost = [t for t in acknowledged if t not in present]
    assert acknowledged and not lost, f"{len(lost)} of {len(acknowledged)} acknowledged writes lost: {lost[:5]}"


def test_two_restores_in_the_same_second_keep_two_copies(tmp_path):
    from datetime import datetime

    from studylog.store.db import open_store
    from studylog.store.maintenance import backup, restore

    now = datetime(2024, 4, 18, 10, 0, 0)  # both restores in this very second
    db = tmp_path / "studylog.db"
    store = open_store(str(db), "tester", now)
    add = "INSERT INTO entry (owner, kind, day, text, created_at) VALUES ('tester', 'done', '2024-04-18', ?, ?)"
    store.connection.execute(add, ("a", now))
    saved = backup(store, tmp_path / "b.db")
    store.connection.execute(add, ("b", now))
    first = restore(store, saved)
    store.connection.execute(add, ("c", now))
    second = restore(store, saved)
    store.close()
    assert first != second
    assert _texts(first) == {"a", "b"} and _texts(second) == {"a", "c"}
    assert _texts(db) == {"a"}
