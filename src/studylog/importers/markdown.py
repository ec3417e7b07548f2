"""Generic dated markdown logs: date headings at any level, dated top-level list items, "Day N:"
and "R1D5:" headings of 100-days-of-code logs, day headings under a month heading, and files
named by their date (``2024-01-05.md``, or ``2024-01.md`` for the month).

Where the date comes from (:mod:`studylog.importers.datelines` reads the forms):

- a heading whose text starts with a date (after labels such as ``Day 3:``); its section runs to
  the next heading of the same or a higher level (but one of the same level that is only a time
  of day, ``## 10:44 am`` under ``## 2022-03-07``, is a session of that day). Deeper headings inside
  it are sub-headings, unless they carry a full date of their own, at their start or later in
  their title ("## Notes from the 3/14/2021 call"; not a reference: a date in a link or code,
  after "see", "since", "until"..., or before "post", "notes"...). Such a nested dated section
  ends at the next heading of its level or above; lines under a later sibling heading are the
  enclosing section's again;
- a month or year heading (``# 2024년 1월``, ``# January 2024``) gives the month for day headings
  (``## 5``) and the year for dates written without one;
- outside dated sections, a top-level list item that starts with a full date (``- 6/1/2025 Sun``);
  its nested lines are that entry's text and notes;
- the file name, for everything outside dated sections.

A page dated only by its front matter or a post name (``2025-02-13-slug.md``), with no dated
sections of its own, gives the entries :mod:`studylog.importers.pages` makes of a dated page; a
file with no date anywhere is reported when it is a page (it has front matter) or one of a folder's.

What becomes entries is decided by :mod:`studylog.importers.mdbody`. Each dated list item is one
entry: the text after its date (weekday and "Week N Day M" labels removed), or else its first
nested line, with the other nested lines as notes. Sections that are not dated are not imported;
a heading that names a day of the log but no date (``### Day 5``) is reported.

Labels (``DONE:``, ``Goals:``, ``- ## Today's focus``) are not entries; items under plan labels,
open task boxes and ``TODO``/``LATER`` tasks are goals, met when the section marks them done
(:func:`studylog.importers.mdbody.section`, :mod:`studylog.importers.outliner`).

Hours: written in a date heading (``(2.5h)``), on a labelled line (``time spent: 1h30``) or by
clock sub-headings that start and stop sessions (``### 10:57 AM`` ... ``### 12:18 PM - break``) they
belong to the day and go to its first done entry; a task's CLOCK lines are its own; otherwise each
entry's own text is read (:mod:`studylog.importers.hours_text`). On a goal they are its estimate.
An entry that says only "Nothing done", or that the day or range was a break ("pause",
"vacation", "sick", "off"), is reported, not imported: it is not study. A section holding only a
template's placeholder (``->write your learnings here<-``) is reported as empty. Dates are checked against
the entries around them (:mod:`studylog.importers.mdresolve`). Problems name their line; bad
input never raises.
"""

from __future__ import annotations

import gc
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date

from studylog.hours import format_hours
from studylog.imported import ImportedEntry, ParseResult, Problem
from studylog.importers import pages
from studylog.importers.daily_fields import goal_ref
from studylog.importers.datelines import (
    MONTHS,
    DateHit,
    Ymd,
    end_date,
    find_date,
    looks_like_entry,
    name_date,
    slash_order,
)
from studylog.importers.frontmatter import FrontMatter
from studylog.importers.hours_text import HoursReading, read_hours
from studylog.importers.mdbody import Draft, blocks, clock_title, section
from studylog.importers.mdresolve import Resolved, Written, resolve
from studylog.importers.outliner import same_item
from studylog.importers.status_text import find_status
from studylog.markdown_lines import RULE as _RULE
from studylog.note import Note

