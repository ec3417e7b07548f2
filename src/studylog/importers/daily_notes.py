"""Read daily notes: ``[[YYYY-MM-DD]]`` blocks (or one ``YYYY-MM-DD.md`` file per day) with a
``Goals:`` list and a ``Done:`` list, sub-bullets nested with tabs. Bullets right under the date,
with no header, are done items of style "bare"."""

from __future__ import annotations

import re
from datetime import date

from studylog.imported import ImportedEntry, ParseResult, Problem
from studylog.importers.status_text import find_status
from studylog.importers.til import ITEM, Block, Skipped, item_parts
from studylog.markdown_lines import unescape_line

_DAY_LINE = re.compile(r"^\[\[(\d{4}-\d{2}-\d{2})\]\][ \t]*$")
_HEADER = re.compile(r"^(goals?|done)[ \t]*:[ \t]*$", re.IGNORECASE)
_FILE_NAME = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:\.md)?$", re.IGNORECASE)


def day_from_name(filename: str) -> date | None:
    """``2024-04-18.md`` → that day; None for any other name."""
    m = _FILE_NAME.match(filename)
    if not m:
        return None
    try:
        return date.fromisoformat(m.group(1))
    except ValueError:
        return None


class _Reader:
    def __init__(self, result: ParseResult, day: date | None) -> None:
        self.result = result
        self.day = day
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
        if not indented and (m := _DAY_LINE.match(line)):
            self.block, self.kind = None, None
            self.skipped.end()
            try:
                self.day = date.fromisoformat(m.group(1))
            except ValueError:
                self.day = None
                self.skipped.start(number, f"impossible date [[{m.group(1)}]]", always=True)
            return
        if self.day is None:
            return self.skipped.add(number, "text with no [[YYYY-MM-DD]] line above it (and no date in the file name)")
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
                self.kind or "done", self.day, unescape_line(text), number, style=None if self.kind else "bare"
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
    for entry in result.entries:  # once the text is whole (continuation lines included)
        if entry.kind == "done":
            entry.status = find_status(entry.text)
    result.problems.sort(key=lambda p: p.line)
    return result
