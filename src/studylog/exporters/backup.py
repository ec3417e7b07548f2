"""A complete, lossless JSON backup of one learner's data, and restoring it.

Restoring into an empty store gives the same store (same ids, dates, texts, hours, notes, item
statuses and import keys). Restoring into a store that has data adds only what is missing (an
entry is the same when its kind, day, text and creation time are), so it is idempotent.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from studylog.errors import StudylogError
from studylog.store.db import Store
from studylog.store.journal import change
from studylog.store.records import as_date

FORMAT = "studylog-backup"
VERSION = 1
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
)
STATUS_FIELDS = ("item", "status", "started_on", "completed_on", "skipped_on", "updated_at")
DATE_FIELDS = {"day", "met_on", "dropped_on", "period_start", "period_end", "started_on", "completed_on", "skipped_on"}
TIME_FIELDS = {"created_at", "updated_at"}


def _text(field: str, value: Any) -> Any:
    if value is None:
        return None
    if field in DATE_FIELDS:
        return as_date(value).isoformat()
    if field in TIME_FIELDS:
        return str(value).replace("T", " ")
    return value


BATCH = 1000


def _entries(store: Store) -> Iterator[dict[str, Any]]:
    """Every entry with its notes, by id, a batch at a time (keyset pagination)."""
    last = 0
    while True:
        rows = store.rows(
            f"SELECT {', '.join(ENTRY_FIELDS)} FROM entry WHERE owner = :owner AND id > :last "
            f"ORDER BY id LIMIT {BATCH}",
            owner=store.owner,
            last=last,
        )
        if not rows:
            return
        notes: dict[int, list[dict[str, Any]]] = {}
        for row in store.rows(
            "SELECT n.entry_id, n.depth, n.text FROM note n JOIN entry e ON e.id = n.entry_id "
            "WHERE e.owner = :owner AND e.id > :first AND e.id <= :last "
            "ORDER BY n.entry_id, n.position",
            owner=store.owner,
            first=last,
            last=rows[-1]["id"],
        ):
            notes.setdefault(row["entry_id"], []).append({"depth": row["depth"], "text": row["text"]})
        for r in rows:
            yield {**{f: _text(f, r[f]) for f in ENTRY_FIELDS}, "notes": notes.get(r["id"], [])}
        last = rows[-1]["id"]


def dump(store: Store) -> Iterator[str]:
    """The backup as JSON text, in chunks (one batch of entries in memory at a time)."""
    head = {"format": FORMAT, "version": VERSION, "owner": store.owner}
    yield json.dumps(head, ensure_ascii=False)[:-1] + ',\n "entries": ['
    for n, entry in enumerate(_entries(store)):
        yield ("," if n else "") + "\n  " + json.dumps(entry, ensure_ascii=False)
    statuses = store.rows(
        f"SELECT {', '.join(STATUS_FIELDS)} FROM item_status WHERE owner = :owner ORDER BY item", owner=store.owner
    )
    yield '\n ],\n "item_status": ['
    for n, r in enumerate(statuses):
        yield ("," if n else "") + "\n  " + json.dumps({f: _text(f, r[f]) for f in STATUS_FIELDS}, ensure_ascii=False)
    yield "\n ]\n}\n"


@dataclass
class Restored:
    entries: int = 0
    notes: int = 0
    statuses: int = 0
    skipped: int = 0


def _load(text: str, name: str) -> dict[str, Any]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise StudylogError(f"{name}:{exc.lineno}:{exc.colno}: not valid JSON ({exc.msg})") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise StudylogError(f"{name} is not a studylog backup", "make one with 'studylog export json'")
    if data.get("version") != VERSION:
        raise StudylogError(
            f"{name} is a backup of version {data.get('version')!r}; this studylog reads version {VERSION}"
        )
    for key in ("entries", "item_status"):
        if not isinstance(data.get(key), list):
            raise StudylogError(f"{name}: '{key}' must be a list")
    return data


def _value(field: str, value: Any) -> Any:
    if value is None:
        return None
    if field in DATE_FIELDS:
        return as_date(value)
    if field in TIME_FIELDS:
        return datetime.fromisoformat(str(value))
    return value


def _check_entry(e: Any, n: int, name: str) -> None:
    if not isinstance(e, dict) or any(f not in e for f in ENTRY_FIELDS) or e["kind"] not in ("goal", "done"):
        raise StudylogError(f"{name}: entry {n} is incomplete or has an unknown kind")
    try:
        for f in (DATE_FIELDS | TIME_FIELDS) & set(e):
            _value(f, e[f])
    except (ValueError, TypeError):
        raise StudylogError(f"{name}: entry {n} has a bad date") from None
    if not isinstance(e.get("notes", []), list):
        raise StudylogError(f"{name}: entry {n} notes must be a list")


def restore(store: Store, text: str, name: str, dry_run: bool = False) -> Restored:
    data = _load(text, name)
    for n, e in enumerate(data["entries"]):
        _check_entry(e, n, name)
    empty = not store.scalar("SELECT count(*) AS n FROM entry WHERE owner = :owner", owner=store.owner)
    seen = {
        (r["kind"], _text("day", r["day"]), r["text"], _text("created_at", r["created_at"]))
        for r in store.rows("SELECT kind, day, text, created_at FROM entry WHERE owner = :owner", owner=store.owner)
    }
    have_status = {
        r["item"] for r in store.rows("SELECT item FROM item_status WHERE owner = :owner", owner=store.owner)
    }
    todo = [e for e in data["entries"] if (e["kind"], e["day"], e["text"], e["created_at"]) not in seen]
    result = Restored(skipped=len(data["entries"]) - len(todo))
    new_status = [s for s in data["item_status"] if isinstance(s, dict) and s.get("item") not in have_status]
    result.skipped += len(data["item_status"]) - len(new_status)
    if dry_run:
        result.entries, result.statuses = len(todo), len(new_status)
        result.notes = sum(len(e.get("notes", [])) for e in todo)
        return result
    ids: dict[int, int] = {}
    with change(store, f"import json {name}: {len(todo)} entries") as ch:
        for e in sorted(todo, key=lambda e: e["id"]):
            values = {f: _value(f, e[f]) for f in ENTRY_FIELDS if f not in ("id", "goal_id")}
            values.update(owner=store.owner, goal_id=None)
            if empty:
                values["id"] = e["id"]
            ids[e["id"]] = ch.insert("entry", values)
            for position, note in enumerate(e.get("notes", [])):
                ch.insert(
                    "note",
                    {
                        "entry_id": ids[e["id"]],
                        "position": position,
                        "depth": int(note.get("depth", 0)),
                        "text": str(note["text"]),
                    },
                )
                result.notes += 1
            result.entries += 1
        if empty:
            store.sync_sequence("entry")
        for e in todo:  # goal links, once every entry has its id here
            if e["goal_id"] is not None and e["goal_id"] in ids:
                ch.update("entry", ids[e["id"]], {"goal_id": ids[e["goal_id"]]})
        for s in new_status:
            ch.insert("item_status", {**{f: _value(f, s.get(f)) for f in STATUS_FIELDS}, "owner": store.owner})
            result.statuses += 1
    return result