_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t]*$")
_CLOSING = re.compile(r"[ \t]+#+$")
_ITEM = re.compile(r"^([-*+]|\d{1,9}[.)])[ \t]+")
_FENCE = re.compile(r"^(`{3,}|~{3,})")
# [title](path): an index line's link to a page of its own repository says nothing outside it (the
# entry is its title); a link to a web address is kept as written
_RELATIVE_LINK = re.compile(r"\[([^\]\[]+)\]\((?![a-z][a-z0-9+.-]*:)[^()\s]*\)", re.IGNORECASE)
_LABEL_NOISE = re.compile(  # weekday, "Week N Day M", hours and punctuation around a date
    r"(?:\((?:[^()]*\d\s*(?:h|hrs?|hours?|min|mins|minutes)\b[^()]*)\)|\b(?:week\s*\d+\s*,?\s*)?day\s*\d+\b|"
    r"\(?\b(?:mon|tues?|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|urday|rsday)?\b\.?\)?|[^\w(\[`]+|_+)+",
    re.IGNORECASE,
)
# An entry whose whole text says nothing was done, or that the day (or range) was a break:
# "pause", "on vacation", "sick day", "holidays", "off" -- not study.
_NOTHING = re.compile(
    r"^\W*(?:nothing(?:\s+(?:done|today|at\s+all))?|did\s+nothing|no\s+(?:progress|study(?:ing)?)|"
    r"none|n/?a|rest\s+day|day\s+off|(?:(?:took\s+(?:a\s+)?|on\s+(?:a\s+)?)?(?:pause|break|holidays?|vacation|leave))|"
    r"sick(?:\s+(?:day|leave))?|off(?:\s+(?:day|today|sick))?)\W*$",
    re.IGNORECASE,
)


@dataclass
class _Anchor:
    line: int
    kind: str  # "heading", "bullet" or "file"
    level: int  # heading level; 0 for the file; for a bullet, its marker's indent
    hit: DateHit
    context_year: int | None
    body: list[tuple[int, str]] = field(default_factory=list)
    blank: bool = False
    resumed: bool = False  # the rest of a dated section after a dated heading nested in it


