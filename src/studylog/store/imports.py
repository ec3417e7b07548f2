"""Writing an import: one transaction (one undoable change), idempotent through ``source_key``."""

from __future__ import annotations

import hashlib
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from studylog.imported import ImportedEntry, ParseResult, normal_text
from studylog.namedtuple import NamedTuple
from studylog.store.db import Store
from studylog.store.entries import extra_item_rows, item_columns
from studylog.store.journal import Change, begin_change, lock_owner
from studylog.store.records import Status, as_date
from studylog.store.sql import rows_in
from studylog.store.status import get_status, set_status


class Linked(Sequence[tuple[int, str, str]]):
    """(line, item, text) of every linked entry (``item`` its first item; :meth:`items` all of
    them), packed: a line number, a number for its items and the text's UTF-8 bytes in arrays,
    not three objects and a tuple per entry (flat memory)."""

    def __init__(self) -> None:
        self._lines = array("L")
        self._items = array("L")
        self._ends = array("Q")  # where each text ends in _text
        self._text = bytearray()
        self._names: list[str] = []
        self._number: dict[str, int] = {}

    def append(self, line: int, item: str | Sequence[str], text: str) -> None:
        item = item if isinstance(item, str) else "\x1f".join(item)
        if item not in self._number:
            self._number[item] = len(self._names)
            self._names.append(item)
        self._lines.append(line)
        self._items.append(self._number[item])
        self._text += text.encode("utf-8", "surrogatepass")
        self._ends.append(len(self._text))

    def __len__(self) -> int:
        return len(self._lines)

    def __getitem__(self, index):  # an int gives one tuple, a slice a list of them
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        start = self._ends[index - 1] if index else 0
        text = self._text[start : self._ends[index]].decode("utf-8", "surrogatepass")
        return self._lines[index], self._names[self._items[index]].split("\x1f", 1)[0], text

    def items(self, index: int) -> list[str]:
        """Every item the ``index``-th linked entry links, in order."""
        return self._names[self._items[index]].split("\x1f")


class Conflict(NamedTuple):
    """An imported entry whose text is already stored for its day, with other hours: not added."""

    line: int
    kind: str
    day: date
    text: str
    hours: float | None  # in the file
    stored_hours: float | None  # in the store

    def to_json(self) -> dict[str, Any]:
        return {
            "line": self.line,
            "kind": self.kind,
            "day": self.day.isoformat(),
            "text": self.text,
            "hours": self.hours,
            "stored_hours": self.stored_hours,
        }


class StatusSet(NamedTuple):
    """A status the import set (or, in a dry run, would set): ``item`` is ``status`` from ``day``,
    because of the entry at ``line``."""

    item: str
    status: str
    day: date
    line: int

    def to_json(self) -> dict[str, Any]:
        return {"item": self.item, "status": self.status, "date": self.day.isoformat(), "line": self.line}


@dataclass
class ImportSummary:
    entries: int = 0
    added: int = 0
    already: int = 0
    days: int = 0
    hours: float = 0.0
    linked: Linked = field(default_factory=lambda: Linked())  # (line, item, text) of each linked entry
    matched: int = 0  # entries already stored with the same text on the same day (typed or imported)
    conflicts: list[Conflict] = field(default_factory=list)
    statuses: list[StatusSet] = field(default_factory=list)

    def linked_json(self) -> Iterator[dict]:
        """The linked entries as JSON objects, made one at a time."""
        return (
            {"line": n, "item": i, "items": self.linked.items(index), "text": t}
            for index, (n, i, t) in enumerate(self.linked)
        )

    def to_json(self, linked: bool = True) -> dict:
        """The report; ``linked=False`` leaves out the linked entries, for a caller that streams
        them (``linked_json``) instead of holding a list of every one."""
        data: dict[str, Any] = {
            "entries": self.entries,
            "added": self.added,
            "already_imported": self.already,
            "days": self.days,
            "hours": round(self.hours, 2),
            "matched": self.matched,
            "conflicts": [c.to_json() for c in self.conflicts],
            "statuses": [st.to_json() for st in self.statuses],
        }
        if linked:
            data["linked"] = list(self.linked_json())
        return data


