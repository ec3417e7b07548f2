"""Daily notes in the learner's format, newest day first::

    [[2024-04-18]]

    Goals:
    - start part 5/8 karpathy lecture
    \t- a note (tabs nest)

    Done:
    - reviewed backprop calculus notes

Done items of style "bare" (imported from a day without a ``Done:`` header) are written as bullets
right under the date, before any header. ``write_folder`` writes one ``YYYY-MM-DD.md`` per day, in
the Obsidian way: the file name carries the date, the body is the day's lists without ``[[date]]``.
Text is written as logged, escaped only where it would otherwise stop being a bullet's text.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path

from studylog.markdown_lines import block
from studylog.store.db import Store
from studylog.store.entries import log
from studylog.store.exports import entry_days
from studylog.store.records import Done, Goal


def bullets(entries: Sequence[Goal | Done]) -> list[str]:
    out: list[str] = []
    for entry in entries:
        out += block(entry.text, "- ", "  ")
        depth = -1
        for note in entry.notes:
            depth = min(note.depth, depth + 1)  # no level skipped
            indent = "\t" * (depth + 1)
            out += block(note.text, indent + "- ", indent + "  ")
    return out


def day_body(entries: list[Goal | Done]) -> list[str]:
    """One day's lists: bare done items, then Goals:, then Done: (headers only when needed)."""
    bare = [e for e in entries if isinstance(e, Done) and e.style == "bare"]
    goals = [e for e in entries if isinstance(e, Goal)]
    done = [e for e in entries if isinstance(e, Done) and e.style != "bare"]
    parts: list[list[str]] = []
    if bare:
        parts.append(bullets(bare))
    if goals:
        parts.append(["Goals:", *bullets(goals)])
    if done:
        parts.append(["Done:", *bullets(done)])
    lines: list[str] = []
    for part in parts:
        if lines:
            lines.append("")
        lines += part
    return lines


def days(store: Store, first: date | None, last: date | None) -> list[date]:
    """Every day with entries, newest first."""
    return entry_days(store, first, last)


def day_entries(store: Store, day: date) -> list[Goal | Done]:
    """One day's entries in the order they were logged."""
    return [found.entry for found in reversed(log(store, day, day))]  # log() is newest first


def render_days(store: Store, first: date | None, last: date | None) -> Iterator[str]:
    """Daily notes, line by line, one day in memory at a time."""
    for day in days(store, first, last):
        yield "\n"
        yield f"[[{day.isoformat()}]]\n"
        yield "\n"
        for line in day_body(day_entries(store, day)):
            yield line + "\n"


def write_folder(store: Store, folder: Path, first: date | None, last: date | None) -> int:
    """One ``YYYY-MM-DD.md`` per day in ``folder``, each written atomically; the number written."""
    from studylog.atomic import write_atomic

    found = days(store, first, last)
    for day in found:
        write_atomic(folder / f"{day.isoformat()}.md", "\n".join(day_body(day_entries(store, day))) + "\n", mode=0o644)
    return len(found)
