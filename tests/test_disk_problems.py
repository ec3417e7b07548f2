"""A full disk or a read-only database gives one clear line and writes nothing."""

from __future__ import annotations

import os
import sqlite3

import pytest

from studylog.store import sqlite as engine

pytestmark = pytest.mark.sqlite_only


def _patched_connect(monkeypatch, setup):
    original = engine.connect

    def connect(path):
        conn = original(path)
        setup(conn, path)
        return conn

    monkeypatch.setattr(engine, "connect", connect)


def test_full_disk(cli, monkeypatch, isolated):
    cli("done", "before", ok=True)
    pages = sqlite3.connect(isolated / "studylog.db").execute("PRAGMA page_count").fetchone()[0]
    original = engine.connect
    _patched_connect(monkeypatch, lambda conn, path: conn.execute(f"PRAGMA max_page_count = {pages}"))
    out = cli("done", "x" * 200_000, ok=False)
    assert out.stderr == "studylog: error: the disk is full; nothing was written\n"
    monkeypatch.setattr(engine, "connect", original)
    assert [e["text"] for e in cli("log", "--json", ok=True).json()] == ["before"]


def test_read_only_database(cli, monkeypatch):
    cli("done", "before", ok=True)
    _patched_connect(monkeypatch, lambda conn, path: conn.execute("PRAGMA query_only = ON"))
    out = cli("done", "after", ok=False)
    assert out.exit_code == 1 and out.stderr.count("\n") == 1
    assert "read-only" in out.stderr or "readonly" in out.stderr


@pytest.mark.skipif(os.name == "nt" or os.geteuid() == 0, reason="root can write anywhere")
def test_read_only_folder(cli, tmp_path, monkeypatch):
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    monkeypatch.setenv("STUDYLOG_HOME", str(folder / "home"))
    out = cli("done", "x", ok=False)
    assert out.stderr.startswith("studylog: error: cannot create the database") and out.stderr.count("\n") == 1
