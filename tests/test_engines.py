"""The store's engines (store/sqlite.py, store/postgres.py) behind one interface: the opening
policy (write / inspect), for_owner views sharing the transaction, driver errors as one
StoreError, passwords kept out of messages, and the ``:name`` -> psycopg parameter conversion."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import date, datetime
from pathlib import Path

import pytest

from conftest import PG_SERVER, _pg_database
from studylog.errors import StoreError
from studylog.store import entries, maintenance
from studylog.store import sqlite as sqlite_engine
from studylog.store.connection import MODES, redact, scrub
from studylog.store.db import Store, open_store
from studylog.store.postgres import libpq_url, to_pyformat
from studylog.store.version import SCHEMA_VERSION as LATEST

pytestmark = pytest.mark.sqlite_only  # SQLite files of their own; the PostgreSQL tests make their databases

FIXTURES = Path(__file__).parent / "fixtures"
NOW = datetime(2024, 4, 18, 9, 30)


@pytest.fixture
def old_store(tmp_path: Path) -> Path:
    """A schema-2 store (tests/fixtures/schema-v2.db), in a folder of its own."""
    path = tmp_path / "data" / "studylog.db"
    path.parent.mkdir()
    shutil.copy(FIXTURES / "schema-v2.db", path)
    return path


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file() and not p.name.endswith(("-wal", "-shm"))}


# -- the opening policy ----------------------------------------------------------------------------


def test_inspect_leaves_an_older_store_byte_identical(old_store: Path, tmp_path: Path) -> None:
    before = _files(old_store.parent)
    store = open_store(str(old_store), "tester", NOW, mode="inspect")
    try:
        assert (store.schema_version, store.upgrade_pending) == (2, True)
        assert [d.text for d in entries.day_view(store, date(2024, 4, 18)).done] == ["worked through lecture 5"]
        report = maintenance.doctor(store, lambda ref: True)
        copy = maintenance.backup(store, tmp_path / "copy.db")
    finally:
        store.close()
    assert _files(old_store.parent) == before  # no upgrade, no WAL switch, no backup, no lock file
    assert not (old_store.parent / "backups").exists()
    schema = next(f for f in report.findings if f.check == "schema")
    assert not schema.ok and "schema 2, an upgrade is pending" in schema.message
    assert schema.fix and "studylog today" in schema.fix
    assert sqlite3.connect(copy).execute("SELECT max(version) FROM studylog_migrations").fetchone()[0] == 2


def test_write_mode_upgrades_after_a_backup(old_store: Path) -> None:
    store = open_store(str(old_store), "tester", NOW)
    assert (store.schema_version, store.upgrade_pending) == (LATEST, False)
    report = maintenance.doctor(store, lambda ref: True)
    store.close()
    assert [f.message for f in report.findings if f.check == "schema"] == [
        f"schema version {LATEST} (current {LATEST})"
    ]
    assert len(list((old_store.parent / "backups").glob("studylog-schema2-*.db"))) == 1


def test_store_constructed_directly_opens_for_writing(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    store = Store(str(path), "tester", NOW)
    assert (store.mode, store.schema_version, store.path, store.engine) == ("write", LATEST, path, "sqlite")
    store.close()
    assert sqlite3.connect(path).execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_inspect_refuses_a_missing_store_without_creating_it(tmp_path: Path) -> None:
    for path in (tmp_path / "missing.db", tmp_path / "empty.db"):
        if path.name == "empty.db":
            path.touch()
        with pytest.raises(StoreError, match="there is no studylog store at"):
            open_store(str(path), "tester", NOW, mode="inspect")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty.db"]
    assert (tmp_path / "empty.db").stat().st_size == 0


def test_inspect_still_refuses_a_newer_schema(old_store: Path) -> None:
    conn = sqlite3.connect(old_store)
    conn.execute("INSERT INTO studylog_migrations VALUES (999, 'future', '2030-01-01 00:00:00.000000')")
    conn.commit()
    conn.close()
    for mode in MODES:
        with pytest.raises(StoreError, match="newer than this studylog knows"):
            open_store(str(old_store), "tester", NOW, mode=mode)


def test_an_unknown_mode_is_a_programming_error(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        open_store(str(tmp_path / "x.db"), "tester", NOW, mode="read")  # type: ignore[arg-type]


def _add(store: Store, text: str) -> int:
    """One done item for the store's owner, inside the caller's transaction."""
    return store.insert(
        "entry",
        {"owner": store.owner, "kind": "done", "day": date(2024, 4, 18), "text": text, "created_at": NOW},
    )


# -- for_owner -------------------------------------------------------------------------------------


def test_for_owner_shares_the_connection_and_the_transaction(tmp_path: Path) -> None:
    store = Store(str(tmp_path / "s.db"), "alice", NOW)
    bob = store.for_owner("bob")  # made before the transaction starts
    assert (bob.owner, store.owner, bob.path) == ("bob", "alice", store.path)
    with store.transaction():
        _add(store, "alice's")
        _add(bob, "bob's")  # inside alice's transaction
        with pytest.raises(RuntimeError, match="nested"), bob.transaction():
            pass
    with pytest.raises(ZeroDivisionError), bob.transaction():
        _add(store, "rolled back")
        1 / 0  # noqa: B018
    with pytest.raises(RuntimeError, match=r"inside Store\.transaction"):
        _add(bob, "outside")
    assert store.owners() == ["alice", "bob"]
    texts = sorted(r["text"] for r in store.rows("SELECT text FROM entry"))
    assert texts == ["alice's", "bob's"]
    store.close()


# -- errors ----------------------------------------------------------------------------------------


def test_a_busy_database_is_one_store_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "s.db"
    Store(str(path), "tester", NOW).close()
    monkeypatch.setattr(sqlite_engine, "BUSY_TIMEOUT_S", 0.05)
    store = Store(str(path), "tester", NOW)
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(StoreError) as info, store.transaction():
            pass
        assert str(info.value) == "the database is busy in another process; try again"
    finally:
        other.execute("ROLLBACK")
        store.close()


def test_a_read_only_database_is_one_store_error(tmp_path: Path) -> None:
    store = Store(str(tmp_path / "s.db"), "tester", NOW)
    store.connection.execute("PRAGMA query_only = ON")
    with pytest.raises(StoreError, match="read-only"), store.transaction():
        entries.add_done(store, "x", date(2024, 4, 18), date(2024, 4, 18))
    store.close()


@pytest.mark.parametrize(
    "url, password, shown",
    [
        ("postgresql://u:secret@db.example/x", "secret", "postgresql://***@db.example/x"),
        (
            "postgresql+psycopg://u:p@ss/w@rd@db.example:5432/x",
            "p@ss/w@rd",
            "postgresql+psycopg://***@db.example:5432/x",
        ),
        ("postgresql://u:se%40cret@db.example/x", "se@cret", "postgresql://***@db.example/x"),
        ("postgresql://db.example/x?user=u&password=secret&sslmode=require", "secret", None),
        ("postgresql://db.example/x?Password=se@cret", "se@cret", None),
        ("postgresql://u@db.example/x", None, "postgresql://***@db.example/x"),
        ("postgresql://db.example/x", None, "postgresql://db.example/x"),
        ("/home/me/studylog.db", None, "/home/me/studylog.db"),
    ],
)
def test_redact_hides_every_password(url: str, password: str | None, shown: str | None) -> None:
    out = redact(url)
    if shown is not None:
        assert out == shown
    if password is not None:
        assert password not in out
        for written in {password, *([password.replace("@", "%40")] if password.replace("@", "%40") in url else [])}:
            assert written not in scrub(f"a driver quoting {written}: bad", url)
    else:
        assert scrub("a driver's message", url) == "a driver's message"


def test_unreachable_server_hides_the_password() -> None:
    for url in (
        "postgresql://u:pa%40ss@127.0.0.1:1/x",
        "postgresql+psycopg://u:p@ss@127.0.0.1:1/x",
        "postgresql://127.0.0.1:1/x?password=hunter2&connect_timeout=2",
    ):
        with pytest.raises(StoreError) as info:
            open_store(url, "tester", NOW)
        text = str(info.value)
        assert text.startswith("cannot connect to ") and "\n" not in text
        assert "hunter2" not in text and "pa%40ss" not in text and "pa@ss" not in text and "p@ss" not in text


def test_a_password_holding_an_at_sign_is_not_shown_in_part() -> None:
    """The driver reads 'u:p@ss@host' as user 'u', password 'p' and host 'ss@host', and quoted
    that host (issue #13 item 8): the URL is refused before it is tried, saying how to write it."""
    with pytest.raises(StoreError) as info:
        open_store("postgresql://u:p@ss@127.0.0.1:1/db?password=sekrit&sslmode=disable", "tester", NOW)
    text = str(info.value)
    assert "ss@" not in text and "sekrit" not in text and "p@ss" not in text
    assert "%40" in text and text.startswith("cannot connect to postgresql://***@127.0.0.1:1/db")


# -- PostgreSQL ------------------------------------------------------------------------------------


def test_parameters_become_psycopg_placeholders() -> None:
    assert (
        to_pyformat("SELECT :a::date, x::int FROM t WHERE y = :b")
        == "SELECT %(a)s::date, x::int FROM t WHERE y = %(b)s"
    )
    assert to_pyformat("WHERE item LIKE :prefix || '%' OR item LIKE 'a%b'") == (
        "WHERE item LIKE %(prefix)s || '%%' OR item LIKE 'a%%b'"
    )
    assert to_pyformat("SELECT '10:30', 'it''s :no', \"col:x\", $$ :no $$, $t$:no$t$ -- :no\n, :yes /* :no */") == (
        "SELECT '10:30', 'it''s :no', \"col:x\", $$ :no $$, $t$:no$t$ -- :no\n, %(yes)s /* :no */"
    )
    assert to_pyformat("SELECT a:b, :x, :x") == "SELECT a:b, %(x)s, %(x)s"
    assert libpq_url("postgresql+psycopg://u@h:5/db") == "postgresql://u@h:5/db"
    assert libpq_url("postgresql://u@h:5/db") == "postgresql://u@h:5/db"


@pytest.fixture
def pg_url():
    if not PG_SERVER:
        pytest.skip("PostgreSQL tests run in CI, or locally with STUDYLOG_TEST_PG=postgresql+psycopg://…/postgres")
    with _pg_database() as url:
        yield url


def test_postgres_runs_the_queries_sql(pg_url: str) -> None:
    store = open_store(pg_url, "tester", NOW)
    assert (store.engine, store.path, store.schema_version) == ("postgresql", None, LATEST)
    entries.add_done(store, "at 10:30: 100% done", date(2024, 4, 18), date(2024, 4, 18), 1.5, "dlc/1")
    row = store.one(
        "SELECT text, day::text AS d, :n::int + 1 AS n, '10:30' AS t, '%' AS p, "
        "(text LIKE :pattern) AS liked, (text LIKE '%100%%') AS literal FROM entry WHERE item LIKE :prefix || '%'",
        n=41,
        pattern="%: 100\\% done",
        prefix="dlc/",
    )
    assert row == {
        "text": "at 10:30: 100% done",
        "d": "2024-04-18",
        "n": 42,
        "t": "10:30",
        "p": "%",
        "liked": True,
        "literal": True,
    }
    assert store.scalar("SELECT count(*) FROM entry") == 1
    store.close()


@pytest.mark.parametrize("scheme", ["postgresql", "postgresql+psycopg"])
def test_both_url_spellings_work(pg_url: str, scheme: str) -> None:
    url = f"{scheme}://{pg_url.partition('://')[2]}"
    store = open_store(url, "tester", NOW)
    entries.add_goal(store, "a goal", date(2024, 4, 18))
    assert store.scalar("SELECT count(*) FROM entry") == 1
    store.close()


def test_postgres_inspect_and_transactions(pg_url: str) -> None:
    with pytest.raises(StoreError, match="there is no studylog store"):
        open_store(pg_url, "tester", NOW, mode="inspect")
    Store(pg_url, "tester", NOW).close()  # creates the schema
    store = open_store(pg_url, "alice", NOW, mode="inspect")
    assert (store.schema_version, store.upgrade_pending) == (LATEST, False)
    bob = store.for_owner("bob")
    with store.transaction():
        _add(bob, "bob's")
    with pytest.raises(ZeroDivisionError), bob.transaction():
        _add(store, "rolled back")
        1 / 0  # noqa: B018
    assert store.owners() == ["bob"]
    store.close()


def test_postgres_errors_are_one_store_error(pg_url: str) -> None:
    store = open_store(pg_url, "tester", NOW)
    with pytest.raises(StoreError, match=r"^database problem: relation \"nope\" does not exist$"):
        store.rows("SELECT * FROM nope")
    killer = open_store(pg_url, "tester", NOW)
    pid = store.scalar("SELECT pg_backend_pid()")
    killer.rows("SELECT pg_terminate_backend(:pid)", pid=pid)
    killer.close()
    with pytest.raises(StoreError, match=r"^database problem: "):
        store.rows("SELECT 1")
    store.close()
