"""The store: migrations produce exactly the SQLModel schema, old stores upgrade with every row,
foreign or damaged files are refused with one line, and concurrent writers all succeed."""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlmodel import Session, SQLModel, select

from studylog.store import entries, models
from studylog.store.db import Store
from studylog.store.migrations import MIGRATIONS, migrate
from studylog.store.upgrade import sqlite_engine
from studylog.store.version import SCHEMA_VERSION as LATEST

pytestmark = pytest.mark.sqlite_only  # reads or writes the SQLite file itself

FIXTURES = Path(__file__).parent / "fixtures"
NOW = datetime(2024, 4, 18, 9, 30)


def _predicate(index: dict) -> str | None:
    """A partial index's WHERE clause, in one spelling for both engines."""
    options = index.get("dialect_options", {})
    where = options.get("sqlite_where", options.get("postgresql_where"))
    if where is None:
        return None
    text = (
        str(where).lower().replace("(", "").replace(")", "").replace("::text", "").replace("'::character varying", "'")
    )
    return " ".join(text.split())


def _is_search_object(name: str) -> bool:
    """The search index of schema 8 (the FTS5 tables ``entry_search`` and ``note_search`` and their shadow
    tables on SQLite, the trigram GIN indexes on PostgreSQL) is not in SQLModel's metadata: the comparison
    leaves it out by name, and tests/test_search_store.py checks it on its own."""
    from studylog.store.search_index import SEARCH_INDEXES_PG, SEARCH_TABLES

    return name in SEARCH_INDEXES_PG or any(name == t or name.startswith(t + "_") for t in SEARCH_TABLES)


def _schema(engine: sa.Engine) -> dict:
    """Tables with their columns (name, type, nullable, primary key), indexes (with the predicate of
    a partial one), unique constraints and foreign keys, as the database itself reports them; the
    search index is left out (``_is_search_object``)."""
    insp = sa.inspect(engine)
    out = {}
    for table in sorted(t for t in insp.get_table_names() if not _is_search_object(t)):
        out[table] = {
            "columns": [
                (c["name"], str(c["type"]), c["nullable"], c.get("primary_key", 0)) for c in insp.get_columns(table)
            ],
            "indexes": sorted(
                (i["name"], tuple(i["column_names"]), bool(i["unique"]), _predicate(i))
                for i in insp.get_indexes(table)
                if not _is_search_object(i["name"])
            ),
            "primary_key": tuple(insp.get_pk_constraint(table)["constrained_columns"]),
            "unique": sorted((u["name"], tuple(u["column_names"])) for u in insp.get_unique_constraints(table)),
            "fks": sorted(
                (tuple(f["constrained_columns"]), f["referred_table"], tuple(f["referred_columns"]))
                for f in insp.get_foreign_keys(table)
            ),
        }
    return out


def test_migrations_produce_the_models_schema(tmp_path):
    migrated = sqlite_engine(f"sqlite:///{tmp_path / 'migrated.db'}")
    assert migrate(migrated, NOW) == [v for v, _, _ in MIGRATIONS]
    declared = sa.create_engine(f"sqlite:///{tmp_path / 'declared.db'}")
    SQLModel.metadata.create_all(declared)
    assert _schema(migrated) == _schema(declared)
    assert MIGRATIONS[-1][0] == LATEST


@pytest.mark.parametrize("fixture", sorted(FIXTURES.glob("schema-v*.db")), ids=lambda p: p.name)
def test_every_released_schema_upgrades_to_exactly_the_models_schema(tmp_path, fixture):
    path = tmp_path / "store.db"
    shutil.copy(fixture, path)
    Store(str(path), "tester", NOW).close()
    declared = sa.create_engine(f"sqlite:///{tmp_path / 'declared.db'}")
    SQLModel.metadata.create_all(declared)
    upgraded = sa.create_engine(f"sqlite:///{path}")
    assert _schema(upgraded) == _schema(declared)
    upgraded.dispose()
    declared.dispose()


def test_the_schema_comparison_sees_a_missing_index_and_a_changed_predicate(tmp_path):
    """The comparison above would catch a migration that forgot an index or changed a predicate."""
    declared = sa.create_engine(f"sqlite:///{tmp_path / 'declared.db'}")
    SQLModel.metadata.create_all(declared)
    before = _schema(declared)
    with declared.begin() as conn:
        conn.exec_driver_sql("DROP INDEX ix_entry_open_goals")
        conn.exec_driver_sql("CREATE INDEX ix_entry_open_goals ON entry (owner, kind, day) WHERE kind = 'goal'")
    changed = _schema(declared)
    with declared.begin() as conn:
        conn.exec_driver_sql("DROP INDEX ix_entry_owner_met_on")
    assert before != changed != _schema(declared)
    declared.dispose()


