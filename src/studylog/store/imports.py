"""Writing an import: one transaction (one undoable change), idempotent through ``source_key``."""

from __future__ import annotations

import hashlib
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from studylog.imported import ImportedEntry, ParseResult
from studylog.store.db import Store
from studylog.store.entries import extra_item_rows, item_columns, unique_items
from studylog.store.journal import Change, change


class Linked(Sequence[tuple[int, str, str]]):
    """(line, item, text) of every linked entry, packed: a line number, an item number and the
    text's UTF-8 bytes in arrays, not three objects and a tuple per entry (flat memory)."""

    def __init__(self) -> None:
        self._lines = array("L")
        self._items = array("L")
        self._ends = array("Q")  # where each text ends in _text
        self._text = bytearray()
        self._names: list[str] = []
        self._number: dict[str, int] = {}

    def append(self, line: int, item: str, text: str) -> None:
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
        return self._lines[index], self._names[self._items[index]], text


@dataclass
class ImportSummary:
    entries: int = 0
    added: int = 0
    already: int = 0
    days: int = 0
    hours: float = 0.0
    linked: Linked = field(default_factory=lambda: Linked())  # (line, item, text) of each linked entry

    def linked_json(self) -> Iterator[dict]:
        """The linked entries as JSON objects, made one at a time."""
        return ({"line": n, "item": i, "text": t} for n, i, t in self.linked)

    def to_json(self, linked: bool = True) -> dict:
        """The report; ``linked=False`` leaves out the linked entries, for a caller that streams
        them (``linked_json``) instead of holding a list of every one."""
        data: dict[str, Any] = {
            "entries": self.entries,
            "added": self.added,
            "already_imported": self.already,
            "days": self.days,
            "hours": round(self.hours, 2),
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
        return source_key(source, entry, occurrence)

    def _add(self, digest: bytes) -> bool:
        """Whether ``digest`` is new (then it is added)."""
        table, keys, mask = self._table, self._keys, len(self._table) - 1
        slot = int.from_bytes(digest[:8], "little") & mask
        while position := table[slot]:
            if keys[(position - 1) * 20 : position * 20] == digest:
                return False
            slot = (slot + 1) & mask
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
    found: set[str] = set()
    for start in range(0, len(keys), 500):
        chunk = keys[start : start + 500]
        marks = ", ".join(f":k{n}" for n in range(len(chunk)))
        rows = store.rows(
            f"SELECT source_key FROM entry WHERE owner = :owner AND source_key IN ({marks})",
            owner=store.owner,
            **{f"k{n}": k for n, k in enumerate(chunk)},
        )
        found.update(r["source_key"] for r in rows)
    return found


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
) -> ImportSummary:
    """Add the entries that are not already in the store, in one change. ``entries`` is consumed
    once, :data:`BATCH` at a time: only one batch of entries is held at once. Imported goals count
    for their own day only (they are not carried over), unless a later entry met them."""
    if isinstance(entries, ParseResult):
        entries = entries.entries
    summary = ImportSummary(hours=0)
    days: set[date] = set()
    occurrences = _Occurrences()
    goals = _GoalLinks()
    with ExitStack() as stack:
        ch: Change | None = None
        for batch in _batches(entries):
            keys = [occurrences.key(source, e) for e in batch]
            summary.entries += len(batch)
            days.update(e.day for e in batch)
            for e in batch:  # one running sum in the order of the entries, as sum() gave (0 when no hours)
                if e.kind == "done":
                    summary.hours += e.hours or 0
            for e in batch:
                if e.item:
                    summary.linked.append(e.line, e.item, e.text)
            existing = _existing(store, keys)
            goals.note_goals(keys, batch)
            new = [(k, e) for k, e in zip(keys, batch, strict=True) if k not in existing]
            summary.already += len(batch) - len(new)
            summary.added += len(new)
            if new and not dry_run:
                ch = ch or stack.enter_context(change(store, f"import {source}"))
                ids = _write(store, ch, source, new)
                goals.note_done(ids, new)
            if on_progress is not None:
                on_progress(len(batch))
            del batch, keys, new  # hold one batch at a time: not this one while the next is read
        if ch is not None:  # the summary names the count, known only now
            goals.link(store, ch)
            store.execute(
                "UPDATE change SET summary = :summary WHERE id = :id",
                summary=f"import {source}: {summary.added} entries",
                id=ch.id,
            )
    summary.days = len(days)
    return summary


def _write(store: Store, ch: Change, source: str, new: list[tuple[str, ImportedEntry]]) -> list[int]:
    ids = ch.insert_many(
        "entry",
        [
            {
                "owner": store.owner,
                "kind": e.kind,
                "day": e.day,
                "text": e.text,
                "hours": e.hours,
                **(_item_columns(e) if e.items else {"item": e.item, "item_count": None}),
                "goal_id": None,
                "met_on": e.met_on if e.kind == "goal" else None,
                "created_at": store.now,
                "dropped_on": e.day + timedelta(days=1) if e.kind == "goal" and e.met_on is None else None,
                "period_start": e.period[0] if e.period else None,
                "period_end": e.period[1] if e.period else None,
                "style": e.style,
                "source": source,
                "source_key": key,
            }
            for key, e in new
        ],
    )
    ch.insert_many(
        "note",
        [
            {"entry_id": entry_id, "position": position, "depth": note.depth, "text": note.text}
            for entry_id, (_, e) in zip(ids, new, strict=True)
            for position, note in enumerate(e.notes)
        ],
    )
    rows = [row for entry_id, (_, e) in zip(ids, new, strict=True) for row in _extra_items(store, entry_id, e)]
    if rows:
        ch.insert_many("entry_item", rows)
    return ids


# -- items and met goals from a daily note exported by studylog (importers.daily_fields) ----------


def _items(e: ImportedEntry) -> list[str]:
    return unique_items([e.item, *e.items])


def _item_columns(e: ImportedEntry) -> dict[str, Any]:
    return item_columns(_items(e))


def _extra_items(store: Store, entry_id: int, e: ImportedEntry) -> list[dict[str, Any]]:
    return extra_item_rows(store.owner, entry_id, _items(e)) if e.items else []


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