def source_key(source: str, entry: ImportedEntry, occurrence: int) -> str:
    """The same entry in the same kind of file always gets the same key."""
    period = f"{entry.period[0]}..{entry.period[1]}" if entry.period else ""
    notes = "\x1f".join(f"{n.depth}:{n.text}" for n in entry.notes)
    raw = "\x1e".join([source, entry.kind, entry.day.isoformat(), period, entry.text, notes, str(occurrence)])
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:40]


class _Occurrences:
    """How many identical entries came before this one in the import (the last part of its key).
    The keys seen so far are kept as 20 bytes each in one bytearray, found through an
    open-addressing table of their positions, not as a string object per entry (flat memory)."""

    def __init__(self) -> None:
        self._keys = bytearray()
        self._table = array("I", bytes(4 * 1024))  # 0: empty, else position + 1
        self._count = 0
        self._repeats: dict[bytes, int] = {}  # keys seen more than once: the next occurrence number

    def key(self, source: str, entry: ImportedEntry) -> str:
        base = source_key(source, entry, 0)
        digest = bytes.fromhex(base)
        if self._add(digest):
            return base
        occurrence = self._repeats.get(digest, 1)
        self._repeats[digest] = occurrence + 1
        key = source_key(source, entry, occurrence)
        self._add(bytes.fromhex(key))  # so that :meth:`has` knows it too
        return key

    def has(self, key: str | None) -> bool:
        """Whether ``key`` is the key of an entry of this import (so far)."""
        if key is None or len(key) != 40:
            return False
        try:
            digest = bytes.fromhex(key)
        except ValueError:
            return False
        return self._slot(digest)[1]

    def _slot(self, digest: bytes) -> tuple[int, bool]:
        """The slot of ``digest`` in the table, and whether it is there (else the slot is free)."""
        table, keys, mask = self._table, self._keys, len(self._table) - 1
        slot = int.from_bytes(digest[:8], "little") & mask
        while position := table[slot]:
            if keys[(position - 1) * 20 : position * 20] == digest:
                return slot, True
            slot = (slot + 1) & mask
        return slot, False

    def _add(self, digest: bytes) -> bool:
        """Whether ``digest`` is new (then it is added)."""
        slot, found = self._slot(digest)
        if found:
            return False
        table, keys = self._table, self._keys
        keys += digest
        self._count += 1
        table[slot] = self._count
        if 2 * self._count > len(table):
            self._grow()
        return True

    def _grow(self) -> None:
        table = array("I", bytes(4 * 2 * len(self._table)))
        mask = len(table) - 1
        for position in range(1, self._count + 1):
            slot = int.from_bytes(self._keys[(position - 1) * 20 : (position - 1) * 20 + 8], "little") & mask
            while table[slot]:
                slot = (slot + 1) & mask
            table[slot] = position
        self._table = table


def _existing(store: Store, keys: list[str]) -> set[str]:
    sql = "SELECT source_key FROM entry WHERE owner = :owner AND source_key IN ({values})"
    return {r["source_key"] for r in rows_in(store, sql, keys, owner=store.owner)}


BATCH = 1000  # entries checked and written at a time


