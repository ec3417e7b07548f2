"""The learner's own items (``own_item``, schema 7): papers, talks, courses in lists of theirs,
kept in the store so that they follow the learner to every machine and into ``export json``.
Adding, changing and removing one is a change ``undo`` reverts. ``curriculum.own`` turns them into
curricula for the rest of studylog."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from studylog.curriculum.own import OwnItem
from studylog.errors import ConflictError
from studylog.store.db import Store
from studylog.store.journal import Change, change

__all__ = ["OwnItem", "add_item", "edit_item", "insert_item", "linked_entries", "own_items", "remove_item"]

_COLUMNS = "id, list, slug, title, kind, url, alias, estimate_low, estimate_high, tags"
SINCE_SCHEMA = 7


def _item(row: dict[str, Any]) -> OwnItem:
    low, high = row["estimate_low"], row["estimate_high"]
    return OwnItem(
        int(row["id"]),
        row["list"],
        row["slug"],
        row["title"],
        row["kind"],
        row["url"],
        row["alias"],
        (float(low), float(high)) if low is not None else None,
        tuple(row["tags"].split()) if row["tags"] else (),
    )


def own_items(store: Store) -> list[OwnItem]:
    """The owner's own items, by list, in the order they were added (none before schema 7: a
    store opened as it is, by ``doctor``, may be older)."""
    if store.schema_version < SINCE_SCHEMA:
        return []
    return [
        _item(r)
        for r in store.rows(
            f"SELECT {_COLUMNS} FROM own_item WHERE owner = :owner ORDER BY list, id", owner=store.owner
        )
    ]


def url_key(url: str | None) -> str | None:
    from studylog.urls import normalize_url

    key = normalize_url(url) if url else None
    return key[:300] if key else None


def arxiv_id(url: str | None) -> str | None:
    """The arXiv id of a paper's URL (abstract, PDF or HTML page), which the item answers to too."""
    key = url_key(url)
    return key.removeprefix("arxiv:") if key and key.startswith("arxiv:") else None


def _same_url(store: Store, key: str | None, but: int | None = None) -> OwnItem | None:
    if key is None:
        return None
    row = store.one(
        f"SELECT {_COLUMNS} FROM own_item WHERE owner = :owner AND url_key = :key AND id != :but",
        owner=store.owner,
        key=key,
        but=but or 0,
    )
    return _item(row) if row else None


def insert_item(
    store: Store,
    ch: Change,
    list_id: str,
    slug: str,
    title: str,
    kind: str,
    *,
    url: str | None = None,
    estimate: tuple[float, float] | None = None,
    tags: Sequence[str] = (),
    created_at: Any = None,
) -> OwnItem:
    """Add an item inside an open change (``add``, ``done --add`` with its done item, a restore
    with the time it was first added). UsageError when the list has an item of that reference, or
    any list one of that URL."""
    key = url_key(url)
    twin = _same_url(store, key)
    if twin is not None:
        raise ConflictError(
            f"{twin.ref} ({twin.title}) already has that URL", f"log it with --item {twin.ref}, or give another URL"
        )
    if store.one(
        "SELECT id FROM own_item WHERE owner = :owner AND list = :list AND lower(slug) = lower(:slug)",
        owner=store.owner,
        list=list_id,
        slug=slug,
    ):
        raise ConflictError(f"your list {list_id!r} already has an item {list_id}/{slug}", "choose another --id")
    values = {
        "owner": store.owner,
        "list": list_id,
        "slug": slug,
        "title": title,
        "kind": kind,
        "url": url,
        "url_key": key,
        "alias": arxiv_id(url),
        "estimate_low": estimate[0] if estimate else None,
        "estimate_high": estimate[1] if estimate else None,
        "tags": " ".join(tags) or None,
        "created_at": created_at or store.now,
    }
    item_id = ch.insert("own_item", values)
    return _item({"id": item_id, **values})


def add_item(store: Store, list_id: str, slug: str, title: str, kind: str, **fields: Any) -> OwnItem:
    """Add an item to one of the owner's lists, as one change (``fields`` as ``insert_item``'s)."""
    with change(store, f"add {kind} {list_id}/{slug}") as ch:
        return insert_item(store, ch, list_id, slug, title, kind, **fields)


def edit_item(store: Store, item: OwnItem, **changes: Any) -> OwnItem:
    """Change an item's ``title``, ``kind``, ``url``, ``estimate`` or ``tags`` (only those given;
    ``url=None``/``estimate=None`` clear them), as one change. Its reference stays: entries link
    to it by reference."""
    values: dict[str, Any] = {}
    for name in ("title", "kind"):
        if name in changes:
            values[name] = changes[name]
    if "url" in changes:
        key = url_key(changes["url"])
        twin = _same_url(store, key, but=item.id)
        if twin is not None:
            raise ConflictError(f"{twin.ref} ({twin.title}) already has that URL", "give another URL")
        values.update(url=changes["url"], url_key=key, alias=arxiv_id(changes["url"]))
    if "estimate" in changes:
        low_high = changes["estimate"]
        values.update(estimate_low=low_high[0] if low_high else None, estimate_high=low_high[1] if low_high else None)
    if "tags" in changes:
        values["tags"] = " ".join(changes["tags"]) or None
    if not values:
        return item
    with change(store, f"edit {item.ref}") as ch:
        ch.update("own_item", item.id, values)
    row = store.one(f"SELECT {_COLUMNS} FROM own_item WHERE id = :id", id=item.id)
    assert row is not None
    return _item(row)


def linked_entries(store: Store, ref: str) -> int:
    """How many of the owner's entries link to item ``ref``."""
    first = store.scalar(
        "SELECT count(*) AS n FROM entry WHERE owner = :owner AND item = :ref", owner=store.owner, ref=ref
    )
    more = store.scalar(
        "SELECT count(*) AS n FROM entry_item WHERE owner = :owner AND item = :ref", owner=store.owner, ref=ref
    )
    return int(first or 0) + int(more or 0)


def remove_item(store: Store, item: OwnItem, *, force: bool = False) -> int:
    """Remove an item with its status and status history, as one change; the number of entries
    that link to it. Refused when there are any, unless ``force`` (they keep their text and their
    reference, which then names no item)."""
    with change(store, f"remove {item.ref}") as ch:
        linked = linked_entries(store, item.ref)
        if linked and not force:
            raise ConflictError(
                f"{linked} entr{'y links' if linked == 1 else 'ies link'} to {item.ref}",
                "give --force to remove it all the same (the entries stay), or link them elsewhere with 'studylog edit'",
            )
        for table in ("item_event", "item_status"):
            for row in store.rows(
                f"SELECT id FROM {table} WHERE owner = :owner AND item = :ref", owner=store.owner, ref=item.ref
            ):
                ch.delete(table, int(row["id"]))
        ch.delete("own_item", item.id)
    return linked


def dump_rows(store: Store) -> list[dict[str, Any]]:
    """Every own item of the owner with the time it was added, as a backup holds them."""
    if store.schema_version < SINCE_SCHEMA:
        return []
    return store.rows(
        f"SELECT {_COLUMNS}, created_at FROM own_item WHERE owner = :owner ORDER BY id", owner=store.owner
    )


def held(store: Store) -> tuple[set[tuple[str, str]], set[str]]:
    """The (list, reference) of every own item of the owner, lower case, and their URLs' keys:
    what a restore must not add again."""
    rows = store.rows("SELECT list, slug, url_key FROM own_item WHERE owner = :owner", owner=store.owner)
    return {(r["list"], r["slug"].lower()) for r in rows}, {r["url_key"] for r in rows if r["url_key"]}
