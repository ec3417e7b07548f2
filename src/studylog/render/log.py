"""The log: entries newest first, grouped by day, as styled lines (``render.lines``) given one
batch at a time, so that a long log streams: ``studylog log | head`` draws one batch, and 90,000
entries never sit in memory as lines. Texts, notes, items and owners are shown safely
(``render.safe``): on a shared store they were written by other learners.

Columns: date, (who), id, kind, text, hours, item. The text wraps (notes keep their depth under
it, URLs are never split); the others keep their width, with minimum widths so that batches
line up. Below 80 columns there is one space between columns rather than two; too narrow a
screen then leaves out the item column, then the owner (with --all-owners).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice

from studylog.hours import format_hours
from studylog.render.lines import Block, Cell, Column, Line, grid, text
from studylog.render.wrap import Flow, note
from studylog.store.records import Goal, LogEntry

STATE_WORDS = {"open": "goal", "met": "met", "dropped": "drop", "lapsed": "lapsed"}
BATCH = 200  # entries laid out together: their columns line up
WIDTH = 80
NARROW = 80  # below this, one space between columns rather than two


def _columns(show_owner: bool) -> list[Column]:
    return [
        Column(min_width=10),
        *([Column(max_width=12, drop=2)] if show_owner else []),
        Column(justify="right", min_width=2),
        Column(min_width=6, style="dim"),
        Column(wrap=True, min_width=16),
        Column(justify="right", min_width=5),
        Column(style="cyan", min_width=6, drop=1),
    ]


def _rows(entries: Iterable[LogEntry], show_owner: bool, links: bool, previous: list[str]) -> list[list[Cell | Block]]:
    rows: list[list[Cell | Block]] = []
    blank_owner: list[Cell | Block] = [""] if show_owner else []
    for e in entries:
        day = e.entry.day.isoformat()
        label = e.entry.text
        if e.entry.period:
            label += f"  ({e.entry.period[0]:%d %b}–{e.entry.period[1]:%d %b})"
        kind = STATE_WORDS[e.state or "open"] if isinstance(e.entry, Goal) else "done"
        who: list[Cell | Block] = [e.owner or ""] if show_owner else []
        rows.append(
            [
                day if day != previous[0] else "",
                *who,
                f"#{e.entry.id}",
                kind,
                Flow(label, links=links),
                format_hours(getattr(e.entry, "hours", None)),
                ", ".join(e.entry.items),
            ]
        )
        rows += [["", *blank_owner, "", "", note(n.text, n.depth + 1, links=links), "", ""] for n in e.entry.notes]
        previous[0] = day
    return rows


def render_log(
    entries: Iterable[LogEntry], show_owner: bool = False, width: int = WIDTH, links: bool = False
) -> Iterator[Line]:
    """The lines of the log in ``width`` columns, a batch of entries at a time (see the module);
    ``links``: see render.inline."""
    stream = iter(entries)
    columns = _columns(show_owner)
    head: list[Cell | Block] = [
        ("date", "bold"),
        *([("who", "bold")] if show_owner else []),
        ("id", "bold"),
        "",
        ("text", "bold"),
        ("hours", "bold"),
        ("item", "bold"),
    ]
    previous = [""]
    first = True
    while batch := list(islice(stream, BATCH)):
        rows = _rows(batch, show_owner, links, previous)
        lines = grid([head, *rows] if first else rows, columns, width, gap=2 if width >= NARROW else 1)
        yield from lines
        first = False
    if first:
        yield text("No entries match.", "dim")
