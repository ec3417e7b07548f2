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

from collections import defaultdict
from datetime import date
from pathlib import Path

from studylog.exporters.til import block
from studylog.store.db import Store
from studylog.store.entries import log
from studylog.store.records import Done, Goal


def bullets(entries: list[Goal | Done]) -> list[str]:
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


def by_day(store: Store, first: date | None, last: date | None) -> list[tuple[date, list[Goal | Done]]]:
    """Every day with entries, newest first; each day's entries in the order they were logged."""
    days: dict[date, list[Goal | Done]] = defaultdict(list)
    for found in reversed(log(store, first, last)):  # log() is newest first
        days[found.entry.day].append(found.entry)
    return sorted(days.items(), key=lambda kv: kv[0], reverse=True)


def render_days(store: Store, first: date | None, last: date | None) -> str:
    lines: list[str] = []
    for day, entries in by_day(store, first, last):
        lines += ["", f"[[{day.isoformat()}]]", "", *day_body(entries)]
    return "\n".join(lines) + "\n" if lines else ""


def write_folder(store: Store, folder: Path, first: date | None, last: date | None) -> int:
    """One ``YYYY-MM-DD.md`` per day in ``folder``, each written atomically; the number written."""
    from studylog.config import write_atomic

    days = by_day(store, first, last)
    for day, entries in days:
        write_atomic(folder / f"{day.isoformat()}.md", "\n".join(day_body(entries)) + "\n", mode=0o644)
    return len(days)
