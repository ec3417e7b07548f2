"""Numbered schema migrations. Each runs in one transaction together with the row that records
it in ``studylog_migrations``; a store is upgraded on open. Migrations are frozen history: a new
schema version adds a new function here and changes ``models.py`` to match (a test checks that
running every migration from an empty database gives exactly the tables ``models.py`` defines).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta

import sqlalchemy as sa

from studylog.store.search_index import SEARCH_TABLES, search_statements_pg, search_statements_sqlite
from studylog.store.version import SCHEMA_VERSION

MigrationFn = Callable[[sa.Connection], None]


def m001_initial(conn: sa.Connection) -> None:
    md = sa.MetaData()
    sa.Table(
        "entry",
        md,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("owner", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("day", sa.Date, nullable=False),
        sa.Column("text", sa.String, nullable=False),
        sa.Column("hours", sa.Float),
        sa.Column("item", sa.String(200)),
        sa.Column("goal_id", sa.Integer, sa.ForeignKey("entry.id")),
        sa.Column("met_on", sa.Date),
        sa.Column("dropped_on", sa.Date),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Index("ix_entry_owner_day", "owner", "day"),
        sa.Index("ix_entry_owner_item", "owner", "item"),
    )
    sa.Table(
        "note",
        md,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("entry_id", sa.Integer, sa.ForeignKey("entry.id"), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("depth", sa.Integer, nullable=False),
        sa.Column("text", sa.String, nullable=False),
        sa.Index("ix_note_entry", "entry_id", "position"),
    )
    sa.Table(
        "item_status",
        md,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("owner", sa.String(64), nullable=False),
        sa.Column("item", sa.String(200), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("started_on", sa.Date),
        sa.Column("completed_on", sa.Date),
        sa.Column("skipped_on", sa.Date),
        sa.Column("updated_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("owner", "item", name="uq_item_status_owner_item"),
    )
    sa.Table(
        "change",
        md,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("owner", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("summary", sa.String, nullable=False),
        sa.Column("undone_at", sa.DateTime),
        sa.Index("ix_change_owner", "owner", "id"),
    )
    sa.Table(
        "change_row",
        md,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("change_id", sa.Integer, sa.ForeignKey("change.id"), nullable=False),
        sa.Column("table_name", sa.String(32), nullable=False),
        sa.Column("row_id", sa.Integer, nullable=False),
        sa.Column("op", sa.String(8), nullable=False),
        sa.Column("before", sa.String),
        sa.Index("ix_change_row_change", "change_id", "id"),
    )
    md.create_all(conn)


def m002_import_provenance(conn: sa.Connection) -> None:
    """Entries remember the period and style they were imported with, and a key that makes
    importing the same file twice add nothing."""
    for column, kind in [
        ("period_start", "DATE"),
        ("period_end", "DATE"),
        ("style", "VARCHAR(16)"),
        ("source", "VARCHAR(32)"),
        ("source_key", "VARCHAR(64)"),
    ]:
        conn.execute(sa.text(f"ALTER TABLE entry ADD COLUMN {column} {kind}"))
    conn.execute(sa.text("CREATE UNIQUE INDEX ux_entry_owner_source_key ON entry (owner, source_key)"))


def m003_history_indexes(conn: sa.Connection) -> None:
    """Indexes that keep everyday queries independent of the history's size: open goals (for
    goals carried over), goals by the day they were met or dropped, and covering indexes for
    hours by day and by item."""
    for sql in [
        "CREATE INDEX ix_entry_open_goals ON entry (owner, kind, day) "
        "WHERE kind = 'goal' AND met_on IS NULL AND dropped_on IS NULL",
        "CREATE INDEX ix_entry_owner_met_on ON entry (owner, met_on)",
        "CREATE INDEX ix_entry_owner_dropped_on ON entry (owner, dropped_on)",
        "CREATE INDEX ix_entry_owner_kind_day ON entry (owner, kind, day, hours)",
        "CREATE INDEX ix_entry_owner_kind_item ON entry (owner, kind, item, hours)",
    ]:
        conn.execute(sa.text(sql))


def m004_periods_links_history(conn: sa.Connection) -> None:
    """Entries that cover a period or link several items, goals that lapse, and each item's status
    history. Existing rows keep their meaning:

    - An imported goal was stored dropped on the day after its own, so that it was never carried
      over; it is now open with ``lapse_on`` that day (it shows as lapsed, not dropped).
    - Each item status becomes the events that led to it: started (on ``started_on``), then
      completed or skipped on their days.
    - An item with done entries but no status is started on its first such day (status follows
      the log, as it does for every entry logged from now on).
    """
    for column, kind in [("item_count", "INTEGER"), ("lapse_on", "DATE")]:
        conn.execute(sa.text(f"ALTER TABLE entry ADD COLUMN {column} {kind}"))
    md = sa.MetaData()
    sa.Table("entry", md, sa.Column("id", sa.Integer, primary_key=True))
    sa.Table(
        "entry_item",
        md,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("entry_id", sa.Integer, sa.ForeignKey("entry.id"), nullable=False),
        sa.Column("owner", sa.String(64), nullable=False),
        sa.Column("item", sa.String(200), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Index("ix_entry_item_entry", "entry_id", "position"),
        sa.Index("ix_entry_item_owner_item", "owner", "item"),
    )
    sa.Table(
        "item_event",
        md,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("owner", sa.String(64), nullable=False),
        sa.Column("item", sa.String(200), nullable=False),
        sa.Column("event", sa.String(16), nullable=False),
        sa.Column("day", sa.Date, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Index("ix_item_event_owner_item", "owner", "item", "id"),
    )
    md.tables["entry_item"].create(conn)
    md.tables["item_event"].create(conn)
    for sql in [
        # entries whose hours a report spreads over days or shares between items: few, found fast
        "CREATE INDEX ix_entry_spread ON entry (owner, day) WHERE period_start IS NOT NULL OR item_count IS NOT NULL",
        # goals a done item met (removing and undoing entries look them up)
        "CREATE INDEX ix_entry_goal_id ON entry (goal_id)",
    ]:
        conn.execute(sa.text(sql))
    goals = conn.execute(
        sa.text(
            "SELECT id, day, dropped_on FROM entry WHERE kind = 'goal' AND source IS NOT NULL "
            "AND met_on IS NULL AND dropped_on IS NOT NULL"
        )
    ).all()
    for goal_id, day, dropped_on in goals:
        day, dropped_on = _as_date(day), _as_date(dropped_on)
        if dropped_on == day + timedelta(days=1):
            conn.execute(
                sa.text("UPDATE entry SET dropped_on = NULL, lapse_on = :lapse WHERE id = :id"),
                {"lapse": dropped_on, "id": goal_id},
            )
    statuses = conn.execute(
        sa.text("SELECT owner, item, status, started_on, completed_on, skipped_on, updated_at FROM item_status")
    ).all()
    events = sa.table(
        "item_event",
        sa.column("owner"),
        sa.column("item"),
        sa.column("event"),
        sa.column("day", sa.Date),
        sa.column("created_at", sa.DateTime),
    )
    # Status follows the log: an item with done entries and no status was being worked on.
    now = conn.info.get("now") or datetime.now()
    worked = conn.execute(
        sa.text(
            "SELECT owner, item, min(coalesce(period_start, day)) AS first FROM entry "
            "WHERE kind = 'done' AND item IS NOT NULL GROUP BY owner, item"
        )
    ).all()
    known = {(owner, item) for owner, item, *_ in statuses}
    for owner, item, first in worked:
        if (owner, item) in known:
            continue
        conn.execute(
            sa.text(
                "INSERT INTO item_status (owner, item, status, started_on, updated_at) "
                "VALUES (:owner, :item, 'started', :first, :now)"
            ),
            {"owner": owner, "item": item, "first": _as_date(first), "now": now},
        )
        conn.execute(
            sa.insert(events).values(owner=owner, item=item, event="started", day=_as_date(first), created_at=now)
        )
    for owner, item, status, started_on, completed_on, skipped_on, updated_at in statuses:
        at = updated_at if isinstance(updated_at, datetime) else datetime.fromisoformat(str(updated_at))
        rows = []
        if started_on is not None:
            rows.append(("started", _as_date(started_on)))
        if status == "complete" and completed_on is not None:
            rows.append(("completed", _as_date(completed_on)))
        if status == "skipped" and skipped_on is not None:
            rows.append(("skipped", _as_date(skipped_on)))
        for event, day in rows:
            conn.execute(sa.insert(events).values(owner=owner, item=item, event=event, day=day, created_at=at))


ID_TABLES = ("entry", "entry_item", "note", "item_status", "item_event", "change", "change_row")


def m005_ids_never_reused(conn: sa.Connection) -> None:
    """The highest id each table has given out, so that none is given twice (issue 13: an id one
    owner removed went to another's next entry, and the first owner's undo then failed). Seeded
    with each table's largest id now: what was removed before this version cannot be known."""
    md = sa.MetaData()
    high = sa.Table(
        "id_high",
        md,
        sa.Column("name", sa.String(32), primary_key=True),
        sa.Column("last_id", sa.Integer, nullable=False),
    )
    high.create(conn)
    for table in ID_TABLES:
        top = conn.execute(sa.text(f"SELECT coalesce(max(id), 0) FROM {table}")).scalar_one()
        conn.execute(sa.insert(high).values(name=table, last_id=int(top)))


