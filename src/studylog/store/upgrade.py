"""Create or upgrade a store's schema through SQLAlchemy (imported only when needed)."""

from __future__ import annotations

from datetime import datetime

from studylog.errors import StoreError


def sqlite_engine(url: str):
    """An engine whose transactions take SQLite's write lock at BEGIN (``BEGIN IMMEDIATE``), so
    two processes upgrading at once queue up instead of failing."""
    import sqlalchemy as sa

    engine = sa.create_engine(url, connect_args={"timeout": 30})

    @sa.event.listens_for(engine, "connect")
    def _connect(dbapi_conn, _record):
        dbapi_conn.isolation_level = None
        dbapi_conn.execute("PRAGMA foreign_keys=ON")

    @sa.event.listens_for(engine, "begin")
    def _begin(conn):
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def upgrade(url: str, now: datetime) -> list[int]:
    import sqlalchemy as sa

    from studylog.store.migrations import migrate

    engine = sqlite_engine(url) if url.startswith("sqlite") else sa.create_engine(url)
    try:
        return migrate(engine, now)
    except sa.exc.OperationalError as exc:
        raise StoreError(f"cannot upgrade the store: {str(exc.orig).splitlines()[0]}") from None
    finally:
        engine.dispose()
