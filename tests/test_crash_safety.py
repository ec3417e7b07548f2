"""A process killed (SIGKILL) in the middle of a large import or an upgrade leaves the store as it
was, and running the same command again completes it. Exports are never half-written."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import date, timedelta

import pytest

from conftest import REPO
from studylog.store.version import SCHEMA_VERSION as LATEST

pytestmark = [pytest.mark.skipif(os.name == "nt", reason="SIGKILL is POSIX"), pytest.mark.sqlite_only]


def _env(home):
    return {**os.environ, "STUDYLOG_HOME": str(home), "STUDYLOG_OWNER": "tester", "STUDYLOG_TODAY": "2024-04-18"}


def _big_backup(path, n=20000):
    entries = [
        {
            "id": i,
            "kind": "done",
            "day": (date(2020, 1, 1) + timedelta(days=i % 1400)).isoformat(),  # 7 h a day: a day holds 24 at most
            "text": f"entry {i}",
            "hours": 0.5,
            "item": "dlc/1",
            "goal_id": None,
            "met_on": None,
            "dropped_on": None,
            "created_at": "2024-01-01 10:00:00.000000",
            "period_start": None,
            "period_end": None,
            "style": None,
            "source": None,
            "source_key": None,
            "notes": [{"depth": 0, "text": "n"}],
        }
        for i in range(1, n + 1)
    ]
    path.write_text(
        json.dumps({"format": "studylog-backup", "version": 1, "owner": "x", "entries": entries, "item_status": []})
    )


def _count(db):
    return sqlite3.connect(db).execute("SELECT count(*) FROM entry").fetchone()[0]


def _kill_after(args, env, delay):
    proc = subprocess.Popen(
        [sys.executable, "-m", "studylog", *args], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    return proc.returncode


def test_killed_import_leaves_the_store_as_it_was(tmp_path):
    home = tmp_path / "home"
    env = _env(home)
    subprocess.run(
        [sys.executable, "-m", "studylog", "done", "before", "-H", "1"], env=env, check=True, capture_output=True
    )
    backup = tmp_path / "big.json"
    _big_backup(backup)
    killed_midway = False
    for delay in (0.6, 0.9, 1.2, 1.6):
        code = _kill_after(["import", "json", str(backup)], env, delay)
        count = _count(home / "studylog.db")
        assert count in (1, 20001), count  # all or nothing
        if code == -signal.SIGKILL and count == 1:
            killed_midway = True
            break
    assert killed_midway, "the import always finished before it could be killed; make the file bigger"
    done = subprocess.run(
        [sys.executable, "-m", "studylog", "import", "json", str(backup)], env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert _count(home / "studylog.db") == 20001
    check = sqlite3.connect(home / "studylog.db").execute("PRAGMA integrity_check").fetchone()[0]
    assert check == "ok"


def test_killed_upgrade_leaves_a_working_store(tmp_path):
    for delay in (0.05, 0.1, 0.15, 0.2, 0.3):
        home = tmp_path / f"home{delay}"
        home.mkdir()
        shutil.copy(REPO / "tests" / "fixtures" / "schema-v1.db", home / "studylog.db")
        _kill_after(["today"], _env(home), delay)
        conn = sqlite3.connect(home / "studylog.db")
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT max(version) FROM studylog_migrations").fetchone()[0] in range(1, LATEST + 1)
        assert conn.execute("SELECT count(*) FROM entry").fetchone()[0] == 3
        out = subprocess.run(
            [sys.executable, "-m", "studylog", "log", "--json"], env=_env(home), capture_output=True, text=True
        )
        assert out.returncode == 0, out.stderr
        assert len(json.loads(out.stdout)) == 3
        assert (
            sqlite3.connect(home / "studylog.db").execute("SELECT max(version) FROM studylog_migrations").fetchone()[0]
            == LATEST
        )


def test_killed_export_never_leaves_a_half_written_file(tmp_path):
    home = tmp_path / "home"
    env = _env(home)
    backup = tmp_path / "big.json"
    _big_backup(backup, 5000)
    subprocess.run(
        [sys.executable, "-m", "studylog", "import", "json", str(backup)], env=env, check=True, capture_output=True
    )
    out = tmp_path / "export.json"
    out.write_text("previous export\n")
    for delay in (0.2, 0.4, 0.6, 0.8):
        _kill_after(["export", "json", "--out", str(out)], env, delay)
        text = out.read_text()
        assert text == "previous export\n" or json.loads(text)["format"] == "studylog-backup"
    # (a SIGKILL during the write can leave a hidden .export.json.*.tmp beside it: never the target)
