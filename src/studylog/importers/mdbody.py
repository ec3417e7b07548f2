"""The body of one dated section, turned into done entries with nested notes.

A body is read as a flat run of blocks: list items (with their nesting level), paragraphs,
fenced code, HTML lines (an HTML comment is one block, however many lines), sub-headings and
rules. Blocks that only hold a template's placeholder (``->write your learnings here<-``,
``<!-- ... -->``, ``TODO: fill in``, ``...``, ``(empty)``) are dropped. Then, for each run
between sub-headings/rules:

- a *titled item*: a sub-heading followed by a tag line (``_Tags: #git #tools_``), or by prose
  when the title does not just name a part of the day ("Notes", "What I learned", "Recap", "TODO",
  or a time of day: ``### 8:28 AM``, ``### 8:28 AM - 9:10 AM``, ``### 12:18 PM - break``), is one
  entry whose text is the title; the tags become a note ``tags: git, tools`` and everything under
  it its other notes. Several titled sub-headings under one day are several entries;
- if it starts with a list item, every top-level item is one entry and everything under it
  (nested items, continuation paragraphs, fenced code) is its notes;
- otherwise (prose first) it is one entry: the first paragraph is its text and every later block
  is a note.

A *context line*: a paragraph right after a rule that introduces what follows it (a list or a
sub-heading comes next; or the rule opens the section, as when markdown.py carries a rule and
its paragraph over from the end of the section before) is no entry: it is the first note of
every entry after it, up to the next rule or the end of the section.

A paragraph keeps its lines (each stripped of its indentation), joined by newlines. Fenced code
is kept verbatim, fences and inner lines included, as one note, de-indented by the list item it
sits in.

:func:`section` reads a body with its structure: outliner syntax (:mod:`studylog.importers.outliner`:
state markers, properties, drawers, CLOCK lines, references), labels (``DONE:``, ``Goals:``,
``- ## Today's focus``) whose items are entries of the kind they name, plans that become goals,
and labelled hours lines (``time spent: 1h30``) that give the section its hours, as its clock
sub-headings do when they mark sessions (:func:`clock_sessions`: ``### 10:57 AM`` ... ``### 12:18 PM
- break``); ``###8:38 PM``, hashes right before a time, is such a sub-heading too; a day's status
block (``**Status:** ✅ Day 1 Complete`` over ``**Next:** ...`` lines) is no entry. A body with none
of these reads exactly as :func:`drafts` reads it, and so does a run under a sub-heading that is
no label (a titled item stays one).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from studylog.imported import Problem
from studylog.importers import outliner
from studylog.importers.hours_text import HoursReading, labelled_hours
from studylog.importers.outliner import CANCELED, DONE, GOAL, NEUTRAL, kind_of
from studylog.markdown_lines import RULE as _RULE
from studylog.note import Note
from studylog.tags import imported_tags, merge_tags, tag_line

_FENCE = re.compile(r"^(`{3,}|~{3,})")
_ITEM = re.compile(r"^([-*+]|\d{1,9}[.)])(?:[ \t]+|$)")
# A heading; also hashes right before a clock time ("###8:38 PM", a heading that lost its space)
_HEADING = re.compile(r"^#{1,6}(?:[ \t]|$|(?=\d{1,2}:[0-5]\d(?!\d)))")
_HTML = re.compile(r"^</?[A-Za-z!][^>]*>?")
_CLOSING = re.compile(r"[ \t]+#+$")
# Sub-headings that name a part of the day rather than a titled item: their lines stay entries.
_SECTION_WORDS = re.compile(
    r"^\W*(?:(?:what\s+i(?:'ve)?\s+|things\s+i\s+)?(?:did|done|learn(?:ed|t|ings?)?|worked\s+on|read)|"
    r"today(?:'s)?(?:\s+(?:i\s+learned|focus|tasks?|notes?|plan))?|focus|til|notes?|summary|progress|resources?|links?|reading|thoughts?|"
    r"reflections?|log|to\s*-?\s*do|todo|next(?:\s+steps?)?|plans?|goals?|tomorrow|questions?|problems?|issues?|"
    r"blockers?|ideas?|references?|misc(?:ellaneous)?|tasks?|highlights?|wins?|challenges?|work|study|studied|"
    r"review|retro(?:spective)?|recap|morning|afternoon|evening|night|later|now|doing|in\s+progress|backlog)"
    r"(?:\s+(?:today|this\s+week|for\s+(?:today|tomorrow|the\s+(?:day|week))|of\s+the\s+(?:day|week)|"
    r"i\s+learned|learned|done|\d+))?\W*$",
    re.IGNORECASE,
)
# A sub-heading that is a time of day or a span of the clock ("8:28 AM", "8:28 AM - 9:10 AM",
# "12:18 PM - break", "10:44 am"): a session of the day, not a titled item.
_CLOCK = r"\d{1,2}(?::[0-5]\d(?:\s*[ap]\.?m\.?)?|\s*[ap]\.?m\.?)(?!\w)"
_CLOCK_TITLE = re.compile(
    rf"^[*_\s]*(?:at\s+)?{_CLOCK}(?:\s*(?:-|–|—|~|to|until)\s*{_CLOCK})?"
    r"(?:\s*[-–—:,(]?\s*(?:break|pause|stop|end|start|session(?:\s+\d+)?|lunch)\)?)?[*_.\s]*$",
    re.IGNORECASE,
)


def clock_title(title: str) -> bool:
    """Whether a sub-heading's title is only a time of day or a span of the clock (see ``_CLOCK_TITLE``)."""
    return title.lstrip("*_ ")[:1].isdigit() and _CLOCK_TITLE.match(title) is not None


