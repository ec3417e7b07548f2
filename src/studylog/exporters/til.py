"""The TIL page: Jekyll front matter, then one ``# heading`` per week, day or logged range, newest
first, each over a numbered list of what was done (notes nested with tabs, as on the learner's page).

Entries imported from a TIL page are written exactly as they were imported, so that importing a
page and exporting it gives the page back. Other entries are dressed for the page:

* hours: when the entry has hours and its text does not already say them, the text goes through
  ``til.hours_template`` ("Around {hours} hours to {text}");
* links: an entry linked to a curriculum item whose text has no link of its own becomes a link to
  the item, ``[text](url)``; when the text cannot be a link text (it has brackets, backticks or
  several lines) the link is appended instead: ``text ([link](url))``.

Every line of text is escaped (``escape_line``) and indented under its list item, so that nothing
from the log can become a heading, a rule or a new list item on the page.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from studylog.importers.til import escape_line
from studylog.store.db import Store
from studylog.store.entries import day_range
from studylog.store.records import Note, as_date

FRONT_MATTER = ("layout", "permalink", "title", "description", "nav", "nav_order")
_MENTIONS_HOURS = re.compile(r"\bhours?\b|\bhrs?\b|\d\s*h\b", re.IGNORECASE)
_HAS_LINK = re.compile(r"\]\(|\]\[|https?://|<[a-z]+:", re.IGNORECASE)
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@dataclass
class Item:
    id: int
    day: date
    text: str
    hours: float | None
    item: str | None
    period: tuple[date, date] | None
    style: str | None
    source: str | None
    notes: list[Note] = field(default_factory=list)


def _where(store: Store, first: date | None, last: date | None) -> tuple[str, dict[str, Any]]:
    days, params = day_range(first, last, "e.day")
    return "e.owner = :owner AND e.kind = 'done'" + (f" AND {days}" if days else ""), {"owner": store.owner, **params}


def done_items(store: Store, where: str, params: dict[str, Any]) -> list[Item]:
    """The done entries matching ``where``, oldest first, with their notes."""
    rows = store.rows(
        "SELECT e.id, e.day, e.text, e.hours, e.item, e.period_start, e.period_end, e.style, "
        f"e.source FROM entry e WHERE {where} ORDER BY e.day, e.id",
        **params,
    )
    items = {
        r["id"]: Item(
            r["id"],
            as_date(r["day"]),
            r["text"],
            r["hours"],
            r["item"],  # type: ignore[arg-type]
            (as_date(r["period_start"]), as_date(r["period_end"])) if r["period_start"] else None,
            r["style"],
            r["source"],
        )
        for r in rows
    }
    for r in store.rows(
        "SELECT n.entry_id, n.depth, n.text FROM note n JOIN entry e ON e.id = n.entry_id "
        f"WHERE {where} ORDER BY n.entry_id, n.position",
        **params,
    ):
        items[r["entry_id"]].notes.append(Note(r["text"], r["depth"]))
    return list(items.values())


# -- text ----------------------------------------------------------------------------------------


def format_number(hours: float) -> str:
    """2.3 → "2.3", 15.0 → "15"."""
    return f"{hours:.2f}".rstrip("0").rstrip(".")


def lower_first(text: str) -> str:
    """ "Read the paper" → "read the paper", but "DPO paper" stays."""
    return text[0].lower() + text[1:] if len(text) > 1 and text[1].islower() else text


def with_link(text: str, url: str) -> str:
    target = f"<{url}>" if re.search(r"[\s()]", url) else url
    if re.search(r"[\[\]`\n<>]", text):
        return f"{text} ([link]({target}))"
    return f"[{text}]({target})"


def page_text(item: Item, url_for: Callable[[str], str | None], template: str) -> str:
    """The text written for ``item`` (see the module docstring)."""
    if item.source == "til":
        return item.text
    text = item.text
    with_hours = item.hours is not None and not _MENTIONS_HOURS.search(text)
    if with_hours:
        text = lower_first(text)
    url = url_for(item.item) if item.item and not _HAS_LINK.search(text) else None
    if url and not re.search(r"[<>\n]", url):
        text = with_link(text, url)
    if with_hours:
        try:
            text = template.format(hours=format_number(item.hours), text=text)  # type: ignore[arg-type]
        except (KeyError, IndexError, ValueError, AttributeError):
            text = f"{text} ({format_number(item.hours)}h)"  # type: ignore[arg-type]
    return text


def block(text: str, first: str, indent: str) -> list[str]:
    """``text`` as lines: the first after ``first`` (a list marker, or nothing), the others indented
    by ``indent``; every line escaped so that it stays text; blank lines inside kept blank (at the
    start and end they are dropped: a list item cannot start with two blank lines)."""
    given = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    while len(given) > 1 and not given[-1].strip():
        given.pop()
    while len(given) > 1 and not given[0].strip():
        given.pop(0)
    lines = []
    for n, line in enumerate(given):
        line = escape_line(line.lstrip())
        if n == 0:
            lines.append(first + line)
        else:
            lines.append(indent + line if line else "")
    return lines


def numbered(entries: list[tuple[str, list[Note]]]) -> list[str]:
    """A numbered list; notes as nested numbered lists indented with tabs (with spaces when a
    number is too wide for a tab to nest under it)."""
    out: list[str] = []
    for number, (text, notes) in enumerate(entries, start=1):
        marker = f"{number}. "
        out += block(text, marker, " " * len(marker))
        counters: list[int] = []
        # parent_content[d]: column where the text of the parent of a depth-d note starts
        parent_content = [len(marker)]
        for note in notes:
            depth = min(note.depth, len(counters))  # no level skipped: it would become code
            del counters[depth + 1 :], parent_content[depth + 1 :]
            if len(counters) == depth:
                counters.append(0)
            counters[depth] += 1
            column = parent_content[depth]
            indent = "\t" * (depth + 1) if 4 * (depth + 1) >= column else " " * column
            note_marker = f"{counters[depth]}. "
            content = len(indent.expandtabs(4)) + len(note_marker)
            parent_content.append(content)
            out += block(note.text, indent + note_marker, indent + " " * len(note_marker))
    return out


def section(entries: list[tuple[Item, str]]) -> list[str]:
    """A section's body: runs of list items, and paragraph-style entries as paragraphs."""
    out: list[str] = []
    run: list[tuple[str, list[Note]]] = []

    def flush() -> None:
        if run:
            if out:
                out.append("")
            out.extend(numbered(run))
            run.clear()

    for item, text in entries:
        if item.style == "paragraph" and not item.notes:
            flush()
            if out:
                out.append("")
            out.extend(block(text, "", ""))
        else:
            run.append((text, item.notes))
    flush()
    return out


