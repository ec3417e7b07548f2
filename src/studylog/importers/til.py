"""Read a Jekyll TIL page: front matter, then ``# YYYY-MM-DD`` or ``# YYYY-MM-DD - YYYY-MM-DD``
headings, each over a numbered list of done items with nested notes (or a plain paragraph).
A heading may write its date in any form :mod:`studylog.importers.datelines` reads
(``## 19th January 2020``, ``# 2024_04_18``, ``## 4/18/24``, ``## Mar 3, Mar 4, 2019``...).
A page with no dated headings but a date in its front matter or file name is one TIL post (a
folder of them is a TIL blog): :mod:`studylog.importers.pages` says what entries it gives.

Lines are unescaped with :func:`studylog.markdown_lines.unescape_line`, the inverse of what the
exporters write. What ``export til`` adds for an exact round trip is undone too: an item ending
in ``<!-- studylog hours: 2.3 -->`` (or ``none``) has exactly those hours, whatever its text says,
and the mark is not part of its text; ``{% raw %}{{{% endraw %}`` and ``{% raw %}{%{% endraw %}``
(Liquid escaped, as Jekyll would show it) read as ``{{`` and ``{%``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from studylog.imported import ImportedEntry, ParseResult, Problem
from studylog.importers import frontmatter, pages
from studylog.importers.datelines import TRAILER, Ymd, calendar_day, find_date, read_day, slash_order
from studylog.importers.frontmatter import FrontMatter
from studylog.importers.status_text import find_status
from studylog.markdown_lines import RULE, unescape_line
from studylog.note import Note
from studylog.tags import imported_tags, merge_tags, tag_line

try:  # the shared hours finder (another module); without it, hours stay unknown
    from studylog.importers.hours_text import find_hours, hours_problem
except ImportError:  # pragma: no cover - depends on what is installed

    def find_hours(text: str) -> float | None:
        return None

    def hours_problem(text: str) -> str | None:
        return None


_BEFORE = "text before the first dated heading"
# What ``export til`` writes at the end of an item whose text alone would not give its hours.
HOURS_MARK = re.compile(r"[ \t]?<!-- studylog hours: (none|\d+(?:\.\d+)?(?:e-?\d+)?) -->[ \t]*$")
_RAW = re.compile(r"\{% raw %\}(\{[{%])\{% endraw %\}")


def hours_mark(hours: float | None) -> str:
    """The mark for ``hours`` (exact: the float's shortest repr), read back by :func:`marked_hours`."""
    if hours is None:
        return "<!-- studylog hours: none -->"
    written = repr(float(hours))
    return f"<!-- studylog hours: {written.removesuffix('.0')} -->"


def marked_hours(text: str) -> tuple[str, float | None] | None:
    """(the text without its hours mark, the hours it gives), or None when it has none."""
    m = HOURS_MARK.search(text)
    if m is None:
        return None
    return text[: m.start()], None if m.group(1) == "none" else float(m.group(1))


def unescape_liquid(text: str) -> str:
    """The text ``export til`` escaped for Liquid (one ``{% raw %}`` pair per ``{{`` or ``{%``)."""
    return _RAW.sub(r"\1", text) if "{% raw %}" in text else text


HEADING = re.compile(r"^#{1,6}(?:[ \t]+(.*?))?[ \t]*$")
_NO_DATE = "heading has no date (# YYYY-MM-DD, # 19th January 2020, or a range such as # YYYY-MM-DD - YYYY-MM-DD)"
# A list item: indentation, a marker (1. 1) - * +), then its text; group 4 is the spacing.
ITEM = re.compile(r"^([ \t]*)(\d{1,9}[.)]|[-*+])(?:([ \t]+)(.*)|[ \t]*)$")


def indent_width(whitespace: str) -> int:
    return len(whitespace.expandtabs(4))


class Skipped:
    """Runs of lines that cannot be placed, each reported once, at its first line."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        self.run: tuple[int, str, bool] | None = None  # (line, why, report even if empty)
        self.count = 0

    def start(self, line: int, why: str, always: bool = False) -> None:
        self.end()
        self.run = (line, why, always)

    def add(self, line: int, why: str) -> None:
        if self.run is None:
            self.run = (line, why, False)
        self.count += 1

    def end(self) -> None:
        if self.run and (self.count or self.run[2]):
            line, why, _ = self.run
            message = f"{why}: {self.count} line{'' if self.count == 1 else 's'} skipped"
            self.problems.append(Problem(line, message, reason=why, lines=max(1, self.count)))
        self.run, self.count = None, 0


SPACES = "spaces"  # an entry's style: its notes are indented with spaces, to their parent's text


@dataclass
class Block:
    """The entry being read: its text lines and notes, and the content columns of open notes."""

    entry: ImportedEntry
    open_notes: list[int] = field(default_factory=list)
    last_is_note: bool = False
    content: int = 0  # where the item's own text starts
    spaces: bool = True  # every note so far indented with spaces to its parent's text

    def add_note(self, indent: int, content: int, text: str, whitespace: str = "\t") -> None:
        while self.open_notes and indent < self.open_notes[-1]:
            self.open_notes.pop()
        parent = self.open_notes[-1] if self.open_notes else self.content
        self.spaces = self.spaces and whitespace == " " * parent
        if self.spaces and self.entry.style is None:
            self.entry.style = SPACES
        elif not self.spaces and self.entry.style == SPACES:
            self.entry.style = None
        self.entry.notes.append(Note(unescape_line(text), len(self.open_notes)))
        self.open_notes.append(content)
        self.last_is_note = True

    def continue_with(self, text: str, blank_lines: int) -> None:
        """A continuation line of the item or of its last note."""
        joined = "\n" * (blank_lines + 1) + unescape_line(text)
        if self.last_is_note:
            last = self.entry.notes[-1]
            self.entry.notes[-1] = Note(last.text + joined, last.depth)
        else:
            self.entry.text += joined


def item_parts(m: re.Match[str]) -> tuple[int, int, str]:
    """(indent, content column, text) of an ITEM match; text loses its trailing whitespace."""
    indent = indent_width(m.group(1))
    spacing = indent_width(m.group(1) + m.group(2) + (m.group(3) or " ")) - indent - len(m.group(2))
    content = indent + len(m.group(2)) + (spacing if 1 <= spacing <= 4 else 1)
    return indent, content, (m.group(4) or "").rstrip()


def read_heading(text: str, order: str = "mdy") -> tuple[date, date | None] | str:
    """(day, start of range or None) from a heading's text, or why it cannot be read."""
    found = read_day(text, order)
    return _NO_DATE if found is None else found


def front_matter(lines: list[str], result: ParseResult) -> FrontMatter:
    """Read YAML front matter into result.meta; its ``end`` is the index of the first line after it."""
    if not lines or lines[0].rstrip() != "---":
        return FrontMatter()
    found = frontmatter.read(lines)
    result.problems += found.problems
    if found.end:
        result.meta["front_matter"] = found.fields
    return found


class _Reader:
    """Walks the page line by line; every line ends up in an entry or in a problem."""

    def __init__(self, result: ParseResult, order: str = "mdy") -> None:
        self.result = result
        self.order = order
        self.context: list[tuple[int, int, int | None]] = []  # (level, year, month) of month/year headings
        self.day: date | None = None
        self.period: tuple[date, date] | None = None
        self.skipped = Skipped(result.problems)
        self.block: Block | None = None
        self.paragraph: ImportedEntry | None = None
        self.blank = 0
        self.dated = False  # a dated heading was read
        self.tags: list[str] = []  # the section's line of tags: tags of every entry under its heading
        self.section_start = 0  # the index in result.entries of the section's first entry

    def problem(self, line: int, message: str) -> None:
        self.result.problems.append(Problem(line, message))

    def entry(self, number: int, text: str, style: str | None = None) -> ImportedEntry:
        assert self.day is not None
        entry = ImportedEntry("done", self.day, text, number, period=self.period, style=style, tags=list(self.tags))
        self.result.entries.append(entry)
        return entry

    def section_tags(self, text: str) -> bool:
        """A line of tags on its own in a section (``_Tags: #git #tools_``, not under an item):
        tags of every entry of the section, those before it and after it; no entry itself."""
        words = tag_line(text) if ("ag" in text[:12] or text.startswith("#")) else None
        found = imported_tags(words) if words else []
        if not found:
            return False
        self.tags = merge_tags(self.tags, found)
        for entry in self.result.entries[self.section_start :]:
            entry.tags = merge_tags(entry.tags, found)
        return True

    def heading(self, number: int, text: str, level: int) -> None:
        """A dated heading (any level) starts a section; an undated sub-heading is skipped."""
        self.block = self.paragraph = None
        self.context = [c for c in self.context if c[0] < level]
        heading = read_heading(text, self.order)
        found = self._under_month(text, level) if heading is _NO_DATE else heading
        if found is None:  # a month or year heading
            return
        if found is _NO_DATE and level > 1:
            if self.day is not None:
                self.problem(number, f"sub-heading {text!r} skipped")
            else:
                self.skipped.add(number, _BEFORE)
            return
        self.skipped.end()
        if isinstance(found, str):
            self.day = self.period = None
            self.skipped.start(number, found, always=True)
            return
        self.day, start = found
        self.period = (start, self.day) if start else None
        self.dated = True
        self.tags, self.section_start = [], len(self.result.entries)

    def _under_month(self, text: str, level: int) -> tuple[date, date | None] | str | None:
        """A month or year heading (``# January 2020``) is kept as context, None; a day heading
        under it (``## 19th``, ``## January 19th``) reads as that day; anything else, _NO_DATE."""
        hit = find_date(text, self.order, partial=True)
        if hit is None or not TRAILER.match(hit.rest):
            return _NO_DATE
        year = next((y for _, y, _ in reversed(self.context)), None)
        if hit.kind in ("month", "year"):
            if hit.start.year is None and year is None:  # "## July" with no year around it
                return _NO_DATE
            self.skipped.end()
            self.day = self.period = None
            self.context.append((level, hit.start.year or year or 0, hit.start.month))
            return None
        month = next((m for _, _, m in reversed(self.context) if m), None)
        if hit.kind == "noyear" and year is not None:
            day = calendar_day(Ymd(year, hit.start.month, hit.start.day, str(year)))
        elif hit.kind == "day" and year is not None and month is not None:
            day = calendar_day(Ymd(year, month, hit.start.day, str(year)))
        else:
            return _NO_DATE
        return (day, None) if day is not None else f"impossible date in heading {text!r}"

    def line(self, number: int, line: str) -> None:
        if not line.strip():
            self.blank += 1
            self.paragraph = None
            return
        blank, self.blank = self.blank, 0
        heading = HEADING.match(line)
        if heading:
            return self.heading(number, heading.group(1) or "", len(line) - len(line.lstrip("#")))
        if self.day is None:
            return self.skipped.add(number, _BEFORE)
        bare = line.lstrip(" ")
        if bare[:1] in "-*_" and len(line) - len(bare) < 4 and RULE.match(bare):  # a rule: layout, not an entry
            self.block = self.paragraph = None
            return
        indented = line[:1] in (" ", "\t")
        item = ITEM.match(line)
        if item and (item.group(4) or "").strip():
            indent, content, text = item_parts(item)
            if indent and self.block:
                return self.block.add_note(indent, content, text, item.group(1))
            if indent >= 4:
                return self.problem(number, "indented list item outside any item skipped")
            self.paragraph = None
            entry = self.entry(number, unescape_line(text))
            self.block = Block(entry, content=content)
            return
        if item:
            return self.problem(number, "empty list item skipped")
        text = line.strip()
        if self.block and (not blank or indented):
            return self.block.continue_with(text, blank)
        self.block = None
        if self.paragraph is not None:
            self.paragraph.text += "\n" + unescape_line(text)
            return
        if self.section_tags(text):
            return
        self.paragraph = self.entry(number, unescape_line(text), style="paragraph")


def parse(text: str, filename: str | None = None, in_folder: bool = False) -> ParseResult:
    """Every done item on the page; lines that cannot be placed become problems (never raises).

    A page with no dated headings, dated by its front matter or its file name (``filename``, a
    Jekyll post ``2025-02-13-slug.md``), is one TIL post: its entries are those
    :func:`studylog.importers.pages.entries` makes of a dated page. With no date anywhere, a page
    with front matter, or one of a folder's (``in_folder``), is reported as undated."""
    result = ParseResult()
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    front = front_matter(lines, result)
    start = front.end
    reader = _Reader(result, slash_order(lines))
    for index in range(start, len(lines)):
        reader.line(index + 1, lines[index])
    reader.skipped.end()
    if not reader.dated:
        day, disagree = pages.page_date(filename, front.date())
        if day is not None or front.end or in_folder:
            result.entries = []
            result.problems = list(front.problems)
            if day is None:
                result.problems.append(Problem(1, pages.UNDATED))
                return result
            if disagree:
                result.problems.append(Problem(1, disagree, "doubtful"))
            body = [(index + 1, lines[index]) for index in range(start, len(lines))]
            result.entries = pages.entries(day, body, front, filename, result.problems)
            result.problems.sort(key=lambda p: p.line)
            return result
    for entry in result.entries:
        entry.text = unescape_liquid(entry.text)
        entry.notes = [Note(unescape_liquid(n.text), n.depth) if "{" in n.text else n for n in entry.notes]
        marked = marked_hours(entry.text)
        if marked is not None:
            entry.text, entry.hours = marked
        else:
            entry.hours = find_hours(entry.text)
        entry.status = find_status(entry.text)
        if marked is None and (why := hours_problem(entry.text)):
            result.problems.append(Problem(entry.line, why, "doubtful"))
    result.problems.sort(key=lambda p: p.line)
    return result