_SESSION = re.compile(
    rf"^[*_\s]*(?:at\s+)?(?P<a>{_CLOCK})(?:\s*(?:-|–|—|~|to|until)\s*(?P<b>{_CLOCK}))?(?P<tail>.*)$", re.IGNORECASE
)
_STOP = re.compile(r"\b(?:break|pause|stop|end|lunch)\b", re.IGNORECASE)
_STOP_LINE = re.compile(
    rf"^(?:break|pause|stop(?:ped)?|end(?:ed)?|done)(?:\s+at)?\s+(?P<t>{_CLOCK})[.!]?\s*$", re.IGNORECASE
)
_TIME = re.compile(r"(\d{1,2})(?::(\d\d))?\s*(?:([ap])\.?m\.?)?", re.IGNORECASE)


def _minutes(clock: str) -> int | None:
    """Minutes after midnight of ``8:28 AM``, ``12:18 PM``, ``9pm``, ``14:05``; None if no time."""
    m = _TIME.match(clock.strip())
    if m is None:
        return None
    hour, minute, half = int(m.group(1)), int(m.group(2) or 0), (m.group(3) or "").lower()
    if half:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if half == "p" else 0)
    return hour * 60 + minute if hour < 24 else None


def _stop_line(block: Block) -> str | None:
    """The time a one-line paragraph that only says a session stopped gives (``break 5:36 pm``,
    ``break at 5:20 pm``); None for any other block."""
    if block.kind != "para" or len(block.lines) != 1 or not block.lines[0][:1].isalpha():
        return None
    m = _STOP_LINE.match(block.lines[0])
    return m.group("t") if m else None


