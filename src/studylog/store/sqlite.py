"""SQLite through the standard library's ``sqlite3``: opening a store file (creating, WAL,
backing up and upgrading it in ``write`` mode; exactly as it is in ``inspect`` mode), running
queries, and turning ``sqlite3`` errors into the one line users see.

SQLAlchemy is imported only to create or upgrade the schema (``upgrade.py``)."""

from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from datetime import date, datetime
from functools import lru_cache
from operator import itemgetter
from typing import TYPE_CHECKING, Any, NoReturn

from studylog.errors import StoreError
from studylog.store.connection import check_mode, latest_version, refuse_newer

if TYPE_CHECKING:
    from pathlib import Path

    from studylog.store.connection import Mode

# The store's own file is a str from opening to closing: the everyday commands do not import
# pathlib (which imports urllib.parse and ipaddress, ~4 ms). Copies and backups use Path.

BUSY_TIMEOUT_S = 30.0


_PLAIN = frozenset({str, int, float, bool, bytes, type(None)})  # passed as they are


@lru_cache(maxsize=64)
def _stamp(value: datetime) -> str:
    return value.strftime("%Y-%m-%d %H:%M:%S.%f")  # an import gives every row the same created_at


def _param(value: Any) -> Any:
    # The text forms SQLAlchemy uses for SQLite, so the ORM and these queries read the same rows.
    # A type lookup first: an import binds over a million parameters, nearly all of them plain.
    kind = type(value)
    if kind in _PLAIN:
        return value
    if kind is datetime:
        return _stamp(value)
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S.%f")
    if isinstance(value, date):
        return value.isoformat()
    return value


def _params(params: dict[str, Any]) -> dict[str, Any]:
    return {k: _param(v) for k, v in params.items()}


def store_error(exc: sqlite3.Error) -> StoreError | None:
    """The one line for an error SQLite raised while running a statement (None: not a database
    problem, let it through)."""
    if isinstance(exc, sqlite3.OperationalError):
        text = str(exc)
        if "locked" in text or "busy" in text:
            return StoreError("the database is busy in another process; try again")
        if "readonly" in text or "read-only" in text:
            return StoreError("the database is read-only; check the file's permissions")
        if "disk is full" in text or "full" in text:
            return StoreError("the disk is full; nothing was written")
        return StoreError(f"database problem: {text}")
    if isinstance(exc, sqlite3.IntegrityError):  # a constraint, not a broken file: restoring would lose data
        return StoreError(
            f"this change conflicts with what is stored ({exc}); nothing was written",
            "run it again; if it fails again, 'studylog doctor' checks the store",
        )
    if isinstance(exc, sqlite3.DatabaseError):
        return StoreError(f"the database file is damaged or not a database ({exc}); restore a backup")
    return None


def _reraise(exc: sqlite3.Error) -> NoReturn:
    err = store_error(exc)
    if err is None:
        raise exc
    raise err from exc


def connect(path: str) -> sqlite3.Connection:
    """A connection to ``path`` (created if missing) with studylog's settings: autocommit (the
    store begins its own transactions), a busy timeout, foreign keys on."""
    try:
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute("PRAGMA synchronous=NORMAL")
        return conn
    except sqlite3.DatabaseError as exc:
        raise _open_error(path, exc) from None


