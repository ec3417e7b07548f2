"""PostgreSQL through psycopg 3 directly (SQLAlchemy only to create or upgrade the schema, in
``upgrade.py``): opening a store, running the queries' ``:name`` SQL, and turning psycopg's
errors into the one line users see.

The connection is in autocommit mode: each read is its own statement, and ``begin``/``commit``
make the write transactions ``Store.transaction()`` asks for (nothing stays idle in a
transaction between commands' statements)."""

from __future__ import annotations

import functools
import re
from datetime import datetime
from typing import TYPE_CHECKING, Any

from studylog.errors import StoreError
from studylog.store.connection import check_mode, latest_version, redact, refuse_newer, scrub

if TYPE_CHECKING:
    import psycopg

    from studylog.store.connection import Mode

SCHEMES = ("postgresql", "postgres", "postgresql+psycopg")
"""URL schemes for a PostgreSQL store: libpq's own, and SQLAlchemy's spelling for psycopg 3."""

# One token of SQL text: a quoted string or identifier, a dollar-quoted string, a comment, a
# ``::`` cast, a ``:name`` parameter, a ``%``, or a run of anything else.
_TOKEN = re.compile(
    r"""
      (?P<quoted>'(?:[^']|'')*'?|"(?:[^"]|"")*"?)
    | (?P<dollar>\$(?P<tag>(?:[A-Za-z_]\w*)?)\$.*?(?:\$(?P=tag)\$|\Z))
    | (?P<comment>--[^\n]*|/\*.*?(?:\*/|\Z))
    | (?P<cast>::)
    | (?P<param>(?<![\w\\]):(?P<name>[A-Za-z_]\w*)(?!:(?!:)))
    | (?P<percent>%)
    | (?P<other>[^'"$\-/:%]+|.)
    """,
    re.VERBOSE | re.DOTALL,
)


@functools.lru_cache(maxsize=512)
def to_pyformat(sql: str) -> str:
    """``sql`` with SQLAlchemy-style ``:name`` parameters as psycopg's ``%(name)s``: ``::`` casts
    stay, every ``%`` (a LIKE pattern, a literal, a comment) is doubled, and nothing inside a
    string literal, a quoted identifier or a comment is taken for a parameter."""
    out: list[str] = []
    for m in _TOKEN.finditer(sql):
        if m.lastgroup == "param":
            out.append(f"%({m.group('name')})s")
        else:
            out.append(m.group(0).replace("%", "%%"))
    return "".join(out)


def libpq_url(url: str) -> str:
    """The URL as libpq reads it: ``postgresql+psycopg://`` becomes ``postgresql://``."""
    scheme, _, rest = url.partition("://")
    return f"postgresql://{rest}" if scheme.lower() in SCHEMES else url


def sqlalchemy_url(url: str) -> str:
    """The URL as SQLAlchemy reads it for psycopg 3 (plain ``postgresql://`` means psycopg2 there)."""
    _scheme, _, rest = url.partition("://")
    return f"postgresql+psycopg://{rest}"


def is_postgres_url(url: str) -> bool:
    return url.partition("://")[0].lower() in SCHEMES