def _batches(entries: Iterable[ImportedEntry]) -> Iterator[list[ImportedEntry]]:
    batch: list[ImportedEntry] = []
    for entry in entries:
        batch.append(entry)
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def import_result(
    store: Store,
    entries: Iterable[ImportedEntry] | ParseResult,
    source: str,
    dry_run: bool = False,
    on_progress: Callable[[int], None] | None = None,
    statuses: bool = True,
) -> ImportSummary:
    """Add the entries that are not already in the store, in one change. ``entries`` is consumed
    once, :data:`BATCH` at a time: only one batch of entries is held at once.

    - Already in the store: an entry imported before (same ``source_key``), or one stored for the
      same day and kind with the same text (:func:`studylog.imported.normal_text`), typed by hand
      or imported from elsewhere: ``matched``; with other hours it is a conflict, not added.
    - An entry linked to several items stores the first in ``entry.item`` and the rest in
      ``entry_item``.
    - Its tags (:meth:`ImportedEntry.all_tags`) go in ``entry_tag``, in the same change and in
      bulk; an entry already stored keeps the tags it has (re-importing adds nothing).
    - Imported goals older than the import's newest day lapse the day after their own day (they
      are not carried over); those of the newest day are current plans.
    - With ``statuses``, what the new entries say of their items is applied in the same change
      (see :func:`plan_status`): "finished X" completes X on the entry's day, "working on X"
      starts it, hours logged against an item with no status start it on the entry's first day.
    """
    if isinstance(entries, ParseResult):
        entries = entries.entries
    summary = ImportSummary(hours=0)
    days: set[date] = set()
    occurrences = _Occurrences()
    plan = _StatusPlan() if statuses else None
    goals = _Lapses()
    goal_links = _GoalLinks()
    used: set[int] = set()  # stored entries an imported one matched (each matches once)
    with ExitStack() as stack:
        ch: Change | None = None
        if not dry_run:  # what is stored is checked inside the write transaction: a second identical
            stack.enter_context(store.transaction())  # import waits for the first, then adds nothing
            store.serialize(f"import:{store.owner}")
            lock_owner(store)  # before the first check: an rm or edit cannot change what it matched
        for batch in _batches(entries):
            keys = [occurrences.key(source, e) for e in batch]
            summary.entries += len(batch)
            days.update(e.day for e in batch)
            for e in batch:  # one running sum in the order of the entries, as sum() gave (0 when no hours)
                if e.kind == "done":
                    summary.hours += e.hours or 0
            for e in batch:
                if items := e.linked():
                    summary.linked.append(e.line, items, e.text)
            existing = _existing(store, keys)
            goal_links.note_goals(keys, batch)
            new = [(k, e) for k, e in zip(keys, batch, strict=True) if k not in existing]
            summary.already += len(batch) - len(new)
            new, matched = _unmatched(store, new, occurrences, used, summary)
            summary.added += len(new)
            if plan is not None:  # not from entries imported before: their statuses were set then
                for _, e in new:
                    plan.add(e)
                for e in matched:
                    plan.add(e)
            newest = max(e.day for e in batch)
            if not dry_run:
                if newest > goals.newest and goals.pending:
                    assert ch is not None  # pending goals were written in it
                    goals.lapse_pending(ch)
                goals.newest = max(goals.newest, newest)
                if new:
                    ch = ch or begin_change(store, f"import {source}")
                    goal_links.note_done(_write(store, ch, source, new, goals), new)
            if on_progress is not None:
                on_progress(len(batch))
            del batch, keys, new, matched  # hold one batch at a time: not this one while the next is read
        if plan is not None and plan:
            summary.statuses = plan.decide(store)
            if summary.statuses and not dry_run:
                ch = ch or begin_change(store, f"import {source}")
                for st in summary.statuses:
                    set_status(store, st.item, st.status, st.day, f"import {source}", ch)
        if ch is not None:  # the summary names the counts, known only now
            goal_links.link(store, ch)
            counted = f", {len(summary.statuses)} item statuses" if summary.statuses else ""
            store.execute(
                "UPDATE change SET summary = :summary WHERE id = :id",
                summary=f"import {source}: {summary.added} entries{counted}",
                id=ch.id,
            )
    summary.days = len(days)
    return summary


def _unmatched(
    store: Store,
    new: list[tuple[str, ImportedEntry]],
    occurrences: _Occurrences,
    used: set[int],
    summary: ImportSummary,
) -> tuple[list[tuple[str, ImportedEntry]], list[ImportedEntry]]:
    """The entries of ``new`` not already stored with the same text for the same day and kind,
    and those that are (``matched``: what they say of their items still counts); entries stored
    with other hours are conflicts, in neither list."""
    if not new:
        return new, []
    stored: dict[tuple[str, date, str], list[tuple[int, float | None]]] = {}
    day_list = sorted({e.day for _, e in new})
    sql = (
        "SELECT id, kind, day, text, hours, source_key FROM entry WHERE owner = :owner AND day IN ({values}) "
        "ORDER BY id"
    )
    for r in rows_in(store, sql, day_list, owner=store.owner):  # a day's rows by id: the first stored matches first
        if r["id"] in used or occurrences.has(r["source_key"]):
            continue  # matched already, or an entry of this very import (a line repeated in the file)
        same_text = (r["kind"], as_date(r["day"]), normal_text(r["text"]))
        stored.setdefault(same_text, []).append((r["id"], None if r["hours"] is None else float(r["hours"])))
    if not stored:
        return new, []
    kept: list[tuple[str, ImportedEntry]] = []
    matched: list[ImportedEntry] = []
    for key, e in new:
        found = stored.get((e.kind, e.day, normal_text(e.text)))
        if not found:
            kept.append((key, e))
            continue
        same = next((c for c in found if _same_hours(c[1], e.hours)), None)
        chosen = same or found[0]
        found.remove(chosen)
        used.add(chosen[0])
        if same is not None:
            summary.matched += 1
            matched.append(e)
        else:
            summary.conflicts.append(Conflict(e.line, e.kind, e.day, e.text, e.hours, chosen[1]))
    return kept, matched


