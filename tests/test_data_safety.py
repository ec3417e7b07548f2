"""backup, restore, doctor, and the automatic backup before a schema upgrade."""

from __future__ import annotations

import shutil
import sqlite3
import stat

import pytest

from conftest import REPO
from studylog.store.version import SCHEMA_VERSION as LATEST

pytestmark = pytest.mark.sqlite_only  # reads or writes the SQLite file itself


def _db(isolated):
    return isolated / "studylog.db"


def test_backup_and_restore(cli, isolated, tmp_path):
    cli("done", "kept", "-H", "1", ok=True)
    target = tmp_path / "b.db"
    assert cli("backup", str(target), ok=True).stdout == f"Backed up to {target}\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    cli("done", "after the backup", ok=True)
    out = cli("restore", str(target), ok=True)
    kept = out.stdout.rsplit(" at ", 1)[1].strip()
    assert [e["text"] for e in cli("log", "--json").json()] == ["kept"]
    conn = sqlite3.connect(kept)
    assert [r[0] for r in conn.execute("SELECT text FROM entry ORDER BY id")] == ["kept", "after the backup"]


def test_default_backup_goes_to_the_backups_folder(cli, isolated):
    cli("done", "x", ok=True)
    out = cli("backup", ok=True).stdout
    path = out.removeprefix("Backed up to ").strip()
    assert path.startswith(str(isolated / "backups" / "studylog-backup-"))


def test_restore_refuses_what_is_not_a_store(cli, isolated, tmp_path):
    cli("done", "x", ok=True)
    text = tmp_path / "notes.txt"
    text.write_text("hello")
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.commit()
    for path, message in [
        (text, "is not a studylog store"),
        (other, "is not a studylog store"),
        (tmp_path / "missing.db", "no such file"),
        (_db(isolated), "the store itself"),
    ]:
        out = cli("restore", str(path), ok=False)
        assert message in out.stderr and out.stderr.count("\n") == 1, out.stderr
    assert [e["text"] for e in cli("log", "--json").json()] == ["x"]


def test_upgrade_from_schema_1_backs_up_first(cli, isolated):
    isolated.mkdir(parents=True)
    shutil.copy(REPO / "tests" / "fixtures" / "schema-v1.db", _db(isolated))
    out = cli("log", "--json", env={"STUDYLOG_OWNER": "tester"}, ok=True)
    assert len(out.json()) == 3
    backups = list((isolated / "backups").glob("studylog-schema1-*.db"))
    assert len(backups) == 1
    conn = sqlite3.connect(backups[0])
    assert conn.execute("SELECT max(version) FROM studylog_migrations").fetchone()[0] == 1
    assert conn.execute("SELECT count(*) FROM entry").fetchone()[0] == 3


def test_doctor_finds_and_fixes(cli, isolated):
    cli("goal", "g", ok=True)
    cli("done", "d", "--goal", "1", "-i", "dlc/1", "-n", "a note", ok=True)
    assert cli("doctor", ok=True).stdout.count("     ok  ") == 8  # schema 8 added the search index check
    conn = sqlite3.connect(_db(isolated))
    conn.execute("PRAGMA foreign_keys=OFF")
    conn.execute("INSERT INTO note (entry_id, position, depth, text) VALUES (999, 0, 0, 'orphan')")
    conn.execute("UPDATE entry SET goal_id = 777 WHERE id = 2")
    conn.execute("UPDATE entry SET item = 'dlc/99' WHERE id = 1")
    conn.commit()
    report = cli("doctor", "--json", ok=False).json()
    bad = {f["check"] for f in report["findings"] if not f["ok"]}
    assert bad == {"notes", "goal links", "items"}
    assert sqlite3.connect(_db(isolated)).execute("SELECT count(*) FROM note").fetchone()[0] == 2  # unchanged
    out = cli("doctor", "--fix", ok=False)  # the unknown item needs the learner
    assert "fixed  notes" in out.stdout and "fixed  goal links" in out.stdout
    assert "PROBLEM  items: references to unknown curriculum items: dlc/99" in out.stdout
    assert sqlite3.connect(_db(isolated)).execute("SELECT count(*) FROM note").fetchone()[0] == 1


def test_doctor_and_backup_look_at_an_older_store_without_upgrading_it(cli, isolated, tmp_path):
    """doctor says an upgrade is pending instead of doing it first; backup copies the store as it
    is; doctor --fix (which may write) upgrades it, after a backup."""
    isolated.mkdir(parents=True)
    shutil.copy(REPO / "tests" / "fixtures" / "schema-v2.db", _db(isolated))
    before = _db(isolated).read_bytes()
    out = cli("doctor", env={"STUDYLOG_OWNER": "tester"})
    assert out.exit_code == 1
    assert "schema 2, an upgrade is pending" in out.stdout
    copy = tmp_path / "copy.db"
    cli("backup", str(copy), ok=True)
    assert _db(isolated).read_bytes() == before
    assert not (isolated / "backups").exists()
    assert sqlite3.connect(copy).execute("SELECT max(version) FROM studylog_migrations").fetchone()[0] == 2
    fixed = cli("doctor", "--fix", env={"STUDYLOG_OWNER": "tester"}, ok=True)
    assert f"schema version {LATEST}" in fixed.stdout, fixed.stdout
    assert len(list((isolated / "backups").glob("studylog-schema2-*.db"))) == 1


def test_backup_of_a_missing_store_creates_nothing(cli, isolated, tmp_path):
    out = cli("backup", str(tmp_path / "b.db"), ok=False)
    assert "there is no studylog store" in out.stderr and out.stderr.count("\n") == 1, out.stderr
    assert not _db(isolated).exists() and not (tmp_path / "b.db").exists()
