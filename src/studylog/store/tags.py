"""Entry tags (``entry_tag``: one row per tag per entry, normalised by ``studylog.tags``): the
rows to write with an entry, its tags in bulk for the records, the entries with a tag, and the
hours per tag.

Hours per tag count a done entry's hours whole under each of its tags (an entry tagged ``#git``
and ``#rust`` counts in both: tags overlap, unlike items, whose hours are shared); a period
counts its daily share on each of its days in the range, as everywhere else."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from studylog.namedtuple import NamedTuple
from studylog.store.records import as_date
from studylog.store.sql import rows_in, tagged

if TYPE_CHECKING:
    from studylog.store.db import Store
    from studylog.store.journal import Change

__all__ = [
    "TagHours",
    "add_tags",
    "entries_with_tag",
    "has_tags",
    "hours_by_tag",
    "remove_tags",
    "retag_text",
    "tag_rows",
    "tagged",
    "tags_for",
]


def tag_rows(owner: str, entry_id: int, tags: Iterable[str]) -> list[dict[str, Any]]:
    """The ``entry_tag`` rows of an entry with ``tags`` (normalised, each once)."""
    return [{"entry_id": entry_id, "owner": owner, "tag": tag} for tag in dict.fromkeys(tags)]


def add_tags(store: Store, ch: Change, entry_id: int, tags: Sequence[str]) -> None:
    """Write an entry's tags in the change that writes the entry (nothing when it has none)."""
    for row in tag_rows(store.owner, entry_id, tags):
        ch.insert("entry_tag", row)


def remove_tags(store: Store, ch: Change, entry_id: int) -> None:
    """Delete an entry's tags in ``ch`` (journaled: undo puts them back)."""
    for row in store.rows("SELECT id FROM entry_tag WHERE entry_id = :id", id=entry_id):
        ch.delete("entry_tag", row["id"])


def tags_for(store: Store, ids: Sequence[int]) -> dict[int, tuple[str, ...]]:
    """The tags of the entries ``ids`` (those with any), each entry's in the order written."""
    out: dict[int, list[str]] = defaultdict(list)
    sql = "SELECT entry_id, tag FROM entry_tag WHERE entry_id IN ({values}) ORDER BY entry_id, id"
    for r in rows_in(store, sql, list(ids)):
        out[r["entry_id"]].append(r["tag"])
    return {k: tuple(v) for k, v in out.items()}


def has_tags(store: Store) -> bool:
    """Whether the owner has tagged any entry."""
    return store.one("SELECT id FROM entry_tag WHERE owner = :owner LIMIT 1", owner=store.owner) is not None


def entries_with_tag(store: Store, tag: str) -> list[int]:
    """The ids of the owner's entries with ``tag``, oldest first."""
    rows = store.rows(
        "SELECT entry_id FROM entry_tag WHERE owner = :owner AND tag = :tag ORDER BY entry_id",
        owner=store.owner,
        tag=tag,
    )
    return [r["entry_id"] for r in rows]


class TagHours(NamedTuple):
    """The hours of the done entries with one tag, and how many there were (with hours or not)."""

    tag: str
    hours: float
    entries: int

    def to_json(self) -> dict[str, Any]:
        return {"tag": self.tag, "hours": round(self.hours, 2) + 0.0, "entries": self.entries}


def hours_by_tag(store: Store, first: date | None = None, last: date | None = None) -> list[TagHours]:
    """Hours per tag of the done entries from ``first`` to ``last`` (either open), most first
    (then by tag). One-day entries are summed in SQL; the few periods that overlap the range
    count their share of days inside it."""
    where = ["t.owner = :owner", "e.kind = 'done'"]
    params: dict[str, Any] = {"owner": store.owner}
    if first:
        where.append("e.day >= :first")  # a period ends on its day: it overlaps when that is on or after first
        params["first"] = first
    if last:
        where.append("coalesce(e.period_start, e.day) <= :last")
        params["last"] = last
    join = f"FROM entry_tag t JOIN entry e ON e.id = t.entry_id WHERE {' AND '.join(where)}"
    hours: dict[str, float] = defaultdict(float)
    counts: dict[str, int] = defaultdict(int)
    for r in store.rows(
        f"SELECT t.tag, coalesce(sum(e.hours), 0) AS hours, count(*) AS n {join} AND e.period_start IS NULL "
        "GROUP BY t.tag",
        **params,
    ):
        hours[r["tag"]] += float(r["hours"])
        counts[r["tag"]] += int(r["n"])
    for r in store.rows(
        f"SELECT t.tag, e.day, e.period_start, e.hours {join} AND e.period_start IS NOT NULL", **params
    ):
        end, start = as_date(r["day"]), as_date(r["period_start"])
        start = min(start, end)
        lo, hi = max(start, first) if first else start, min(end, last) if last else end
        if lo > hi:
            continue
        hours[r["tag"]] += float(r["hours"] or 0) * ((hi - lo).days + 1) / ((end - start).days + 1)
        counts[r["tag"]] += 1
    found = [TagHours(tag, 0.0 if hours[tag] < 1e-9 else hours[tag], counts[tag]) for tag in counts]
    return sorted(found, key=lambda t: (-round(t.hours, 4), t.tag))


def retag_text(store: Store, ch: Change, entry_id: int, old_text: str, new_text: str) -> None:
    """In the change that rewrites an entry's text (``edit --text``): the tags its old text gave
    that the new one does not are deleted, and those the new text gives are added; its other tags
    (``--tag``, or an import's) stay. Journaled, so undo restores them. (For ``edit_entry``: its
    owner calls this; nothing here edits an entry.)"""
    from studylog.tags import tags_in

    old, new = tags_in(old_text), tags_in(new_text)
    rows = store.rows("SELECT id, tag FROM entry_tag WHERE entry_id = :id ORDER BY id", id=entry_id)
    have = {r["tag"] for r in rows}
    for r in rows:
        if r["tag"] in old and r["tag"] not in new:
            ch.delete("entry_tag", r["id"])
    add_tags(store, ch, entry_id, [t for t in new if t not in have])


def set_tags(store: Store, ch: Change, entry_id: int, tags: Sequence[str]) -> None:
    """In an open change: the entry's tags become ``tags`` (normalised), rewriting only the rows
    that differ (journaled)."""
    rows = store.rows("SELECT id, tag FROM entry_tag WHERE entry_id = :id ORDER BY id", id=entry_id)
    for r in rows:
        if r["tag"] not in tags:
            ch.delete("entry_tag", r["id"])
    have = {r["tag"] for r in rows}
    add_tags(store, ch, entry_id, [t for t in tags if t not in have])