class _Scanner:
    """One pass over the lines: dated sections with their body lines."""

    def __init__(self, order: str, name: tuple[int, int, int | None] | None, front: _Front | None = None) -> None:
        self.order = order
        self.name = name
        self.anchors: list[_Anchor] = []
        self.problems: list[Problem] = []
        self.context: list[tuple[int, int, int | None]] = []  # (heading level, year, month)
        self.skip = front.lines if front else 0  # the front matter's lines are not the log's
        if name is not None:
            self.context.append((0, name[0], name[1]))
        elif front is not None and front.year is not None:
            self.context.append((0, front.year, None))
        self.anchor: _Anchor | None = None
        self.parents: list[_Anchor] = []  # dated headings whose section a nested dated heading interrupts
        self.fence: str | None = None
        self.list_indent: int | None = None  # the top-level list item indent outside dated sections
        self.blank = False
        self._file_anchor(1)

    def _file_anchor(self, line: int) -> None:
        if self.name is not None and self.name[2] is not None:
            y, m, d = self.name
            self.anchor = _Anchor(line, "file", 0, DateHit(Ymd(y, m, d, str(y)), None, "", None, "full"), y)

    def _close(self, nested: bool = False) -> None:
        """Close the open section. One with no line of its own is dropped when it only holds
        dated headings (``nested``: one starts now; unless its heading gives hours) or is the rest
        of a section after them."""
        anchor = self.anchor
        if anchor is None:
            return
        container = anchor.resumed or (nested and read_hours(anchor.hit.rest).hours is None)
        if not (container and not _written(anchor.body)):
            self.anchors.append(anchor)
        self.anchor = None

    def _year(self) -> int | None:
        return self.context[-1][1] if self.context else None

    def sections(self, lines: Iterable[str]) -> Iterator[_Anchor]:
        """The dated sections, each as soon as it is closed (one section's lines in memory)."""
        for number, raw in enumerate(lines, start=1):
            if number <= self.skip:
                continue
            self._line(number, raw)
            if self.anchors:
                yield from self.anchors
                self.anchors.clear()
        self._close()
        yield from self.anchors
        self.anchors.clear()

    def _line(self, number: int, raw: str) -> None:
        expanded = raw.expandtabs(4)
        content = expanded.lstrip()
        indent = len(expanded) - len(content)
        if self.fence is not None:
            if (
                content.rstrip()
                and content.rstrip() == self.fence[0] * len(content.rstrip())
                and len(content.rstrip()) >= len(self.fence)
            ):
                self.fence = None
            if self.anchor is not None:
                self.anchor.body.append((number, raw))
            return
        if (m := _FENCE.match(content)) and (m.group(1)[0] == "~" or "`" not in content[len(m.group(1)) :]):
            if self.anchor is not None and not (
                self.anchor.kind == "bullet" and self.anchor.blank and indent <= self.anchor.level + 1
            ):
                self.fence = m.group(1)
                self.anchor.body.append((number, raw))
                return
            self._close_bullet()
            self.fence = m.group(1)
            return
        heading = _HEADING.match(raw) if indent < 4 else None
        if heading:
            self._heading(number, raw, len(heading.group(1)), _CLOSING.sub("", heading.group(2) or ""))
            return
        if self.anchor is not None and self.anchor.kind == "bullet":
            if self._bullet_line(number, raw, content, indent):
                return
        elif self.anchor is not None:
            if not (self.anchor.hit.kind == "month" and indent < 2 and self._dated_item(content) is not None):
                self.anchor.body.append((number, raw))
                return
            self._drop_month(number)  # its days are dated lines: the month is only their context
        self._outside(number, content, indent)

    def _bullet_line(self, number: int, raw: str, content: str, indent: int) -> bool:
        """Whether the line belongs to the open dated list item (else it is closed)."""
        anchor = self.anchor
        assert anchor is not None
        if not content.strip():
            anchor.blank = True
            anchor.body.append((number, raw))
            return True
        ends = indent < 4 and _RULE.match(content) is not None
        if not ends and indent <= anchor.level + 1 and (_ITEM.match(content) or anchor.blank):
            ends = True
        if ends:
            self._close_bullet()
            return False
        anchor.blank = False
        anchor.body.append((number, raw))
        return True

    def _close_bullet(self) -> None:
        if self.anchor is not None and self.anchor.kind == "bullet":
            self._close()
            self._file_anchor(self.anchors[-1].line)

    def _outside(self, number: int, content: str, indent: int) -> None:
        """A line outside dated sections: only a top-level list item starting with a date counts."""
        if not content.strip():
            self.blank = True
            return
        item = None if _RULE.match(content) else _ITEM.match(content)
        if item and (self.list_indent is None or indent < self.list_indent + 2):
            self.list_indent = indent
            hit = self._dated_item(content, item)
            if hit is not None:
                self.anchor = _Anchor(number, "bullet", indent, hit, self._year())
        elif not item and ((self.blank and indent < 2) or _RULE.match(content)):
            self.list_indent = None
        self.blank = False

    def _dated_item(self, content: str, item: re.Match[str] | None = None) -> DateHit | None:
        """The date of a list item that starts with a full date, or else ends with one (an index
        line: ``- [title](url) - 2020-10-01``, whose text is then the title, with its link when that is
        a web address); None for any other line."""
        item = item or _ITEM.match(content)
        if item is None:
            return None
        text = content[item.end() :]
        hit = find_date(text, self.order, partial=False)
        if hit is not None:
            return hit
        hit = end_date(text, self.order)
        if hit is None:
            return None
        rest = _RELATIVE_LINK.sub(r"\1", hit.rest) if "](" in hit.rest else hit.rest
        return DateHit(hit.start, hit.end, " " + rest, hit.weekday, hit.kind, hit.days)

    def _day_heading(self, title: str) -> bool:
        """Whether a heading under a month heading names one of its days (``## 5``, ``## March 3rd``)."""
        hit = find_date(title, self.order, partial=True)
        return hit is not None and hit.kind in ("full", "noyear", "day")

    def _drop_month(self, number: int) -> None:
        """The open month section has days of its own (dated headings or lines): the month is their
        context, not an entry; what was written under it before its first day is reported."""
        anchor = self.anchor
        assert anchor is not None
        written = [line for line, raw in anchor.body if raw.strip()]
        if written:
            self.problems.append(
                Problem(
                    written[0],
                    f"{len(written)} line{'s' if len(written) > 1 else ''} under the month heading on line "
                    f"{anchor.line} come before its first dated day (line {number}); not imported",
                )
            )
        self.anchor = None

    def _start(self, number: int, level: int, hit: DateHit, before: _Anchor | None) -> None:
        """Open a dated heading's section. Prose after a rule at the very end of the dated section
        ``before`` introduces this one (:func:`_context_tail`: "_The next few days are all about
        testing_"): it moves here, rule and all, for :mod:`studylog.importers.mdbody` to read its
        first paragraph as context. When more than that paragraph moved, a rule after it keeps the
        moved entries apart from this day's own (the context is theirs)."""
        self.anchor = _Anchor(number, "heading", level, hit, self._year())
        if before is not None and (tail := _context_tail(before.body)) is not None:
            cut, longer = tail
            self.anchor.body = before.body[cut:]
            if longer:  # its own entries, which the rule's first paragraph introduces; this day's follow them
                self.anchor.body.append((number, ""))
                self.anchor.body.append((number, "---"))
            del before.body[cut:]

    def _heading(self, number: int, raw: str, level: int, title: str) -> None:
        self._close_bullet()
        self.list_indent = None
        self.context = [c for c in self.context if c[0] < level]
        anchor = self.anchor
        if anchor is not None and anchor.kind == "heading" and level == anchor.level and clock_title(title):
            anchor.body.append((number, raw))  # "## 10:44 am" right under "## 2022-03-07": a session of that day
            return
        if anchor is not None and anchor.hit.kind == "month" and level > anchor.level and self._day_heading(title):
            self._drop_month(number)
            anchor = None
        if anchor is not None and (anchor.kind == "file" or level > anchor.level):
            hit = find_date(title, self.order, partial=False)
            if hit is None and anchor.kind == "heading":  # a file's date is when it was written: not here
                hit = _date_inside(title, self.order)
            if hit is None:
                anchor.body.append((number, raw))  # a sub-heading
                return
            self._close(nested=anchor.kind == "heading")
            if anchor.kind == "heading":
                self.parents.append(anchor)
            self._start(number, level, hit, anchor)
            return
        self.parents = [p for p in self.parents if p.level < level]
        if self.parents and anchor is not None and anchor.kind == "heading":
            # the nested dated section ends: what follows is the enclosing dated section's again
            self._close()
            parent = self.parents.pop()
            hit = DateHit(parent.hit.start, parent.hit.end, "", parent.hit.weekday, parent.hit.kind, parent.hit.days)
            self.anchor = _Anchor(number, "heading", parent.level, hit, parent.context_year, resumed=True)
            self._heading(number, raw, level, title)
            return
        self.parents.clear()
        closing = anchor if anchor is not None and anchor.kind == "heading" else None
        self._close()
        hit = find_date(title, self.order, partial=True)
        if hit is not None and hit.kind in ("month", "year"):
            year = hit.start.year if hit.start.year is not None else self._year()
            if year is not None:  # "## July" under "# 2021" or a page of 2021
                self.context.append((level, year, hit.start.month))
            if year is not None and hit.kind == "month":
                # a period over the month, if its entries are written right under it; if days follow,
                # only their context (see _drop_month)
                whole = Ymd(year, hit.start.month, None, hit.start.year_text or str(year))
                self.anchor = _Anchor(number, "heading", level, DateHit(whole, None, hit.rest, None, "month"), year)
                return
            hit = None
        elif hit is not None and hit.kind == "day":
            month = next(((y, m) for _, y, m in reversed(self.context) if m), None)
            hit = (
                None
                if month is None
                else DateHit(Ymd(month[0], month[1], hit.start.day, str(month[0])), None, hit.rest, hit.weekday, "full")
            )
        if hit is not None:
            self._start(number, level, hit, closing)
            return
        if looks_like_entry(title):
            self.problems.append(
                Problem(
                    number,
                    f"heading {title.strip()!r} names a day of the log but no date that can be read; not imported",
                )
            )
        self._file_anchor(number)
        if self.anchor is not None:
            self.anchor.body.append((number, raw))


