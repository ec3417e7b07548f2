"""Writes that can be undone: every insert, update and delete inside ``Change`` is recorded with
the row's values before it, and ``undo_last`` plays them back in reverse."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, NamedTuple

from studylog.errors import StudylogError
from studylog.store.db import Store

TABLES = {"entry", "note", "item_status", "entry_item", "item_event"}


class Change:
    """The writes of one command, in one transaction."""

    def __init__(self, store: Store, change_id: int) -> None:
        self.store = store
        self.id = change_id

    def _record(self, table: str, row_id: int, op: str, before: dict[str, Any] | None) -> None:
        self.store.insert(
            "change_row",
            {
                "change_id": self.id,
                "table_name": table,
                "row_id": row_id,
                "op": op,
                "before": json.dumps(before, default=str) if before is not None else None,
            },
        )

    def insert(self, table: str, values: dict[str, Any]) -> int:
        assert table in TABLES
        row_id = self.store.insert(table, values)
        self._record(table, row_id, "insert", None)
        return row_id

    def insert_many(self, table: str, rows: list[dict[str, Any]]) -> list[int]:
        """Insert rows (without ids) in one batch; their new ids, in order."""
        assert table in TABLES
        if not rows:
            return []
        first = self.store.reserve_ids(table, len(rows))
        ids = list(range(first, first + len(rows)))
        self.store.insert_many(table, [{"id": i, **r} for i, r in zip(ids, rows, strict=True)])
        journal_first = self.store.reserve_ids("change_row", len(ids))
        self.store.insert_many(
            "change_row",
            [
                {
                    "id": journal_first + n,
                    "change_id": self.id,
                    "table_name": table,
                    "row_id": i,
                    "op": "insert",
                    "before": None,
                }
                for n, i in enumerate(ids)
            ],
        )
        return ids

    def update(self, table: str, row_id: int, values: dict[str, Any]) -> None:
        assert table in TABLES
        before = self.store.one(f"SELECT * FROM {table} WHERE id = :id", id=row_id)
        if before is None:
            raise StudylogError(f"no {table} row {row_id}")
        sets = ", ".join(f"{k} = :{k}" for k in values)
        self.store.execute(f"UPDATE {table} SET {sets} WHERE id = :row_id", row_id=row_id, **values)
        self._record(table, row_id, "update", before)

    def delete(self, table: str, row_id: int) -> None:
        assert table in TABLES
        before = self.store.one(f"SELECT * FROM {table} WHERE id = :id", id=row_id)
        if before is None:
            return
        self.store.execute(f"DELETE FROM {table} WHERE id = :id", id=row_id)
        self._record(table, row_id, "delete", before)


@contextmanager
def change(store: Store, summary: str) -> Iterator[Change]:
    """Open one transaction for one command's writes, recorded so that ``undo`` can revert it."""
    with store.transaction():
        yield begin_change(store, summary)


def begin_change(store: Store, summary: str) -> Change:
    """The change of a write transaction already open (one that read before it knew it would
    write, as an import does)."""
    return Change(store, store.insert("change", {"owner": store.owner, "created_at": store.now, "summary": summary}))


class Undone(NamedTuple):
    change_id: int
    summary: str
    rows: int


def undo_last(store: Store) -> Undone:
    """Revert the owner's most recent change that is not yet undone."""
    with store.transaction():
        last = store.one(
            "SELECT id, summary FROM change WHERE owner = :owner AND undone_at IS NULL ORDER BY id DESC LIMIT 1",
            owner=store.owner,
        )
        if last is None:
            raise StudylogError("nothing to undo")
        rows = store.rows(
            "SELECT table_name, row_id, op, before FROM change_row WHERE change_id = :id ORDER BY id DESC",
            id=last["id"],
        )
        for row in rows:
            table, row_id = row["table_name"], row["row_id"]
            if row["op"] == "insert":
                store.execute(f"DELETE FROM {table} WHERE id = :id", id=row_id)
            else:
                before = json.loads(row["before"])
                if row["op"] == "update":
                    sets = ", ".join(f"{k} = :{k}" for k in before if k != "id")
                    store.execute(f"UPDATE {table} SET {sets} WHERE id = :id", **before)
                else:
                    cols = ", ".join(before)
                    marks = ", ".join(f":{k}" for k in before)
                    store.execute(f"INSERT INTO {table} ({cols}) VALUES ({marks})", **before)
        store.execute("UPDATE change SET undone_at = :now WHERE id = :id", now=store.now, id=last["id"])
        return Undone(last["id"], last["summary"], len(rows))