def clock_sessions(body: list[Block]) -> tuple[int, HoursReading] | None:
    """The hours a day's clock sub-headings give it: a session runs from a time (``### 10:57 AM``)
    to the next time that says it stopped (``### 12:18 PM - break``, or a line ``break 5:36 pm``),
    later times in between (``### 2:39 PM``) going on with it; a span (``### 8:28 AM - 9:10 AM``)
    is a session of its own. A session with no end, or one that ends before it starts, is not
    counted (and said). None when no session has both ends."""
    total, counted, first = 0, 0, 0
    open_at: tuple[int, str, int] | None = None  # (minutes, the time as written, its line)
    why: tuple[int, str] | None = None  # the first session not counted: its line and why

    def close(at: int, written: str) -> None:
        nonlocal total, counted, open_at, why
        assert open_at is not None
        if at > open_at[0]:
            total, counted = total + at - open_at[0], counted + 1
        elif at < open_at[0] and why is None:
            why = (open_at[2], f"the session from {open_at[1]} ends at {written}, before it starts; not counted")
        open_at = None

    for block in body:
        if (stop := _stop_line(block)) is not None:
            if open_at is not None and (at := _minutes(stop)) is not None:
                close(at, stop)
            continue
        if block.kind != "break" or not block.heading or not block.lines or not clock_title(block.lines[0]):
            continue
        m = _SESSION.match(block.lines[0])
        start = _minutes(m.group("a")) if m else None
        if m is None or start is None:
            continue
        first = first or block.line
        end = _minutes(m.group("b")) if m.group("b") else None
        stops = _STOP.search(m.group("tail")) is not None
        if open_at is not None and (stops or end is not None):
            close(start, m.group("a").strip())
        if end is not None and not stops:
            if end > start:
                total, counted = total + end - start, counted + 1
        elif not stops and open_at is None:
            open_at = (start, m.group("a").strip(), block.line)
    if open_at is not None and why is None:
        why = (open_at[2], f"the session from {open_at[1]} has no end; not counted")
    if not counted:
        return None
    return (why[0] if why else first), HoursReading(round(total / 60, 4), why[1] if why else None)


# What a template leaves under a date until it is filled in; a block that says only this is not
# written by the learner: "->write your learnings here<-", "<!-- notes -->", "TODO: fill in",
# "...", "(empty)", "TBD". A section with nothing else is reported as empty.
_PLACEHOLDER = re.compile(
    r"^(?:->.*<-|<!--.*-->|<!--|-->|(?:todo|tbd)?\s*:?\s*fill(?:\s+(?:this|it|me))?\s+in\W*|\.{2,}|…|"
    r"[-_*=~]+|\(\s*(?:empty|blank|nothing\s+yet|tbd|todo)\s*\)|\[\s*(?:empty|blank|tbd|todo)\s*\]|tbd|"
    r"\{\{[^{}]*\}\}|<%.*%>)$",
    re.IGNORECASE | re.DOTALL,
)


@dataclass
class Block:
    kind: str  # "item", "para", "code", "html", "break" (a sub-heading or a rule)
    depth: int  # item: its nesting level; anything else: the level of the item it is in + 1 (0 outside lists)
    lines: list[str]
    line: int
    heading: int = 0  # a "break": the sub-heading's level (0 for a rule)
    state: str | None = None  # what its outliner marker or task box says (see outliner.read)
    label: str | None = None  # it labels the entries under it: "done", "goal" or "neutral"
    clock: float | None = None  # hours of its CLOCK lines
    written: str = ""  # the marker or task box its state was read from, kept when it is a note
    nested_only: bool = False  # a label over the items nested in it only (a bare "- LATER"), not its siblings
    tags: list[str] = field(default_factory=list)  # of its ``tags::`` property (outliner.read), normalised

    _memo: tuple[list[str], int, str] | None = field(default=None, repr=False, compare=False)

    @property
    def text(self) -> str:
        # Asked several times of every block; lines are only ever appended to or replaced whole,
        # so the list and its length say whether the text read last is still the text.
        lines, memo = self.lines, self._memo
        if memo is not None and memo[0] is lines and memo[1] == len(lines):
            return memo[2]
        if self.kind == "code":
            text = "\n".join(lines)
        else:
            text = "\n".join(part for part in (s.strip() for s in lines) if part)
        self._memo = (lines, len(lines), text)
        return text


