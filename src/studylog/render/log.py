"""The log: entries newest first, grouped by day. Texts, notes, items and owners are shown safely
(``render.safe``): on a shared store they were written by other learners."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text

from studylog.hours import format_hours
from studylog.render.safe import visible
from studylog.store.records import Goal, LogEntry

STATE_WORDS = {"open": "goal", "met": "met", "dropped": "drop", "lapsed": "lapsed"}


def render_log(entries: list[LogEntry], show_owner: bool = False) -> Table | Text:
    if not entries:
        return Text("No entries match.", style="dim")
    table = Table(box=None, pad_edge=False, show_edge=False, header_style="bold")
    table.add_column("date", no_wrap=True)
    if show_owner:
        table.add_column("who", no_wrap=True, max_width=12, overflow="ellipsis")
    table.add_column("id", justify="right", no_wrap=True)
    table.add_column("", width=6, no_wrap=True)
    table.add_column("text", ratio=1, overflow="fold")
    table.add_column("hours", justify="right", no_wrap=True)
    table.add_column("item", no_wrap=True, style="cyan")
    previous = None
    for e in entries:
        day = e.entry.day.isoformat()
        kind = "goal" if e.kind == "goal" else "done"
        text = visible(e.entry.text)
        if e.entry.period:
            text += f"  ({e.entry.period[0]:%d %b}–{e.entry.period[1]:%d %b})"
        if isinstance(e.entry, Goal):
            kind = STATE_WORDS[e.state or "open"]
        who = [visible(e.owner or "")] if show_owner else []
        table.add_row(
            day if day != previous else "",
            *who,
            f"#{e.entry.id}",
            Text(kind, style="dim"),
            text,
            format_hours(getattr(e.entry, "hours", None)),
            visible(", ".join(e.entry.items)),
        )
        for note in e.entry.notes:
            table.add_row(
                "",
                *([""] if show_owner else []),
                "",
                "",
                Text("  " * (note.depth + 1) + "- " + visible(note.text), style="dim"),
                "",
                "",
            )
        previous = day
    return table
