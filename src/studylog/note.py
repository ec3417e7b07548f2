"""A note under a goal or done item: the one shape the store, the importers and the exporters
share (``studylog.store.records`` re-exports it). A NamedTuple in a module of its own, so that the
everyday path, which builds records with notes, imports nothing more for it (records.py)."""

from __future__ import annotations

from studylog.namedtuple import NamedTuple


class Note(NamedTuple):
    text: str
    depth: int = 0
