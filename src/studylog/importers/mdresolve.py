"""Turning the dates written in a log into calendar days, using the entries around them.

Each dated section (an *anchor*) has the date as written. :func:`resolve` gives each one a day
(or a range), a doubt to report, or a reason to skip it:

- an impossible date (February 30) or a range that ends before it starts: skipped;
- a two-digit year: 20YY unless that is after next year, then 19YY;
- a year that cannot be right (20205, 3 or 5 digits, before 1900 or after next year), a written
  weekday that the date does not fall on (``7/6/2026 - Sun`` while July 6, 2026 is a Monday), a
  date after today, or a year that jumps out of line between its neighbours (in a log written in
  date order, not an index grouped by topic): when the year of a
  neighbouring entry gives a date that fits between the neighbours (in the file's order, within
  62 days of the nearer one, on the written weekday if any), that date is used and the line is
  reported as *doubtful*. Otherwise a bad year is skipped, a weekday mismatch is imported as
  written (doubtful) and a date after today is skipped;
- a month (``## July``, with the year of the page or of a year heading): a period from its first
  to its last day, stored on the last; the current month ends today (doubtful), a later one is
  skipped;
- no year (``June 27, Monday``): the year of the month or year heading above it or of the file
  name (no doubt); else the year of the neighbouring entries, checked against the weekday if
  one is written; else the latest year that puts the date on or before today (and on the
  weekday) -- both doubtful.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from itertools import pairwise

from studylog.importers.datelines import Ymd, safe_date

NEAR_DAYS = 62
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass
class Written:
    """One anchor's date as written, plus what the file around it tells."""

    line: int
    start: Ymd
    end: Ymd | None = None
    weekday: int | None = None
    context_year: int | None = None  # from a month/year heading or the file name


@dataclass
class Resolved:
    day: date | None = None  # None: skipped
    period: tuple[date, date] | None = None
    doubt: str | None = None
    skip: str | None = None


def _year(ymd: Ymd, today: date) -> int | None:
    """The written year, expanded and checked: None when it cannot be right."""
    if ymd.year is None:
        return None
    if len(ymd.year_text) == 2:
        year = 2000 + ymd.year
        return year if year <= today.year + 1 else year - 100
    if len(ymd.year_text) != 4 or not 1900 <= ymd.year <= today.year + 1:
        return None
    return ymd.year


def _fmt(ymd: Ymd) -> str:
    """The date as written, in ISO order: ``20205-06-10``, ``2016-02-30``, ``????-06-27``."""
    return f"{ymd.year_text or '????'}-{ymd.month or 0:02d}-{ymd.day or 0:02d}"


def resolve(written: list[Written], today: date) -> list[Resolved]:
    out: list[Resolved] = []
    first: list[tuple[date | None, str]] = []  # (date, state) with state ok, typo, bad, noyear
    for w in written:
        r, state = _first_pass(w, today)
        out.append(r)
        first.append((r.day, state))
    good = [r.day if state == "ok" else None for r, (_, state) in zip(out, first, strict=True)]
    ascending = _ascending([d for d in good if d is not None])
    in_order = _in_order([d for d in good if d is not None])
    prev_good = _running(good)
    next_good = list(reversed(_running(list(reversed(good)))))
    for i, (w, r) in enumerate(zip(written, out, strict=True)):
        state = first[i][1]
        p = prev_good[i - 1] if i > 0 else None
        n = next_good[i + 1] if i + 1 < len(written) else None
        if state == "typo":
            fix = _fit(w, p, n, ascending)
            if fix:
                out[i] = Resolved(
                    fix,
                    doubt=f"the year in {_fmt(w.start)} cannot be right; read as {fix.isoformat()}, "
                    f"which fits between the entries around it",
                )
            else:
                out[i] = Resolved(
                    skip=f"the year in {_fmt(w.start)} cannot be right, and the entries around it "
                    f"do not tell which year was meant"
                )
        elif state == "noyear":
            out[i] = _no_year(w, p, n, written, i, today)
        elif state == "ok" and r.period is None and r.day is not None:
            out[i] = _check(w, r.day, p, n, ascending, today, in_order)
        found = out[i]
        last = found.period[1] if found.period else found.day
        if found.day is not None and last is not None and last > today:
            out[i] = Resolved(skip=f"{found.day.isoformat()} is after today ({today.isoformat()})")
    return out


def _first_pass(w: Written, today: date) -> tuple[Resolved, str]:
    if w.start.day is None and w.end is None:
        return _month(w, today)
    if w.start.year is None:
        if w.context_year is None:
            return Resolved(), "noyear"
        day = safe_date(w.context_year, w.start.month, w.start.day)
        if day is None:
            return Resolved(skip=f"{_fmt(w.start)} is not a date in {w.context_year}"), "bad"
        spanned = _spanning(w, Resolved(day))
        return spanned, ("bad" if spanned.skip else "ok")
    year = _year(w.start, today)
    if year is None:
        month_day_ok = safe_date(2000, w.start.month, w.start.day) is not None
        return (
            (Resolved(), "typo")
            if month_day_ok and w.end is None
            else (Resolved(skip=f"{_fmt(w.start)} is not a date"), "bad")
        )
    day = safe_date(year, w.start.month, w.start.day)
    if day is None:
        return Resolved(skip=f"{_fmt(w.start)} is not a date (no such day in that month)"), "bad"
    if w.end is None:
        return Resolved(day), "ok"
    end_year = _year(w.end, today)
    end = safe_date(end_year, w.end.month, w.end.day)
    if end is None or end < day:
        return Resolved(skip=f"the range {_fmt(w.start)} - {_fmt(w.end)} is not a range of days"), "bad"
    return Resolved(end, period=(day, end)), "ok"


