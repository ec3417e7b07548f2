"""Opening a store. SQLite files go through the standard library's ``sqlite3`` (fast to start);
any other database URL (PostgreSQL) through SQLAlchemy. Both run the same SQL text with named
parameters, so there is one set of queries. SQLAlchemy is imported only to create or upgrade the
schema, never on the everyday path of an up-to-date SQLite store.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Any

from studylog.errors import StoreError

BUSY_TIMEOUT_S = 30.0


def _sqlite_param(value: Any) -> Any:
    # The text forms SQLAlchemy uses for SQLite, so the ORM and these queries read the same rows.
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S.%f")
    if isinstance(value, date):
        return value.isoformat()
    return value


class Store:
    """A connection to one studylog database, for one owner."""

    def __init__(self, target: str, owner: str, now: datetime) -> None:
        self.owner = owner
        self.now = now
        self.target = target
        self._sqlite: sqlite3.Connection | None = None
        self._sa = None
        self._in_tx = False
        self._wrote = False
        if "://" in target and not target.startswith("sqlite:///"):
            self._open_sqlalchemy(target)
        else:
            self._open_sqlite(Path(target.removeprefix("sqlite:///")).expanduser())

    # -- opening -------------------------------------------------------------------------------
    def _open_sqlite(self, path: Path) -> None:
        self.path = path
        if path.is_dir():
            raise StoreError(f"{path} is a folder, not a database file", "give a file path with --db")
        # The file is never opened except through SQLite: closing another descriptor on it would
        # drop the POSIX locks of this process's SQLite connections (a known corruption hazard).
        if path.exists() and path.stat().st_size > 0:
            conn = self._connect(path)
            try:
                version = self._sqlite_version(conn)  # before any write: a foreign file stays untouched
            except StoreError:
                conn.close()
                raise
            if version == self._latest():
                self._sqlite = conn
                return
            conn.close()
        # Creating or upgrading: one process at a time, so that concurrent first runs queue up.
        with _init_lock(path):
            if not path.exists():
                try:
                    os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
                except OSError as exc:
                    raise StoreError(
                        f"cannot create the database at {path}: {exc.strerror}",
                        "set STUDYLOG_HOME or --db to a writable place",
                    ) from None
            conn = self._connect(path)
            try:
                version = self._sqlite_version(conn)
            except StoreError:
                conn.close()
                raise
            try:
                if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                    conn.execute("PRAGMA journal_mode=WAL")
            except sqlite3.DatabaseError as exc:
                raise StoreError(f"cannot prepare {path}: {exc}") from None
            self._sqlite = conn
            if version is not None and 0 < version < self._latest():
                self._backup_before_upgrade(path, version)
            self._check_schema(lambda: version, f"sqlite:///{path}")

    def _backup_before_upgrade(self, path: Path, version: int) -> None:
        from studylog.store.maintenance import copy_database, default_backup_path

        try:
            copy_database(self._sqlite, default_backup_path(path, self.now, f"schema{version}"))
        except (OSError, sqlite3.Error) as exc:
            raise StoreError(
                f"cannot back up {path} before upgrading it: {exc}",
                "free some disk space, or check the folder's permissions",
            ) from None

    @staticmethod
    def _latest() -> int:
        from studylog.store.version import SCHEMA_VERSION as LATEST

        return LATEST

    @staticmethod
    def _connect(path: Path) -> sqlite3.Connection:
        try:
            conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA foreign_keys=ON")
            conn.execute("PRAGMA synchronous=NORMAL")
            return conn
        except sqlite3.DatabaseError as exc:
            raise _database_error(path, exc) from None

    def _sqlite_version(self, conn: sqlite3.Connection) -> int | None:
        try:
            row = conn.execute("SELECT max(version) FROM studylog_migrations").fetchone()
            return int(row[0] or 0)
        except sqlite3.OperationalError as exc:
            if "no such table" not in str(exc):
                raise StoreError(f"cannot read {self.path}: {exc}") from None
        except sqlite3.DatabaseError as exc:
            raise _database_error(self.path, exc) from None
        tables = conn.execute("SELECT count(*) FROM sqlite_master WHERE type='table'").fetchone()[0]
        if tables:
            raise StoreError(
                f"{self.path} is not a studylog database (it has other tables)", "check --db / STUDYLOG_DB"
            )
        return None

    def _open_sqlalchemy(self, url: str) -> None:
        import sqlalchemy as sa

        self.path = None
        try:
            engine = sa.create_engine(url, pool_pre_ping=True)
            conn = engine.connect()
        except Exception as exc:  # noqa: BLE001 - bad URL, missing driver, server down: one clear line
            raise StoreError(
                f"cannot connect to {_redact(url)}: {str(exc).splitlines()[0]}", "check STUDYLOG_DB / --db"
            ) from None
        self._engine = engine
        self._sa = conn

        def version() -> int | None:
            insp = sa.inspect(conn)
            if not insp.has_table("studylog_migrations"):
                if insp.get_table_names():
                    raise StoreError(f"{_redact(url)} is not a studylog database (it has other tables)")
                return None
            return int(conn.execute(sa.text("SELECT max(version) FROM studylog_migrations")).scalar() or 0)

        self._check_schema(version, url)
        conn.commit()

    def _check_schema(self, read_version, url: str) -> None:
        from studylog.store.version import SCHEMA_VERSION as LATEST

        version = read_version()
        if version is not None and version > LATEST:
            raise StoreError(
                f"this store has schema version {version}, newer than this studylog knows ({LATEST})",
                "upgrade studylog",
            )
        if version is None or version < LATEST:
            self._upgrade(url)

    def _upgrade(self, url: str) -> None:
        from studylog.store.upgrade import upgrade

        upgrade(url, self.now)

    @property
    def connection(self) -> sqlite3.Connection:
        """The SQLite connection (for backups); StoreError for other databases."""
        if self._sqlite is None:
            raise StoreError("this works on SQLite stores only")
        return self._sqlite

    # -- queries -------------------------------------------------------------------------------
    def rows(self, sql: str, **params: Any) -> list[dict[str, Any]]:
        if self._sqlite is not None:
            cur = self._sqlite.execute(sql, {k: _sqlite_param(v) for k, v in params.items()})
            return [dict(r) for r in cur.fetchall()]
        import sqlalchemy as sa

        return [dict(r) for r in self._sa.execute(sa.text(sql), params).mappings()]

    def one(self, sql: str, **params: Any) -> dict[str, Any] | None:
        found = self.rows(sql, **params)
        return found[0] if found else None

    def scalar(self, sql: str, **params: Any) -> Any:
        row = self.one(sql, **params)
        return next(iter(row.values())) if row else None

    def execute(self, sql: str, **params: Any) -> None:
        self._require_tx()
        if self._sqlite is not None:
            self._sqlite.execute(sql, {k: _sqlite_param(v) for k, v in params.items()})
        else:
            import sqlalchemy as sa

            self._sa.execute(sa.text(sql), params)

    def insert(self, table: str, values: dict[str, Any]) -> int:
        self._require_tx()
        cols = ", ".join(values)
        marks = ", ".join(f":{k}" for k in values)
        row = self.one(f"INSERT INTO {table} ({cols}) VALUES ({marks}) RETURNING id", **values)
        return int(row["id"])

    def reserve_ids(self, table: str, count: int) -> int:
        """The first of ``count`` new ids for ``table``, for ``insert_many``: no other writer can
        take them before this transaction ends (SQLite's write lock; a table lock on PostgreSQL)."""
        self._require_tx()
        if self._sqlite is None:
            self.execute(f"LOCK TABLE {table} IN EXCLUSIVE MODE")
        return int(self.scalar(f"SELECT coalesce(max(id), 0) AS m FROM {table}")) + 1

    def insert_many(self, table: str, rows: list[dict[str, Any]]) -> None:
        """Insert rows that all have the same keys (ids included) in one batch."""
        self._require_tx()
        if not rows:
            return
        cols = ", ".join(rows[0])
        sql = f"INSERT INTO {table} ({cols}) VALUES ({', '.join(f':{k}' for k in rows[0])})"
        if self._sqlite is not None:
            self._sqlite.executemany(sql, [{k: _sqlite_param(v) for k, v in r.items()} for r in rows])
        else:
            import sqlalchemy as sa

            self._sa.execute(sa.text(sql), rows)
            self.sync_sequence(table)

    def owners(self) -> list[str]:
        """Every learner with something in this store."""
        rows = self.rows("SELECT owner FROM entry UNION SELECT owner FROM item_status ORDER BY owner")
        return [r["owner"] for r in rows]

    def for_owner(self, owner: str) -> Store:
        """The same connection, reading and writing as another learner."""
        import copy

        view = copy.copy(self)
        view.owner = owner
        return view

    def sync_sequence(self, table: str) -> None:
        """After rows were inserted with explicit ids: make new ids continue after them
        (PostgreSQL keeps a separate sequence; SQLite needs nothing)."""
        if self._sqlite is None:
            self.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT coalesce(max(id), 0) + 1 FROM {table}), false)"
            )

    def _require_tx(self) -> None:
        if not self._in_tx:
            raise RuntimeError("writes must happen inside Store.transaction()")

    @contextmanager
    def transaction(self) -> Iterator[Store]:
        """One write transaction: everything inside commits together or not at all."""
        if self._in_tx:
            raise RuntimeError("nested transaction")
        if self._sqlite is not None:
            self._sqlite.execute("BEGIN IMMEDIATE")
        elif self._sa.in_transaction():
            self._sa.commit()
        self._in_tx = True
        try:
            yield self
        except BaseException:
            self._in_tx = False
            if self._sqlite is not None:
                if self._sqlite.in_transaction:  # SQLite may already have rolled back on error
                    self._sqlite.execute("ROLLBACK")
            else:
                self._sa.rollback()
            raise
        self._in_tx = False
        self._wrote = True
        if self._sqlite is not None:
            self._sqlite.execute("COMMIT")
        else:
            self._sa.commit()

    def close(self) -> None:
        if self._sqlite is not None:
            if self._wrote:  # keep the query planner's statistics current (cheap; SQLite's advice)
                try:
                    self._sqlite.execute("PRAGMA analysis_limit = 400")
                    self._sqlite.execute("PRAGMA optimize")
                except sqlite3.Error:
                    pass
            self._sqlite.close()
        if self._sa is not None:
            self._sa.close()
            self._engine.dispose()


def _database_error(path: Path, exc: sqlite3.DatabaseError) -> StoreError:
    if "not a database" in str(exc):
        return StoreError(
            f"{path} is not a studylog database (not an SQLite file)", "check --db / STUDYLOG_DB, or move the file away"
        )
    return StoreError(f"{path} is damaged ({exc})", "restore a backup, or check --db / STUDYLOG_DB")


@contextmanager
def _init_lock(path: Path) -> Iterator[None]:
    """An exclusive lock on ``PATH.lock`` while a store is created or upgraded."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(f"{path}.lock", os.O_CREAT | os.O_RDWR, 0o600)
    except OSError as exc:
        raise StoreError(
            f"cannot create the database at {path}: {exc.strerror}", "set STUDYLOG_HOME or --db to a writable place"
        ) from None
    try:
        try:
            import fcntl
        except ImportError:  # Windows: SQLite's own locking has to do
            fcntl = None
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def _redact(url: str) -> str:
    if "@" in url and "://" in url:
        scheme, rest = url.split("://", 1)
        return f"{scheme}://***@{rest.split('@', 1)[1]}"
    return url
