"""What every importer produces and the store writes: dated entries with their nested notes, and
problems by line.

Its own module, outside both ``importers`` and ``store``: the importers make these records and
``store.imports`` writes them, so neither package needs to import the other for them.

The streaming API that ``import`` uses: an importer gives an iterator of :class:`ImportedEntry`
and appends its :class:`Problem` s to a list as it goes (see ``importers.markdown.stream``)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from studylog.note import Note
from studylog.tags import text_and_note_tags


@dataclass(slots=True)
class ImportedEntry:
    """One goal or done item found in a file, at ``line`` (1-based)."""

    kind: str  # "goal" or "done"
    day: date
    text: str
    line: int
    notes: list[Note] = field(default_factory=list)
    hours: float | None = None
    item: str | None = None  # a canonical reference (dlc/2) once linked: the first of ``items``
    period: tuple[date, date] | None = None  # the dated range it was logged under
    # None; "bare" (daily note without a Done: header), "task" (a goal written as a task), "fields"
    # (a daily note's entry with studylog's fields); "paragraph" (TIL), "spaces" (TIL notes
    # indented with spaces)
    style: str | None = None
    items: list[str] = field(default_factory=list)  # every linked item, in order (``item`` is the first)
    status: str | None = None  # what the line says of its items: "complete", "started" or None
    # -- what a daily note exported by studylog says beyond its words (importers.daily_fields) --
    met_on: date | None = None  # a goal: the day it was met
    ref: str | None = None  # a goal: its key for ``meets`` (``daily_fields.goal_ref``)
    meets: str | None = None  # a done item: the ``ref`` of the goal it met
    guess: bool = True  # False: the file says its items, the linker must not guess others
    section: int | None = None  # the line of the dated heading or line it was found under
    # tags its file gives it beyond its own words (normalised): its page's front matter
    # ``tags:``, a line of tags over its section; see :meth:`all_tags`
    tags: list[str] = field(default_factory=list)

    def link(self, items: list[str]) -> None:
        """Link the entry to ``items`` (in order, repeats dropped): ``item`` is the first."""
        self.items = list(dict.fromkeys(items))
        self.item = self.items[0] if self.items else None

    def all_tags(self) -> list[str]:
        """Every tag of the entry, normalised, each once: ``tags``, then the ``#words`` of its
        text, then those of any note that is a line of tags (``_Tags: #Git #VersionControl_``)."""
        if not self.tags and not self.notes and "#" not in self.text:
            return []  # most entries of a log: no tag anywhere (a 100k-entry import asks 100k times)
        return text_and_note_tags(self.text, [n.text for n in self.notes], self.tags)

    def linked(self) -> list[str]:
        """Every item the entry links, ``item`` first (also for an importer that set only ``item``)."""
        return list(dict.fromkeys([self.item, *self.items])) if self.item else self.items


@dataclass(frozen=True)
class Problem:
    line: int
    message: str
    level: str = "skipped"  # "skipped": not imported; "doubtful": imported, worth a look
    reason: str = ""  # the message without its particulars, to count problems by; see ``why``
    lines: int = 1  # how many lines of the file it stands for

    @property
    def why(self) -> str:
        """What went wrong, the same for every line it happened to: ``reason``, or else the message
        without quoted text, figures and its "; not imported" ending."""
        if self.reason:
            return self.reason
        text = _TAIL.sub("", self.message)
        text = _FIGURES.sub("…", _QUOTED.sub("…", text))
        return _LEAD.sub("", text).strip() or self.message


_QUOTED = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"")
_FIGURES = re.compile(r"[?\d][\d?:./-]*(?:h\b)?")
_TAIL = re.compile(r"[;,:]\s*(?:not imported|ignored|skipped|hours left empty|not linked)\s*$")
_LEAD = re.compile(r"^(?:…\s*:\s*)+")


@dataclass
class Tally:
    """What an import read, for its report: the dated sections found (counted as the entries come,
    one section after another, so it holds nothing per entry) and the problems by reason."""

    sections: int = 0
    _last: tuple[Any, ...] | None = None

    def entry(self, file: int, entry: ImportedEntry) -> None:
        key = (file, entry.section) if entry.section is not None else (file, entry.day, entry.period)
        if key != self._last:
            self.sections += 1
            self._last = key

    @staticmethod
    def skipped(problems: list[Problem]) -> dict[str, int]:
        """Lines skipped, by reason, most first."""
        counts: dict[str, int] = {}
        for p in problems:
            if p.level == "skipped":
                counts[p.why] = counts.get(p.why, 0) + p.lines
        return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


@dataclass
class ParseResult:
    entries: list[ImportedEntry] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)  # e.g. a TIL page's front matter


def stream_result(result: ParseResult, problems: list[Problem]) -> Iterator[ImportedEntry]:
    """A list-based importer's result through the streaming API: its problems go to ``problems``
    (in line order), then its entries come one by one."""
    problems += result.problems
    yield from result.entries


_WIKI = re.compile(r"\[\[([^\]|]*)(?:\|([^\]]*))?\]\]")
_LINK = re.compile(r"!?\[([^\]]*)\](?:\([^)]*\)|\[[^\]]*\])")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|~<>])")
_MARKUP = re.compile(r"\*\*|__|~~|[*_`]")


def normal_text(text: str) -> str:
    """``text`` as compared to find the same entry already stored: markdown links and wiki links
    by their words (``[x](url)`` -> x, ``[[page|alias]]`` -> alias), emphasis and code marks
    (``**``, ``*``, ``_``, backticks) and escapes dropped, whitespace collapsed, case folded."""
    text = _WIKI.sub(lambda m: m.group(2) if m.group(2) is not None else m.group(1), text)
    text = _LINK.sub(lambda m: m.group(1), text)
    text = _ESCAPE.sub(lambda m: m.group(1), text)
    text = _MARKUP.sub("", text)
    return " ".join(text.split()).casefold()
