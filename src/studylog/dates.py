"""Parse the dates a learner types: ``today``, ``yesterday``, ``tue``, ``last monday``,
``3 days ago``, ``2024-04-18``, ``Apr 18``, ``18 April 2024``, and the ones that plan:
``tomorrow``, ``next monday``, ``this friday``, ``next week``, ``in 3 days``, ``in 2 weeks``.

A weekday name alone means the most recent such day (today included) when looking back, as for a
done item, and the coming one (today included) when planning (``ahead``: goals, plans). ``next
monday`` is the first Monday after today; ``this friday`` the Friday of this week (Monday to
Sunday); ``next week``/``last week``/``this week`` its Monday. Whether a future day is allowed is
the caller's to say (a done item refuses one).

Every function takes ``today`` so that nothing here reads the clock.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from studylog.errors import UsageError

WEEKDAYS = {
    name: i
    for i, names in enumerate(
        [
            ("monday", "mon"),
            ("tuesday", "tue", "tues"),
            ("wednesday", "wed"),
            ("thursday", "thu", "thur", "thurs"),
            ("friday", "fri"),
            ("saturday", "sat"),
            ("sunday", "sun"),
        ]
    )
    for name in names
}
_RELATIVE = {"today": 0, "yesterday": -1, "tomorrow": 1}
_AGO = re.compile(r"^(\d{1,4})\s+(day|days|week|weeks)\s+ago$")
_WEEKS = {"last week": -1, "this week": 0, "next week": 1}
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_HINT = "use a date like 2024-04-18, 'Apr 18', 'yesterday', 'monday', '3 days ago' or 'next friday'"


def parse_date(text: str, today: date, ahead: bool = False) -> date:
    """Return the date ``text`` names, relative to ``today``; raise UsageError if it names none.
    ``ahead``: a weekday name alone is the coming one (see the module's docstring)."""
    s = " ".join(text.strip().lower().split())
    if not s:
        raise UsageError("empty date", _HINT)
    if s in _RELATIVE:
        return today + timedelta(days=_RELATIVE[s])
    if s in WEEKDAYS:  # the most recent such day, or the coming one; today included
        if ahead:
            return today + timedelta(days=(WEEKDAYS[s] - today.weekday()) % 7)
        return today - timedelta(days=(today.weekday() - WEEKDAYS[s]) % 7)
    word, _, rest = s.partition(" ")
    if word == "last" and rest in WEEKDAYS:  # strictly before today
        back = (today.weekday() - WEEKDAYS[rest]) % 7 or 7
        return today - timedelta(days=back)
    if word == "next" and rest in WEEKDAYS:  # strictly after today
        return today + timedelta(days=(WEEKDAYS[rest] - today.weekday()) % 7 or 7)
    if word == "this" and rest in WEEKDAYS:  # in this week, Monday to Sunday
        return today + timedelta(days=WEEKDAYS[rest] - today.weekday())
    if s in _WEEKS:  # the Monday of that week
        return today + timedelta(days=7 * _WEEKS[s] - today.weekday())
    m = _AGO.match(s)
    if m:
        n = int(m.group(1)) * (7 if m.group(2).startswith("week") else 1)
        return today - timedelta(days=n)
    ahead_by = _in(s)
    if ahead_by is not None:
        return today + timedelta(days=ahead_by)
    if _ISO.match(s):
        try:
            return date.fromisoformat(s)
        except ValueError:
            raise UsageError(f"invalid date {text!r}", _HINT) from None
    return _parse_free(text, s, today)


def _in(s: str) -> int | None:
    """The days ``in 3 days``, ``in a week``, ``in 2 weeks`` name (None: not that form)."""
    words = s.split(" ")
    if len(words) != 3 or words[0] != "in" or words[2] not in ("day", "days", "week", "weeks"):
        return None
    count = words[1]
    if count in ("a", "an", "one"):
        n = 1
    elif count.isascii() and count.isdigit() and len(count) <= 4:
        n = int(count)
    else:
        return None
    return n * (7 if words[2].startswith("week") else 1)


def _parse_free(text: str, s: str, today: date) -> date:
    if not re.search(r"[a-z]", s) and not re.search(r"\d{1,4}[/.]\d{1,2}", s):
        raise UsageError(f"cannot read {text!r} as a date", _HINT)
    if not re.search(r"\d", s):
        raise UsageError(f"cannot read {text!r} as a date", _HINT)

    from datetime import datetime

    from dateutil import parser as dateparser

    # Parsing twice with different defaults tells which parts the text gave: a time of day makes
    # it something other than a date, and a date without a year is taken within the last year.
    first = datetime(2000, 1, 1, 0, 0, 0)
    second = datetime(2004, 2, 2, 1, 1, 1)  # both leap years, so that "Feb 29" parses
    try:
        a, tokens = dateparser.parse(s, default=first, fuzzy_with_tokens=True)
        b = dateparser.parse(s, default=second, fuzzy=True)
    except (ValueError, OverflowError):
        raise UsageError(f"cannot read {text!r} as a date", _HINT) from None
    leftover = "".join(tokens).strip(" ,.")
    if leftover and leftover not in ("of", "the"):
        raise UsageError(f"cannot read {text!r} as a date", _HINT)
    if a.hour == b.hour:
        raise UsageError(f"{text!r} has a time of day; give a date only", _HINT)
    if a.day != b.day:  # no day of the month: "April 2024" is not a day
        raise UsageError(f"{text!r} does not name a day", _HINT)
    if a.month != b.month:
        raise UsageError(f"{text!r} does not name a month", _HINT)
    if a.year == b.year:
        return a.date()
    # No year: the date nearest today (within half a year either way), e.g. "Dec 31" on Jan 1.
    candidates = []
    for year in (today.year - 1, today.year, today.year + 1):
        try:
            candidates.append(date(year, a.month, a.day))
        except ValueError:  # Feb 29 outside a leap year
            continue
    return min(candidates, key=lambda d: (abs((d - today).days), d > today))
