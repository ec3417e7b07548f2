"""What ``curricula list`` and ``curricula show`` report, as plain JSON-ready dicts."""

from __future__ import annotations

from typing import Any

from studylog.curriculum.catalog import Catalog, item_readings
from studylog.curriculum.model import Curriculum, Item
from studylog.store.records import ItemEvent, Status


def curricula_summary(catalog: Catalog) -> list[dict[str, Any]]:
    rows = []
    for cid, c in sorted(catalog.curricula.items()):
        rows.append(
            {
                "id": cid,
                "title": c.title,
                "edition": c.edition,
                "items": len(c.items),
                "url": c.url,
                "source": _source(catalog, cid),
                "file": str(catalog.origins[cid]) if cid in catalog.origins else None,
                "replaces": str(catalog.replaced[cid]) if cid in catalog.replaced else None,
            }
        )
    return rows


def _source(catalog: Catalog, cid: str) -> str:
    """Where a curriculum comes from: ``shipped``, ``user`` (a file of the learner's) or ``store``
    (a list of their own items, kept in the store)."""
    if cid in catalog.stored:
        return "store"
    return "user" if cid in catalog.user_ids else "shipped"


def _estimate(item: Item) -> dict[str, float] | None:
    if item.estimate is not None:
        return {"low": item.estimate.low, "high": item.estimate.high}
    return None


def _readings(ref: str, item: Item, statuses: dict[str, Status]) -> list[dict[str, Any]]:
    out = []
    for key, reading in item_readings(item):
        st = statuses.get(f"{ref}/{key}")
        out.append(
            {
                "ref": f"{ref}/{key}",
                "title": reading.title,
                "url": reading.url,
                "optional": key.startswith("o"),
                "status": st.status if st else "not started",
            }
        )
    return out


def curriculum_detail(
    c: Curriculum, statuses: dict[str, Status], history: dict[str, list[ItemEvent]] | None = None
) -> dict[str, Any]:
    """The curriculum and each item with its status and status ``history`` (item -> events)."""
    history = history or {}
    items = []
    for item in c.items:
        st = statuses.get(f"{c.id}/{item.id}")
        items.append(
            {
                "ref": f"{c.id}/{item.id}",
                "id": item.id,
                "title": item.title,
                "kind": item.kind,
                "url": item.url,
                "estimate_hours": _estimate(item),
                "duration": item.duration,
                "importance": item.importance,
                "prerequisites": item.prerequisites,
                "helps": item.helps,
                "aliases": item.aliases,
                "optional": item.optional,
                "status": st.status if st else "not started",
                "started_on": st.started_on.isoformat() if st and st.started_on else None,
                "completed_on": st.completed_on.isoformat() if st and st.completed_on else None,
                "skipped_on": st.skipped_on.isoformat() if st and st.skipped_on else None,
                "history": [e.to_json() for e in history.get(f"{c.id}/{item.id}", [])],
                "readings": _readings(f"{c.id}/{item.id}", item, statuses),
            }
        )
    return {
        "id": c.id,
        "title": c.title,
        "url": c.url,
        "edition": c.edition,
        "author": c.author,
        "description": c.description,
        "items": items,
    }


STATUSES = ("not started", "started", "complete", "skipped")


def items_listing(
    catalog: Catalog,
    lists: list[str],
    statuses: dict[str, Status],
    hours: dict[str, float],
    status: str | None = None,
    kind: str | None = None,
) -> list[dict[str, Any]]:
    """The items of the curricula or lists ``lists`` (ids, in that order), each with its status
    and the hours logged on it, keeping those of ``status`` and ``kind`` when they are given."""
    rows = []
    for cid in lists:
        for item in catalog.curricula[cid].items:
            ref = f"{cid}/{item.id}"
            st = statuses.get(ref)
            row = {
                "ref": ref,
                "list": cid,
                "title": item.title,
                "kind": item.kind,
                "url": item.url,
                "status": st.status if st else "not started",
                "hours": round(hours.get(ref, 0.0), 2),
                "estimate_hours": _estimate(item),
                "started_on": st.started_on.isoformat() if st and st.started_on else None,
                "completed_on": st.completed_on.isoformat() if st and st.completed_on else None,
                "skipped_on": st.skipped_on.isoformat() if st and st.skipped_on else None,
            }
            if (status is None or row["status"] == status) and (kind is None or item.kind == kind):
                rows.append(row)
    return rows
