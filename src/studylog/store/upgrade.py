"""Create or upgrade a store's schema through SQLAlchemy (imported only when needed: the only
module besides ``migrations.py`` and ``models.py`` that uses it)."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from studylog.errors import StoreError

if TYPE_CHECKING:
    import sqlalchemy as sa


def sqlite_engine(url: str) -> sa.Engine:
    """An engine whose transactions take SQLite's write lock at BEGIN (``BEGIN IMMEDIATE``), so
    two processes upgrading at once queue up instead of failing."""
    import sqlalchemy as sa

    engine = sa.create_engine(url, connect_args={"timeout": 30})

    @sa.event.listens_for(engine, "connect")
    def _connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None
        dbapi_conn.execute("PRAGMA foreign_keys=ON")

    @sa.event.listens_for(engine, "begin")
    def _begin(conn: sa.Connection) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def _engine_url(url: str) -> str:
    # SQLAlchemy reads plain postgresql:// as psycopg2; studylog speaks to PostgreSQL through psycopg 3.
    scheme, sep, rest = url.partition("://")
    return f"postgresql+psycopg://{rest}" if sep and scheme.lower() in ("postgresql", "postgres") else url


def upgrade(url: str, now: datetime) -> list[int]:
    """Apply the migrations the store at ``url`` lacks (every one for an empty database)."""
    import sqlalchemy as sa

    from studylog.store.migrations import migrate

    engine = sqlite_engine(url) if url.startswith("sqlite") else sa.create_engine(_engine_url(url))
    try:
        return migrate(engine, now)
    except sa.exc.OperationalError as exc:
        raise StoreError(f"cannot upgrade the store: {str(exc.orig).splitlines()[0]}") from None
    finally:
        engine.dispose()
