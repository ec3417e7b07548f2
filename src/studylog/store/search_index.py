"""The search index's objects (schema 8): their names and the statements that create them, for
``migrations.m008_search_index`` and for ``doctor --fix``, which rebuilds the index. No imports:
``doctor`` reads the names without SQLAlchemy, and ``store.search`` without the migrations.

These are the index as it is now. A later migration that changes it must first copy these
statements into ``m008_search_index`` (migrations are frozen history), then change them here."""

from __future__ import annotations

SEARCH_TABLES = ("entry_search", "note_search")
"""SQLite: the FTS5 tables, over ``entry.text`` and ``note.text``; not in SQLModel's metadata."""
SEARCH_TRIGGERS = tuple(f"{t}_{op}" for t in SEARCH_TABLES for op in ("insert", "update", "delete"))
"""SQLite: the triggers on ``entry`` and ``note`` that keep the tables in step."""
SEARCH_INDEXES_PG = ("ix_entry_text_search", "ix_note_text_search")
"""PostgreSQL: the trigram GIN indexes; not in SQLModel's metadata."""
INSERT_TRIGGERS = ("entry_search_insert", "note_search_insert")
"""SQLite: the insert triggers, which ``store.search.bulk`` takes away for an import's inserts.
Any row trigger makes SQLite open a statement journal for every row inserted one statement at a
time (about 18 microseconds a row here, twice what the insert costs without one), and FTS5 costs
as much again per statement: an import of 100k entries took twice as long with them."""


def search_statements_sqlite() -> list[str]:
    """The SQLite search index (two external-content FTS5 tables over ``entry`` and ``note``) and
    the triggers that keep it in step; ``INSERT INTO t(t) VALUES ('rebuild')`` fills a table."""
    return [
        "CREATE VIRTUAL TABLE entry_search USING fts5(text, content = 'entry', content_rowid = 'id', "
        "tokenize = 'trigram')",
        "CREATE VIRTUAL TABLE note_search USING fts5(text, entry_id UNINDEXED, content = 'note', "
        "content_rowid = 'id', tokenize = 'trigram')",
        "CREATE TRIGGER entry_search_insert AFTER INSERT ON entry BEGIN "
        "INSERT INTO entry_search (rowid, text) VALUES (new.id, new.text); END",
        "CREATE TRIGGER entry_search_update AFTER UPDATE OF id, text ON entry BEGIN "
        "INSERT INTO entry_search (entry_search, rowid, text) VALUES ('delete', old.id, old.text); "
        "INSERT INTO entry_search (rowid, text) VALUES (new.id, new.text); END",
        "CREATE TRIGGER entry_search_delete AFTER DELETE ON entry BEGIN "
        "INSERT INTO entry_search (entry_search, rowid, text) VALUES ('delete', old.id, old.text); END",
        "CREATE TRIGGER note_search_insert AFTER INSERT ON note BEGIN "
        "INSERT INTO note_search (rowid, text, entry_id) VALUES (new.id, new.text, new.entry_id); END",
        "CREATE TRIGGER note_search_update AFTER UPDATE OF id, text, entry_id ON note BEGIN "
        "INSERT INTO note_search (note_search, rowid, text, entry_id) "
        "VALUES ('delete', old.id, old.text, old.entry_id); "
        "INSERT INTO note_search (rowid, text, entry_id) VALUES (new.id, new.text, new.entry_id); END",
        "CREATE TRIGGER note_search_delete AFTER DELETE ON note BEGIN "
        "INSERT INTO note_search (note_search, rowid, text, entry_id) "
        "VALUES ('delete', old.id, old.text, old.entry_id); END",
    ]


def search_statements_pg() -> list[str]:
    """The PostgreSQL search indexes: trigram GIN indexes (``pg_trgm``) on the texts of entries and
    notes, which ``ILIKE '%…%'`` uses; PostgreSQL keeps them in step itself."""
    return [
        "CREATE INDEX IF NOT EXISTS ix_entry_text_search ON entry USING gin (text gin_trgm_ops)",
        "CREATE INDEX IF NOT EXISTS ix_note_text_search ON note USING gin (text gin_trgm_ops)",
    ]
