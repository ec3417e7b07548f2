"""What studylog adds to daily notes so that they carry everything it knows, written by
``exporters.daily_notes`` and read here (see README, "Daily notes: what studylog adds"):

* a goal is an Obsidian task: ``- [x] text`` met, ``- [ ] text`` open;
* Dataview-style inline fields after an entry's text: ``[hours:: 1.5]``, ``[item:: dlc/2]`` (one
  per item, in order), ``[period:: 2023-08-01..2023-08-11]`` (written on the period's last day),
  ``[goal:: #2]`` (a done item met the second goal of its day; ``[goal:: 2024-04-17 #2]``: of
  another day) and ``[completion:: 2024-04-19]`` (a goal met on another day than its own).

Only fields at the very end of a text are fields. A text that itself ends with what looks like
fields gets one more backslash before each such ``[`` (and a goal text that starts like a task box,
before its ``[``), which reading takes away again: any text survives the round trip.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

FIELD_KEYS = ("hours", "item", "period", "goal", "completion")
_KEY = "(?:" + "|".join(FIELD_KEYS) + ")"
_VALUE = r"[^\[\]\n]*"
_FIELD_WHOLE = re.compile(rf"\[{_KEY}::{_VALUE}\]")
FIELD = re.compile(rf"\[({_KEY})::[ \t]*({_VALUE}?)[ \t]*\]")
_LOOKALIKE_START = re.compile(rf"(\\*)(\[{_KEY}::)")
TASK = re.compile(r"^\[([ xX])\][ \t]+")
TASK_LOOKALIKE = re.compile(r"^\\*\[[ xX]\](?=[ \t\n]|\Z)")
_DAY = r"\d{4}-\d{2}-\d{2}"
_GOAL = re.compile(rf"^(?:({_DAY})[ \t]+)?#(\d{{1,4}})$")
_PERIOD = re.compile(rf"^({_DAY})[ \t]*\.\.[ \t]*({_DAY})$")
_ITEM = re.compile(r"^[A-Za-z0-9][\w.-]*/[\w.-]+$")


def format_hours(hours: float) -> str:
    """Exactly the float (the shortest text that reads back as it): 1.5 → "1.5", 2.0 → "2"."""
    text = repr(float(hours))
    return text[:-2] if text.endswith(".0") else text


def trailing_fields(text: str, escaped: bool = False) -> int:
    """Where the fields that end ``text`` start (with the blanks before them), or -1 if it does not
    end with one: fields with no backslash before their ``[``, or with ``escaped`` the look-alikes,
    with any number of backslashes. Read from the end, in time linear in what it looks at."""
    start, pos = -1, len(text.rstrip(" \t"))
    while pos > 0 and text[pos - 1] == "]":
        opening = text.rfind("[", 0, pos - 1)
        if opening < 0 or not _FIELD_WHOLE.fullmatch(text, opening, pos):
            break
        before = opening
        if escaped:
            while before > 0 and text[before - 1] == "\\":
                before -= 1
        elif opening > 0 and text[opening - 1] == "\\":
            break
        while before > 0 and text[before - 1] in " \t":
            before -= 1
        start = pos = before
    return start


def escape_fields(text: str) -> str:
    """One more backslash before each ``[`` of what ends ``text`` looking like fields."""
    start = trailing_fields(text, escaped=True)
    if start < 0:
        return text
    return text[:start] + _LOOKALIKE_START.sub(lambda f: "\\" + f.group(1) + f.group(2), text[start:])


def unescape_fields(text: str) -> str:
    """The inverse of :func:`escape_fields`, for a text whose real fields are taken off."""
    start = trailing_fields(text, escaped=True)
    if start < 0:
        return text
    return text[:start] + _LOOKALIKE_START.sub(lambda f: f.group(1)[1:] + f.group(2), text[start:])


def escape_task(text: str) -> str:
    """A goal's text that starts like a task box gets one more backslash."""
    return "\\" + text if TASK_LOOKALIKE.match(text) else text


def unescape_task(text: str) -> str:
    return text[1:] if text.startswith("\\") and TASK_LOOKALIKE.match(text) else text


def goal_ref(day: date, number: int) -> str:
    """The key of a day's ``number``-th goal (1-based), as imports match a ``[goal:: ...]`` to it."""
    return f"{day.isoformat()}#{number}"


@dataclass
class Fields:
    """The fields read off one entry's text, and what was wrong with them."""

    text: str
    task: str | None = None  # " " open, "x" met: the entry was written as a task
    hours: float | None = None
    items: list[str] = field(default_factory=list)
    period: tuple[date, date] | None = None
    goal: str | None = None  # a done item: the goal it met, as goal_ref(day, number)
    completion: date | None = None
    problems: list[str] = field(default_factory=list)
    found: bool = False  # any field at all


def _day(value: str) -> date | None:
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def read_fields(text: str, kind: str, day: date) -> Fields:
    """The task box (goals only) and the trailing fields of an entry written on ``day``."""
    out = Fields(text)
    if kind == "goal" and (box := TASK.match(text)):
        out.task = box.group(1).lower()
        text = unescape_task(text[box.end() :])
    start = trailing_fields(text)
    if start >= 0:
        out.found = True
        for key, value in FIELD.findall(text, start):
            _read(out, key, value, kind, day)
        text = text[:start]
    out.text = unescape_fields(text)
    return out


def _read(out: Fields, key: str, value: str, kind: str, day: date) -> None:
    bad = f"[{key}:: {value}] is not "
    if key == "hours":
        try:
            hours = float(value)
        except ValueError:
            hours = -1.0
        if kind != "done" or not 0 <= hours < float("inf"):
            out.problems.append(bad + ("a number of hours" if kind == "done" else "for a goal") + "; ignored")
        else:
            out.hours = hours
    elif key == "item":
        if not _ITEM.match(value):
            out.problems.append(bad + "an item (curriculum/item, e.g. dlc/2); ignored")
        elif value not in out.items:
            out.items.append(value)
    elif key == "period":
        pm = _PERIOD.match(value)
        first, last = (_day(pm.group(1)), _day(pm.group(2))) if pm else (None, None)
        if first is None or last is None or last < first:
            out.problems.append(bad + "a period (YYYY-MM-DD..YYYY-MM-DD); ignored")
        else:
            out.period = (first, last)
    elif key == "goal":
        gm = _GOAL.match(value)
        on = (_day(gm.group(1)) if gm.group(1) else day) if gm else None
        if kind != "done" or gm is None or on is None or int(gm.group(2)) < 1:
            out.problems.append(
                bad + ("a goal (#N or YYYY-MM-DD #N)" if kind == "done" else "for a goal") + "; ignored"
            )
        else:
            out.goal = goal_ref(on, int(gm.group(2)))
    elif key == "completion":
        when = _day(value)
        if kind != "goal" or when is None:
            out.problems.append(bad + ("a day (YYYY-MM-DD)" if kind == "goal" else "for a done item") + "; ignored")
        else:
            out.completion = when
