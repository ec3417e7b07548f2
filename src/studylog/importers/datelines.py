"""Dates as learners write them at the start of a heading, a list item or a file name.

Forms read: ISO ``2024-01-05`` (also ``/`` and ``.``), US ``2/7/2021`` and ``11/22/18`` (day
first when the file shows it, see :func:`slash_order`), dotted European ``05.01.2024``, long
``June 27, 2018`` / ``Jun 1 2025`` / ``19th January 2020``, CJK ``2024년 1월 5일`` /
``2016年6月27日``, ranges of these (``2023-08-12 - 2023-08-18``, ``Jun 1 - Jun 7, 2025``, ``April 4th
through Tuesday, April 6th``), two dates joined by "and" or "&" (``Friday, April 2, 2021 and
Saturday, April 3rd``: the days from the first to the second), one date after two weekdays in a
row (``Monday & Tuesday, 20th August, 2019``: that date and the day next to it), and in
headings also a month alone (``January 2024``, ``2024-01``, ``2024년 1월``), a year alone, a day
alone (``5``, ``5th``, under a month heading) and a long date without a year (``June 27, Monday``).

Labels before the date are skipped: ``Day 3:``, ``R1D5:``, ``Día 0:``, a weekday, emoji and
markup. Nothing here checks the calendar: :class:`DateHit` keeps the numbers as written (February
30 and the year 20205 included) so that the caller can report them by line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

MONTHS = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
WEEKDAYS = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
    "mon": 0,
    "tue": 1,
    "tues": 1,
    "wed": 2,
    "thu": 3,
    "thur": 3,
    "thurs": 3,
    "fri": 4,
    "sat": 5,
    "sun": 6,
}
_MON = "(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WD = "(?:" + "|".join(sorted(WEEKDAYS, key=len, reverse=True)) + r")\.?"
_ORD = r"(?:<sup>\s*(?:st|nd|rd|th)\s*</sup>|st|nd|rd|th)?"  # "22nd", also as HTML: "22<sup>nd</sup>"
_SEP = r"\s*(?:-|–|—|~|through|thru|to|until|\.\.)\s*"

# One full or partial date at the start of the text; every form names its groups y, m, d, mon.
_FORMS = [
    ("iso", r"(?P<y>\d{4,5})(?P<s>[-/._])(?P<m>\d{1,2})(?P=s)(?P<d>\d{1,2})(?![\d/._-]\d)"),
    ("cjk", r"(?P<y>\d{4})\s*[年년]\s*(?P<m>\d{1,2})\s*[月월]\s*(?P<d>\d{1,2})\s*[日일]"),
    ("slash", r"(?P<a>\d{1,2})(?P<s>[/-])(?P<b>\d{1,2})(?P=s)(?P<y>\d{2,5})(?![\d/-])"),
    ("dots", r"(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})(?![\d.]\d)"),
    ("long", rf"(?P<mon>{_MON})\s+(?P<d>\d{{1,2}}){_ORD}(?:\s*,\s*|\s+)(?P<y>\d{{4,5}})(?![\d:])"),
    ("long", rf"(?P<d>\d{{1,2}}){_ORD}\s+(?:of\s+)?(?P<mon>{_MON}),?\s+(?P<y>\d{{4,5}})(?![\d:])"),
    # git log's date: ``May 12 21:58:14 2020 -0400`` (after its weekday), also with a zone name
    (
        "long",
        rf"(?P<mon>{_MON})\s+(?P<d>\d{{1,2}})\s+\d{{1,2}}:\d{{2}}(?::\d{{2}})?(?:\s+(?-i:[A-Z]{{2,5}}))?"
        r"\s+(?P<y>\d{4})(?:\s+[+-]\d{4})?(?![\d:])",
    ),
    ("noyear", rf"(?P<mon>{_MON})\s+(?P<d>\d{{1,2}}){_ORD}(?![\d:/])"),
    ("noyear", rf"(?P<d>\d{{1,2}}){_ORD}\s+(?:of\s+)?(?P<mon>{_MON})(?![\w])"),
]
_FORM_RES = [(kind, re.compile(pattern, re.IGNORECASE)) for kind, pattern in _FORMS]
_MONTH_ONLY = [
    re.compile(rf"(?P<mon>{_MON}),?\s+(?P<y>\d{{4}})(?!\d)", re.IGNORECASE),
    re.compile(r"(?P<y>\d{4})[-/_](?P<m>\d{1,2})(?![\d/_-])"),
    re.compile(r"(?P<y>\d{4})\s*[年년]\s*(?P<m>\d{1,2})\s*[月월]"),
]
_MONTH_NAME = re.compile(rf"(?P<mon>{_MON})(?!\w)", re.IGNORECASE)
_YEAR_ONLY = re.compile(r"(?P<y>\d{4})\s*[年년]?\s*$")
_DAY_ONLY = re.compile(
    rf"(?P<d>\d{{1,2}})(?:{_ORD}|\s*[日일])(?:\s*[,.(]?\s*(?P<wd>{_WD})\)?)?\s*(?:$|[-–—:|](?:\s+|$)|\()", re.IGNORECASE
)
_LABEL = re.compile(
    r"(?:[^\w\s(\[]+\s*"  # emoji, markup, "📅", "**", "- "
    r"|(?:days?|d[ií]as?|giorn[oi]|tage?|jours?)\s*\d+(?:\s*(?:,\s*(?:&|\band\b)?|&|\band\b)\s*\d{1,3}(?!\d))+"
    r"\s*[:\-–—]\s*"  # Day 12,13 : / Day 10, 11, 12, & 13:
    r"|(?:days?|d[ií]as?|giorn[oi]|tage?|jours?)\s*\d+\s*[-–—]\s*\d{1,3}\s*:\s*"  # Days 28-29: (its dates follow)
    r"|(?:days?|d[ií]as?|giorn[oi]|tage?|jours?)\s*\d+\s*[:.\-–—]?\s*"  # Day 3:
    r"|r\d+d\d+\s*[:.\-–—]?\s*"  # R1D5:
    r"|\d+\s*(?:日目|일차)\s*[:.]?\s*"  # 1日目:
    r"|week\s*\d+\s*,?\s*day\s*\d+\s*[:.\-–—]?\s*"
    r"|(?:date|til|log)\s*[:\-–—]\s*"
    rf"|{_WD},?\s+(?=\d|{_MON})"  # Monday, June 27
    rf"|{_WD}\s*(?:/|&|\band\b)\s*{_WD},?\s+(?=\d|{_MON})"  # Sat/Sun, January 6/7
    r"|\[\[?\s*(?=\d)"
    rf"|\(\s*(?=\d|[*_]|{_MON}\b)"  # "Day 0 (**22nd July 2018**)": a date in parentheses
    r")",
    re.IGNORECASE,
)
_WEEKDAY_NEAR = re.compile(
    rf"^[\s,.\-–—:(|*]*(?:week\s*\d+\s*,?\s*day\s*\d+\s*)?[\s,.\-–—:(|*]*(?P<wd>{_WD})(?!\w)"
    rf"|\((?P<wd2>{_WD})\)",
    re.IGNORECASE,
)
_WEEKDAY_WORD = re.compile(rf"(?<!\w)({_WD})(?!\w)", re.IGNORECASE)
_WEEKDAY_LABEL = re.compile(rf"{_WD},?\s+", re.IGNORECASE)
_RANGE_SEP = re.compile(_SEP, re.IGNORECASE)
# Two days named one after the other: ``Friday, April 2, 2021 and Saturday, April 3rd``,
# ``Saturday, January 7, 2017 and Sunday, January 8, 2017``.
_AND_SEP = re.compile(r"\s*,?\s*(?:&|\band\b)\s*", re.IGNORECASE)
_TWO_WEEKDAYS = re.compile(rf"({_WD})\s*(?:/|&|\band\b)\s*({_WD})", re.IGNORECASE)
_RANGE_DAY = re.compile(r"(\d{1,2})" + _ORD + r"(?:\s*,\s*(\d{4}))?(?=\s*(?:$|[(\[:,|]))", re.IGNORECASE)
# Several days under one heading: ``Mar 3 , Mar 4, 2019``, ``Apr 7,8,9 , 2020``, ``Jun 1,Jun 2 ,Jun 4 2020``,
# ``January 6/7, 2018``
# (the year written once, at the end; the month carried over to the days written without one).
_DAY_LIST = re.compile(
    rf"(?P<mon>{_MON})\s*(?P<d>\d{{1,2}}){_ORD}(?![\d:])"
    rf"(?P<more>(?:\s*(?:,|&|/|\band\b)\s*(?:{_MON}\s*)?\d{{1,2}}{_ORD}(?![\d:]))+)"
    r"\s*,?\s*(?P<y>\d{4,5})(?![\d:])",
    re.IGNORECASE,
)
_LIST_DAY = re.compile(rf"(?:(?P<mon>{_MON})\s*)?(?P<d>\d{{1,2}}){_ORD}(?![\d:])", re.IGNORECASE)
_ENTRY_LIKE = re.compile(
    rf"^\W*(?:(?:days?|d[ií]as?)\s*\d+\b|r\d+d\d+\b|week\s*\d+\s*,?\s*day\s*\d+|{_WD}\s*$)", re.IGNORECASE
)


@dataclass(frozen=True)
class Ymd:
    """A date as written: any part may be missing (None); the numbers are not checked."""

    year: int | None
    month: int | None
    day: int | None
    year_text: str = ""  # the year as written ("18", "2018", "20205")


@dataclass(frozen=True)
class DateHit:
    start: Ymd
    end: Ymd | None  # for a range
    rest: str  # the text after the date
    weekday: int | None  # 0 = Monday, when one is written next to the date
    kind: str  # "full", "noyear", "month", "year", "day"
    days: tuple[Ymd, ...] = ()  # every day a heading lists (``Mar 3, Mar 4, 2019``); start and end are its ends


def _ymd(kind: str, m: re.Match[str], order: str) -> Ymd:
    g = m.groupdict()
    year_text = g.get("y") or ""
    year = int(year_text) if year_text else None
    if kind == "slash":
        a, b = int(g["a"]), int(g["b"])
        month, day = (b, a) if order == "dmy" else (a, b)
        return Ymd(year, month, day, year_text)
    month = MONTHS[g["mon"].lower().rstrip(".")] if g.get("mon") else int(g["m"])
    return Ymd(year, month, int(g["d"]), year_text)


def _one(text: str, pos: int, order: str, partial: bool) -> tuple[str, Ymd, int] | None:
    for kind, regex in _FORM_RES:
        if kind == "noyear" and not partial:
            continue
        m = regex.match(text, pos)
        if m:
            return ("noyear" if kind == "noyear" else "full"), _ymd(kind, m, order), m.end()
    return None


def strip_label(text: str) -> str:
    """``text`` without the labels learners put before a date (``Day 3:``, ``R1D5:``, ``📅``)."""
    pos = 0
    for _ in range(6):
        m = _LABEL.match(text, pos)
        if not m or m.end() == pos:
            break
        pos = m.end()
    return text[pos:]


def find_date(text: str, order: str = "mdy", partial: bool = True) -> DateHit | None:
    """The date (or range) at the start of ``text`` after its labels. ``partial`` also reads a
    month, a year or a day alone and a long date without a year (headings); list items pass
    False and only full dates count."""
    stripped = text.strip()
    body = strip_label(stripped)
    if not body or not (body[0].isdigit() or body[0].isalpha()):
        return None
    weekday = _weekday_before(stripped[: len(stripped) - len(body)])
    if body[0].isalpha() and (listed := _DAY_LIST.match(body)):
        days = _listed_days(listed)
        rest = body[listed.end() :]
        return DateHit(days[0], days[-1], rest, weekday, "full", days)
    first = _one(body, 0, order, partial)
    if first is not None:
        kind, start, pos = first
        end = None
        sep = _RANGE_SEP.match(body, pos) or _AND_SEP.match(body, pos)
        if sep:
            after = sep.end()
            label = _WEEKDAY_LABEL.match(body, after)
            second = _one(body, label.end() if label else after, order, True)
            if second is not None:
                _, end, pos = second
                if start.year is None and end.year is not None:
                    start, kind = Ymd(end.year, start.month, start.day, end.year_text), "full"
                elif end.year is None and start.year is not None:
                    end = Ymd(start.year, end.month, end.day, start.year_text)
            else:
                day_only = _RANGE_DAY.match(body, sep.end())
                if day_only and start.month is not None and 1 <= int(day_only.group(1)) <= 31:
                    year = int(day_only.group(2)) if day_only.group(2) else start.year
                    end = Ymd(year, start.month, int(day_only.group(1)), day_only.group(2) or start.year_text)
                    if start.year is None and year is not None:
                        start, kind = Ymd(year, start.month, start.day, str(year)), "full"
                    pos = day_only.end()
        rest = body[pos:]
        if weekday is None:
            weekday = _weekday_after(rest)
        if kind == "noyear" and start.year is None and (end is None or end.year is None):
            return DateHit(start, end, rest, weekday, "noyear")  # a range too: ``November 19-20, Mon-Tue``
        if start.year is None:
            return None
        if end is None and kind == "full" and (pair := _days_of_weekdays(stripped[: len(stripped) - len(body)], start)):
            return DateHit(pair[0], pair[1], rest, None, kind, pair)  # "Monday & Tuesday, 20th August, 2019"
        return DateHit(start, end, rest, weekday, kind)
    if not partial:
        return None
    for regex in _MONTH_ONLY:
        m = regex.match(body)
        if m:
            g = m.groupdict()
            month = MONTHS[g["mon"].lower().rstrip(".")] if g.get("mon") else int(g["m"])
            return DateHit(Ymd(int(g["y"]), month, None, g["y"]), None, body[m.end() :], None, "month")
    m = _MONTH_NAME.match(body)
    if m and TRAILER.match(body[m.end() :]):  # "## July": the year comes from around it
        return DateHit(
            Ymd(None, MONTHS[m.group("mon").lower().rstrip(".")], None), None, body[m.end() :], None, "month"
        )
    m = _YEAR_ONLY.match(body)
    if m:
        return DateHit(Ymd(int(m.group("y")), None, None, m.group("y")), None, "", None, "year")
    m = _DAY_ONLY.match(body)
    if m:
        wd = m.group("wd")
        return DateHit(
            Ymd(None, None, int(m.group("d"))),
            None,
            body[m.end() :],
            WEEKDAYS[wd.lower().rstrip(".")] if wd else weekday,
            "day",
        )
    return None


def _listed_days(m: re.Match[str]) -> tuple[Ymd, ...]:
    year_text = m.group("y")
    year = int(year_text)
    month = MONTHS[m.group("mon").lower().rstrip(".")]
    days = [Ymd(year, month, int(m.group("d")), year_text)]
    for item in _LIST_DAY.finditer(m.group("more")):
        if item.group("mon"):
            month = MONTHS[item.group("mon").lower().rstrip(".")]
        days.append(Ymd(year, month, int(item.group("d")), year_text))
    return tuple(days)


def _days_of_weekdays(prefix: str, ymd: Ymd) -> tuple[Ymd, Ymd] | None:
    """Two days for one date after two weekdays (``Monday & Tuesday, 20th August, 2019``): the
    date is one of them (August 20, 2019 is the Tuesday), the other is the day before or after it.
    None unless the weekdays follow each other and the date falls on one of them."""
    if "&" not in prefix and "/" not in prefix and "and" not in prefix.lower():
        return None
    m = _TWO_WEEKDAYS.search(prefix)
    day = calendar_day(ymd) if m else None
    if m is None or day is None:
        return None
    first, second = (WEEKDAYS[m.group(k).lower().rstrip(".")] for k in (1, 2))
    if (first + 1) % 7 != second or day.weekday() not in (first, second):
        return None
    other = day + timedelta(days=-1 if day.weekday() == second else 1)
    a, b = sorted((day, other))
    return Ymd(a.year, a.month, a.day, str(a.year)), Ymd(b.year, b.month, b.day, str(b.year))


def _weekday_before(prefix: str) -> int | None:
    found = _WEEKDAY_WORD.findall(prefix)
    if len(found) != 1:  # none, or one per listed day ("Sat/Sun,"): no single weekday to check
        return None
    return WEEKDAYS[found[0].lower().rstrip(".")]


def _weekday_after(rest: str) -> int | None:
    m = _WEEKDAY_NEAR.search(rest[:60])
    if not m:
        return None
    return WEEKDAYS[(m.group("wd") or m.group("wd2")).lower().rstrip(".")]


def looks_like_entry(text: str) -> bool:
    """A heading such as ``Day 5`` or ``R1D5`` that names a day of a log but no date."""
    return bool(_ENTRY_LIKE.match(text.strip()))


def name_date(name: str | None) -> tuple[int, int, int | None] | None:
    """``2024-01-05.md``, ``2024_01_05.md``, ``January 5th, 2024.md`` → (2024, 1, 5); ``2024-01.md``
    → (2024, 1, None); else None. The date starts the name; words may follow it."""
    if not name:
        return None
    stem = name.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    hit = find_date(stem, "mdy", partial=True)
    if hit is None or hit.end is not None or hit.rest[:1].isdigit():
        return None
    if hit.kind == "full":
        day = calendar_day(hit.start)
        return (day.year, day.month, day.day) if day is not None else None
    if hit.kind == "month" and hit.start.year is not None and hit.start.month is not None:
        return (hit.start.year, hit.start.month, None) if 1 <= hit.start.month <= 12 else None
    return None


def safe_date(year: int | None, month: int | None, day: int | None) -> date | None:
    if year is None or month is None or day is None:
        return None
    try:
        return date(year, month, day)
    except (ValueError, OverflowError):
        return None


_SLASH = re.compile(r"(?<![\d/])(\d{1,2})[/-](\d{1,2})[/-]\d{2,5}(?![\d/])")


def slash_order(lines: Iterable[str]) -> str:
    """``dmy`` when a file's slashed dates show the day first (a first number above 12 and no
    second number above 12), else ``mdy`` (the US order)."""
    day_first = month_first = 0
    for line in lines:
        if "/" not in line and "-" not in line:
            continue
        for m in _SLASH.finditer(line[:40]):
            a, b = int(m.group(1)), int(m.group(2))
            day_first += a > 12
            month_first += b > 12
    return "dmy" if day_first > month_first else "mdy"


def calendar_day(ymd: Ymd, today: date | None = None) -> date | None:
    """The day ``ymd`` names, or None: a two-digit year is 20YY (19YY when 20YY is after the year
    after ``today``); any other year must be written with four digits."""
    if ymd.year is None:
        return None
    year = ymd.year
    if len(ymd.year_text) == 2:
        year = 2000 + ymd.year
        if today is not None and year > today.year + 1:
            year -= 100
    elif len(ymd.year_text) != 4:
        return None
    return safe_date(year, ymd.month, ymd.day)


# What may follow a date that is all of a heading: punctuation, closing #s, a weekday.
TRAILER = re.compile(rf"^[\s#:.,;()*_\-–—]*(?:{_WD}[\s#:.,;()*_\-–—]*)?$", re.IGNORECASE)


def whole_date(text: str, order: str = "mdy") -> DateHit | None:
    """The full date (or range, or list of days) that is all of ``text`` -- a heading, a
    ``[[link]]``, a file name's stem -- give or take labels, a weekday and punctuation; else None."""
    hit = find_date(text, order, partial=True)  # partial: "Jun 1 - Jun 7, 2023" starts without its year
    if hit is None or hit.kind != "full" or not TRAILER.match(hit.rest):
        return None
    return hit


