"""Opening a store, and the one interface every query module uses (``Store``).

A store is an SQLite file (``store/sqlite.py``: the standard library's ``sqlite3``, fast to
start) or a PostgreSQL database (``store/postgres.py``: psycopg 3). Both run the same SQL text
with ``:name`` parameters, so there is one set of queries, and ``Store`` does not know which engine
it has. SQLAlchemy is imported only to create or upgrade a schema (``store/upgrade.py``).

``open_store(target, owner, now, mode=...)`` says how to open it: ``"write"`` (the default; what
every command that may write does) creates a missing store and upgrades an older one, backing an
SQLite file up first; ``"inspect"`` opens an existing store exactly as it is (for ``doctor`` and
``backup``), and reports through ``schema_version``/``upgrade_pending`` what an upgrade would do.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from datetime import datetime
from typing import TYPE_CHECKING, Any

from studylog.errors import StoreError
from studylog.store.connection import TxState, latest_version, redact

if TYPE_CHECKING:
    import sqlite3
    from pathlib import Path

    from studylog.store.connection import Connection, Mode

__all__ = ["Store", "open_connection", "open_store", "redact"]


def open_connection(target: str, now: datetime, mode: Mode = "write") -> tuple[Connection, int]:
    """The engine's connection for ``target`` (a file path, ``sqlite:///PATH``, or a PostgreSQL URL)
    and the store's schema version."""
    if "://" in target and not target.startswith("sqlite:///"):
        from studylog.store.postgres import open_postgres

        return open_postgres(target, now, mode)
    from studylog.store.sqlite import open_sqlite

    return open_sqlite(os.path.expanduser(target.removeprefix("sqlite:///")), now, mode)


def open_store(target: str, owner: str, now: datetime, mode: Mode = "write") -> Store:
    """The store at ``target``, for ``owner``; see the module's docstring for ``mode``."""
    return Store(target, owner, now, mode=mode)