class SQLiteConnection:
    """``connection.Connection`` on an SQLite file."""

    engine = "sqlite"

    def __init__(self, conn: sqlite3.Connection, path: str) -> None:
        self.raw = conn
        self.path: str | None = path

    def rows(self, sql: str, params: dict[str, Any]) -> list[dict[str, Any]]:
        try:
            return [dict(r) for r in self.raw.execute(sql, _params(params)).fetchall()]
        except sqlite3.Error as exc:
            _reraise(exc)

    def execute(self, sql: str, params: dict[str, Any]) -> None:
        try:
            self.raw.execute(sql, _params(params))
        except sqlite3.Error as exc:
            _reraise(exc)

    def insert_many(self, table: str, rows: list[dict[str, Any]]) -> None:
        # Bound by position, column by column: an import binds over a million values, and only its
        # date columns need converting (a dict per row, converted whole, was a fifth of its time).
        names = list(rows[0])
        columns = []
        for name in names:
            column = list(map(itemgetter(name), rows))
            if not _PLAIN.issuperset(map(type, column)):
                column = list(map(_param, column))
            columns.append(column)
        sql = f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})"
        try:
            self.raw.executemany(sql, zip(*columns, strict=True))
        except sqlite3.Error as exc:
            _reraise(exc)

    def begin(self) -> None:
        self.execute("BEGIN IMMEDIATE", {})  # the write lock now: writers queue up on the busy timeout

    def begin_read(self) -> None:
        # A deferred transaction takes its snapshot at its first read: read now. In WAL mode
        # writers go on meanwhile (they append to the WAL; this reader keeps its end mark).
        self.execute("BEGIN DEFERRED", {})
        self.rows("SELECT count(*) AS n FROM sqlite_master", {})

    def commit(self) -> None:
        self.execute("COMMIT", {})

    def rollback(self) -> None:
        if self.raw.in_transaction:  # SQLite may already have rolled back on error
            self.execute("ROLLBACK", {})

    def lock_for_ids(self, table: str) -> None:
        pass  # BEGIN IMMEDIATE holds the database's write lock already

    def sync_sequence(self, table: str) -> None:
        pass  # INTEGER PRIMARY KEY continues after the largest id by itself

    def serialize(self, key: str) -> None:
        pass  # BEGIN IMMEDIATE holds the database's write lock already: one writer at a time

    def close(self, wrote: bool) -> None:
        if wrote:  # keep the query planner's statistics current (cheap; SQLite's advice)
            try:
                self.raw.execute("PRAGMA analysis_limit = 400")
                self.raw.execute("PRAGMA optimize")
            except sqlite3.Error:
                pass
        self.raw.close()


# -- opening ---------------------------------------------------------------------------------------


def _shim_older_schema(conn: sqlite3.Connection) -> None:
    """Read an older store (inspect mode) with the current queries, without writing to it."""
    from studylog.store.compat import shim_statements

    tables = [r[0] for r in conn.execute("SELECT name FROM main.sqlite_master WHERE type = 'table'")]
    present = {t: [r[1] for r in conn.execute(f"PRAGMA main.table_info({t})")] for t in tables}
    for sql in shim_statements(present, "main", "sqlite"):
        conn.execute(sql)


def open_sqlite(path: str, now: datetime, mode: Mode = "write") -> tuple[SQLiteConnection, int]:
    """The store at ``path`` and its schema version (see ``connection.Mode``)."""
    check_mode(mode)
    if os.path.isdir(path):
        raise StoreError(f"{path} is a folder, not a database file", "give a file path with --db")
    latest = latest_version()
    # The file is never opened except through SQLite: closing another descriptor on it would
    # drop the POSIX locks of this process's SQLite connections (a known corruption hazard).
    try:
        found: os.stat_result | None = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):  # what Path.exists took as missing: creating it says why not
        found = None
    if found is not None and found.st_size > 0:
        conn = connect(path)
        try:
            version = read_version(conn, path)  # before any write: a foreign file stays untouched
            refuse_newer(version)
            if mode == "inspect" and version is None:
                raise _missing(path)
        except StoreError:
            conn.close()
            raise
        if version is not None and mode != "inspect" and found.st_mode & 0o077:
            _make_private(path)
        if version == latest or mode == "inspect":
            if version is not None and version < latest:
                _shim_older_schema(conn)
            return SQLiteConnection(conn, path), version or 0
        conn.close()
    elif mode == "inspect":
        raise _missing(path)
    # Creating or upgrading: one process at a time, so that concurrent first runs queue up.
    with _init_lock(path):
        if not os.path.exists(path):
            try:
                os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
            except OSError as exc:
                raise StoreError(
                    f"cannot create the database at {path}: {exc.strerror}",
                    "set STUDYLOG_HOME or --db to a writable place",
                ) from None
        conn = connect(path)
        try:
            version = read_version(conn, path)
            refuse_newer(version)
            try:
                if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                    conn.execute("PRAGMA journal_mode=WAL")
            except sqlite3.DatabaseError as exc:
                raise StoreError(f"cannot prepare {path}: {exc}") from None
            if version is None or version < latest:
                if version:
                    _backup_before_upgrade(conn, path, now, version)
                from studylog.store.upgrade import upgrade

                upgrade(f"sqlite:///{path}", now)
                version = read_version(conn, path)
        except BaseException:
            conn.close()
            raise
        return SQLiteConnection(conn, path), version or 0


