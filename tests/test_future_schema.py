"""A store from a newer schema is refused by every command and left exactly as it was: the same
bytes, no WAL files next to it, no copy in backups/ (docs/reliability.md, "Schema")."""

from __future__ import annotations

import hashlib
import sqlite3

import pytest

pytestmark = pytest.mark.sqlite_only  # reads the file's bytes

COMMANDS = [
    ("today",),
    ("done", "x", "-H", "1"),
    ("goal", "y"),
    ("log",),
    ("undo",),
    ("rm", "1"),
    ("start", "dlc/1"),
    ("progress",),
    ("week",),
    ("doctor",),
    ("backup",),
    ("export", "json"),
]


def test_every_command_refuses_a_newer_store_and_leaves_it_untouched(cli, isolated):
    cli("done", "before", ok=True)
    db = isolated / "studylog.db"
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA journal_mode=DELETE")  # one file, so that its bytes say everything
    conn.execute("INSERT INTO studylog_migrations VALUES (999, 'future', '2030-01-01 00:00:00.000000')")
    conn.commit()
    conn.close()
    before = hashlib.sha256(db.read_bytes()).hexdigest()

    def listing() -> list[str]:  # cache/ holds curriculum outlines, not the store: it may come and go
        return sorted(
            str(p.relative_to(isolated)) for p in isolated.rglob("*") if p.parts[len(isolated.parts)] != "cache"
        )

    files = listing()
    for args in COMMANDS:
        out = cli(*args)
        assert out.exit_code != 0, args
        assert "newer than this studylog knows" in out.stderr, (args, out.stderr)
        assert hashlib.sha256(db.read_bytes()).hexdigest() == before, args
        assert listing() == files, args
