"""Item status: started, complete or skipped, each with its date."""

from __future__ import annotations

from datetime import date

from studylog.store.db import Store
from studylog.store.journal import Change, change
from studylog.store.records import Status, as_date

STATUSES = ("started", "complete", "skipped")


def get_status(store: Store, item: str) -> Status | None:
    row = store.one(
        "SELECT item, status, started_on, completed_on, skipped_on FROM item_status "
        "WHERE owner = :owner AND item = :item",
        owner=store.owner,
        item=item,
    )
    return _status(row) if row else None


def all_statuses(store: Store, curriculum: str | None = None) -> dict[str, Status]:
    sql = "SELECT item, status, started_on, completed_on, skipped_on FROM item_status WHERE owner = :owner"
    params = {"owner": store.owner}
    if curriculum:
        sql += " AND item LIKE :prefix"
        params["prefix"] = curriculum + "/%"
    return {r["item"]: _status(r) for r in store.rows(sql, **params)}


def _status(row: dict) -> Status:
    return Status(
        row["item"], row["status"], as_date(row["started_on"]), as_date(row["completed_on"]), as_date(row["skipped_on"])
    )


def set_status(store: Store, item: str, status: str, day: date, summary: str, ch: Change | None = None) -> Status:
    """Record ``status`` for ``item`` on ``day`` (in ``ch`` if given, else in its own change)."""
    assert status in STATUSES
    if ch is None:
        with change(store, summary) as own:
            return set_status(store, item, status, day, summary, own)
    current = store.one(
        "SELECT id, started_on FROM item_status WHERE owner = :owner AND item = :item", owner=store.owner, item=item
    )
    values = {"status": status, "updated_at": store.now}
    if status == "started":
        values["started_on"] = day
        values["completed_on"] = None
        values["skipped_on"] = None
    elif status == "complete":
        values["completed_on"] = day
        values["skipped_on"] = None
        if current is None or current["started_on"] is None:
            values["started_on"] = day
    else:
        values["skipped_on"] = day
        values["completed_on"] = None
    if current is None:
        ch.insert("item_status", {"owner": store.owner, "item": item, **values})
    else:
        if status == "started" and current["started_on"] is not None:
            values["started_on"] = min(as_date(current["started_on"]), day)
        ch.update("item_status", current["id"], values)
    return get_status(store, item)  # type: ignore[return-value]


def last_worked(store: Store) -> dict[str, date]:
    """The last day each curriculum item had a done entry logged against it (as its first item,
    or as one of the others of an entry linked to several)."""
    rows = store.rows(
        "SELECT item, max(day) AS day FROM entry WHERE owner = :owner AND kind = 'done' "
        "AND item IS NOT NULL GROUP BY item "
        "UNION ALL SELECT entry_item.item, max(entry.day) AS day FROM entry_item "
        "JOIN entry ON entry.id = entry_item.entry_id WHERE entry_item.owner = :owner AND entry.kind = 'done' "
        "GROUP BY entry_item.item",
        owner=store.owner,
    )
    out: dict[str, date] = {}
    for r in rows:
        day = as_date(r["day"])
        out[r["item"]] = max(out.get(r["item"], day), day)
    return out


def mark(store: Store, item: str, status: str, day: date, hours: float | None, title: str) -> tuple[Status, int | None]:
    """Record ``status`` for ``item`` on ``day`` in one change (one ``undo``); with ``hours``, also
    a done item "Completed TITLE" for it. The status, and the done item's id if one was logged."""
    from studylog.store.entries import record_done

    done_id = None
    with change(store, f"{status} {item}") as ch:
        result = set_status(store, item, status, day, "", ch)
        if hours is not None:
            done_id = record_done(store, ch, f"Completed {title}", day, hours, item, None, [])
    return result, done_id


def completions_by_day(store: Store, first: date, last: date) -> dict[date, int]:
    """How many items were completed on each day from ``first`` to ``last`` (days with none are
    absent)."""
    rows = store.rows(
        "SELECT completed_on AS day, count(*) AS n FROM item_status WHERE owner = :owner AND status = 'complete' "
        "AND completed_on >= :first AND completed_on <= :last GROUP BY completed_on",
        owner=store.owner,
        first=first,
        last=last,
    )
    return {as_date(r["day"]): int(r["n"]) for r in rows}


def count_completed(store: Store) -> int:
    """How many items are complete, all told."""
    return int(
        store.scalar(
            "SELECT count(*) AS n FROM item_status WHERE owner = :owner AND status = 'complete'", owner=store.owner
        )
        or 0
    )
