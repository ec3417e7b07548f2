"""The TIL page: Jekyll front matter, then one ``# heading`` per week, day or logged range, newest
first, each over a numbered list of what was done (notes nested with tabs, as on the learner's page).

Entries imported from a TIL page are written exactly as they were imported, so that importing a
page and exporting it gives the page back. Other entries are dressed for the page:

* hours: when the entry has hours and its text does not already say them, the text goes through
  ``til.hours_template`` ("Around {duration}: {text}": "Around 1.5 hours: reviewed backprop notes",
  "Around 1 hour: ...", "Around 40 minutes: ..."; see :func:`with_hours_template`);
* links: an entry linked to a curriculum item whose text has no link of its own becomes a link to
  the item, ``[text](url)``; when the text cannot be a link text (it has brackets, backticks or
  several lines) the link is appended instead: ``text ([link](url))``.

Every line of text is escaped (``escape_line``) and indented under its list item, so that nothing
from the log can become a heading, a rule or a new list item on the page.

Two things make the page read back exactly (``import til`` undoes both, see
:mod:`studylog.importers.til`):

* Liquid: Jekyll runs every page through Liquid before markdown, so a ``{{`` or ``{%`` in a text
  would be executed by the site build. Each one is written as ``{% raw %}{{{% endraw %}`` (Jekyll's
  documented escape; one pair per opening, so that no text, not even ``{% endraw %}``, can end
  it early): the built page shows the text as it was logged.
* hours: when what an import would read from the written text is not exactly the stored hours
  (the text mentions other hours, "read 3 hours of lectures" logged as 1 hour; the template's
  rounded duration, "Around 2.25 hours" for 2.3; no hours but a text that mentions some), the item
  ends with an HTML comment, invisible on the built page: ``<!-- studylog hours: 2.3 -->`` (or
  ``none``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from studylog.importers.hours_text import find_hours
from studylog.importers.til import HOURS_MARK, hours_mark
from studylog.markdown_lines import block
from studylog.note import Note
from studylog.store.db import Store
from studylog.store.exports import done_days, done_entries
from studylog.store.records import Done

FRONT_MATTER = ("layout", "permalink", "title", "description", "nav", "nav_order")
_MENTIONS_HOURS = re.compile(r"\bhours?\b|\bhrs?\b|\d\s*h\b|\bminutes?\b|\bmins?\b|\d\s*m\b", re.IGNORECASE)
_HAS_LINK = re.compile(r"\]\(|\]\[|https?://|<[a-z]+:", re.IGNORECASE)
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


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


def duration(hours: float) -> str:
    """Hours as a person writes them: under an hour in minutes, to the nearest 5 (0.67 → "40
    minutes", at least "5 minutes"); up to 10 hours to the nearest quarter hour ("1 hour", "1.5
    hours", "2.25 hours"); from 10 hours on in whole hours ("15 hours")."""
    minutes = max(5, 5 * round(hours * 12))
    if minutes < 60:
        return f"{minutes} minutes"
    rounded = max(1.0, round(hours * 4) / 4 if hours < 10 else float(round(hours)))
    return "1 hour" if rounded == 1 else f"{format_number(rounded)} hours"


DEFAULT_TEMPLATE = "Around {duration}: {text}"


def with_hours_template(template: str, hours: float, text: str) -> str:
    """``text`` through ``template``: ``{duration}`` is the hours in words (:func:`duration`),
    ``{hours}`` the bare number (``{hours} hours`` reads as ``{duration}``, so a template written
    for the old default says "1 hour" and "40 minutes" too); a text with no letters or digits
    leaves only the duration ("Around 1 hour")."""
    words = any(ch.isalnum() for ch in text)
    try:
        written = template.replace("{hours} hours", "{duration}").format(
            hours=format_number(hours), duration=duration(hours), text=text if words else "\x00"
        )
    except (KeyError, IndexError, ValueError, AttributeError):
        return f"{text} ({format_number(hours)}h)"
    if not words:  # the duration alone: what stood around the text goes with it
        before, _, after = written.partition("\x00")
        before = before.rstrip(" \t\n:,;-")
        before = before[:-3].rstrip() if before.endswith(" to") else before
        written = (before + " " + after.lstrip(" \t\n:,;-")).strip() or text
    return written


def page_text(entry: Done, url_for: Callable[[str], str | None], template: str) -> str:
    """The text written for the done ``entry`` (see the module docstring)."""
    if entry.source == "til":
        return entry.text
    text = entry.text
    with_hours = bool(entry.hours) and not _MENTIONS_HOURS.search(text)
    if with_hours:
        text = lower_first(text)
    url = url_for(entry.item) if entry.item and not _HAS_LINK.search(text) else None
    if url and not re.search(r"[<>\n]", url):
        text = with_link(text, url)
    if entry.hours and with_hours:
        text = with_hours_template(template, entry.hours, text)
    return text


_LIQUID = re.compile(r"\{[{%]")


def escape_liquid(text: str) -> str:
    """``text`` with every Liquid opening (``{{``, ``{%``) inside its own ``{% raw %}`` pair."""
    if "{" not in text:
        return text
    return _LIQUID.sub(lambda m: "{% raw %}" + m.group(0) + "{% endraw %}", text)


# What an import reads from a line, asked of every line of the page. A page repeats its texts
# ("Around 1 hour: worked on the exercises"), and reading one costs tens of microseconds: each is
# read once. Bounded, so that the export of a 100k-entry store keeps flat memory.
_reads = lru_cache(maxsize=8192)(find_hours)


def written_text(entry: Done, text: str) -> str:
    """``text`` (the entry's text for the page, :func:`page_text`) as the page writes it: Liquid
    escaped, and with the hours mark when an import would not read the stored hours from it."""
    if _reads(text) != entry.hours or HOURS_MARK.search(text):
        text = text.rstrip() + " " + hours_mark(entry.hours)
    return escape_liquid(text)


def numbered(entries: list[tuple[str, Sequence[Note]]], spaced: Sequence[bool] = ()) -> list[str]:
    """A numbered list; notes as nested numbered lists indented with tabs (with spaces when a
    number is too wide for a tab to nest under it, and for the entries ``spaced`` says: those
    whose notes were indented with spaces on the page they came from)."""
    out: list[str] = []
    for number, (text, notes) in enumerate(entries, start=1):
        with_spaces = number <= len(spaced) and spaced[number - 1]
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
            indent = "\t" * (depth + 1) if 4 * (depth + 1) >= column and not with_spaces else " " * column
            note_marker = f"{counters[depth]}. "
            content = len(indent.expandtabs(4)) + len(note_marker)
            parent_content.append(content)
            out += block(escape_liquid(note.text), indent + note_marker, indent + " " * len(note_marker))
    return out


def section(entries: list[tuple[Done, str]]) -> list[str]:
    """A section's body: runs of list items, and paragraph-style entries as paragraphs."""
    out: list[str] = []
    run: list[tuple[str, Sequence[Note]]] = []
    spaced: list[bool] = []

    def flush() -> None:
        if run:
            if out:
                out.append("")
            out.extend(numbered(run, spaced))
            run.clear()
            spaced.clear()

    for entry, text in entries:
        if entry.style == "paragraph" and not entry.notes:
            flush()
            if out:
                out.append("")
            out.extend(block(text, "", ""))
        else:
            run.append((text, entry.notes))
            spaced.append(entry.style == "spaces")
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
    """Every section of the page, newest first (from the distinct days and periods only). An
    entry logged for a period goes under that period's own heading (``# A - B``, as the learner
    writes them), unless the period lies inside one week of a page grouped by week."""
    keys: set[Key] = set()
    for logged in done_days(store, first, last):
        if group == "week":
            start = week_start(logged.day, settings.get("week_start", "monday"))
            week = (start, start + timedelta(days=6), True)
            keys.add(week if logged.period is None or _inside(logged.period, week) else (*logged.period, True))
        elif logged.period and (group == "range" or logged.period[0] < logged.period[1]):
            keys.add((*logged.period, True))
        else:
            keys.add((logged.day, logged.day, False))
    return sorted(keys, key=lambda k: (k[1], k[0], k[2]), reverse=True)


def _inside(period: tuple[date, date] | None, key: Key) -> bool:
    return period is None or (key[0] <= period[0] and period[1] <= key[1])


def _is_week(key: Key, settings: dict[str, Any]) -> bool:
    return week_start(key[0], settings.get("week_start", "monday")) == key[0] and key[1] == key[0] + timedelta(days=6)


def section_entries(
    store: Store,
    key: Key,
    group: str,
    first: date | None,
    last: date | None,
    settings: dict[str, Any] | None = None,
) -> list[Done]:
    """The done entries under one section, in the order they were logged (by day, then id)."""
    start, end, is_range = key
    if is_range and (group != "week" or not _is_week(key, settings or {})):
        return done_entries(store, first, last, period=(start, end))  # a period's own heading
    low = max(first, start) if first else start  # the section's days within first..last
    high = min(last, end) if last else end
    if group == "range":
        return done_entries(store, low, high, outside_periods=True)
    found = done_entries(store, low, high)
    return [e for e in found if (_inside(e.period, key) if group == "week" else _one_day(e.period))]


def _one_day(period: tuple[date, date] | None) -> bool:
    return period is None or period[0] == period[1]


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
    template = settings.get("til.hours_template", DEFAULT_TEMPLATE)
    for line in front_matter(settings):
        yield line + "\n"
    for n, key in enumerate(section_keys(store, first, last, group, settings)):
        start, end, is_range = key
        if n:
            yield "\n"
        yield (f"# {start.isoformat()} - {end.isoformat()}" if is_range else f"# {start.isoformat()}") + "\n"
        entries = section_entries(store, key, group, first, last, settings)
        written = [(entry, written_text(entry, page_text(entry, url_for, template))) for entry in entries]
        for line in section(written):
            yield line + "\n"