_DATE_AT = re.compile(
    rf"(?<![\w/.\-])(?:\d|(?:{'|'.join(sorted(MONTHS, key=len, reverse=True))})\.?\s+\d)", re.IGNORECASE
)
# Where a date in a heading is a reference to another day, not the heading's own date: inside a
# link, a wiki link, inline code or a URL ...
_REFERENCE_SPAN = re.compile(r"\[\[[^\]]*\]\]|\[[^\]]*\]\([^)]*\)?|\[[^\]]*\]\[[^\]]*\]|`[^`]*`|<?https?://\S+")
# ... or after "see", "since", "until", "before", "after", "as of", "vs", "like", or before "post",
# "entry", "article", "notes", "issue", "release" ("(see 2019-01-02 post)", "since 2021-03-01").
_REFERENCE_BEFORE = re.compile(
    r"\b(?:see|cf|since|until|till|before|after|as\s+of|vs|versus|like|compared\s+(?:to|with))\W*"
    r"(?:(?:the|my|our|a|an)\s+)?$",
    re.IGNORECASE,
)
_REFERENCE_AFTER = re.compile(
    r"^\W*(?:'s\s+)?(?:blog\s+)?(?:posts?|entry|entries|articles?|notes?|issues?|releases?|versions?)\b", re.IGNORECASE
)