# -- the page -------------------------------------------------------------------------------------


def _yaml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    text = str(value)
    if (
        re.fullmatch(r"[A-Za-z0-9/][^:#\n\"'\\]*", text)
        and text == text.strip()
        and text.lower() not in ("true", "false", "yes", "no", "on", "off", "null", "~")
        and not re.fullmatch(r"[-+.\d_eE:]+", text)
    ):
        return text
    import json

    return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid YAML scalar


def front_matter(settings: dict[str, Any]) -> list[str]:
    return ["---", *(f"{key}: {_yaml_value(settings[f'til.{key}'])}" for key in FRONT_MATTER), "---"]


def week_start(day: date, first_weekday: str) -> date:
    start = _WEEKDAYS.index(first_weekday.lower()) if first_weekday.lower() in _WEEKDAYS else 0
    return day - timedelta(days=(day.weekday() - start) % 7)


Key = tuple[date, date, bool]  # a section: (start, end, is a range)


def section_keys(
    store: Store, first: date | None, last: date | None, group: str, settings: dict[str, Any]
) -> list[Key]:
    """Every section of the page, newest first (from the distinct days and periods only)."""
    where, params = _where(store, first, last)
    keys: set[Key] = set()
    for r in store.rows(f"SELECT DISTINCT e.day, e.period_start, e.period_end FROM entry e WHERE {where}", **params):
        day = as_date(r["day"])
        if group == "week":
            start = week_start(day, settings.get("week_start", "monday"))  # type: ignore[arg-type]
            keys.add((start, start + timedelta(days=6), True))
        elif group == "range" and r["period_start"]:
            keys.add((as_date(r["period_start"]), as_date(r["period_end"]), True))  # type: ignore[arg-type]
        else:
            keys.add((day, day, False))  # type: ignore[arg-type]
    return sorted(keys, key=lambda k: (k[1], k[0], k[2]), reverse=True)


def section_items(store: Store, key: Key, group: str, first: date | None, last: date | None) -> list[Item]:
    """The entries under one section, in the order they were logged (by day, then id)."""
    where, params = _where(store, first, last)
    start, end, is_range = key
    if group == "range" and is_range:
        where += " AND e.period_start = :start AND e.period_end = :end"
    elif group == "range":
        where += " AND e.day = :start AND e.period_start IS NULL"
    else:
        where += " AND e.day >= :start AND e.day <= :end"
    return done_items(store, where, {**params, "start": start, "end": end})


def render_til(
    store: Store,
    url_for: Callable[[str], str | None],
    first: date | None,
    last: date | None,
    group: str,
    settings: dict[str, Any],
) -> Iterator[str]:
    """The TIL page for done entries from ``first`` to ``last``, line by line (one section in
    memory at a time); ``group`` is week, day or range."""
    template = settings.get("til.hours_template", "Around {hours} hours to {text}")
    for line in front_matter(settings):
        yield line + "\n"
    for n, key in enumerate(section_keys(store, first, last, group, settings)):
        start, end, is_range = key
        if n:
            yield "\n"
        yield (f"# {start.isoformat()} - {end.isoformat()}" if is_range else f"# {start.isoformat()}") + "\n"
        items = section_items(store, key, group, first, last)
        for line in section([(item, page_text(item, url_for, template)) for item in items]):
            yield line + "\n"