@dataclass
class Draft:
    """An entry before it has a date: its text, line and notes."""

    text: str
    line: int
    notes: list[Note] = field(default_factory=list)
    kind: str = "done"  # or "goal": a plan
    met: bool = False  # a goal the log marks done (a checked box, DONE)
    clock: float | None = None  # hours measured by its CLOCK lines
    tags: list[str] = field(default_factory=list)  # a section's line of tags (``section_tags``), normalised


def _dedent(line: str, width: int) -> str:
    cut = 0
    seen = 0
    while cut < len(line) and seen < width and line[cut] in " \t":
        seen += 4 - seen % 4 if line[cut] == "\t" else 1
        cut += 1
    return line[cut:]


def blocks(lines: list[tuple[int, str]]) -> list[Block]:
    """Read ``(line number, text)`` pairs into blocks (one pass)."""
    out: list[Block] = []
    stack: list[int] = []  # marker indents of the open list items
    para: Block | None = None
    fence: tuple[str, int, Block] | None = None
    comment: Block | None = None  # an open <!-- ... --> (one html block, however many lines)
    for number, raw in lines:
        if comment is not None:
            comment.lines.append(raw.strip())
            if "-->" in raw:
                comment = None
            continue
        if fence is not None:
            marker, indent, block = fence
            expanded = raw.expandtabs(4)
            body = expanded.lstrip()
            if (
                body.startswith(marker)
                and body.rstrip() == marker[0] * len(body.rstrip())
                and len(body.rstrip()) >= len(marker)
            ):
                block.lines.append(_dedent(raw, indent).rstrip())
                fence = None
            else:
                block.lines.append(_dedent(raw, indent).rstrip())
            continue
        expanded = raw.expandtabs(4)
        stripped = expanded.strip()
        if not stripped:
            para = None
            continue
        indent = len(expanded) - len(expanded.lstrip())
        content = expanded.lstrip()
        if (m := _FENCE.match(content)) and (m.group(1)[0] == "~" or "`" not in content[len(m.group(1)) :]):
            depth = _container(stack, indent)
            block = Block("code", depth, [_dedent(raw, indent).rstrip()], number)
            out.append(block)
            fence = (m.group(1), indent, block)
            para = None
            continue
        if (heading := _HEADING.match(content)) or (indent < 4 and _RULE.match(content)):
            stack.clear()
            level = len(content) - len(content.lstrip("#")) if heading else 0
            title = _CLOSING.sub("", content.lstrip("#").strip()) if heading else content.strip()
            out.append(Block("break", 0, [title], number, level))
            para = None
            continue
        if m := _ITEM.match(content):
            while stack and indent < stack[-1] + 2:
                stack.pop()
            level = len(stack)
            stack.append(indent)
            text = content[m.end() :]
            para = Block("item", level, [text], number)
            out.append(para)
            continue
        if _HTML.match(content):
            out.append(Block("html", _container(stack, indent), [content.rstrip()], number))
            if content.startswith("<!--") and "-->" not in content:
                comment = out[-1]
            para = None
            continue
        if para is not None:
            para.lines.append(content)
            continue
        para = Block("para", _container(stack, indent), [content], number)
        out.append(para)
    return out


def _container(stack: list[int], indent: int) -> int:
    """The depth of a block at ``indent``: inside the deepest open item it is indented under."""
    while stack and indent < stack[-1] + 2:
        stack.pop()
    return len(stack)


