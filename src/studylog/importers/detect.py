"""Which importer a file or folder is for, from its first few KB (and a folder's file names and
the first few KB of some of its files), and what a file looks like when an import found nothing
in it. A dated page (a note dated by its front matter or a post name, no dated headings inside) is
a markdown log; so is a folder of them. A file named by a date is a daily note unless it is written
as headings and prose (no Goals:/Done: list, not an outline of bullets as a Logseq journal is): then
it is a dated markdown log, as is a folder of such files (:func:`prose_page`).

Pure: the caller reads the text (:data:`HEAD_BYTES` of a file at most, of at most
:data:`FOLDER_SAMPLE` files of a folder) and lists the folder; nothing here opens a file.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from studylog.importers.datelines import end_date, find_date

HEAD_BYTES = 8192  # how much of a file detection reads
FOLDER_SAMPLE = 40  # how many of a folder's files detection reads (HEAD_BYTES of each)

FORMATS = ("til", "daily-notes", "markdown", "json")
LABELS = {
    "til": "a TIL page",
    "daily-notes": "daily notes",
    "markdown": "a dated markdown log",
    "json": "a studylog JSON backup",
}
# What each importer looks for, for the message of an import that found nothing.
LOOKS_FOR = {
    "til": "'# YYYY-MM-DD' or '# YYYY-MM-DD - YYYY-MM-DD' headings over numbered lines",
    "daily-notes": "'[[YYYY-MM-DD]]' lines or YYYY-MM-DD.md file names, with Goals: and Done: lists",
    "markdown": "dated headings or dated lines",
    "json": "the entries of a backup made by 'studylog export json'",
}

_BACKUP = re.compile(r'"format"\s*:\s*"studylog-backup"')
_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\n(?:.*\n)*?---[ \t]*(?:\n|\Z)")
_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t]*$")
_TIL_HEADING = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[ \t]*[-\u2013\u2014][ \t]*\d{4}-\d{2}-\d{2})?(?:[ \t]+#+)?$")
_NUMBERED = re.compile(r"^[ \t]*\d{1,9}[.)][ \t]+\S")
_BULLET = re.compile(r"^[ \t]*[-*+][ \t]+(.*)$")
_DAY_LINE = re.compile(r"^\[\[\d{4}-\d{2}-\d{2}\]\][ \t]*$")
_DAILY_HEADER = re.compile(r"^[ \t]*(?:[-*][ \t]+)?(?:#+[ \t]*)?(?:goals?|done)[ \t]*:?[ \t]*$", re.IGNORECASE)
_LIST_ITEM = re.compile(r"^[ \t]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)")
_DAILY_NAME = re.compile(r"^(\d{4})[-_](\d{2})[-_](\d{2})\.md$", re.IGNORECASE)


def _shape(name: str) -> str | None:
    """'Obsidian' or 'Logseq' for a daily note's file name, else None."""
    m = _DAILY_NAME.match(name.rsplit("/", 1)[-1])
    if not m:
        return None
    return "Logseq" if "_" in m.group(0) else "Obsidian"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


class _Scan:
    """Counts over the lines of a text: headings, dated headings, dated lines (starting with a date,
    or top-level list items ending with one), numbered lines."""

    def __init__(self, text: str) -> None:
        self.lines = text.split("\n")
        self.headings: list[str] = []
        self.dated_headings = 0
        self.til_headings = 0
        self.numbered_under_til = 0
        self.bullets_under_til = 0
        self.dated_lines = 0
        self.day_lines = 0
        self.daily_headers = 0
        self.nonblank = 0  # outside code blocks
        self.list_lines = 0  # list items, at any depth
        in_til = False
        fence = False
        for line in self.lines:
            if line.lstrip().startswith(("```", "~~~")):
                fence = not fence
                continue
            if fence:
                continue
            if line.strip():
                self.nonblank += 1
                if _LIST_ITEM.match(line):
                    self.list_lines += 1
            if _DAY_LINE.match(line.strip()):
                self.day_lines += 1
                continue
            if _DAILY_HEADER.match(line):
                self.daily_headers += 1
                continue
            heading = _HEADING.match(line)
            if heading:
                title = (heading.group(2) or "").strip()
                self.headings.append(title)
                in_til = bool(_TIL_HEADING.match(title))
                self.til_headings += in_til
                if find_date(title) is not None:
                    self.dated_headings += 1
                continue
            if in_til and _NUMBERED.match(line):
                self.numbered_under_til += 1
            bullet = _BULLET.match(line)
            if in_til and bullet and not line[:1].isspace():
                self.bullets_under_til += 1
            text = bullet.group(1) if bullet else line
            if text.strip() and find_date(text, partial=False) is not None:
                self.dated_lines += 1
            elif bullet and not line[:1].isspace() and end_date(text) is not None:
                self.dated_lines += 1  # an index line: "- [title](url) - 2020-10-01"


