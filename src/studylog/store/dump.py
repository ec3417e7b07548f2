"""What ``export json`` reads and ``import json`` checks against: every entry with its notes,
linked items and tags by keyset batches, the item statuses and their history, and what the store already
holds.

Values are as the database gives them (a date may be a ``date`` or its ISO text, a time a
``datetime`` or its text): the backup format decides how to write them (``exporters.backup``)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from studylog.namedtuple import NamedTuple
from studylog.store.db import Store

ENTRY_FIELDS = (
    "id",
    "kind",
    "day",
    "text",
    "hours",
    "item",
    "goal_id",
    "met_on",
    "dropped_on",
    "created_at",
    "period_start",
    "period_end",
    "style",
    "source",
    "source_key",
    "item_count",
    "lapse_on",
)
STATUS_FIELDS = ("item", "status", "started_on", "completed_on", "skipped_on", "updated_at")
EVENT_FIELDS = ("item", "event", "day", "created_at")
BATCH = 1000


class DumpedNote(NamedTuple):
    depth: int
    text: str


class DumpedEntry(NamedTuple):
    """An entry row, every column (``ENTRY_FIELDS``), with its notes in order."""

    id: int
    kind: str
    day: Any
    text: str
    hours: float | None
    item: str | None
    goal_id: int | None
    met_on: Any
    dropped_on: Any
    created_at: Any
    period_start: Any
    period_end: Any
    style: str | None
    source: str | None
    source_key: str | None
    item_count: int | None
    lapse_on: Any
    notes: list[DumpedNote]
    items: tuple[str, ...]  # every item it is linked to, ``item`` first
    tags: tuple[str, ...] = ()  # its tags (entry_tag), in the order written


class DumpedEvent(NamedTuple):
    """An item status event row (``EVENT_FIELDS``)."""

    item: str
    event: str
    day: Any
    created_at: Any


class DumpedStatus(NamedTuple):
    """An item status row, every column (``STATUS_FIELDS``)."""

    item: str
    status: str
    started_on: Any
    completed_on: Any
    skipped_on: Any
    updated_at: Any


def entry_batches(store: Store, batch: int = BATCH) -> Iterator[list[DumpedEntry]]:
    """Every entry of the owner with its notes, by id, ``batch`` at a time (keyset pagination:
    each batch starts after the last id of the one before, so no batch reads the ones before)."""
    last = 0
    while True:
        rows = store.rows(
            f"SELECT {', '.join(ENTRY_FIELDS)} FROM entry WHERE owner = :owner AND id > :last "
            f"ORDER BY id LIMIT {int(batch)}",
            owner=store.owner,
            last=last,
        )
        if not rows:
            return
        notes: dict[int, list[DumpedNote]] = {}
        for row in store.rows(
            "SELECT n.entry_id, n.depth, n.text FROM note n JOIN entry e ON e.id = n.entry_id "
            "WHERE e.owner = :owner AND e.id > :first AND e.id <= :last "
            "ORDER BY n.entry_id, n.position",
            owner=store.owner,
            first=last,
            last=rows[-1]["id"],
        ):
            notes.setdefault(row["entry_id"], []).append(DumpedNote(row["depth"], row["text"]))
        linked: dict[int, list[str]] = {}
        if any(r["item_count"] for r in rows):
            for row in store.rows(
                "SELECT i.entry_id, i.item FROM entry_item i JOIN entry e ON e.id = i.entry_id "
                "WHERE e.owner = :owner AND e.id > :first AND e.id <= :last "
                "ORDER BY i.entry_id, i.position",
                owner=store.owner,
                first=last,
                last=rows[-1]["id"],
            ):
                linked.setdefault(row["entry_id"], []).append(row["item"])
        tags: dict[int, list[str]] = {}
        for row in store.rows(
            "SELECT t.entry_id, t.tag FROM entry_tag t JOIN entry e ON e.id = t.entry_id "
            "WHERE e.owner = :owner AND e.id > :first AND e.id <= :last "
            "ORDER BY t.entry_id, t.id",
            owner=store.owner,
            first=last,
            last=rows[-1]["id"],
        ):
            tags.setdefault(row["entry_id"], []).append(row["tag"])
        # a row is a dict in the order of its columns: ENTRY_FIELDS, as DumpedEntry's fields
        yield [
            DumpedEntry._make(
                (
                    *r.values(),
                    notes.get(r["id"], []),
                    tuple([r["item"], *linked.get(r["id"], [])] if r["item"] else linked.get(r["id"], [])),
                    tuple(tags.get(r["id"], [])),
                )
            )
            for r in rows
        ]
        if not last:
            _pause_for_tests()
        last = rows[-1]["id"]


def _pause_for_tests() -> None:
    """Tests only: with ``STUDYLOG_TEST_PAUSE_DUMP=PATH``, after the first batch create PATH and wait
    while it exists, so that a test can write while an export is under way
    (tests/test_export_snapshot.py)."""
    import os

    flag = os.environ.get("STUDYLOG_TEST_PAUSE_DUMP")
    if not flag:
        return
    import time

    with open(flag, "x"):
        pass
    while os.path.exists(flag):
        time.sleep(0.02)


def statuses(store: Store) -> list[DumpedStatus]:
    """Every item status of the owner, by item."""
    rows = store.rows(
        f"SELECT {', '.join(STATUS_FIELDS)} FROM item_status WHERE owner = :owner ORDER BY item", owner=store.owner
    )
    return [DumpedStatus(*r.values()) for r in rows]  # columns in STATUS_FIELDS order


def events(store: Store) -> list[DumpedEvent]:
    """Every item status event of the owner, by item, then as the history orders them (day, then
    the order recorded)."""
    rows = store.rows(
        f"SELECT {', '.join(EVENT_FIELDS)} FROM item_event WHERE owner = :owner ORDER BY item, day, id",
        owner=store.owner,
    )
    return [DumpedEvent(*r.values()) for r in rows]  # columns in EVENT_FIELDS order


def has_entries(store: Store) -> bool:
    """Whether the owner has any entry at all."""
    return bool(store.scalar("SELECT count(*) AS n FROM entry WHERE owner = :owner", owner=store.owner))


def entry_identities(store: Store) -> list[tuple[str, Any, str, Any]]:
    """(kind, day, text, created_at) of every entry of the owner: what makes two entries the same
    to ``import json``."""
    rows = store.rows("SELECT kind, day, text, created_at FROM entry WHERE owner = :owner", owner=store.owner)
    return [(r["kind"], r["day"], r["text"], r["created_at"]) for r in rows]


def status_items(store: Store) -> set[str]:
    """The items that have a status."""
    return {r["item"] for r in store.rows("SELECT item FROM item_status WHERE owner = :owner", owner=store.owner)}


assert (
    DumpedEntry._fields == (*ENTRY_FIELDS, "notes", "items", "tags")
    and DumpedStatus._fields == STATUS_FIELDS
    and DumpedEvent._fields == EVENT_FIELDS
)  # rows fill them in order