def _missing(path: str) -> StoreError:
    return StoreError(
        f"there is no studylog store at {path}", "check --db / STUDYLOG_DB (any command that writes creates one)"
    )


def read_version(conn: sqlite3.Connection, path: str) -> int | None:
    """The schema version of the store (0 for a ledger without rows); None for an empty database;
    StoreError for a file that is not a studylog store."""
    try:
        row = conn.execute("SELECT max(version) FROM studylog_migrations").fetchone()
        return int(row[0] or 0)
    except sqlite3.OperationalError as exc:
        if "no such table" not in str(exc):
            raise StoreError(f"cannot read {path}: {exc}") from None
    except sqlite3.DatabaseError as exc:
        raise _open_error(path, exc) from None
    tables = conn.execute("SELECT count(*) FROM sqlite_master WHERE type='table'").fetchone()[0]
    if tables:
        raise StoreError(f"{path} is not a studylog database (it has other tables)", "check --db / STUDYLOG_DB")
    return None


def _open_error(path: str, exc: sqlite3.DatabaseError) -> StoreError:
    if "not a database" in str(exc):
        return StoreError(
            f"{path} is not a studylog database (not an SQLite file)", "check --db / STUDYLOG_DB, or move the file away"
        )
    return StoreError(f"{path} is damaged ({exc})", "restore a backup, or check --db / STUDYLOG_DB")


def _make_private(path: str) -> None:
    """A store someone else could read (made 0644 by hand, or by a copy): owner-only again, with
    its WAL files, for it holds the learner's history."""
    for part in (path, f"{path}-wal", f"{path}-shm"):
        with suppress(OSError):  # not ours to change, or gone: it is still readable, as before
            os.chmod(part, 0o600)


@contextmanager
def _init_lock(path: str) -> Iterator[None]:
    """An exclusive lock on ``PATH.lock`` while a store is created or upgraded."""
    try:
        os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True, mode=0o700)  # the data folder: owner-only
        fd = os.open(f"{path}.lock", os.O_CREAT | os.O_RDWR, 0o600)
    except OSError as exc:
        why = exc.strerror
        if isinstance(exc, (FileExistsError, NotADirectoryError)):  # a file where a folder must be
            why = "a part of that path is a file, not a folder"
        raise StoreError(
            f"cannot create the database at {path}: {why}", "set STUDYLOG_HOME or --db to a writable place"
        ) from None
    try:
        try:
            import fcntl
        except ImportError:  # Windows: SQLite's own locking has to do
            pass
        else:
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


# -- copies ----------------------------------------------------------------------------------------