def m006_change_host_and_row_index(conn: sa.Connection) -> None:
    """Each change remembers the machine it was made on (``undo --list`` shows it; NULL for the
    changes made before), and the journal is indexed by the row it touched, so that ``undo N``
    finds a later change of the same rows without reading the whole journal."""
    conn.execute(sa.text("ALTER TABLE change ADD COLUMN host VARCHAR(255)"))
    conn.execute(sa.text("CREATE INDEX ix_change_row_row ON change_row (table_name, row_id, change_id)"))


def m007_own_items_and_tags(conn: sa.Connection) -> None:
    """The learner's own items (papers, talks, courses... in lists of their own such as
    ``reading``), kept in the store so that they follow the learner to every machine; the tags
    of each entry (``#git`` in its text or ``--tag git``), normalised, one row per tag; and the
    journal's rows for batches (``change_row.row_count``)."""
    md = sa.MetaData()
    sa.Table("entry", md, sa.Column("id", sa.Integer, primary_key=True))
    sa.Table(
        "own_item",
        md,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("owner", sa.String(64), nullable=False),
        sa.Column("list", sa.String(32), nullable=False),
        sa.Column("slug", sa.String(64), nullable=False),
        sa.Column("title", sa.String, nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("url", sa.String),
        sa.Column("url_key", sa.String(300)),
        sa.Column("alias", sa.String(80)),
        sa.Column("estimate_low", sa.Float),
        sa.Column("estimate_high", sa.Float),
        sa.Column("tags", sa.String),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("owner", "list", "slug", name="uq_own_item_owner_list_slug"),
        sa.Index("ix_own_item_owner_url_key", "owner", "url_key"),
    )
    sa.Table(
        "entry_tag",
        md,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("entry_id", sa.Integer, sa.ForeignKey("entry.id"), nullable=False),
        sa.Column("owner", sa.String(64), nullable=False),
        sa.Column("tag", sa.String(64), nullable=False),
        sa.Index("ix_entry_tag_entry", "entry_id"),
        sa.Index("ix_entry_tag_owner_tag", "owner", "tag", "entry_id"),
    )
    md.tables["own_item"].create(conn)
    md.tables["entry_tag"].create(conn)
    # A batch of rows inserted together (an import's entries) is one journal row for the range of
    # ids it took, not one row each: NULL is one row, as every row written before this version.
    conn.execute(sa.text("ALTER TABLE change_row ADD COLUMN row_count INTEGER"))
    conn.execute(
        sa.text(
            "CREATE INDEX ix_change_row_ranges ON change_row (change_id, table_name, row_id) "
            "WHERE row_count IS NOT NULL"
        )
    )
    for table in ("own_item", "entry_tag"):
        conn.execute(sa.text("INSERT INTO id_high (name, last_id) VALUES (:name, 0)"), {"name": table})


def m008_search_index(conn: sa.Connection) -> None:
    """The index behind ``studylog search``: every entry's text and every note, searchable by any
    word or phrase in any script, kept in step with every write in the same transaction.

    SQLite: two FTS5 tables with the ``trigram`` tokenizer, ``entry_search`` over ``entry.text``
    and ``note_search`` over ``note.text`` (with the note's ``entry_id``). They are
    external-content tables (the text is read from ``entry`` and ``note``, not stored twice), and
    triggers on ``entry`` and ``note`` (insert, update, delete) keep them in step, so every writer
    (the CLI, ``import``'s bulk inserts, ``undo``, ``import json``) updates them in its own
    transaction. A note is a row of its own, not part of its entry's row: adding a note then
    indexes the note alone, where one row per entry would re-index the entry's text and notes
    for every note (an import of 100k entries with 59k notes took twice as long that way).

    Why trigram and not ``unicode61``: unicode61 splits words at spaces and punctuation, and a
    Korean word is usually followed, in the same space-separated unit, by its particle
    (``환경변수로``: "environment variable" + "with"); Japanese and Chinese have no spaces at all.
    A word search with unicode61 would miss those unless the query used a prefix, and a prefix
    only helps at the start of the unit. The trigram index finds any substring of three or more
    characters in any script, case-insensitively, phrases as written, and prefixes come for free
    (``transform`` finds "transformers"). Its price: terms of one or two characters (``RL``,
    ``논문``) are not in the index, and ``store.search`` finds them with ``LIKE`` over the rows the
    other terms found (or over every entry when the query has no longer term); and the index is
    larger than a word index (about one entry per character of text).

    PostgreSQL: ``pg_trgm``'s GIN indexes on ``entry.text`` and ``note.text``, which serve the same
    substring semantics through ``ILIKE``, so both engines find the same entries for a query. If
    the extension cannot be created (no privilege), the indexes are left out and a search scans:
    slower, with the same results, and ``doctor`` says so."""
    if conn.dialect.name == "postgresql":
        savepoint = conn.begin_nested()
        try:
            conn.execute(sa.text("CREATE EXTENSION IF NOT EXISTS pg_trgm"))
        except sa.exc.DBAPIError:
            savepoint.rollback()
            return
        savepoint.commit()
        for sql in search_statements_pg():
            conn.execute(sa.text(sql))
        return
    for sql in search_statements_sqlite():
        conn.execute(sa.text(sql))
    for table in SEARCH_TABLES:
        conn.execute(sa.text(f"INSERT INTO {table} ({table}) VALUES ('rebuild')"))


def m009_timer_and_plans(conn: sa.Connection) -> None:
    """The running timer of each learner (``timer start``), kept in the store so that it survives
    closed terminals and reboots and follows the learner to another machine: at most one a
    learner; and each learner's plans (``plan dlc --by 2025-06-30``), one a curriculum."""
    md = sa.MetaData()
    sa.Table(
        "timer",
        md,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("owner", sa.String(64), nullable=False),
        sa.Column("text", sa.String, nullable=False),
        sa.Column("item", sa.String(200)),
        sa.Column("started_at", sa.DateTime, nullable=False),
        sa.Column("host", sa.String(255)),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("owner", name="uq_timer_owner"),
    )
    sa.Table(
        "plan",
        md,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("owner", sa.String(64), nullable=False),
        sa.Column("curriculum", sa.String(32), nullable=False),
        sa.Column("by_date", sa.Date),
        sa.Column("hours_per_week", sa.Float),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("owner", "curriculum", name="uq_plan_owner_curriculum"),
    )
    md.tables["timer"].create(conn)
    md.tables["plan"].create(conn)
    for table in ("timer", "plan"):
        conn.execute(sa.text("INSERT INTO id_high (name, last_id) VALUES (:name, 0)"), {"name": table})


def _as_date(value: object) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


MIGRATIONS: list[tuple[int, str, MigrationFn]] = [
    (1, "initial", m001_initial),
    (2, "import provenance", m002_import_provenance),
    (3, "history indexes", m003_history_indexes),
    (4, "periods, links and status history", m004_periods_links_history),
    (5, "ids never reused", m005_ids_never_reused),
    (6, "change host, journal by row", m006_change_host_and_row_index),
    (7, "own items, tags, journal ranges", m007_own_items_and_tags),
    (8, "search index", m008_search_index),
    (9, "timer and plans", m009_timer_and_plans),
]

_LEDGER = sa.table(
    "studylog_migrations",
    sa.column("version", sa.Integer),
    sa.column("name", sa.String),
    sa.column("applied_at", sa.DateTime),
)


def ensure_ledger(conn: sa.Connection) -> None:
    from sqlmodel import SQLModel

    from studylog.store.models import Migration

    SQLModel.metadata.tables[Migration.__tablename__].create(conn, checkfirst=True)


def applied_version(conn: sa.Connection) -> int:
    return conn.execute(sa.select(sa.func.coalesce(sa.func.max(_LEDGER.c.version), 0))).scalar_one()


def _lock(conn: sa.Connection) -> None:
    """One upgrader at a time. SQLite's BEGIN IMMEDIATE already serialises writers; PostgreSQL
    takes a transaction-scoped advisory lock."""
    if conn.dialect.name == "postgresql":
        conn.execute(sa.text("SELECT pg_advisory_xact_lock(724311)"))


def migrate(engine: sa.Engine, now: datetime, upto: int = SCHEMA_VERSION) -> list[int]:
    """Apply every migration above the store's version, each in its own transaction; return the
    versions applied. Safe to race: each transaction re-reads the version under a write lock."""
    applied: list[int] = []
    with engine.begin() as conn:
        _lock(conn)
        ensure_ledger(conn)
    for version, name, fn in MIGRATIONS:
        if version > upto:
            break
        with engine.begin() as conn:
            _lock(conn)
            if applied_version(conn) >= version:
                continue
            conn.info["now"] = now  # the clock, for a migration that writes rows
            fn(conn)
            conn.execute(sa.insert(_LEDGER).values(version=version, name=name, applied_at=now))
            applied.append(version)
    return applied
