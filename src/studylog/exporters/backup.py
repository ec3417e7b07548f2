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
from studylog.store import dump as dump_queries
from studylog.store.db import Store
from studylog.store.dump import ENTRY_FIELDS, STATUS_FIELDS
from studylog.store.journal import change
from studylog.store.records import as_date

FORMAT = "studylog-backup"
VERSION = 1
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


def _entries(store: Store) -> Iterator[dict[str, Any]]:
    """Every entry with its notes, by id, as the backup writes it (a batch in memory at a time)."""
    for batch in dump_queries.entry_batches(store):
        for e in batch:
            yield {
                **{f: _text(f, v) for f, v in zip(ENTRY_FIELDS, e, strict=False)},
                "notes": [{"depth": n.depth, "text": n.text} for n in e.notes],
            }


def dump(store: Store) -> Iterator[str]:
    """The backup as JSON text, in chunks (one batch of entries in memory at a time)."""
    head = {"format": FORMAT, "version": VERSION, "owner": store.owner}
    yield json.dumps(head, ensure_ascii=False)[:-1] + ',\n "entries": ['
    for n, entry in enumerate(_entries(store)):
        yield ("," if n else "") + "\n  " + json.dumps(entry, ensure_ascii=False)
    yield '\n ],\n "item_status": ['
    for n, r in enumerate(dump_queries.statuses(store)):
        status = {f: _text(f, v) for f, v in zip(STATUS_FIELDS, r, strict=True)}
        yield ("," if n else "") + "\n  " + json.dumps(status, ensure_ascii=False)
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
    empty = not dump_queries.has_entries(store)
    seen = {
        (kind, _text("day", day), text, _text("created_at", created_at))
        for kind, day, text, created_at in dump_queries.entry_identities(store)
    }
    have_status = dump_queries.status_items(store)
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
