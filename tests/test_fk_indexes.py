"""Every foreign key has an index that leads with its columns (issue #13 item 1: ``entry.goal_id``
had none, and undoing an import checked every deleted entry against the whole table, quadratic:
69 s for 50k entries). Read from the database itself, on whichever engine the suite runs on, for
a new store and for every released schema upgraded."""

from __future__ import annotations

import os
import shutil
from datetime import datetime
from pathlib import Path

import pytest
import sqlalchemy as sa

from studylog.store.db import Store

FIXTURES = Path(__file__).parent / "fixtures"
NOW = datetime(2024, 4, 18, 9, 30)


def unindexed_foreign_keys(engine: sa.Engine) -> list[str]:
    """The foreign keys (``table(columns) -> table``) with no index, or primary key, whose
    leading columns are the key's columns: deleting a referred row must find its referrers by
    index, not by scanning the table."""
    insp = sa.inspect(engine)
    missing = []
    for table in insp.get_table_names():
        leads = [tuple(i["column_names"]) for i in insp.get_indexes(table)]
        leads.append(tuple(insp.get_pk_constraint(table)["constrained_columns"]))
        leads += [tuple(u["column_names"]) for u in insp.get_unique_constraints(table)]
        for fk in insp.get_foreign_keys(table):
            cols = tuple(fk["constrained_columns"])
            if not any(lead[: len(cols)] == cols for lead in leads):
                missing.append(f"{table}({', '.join(cols)}) -> {fk['referred_table']}")
    return sorted(missing)


def _engine(target: str) -> sa.Engine:
    url = target if "://" in target else f"sqlite:///{target}"
    return sa.create_engine(url, poolclass=sa.pool.NullPool)


def test_every_foreign_key_of_a_new_store_is_indexed(isolated):
    target = os.environ.get("STUDYLOG_DB") or str(isolated / "studylog.db")
    isolated.mkdir(parents=True, exist_ok=True)
    Store(target, "tester", NOW).close()
    engine = _engine(target)
    try:
        insp = sa.inspect(engine)
        assert sum(len(insp.get_foreign_keys(t)) for t in insp.get_table_names()) >= 4  # it did read them
        assert unindexed_foreign_keys(engine) == []
    finally:
        engine.dispose()


@pytest.mark.sqlite_only
@pytest.mark.parametrize("fixture", sorted(FIXTURES.glob("schema-v*.db")), ids=lambda p: p.name)
def test_every_foreign_key_of_an_upgraded_store_is_indexed(tmp_path, fixture):
    path = tmp_path / "store.db"
    shutil.copy(fixture, path)
    Store(str(path), "tester", NOW).close()
    engine = _engine(str(path))
    try:
        assert unindexed_foreign_keys(engine) == []
    finally:
        engine.dispose()


def test_the_check_sees_an_unindexed_foreign_key(isolated):
    """The check itself: a foreign key without an index (or behind another column) is reported."""
    target = os.environ.get("STUDYLOG_DB") or str(isolated / "studylog.db")
    isolated.mkdir(parents=True, exist_ok=True)
    Store(target, "tester", NOW).close()
    engine = _engine(target)
    try:
        with engine.begin() as conn:
            conn.exec_driver_sql("DROP INDEX ix_entry_goal_id")
            conn.exec_driver_sql(
                "CREATE TABLE probe (id INTEGER PRIMARY KEY, other INTEGER, entry_id INTEGER REFERENCES entry (id))"
            )
            conn.exec_driver_sql("CREATE INDEX ix_probe ON probe (other, entry_id)")  # not leading: no use
        assert unindexed_foreign_keys(engine) == ["entry(goal_id) -> entry", "probe(entry_id) -> entry"]
    finally:
        engine.dispose()
