"""What shell completion offers from the store: entries and open goals by the start of their id
(newest first), tags and own lists by the start of their name. The entry queries read a bounded
number of rows along the primary key, the tag query runs on ``ix_entry_tag_owner_tag``, so a Tab
costs about the same at any history size."""

from __future__ import annotations

from typing import TYPE_CHECKING

from studylog.namedtuple import NamedTuple
from studylog.store.records import as_date

if TYPE_CHECKING:
    from datetime import date

    from studylog.store.db import Store

__all__ = ["EntryHint", "entries_by_id", "open_goals_by_id", "own_lists", "tags_starting"]


class EntryHint(NamedTuple):
    id: int
    kind: str
    day: date
    text: str


def _id_ranges(prefix: str, largest: int) -> list[tuple[int, int]]:
    """The id ranges up to ``largest`` whose ids are written starting with ``prefix``, highest
    first (``"12"``: ..., 1200-1299, 120-129, 12); every id for no prefix, none for no digits."""
    if not prefix:
        return [(1, largest)] if largest > 0 else []
    if not prefix.isdigit() or prefix.startswith("0"):
        return []
    ranges, low, width = [], int(prefix), 1
    while low <= largest:
        ranges.append((low, min(low + width - 1, largest)))
        low, width = low * 10, width * 10
    return ranges[::-1]


def _by_id(store: Store, where: str, prefix: str, limit: int) -> list[EntryHint]:
    """Newest first, one range of ids at a time (ids with more digits are newer), each read
    backwards along the primary key until ``limit`` are found. ``owner || ''`` keeps the owner's
    indexes out of it: through them the query would sort every entry of the owner."""
    largest = store.scalar("SELECT max(id) AS m FROM entry") or 0
    found: list[EntryHint] = []
    for low, high in _id_ranges(prefix, int(largest)):
        rows = store.rows(
            f"SELECT id, kind, day, text FROM entry WHERE id BETWEEN :low AND :high AND owner || '' = :owner{where} "
            "ORDER BY id DESC LIMIT :limit",
            low=low,
            high=high,
            owner=store.owner,
            limit=limit - len(found),
        )
        found += [EntryHint(int(r["id"]), r["kind"], as_date(r["day"]), r["text"]) for r in rows]
        if len(found) >= limit:
            break
    return found


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
