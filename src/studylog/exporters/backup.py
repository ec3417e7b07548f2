"""A complete, lossless JSON backup of one learner's data, and restoring it.

Restoring into an empty store gives the same store (same ids, dates, texts, hours, notes, linked
items, item statuses with their history, and import keys). Restoring into a store that has data
adds only what is missing (an entry is the same when its kind, day, text and creation time are;
an item's status and history come only for items without a status), so it is idempotent.

Version 3 adds each entry's ``tags`` (normalised, in the order written; an entry without
tags has ``[]``) and the top-level ``own_items`` (the learner's own items, ``studylog add``: list,
id, title, kind, url, estimate, tags, created_at; one is the same as a stored one when its list and
id are, or its URL names the same page); later additions to version 3 go in as further keys of an entry (read with a
default) or further top-level lists (read with ``data.get(key, [])``), so that a version 3
backup without them still reads. Versions 1 and 2 restore with no tags.

Version 2 added each entry's ``items`` (every linked item, ``item`` first), ``item_count`` and
``lapse_on``, and the top-level ``item_events`` (each status transition). Version 1 backups still
restore: their entries link one item at most, and each status's history is made from its dates
(started, then completed or skipped), as the schema 4 upgrade makes it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, NoReturn

from studylog.errors import StudylogError
from studylog.store import dump as dump_queries
from studylog.store import own_items
from studylog.store import plans as store_plans
from studylog.store.db import Store
from studylog.store.dump import ENTRY_FIELDS, EVENT_FIELDS, STATUS_FIELDS
from studylog.store.entries import extra_item_rows, unique_items
from studylog.store.journal import Change, begin_change, lock_owner
from studylog.store.records import as_date
from studylog.store.tags import tag_rows

FORMAT = "studylog-backup"
VERSION = 3
READS = (1, 2, 3)  # the versions ``restore`` reads
NEW_IN_2 = ("item_count", "lapse_on")  # entry fields a version 1 backup does not have
REQUIRED_FIELDS = tuple(f for f in ENTRY_FIELDS if f not in NEW_IN_2)
DATE_FIELDS = {
    "day",
    "met_on",
    "dropped_on",
    "period_start",
    "period_end",
    "lapse_on",
    "started_on",
    "completed_on",
    "skipped_on",
}
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
                "items": list(e.items),
                "notes": [{"depth": n.depth, "text": n.text} for n in e.notes],
                "tags": list(e.tags),  # version 3
            }


def dump(store: Store) -> Iterator[str]:
    """The backup as JSON text, in chunks (one batch of entries in memory at a time), all read
    from one snapshot: what others write meanwhile is not in it, what they remove stays."""
    with store.snapshot():
        yield from _dump(store)


def _dump(store: Store) -> Iterator[str]:
    head = {"format": FORMAT, "version": VERSION, "owner": store.owner}
    yield json.dumps(head, ensure_ascii=False)[:-1] + ',\n "entries": ['
    for n, entry in enumerate(_entries(store)):
        yield ("," if n else "") + "\n  " + json.dumps(entry, ensure_ascii=False)
    yield '\n ],\n "item_status": ['
    for n, r in enumerate(dump_queries.statuses(store)):
        status = {f: _text(f, v) for f, v in zip(STATUS_FIELDS, r, strict=True)}
        yield ("," if n else "") + "\n  " + json.dumps(status, ensure_ascii=False)
    yield '\n ],\n "item_events": ['
    for n, ev in enumerate(dump_queries.events(store)):
        event = {f: _text(f, v) for f, v in zip(EVENT_FIELDS, ev, strict=True)}
        yield ("," if n else "") + "\n  " + json.dumps(event, ensure_ascii=False)
    yield '\n ],\n "own_items": ['
    for n, row in enumerate(own_items.dump_rows(store)):
        item = {
            "list": row["list"],
            "id": row["slug"],
            "title": row["title"],
            "kind": row["kind"],
            "url": row["url"],
            "estimate": {"low": row["estimate_low"], "high": row["estimate_high"]}
            if row["estimate_low"] is not None
            else None,
            "tags": row["tags"].split() if row["tags"] else [],
            "created_at": _text("created_at", row["created_at"]),
        }
        yield ("," if n else "") + "\n  " + json.dumps(item, ensure_ascii=False)
    yield '\n ],\n "plans": ['
    for n, row in enumerate(store_plans.dump_rows(store)):
        plan = {
            "curriculum": row["curriculum"],
            "by": _text("day", row["by_date"]),
            "hours_per_week": row["hours_per_week"],
            "created_at": _text("created_at", row["created_at"]),
        }
        yield ("," if n else "") + "\n  " + json.dumps(plan, ensure_ascii=False)
    yield "\n ]\n}\n"


@dataclass
class Restored:
    entries: int = 0
    notes: int = 0
    tags: int = 0
    items: int = 0  # own items
    statuses: int = 0
    events: int = 0
    skipped: int = 0


def _load(text: str, name: str) -> dict[str, Any]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise StudylogError(f"{name}:{exc.lineno}:{exc.colno}: not valid JSON ({exc.msg})") from None
    except RecursionError:
        raise StudylogError(f"{name} is nested too deeply to be a studylog backup", _NOTHING) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise StudylogError(f"{name} is not a studylog backup", "make one with 'studylog export json'")
    if data.get("version") not in READS:
        raise StudylogError(
            f"{name} is a backup of version {_shown(data.get('version'))}; this studylog reads versions "
            + " and ".join(map(str, READS))
        )
    for key in ("entries", "item_status"):
        if not isinstance(data.get(key), list):
            raise StudylogError(f"{name}: '{key}' must be a list")
    for key in ("item_events", "own_items", "plans"):
        if key in data and not isinstance(data[key], list):
            raise StudylogError(f"{name}: '{key}' must be a list")
    return data


_NOTHING = "nothing was imported"


def _shown(value: Any) -> str:
    from studylog.importers.backup_model import shown

    return shown(value)


def _entry_label(e: Any, n: int) -> str:
    """``entry 12 (#345, 2024-04-18)``: its place in the file, and its id and day when readable."""
    if not isinstance(e, dict):
        return f"entry {n}"
    known = []
    if isinstance(e.get("id"), int) and not isinstance(e.get("id"), bool):
        known.append(f"#{e['id']}")
    day = e.get("day")
    if isinstance(day, str) and len(day) == 10 and day.replace("-", "").isdigit():
        known.append(day)
    return f"entry {n} ({', '.join(known)})" if known else f"entry {n}"


def _refuse(name: str, what: str, problem: str) -> NoReturn:
    raise StudylogError(f"{name}: {what}: {problem}", _NOTHING)


def _check_entries(data: dict[str, Any], name: str, today: date) -> None:
    """Every entry against the backup format's model, one at a time (none is kept), and the ids
    are unique in the file."""
    from pydantic import ValidationError

    from studylog.importers.backup_model import entry, problem

    ids: set[int] = set()
    for n, e in enumerate(data["entries"]):
        try:
            checked = entry(e, today)
        except ValidationError as exc:
            _refuse(name, _entry_label(e, n), problem(exc, e))
        if checked.id in ids:
            _refuse(name, _entry_label(e, n), f"id {checked.id} is the id of an earlier entry too")
        ids.add(checked.id)


def _check_statuses(data: dict[str, Any], name: str, today: date) -> None:
    from pydantic import ValidationError

    from studylog.importers.backup_model import event, own_item, plan, problem, status

    items: set[str] = set()
    for n, s in enumerate(data["item_status"]):
        try:
            item = status(s, today).item
        except ValidationError as exc:
            _refuse(name, f"item status {n}", problem(exc, s))
        if item in items:
            _refuse(name, f"item status {n} ({_shown(item)})", "an earlier status is for the same item")
        items.add(item)
    for n, ev in enumerate(data.get("item_events", [])):
        try:
            event(ev, today)
        except ValidationError as exc:
            _refuse(name, f"item event {n}", problem(exc, ev))
    curricula: set[str] = set()
    for n, pl in enumerate(data.get("plans", [])):
        try:
            checked_plan = plan(pl)
        except (ValidationError, ValueError) as exc:
            _refuse(name, f"plan {n}", problem(exc, pl))
        if checked_plan.curriculum in curricula:
            _refuse(name, f"plan {n} ({checked_plan.curriculum})", "an earlier plan is for the same curriculum")
        curricula.add(checked_plan.curriculum)
    refs: set[tuple[str, str]] = set()
    for n, it in enumerate(data.get("own_items", [])):
        try:
            checked = own_item(it)
        except ValidationError as exc:
            _refuse(name, f"own item {n}", problem(exc, it))
        ref = (checked.list_, checked.id.lower())
        if ref in refs:
            _refuse(name, f"own item {n} ({checked.list_}/{checked.id})", "an earlier own item has the same reference")
        refs.add(ref)


def _check_day_hours(store: Store, todo: list[dict[str, Any]], name: str) -> None:
    """Refuse the backup if a day would have more than 24 hours: the hours its new entries add
    (a period's at their daily share) plus what the store holds, as ``done`` refuses them."""
    from studylog.hours import MAX_HOURS_PER_DAY, format_hours
    from studylog.store.hours import Spread, done_hours, per_day, spread_days

    def spread(e: dict[str, Any]) -> list[tuple[date, float]]:
        day = as_date(e["day"])
        start = as_date(e["period_start"]) if e.get("period_start") else day
        return spread_days(Spread(0, day, min(start, day), float(e["hours"]), ()))

    timed = [e for e in todo if e["kind"] == "done" and e["hours"] is not None]
    added: dict[date, float] = {}
    for e in timed:
        for d, share in spread(e):
            added[d] = added.get(d, 0.0) + share
    if not added:
        return
    stored = {d: float(h) for d, (h, _) in per_day(done_hours(store, min(added), max(added), by="day")).items()}
    if all(h + stored.get(d, 0.0) <= MAX_HOURS_PER_DAY + 1e-9 for d, h in added.items()):
        return
    total = dict(stored)  # again, in the file's order, to name the entry that goes over
    where = {id(e): n for n, e in enumerate(todo)}
    for e in timed:
        for d, share in spread(e):
            total[d] = total.get(d, 0.0) + share
            if total[d] > MAX_HOURS_PER_DAY + 1e-9:
                already = f", {format_hours(stored[d])} of them already stored" if stored.get(d) else ""
                _refuse(
                    name,
                    _entry_label(e, where[id(e)]),
                    f"hours {_shown(e['hours'])} would make {d.isoformat()} {format_hours(added[d] + stored.get(d, 0.0))}"
                    f" in all{already}, more than 24 hours a day",
                )


def _value(field: str, value: Any) -> Any:
    if value is None:
        return None
    if field in DATE_FIELDS:
        return as_date(value)
    if field in TIME_FIELDS:
        return datetime.fromisoformat(str(value))
    return value


def _items(e: dict[str, Any]) -> list[str]:
    """Every item the backed-up entry links to, ``item`` first (version 1: ``item`` alone)."""
    return unique_items([e.get("item"), *e.get("items", [])])


def _history(s: dict[str, Any]) -> list[dict[str, Any]]:
    """The events a status without a history stands for (a version 1 backup): started, then
    completed or skipped, as the schema 4 upgrade makes them."""
    at = s.get("updated_at")
    out = []
    if s.get("started_on"):
        out.append({"event": "started", "day": s["started_on"], "created_at": at})
    if s.get("status") == "complete" and s.get("completed_on"):
        out.append({"event": "completed", "day": s["completed_on"], "created_at": at})
    if s.get("status") == "skipped" and s.get("skipped_on"):
        out.append({"event": "skipped", "day": s["skipped_on"], "created_at": at})
    return [{**ev, "item": s.get("item")} for ev in out if at is not None]


def _moment(value: Any) -> Any:
    """A time as the backup and both engines can compare it: PostgreSQL gives back a time with no
    microseconds without its ``.000000``, which SQLite keeps, and a backup has either."""
    if value is None:
        return None
    text = str(value).replace("T", " ")
    try:
        return datetime.fromisoformat(text).strftime("%Y-%m-%d %H:%M:%S.%f")
    except ValueError:
        return text


def _plan(
    store: Store, data: dict[str, Any]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]], bool, Restored]:
    """What of the backup the store does not hold yet: its entries, its item statuses, its own
    items, whether the store is empty (then entries keep their ids), and the counts so far."""
    empty = not dump_queries.has_entries(store)
    seen = {
        (kind, _text("day", day), text, _moment(created_at))
        for kind, day, text, created_at in dump_queries.entry_identities(store)
    }
    have_status = dump_queries.status_items(store)
    todo = [e for e in data["entries"] if (e["kind"], e["day"], e["text"], _moment(e["created_at"])) not in seen]
    result = Restored(skipped=len(data["entries"]) - len(todo))
    new_status = [s for s in data["item_status"] if s["item"] not in have_status]
    result.skipped += len(data["item_status"]) - len(new_status)
    refs, urls = own_items.held(store)
    new_items = []
    for it in data.get("own_items", []):
        key = own_items.url_key(it.get("url"))
        if (it["list"], it["id"].lower()) in refs or (key is not None and key in urls):
            result.skipped += 1
            continue
        new_items.append(it)
        refs.add((it["list"], it["id"].lower()))
        if key is not None:
            urls.add(key)
    return todo, new_status, new_items, empty, result


