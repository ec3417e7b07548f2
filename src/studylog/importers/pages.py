"""Dated pages: one file per note, dated by its front matter (``date: 2022-08-20T20:53:16-07:00``)
or by a Jekyll post name (``2025-02-13-dependabot-groups.md``), with no dated headings inside.
Both ``import markdown`` and ``import til`` read such a page with :func:`entries`, so a folder of
TIL posts or blog notes gives the same entries whichever form reads it.

The page's date (:func:`page_date`): the front matter's date, else the date its file name starts
with. When both are written and disagree, a post name (a date followed by a slug, Jekyll's
``_posts/YYYY-MM-DD-slug.md``) gives way to the front matter, as Jekyll does; a daily note's name
(the date alone, ``2024-01-05.md``) is the day it is about and wins. A post whose name and front
matter disagree is reported (as doubtful); a daily note is not.

What entries a dated page gives (the rule, in order):

- a page whose body is a list of items (every top-level block, sub-headings aside, is a list
  item): one entry per top-level item, as in a dated section of a markdown log
  (:mod:`studylog.importers.mdbody`): ``- read the DPO paper`` is something done that day;
- any other page (prose, code, a post): one entry, the page itself. Its text is its title: the
  front matter's ``title``, else the first heading when the page starts with one, else the words
  of its file name (``2025-02-13-today-i-learned.md`` → "today i learned"). A "TIL:" label and a
  date that repeats the page's own date are taken off the title ("TIL: Apr 13, 2025 - Weekly
  Reading" → "Weekly Reading"). Its notes are what the page is about, in a few lines, not its
  whole text: the front matter's ``description``, else the first paragraph; then the page's
  sub-headings, as an outline. A page with no title, no heading and a bare date for a name
  reads its blocks as a list page would (its first paragraph is the entry).

Tags: the front matter's ``tags`` (``tags: git``, ``tags: [vim]``, Jekyll's ``tags: go security``)
are tags of every entry of the page, beside those of each entry's own words (see
``ImportedEntry.all_tags``).

Hours come from the entry's own text only (a title such as "Rust ownership (2h)"); a page's body
("Waterfall in 15 Minutes", ":earlier 5m") does not say how long its author studied.

A page with no date anywhere (no front matter date, no date in its name, no dated heading) is
reported with :data:`UNDATED` and gives nothing: its file's times are not a date it was written.

In a folder every markdown file is read (hidden folders aside, see ``cli.io_cmd._files``), its
README or index page too: in a TIL repository that is often the dated index; when it has no
date it is reported like any undated page.

Pure: no files are read here; the callers give the lines.
"""

from __future__ import annotations

import re
from datetime import date

from studylog.hours import format_hours
from studylog.imported import ImportedEntry, Problem
from studylog.importers.datelines import calendar_day, find_date, name_date
from studylog.importers.frontmatter import FrontMatter
from studylog.importers.hours_text import read_hours
from studylog.importers.mdbody import Block, Draft, blocks, drafts
from studylog.importers.status_text import find_status
from studylog.markdown_lines import RULE as _RULE
from studylog.note import Note
from studylog.tags import imported_tags, merge_tags

UNDATED = "no date in its front matter, its name or its headings; not imported"
_TIL_LABEL = re.compile(r"^(?:TIL|today\s+i\s+learned)\s*[:\-\u2013\u2014]\s*(?=\S)", re.IGNORECASE)
_FOOTNOTE = re.compile(r"\s*\[\^[^\]]*\]")
_LEAD = re.compile(r"^[\s\-\u2013\u2014:|,.]+")
_SLUG_SPLIT = re.compile(r"[-_\s]+")


def is_post_name(filename: str | None) -> bool:
    """Whether a file's name is a date followed by words (a Jekyll post), not a daily note's bare date."""
    if not filename or name_date(filename) is None:
        return False
    return bool(_name_words(filename))


def _name_words(filename: str) -> str:
    """The words of a file's name after its date: ``2025-02-13-today-i-learned.md`` → "today i learned"."""
    stem = filename.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    hit = find_date(stem, partial=True)
    if hit is not None and name_date(filename) is not None:
        stem = hit.rest
    return " ".join(w for w in _SLUG_SPLIT.split(stem) if w).strip()


