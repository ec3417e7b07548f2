"""Read daily notes: ``[[YYYY-MM-DD]]`` blocks (or one ``YYYY-MM-DD.md`` file per day) with a
``Goals:`` list and a ``Done:`` list, sub-bullets nested with tabs. Bullets right under the date,
with no header, are done items of style "bare".

Dates are read by :mod:`studylog.importers.datelines`, so a day line may be ``[[2022_12_24]]``,
``[[Dec 24th, 2022]]`` or a heading ``# 2022-12-24``, and a file may be named ``2024-04-18.md``
(Obsidian) or ``2022_12_24.md`` (Logseq journals).

Other labels work as headers too (``DONE:``, ``**Done:**``, ``NEXT:``, ``TODO:``, ``Goals for the
week``: :func:`studylog.importers.outliner.label`), and a line ``time spent: 1h30`` gives the day
its hours (on its first done item).

A file without a ``Goals:``/``Done:`` header is read as an outliner's (Logseq) journal:
:mod:`studylog.importers.outliner` reads its state markers (``DONE``, ``LATER``...), task boxes,
properties, drawers and CLOCK time, references and wiki links, and bullets that are labels
(``- DONE:``, ``- ## Today's focus``) make the items nested in them entries of their kind. A file
with headers is the learner's (or studylog's own export) and its words are kept exactly as they
are written, so that an export reads back as it was."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from studylog.imported import ImportedEntry, ParseResult, Problem
from studylog.importers import outliner
from studylog.importers.daily_fields import goal_ref, read_fields
from studylog.importers.datelines import read_day
from studylog.importers.hours_text import labelled_hours, read_hours
from studylog.importers.outliner import CANCELED, DONE, GOAL, NEUTRAL, kind_of
from studylog.importers.status_text import find_status
from studylog.importers.til import ITEM, Block, Skipped, item_parts
from studylog.markdown_lines import unescape_line
from studylog.tags import merge_tags

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
    def __init__(self, result: ParseResult, day: date | None, outline: bool = False) -> None:
        self.result = result
        self.day = day
        self.period: tuple[date, date] | None = None
        self.kind: str | None = None  # "goal", "done", or None before a header (bare done items)
        self.block: Block | None = None
        self.blank = 0
        self.skipped = Skipped(result.problems)
        self.outline = outline  # read outliner syntax (see the module docstring)
        self.scopes: list[tuple[int, str, bool | str | None]] = []  # bullet labels: (indent, kind, nested)
        self.owners: list[tuple[int, Block]] = []  # the open entries of an outline, by their indent
        self.skip: int | None = None  # the indent of a cancelled item, whose nested lines go with it
        self.drawer = False
        self.fence = False
        self.hours: dict[date, float] = {}  # what a day's hours lines say
        self.clocked: set[int] = set()  # id() of the entries whose hours are their CLOCK lines
        self.page_tags: list[str] = []  # a ``tags::`` property not under an entry: every entry's of the file

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
            self.scopes, self.owners = [], []
            return
        if not indented and not ITEM.match(line) and (header := outliner.label(line)) in (GOAL, DONE):
            self.block, self.kind = None, header  # "DONE:", "**Goals:**", "NEXT:"...
            self.scopes, self.owners = [], []
            return
        if (
            (self.outline or not (indented or ITEM.match(line)))
            and ":" in line
            and (hours := labelled_hours(_item_text(line))) is not None
        ):
            self.hours.setdefault(self.day, hours.hours or 0.0)  # "time spent: 1h30": the day's hours
            return
        if self.outline and self._outline_line(number, line, indented):
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

    # -- an outliner's journal ----------------------------------------------------------------------

    def _outline_line(self, number: int, line: str, indented: bool) -> bool:
        """Read one line of an outline; False leaves it to the reading of plain daily notes."""
        stripped = line.strip()
        if stripped[:3] in ("```", "~~~"):
            self.fence = not self.fence
        if self.fence or stripped[:3] in ("```", "~~~"):
            return False  # code is kept as written
        item = ITEM.match(line)
        if not item:
            if self.skip is not None and indented:
                return True
            if stripped[:1] == ":" and (drawer := outliner.DRAWER.match(stripped)):
                self.drawer = drawer.group(1).upper() != "END"
                return True
            if (hours := outliner.clock(stripped)) is not None:
                if self.block is not None:  # measured time on the task: the CLOCK lines add up
                    entry = self.block.entry
                    entry.hours = round((entry.hours or 0.0 if id(entry) in self.clocked else 0.0) + hours, 4)
                    self.clocked.add(id(entry))
                return True
            if self.drawer or ("::" in stripped and outliner.PROPERTY.match(stripped)):
                if not self.drawer and stripped[:6].lower() == "tags::":
                    self._property_tags(outliner.property_tags(stripped[6:]), indented)
                return True
            if self.block is not None and ("((" in stripped or "{{" in stripped or "[[" in stripped):
                self.block.continue_with(outliner.inline(stripped), self.blank)
                return True
            return False
        self.drawer = False
        if self.block is None:  # a line that is not the open entry's closed it
            self.owners = []
        indent, content, text = item_parts(item)
        if self.skip is not None and indent > self.skip:
            return True
        self.skip = None
        state, words = outliner.state(text, box=True)
        if "((" in words or "{{" in words or "[[" in words:
            cleaned = outliner.inline(words)
            if words.strip() and not cleaned.strip():
                self.problem(number, "only a block reference or macro, nothing to read; not imported")
                state, words = None, ""
            words = cleaned
        if not text.strip():
            return False  # an empty bullet
        label = outliner.label(words) if state is None else None
        nested: str | None = None
        if state is not None and not words.strip():  # "- LATER": labels only what is nested in it
            label, nested = (NEUTRAL if state == CANCELED else state), "only"
        elif not words.strip():
            label, nested = NEUTRAL, "only"
        self._close_scopes(indent, label is not None)
        named: str | None = self.scopes[-1][1] if self.scopes else self.kind
        if label is not None:
            self.scopes.append((indent, (named or DONE) if label == NEUTRAL else label, nested))
            self.block, self.owners = None, []
            return True
        if state == CANCELED:
            self.problem(number, f"{words.strip()!r} is marked CANCELED; not imported")
            self.skip, self.block = indent, None
            return True
        while self.owners and indent <= self.owners[-1][0] and (len(self.owners) > 1 or indent == 0 or self.scopes):
            self.owners.pop()  # (an indented item under an entry is its note, as in plain daily notes)
        if self.owners and state not in (GOAL, "open"):
            self.block = self.owners[-1][1]
            self.block.add_note(indent, content, outliner.inline(text), item.group(1))
            return True
        assert self.day is not None
        kind, met = kind_of(state, named or DONE)
        box = {"open": "[ ] ", "checked": "[x] "}.get(state or "", "") if kind == GOAL else ""
        entry = ImportedEntry(  # a goal keeps its task box: read_studylog_fields reads it
            kind, self.day, box + unescape_line(words), number, style=None if named else "bare", period=self.period
        )
        if met and not box:
            entry.met_on = self.day
        self.result.entries.append(entry)
        self.block = Block(entry, content=content)
        self.owners.append((indent, self.block))
        return True

    def _property_tags(self, tags: list[str], indented: bool) -> None:
        """A ``tags::`` property under an entry tags it; one of the page (before any entry, not
        indented) tags every entry of the file."""
        if self.block is not None and indented:
            self.block.entry.tags = merge_tags(self.block.entry.tags, tags)
        elif not self.result.entries:
            self.page_tags = merge_tags(self.page_tags, tags)

    def _close_scopes(self, indent: int, is_label: bool) -> None:
        while self.scopes:
            depth, named, nested = self.scopes[-1]
            if nested is None or nested == "only":
                nested = indent > depth or (None if nested == "only" else False)
                self.scopes[-1] = (depth, named, nested)
            if nested is None:  # a bare marker with nothing nested in it labels nothing
                self.scopes.pop()
                continue
            if indent > depth or (indent == depth and nested is False and not is_label):
                return
            self.scopes.pop()
            self.owners = []


def _item_text(line: str) -> str:
    item = ITEM.match(line)
    return (item.group(4) or "") if item else line.strip()


def parse(text: str, default_day: date | None) -> ParseResult:
    """Goals and done items of every day in ``text`` (``default_day`` for a file of one day
    without a ``[[date]]`` line). Never raises: lines it cannot place become problems."""
    result = ParseResult()
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    reader = _Reader(result, default_day, outline=not any(_HEADER.match(line) for line in lines))
    for number, line in enumerate(lines, start=1):
        reader.line(number, line)
    reader.skipped.end()
    read_studylog_fields(result)
    _day_hours(result, reader)
    if reader.outline:
        _met_by_same_text(result)
    for entry in result.entries:  # once the text is whole (continuation lines included)
        if entry.kind == "done":
            entry.status = find_status(entry.text)
        if reader.page_tags:
            entry.tags = merge_tags(reader.page_tags, entry.tags)
    result.problems.sort(key=lambda p: p.line)
    return result


def _day_hours(result: ParseResult, reader: _Reader) -> None:
    """Hours the text says: a day's hours line on its first done item without hours, and in an
    outline the hours a done item's own words state (``DONE 4 hours Android app``) and a goal's
    estimate (``TODO read ch. 3 (2h)``)."""
    given = dict(reader.hours)
    for entry in result.entries:
        if entry.kind != "done":
            if reader.outline and entry.hours is None:  # a plan's duration is its estimate
                entry.hours = read_hours(entry.text).hours
            continue
        if entry.day in given:
            hours = given.pop(entry.day)
            if entry.hours is None:
                entry.hours = hours
            continue
        if reader.outline and entry.hours is None and entry.guess:
            entry.hours = read_hours(entry.text).hours


def _met_by_same_text(result: ParseResult) -> None:
    """In an outline, a goal whose text is also a done item of its day is met by it (a file with
    headers says which goal a done item met with ``[goal:: #N]``, or not at all)."""
    goals: dict[tuple[date, str], ImportedEntry] = {}
    for entry in result.entries:
        if entry.kind == "goal" and entry.met_on is None:
            goals.setdefault((entry.day, outliner.same_item(entry.text)), entry)
    if not goals:
        return
    for entry in result.entries:
        if entry.kind == "done" and entry.meets is None:
            goal = goals.pop((entry.day, outliner.same_item(entry.text)), None)
            if goal is not None:
                goal.met_on, entry.meets = entry.day, goal.ref


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