def detect(name: str, head: str, truncated: bool = False) -> tuple[str, str]:
    """The format of the file called ``name`` whose first bytes are ``head`` (``truncated``: there
    is more), and why, as (format, reason) with a format of :data:`FORMATS`."""
    within = " in the first 8 KB" if truncated else ""
    stripped = head.lstrip("\ufeff \t\n")
    if stripped.startswith("{"):
        if _BACKUP.search(head):
            return "json", '"format": "studylog-backup"'
        return "json", "it starts with '{' (JSON)"
    shape = _shape(name)
    scan = _Scan(head)
    if shape and prose_page(head):
        return "markdown", f"a dated page of headings and prose: the file name is a date{_NOT_DAILY}"
    if shape:
        article = "an" if shape == "Obsidian" else "a"
        return "daily-notes", f"{article} {shape} daily note: the file name is a date"
    if scan.day_lines and scan.daily_headers:
        return "daily-notes", (f"{_plural(scan.day_lines, '[[YYYY-MM-DD]] line')} and Goals:/Done: lists{within}")
    front = bool(_FRONT_MATTER.match(head))
    if scan.til_headings and (front or scan.numbered_under_til > scan.bullets_under_til):
        parts = ["Jekyll front matter"] if front else []
        parts.append(f"{_plural(scan.til_headings, 'dated heading')}{within}")
        if not front:
            parts.append("numbered lines")
        return "til", ", ".join(parts)
    if scan.day_lines:
        return "daily-notes", f"{_plural(scan.day_lines, '[[YYYY-MM-DD]] line')}{within}"
    source = page_date_source(name, head)
    if source is not None:
        return "markdown", f"a dated page: the date is in its {source}"
    if scan.dated_headings or scan.dated_lines:
        found = []
        if scan.dated_headings:
            found.append(_plural(scan.dated_headings, "dated heading"))
        if scan.dated_lines:
            found.append(_plural(scan.dated_lines, "dated line"))
        return "markdown", " and ".join(found) + within
    return "markdown", f"no TIL page, daily note or backup; no dated headings or lines{within} either"


_BY = {"front matter": "their front matter", "file name": "their file names"}