def drafts(body: list[Block]) -> list[Draft]:
    """Entries from the blocks of one section (see the module docstring)."""
    segments: list[tuple[Block | None, list[Block]]] = [(None, [])]  # (the break before, the run)
    for block in body:
        if block.kind == "break":
            segments.append((block, []))
        else:
            segments[-1][1].append(block)
    out: list[Draft] = []
    context: list[Note] = []
    section_tags: list[str] = []  # a line of tags first in the section: tags of all its entries
    for i, (opener, run) in enumerate(segments):
        run = _kept(run)
        run_tags: list[str] = []
        if opener is None or not opener.heading:
            run, run_tags = _leading_tags(run)
            if opener is None:
                section_tags, run_tags = run_tags, []
        if opener is not None and not opener.heading:
            context = []
            if run and run[0].kind == "para" and _introduces(run, segments, i):
                context = [Note(run[0].text, 0)]
                run = run[1:]
        found = _titled(opener, run) if opener is not None and opener.heading else None
        for draft in [found] if found is not None else _run(run):
            draft.notes[:0] = context
            draft.tags = merge_tags(section_tags, run_tags, draft.tags)
            out.append(draft)
    return out


def _leading_tags(run: list[Block]) -> tuple[list[Block], list[str]]:
    """A run without the line of tags it starts with (a paragraph of one line such as
    ``_Tags: #git #tools_`` first in a section, or right after a rule), and those tags: they are
    the tags of every entry under it, not an entry of their own."""
    if run and run[0].kind == "para" and len(run[0].lines) == 1 and (words := tag_line(run[0].lines[0])):
        found = imported_tags(words)
        if found:
            return run[1:], found
    return run, []


def _introduces(run: list[Block], segments: list[tuple[Block | None, list[Block]]], i: int) -> bool:
    """Whether the paragraph that starts ``run``, right after a rule, introduces what follows it:
    entries (a list) or titled items (a sub-heading) come next; or the rule is the first thing
    in the section (there, as in a line carried over from the end of the section before, it
    introduces whatever follows)."""
    following = segments[i + 1][0] if i + 1 < len(segments) else None
    if i == 1 and not _kept(segments[0][1]):
        return len(run) > 1 or following is not None
    if len(run) > 1:
        return run[1].kind == "item" and run[1].depth == 0
    return following is not None and following.heading > 0


def _kept(run: list[Block]) -> list[Block]:
    """The blocks that say something: not empty, not a template's placeholder."""
    kept = []
    for block in run:
        text = block.text.strip()
        if not text or (block.kind == "html" and text.startswith("<!--") and text.endswith("-->")):
            continue  # an HTML comment is not shown: a template's instructions, a note to self
        if block.kind == "code" or len(text) > 80 or text[0] not in _PLACEHOLDER_START or not _PLACEHOLDER.match(text):
            kept.append(block)
    return kept


def tags(line: str) -> list[str] | None:
    """The tags a tag line lists ("_Tags: #git #tools_" -> ["git", "tools"]); None when it is no
    tag line (see ``studylog.tags.tag_line``)."""
    return tag_line(line)


def _titled(heading: Block, run: list[Block]) -> Draft | None:
    """A titled item: a sub-heading followed by a tag line, or by prose when the title is not the
    name of a part of the day ("Notes", "What I learned", "TODO"): one entry whose text is the
    title, with the tags as a note ("tags: git, tools") and the blocks under it as notes. None
    when the sub-heading only groups the entries under it."""
    title = heading.text.strip()
    if not title or not run:
        return None
    first = run[0]
    found = tags(first.lines[0]) if first.kind == "para" else None
    if found is None and (first.kind != "para" or _SECTION_WORDS.match(title) or clock_title(title)):
        return None
    draft = Draft(title, heading.line)
    if found is not None:
        draft.notes.append(Note("tags: " + ", ".join(found), 0))
        rest = first.lines[1:]
        run = ([Block("para", first.depth, rest, first.line + 1)] if rest else []) + run[1:]
    draft.notes += [Note(b.text, b.depth) for b in run]
    draft.tags = merge_tags(*(b.tags for b in run))
    return draft


_PLACEHOLDER_START = frozenset("-<.…_*=~([{tTfF")  # how every placeholder starts: the regex is tried on these only