def _first_line(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return lines[0] if lines else type(exc).__name__


class PostgresConnection:
    """``connection.Connection`` on a PostgreSQL database."""

    engine = "postgresql"
    path: str | None = None

    def __init__(self, conn: psycopg.Connection[dict[str, Any]], url: str) -> None:
        self.raw = conn
        self._url = url

    def _error(self, exc: Exception) -> StoreError:
        import psycopg

        if isinstance(exc, psycopg.IntegrityError):  # a constraint, as on SQLite (store.sqlite.store_error)
            return StoreError(
                f"this change conflicts with what is stored ({scrub(_first_line(exc), self._url)}); nothing was written",
                "run it again; if it fails again, 'studylog doctor' checks the store",
            )
        return StoreError(f"database problem: {scrub(_first_line(exc), self._url)}")

    def rows(self, sql: str, params: dict[str, Any]) -> list[dict[str, Any]]:
        import psycopg

        try:
            cur = self.raw.execute(to_pyformat(sql), params)
            return cur.fetchall() if cur.description is not None else []
        except psycopg.Error as exc:
            raise self._error(exc) from exc

    def execute(self, sql: str, params: dict[str, Any]) -> None:
        import psycopg

        try:
            self.raw.execute(to_pyformat(sql), params)
        except psycopg.Error as exc:
            raise self._error(exc) from exc

    def insert_many(self, table: str, rows: list[dict[str, Any]]) -> None:
        import psycopg

        sql = f"INSERT INTO {table} ({', '.join(rows[0])}) VALUES ({', '.join(f'%({k})s' for k in rows[0])})"
        try:
            with self.raw.cursor() as cur:
                cur.executemany(sql, rows)
        except psycopg.Error as exc:
            raise self._error(exc) from exc

    def begin(self) -> None:
        self.execute("BEGIN", {})

    def begin_read(self) -> None:
        # REPEATABLE READ: every statement sees the snapshot of the first one (run now); READ
        # ONLY: nothing in it can write, and it takes no lock a writer waits for.
        self.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", {})
        self.rows("SELECT 1 AS one", {})

    def commit(self) -> None:
        self.execute("COMMIT", {})

    def rollback(self) -> None:
        from psycopg import pq

        status = self.raw.info.transaction_status
        if status in (pq.TransactionStatus.INTRANS, pq.TransactionStatus.INERROR):
            self.execute("ROLLBACK", {})

    def lock_for_ids(self, table: str) -> None:
        self.execute(f"LOCK TABLE {table} IN EXCLUSIVE MODE", {})

    def serialize(self, key: str) -> None:
        # A transaction-level advisory lock: released by COMMIT or ROLLBACK, never left behind by a
        # killed process (its session ends), and it blocks only the writers that ask for the key.
        self.execute("SELECT pg_advisory_xact_lock(hashtext(:key))", {"key": f"studylog:{key}"})

    def sync_sequence(self, table: str) -> None:
        self.execute(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
            f"(SELECT coalesce(max(id), 0) + 1 FROM {table}), false)",
            {},
        )

    def close(self, wrote: bool) -> None:
        self.raw.close()

    def shim_older_schema(self) -> None:
        """Read an older store (inspect mode) with the current queries, without writing to it."""
        from studylog.store.compat import shim_statements

        schema = self.rows("SELECT current_schema() AS s", {})[0]["s"]
        present: dict[str, list[str]] = {}
        for r in self.rows(
            "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = :schema "
            "ORDER BY table_name, ordinal_position",
            {"schema": schema},
        ):
            present.setdefault(r["table_name"], []).append(r["column_name"])
        for sql in shim_statements(present, schema, "postgresql"):
            self.execute(sql, {})

    def read_version(self) -> int | None:
        """The schema version (0 for a ledger without rows); None for an empty database;
        StoreError for a database that holds other tables."""
        import psycopg

        try:
            row = self.raw.execute("SELECT max(version) AS v FROM studylog_migrations").fetchone()
            return int((row or {}).get("v") or 0)
        except psycopg.errors.UndefinedTable:
            pass
        except psycopg.Error as exc:
            raise self._error(exc) from exc
        found = self.rows("SELECT count(*) AS n FROM pg_catalog.pg_tables WHERE schemaname = current_schema()", {})
        if found[0]["n"]:
            raise StoreError(f"{redact(self._url)} is not a studylog database (it has other tables)")
        return None


def connect(url: str) -> PostgresConnection:
    """A connection to the database at ``url`` (StoreError, without the password, if there is none)."""
    scheme = url.partition("://")[0]
    if not is_postgres_url(url):
        driver = scheme.partition("+")[2]
        reason = (
            f"unknown driver {driver!r}; use postgresql:// or postgresql+psycopg://"
            if scheme.lower().startswith("postgres") and driver
            else "studylog stores live in an SQLite file or a PostgreSQL database (postgresql://…)"
        )
        raise StoreError(f"cannot connect to {redact(url)}: {reason}", "check STUDYLOG_DB / --db")
    before_query = url.partition("://")[2].partition("?")[0]
    if before_query.count("@") > 1:  # the driver would read part of the password as the host, and say so
        raise StoreError(
            f"cannot connect to {redact(url)}: the user name or password holds an '@'",
            "write each @ in them as %40 in the URL",
        )
    try:
        import psycopg
        from psycopg.rows import dict_row
    except ImportError:
        raise StoreError(
            f"cannot connect to {redact(url)}: psycopg is not installed", "pip install 'psycopg[binary]'"
        ) from None
    try:
        conn = psycopg.connect(libpq_url(url), autocommit=True, row_factory=dict_row)
    except psycopg.Error as exc:
        raise StoreError(
            f"cannot connect to {redact(url)}: {scrub(_first_line(exc), url)}", "check STUDYLOG_DB / --db"
        ) from None
    return PostgresConnection(conn, url)


def open_postgres(url: str, now: datetime, mode: Mode = "write") -> tuple[PostgresConnection, int]:
    """The store at ``url`` and its schema version (see ``connection.Mode``)."""
    check_mode(mode)
    conn = connect(url)
    try:
        version = conn.read_version()
        refuse_newer(version)
        if mode == "inspect":
            if version is None:
                raise StoreError(
                    f"there is no studylog store at {redact(url)}",
                    "check --db / STUDYLOG_DB (any command that writes creates one)",
                )
            if version < latest_version():
                conn.shim_older_schema()
            return conn, version
        if version is None or version < latest_version():
            from studylog.store.upgrade import upgrade

            upgrade(sqlalchemy_url(url), now)  # one upgrader at a time (an advisory lock)
            version = conn.read_version()
    except BaseException:
        conn.close(wrote=False)
        raise
    return conn, version or 0