def restore(store: Store, text: str, name: str, today: date, dry_run: bool = False) -> Restored:
    """Add what the backup holds that the store does not, after checking all of it (the backup
    format's model, ``importers.backup_model``): a backup with any problem adds nothing. What is
    stored is read inside the write transaction, under the import's lock: a second identical
    import at the same time waits for the first, then adds nothing."""
    data = _load(text, name)
    _check_entries(data, name, today)
    _check_statuses(data, name, today)
    if dry_run:
        todo, new_status, new_items, _, result = _plan(store, data)
        _check_day_hours(store, todo, name)
        result.entries, result.statuses = len(todo), len(new_status)
        result.items = len(new_items)
        result.notes = sum(len(e.get("notes", [])) for e in todo)
        result.tags = sum(len(dict.fromkeys(e.get("tags", []))) for e in todo)
        return result
    with store.transaction():
        store.serialize(f"import:{store.owner}")  # the order every import takes its locks in
        lock_owner(store)
        todo, new_status, new_items, empty, result = _plan(store, data)
        _check_day_hours(store, todo, name)  # under the write lock, as done checks its day
        ch = begin_change(store, f"import json {name}: {len(todo)} entries")
        _write(store, ch, data, todo, new_status, empty, result)
        _write_items(store, ch, new_items, result)
        _write_plans(store, ch, data.get("plans", []), result)
    return result