# What may stand between a line's text and the date that ends it: " - ", an em or en dash, ", ".
_END_SEP = re.compile(r"\s+[-–—]\s+|\s*[–—]\s*|,\s+")
_END_REACH = 48  # the longest date (with a weekday, a time or a range) that ends a line


def end_date(text: str, order: str = "mdy") -> DateHit | None:
    """The full date (or range) that ends ``text``, after its words: ``[title](url) - 2020-10-01``,
    ``title (2021-10-05)``, ``title [Jun 1, 2020]``, ``title — Tue May 12 21:58:14 2020 -0400``.
    The hit's ``rest`` is the text before the date (trailing space removed); None when the text
    does not end with a date, or is only a date. Cheap for a line that does not end in a digit."""
    s = text.rstrip()
    if len(s) < 6:
        return None
    last = s[-1]
    if last in ")]":
        if not s[-2].isdigit():
            return None
        start = s.rfind("(" if last == ")" else "[", max(0, len(s) - _END_REACH - 2))
        if start <= 0:
            return None
        return _ending(s[:start], whole_date(s[start + 1 : -1], order))
    if not last.isdigit():
        return None
    for m in _END_SEP.finditer(s, max(0, len(s) - _END_REACH)):
        if m.start() == 0:
            continue
        hit = whole_date(s[m.end() :], order)
        if hit is not None:  # the leftmost separator that leaves a whole date: "Jun 1, 2020" stays one
            return _ending(s[: m.start()], hit)
    return None


def _ending(before: str, hit: DateHit | None) -> DateHit | None:
    before = before.rstrip()
    if hit is None or not any(ch.isalnum() for ch in before):
        return None
    return DateHit(hit.start, hit.end, before, hit.weekday, hit.kind, hit.days)


def read_day(text: str, order: str = "mdy", today: date | None = None) -> tuple[date, date | None] | str | None:
    """(last day, first day of the range or None) of the date that is all of ``text``; a string
    saying why when it is written like a date but is not one; None when it is not a date."""
    hit = whole_date(text, order)
    if hit is None:
        return None
    first = calendar_day(hit.start, today)
    last = calendar_day(hit.end, today) if hit.end is not None else None
    if first is None or (hit.end is not None and last is None):
        return f"impossible date {text.strip()!r}"
    if last is None:
        return first, None
    if last < first:
        return f"range {text.strip()!r} ends before it starts"
    return last, first