class Store:
    """A connection to one studylog database, for one owner."""

    def __init__(self, target: str, owner: str, now: datetime, *, mode: Mode = "write") -> None:
        self.owner = owner
        self.now = now
        self.target = target
        self.mode: Mode = mode
        self._conn, self.schema_version = open_connection(target, now, mode)
        self._tx = TxState()

    @classmethod
    def _view(cls, base: Store, owner: str) -> Store:
        view = cls.__new__(cls)
        view.__dict__.update(base.__dict__)
        view.owner = owner
        return view

    # -- what it is ----------------------------------------------------------------------------
    @property
    def engine(self) -> str:
        """``"sqlite"`` or ``"postgresql"``."""
        return self._conn.engine

    @property
    def path(self) -> Path | None:
        """The SQLite file; None for other databases."""
        if self._conn.path is None:
            return None
        from pathlib import Path

        return Path(self._conn.path)

    @property
    def upgrade_pending(self) -> bool:
        """Whether the schema is older than this studylog's (only after ``mode="inspect"``: opening
        for writing upgrades)."""
        return self.schema_version < latest_version()

    @property
    def connection(self) -> sqlite3.Connection:
        """The SQLite connection (for backups); StoreError for other databases."""
        from studylog.store.sqlite import SQLiteConnection

        if not isinstance(self._conn, SQLiteConnection):
            raise StoreError("this works on SQLite stores only")
        return self._conn.raw

    # -- queries -------------------------------------------------------------------------------
    def rows(self, sql: str, **params: Any) -> list[dict[str, Any]]:
        return self._conn.rows(sql, params)

    def one(self, sql: str, **params: Any) -> dict[str, Any] | None:
        found = self._conn.rows(sql, params)
        return found[0] if found else None

    def scalar(self, sql: str, **params: Any) -> Any:
        row = self.one(sql, **params)
        return next(iter(row.values())) if row else None

    def execute(self, sql: str, **params: Any) -> None:
        self._require_tx()
        self._conn.execute(sql, params)

    def insert(self, table: str, values: dict[str, Any]) -> int:
        self._require_tx()
        if "id" not in values:
            values = {"id": self._take_ids(table, 1), **values}
        cols = ", ".join(values)
        marks = ", ".join(f":{k}" for k in values)
        row = self.one(f"INSERT INTO {table} ({cols}) VALUES ({marks}) RETURNING id", **values)
        assert row is not None
        return int(row["id"])

    def reserve_ids(self, table: str, count: int) -> int:
        """The first of ``count`` new ids for ``table``, for ``insert_many``: no other writer can
        take them before this transaction ends (SQLite's write lock; a table lock on PostgreSQL)."""
        self._require_tx()
        self._conn.lock_for_ids(table)
        return self._take_ids(table, count)

    def _take_ids(self, table: str, count: int) -> int:
        """The first of ``count`` ids that ``table`` has never given out (``id_high`` keeps the
        highest ever; the table's own largest id counts too, for rows written with their ids)."""
        top = "greatest" if self.engine == "postgresql" else "max"  # the two-argument maximum
        row = self.one(
            f"UPDATE id_high SET last_id = {top}(last_id, (SELECT coalesce(max(id), 0) FROM {table})) + :count "
            "WHERE name = :name RETURNING last_id",
            count=count,
            name=table,
        )
        if row is not None:
            return int(row["last_id"]) - count + 1
        first = int(self.scalar(f"SELECT coalesce(max(id), 0) AS m FROM {table}")) + 1
        self.execute("INSERT INTO id_high (name, last_id) VALUES (:name, :last)", name=table, last=first + count - 1)
        return first

    def serialize(self, key: str) -> None:
        """Inside a write transaction: the other writers that serialize on ``key`` wait for it."""
        self._require_tx()
        self._conn.serialize(key)

    def insert_many(self, table: str, rows: list[dict[str, Any]]) -> None:
        """Insert rows that all have the same keys (ids included) in one batch."""
        self._require_tx()
        if not rows:
            return
        self._conn.insert_many(table, rows)
        self._conn.sync_sequence(table)

    def owners(self) -> list[str]:
        """Every learner with something in this store."""
        rows = self.rows("SELECT owner FROM entry UNION SELECT owner FROM item_status ORDER BY owner")
        return [r["owner"] for r in rows]

    def for_owner(self, owner: str) -> Store:
        """The same connection and the same transaction, reading and writing as another learner."""
        return Store._view(self, owner)

    def sync_sequence(self, table: str) -> None:
        """After rows were inserted with explicit ids: make new ids continue after them
        (PostgreSQL keeps a separate sequence; SQLite needs nothing)."""
        self._require_tx()
        self._conn.sync_sequence(table)

    def _require_tx(self) -> None:
        if not self._tx.active:
            raise RuntimeError("writes must happen inside Store.transaction()")

    @contextmanager
    def snapshot(self) -> Iterator[Store]:
        """Every read inside sees the store as it was when it began, whatever other processes
        write meanwhile (for exports: a backup holds a state that existed). One read-only
        transaction: on SQLite a deferred one, stable in WAL mode while writers go on; on
        PostgreSQL REPEATABLE READ READ ONLY. Nothing can be written inside; a snapshot inside a
        snapshot is the same one."""
        if self._tx.reading:
            yield self
            return
        if self._tx.active:
            raise RuntimeError("a snapshot inside a write transaction")
        self._conn.begin_read()
        self._tx.reading = True
        try:
            yield self
        finally:
            self._tx.reading = False
            with suppress(StoreError):  # read only: ending it loses nothing, however it ends
                self._conn.rollback()

    @contextmanager
    def transaction(self) -> Iterator[Store]:
        """One write transaction: everything inside commits together or not at all."""
        if self._tx.active or self._tx.reading:
            raise RuntimeError("nested transaction")
        self._conn.begin()
        self._tx.active = True
        try:
            yield self
        except BaseException:
            self._tx.active = False
            with suppress(StoreError):  # the connection is gone; the error that got us here says more
                self._conn.rollback()
            raise
        self._tx.active = False
        self._conn.commit()
        self._tx.wrote = True

    def close(self) -> None:
        self._conn.close(self._tx.wrote)