def _date_inside(title: str, order: str) -> DateHit | None:
    """A full date later in a sub-heading's title ("Notes from the 3/14/2021 call") that is not a
    reference to another day (see ``_REFERENCE_SPAN`` and the words around it). Its ``rest`` is
    the whole title: it is all the learner wrote there."""
    if not any(ch.isdigit() for ch in title):
        return None
    masked = _REFERENCE_SPAN.sub(lambda m: " " * len(m.group(0)), title)
    for at in _DATE_AT.finditer(masked):
        if at.start() == 0:
            continue  # the start was read already
        hit = find_date(masked[at.start() :], order, partial=False)
        if hit is None or hit.kind != "full":
            continue
        before = masked[: at.start()]
        after = hit.rest
        if _REFERENCE_BEFORE.search(before) or _REFERENCE_AFTER.match(after):
            continue
        return DateHit(hit.start, hit.end, title.strip(), hit.weekday, hit.kind, hit.days)
    return None


# A longer tail after a rule is carried to the next day only when its first paragraph says it
# opens what follows: a break taken and work resumed, the days or entries to come, a new round.
_INTRODUCES = re.compile(
    r"\b(?:after (?:a|an|the|my) (?:\w+ )?(?:break|pause|hiatus|gap)|back (?:from|to|at|on)\b|"
    r"(?:started|starting|start|picked|picking) (?:\w+ )?(?:again|back up)|resum(?:e|ed|ing)\b|"
    r"from (?:here|now) on|(?:the )?(?:next|following|coming) (?:few |two |three )?(?:days|weeks|entries|months)|"
    r"(?:round|phase|part|season) (?:\d+|two|three|four)\b)",
    re.IGNORECASE,
)
_TAIL_LINES = 40  # a longer tail is part of the day it sits in, however it starts


def _context_tail(body: list[tuple[int, str]]) -> tuple[int, bool] | None:
    """Where a body ends with a rule and prose after it that introduces the next day: the rule's
    index, and whether the prose is more than the one paragraph (blank lines aside); else None.
    One short paragraph (up to five lines) is always read so ("_The next few days are all about
    the testing course_"); several paragraphs only when the first says it opens what follows
    (:data:`_INTRODUCES`: "After a break for classes ... I've started work again."). Looks at the
    last lines only, and only at prose: a list, code, a table, HTML or a quote keeps its day."""
    paras: list[list[str]] = [[]]  # from the last line up: the paragraph being read comes first
    for i in range(len(body) - 1, len(body) - 1 - _TAIL_LINES, -1):
        if i < 0:
            return None
        text = body[i][1].expandtabs(4)
        content = text.lstrip()
        if not content:
            if paras[0]:
                paras.insert(0, [])
            continue
        if len(text) - len(content) < 4 and _RULE.match(content):
            break
        if len(text) - len(content) >= 4 or _ITEM.match(content) or _FENCE.match(content):
            return None
        if _HEADING.match(text) or content.startswith(("<", ">", "|")):
            return None
        paras[0].insert(0, content)
    else:
        return None
    paras = [para for para in paras if para]
    if not paras or len(paras[0]) > 5:
        return None
    if len(paras) > 1 and not _INTRODUCES.search(" ".join(paras[0])):
        return None
    return (i, len(paras) > 1) if _written(body[:i]) else None  # a rule that opens its section introduces nothing


def _written(body: list[tuple[int, str]]) -> bool:
    """Whether a body has a line other than blanks and headings."""
    return any(text.strip() and not _HEADING.match(text) for _, text in body)


PASSES = 3  # times :func:`stream` reads the lines: slash order, dates, entries (and the head once more)


@dataclass
class _Front:
    """What a page's front matter tells the scanner: how many lines it takes, the page's date and
    the year its undated headings are in."""

    lines: int = 0
    day: date | None = None
    year: int | None = None
    meta: FrontMatter | None = None  # the whole front matter, for a dated page's title


def _front(lines: Iterable[str], problems: list[Problem]) -> _Front:
    from studylog.importers import frontmatter

    found = frontmatter.read(lines)
    problems += found.problems
    if not found.end:
        return _Front()
    return _Front(found.end, found.date(), found.year(), found)


