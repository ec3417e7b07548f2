"""Read daily notes: ``[[YYYY-MM-DD]]`` blocks (or one ``YYYY-MM-DD.md`` file per day) with a
``Goals:`` list and a ``Done:`` list, sub-bullets nested with tabs. Bullets right under the date,
with no header, are done items of style "bare".

Dates are read by :mod:`studylog.importers.datelines`, so a day line may be ``[[2022_12_24]]``,
``[[Dec 24th, 2022]]`` or a heading ``# 2022-12-24``, and a file may be named ``2024-04-18.md``
(Obsidian) or ``2022_12_24.md`` (Logseq journals)."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from studylog.imported import ImportedEntry, ParseResult, Problem
from studylog.importers.daily_fields import goal_ref, read_fields
from studylog.importers.datelines import read_day
from studylog.importers.status_text import find_status
from studylog.importers.til import ITEM, Block, Skipped, item_parts
from studylog.markdown_lines import unescape_line

_DAY_LINE = re.compile(r"^(?:#{1,6}[ \t]+)?\[\[([^\[\]]+)\]\][ \t]*$|^#{1,6}[ \t]+(.+?)[ \t]*$")
_HEADER = re.compile(r"^(goals?|done)[ \t]*:[ \t]*$", re.IGNORECASE)
_FILE_NAME = re.compile(r"^(.+?)(?:\.md)?$", re.IGNORECASE)


def day_from_name(filename: str) -> date | None:
    """``2024-04-18.md`` or ``2022_12_24.md`` (any full date of one day) → that day; else None."""
    m = _FILE_NAME.match(filename)
    found = read_day(m.group(1)) if m else None
    if isinstance(found, tuple) and found[1] is None:
        return found[0]
    return None


def day_line(line: str) -> tuple[date, date | None] | str | None:
    """A ``[[date]]`` line or a dated heading: (day, first day of a range or None), why the date
    is impossible, or None when the line is not a day line."""
    m = _DAY_LINE.match(line)
    if not m:
        return None
    return read_day(m.group(1) or m.group(2))


class _Reader:
    def __init__(self, result: ParseResult, day: date | None) -> None:
        self.result = result
        self.day = day
        self.period: tuple[date, date] | None = None
        self.kind: str | None = None  # "goal", "done", or None before a header (bare done items)
        self.block: Block | None = None
        self.blank = 0
        self.skipped = Skipped(result.problems)

    def problem(self, line: int, message: str) -> None:
        self.result.problems.append(Problem(line, message))

    def line(self, number: int, line: str) -> None:
        if not line.strip():
            self.blank += 1
            return
        blank, self.blank = self.blank, 0
        indented = line[:1] in (" ", "\t")
        if not indented and (found := day_line(line)) is not None:
            self.block, self.kind = None, None
            self.skipped.end()
            if isinstance(found, str):
                self.day = self.period = None
                self.skipped.start(number, found, always=True)
            else:
                self.day, start = found
                self.period = (start, self.day) if start else None
            return
        if self.day is None:
            return self.skipped.add(
                number, "text with no [[YYYY-MM-DD]] line above it (and no date such as 2024-04-18 in the file name)"
            )
        if not indented and (m := _HEADER.match(line)):
            self.block = None
            self.kind = "goal" if m.group(1).lower().startswith("goal") else "done"
            return
        item = ITEM.match(line)
        if item and (item.group(4) or "").strip():
            indent, content, text = item_parts(item)
            if indent and self.block:
                return self.block.add_note(indent, content, text)
            entry = ImportedEntry(
                self.kind or "done",
                self.day,
                unescape_line(text),
                number,
                style=None if self.kind else "bare",
                period=self.period,
            )
            self.result.entries.append(entry)
            self.block = Block(entry)
            return
        if item:
            return self.problem(number, "empty list item skipped")
        if self.block and (not blank or indented):
            return self.block.continue_with(line.strip(), blank)
        self.block = None
        self.problem(number, "not a list item under Goals: or Done:; skipped")


def parse(text: str, default_day: date | None) -> ParseResult:
    """Goals and done items of every day in ``text`` (``default_day`` for a file of one day
    without a ``[[date]]`` line). Never raises: lines it cannot place become problems."""
    result = ParseResult()
    reader = _Reader(result, default_day)
    for number, line in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), start=1):
        reader.line(number, line)
    reader.skipped.end()
    read_studylog_fields(result)
    for entry in result.entries:  # once the text is whole (continuation lines included)
        if entry.kind == "done":
            entry.status = find_status(entry.text)
    result.problems.sort(key=lambda p: p.line)
    return result


# -- what studylog's own export adds (importers.daily_fields) ---------------------------------------


def read_studylog_fields(result: ParseResult) -> None:
    """Take the task boxes and inline fields off the entries' texts and into the entries: hours,
    items, period, met goals and the goal a done item met. Bad fields become problems."""
    goals: dict[date, int] = {}
    for entry in result.entries:
        found = read_fields(entry.text, entry.kind, entry.day)
        entry.text = found.text
        for why in found.problems:
            result.problems.append(Problem(entry.line, why, "doubtful"))
        if entry.kind == "goal":
            goals[entry.day] = goals.get(entry.day, 0) + 1
            entry.ref = goal_ref(entry.day, goals[entry.day])
            if found.task is not None:
                entry.style = "task"
            if found.task == "x":
                entry.met_on = found.completion or entry.day
            elif found.completion is not None:
                result.problems.append(
                    Problem(entry.line, "[completion:: ...] on an open goal ([ ]); ignored", "doubtful")
                )
        if not found.found:
            continue
        entry.guess = False  # written by studylog: the file says every item there is
        if entry.style is None:
            entry.style = "fields"
        entry.hours = found.hours
        entry.items = found.items
        entry.item = found.items[0] if found.items else None
        entry.meets = found.goal
        if found.period is not None:
            if found.period[1] != entry.day:
                result.problems.append(
                    Problem(
                        entry.line,
                        f"the period ends on {found.period[1].isoformat()}, not on {entry.day.isoformat()}; "
                        "stored on its last day",
                        "doubtful",
                    )
                )
            entry.period, entry.day = found.period, found.period[1]


def check_items(result: ParseResult, canonical: Callable[[str], str | None]) -> None:
    """Keep the ``[item:: ...]`` of each entry that names a curriculum item (``canonical`` gives
    its canonical reference, or None); each other one becomes a problem."""
    for entry in result.entries:
        if not entry.items:
            continue
        known: list[str] = []
        for item in entry.items:
            ref = canonical(item)
            if ref is None:
                result.problems.append(
                    Problem(entry.line, f"[item:: {item}] is not an item of any curriculum; not linked", "doubtful")
                )
            elif ref not in known:
                known.append(ref)
        entry.items = known
        entry.item = known[0] if known else None
    result.problems.sort(key=lambda p: p.line)
