"""What shell completion offers from the store: entries by the start of their id (newest first),
open goals, tags and own lists by the start of their name. Every query is bounded by ``limit`` and
runs on an index (the entry's primary key, ``ix_entry_open_goals``, ``ix_entry_tag_owner_tag``),
so a Tab costs the same at any history size."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from studylog.store.records import as_date

if TYPE_CHECKING:
    from datetime import date

    from studylog.store.db import Store

__all__ = ["EntryHint", "entries_by_id", "open_goals_by_id", "own_lists", "tags_starting"]

_LARGEST_ID = 2**63 - 1


class EntryHint(NamedTuple):
    id: int
    kind: str
    day: date
    text: str


def _id_ranges(prefix: str) -> list[tuple[int, int]] | None:
    """The id ranges whose ids are written starting with ``prefix`` (``"12"``: 12, 120-129,
    1200-1299, ...), up to the largest id; None for no prefix (every id), [] for no digits."""
    if not prefix:
        return None
    if not prefix.isdigit() or prefix.startswith("0"):
        return []
    ranges, low, width = [], int(prefix), 1
    while low <= _LARGEST_ID:
        ranges.append((low, min(low + width - 1, _LARGEST_ID)))
        low, width = low * 10, width * 10
    return ranges


def _by_id(store: Store, where: str, prefix: str, limit: int) -> list[EntryHint]:
    ranges = _id_ranges(prefix)
    if ranges == []:
        return []
    params: dict[str, object] = {"owner": store.owner, "limit": limit}
    span = ""
    if ranges:
        parts = []
        for n, (low, high) in enumerate(ranges):
            parts.append(f"id BETWEEN :low{n} AND :high{n}")
            params[f"low{n}"], params[f"high{n}"] = low, high
        span = f" AND ({' OR '.join(parts)})"
    rows = store.rows(
        f"SELECT id, kind, day, text FROM entry WHERE owner = :owner{where}{span} ORDER BY id DESC LIMIT :limit",
        **params,
    )
    return [EntryHint(int(r["id"]), r["kind"], as_date(r["day"]), r["text"]) for r in rows]


def entries_by_id(store: Store, prefix: str, limit: int) -> list[EntryHint]:
    """Up to ``limit`` of the owner's entries whose id starts with ``prefix``, newest first."""
    return _by_id(store, "", prefix, limit)


def open_goals_by_id(store: Store, prefix: str, limit: int) -> list[EntryHint]:
    """Up to ``limit`` of the owner's open goals (not met, not dropped) whose id starts with
    ``prefix``, newest first."""
    return _by_id(store, " AND kind = 'goal' AND met_on IS NULL AND dropped_on IS NULL", prefix, limit)


def tags_starting(store: Store, prefix: str, limit: int) -> list[tuple[str, int]]:
    """Up to ``limit`` of the owner's tags that start with ``prefix``, with how many entries
    carry each, the most used first."""
    params: dict[str, object] = {"owner": store.owner, "limit": limit}
    span = ""
    if prefix:
        span = " AND tag >= :low AND tag < :high"
        params["low"], params["high"] = prefix, prefix + "\U0010ffff"
    rows = store.rows(
        f"SELECT tag, count(*) AS n FROM entry_tag WHERE owner = :owner{span} GROUP BY tag "
        "ORDER BY n DESC, tag LIMIT :limit",
        **params,
    )
    return [(r["tag"], int(r["n"])) for r in rows]


def own_lists(store: Store) -> list[tuple[str, int]]:
    """The owner's own lists with how many items each holds (none before schema 7)."""
    from studylog.store.own_items import SINCE_SCHEMA

    if store.schema_version < SINCE_SCHEMA:
        return []
    rows = store.rows(
        "SELECT list, count(*) AS n FROM own_item WHERE owner = :owner GROUP BY list ORDER BY list", owner=store.owner
    )
    return [(r["list"], int(r["n"])) for r in rows]