def parse(text: str, filename: str | None, today: date) -> ParseResult:
    """Every dated entry of a markdown log, with problems by line (see the module docstring)."""
    result = ParseResult()
    lines = text.split("\n")
    collecting = gc.isenabled()
    gc.disable()  # a big log makes ~10 small objects per entry and none of them cycles: skip the scans
    try:
        result.entries = list(stream(lambda: lines, filename, today, result.problems))
    finally:
        if collecting:
            gc.enable()
    result.problems.sort(key=lambda p: p.line)
    return result


def stream(
    lines: Callable[[], Iterable[str]],
    filename: str | None,
    today: date,
    problems: list[Problem],
    in_folder: bool = False,
) -> Iterator[ImportedEntry]:
    """The entries of :func:`parse`, one dated section at a time, from ``lines()`` (called once per
    pass, :data:`PASSES` in all). Problems go to ``problems`` as they are found, not in line order.
    ``in_folder``: the file is one of a folder's, and a file with no date at all is reported."""
    try:
        yield from _stream(lines, filename, today, problems, in_folder)
    except Exception as exc:  # noqa: BLE001 -- an importer reports, it never crashes on a file
        problems.append(
            Problem(0, f"internal error while reading this file ({type(exc).__name__}: {exc}); please report it")
        )


def _stream(
    lines: Callable[[], Iterable[str]], filename: str | None, today: date, problems: list[Problem], in_folder: bool
) -> Iterator[ImportedEntry]:
    order, name, front = slash_order(lines()), name_date(filename), _front(lines(), problems)
    day, disagree = pages.page_date(filename, front.day)  # the page's own date
    if day is not None:
        name = (day.year, day.month, day.day)
    scanner = _Scanner(order, name, front)  # first pass: only the dates, to resolve them against each other
    written: list[Written] = []
    first = None  # the kind of the first dated section: "file" when the file's own date opens it
    for a in scanner.sections(lines()):
        first = first or a.kind
        written.append(Written(a.line, a.hit.start, a.hit.end, a.hit.weekday, a.context_year))
    problems += scanner.problems
    # a dated page: its one dated section is the file itself (see importers.pages)
    page = len(written) == 1 and first == "file" and pages.is_page(filename, front.meta)
    if disagree and first == "file":
        problems.append(Problem(1, disagree, "doubtful"))
    if not written and (front.meta is not None or in_folder):
        problems.append(Problem(1, pages.UNDATED))
    resolved = resolve(written, today)
    del written
    days = _Days()
    goals: dict[date, int] = {}  # the goals of each day so far, to number them (daily_fields.goal_ref)
    for anchor, found in zip(_Scanner(order, name, front).sections(lines()), resolved, strict=True):
        if found.skip:
            problems.append(Problem(anchor.line, found.skip + "; not imported"))
            continue
        if found.doubt:
            problems.append(Problem(anchor.line, found.doubt, "doubtful"))
        made = _entries(anchor, found, problems, goals) if not page else _page(anchor, found, front, filename, problems)
        for entry in made:
            days.add(entry)
            yield entry
    problems += days.problems()


def _page(
    anchor: _Anchor, resolved: Resolved, front: _Front, filename: str | None, problems: list[Problem]
) -> list[ImportedEntry]:
    assert resolved.day is not None
    return pages.entries(resolved.day, anchor.body, front.meta, filename, problems, resolved.period)


def _label(rest: str) -> str:
    """The words after a date, without the weekday, "Week N Day M", hours and punctuation before
    them ("" when nothing else is written)."""
    lead = _LABEL_NOISE.match(rest)
    label = rest[lead.end() :] if lead else rest
    if not any(ch.isalpha() for ch in _LABEL_NOISE.sub(" ", label)):
        return ""
    return label.strip(" \t*_")