def copy_database(source: sqlite3.Connection, target: Path, *, new: bool = False) -> Path:
    """A consistent copy of ``source`` at ``target`` (owner-only), even while others write; returns
    where it went. ``new``: never replace a file, take the next free name instead (``NAME-2.db``,
    ``NAME-3.db``, ...): two copies made in the same second are two files."""
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)  # backups/: owner-only, whatever the umask
    from studylog.atomic import remove_leftovers

    remove_leftovers(target.parent)  # partial copies of killed backups and restores
    tmp = target.with_name(f".{target.name}.{os.getpid()}.partial")  # its pid: see studylog.atomic
    tmp.unlink(missing_ok=True)
    os.close(os.open(tmp, os.O_CREAT | os.O_WRONLY, 0o600))
    try:
        dest = sqlite3.connect(tmp)
        try:
            source.backup(dest)
            dest.execute("PRAGMA journal_mode=DELETE")  # a single self-contained file
        finally:
            dest.close()
        if not new:
            os.replace(tmp, target)
            return target
        for n in range(_next_number(target), 10_000):
            name = target if n == 1 else target.with_name(f"{target.stem}-{n}{target.suffix}")
            try:
                os.link(tmp, name)  # fails if the name is taken, where a rename would replace it
            except FileExistsError:
                continue
            tmp.unlink()
            return name
        raise StoreError(f"cannot find a free name for a copy in {target.parent}", "remove old copies there")
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _next_number(target: Path) -> int:
    """The first number to try for a new copy named like ``target``: after the highest one in use,
    so that a name is never given twice, not even once ``backups.keep`` removed its first copy."""
    taken = re.compile(rf"^{re.escape(target.stem)}(?:-(\d+))?{re.escape(target.suffix)}$")
    highest = 0
    with suppress(OSError):
        for e in os.scandir(target.parent):
            if m := taken.match(e.name):
                highest = max(highest, int(m.group(1) or 1))
    return highest + 1


KEEP_BACKUPS = 20  # the default of the ``backups.keep`` setting
_OWN_COPY = re.compile(r"^studylog-[a-z0-9-]+-\d{8}-\d{6}(?:-\d+)?\.db$")


def backups_folder(store_path: Path) -> Path:
    return store_path.parent / "backups"


def default_backup_path(store_path: Path, now: datetime, label: str = "backup") -> Path:
    return backups_folder(store_path) / f"studylog-{label}-{now.strftime('%Y%m%d-%H%M%S')}.db"


def prune_backups(folder: Path, keep: int, written: Path) -> list[Path]:
    """After ``written`` was added to ``folder`` (a store's ``backups/``): remove its oldest copies
    (the names studylog gives them; by modification time) so that the newest ``keep`` stay, the
    one just written among them; ``keep`` 0 keeps every copy. The ones removed."""
    if keep <= 0:
        return []
    from pathlib import Path

    copies: list[tuple[int, str, Path]] = []
    with suppress(OSError):
        for e in os.scandir(folder):
            if _OWN_COPY.match(e.name) and e.is_file(follow_symlinks=False):
                with suppress(OSError):
                    copies.append((e.stat(follow_symlinks=False).st_mtime_ns, e.name, Path(e.path)))
    copies.sort(reverse=True)  # newest first
    removed: list[Path] = []
    for _, _, path in copies[keep:]:
        if path.name == written.name:
            continue
        with suppress(OSError):
            path.unlink()
            removed.append(path)
    return removed


@contextmanager
def exclusive(conn: sqlite3.Connection) -> Iterator[None]:
    """The database to ``conn`` alone across steps that cannot be one transaction (a copy, then a
    restore through the backup API, which refuses a destination inside a transaction): with
    ``locking_mode=EXCLUSIVE`` the lock taken by one empty exclusive transaction is kept until the
    mode is set back, so every other reader and writer waits on its busy timeout meanwhile."""
    conn.execute("PRAGMA locking_mode=EXCLUSIVE")
    try:
        conn.execute("BEGIN EXCLUSIVE")
        conn.execute("COMMIT")
        yield
    finally:
        conn.execute("PRAGMA locking_mode=NORMAL")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # the next access lets the lock go


def _backup_before_upgrade(conn: sqlite3.Connection, path: str, now: datetime, version: int) -> None:
    from pathlib import Path

    try:
        copy_database(conn, default_backup_path(Path(path), now, f"schema{version}"), new=True)
    except (OSError, sqlite3.Error) as exc:
        raise StoreError(
            f"cannot back up {path} before upgrading it: {exc}",
            "free some disk space, or check the folder's permissions",
        ) from None