def page_date(filename: str | None, front_day: date | None) -> tuple[date | None, str | None]:
    """The page's date and, when its file name and front matter disagree, what to report (see
    the module docstring)."""
    named = name_date(filename)
    name_day = date(named[0], named[1], named[2]) if named is not None and named[2] is not None else None
    if front_day is None:
        return name_day, None
    if name_day is None or name_day == front_day:
        return front_day, None
    if is_post_name(filename):
        return front_day, (
            f"the file name says {name_day.isoformat()} and the front matter {front_day.isoformat()}; "
            "the front matter's date is used (as Jekyll does)"
        )
    return name_day, None  # a daily note's name is its day (a note is often created the evening before)


def is_page(filename: str | None, front: FrontMatter | None) -> bool:
    """Whether a file with no dated sections of its own is a dated page: a post name, or front
    matter that dates or titles it (as opposed to a daily note named by its date alone, whose
    lines are entries as in any dated section, even with ``tags:`` front matter)."""
    if is_post_name(filename):
        return True
    named = name_date(filename)
    if named is not None and named[2] is not None:  # a daily note (Logseq gives each a title: its date)
        return False
    return front is not None and (front.date() is not None or front.title() is not None)


def _list_page(body: list[Block]) -> bool:
    top = [b for b in body if b.kind != "break" and b.depth == 0 and b.text.strip()]
    return bool(top) and all(b.kind == "item" for b in top)


def _clean_title(title: str, day: date) -> str:
    title = _FOOTNOTE.sub("", title).strip().strip("*_").strip()
    hit = find_date(title, partial=False)
    if hit is not None and hit.end is None and calendar_day(hit.start) == day:
        rest = _LEAD.sub("", hit.rest).strip()
        if any(ch.isalpha() for ch in rest):
            return rest
    label = _TIL_LABEL.match(title)
    return title[label.end() :].strip() if label else title


def _page_draft(body: list[Block], front: FrontMatter | None, filename: str | None, day: date) -> Draft | None:
    """The one entry of a page that is not a list (see the module docstring), or None."""
    content = [b for b in body if b.text.strip()]
    title = front.title() if front is not None else None
    line = content[0].line if content else 1
    rest = content
    if content and _is_heading(content[0]):
        title = title or content[0].text
        line = content[0].line
        rest = content[1:]  # the page's own heading, often the title again
    if not title and filename:
        title = _name_words(filename) or None
    if not title:
        return None
    draft = Draft(_clean_title(title, day) or title, line)
    description = front.fields.get("description") if front is not None else None
    if isinstance(description, str) and description.strip():
        draft.notes.append(Note(description.strip(), 0))
    else:
        lead = next((b for b in rest if b.kind == "para"), None)
        if lead is not None:  # its lines are the wrapping of one paragraph: joined, it reads as one
            draft.notes.append(Note(" ".join(lead.text.split("\n")), 0))
    draft.notes += [Note(b.text, 0) for b in rest if _is_heading(b)]
    return draft


def _is_heading(block: Block) -> bool:
    """A sub-heading with words (mdbody's "break" blocks are sub-headings and rules)."""
    return block.kind == "break" and bool(block.text.strip()) and _RULE.match(block.text) is None


def entries(
    day: date,
    body: list[tuple[int, str]],
    front: FrontMatter | None,
    filename: str | None,
    problems: list[Problem],
    period: tuple[date, date] | None = None,
) -> list[ImportedEntry]:
    """The entries of a dated page on ``day``: ``body`` is its ``(line number, text)`` pairs after
    the front matter (see the module docstring for the rule)."""
    read = blocks(body)
    page_tags = imported_tags(front.fields.get("tags", front.fields.get("Tags"))) if front is not None else []
    if _list_page(read):
        found = drafts(read)
    else:
        page = _page_draft(read, front, filename, day)
        found = [page] if page is not None else drafts(read)
    out: list[ImportedEntry] = []
    for draft in found:
        reading = read_hours(draft.text)
        hours = reading.hours
        if reading.problem:
            problems.append(Problem(draft.line, reading.problem, "doubtful"))
        if hours is not None and hours > 24:
            problems.append(
                Problem(draft.line, f"{format_hours(hours)} is more than 24 hours; hours left empty", "doubtful")
            )
            hours = None
        out.append(
            ImportedEntry(
                "done",
                day,
                draft.text,
                draft.line,
                draft.notes,
                hours,
                period=period,
                status=find_status(draft.text),
                tags=merge_tags(page_tags, draft.tags),
            )
        )
    if not out:
        problems.append(Problem(body[0][0] if body else 1, "nothing is written on this dated page; not imported"))
    return out