def _month(w: Written, today: date) -> tuple[Resolved, str]:
    """A month heading with its year (``## July`` on a page of 2021): a period over the month, stored
    on its last day. A month not over yet ends today (said as a doubt); one that has not begun is
    skipped."""
    year = _year(w.start, today) if w.start.year is not None else w.context_year
    month = w.start.month
    if year is None or month is None or not 1 <= month <= 12:
        return Resolved(skip=f"{_fmt(w.start)[:7]} is not a month"), "bad"
    first = date(year, month, 1)
    last = date(year, month, calendar.monthrange(year, month)[1])
    if first > today:
        return Resolved(skip=f"{first:%B %Y} is after today ({today.isoformat()})"), "bad"
    if last > today:
        why = f"{first:%B %Y} is not over yet: its period ends today ({today.isoformat()}), not on {last.isoformat()}"
        return Resolved(today, period=(first, today), doubt=why), "ok"
    return Resolved(last, period=(first, last)), "ok"


def _ascending(days: list[date]) -> bool:
    up = sum(1 for a, b in pairwise(days) if b > a)
    down = sum(1 for a, b in pairwise(days) if b < a)
    return up >= down


def _in_order(days: list[date]) -> bool:
    """Whether the log is written in date order (either way), so that a date out of line with its
    neighbours is a typo: at least 3 steps in 4 go the same way. An index grouped by topic is not."""
    up = sum(1 for a, b in pairwise(days) if b > a)
    down = sum(1 for a, b in pairwise(days) if b < a)
    return max(up, down) * 4 >= (up + down) * 3


def _running(values: list[date | None]) -> list[date | None]:
    """For each position, the last non-None value at or before it."""
    out, last = [], None
    for value in values:
        last = value if value is not None else last
        out.append(last)
    return out


def _fit(w: Written, p: date | None, n: date | None, ascending: bool, not_year: int | None = None) -> date | None:
    """A date with a neighbour's year that fits between the neighbours (and on the weekday)."""
    for year in dict.fromkeys(d.year for d in (p, n) if d is not None):
        if year == not_year:
            continue
        candidate = safe_date(year, w.start.month, w.start.day)
        if candidate is None or (w.weekday is not None and candidate.weekday() != w.weekday):
            continue
        lo, hi = (p, n) if ascending else (n, p)
        if (lo is not None and candidate < lo) or (hi is not None and candidate > hi):
            continue
        if min(abs((candidate - d).days) for d in (p, n) if d is not None) <= NEAR_DAYS:
            return candidate
    return None


def _check(
    w: Written, day: date, p: date | None, n: date | None, ascending: bool, today: date, in_order: bool = True
) -> Resolved:
    written_weekday = w.weekday
    wrong_weekday = written_weekday is not None and day.weekday() != written_weekday
    lo, hi = (p, n) if ascending else (n, p)
    out_of_line = in_order and lo is not None and hi is not None and lo <= hi and not lo <= day <= hi
    if not (wrong_weekday or day > today or out_of_line):
        return Resolved(day)
    fix = _fit(w, p, n, ascending, not_year=day.year)
    if fix is not None:
        why = (
            f"{day.isoformat()} is a {_DAYS[day.weekday()]}, the line says {_DAYS[written_weekday]}"
            if written_weekday is not None and wrong_weekday
            else f"{day.isoformat()} is after today"
            if day > today
            else f"{day.isoformat()} is out of line with the entries around it"
        )
        return Resolved(fix, doubt=f"{why}; read as {fix.isoformat()} (the year of the entries around it)")
    if written_weekday is not None and wrong_weekday:
        return Resolved(
            day, doubt=f"{day.isoformat()} is a {_DAYS[day.weekday()]}, the line says {_DAYS[written_weekday]}"
        )
    return Resolved(day)


def _spanning(w: Written, start: Resolved) -> Resolved:
    """A range written without a year (``November 19-20``, ``December 30 - January 2``), once its first
    day has a year: a period to its last day, in the same year or, when it wraps, the next."""
    if w.end is None or start.day is None:
        return start
    year = start.day.year + (1 if (w.end.month or 0, w.end.day or 0) < (start.day.month, start.day.day) else 0)
    end = safe_date(year, w.end.month, w.end.day)
    if end is None or end < start.day or (end - start.day).days > 62:
        return Resolved(skip=f"the range {_fmt(w.start)} - {_fmt(w.end)} is not a range of days")
    return Resolved(end, period=(start.day, end), doubt=start.doubt)


def _no_year(w: Written, p: date | None, n: date | None, written: list[Written], i: int, today: date) -> Resolved:
    years = [d.year for d in (p, n) if d is not None]
    for j in (k for delta in range(1, 50) for k in (i - delta, i + delta) if 0 <= k < len(written)):
        year = _year(written[j].start, today)
        if year is not None:
            years.append(year)
            break
    for year in dict.fromkeys(years):
        day = safe_date(year, w.start.month, w.start.day)
        if day is not None and (w.weekday is None or day.weekday() == w.weekday):
            why = f"; {day:%B} {day.day}, {year} is a {_DAYS[w.weekday]}" if w.weekday is not None else ""
            return _spanning(
                w,
                Resolved(
                    day, doubt=f"no year written: read as {day.isoformat()} (the year of the entries around it{why})"
                ),
            )
    for year in range(today.year, today.year - 28, -1):
        day = safe_date(year, w.start.month, w.start.day)
        if day is not None and day <= today and (w.weekday is None or day.weekday() == w.weekday):
            return _spanning(
                w,
                Resolved(
                    day,
                    doubt=f"no year written and none near it: read as {day.isoformat()}, the latest such day up to today",
                ),
            )
    return Resolved(skip=f"no year written for {_fmt(w.start)} and none could be worked out")