def _entries(
    anchor: _Anchor, resolved: Resolved, problems: list[Problem], goals: dict[date, int] | None = None
) -> Iterator[ImportedEntry]:
    assert resolved.day is not None
    body = blocks(anchor.body)
    label = _label(anchor.hit.rest)
    section_hours: HoursReading | None = None
    if anchor.kind == "bullet":
        run = [b for b in body if b.kind != "break" and b.text.strip()]
        if label:
            found = [Draft(label, anchor.line, [Note(b.text, b.depth) for b in run])]
        elif run:
            found = [Draft(run[0].text, run[0].line, [Note(b.text, b.depth) for b in run[1:]])]
        else:
            found = []
    else:
        read = section(body)
        problems += read.problems
        section_hours = _section_hours(read.hours, problems)
        found = read.drafts or ([Draft(label, anchor.line)] if label else [])
    if not found:
        if anchor.kind != "file":
            problems.append(Problem(anchor.line, "nothing is written under this date; not imported"))
        return
    days = (resolved.period[1] - resolved.period[0]).days + 1 if resolved.period else 1
    heading = read_hours(anchor.hit.rest)
    if heading.problem:
        problems.append(Problem(anchor.line, heading.problem, "doubtful"))
    given = heading.hours if heading.hours is not None else section_hours.hours if section_hours else None
    first = True
    made: dict[int, ImportedEntry] = {}  # by id(draft), in order
    for draft in found:
        if _NOTHING.match(draft.text):
            problems.append(Problem(draft.line, f"{draft.text.strip()!r}: nothing was done; not imported"))
            continue
        if draft.kind == "goal":  # a plan: a duration written on it is its estimate, never time spent
            reading = read_hours(draft.text)
            hours, heading_used = reading.hours, False
        elif draft.clock is not None:
            hours, heading_used = draft.clock, False
        elif given is not None:
            hours, heading_used = (given if first else None), heading.hours is not None
        else:
            reading = read_hours(draft.text)
            hours, heading_used = reading.hours, False
            if reading.problem:
                problems.append(Problem(draft.line, reading.problem, "doubtful"))
        if hours is not None and hours > 24 * days:
            problems.append(
                Problem(
                    draft.line if not heading_used else anchor.line,
                    f"{format_hours(hours)} is more than {24 * days} hours; hours left empty",
                    "doubtful",
                )
            )
            hours = None
        entry = ImportedEntry(
            draft.kind,
            resolved.day,
            draft.text,
            draft.line,
            draft.notes,
            hours,
            period=resolved.period,
            status=find_status(draft.text),
            section=anchor.line,
            tags=draft.tags,
        )
        if draft.kind == "goal":
            if goals is not None:  # numbered per day over the whole file, as daily notes number them
                goals[resolved.day] = goals.get(resolved.day, 0) + 1
                entry.ref = goal_ref(resolved.day, goals[resolved.day])
            if draft.met:
                entry.met_on = resolved.day
        else:
            first = False
        made[id(draft)] = entry
    for goal, done in _same_text(found):  # a plan the section's done items say was done
        if (planned := made.get(id(goal))) is not None and (did := made.get(id(done))) is not None:
            planned.met_on, did.meets = resolved.day, planned.ref
    yield from made.values()


def _same_text(found: list[Draft]) -> list[tuple[Draft, Draft]]:
    """(goal, done item) pairs of one section with the same text (:func:`outliner.same_item`)."""
    goals: dict[str, Draft] = {}
    for draft in found:
        if draft.kind == "goal":
            goals.setdefault(same_item(draft.text), draft)
    if not goals:
        return []
    pairs = []
    for draft in found:
        if draft.kind == "done" and (goal := goals.pop(same_item(draft.text), None)) is not None:
            pairs.append((goal, draft))
    return pairs


def _section_hours(lines: list[tuple[int, HoursReading]], problems: list[Problem]) -> HoursReading | None:
    """The hours a section's labelled hours lines give it (one amount, or several that agree)."""
    if not lines:
        return None
    amounts = {round(h.hours, 4) for _, h in lines if h.hours is not None}
    if len(amounts) > 1:
        problems.append(Problem(lines[0][0], "the hours lines of this section disagree; hours left empty", "doubtful"))
        return None
    for line, reading in lines:
        if reading.problem:
            problems.append(Problem(line, reading.problem, "doubtful"))
    return lines[0][1]


class _Days:
    """A single day with more than 24 hours in total is worth a look (each entry was kept)."""

    def __init__(self) -> None:
        self.totals: dict[date, float] = defaultdict(float)
        self.first_line: dict[date, int] = {}

    def add(self, entry: ImportedEntry) -> None:
        if entry.hours and entry.period is None:
            self.totals[entry.day] += entry.hours
            self.first_line.setdefault(entry.day, entry.line)

    def problems(self) -> list[Problem]:
        return [
            Problem(
                self.first_line[day],
                f"{day.isoformat()} adds up to {format_hours(total)}, more than 24 hours",
                "doubtful",
            )
            for day, total in self.totals.items()
            if total > 24 + 1e-9
        ]