def _write(
    store: Store,
    ch: Change,
    data: dict[str, Any],
    todo: list[dict[str, Any]],
    new_status: list[dict[str, Any]],
    empty: bool,
    result: Restored,
) -> None:
    from studylog.store.search import bulk

    ids: dict[int, int] = {}
    entry_ids: list[int] = []
    note_ids: list[int] = []
    with bulk(store, entry_ids, note_ids):  # indexed for search at the end, not row by row
        for e in sorted(todo, key=lambda e: e["id"]):
            values = {f: _value(f, e.get(f)) for f in ENTRY_FIELDS if f not in ("id", "goal_id")}
            items = _items(e)
            values.update(owner=store.owner, goal_id=None, item=items[0] if items else None)
            values["item_count"] = len(items) if len(items) > 1 else None
            if empty:
                values["id"] = e["id"]
            ids[e["id"]] = ch.insert("entry", values)
            entry_ids.append(ids[e["id"]])
            ch.insert_many("entry_item", extra_item_rows(store.owner, ids[e["id"]], items))
            for position, note in enumerate(e.get("notes", [])):
                note_ids.append(
                    ch.insert(
                        "note",
                        {
                            "entry_id": ids[e["id"]],
                            "position": position,
                            "depth": int(note.get("depth", 0)),
                            "text": str(note["text"]),
                        },
                    )
                )
                result.notes += 1
            tags = tag_rows(store.owner, ids[e["id"]], e.get("tags", []))  # version 3
            ch.insert_many("entry_tag", tags)
            result.tags += len(tags)
            result.entries += 1
    if empty:
        store.sync_sequence("entry")
    for e in todo:  # goal links, once every entry has its id here
        if e["goal_id"] is not None and e["goal_id"] in ids:
            ch.update("entry", ids[e["id"]], {"goal_id": ids[e["goal_id"]]})
    by_item: dict[str, list[dict[str, Any]]] = {}
    for ev in data.get("item_events", []):
        by_item.setdefault(ev["item"], []).append(ev)
    for s in new_status:
        ch.insert("item_status", {**{f: _value(f, s.get(f)) for f in STATUS_FIELDS}, "owner": store.owner})
        result.statuses += 1
        history = by_item.get(str(s.get("item")), []) if "item_events" in data else _history(s)
        ch.insert_many(
            "item_event", [{**{f: _value(f, ev[f]) for f in EVENT_FIELDS}, "owner": store.owner} for ev in history]
        )
        result.events += len(history)


def _write_items(store: Store, ch: Change, new_items: list[dict[str, Any]], result: Restored) -> None:
    """The backup's own items the store does not hold (version 3)."""
    for it in new_items:
        estimate = it.get("estimate")
        own_items.insert_item(
            store,
            ch,
            it["list"],
            it["id"],
            it["title"],
            it["kind"],
            url=it.get("url"),
            estimate=(float(estimate["low"]), float(estimate["high"])) if estimate else None,
            tags=list(it.get("tags", [])),
            created_at=_value("created_at", it["created_at"]),
        )
        result.items += 1


def _write_plans(store: Store, ch: Change, plans: list[dict[str, Any]], result: Restored) -> None:
    """The backup's plans for curricula the store has no plan for (version 3)."""
    have = store_plans.plans(store)
    for pl in plans:
        if pl["curriculum"] in have:
            result.skipped += 1
            continue
        store_plans.insert_restored(
            store,
            ch,
            pl["curriculum"],
            _value("day", pl.get("by")),
            float(pl["hours_per_week"]) if pl.get("hours_per_week") is not None else None,
            _value("created_at", pl["created_at"]),
        )