def placeholder(text: str) -> bool:
    """Whether ``text`` is only what a template leaves to be filled in (see ``_PLACEHOLDER``)."""
    return _PLACEHOLDER.match(text.strip()) is not None


def _run(run: list[Block]) -> list[Draft]:
    """The entries of a run of kept blocks (see :func:`_kept`)."""
    if not run:
        return []
    if run[0].kind == "item":
        out: list[Draft] = []
        for block in run:
            if not out or (block.kind == "item" and block.depth == 0):
                out.append(Draft(block.text, block.line))
            else:
                out[-1].notes.append(Note(block.text, max(0, block.depth - 1)))
            if block.tags:
                out[-1].tags = merge_tags(out[-1].tags, block.tags)
        return out
    first = Draft(run[0].text, run[0].line)
    first.notes = [Note(b.text, b.depth) for b in run[1:]]
    first.tags = merge_tags(*(b.tags for b in run))
    return [first]


# -- labels, plans and outliner syntax (issue 12, shapes 3 to 5) -----------------------------------


@dataclass
class Section:
    """What :func:`section` reads of one body: its drafts, its labelled hours lines and problems."""

    drafts: list[Draft] = field(default_factory=list)
    hours: list[tuple[int, HoursReading]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)  # of a ``tags::`` property first in the section: every entry's


def section(body: list[Block]) -> Section:
    """The drafts of one section with its structure read (see the module docstring)."""
    out = Section()
    body = _read_outline(body, out)
    if any(b.kind == "break" and b.heading and b.lines and clock_title(b.lines[0]) for b in body):
        if (sessions := clock_sessions(body)) is not None:
            out.hours.append(sessions)
        body = [b for b in body if _stop_line(b) is None]  # "break 5:36 pm" marks a time, it is no note
    if not any(b.state or b.label for b in body):
        out.drafts = drafts(body)
        _tag_all(out)
        return out
    kind, run, opener = DONE, list[Block](), None
    for block in body:
        if block.kind == "break":
            out.drafts += _labelled(run, kind, out.problems, opener)
            run, opener = [], block
            kind = block.label if block.label in (GOAL, DONE) else DONE  # "## Goals" labels what follows
        else:
            run.append(block)
    out.drafts += _labelled(run, kind, out.problems, opener)
    _tag_all(out)
    return out


def _tag_all(out: Section) -> None:
    for draft in out.drafts if out.tags else ():
        draft.tags = merge_tags(out.tags, draft.tags)


def _read_outline(body: list[Block], out: Section) -> list[Block]:
    """The blocks with their outliner syntax read, labels marked and hours lines taken out."""
    kept: list[Block] = []
    for block in body:
        if block.kind == "break":
            block.label = outliner.label(block.lines[0]) if block.lines and block.lines[0] else None
            kept.append(block)
            continue
        if block.kind not in ("item", "para"):
            kept.append(block)
            continue
        if block.kind == "para" and outliner.status_block(block.lines):
            why = "a status block ('Status: ...' lines), not an entry"
            out.problems.append(Problem(block.line, f"{why}; not imported", reason=why, lines=len(block.lines)))
            continue
        had_words = any(line.strip() for line in block.lines)
        found = outliner.read(block.lines, box=block.kind == "item")
        lines = found.lines
        for n, line in enumerate(lines):
            if (n == 0 or block.kind == "para") and (hours := labelled_hours(line)) is not None:
                out.hours.append((block.line + n, hours))
                lines = lines[:n] + lines[n + 1 :]
                break
        block.lines, block.state, block.clock, block.tags = lines, found.state, found.clock, found.tags
        if found.state is not None and lines and block.lines:
            block.written = found.written
        if found.marker_only is not None:  # "- LATER": a state with no words labels what is under it
            block.state, block.label = None, NEUTRAL if found.marker_only == CANCELED else found.marker_only
            block.nested_only = block.kind == "item"  # a paragraph "TODO" labels the list after it
        elif found.emptied:
            out.problems.append(Problem(block.line, "only a block reference or macro, nothing to read; not imported"))
            block.state, block.label = None, NEUTRAL
        elif not block.text.strip():
            if found.tags and not any(b.kind != "break" for b in kept):
                out.tags = merge_tags(out.tags, found.tags)  # a page's or section's own properties first
            if not had_words or block.kind != "item":
                continue
            block.state, block.label = None, NEUTRAL  # it was only properties or hours: its items are not notes
        elif (
            found.state is None
            and (kind := outliner.label(block.lines[0])) is not None
            and (kind != NEUTRAL or block.kind == "item")
        ):
            block.state, block.label = None, kind
            rest = [line for line in block.lines[1:] if line.strip()]
            block.lines = []
            if rest:  # "Done:" over the other lines of its paragraph
                kept.append(block)
                block = Block("para", block.depth + (block.kind == "item"), rest, block.line + 1)
        kept.append(block)
    return kept