def test_migrate_is_idempotent(tmp_path):
    engine = sqlite_engine(f"sqlite:///{tmp_path / 'x.db'}")
    migrate(engine, NOW)
    assert migrate(engine, NOW) == []


@pytest.mark.parametrize("fixture", sorted(FIXTURES.glob("schema-v*.db")), ids=lambda p: p.name)
def test_every_released_schema_upgrades_with_its_rows(tmp_path, fixture):
    """Each fixture holds: goal #1 (2024-04-17, met 2024-04-18, karpathy/5), done #2 (2024-04-18,
    2.5h, goal 1, two notes), done #3 (2024-04-16, no hours), dlc/1 complete on 2024-04-10."""
    path = tmp_path / "store.db"
    shutil.copy(fixture, path)
    store = Store(str(path), "tester", NOW)
    view = entries.day_view(store, date(2024, 4, 18))
    assert [(g.id, g.text, g.item, g.met_on) for g in view.carried] == [
        (1, "finish part 5/8 karpathy lecture", "karpathy/5", date(2024, 4, 18))
    ]
    assert [(d.id, d.text, d.hours, d.goal_id, [n.text for n in d.notes]) for d in view.done] == [
        (2, "worked through lecture 5", 2.5, 1, ["cs231n derivatives", "colah backprop"])
    ]
    assert [(e.entry.id, e.entry.hours) for e in entries.log(store, until=date(2024, 4, 16))] == [(3, None)]
    from studylog.store.status import get_status

    status = get_status(store, "dlc/1")
    assert (status.status, status.completed_on) == ("complete", date(2024, 4, 10))
    assert store.scalar("SELECT max(version) AS v FROM studylog_migrations") == LATEST


def make_fixture(path: Path) -> None:  # pragma: no cover - used to write tests/fixtures/schema-vN.db
    from studylog.store.records import Note
    from studylog.store.status import set_status

    store = Store(str(path), "tester", NOW)
    entries.add_goal(store, "finish part 5/8 karpathy lecture", date(2024, 4, 17), "karpathy/5")
    entries.add_done(
        store,
        "worked through lecture 5",
        date(2024, 4, 18),
        date(2024, 4, 18),
        2.5,
        None,
        1,
        [Note("cs231n derivatives"), Note("colah backprop", 1)],
    )
    entries.add_done(store, "read about attention", date(2024, 4, 16), date(2024, 4, 18))
    set_status(store, "dlc/1", "complete", date(2024, 4, 10), "complete dlc/1")
    store.close()


def test_orm_and_fast_queries_agree(tmp_path):
    path = tmp_path / "x.db"
    make_fixture(path)
    with Session(sa.create_engine(f"sqlite:///{path}")) as session:
        rows = session.exec(select(models.Entry).order_by(models.Entry.id)).all()
        notes = session.exec(select(models.Note).order_by(models.Note.position)).all()
    assert [(r.id, r.kind, r.day, r.hours, r.met_on) for r in rows] == [
        (1, "goal", date(2024, 4, 17), None, date(2024, 4, 18)),
        (2, "done", date(2024, 4, 18), 2.5, None),
        (3, "done", date(2024, 4, 16), None, None),
    ]
    assert all(isinstance(r.created_at, datetime) for r in rows)
    assert [(n.entry_id, n.depth, n.text) for n in notes] == [(2, 0, "cs231n derivatives"), (2, 1, "colah backprop")]


def test_new_store_is_private_and_in_wal_mode(tmp_path):
    path = tmp_path / "deep" / "folder" / "s.db"
    Store(str(path), "tester", NOW).close()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert sqlite3.connect(path).execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_refuses_foreign_and_damaged_files(cli, tmp_path):
    text = tmp_path / "notes.txt"
    text.write_text("hello, this is not a database\n" * 10)
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.commit()
    folder = tmp_path / "dir.db"
    folder.mkdir()
    for target, message in [
        (text, "is not a studylog database (not an SQLite file)"),
        (other, "is not a studylog database (it has other tables)"),
        (folder, "is a folder, not a database file"),
    ]:
        before = target.read_bytes() if target.is_file() else None
        out = cli("--db", str(target), "done", "x")
        assert out.exit_code == 1 and message in out.stderr and out.stderr.count("\n") == 1, out.stderr
        if before is not None:
            assert target.read_bytes() == before


def test_corrupted_store_is_one_clear_line(cli, tmp_path):
    path = tmp_path / "s.db"
    cli("--db", str(path), "done", "x", ok=True)
    data = bytearray(path.read_bytes())
    data[100:4096] = os.urandom(3996)
    path.write_bytes(bytes(data))
    out = cli("--db", str(path), "today")
    assert out.exit_code == 1
    assert out.stderr.startswith("studylog: error: ") and out.stderr.count("\n") == 1
    assert "Traceback" not in out.stderr


