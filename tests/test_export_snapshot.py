"""Every export reads one snapshot of the store (issue #13 item 13): an ``rm`` and a ``done`` run
by another process while an export is under way are not in it, so a backup holds a state that
existed (the one at its start). Real processes, on SQLite and on PostgreSQL."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

ENTRIES = 2500  # more than one batch of the dump (store.dump.BATCH)


def _run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "studylog", *args], env=env or dict(os.environ), capture_output=True, text=True
    )


def _many(cli, tmp_path: Path) -> list[dict]:
    page = tmp_path / "many.md"
    page.write_text("# 2024-04-01\n" + "".join(f"{n}. entry {n}\n" for n in range(1, ENTRIES + 1)), encoding="utf-8")
    cli("import", "til", str(page), "--no-link", ok=True)
    return cli("log", "--json", "--since", "2024-01-01", ok=True).json()


def _wait_for(path: Path, proc: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 60
    while not path.exists():
        assert proc.poll() is None, f"the export ended before its pause: {proc.communicate()}"
        assert time.monotonic() < deadline, "the export never paused"
        time.sleep(0.02)


def test_export_json_holds_the_state_at_its_start(cli, tmp_path):
    before = _many(cli, tmp_path)
    last = max(e["id"] for e in before)  # dumped in the last batch, long after the pause
    flag, out = tmp_path / "paused", tmp_path / "backup.json"
    export = subprocess.Popen(
        [sys.executable, "-m", "studylog", "export", "json", "--out", str(out)],
        env={**os.environ, "STUDYLOG_TEST_PAUSE_DUMP": str(flag)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        _wait_for(flag, export)  # the first batch is read and written
        removed = _run("rm", str(last))
        added = _run("done", "logged during the export", "--hours", "1")
        assert removed.returncode == 0, removed.stderr
        assert added.returncode == 0 and added.stdout.startswith("Done #"), added.stderr
    finally:
        flag.unlink(missing_ok=True)
        _, err = export.communicate(timeout=120)
    assert export.returncode == 0, err
    dumped = json.loads(out.read_text(encoding="utf-8"))["entries"]
    assert [e["id"] for e in dumped] == sorted(e["id"] for e in before)
    assert "logged during the export" not in {e["text"] for e in dumped}
    now = {e["id"] for e in cli("log", "--json", "--since", "2024-01-01", ok=True).json()}
    assert last not in now and len(now) == ENTRIES  # both writes happened, meanwhile


def test_export_til_holds_the_state_at_its_start(cli, monkeypatch):
    """The TIL page asks for an item's link while it writes an entry: another process removes an
    entry of an older section and logs one more on that day right then; neither shows."""
    import studylog.cli.io_cmd as io_cmd

    cli("done", "newest", "-i", "dlc/1", "--date", "2024-04-18", ok=True)
    cli("done", "to be removed", "--date", "2024-04-01", ok=True)
    old = cli("log", "--json", "--since", "2024-01-01", ok=True).json()
    removed_id = next(e["id"] for e in old if e["text"] == "to be removed")
    lookup = io_cmd._lookup
    wrote: list[subprocess.CompletedProcess[str]] = []

    def writing_lookup():
        url = lookup()

        def during(ref: str) -> str | None:
            if not wrote:  # the first link asked for: the page is being written
                wrote.append(_run("rm", str(removed_id)))
                wrote.append(_run("done", "logged during the export", "--date", "2024-04-01"))
            return url(ref)

        return during

    monkeypatch.setattr(io_cmd, "_lookup", writing_lookup)
    page = cli("export", "til", "--group", "day", ok=True).stdout
    assert [w.returncode for w in wrote] == [0, 0], [w.stderr for w in wrote]
    assert "to be removed" in page and "logged during the export" not in page


def test_a_snapshot_sees_no_later_write_and_refuses_writes(cli):
    from studylog.cli.session import open_store

    cli("done", "first", ok=True)
    store = open_store()
    try:
        with store.snapshot():
            assert _run("done", "second").returncode == 0
            texts = {r["text"] for r in store.rows("SELECT text FROM entry")}
            with pytest.raises(RuntimeError), store.transaction():
                pass
        assert texts == {"first"}
        assert {r["text"] for r in store.rows("SELECT text FROM entry")} == {"first", "second"}
    finally:
        store.close()


def test_export_daily_notes_holds_the_state_at_its_start(cli, monkeypatch):
    """Another process removes an entry and logs one as the first day is written; neither shows."""
    import studylog.exporters.daily_notes as daily_notes

    cli("done", "to be removed", "--date", "2024-04-01", ok=True)
    cli("done", "stays", "--date", "2024-04-02", ok=True)
    removed_id = next(
        e["id"] for e in cli("log", "--json", "--since", "2024-01-01", ok=True).json() if "removed" in e["text"]
    )
    body = daily_notes._day_body
    wrote: list[subprocess.CompletedProcess[str]] = []

    def writing_body(store, day):
        if not wrote:  # the first day is being written: its entries are not read yet
            wrote.append(_run("rm", str(removed_id)))
            wrote.append(_run("done", "logged during the export", "--date", "2024-04-02"))
        return body(store, day)

    monkeypatch.setattr(daily_notes, "_day_body", writing_body)
    notes = cli("export", "daily-notes", ok=True).stdout
    assert [w.returncode for w in wrote] == [0, 0], [w.stderr for w in wrote]
    assert "to be removed" in notes and "stays" in notes and "logged during the export" not in notes
