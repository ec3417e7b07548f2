"""Daily notes in the learner's format, newest day first::

    [[2024-04-18]]

    Goals:
    - [x] start part 5/8 karpathy lecture
    \t- a note (tabs nest)
    - [ ] review some backprop notes [item:: dlc/2]

    Done:
    - reviewed backprop calculus notes [hours:: 1.5] [item:: dlc/2] [goal:: #1]

Entries imported from daily notes are written exactly as they were imported (the learner's own
notes round-trip byte for byte). Every other entry also says what studylog knows about it, in a
form Obsidian reads: a goal is a task (``- [x]`` met, ``- [ ]`` open), and the rest are
Dataview-style inline fields after its text:

* ``[hours:: 1.5]`` the hours of a done item;
* ``[item:: dlc/2]`` each item it is linked to, in order;
* ``[period:: 2023-08-01..2023-08-11]`` the period it covers (it is written on the period's last day);
* ``[goal:: #2]`` on a done item: it met the day's second goal (``[goal:: 2024-04-17 #2]``: a goal
  of another day), counting the goals of that day in the order they are written;
* ``[completion:: 2024-04-19]`` on a met goal: the day it was met, when not its own day.

``importers.daily_notes`` reads them back. An entry imported from the learner's own daily notes
is written as it was, unless something its words do not say was added since (hours, a period, a
met goal): then it is written with all its fields, items too (the import links an entry without
fields again from its words). A text that itself ends like a field gets a backslash before its
``[`` (Obsidian shows it as written), and the import takes it away.

Done items of style "bare" (imported from a day without a ``Done:`` header) are written as bullets
right under the date, before any header. ``write_folder`` writes one ``YYYY-MM-DD.md`` per day, in
the Obsidian way: the file name carries the date, the body is the day's lists without ``[[date]]``.
Text is written as logged, escaped only where it would otherwise stop being a bullet's text.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from datetime import date
from pathlib import Path

from studylog.importers.daily_fields import escape_fields, escape_task, format_hours
from studylog.markdown_lines import block
from studylog.store.db import Store
from studylog.store.entries import log
from studylog.store.exports import entry_days, goal_places
from studylog.store.records import Done, Goal

SOURCE = "daily-notes"

GoalPlaces = Mapping[int, tuple[date, int]]  # goal id -> (its day, its number among the day's goals)


def fields(entry: Goal | Done, places: GoalPlaces, own_words: bool = False) -> list[str]:
    """The inline fields of ``entry`` (see the module docstring); ``own_words``: only those its
    own words cannot say (not its items, which the import links again from its words)."""
    out: list[str] = []
    if isinstance(entry, Done) and entry.hours is not None:
        out.append(f"[hours:: {format_hours(entry.hours)}]")
    if not own_words:
        out += [f"[item:: {item}]" for item in entry.items or ((entry.item,) if entry.item else ())]
    if entry.period is not None:
        out.append(f"[period:: {entry.period[0].isoformat()}..{entry.period[1].isoformat()}]")
    if isinstance(entry, Done) and entry.goal_id is not None and entry.goal_id in places:
        day, number = places[entry.goal_id]
        out.append(f"[goal:: #{number}]" if day == entry.day else f"[goal:: {day.isoformat()} #{number}]")
    if isinstance(entry, Goal) and entry.met_on is not None and entry.met_on != entry.day:
        out.append(f"[completion:: {entry.met_on.isoformat()}]")
    return out


def entry_text(entry: Goal | Done, places: GoalPlaces) -> str:
    """The text of ``entry``'s bullet: its words, its task box and its fields."""
    text = escape_fields(entry.text)
    if entry.source == SOURCE and entry.style in (None, "bare"):  # as the learner wrote it...
        changed = isinstance(entry, Goal) and entry.met_on is not None
        if not changed and not fields(entry, places, own_words=True):
            return text  # ... and nothing was added since
    text += "".join(" " + f for f in fields(entry, places))
    if isinstance(entry, Goal):
        text = ("[x] " if entry.met_on is not None else "[ ] ") + escape_task(text)
    return text


def bullets(entries: Sequence[Goal | Done], places: GoalPlaces | None = None) -> list[str]:
    out: list[str] = []
    for entry in entries:
        out += block(entry_text(entry, places or {}), "- ", "  ")
        depth = -1
        for note in entry.notes:
            depth = min(note.depth, depth + 1)  # no level skipped
            indent = "\t" * (depth + 1)
            out += block(note.text, indent + "- ", indent + "  ")
    return out


def day_body(entries: list[Goal | Done], places: GoalPlaces | None = None) -> list[str]:
    """One day's lists: bare done items, then Goals:, then Done: (headers only when needed)."""
    bare = [e for e in entries if isinstance(e, Done) and e.style == "bare"]
    goals = [e for e in entries if isinstance(e, Goal)]
    done = [e for e in entries if isinstance(e, Done) and e.style != "bare"]
    parts: list[list[str]] = []
    if bare:
        parts.append(bullets(bare, places))
    if goals:
        parts.append(["Goals:", *bullets(goals, places)])
    if done:
        parts.append(["Done:", *bullets(done, places)])
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


def _day_body(store: Store, day: date) -> list[str]:
    entries = day_entries(store, day)
    goal_ids = [e.goal_id for e in entries if isinstance(e, Done) and e.goal_id is not None]
    return day_body(entries, goal_places(store, goal_ids) if goal_ids else {})


def render_days(store: Store, first: date | None, last: date | None) -> Iterator[str]:
    """Daily notes, line by line, one day in memory at a time."""
    for day in days(store, first, last):
        yield "\n"
        yield f"[[{day.isoformat()}]]\n"
        yield "\n"
        for line in _day_body(store, day):
            yield line + "\n"


def write_folder(store: Store, folder: Path, first: date | None, last: date | None) -> int:
    """One ``YYYY-MM-DD.md`` per day in ``folder``, each written atomically; the number written."""
    from studylog.atomic import write_atomic

    found = days(store, first, last)
    for day in found:
        write_atomic(folder / f"{day.isoformat()}.md", "\n".join(_day_body(store, day)) + "\n", mode=0o644)
    return len(found)