def _same_hours(a: float | None, b: float | None) -> bool:
    return (a is None and b is None) or (a is not None and b is not None and abs(a - b) < 0.005)


class _Lapses:
    """Imported goals lapse the day after their own day, except those of the import's newest day
    (known only at the end of the stream): their ids wait in ``pending`` until a newer day comes."""

    def __init__(self) -> None:
        self.newest = date.min
        self.pending: list[int] = []

    def lapse_on(self, e: ImportedEntry) -> date | None:
        return e.day + timedelta(days=1) if e.kind == "goal" and e.day < self.newest else None

    def lapse_pending(self, ch: Change) -> None:
        lapse = self.newest + timedelta(days=1)
        for goal_id in self.pending:
            ch.update("entry", goal_id, {"lapse_on": lapse})
        self.pending = []


def _write(
    store: Store, ch: Change, source: str, new: list[tuple[str, ImportedEntry]], goals: _Lapses | None = None
) -> list[int]:
    from studylog.store.search import bulk

    goals = goals or _Lapses()
    linked = [e.linked() for _, e in new]
    ids: list[int] = []
    note_ids: list[int] = []
    with bulk(store, ids, note_ids):  # indexed for search in one statement, not row by row
        _insert(store, ch, source, new, linked, goals, ids, note_ids)
    return ids


def _insert(
    store: Store,
    ch: Change,
    source: str,
    new: list[tuple[str, ImportedEntry]],
    linked: list[list[str]],
    goals: _Lapses,
    ids: list[int],
    note_ids: list[int],
) -> None:
    ids += ch.insert_many(
        "entry",
        [
            {
                "owner": store.owner,
                "kind": e.kind,
                "day": e.day,
                "text": e.text,
                "hours": e.hours,
                **item_columns(items),
                "goal_id": None,
                "met_on": e.met_on if e.kind == "goal" else None,
                "created_at": store.now,
                "dropped_on": None,
                "lapse_on": goals.lapse_on(e),
                "period_start": e.period[0] if e.period else None,
                "period_end": e.period[1] if e.period else None,
                "style": e.style,
                "source": source,
                "source_key": key,
            }
            for (key, e), items in zip(new, linked, strict=True)
        ],
    )
    goals.pending += [i for i, (_, e) in zip(ids, new, strict=True) if e.kind == "goal" and e.day >= goals.newest]
    ch.insert_many(
        "entry_item",
        [
            row
            for entry_id, items in zip(ids, linked, strict=True)
            if len(items) > 1
            for row in extra_item_rows(store.owner, entry_id, items)
        ],
    )
    note_ids += ch.insert_many(
        "note",
        [
            {"entry_id": entry_id, "position": position, "depth": note.depth, "text": note.text}
            for entry_id, (_, e) in zip(ids, new, strict=True)
            for position, note in enumerate(e.notes)
        ],
    )
    ch.insert_many(  # its text's #words, its lines of tags, its page's tags (ImportedEntry.all_tags)
        "entry_tag",
        [
            {"entry_id": entry_id, "owner": store.owner, "tag": tag}
            for entry_id, (_, e) in zip(ids, new, strict=True)
            for tag in e.all_tags()
        ],
    )


# -- statuses ----------------------------------------------------------------------------------------

_ORDER = {"follow": 0, "started": 1, "complete": 2}  # on the same day: started before complete