def sample(names: Sequence[str], count: int = FOLDER_SAMPLE) -> list[str]:
    """At most ``count`` of ``names``, spread evenly over them: the files whose heads
    :func:`detect_folder` needs (a vault can hold thousands)."""
    if len(names) <= count:
        return list(names)
    return [names[i * len(names) // count] for i in range(count)]


def page_date_source(name: str, head: str) -> str | None:
    """How the file ``name`` whose first bytes are ``head`` is dated when it is a dated page (one
    note dated by its front matter or a post name, no dated headings or lines of its own):
    "front matter" or "file name"; else None. See :mod:`studylog.importers.pages`."""
    from studylog.importers import frontmatter, pages

    lines = head.split("\n")
    front = frontmatter.read(lines)
    if front.date() is not None:
        source = "front matter"
    elif pages.is_post_name(name):
        source = "file name"
    else:
        return None
    body = _Scan("\n".join(lines[front.end :]))
    return None if body.dated_headings or body.dated_lines else source


_NOT_DAILY = ", with no Goals:/Done: list and not an outline"


def prose_page(head: str) -> bool:
    """Whether a file whose first bytes are ``head`` is written as headings and prose rather than
    as a daily note: it has a heading, no Goals:/Done: style header (``Done:``, ``## Goals``,
    ``**Done:**``, ``Goals for the week:``) and no ``[[YYYY-MM-DD]]`` line, and it is no outline
    (fewer than two thirds of its non-blank lines are list items: a Logseq journal is all bullets,
    while a page of headings over short lists, as rust-ascent's daily logs are, is about half). A
    daily note with no heading ("read", some prose) stays a daily note, as before."""
    from studylog.importers import outliner

    m = _FRONT_MATTER.match(head)
    scan = _Scan(head[m.end() :] if m else head)
    if not scan.headings or scan.daily_headers or scan.day_lines or scan.list_lines * 3 >= scan.nonblank * 2:
        return False
    headers = (outliner.GOAL, outliner.DONE)  # a "Label:" line the daily-notes importer takes as its header
    labelled = (w for w in map(str.strip, scan.lines) if w[:1] != "#" and w.endswith((":", ":**", ":__")))
    return not any(outliner.label(words) in headers for words in labelled)


def file_noun(names: Sequence[str]) -> str:
    """What to call a folder's files in a message: ".md file", or "markdown file" when some are
    ``.markdown`` or ``.mdx``."""
    return ".md file" if all(str(n).lower().endswith(".md") for n in names) else "markdown file"


def detect_folder(names: Sequence[str], heads: Mapping[str, str] | None = None) -> tuple[str, str]:
    """The format of a folder holding the markdown files ``names`` (paths relative to it), and why.
    ``heads``: the first :data:`HEAD_BYTES` of some of them (:func:`sample`), by name, to
    recognise a folder of dated pages (TIL posts, Jekyll ``_posts``, notes with a front matter date)."""
    shapes = [_shape(n) for n in names]
    dated = [s for s in shapes if s]
    if dated and len(dated) * 2 >= len(names):
        read = [head for name, head in (heads or {}).items() if _shape(name)]
        prose = sum(prose_page(head) for head in read)
        if prose * 2 > len(read):
            named = f"{len(dated)} of {_plural(len(names), file_noun(names))} named by a date"
            if prose == len(read) == len(dated):
                return "markdown", f"{named}, all pages of headings and prose{_NOT_DAILY}"
            return "markdown", f"{named}; {prose} of the {len(read)} read are pages of headings and prose{_NOT_DAILY}"
        kind = max(set(dated), key=dated.count)
        return (
            "daily-notes",
            f"{kind} daily notes: {len(dated)} of {_plural(len(names), file_noun(names))} named by a date",
        )
    if heads:
        sources = [page_date_source(name, head) for name, head in heads.items()]
        found = [s for s in sources if s]
        if found and len(found) * 2 >= len(sources):
            by = sorted(set(found))
            how = "their front matter or file names" if len(by) == 2 else _BY[by[0]]
            if len(sources) < len(names):
                count = f"{len(found)} of the {len(sources)} files read (of {len(names)}) are dated pages"
            elif len(found) < len(names):
                count = f"{len(found)} of {_plural(len(names), 'file')} are dated pages"
            else:
                count = f"a folder of {_plural(len(found), 'dated page')}"
            return "markdown", f"{count}, dated by {how}"
    return "markdown", f"{_plural(len(names), file_noun(names))}, {len(dated)} named by a date"


def describe(text: str) -> str:
    """What a file looks like, for an import that found no dated entries in it: its lines and
    headings, e.g. "no dated headings or lines; 40 lines, 3 headings: 'Notes', 'Ideas', ..."."""
    scan = _Scan(text)
    lines = len([line for line in scan.lines if line.strip()])
    if not lines:
        return "the file is empty"
    found = [
        _plural(n, word) for n, word in ((scan.dated_headings, "dated heading"), (scan.dated_lines, "dated line")) if n
    ]
    what = " and ".join(found) if found else "no dated headings or lines"
    shape = _plural(lines, "line")
    if scan.headings:
        shown = ", ".join(repr(h) for h in scan.headings[:3] if h) or "''"
        more = ", ..." if len(scan.headings) > 3 else ""
        shape += f", {_plural(len(scan.headings), 'heading')}: {shown}{more}"
    else:
        shape += ", no headings"
    return f"{what}; {shape}"
