"""Check-then-write under real concurrency (issue #13 item 7): ten ``done --hours 4`` at once on
one day, two ``undo`` at once, four ``start`` of one item at once. On PostgreSQL these raced
(28-32 hours accepted in a day, two "Undid" for one revert, a duplicate key); every change of an
owner now takes that owner's advisory lock before it reads what it checks (see
``journal.begin_change``). Real processes, on whichever engine the suite runs on; SQLite's one
writer at a time must give the same answers."""

from __future__ import annotations

import os
import subprocess
import sys

from undo_support import paused_undo

# Each check is made slow (a pause of 0.3 s after it), as a loaded machine or a distant server
# would make it: without that the race window is a millisecond and the processes rarely meet in
# it. The pause wraps the function that reads what the check needs; the write comes after it.
SLOW = """
import functools, time
def slow(module, name):
    fn = getattr(module, name)
    @functools.wraps(fn)
    def wrapper(*a, **k):
        out = fn(*a, **k)
        time.sleep(0.3)
        return out
    setattr(module, name, wrapper)
"""


def _run_at_once(args: list[str], n: int, go: str, slow: str, timeout: float = 120) -> list[tuple[int, str, str]]:
    """Start ``n`` processes running ``studylog ARGS`` as close together as possible, each with
    the pause ``slow`` (Python run before the command); their (exit code, stdout, stderr)."""
    env = {**os.environ, "STUDYLOG_TODAY": "2024-04-18"}
    # Each process waits for a file to appear, so that they all start their command at once
    # (Python's start-up takes longer than the race window otherwise).
    script = (
        "import os, sys, time\n"
        "import studylog.cli.commands, studylog.store.db  # noqa\n"
        f"{SLOW}\n{slow}\n"
        f"while not os.path.exists({go!r}): time.sleep(0.002)\n"
        "from studylog.cli import main\n"
        "sys.argv = ['studylog', *sys.argv[1:]]\n"
        "main()\n"
    )
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", script, *args],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(n)
    ]
    import time

    time.sleep(1.5)  # every process is waiting for the file
    open(go, "w").close()
    out = []
    for p in procs:
        stdout, stderr = p.communicate(timeout=timeout)
        out.append((p.returncode, stdout, stderr))
    os.unlink(go)
    return out


# after the hours of the day are read
HOURS_SLOW = "import studylog.store.hours as h; slow(h, 'done_hours')"
# after the owner's last change is read (the one query that names ``undone_at IS NULL``)
UNDO_SLOW = """
from studylog.store.db import Store
_one = Store.one
def one(self, sql, **params):
    out = _one(self, sql, **params)
    if 'undone_at IS NULL' in sql:
        time.sleep(0.3)
    return out
Store.one = one
"""
# after the item's status is read (its transition checked)
START_SLOW = "import studylog.store.status as s; slow(s, '_problem')"


def test_ten_done_of_four_hours_at_once_accept_exactly_six(cli, tmp_path):
    cli("today", ok=True)  # the store exists before the race
    runs = _run_at_once(["done", "work", "--hours", "4"], 10, str(tmp_path / "go"), HOURS_SLOW)
    accepted = [r for r in runs if r[0] == 0]
    refused = [r for r in runs if r[0] != 0]
    assert len(accepted) == 6, runs
    for _, _, err in refused:
        assert "2024-04-18 would have 28h logged, more than 24 hours" in err and "Traceback" not in err, err
        assert err.count("\n") == 1, err
    day = cli("day", "2024-04-18", "--json", ok=True).json()
    assert sum(d["hours"] for d in day["done"]) == 24


def test_two_undos_at_once_revert_one_change_once(cli, tmp_path):
    cli("done", "only change", "--hours", "1", ok=True)
    runs = _run_at_once(["undo"], 2, str(tmp_path / "go"), UNDO_SLOW)
    undid = [r for r in runs if r[0] == 0 and "Undid" in r[1]]
    assert len(undid) == 1, runs
    other = next(r for r in runs if r is not undid[0])
    assert other[0] != 0 and "nothing to undo" in other[2] and "Traceback" not in other[2], other
    assert cli("day", "2024-04-18", "--json", ok=True).json()["done"] == []


def test_two_undos_at_once_with_two_changes_revert_each_once(cli, tmp_path):
    cli("done", "first", ok=True)
    cli("done", "second", ok=True)
    runs = _run_at_once(["undo"], 2, str(tmp_path / "go"), UNDO_SLOW)
    assert all(code == 0 for code, _, _ in runs), runs
    said = sorted(out for _, out, _ in runs)
    assert "second" in said[0] + said[1] and "first" in said[0] + said[1], said
    assert cli("day", "2024-04-18", "--json", ok=True).json()["done"] == []


def test_four_starts_of_one_item_at_once_make_one_status(cli, tmp_path, isolated):
    cli("today", ok=True)
    runs = _run_at_once(["start", "dlc/1"], 4, str(tmp_path / "go"), START_SLOW)
    for code, out, err in runs:
        assert "Traceback" not in err and "conflicts" not in err, err
        assert code == 0 or "already started" in err, (code, out, err)
    assert sum(1 for code, _, _ in runs if code == 0) >= 1
    store = _store(isolated)
    try:
        rows = store.rows("SELECT item, status FROM item_status WHERE owner = 'tester'")
        events = store.rows("SELECT event FROM item_event WHERE owner = 'tester' AND item = 'dlc/1'")
    finally:
        store.close()
    assert rows == [{"item": "dlc/1", "status": "started"}]
    assert [e["event"] for e in events] == ["started"]


def _store(home):
    from datetime import datetime

    from studylog.store.db import Store

    return Store(os.environ.get("STUDYLOG_DB") or str(home / "studylog.db"), "tester", datetime(2024, 4, 18, 12))


def test_an_import_during_the_undo_of_the_same_import_adds_it_again(cli, tmp_path):
    """The import reads what is stored before its change begins; had it read while the undo of
    the same file was under way, it would report everything "already imported" and add nothing,
    leaving neither copy. The undo takes the import's lock too, so the import reads after it."""
    import json

    log = tmp_path / "log.md"
    log.write_text("".join(f"## 2023-03-{1 + i % 28:02d}\n- entry {i}\n\n" for i in range(300)), encoding="utf-8")
    cli("import", "markdown", str(log), "--no-link", ok=True)
    marker = tmp_path / "reverting"
    env = {**os.environ, "STUDYLOG_TODAY": "2024-04-18"}
    undo = paused_undo(marker, [], 1.5, env)
    again = subprocess.run(
        [sys.executable, "-m", "studylog", "import", "markdown", str(log), "--no-link", "--json"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    out, err = undo.communicate(timeout=60)
    assert undo.returncode == 0 and out.startswith("Undid #1 (import markdown: 300 entries"), err
    assert again.returncode == 0, again.stderr
    assert json.loads(again.stdout)["added"] == 300
    assert len(cli("log", "--json", "--limit", "0", ok=True).json()) == 300