def plan_status(current: Status | None, status: str, day: date) -> list[tuple[str, date]]:
    """The status changes (status, day) an import makes when a line says ``status`` of an item
    on ``day``, given the item's ``current`` status. An import only moves an item forward:

    - ``"follow"`` (hours logged against the item): started on ``day``, only if it has no status;
    - ``"started"``: started on ``day`` if it has no status, or moves its start back to ``day``;
    - ``"complete"``: complete on ``day``; when that is before its start, the start moves back to
      ``day`` first;
    - a complete or skipped item is left as it is (an import never reopens or un-skips one)."""
    if current is None:
        return [("complete" if status == "complete" else "started", day)]
    if current.status != "started":
        return []
    started = current.started_on
    if status == "started":
        return [("started", day)] if started is not None and day < started else []
    if status == "complete":
        if started is not None and day < started:
            return [("started", day), ("complete", day)]
        return [("complete", day)]
    return []


class _StatusPlan:
    """What the new entries say of their items, kept per item as the earliest day of each kind
    (later ones would change nothing: see :func:`plan_status`), so memory grows with the items
    named, not with the entries."""

    def __init__(self) -> None:
        self._first: dict[tuple[str, str], tuple[date, int]] = {}  # (item, kind) -> (day, line)

    def __bool__(self) -> bool:
        return bool(self._first)

    def _propose(self, item: str, kind: str, day: date, line: int) -> None:
        known = self._first.get((item, kind))
        if known is None or (day, line) < known:
            self._first[(item, kind)] = (day, line)

    def add(self, e: ImportedEntry) -> None:
        if e.kind != "done":
            return
        items = e.linked()
        for item in items:
            if e.status in ("started", "complete"):
                self._propose(item, e.status, e.day, e.line)
            if e.hours:
                self._propose(item, "follow", e.period[0] if e.period else e.day, e.line)

    def decide(self, store: Store) -> list[StatusSet]:
        """The status changes to make, in date order (the order to make them in), from the
        statuses stored now; changes dated after today are left out."""
        today = store.now.date()
        proposals = sorted(
            ((day, _ORDER[kind], item, kind, line) for (item, kind), (day, line) in self._first.items()),
        )
        current: dict[str, Status | None] = {}
        done: list[StatusSet] = []
        for day, _, item, kind, line in proposals:
            if day > today or (kind != "complete" and self._first.get((item, "complete"), (None,))[0] == day):
                continue  # a completion starts the item on its day if it has to: no start the same day
            if item not in current:
                current[item] = get_status(store, item)
            for status, when in plan_status(current[item], kind, day):
                current[item] = _after(current[item], item, status, when)
                done.append(StatusSet(item, status, when, line))
        return done


def _after(current: Status | None, item: str, status: str, day: date) -> Status:
    """``current`` once ``status`` is set on ``day`` (as :func:`set_status` records it)."""
    if status == "started":
        return Status(item, "started", day, None, None)
    started = current.started_on if current is not None and current.started_on is not None else day
    return Status(item, "complete", min(started, day), day, None)


# -- met goals from a daily note exported by studylog (importers.daily_fields) ---------------------


class _GoalLinks:
    """The goals of an import by ``ref``, and the done items that met one (``meets``): linked at
    the end of the import, since a daily note lists the newest day first, before the goal it met."""

    def __init__(self) -> None:
        self.keys: dict[str, str] = {}  # a goal's ref -> its source_key
        self.pending: list[tuple[int, str]] = []  # (done item's id, the ref of the goal it met)

    def note_goals(self, keys: list[str], batch: list[ImportedEntry]) -> None:
        for key, e in zip(keys, batch, strict=True):
            if e.kind == "goal" and e.ref is not None:
                self.keys.setdefault(e.ref, key)

    def note_done(self, ids: list[int], new: list[tuple[str, ImportedEntry]]) -> None:
        self.pending += [(i, e.meets) for i, (_, e) in zip(ids, new, strict=True) if e.kind == "done" and e.meets]

    def link(self, store: Store, ch: Change) -> None:
        for done_id, ref in self.pending:
            key = self.keys.get(ref)
            row = key and store.one(
                "SELECT id FROM entry WHERE owner = :owner AND source_key = :key AND kind = 'goal'",
                owner=store.owner,
                key=key,
            )
            if row:
                ch.update("entry", done_id, {"goal_id": row["id"]})