def _labelled(run: list[Block], kind: str, problems: list[Problem], opener: Block | None = None) -> list[Draft]:
    """Entries of one run between sub-headings, with labels, states and plans read. Under a
    sub-heading that is no label (``### The Moment Everything Changed``), a run with no labels or
    states is read as :func:`drafts` reads it: maybe a titled item."""
    run = [b for b in run if b.label is not None or b.text.strip()]
    if not any(b.state or b.label for b in run):
        titled = _titled(opener, _kept(run)) if opener is not None and opener.heading and not opener.label else None
        found = [titled] if titled is not None else _run(run)
        for draft in found:
            draft.kind = kind
        return found
    out: list[Draft] = []
    # the open labels: (depth, kind, items nested in it: None until the next block says, or "only")
    scopes: list[tuple[int, str, bool | str | None]] = [(-1, kind, True)]
    owners: list[tuple[Draft, int, bool]] = []  # the open entries: (draft, its depth, written as prose)
    skip: int | None = None  # the depth of a cancelled item, whose nested lines go with it
    for block in run:
        if skip is not None and block.depth > skip:
            continue
        skip = None
        while len(scopes) > 1:
            depth, named, nested = scopes[-1]
            if nested is None or nested == "only":
                nested = block.depth > depth or (None if nested == "only" else False)
                scopes[-1] = (depth, named, nested)
            if nested is None:  # a bare marker with nothing nested in it labels nothing
                scopes.pop()
                continue
            if block.depth > depth or (block.depth == depth and not nested and block.label is None):
                break
            scopes.pop()
            owners = []
        depth, named, nested = scopes[-1]
        level = depth + 1 if nested else max(depth, 0)
        if block.label is not None:
            scopes.append(
                (block.depth, named if block.label == NEUTRAL else block.label, "only" if block.nested_only else None)
            )
            owners = []
            continue
        if block.state == CANCELED:
            problems.append(Problem(block.line, f"{block.text.strip()!r} is marked CANCELED; not imported"))
            skip = block.depth
            continue
        item = block.kind == "item"
        prose = bool(owners) and owners[0][2]  # a run that starts with prose is one entry (see _run)
        while owners and item and block.depth <= owners[-1][1] and not (prose and len(owners) == 1):
            owners.pop()
        if not owners or (item and block.depth <= level and not prose) or (item and block.state in (GOAL, "open")):
            entry_kind, met = kind_of(block.state, named)
            draft = Draft(block.text, block.line, kind=entry_kind, met=met, clock=block.clock, tags=list(block.tags))
            out.append(draft)
            owners.append((draft, block.depth, not item))
            continue
        owner, base, prose = owners[-1]
        owner.notes.append(Note(block.written + block.text, max(0, block.depth - base - (0 if prose else 1))))
        if block.tags:
            owner.tags = merge_tags(owner.tags, block.tags)
    return out