def test_newer_schema_is_refused(cli, tmp_path):
    path = tmp_path / "s.db"
    cli("--db", str(path), "today", ok=True)
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO studylog_migrations VALUES (999, 'future', '2030-01-01 00:00:00.000000')")
    conn.commit()
    out = cli("--db", str(path), "today", ok=False)
    assert "newer than this studylog knows" in out.stderr


def test_db_option_env_and_url(cli, tmp_path, monkeypatch):
    a, b, c = tmp_path / "a.db", tmp_path / "b.db", tmp_path / "c.db"
    cli("--db", str(a), "done", "in a", ok=True)
    monkeypatch.setenv("STUDYLOG_DB", str(b))
    cli("done", "in b", ok=True)
    cli("--db", f"sqlite:///{c}", "done", "in c", ok=True)
    for path, text in [(a, "in a"), (b, "in b"), (c, "in c")]:
        assert sqlite3.connect(path).execute("SELECT text FROM entry").fetchall() == [(text,)]


def test_unreachable_database_url_is_one_line(cli):
    out = cli("--db", "postgresql+nosuchdriver://u:secret@127.0.0.1:1/x", "today", ok=False)
    assert out.stderr.startswith("studylog: error: cannot connect to postgresql+nosuchdriver://***@127.0.0.1:1/x")
    assert "secret" not in out.stderr


def test_concurrent_writers_all_succeed(tmp_path):
    """Four processes each log 250 items at once into one fresh store: all 1000 rows land, and
    no "database is locked" reaches anyone."""
    script = tmp_path / "writer.py"
    script.write_text(
        "import sys, subprocess\nfrom studylog.cli import app\nfrom typer.testing import CliRunner\n"
        "r = CliRunner()\n"
        "for i in range(250):\n"
        "    res = r.invoke(app, ['done', f'{sys.argv[1]}-{i}', '--hours', '0.02'])\n"
        "    assert res.exit_code == 0, res.stderr\n"
    )
    env = {**os.environ, "STUDYLOG_HOME": str(tmp_path / "home")}
    procs = [
        subprocess.Popen([sys.executable, str(script), f"w{n}"], env=env, stderr=subprocess.PIPE, text=True)
        for n in range(4)
    ]
    errors = [p.communicate()[1] for p in procs]
    assert all(p.returncode == 0 for p in procs), errors
    conn = sqlite3.connect(tmp_path / "home" / "studylog.db")
    assert conn.execute("SELECT count(*) FROM entry").fetchone()[0] == 1000
    assert conn.execute("SELECT count(DISTINCT text) FROM entry").fetchone()[0] == 1000


def test_schema_4_keeps_the_meaning_of_imported_goals_and_statuses(tmp_path):
    """Before schema 4 an imported goal was stored dropped on the day after its own (so that it
    was not carried over); after the upgrade it is an open goal that lapsed that day, not one
    the learner dropped. A goal dropped by hand stays dropped. Each status becomes its history."""
    path = tmp_path / "store.db"
    shutil.copy(FIXTURES / "schema-v3.db", path)
    raw = sqlite3.connect(path)
    with raw:
        raw.execute(
            "INSERT INTO entry (id, owner, kind, day, text, created_at, dropped_on, source, source_key) VALUES "
            "(10, 'tester', 'goal', '2024-03-01', 'imported plan', '2024-04-18 09:30:00', '2024-03-02', "
            "'daily-notes', 'k10'), "
            "(11, 'tester', 'goal', '2024-03-01', 'dropped by hand', '2024-04-18 09:30:00', '2024-03-05', NULL, NULL)"
        )
        raw.execute(
            "INSERT INTO item_status (owner, item, status, started_on, updated_at) "
            "VALUES ('tester', 'dlc/2', 'started', '2024-04-01', '2024-04-18 09:30:00')"
        )
    raw.close()
    store = Store(str(path), "tester", NOW)
    plan, by_hand = entries.get_goal(store, 10), entries.get_goal(store, 11)
    assert (plan.dropped_on, plan.lapse_on, plan.state(date(2024, 4, 18))) == (None, date(2024, 3, 2), "lapsed")
    assert (by_hand.dropped_on, by_hand.lapse_on, by_hand.state(date(2024, 4, 18))) == (
        date(2024, 3, 5),
        None,
        "dropped",
    )
    from studylog.store.status import history

    assert [(e.event, e.day) for e in history(store, "dlc/1")] == [
        ("started", date(2024, 4, 10)),
        ("completed", date(2024, 4, 10)),
    ]
    assert [(e.event, e.day) for e in history(store, "dlc/2")] == [("started", date(2024, 4, 1))]
    # status follows the log: karpathy/5 had hours logged (done #2) but no status
    assert [(e.event, e.day) for e in history(store, "karpathy/5")] == [("started", date(2024, 4, 18))]
    from studylog.store.status import get_status

    assert get_status(store, "karpathy/5").status == "started"
    store.close()
