"""Writing an import: one transaction (one undoable change), idempotent through ``source_key``."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta

from studylog.importers.model import ImportedEntry, ParseResult
from studylog.store.db import Store
from studylog.store.journal import change


@dataclass
class ImportSummary:
    entries: int = 0
    added: int = 0
    already: int = 0
    days: int = 0
    hours: float = 0.0
    linked: list[tuple[int, str, str]] = field(default_factory=list)  # (line, item, text)

    def to_json(self) -> dict:
        return {"entries": self.entries, "added": self.added, "already_imported": self.already,
                "days": self.days, "hours": round(self.hours, 2),
                "linked": [{"line": n, "item": i, "text": t} for n, i, t in self.linked]}


def source_key(source: str, entry: ImportedEntry, occurrence: int) -> str:
    """The same entry in the same kind of file always gets the same key."""
    period = f"{entry.period[0]}..{entry.period[1]}" if entry.period else ""
    notes = "\x1f".join(f"{n.depth}:{n.text}" for n in entry.notes)
    raw = "\x1e".join([source, entry.kind, entry.day.isoformat(), period, entry.text, notes, str(occurrence)])
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:40]


def _keys(source: str, entries: list[ImportedEntry]) -> list[str]:
    seen: Counter[str] = Counter()
    keys = []
    for entry in entries:
        base = source_key(source, entry, 0)
        keys.append(base if not seen[base] else source_key(source, entry, seen[base]))
        seen[base] += 1
    return keys


def _existing(store: Store, keys: list[str]) -> set[str]:
    found: set[str] = set()
    for start in range(0, len(keys), 500):
        chunk = keys[start:start + 500]
        marks = ", ".join(f":k{n}" for n in range(len(chunk)))
        rows = store.rows(f"SELECT source_key FROM entry WHERE owner = :owner AND source_key IN ({marks})",
                          owner=store.owner, **{f"k{n}": k for n, k in enumerate(chunk)})
        found.update(r["source_key"] for r in rows)
    return found


BATCH = 1000  # entries written per statement batch


def import_result(store: Store, result: ParseResult, source: str, dry_run: bool = False,
                  on_progress: Callable[[int], None] | None = None) -> ImportSummary:
    """Add the entries of ``result`` that are not already in the store, in one change. Imported
    goals count for their own day only (they are not carried over), unless a later entry met them."""
    keys = _keys(source, result.entries)
    summary = ImportSummary(entries=len(result.entries))
    summary.days = len({e.day for e in result.entries})
    summary.hours = sum(e.hours or 0 for e in result.entries if e.kind == "done")
    summary.linked = [(e.line, e.item, e.text) for e in result.entries if e.item]
    existing = _existing(store, keys)
    new = [(k, e) for k, e in zip(keys, result.entries) if k not in existing]
    summary.already = len(result.entries) - len(new)
    summary.added = len(new)
    if dry_run or not new:
        return summary
    with change(store, f"import {source}: {len(new)} entries") as ch:
        for start in range(0, len(new), BATCH):
            batch = new[start:start + BATCH]
            ids = ch.insert_many("entry", [{
                "owner": store.owner, "kind": e.kind, "day": e.day, "text": e.text, "hours": e.hours,
                "item": e.item, "goal_id": None, "met_on": None, "created_at": store.now,
                "dropped_on": e.day + timedelta(days=1) if e.kind == "goal" else None,
                "period_start": e.period[0] if e.period else None,
                "period_end": e.period[1] if e.period else None,
                "style": e.style, "source": source, "source_key": key,
            } for key, e in batch])
            ch.insert_many("note", [
                {"entry_id": entry_id, "position": position, "depth": note.depth, "text": note.text}
                for entry_id, (_, e) in zip(ids, batch) for position, note in enumerate(e.notes)])
            if on_progress is not None:
                on_progress(len(batch))
    return summary
