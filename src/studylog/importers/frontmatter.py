"""The metadata block at the top of a page: YAML front matter between ``---`` lines (Jekyll, Hugo,
Astro, Obsidian) or a Pelican / MultiMarkdown header (``Title: Learning Progress 2021`` lines up
to the first blank line). Pure: it reads the lines it is given and only the head of them.

What the importers take from it: the page's date (``date: 2022-08-20T20:53:16-07:00``, a YAML
date, ``Date: 2021-07-31 10:00``) and, for a page whose headings have no year (``## July``), the
year of that date or the year in its title.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from itertools import islice
from typing import Any

from studylog.imported import Problem

MAX_LINES = 200  # a header longer than this is not a header
_PELICAN_KEY = re.compile(r"^([A-Za-z][A-Za-z0-9_ -]{0,30}):[ \t]+(\S.*?)[ \t]*$")
_PELICAN_NEEDS = {"title", "date", "slug"}  # a header names one of these: "Goals:" lines are not one
_YEAR = re.compile(r"(?<!\d)(19\d\d|20\d\d)(?!\d)")
DATE_KEYS = ("date", "created", "published", "pubdate", "pubDate", "created_at")


@dataclass
class FrontMatter:
    fields: dict[str, Any] = field(default_factory=dict)
    end: int = 0  # how many lines it takes (0: the page has none)
    style: str | None = None  # "yaml" or "pelican"
    problems: list[Problem] = field(default_factory=list)

    def date(self) -> date | None:
        """The page's date, from its first date key that holds one."""
        from studylog.importers.datelines import read_day

        for key in DATE_KEYS:
            value = self.fields.get(key, self.fields.get(key.lower()))
            if isinstance(value, datetime):
                return value.date()
            if isinstance(value, date):
                return value
            if isinstance(value, str) and value.strip():
                found = read_day(value.strip()[:10]) or read_day(value.strip())
                if isinstance(found, tuple) and found[1] is None:
                    return found[0]
        return None

    def year(self) -> int | None:
        """The year the page is about: its date's, else a year written in its title."""
        day = self.date()
        if day is not None:
            return day.year
        title = self.fields.get("title", self.fields.get("Title"))
        m = _YEAR.search(title) if isinstance(title, str) else None
        return int(m.group(1)) if m else None

    def title(self) -> str | None:
        title = self.fields.get("title", self.fields.get("Title"))
        return title.strip() if isinstance(title, str) and title.strip() else None


def read(lines: Iterable[str]) -> FrontMatter:
    """The front matter at the top of ``lines`` (only its first :data:`MAX_LINES` are read)."""
    head = [line.rstrip("\r\n") for line in islice(lines, MAX_LINES)]
    if head and head[0].lstrip("\ufeff").rstrip() == "---":
        return _yaml(head)
    return _pelican(head)


def _yaml(head: list[str]) -> FrontMatter:
    for end in range(1, len(head)):
        if head[end].rstrip() in ("---", "..."):
            break
    else:
        return FrontMatter(problems=[Problem(1, "front matter has no closing --- line; read as page text")])
    import yaml

    try:
        data = yaml.safe_load("\n".join(head[1:end]))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = 2 + mark.line if mark else 1
        return FrontMatter(
            end=end + 1, style="yaml", problems=[Problem(line, "front matter is not valid YAML; ignored")]
        )
    except (ValueError, OverflowError) as exc:  # a YAML date that is no day: ``date: 2024-13-45``
        return FrontMatter(
            end=end + 1, style="yaml", problems=[Problem(1, f"front matter holds an impossible value ({exc}); ignored")]
        )
    if data is None:
        data = {}
    if not isinstance(data, dict):
        problem = Problem(2, "front matter is not a set of key: value lines; ignored")
        return FrontMatter(end=end + 1, style="yaml", problems=[problem])
    return FrontMatter({str(k): v for k, v in data.items()}, end + 1, "yaml")


def _pelican(head: list[str]) -> FrontMatter:
    fields: dict[str, Any] = {}
    for number, line in enumerate(head):
        if not line.strip():
            break
        m = _PELICAN_KEY.match(line.lstrip("\ufeff") if number == 0 else line)
        if not m:
            return FrontMatter()
        fields[m.group(1).strip()] = m.group(2)
    else:
        number = len(head)
    if not fields or not {k.lower() for k in fields} & _PELICAN_NEEDS:
        return FrontMatter()
    return FrontMatter({k.lower(): v for k, v in fields.items()}, number, "pelican")
